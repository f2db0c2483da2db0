"""The real exitreadyd, spoken to by a Varlink client we did not write (the `varlink` package).

Starts exitreadyd (from $EXITREADY_BIN, default .build/debug) on a copy of examples/demo with
--now-override 2026-12-01 and a socket of mode 0666 in a directory of mode 0755, so that an
unprivileged user can reach it, then checks discovery, every method's answer and errors,
authorization from SO_PEERCRED (setpriv to uid 65534) and that abuse leaves it serving.

Run as root (like CI): the privileged half needs it, and setpriv needs it to switch users.
Nothing is skipped: a missing tool is a failure.
"""
import json
import os
import queue
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time

import pytest
import varlink

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("EXITREADY_BIN", os.path.join(ROOT, ".build", "debug"))
TODAY = "2026-12-01"
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
MONITOR = "io.exitready.Monitor"


def binary(name):
    path = os.path.join(BIN, name)
    assert os.access(path, os.X_OK), f"{path} is missing: build first (swift build), or set EXITREADY_BIN"
    return path


class Daemon:
    """exitreadyd on a private copy of the demo; stopped with SIGTERM at the end."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="exitready-varlink-")
        os.chmod(self.directory, 0o755)
        demo = os.path.join(ROOT, "examples", "demo")
        self.inventory = os.path.join(self.directory, "inventory")
        self.dataroom = os.path.join(self.directory, "dataroom")
        shutil.copytree(os.path.join(demo, "inventory"), self.inventory)
        shutil.copytree(os.path.join(demo, "dataroom"), self.dataroom)
        self.checklist = os.path.join(ROOT, "etc", "exitready", "dataroom.yaml")
        self.socket = os.path.join(self.directory, "io.exitready.Monitor")
        self.config = os.path.join(self.directory, "exitreadyd.conf")
        with open(self.config, "w") as config:
            config.write(
                "[Inventory]\n"
                f"Directory={self.inventory}\n"
                f"Checklist={self.checklist}\n"
                "[Dataroom]\n"
                f"Root={self.dataroom}\n"
                "[Daemon]\n"
                f"Database={os.path.join(self.directory, 'exitready.db')}\n"
                f"Socket={self.socket}\n"
                "SocketMode=0666\n"
                "Interval=1h\n"
            )
        self.log = open(os.path.join(self.directory, "exitreadyd.log"), "w+")
        environment = dict(os.environ, TZ="Europe/Amsterdam")
        environment.pop("NOTIFY_SOCKET", None)
        environment.pop("LISTEN_FDS", None)
        self.process = subprocess.Popen(
            [binary("exitreadyd"), "--config", self.config, "--now-override", TODAY],
            stdout=self.log, stderr=subprocess.STDOUT, env=environment)
        self.wait_until_evaluated()

    def wait_until_evaluated(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"exitreadyd exited with {self.process.returncode}:\n{self.log_text()}"
            if os.path.exists(self.socket):
                try:
                    with self.client() as client, client.open(MONITOR) as monitor:
                        if monitor.GetStatus().get("last_evaluation"):
                            return
                except (OSError, varlink.VarlinkError):
                    pass
            time.sleep(0.05)
        raise AssertionError(f"exitreadyd did not evaluate within {timeout} s:\n{self.log_text()}")

    def client(self):
        return varlink.Client(address=f"unix:{self.socket}")

    def log_text(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def ctl(self, *arguments, user=None):
        command = (user or []) + [binary("exitreadyctl"), *arguments]
        environment = dict(os.environ, NO_COLOR="1", EXITREADY_SOCKET=self.socket, TZ="Europe/Amsterdam")
        return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)
        return status


@pytest.fixture(scope="module")
def daemon():
    assert os.geteuid() == 0, "run as root: the tests switch to uid 65534 with setpriv"
    assert shutil.which("setpriv"), "setpriv (util-linux) is needed"
    running = Daemon()
    yield running
    socket_path = running.socket
    assert running.stop() == 0, "exitreadyd stops cleanly on SIGTERM"
    assert not os.path.exists(socket_path), "exitreadyd removes its socket"


def without_nulls(value):
    """The value as the varlink library returns replies: members that are null left out."""
    if isinstance(value, dict):
        return {key: without_nulls(member) for key, member in value.items() if member is not None}
    if isinstance(value, list):
        return [without_nulls(element) for element in value]
    return value


def raw_call(path, message, timeout=60):
    """One call over a plain socket; the parsed reply."""
    with socket.socket(socket.AF_UNIX) as connection:
        connection.settimeout(timeout)
        connection.connect(path)
        connection.sendall(json.dumps(message).encode() + b"\0")
        received = b""
        while b"\0" not in received:
            chunk = connection.recv(65536)
            assert chunk, "the daemon closed the connection"
            received += chunk
        return json.loads(received.split(b"\0")[0])


def test_get_info_names_the_service_and_its_interfaces(daemon):
    with daemon.client() as client, client.open("org.varlink.service") as service:
        info = service.GetInfo()
    assert info["vendor"] == "exitready" and info["product"] == "exitready"
    assert info["interfaces"] == ["org.varlink.service", MONITOR]
    assert info["version"] == daemon.ctl("--version").stdout.strip()


def test_interface_description_is_the_repository_file_and_parses(daemon):
    with daemon.client() as client, client.open("org.varlink.service") as service:
        description = service.GetInterfaceDescription(MONITOR)["description"]
    with open(os.path.join(ROOT, "Sources", "ExitReadinessProtocol", "io.exitready.Monitor.varlink")) as idl:
        assert description == idl.read()
    interface = varlink.Interface(description)
    assert interface.name == MONITOR
    methods = {name for name, member in interface.members.items() if isinstance(member, varlink.scanner._Method)}
    assert methods == {"GetStatus", "GetScores", "GetContract", "GetRegister", "GetMetrics", "GetHistory", "GetAlerts",
                       "GetChanges", "GetPlan", "GetForecast", "Watch", "Evaluate", "Reload"}


def test_every_read_method_answers_through_the_library(daemon):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        status = monitor.GetStatus()
        assert status["dataroom"] == "ok" and status["inventory_errors"] == []
        assert status["portfolio"]["band"] == "at-risk"
        contract = monitor.GetContract("rheinruf-de")
        assert contract["evaluated"] == TODAY and contract["contract"]["band"] == "not-ready"
        assert all(finding["remedy"] for finding in contract["contract"]["findings"])
        history = monitor.GetHistory(contract="rheinruf-de", limit=5)["entries"]
        assert history and all(entry["day"] == TODAY for entry in history)
        assert isinstance(monitor.GetAlerts(since="2026-01-01", limit=10)["alerts"], list)
        assert 'exitready_contract_band{contract="rheinruf-de",band="not-ready"} 1\n' in monitor.GetMetrics()["text"]
        register = monitor.GetRegister()
        assert register["evaluated"] == TODAY and register["missing"] == ["webcare-social"]
        assert register["csv"].startswith("c0010,c0020,c0030,") and register["csv"].endswith("\r\n")


def test_get_forecast_through_the_library_equals_exitreadyctl_forecast(daemon):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        one = monitor.GetForecast(contract="dialoog-email", horizon=400)
        everything = monitor.GetForecast()
        with pytest.raises(varlink.VarlinkError) as refused:
            monitor.GetForecast(horizon=731)
    assert refused.value.error() == "org.varlink.service.InvalidParameter"
    assert one["evaluated"] == TODAY and one["horizon_days"] == 400 and one.get("portfolio") is None
    (forecast,) = one["contracts"]
    # The library leaves out members that are null; the command prints them.
    printed = json.loads(daemon.ctl("forecast", "dialoog-email", "--horizon", "400", "--json").stdout)
    assert without_nulls(printed) == forecast
    assert everything["horizon_days"] == 365
    assert [c["contract"] for c in everything["contracts"]] == sorted(c["contract"] for c in everything["contracts"])
    days = [change["day"] for change in everything["portfolio"]["changes"]]
    assert days == sorted(days) and all(day > TODAY for day in days)


def test_get_scores_equals_exitreadyctl_scores_and_check(daemon):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        scores = monitor.GetScores()
    online = daemon.ctl("scores", "--json")
    assert online.returncode == 1, online.stderr  # the demo portfolio is at-risk
    offline = daemon.ctl("check", "--inventory", daemon.inventory, "--dataroom", daemon.dataroom,
                         "--checklist", daemon.checklist, "--now", TODAY, "--summary", "--json")
    assert offline.returncode == 1, offline.stderr
    assert without_nulls(json.loads(online.stdout)) == scores
    assert json.loads(online.stdout) == raw_call(daemon.socket, {"method": f"{MONITOR}.GetScores"})["parameters"]
    # The provenance names when each ran, and the daemon's the dataroom's digest from its scan cache
    # (offline check has none without --database); the rest is byte for byte the same.
    online_document, offline_document = json.loads(online.stdout), json.loads(offline.stdout)
    online_provenance, offline_provenance = online_document.pop("provenance"), offline_document.pop("provenance")
    for varying in ("evaluated_at", "dataroom"):
        online_provenance.pop(varying)
        offline_provenance.pop(varying)
    assert online_provenance == offline_provenance
    assert json.dumps(online_document) == json.dumps(offline_document), "the daemon's summary is the offline one"
    assert "findings" not in scores["contracts"][0] and len(scores["top_findings"]) == 10
    assert online.stdout.count("\n") == 1, "one line when standard output is not a terminal"
    text_online = daemon.ctl("scores")
    text_offline = daemon.ctl("check", "--inventory", daemon.inventory, "--dataroom", daemon.dataroom,
                              "--checklist", daemon.checklist, "--now", TODAY)
    # check starts with the monitoring line; scores points to explain where check points to itself.
    plugin, tables = text_offline.stdout.split("\n", 1)
    assert plugin.startswith("EXITREADY WARNING - portfolio 63.3 at-risk"), plugin
    assert text_online.stdout == tables.replace("exitreadyctl check --contract ID", "exitreadyctl explain ID")


def test_explain_shows_what_check_shows(daemon):
    online = daemon.ctl("explain", "dialoog-email")
    offline = daemon.ctl("check", "--inventory", daemon.inventory, "--dataroom", daemon.dataroom,
                         "--checklist", daemon.checklist, "--now", TODAY, "--contract", "dialoog-email")
    assert online.returncode == offline.returncode == 1
    plugin, detail = offline.stdout.split("\n", 1)
    assert plugin.startswith("EXITREADY WARNING - contract dialoog-email 65.8 at-risk"), plugin
    assert online.stdout == detail


def test_unknown_contract_is_contract_not_found(daemon):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        with pytest.raises(varlink.VarlinkError) as raised:
            monitor.GetContract("no-such-contract")
    assert raised.value.error() == "io.exitready.Monitor.ContractNotFound"
    assert raised.value.parameters() == {"id": "no-such-contract"}
    result = daemon.ctl("explain", "no-such-contract")
    assert result.returncode == 3 and "no contract no-such-contract" in result.stderr


def test_wrong_parameter_types_and_unknown_names(daemon):
    reply = raw_call(daemon.socket, {"method": f"{MONITOR}.GetContract", "parameters": {"id": 5}})
    assert reply == {"error": "org.varlink.service.InvalidParameter", "parameters": {"parameter": "id"}}
    reply = raw_call(daemon.socket, {"method": f"{MONITOR}.Explode"})
    assert reply == {"error": "org.varlink.service.MethodNotFound", "parameters": {"method": f"{MONITOR}.Explode"}}
    reply = raw_call(daemon.socket, {"method": "com.example.Nothing.Ping"})
    assert reply["error"] == "org.varlink.service.InterfaceNotFound"
    reply = raw_call(daemon.socket, {"method": f"{MONITOR}.Watch"})
    assert reply["error"] == "org.varlink.service.ExpectedMore"


def nobody_calls(daemon, method):
    """Calls a Monitor method with the varlink library as uid 65534; the error name or 'ok'."""
    script = (
        "import sys, varlink\n"
        "client = varlink.Client(address=sys.argv[1])\n"
        "try:\n"
        "    with client.open(sys.argv[2]) as monitor:\n"
        "        getattr(monitor, sys.argv[3])()\n"
        "    print('ok')\n"
        "except varlink.VarlinkError as error:\n"
        "    print(error.error())\n"
    )
    result = subprocess.run(NOBODY + [sys.executable, "-c", script, f"unix:{daemon.socket}", MONITOR, method],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("method", ["Evaluate", "Reload"])
def test_unprivileged_peers_cannot_evaluate_or_reload(daemon, method):
    assert stat.S_IMODE(os.stat(daemon.socket).st_mode) == 0o666
    assert nobody_calls(daemon, method) == "org.varlink.service.PermissionDenied"
    assert nobody_calls(daemon, "GetStatus") == "ok", "reading is open to everyone who can reach the socket"
    result = daemon.ctl(method.lower(), user=NOBODY)
    assert result.returncode == 4 and "permission denied" in result.stderr


@pytest.mark.parametrize("method", ["Evaluate", "Reload"])
def test_root_may_evaluate_and_reload(daemon, method):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        before = monitor.GetStatus()["last_evaluation"]
        reply = getattr(monitor, method)()
        assert reply["evaluated"] == TODAY and reply["portfolio"]["band"] == "at-risk"
        assert monitor.GetStatus()["last_evaluation"] >= before
    assert daemon.ctl(method.lower()).returncode == 0


def test_watch_receives_the_current_then_the_next_evaluation(daemon):
    replies = queue.Queue()

    def watch():
        with daemon.client() as client, client.open(MONITOR) as monitor:
            for count, reply in enumerate(monitor.Watch(_more=True), start=1):
                replies.put(reply)
                if count == 2:
                    return

    with daemon.client() as client, client.open(MONITOR) as monitor:
        status = monitor.GetStatus()
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    # The first reply, at once, is the evaluation current when the call arrived.
    current = replies.get(timeout=120)
    assert current["evaluated_at"] == status["last_evaluation"]
    assert current["portfolio"] == status["portfolio"]
    assert current["changed"] == []
    assert current["current"] is True
    with daemon.client() as client, client.open(MONITOR) as monitor:
        evaluated = monitor.Evaluate()
    following = replies.get(timeout=120)
    watcher.join(timeout=120)
    assert following["evaluated"] == TODAY
    assert following["evaluated_at"] == evaluated["evaluated_at"]
    assert following["portfolio"] == evaluated["portfolio"]
    assert "current" not in following


def test_status_is_a_monitoring_check(daemon):
    result = daemon.ctl("status")
    assert result.returncode == 1, result.stderr  # at-risk
    assert "Portfolio  63.3 at-risk" in result.stdout
    unreachable = daemon.ctl("status", "--socket", os.path.join(daemon.directory, "missing"))
    assert unreachable.returncode == 3
    assert "cannot connect" in unreachable.stderr and "is exitreadyd running?" in unreachable.stderr


def test_history_shows_a_sparkline(daemon):
    result = daemon.ctl("history", "rheinruf-de", "--since", "2026-01-01")
    assert result.returncode == 0, result.stderr
    title = result.stdout.splitlines()[0]
    assert title.startswith("History of rheinruf-de")
    assert any(block in title for block in "▁▂▃▄▅▆▇█")


def test_abuse_leaves_the_daemon_serving(daemon):
    abuse = [
        b"\xff\xfe garbage \x00",
        b'{"method": "io.exitready.Monitor.GetStatus",}\x00',
        b"[" * 10000 + b"\x00",
        b"x" * ((1 << 20) + 100),
    ]
    for payload in abuse:
        with socket.socket(socket.AF_UNIX) as connection:
            connection.settimeout(60)
            connection.connect(daemon.socket)
            try:
                connection.sendall(payload)
            except BrokenPipeError:
                pass  # closed while we were still sending: the size limit at work
            assert connection.recv(65536) == b"", f"expected the daemon to close the connection after {payload[:20]!r}"
    # A client that leaves in the middle of a large reply.
    for _ in range(10):
        with socket.socket(socket.AF_UNIX) as connection:
            connection.connect(daemon.socket)
            connection.sendall(json.dumps({"method": f"{MONITOR}.GetScores"}).encode() + b"\0")
            connection.recv(100)
    with daemon.client() as client, client.open(MONITOR) as monitor:
        assert monitor.GetScores()["portfolio"]["band"] == "at-risk"
    assert daemon.process.poll() is None
