"""exitreadyd on a copy of the demo, for a test class: started in a directory of its own, ready once
its first evaluation is stored, stopped with SIGTERM (killed if it does not stop in 30 s)."""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("EXITREADY_BIN", os.path.join(ROOT, ".build", "debug"))
DEMO = os.path.join(ROOT, "examples", "demo")
CHECKLIST = os.path.join(ROOT, "etc", "exitready", "dataroom.yaml")


def get_status(path):
    """GetStatus over the socket; None while nothing listens."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(10)
            connection.connect(path)
            connection.sendall(json.dumps({"method": "io.exitready.Monitor.GetStatus"}).encode() + b"\0")
            data = b""
            while not data.endswith(b"\0"):
                chunk = connection.recv(65536)
                if not chunk:
                    return None
                data += chunk
            return json.loads(data[:-1])["parameters"]
    except (FileNotFoundError, ConnectionRefusedError):
        return None


class DemoDaemon:
    """`dir` holds inventory/, dataroom/, the configuration, database, socket and log."""

    def __init__(self, prefix, now, extra_configuration=""):
        self.dir = tempfile.mkdtemp(prefix=prefix)
        shutil.copytree(os.path.join(DEMO, "inventory"), os.path.join(self.dir, "inventory"))
        shutil.copytree(os.path.join(DEMO, "dataroom"), os.path.join(self.dir, "dataroom"))
        self.socket = os.path.join(self.dir, "io.exitready.Monitor")
        config = os.path.join(self.dir, "exitreadyd.conf")
        with open(config, "w") as out:
            out.write(f"""[Inventory]
Directory={self.dir}/inventory
Checklist={CHECKLIST}
[Dataroom]
Root={self.dir}/dataroom
[Daemon]
Database={self.dir}/exitready.db
Socket={self.socket}
Interval=1h
""" + extra_configuration)
        self.config, self.now = config, now
        self.log = open(os.path.join(self.dir, "exitreadyd.log"), "w+")
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self):
        environment = dict(os.environ, TZ="Europe/Amsterdam")
        for name in ("NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID"):
            environment.pop(name, None)
        self.process = subprocess.Popen(
            [os.path.join(BIN, "exitreadyd"), "--config", self.config, "--now-override", self.now],
            stdout=self.log, stderr=subprocess.STDOUT, env=environment)
        self._wait_for_first_evaluation()

    def restart(self):
        """Stops the daemon and starts it again on the same database; returns once it has evaluated."""
        self._terminate()
        self._start()

    def _wait_for_first_evaluation(self):
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"exitreadyd exited with {self.process.returncode}:\n{self.log.read()}")
            status = get_status(self.socket)
            if status and status.get("last_evaluation"):
                return
            if time.monotonic() > deadline:
                raise RuntimeError("exitreadyd did not evaluate within 120 s")
            time.sleep(0.1)  # polling interval of a wait bounded by the deadline

    def _terminate(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def stop(self):
        if getattr(self, "process", None) is not None:
            self._terminate()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
