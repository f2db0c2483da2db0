"""A year of history with the real binaries: exitreadyd evaluates the demo once a simulated day
for 365 days (its date from `--now-override @FILE`, its clock from the file named by
EXITREADYD_TEST_CLOCK, both set by the test), with HistoryRetention=30d so that the first
eleven months are kept as one evaluation per day. Then:

- `exitreadyctl history --csv` gives one row per day for the portfolio and for each contract,
  with the scores `exitreadyctl check --now DAY` gives for that day;
- `exitreadyctl changes --since DAY` lists exactly the findings (code and subject) that
  `check --now` shows appeared and vanished between that day and the last;
- GetScores carries the provenance, its digests equal to the coreutils commands' output.

    python3 -m unittest Tests/daemon/test_year.py      (make test runs it)

EXITREADY_BIN names the folder with the binaries (default .build/debug).
"""
import calendar
import csv
import datetime
import io
import json
import os
import subprocess
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_daemon import BIN, CHECKLIST, Daemon, varlink_call  # noqa: E402

DAYS = 365
# A year that ends well before today: the dataroom's scans carry real times, and a simulated
# clock ahead of them would prune them.
FIRST = datetime.date.today() - datetime.timedelta(days=DAYS + 40)
HEADER = "day,scope,contract,status,criticality,score,band,contract_score,dataroom_score,processes_score,staff_score"


def noon(day, hour=12):
    return calendar.timegm(day.timetuple()) + hour * 3600


class YearDaemon(Daemon):
    """The demo daemon whose date and clock the test sets."""

    def start(self, env=None, pass_fds=(), command_prefix=None):
        self.today_file = self.path("today")
        self.clock_file = self.path("clock")
        self.set(FIRST, 8)
        environment = dict(os.environ, NOTIFY_SOCKET=self.path("notify"), TZ="UTC",
                           EXITREADYD_TEST_CLOCK=self.clock_file)
        self.launch(
            [os.path.join(BIN, "exitreadyd"), "--config", self.config, "--now-override", "@" + self.today_file],
            environment)
        self.wait_for("READY=1")
        threading.Thread(target=self.drain, daemon=True).start()
        return self

    def drain(self):
        while self.process.poll() is None:
            try:
                self.receive()
            except OSError:
                return

    def set(self, day, hour=12):
        for path, text in ((self.today_file, day.isoformat()), (self.clock_file, str(noon(day, hour)))):
            with open(path + ".new", "w") as out:
                out.write(text + "\n")
            os.replace(path + ".new", path)

    def evaluate(self):
        reply = varlink_call(self.socket_path, "io.exitready.Monitor.Evaluate", timeout=300)
        if "parameters" not in reply:
            raise AssertionError(reply)
        return reply["parameters"]


def run(*arguments, **kwargs):
    result = subprocess.run(list(arguments), capture_output=True, timeout=300, env=dict(os.environ, TZ="UTC"), **kwargs)
    return result


class YearOfHistoryTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.daemon = YearDaemon(unittest.TestCase(), extra_config="HistoryRetention=30d\n")
        cls.daemon.start()
        cls.days = [FIRST + datetime.timedelta(days=offset) for offset in range(DAYS)]
        for index, day in enumerate(cls.days):
            # Two evaluations on the first and the last day (10:00 and noon): the first day's
            # earlier one is pruned, the last day's stays.
            hours = [10, 12] if index in (0, DAYS - 1) else [12]
            for hour in hours:
                cls.daemon.set(day, hour)
                reply = cls.daemon.evaluate()
                if reply["evaluated"] != day.isoformat():
                    raise AssertionError(f"{reply['evaluated']} != {day}")

    @classmethod
    def tearDownClass(cls):
        cls.daemon.close()

    def ctl(self, *arguments):
        result = run(os.path.join(BIN, "exitreadyctl"), *arguments)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        return result.stdout.decode()

    def check(self, day):
        """The offline evaluation of the daemon's inventory and dataroom on `day`."""
        result = run(os.path.join(BIN, "exitreadyctl"), "check", "--json", "--now", day.isoformat(),
                     "--inventory", self.daemon.path("inventory"), "--checklist", CHECKLIST,
                     "--dataroom", self.daemon.path("dataroom"))
        self.assertIn(result.returncode, (0, 1, 2), result.stderr.decode())
        return json.loads(result.stdout)

    def test_history_csv_has_one_row_per_day_for_the_portfolio_and_each_contract(self):
        text = self.ctl("history", "--csv", "--database", self.daemon.path("exitready.db"))
        lines = text.splitlines()
        self.assertEqual(lines[0], HEADER)
        rows = list(csv.DictReader(io.StringIO(text)))
        contracts = sorted(os.path.splitext(name)[0] for name in os.listdir(self.daemon.path("inventory/contracts")))
        self.assertEqual(len(rows), DAYS * (1 + len(contracts)))
        by_day = {}
        for row in rows:
            by_day.setdefault(row["day"], []).append(row)
        self.assertEqual(sorted(by_day), [day.isoformat() for day in self.days])
        for day, day_rows in by_day.items():
            self.assertEqual([(row["scope"], row["contract"]) for row in day_rows],
                             [("portfolio", "")] + [("contract", id) for id in contracts], day)
        # The scores of a few days are those check gives for them.
        for day in (self.days[0], self.days[100], self.days[-1]):
            document = self.check(day)
            day_rows = by_day[day.isoformat()]
            self.assertEqual(float(day_rows[0]["score"]), document["portfolio"]["score"])
            for row, contract in zip(day_rows[1:], document["contracts"]):
                self.assertEqual(row["contract"], contract["id"])
                self.assertEqual((row["status"], row["criticality"], float(row["score"]), row["band"]),
                                 (contract["status"], contract["criticality"], contract["score"], contract["band"]))
                self.assertEqual([float(row[family + "_score"]) for family in ("contract", "dataroom", "processes", "staff")],
                                 [contract["families"][family] for family in ("contract", "dataroom", "processes", "staff")])
        # --since and a contract narrow it.
        since = self.days[-10].isoformat()
        narrow = self.ctl("history", "--csv", "--since", since, contracts[0], "--database", self.daemon.path("exitready.db"))
        narrow_rows = list(csv.DictReader(io.StringIO(narrow)))
        self.assertEqual([row["day"] for row in narrow_rows], [day.isoformat() for day in self.days[-10:]])
        self.assertEqual({row["contract"] for row in narrow_rows}, {contracts[0]})

    def test_history_csv_says_why_it_cannot_read(self):
        ctl = os.path.join(BIN, "exitreadyctl")
        not_a_database = self.daemon.path("exitreadyd.conf")
        for arguments, message in (
                (["--database", not_a_database], f"cannot read the history in {not_a_database}"),
                (["--database", self.daemon.path("missing/exitready.db")], "unable to open database file"),
                (["no-such-contract", "--database", self.daemon.path("exitready.db")],
                 "no stored evaluation of no-such-contract")):
            result = run(ctl, "history", "--csv", *arguments)
            self.assertEqual(result.returncode, 3, result.stderr)
            self.assertIn(message, result.stderr.decode())
            self.assertEqual(result.stdout, b"")
        usage = run(ctl, "history", "--csv", "--every", "--database", self.daemon.path("exitready.db"))
        self.assertEqual(usage.returncode, 64)
        self.assertIn("--csv goes with neither --every, --limit nor --json", usage.stderr.decode())

    def test_the_retention_keeps_every_evaluation_inside_it_and_the_days_last_beyond(self):
        entries = json.loads(self.ctl("history", "--json", "--every", "--limit", "1000", "--socket", self.daemon.socket_path))
        days = [entry["day"] for entry in entries["entries"]]
        self.assertEqual(days.count(self.days[-1].isoformat()), 2)
        self.assertEqual(days.count(self.days[0].isoformat()), 1)
        self.assertEqual(len(days), DAYS + 1)
        daily = json.loads(self.ctl("history", "--json", "--limit", "1000", "--socket", self.daemon.socket_path))
        self.assertEqual(len(daily["entries"]), DAYS)
        self.assertFalse(daily["truncated"])

    def test_changes_lists_exactly_the_findings_that_appeared_and_vanished(self):
        for since in (self.days[0], self.days[200], self.days[-31]):
            then = self.check(since)
            now = self.check(self.days[-1])
            reply = json.loads(self.ctl("changes", "--json", "--since", since.isoformat(), "--socket", self.daemon.socket_path))
            self.assertEqual(reply["since"], since.isoformat())
            self.assertEqual(reply["evaluated"], self.days[-1].isoformat())
            expected = []
            for before, after in zip(then["contracts"], now["contracts"]):
                keys_before = {(f["code"], f["subject"]) for f in before["findings"]}
                keys_after = {(f["code"], f["subject"]) for f in after["findings"]}
                appeared = sorted(keys_after - keys_before, key=str)
                resolved = sorted(keys_before - keys_after, key=str)
                if appeared or resolved or before["score"] != after["score"]:
                    expected.append((after["id"], before["score"], after["score"], appeared, resolved))
            got = [(change["contract"], change["score_then"], change["score_now"],
                    sorted(((f["code"], f["subject"]) for f in change["appeared"]), key=str),
                    sorted(((f["code"], f["subject"]) for f in change["resolved"]), key=str))
                   for change in reply["changes"]]
            self.assertEqual(got, expected, since)
            self.assertTrue(any(change[3] or change[4] for change in expected), "the year changes some findings")
        # The table for people names the contracts and codes.
        table = self.ctl("changes", "--since", self.days[0].isoformat(), "--socket", self.daemon.socket_path)
        self.assertIn("Changes between the end of " + self.days[0].isoformat(), table)
        unknown = run(os.path.join(BIN, "exitreadyctl"), "changes", "no-such-contract", "--socket", self.daemon.socket_path)
        self.assertEqual(unknown.returncode, 3)
        self.assertIn("no-such-contract", unknown.stderr.decode())
        # Without --since: 30 days before the last evaluation.
        default = json.loads(self.ctl("changes", "--json", "--socket", self.daemon.socket_path))
        self.assertEqual(default["since"], (self.days[-1] - datetime.timedelta(days=30)).isoformat())

    def test_get_scores_carries_the_provenance_as_coreutils_recomputes_it(self):
        provenance = varlink_call(self.daemon.socket_path, "io.exitready.Monitor.GetScores")["parameters"]["provenance"]
        command = "find . -type f ! -path '*/.*' -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum"
        for key, folder in (("inventory_sha256", "inventory"), ("dataroom", "dataroom")):
            result = run("/bin/sh", "-c", command, cwd=self.daemon.path(folder))
            digest = result.stdout.decode().split()[0]
            self.assertEqual(provenance[key]["sha256"] if key == "dataroom" else provenance[key], digest, key)
        checklist = run("sha256sum", CHECKLIST).stdout.decode().split()[0]
        self.assertEqual(provenance["checklist_sha256"], checklist)
        self.assertEqual(provenance["rules"], 1)
        self.assertEqual(provenance["weights"], {"contract": 30, "dataroom": 25, "processes": 25, "staff": 20})
        self.assertEqual(provenance["evaluated_at"],
                         datetime.datetime.fromtimestamp(noon(self.days[-1]), datetime.timezone.utc)
                         .strftime("%Y-%m-%dT%H:%M:%SZ"))
        self.assertEqual(provenance["dataroom"]["files"],
                         sum(len(files) for _, _, files in os.walk(self.daemon.path("dataroom"))))


if __name__ == "__main__":
    unittest.main()
