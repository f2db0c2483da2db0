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
- the stored alerts are exactly those the alert policy (SPEC §5) derives from the sequence of
  stored evaluations: a crash neither repeats nor forgets a transition.
"""
import collections
import os
import random
import threading
import time
import unittest

from faultlib import (FULL, Connection, Daemon, journal_alerts, journal_available, measure, pick, rfc3339,
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
    """The band and score alerts SPEC §5 derives from the stored evaluations, in order:
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
                    time.sleep(rng.uniform(0.05, 2.5))
                daemon.kill9()
                if cycle % 10 == 9:
                    integrity_checks.append(daemon.integrity_check())
            activity.stop()
            # A last clean start (sends what a crash left unsent) and a clean stop.
            daemon.start()
            final = daemon.evaluate()
            activity.saw(final["evaluated_at"], "Evaluate (final)")
            self.assertEqual(daemon.stop(), 0, "a clean stop exits with 0")
            duration = time.monotonic() - started

            integrity = daemon.integrity_check()
            self.assertEqual(integrity, "ok")
            self.assertEqual([check for check in integrity_checks if check != "ok"], [])

            stored = daemon.query("SELECT evaluated_at FROM evaluations")
            stored_seconds = {rfc3339(row[0]) for row in stored}
            missing = sorted(at for at in activity.seen if at not in stored_seconds)
            self.assertEqual(missing, [], f"evaluations a client saw but the database lacks: "
                                          f"{[(at, activity.seen[at]) for at in missing]}")
            incomplete = daemon.query("""SELECT e.id, count(s.contract) FROM evaluations e
                                         LEFT JOIN contract_scores s ON s.evaluation_id = e.id
                                         GROUP BY e.id HAVING count(s.contract) != 6""")
            self.assertEqual(incomplete, [], "evaluations stored without all their contract scores")

            alerts = daemon.alerts()
            self.assertEqual([a["id"] for a in alerts if a["journaled"] != 1], [],
                             "alerts still unsent after a clean start and stop")
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

            expected = expected_score_alerts(daemon)
            actual = [(a["evaluation_id"], a["kind"], a["contract"]) for a in alerts
                      if a["kind"] in ("band-dropped", "band-recovered", "score-dropped")]
            notice = [a for a in alerts if a["kind"] == "notice-deadline"]
            inventory = [a["kind"] for a in alerts if a["kind"].startswith("inventory-")]
            doubled = [pair for pair in zip(inventory, inventory[1:]) if pair[0] == pair[1]]
            kinds = collections.Counter(a["kind"] for a in alerts)
            measure("1-kill9", seed=seed, cycles=cycles, kills_before_ready=kills_before_ready,
                    kills_after_ready=cycles - kills_before_ready, seconds=round(duration, 1),
                    evaluations_stored=len(stored), evaluations_seen_by_clients=len(activity.seen),
                    seen_missing=len(missing), inventory_edits=activity.edits, calls=dict(activity.calls),
                    alerts_in_database=len(alerts), alert_entries_in_journal=sum(journal_ids.values()),
                    alerts_duplicated=len(duplicated), alerts_lost=len(lost), alerts_unknown=len(unknown),
                    alert_kinds=dict(kinds), policy_expected=len(expected), policy_actual=len(actual),
                    integrity=integrity, integrity_checks_between_kills=len(integrity_checks),
                    restart_to_ready_s_max=round(max(ready_times), 3) if ready_times else None,
                    restart_to_ready_s_median=round(sorted(ready_times)[len(ready_times) // 2], 3) if ready_times else None)
            self.assertEqual(duplicated, {}, "alerts journaled more than once")
            self.assertEqual(lost, [], "alerts stored but never journaled")
            self.assertEqual(unknown, [], "journal alerts of this database that the database lacks")
            self.assertEqual(wrong_kind, [])
            self.assertEqual(actual, expected, "stored band/score alerts differ from the policy over the stored evaluations")
            self.assertEqual(len(notice), 1, f"one notice-deadline alert (webcare-social) expected: {notice}")
            self.assertEqual(doubled, [], "inventory-invalid/recovered alerts must alternate (one problem, toggled)")
            self.assertGreaterEqual(len(activity.seen), cycles // 2, "the clients should have seen evaluations")
            if FULL:
                self.assertGreaterEqual(cycles, 100)
        finally:
            activity.stop()
            daemon.close()


if __name__ == "__main__":
    unittest.main()
