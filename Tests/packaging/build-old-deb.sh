#!/bin/bash
# Builds the package of an earlier commit, for the upgrade test of test-deb.sh: the commit's
# tree (git archive), where the commit has no debian/ the first one this repository had (later
# ones may need a later Makefile), and a debian/changelog
# entry VERSION~COMMIT-1, which sorts before this tree's VERSION-1. The package is kept in
# OUTDIR and reused while it exists: the commit does not change, and a release build takes
# minutes.
#
# Usage: Tests/packaging/build-old-deb.sh COMMIT OUTDIR   (prints the path of the package)

set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COMMIT=$(git -C "$ROOT" rev-parse --short=7 "$1^{commit}")
OUTDIR=$(mkdir -p "$2" && cd "$2" && pwd)
shopt -s nullglob
built=("$OUTDIR"/exitready_*~"$COMMIT"-1_amd64.deb)
if [ ${#built[@]} = 1 ]; then
    echo "${built[0]}"
    exit 0
fi

# The sources stay until the package is built, so that a failed build is resumed, not redone.
SRC=$OUTDIR/src-$COMMIT
mkdir -p "$SRC"
git -C "$ROOT" archive "$COMMIT" | tar -x -C "$SRC"
if ! git -C "$ROOT" cat-file -e "$COMMIT:debian/control" 2>/dev/null; then
    first=$(git -C "$ROOT" log --diff-filter=A --format=%H -- debian/control | tail -n 1)
    rm -rf "$SRC/debian"
    git -C "$ROOT" archive "$first" debian | tar -x -C "$SRC"
fi
# The same dependency versions as this tree's build, when it has resolved them.
[ -f "$ROOT/Package.resolved" ] && [ ! -f "$SRC/Package.resolved" ] && cp "$ROOT/Package.resolved" "$SRC/"
version=$(sed -n 's/^ *public static let current = "\([^"]*\)"$/\1/p' \
    "$SRC/Sources/ExitReadinessProtocol/ExitReadyVersion.swift")
[ -n "$version" ] || { echo "build-old-deb: no version in $COMMIT" >&2; exit 1; }
cat >"$SRC/debian/changelog" <<ENTRY
exitready ($version~$COMMIT-1) unstable; urgency=medium

  * Package of commit $COMMIT, built for the upgrade test.

 -- exitready maintainers <maintainers@users.noreply.r-seed-008d23b5.example>  $(date -R -d @0)
ENTRY
(cd "$SRC" && debian/rules clean && DEB_DESTDIR="$OUTDIR" debian/rules binary) >"$OUTDIR/build-$COMMIT.log" 2>&1 ||
    { tail -n 40 "$OUTDIR/build-$COMMIT.log" >&2; echo "build-old-deb: building $COMMIT failed (log: $OUTDIR/build-$COMMIT.log)" >&2; exit 1; }
rm -rf "$SRC"
built=("$OUTDIR"/exitready_*~"$COMMIT"-1_amd64.deb)
[ ${#built[@]} = 1 ] || { echo "build-old-deb: no package for $COMMIT in $OUTDIR" >&2; exit 1; }
echo "${built[0]}"
