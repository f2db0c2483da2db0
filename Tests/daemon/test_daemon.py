"""exitreadyd started as a real process, the way systemd starts it.

Checks the sd_notify conversation (READY, STATUS, WATCHDOG, RELOADING, STOPPING) on a datagram
socket the test owns, journal alerts read back from a real systemd-journald with journalctl,
that a restart repeats no alert, that an invalid inventory edit alerts and the last valid
scores stay served, that an overdue action alerts once per due date, and socket activation
with a passed descriptor.

    python3 -m unittest Tests/daemon/test_daemon.py      (make test runs it)

EXITREADY_BIN names the folder with the binaries (default .build/debug). Under CI=true a
missing journald is a failure, not a skip.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from journal_barrier import journal_barrier  # noqa: E402  (Tests/journal_barrier.py)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("EXITREADY_BIN", os.path.join(ROOT, ".build", "debug"))
DEMO = os.path.join(ROOT, "examples", "demo")
CHECKLIST = os.path.join(ROOT, "etc", "exitready", "dataroom.yaml")
NOW = "2026-12-01"
MESSAGE_IDS = {
    "band-dropped": "d031dece840e4671b9cf9ffbc1c5a63f",
    "inventory-invalid": "9054c78ebc4c446aa9670cc208a4d5dd",
    "dataroom-unreachable": "9f11a461d2344f53a83a1fe4e3ff7e47",
    "action-overdue": "c1207f06b417462490ac7aa045253ac4",
}


def journal_available():
    return os.path.exists("/run/systemd/journal/socket") and shutil.which("journalctl") is not None


def varlink_call(path, method, parameters=None, timeout=10):
    """One Varlink call over a Unix socket, written here so the test depends on neither client."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        connection.connect(path)
        message = {"method": method}
        if parameters is not None:
            message["parameters"] = parameters
        connection.sendall(json.dumps(message).encode() + b"\0")
        data = b""
        while not data.endswith(b"\0"):
            chunk = connection.recv(65536)
            if not chunk:
                raise ConnectionError("the daemon closed the connection")
            data += chunk
        return json.loads(data[:-1])


class Daemon:
    """A copy of the demo, a configuration for it, and exitreadyd running on it."""

    def __init__(self, test, interval="1h", extra_config=""):
        self.test = test
        self.dir = tempfile.mkdtemp(prefix="exitreadyd-test-")
        os.chmod(self.dir, 0o755)
        shutil.copytree(os.path.join(DEMO, "inventory"), self.path("inventory"))
        shutil.copytree(os.path.join(DEMO, "dataroom"), self.path("dataroom"))
        for base, dirs, files in os.walk(self.path("dataroom")):
            for name in files:
                os.chmod(os.path.join(base, name), 0o640)
        self.socket_path = self.path("io.exitready.Monitor")
        self.config = self.path("exitreadyd.conf")
        with open(self.config, "w") as out:
            out.write(f"""[Inventory]
Directory={self.path('inventory')}
Checklist={CHECKLIST}
[Dataroom]
Root={self.path('dataroom')}
[Daemon]
Database={self.path('exitready.db')}
Socket={self.socket_path}
SocketMode=0666
Interval={interval}
{extra_config}""")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(self.path("notify"))
        self.notify.settimeout(0.2)
        self.messages = []
        self.process = None
        self.pids = []

    def path(self, relative):
        return os.path.join(self.dir, relative)

    def start(self, env=None, pass_fds=(), command_prefix=None):
        environment = dict(os.environ, NOTIFY_SOCKET=self.path("notify"), TZ="Europe/Amsterdam")
        environment.update(env or {})
        command = [os.path.join(BIN, "exitreadyd"), "--config", self.config, "--now-override", NOW]
        if command_prefix:
            command = command_prefix + command
        self.launch(command, environment, pass_fds)
        self.wait_for("READY=1")
        return self

    def launch(self, command, environment, pass_fds=()):
        """Starts the command with its output in a file of the daemon's folder: a pipe nobody reads
        could fill and stop the daemon, and would stay open after it."""
        with open(self.path("output"), "ab") as output:
            self.process = subprocess.Popen(command, env=environment, pass_fds=pass_fds,
                                            stdout=output, stderr=subprocess.STDOUT)
        self.pids.append(self.process.pid)

    def output(self):
        with open(self.path("output"), "rb") as output:
            return output.read().decode(errors="replace")

    def receive(self):
        try:
            data = self.notify.recv(4096).decode()
        except socket.timeout:
            return None
        self.messages.append(data)
        return data

    def wait_for(self, field, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # An exit seen before reading: what it sent before exiting (STOPPING=1) is read first.
            exited = self.process.poll() is not None
            message = self.receive()
            if message and field in message.split("\n"):
                return message
            if exited and message is None:
                self.test.fail(f"exitreadyd exited with {self.process.returncode} waiting for {field}:\n{self.output()}")
        self.test.fail(f"no {field} within {timeout}s; got {self.messages}")

    def signal(self, number):
        self.process.send_signal(number)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def call(self, method, parameters=None):
        return varlink_call(self.socket_path, method, parameters)

    def close(self):
        self.stop()
        self.notify.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def journal_entries(message_id, pids, since):
    """Journal entries with this MESSAGE_ID from these processes since `since` (epoch seconds),
    every entry they sent before the call included."""
    matches = []
    for pid in pids:
        if matches:
            matches.append("+")
        matches += [f"MESSAGE_ID={message_id}", f"_PID={pid}"]
    journal_barrier()
    output = subprocess.run(["journalctl", "-o", "json", "--no-pager", f"--since=@{int(since) - 1}"] + matches,
                            check=True, capture_output=True).stdout.decode()
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def reading_from(process, directory, timeout=120):
    """Waits until `process` has a file under `directory` open; False if it exits or the time is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            descriptors = os.listdir(f"/proc/{process.pid}/fd")
        except FileNotFoundError:
            return False
        for descriptor in descriptors:
            try:
                if os.readlink(f"/proc/{process.pid}/fd/{descriptor}").startswith(directory + "/"):
                    return True
            except OSError:
                pass  # closed meanwhile
        time.sleep(0.05)
    return False


class NotifyTests(unittest.TestCase):
    def test_ready_status_watchdog_reloading_stopping_in_order(self):
        daemon = Daemon(self)
        try:
            daemon.start(env={"WATCHDOG_USEC": "1000000"})
            ready = daemon.messages[-1]
            self.assertIn("STATUS=Portfolio 63.3 at-risk", ready)
            daemon.wait_for("WATCHDOG=1", timeout=30)  # every 0.5 s; the timeout is not under test
            daemon.signal(signal.SIGHUP)
            reloading = daemon.wait_for("RELOADING=1", timeout=30)
            self.assertTrue(any(line.startswith("MONOTONIC_USEC=") for line in reloading.split("\n")))
            daemon.wait_for("READY=1", timeout=60)
            daemon.signal(signal.SIGTERM)
            daemon.wait_for("STOPPING=1", timeout=30)
            self.assertEqual(daemon.process.wait(timeout=30), 0)
            order = [field for message in daemon.messages for field in message.split("\n")
                     if field in ("READY=1", "RELOADING=1", "STOPPING=1")]
            self.assertEqual(order, ["READY=1", "RELOADING=1", "READY=1", "STOPPING=1"])
        finally:
            daemon.close()

    def test_sigterm_does_not_wait_for_the_next_watchdog_ping(self):
        daemon = Daemon(self)
        try:
            # The shipped unit's WatchdogSec=3min: pings every 90 s.
            daemon.start(env={"WATCHDOG_USEC": "180000000"})
            # The first ping races with READY=1; the next would come 90 s later.
            if "WATCHDOG=1" not in daemon.messages:
                daemon.wait_for("WATCHDOG=1", timeout=30)
            started = time.monotonic()
            daemon.signal(signal.SIGTERM)
            self.assertEqual(daemon.process.wait(timeout=30), 0)
            # Well below the watchdog's 90 s sleep, and loose enough for a loaded machine.
            self.assertLess(time.monotonic() - started, 20, "a stop waited for the watchdog's sleep")
        finally:
            daemon.close()

    def test_sigterm_stops_a_long_first_scan_promptly(self):
        daemon = Daemon(self)
        try:
            # 16 GiB of (sparse) recordings: hashing them takes longer than a stop may.
            recordings = daemon.path("dataroom/klantlijn-inbound/training/recordings")
            os.makedirs(recordings)
            for index in range(4):
                with open(os.path.join(recordings, f"session-{index}.bin"), "wb") as out:
                    out.truncate(4 << 30)
            environment = dict(os.environ, NOTIFY_SOCKET=daemon.path("notify"))
            daemon.launch([os.path.join(BIN, "exitreadyd"), "--config", daemon.config, "--now-override", NOW],
                          environment)
            self.assertTrue(reading_from(daemon.process, recordings), "hashing the recordings within 120 s")
            started = time.monotonic()
            daemon.signal(signal.SIGTERM)
            self.assertEqual(daemon.process.wait(timeout=20), 0)
            self.assertLess(time.monotonic() - started, 10)
            check = subprocess.run(["sqlite3", daemon.path("exitready.db"),
                                    "PRAGMA integrity_check; SELECT count(*) FROM evaluations"],
                                   capture_output=True, check=True).stdout.decode().split()
            self.assertEqual(check, ["ok", "0"], "nothing of the stopped evaluation is stored")
        finally:
            daemon.close()

    def test_scores_served_match_the_offline_check(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            reply = daemon.call("io.exitready.Monitor.GetScores")
            offline = subprocess.run([os.path.join(BIN, "exitreadyctl"), "check", "--summary", "--json", "--now", NOW,
                                      "--inventory",
                                      daemon.path("inventory"), "--dataroom", daemon.path("dataroom"),
                                      "--checklist", CHECKLIST], capture_output=True, env=dict(os.environ, TZ="Europe/Amsterdam"))
            served, document = reply["parameters"], json.loads(offline.stdout)
            # The provenance names when each ran; the daemon's has the dataroom's digest of its scan.
            for provenance in (served["provenance"], document["provenance"]):
                del provenance["evaluated_at"]
            self.assertIsNotNone(served["provenance"].pop("dataroom"))
            self.assertIsNone(document["provenance"].pop("dataroom"))
            self.assertEqual(served, document)
        finally:
            daemon.close()

    def test_bad_configuration_exits_with_ex_config(self):
        directory = tempfile.mkdtemp()
        try:
            config = os.path.join(directory, "exitreadyd.conf")
            with open(config, "w") as out:
                out.write("[Daemon]\nIntervall=5min\n")
            result = subprocess.run([os.path.join(BIN, "exitreadyd"), "--config", config], capture_output=True, timeout=30)
            self.assertEqual(result.returncode, 78)
            self.assertIn(f"{config}:2: unknown key Intervall= in [Daemon]", result.stderr.decode())
        finally:
            shutil.rmtree(directory)


def thread_switches(pid):
    """Context switches so far of each thread of `pid`, by thread id."""
    counts = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as status:
                counts[tid] = sum(int(line.split()[1]) for line in status if "ctxt_switches" in line)
        except FileNotFoundError:
            pass  # the thread ended while the others were read
    return counts


class IdleTests(unittest.TestCase):
    def test_no_thread_wakes_between_evaluations(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            # Queries and an evaluation on request, so that every kind of work has run once.
            for _ in range(3):
                self.assertIn("parameters", daemon.call("io.exitready.Monitor.GetScores"))
            self.assertIn("parameters", daemon.call("io.exitready.Monitor.Evaluate"))
            # Windows of 3.5 s (the sleep is the test: nothing may happen meanwhile) until one is
            # quiet. Idle threads that a thread pool lets go after a few seconds may wake to end,
            # later on a loaded machine; a timer due every 3.5 s or more often wakes a thread in
            # every window, so the test still fails on it after 60 s.
            deadline = time.monotonic() + 60
            while True:
                before = thread_switches(daemon.process.pid)
                time.sleep(3.5)
                after = thread_switches(daemon.process.pid)
                woken = {tid: after.get(tid, -1) - count for tid, count in before.items() if after.get(tid) != count}
                woken.update({tid: "started" for tid in after.keys() - before.keys()})
                if not woken or time.monotonic() > deadline:
                    break
            # With no watchdog, nothing is due within the hour: a timer of a thread pool (libdispatch
            # wakes the process every second once its worker pool has run anything) shows here.
            self.assertEqual(woken, {}, "threads that woke up while the daemon was idle (thread id: switches)")
        finally:
            daemon.close()


class SocketActivationTests(unittest.TestCase):
    def test_uses_the_passed_listening_socket(self):
        daemon = Daemon(self)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        activated = daemon.path("activated.socket")
        listener.bind(activated)
        listener.listen(16)
        try:
            # The shell puts the listening socket on fd 3 and execs the daemon, so LISTEN_PID ($$)
            # is the daemon's own pid, as systemd would set it.
            fd = listener.fileno()
            daemon.start(pass_fds=(fd,), env={"LISTEN_FDS": "1"},
                         command_prefix=["sh", "-c", f'exec 3<&{fd} {fd}<&-; LISTEN_PID=$$ exec "$@"', "sh"])
            self.assertEqual(varlink_call(activated, "io.exitready.Monitor.GetStatus")["parameters"]["dataroom"], "ok")
            self.assertFalse(os.path.exists(daemon.socket_path), "with a passed socket the daemon binds none itself")
        finally:
            daemon.close()
            listener.close()


@unittest.skipUnless(journal_available() or os.environ.get("CI") == "true", "no journald running")
class JournalTests(unittest.TestCase):
    def setUp(self):
        self.assertTrue(journal_available(), "CI must run systemd-journald (make test starts it)")
        self.since = time.time()

    def test_a_drop_alerts_exactly_once_and_a_restart_repeats_nothing(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            contract = daemon.path("inventory/contracts/klantlijn-inbound.yaml")
            with open(contract) as handle:
                text = handle.read()
            with open(contract, "w") as handle:  # point the exit plan at a missing document: C01, capped at 40
                handle.write(text.replace("document: exit/", "document: missing/", 1))
            daemon.signal(signal.SIGHUP)
            daemon.wait_for("RELOADING=1", timeout=30)
            daemon.wait_for("READY=1", timeout=60)
            entries = [e for e in journal_entries(MESSAGE_IDS["band-dropped"], daemon.pids, self.since)
                       if e.get("EXITREADY_CONTRACT") == "klantlijn-inbound"]
            self.assertEqual(len(entries), 1, entries)
            entry = entries[0]
            self.assertEqual(entry["PRIORITY"], "2")
            self.assertEqual(entry["EXITREADY_SCOPE"], "contract")
            self.assertEqual(entry["EXITREADY_PREVIOUS_BAND"], "ready")
            self.assertEqual(entry["EXITREADY_BAND"], "not-ready")
            self.assertEqual(entry["EXITREADY_PREVIOUS_SCORE"], "95.2")
            self.assertEqual(entry["EXITREADY_SCORE"], "40.0")
            self.assertIn("C01", entry["EXITREADY_FINDINGS"].split())
            self.assertEqual(entry["SYSLOG_IDENTIFIER"], "exitreadyd")
            daemon.stop()
            daemon.start()
            daemon.signal(signal.SIGHUP)
            daemon.wait_for("READY=1", timeout=60)
            again = [e for e in journal_entries(MESSAGE_IDS["band-dropped"], daemon.pids, self.since)
                     if e.get("EXITREADY_CONTRACT") == "klantlijn-inbound"]
            self.assertEqual(len(again), 1, "a restart must not repeat the alert")
            alerts = daemon.call("io.exitready.Monitor.GetAlerts")["parameters"]["alerts"]
            self.assertEqual([a["kind"] for a in alerts if a.get("contract") == "klantlijn-inbound"], ["band-dropped"])
        finally:
            daemon.close()

    def test_an_invalid_edit_alerts_and_the_last_valid_scores_stay_served(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            before = daemon.call("io.exitready.Monitor.GetScores")["parameters"]
            contract = daemon.path("inventory/contracts/webcare-social.yaml")
            with open(contract) as handle:
                lines = handle.read().split("\n")
            number = next(i for i, line in enumerate(lines) if line.startswith("criticality:")) + 1
            lines[number - 1] = "criticality: essential"
            with open(contract, "w") as handle:
                handle.write("\n".join(lines))
            daemon.signal(signal.SIGHUP)
            daemon.wait_for("READY=1", timeout=60)
            entries = journal_entries(MESSAGE_IDS["inventory-invalid"], daemon.pids, self.since)
            self.assertEqual(len(entries), 1, entries)
            self.assertEqual(entries[0]["PRIORITY"], "3")
            self.assertIn(f"webcare-social.yaml:{number}:14:", entries[0]["MESSAGE"])
            after = daemon.call("io.exitready.Monitor.GetScores")["parameters"]
            self.assertEqual(after["contracts"], before["contracts"], "the last valid inventory is still scored")
            status = daemon.call("io.exitready.Monitor.GetStatus")["parameters"]
            self.assertEqual(status["inventory_errors"][0]["line"], number)
            daemon.signal(signal.SIGHUP)  # the same error again: no second alert
            daemon.wait_for("READY=1", timeout=60)
            self.assertEqual(len(journal_entries(MESSAGE_IDS["inventory-invalid"], daemon.pids, self.since)), 1)
        finally:
            daemon.close()

    def test_no_person_identifier_reaches_the_journal(self):
        daemon = Daemon(self)
        try:
            daemon.start()
            staff = daemon.path("inventory/staff.csv")
            with open(staff) as handle:
                text = handle.read()
            person = text.split("\n")[1].split(",")[1]
            with open(staff, "a") as handle:  # a duplicate person: an inventory error quoting the person
                handle.write(text.split("\n")[1] + "\n")
            daemon.signal(signal.SIGHUP)
            daemon.wait_for("READY=1", timeout=60)
            journal_barrier()
            output = subprocess.run(["journalctl", "-o", "json", "--no-pager", f"--since=@{int(self.since) - 1}"]
                                    + [arg for pid in daemon.pids for arg in (f"_PID={pid}", "+")][:-1],
                                    capture_output=True, check=True).stdout.decode()
            self.assertIn("appears twice", output)
            self.assertNotIn(person, output)
        finally:
            daemon.close()

    def test_an_overdue_action_alerts_once_per_row_and_due_date(self):
        """The demo's action register has two open rows past their due date on 2026-12-01."""
        def overdue(count):
            deadline = time.monotonic() + 60
            while True:
                entries = journal_entries(MESSAGE_IDS["action-overdue"], daemon.pids, self.since)
                if len(entries) >= count or time.monotonic() > deadline:
                    return entries
                time.sleep(0.2)

        daemon = Daemon(self)
        try:
            daemon.start()
            entries = overdue(2)
            self.assertEqual(sorted(e["EXITREADY_ACTION"] for e in entries), ["C02", "S01"], entries)
            for entry in entries:
                self.assertEqual(entry["PRIORITY"], "4")
                self.assertEqual(entry["EXITREADY_KIND"], "action-overdue")
                self.assertEqual(entry["EXITREADY_CONTRACT"], "dialoog-email")
                self.assertNotIn("dl-tl-01", json.dumps(entry), "a person id never goes to the journal")
            daemon.stop()
            daemon.start()
            daemon.signal(signal.SIGHUP)
            daemon.wait_for("READY=1", timeout=60)
            self.assertEqual(len(journal_entries(MESSAGE_IDS["action-overdue"], daemon.pids, self.since)), 2,
                             "a restart must not repeat the alert")
            actions = daemon.path("inventory/actions.csv")
            with open(actions) as handle:
                text = handle.read()
            with open(actions, "w") as handle:  # a new due date, passed too: one more alert
                handle.write(text.replace("Vendor manager,2026-11-20", "Vendor manager,2026-11-28"))
            daemon.signal(signal.SIGHUP)
            daemon.wait_for("READY=1", timeout=60)
            entries = overdue(3)
            self.assertEqual(sorted(e["EXITREADY_ACTION"] for e in entries), ["C02", "C02", "S01"], entries)
            self.assertIn("2026-11-28", entries[-1]["MESSAGE"])
        finally:
            daemon.close()


if __name__ == "__main__":
    unittest.main()
