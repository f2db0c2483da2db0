#!/usr/bin/env python3
"""Random but valid exitready inventories, datarooms and checklists for cross-checking.

    python3 generate.py --seed N --out DIR [--strict] [--forecast]

writes
    DIR/inventory/contracts/*.yaml, DIR/inventory/staff.csv and/or staff/*.csv,
    DIR/inventory/processes.csv and/or processes/*.csv, sometimes actions.csv and/or actions/*.csv,
    DIR/dataroom/<contract-id>/...,  DIR/checklist.yaml,  DIR/now.txt (the evaluation date),
    DIR/outside/... (symlink targets outside the dataroom).

The same seed gives the same tree (file mtimes are computed in the process's local time zone,
TZ; compare.py uses Europe/Amsterdam for generator, reference and product alike).

The generator leans hard on edge values: recency boundaries, KPI ratios of exactly 0.75/0.95,
turnover of exactly 0.10/0.40, planned leave on the exit horizon, month-end dates with tacit
renewal, notice deadlines 0/30/31/120/121 days away, symlinks of every kind, odd file names.

--forecast (an opt-in flavour: without it a seed gives the same tree as ever) draws the dates so
that they cross their limits within the next year or two, for the forecast: reviews, tests and
audits 300-800 days old, document mtimes near their max_age_days, leave/join dates a few months
around today (turnover window edges), contract ends within the year with and without renewal,
action register due/until dates ahead.

--strict leaves out inputs whose expected result depends on a point the specification leaves
open (listed in README-style comments under STRICT below), so that a run can be made to pass
while such a point is still being decided.

STRICT avoids:
  * a regular file whose path equals the prefix of an `x/**` pattern (does `x/**` match `x`?);
  * a missing contract folder for a criticality to which no requirement applies (D = 0 or 100?);
  * end dates on day 29-31 with tacit renewal *and* termination assistance months (is the
    exit horizon H added to the clamped E, or computed from `end`?);
  * persons whose `joined` date lies after the evaluation date (are they active?);
  * an empty `financial_plan: {}` mapping (valid?).
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import io
import json
import os
import random
import sys
import time

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402  (only date helpers: add_months, term_end, exit_horizon)
import register  # noqa: E402  (random valid register blocks)
import action_register  # noqa: E402  (random action registers)

CRITS = ("critical", "important", "standard")
TRIGGERS = ("end-of-term", "for-cause", "insolvency", "change-of-control")
IP_CLASSES = reference.IP_CLASSES
ID_WORDS = ["acme", "beta", "gamma", "delta", "contact", "inbound", "outbound", "chat", "mail",
            "nl", "be", "de", "voice", "care", "helpdesk", "sales", "xo", "zeta", "k9", "q"]
YAML_UNSAFE = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}

PERSON_POOL = ["p001", "p002", "p003", "p004", "p005", "p006", "p007", "p008", "p009", "p010",
               "p011", "p012", "p013", "p014", "p015", "p016", "p017", "p018", "p019", "p020",
               "Jürgen Müller", 'Zoë, "Z" Janssen', "李雷", "Ｚeta wide", "emoji 😀 person",
               "anna", "Anna", "Ärger", "o'brien", "x y", " lead space", "trail space ",
               "Ωmega", "zz", "AA", "a,b", "ß-strasse", "Łukasz", "ÿ", "😀", "\uff5e tilde"]
ROLES = ["Teamlead", "WFM, planning", 'says "hi"', "multi\nline role", "", "Agent", "Coach",
         "Quality; audit", " padded ", "Kwaliteit & opleiding"]
PROCESS_POOL = ["proc-1", "proc-2", "proc-3", "proc-10", "Schaduwadministratie",
                "ad hoc, export", "überweisung", 'Excel-macro "v2"', "ZZ", "aa", "Ω-flow",
                "shadow IT 😀", "P", "p"]
PROCESS_NAMES = ["Complaint handling", "Escalation, tier 2", "Excel schedule",
                 'The "real" callback list', "Weekly export\nto finance", "Naïve routing"]

# (requirement id, patterns)
REQ_POOL = [
    ("contract", ["contract/*", "contract/annexes/**"]),
    ("licenses", ["licenses/**"]),
    ("tech", ["tech/**/*.pdf", "architecture/*"]),
    ("processes", ["processes/*.md"]),
    ("personnel", ["personnel/??-*.csv"]),
    ("ip-register", ["ip/register.xlsx"]),
    ("training", ["training/**"]),
    ("kb-export", ["kb/export-*.json"]),
    ("chatbot", ["chatbot/**/*", "bot*/config?.yaml"]),
    ("wfm-history", ["wfm/history/**"]),
    ("wfm-settings", ["wfm/settings/*"]),
    ("reports", ["reports/**/*.xlsx", "reports/**/*.csv"]),
    ("finance", ["finance/*"]),
    ("audit", ["audit/report-????.pdf"]),
    ("transition", ["transition/plan.pdf"]),
    ("any-pdf", ["**/*.pdf"]),
    ("annex-literal", ["contract/annex[1].pdf"]),
    ("backslash", ["misc/back\\*"]),
    ("hidden", ["**/.hidden*"]),
    ("deep", ["*/**/deep/*"]),
    ("unicode", ["ünïcode/*", "a b/*.txt"]),
    ("inner-star", ["x**y/*"]),
    ("triple-star", ["***/readme"]),
    ("exit", ["exit/**", "exit-plan.pdf"]),
    ("emoji", ["😀/?"]),
    ("braces", ["misc/{a,b}.txt"]),
    ("dot-dir", ["**/.git/*"]),
    ("everything", ["**"]),
]

FILE_POOL = [
    "contract/main.pdf", "contract/.keep", "contract/annexes/a1.pdf", "contract/annexes/2024/b.pdf",
    "contract/annex[1].pdf", "contract/annex1.pdf",
    "licenses/list.xlsx", "licenses/2024/q1/list.csv", "licenses/.hidden-copy",
    "tech/landscape.pdf", "tech/a/b/spec.pdf", "tech/spec.PDF", "architecture/overview.vsdx",
    "architecture/sub/x.png",
    "processes/flow.md", "processes/sub/flow.md", "processes/.md",
    "personnel/ab-list.csv", "personnel/abc-list.csv", "personnel/é1-list.csv",
    "personnel/李雷-x.csv", "personnel/a--.csv", "personnel/a-.csv", "personnel/😀x-y.csv",
    "ip/register.xlsx", "ip/Register.xlsx", "ip/register.xlsx.bak", "ip/register.xlsx/inner.txt",
    "training/Überblick 2024.pdf", "training/m/n/o.mp4", "training/.hidden-notes",
    "kb/export-.json", "kb/export-2024.json", "kb/export-2024.json.gz", "kb/sub/export-1.json",
    "chatbot/intents.json", "chatbot/a/b.yaml", "bot/config1.yaml", "bots/config.yaml",
    "bot-x/configAB.yaml", "bot/config😀.yaml", "bot/config.yaml",
    "wfm/history/2024/jan.csv", "wfm/history/x.csv", "wfm/settings/cfg.json",
    "wfm/settings/sub/cfg.json",
    "reports/r.xlsx", "reports/q/r.csv", "reports/r.CSV",
    "finance/plan.xlsx", "finance/.~lock",
    "audit/report-2024.pdf", "audit/report-24.pdf", "audit/report-20245.pdf", "audit/report-😀😀😀😀.pdf",
    "transition/plan.pdf", "transition/Plan.pdf", "transition/plan.pdf/x",
    "misc/back\\slash.txt", "misc/backup.txt", "misc/a.txt", "misc/{a,b}.txt",
    "misc/line\nbreak.pdf",
    ".hidden", "a/b/.hidden-x", ".git/config", "sub/.git/HEAD",
    "q/deep/b", "q/r/deep/c", "deep/a", "q/deep/sub/d",
    "ünïcode/naïve résumé.docx", "a b/c d.txt", "a b/c d.TXT",
    "xy/file", "x--y/file", "xay/sub/file",
    "readme", "a/readme", "a/b/readme",
    "exit-plan.pdf", "exit/old/plan.pdf",
    "😀/x", "😀/xy", "😀/é", "😀/😀",
    "Ｚ/fullwidth.txt", "\uff5e/tilde.pdf",
]
# files whose path equals the prefix of an `x/**` pattern: see STRICT in the docstring
AMBIGUOUS_FILES = ["licenses", "training", "exit", "wfm/history"]

EXIT_DOCS = ["exit/exit-plan.pdf", "exit/Exitplan Übergabe v2.pdf", "exit-plan.pdf",
             "docs/exit/plan [final].pdf", "exit/😀 plan.pdf"]
FIN_DOCS = ["finance/exit-scenarios.xlsx", "finance/Dubbele kosten, scenario's.xlsx",
            "exit/finance.xlsx"]
PROC_DOCS = ["processes/flow.md", "processes/escalation.md", "processes/Schaduw admin.md",
             "processes/sub/flow.md", "docs/p1.pdf", "processes/ünï.md"]


# ---------------------------------------------------------------------------------------------

def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is a subset of it)."""
    return json.dumps(s, ensure_ascii=False)


def pick_today(rng: random.Random) -> dt.date:
    mode = rng.random()
    if mode < 0.15:
        return rng.choice([dt.date(2024, 2, 29), dt.date(2028, 2, 29), dt.date(2025, 2, 28),
                           dt.date(2026, 1, 31), dt.date(2026, 12, 31), dt.date(2027, 1, 1),
                           dt.date(2026, 3, 1)])
    if mode < 0.30:
        # DST change days in Europe/Amsterdam (last Sunday of March / October) and the day after
        y = rng.choice([2025, 2026, 2027])
        m = rng.choice([3, 10])
        last = dt.date(y, m, calendar.monthrange(y, m)[1])
        while last.weekday() != 6:
            last -= dt.timedelta(days=1)
        return last + dt.timedelta(days=rng.choice([0, 1]))
    return dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))


def edge_age(rng: random.Random, limit: int) -> int:
    """An age in days around the recency boundaries of `limit`, or a random one."""
    return rng.choice([0, 1, limit - 1, limit, limit + 1, 2 * limit - 1, 2 * limit, 2 * limit + 1,
                       rng.randint(0, 3 * limit), -1, -rng.randint(2, 60)])


def make_id(rng: random.Random, used: set) -> str:
    while True:
        k = rng.random()
        if k < 0.35:
            s = rng.choice(ID_WORDS) + "-" + rng.choice(ID_WORDS)
        elif k < 0.6:
            s = rng.choice(ID_WORDS) + "-" + str(rng.randint(0, 99))
        elif k < 0.7:
            s = str(rng.randint(0, 9)) + rng.choice(ID_WORDS)
        elif k < 0.75:
            s = "a" + "-b" * 31  # 63 characters, the maximum
        elif k < 0.8:
            s = rng.choice(["a", "z", "0x", "9"])
        elif k < 0.85:
            s = rng.choice(ID_WORDS) + "--" + rng.choice(ID_WORDS) + "-"
        else:
            s = rng.choice(ID_WORDS)
        if s in YAML_UNSAFE or s in used or len(s) > 63:
            continue
        used.add(s)
        return s


def yaml_id(rng: random.Random, s: str) -> str:
    # Plain scalars only where every YAML resolver keeps them strings; quoted otherwise.
    if s[0].isalpha() and s not in YAML_UNSAFE and not s.startswith("0x") and rng.random() < 0.7:
        return s
    return q(s)


def yaml_text(rng: random.Random, s: str) -> str:
    plain_ok = all(ch.isalnum() or ch in " .-" for ch in s) and s[:1].isalpha() and \
        s.strip() == s and s.lower() not in YAML_UNSAFE
    if plain_ok and rng.random() < 0.6:
        return s
    return q(s)


# ---------------------------------------------------------------------------------------------
# dataroom tree bookkeeping


class Tree:
    """Paths inside one contract folder and what is at them, free of prefix conflicts."""

    def __init__(self):
        self.nodes: dict[str, str] = {}  # path -> 'dir' | 'file' | 'symlink' | 'fifo'
        self.files: dict[str, dict] = {}
        self.links: dict[str, str] = {}  # path -> target (as written in the link)
        self.fifos: list[str] = []

    def can_add(self, path: str) -> bool:
        if path in self.nodes:
            return False
        parts = path.split("/")
        for i in range(1, len(parts)):
            a = "/".join(parts[:i])
            if self.nodes.get(a, "dir") != "dir":
                return False
        return True

    def _mark(self, path: str, kind: str):
        parts = path.split("/")
        for i in range(1, len(parts)):
            self.nodes["/".join(parts[:i])] = "dir"
        self.nodes[path] = kind

    def add_file(self, path: str, spec: dict) -> bool:
        if not self.can_add(path):
            return False
        self._mark(path, "file")
        self.files[path] = spec
        return True

    def add_link(self, path: str, target: str) -> bool:
        if not self.can_add(path):
            return False
        self._mark(path, "symlink")
        self.links[path] = target
        return True

    def add_fifo(self, path: str) -> bool:
        if not self.can_add(path):
            return False
        self._mark(path, "fifo")
        self.fifos.append(path)
        return True


def rel_target(from_path: str, to_path: str) -> str:
    """Relative symlink target from the link at from_path to to_path (both folder-relative)."""
    return os.path.relpath(to_path, os.path.dirname(from_path) or ".")


class Gen:
    def __init__(self, seed: int, out: str, strict: bool, forecast: bool = False):
        self.rng = random.Random(seed)
        self.seed = seed
        self.out = os.path.abspath(out)
        self.strict = strict
        self.forecast = forecast
        self.today = pick_today(self.rng)
        self.checklist = []
        self.max_ages = [30]
        self.min_bytes = [1]

    def age(self, limit: int) -> int:
        """The age of a review, test or audit: around the recency limits, or (forecast flavour)
        mostly 300-800 days, so that a limit passes within the horizon."""
        if self.forecast and self.rng.random() < 0.7:
            return self.rng.randint(300, 800)
        return edge_age(self.rng, limit)

    def days_ahead(self, days: int) -> dt.date:
        """Forecast flavour: a day within `days` before or after today."""
        return self.today + dt.timedelta(days=self.rng.randint(-days, days))

    # ------------------------------------------------------------------ files

    def file_spec(self, min_size: int = 0) -> dict:
        rng = self.rng
        k = rng.random()
        if k < 0.12:
            size = 0
        elif k < 0.25:
            size = 1
        elif k < 0.35:
            mb = rng.choice(self.min_bytes)
            size = max(0, mb + rng.choice([-1, 0, 1]))
        elif k < 0.4:
            size = 2
        else:
            size = rng.randint(3, 3000)
        size = max(size, min_size)
        age = rng.choice([0, 0, 1, -1, -rng.randint(2, 40)] +
                         [m + d for m in self.max_ages for d in (-1, 0, 1)] +
                         [2 * rng.choice(self.max_ages), rng.randint(0, 1500)])
        if self.forecast and rng.random() < 0.6:
            age = rng.choice(self.max_ages) - rng.randint(-2, 400)  # stale within the horizon
        hms = rng.choice([(0, 0, 0), (0, 0, 1), (12, 0, 0), (23, 59, 59), (rng.randint(0, 23),
                          rng.randint(0, 59), rng.randint(0, 59))])
        frac = rng.choice([0, 0, 999_999_999, rng.randint(0, 999_999_999)])
        mode = rng.choices([0o600, 0o640, 0o644, 0o604, 0o400, 0o444, 0o660, 0o664, 0o000],
                           [40, 15, 10, 4, 5, 4, 5, 3, 2])[0]
        return {"size": size, "date": self.today - dt.timedelta(days=age), "hms": hms,
                "frac": frac, "mode": mode}

    def sample_path(self, pattern: str):
        """A path that the glob `pattern` matches (None when none is easy to make)."""
        rng = self.rng
        out = []
        segs = pattern.split("/")
        for i, seg in enumerate(segs):
            if seg == "**":
                out += rng.sample(["d1", "ü x", "2024", ".dot", "z"], rng.randint(0, 2))
                if i == len(segs) - 1:
                    out.append(rng.choice(["f.pdf", "Datei ä.txt", ".hidden-f"]))
                continue
            text, j = "", 0
            while j < len(seg):
                ch = seg[j]
                if ch == "*":
                    while j < len(seg) and seg[j] == "*":
                        j += 1
                    text += rng.choice(["", "a", "file ü", "x-1"])
                    continue
                text += rng.choice("aZ9é😀-") if ch == "?" else ch
                j += 1
            if text in ("", ".", ".."):
                text = "f"
            out.append(text)
        if not out:
            return None
        return "/".join(out)

    def place_doc(self, tree: Tree, path: str, variant: str):
        """Put a document path into the tree in one of several shapes."""
        rng = self.rng
        if variant == "regular":
            tree.add_file(path, self.file_spec(min_size=1))
        elif variant == "empty":
            s = self.file_spec()
            s["size"] = 0
            tree.add_file(path, s)
        elif variant == "symlink":
            real = path + ".real"
            if tree.add_file(real, self.file_spec(min_size=1)):
                tree.add_link(path, rel_target(path, real))
        elif variant == "via-linked-dir":
            parts = path.split("/")
            if len(parts) >= 2:
                d = "/".join(parts[:-1])
                real_dir = d + "-real"
                if tree.can_add(d) and tree.add_file(real_dir + "/" + parts[-1],
                                                     self.file_spec(min_size=1)):
                    tree.add_link(d, rel_target(d, real_dir))
            else:
                tree.add_file(path, self.file_spec(min_size=1))
        elif variant == "directory":
            tree.add_file(path + "/inside.pdf", self.file_spec(min_size=1))
        elif variant == "outside-link":
            tree.add_link(path, os.path.join(self.out, "outside", "secret.pdf"))
        elif variant == "dangling":
            tree.add_link(path, "does/not/exist")
        # "missing": nothing

    def doc_variant(self) -> str:
        return self.rng.choices(["regular", "empty", "missing", "symlink", "via-linked-dir",
                                 "directory", "outside-link", "dangling"],
                                [60, 8, 10, 5, 5, 4, 4, 4])[0]

    # ------------------------------------------------------------------ checklist

    def gen_checklist(self):
        rng = self.rng
        n = rng.randint(1, 10)
        picks = rng.sample(REQ_POOL, n)
        # now and then no requirement at all applies to some criticality (D = 100)
        narrow = rng.sample(CRITS, rng.randint(1, 2)) if rng.random() < 0.2 else None
        reqs = []
        for rid, pats in picks:
            pats = list(pats)
            if rng.random() < 0.2:
                pats.append(rng.choice(REQ_POOL)[1][0])
            if rng.random() < 0.3:
                pats = [rng.choice(pats)]
            r = {"id": rid, "title": rng.choice(["Licence inventory, with counts", "Über alles",
                                                   "Plan: \"final\"", "Plain title"]),
                 "patterns": pats}
            k = rng.random()
            if k < 0.3:
                pass  # default 0
            elif k < 0.45:
                r["max_age_days"] = 0
            else:
                r["max_age_days"] = rng.choice([1, 7, 30, 90, 365])
                self.max_ages.append(r["max_age_days"])
            k = rng.random()
            if k < 0.4:
                pass  # default 1
            else:
                r["min_bytes"] = rng.choice([0, 1, 2, 1024, 4096, 1048576])
                self.min_bytes.append(r["min_bytes"])
            k = rng.random()
            if k < 0.4:
                pass
            else:
                r["weight"] = rng.choice([1, 2, 3, 1.5, 0.5, 0.25, 10, 0.1])
            if narrow:
                r["applies_to"] = rng.sample(narrow, rng.randint(1, len(narrow)))
            elif rng.random() < 0.5:
                sub = rng.sample(CRITS, rng.randint(1, 3))
                r["applies_to"] = sub
            reqs.append(r)
        self.checklist = reqs
        lines = ["# generated checklist", "requirements:"]
        for r in reqs:
            keys = [k for k in ("id", "title", "patterns", "max_age_days", "min_bytes", "weight",
                                "applies_to") if k in r]
            rng.shuffle(keys)
            first = True
            for k in keys:
                v = r[k]
                if k == "patterns":
                    if rng.random() < 0.5:
                        sval = "[" + ", ".join(q(p) for p in v) + "]"
                    else:
                        sval = None
                elif k == "applies_to":
                    sval = "[" + ", ".join(v) + "]"
                elif k in ("id",):
                    sval = v if rng.random() < 0.7 else q(v)
                elif k == "title":
                    sval = q(v)
                else:
                    sval = repr(v)
                prefix = "  - " if first else "    "
                first = False
                if sval is None:
                    lines.append(f"{prefix}{k}:")
                    for p in v:
                        lines.append(f"      - {q(p)}")
                else:
                    lines.append(f"{prefix}{k}: {sval}")
        with open(os.path.join(self.out, "checklist.yaml"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")

    # ------------------------------------------------------------------ contracts

    def gen_contract(self, cid: str) -> dict:
        rng = self.rng
        today = self.today
        c: dict = {"id": cid}
        c["supplier"] = rng.choice(["Acme Contact B.V.", "Beta Contact", "Ωmega Services GmbH",
                                    "Call: \"Now\" & Co", "Søren's Helpdesk"])
        c["service"] = rng.choice(["Inbound voice and chat NL", "E-mail, tier 1", "Chat 😀",
                                   "Outbound sales"])
        c["criticality"] = rng.choice(CRITS)
        c["notice_days"] = rng.choice([0, 30, 90, 120, 180, 365, rng.randint(0, 400)])
        renewal = rng.choices([0, 1, 3, 6, 12, 24], [55, 10, 10, 5, 15, 5])[0]
        if renewal or rng.random() < 0.3:
            c["renewal_months"] = renewal
        mode = rng.random()
        nd = c["notice_days"]
        if mode < 0.35:
            delta = rng.choice([-40, -1, 0, 1, 29, 30, 31, 119, 120, 121, 200])
            e = today + dt.timedelta(days=delta + nd)
            if renewal:
                e = reference.add_months(e, -renewal * rng.randint(0, 3))
            end = e
        elif mode < 0.48:
            end = today + dt.timedelta(days=rng.choice([0, -1, 1]))
        elif mode < 0.6:
            # a 31st in the past, renewed monthly: E_k is clamped in short months
            y = today.year - rng.randint(1, 2)
            end = dt.date(y, rng.choice([1, 3, 5, 7, 8, 10, 12]), 31)
            renewal = rng.choice([1, 1, 2])
            c["renewal_months"] = renewal
            c["_clamp"] = True
        elif mode < 0.75:
            y = today.year + rng.randint(-2, 2)
            m = rng.choice([1, 2, 3, 4, 8, 12])
            end = dt.date(y, m, calendar.monthrange(y, m)[1])
            if rng.random() < 0.3:
                end = dt.date(y, m, min(30, calendar.monthrange(y, m)[1]))
            if not renewal and rng.random() < 0.6:
                # month-end ends with tacit renewal: E_k needs clamping (Jan 31 + 1 = Feb 28/29)
                renewal = rng.choice([1, 1, 3, 6, 12])
                c["renewal_months"] = renewal
        else:
            end = today + dt.timedelta(days=rng.randint(-800, 1500))
        if self.forecast and rng.random() < 0.6:
            # ends and notice deadlines within the horizon, renewed or not
            end = today + dt.timedelta(days=rng.randint(-30, 450))
            if rng.random() < 0.5:
                c["renewal_months"] = rng.choice([0, 1, 3, 12])
        c["end"] = end
        c["start"] = end - dt.timedelta(days=rng.choice([1, rng.randint(2, 3000)]))

        if rng.random() < 0.8:
            ep = {"document": rng.choice(EXIT_DOCS)}
            if rng.random() < 0.8:
                ep["reviewed"] = today - dt.timedelta(days=self.age(365))
            if rng.random() < 0.7:
                ep["tested"] = today - dt.timedelta(days=self.age(730))
            if rng.random() < 0.8:
                ep["triggers"] = rng.sample(TRIGGERS, rng.randint(0, 4))
            c["exit_plan"] = ep
            c["_exit_variant"] = self.doc_variant()
        if rng.random() < 0.85:
            t = {}
            if rng.random() < 0.7:
                t["termination_assistance_months"] = rng.choice([0, 1, 3, 5, 6, 7, 12, 24])
            for k in ("assistance_rates_agreed", "key_staff_retention", "data_return_and_deletion",
                      "license_transfer", "cooperation_duty"):
                if rng.random() < 0.75:
                    t[k] = rng.random() < 0.7
            if rng.random() < 0.6:
                t["information_lead_days"] = rng.choice([1, 30, 90])
            c["terms"] = t
        if c.get("_clamp") and rng.random() < 0.8:
            c.setdefault("terms", {})["termination_assistance_months"] = rng.choice([1, 2, 3])
        if self.strict and c.get("renewal_months") and end.day > 28:
            (c.get("terms") or {}).pop("termination_assistance_months", None)
        if rng.random() < 0.85:
            ip = {}
            for k in IP_CLASSES:
                if rng.random() < 0.8:
                    ip[k] = rng.choice(["client", "shared", "supplier", "unclear"])
            c["ip"] = ip
        k = rng.random()
        if k < 0.15:
            c["alternatives"] = []
        elif k < 0.7:
            c["alternatives"] = rng.sample(["insource", "Beta Contact", "Gamma, Inc.", "Δelta"],
                                           rng.randint(1, 3))
        k = rng.random()
        if k < 0.7:
            fp = {}
            if rng.random() < 0.75:
                fp["document"] = rng.choice(FIN_DOCS)
                c["_fin_variant"] = self.doc_variant()
            if rng.random() < 0.75:
                fp["double_run_cost_eur"] = rng.choice([0, 250000, 1234.5, 0.0])
            if fp or not self.strict:
                c["financial_plan"] = fp
        if rng.random() < 0.7:
            c["communication_plan"] = rng.random() < 0.6
        if rng.random() < 0.7:
            c["last_audit"] = today - dt.timedelta(days=self.age(365))
        k = rng.random()
        if k < 0.15:
            pass
        elif k < 0.2:
            c["kpi"] = []
        else:
            c["kpi"] = self.gen_kpi()
        c["_good"] = rng.random() < 0.45
        if c["_good"]:
            self.improve_contract(c)
        # Its own random stream, so that adding the block changes nothing else of the seed.
        block = register.maybe_block(random.Random(f"register-{self.seed}-{cid}"),
                                     likely_not_ready=not c["_good"] or "exit_plan" not in c)
        if block:
            c["register"] = block
        return c

    def improve_contract(self, c: dict):
        """Push a contract towards readiness, so that every band (and T01's `ready` exception)
        occurs; each improvement is skipped now and then so the scores spread out."""
        rng = self.rng
        today = self.today
        p = lambda: rng.random() < 0.88  # noqa: E731
        if p():
            ep = c.setdefault("exit_plan", {"document": rng.choice(EXIT_DOCS)})
            c["_exit_variant"] = "regular"
            if p():
                ep["reviewed"] = today - dt.timedelta(days=rng.choice([0, 30, 364, 365]) if not self.forecast
                                                      else rng.randint(0, 400))
            if p():
                ep["tested"] = today - dt.timedelta(days=rng.choice([0, 100, 730]) if not self.forecast
                                                    else rng.randint(300, 760))
            if p():
                ep["triggers"] = rng.sample(TRIGGERS, rng.choice([3, 4, 4]))
        t = c.setdefault("terms", {})
        for k in ("assistance_rates_agreed", "key_staff_retention", "data_return_and_deletion",
                  "license_transfer", "cooperation_duty"):
            if p():
                t[k] = True
        if p():
            t["information_lead_days"] = 30
        if p() and not (self.strict and c.get("renewal_months") and c["end"].day > 28):
            t["termination_assistance_months"] = rng.choice([6, 6, 12, 3])
        if p():
            c["ip"] = {k: rng.choice(["client", "shared", "client", "supplier"])
                       for k in IP_CLASSES}
        if p():
            c["alternatives"] = ["insource"]
        if p():
            c["financial_plan"] = {"document": rng.choice(FIN_DOCS), "double_run_cost_eur": 1000}
            c["_fin_variant"] = "regular"
        if p():
            c["communication_plan"] = True
        if p():
            c["last_audit"] = today - dt.timedelta(days=rng.choice([0, 200, 365]) if not self.forecast
                                                   else rng.randint(0, 400))
        if p():
            c["kpi"] = [{"period": "2020-01", "met": 19, "missed": 1}]

    def gen_kpi(self) -> list:
        rng = self.rng
        n = rng.randint(1, 10)
        y, m = self.today.year - 1, rng.randint(1, 12)
        periods = []
        for _ in range(n):
            periods.append(f"{y:04d}-{m:02d}")
            m += rng.choice([1, 1, 1, 2])
            while m > 12:
                m -= 12
                y += 1
        last = min(6, n)
        mode = rng.choice(["r95", "r75", "zero", "random", "random", "r85"])
        if mode == "r95":
            k = rng.randint(1, 5)
            met, missed = 19 * k, k
        elif mode == "r75":
            k = rng.randint(1, 5)
            met, missed = 3 * k, k
        elif mode == "r85":
            met, missed = 17, 3
        elif mode == "zero":
            met, missed = 0, 0
        else:
            met, missed = rng.randint(0, 60), rng.randint(0, 20)

        def split(total, parts):
            cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
            vals, prev = [], 0
            for cpos in cuts + [total]:
                vals.append(cpos - prev)
                prev = cpos
            return vals

        mets = [rng.randint(0, 30) for _ in range(n - last)] + split(met, last)
        misses = [rng.randint(0, 10) for _ in range(n - last)] + split(missed, last)
        return [{"period": p, "met": a, "missed": b} for p, a, b in zip(periods, mets, misses)]

    def contract_yaml(self, c: dict) -> str:
        rng = self.rng
        d = lambda v: v.isoformat()  # noqa: E731
        parts = []
        parts.append(f"id: {yaml_id(rng, c['id'])}")
        parts.append(f"supplier: {yaml_text(rng, c['supplier'])}")
        parts.append(f"service: {yaml_text(rng, c['service'])}")
        parts.append(f"criticality: {c['criticality']}")
        parts.append(f"start: {d(c['start'])}")
        parts.append(f"end: {d(c['end'])}")
        parts.append(f"notice_days: {c['notice_days']}")
        if "renewal_months" in c:
            parts.append(f"renewal_months: {c['renewal_months']}")
        if "exit_plan" in c:
            ep = c["exit_plan"]
            lines = ["exit_plan:", f"  document: {q(ep['document'])}"]
            if "reviewed" in ep:
                lines.append(f"  reviewed: {d(ep['reviewed'])}")
            if "tested" in ep:
                lines.append(f"  tested: {d(ep['tested'])}")
            if "triggers" in ep:
                if rng.random() < 0.6 or not ep["triggers"]:
                    lines.append("  triggers: [" + ", ".join(ep["triggers"]) + "]")
                else:
                    lines.append("  triggers:")
                    lines += [f"    - {t}" for t in ep["triggers"]]
            parts.append("\n".join(lines))
        if "terms" in c:
            t = c["terms"]
            if not t:
                parts.append("terms: {}")
            else:
                lines = ["terms:"]
                for k, v in t.items():
                    vv = ("true" if v else "false") if isinstance(v, bool) else str(v)
                    lines.append(f"  {k}: {vv}")
                parts.append("\n".join(lines))
        if "ip" in c:
            if not c["ip"]:
                parts.append("ip: {}")
            else:
                parts.append("\n".join(["ip:"] + [f"  {k}: {v}" for k, v in c["ip"].items()]))
        if "alternatives" in c:
            parts.append("alternatives: [" + ", ".join(q(a) for a in c["alternatives"]) + "]")
        if "financial_plan" in c:
            fp = c["financial_plan"]
            if not fp:
                parts.append("financial_plan: {}")
            else:
                lines = ["financial_plan:"]
                if "document" in fp:
                    lines.append(f"  document: {q(fp['document'])}")
                if "double_run_cost_eur" in fp:
                    lines.append(f"  double_run_cost_eur: {fp['double_run_cost_eur']!r}")
                parts.append("\n".join(lines))
        if "communication_plan" in c:
            parts.append(f"communication_plan: {'true' if c['communication_plan'] else 'false'}")
        if "last_audit" in c:
            parts.append(f"last_audit: {d(c['last_audit'])}")
        if "register" in c:
            parts.append(register.block_yaml(c["register"], q))
        if "kpi" in c:
            if not c["kpi"]:
                parts.append("kpi: []")
            else:
                lines = ["kpi:"]
                for e in c["kpi"]:
                    if rng.random() < 0.7:
                        lines.append(f"  - {{period: {e['period']}, met: {e['met']}, "
                                     f"missed: {e['missed']}}}")
                    else:
                        lines.append(f"  - period: {e['period']}")
                        lines.append(f"    met: {e['met']}")
                        lines.append(f"    missed: {e['missed']}")
                parts.append("\n".join(lines))
        if rng.random() < 0.5:
            head, rest = parts[:1], parts[1:]
            rng.shuffle(rest)
            parts = head + rest
        text = "\n".join(parts) + "\n"
        if rng.random() < 0.2:
            text = "# generated contract\n" + text
        return text

    # ------------------------------------------------------------------ staff

    def gen_staff(self, c: dict) -> list[dict]:
        rng = self.rng
        today = self.today
        t0 = today - dt.timedelta(days=180)
        mode = rng.choices(["none", "nokey", "normal"], [1, 1, 6])[0]
        if mode == "none":
            return []
        base_n, base_leavers = rng.choice([(10, 1), (10, 4), (5, 2), (10, 2), (10, 3), (3, 1),
                                           (2, 0), (1, 1), (4, 0), (0, 0), (6, 1), (1, 0)])
        names = list(PERSON_POOL)
        rng.shuffle(names)
        rows = []

        def person(joined, left):
            return {"contract": c["id"], "person": names.pop(), "side": rng.choice(["supplier",
                                                                                    "client"]),
                    "role": rng.choice(ROLES), "key": "no", "successor": "",
                    "knowledge_transfer": "", "joined": joined, "left": left,
                    "planned_leave": None}

        for i in range(base_n):
            joined = t0 - dt.timedelta(days=rng.choice([0, 1, rng.randint(2, 2000)]))
            if i < base_leavers:
                left = t0 + dt.timedelta(days=rng.choice([1, 2, 179, 180, rng.randint(1, 180)]))
            else:
                left = None if rng.random() < 0.75 else \
                    today + dt.timedelta(days=rng.choice([1, 30, rng.randint(1, 400)]))
            rows.append(person(joined, left))
        for _ in range(rng.choice([0, 0, 1, 2, 3])):  # joined after today-180
            if not self.strict and rng.random() < 0.15:
                joined = today + dt.timedelta(days=rng.randint(1, 30))
            else:
                joined = t0 + dt.timedelta(days=rng.choice([1, 180, rng.randint(1, 180)]))
            left = None
            k = rng.random()
            if k < 0.35 and joined < today:
                left = joined + dt.timedelta(days=rng.randint(1, (today - joined).days))
            elif k < 0.5:
                left = max(today, joined) + dt.timedelta(days=rng.randint(1, 100))
            rows.append(person(joined, left))
        for _ in range(rng.choice([0, 0, 1, 2])):  # left on or before today-180
            joined = t0 - dt.timedelta(days=rng.randint(100, 2000))
            left = t0 - dt.timedelta(days=rng.choice([0, 1, rng.randint(0, 90)]))
            rows.append(person(joined, left))

        def active(r):
            return r["left"] is None or r["left"] > today

        horizon = reference.exit_horizon(c, today)
        # the other reading of H (months added to `end` rather than to the clamped E)
        e = reference.term_end(c, today)
        r_m = int(c.get("renewal_months") or 0)
        tam = int((c.get("terms") or {}).get("termination_assistance_months") or 0)
        alt = horizon
        if r_m:
            k = next(k for k in range(100000) if reference.add_months(c["end"], k * r_m) == e)
            alt = reference.add_months(c["end"], k * r_m + tam)
        for r in rows:
            if mode == "nokey":
                r["key"] = "yes" if (not active(r) and rng.random() < 0.5) else "no"
            else:
                r["key"] = "yes" if rng.random() < (0.5 if active(r) else 0.3) else "no"
            others = [o for o in rows if o is not r]
            k = rng.random()
            if k < 0.25 or not others:
                r["successor"] = ""
            elif k < 0.35:
                r["successor"] = r["person"]
            else:
                r["successor"] = rng.choice(others)["person"]
            r["knowledge_transfer"] = rng.choice(["", "none", "planned", "in-progress", "done",
                                                  "done"])
            k = rng.random()
            if k < 0.45:
                r["planned_leave"] = None
            else:
                r["planned_leave"] = rng.choice([horizon, horizon, horizon - dt.timedelta(days=1),
                                                 alt, alt - dt.timedelta(days=1),
                                                 horizon + dt.timedelta(days=1), today,
                                                 today - dt.timedelta(days=10),
                                                 today + dt.timedelta(days=rng.randint(1, 900))])
        if self.forecast:
            self.forecast_staff_dates(rows)
        if mode == "normal" and rows and not any(r["key"] == "yes" and active(r) for r in rows) \
                and rng.random() < 0.7:
            act = [r for r in rows if active(r)]
            if act:
                rng.choice(act)["key"] = "yes"
        if c.get("_good") and mode == "normal":
            act = [r for r in rows if active(r)]
            for r in rows:
                if r["key"] == "yes" and active(r):
                    others = [o for o in act if o is not r]
                    if others and rng.random() < 0.85:
                        r["successor"] = rng.choice(others)["person"]
                    if rng.random() < 0.8:
                        r["knowledge_transfer"] = "done"
                    if rng.random() < 0.8:
                        r["planned_leave"] = None
        return rows

    def forecast_staff_dates(self, rows: list[dict]):
        """Forecast flavour: leave, planned-leave and join dates a few months around today, so that
        persons leave, turnover windows (180 days) pass their edges and planned leaves meet the
        exit horizon within the forecast."""
        rng = self.rng
        for r in rows:
            if rng.random() < 0.4:
                r["left"] = self.days_ahead(240)
            if rng.random() < 0.4:
                r["planned_leave"] = self.days_ahead(400)
            if rng.random() < 0.3:
                r["joined"] = self.days_ahead(200)
                if self.strict or rng.random() < 0.7:
                    r["joined"] = min(r["joined"], self.today)
            if r["left"] is not None and r["left"] < r["joined"]:
                r["left"] = r["joined"] + dt.timedelta(days=rng.randint(0, 200))

    # ------------------------------------------------------------------ processes

    def gen_processes(self, c: dict) -> list[dict]:
        rng = self.rng
        if rng.random() < 0.2:
            return []
        ids = rng.sample(PROCESS_POOL, rng.randint(1, 6))
        rows = []
        for pid in ids:
            r = {"contract": c["id"], "process": pid, "name": rng.choice(PROCESS_NAMES),
                 "kind": rng.choice(["formal", "informal"]),
                 "owner": rng.choice(["", "Team A", "Jürgen, WFM"]),
                 "document": "", "_variant": None}
            if rng.random() < 0.75:
                r["document"] = rng.choice(PROC_DOCS)
                r["_variant"] = self.doc_variant()
            for k in ("necessary", "standardizable", "transferable"):
                r[k] = rng.choice(["yes", "no", "unknown", "", "yes"])
            if rng.random() < 0.75:
                r["reviewed"] = (self.today - dt.timedelta(days=self.age(365))).isoformat()
            else:
                r["reviewed"] = ""
            if c.get("_good") and rng.random() < 0.85:
                r["document"] = rng.choice(PROC_DOCS)
                r["_variant"] = "regular"
                for k in ("necessary", "standardizable", "transferable"):
                    if rng.random() < 0.9:
                        r[k] = "yes"
                if rng.random() < 0.9:
                    r["reviewed"] = (self.today - dt.timedelta(days=rng.choice([0, 10, 365]))
                                     ).isoformat()
            rows.append(r)
        return rows

    # ------------------------------------------------------------------ CSV

    def write_register(self, name: str, rows: list[dict], columns: list[str], required: list[str]):
        rng = self.rng
        inv = os.path.join(self.out, "inventory")
        layout = rng.choices(["single", "dir", "both"], [5, 3, 2])[0]
        if not rows:
            layout = rng.choice(["absent", "single", "dir", "emptydir"])
        files: list[tuple[str, list[dict]]] = []
        if layout == "absent":
            return
        if layout == "emptydir":
            os.makedirs(os.path.join(inv, name), exist_ok=True)
            return
        names_pool = ["a.csv", "team b.csv", "Überblick.csv", "z-last.csv", "01.csv"]
        if layout == "single":
            files.append((os.path.join(inv, name + ".csv"), list(rows)))
        else:
            k = rng.randint(1, 3)
            targets = []
            if layout == "both":
                targets.append(os.path.join(inv, name + ".csv"))
            for fn in rng.sample(names_pool, k):
                targets.append(os.path.join(inv, name, fn))
            buckets = {t: [] for t in targets}
            for r in rows:
                buckets[rng.choice(targets)].append(r)
            files = list(buckets.items())
        for path, frows in files:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            cols = list(columns)
            for col in columns:
                if col in required:
                    continue
                if all(self._cell(r, col) == "" for r in frows) and rng.random() < 0.5:
                    cols.remove(col)
            rng.shuffle(cols)
            term = rng.choice(["\r\n", "\n"])
            quoting = rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator=term, quoting=quoting)
            if rng.random() < 0.1:
                buf.write(term)  # blank line before the header
            w.writerow(cols)
            for r in frows:
                if rng.random() < 0.1:
                    buf.write(term)  # blank line
                w.writerow([self._cell(r, col) for col in cols])
            text = buf.getvalue()
            k = rng.random()
            if k < 0.1:
                text += term + term  # trailing blank lines
            elif k < 0.2 and text.endswith(term):
                text = text[: -len(term)]  # no final line end
            enc = "utf-8-sig" if rng.random() < 0.25 else "utf-8"
            with open(path, "w", encoding=enc, newline="") as fh:
                fh.write(text)

    @staticmethod
    def _cell(r: dict, col: str) -> str:
        v = r.get(col)
        if v is None:
            return ""
        if isinstance(v, dt.date):
            return v.isoformat()
        return str(v)

    # ------------------------------------------------------------------ dataroom

    def build_tree(self, c: dict, procs: list[dict]) -> Tree:
        rng = self.rng
        tree = Tree()
        if "exit_plan" in c:
            self.place_doc(tree, c["exit_plan"]["document"], c["_exit_variant"])
        fp = c.get("financial_plan") or {}
        if "document" in fp:
            self.place_doc(tree, fp["document"], c["_fin_variant"])
        for p in procs:
            if p["document"] and p["_variant"]:
                self.place_doc(tree, p["document"], p["_variant"])
        if c.get("_good"):
            for r in self.checklist:
                if rng.random() < 0.85:
                    path = self.sample_path(rng.choice(r["patterns"]))
                    if path is not None:
                        spec = self.file_spec(min_size=r.get("min_bytes", 1))
                        if rng.random() < 0.7:
                            spec["date"] = self.today - dt.timedelta(
                                days=rng.choice([0, 1, r.get("max_age_days", 0)]))
                        tree.add_file(path, spec)
        pool = list(FILE_POOL)
        if not self.strict:
            pool += AMBIGUOUS_FILES
        for path in rng.sample(pool, rng.randint(3, 25)):
            if "\n" in path and rng.random() < 0.7:
                continue
            tree.add_file(path, self.file_spec())
        # symlinks of every kind
        existing_files = list(tree.files)
        existing_dirs = sorted({p.rsplit("/", 1)[0] for p in existing_files if "/" in p})
        for _ in range(rng.choice([0, 0, 1, 2, 4])):
            kind = rng.choice(["file", "dir", "outside", "dangling", "loop", "outside-dir"])
            name = rng.choice(["links/lic", "licenses/link.xlsx", "audit/report-2025.pdf",
                               "finance/dangling.xlsx", "training/loop", "transition/plan.pdf",
                               "😀/z", "contract/annexes/ln.pdf", "wfm/history/h.csv",
                               "kb/export-link.json", "reports/ln", "ln-top.pdf", "bot/config2.yaml"])
            if kind == "file" and existing_files:
                tree.add_link(name, rel_target(name, rng.choice(existing_files)))
            elif kind == "dir" and existing_dirs:
                tree.add_link(name, rel_target(name, rng.choice(existing_dirs)))
            elif kind == "outside":
                tree.add_link(name, os.path.join(self.out, "outside", "secret.pdf"))
            elif kind == "outside-dir":
                tree.add_link(name, os.path.join(self.out, "outside"))
            elif kind == "dangling":
                tree.add_link(name, "nowhere/" + name.rsplit("/", 1)[-1])
            elif kind == "loop":
                tree.add_link(name, ".")
        if rng.random() < 0.08:
            tree.add_fifo(rng.choice(["misc/pipe.pdf", "transition/plan.pdf", "reports/fifo.csv"]))
        return tree

    def write_tree(self, root: str, tree: Tree):
        os.makedirs(root, exist_ok=True)
        for path in sorted(tree.nodes):
            if tree.nodes[path] == "dir":
                os.makedirs(os.path.join(root, path), exist_ok=True)
        for path, spec in tree.files.items():
            p = os.path.join(root, path)
            with open(p, "wb") as fh:
                if spec["size"] <= 4096:
                    fh.write(b"x" * spec["size"])
                else:
                    fh.truncate(spec["size"])  # sparse
            os.chmod(p, spec["mode"])
        for path, target in tree.links.items():
            os.symlink(target, os.path.join(root, path))
        for path in tree.fifos:
            os.mkfifo(os.path.join(root, path), 0o644)
        for path, spec in tree.files.items():
            d = spec["date"]
            h, m, s = spec["hms"]
            secs = int(time.mktime((d.year, d.month, d.day, h, m, s, 0, 0, -1)))
            ns = secs * 1_000_000_000 + spec["frac"]
            os.utime(os.path.join(root, path), ns=(ns, ns), follow_symlinks=False)
        for path in sorted(tree.nodes):
            if tree.nodes[path] == "dir" and self.rng.random() < 0.2:
                os.chmod(os.path.join(root, path), self.rng.choice([0o755, 0o700, 0o750]))

    # ------------------------------------------------------------------ all

    def run(self):
        rng = self.rng
        out = self.out
        os.makedirs(os.path.join(out, "inventory", "contracts"), exist_ok=True)
        os.makedirs(os.path.join(out, "dataroom"), exist_ok=True)
        os.makedirs(os.path.join(out, "outside", "dir"), exist_ok=True)
        with open(os.path.join(out, "outside", "secret.pdf"), "wb") as fh:
            fh.write(b"outside" * 100)
        with open(os.path.join(out, "outside", "dir", "plan.pdf"), "wb") as fh:
            fh.write(b"outside" * 100)
        self.gen_checklist()
        used: set = set()
        contracts = [self.gen_contract(make_id(rng, used)) for _ in range(rng.randint(1, 7))]
        staff, procs = [], []
        per_proc = {}
        for c in contracts:
            st = self.gen_staff(c)
            pr = self.gen_processes(c)
            staff += st
            procs += pr
            per_proc[c["id"]] = pr
            with open(os.path.join(out, "inventory", "contracts", c["id"] + ".yaml"), "w",
                      encoding="utf-8") as fh:
                fh.write(self.contract_yaml(c))
        rng.shuffle(staff)
        rng.shuffle(procs)
        self.write_register("staff", staff,
                            ["contract", "person", "side", "role", "key", "successor",
                             "knowledge_transfer", "joined", "left", "planned_leave"],
                            ["contract", "person", "side", "key", "joined"])
        self.write_register("processes", procs,
                            ["contract", "process", "name", "kind", "owner", "document",
                             "necessary", "standardizable", "transferable", "reviewed"],
                            ["contract", "process", "name", "kind"])
        room = os.path.join(out, "dataroom")
        ids = [c["id"] for c in contracts]
        for c in contracts:
            folder = rng.choices(["normal", "missing", "symlink", "file"], [85, 8, 5, 2])[0]
            if folder != "normal" and self.strict:
                applies = any(c["criticality"] in r.get("applies_to", CRITS)
                              for r in self.checklist)
                if not applies:
                    folder = "normal"
            root = os.path.join(room, c["id"])
            if folder == "normal":
                self.write_tree(root, self.build_tree(c, per_proc[c["id"]]))
            elif folder == "symlink":
                others = [i for i in ids if i != c["id"]]
                target = rng.choice(others) if others and rng.random() < 0.6 else \
                    os.path.join(out, "outside")
                os.symlink(target, root)
            elif folder == "file":
                with open(root, "wb") as fh:
                    fh.write(b"not a folder")
        # things in the dataroom that belong to no contract
        if rng.random() < 0.3:
            os.makedirs(os.path.join(room, "orphan-folder", "exit"), exist_ok=True)
            with open(os.path.join(room, "orphan-folder", "exit", "exit-plan.pdf"), "wb") as fh:
                fh.write(b"x")
        if rng.random() < 0.3:
            with open(os.path.join(room, "README.txt"), "wb") as fh:
                fh.write(b"x")
        # Last, so that the rest of a seed's tree stays as it was before the action register.
        actions = action_register.random_rows(rng, self.today, contracts, staff, procs,
                                              [r["id"] for r in self.checklist], ahead=self.forecast)
        if actions:
            self.write_register("actions", actions,
                                ["contract", "code", "subject", "owner", "due", "state", "until",
                                 "note"], ["contract", "code", "state"])
        with open(os.path.join(out, "now.txt"), "w") as fh:
            fh.write(self.today.isoformat() + "\n")


def generate(seed: int, out: str, strict: bool = False, forecast: bool = False) -> str:
    """Generate into `out`; returns the evaluation date (YYYY-MM-DD)."""
    g = Gen(seed, out, strict, forecast)
    g.run()
    return g.today.isoformat()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="generate a random valid exitready inventory")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--strict", action="store_true",
                    help="avoid inputs whose result depends on an open point of the spec")
    ap.add_argument("--forecast", action="store_true",
                    help="dates that cross their limits within the forecast horizon")
    a = ap.parse_args(argv)
    print(generate(a.seed, a.out, a.strict, a.forecast))
    return 0


if __name__ == "__main__":
    sys.exit(main())
