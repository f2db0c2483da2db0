"""The action register (exitready-inventory(5), ACTION REGISTER), written from the product text
independently of the Swift code: what `actions.csv` rows do to a contract's findings, and random
registers for generate.py.

A row applies to the finding with the same contract, code and subject (an empty subject matches
a finding without one). That finding gets "action": {owner, due, state, until, note, accepted}.
Then:
  accepted, until >= today: the finding keeps its impact, marked accepted;
  accepted, until < today:  finding A02 (the acceptance lapsed);
  open, due < today:        finding A01 (overdue);
  done:                     finding A03 (the finding persists although marked done);
  no such finding:          nothing.
A01-A03: family "actions", severity "warning", impact 0, subject CODE or CODE/SUBJECT.
"""

from __future__ import annotations

import datetime as dt

STATES = ("open", "done", "accepted")
# Codes that cost points (the only ones a row may name).
CONTRACT_CODES = [f"C{i:02d}" for i in range(1, 18)]
CODES_WITHOUT_SUBJECT = CONTRACT_CODES + ["D00", "P00", "S00", "S03"]


def _text(row: dict, column: str):
    value = row.get(column, "")
    return value if value != "" else None


def _date(row: dict, column: str):
    value = _text(row, column)
    return dt.date.fromisoformat(value) if value is not None else None


def _sort_key(finding: dict):
    subject = finding["subject"]
    return (-finding["impact"], finding["code"], (0, "") if subject is None else (1, subject))


def apply(document: dict, rows: list[dict], today: dt.date) -> None:
    """Applies the register's rows to the reference document in place."""
    by_contract: dict[str, list[dict]] = {}
    for row in rows:
        by_contract.setdefault(row["contract"], []).append(row)
    for contract in document["contracts"]:
        findings = contract["findings"]
        index = {(f["code"], f["subject"]): f for f in findings}
        added = []
        for row in by_contract.get(contract["id"], []):
            subject = _text(row, "subject")
            finding = index.get((row["code"], subject))
            if finding is None:
                continue  # resolved
            state = row["state"]
            due, until = _date(row, "due"), _date(row, "until")
            accepted = state == "accepted" and until >= today
            finding["action"] = {"owner": _text(row, "owner"), "due": _text(row, "due"), "state": state,
                                 "until": _text(row, "until"), "note": _text(row, "note"),
                                 "accepted": accepted}
            code = None
            if state == "accepted" and until < today:
                code = "A02"
            elif state == "open" and due is not None and due < today:
                code = "A01"
            elif state == "done":
                code = "A03"
            if code:
                reference = row["code"] if subject is None else row["code"] + "/" + subject
                added.append({"code": code, "family": "actions", "severity": "warning",
                              "subject": reference, "impact": 0.0})
        findings.extend(added)
        findings.sort(key=_sort_key)


def random_rows(rng, today: dt.date, contracts: list[dict], staff: list[dict],
                processes: list[dict], requirement_ids: list[str], ahead: bool = False) -> list[dict]:
    """Rows of every state, most naming a finding that may exist, some naming none; dates
    around today (with `ahead`, mostly up to a year ahead, for the forecast). Empty when the
    inventory should have no register."""
    if rng.random() < 0.4:
        return []
    ids = [str(c["id"]) for c in contracts]

    def candidate():
        cid = rng.choice(ids)
        kind = rng.random()
        persons = [r["person"] for r in staff if r["contract"] == cid]
        procs = [r["process"] for r in processes if r["contract"] == cid]
        if kind < 0.45:
            return cid, rng.choice(CODES_WITHOUT_SUBJECT), ""
        if kind < 0.6 and requirement_ids:
            return cid, rng.choice(["D01", "D02"]), rng.choice(requirement_ids)
        if kind < 0.75 and procs:
            return cid, rng.choice(["P01", "P02", "P03", "P04", "P05"]), rng.choice(procs)
        if kind < 0.9 and persons:
            return cid, rng.choice(["S01", "S02", "S04"]), rng.choice(persons)
        # Matches no finding: a subject where there is none, or an unknown subject.
        return cid, rng.choice(["C01", "P01", "S01", "D01"]), rng.choice(["nobody", "x y", "é/1"])

    def day():
        if ahead and rng.random() < 0.7:
            return (today + dt.timedelta(days=rng.randint(1, 400))).isoformat()
        return (today + dt.timedelta(days=rng.choice([-400, -31, -2, -1, 0, 1, 2, 45]))).isoformat()

    rows, seen = [], set()
    for _ in range(rng.randint(1, 14)):
        cid, code, subject = candidate()
        if (cid, code, subject) in seen:
            continue
        seen.add((cid, code, subject))
        state = rng.choice(STATES)
        until = day() if state == "accepted" or rng.random() < 0.2 else ""
        due = day() if rng.random() < 0.7 else ""
        owner = rng.choice(["", "Ops", "Sourcing, NL", 'Jan "J" de V.', "ü" * 200])
        note = rng.choice(["", "n", "multi\nline", "a,b"])
        rows.append({"contract": cid, "code": code, "subject": subject, "owner": owner, "due": due,
                     "state": state, "until": until, "note": note})
    return rows
