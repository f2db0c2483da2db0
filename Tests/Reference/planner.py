"""Reference for the path to ready: effort, gains, contract plans and the portfolio optimum.

Written from the product's definition of plans, independently of the Swift planner, and kept
simple rather than fast: the random inventories of compare.py are small.

Input per contract is reference.py's `_planning` record: the uncapped overall score U, the
capped overall score, and every finding with its loss of the uncapped score (`gain`).
"""

import json
import os
import subprocess

EFFORT_DAYS = {
    "C01": 10, "C02": 2, "C03": 10, "C04": 1, "C05": 5, "C06": 3, "C07": 1, "C08": 3, "C09": 5,
    "C10": 3, "C11": 3, "C12": 3, "C13": 5, "C14": 5, "C15": 3, "C16": 10, "C17": 20,
    "D00": 10, "D01": 2, "D02": 1,
    "P00": 10, "P01": 2, "P02": 0.5, "P03": 0.5, "P04": 5, "P05": 2,
    "S00": 5, "S01": 5, "S02": 10, "S03": 20, "S04": 3,
}
SCORED = ("contract", "dataroom", "processes", "staff")
CAP = 40.0
WEIGHT = {"critical": 3.0, "important": 2.0, "standard": 1.0}


def round_half_away(x: float, n: int) -> float:
    scale = 10 ** n
    magnitude = int(abs(x) * scale + 0.5 + 1e-9) / scale
    return -magnitude if x < 0 else magnitude


def candidates(planning: dict) -> list[tuple[str, int, float]]:
    """(code, effort in half-days, gain) of every action: a finding that costs points and is not
    accepted in the action register."""
    out = []
    accepted = {(code, subject) for code, subject in planning.get("accepted", [])}
    for f in planning["findings"]:
        if f["family"] in SCORED and f["gain"] > 0 and (f["code"], f["subject"]) not in accepted:
            out.append((f["code"], int(EFFORT_DAYS[f["code"]] * 2), f["gain"]))
    return out


def score_of(planning: dict, gained: float, with_c01: bool) -> float:
    """S(A): U + Σg, capped at 40 while a C01 finding exists and is not resolved."""
    has_c01 = any(f["code"] == "C01" for f in planning["findings"])
    value = planning["uncapped"] + gained
    return min(value, CAP) if has_c01 and not with_c01 else value


def best_sums(actions: list[tuple[str, int, float]], limit: int) -> tuple[list, list]:
    """For every exact effort x ≤ limit (half-days), the largest Σg of a set of actions costing
    exactly x: one table for sets without C01, one for sets with it (None: no such set)."""
    without = [None] * (limit + 1)
    with_c01 = [None] * (limit + 1)
    without[0] = 0.0

    def offer(table, x, value):
        if value is not None and (table[x] is None or value > table[x]):
            table[x] = value

    for code, effort, gain in actions:
        for x in range(limit, effort - 1, -1):  # downwards: each action at most once
            before_without, before_with = without[x - effort], with_c01[x - effort]
            if code == "C01":
                offer(with_c01, x, None if before_without is None else before_without + gain)
            else:
                offer(without, x, None if before_without is None else before_without + gain)
                offer(with_c01, x, None if before_with is None else before_with + gain)
    return without, with_c01


def least_effort(planning: dict, target: float):
    """(reachable, least effort in days) of the contract plan to `target`."""
    actions = candidates(planning)
    total = sum(e for _, e, _ in actions)
    all_score = score_of(planning, sum(g for _, _, g in actions), any(c == "C01" for c, _, _ in actions))
    if round_half_away(planning["overall"], 1) >= target:
        return True, 0.0
    if round_half_away(all_score, 1) < target:
        return False, total / 2
    without, with_c01 = best_sums(actions, total)
    for x in range(total + 1):
        for table, flag in ((without, False), (with_c01, True)):
            if table[x] is not None and round_half_away(score_of(planning, table[x], flag), 1) >= target:
                return True, x / 2
    raise AssertionError("all actions reach the target, so some effort does")


def contract_curve(planning: dict, limit: int) -> list[float]:
    """For every effort budget x ≤ limit, the largest S(A) − S(∅) with E(A) ≤ x."""
    without, with_c01 = best_sums(candidates(planning), limit)
    start = planning["overall"]
    curve = []
    best = 0.0
    for x in range(limit + 1):
        for table, flag in ((without, False), (with_c01, True)):
            if table[x] is not None:
                best = max(best, score_of(planning, table[x], flag) - start)
        curve.append(best)
    return curve


def portfolio_optimum(contracts: list[dict], budget_days: float) -> float:
    """The largest portfolio gain Σ w·(S(A_c) − S(∅_c)) / Σ w within the budget, over the active
    contracts: a knapsack over contracts, each taking the best of its curve for its share."""
    limit = int(budget_days * 2)
    active = [c for c in contracts if c["status"] == "active"]
    if not active:
        return 0.0
    total_weight = sum(WEIGHT[c["criticality"]] for c in active)
    best = [0.0] * (limit + 1)  # best[x]: largest gain with at most x half-days
    for c in active:
        curve = contract_curve(c["_planning"], limit)
        weight = WEIGHT[c["criticality"]] / total_weight
        best = [max(best[x - y] + weight * curve[y] for y in range(x + 1)) for x in range(limit + 1)]
    return best[limit]


def plan_gain(contracts: list[dict], steps: list[dict]) -> float:
    """The portfolio gain of the product's steps, recomputed: to check that a plan delivers what
    it claims (steps name contract, code and subject)."""
    active = [c for c in contracts if c["status"] == "active"]
    total_weight = sum(WEIGHT[c["criticality"]] for c in active)
    gain = 0.0
    for c in active:
        planning = c["_planning"]
        chosen = [(s["code"], s["subject"]) for s in steps if s["contract"] == c["id"]]
        gained = 0.0
        for code, subject in chosen:
            match = [f for f in planning["findings"] if f["code"] == code and f["subject"] == subject]
            if not match:
                raise ValueError(f"{c['id']}: the plan resolves {code}/{subject}, which is no finding")
            gained += match[0]["gain"]
        after = score_of(planning, gained, any(code == "C01" for code, _ in chosen))
        gain += WEIGHT[c["criticality"]] / total_weight * (after - planning["overall"])
    return gain


def _run_plan(exe: str, workdir: str, now: str, env: dict, arguments: list[str]):
    command = [exe, "plan", *arguments, "--json", "--inventory", os.path.join(workdir, "inventory"),
               "--dataroom", os.path.join(workdir, "dataroom"),
               "--checklist", os.path.join(workdir, "checklist.yaml"), "--now", now]
    done = subprocess.run(command, capture_output=True, env=env, timeout=120, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        return None, [f"  plan exited with status {done.returncode}: {' '.join(command)}",
                      "  stderr: " + done.stderr.decode("utf-8", "replace").strip()[:2000]]
    return json.loads(done.stdout.decode("utf-8")), []


def check_plans(exe: str, workdir: str, ref: dict, ours: dict, seed: int, env: dict) -> list[str]:
    """Differences between the product's plans and this reference on one random inventory:
    effort_to_ready of every contract in check --json, one contract plan to a target chosen by
    the seed, and portfolio plans for a few budgets."""
    diffs: list[str] = []
    now = ref["evaluated"]
    ours_by_id = {c.get("id"): c for c in ours.get("contracts") or []}
    for c in ref["contracts"]:
        reachable, days = least_effort(c["_planning"], 80.0)
        expected = days if reachable else None
        got = (ours_by_id.get(c["id"]) or {}).get("effort_to_ready", "absent")
        if got != expected:
            diffs.append(f"  contract {c['id']}: effort_to_ready: product {got} vs reference {expected}")
    if ref["contracts"]:
        contract = ref["contracts"][seed % len(ref["contracts"])]
        target = round_half_away(40 + (seed * 7.3) % 60, 1)
        plan, errors = _run_plan(exe, workdir, now, env, [contract["id"], "--target", str(target)])
        diffs += errors
        if plan is not None:
            reachable, days = least_effort(contract["_planning"], target)
            where = f"  plan {contract['id']} --target {target}"
            if plan.get("reachable") != reachable or plan.get("effort_days") != days:
                diffs.append(f"{where}: product reachable {plan.get('reachable')} effort {plan.get('effort_days')} "
                             f"vs reference reachable {reachable} effort {days}")
            if reachable and (plan.get("score_after") or 0) < target:
                diffs.append(f"{where}: score_after {plan.get('score_after')} misses the target")
    for budget in (0.5 + seed % 9, 30.0):
        plan, errors = _run_plan(exe, workdir, now, env, ["--budget", str(budget)])
        diffs += errors
        if plan is None:
            continue
        where = f"  plan --budget {budget}"
        optimum = portfolio_optimum(ref["contracts"], budget)
        got = plan.get("portfolio_gain")
        if got is None or abs(got - optimum) > 1e-6:
            diffs.append(f"{where}: portfolio_gain: product {got} vs reference optimum {optimum}")
        if (plan.get("effort_days") or 0) > budget:
            diffs.append(f"{where}: effort_days {plan.get('effort_days')} over the budget")
        try:
            delivered = plan_gain(ref["contracts"], plan.get("steps") or [])
        except ValueError as e:
            diffs.append(f"{where}: {e}")
            continue
        if got is not None and abs(delivered - got) > 1e-6:
            diffs.append(f"{where}: the steps deliver {delivered}, the plan claims {got}")
    return diffs
