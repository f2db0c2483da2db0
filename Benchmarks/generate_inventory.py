#!/usr/bin/env python3
"""Writes a large synthetic exitready inventory for benchmarks.

    generate_inventory.py --out DIR [--contracts 10000] [--staff 500000] [--processes 200000] [--seed 1]

DIR/inventory/contracts/*.yaml, DIR/inventory/staff.csv, DIR/inventory/processes.csv and an empty
DIR/dataroom/ are written. The same seed always gives the same files.
"""
import argparse
import datetime
import os
import random

CRITICALITIES = ["critical", "important", "standard"]
TRIGGERS = ["end-of-term", "for-cause", "insolvency", "change-of-control"]
IP_CLASSES = ["training_material", "knowledge_base", "chatbots", "wfm_history", "wfm_settings",
              "report_formats", "tooling_and_apis"]
OWNERS = ["client", "shared", "supplier", "unclear"]
ROLES = ["agent", "team lead", "WFM planner", "quality coach", "trainer", "knowledge manager", "IT liaison"]


def day(base, offset):
    return (base + datetime.timedelta(days=offset)).isoformat()


def contract_yaml(rng, cid):
    base = datetime.date(2026, 12, 1)
    start = rng.randint(-3000, -100)
    lines = [
        f"id: {cid}",
        f"supplier: Supplier {rng.randint(1, 400)} B.V.",
        f"service: Customer contact lot {rng.randint(1, 50)}",
        f"criticality: {rng.choice(CRITICALITIES)}",
        f"start: {day(base, start)}",
        f"end: {day(base, start + rng.randint(200, 4000))}",
        f"notice_days: {rng.choice([30, 60, 90, 180, 365])}",
        f"renewal_months: {rng.choice([0, 0, 0, 12, 24])}",
    ]
    if rng.random() < 0.7:
        triggers = ", ".join(t for t in TRIGGERS if rng.random() < 0.6)
        lines += ["exit_plan:", f"  document: exit/exit-plan-{cid}.pdf",
                  f"  reviewed: {day(base, -rng.randint(0, 900))}", f"  tested: {day(base, -rng.randint(0, 1600))}",
                  f"  triggers: [{triggers}]"]
    lines += ["terms:", f"  termination_assistance_months: {rng.randint(0, 12)}",
              f"  assistance_rates_agreed: {rng.choice(['true', 'false'])}",
              f"  information_lead_days: {rng.randint(1, 60)}",
              f"  key_staff_retention: {rng.choice(['true', 'false'])}",
              f"  data_return_and_deletion: {rng.choice(['true', 'false'])}",
              f"  license_transfer: {rng.choice(['true', 'false'])}",
              f"  cooperation_duty: {rng.choice(['true', 'false'])}", "ip:"]
    lines += [f"  {c}: {rng.choice(OWNERS)}" for c in IP_CLASSES if rng.random() < 0.8]
    lines += ["alternatives: [insource, Other Contact GmbH]", "financial_plan:",
              "  document: finance/exit-scenarios.xlsx", f"  double_run_cost_eur: {rng.randint(0, 900000)}",
              f"communication_plan: {rng.choice(['true', 'false'])}", f"last_audit: {day(base, -rng.randint(0, 800))}",
              "kpi:"]
    for month in range(1, 13):
        lines.append(f"  - {{period: 2026-{month:02d}, met: {rng.randint(5, 20)}, missed: {rng.randint(0, 4)}}}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--contracts", type=int, default=10000)
    parser.add_argument("--staff", type=int, default=500000)
    parser.add_argument("--processes", type=int, default=200000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    inventory = os.path.join(args.out, "inventory")
    os.makedirs(os.path.join(inventory, "contracts"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "dataroom"), exist_ok=True)
    ids = [f"contract-{n:05d}" for n in range(args.contracts)]
    for cid in ids:
        with open(os.path.join(inventory, "contracts", cid + ".yaml"), "w") as out:
            out.write(contract_yaml(rng, cid))

    base = datetime.date(2026, 12, 1)
    per_contract = max(1, args.staff // len(ids))
    with open(os.path.join(inventory, "staff.csv"), "w", newline="") as out:
        out.write("contract,person,side,role,key,successor,knowledge_transfer,joined,left,planned_leave\n")
        for n in range(args.staff):
            cid = ids[min(n // per_contract, len(ids) - 1)]
            index = n % per_contract
            key = "yes" if index % 10 == 0 else "no"
            successor = f"p{index + 1:04d}" if key == "yes" and index + 1 < per_contract else ""
            left = day(base, -rng.randint(0, 400)) if rng.random() < 0.1 else ""
            planned = day(base, rng.randint(0, 900)) if rng.random() < 0.05 else ""
            role = rng.choice(ROLES)
            if rng.random() < 0.02:
                role = f'"{role}, nights"'
            out.write(f"{cid},p{index:04d},{rng.choice(['supplier', 'client'])},{role},{key},{successor},"
                      f"{rng.choice(['none', 'planned', 'in-progress', 'done', ''])},{day(base, -rng.randint(0, 3000))},"
                      f"{left},{planned}\n")

    per_contract = max(1, args.processes // len(ids))
    with open(os.path.join(inventory, "processes.csv"), "w", newline="") as out:
        out.write("contract,process,name,kind,owner,document,necessary,standardizable,transferable,reviewed\n")
        answers = ["yes", "no", "unknown", ""]
        for n in range(args.processes):
            cid = ids[min(n // per_contract, len(ids) - 1)]
            index = n % per_contract
            kind = "informal" if rng.random() < 0.3 else "formal"
            document = f"processes/proc-{index}.md" if rng.random() < 0.6 else ""
            reviewed = day(base, -rng.randint(0, 900)) if rng.random() < 0.7 else ""
            out.write(f"{cid},proc-{index:04d},Process {index} of {cid},{kind},team {index % 7},{document},"
                      f"{rng.choice(answers)},{rng.choice(answers)},{rng.choice(answers)},{reviewed}\n")


if __name__ == "__main__":
    main()
