#!/usr/bin/env python3
"""Writes a synthetic dataroom for scan benchmarks.

    generate_tree.py --out DIR --files N [--contracts 200] [--seed 1]
    generate_tree.py --out DIR --hash-gib 1          # 64 files of 16 MiB of random bytes

Files are spread over contract folders three levels deep (department/year/document), sizes
0–2 KiB. The same seed gives the same tree.
"""
import argparse
import os
import random

FOLDERS = ["contract", "licenses", "technical", "processes", "personnel", "training", "knowledge-base",
           "wfm/history", "wfm/settings", "reports", "finance", "audit", "transition"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--files", type=int, default=0)
    parser.add_argument("--contracts", type=int, default=200)
    parser.add_argument("--hash-gib", type=float, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.hash_gib:
        folder = os.path.join(args.out, "bulk-contract", "recordings")
        os.makedirs(folder, exist_ok=True)
        size = 16 << 20
        for index in range(int(args.hash_gib * (1 << 30)) // size):
            with open(os.path.join(folder, f"training-session-{index:03d}.bin"), "wb") as out:
                out.write(rng.randbytes(size))
        return
    per_contract = max(1, args.files // args.contracts)
    written = 0
    for contract in range(args.contracts):
        base = os.path.join(args.out, f"contract-{contract:05d}")
        count = per_contract if contract < args.contracts - 1 else args.files - written
        for index in range(count):
            folder = os.path.join(base, rng.choice(FOLDERS), str(2020 + index % 7))
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"document-{index:06d}.pdf"), "wb") as out:
                out.write(b"x" * rng.randint(0, 2048))
            written += 1


if __name__ == "__main__":
    main()
