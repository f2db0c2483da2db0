"""exitreadyctl export register against a real exitreadyd, and the file read back as CSV.

The daemon exports its last evaluation: taking the exit plan document out of the dataroom
flips that contract's exit plan column (c0080) from eba_BT:x28 to eba_BT:x29 after
`exitreadyctl evaluate`, with no change to the inventory. The export parses with Python's
csv module, and every closed-list cell holds one of the codes of template B_07.01.

    python3 -m unittest Tests/daemon/test_register.py      (make test runs it)

EXITREADY_BIN names the folder with the binaries (default .build/debug).
"""
import csv
import io
import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_daemon import BIN, CHECKLIST, DemoDaemon  # noqa: E402

CTL = os.path.join(BIN, "exitreadyctl")

HEADER = ["c0010", "c0020", "c0030", "c0040", "c0050", "c0060", "c0070", "c0080", "c0090", "c0100", "c0110", "c0120"]
CLOSED = {
    "c0030": {"eba_qCO:qx2000", "eba_qCO:qx2001", "eba_qCO:qx2002", "eba_qCO:qx2003", "eba_qCO:qx2004"},
    "c0040": {f"eba_TA:S{n:02d}" for n in range(1, 20)},
    "c0050": {"eba_ZZ:x959", "eba_ZZ:x960", "eba_ZZ:x961", "eba_ZZ:x962"},
    "c0060": {"eba_ZZ:x963", "eba_ZZ:x964", "eba_ZZ:x965", ""},
    "c0080": {"eba_BT:x28", "eba_BT:x29"},
    "c0090": {"eba_ZZ:x798", "eba_ZZ:x966", "eba_ZZ:x967", "eba_ZZ:x0"},
    "c0100": {"eba_ZZ:x791", "eba_ZZ:x792", "eba_ZZ:x793", "eba_ZZ:x799"},
    "c0110": {"eba_BT:x28", "eba_BT:x29", "eba_BT:x21"},
}
KLANTLIJN = "CA-2023-0042, amendment 2"


def contract_files(inventory):
    """The bytes of every contract file, by name."""
    folder = os.path.join(inventory, "contracts")
    files = {}
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), "rb") as contract:
            files[name] = contract.read()
    return files


def parse(data):
    """The rows of an export, after checking its encoding and line ends."""
    assert not data.startswith(b"\xef\xbb\xbf"), "no byte order mark"
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "CRLF line ends"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == HEADER, rows[0]
    return [dict(zip(HEADER, row)) for row in rows[1:]]


class RegisterExportTests(unittest.TestCase):
    """One exitreadyd on a copy of the demo, evaluated as of 2026-12-05."""

    @classmethod
    def setUpClass(cls):
        cls.daemon = DemoDaemon("exitready-register-", "2026-12-05")
        cls.dir, cls.socket = cls.daemon.dir, cls.daemon.socket

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()

    def ctl(self, *arguments):
        environment = dict(os.environ, NO_COLOR="1", EXITREADY_SOCKET=self.socket, TZ="Europe/Amsterdam")
        return subprocess.run([CTL, *arguments], capture_output=True, env=environment, timeout=60)

    def offline(self):
        return self.ctl("export", "register", "--inventory", os.path.join(self.dir, "inventory"),
                        "--dataroom", os.path.join(self.dir, "dataroom"), "--checklist", CHECKLIST, "--now", "2026-12-05")

    def check_codes(self, rows):
        for row in rows:
            for column, allowed in CLOSED.items():
                self.assertIn(row[column], allowed, f"{column} of {row['c0010']}")
            self.assertRegex(row["c0070"], r"^\d{4}-\d{2}-\d{2}$")
            self.assertEqual(row["c0120"] == "", row["c0110"] != "eba_BT:x28", row)

    def test_1_online_equals_offline_and_parses(self):
        online = self.ctl("export", "register")
        self.assertEqual(online.returncode, 0, online.stderr)
        self.assertEqual(online.stdout, self.offline().stdout)
        self.assertEqual(online.stderr.decode(),
                         "exitreadyctl: active contracts without a register block, not exported: webcare-social\n")
        rows = parse(online.stdout)
        self.check_codes(rows)
        self.assertEqual([row["c0010"] for row in rows], ["BR-2025-007", "DL-2024-0113", KLANTLIJN, "RR-2024-DE-12"])
        by_reference = {row["c0010"]: row for row in rows}
        self.assertEqual(by_reference[KLANTLIJN]["c0080"], "eba_BT:x28")
        self.assertEqual(by_reference["BR-2025-007"]["c0080"], "eba_BT:x29", "belronde's plan is not in the dataroom")
        self.assertEqual(by_reference["RR-2024-DE-12"]["c0110"], "eba_BT:x21", "rheinruf-de lists no alternatives")

    def test_2_removing_the_exit_plan_flips_c0080_after_evaluate(self):
        inventory = os.path.join(self.dir, "inventory")
        before_inventory = contract_files(inventory)
        os.remove(os.path.join(self.dir, "dataroom", "klantlijn-inbound", "exit", "exit-plan-klantlijn-inbound.md"))
        evaluate = self.ctl("evaluate")
        self.assertEqual(evaluate.returncode, 0, evaluate.stderr)
        rows = {row["c0010"]: row for row in parse(self.ctl("export", "register").stdout)}
        self.assertEqual(rows[KLANTLIJN]["c0080"], "eba_BT:x29")
        self.check_codes(rows.values())
        self.assertEqual(before_inventory, contract_files(inventory))

    def test_output_file_and_json(self):
        path = os.path.join(self.dir, "register.csv")
        result = self.ctl("export", "register", "--output", path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, b"")
        with open(path, "rb") as written:
            parse(written.read())
        reply = self.ctl("export", "register", "--json")
        self.assertRegex(reply.stdout.decode(), re.compile(r'"missing"\s*:\s*\[\s*"webcare-social"\s*\]'))


if __name__ == "__main__":
    unittest.main()
