"""Scenario 7: clock and calendar.

`--now-override @FILE` makes the daemon read "today" from FILE at each evaluation, so days pass
while it runs. Expectation (RELIABILITY.md §7):

a. Notice deadlines (NoticeWindow=120d, CriticalNoticeWindow=30d). Walking the date day by day
   (every day in the full run, the boundary days in the short one), with a restart and the
   clock stepped back on the way: webcare-social (notice deadline 2027-03-02, not ready) raises
   one notice-deadline warning, on 2026-11-02 exactly (120 days before), and one crit, on
   2027-01-31 (30 days before), never again; rheinruf-de (2027-04-03) likewise on 2026-12-04
   and 2027-03-04; after 2027-03-02 webcare-social renews and its next deadline is 2028-03-02.
   The deadlines are computed here from the inventory with the rule of exitready-inventory(5)
   (E_k = end + k x renewal months, day clamped; first E_k whose E_k - notice_days >= today).
   Every Evaluate reply, and GetScores right after it, carries the day of the file.
b. Leap day: an added contract with end 2024-02-29 renewing every 12 months renews to
   2028-02-29 (computed from end, not 2028-02-28), notice deadline 2028-01-30 (30 days'
   notice across February 2028): warning on 2027-10-02, crit on 2027-12-31, once each; on
   2028-01-31 the next term ends 2029-02-28; the daemon evaluates on 2028-02-29.
c. DST: a file's age counts local calendar days (Europe/Amsterdam). For files modified around
   the switches of 2026-03-29 (02:00 -> 03:00) and 2026-10-25 (03:00 -> 02:00), and on
   2028-02-29, the 90-day knowledge-base requirement is fresh on day 90 after the local date
   and stale (D02, "dated <local date>", 91 days) on day 91.
d. Time zone change while running (no --now-override, TZ unset): /etc/localtime in the daemon's
   private mount namespace is switched between Pacific/Pago_Pago (UTC-11, the zone at start)
   and Pacific/Kiritimati (UTC+14); each evaluation's date follows the zone in force.
"""
import calendar
import datetime
import os
import subprocess
import time
import unittest
import zoneinfo

from faultlib import FULL, Checks, Daemon, days_between, is_root, journal_alerts, journal_available, pick

WINDOW, CRITICAL = 120, 30


def add_months(day, months):
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def timeline(end, notice_days, renewal_months, today):
    """(term end, notice deadline) by exitready-inventory(5), section Exit timeline."""
    end = datetime.date.fromisoformat(end)
    today = datetime.date.fromisoformat(today)
    notice = datetime.timedelta(days=notice_days)
    if renewal_months == 0:
        return end.isoformat(), (end - notice).isoformat()
    k = 0
    while True:
        term = add_months(end, k * renewal_months)
        if term - notice >= today:
            return term.isoformat(), (term - notice).isoformat()
        k += 1


def window_days(deadline):
    deadline = datetime.date.fromisoformat(deadline)
    return ((deadline - datetime.timedelta(days=WINDOW)).isoformat(),
            (deadline - datetime.timedelta(days=CRITICAL)).isoformat())


def notice_alerts(daemon, contract):
    return [(a["priority"], a["day"]) for a in daemon.alerts() if a["kind"] == "notice-deadline" and a["contract"] == contract]


class Walker:
    """Sets the date file, evaluates, and checks that the replies carry that day."""

    def __init__(self, checks, daemon):
        self.checks = checks
        self.daemon = daemon
        self.evaluations = 0
        self.wrong_evaluate_day = []
        self.stale_getscores = []

    def day(self, iso):
        self.daemon.set_date(iso)
        reply = self.daemon.evaluate()
        self.evaluations += 1
        if reply["evaluated"] != iso:
            self.wrong_evaluate_day.append((iso, reply["evaluated"]))
        scores = self.daemon.scores()  # right after the Evaluate reply: must be that evaluation
        if scores["evaluated"] != iso:
            self.stale_getscores.append((iso, scores["evaluated"]))
        return reply

    def finish(self):
        self.checks.equal("every Evaluate reply carries the day of the date file", self.wrong_evaluate_day, [])
        self.checks.equal("GetScores right after an Evaluate reply shows that evaluation", self.stale_getscores, [])


LEAP_CONTRACT = """# Added by the fault suite: a term that ends on a leap day and renews every 12 months.
id: leapday-renewal
supplier: Schrikkel Service B.V.
service: Test contract renewing on 29 February
criticality: standard
start: 2023-03-01
end: 2024-02-29
notice_days: 30
renewal_months: 12
"""


@unittest.skipUnless(journal_available() or os.environ.get("CI") == "true", "no journald running")
class ClockCalendarTest(unittest.TestCase):
    def test_notice_deadline_alerts_fire_once_on_the_right_day(self):
        checks = Checks(self, "7a-notice-deadline-walk")
        daemon = Daemon("notice", now="@")
        try:
            first, last = "2026-10-25", "2027-03-10"
            daemon.set_date(first)
            daemon.start()
            walker = Walker(checks, daemon)
            webcare_term, webcare_deadline = timeline("2025-05-31", 90, 12, first)
            rheinruf_term, rheinruf_deadline = timeline("2027-09-30", 180, 0, first)
            checks.equal("webcare-social deadline (computed here)", webcare_deadline, "2027-03-02")
            webcare_window = window_days(webcare_deadline)
            rheinruf_window = window_days(rheinruf_deadline)
            checks.equal("the notice window of webcare-social opens on 2026-11-02", webcare_window[0], "2026-11-02")
            if FULL:
                days = list(days_between("2026-10-26", last))
            else:
                days = ["2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03", "2026-11-20", "2026-12-03", "2026-12-04",
                        "2026-12-05", "2027-01-30", "2027-01-31", "2027-02-01", "2027-03-01", "2027-03-02", "2027-03-03",
                        "2027-03-04", "2027-03-05", last]
            restart_after = "2026-12-15" if FULL else "2026-11-20"
            stepped_back = False
            days_to_deadline = {}
            for day in days:
                walker.day(day)
                contract = daemon.contract("webcare-social")
                days_to_deadline[day] = (contract["notice_deadline"], contract["days_to_notice_deadline"])
                expected_term, expected_deadline = timeline("2025-05-31", 90, 12, day)
                if contract["notice_deadline"] != expected_deadline or contract["term_end"] != expected_term:
                    checks.check(f"{day}: webcare-social term and deadline", False,
                                 f"got {contract['term_end']}/{contract['notice_deadline']}, "
                                 f"expected {expected_term}/{expected_deadline}")
                if day == "2026-11-05" or (not FULL and day == "2026-11-03"):
                    if not stepped_back:  # the clock goes back out of the window, then forward again
                        stepped_back = True
                        walker.day("2026-10-30")
                        walker.day(day)
                if day == restart_after:
                    self.assertEqual(daemon.stop(), 0)
                    daemon.start()
            walker.finish()
            checks.equal("webcare-social: warning on the first day of the window, crit on the first of the critical one",
                         notice_alerts(daemon, "webcare-social"), [("warning", webcare_window[0]), ("crit", webcare_window[1])])
            checks.equal("rheinruf-de: likewise", notice_alerts(daemon, "rheinruf-de"),
                         [("warning", rheinruf_window[0]), ("crit", rheinruf_window[1])])
            checks.equal("after the deadline webcare-social renews: next deadline 2028-03-02",
                         days_to_deadline[last][0], "2028-03-02")
            journal = [e for e in journal_alerts(daemon) if e["EXITREADY_KIND"] == "notice-deadline"]
            stored = [a for a in daemon.alerts() if a["kind"] == "notice-deadline"]
            checks.equal("journal and database agree on notice-deadline alerts",
                         sorted((e["EXITREADY_CONTRACT"], e["PRIORITY"]) for e in journal),
                         sorted((a["contract"], str({"warning": 4, "crit": 2}[a["priority"]])) for a in stored))
            checks.finish(days_evaluated=walker.evaluations, notice_alerts=[(a["contract"], a["priority"], a["day"]) for a in stored],
                          webcare_window=webcare_window, rheinruf_window=rheinruf_window,
                          stale_getscores_after_evaluate=len(walker.stale_getscores))
        finally:
            daemon.close()

    def test_leap_day_renewal(self):
        checks = Checks(self, "7b-leap-day")
        daemon = Daemon("leapday", now="@")
        try:
            with open(daemon.path("inventory/contracts/leapday-renewal.yaml"), "w") as out:
                out.write(LEAP_CONTRACT)
            first = "2027-09-25"
            daemon.set_date(first)
            daemon.start()
            walker = Walker(checks, daemon)
            term, deadline = timeline("2024-02-29", 30, 12, first)
            checks.equal("term end computed from end: 2028-02-29", term, "2028-02-29")
            checks.equal("notice deadline 2028-01-30", deadline, "2028-01-30")
            warning, critical = window_days(deadline)
            checks.equal("window days", (warning, critical), ("2027-10-02", "2027-12-31"))
            days = list(days_between("2027-09-26", "2028-03-05")) if FULL else \
                ["2027-10-01", "2027-10-02", "2027-10-03", "2027-12-30", "2027-12-31", "2028-01-01", "2028-01-30",
                 "2028-01-31", "2028-02-28", "2028-02-29", "2028-03-01"]
            seen = {}
            for day in days:
                walker.day(day)
                contract = daemon.contract("leapday-renewal")
                seen[day] = (contract["term_end"], contract["notice_deadline"])
                expected = timeline("2024-02-29", 30, 12, day)
                if seen[day] != expected:
                    checks.check(f"{day}: leapday-renewal term and deadline", False, f"got {seen[day]}, expected {expected}")
            walker.finish()
            checks.equal("on 2027-10-01 the term ends 2028-02-29", seen.get("2027-10-01"), ("2028-02-29", "2028-01-30"))
            checks.equal("on 2028-01-31 the next term ends 2029-02-28", seen.get("2028-01-31"), ("2029-02-28", "2029-01-29"))
            checks.check("evaluated on 2028-02-29", "2028-02-29" in seen, "")
            checks.equal("alerts: warning on 2027-10-02 and crit on 2027-12-31, once each",
                         notice_alerts(daemon, "leapday-renewal"), [("warning", warning), ("crit", critical)])
            checks.finish(days_evaluated=walker.evaluations, alerts=notice_alerts(daemon, "leapday-renewal"))
        finally:
            daemon.close()

    def test_file_age_counts_local_days_across_dst(self):
        checks = Checks(self, "7c-dst-file-age")
        daemon = Daemon("dst", now="@")
        zone = zoneinfo.ZoneInfo("Europe/Amsterdam")
        try:
            daemon.start(tz="Europe/Amsterdam")
            folder = daemon.path("dataroom/klantlijn-inbound/knowledge-base")
            files = [os.path.join(folder, name) for name in os.listdir(folder)]
            cases = ["2026-03-29 00:30", "2026-03-29 01:59", "2026-03-29 03:00", "2026-03-29 23:30",
                     "2026-10-25 00:30", "2026-10-25 02:30", "2026-10-25 23:30", "2026-10-24 23:59", "2028-02-29 12:00"]
            if not FULL:
                cases = ["2026-03-29 00:30", "2026-03-29 23:30", "2026-10-25 00:30", "2026-10-25 23:30", "2028-02-29 12:00"]
            results = []
            for case in cases:
                subprocess.run(["touch", "-d", case] + files, check=True, env=dict(os.environ, TZ="Europe/Amsterdam"))
                mtime = os.stat(files[0]).st_mtime
                local_day = datetime.datetime.fromtimestamp(mtime, zone).date()
                utc_day = datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc).date()
                fresh_day = (local_day + datetime.timedelta(days=90)).isoformat()
                stale_day = (local_day + datetime.timedelta(days=91)).isoformat()
                outcome = {"mtime_local": case, "local_day": local_day.isoformat(), "utc_day": utc_day.isoformat()}
                for day, expect_stale in ((fresh_day, False), (stale_day, True)):
                    daemon.set_date(day)
                    daemon.evaluate()
                    findings = [f for f in daemon.contract("klantlijn-inbound")["findings"]
                                if f["code"] == "D02" and f["subject"] == "knowledge-base"]
                    outcome[day] = findings[0]["message"] if findings else "fresh"
                    if expect_stale:
                        ok = bool(findings) and f"dated {local_day.isoformat()}" in findings[0]["message"] \
                            and "is 91 days old" in findings[0]["message"]
                        checks.check(f"{case}: stale on {day} (local date {local_day}, 91 days)", ok, outcome[day])
                    else:
                        checks.check(f"{case}: fresh on {day} (90 days after the local date {local_day})", not findings,
                                     outcome[day])
                results.append(outcome)
            checks.finish(cases=results)
        finally:
            daemon.close()

    @unittest.skipUnless(is_root() or os.environ.get("CI") == "true", "needs root (unshare, mount)")
    def test_time_zone_change_while_running(self):
        checks = Checks(self, "7d-time-zone-change")
        daemon = Daemon("zone", now=None)
        zones = {"Pacific/Kiritimati": "/usr/share/zoneinfo/Pacific/Kiritimati",
                 "Pacific/Pago_Pago": "/usr/share/zoneinfo/Pacific/Pago_Pago"}
        holder = subprocess.Popen(["unshare", "-m", "--propagation", "private", "sh", "-c",
                                   f"mount --bind {zones['Pacific/Pago_Pago']} /etc/localtime && exec sleep 100000"])
        namespace = ["nsenter", f"--mount=/proc/{holder.pid}/ns/mnt", "--"]
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                probe = subprocess.run(namespace + ["date", "+%z"], capture_output=True, text=True).stdout.strip()
                if probe == "-1100":
                    break
                time.sleep(0.05)
            self.assertEqual(probe, "-1100", "the namespace did not get Pacific/Pago_Pago within 60 s")
            daemon.start(prefix=namespace, tz=None)
            # Started in Pago Pago: a daemon stuck on the zone it read at start then shows
            # yesterday's date in Kiritimati, which tells it from one that uses UTC.
            steps = ["Pacific/Pago_Pago", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Pacific/Kiritimati"]
            steps += pick([], ["Pacific/Pago_Pago", "Pacific/Kiritimati"])
            observed = []
            current = "Pacific/Pago_Pago"
            for zone in steps:
                if zone != current:
                    subprocess.run(namespace + ["sh", "-c", f"umount /etc/localtime && mount --bind {zones[zone]} /etc/localtime"],
                                   check=True)
                    current = zone
                before = datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date().isoformat()
                reply = daemon.evaluate()
                after = datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date().isoformat()
                scores = daemon.scores()
                stored = daemon.query("SELECT day FROM evaluations ORDER BY id DESC LIMIT 1")[0][0]
                observed.append({"zone": zone, "expected": before, "evaluate": reply["evaluated"],
                                 "getscores": scores["evaluated"], "stored": stored})
                checks.check(f"{zone}: the evaluation's date follows the zone",
                             reply["evaluated"] in (before, after) and scores["evaluated"] == reply["evaluated"]
                             and stored == reply["evaluated"], observed[-1])
            dates = {o["zone"]: o["evaluate"] for o in observed}
            checks.check("the two zones give different dates (the test can tell them apart)",
                         dates["Pacific/Kiritimati"] != dates["Pacific/Pago_Pago"], dates)
            checks.finish(switches=len(steps) - 1, observed=observed)
        finally:
            daemon.close()
            holder.kill()
            holder.wait()


if __name__ == "__main__":
    unittest.main()
