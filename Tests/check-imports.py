#!/usr/bin/env python3
"""Every module a target imports is declared in its entry of Package.swift.

SwiftPM's --explicit-target-dependency-import-check (run by make test) accepts a module that is
reachable through another dependency; this check is stricter: a target names each module it
imports, so that removing a dependency elsewhere never breaks it. Modules of the toolchain and the
system are exempt.

    python3 Tests/check-imports.py      (make test runs it; exit status 1 lists what is missing)
"""
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLCHAIN = {"Glibc", "Darwin", "Foundation", "FoundationEssentials", "Dispatch", "Synchronization", "Testing",
             "XCTest", "_Concurrency", "PackageDescription"}
IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|func|var|protocol)\s+)?(\w+)")


def declared(target):
    names = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "product", "target"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def main():
    manifest = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True,
                                         capture_output=True, text=True).stdout)
    problems = []
    for target in manifest["targets"]:
        folder = target.get("path") or ("Tests/" if target["type"] == "test" else "Sources/") + target["name"]
        imports = {}
        for path in sorted(glob.glob(os.path.join(ROOT, folder, "**", "*.swift"), recursive=True)):
            with open(path, encoding="utf-8") as source:
                for line in source:
                    match = IMPORT.match(line)
                    if match:
                        imports.setdefault(match.group(1), os.path.relpath(path, ROOT))
        for module in sorted(set(imports) - declared(target) - TOOLCHAIN - {target["name"]}):
            problems.append(f"{imports[module]}: target {target['name']} imports {module}, which its Package.swift entry does not declare")
    for problem in problems:
        print(problem)
    print(f"{len(manifest['targets'])} targets checked, {len(problems)} undeclared imports")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
