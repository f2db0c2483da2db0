"""Reference for the register of information (exitready-inventory(5), REGISTER OF INFORMATION):
finding R01 and the rows of template B_07.01, written from the product definition alone; plus
the generator's random, valid `register:` blocks.

    R01 (family register, severity warning, impact 0, no subject): the block declares
    substitutability or reintegration `easy` while the contract's band is `not-ready`.

    B_07.01: one row per active contract with a block, in contract id order, columns
    c0010 … c0120; UTF-8 without BOM, CRLF line ends, RFC 4180 quoting.
"""

from __future__ import annotations

import datetime as dt
import random

HEADER = ["c0010", "c0020", "c0030", "c0040", "c0050", "c0060", "c0070", "c0080", "c0090", "c0100",
          "c0110", "c0120"]

CODE_TYPE = {"lei": "eba_qCO:qx2000", "national": "eba_qCO:qx2001", "euid": "eba_qCO:qx2002",
             "crn": "eba_qCO:qx2003", "vat": "eba_qCO:qx2004"}
SUBSTITUTABILITY = {"not-substitutable": "eba_ZZ:x959", "highly-complex": "eba_ZZ:x960",
                    "medium": "eba_ZZ:x961", "easy": "eba_ZZ:x962"}
REASON = {"lack-of-alternatives": "eba_ZZ:x963", "migration": "eba_ZZ:x964", "both": "eba_ZZ:x965"}
REINTEGRATION = {"easy": "eba_ZZ:x798", "difficult": "eba_ZZ:x966", "highly-complex": "eba_ZZ:x967",
                 "not-applicable": "eba_ZZ:x0"}
IMPACT = {"low": "eba_ZZ:x791", "medium": "eba_ZZ:x792", "high": "eba_ZZ:x793",
          "not-assessed": "eba_ZZ:x799"}
SERVICE_TYPES = [f"S{n:02d}" for n in range(1, 20)]


def r01_findings(contract: dict, band: str) -> list[dict]:
    block = contract.get("register")
    if not block or band != "not-ready":
        return []
    if block.get("substitutability") != "easy" and block.get("reintegration") != "easy":
        return []
    return [{"code": "R01", "family": "register", "severity": "warning", "subject": None, "impact": 0.0}]


def _date(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def row(contract: dict, result: dict) -> list[str]:
    """The twelve cells; c0080 from the measured C01 of the evaluation `result`."""
    block = contract["register"]
    exit_plan_fails = any(f["code"] == "C01" for f in result["findings"])
    if "alternatives" not in contract or contract["alternatives"] is None:
        listed, presence = [], "eba_BT:x21"
    else:
        listed = [str(a) for a in contract["alternatives"]]
        presence = "eba_BT:x28" if listed else "eba_BT:x29"
    reason = block.get("substitutability_reason")
    return [
        str(block["reference"]),
        str(block["provider_code"]),
        CODE_TYPE[block["provider_code_type"]],
        "eba_TA:" + block["ict_service_type"],
        SUBSTITUTABILITY[block["substitutability"]],
        REASON[reason] if reason else "",
        _date(contract["last_audit"]) if contract.get("last_audit") is not None else "9999-12-31",
        "eba_BT:x29" if exit_plan_fails else "eba_BT:x28",
        REINTEGRATION[block["reintegration"]],
        IMPACT[block["discontinuation_impact"]],
        presence,
        "; ".join(listed),
    ]


def _field(value: str) -> str:
    if any(ch in value for ch in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def export(contracts: list[dict], evaluation: dict) -> tuple[bytes, list[str]]:
    """(the CSV file's bytes, the active contracts without a block, by id)."""
    results = {r["id"]: r for r in evaluation["contracts"]}
    lines = [",".join(HEADER)]
    missing = []
    for contract in sorted(contracts, key=lambda c: str(c["id"]).encode()):
        result = results[str(contract["id"])]
        if result["status"] != "active":
            continue
        if not contract.get("register"):
            missing.append(str(contract["id"]))
            continue
        lines.append(",".join(_field(cell) for cell in row(contract, result)))
    return "".join(line + "\r\n" for line in lines).encode("utf-8"), missing


# ---------------------------------------------------------------------------------------------
# generation


def lei(rng: random.Random) -> str:
    """A random LEI with correct ISO 17442 check digits (ISO 7064 MOD 97-10)."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    base = "".join(rng.choice(alphabet) for _ in range(18))
    number = int("".join(str(int(ch, 36)) for ch in base + "00"))
    return base + f"{98 - number % 97:02d}"


def maybe_block(rng: random.Random, likely_not_ready: bool) -> dict | None:
    """A valid `register:` block for about two contracts in three; those likely to be not ready
    often declare an easy exit (R01)."""
    if rng.random() < 0.35:
        return None
    code_type = rng.choice(list(CODE_TYPE))
    code = lei(rng) if code_type == "lei" else rng.choice(["NL123456789B01", "DE298765432", "12345678", "X"])
    block = {
        "reference": rng.choice(["CA-2023-0042", "ref, with comma", 'quote "q"', "Δ-7", "2024"]),
        "provider_code": code,
        "provider_code_type": code_type,
        "ict_service_type": rng.choice(SERVICE_TYPES),
        "substitutability": rng.choice(list(SUBSTITUTABILITY)),
        "reintegration": rng.choice(list(REINTEGRATION)),
        "discontinuation_impact": rng.choice(list(IMPACT)),
    }
    if likely_not_ready and rng.random() < 0.6:
        block[rng.choice(["substitutability", "reintegration"])] = "easy"
    if block["substitutability"] in ("not-substitutable", "highly-complex") or rng.random() < 0.3:
        block["substitutability_reason"] = rng.choice(list(REASON))
    return block


def block_yaml(block: dict, quote) -> str:
    """The block as YAML, every value double-quoted with `quote` (so `2024` stays text)."""
    keys = list(block)
    return "\n".join(["register:"] + [f"  {k}: {quote(block[k])}" for k in keys])
