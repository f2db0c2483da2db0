"""What an operator meets first, with the real exitreadyd and exitreadyctl and a real journald.

A reload of an invalid configuration, a daemon started on an invalid inventory, a --config path
that does not exist, alert ids as the journal has them, one alert for an edit with several
errors, one log line per evaluation, plain lines on a terminal, and watch starting with the
current state.

    python3 -m unittest Tests/daemon/test_operator.py      (make test runs it)

EXITREADY_BIN names the folder with the binaries (default .build/debug). Under CI=true a
missing journald is a failure, not a skip.
"""
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_daemon import BIN, MESSAGE_IDS, NOW, Daemon, journal_available  # noqa: E402
from journal_barrier import journal_barrier  # noqa: E402  (Tests/journal_barrier.py, on the path test_daemon sets)

INVENTORY_RECOVERED = "dd0fdde3eb404539a8aaa5b9a8e0b7bb"


def ctl(daemon, *arguments, env=None):
    environment = dict(os.environ, TZ="Europe/Amsterdam", NO_COLOR="1")
    environment.update(env or {})
    return subprocess.run([os.path.join(BIN, "exitreadyctl"), *arguments, "--socket", daemon.socket_path],
                          capture_output=True, text=True, env=environment, timeout=120)


def journal(pids, since, **fields):
    """Journal entries of these processes since `since` whose fields have these values, once
    journald has stored everything sent before the call."""
    matches = []
    for pid in pids:
        if matches:
            matches.append("+")
        matches += [f"{key}={value}" for key, value in fields.items()] + [f"_PID={pid}"]
    journal_barrier()  # everything sent before this call is readable now
    output = subprocess.run(["journalctl", "-o", "json", "--no-pager", f"--since=@{int(since) - 1}"] + matches,
                            check=True, capture_output=True).stdout.decode()
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def wait_for_journal(test, pids, since, count, timeout=30, **fields):
    """Waits until the journal holds at least `count` such entries; returns them all."""
    deadline = time.monotonic() + timeout
    while True:
        entries = journal(pids, since, **fields)
        if len(entries) >= count or time.monotonic() > deadline:
            test.assertGreaterEqual(len(entries), count, f"journal entries with {fields}: {entries}")
            return entries
        time.sleep(0.2)


def break_contract(daemon, name="webcare-social.yaml", old="criticality: standard", new="criticality: essential"):
    path = daemon.path(f"inventory/contracts/{name}")
    with open(path) as handle:
        text = handle.read()
    assert old in text, (path, old)
    with open(path, "w") as handle:
        handle.write(text.replace(old, new))
    return path, text


class ReloadAndConfigurationTests(unittest.TestCase):
    def test_a_config_path_that_does_not_exist_is_an_error(self):
        missing = os.path.join(tempfile.mkdtemp(prefix="exitreadyd-test-"), "bad", "path.conf")
        result = subprocess.run([os.path.join(BIN, "exitreadyd"), "--config", missing], capture_output=True,
                                text=True, timeout=60)
        self.assertEqual(result.returncode, 78, result.stderr)
        self.assertIn(missing, result.stderr)


@unittest.skipUnless(journal_available() or os.environ.get("CI") == "true", "no journald running")
class OperatorTests(unittest.TestCase):
    def setUp(self):
        if os.environ.get("CI") == "true":
            self.assertTrue(journal_available(), "CI=true: journald must run (Tests/daemon/ensure-journald.sh)")
        self.since = time.time()

    def test_a_reload_that_keeps_the_old_configuration_says_so(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            with open(daemon.config) as handle:
                original = handle.read()
            with open(daemon.config, "a") as handle:
                handle.write("[Alerts]\nDropTreshold=3\n")
            line = original.count("\n") + 2
            result = ctl(daemon, "reload")
            self.assertEqual(result.returncode, 1, result)
            self.assertIn(f"{daemon.config}:{line}: unknown key DropTreshold=", result.stderr)
            self.assertIn("not reloaded", result.stderr)
            self.assertNotIn("Reloaded", result.stdout)
            status = ctl(daemon, "status")
            self.assertIn(f"not reloaded: {daemon.config}:{line}:", status.stdout)
            problem = json.loads(ctl(daemon, "status", "--json").stdout)["configuration_error"]
            self.assertEqual((problem["file"], problem["line"]), (daemon.config, line))
            with open(daemon.config, "w") as handle:
                handle.write(original)
            self.assertEqual(ctl(daemon, "reload").returncode, 0)
            self.assertIsNone(json.loads(ctl(daemon, "status", "--json").stdout)["configuration_error"])
            self.assertNotIn("not reloaded", ctl(daemon, "status").stdout)
        finally:
            daemon.close()

    def test_a_daemon_started_on_an_invalid_inventory_says_what_is_true(self):
        daemon = Daemon(self)
        try:
            path, text = break_contract(daemon)
            daemon.start()
            status = ctl(daemon, "status")
            self.assertEqual(status.returncode, 3, status)
            self.assertTrue(status.stdout.startswith("EXITREADY UNKNOWN - no valid inventory yet (1 error)"), status.stdout)
            self.assertIn("no valid inventory yet, nothing is scored", status.stdout)
            self.assertNotIn("last valid inventory is scored", status.stdout)
            self.assertIn(f"{path}:", status.stdout)
            for command in (["scores"], ["explain", "dialoog-email"]):
                result = ctl(daemon, *command)
                self.assertEqual(result.returncode, 3, result)
                self.assertIn("no valid inventory yet", result.stderr)
                self.assertIn(f"{path}:", result.stderr)
                self.assertNotIn("try again shortly", result.stderr)
            with open(path, "w") as handle:
                handle.write(text)
            self.assertEqual(ctl(daemon, "evaluate").returncode, 0)
            self.assertEqual(ctl(daemon, "scores").returncode, 1)  # the demo portfolio is at-risk
        finally:
            daemon.close()

    def test_one_alert_for_an_edit_with_four_errors_and_one_for_recovery(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            originals = {}
            for name, old, new in [("webcare-social.yaml", "criticality: standard", "criticality: essential"),
                                   ("dialoog-email.yaml", "supplier: ", "suplier: "),
                                   ("klantlijn-inbound.yaml", "notice_days: ", "notice_dayz: ")]:
                path, text = break_contract(daemon, name, old, new)
                originals[path] = text
            processes = daemon.path("inventory/processes.csv")
            with open(processes) as handle:
                originals[processes] = handle.read()
            with open(processes, "a") as handle:
                handle.write("klantlijn-inbound,bad-one,Bad,semiformal,x,processes/x.md,yes,yes,yes,2026-05-20\n")
            self.assertEqual(ctl(daemon, "evaluate").returncode, 0)
            entries = wait_for_journal(self, daemon.pids, self.since, 1, MESSAGE_ID=MESSAGE_IDS["inventory-invalid"])
            self.assertEqual(len(entries), 1, [e["MESSAGE"] for e in entries])
            message = entries[0]["MESSAGE"]
            count = len(json.loads(ctl(daemon, "status", "--json").stdout)["inventory_errors"])
            self.assertGreaterEqual(count, 4)
            self.assertIn(f"The inventory has {count} errors: ", message)
            self.assertEqual(len(re.findall(r"/inventory/[^:]+:\d+:\d+: ", message)), 3, message)
            self.assertIn(f"and {count - 3} more (exitreadyctl validate lists them all)", message)
            self.assertEqual(ctl(daemon, "evaluate").returncode, 0)  # the same errors: no second alert
            for path, text in originals.items():
                with open(path, "w") as handle:
                    handle.write(text)
            self.assertEqual(ctl(daemon, "evaluate").returncode, 0)
            wait_for_journal(self, daemon.pids, self.since, 1, MESSAGE_ID=INVENTORY_RECOVERED)
            self.assertEqual(len(journal(daemon.pids, self.since, MESSAGE_ID=MESSAGE_IDS["inventory-invalid"])), 1)
            self.assertEqual(len(journal(daemon.pids, self.since, MESSAGE_ID=INVENTORY_RECOVERED)), 1)
        finally:
            daemon.close()

    def test_a_date_in_the_future_is_a_warning_with_its_place_and_scores_are_unchanged(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            before = daemon.call("io.exitready.Monitor.GetScores")["parameters"]["contracts"]
            path, _ = break_contract(daemon, "klantlijn-inbound.yaml", "last_audit: 2026-01-12", "last_audit: 2062-01-12")
            self.assertEqual(ctl(daemon, "evaluate").returncode, 0)
            place = f"{path}:38:13: warning: last_audit: 2062-01-12 is after the evaluation date {NOW}"
            logged = [e for e in wait_for_journal(self, daemon.pids, self.since, 1, PRIORITY="4") if place in e["MESSAGE"]]
            self.assertEqual(len(logged), 1, logged)
            self.assertTrue(logged[0]["MESSAGE"].startswith(f"inventory: {place}"), logged[0]["MESSAGE"])
            warnings = json.loads(ctl(daemon, "status", "--json").stdout)["inventory_warnings"]
            self.assertEqual([(w["file"], w["line"], w["column"]) for w in warnings], [(path, 38, 13)])
            self.assertIn(place, ctl(daemon, "status").stdout)
            after = daemon.call("io.exitready.Monitor.GetScores")["parameters"]["contracts"]
            self.assertEqual([c["score"] for c in after], [c["score"] for c in before])
            self.assertEqual(ctl(daemon, "evaluate").returncode, 0)  # logged once, not at every evaluation
            logged = [e for e in journal(daemon.pids, self.since, PRIORITY="4") if place in e["MESSAGE"]]
            self.assertEqual(len(logged), 1)
        finally:
            daemon.close()

    def test_alert_ids_are_the_journals(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            break_contract(daemon)
            self.assertEqual(ctl(daemon, "evaluate").returncode, 0)
            entry = wait_for_journal(self, daemon.pids, self.since, 1, MESSAGE_ID=MESSAGE_IDS["inventory-invalid"])[0]
            alerts = json.loads(ctl(daemon, "alerts", "--json").stdout)["alerts"]
            self.assertIn(entry["EXITREADY_ALERT_ID"], [alert["id"] for alert in alerts])
            self.assertIn(entry["EXITREADY_ALERT_ID"], ctl(daemon, "alerts", env={"COLUMNS": "400"}).stdout)
        finally:
            daemon.close()

    def test_each_evaluation_logs_one_info_line_with_fields(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            self.assertEqual(ctl(daemon, "evaluate").returncode, 0)
            entries = wait_for_journal(self, daemon.pids, self.since, 2, EXITREADY_EVALUATED=NOW)
            self.assertEqual(len(entries), 2)
            entry = entries[-1]
            self.assertEqual(entry["PRIORITY"], "6")
            self.assertEqual((entry["EXITREADY_SCORE"], entry["EXITREADY_BAND"]), ("63.3", "at-risk"))
            self.assertEqual(entry["EXITREADY_ACTIVE_CONTRACTS"], "5")
            counts = [int(entry[f"EXITREADY_{band}"]) for band in ("READY", "AT_RISK", "NOT_READY")]
            self.assertEqual(sum(counts), 5)
            self.assertRegex(entry["MESSAGE"], rf"^evaluated {NOW} in \d+\.\d\d s: portfolio 63\.3 at-risk; "
                                               rf"5 active contracts: {counts[0]} ready, {counts[1]} at-risk, "
                                               rf"{counts[2]} not-ready; 1 ended$")
        finally:
            daemon.close()

    def test_on_a_terminal_the_daemon_prints_plain_lines(self):
        daemon = Daemon(self)
        main, terminal = pty.openpty()
        process = None
        try:
            break_contract(daemon)  # an alert at start, echoed on the terminal
            environment = dict(os.environ, TZ="Europe/Amsterdam")
            process = subprocess.Popen([os.path.join(BIN, "exitreadyd"), "--config", daemon.config, "--now-override", NOW],
                                       stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal, env=environment)
            daemon.pids.append(process.pid)
            daemon.process = process  # stopped by daemon.close()
            os.close(terminal)
            terminal = None
            output = b""
            deadline = time.monotonic() + 120
            while b"inventory-invalid" not in output and time.monotonic() < deadline:
                ready, _, _ = select.select([main], [], [], 1)
                if ready:
                    try:
                        output += os.read(main, 65536)
                    except OSError:
                        break
            text = output.decode(errors="replace")
            self.assertIn("inventory-invalid", text)
            self.assertNotIn("MESSAGE_ID", text)
            self.assertNotIn("EXITREADY_", text)
            lines = [line for line in text.replace("\r", "").split("\n") if line]
            for line in lines:
                self.assertRegex(line, r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (trace|debug|info|notice|warning|error|critical): ")
            self.assertTrue(any(re.search(r"error: alert \S+-\d+ inventory-invalid: The inventory has 1 error: ", line)
                                for line in lines), lines)
            # The alert still reached the journal, where journalctl -x explains it.
            wait_for_journal(self, [process.pid], self.since, 1, MESSAGE_ID=MESSAGE_IDS["inventory-invalid"])
        finally:
            if terminal is not None:
                os.close(terminal)
            os.close(main)
            daemon.close()

    def test_watch_prints_the_current_state_at_once(self):
        daemon = Daemon(self)
        watcher = None
        try:
            daemon.start()
            environment = dict(os.environ, TZ="Europe/Amsterdam", NO_COLOR="1")
            watcher = subprocess.Popen([os.path.join(BIN, "exitreadyctl"), "watch", "--socket", daemon.socket_path],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
            ready, _, _ = select.select([watcher.stdout], [], [], 60)
            self.assertTrue(ready, "watch printed nothing within 60 s without a new evaluation")
            first = watcher.stdout.readline().decode()
            self.assertRegex(first, r"Portfolio 63\.3 at-risk · 5 active contracts · weakest \S+ · current$")
            self.assertEqual(ctl(daemon, "evaluate").returncode, 0)
            ready, _, _ = select.select([watcher.stdout], [], [], 60)
            self.assertTrue(ready, "no line for the evaluation")
            self.assertIn("no contract changed", watcher.stdout.readline().decode())
        finally:
            if watcher:
                watcher.kill()
                watcher.communicate()  # waits, and closes its pipes
            daemon.close()


if __name__ == "__main__":
    unittest.main()
