"""Scenario 5: socket abuse while a well-behaved client keeps calling GetScores.

The daemon runs with `prlimit --nofile=16384` (its limits: 1024 connections, 256 per uid, 1 MiB
messages, 60 s idle timeout). The abusers run as other uids (60001 and up, through abuser.py) so
that the per-uid limit is exercised; the well-behaved client is root, on one connection opened
before the abuse, calling GetScores in a loop, and opening a fresh connection every half second.

Phases, one after another, the well-behaved client running throughout:

    baseline      nothing else
    conn-1uid     2,000 idle connections from one uid
    conn-8uids    2,000 idle connections spread over 8 uids (beyond the server limit)
    slow          50 clients sending a call at one byte per second
    flood         100 MB without a NUL on one connection
    random        200 connections sending 64 KiB of random bytes
    nested        calls nesting 1,000 / 100,000 / 500,000 arrays and objects
    pipeline      10,000 pipelined calls (100,000 in the full run), and 10,000 read 5 s late
    partial       256 connections from one uid each holding 1 MiB - 1 bytes without a NUL; in the
                  full run then 4 x 256 (every connection slot: the memory worst case)
    idle          (full run) an idle connection, closed after the 60 s idle timeout

Expectation (RELIABILITY.md §5): every call of the well-behaved client answered, none dropped;
its p99 latency within 50 ms and no call slower than 2 s in any phase (the machine is shared: a
1.4 s stall was once seen with no abuse at all, under a load average of 4 from other jobs);
daemon RSS (VmRSS sampled every 100 ms, VmHWM at the end) within 100 MB in every phase but
`partial`, within 100 MB plus 1.25 times the bytes held in `partial`, and back within 100 MB
once those clients are gone; exactly 256 connections kept from one uid; at most 1024 in all;
slow clients kept and answered; oversize, garbage and too-deep messages closing only their own
connection; all pipelined calls answered in order; the daemon answering afterwards.
"""
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import unittest

from faultlib import FULL, Checks, Connection, Daemon, Sampler, daemon_log, is_root, percentile, pick

HERE = os.path.dirname(os.path.abspath(__file__))
P99_TARGET_MS = 50.0
MAX_TARGET_MS = 2000.0
RSS_BOUND_KB = 100 * 1024


class GoodClient(threading.Thread):
    """One persistent connection calling GetScores in a loop; a fresh connection now and then."""

    def __init__(self, socket_path):
        super().__init__(daemon=True)
        self.socket_path = socket_path
        self.phase = "baseline"
        self.latencies = {}  # phase -> [seconds]
        self.errors = {}
        self.fresh = {}  # phase -> [ok, refused]
        self.stopping = threading.Event()
        self.connection = Connection(socket_path, timeout=30)
        self.dropped = 0

    def run(self):
        last_fresh = 0.0
        while not self.stopping.is_set():
            phase = self.phase
            started = time.perf_counter()
            try:
                reply = self.connection.call("GetScores")
                elapsed = time.perf_counter() - started
                if "parameters" in reply:
                    self.latencies.setdefault(phase, []).append(elapsed)
                else:
                    self.errors.setdefault(phase, []).append(reply.get("error"))
            except (OSError, ConnectionError, ValueError) as error:
                self.errors.setdefault(phase, []).append(type(error).__name__)
                self.dropped += 1
                try:
                    self.connection = Connection(self.socket_path, timeout=30)
                except OSError:
                    time.sleep(0.1)
            if time.monotonic() - last_fresh > 0.5:
                last_fresh = time.monotonic()
                counts = self.fresh.setdefault(phase, [0, 0])
                try:
                    with Connection(self.socket_path, timeout=5) as fresh:
                        counts[0 if "parameters" in fresh.call("GetStatus") else 1] += 1
                except (OSError, ConnectionError, ValueError):
                    counts[1] += 1
            time.sleep(0.002)

    def stop(self):
        self.stopping.set()
        self.join(timeout=30)


class Abuser:
    """abuser.py in its own process, as uid `uid`."""

    def __init__(self, directory, socket_path, uid, *arguments):
        python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
        script = os.path.join(directory, "abuser.py")
        if not os.path.exists(script):
            shutil.copy(os.path.join(HERE, "abuser.py"), script)
            os.chmod(script, 0o755)
        self.process = subprocess.Popen([python, script, socket_path] + [str(a) for a in arguments],
                                        user=uid, group=uid, extra_groups=[], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=directory)

    def line(self, timeout=300):
        result = {}

        def read():
            text = self.process.stdout.readline()
            if text:
                result["value"] = json.loads(text)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(timeout)
        if "value" not in result:
            raise AssertionError(f"abuser gave no answer: {self.process.stderr.read1().decode(errors='replace')}")
        return result["value"]

    def release(self):
        self.process.stdin.close()

    def wait(self, timeout=600):
        self.process.wait(timeout=timeout)


def rss_settled(daemon, bound_kb=RSS_BOUND_KB, timeout=60):
    """The daemon's VmRSS in kB once it is within `bound_kb`, or after `timeout` seconds: memory
    given back after clients leave may take a while to show on a loaded machine."""
    deadline = time.monotonic() + timeout
    while True:
        rss = daemon.rss()["VmRSS"]
        if rss <= bound_kb or time.monotonic() >= deadline:
            return rss
        time.sleep(0.2)


@unittest.skipUnless(is_root() or os.environ.get("CI") == "true", "needs root (prlimit, other uids)")
class SocketAbuseTest(unittest.TestCase):
    def test_abuse_while_a_good_client_calls_getscores(self):
        checks = Checks(self, "5-socket-abuse")
        daemon = Daemon("abuse")
        figures = {"phases": {}}
        good = None
        try:
            started_at = time.time()
            daemon.start(prefix=["prlimit", "--nofile=16384:16384"])
            idle_rss = daemon.rss()["VmRSS"]
            good = GoodClient(daemon.socket_path)
            good.start()
            sampler = Sampler(daemon.pid)
            sampler.start()

            def phase(name, action):
                good.phase = name
                phase_sampler = Sampler(daemon.pid)
                phase_sampler.start()
                t0 = time.monotonic()
                result = action()
                time.sleep(0.5)  # the phase's memory a little after it: a measurement, not a wait
                rss = phase_sampler.stop()
                figures["phases"][name] = {"result": result, "rss_max_mb": round(rss / 1024, 1) if rss else None,
                                           "seconds": round(time.monotonic() - t0, 1)}
                checks.check(f"{name}: daemon alive", daemon.alive(), daemon.process.poll())
                return result, rss

            def baseline():
                time.sleep(pick(2, 10))
                return None

            def connections(uids, total, hold):
                abusers = [Abuser(daemon.dir, daemon.socket_path, uid, "hold", total // len(uids)) for uid in uids]
                opened = [a.line() for a in abusers]
                time.sleep(hold)
                for a in abusers:
                    a.release()
                released = [a.line() for a in abusers]
                for a in abusers:
                    a.wait()
                return {"attempted": sum(o["attempted"] for o in opened),
                        "connected": sum(o["connected"] for o in opened),
                        "connect_failed": sum(o["connect_failed"] for o in opened),
                        "closed_at_once": sum(o["closed_by_server"] for o in opened),
                        "kept_open": sum(o["open"] for o in opened),
                        "per_uid_open": [o["open"] for o in opened],
                        "open_at_release": sum(r["open_at_release"] for r in released)}

            phase("baseline", baseline)
            hold = pick(3, 15)
            result, _ = phase("conn-1uid", lambda: connections([60001], 2000, hold))
            checks.equal("conn-1uid: 256 kept (the per-uid limit), the rest closed at once", result["kept_open"], 256)
            checks.equal("conn-1uid: a fresh root connection is accepted meanwhile", good.fresh.get("conn-1uid", [0, 0])[1], 0)
            result, _ = phase("conn-8uids", lambda: connections(list(range(60001, 60009)), 2000, hold))
            checks.check("conn-8uids: at most 1024 open in all (one is the good client's)",
                         1000 <= result["kept_open"] <= 1023, result["kept_open"])

            slow_seconds = pick(8, 50)

            def slow():
                abuser = Abuser(daemon.dir, daemon.socket_path, 60009, "slow", 50, slow_seconds)
                return abuser.line()
            result, _ = phase("slow", slow)
            if slow_seconds >= 45:
                checks.equal("slow: all 50 byte-a-second calls answered", result["replies"], 50)
            else:
                checks.equal("slow: all 50 byte-a-second clients still connected", result["open_at_end"], 50)

            def flood():
                return Abuser(daemon.dir, daemon.socket_path, 60010, "flood", 100 * 1000 * 1000).line()
            result, _ = phase("flood", flood)
            checks.check("flood: closed after about 1 MiB (not 100 MB accepted)",
                         result["bytes_accepted_before_close"] < 8 * 1024 * 1024 and result["error"] is not None, result)

            def garbage():
                return Abuser(daemon.dir, daemon.socket_path, 60010, "random", 200, 65536).line()
            result, _ = phase("random", garbage)
            checks.equal("random: every garbage connection closed", result["closed_by_server"], result["connected"])

            def nested():
                outcomes = []
                for depth in (1000, 100_000, 500_000):
                    for kind in ("array", "object"):
                        outcomes.append(Abuser(daemon.dir, daemon.socket_path, 60010, "nested", depth, kind).line())
                return outcomes
            result, _ = phase("nested", nested)
            checks.check("nested: answered with an error or closed, never crashed",
                         all(o["outcome"] not in ("answered",) for o in result) and daemon.alive(), result)

            calls = pick(10_000, 100_000)

            def pipelined():
                first = Abuser(daemon.dir, daemon.socket_path, 60010, "pipeline", calls, 0).line()
                late = Abuser(daemon.dir, daemon.socket_path, 60010, "pipeline", 10_000, 5).line()
                return [first, late]
            result, _ = phase("pipeline", pipelined)
            checks.equal("pipeline: every call answered", [r["replies"] for r in result], [calls, 10_000])

            partial_count = 256

            def partial():
                abuser = Abuser(daemon.dir, daemon.socket_path, 60011, "partial", partial_count, (1 << 20) - 1)
                sent = abuser.line()
                time.sleep(2)  # held for a while: the figure rss_while_held (the bound is checked on the sampled maximum)
                rss = daemon.rss()
                abuser.release()
                abuser.line()
                abuser.wait()
                return {"connections": sent["connected"], "bytes_held": sent["bytes_sent"], "open": sent["open"],
                        "rss_while_held_mb": round(rss["VmRSS"] / 1024, 1),
                        "rss_after_release_mb": round(rss_settled(daemon) / 1024, 1)}
            result, partial_rss = phase("partial", partial)
            checks.check(f"partial: RSS within {RSS_BOUND_KB // 1024} MB plus 1.25 x the bytes held",
                         partial_rss <= RSS_BOUND_KB + 1.25 * result["bytes_held"] / 1024, result)
            checks.check(f"partial: RSS back within {RSS_BOUND_KB // 1024} MB once those clients are gone",
                         result["rss_after_release_mb"] * 1024 <= RSS_BOUND_KB, result)

            if FULL:
                def partial_all():
                    # The worst case the limits allow: every connection slot holding 1 MiB - 1.
                    abusers = [Abuser(daemon.dir, daemon.socket_path, uid, "partial", 256, (1 << 20) - 1)
                               for uid in range(60011, 60015)]
                    sent = [a.line() for a in abusers]
                    time.sleep(2)
                    rss = daemon.rss()
                    for a in abusers:
                        a.release()
                    for a in abusers:
                        a.line()
                        a.wait()
                    return {"connections": sum(x["open"] for x in sent), "bytes_held": sum(x["bytes_sent"] for x in sent),
                            "rss_while_held_mb": round(rss["VmRSS"] / 1024, 1),
                            "rss_after_release_mb": round(rss_settled(daemon) / 1024, 1)}
                result, all_rss = phase("partial-4uids", partial_all)
                checks.check(f"partial-4uids: RSS within {RSS_BOUND_KB // 1024} MB plus 1.25 x the bytes held",
                             all_rss <= RSS_BOUND_KB + 1.25 * result["bytes_held"] / 1024, result)
                checks.check(f"partial-4uids: RSS back within {RSS_BOUND_KB // 1024} MB once those clients are gone",
                             result["rss_after_release_mb"] * 1024 <= RSS_BOUND_KB, result)

                def idle():
                    connection = Connection(daemon.socket_path, timeout=200)
                    t0 = time.monotonic()
                    try:
                        gone = connection.socket.recv(1) == b""
                    except OSError:
                        gone = True
                    connection.close()
                    return {"closed": gone, "after_s": round(time.monotonic() - t0, 1)}
                result, _ = phase("idle", idle)
                checks.check("idle: closed after the 60 s idle timeout (within 60-125 s)",
                             result["closed"] and 59 <= result["after_s"] <= 125, result)

            good.phase = "after"
            time.sleep(1)  # a second of the good client after the abuse: a measurement
            good.stop()
            overall_rss = sampler.stop()
            status = daemon.rss()
            after = daemon.call("GetScores")
            checks.check("the daemon answers a fresh connection after the abuse", "parameters" in after, after)

            # The well-behaved client.
            all_latencies = []
            for name, values in good.latencies.items():
                all_latencies += values
                entry = figures["phases"].setdefault(name, {})
                entry["good_calls"] = len(values)
                entry["good_p50_ms"] = round(percentile(values, 0.5) * 1000, 3)
                entry["good_p99_ms"] = round(percentile(values, 0.99) * 1000, 3)
                entry["good_max_ms"] = round(max(values) * 1000, 3)
                entry["good_errors"] = len(good.errors.get(name, []))
                entry["fresh_connections_ok_refused"] = good.fresh.get(name)
                if name != "after":
                    checks.check(f"{name}: good client p99 <= {P99_TARGET_MS} ms",
                                 entry["good_p99_ms"] <= P99_TARGET_MS, entry["good_p99_ms"])
                    checks.check(f"{name}: good client max <= {MAX_TARGET_MS} ms",
                                 entry["good_max_ms"] <= MAX_TARGET_MS, entry["good_max_ms"])
            checks.equal("good client: no call failed", {k: v for k, v in good.errors.items() if v}, {})
            checks.equal("good client: its connection was never dropped", good.dropped, 0)
            for name, entry in figures["phases"].items():
                if name not in ("partial", "partial-4uids", "idle", "after") and entry.get("rss_max_mb") is not None:
                    checks.check(f"{name}: RSS <= {RSS_BOUND_KB // 1024} MB", entry["rss_max_mb"] * 1024 <= RSS_BOUND_KB,
                                 entry["rss_max_mb"])
            log = daemon_log(daemon, started_at)
            by_priority = {}
            for entry in log:
                by_priority[entry["PRIORITY"]] = by_priority.get(entry["PRIORITY"], 0) + 1
            checks.finish(idle_rss_mb=round(idle_rss / 1024, 1), rss_max_mb=round(overall_rss / 1024, 1),
                          vmhwm_mb=round(status["VmHWM"] / 1024, 1), rss_after_mb=round(status["VmRSS"] / 1024, 1),
                          good_calls=len(all_latencies),
                          good_p50_ms=round(percentile(all_latencies, 0.5) * 1000, 3),
                          good_p99_ms=round(percentile(all_latencies, 0.99) * 1000, 3),
                          good_max_ms=round(max(all_latencies) * 1000, 3),
                          journal_lines_by_priority=by_priority, **figures)
        finally:
            if good and good.is_alive():
                good.stop()
            daemon.close()



if __name__ == "__main__":
    unittest.main()
