#!/usr/bin/env python3
"""Cross-check `exitreadyctl check --json` against the independent reference implementation.

    python3 compare.py --exitreadyctl PATH --seeds 200 [--start 0] [--keep DIR] [--strict]

For each seed: generate.py writes a random valid inventory, dataroom and checklist; the product
runs as `PATH check --json --inventory … --dataroom … --checklist … --now …`; reference.py
evaluates the same tree; the results are compared field by field (with forecast.py's
next_band_change). Then `PATH export register`
runs on the same tree and its file must equal register.py's byte for byte. Both run with
TZ=Europe/Amsterdam (the generator too, so file mtimes land on the intended local dates).
Last, generate.py's forecast flavour of the seed (in a folder `forecast` beside the tree) is
compared: `check --json` and `forecast --json` (forecast.py's check_forecast).

Exit status 0 when every seed agrees, 1 otherwise (2 for usage errors).
--keep DIR keeps the generated tree of each mismatching seed as DIR/seed-N, with
product.json and reference.json beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, HERE)

TZ = "Europe/Amsterdam"
os.environ["TZ"] = TZ
time.tzset()

import forecast  # noqa: E402
import generate  # noqa: E402
import planner  # noqa: E402
import provenance  # noqa: E402
import reference  # noqa: E402
import register  # noqa: E402

FAMILIES = ("contract", "dataroom", "processes", "staff")
MAX_DETAILED = 5


def num_eq(a, b, decimals: int) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    try:
        p = 10 ** decimals
        return round(float(a) * p) == round(float(b) * p)
    except (TypeError, ValueError):
        return False


def action_tuple(f: dict):
    """The action register's row of a finding (None without one), the accepted marking included."""
    a = f.get("action")
    if a is None:
        return None
    return tuple(a.get(k) for k in ("owner", "due", "state", "until", "note", "accepted"))


def finding_tuple(f: dict):
    return (f.get("code"), f.get("family"), f.get("severity"), f.get("subject"), f.get("impact"),
            action_tuple(f))


def findings_equal(ours: list, ref: list) -> bool:
    if len(ours) != len(ref):
        return False
    for a, b in zip(ours, ref):
        ta, tb = finding_tuple(a), finding_tuple(b)
        if ta[:4] != tb[:4] or not num_eq(ta[4], tb[4], 2) or ta[5] != tb[5]:
            return False
    return True


def fmt_finding(t) -> str:
    code, fam, sev, subj, imp, action = t
    shown = "" if action is None else " action=" + json.dumps(action, ensure_ascii=False)
    return f"{code} {fam} {sev} subject={json.dumps(subj, ensure_ascii=False)} impact={imp}{shown}"


def findings_diff(ours: list, ref: list) -> list[str]:
    """An LCS-based diff of the two finding lists: only the differing entries, each with its
    position in its own list ('-' product only, '+' reference only)."""
    a = [finding_tuple(f) for f in ours]
    b = [finding_tuple(f) for f in ref]

    def same(x, y):
        return x[:4] == y[:4] and num_eq(x[4], y[4], 2) and x[5] == y[5]

    n, m = len(a), len(b)
    lcs = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            lcs[i][j] = lcs[i + 1][j + 1] + 1 if same(a[i], b[j]) else max(lcs[i + 1][j],
                                                                             lcs[i][j + 1])
    out, i, j = [], 0, 0
    while i < n or j < m:
        if i < n and j < m and same(a[i], b[j]):
            i += 1
            j += 1
        elif j < m and (i == n or lcs[i][j + 1] >= lcs[i + 1][j]):
            out.append(f"    + reference #{j}: " + fmt_finding(b[j]))
            j += 1
        else:
            out.append(f"    - product   #{i}: " + fmt_finding(a[i]))
            i += 1
    return out


def compare_docs(ours: dict, ref: dict) -> tuple[list[str], int, int]:
    """Returns (differences, contracts compared, findings compared)."""
    diffs: list[str] = []
    ncon = nfind = 0

    def d(where, field, a, b):
        diffs.append(f"  {where}: {field}: product {json.dumps(a, ensure_ascii=False)} "
                     f"vs reference {json.dumps(b, ensure_ascii=False)}")

    if ours.get("evaluated") != ref["evaluated"]:
        d("document", "evaluated", ours.get("evaluated"), ref["evaluated"])
    po, pr = ours.get("portfolio") or {}, ref["portfolio"]
    if not num_eq(po.get("score"), pr["score"], 1):
        d("portfolio", "score", po.get("score"), pr["score"])
    for k in ("band", "weakest"):
        if po.get(k) != pr[k]:
            d("portfolio", k, po.get(k), pr[k])
    oc = {c.get("id"): c for c in ours.get("contracts") or []}
    rc = {c["id"]: c for c in ref["contracts"]}
    ids_o = [c.get("id") for c in ours.get("contracts") or []]
    if ids_o != [c["id"] for c in ref["contracts"]]:
        d("document", "contract ids in order", ids_o, [c["id"] for c in ref["contracts"]])
    for cid, r in rc.items():
        o = oc.get(cid)
        if o is None:
            continue
        ncon += 1
        nfind += len(r["findings"])
        w = f"contract {cid}"
        for k in ("status", "criticality", "band", "term_end", "notice_deadline"):
            if o.get(k) != r[k]:
                d(w, k, o.get(k), r[k])
        if not num_eq(o.get("score"), r["score"], 1):
            d(w, "score", o.get("score"), r["score"])
        if "next_band_change" not in o:
            diffs.append(f"  {w}: next_band_change: the product's check --json lacks the key "
                         f"(reference {json.dumps(r['next_band_change'])}); is the forecast built in?")
        elif o["next_band_change"] != r["next_band_change"]:
            d(w, "next_band_change", o["next_band_change"], r["next_band_change"])
        of = o.get("families") or {}
        for fam in FAMILIES:
            if not num_eq(of.get(fam), r["families"][fam], 1):
                d(w, f"families.{fam}", of.get(fam), r["families"][fam])
        ofs = o.get("findings") or []
        if not findings_equal(ofs, r["findings"]):
            diffs.append(f"  {w}: findings differ ('-' product only, '+' reference only):")
            diffs.extend(findings_diff(ofs, r["findings"]))
    return diffs, ncon, nfind


def compare_register(exe: str, workdir: str, ref: dict) -> tuple[list[str], int]:
    """`export register` on the seed's tree against register.py: the file byte for byte and the
    contracts named as missing. Returns (differences, rows compared)."""
    inv = os.path.join(workdir, "inventory")
    cmd = [exe, "export", "register", "--inventory", inv, "--dataroom", os.path.join(workdir, "dataroom"),
           "--checklist", os.path.join(workdir, "checklist.yaml"), "--now", ref["evaluated"]]
    expected, missing = register.export(reference.load_inventory(inv)[0], ref)
    p = subprocess.run(cmd, capture_output=True, env=dict(os.environ, TZ=TZ), timeout=120, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        return [f"  export register exited with status {p.returncode}: {' '.join(cmd)}",
                "  stderr: " + p.stderr.decode("utf-8", "replace").strip()[:2000]], 0
    diffs = []
    ours, theirs = p.stdout.split(b"\r\n"), expected.split(b"\r\n")
    if p.stdout != expected:
        diffs.append("  export register differs ('-' product, '+' reference):")
        for a, b in zip(ours + [b""] * len(theirs), theirs + [b""] * len(ours)):
            if a != b:
                diffs.append(f"    - {a.decode('utf-8', 'replace')}")
                diffs.append(f"    + {b.decode('utf-8', 'replace')}")
    named = "exitreadyctl: active contracts without a register block, not exported: " + ", ".join(missing) + "\n"
    stderr = p.stderr.decode("utf-8", "replace")
    if (named in stderr) != bool(missing) or (not missing and "register block" in stderr):
        diffs.append(f"  export register: standard error {stderr!r}, expected missing {missing}")
    return diffs, len(theirs) - 2


def run_seed(exe: str, seed: int, workdir: str, strict: bool, with_database: bool = False):
    now = generate.generate(seed, workdir, strict)
    inv = os.path.join(workdir, "inventory")
    room = os.path.join(workdir, "dataroom")
    chk = os.path.join(workdir, "checklist.yaml")
    ref = reference.evaluate_paths(inv, room, chk, now)
    forecast.with_next_band_change(forecast.Tree(inv, room, chk), dt.date.fromisoformat(now), ref)
    cmd = [exe, "check", "--json", "--inventory", inv, "--dataroom", room, "--checklist", chk,
           "--now", now]
    env = dict(os.environ, TZ=TZ)
    env.pop("NO_COLOR", None)
    try:
        p = subprocess.run(cmd, capture_output=True, env=env, timeout=120, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return ref, None, [f"  product timed out: {' '.join(cmd)}"]
    if p.returncode not in (0, 1, 2):
        return ref, None, [f"  product exited with status {p.returncode}: {' '.join(cmd)}",
                           "  stderr: " + p.stderr.decode("utf-8", "replace").strip()[:2000]]
    try:
        ours = json.loads(p.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return ref, None, [f"  product printed no valid JSON ({e}): {' '.join(cmd)}",
                           "  stdout: " + p.stdout.decode("utf-8", "replace")[:500]]
    if with_database:
        # The same evaluation through the scan cache must print exactly the same document,
        # on a fresh cache and on a warm one.
        database = os.path.join(workdir, "cache.db")
        for attempt in ("fresh", "warm"):
            cached = subprocess.run(cmd + ["--database", database], capture_output=True, env=env, timeout=120,
                                    stdin=subprocess.DEVNULL)
            # The provenance names the run's time and, with a cache, the dataroom's digest.
            same = cached.returncode == p.returncode and \
                provenance.without_provenance(cached.stdout) == provenance.without_provenance(p.stdout)
            if not same:
                return ref, ours, [f"  check --database ({attempt} cache) differs from the plain walk: {' '.join(cmd)}",
                                   "  stderr: " + cached.stderr.decode("utf-8", "replace").strip()[:2000]]
    return ref, ours, None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="compare exitreadyctl check --json with reference.py")
    ap.add_argument("--exitreadyctl", required=True, help="path of the exitreadyctl binary")
    ap.add_argument("--seeds", type=int, default=200)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--keep", help="keep mismatching seeds' trees and outputs below this folder")
    ap.add_argument("--database", action="store_true",
                    help="also run check --database (fresh and warm scan cache) and require identical output")
    ap.add_argument("--strict", action="store_true",
                    help="generate no inputs that depend on points the spec leaves open")
    a = ap.parse_args(argv)
    exe = os.path.abspath(a.exitreadyctl) if os.sep in a.exitreadyctl else \
        shutil.which(a.exitreadyctl)
    if not exe or not os.access(exe, os.X_OK):
        print(f"compare: {a.exitreadyctl}: not an executable file", file=sys.stderr)
        return 2

    bad_seeds = []
    work = tempfile.mkdtemp(prefix="exitready-forecast-properties-")
    try:
        properties = forecast.check_properties(exe, work, dict(os.environ, TZ=TZ))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if properties:
        print("forecast properties:")
        print("\n".join(properties))
    total_con = total_find = total_rows = total_days = 0
    for seed in range(a.start, a.start + a.seeds):
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            work = os.path.join(a.keep, f"seed-{seed}")
            if os.path.lexists(work):
                shutil.rmtree(work)
            os.makedirs(work)
        else:
            work = tempfile.mkdtemp(prefix=f"exitready-cmp-{seed}-")
        try:
            ref, ours, err = run_seed(exe, seed, work, a.strict, a.database)
            if err is None:
                diffs, ncon, nfind = compare_docs(ours, ref)
                register_diffs, nrows = compare_register(exe, work, ref)
                diffs += register_diffs
                diffs += planner.check_plans(exe, work, ref, ours, seed, dict(os.environ, TZ=TZ))
                diffs += provenance.check(ours, os.path.join(work, "inventory"), os.path.join(work, "checklist.yaml"))
                forecast_diffs, ndays = forecast.check_forecast(
                    exe, os.path.join(work, "forecast"), seed, dict(os.environ, TZ=TZ),
                    lambda o, r: compare_docs(o, r)[0])
                diffs += forecast_diffs
                total_days += ndays
                total_con += ncon
                total_find += nfind
                total_rows += nrows
            else:
                diffs = err
            if diffs:
                bad_seeds.append(seed)
                if len(bad_seeds) <= MAX_DETAILED:
                    print(f"seed {seed} (now {ref['evaluated']}):")
                    for line in diffs[:60]:
                        print(line)
                    if len(diffs) > 60:
                        print(f"  … {len(diffs) - 60} more lines")
                if a.keep:
                    with open(os.path.join(work, "reference.json"), "w", encoding="utf-8") as fh:
                        json.dump(ref, fh, ensure_ascii=False, indent=1)
                    if ours is not None:
                        with open(os.path.join(work, "product.json"), "w", encoding="utf-8") as fh:
                            json.dump(ours, fh, ensure_ascii=False, indent=1)
                    work = None  # keep it
        finally:
            if work is not None:
                shutil.rmtree(work, ignore_errors=True)
    if len(bad_seeds) > MAX_DETAILED:
        print(f"… and {len(bad_seeds) - MAX_DETAILED} more mismatching seed(s): "
              + ", ".join(map(str, bad_seeds[MAX_DETAILED:MAX_DETAILED + 40]))
              + (" …" if len(bad_seeds) > MAX_DETAILED + 40 else ""))
    print(f"compare: {a.seeds} seeds ({a.start}..{a.start + a.seeds - 1}), {total_con} contracts, "
          f"{total_find} findings, {total_rows} register rows, {total_days} forecast change days compared; {len(bad_seeds)} seed(s) mismatching"
          + (f" (first: {bad_seeds[0]})" if bad_seeds else ""))
    return 1 if bad_seeds or properties else 0


if __name__ == "__main__":
    sys.exit(main())
