"""Shared pieces of the fault campaign (issue 6): a daemon on a private copy of the demo, a raw
Varlink client, the sd_notify conversation, the journal and the database read back.

Nothing here depends on the project's own clients: calls are written by hand on the socket, the
database is read with Python's sqlite3 module and the `sqlite3` command, the journal with
`journalctl -o json`.

Environment:
    EXITREADY_BIN   folder with exitreadyd and exitreadyctl (default .build/debug)
    FAULTS_MODE     short (make test) or full (make torture); run.py sets it
    FAULTS_REPORT   a file that measurements are appended to, one JSON object a line
    FAULTS_KEEP     keep the temporary folders (to look at a failed run)
"""
import datetime
import json
import os
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from journal_barrier import journal_barrier  # noqa: E402  (Tests/journal_barrier.py)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("EXITREADY_BIN", os.path.join(ROOT, ".build", "debug"))
DEMO = os.path.join(ROOT, "examples", "demo")
CHECKLIST = os.path.join(ROOT, "etc", "exitready", "dataroom.yaml")
MODE = os.environ.get("FAULTS_MODE", "short")
FULL = MODE == "full"
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
MONITOR = "io.exitready.Monitor."

MESSAGE_IDS = {
    "band-dropped": "d031dece840e4671b9cf9ffbc1c5a63f",
    "score-dropped": "fa12e13190f24311b166c8ee2b4c0ec4",
    "band-recovered": "1031f2e237be4e1296ef507c955a9600",
    "notice-deadline": "a8549fe4dfd045cda35fb4cfdf090ffb",
    "inventory-invalid": "9054c78ebc4c446aa9670cc208a4d5dd",
    "inventory-recovered": "dd0fdde3eb404539a8aaa5b9a8e0b7bb",
    "dataroom-unreachable": "9f11a461d2344f53a83a1fe4e3ff7e47",
    "dataroom-recovered": "46b75289ac2a44efbb08d6dd799cb520",
    "action-overdue": "c1207f06b417462490ac7aa045253ac4",
    "forecast-drop": "a50a14c81bfc4af18e6d2c9905339a81",
}
PRIORITY = {"emerg": 0, "alert": 1, "crit": 2, "err": 3, "warning": 4, "notice": 5, "info": 6, "debug": 7}


def pick(short, full):
    """The short figure in make test, the full one in make torture."""
    return full if FULL else short


def is_root():
    return os.geteuid() == 0


def journal_available():
    return os.path.exists("/run/systemd/journal/socket") and shutil.which("journalctl") is not None


def measure(scenario, **values):
    """Records what a scenario measured: printed, and appended to $FAULTS_REPORT."""
    record = {"scenario": scenario, "mode": MODE, "date": datetime.date.today().isoformat(),
              "binary": BIN, **values}
    print(f"MEASURED {json.dumps(record, sort_keys=True)}", flush=True)
    report = os.environ.get("FAULTS_REPORT")
    if report:
        with open(report, "a") as out:
            out.write(json.dumps(record, sort_keys=True) + "\n")


def rfc3339(epoch):
    """As the daemon prints times: UTC, to the second, rounded down."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch // 1)))


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))
    return ordered[index]


# MARK: Varlink by hand

class VarlinkError(Exception):
    pass


class Connection:
    """One Varlink connection: calls written by hand, replies read up to their NUL."""

    def __init__(self, path, timeout=10):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # A blocking connect, bounded by SO_SNDTIMEO: while a burst of other clients fills the
        # listen backlog it waits for room, as a determined client does (abuser.py too); a
        # connect with a Python timeout (non-blocking) fails at once with EAGAIN, which is not
        # the daemon refusing the connection.
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO,
                               struct.pack("ll", int(timeout), int(timeout % 1 * 1_000_000)))
        try:
            self.socket.connect(path)
        except OSError:
            self.socket.close()
            raise
        self.socket.settimeout(timeout)
        self.buffer = b""

    def send(self, method, parameters=None, more=False, oneway=False):
        message = {"method": method if "." in method else MONITOR + method}
        if parameters is not None:
            message["parameters"] = parameters
        if more:
            message["more"] = True
        if oneway:
            message["oneway"] = True
        self.socket.sendall(json.dumps(message).encode() + b"\0")

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = self.socket.recv(1 << 16)
            if not chunk:
                raise ConnectionError("the daemon closed the connection")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method, parameters=None):
        self.send(method, parameters)
        return self.receive()

    def close(self):
        try:
            self.socket.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def call(path, method, parameters=None, timeout=10):
    with Connection(path, timeout) as connection:
        return connection.call(method, parameters)


# MARK: the daemon

class Daemon:
    """A copy of the demo (inventory and dataroom), a configuration for it, and exitreadyd on it.

    `now` is --now-override: a date, "@" for a date file in the test folder (see set_date), or
    None for the local date.
    """

    def __init__(self, name, interval="1h", extra_config="", now="2026-12-01", socket_mode="0666"):
        self.dir = tempfile.mkdtemp(prefix=f"exitready-faults-{name}-")
        os.chmod(self.dir, 0o755)
        shutil.copytree(os.path.join(DEMO, "inventory"), self.path("inventory"))
        shutil.copytree(os.path.join(DEMO, "dataroom"), self.path("dataroom"))
        # A dataroom holds personnel data: not world-readable (else D90 findings), as make run does.
        for base, dirs, files in os.walk(self.path("dataroom")):
            for name_ in dirs:
                os.chmod(os.path.join(base, name_), 0o750)
            for name_ in files:
                os.chmod(os.path.join(base, name_), 0o640)
        os.chmod(self.path("dataroom"), 0o750)
        self.state = self.path("state")
        os.mkdir(self.state)
        self.database = os.path.join(self.state, "exitready.db")
        # A process holding the mount namespace the daemon runs in, if not the test's own.
        self.namespace_pid = None
        self.socket_path = self.path("io.exitready.Monitor")
        self.config = self.path("exitreadyd.conf")
        self.interval = interval
        self.extra_config = extra_config
        self.socket_mode = socket_mode
        self.write_config()
        self.date_file = self.path("today")
        if now == "@":
            self.now = "@" + self.date_file
            self.set_date("2026-12-01")
        else:
            self.now = now
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(self.path("notify"))
        os.chmod(self.path("notify"), 0o666)
        self.notify.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self.notify.settimeout(0.2)
        self.messages = []  # (pid, text)
        self.notified = threading.Condition()
        self.closing = False
        self.notify_reader = threading.Thread(target=self._read_notifications, daemon=True)
        self.notify_reader.start()
        self.process = None
        self.pids = []
        self.started_at = time.time()
        self.output_files = []

    def write_config(self):
        with open(self.config, "w") as out:
            out.write(f"""[Inventory]
Directory={self.path('inventory')}
Checklist={CHECKLIST}
[Dataroom]
Root={self.path('dataroom')}
[Daemon]
Database={self.database}
Socket={self.socket_path}
SocketMode={self.socket_mode}
Interval={self.interval}
{self.extra_config}""")

    def path(self, relative):
        return os.path.join(self.dir, relative)

    def set_date(self, day):
        """The day the next evaluation counts as today (with now="@")."""
        temporary = self.date_file + ".new"
        with open(temporary, "w") as out:
            out.write(f"{day}\n")
        os.chmod(temporary, 0o644)
        os.rename(temporary, self.date_file)

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def command(self):
        command = [os.path.join(BIN, "exitreadyd"), "--config", self.config]
        if self.now:
            command += ["--now-override", self.now]
        return command

    def start(self, wait=True, env=None, prefix=None, tz="Europe/Amsterdam", timeout=120, shell=None):
        """Starts exitreadyd (optionally behind a prefix such as prlimit, setpriv or unshare,
        which must exec it so that its pid is the daemon's) and waits for READY=1."""
        environment = dict(os.environ, NOTIFY_SOCKET=self.path("notify"))
        environment.pop("TZ", None)
        if tz is not None:
            environment["TZ"] = tz
        environment.update(env or {})
        command = self.command()
        if shell is not None:  # a shell script that ends with: exec "$@"
            command = ["sh", "-c", shell, "sh"] + command
        if prefix:
            command = list(prefix) + command
        log = open(self.path(f"output-{len(self.pids)}.log"), "wb")
        self.output_files.append(log.name)
        self.process = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        log.close()
        self.pids.append(self.process.pid)
        if wait:
            self.wait_for("READY=1", timeout=timeout)
        return self

    def output(self, index=-1):
        with open(self.output_files[index], "rb") as handle:
            return handle.read().decode(errors="replace")

    def _read_notifications(self):
        """Reads every sd_notify datagram as it comes (a notify socket nobody reads fills up,
        and then the daemon's sd_notify blocks, as it would if systemd stopped reading)."""
        while not self.closing:
            try:
                data, ancillary, _, _ = self.notify.recvmsg(4096, socket.CMSG_SPACE(12))
            except socket.timeout:
                continue
            except OSError:
                return
            pid = None
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                    pid = struct.unpack("iII", payload[:12])[0]
            with self.notified:
                self.messages.append((pid, data.decode(errors="replace")))
                self.notified.notify_all()

    def wait_for(self, field, timeout=120, since=None):
        """Waits until the current process sends `field` (e.g. READY=1); returns the message.
        Only messages after index `since` of self.messages count (default: any of this pid)."""
        deadline = time.monotonic() + timeout
        pid = self.process.pid
        with self.notified:
            while True:
                for sender, text in self.messages[since or 0:]:
                    if sender == pid and field in text.split("\n"):
                        return text
                if self.process.poll() is not None:
                    raise AssertionError(f"exitreadyd exited with {self.process.returncode} waiting for {field}:\n"
                                         + self.output()[-4000:])
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no {field} from {pid} within {timeout}s")
                self.notified.wait(min(remaining, 0.1))

    def kill9(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self, timeout=30):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError(f"exitreadyd did not stop within {timeout}s of SIGTERM")
        return self.process.returncode if self.process else None

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def call(self, method, parameters=None, timeout=30):
        return call(self.socket_path, method, parameters, timeout)

    def evaluate(self, timeout=120):
        """An Evaluate call; returns its parameters (raises on an error reply)."""
        reply = self.call("Evaluate", timeout=timeout)
        if "error" in reply:
            raise VarlinkError(f"Evaluate: {reply}")
        return reply["parameters"]

    def scores(self):
        return self.call("GetScores")["parameters"]

    def status(self):
        return self.call("GetStatus")["parameters"]

    def contract(self, contract_id):
        return self.call("GetContract", {"id": contract_id})["parameters"]["contract"]

    def rss(self, pid=None):
        """VmRSS and VmHWM of the daemon, in kB."""
        values = {}
        with open(f"/proc/{pid or self.pid}/status") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    values[line.split(":")[0]] = int(line.split()[1])
        return values

    # MARK: database

    def query(self, sql, parameters=()):
        if self.namespace_pid:
            return self.query_in_namespace(sql, parameters)
        connection = sqlite3.connect(self.database, timeout=30)
        try:
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()

    def query_in_namespace(self, sql, parameters):
        """The same query with the sqlite3 command inside the daemon's mount namespace (SQLite
        resolves /proc/PID/root as a symbolic link, so it cannot open the file from outside)."""
        pieces = sql.split("?")
        assert len(pieces) == len(parameters) + 1
        text = pieces[0]
        for value, piece in zip(parameters, pieces[1:]):
            text += (str(int(value)) if isinstance(value, (int, float)) else "'" + str(value).replace("'", "''") + "'") + piece
        result = subprocess.run(["nsenter", f"--mount=/proc/{self.namespace_pid}/ns/mnt", "sqlite3", "-json",
                                 "-cmd", ".timeout 30000", self.database, text], capture_output=True, timeout=120)
        if result.returncode != 0:
            raise sqlite3.OperationalError(result.stderr.decode())
        output = result.stdout.decode().strip()
        return [tuple(row.values()) for row in json.loads(output)] if output else []

    def integrity_check(self):
        """`sqlite3 DB 'PRAGMA integrity_check'`, as an operator would run it."""
        prefix = ["nsenter", f"--mount=/proc/{self.namespace_pid}/ns/mnt"] if self.namespace_pid else []
        result = subprocess.run(prefix + ["sqlite3", self.database, "PRAGMA integrity_check"], capture_output=True,
                                timeout=120)
        return (result.stdout + result.stderr).decode().strip()

    def database_id(self):
        return self.query("SELECT value FROM meta WHERE key = 'database_id'")[0][0]

    def alerts(self, since_id=0):
        """Stored alerts as dicts, oldest first, with the day of their evaluation."""
        rows = self.query("""SELECT a.id, a.kind, a.priority, a.scope, a.contract, a.journaled, a.evaluation_id, e.day,
                             a.message, a.at FROM alerts a LEFT JOIN evaluations e ON e.id = a.evaluation_id
                             WHERE a.id > ? ORDER BY a.id""", (since_id,))
        keys = ("id", "kind", "priority", "scope", "contract", "journaled", "evaluation_id", "day", "message", "at")
        return [dict(zip(keys, row)) for row in rows]

    def last_alert_id(self):
        return self.query("SELECT coalesce(max(id), 0) FROM alerts")[0][0]

    def evaluation_count(self):
        return self.query("SELECT count(*) FROM evaluations")[0][0]

    # MARK: journal

    def journal(self, since=None, alerts_only=False):
        """The journal entries of this test's daemons (all pids it started), oldest first."""
        return journal_entries(self.pids, since if since is not None else self.started_at, alerts_only)

    def close(self):
        try:
            if self.process and self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        finally:
            self.closing = True
            self.notify_reader.join(timeout=5)
            self.notify.close()
            if not os.environ.get("FAULTS_KEEP"):
                shutil.rmtree(self.dir, ignore_errors=True)
            else:
                print(f"kept {self.dir}")


def journal_entries(pids, since, alerts_only=False):
    """Journal entries from these processes since `since` (epoch seconds), every entry they
    sent before the call included."""
    journal_barrier()
    entries = []
    pids = list(pids)
    for start in range(0, len(pids), 200):  # keep the command line short
        matches = []
        for pid in pids[start:start + 200]:
            if matches:
                matches.append("+")
            matches += [f"_PID={pid}"] + (["SYSLOG_IDENTIFIER=exitreadyd"] if alerts_only else [])
        output = subprocess.run(["journalctl", "-o", "json", "--no-pager", f"--since=@{int(since) - 1}"] + matches,
                                check=True, capture_output=True, timeout=120).stdout.decode(errors="replace")
        entries += [json.loads(line) for line in output.splitlines() if line.strip()]
    if alerts_only:
        entries = [entry for entry in entries if "EXITREADY_ALERT_ID" in entry]
    entries.sort(key=lambda entry: int(entry.get("__REALTIME_TIMESTAMP", 0)))
    return entries


def journal_alerts(daemon, since=None):
    """The alert entries of this daemon's database in the journal (by EXITREADY_ALERT_ID prefix)."""
    prefix = daemon.database_id() + "-"
    return [entry for entry in daemon.journal(since, alerts_only=True)
            if entry["EXITREADY_ALERT_ID"].startswith(prefix)]


# MARK: inventory edits

def replace_in(path, old, new, count=1):
    with open(path) as handle:
        text = handle.read()
    if old not in text:
        raise AssertionError(f"{old!r} not in {path}")
    write_atomically(path, text.replace(old, new, count))


def write_atomically(path, text):
    temporary = path + ".tmp~"
    with open(temporary, "w") as out:
        out.write(text)
    os.rename(temporary, path)


def line_of(path, prefix):
    with open(path) as handle:
        for number, line in enumerate(handle, 1):
            if line.startswith(prefix):
                return number
    raise AssertionError(f"no line starting with {prefix!r} in {path}")


def day_add(iso, days):
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat()


def days_between(first, last):
    """Every ISO day from first to last, both included."""
    day = datetime.date.fromisoformat(first)
    end = datetime.date.fromisoformat(last)
    while day <= end:
        yield day.isoformat()
        day += datetime.timedelta(days=1)


class Sampler(threading.Thread):
    """Samples the daemon's VmRSS every `period` seconds while it runs."""

    def __init__(self, pid, period=0.1):
        super().__init__(daemon=True)
        self.pid = pid
        self.period = period
        self.samples = []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                with open(f"/proc/{self.pid}/status") as status:
                    for line in status:
                        if line.startswith("VmRSS:"):
                            self.samples.append(int(line.split()[1]))
            except OSError:
                return
            self.stopping.wait(self.period)

    def stop(self):
        self.stopping.set()
        self.join()
        return max(self.samples) if self.samples else None




class Checks:
    """Expectations checked one by one, so that a failing one does not hide the others: the
    test fails at the end, listing every expectation that did not hold."""

    def __init__(self, test, scenario):
        self.test = test
        self.scenario = scenario
        self.results = []

    def check(self, name, ok, detail=None):
        self.results.append((name, bool(ok), detail))
        if not ok:
            print(f"EXPECTATION FAILED [{self.scenario}] {name}: {detail}", flush=True)
        return ok

    def equal(self, name, actual, expected):
        return self.check(name, actual == expected, f"got {actual!r}, expected {expected!r}")

    def failed(self):
        return [(name, detail) for name, ok, detail in self.results if not ok]

    def finish(self, **values):
        failed = self.failed()
        measure(self.scenario, expectations_met=sum(ok for _, ok, _ in self.results),
                expectations_failed=[name for name, _ in failed], **values)
        if failed:
            self.test.fail(f"{len(failed)} of {len(self.results)} expectations failed:\n"
                           + "\n".join(f"- {name}: {detail}" for name, detail in failed))


def daemon_log(daemon, since, until=None, max_priority=7, pids=None):
    """The daemon's own log entries (not alerts) from `since` to `until` (epoch seconds)."""
    entries = journal_entries(pids or daemon.pids, since)
    selected = []
    for entry in entries:
        # When the daemon sent it (journald's time of reading it may be later on a busy machine).
        at = int(entry.get("_SOURCE_REALTIME_TIMESTAMP", entry.get("__REALTIME_TIMESTAMP", 0))) / 1e6
        if "EXITREADY_ALERT_ID" in entry or at < since or (until is not None and at > until):
            continue
        if int(entry.get("PRIORITY", 6)) <= max_priority:
            selected.append(entry)
    return selected
