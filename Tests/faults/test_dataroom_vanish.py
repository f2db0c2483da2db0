"""Scenario 3: the dataroom vanishes while the daemon runs.

Expectation (RELIABILITY.md §3), for a root that is renamed, unmounted (the share goes away and
leaves its empty mount point) or made unreadable, or whose contract folders all become
unreadable, over several evaluations:

- no false drop alert: no band-dropped or score-dropped alert at all;
- the dataroom family is carried over from the last scan: GetScores' contracts are unchanged;
- GetStatus says dataroom "unreachable", GetScores says dataroom_stale with the time of the scan
  carried over, and the stored evaluations are marked so;
- exactly one `dataroom-unreachable` alert, priority warning, in the database and the journal,
  however many evaluations run meanwhile;
- when the dataroom is back: one `dataroom-recovered` alert (info), GetStatus "ok", the same
  scores.
"""
import os
import subprocess
import time
import unittest

from faultlib import (MESSAGE_IDS, NOBODY, Checks, Daemon, is_root, journal_alerts, journal_available, pick)


def run_vanish(checks, daemon, vanish, restore):
    figures = {}
    before = daemon.scores()
    alert_before = daemon.last_alert_id()
    count_before = daemon.evaluation_count()
    started = time.time()
    vanish()
    evaluations = pick(3, 10)
    statuses, scores = [], []
    for _ in range(evaluations):
        daemon.evaluate()
        statuses.append(daemon.status()["dataroom"])
        scores.append(daemon.scores())
    figures["evaluations_while_gone"] = evaluations
    checks.equal("GetStatus dataroom is unreachable", sorted(set(statuses)), ["unreachable"])
    checks.equal("GetScores marks the dataroom stale", sorted({s.get("dataroom_stale") for s in scores}), [True])
    checks.check("GetScores says when the carried-over scan finished",
                 all(isinstance(s.get("dataroom_scanned_at"), str) for s in scores), str(scores[-1].get("dataroom_scanned_at")))
    changed = [c["id"] for s in scores for c, b in zip(s["contracts"], before["contracts"]) if c != b]
    checks.equal("contract scores, families and findings carried over", sorted(set(changed)), [])
    checks.equal("portfolio unchanged", sorted({str(s["portfolio"]) for s in scores}), [str(before["portfolio"])])
    marked = daemon.query("SELECT dataroom, count(*) FROM evaluations WHERE id > (SELECT coalesce(max(id), 0) FROM "
                          "evaluations) - ? GROUP BY dataroom", (evaluations,))
    checks.equal("stored evaluations marked dataroom=unreachable", marked, [("unreachable", evaluations)])
    checks.equal("every evaluation stored", daemon.evaluation_count() - count_before, evaluations)
    alerts = daemon.alerts(alert_before)
    figures["alerts_while_gone"] = [(a["kind"], a["priority"], a["contract"]) for a in alerts]
    drops = [a for a in alerts if a["kind"] in ("band-dropped", "score-dropped")]
    checks.equal("no false drop alert", [(a["kind"], a["contract"]) for a in drops], [])
    unreachable = [a for a in alerts if a["kind"] == "dataroom-unreachable"]
    checks.equal("one dataroom-unreachable alert", len(unreachable), 1)
    checks.equal("priority warning", [a["priority"] for a in unreachable], ["warning"])

    restore()
    daemon.evaluate()
    after = daemon.scores()
    checks.equal("GetStatus dataroom ok when back", daemon.status()["dataroom"], "ok")
    checks.equal("no stale marker when back", ("dataroom_stale" in after, "dataroom_scanned_at" in after), (False, False))
    checks.equal("scores after the return equal the scores before", after["contracts"], before["contracts"])
    alerts = daemon.alerts(alert_before)
    recovered = [a for a in alerts if a["kind"] == "dataroom-recovered"]
    checks.equal("one dataroom-recovered alert (info)", [a["priority"] for a in recovered], ["info"])
    entries = journal_alerts(daemon, started)
    by_kind = {}
    for entry in entries:
        by_kind.setdefault(entry["EXITREADY_KIND"], []).append(entry["PRIORITY"])
    figures["journal_alerts"] = by_kind
    checks.equal("journal: one dataroom-unreachable (priority 4)", by_kind.get("dataroom-unreachable"), ["4"])
    checks.equal("journal: one dataroom-recovered (priority 6)", by_kind.get("dataroom-recovered"), ["6"])
    checks.equal("journal: no drop alert", by_kind.get("band-dropped", []) + by_kind.get("score-dropped", []), [])
    checks.check("journal entries carry the MESSAGE_ID", all(e["MESSAGE_ID"] == MESSAGE_IDS[e["EXITREADY_KIND"]]
                                                             for e in entries), "")
    return figures


@unittest.skipUnless(journal_available() or os.environ.get("CI") == "true", "no journald running")
class VanishedDataroomTest(unittest.TestCase):
    def test_root_renamed(self):
        checks = Checks(self, "3a-dataroom-renamed")
        daemon = Daemon("renamed")
        try:
            daemon.start()
            root = daemon.path("dataroom")
            figures = run_vanish(checks, daemon, lambda: os.rename(root, root + ".moved"),
                                 lambda: os.rename(root + ".moved", root))
            checks.finish(**figures)
        finally:
            daemon.close()

    @unittest.skipUnless(is_root() or os.environ.get("CI") == "true", "needs root (unshare, mount)")
    def test_share_unmounted(self):
        """The dataroom is a mount (a bind mount standing in for an NFS or SMB share) in the
        daemon's mount namespace; unmounting it leaves the empty mount point behind."""
        checks = Checks(self, "3b-dataroom-unmounted")
        daemon = Daemon("unmounted")
        root = daemon.path("dataroom")
        share = daemon.path("share")
        os.rename(root, share)
        os.mkdir(root, 0o750)
        holder = subprocess.Popen(["unshare", "-m", "--propagation", "private", "sh", "-c",
                                   f"mount --bind {share} {root} && exec sleep 100000"])
        namespace = ["nsenter", f"--mount=/proc/{holder.pid}/ns/mnt", "--"]
        try:
            deadline = time.monotonic() + 60
            while not os.listdir(f"/proc/{holder.pid}/root{root}") and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertTrue(os.listdir(f"/proc/{holder.pid}/root{root}"), "the share was not mounted within 60 s")
            daemon.start(prefix=namespace)
            figures = run_vanish(checks, daemon,
                                 lambda: subprocess.run(namespace + ["umount", root], check=True),
                                 lambda: subprocess.run(namespace + ["mount", "--bind", share, root], check=True))
            checks.finish(**figures)
        finally:
            daemon.close()
            holder.kill()
            holder.wait()

    @unittest.skipUnless(is_root() or os.environ.get("CI") == "true", "needs root (setpriv)")
    def test_root_unreadable(self):
        self.run_unreadable("3c-dataroom-unreadable", "unreadable", lambda root: [root])

    @unittest.skipUnless(is_root() or os.environ.get("CI") == "true", "needs root (setpriv)")
    def test_every_contract_folder_unreadable(self):
        """The share lists its folders but opens none (expired credentials, a permission change
        for all): carried over and stale as for an unreachable root, not every contract D00."""
        self.run_unreadable("3d-contract-folders-unreadable", "folders-unreadable",
                            lambda root: [os.path.join(root, name) for name in sorted(os.listdir(root))])

    def run_unreadable(self, scenario, name, directories):
        """The daemon as uid 65534 (root reads everything), with `directories(root)` made
        unreadable (chmod 0) and then readable again."""
        checks = Checks(self, scenario)
        daemon = Daemon(name)
        try:
            subprocess.run(["chown", "-R", "65534:65534", daemon.dir], check=True)
            daemon.start(prefix=NOBODY)
            chosen = directories(daemon.path("dataroom"))

            def chmod_all(mode):
                for directory in chosen:
                    os.chmod(directory, mode)

            figures = run_vanish(checks, daemon, lambda: chmod_all(0), lambda: chmod_all(0o750))
            checks.finish(**figures)
        finally:
            daemon.close()

if __name__ == "__main__":
    unittest.main()
