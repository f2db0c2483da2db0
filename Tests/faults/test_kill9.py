"""Scenario 1: kill -9 at random moments while evaluations, inventory edits and queries run.

Expectation (RELIABILITY.md §1): after N kill -9 and restarts (10 in make test, 100 in make
torture), with Interval=1s, Evaluate calls, a Watch stream, queries and an editor that moves
scores up and down (so that band, score and inventory alerts fire) all running meanwhile:

- `sqlite3 DB 'PRAGMA integrity_check'` says ok (also checked between some kills);
- every evaluation a client was told about (Watch replies, Evaluate replies, GetStatus
  last_evaluation) is in the `evaluations` table, each with all its contract scores;
- the alerts in the journal (EXITREADY_ALERT_ID = <database id>-<row id>) and in the `alerts`
  table agree one to one after a last clean start and stop: none duplicated, none lost, all
  marked journaled;
- the stored alerts are exactly those the alert policy (exitreadyd(8), ALERTS) derives from the sequence of
  stored evaluations: a crash neither repeats nor forgets a transition.
"""
import collections
import os
import random
import shutil
import subprocess
import threading
import time
import unittest

from faultlib import (Checks, Connection, Daemon, journal_alerts, journal_available, pick, replace_in, rfc3339,
                      write_atomically)

BANDS = {"ready": 0, "at-risk": 1, "not-ready": 2}
DROP_THRESHOLD = 5.0


class Activity:
    """Clients and an editor running against whatever daemon is up, across restarts."""

    def __init__(self, daemon, seed):
        self.daemon = daemon
        self.random = random.Random(seed)
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.seen = {}  # evaluated_at (RFC 3339) -> how the client learnt it
        self.calls = collections.Counter()
        self.edits = 0
        contracts = daemon.path("inventory/contracts")
        self.klantlijn = os.path.join(contracts, "klantlijn-inbound.yaml")
        self.webcare = os.path.join(contracts, "webcare-social.yaml")
        with open(self.klantlijn) as handle:
            base = handle.read()
        weaker = (base.replace("key_staff_retention: true", "key_staff_retention: false")
                  .replace("termination_assistance_months: 6", "termination_assistance_months: 1")
                  .replace("  reviewed: 2026-06-15\n", "").replace("  tested: 2025-11-20\n", ""))
        weakest = (weaker.replace("alternatives: [insource, Dialoog Services B.V.]", "alternatives: []")
                   .replace("license_transfer: true", "license_transfer: false")
                   .replace("cooperation_duty: true", "cooperation_duty: false"))
        no_plan = base.replace("document: exit/", "document: missing/", 1)
        # klantlijn-inbound 95.2 ready, 86.9 ready (score drop), 83.2 with the portfolio
        # not-ready, 40.0 not-ready (band drop).
        self.klantlijn_states = [base, weaker, weakest, no_plan]
        with open(self.webcare) as handle:
            valid = handle.read()
        self.webcare_states = [valid, valid.replace("criticality: standard", "criticality: essential")]
        self.threads = [threading.Thread(target=target, daemon=True)
                        for target in (self.watcher, self.querier, self.evaluator, self.editor)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def saw(self, evaluated_at, how):
        if evaluated_at:
            with self.lock:
                self.seen.setdefault(evaluated_at, how)

    def pause(self, low, high):
        self.stopping.wait(self.random.uniform(low, high))

    def watcher(self):
        while not self.stopping.is_set():
            try:
                with Connection(self.daemon.socket_path, timeout=5) as connection:
                    connection.send("Watch", more=True)
                    while not self.stopping.is_set():
                        try:
                            reply = connection.receive()
                        except TimeoutError:
                            continue
                        self.calls["Watch reply"] += 1
                        self.saw(reply.get("parameters", {}).get("evaluated_at"), "Watch")
            except (OSError, ConnectionError, ValueError):
                self.pause(0.02, 0.1)

    def querier(self):
        methods = ["GetStatus", "GetScores", "GetAlerts", "GetHistory", "GetContract"]
        while not self.stopping.is_set():
            try:
                with Connection(self.daemon.socket_path, timeout=10) as connection:
                    while not self.stopping.is_set():
                        method = self.random.choice(methods)
                        parameters = {"id": "klantlijn-inbound"} if method == "GetContract" else (
                            {"limit": 5} if method in ("GetAlerts", "GetHistory") else None)
                        reply = connection.call(method, parameters)
                        self.calls[method] += 1
                        if method == "GetStatus":
                            self.saw(reply.get("parameters", {}).get("last_evaluation"), "GetStatus")
                        self.pause(0.005, 0.05)
            except (OSError, ConnectionError, ValueError):
                self.pause(0.02, 0.1)

    def evaluator(self):
        while not self.stopping.is_set():
            try:
                with Connection(self.daemon.socket_path, timeout=30) as connection:
                    reply = connection.call("Evaluate")
                    self.calls["Evaluate"] += 1
                    self.saw(reply.get("parameters", {}).get("evaluated_at"), "Evaluate")
            except (OSError, ConnectionError, ValueError):
                pass
            self.pause(0.1, 0.6)

    def editor(self):
        while not self.stopping.is_set():
            if self.random.random() < 0.8:
                write_atomically(self.klantlijn, self.random.choice(self.klantlijn_states))
            else:
                write_atomically(self.webcare, self.webcare_states[self.random.random() < 0.5])
            self.edits += 1
            self.pause(0.2, 1.2)


def expected_score_alerts(daemon):
    """The band and score alerts the policy of exitreadyd(8) derives from the stored evaluations, in order:
    (evaluation id, kind, contract or None for the portfolio)."""
    evaluations = daemon.query("SELECT id, portfolio_score, portfolio_band FROM evaluations ORDER BY id")
    scores = collections.defaultdict(list)
    for evaluation_id, contract, status, score, band in daemon.query(
            "SELECT evaluation_id, contract, status, score, band FROM contract_scores ORDER BY evaluation_id, contract"):
        scores[evaluation_id].append((contract, status, score, band))
    baselines = {}
    expected = []
    for evaluation_id, portfolio_score, portfolio_band in evaluations:
        subjects = [(contract, score, band) for contract, status, score, band in scores[evaluation_id]
                    if status == "active"]
        if portfolio_score is not None:
            subjects.append((None, portfolio_score, portfolio_band))
        for key, score, band in subjects:
            if key not in baselines:
                baselines[key] = [band, score, score]
                continue
            baseline = baselines[key]
            kind = None
            if BANDS[band] > BANDS[baseline[0]]:
                kind = "band-dropped"
            elif BANDS[band] < BANDS[baseline[0]]:
                kind = "band-recovered"
            elif baseline[2] - score >= DROP_THRESHOLD - 1e-9:
                kind = "score-dropped"
            if kind:
                expected.append((evaluation_id, kind, key))
                baseline[2] = score
            else:
                baseline[2] = max(baseline[2], score)
            baseline[0], baseline[1] = band, score
        present = {contract for contract, _, _, _ in scores[evaluation_id]} | {None}
        baselines = {key: value for key, value in baselines.items() if key in present}
    return expected


@unittest.skipUnless(journal_available() or os.environ.get("CI") == "true", "no journald running")
class KillNineTest(unittest.TestCase):
    def test_kill9_at_random_moments_loses_and_repeats_nothing(self):
        cycles = pick(10, 100)
        seed = int(os.environ.get("FAULTS_SEED", time.time()))
        rng = random.Random(seed)
        daemon = Daemon("kill9", interval="1s")
        activity = Activity(daemon, seed)
        started = time.monotonic()
        kills_before_ready = 0
        ready_times = []
        integrity_checks = []
        try:
            activity.start()
            for cycle in range(cycles):
                t0 = time.monotonic()
                if rng.random() < 0.15:
                    # During start-up: opening the database, sending pending alerts, the first evaluation.
                    daemon.start(wait=False)
                    time.sleep(rng.uniform(0.0, 0.3))
                    kills_before_ready += 1
                else:
                    daemon.start()
                    ready_times.append(time.monotonic() - t0)
                    time.sleep(rng.uniform(0.05, 2.5))  # a random moment to kill at: what is under test
                daemon.kill9()
                if cycle % 10 == 9:
                    integrity_checks.append(daemon.integrity_check())
            activity.stop()
            # A last clean start (sends what a crash left unsent) and a clean stop, on a valid
            # inventory so that the start evaluates.
            write_atomically(activity.webcare, activity.webcare_states[0])
            daemon.start()
            final = daemon.evaluate()
            activity.saw(final["evaluated_at"], "Evaluate (final)")
            checks = Checks(self, "1-kill9")
            checks.equal("a clean stop exits with 0", daemon.stop(), 0)
            duration = time.monotonic() - started

            integrity = daemon.integrity_check()
            checks.equal("integrity_check after the campaign", integrity, "ok")
            checks.equal("integrity_check between kills", [c for c in integrity_checks if c != "ok"], [])

            stored = daemon.query("SELECT evaluated_at FROM evaluations")
            stored_seconds = {rfc3339(row[0]) for row in stored}
            missing = sorted(at for at in activity.seen if at not in stored_seconds)
            checks.equal("every evaluation a client saw is stored", [(at, activity.seen[at]) for at in missing], [])
            incomplete = daemon.query("""SELECT e.id, count(s.contract) FROM evaluations e
                                         LEFT JOIN contract_scores s ON s.evaluation_id = e.id
                                         GROUP BY e.id HAVING count(s.contract) != 6""")
            checks.equal("every stored evaluation has all its contract scores", incomplete, [])

            alerts = daemon.alerts()
            checks.equal("every alert marked sent after a clean start and stop",
                         [a["id"] for a in alerts if a["journaled"] != 1], [])
            entries = journal_alerts(daemon)
            database_id = daemon.database_id()
            journal_ids = collections.Counter(entry["EXITREADY_ALERT_ID"] for entry in entries)
            duplicated = {alert_id: count for alert_id, count in journal_ids.items() if count > 1}
            database_ids = {f"{database_id}-{a['id']}": a for a in alerts}
            lost = sorted(set(database_ids) - set(journal_ids))
            unknown = sorted(set(journal_ids) - set(database_ids))
            wrong_kind = [entry["EXITREADY_ALERT_ID"] for entry in entries
                          if entry["EXITREADY_ALERT_ID"] in database_ids
                          and entry.get("EXITREADY_KIND") != database_ids[entry["EXITREADY_ALERT_ID"]]["kind"]]
            checks.equal("no alert journaled twice", duplicated, {})
            checks.equal("no stored alert missing from the journal", lost, [])
            checks.equal("no journal alert of this database missing from it", unknown, [])
            checks.equal("journal and database agree on each alert's kind", wrong_kind, [])

            expected = expected_score_alerts(daemon)
            actual = [(a["evaluation_id"], a["kind"], a["contract"]) for a in alerts
                      if a["kind"] in ("band-dropped", "band-recovered", "score-dropped")]
            checks.equal("band and score alerts are exactly those the policy derives from the stored evaluations",
                         actual, expected)
            notice = [a for a in alerts if a["kind"] == "notice-deadline"]
            checks.equal("one notice-deadline alert (webcare-social)", [(a["contract"], a["priority"]) for a in notice],
                         [("webcare-social", "warning")])
            inventory = [a["kind"] for a in alerts if a["kind"].startswith("inventory-")]
            doubled = [pair for pair in zip(inventory, inventory[1:]) if pair[0] == pair[1]]
            checks.equal("inventory-invalid and inventory-recovered alternate (one problem, toggled)", doubled, [])
            checks.check("the clients saw evaluations (else the check above proves nothing)", len(activity.seen) >= 1,
                         len(activity.seen))
            kinds = collections.Counter(a["kind"] for a in alerts)
            checks.finish(seed=seed, cycles=cycles, kills_before_ready=kills_before_ready,
                          kills_after_ready=cycles - kills_before_ready, seconds=round(duration, 1),
                          evaluations_stored=len(stored), evaluations_seen_by_clients=len(activity.seen),
                          seen_missing=len(missing), inventory_edits=activity.edits, calls=dict(activity.calls),
                          alerts_in_database=len(alerts), alert_entries_in_journal=sum(journal_ids.values()),
                          alerts_duplicated=len(duplicated), alerts_lost=len(lost), alerts_unknown=len(unknown),
                          alert_kinds=dict(kinds), policy_expected=len(expected), policy_actual=len(actual),
                          integrity=integrity, integrity_checks_between_kills=len(integrity_checks),
                          restart_to_ready_s_max=round(max(ready_times), 3) if ready_times else None,
                          restart_to_ready_s_median=round(sorted(ready_times)[len(ready_times) // 2], 3)
                          if ready_times else None)
        finally:
            activity.stop()
            daemon.close()


def traced_throughout(pid, tracer, timeout=60):
    """Waits until `tracer` traces every thread of `pid` (TracerPid in each thread's status)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tracers = set()
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/status") as status:
                    tracers |= {int(line.split()[1]) for line in status if line.startswith("TracerPid:")}
            except FileNotFoundError:
                pass  # the thread ended while the others were read
        if tracers == {tracer}:
            return True
        time.sleep(0.05)
    return False


@unittest.skipUnless(journal_available() or os.environ.get("CI") == "true", "no journald running")
@unittest.skipUnless(shutil.which("strace") or os.environ.get("CI") == "true", "needs strace")
class TargetedKillTest(unittest.TestCase):
    """kill -9 at the two moments random kills rarely hit: after an alert is stored but before
    it is sent, and after it is sent but before it is marked sent. strace holds the daemon in
    every sendmsg (on entry or on exit) long enough to kill it there."""

    def kill_around_send(self, where):
        checks = Checks(self, f"1b-kill9-{where}-journal-send")
        daemon = Daemon(f"kill-{where}")
        tracer = None
        try:
            daemon.start()
            tracer = subprocess.Popen(["strace", "-f", "-qq", "-p", str(daemon.pid), "-e", "trace=sendmsg",
                                       "-e", f"inject=sendmsg:delay_{where}=2s", "-o", "/dev/null"],
                                      stderr=subprocess.DEVNULL)
            self.assertTrue(traced_throughout(daemon.pid, tracer.pid), "strace did not attach to every thread within 60 s")
            replace_in(daemon.path("inventory/contracts/klantlijn-inbound.yaml"), "document: exit/", "document: missing/")
            def evaluate():
                try:
                    daemon.call("Evaluate", timeout=120)
                except (OSError, ConnectionError):
                    pass  # killed while answering: expected
            threading.Thread(target=evaluate, daemon=True).start()
            prefix = daemon.database_id() + "-"
            deadline = time.monotonic() + 60
            killed_at = None
            while time.monotonic() < deadline and killed_at is None:
                pending = [row[0] for row in daemon.query("SELECT id FROM alerts WHERE journaled = 0 ORDER BY id")]
                if pending:
                    in_journal = {e["EXITREADY_ALERT_ID"] for e in journal_alerts(daemon)}
                    sent = [i for i in pending if f"{prefix}{i}" in in_journal]
                    # enter: stored, nothing of it sent yet; exit: the first one sent, not marked.
                    if (where == "enter" and not sent) or (where == "exit" and sent):
                        daemon.kill9()
                        killed_at = {"pending": pending, "sent_not_marked": sent}
                time.sleep(0.05)
            tracer.wait(timeout=30)
            checks.check("killed at the intended moment", killed_at is not None, "never saw the moment")
            daemon.start()
            self.assertEqual(daemon.stop(), 0)
            alerts = daemon.alerts()
            entries = journal_alerts(daemon)
            counts = collections.Counter(e["EXITREADY_ALERT_ID"] for e in entries)
            checks.equal("every alert marked sent after the restart", [a["id"] for a in alerts if a["journaled"] != 1], [])
            checks.equal("every alert in the journal exactly once",
                         sorted(counts.items()), sorted((f"{prefix}{a['id']}", 1) for a in alerts))
            checks.equal("integrity_check", daemon.integrity_check(), "ok")
            checks.finish(killed_at=killed_at, alerts=len(alerts), journal_entries=sum(counts.values()))
        finally:
            if tracer and tracer.poll() is None:
                tracer.kill()
            daemon.close()

    def test_kill_after_storing_before_sending(self):
        self.kill_around_send("enter")

    def test_kill_after_sending_before_marking(self):
        self.kill_around_send("exit")


if __name__ == "__main__":
    unittest.main()
