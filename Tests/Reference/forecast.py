#!/usr/bin/env python3
"""Reference for the forecast (exitreadyd(8), FORECAST), by its definition and nothing cleverer.

    python3 forecast.py --inventory DIR --dataroom DIR --checklist FILE --now YYYY-MM-DD
                        [--horizon DAYS] [CONTRACT]

prints the document of `exitreadyctl forecast --json` (without CONTRACT: the portfolio and every
contract; with it: that contract's object).

The score of a day D is the whole evaluation of `check --json` (reference.py's scores and
findings, the R01 register finding, the action register's findings) with today := D, on the same
inventory, checklist and dataroom. The forecast evaluates EVERY day of (today, today + H] that
way; it deliberately knows nothing of the dates on which scores can change, so that it checks
an implementation that does. The dataroom is scanned once: only the date changes.

A change is a day whose rounded score or band differs from the day before's (the day before the
first is today), with the findings (code, subject) present that day and not the day before
(`appeared`) and the other way round (`disappeared`). `next_band_change` is the first change
whose band differs from the band of the day before, or null. The portfolio does the same for the
portfolio score (the active contracts of each day; null without any), its findings being those of
every contract, ended or not, each with its contract.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402

DEFAULT_HORIZON = 365
MAX_HORIZON = 730


def _subject_key(subject):
    return (0, "") if subject is None else (1, subject)


class Tree:
    """One generated tree, loaded and scanned once, evaluated on any day (results kept per day)."""

    def __init__(self, inventory: str, dataroom: str, checklist: str):
        self.contracts, self.staff, self.processes = reference.load_inventory(inventory)
        self.requirements = reference.load_checklist(checklist)
        self.actions = reference._read_register(inventory, "actions")
        self.dataroom = dataroom
        self.scans = reference.scan_dataroom(self.contracts, dataroom)
        self._days: dict[dt.date, dict] = {}

    def evaluate(self, day: dt.date) -> dict:
        """The `check --json` document of `day` (reference.evaluate_paths with --now day)."""
        return reference.evaluate_full(self.contracts, self.staff, self.processes, self.requirements,
                                       self.actions, self.dataroom, day, self.scans)

    def state(self, day: dt.date) -> dict:
        """What the forecast needs of a day: the portfolio's (score, band) and, per contract,
        (score, band, {(code, subject)})."""
        s = self._days.get(day)
        if s is None:
            doc = self.evaluate(day)
            p = doc["portfolio"]
            s = {"portfolio": (p["score"], p["band"]),
                 "contracts": {c["id"]: (c["score"], c["band"],
                                         frozenset((f["code"], f["subject"]) for f in c["findings"]))
                               for c in doc["contracts"]}}
            self._days[day] = s
        return s


def _pairs(found) -> list[dict]:
    return [{"code": code, "subject": subject}
            for code, subject in sorted(found, key=lambda cs: (cs[0], _subject_key(cs[1])))]


def _series(tree: Tree, today: dt.date, horizon: int) -> list[dict]:
    return [tree.state(today + dt.timedelta(days=i)) for i in range(horizon + 1)]


def _next_band_change(changes: list[dict], first_band):
    band = first_band
    for ch in changes:
        if ch["band"] != band:
            return {"day": ch["day"], "band": ch["band"]}
        band = ch["band"]
    return None


def contract_forecast(tree: Tree, today: dt.date, horizon: int, cid: str) -> dict:
    series = _series(tree, today, horizon)
    score, band, _ = series[0]["contracts"][cid]
    changes = []
    for i in range(1, len(series)):
        before, now = series[i - 1]["contracts"][cid], series[i]["contracts"][cid]
        if before[:2] != now[:2]:
            changes.append({"day": (today + dt.timedelta(days=i)).isoformat(), "score": now[0], "band": now[1],
                            "appeared": _pairs(now[2] - before[2]), "disappeared": _pairs(before[2] - now[2])})
    return {"contract": cid, "horizon_days": horizon, "score": score, "band": band, "changes": changes,
            "next_band_change": _next_band_change(changes, band)}


def portfolio_forecast(tree: Tree, today: dt.date, horizon: int) -> dict:
    series = _series(tree, today, horizon)
    score, band = series[0]["portfolio"]
    changes = []
    for i in range(1, len(series)):
        before, now = series[i - 1], series[i]
        if before["portfolio"] != now["portfolio"]:
            appeared, disappeared = [], []
            for cid in sorted(now["contracts"]):
                b, n = before["contracts"][cid][2], now["contracts"][cid][2]
                appeared += [dict(contract=cid, **f) for f in _pairs(n - b)]
                disappeared += [dict(contract=cid, **f) for f in _pairs(b - n)]
            changes.append({"day": (today + dt.timedelta(days=i)).isoformat(), "score": now["portfolio"][0],
                            "band": now["portfolio"][1], "appeared": appeared, "disappeared": disappeared})
    return {"score": score, "band": band, "changes": changes, "next_band_change": _next_band_change(changes, band)}


def forecast(tree: Tree, today: dt.date, horizon: int = DEFAULT_HORIZON, contract: str | None = None) -> dict:
    """The document of `exitreadyctl forecast --json [--horizon H] [CONTRACT]`."""
    if contract is not None:
        return contract_forecast(tree, today, horizon, contract)
    ids = sorted(tree.state(today)["contracts"])
    return {"evaluated": today.isoformat(), "horizon_days": horizon,
            "portfolio": portfolio_forecast(tree, today, horizon),
            "contracts": [contract_forecast(tree, today, horizon, cid) for cid in ids]}


def next_band_changes(tree: Tree, today: dt.date) -> dict:
    """{contract id: next_band_change over the default horizon}: what `check --json` carries."""
    return {c["contract"]: c["next_band_change"] for c in forecast(tree, today)["contracts"]}


# ---------------------------------------------------------------------------------------------
# the comparison with `exitreadyctl forecast --json` (compare.py runs it on every seed)


def _same_number(a, b) -> bool:
    if a is None or b is None or isinstance(a, bool) or isinstance(b, bool):
        return a is None and b is None
    try:
        return round(float(a) * 10) == round(float(b) * 10)
    except (TypeError, ValueError):
        return False


def _finding_rows(entries) -> list:
    return [(f.get("contract"), f.get("code"), f.get("subject")) if isinstance(f, dict) else f
            for f in entries or []]


def _same_change(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return (_same_number(a.get("score"), b["score"]) and a.get("band") == b["band"]
            and _finding_rows(a.get("appeared")) == _finding_rows(b["appeared"])
            and _finding_rows(a.get("disappeared")) == _finding_rows(b["disappeared"]))


def _show(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def compare_object(ours: dict, ref: dict, where: str) -> list[str]:
    """Differences of one forecast object (a contract's or the portfolio's): today's score and
    band, next_band_change, and the first day on which the changes differ."""
    diffs = []
    for key in ("contract", "horizon_days", "band", "next_band_change"):
        if key in ref and ours.get(key, "absent") != ref[key]:
            diffs.append(f"  {where}: {key}: product {_show(ours.get(key, 'absent'))} vs reference {_show(ref[key])}")
    if not _same_number(ours.get("score"), ref["score"]):
        diffs.append(f"  {where}: score today: product {_show(ours.get('score'))} vs reference {_show(ref['score'])}")
    theirs = ours.get("changes")
    if not isinstance(theirs, list):
        return diffs + [f"  {where}: changes: product {_show(theirs)} is not a list"]
    by_day_o = {c.get("day"): c for c in theirs if isinstance(c, dict)}
    by_day_r = {c["day"]: c for c in ref["changes"]}
    for day in sorted(set(by_day_o) | set(by_day_r), key=str):
        a, b = by_day_o.get(day), by_day_r.get(day)
        if not _same_change(a, b):
            diffs.append(f"  {where}: first differing day {day} ({len(by_day_o)} changes in the product, "
                         f"{len(by_day_r)} in the reference):")
            diffs.append(f"    product   {_show(a)}")
            diffs.append(f"    reference {_show(b)}")
            break
    if [c.get("day") for c in theirs if isinstance(c, dict)] != sorted(by_day_o, key=str) or len(by_day_o) != len(theirs):
        diffs.append(f"  {where}: changes are not one per day in date order: {_show([c.get('day') for c in theirs])}")
    return diffs


def compare_document(ours: dict, ref: dict) -> list[str]:
    """Differences of a whole `forecast --json` document (without CONTRACT)."""
    diffs = []
    for key in ("evaluated", "horizon_days"):
        if ours.get(key) != ref[key]:
            diffs.append(f"  forecast: {key}: product {_show(ours.get(key))} vs reference {_show(ref[key])}")
    diffs += compare_object(ours.get("portfolio") or {}, ref["portfolio"], "portfolio")
    theirs = ours.get("contracts") or []
    ids = [c.get("contract") for c in theirs]
    if ids != [c["contract"] for c in ref["contracts"]]:
        diffs.append(f"  forecast: contracts in order: product {_show(ids)} vs reference "
                     f"{_show([c['contract'] for c in ref['contracts']])}")
    by_id = {c.get("contract"): c for c in theirs}
    for c in ref["contracts"]:
        if c["contract"] in by_id:
            diffs += compare_object(by_id[c["contract"]], c, f"contract {c['contract']}")
    return diffs


def _run(exe: str, args: list[str], env: dict):
    """(document, []) or (None, [what went wrong])."""
    cmd = [exe] + args
    try:
        p = subprocess.run(cmd, capture_output=True, env=env, timeout=120, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, [f"  timed out: {' '.join(cmd)}"]
    if p.returncode not in (0, 1, 2):
        return None, [f"  exited with status {p.returncode}: {' '.join(cmd)}",
                      "  stderr: " + p.stderr.decode("utf-8", "replace").strip()[:2000]]
    try:
        return json.loads(p.stdout.decode("utf-8")), []
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, [f"  printed no valid JSON ({e}; status {p.returncode}): {' '.join(cmd)}",
                      "  stderr: " + p.stderr.decode("utf-8", "replace").strip()[:2000]]


def check_forecast(exe: str, workdir: str, seed: int, env: dict, compare_check) -> tuple[list[str], int]:
    """Generates the seed's forecast-flavoured tree in workdir and compares, on it, `check --json`
    (next_band_change included, through compare_check(product, reference) -> differences) and
    `forecast --json`: the whole document over the default horizon and, chosen by the seed, one
    contract's and a random horizon up to MAX_HORIZON. Returns (differences, change days compared)."""
    import generate  # the generator is only needed here

    now = generate.generate(seed, workdir, False, True)
    today = dt.date.fromisoformat(now)
    tree = Tree(*(os.path.join(workdir, x) for x in ("inventory", "dataroom", "checklist.yaml")))
    opts = ["--json", "--inventory", os.path.join(workdir, "inventory"), "--dataroom", os.path.join(workdir, "dataroom"),
            "--checklist", os.path.join(workdir, "checklist.yaml"), "--now", now]
    diffs: list[str] = []
    ours, errors = _run(exe, ["check"] + opts, env)
    if ours is None:
        diffs += ["  check on the forecast tree:"] + errors
    else:
        ref = with_next_band_change(tree, today, tree.evaluate(today))
        found = compare_check(ours, ref)
        if found:
            diffs += [f"  check --json on the forecast tree (now {now}) differs:"] + found
    rng = random.Random(f"forecast-{seed}")
    runs = [(None, None)]
    ids = sorted(tree.state(today)["contracts"])
    if ids and seed % 3 == 0:
        runs.append((rng.choice(ids), None))
    if seed % 4 == 0:
        runs.append((None, rng.randint(1, MAX_HORIZON)))
    if ids and seed % 6 == 1:
        runs.append((rng.choice(ids), rng.randint(1, MAX_HORIZON)))
    days = 0
    for contract, horizon in runs:
        args = ["forecast"] + opts + ([] if horizon is None else ["--horizon", str(horizon)]) \
            + ([] if contract is None else [contract])
        label = "forecast" + ("" if horizon is None else f" --horizon {horizon}") + ("" if contract is None else f" {contract}")
        ref = forecast(tree, today, DEFAULT_HORIZON if horizon is None else horizon, contract)
        ours, errors = _run(exe, args, env)
        if ours is None:
            diffs += [f"  {label}:"] + errors
            continue
        found = compare_object(ours, ref, f"contract {contract}") if contract else compare_document(ours, ref)
        days += len(ref["changes"]) if contract else sum(len(c["changes"]) for c in ref["contracts"])
        if found:
            diffs += [f"  {label} (now {now}) differs:"] + found
            for name, doc in (("product", ours), ("reference", ref)):
                with open(os.path.join(workdir, f"{name}-{label.replace(' ', '_')}.json"), "w", encoding="utf-8") as fh:
                    json.dump(doc, fh, ensure_ascii=False, indent=1)
    return diffs, days


# ---------------------------------------------------------------------------------------------
# properties, on the reference and the product alike

QUIET_CRITS = ("critical", "important", "standard")


def write_quiet_tree(out: str, today: dt.date, reviewed: dt.date | None = None) -> None:
    """Three contracts with no dated event in the next 730 days: every review, test, audit and
    document date older than twice its limit already, staff without leave dates who joined long
    ago, ends far ahead without renewal, no action register. With `reviewed`, the exit plan of
    the first contract carries that review date instead."""
    old = dt.date(2001, 1, 1)
    os.makedirs(os.path.join(out, "inventory", "contracts"))
    staff = ["contract,person,side,key,successor,knowledge_transfer,joined"]
    processes = ["contract,process,name,kind,document,necessary,standardizable,transferable,reviewed"]
    for n, crit in enumerate(QUIET_CRITS):
        cid = f"quiet-{n}"
        review = reviewed if (reviewed is not None and n == 0) else old
        with open(os.path.join(out, "inventory", "contracts", cid + ".yaml"), "w", encoding="utf-8") as fh:
            fh.write(f"id: {cid}\nsupplier: Quiet B.V.\nservice: Inbound\ncriticality: {crit}\n"
                     f"start: 2000-01-01\nend: {today + dt.timedelta(days=4000)}\nnotice_days: 90\n"
                     f"exit_plan:\n  document: exit/plan.pdf\n  reviewed: {review}\n  tested: {old}\n"
                     f"  triggers: [end-of-term, insolvency]\n"
                     f"terms: {{termination_assistance_months: {2 * n}, assistance_rates_agreed: true}}\n"
                     f"last_audit: {old}\nalternatives: [insource]\n")
        staff += [f"{cid},p1,supplier,yes,p2,{'done' if n else 'planned'},2000-01-01",
                  f"{cid},p2,client,no,,,2000-01-01"]
        processes.append(f"{cid},proc-1,Complaints,{'informal' if n else 'formal'},processes/flow.md,yes,no,yes,{old}")
        folder = os.path.join(out, "dataroom", cid)
        for rel in ("exit/plan.pdf", "processes/flow.md", "licenses/list.csv"):
            path = os.path.join(folder, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(b"x" * 10)
            os.chmod(path, 0o600)
            stamp = time.mktime((old.year, old.month, old.day, 12, 0, 0, 0, 0, -1))
            os.utime(path, (stamp, stamp))
    for name, lines in (("staff.csv", staff), ("processes.csv", processes)):
        with open(os.path.join(out, "inventory", name), "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "checklist.yaml"), "w", encoding="utf-8") as fh:
        fh.write("requirements:\n"
                 "  - {id: exit, title: Exit plan, patterns: [\"exit/**\"], max_age_days: 365}\n"
                 "  - {id: licenses, title: Licences, patterns: [\"licenses/*\"]}\n"
                 "  - {id: audit, title: Audit, patterns: [\"audit/*\"], max_age_days: 30, weight: 2}\n")


def check_properties(exe: str, workdir: str, env: dict) -> list[str]:
    """On the reference and the product: no dated event within the horizon gives no change; a
    review date one day later moves its change (C02 appearing) one day later."""
    today = dt.date(2026, 12, 6)
    diffs: list[str] = []

    def both(tree_dir: str, horizon: int, contract: str | None):
        ref = forecast(Tree(*(os.path.join(tree_dir, x) for x in ("inventory", "dataroom", "checklist.yaml"))),
                       today, horizon, contract)
        args = ["forecast", "--json", "--inventory", os.path.join(tree_dir, "inventory"),
                "--dataroom", os.path.join(tree_dir, "dataroom"), "--checklist", os.path.join(tree_dir, "checklist.yaml"),
                "--now", today.isoformat(), "--horizon", str(horizon)] + ([contract] if contract else [])
        ours, errors = _run(exe, args, env)
        diffs.extend(errors)
        return [("reference", ref)] + ([("product", ours)] if ours is not None else [])

    quiet = os.path.join(workdir, "quiet")
    write_quiet_tree(quiet, today)
    for who, doc in both(quiet, MAX_HORIZON, None):
        changed = [c.get("contract") for c in doc.get("contracts") or [] if c.get("changes")]
        if (doc.get("portfolio") or {}).get("changes") or changed or len(doc.get("contracts") or []) != 3:
            diffs.append(f"  {who}: no dated event within {MAX_HORIZON} days, yet changes (contracts {changed}): "
                         + _show(doc)[:1500])
    days = []
    for shift in (0, 1):
        moved = os.path.join(workdir, f"reviewed+{shift}")
        write_quiet_tree(moved, today, today - dt.timedelta(days=200 - shift))
        for who, doc in both(moved, DEFAULT_HORIZON, "quiet-0"):
            found = [(c.get("day"), _finding_rows(c.get("appeared"))) for c in doc.get("changes") or []]
            days.append((who, shift, found))
    expected = (today + dt.timedelta(days=166)).isoformat()
    for who, shift, found in days:
        day = (dt.date.fromisoformat(expected) + dt.timedelta(days=shift)).isoformat()
        if [d for d, _ in found] != [day] or found[0][1] != [(None, "C02", None)]:
            diffs.append(f"  {who}: exit plan reviewed {200 - shift} days ago: changes {found}, "
                         f"expected one on {day} with C02 appearing")
    return diffs


def with_next_band_change(tree: Tree, today: dt.date, document: dict) -> dict:
    """The reference `check --json` document with every contract's next_band_change added."""
    found = next_band_changes(tree, today)
    for c in document["contracts"]:
        c["next_band_change"] = found[c["id"]]
    return document


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inventory", required=True)
    ap.add_argument("--dataroom", required=True)
    ap.add_argument("--checklist", required=True)
    ap.add_argument("--now", required=True, help="evaluation date YYYY-MM-DD")
    ap.add_argument("--horizon", type=int, default=DEFAULT_HORIZON, help=f"days, 1..{MAX_HORIZON}")
    ap.add_argument("contract", nargs="?")
    a = ap.parse_args(argv)
    tree = Tree(a.inventory, a.dataroom, a.checklist)
    doc = forecast(tree, dt.date.fromisoformat(a.now), a.horizon, a.contract)
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
