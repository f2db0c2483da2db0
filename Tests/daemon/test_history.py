"""`exitreadyctl history` against a real exitreadyd whose history spans several days.

The daemon reads "today" from a file (`--now-override @FILE`); the test writes a date, asks
for an evaluation (Evaluate), and so builds evaluations on three days, then checks what the
client shows: one point per day by default, every evaluation with --every, a note when the
limit cut older entries, and lines no wider than COLUMNS.

    python3 -m unittest Tests/daemon/test_history.py      (make test runs it)

EXITREADY_BIN names the folder with the binaries (default .build/debug).
"""
import datetime
import json
import os
import subprocess
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_daemon import BIN, Daemon, varlink_call  # noqa: E402

CONTRACT = "rheinruf-de"


def utc_today():
    """Today as exitreadyctl sees it under TZ=UTC."""
    return datetime.datetime.now(datetime.timezone.utc).date()


class DatedDaemon(Daemon):
    """The demo daemon, its "today" read from a file at each evaluation."""

    def start(self, env=None, pass_fds=(), command_prefix=None):
        self.today_file = self.path("today")
        self.set_today(utc_today())
        environment = dict(os.environ, NOTIFY_SOCKET=self.path("notify"), TZ="UTC")
        self.launch(
            [os.path.join(BIN, "exitreadyd"), "--config", self.config, "--now-override", "@" + self.today_file],
            environment)
        self.wait_for("READY=1")
        threading.Thread(target=self.drain, daemon=True).start()
        return self

    def drain(self):
        """Reads the daemon's notifications from now on: with ten unread in the queue of the
        notify socket, the daemon's next one would wait."""
        while self.process.poll() is None:
            try:
                self.receive()
            except OSError:  # closed by close()
                return

    def set_today(self, day):
        with open(self.today_file, "w") as out:
            out.write(day.isoformat() + "\n")

    def evaluate(self):
        reply = varlink_call(self.socket_path, "io.exitready.Monitor.Evaluate", timeout=300)
        self.test.assertIn("parameters", reply, reply)
        return reply["parameters"]


class HistoryTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.daemon = DatedDaemon(unittest.TestCase())
        cls.daemon.start()
        # Days 10 and 5 days back and today, so that --since 7d keeps the last two even if
        # the date turns while the test runs. The start evaluated once (on today's date, the
        # file's first content), then: two evaluations on the first day, two on the second,
        # one today; the last of each day is remembered.
        today = utc_today()
        cls.days = [today - datetime.timedelta(days=10), today - datetime.timedelta(days=5), today]
        cls.last_of_day = {}
        for day, count in zip(cls.days, [2, 2, 1]):
            cls.daemon.set_today(day)
            for _ in range(count):
                reply = cls.daemon.evaluate()
                cls.assert_equal(reply["evaluated"], day.isoformat())
            cls.last_of_day[day.isoformat()] = reply["evaluated_at"]

    @classmethod
    def assert_equal(cls, got, expected):
        if got != expected:
            raise AssertionError(f"{got!r} != {expected!r}")

    @classmethod
    def tearDownClass(cls):
        cls.daemon.close()

    def ctl(self, *arguments, columns="200"):
        result = subprocess.run([os.path.join(BIN, "exitreadyctl"), "history", "--socket", self.daemon.socket_path,
                                 *arguments], env=dict(os.environ, COLUMNS=columns, TZ="UTC"),
                                capture_output=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        return result.stdout.decode()

    def json(self, *arguments):
        return json.loads(self.ctl("--json", *arguments))

    def expected_days(self):
        return [day.isoformat() for day in reversed(self.days)]

    def test_one_point_per_day_by_default_the_days_last_evaluation(self):
        for subject in [(), (CONTRACT,)]:
            reply = self.json(*subject)
            self.assertFalse(reply["truncated"])
            self.assertEqual([entry["day"] for entry in reply["entries"]], self.expected_days())
            self.assertEqual([entry["evaluated_at"] for entry in reply["entries"]],
                             [self.last_of_day[day] for day in self.expected_days()])
        text = self.ctl()
        self.assertIn("(3 days, oldest to newest)", text)
        self.assertNotIn("cut", text)
        for day in self.expected_days():
            self.assertIn(self.last_of_day[day], text)

    def test_every_shows_each_evaluation(self):
        reply = self.json("--every")
        self.assertFalse(reply["truncated"])
        # Today's start evaluation, then five asked for.
        self.assertEqual(len(reply["entries"]), 6)
        self.assertIn("(6 evaluations, oldest to newest)", self.ctl("--every", CONTRACT))

    def test_limit_and_since_count_days_or_evaluations(self):
        cut = self.json("--limit", "1")
        self.assertTrue(cut["truncated"])
        self.assertEqual([entry["day"] for entry in cut["entries"]], self.expected_days()[:1])
        self.assertFalse(self.json("--limit", "3")["truncated"])
        self.assertTrue(self.json("--every", "--limit", "5")["truncated"])
        self.assertFalse(self.json("--every", "--limit", "6")["truncated"])
        since = self.json("--since", "7d")
        self.assertEqual([entry["day"] for entry in since["entries"]], self.expected_days()[:2])
        self.assertFalse(since["truncated"])
        self.assertEqual(len(self.json("--since", "7d", "--every")["entries"]), 4)

    def test_a_cut_is_said_in_the_table_output(self):
        text = self.ctl("--limit", "1")
        self.assertIn("Showing the newest day; older ones were cut: use --limit or --since.", text)
        self.assertIn("Showing the newest 2 evaluations; older ones were cut", self.ctl("--every", "--limit", "2", CONTRACT))

    def test_every_line_fits_the_terminal_width(self):
        for arguments in [(), ("--every",), ("--limit", "1"), (CONTRACT, "--every", "--limit", "4")]:
            text = self.ctl(*arguments, columns="40")
            lines = text.splitlines()
            self.assertTrue(lines[0].startswith("History of "), text)
            for line in lines:
                self.assertLessEqual(len(line), 40, f"{arguments}:\n{text}")
        wide = self.ctl("--every", columns="200")
        self.assertLessEqual(max(len(line) for line in wide.splitlines()), 200)


if __name__ == "__main__":
    unittest.main()
