"""The provenance digests of an evaluation, written from the product's description (the
coreutils construction), independently of the Swift code: `inventory_sha256` is the SHA-256 of
the `sha256sum` lines of every regular file below the inventory directory whose path has no
component starting with a dot, paths relative to it, in byte order; `sha256sum` escapes a name
holding a backslash, newline or carriage return and then prefixes the line with a backslash.
"""
import hashlib
import json
import os
import subprocess

COMMAND = "find . -type f ! -path '*/.*' -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum"


def sha256sum_line(digest: str, name: bytes) -> bytes:
    escaped = name.replace(b"\\", b"\\\\").replace(b"\n", b"\\n").replace(b"\r", b"\\r")
    prefix = b"\\" if escaped != name else b""
    return prefix + digest.encode() + b"  " + escaped + b"\n"


def tree_sha256(directory: str) -> str:
    paths = []
    root = os.fsencode(directory)
    for base, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(b".")]
        for name in files:
            path = os.path.join(base, name)
            if name.startswith(b".") or os.path.islink(path) or not os.path.isfile(path):
                continue
            paths.append(os.path.relpath(path, root))
    listing = hashlib.sha256()
    for path in sorted(paths):
        with open(os.path.join(root, path), "rb") as handle:
            listing.update(sha256sum_line(hashlib.sha256(handle.read()).hexdigest(), path))
    if not paths:
        listing.update(sha256sum_line(hashlib.sha256(b"").hexdigest(), b"-"))
    return listing.hexdigest()


def coreutils_sha256(directory: str) -> str:
    result = subprocess.run(["/bin/sh", "-c", COMMAND], cwd=directory, capture_output=True, check=True)
    return result.stdout.decode().split()[0]


def check(document: dict, inventory: str, checklist: str) -> list:
    """Differences between a document's provenance and the digests computed here and by coreutils."""
    provenance = document.get("provenance")
    if not isinstance(provenance, dict):
        return ["  provenance: missing"]
    diffs = []
    expected = tree_sha256(inventory)
    if expected != coreutils_sha256(inventory):
        diffs.append(f"  provenance: this module's inventory digest {expected} differs from coreutils'")
    if provenance.get("inventory_sha256") != expected:
        diffs.append(f"  provenance.inventory_sha256: {provenance.get('inventory_sha256')} != {expected}")
    with open(checklist, "rb") as handle:
        checklist_sha256 = hashlib.sha256(handle.read()).hexdigest()
    if provenance.get("checklist_sha256") != checklist_sha256:
        diffs.append(f"  provenance.checklist_sha256: {provenance.get('checklist_sha256')} != {checklist_sha256}")
    if provenance.get("rules") != 1:
        diffs.append(f"  provenance.rules: {provenance.get('rules')} != 1")
    return diffs


def without_provenance(document: bytes) -> dict:
    """The document parsed, its provenance (which names the run's time) left out."""
    parsed = json.loads(document)
    parsed.pop("provenance", None)
    return parsed
