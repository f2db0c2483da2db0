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
import sys

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
