"""The forecast against a real exitreadyd on the demo, evaluated as of 2026-12-01.

Four of Dialoog's successors leave on 2026-12-18, as the staff register says: dialoog-email
falls from at-risk to not-ready in 17 days. The daemon raises one forecast-drop alert for it,
with the date, the band and finding codes (never a person id) in the journal; a restart does
not raise it again. `exitreadyctl forecast` shows the same change online and offline.

    python3 -m unittest Tests/daemon/test_forecast.py      (make test runs it)

EXITREADY_BIN names the folder with the binaries (default .build/debug).
"""
import json
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from demo_daemon import BIN, CHECKLIST, DemoDaemon  # noqa: E402
from journal_barrier import journal_barrier  # noqa: E402

CTL = os.path.join(BIN, "exitreadyctl")
FORECAST_DROP = "a50a14c81bfc4af18e6d2c9905339a81"
NOW = "2026-12-01"


def journal(message_id, pid, since):
    """This process's journal entries with the MESSAGE_ID, every entry sent before the call included."""
    journal_barrier()
    output = subprocess.run(["journalctl", "-o", "json", "--no-pager", f"--since=@{int(since) - 1}",
                             f"MESSAGE_ID={message_id}", f"_PID={pid}"], check=True, capture_output=True).stdout
    return [json.loads(line) for line in output.decode().splitlines() if line.strip()]


class ForecastDaemonTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.since = time.time()
        cls.daemon = DemoDaemon("exitready-forecast-", NOW)

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()

    def ctl(self, *arguments, status=0):
        environment = dict(os.environ, NO_COLOR="1", EXITREADY_SOCKET=self.daemon.socket, TZ="Europe/Amsterdam")
        result = subprocess.run([CTL, *arguments], capture_output=True, text=True, env=environment, timeout=120)
        self.assertEqual(result.returncode, status, result.stderr)
        return result.stdout

    def forecast_drops(self):
        alerts = json.loads(self.ctl("alerts", "--json"))
        alerts = alerts["alerts"] if isinstance(alerts, dict) else alerts
        return [alert for alert in alerts if alert["kind"] == "forecast-drop"]

    def test_1_the_drop_is_alerted_once_with_date_band_and_codes(self):
        drops = self.forecast_drops()
        self.assertEqual([(a["contract"], a["band"], a["forecast_date"]) for a in drops],
                         [("dialoog-email", "not-ready", "2026-12-18")], drops)
        self.assertEqual(drops[0]["priority"], "warning")
        deadline = time.monotonic() + 60
        while True:
            entries = journal(FORECAST_DROP, self.daemon.process.pid, self.since)
            if entries or time.monotonic() > deadline:
                break
            time.sleep(0.2)  # polling interval of a wait bounded by the deadline
        self.assertEqual(len(entries), 1, entries)
        entry = entries[0]
        self.assertEqual((entry["EXITREADY_KIND"], entry["EXITREADY_CONTRACT"], entry["EXITREADY_BAND"],
                          entry["EXITREADY_FORECAST_DATE"], entry["PRIORITY"]),
                         ("forecast-drop", "dialoog-email", "not-ready", "2026-12-18", "4"))
        self.assertIn("S01", entry["EXITREADY_FINDINGS"].split())
        text = json.dumps(entry)
        for person in ("dl-it-01", "dl-bo-01", "dl-wfm-01", "dl-km-01", "dl-it-02", "dl-bo-02"):
            self.assertNotIn(person, text, "no person id in the journal")

    def test_2_a_restart_and_a_new_evaluation_do_not_repeat_it(self):
        self.daemon.restart()
        self.ctl("evaluate")
        self.assertEqual(len(self.forecast_drops()), 1)
        self.assertEqual(journal(FORECAST_DROP, self.daemon.process.pid, self.since), [])

    def test_3_forecast_online_equals_offline(self):
        online = json.loads(self.ctl("forecast", "dialoog-email", "--json"))
        offline = json.loads(self.ctl("forecast", "dialoog-email", "--json", "--inventory",
                                      os.path.join(self.daemon.dir, "inventory"), "--dataroom",
                                      os.path.join(self.daemon.dir, "dataroom"), "--checklist", CHECKLIST,
                                      "--now", NOW))
        self.assertEqual(online, offline)
        self.assertEqual(online["next_band_change"], {"day": "2026-12-18", "band": "not-ready"})
        first = online["changes"][0]
        self.assertEqual((first["day"], first["band"]), ("2026-12-18", "not-ready"))
        self.assertEqual(sorted({f["code"] for f in first["appeared"]}), ["S01"])
        table = self.ctl("forecast", "dialoog-email")
        self.assertIn("band changes to not-ready on 2026-12-18 (in 17 days)", table)
        scores = json.loads(self.ctl("scores", "--json", status=1))  # the portfolio is at-risk
        dialoog = next(c for c in scores["contracts"] if c["id"] == "dialoog-email")
        self.assertEqual(dialoog["next_band_change"], {"day": "2026-12-18", "band": "not-ready"})

    def test_4_the_portfolio_forecast_lists_every_contract(self):
        document = json.loads(self.ctl("forecast", "--json", "--horizon", "730"))
        self.assertEqual(document["horizon_days"], 730)
        self.assertEqual(sorted(c["contract"] for c in document["contracts"]),
                         ["belronde-outbound", "dialoog-email", "klantlijn-inbound", "nachtwacht-overflow",
                          "rheinruf-de", "webcare-social"])
        days = [change["day"] for change in document["portfolio"]["changes"]]
        self.assertEqual(days, sorted(days))
        self.assertIn("2026-12-18", days)


if __name__ == "__main__":
    unittest.main()
