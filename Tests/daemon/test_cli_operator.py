"""exitreadyctl against a real exitreadyd, as an operator and a monitoring system use it.

The monitoring line of `status` with the thresholds of the bands the daemon is configured
with, "did you mean" for a mistyped contract id, and shell completion of contract ids from
the daemon (the generated bash script, run by bash the way it runs it on TAB).

    python3 -m unittest Tests/daemon/test_cli_operator.py      (make test runs it)

EXITREADY_BIN names the folder with the binaries (default .build/debug).
"""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_daemon import BIN, DemoDaemon, get_status  # noqa: E402

CTL = os.path.join(BIN, "exitreadyctl")


class OperatorTests(unittest.TestCase):
    """One exitreadyd on a copy of the demo with ReadyThreshold=90 and AtRiskThreshold=55."""

    @classmethod
    def setUpClass(cls):
        cls.daemon = DemoDaemon("exitreadyctl-operator-", "2026-12-01", "[Scoring]\nReadyThreshold=90\nAtRiskThreshold=55\n")
        cls.dir, cls.socket = cls.daemon.dir, cls.daemon.socket

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()

    def ctl(self, *arguments, env=None):
        environment = dict(os.environ, NO_COLOR="1", EXITREADY_SOCKET=self.socket)
        environment.pop("COLUMNS", None)
        environment.update(env or {})
        return subprocess.run([CTL, *arguments], capture_output=True, text=True, env=environment, timeout=60)

    def test_status_reports_the_configured_bands(self):
        self.assertEqual(get_status(self.socket)["bands"], {"ready": 90, "at_risk": 55})
        result = self.ctl("status")
        self.assertEqual(result.returncode, 1, result.stderr)
        first, rest = result.stdout.split("\n", 1)
        summary, performance = first.split(" | ")
        self.assertTrue(summary.startswith("EXITREADY WARNING - portfolio "), summary)
        items = performance.split(" ")
        self.assertRegex(items[0], r"^portfolio=\d+\.\d;90:;55:;0;100$")
        self.assertIn("'klantlijn-inbound'=95.2;90:;55:;0;100", items)
        self.assertEqual(len(items), 6, "the portfolio and the five active contracts")
        self.assertTrue(rest.startswith("exitreadyd "), rest)
        self.assertEqual(self.ctl("status", "--json").stdout.lstrip()[0], "{")

    def test_explain_suggests_the_closest_contract(self):
        result = self.ctl("explain", "dialoog-mail")
        self.assertEqual(result.returncode, 3)
        self.assertIn("no contract dialoog-mail in the daemon's inventory; did you mean dialoog-email?", result.stderr)
        far = self.ctl("explain", "zzzzzzzz")
        self.assertNotIn("did you mean", far.stderr)

    def test_scores_points_to_explain(self):
        result = self.ctl("scores")
        self.assertIn("(exitreadyctl explain ID shows all, with remedies)", result.stdout)
        self.assertNotIn("check --contract", result.stdout)

    def complete(self, line, env=None):
        """The candidates bash offers for `line` (completed at its end) with the generated script."""
        script = subprocess.run([CTL, "--generate-completion-script", "bash"], capture_output=True, text=True,
                                check=True).stdout
        with tempfile.NamedTemporaryFile("w", suffix=".bash", delete=False) as out:
            out.write(script)
            path = out.name
        try:
            words = line.split(" ")
            words[0] = CTL
            driver = (
                f"source {path}\n"
                f"COMP_WORDS=({' '.join(map(repr, words))})\n"
                f"COMP_CWORD={len(words) - 1}\n"
                f"COMP_LINE={' '.join(words)!r}\n"
                "COMP_POINT=${#COMP_LINE}\n"
                # bash passes the command, the word being completed and the one before it.
                '_exitreadyctl "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"\n'
                "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
            )
            environment = dict(os.environ, EXITREADY_SOCKET=self.socket)
            environment.update(env or {})
            result = subprocess.run(["bash", "-c", driver], capture_output=True, text=True, env=environment,
                                    cwd=self.dir, timeout=60)
            self.assertEqual(result.returncode, 0, result.stderr)
            return sorted(filter(None, result.stdout.split("\n")))
        finally:
            os.unlink(path)

    def test_completion_of_contract_ids_from_the_daemon(self):
        # The inventory given is empty: the ids come from the daemon.
        empty = os.path.join(self.dir, "empty")
        os.makedirs(os.path.join(empty, "contracts"), exist_ok=True)
        self.assertEqual(self.complete("exitreadyctl explain dia"), ["dialoog-email"])
        self.assertEqual(self.complete("exitreadyctl history r"), ["rheinruf-de"])
        self.assertEqual(self.complete(f"exitreadyctl check --inventory {empty} --contract kl"), ["klantlijn-inbound"])

    def test_completion_of_contract_ids_from_the_inventory(self):
        inventory = os.path.join(self.dir, "other")
        os.makedirs(os.path.join(inventory, "contracts"), exist_ok=True)
        for name in ("acme-inbound.yaml", "acme-outbound.yaml", "notes.txt"):
            open(os.path.join(inventory, "contracts", name), "w").close()
        missing = os.path.join(self.dir, "no-daemon")
        self.assertEqual(self.complete(f"exitreadyctl check --inventory {inventory} --contract ac",
                                       env={"EXITREADY_SOCKET": missing}),
                         ["acme-inbound", "acme-outbound"])

    def test_completion_of_paths(self):
        self.assertIn("dataroom", self.complete("exitreadyctl check --dataroom da"))
        self.assertIn("exitready.db", self.complete("exitreadyctl check --database exitready.d"))
        directories = self.complete("exitreadyctl check --inventory ")
        self.assertIn("inventory", directories)
        self.assertNotIn("exitreadyd.conf", directories, "--inventory completes directories only")

    def test_completion_of_plan(self):
        self.assertEqual(self.complete("exitreadyctl pla"), ["plan"])
        self.assertEqual(self.complete("exitreadyctl plan bel"), ["belronde-outbound"])
        self.assertIn("--budget", self.complete("exitreadyctl plan --bu"))


if __name__ == "__main__":
    unittest.main()
