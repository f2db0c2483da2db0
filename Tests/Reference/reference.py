#!/usr/bin/env python3
"""Independent reference implementation of the exitready scoring rules (exitready-inventory(5): CONTRACT FILES to DATAROOM CHECKLIST, SCORING and FINDINGS).

Written from the specification alone, as a cross-check for the Swift engine; it must never be
derived from, or "fixed" by looking at, the product's code. Standard library + PyYAML only.

    python3 reference.py --inventory DIR --dataroom DIR --checklist FILE --now YYYY-MM-DD

prints the §4.8 JSON document (without messages and remedies) to stdout.

It handles valid inventories only: nothing is validated, malformed input may raise.

Every point where the specification leaves room for more than one reading is marked with a
comment starting "AMBIGUITY:"; the reading chosen is the most literal one (or the one the product
owner decided, where noted).
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import functools
import glob as _glob
import json
import math
import os
import re
import stat
import sys
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import action_register  # noqa: E402  (the action register's effect on findings)
import register  # noqa: E402  (R01 and the register of information export)

# ---------------------------------------------------------------------------------------------
# constants from exitready-inventory(5), SCORING

FAMILY_WEIGHTS = {"contract": 30.0, "dataroom": 25.0, "processes": 25.0, "staff": 20.0}
FAMILIES = ("contract", "dataroom", "processes", "staff")
CRITICALITY_WEIGHT = {"critical": 3.0, "important": 2.0, "standard": 1.0}
BAND_READY = 80.0
BAND_AT_RISK = 60.0
NOTICE_WINDOW = 120
CRITICAL_WINDOW = 30
CAP_WITHOUT_EXIT_PLAN = 40.0

TRIGGERS = ("end-of-term", "for-cause", "insolvency", "change-of-control")
IP_CLASSES = ("training_material", "knowledge_base", "chatbots", "wfm_history", "wfm_settings",
              "report_formats", "tooling_and_apis")
IP_VALUE = {"client": 1.0, "shared": 1.0, "supplier": 0.5, "unclear": 0.0}
KT_VALUE = {"none": 0.0, "planned": 0.25, "in-progress": 0.5, "done": 1.0}

# ---------------------------------------------------------------------------------------------
# small helpers


def round_half_away(x: float, n: int) -> float:
    """exitready-inventory(5), Rounding: sign(x) * floor(|x| * 10^n + 0.5 + 1e-9) / 10^n."""
    p = 10.0 ** n
    v = math.floor(abs(x) * p + 0.5 + 1e-9) / p
    if x < 0:
        return -v
    return v


def band_of(rounded_score: float) -> str:
    if rounded_score >= BAND_READY:
        return "ready"
    if rounded_score >= BAND_AT_RISK:
        return "at-risk"
    return "not-ready"


def to_date(v):
    """A date from YAML (PyYAML gives datetime.date for unquoted dates) or from a CSV cell.
    None / empty string mean "not given"."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = str(v)
    if s == "":
        return None
    return _parse_date(s)


_parse_date = functools.lru_cache(maxsize=None)(dt.date.fromisoformat)  # forecast.py parses daily


def age(today: dt.date, d: dt.date) -> int:
    """age(d) = today - d in days; negative ages count as 0."""
    return max(0, (today - d).days)


def recency(today: dt.date, d, limit: int) -> float:
    if d is None:
        return 0.0
    a = age(today, d)
    if a <= limit:
        return 1.0
    if a <= 2 * limit:
        return 0.5
    return 0.0


def add_months(d: dt.date, months: int) -> dt.date:
    """Calendar month addition, clamped to the last day of the resulting month."""
    idx = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(idx, 12)
    month = month0 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def severity_for(f: float) -> str:
    # exitready-inventory(5), Severity: "warning where f = 0 and info where 0 < f < 1".
    return "warning" if f <= 0 else "info"


# ---------------------------------------------------------------------------------------------
# globs (exitready-inventory(5), Glob rules)

_seg_cache: dict[str, re.Pattern] = {}


def _segment_regex(seg: str) -> re.Pattern:
    r = _seg_cache.get(seg)
    if r is None:
        out = []
        prev_star = False
        for ch in seg:
            if ch == "*":
                # "`**` inside a segment acts as `*`": runs of stars collapse to one star.
                # AMBIGUITY: so a segment "***" (not exactly "**") is a one-segment `*`.
                if not prev_star:
                    out.append("[^/]*")
                prev_star = True
                continue
            prev_star = False
            if ch == "?":
                # One *character* (Unicode code point), not one byte.
                # AMBIGUITY: "character" read as a code point; generated names avoid combining
                # marks, so grapheme-based implementations agree.
                out.append("[^/]")
            else:
                out.append(re.escape(ch))  # no other character is special ([, ], \, {, } ...)
        r = re.compile("".join(out), re.DOTALL)
        _seg_cache[seg] = r
    return r


_match_cache: dict[tuple[str, str], bool] = {}


def glob_match(pattern: str, path: str) -> bool:
    """Match a file path relative to the contract folder (segments separated by '/'); results
    are kept, as forecast.py asks the same questions for every day."""
    key = (pattern, path)
    hit = _match_cache.get(key)
    if hit is None:
        hit = _match_cache[key] = _glob_match(pattern, path)
    return hit


def _glob_match(pattern: str, path: str) -> bool:
    psegs = pattern.split("/")
    ssegs = path.split("/")
    memo: dict[tuple[int, int], bool] = {}

    def m(i: int, j: int) -> bool:
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(psegs):
            res = j == len(ssegs)
        elif psegs[i] == "**":
            # AMBIGUITY: a whole-segment `**` matches any number of segments, zero included,
            # also at the end of a pattern: so `x/**` matches a regular *file* named `x`
            # (the literal reading of "zero included"; gitignore would not match it).
            res = any(m(i + 1, k) for k in range(j, len(ssegs) + 1))
        elif j == len(ssegs):
            res = False
        else:
            res = _segment_regex(psegs[i]).fullmatch(ssegs[j]) is not None and m(i + 1, j + 1)
        memo[key] = res
        return res

    return m(0, 0)


# ---------------------------------------------------------------------------------------------
# dataroom scanning


class Scan(dict):
    """{relative path: FileInfo} of a contract folder, with the files matching each requirement
    kept: they do not depend on the evaluation date (forecast.py evaluates many)."""

    def __init__(self):
        super().__init__()
        self.matches: dict[tuple, list] = {}


class FileInfo:
    __slots__ = ("size", "mdate", "mtime", "world_readable")

    def __init__(self, size, mdate, mtime, world_readable):
        self.size = size
        self.mdate = mdate
        self.mtime = mtime
        self.world_readable = world_readable


def scan_contract_folder(dataroom: str, contract_id: str):
    """Return {relative path: FileInfo} for the regular files below <dataroom>/<id>/, or None
    when the folder is missing.

    Uses lstat only: symlinks are neither followed nor counted, a symlinked directory is not
    entered. Owner decision: a contract folder that is itself a symlink counts as missing.
    AMBIGUITY: a contract "folder" that is some other non-directory (a regular file, a FIFO)
    is also treated as missing.
    """
    root = os.path.join(dataroom, contract_id)
    try:
        st = os.lstat(root)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    files = Scan()

    def walk(absdir: str, rel: str):
        try:
            names = os.listdir(absdir)
        except OSError:
            return
        for name in names:
            p = os.path.join(absdir, name)
            r = name if rel == "" else rel + "/" + name
            try:
                s = os.lstat(p)
            except OSError:
                continue
            if stat.S_ISDIR(s.st_mode):
                walk(p, r)
            elif stat.S_ISREG(s.st_mode):
                # "local calendar date of its mtime" in the process's time zone (TZ).
                # time.localtime floors fractional seconds, as localtime(st_mtim.tv_sec) does.
                lt = time.localtime(s.st_mtime_ns // 1_000_000_000)
                files[r] = FileInfo(s.st_size, dt.date(lt.tm_year, lt.tm_mon, lt.tm_mday),
                                    s.st_mtime_ns, bool(s.st_mode & stat.S_IROTH))
            # symlinks, FIFOs, sockets, devices: not counted

    walk(root, "")
    return files


# ---------------------------------------------------------------------------------------------
# inventory loading (exitready-inventory(5))


def _read_csv_table(path: str) -> list[dict]:
    rows = []
    # utf-8-sig strips an optional BOM; newline="" lets csv handle CRLF and quoted newlines.
    with open(path, "r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = None
        for rec in reader:
            if len(rec) == 0:
                continue  # blank line
            if header is None:
                header = rec
                continue
            rows.append({header[i]: (rec[i] if i < len(rec) else "") for i in range(len(header))})
    return rows


def _read_register(inventory: str, name: str) -> list[dict]:
    rows: list[dict] = []
    single = os.path.join(inventory, name + ".csv")
    if os.path.isfile(single):
        rows.extend(_read_csv_table(single))
    folder = os.path.join(inventory, name)
    if os.path.isdir(folder):
        for p in sorted(_glob.glob(os.path.join(_glob.escape(folder), "*.csv"))):
            rows.extend(_read_csv_table(p))
    return rows


def load_inventory(inventory: str):
    contracts = []
    cdir = os.path.join(inventory, "contracts")
    if os.path.isdir(cdir):
        for p in sorted(_glob.glob(os.path.join(_glob.escape(cdir), "*.yaml"))):
            with open(p, "r", encoding="utf-8") as fh:
                doc = yaml.safe_load(fh)
            contracts.append(doc)
    staff = _read_register(inventory, "staff")
    processes = _read_register(inventory, "processes")
    return contracts, staff, processes


def load_checklist(path: str) -> list[dict]:
    with open(path, "r", encoding="utf-8") as fh:
        doc = yaml.safe_load(fh) or {}
    reqs = []
    for r in doc.get("requirements") or []:
        reqs.append({
            "id": str(r["id"]),
            "patterns": [str(x) for x in (r.get("patterns") or [])],
            "max_age_days": int(r.get("max_age_days", 0) or 0),
            "min_bytes": int(r.get("min_bytes", 1) if r.get("min_bytes") is not None else 1),
            "weight": float(r.get("weight", 1) if r.get("weight") is not None else 1),
            "applies_to": list(r["applies_to"]) if r.get("applies_to") is not None
            else ["critical", "important", "standard"],
        })
    return reqs


# ---------------------------------------------------------------------------------------------
# scoring


def _cell(row: dict, col: str) -> str:
    v = row.get(col)
    return "" if v is None else v


def term_end(c: dict, today: dt.date) -> dt.date:
    """exitready-inventory(5), Exit timeline."""
    end = to_date(c["end"])
    notice = int(c["notice_days"])
    renewal = int(c.get("renewal_months") or 0)
    if renewal == 0:
        return end
    k = 0
    while True:
        ek = add_months(end, k * renewal)  # computed from `end` each time
        if ek - dt.timedelta(days=notice) >= today:
            return ek
        k += 1


def exit_horizon(c: dict, today: dt.date) -> dt.date:
    """exitready-inventory(5), Staff family, S04: H = term end E + termination_assistance_months.
    AMBIGUITY: the months are added to E itself (the date §4.6 produced, possibly already
    clamped), not to `end` + (k·renewal + months); e.g. end 2024-01-31, renewal 1 month,
    E = 2024-02-29, assistance 1 month -> H = 2024-03-29 (not 03-31)."""
    e = term_end(c, today)
    tam = int(((c.get("terms") or {}).get("termination_assistance_months")) or 0)
    return add_months(e, tam)


def evaluate_contract(c: dict, staff_rows: list[dict], proc_rows: list[dict],
                      requirements: list[dict], files, today: dt.date,
                      weights=FAMILY_WEIGHTS) -> dict:
    cid = str(c["id"])
    crit = str(c["criticality"])
    sw = sum(weights.values())
    findings = []  # dicts: code, family, severity, subject, impact (unrounded)

    def family_impact(family: str, lost: float, total_points: float) -> float:
        return 100.0 * weights[family] / sw * lost / total_points

    def doc_exists(path) -> bool:
        # "a regular file of at least 1 byte in the contract's dataroom folder"; looked up among
        # the lstat-scanned regular files, so a symlink, or a path through a symlinked
        # directory, never counts. The path is resolved as the system resolves it: "." segments
        # and repeated "/" are ignored, and a trailing "/" names a directory, never a file
        # ("..", and absolute paths, are rejected by validation).
        if path is None or files is None or str(path).endswith("/"):
            return False
        fi = files.get("/".join(part for part in str(path).split("/") if part not in ("", ".")))
        return fi is not None and fi.size >= 1

    # ---- contract family (C) ----
    exit_plan = c.get("exit_plan")
    terms = c.get("terms") or {}
    ip = c.get("ip") or {}
    fin = c.get("financial_plan")
    checks = []  # (code, points, f)
    c01 = 1.0 if (exit_plan is not None and doc_exists(exit_plan.get("document"))) else 0.0
    checks.append(("C01", 20.0, c01))
    ep = exit_plan or {}
    checks.append(("C02", 10.0, recency(today, to_date(ep.get("reviewed")), 365)))
    checks.append(("C03", 5.0 if crit == "standard" else 10.0,
                   recency(today, to_date(ep.get("tested")), 730)))
    trig = ep.get("triggers") or []
    checks.append(("C04", 5.0, len([t for t in TRIGGERS if t in trig]) / 4.0))
    tam = terms.get("termination_assistance_months")
    checks.append(("C05", 10.0, (min(int(tam), 6) / 6.0) if tam is not None else 0.0))
    checks.append(("C06", 5.0, 1.0 if terms.get("assistance_rates_agreed") is True else 0.0))
    checks.append(("C07", 5.0, 1.0 if terms.get("information_lead_days") is not None else 0.0))
    checks.append(("C08", 5.0, 1.0 if terms.get("key_staff_retention") is True else 0.0))
    checks.append(("C09", 10.0, sum(IP_VALUE.get(str(ip.get(k)), 0.0) if ip.get(k) is not None
                                    else 0.0 for k in IP_CLASSES) / 7.0))
    checks.append(("C10", 5.0, 1.0 if terms.get("data_return_and_deletion") is True else 0.0))
    checks.append(("C11", 5.0, 1.0 if terms.get("license_transfer") is True else 0.0))
    checks.append(("C12", 5.0, 1.0 if terms.get("cooperation_duty") is True else 0.0))
    alts = c.get("alternatives")
    checks.append(("C13", 5.0, 1.0 if alts else 0.0))
    # Owner decision: document and double_run_cost_eur are both optional inside financial_plan.
    # "one of the two" = one of {document exists, cost given}: a document path naming a missing
    # file does not count.
    if fin is None:
        c14 = 0.0
    else:
        have = int(doc_exists(fin.get("document"))) + int(fin.get("double_run_cost_eur") is not None)
        c14 = {0: 0.0, 1: 0.5, 2: 1.0}[have]
    checks.append(("C14", 5.0, c14))
    checks.append(("C15", 5.0, 1.0 if c.get("communication_plan") is True else 0.0))
    checks.append(("C16", 5.0, recency(today, to_date(c.get("last_audit")), 365)))
    kpi = c.get("kpi") or []
    last6 = kpi[-6:]  # the list is oldest first
    met = sum(int(k["met"]) for k in last6)
    tot = sum(int(k["met"]) + int(k["missed"]) for k in last6)
    if tot == 0:
        c17 = 0.5
    else:
        r = met / tot
        if r >= 0.95:
            c17 = 1.0
        elif r <= 0.75:
            c17 = 0.0
        else:
            c17 = (r - 0.75) / 0.20
    checks.append(("C17", 5.0, c17))

    c_total = sum(p for _, p, _ in checks)
    c_score = 100.0 * sum(p * f for _, p, f in checks) / c_total
    c_findings = {}
    for code, p, f in checks:
        if f < 1.0:
            sev = "critical" if code == "C01" else severity_for(f)
            fd = {"code": code, "family": "contract", "severity": sev, "subject": None,
                  "impact": family_impact("contract", p * (1.0 - f), c_total)}
            findings.append(fd)
            c_findings[code] = fd

    # ---- dataroom family (D) ----
    if files is None:
        # AMBIGUITY: "A missing contract folder gives D = 0 and finding D00" is applied even when
        # no requirement applies to the contract's criticality (the "100 when no requirement
        # applies" rule is not consulted for a missing folder).
        d_score = 0.0
        findings.append({"code": "D00", "family": "dataroom", "severity": "critical",
                         "subject": None, "impact": 100.0 * weights["dataroom"] / sw})
    else:
        applicable = [r for r in requirements if crit in r["applies_to"]]
        if not applicable:
            d_score = 100.0
        else:
            wsum = sum(r["weight"] for r in applicable)
            acc = 0.0
            for r in applicable:
                # AMBIGUITY: "matching files" in the 0.5 case are the matching files of at
                # least min_bytes; matching files that are all too small give g = 0 (D01).
                key = (r["min_bytes"], tuple(r["patterns"]))
                cands = files.matches.get(key)
                if cands is None:
                    cands = files.matches[key] = [
                        fi for path, fi in files.items()
                        if fi.size >= r["min_bytes"] and any(glob_match(p, path) for p in r["patterns"])]
                if not cands:
                    g = 0.0
                elif r["max_age_days"] == 0:
                    g = 1.0
                else:
                    newest = max(cands, key=lambda fi: fi.mtime)
                    # freshness is monotone in mtime, so "the newest is fresh" == "any is fresh"
                    g = 1.0 if age(today, newest.mdate) <= r["max_age_days"] else 0.5
                acc += r["weight"] * g
                if g < 1.0:
                    findings.append({"code": "D01" if g == 0.0 else "D02", "family": "dataroom",
                                     "severity": severity_for(g), "subject": r["id"],
                                     "impact": family_impact("dataroom", r["weight"] * (1.0 - g),
                                                             wsum)})
            d_score = 100.0 * acc / wsum
        # D90: every regular file in the contract folder with o+r, whether or not a requirement
        # matches it. No points.
        for path, fi in files.items():
            if fi.world_readable:
                findings.append({"code": "D90", "family": "dataroom", "severity": "security",
                                 "subject": path, "impact": 0.0})

    # ---- processes family (P) ----
    procs = proc_rows
    if not procs:
        p_score = 0.0
        findings.append({"code": "P00", "family": "processes", "severity": "critical",
                         "subject": None, "impact": 100.0 * weights["processes"] / sw})
    else:
        msum = 0.0
        acc = 0.0
        per = []
        for row in procs:
            m = 2.0 if _cell(row, "kind") == "informal" else 1.0
            doc_path = _cell(row, "document")
            doc = 1.0 if (doc_path != "" and doc_exists(doc_path)) else 0.0
            nec = _cell(row, "necessary") or "unknown"
            std = _cell(row, "standardizable") or "unknown"
            trn = _cell(row, "transferable") or "unknown"
            assessed = sum(1 for v in (nec, std, trn) if v in ("yes", "no")) / 3.0
            rev = recency(today, to_date(_cell(row, "reviewed")), 365)
            transfer = 1.0 if (trn == "yes" or nec == "no") else 0.0
            q = 0.40 * doc + 0.30 * assessed + 0.15 * rev + 0.15 * transfer
            msum += m
            acc += m * q
            per.append((row, m, doc, assessed, rev, transfer, nec, trn))
        p_score = 100.0 * acc / msum
        for row, m, doc, assessed, rev, transfer, nec, trn in per:
            pid = _cell(row, "process")

            def add(code, part_w, part, sev):
                findings.append({"code": code, "family": "processes", "severity": sev,
                                 "subject": pid,
                                 "impact": family_impact("processes", m * part_w * (1.0 - part),
                                                         msum)})
            # Owner decision: a per-process finding's severity comes from its own part value
            # (P02 info at 1/3 or 2/3 answered, warning at 0; P03 info at 0.5, warning at 0).
            if doc < 1.0:
                add("P01", 0.40, doc, "warning")
            if assessed < 1.0:
                add("P02", 0.30, assessed, severity_for(assessed))
            if rev < 1.0:
                add("P03", 0.15, rev, severity_for(rev))
            if transfer < 1.0:
                if nec == "yes" and trn == "no":
                    add("P04", 0.15, transfer, "critical")
                else:
                    add("P05", 0.15, transfer, "warning")

    # ---- staff family (S) ----
    def active_on(row, day: dt.date) -> bool:
        left = to_date(_cell(row, "left"))
        return left is None or left > day

    persons = staff_rows
    # AMBIGUITY: "active" is read literally (left empty or after today); a person whose
    # `joined` lies in the future is active (and can be a key person or a successor).
    active_ids = {_cell(r, "person") for r in persons if active_on(r, today)}
    key_persons = [r for r in persons if _cell(r, "key") == "yes" and active_on(r, today)]
    if not key_persons:
        s_score = 0.0
        findings.append({"code": "S00", "family": "staff", "severity": "critical",
                         "subject": None, "impact": 100.0 * weights["staff"] / sw})
    else:
        n = float(len(key_persons))
        horizon = exit_horizon(c, today)
        s01 = s02 = s04 = 0.0
        for r in key_persons:
            pid = _cell(r, "person")
            succ = _cell(r, "successor")
            ok01 = succ != "" and succ != pid and succ in active_ids
            if ok01:
                s01 += 1.0
            else:
                # owner decision: per-person f = 0 -> warning
                findings.append({"code": "S01", "family": "staff", "severity": "warning",
                                 "subject": pid, "impact": family_impact("staff", 40.0 / n, 100.0)})
            # owner decision: severity from this person's own f (planned 0.25 -> info)
            v = KT_VALUE[_cell(r, "knowledge_transfer") or "none"]
            s02 += v
            if v < 1.0:
                findings.append({"code": "S02", "family": "staff", "severity": severity_for(v),
                                 "subject": pid,
                                 "impact": family_impact("staff", 20.0 * (1.0 - v) / n, 100.0)})
            pl = to_date(_cell(r, "planned_leave"))
            if pl is not None and pl <= horizon:
                findings.append({"code": "S04", "family": "staff", "severity": "warning",
                                 "subject": pid, "impact": family_impact("staff", 20.0 / n, 100.0)})
            else:
                s04 += 1.0
        f01 = s01 / n
        f02 = s02 / n
        f04 = s04 / n
        # S03 over every person of the contract (either side, key or not): "team turnover".
        t0 = today - dt.timedelta(days=180)
        # AMBIGUITY: leavers are counted whether or not they had joined by today-180 (the
        # numerator and the denominator are defined independently in the spec).
        leavers = sum(1 for r in persons
                      if (lambda lv: lv is not None and t0 < lv <= today)(to_date(_cell(r, "left"))))
        base = sum(1 for r in persons
                   if to_date(_cell(r, "joined")) <= t0 and active_on(r, t0))
        t = leavers / max(1, base)
        if t <= 0.10:
            f03 = 1.0
        elif t >= 0.40:
            f03 = 0.0
        else:
            f03 = (0.40 - t) / 0.30
        if f03 < 1.0:
            findings.append({"code": "S03", "family": "staff", "severity": severity_for(f03),
                             "subject": None, "impact": family_impact("staff", 20.0 * (1.0 - f03),
                                                                      100.0)})
        s_score = 100.0 * (40.0 * f01 + 20.0 * f02 + 20.0 * f03 + 20.0 * f04) / 100.0

    fam = {"contract": c_score, "dataroom": d_score, "processes": p_score, "staff": s_score}
    overall_uncapped = sum(weights[k] * fam[k] for k in FAMILIES) / sw
    overall = overall_uncapped
    # For planner.py: each finding's loss of the uncapped score, before C01 takes the cap.
    planning = {"uncapped": overall_uncapped, "findings": [
        {"code": f["code"], "family": f["family"], "subject": f["subject"], "gain": f["impact"]}
        for f in findings]}
    if c01 == 0.0:
        overall = min(overall_uncapped, CAP_WITHOUT_EXIT_PLAN)
        c_findings["C01"]["impact"] += overall_uncapped - overall
    score = round_half_away(overall, 1)
    band = band_of(score)

    end = to_date(c["end"])
    renewal = int(c.get("renewal_months") or 0)
    status = "ended" if (end < today and renewal == 0) else "active"
    e = term_end(c, today)
    notice_deadline = e - dt.timedelta(days=int(c["notice_days"]))
    if status == "active" and band != "ready":
        days = (notice_deadline - today).days
        # AMBIGUITY: a deadline that has already passed (days < 0, possible only without
        # renewal) is inside both windows, so it gives a critical T01. Both windows are
        # inclusive: N - today = 120 is in the notice window, N - today = 30 in the critical one.
        if days <= NOTICE_WINDOW:
            findings.append({"code": "T01", "family": "timeline",
                             "severity": "critical" if days <= CRITICAL_WINDOW else "warning",
                             "subject": None, "impact": 0.0})
    findings.extend(register.r01_findings(c, band))

    for fd in findings:
        fd["impact"] = round_half_away(fd["impact"], 2)
    # rounded impact desc, then code, then subject (none first); str comparison in Python is by
    # code point.
    findings.sort(key=lambda fd: (-fd["impact"], fd["code"],
                                  (0, "") if fd["subject"] is None else (1, fd["subject"])))

    return {
        "id": cid,
        "status": status,
        "criticality": crit,
        "score": score,
        "band": band,
        "families": {k: round_half_away(fam[k], 1) for k in FAMILIES},
        "term_end": e.isoformat(),
        "notice_deadline": notice_deadline.isoformat(),
        "findings": [{"code": f["code"], "family": f["family"], "severity": f["severity"],
                      "subject": f["subject"], "impact": f["impact"]} for f in findings],
        "_overall": overall,
        "_planning": dict(planning, overall=overall),
    }


def scan_dataroom(contracts, dataroom: str) -> dict:
    """{contract id: scan_contract_folder(...)} for every contract: a scan that evaluate() can
    reuse for other evaluation dates (forecast.py), as the files do not change."""
    return {str(c["id"]): scan_contract_folder(dataroom, str(c["id"])) for c in contracts}


def evaluate(contracts, staff, processes, requirements, dataroom: str, today: dt.date,
             scans: dict | None = None) -> dict:
    if scans is None:
        scans = scan_dataroom(contracts, dataroom)
    by_contract_staff: dict[str, list] = {}
    for r in staff:
        by_contract_staff.setdefault(r["contract"], []).append(r)
    by_contract_proc: dict[str, list] = {}
    for r in processes:
        by_contract_proc.setdefault(r["contract"], []).append(r)
    results = []
    for c in contracts:
        cid = str(c["id"])
        files = scans[cid]
        results.append(evaluate_contract(c, by_contract_staff.get(cid, []),
                                         by_contract_proc.get(cid, []), requirements, files,
                                         today))
    results.sort(key=lambda r: r["id"])
    # The portfolio takes the *capped* overall (the cap is part of `overall` in §4.5), and
    # `weakest` is chosen among the active contracts only (ended ones are "left out").
    # Owner decision: with no active contract, score/band/weakest are null.
    active = [r for r in results if r["status"] == "active"]
    if active:
        wsum = sum(CRITICALITY_WEIGHT[r["criticality"]] for r in active)
        p = sum(CRITICALITY_WEIGHT[r["criticality"]] * r["_overall"] for r in active) / wsum
        pscore = round_half_away(p, 1)
        weakest = min(active, key=lambda r: (r["score"], r["id"]))["id"]
        portfolio = {"score": pscore, "band": band_of(pscore), "weakest": weakest}
    else:
        portfolio = {"score": None, "band": None, "weakest": None}
    for r in results:
        del r["_overall"]
    return {"evaluated": today.isoformat(), "portfolio": portfolio, "contracts": results}


def evaluate_paths(inventory: str, dataroom: str, checklist: str, now: str) -> dict:
    contracts, staff, processes = load_inventory(inventory)
    requirements = load_checklist(checklist)
    today = dt.date.fromisoformat(now)
    return evaluate_full(contracts, staff, processes, requirements, _read_register(inventory, "actions"),
                         dataroom, today)


def evaluate_full(contracts, staff, processes, requirements, actions, dataroom: str, today: dt.date,
                  scans: dict | None = None) -> dict:
    """The whole product result of `check --json` for `today`: the scores, the findings and the
    action register's effect on them."""
    document = evaluate(contracts, staff, processes, requirements, dataroom, today, scans)
    action_register.apply(document, actions, today)
    # Accepted findings are not plan candidates (planner.py reads this).
    for contract in document["contracts"]:
        contract["_planning"]["accepted"] = [
            [f["code"], f["subject"]] for f in contract["findings"] if (f.get("action") or {}).get("accepted")]
    return document


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inventory", required=True)
    ap.add_argument("--dataroom", required=True)
    ap.add_argument("--checklist", required=True)
    ap.add_argument("--now", required=True, help="evaluation date YYYY-MM-DD")
    a = ap.parse_args(argv)
    res = evaluate_paths(a.inventory, a.dataroom, a.checklist, a.now)
    json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
