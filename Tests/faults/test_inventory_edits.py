"""Scenario 4: invalid inventory edits while the daemon runs.

Expectation (RELIABILITY.md §4):

- the last valid inventory keeps being scored: GetScores' contracts do not change while the
  inventory has errors (even where an edit also made a valid change);
- one `inventory-invalid` alert (priority err) per distinct problem, its message naming the
  file and the line (FILE:LINE:COLUMN); at most 20 at once, then one summary;
- no repeat for a problem on later evaluations, nor when another problem is added or fixed;
- GetStatus lists the errors with file and line;
- one `inventory-recovered` alert (info) on the next valid edit, which is then scored.

Measured besides: what the same problem moved down by one line raises, and what a restart with
the inventory still invalid serves.
"""
import os
import re
import time
import unittest

from faultlib import Checks, Daemon, journal_alerts, journal_available, line_of, pick, write_atomically

ERROR_LINE = re.compile(r"Inventory error: (/[^:]+):(\d+):(\d+): ")


def new_alerts(daemon, since_id):
    return daemon.alerts(since_id)


@unittest.skipUnless(journal_available() or os.environ.get("CI") == "true", "no journald running")
class InventoryEditsTest(unittest.TestCase):
    def test_invalid_edits_while_running(self):
        checks = Checks(self, "4-inventory-edits")
        daemon = Daemon("inventory")
        figures = {}
        try:
            daemon.start()
            contracts = daemon.path("inventory/contracts")
            webcare = os.path.join(contracts, "webcare-social.yaml")
            dialoog = os.path.join(contracts, "dialoog-email.yaml")
            klantlijn = os.path.join(contracts, "klantlijn-inbound.yaml")
            processes = daemon.path("inventory/processes.csv")
            staff = daemon.path("inventory/staff.csv")
            originals = {}
            for path in (webcare, dialoog, klantlijn, processes, staff):
                with open(path) as handle:
                    originals[path] = handle.read()
            before = daemon.scores()
            started = time.time()
            repeats = pick(3, 10)

            def evaluate_times(count):
                for _ in range(count):
                    daemon.evaluate()

            # E1: a bad value, plus a valid change in another file that must not be scored yet.
            last = daemon.last_alert_id()
            webcare_line = line_of(webcare, "criticality:")
            write_atomically(webcare, originals[webcare].replace("criticality: standard", "criticality: essential"))
            write_atomically(klantlijn, originals[klantlijn].replace("document: exit/", "document: missing/", 1))
            evaluate_times(repeats)
            alerts = new_alerts(daemon, last)
            checks.equal("E1: one alert for one problem", [(a["kind"], a["priority"]) for a in alerts],
                         [("inventory-invalid", "err")])
            located = [ERROR_LINE.search(a["message"]) for a in alerts]
            checks.equal("E1: names file and line", [(m.group(1), int(m.group(2))) if m else None for m in located],
                         [(webcare, webcare_line)])
            checks.equal("E1: last valid inventory still scored (the valid edit of klantlijn-inbound is not)",
                         daemon.scores()["contracts"], before["contracts"])
            errors = daemon.status()["inventory_errors"]
            checks.equal("E1: GetStatus lists the error with file and line", [(e["file"], e["line"]) for e in errors],
                         [(webcare, webcare_line)])

            # E2: two more problems in another file, E1 still there: two alerts, E1 not repeated.
            last = daemon.last_alert_id()
            with open(processes) as handle:
                rows = handle.read().rstrip("\n").split("\n")
            rows.append("klantlijn-inbound,bad-one,Bad,semiformal,x,processes/x.md,yes,yes,yes,2026-05-20")
            rows.append("klantlijn-inbound,bad-two,Bad two,formal,x,processes/y.md,yes,yes,yes,2026-13-45")
            write_atomically(processes, "\n".join(rows) + "\n")
            evaluate_times(repeats)
            alerts = new_alerts(daemon, last)
            located = sorted((m.group(1), int(m.group(2))) for m in (ERROR_LINE.search(a["message"]) for a in alerts) if m)
            checks.equal("E2: one alert per new problem, naming file and line", located,
                         [(processes, len(rows) - 1), (processes, len(rows))])
            checks.equal("E2: nothing else", len(alerts), 2)

            # E3: a half-written contract file (an editor that crashed mid-write).
            last = daemon.last_alert_id()
            text = originals[dialoog]
            write_atomically(dialoog, text[:text.index("kpi:") + 12])
            evaluate_times(repeats)
            alerts = new_alerts(daemon, last)
            located = [(m.group(1)) for m in (ERROR_LINE.search(a["message"]) for a in alerts) if m]
            checks.equal("E3: one alert for the truncated file", located, [dialoog])
            checks.equal("E3: scores unchanged", daemon.scores()["contracts"], before["contracts"])

            # E1 fixed while E2 and E3 remain: no alert at all (neither recovery nor repeat).
            last = daemon.last_alert_id()
            write_atomically(webcare, originals[webcare])
            evaluate_times(repeats)
            checks.equal("E1 fixed, others remain: no alert", [a["kind"] for a in new_alerts(daemon, last)], [])

            # The same problem moved down a line (a comment added above it): measured.
            last = daemon.last_alert_id()
            write_atomically(dialoog, "# a comment line added above\n" + text[:text.index("kpi:") + 12])
            evaluate_times(1)
            figures["same_problem_one_line_lower_new_alerts"] = len(new_alerts(daemon, last))

            # Many problems at once: at most 20 alerts, then one summary.
            last = daemon.last_alert_id()
            bad_rows = [f"ghost-{n:02d},p,Name,formal,x,processes/x.md,yes,yes,yes,2026-05-20" for n in range(30)]
            write_atomically(processes, "\n".join(rows + bad_rows) + "\n")
            evaluate_times(2)
            alerts = new_alerts(daemon, last)
            figures["thirty_new_problems_alerts"] = len(alerts)
            checks.check("30 new problems: at most 20 alerts plus one summary", 1 < len(alerts) <= 21, len(alerts))
            checks.check("the summary points at exitreadyctl validate",
                         any("exitreadyctl validate" in a["message"] for a in alerts), "")

            # All fixed, with a valid change: one recovery alert, and the change is scored now.
            last = daemon.last_alert_id()
            for path in (dialoog, processes):
                write_atomically(path, originals[path])
            evaluate_times(repeats)
            alerts = new_alerts(daemon, last)
            kinds = sorted(a["kind"] for a in alerts)
            checks.equal("recovery: one inventory-recovered (info)",
                         [a["priority"] for a in alerts if a["kind"] == "inventory-recovered"], ["info"])
            checks.check("recovery: the valid edit is scored now (klantlijn-inbound 40.0 not-ready)",
                         [c for c in daemon.scores()["contracts"] if c["id"] == "klantlijn-inbound"][0]["band"] == "not-ready",
                         kinds)
            checks.equal("recovery: GetStatus has no errors", daemon.status()["inventory_errors"], [])

            entries = [e for e in journal_alerts(daemon, started) if e["EXITREADY_KIND"].startswith("inventory-")]
            stored = [a for a in daemon.alerts() if a["kind"].startswith("inventory-")]
            checks.equal("journal and database agree on inventory alerts", len(entries), len(stored))
            checks.check("journal: inventory-invalid at priority 3, recovered at 6",
                         all(e["PRIORITY"] == ("3" if e["EXITREADY_KIND"] == "inventory-invalid" else "6") for e in entries), "")
            figures["inventory_alerts_total"] = len(stored)
            figures["evaluations_per_step"] = repeats
            checks.finish(**figures)
        finally:
            daemon.close()

    def test_restart_with_the_inventory_still_invalid(self):
        """Measured: the alert is not repeated; what GetScores answers after the restart."""
        checks = Checks(self, "4b-inventory-invalid-across-restart")
        daemon = Daemon("inventory-restart")
        try:
            daemon.start()
            webcare = daemon.path("inventory/contracts/webcare-social.yaml")
            with open(webcare) as handle:
                text = handle.read()
            write_atomically(webcare, text.replace("criticality: standard", "criticality: essential"))
            daemon.evaluate()
            last = daemon.last_alert_id()
            self.assertEqual(daemon.stop(), 0)
            daemon.start()  # READY=1 must come although nothing can be scored (it follows the first evaluation)
            scores = daemon.call("GetScores")
            checks.equal("no repeated inventory-invalid alert after the restart", [a["kind"] for a in daemon.alerts(last)], [])
            answer = scores.get("error", "scores")
            write_atomically(webcare, text)
            daemon.evaluate()
            checks.equal("recovered after the fix", [a["kind"] for a in daemon.alerts(last)], ["inventory-recovered"])
            checks.finish(getscores_after_restart_with_invalid_inventory=answer)
        finally:
            daemon.close()


if __name__ == "__main__":
    unittest.main()
