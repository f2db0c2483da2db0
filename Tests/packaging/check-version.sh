#!/bin/bash
# Checks that the version is the same in its three places: ExitReadyVersion.swift (what
# exitreadyctl --version, exitreadyd --version and GetInfo report), the latest release of
# CHANGELOG.md and the latest entry of debian/changelog (the package's version, with the Debian
# revision -N after it); and that every release of CHANGELOG.md has its debian/changelog entry.
#
# Usage: Tests/packaging/check-version.sh [TREE]   (TREE: a source tree, default this one)
# Exits 1 with a message naming the files and versions that disagree.

set -uo pipefail
TREE=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
SWIFT_FILE=Sources/ExitReadinessProtocol/ExitReadyVersion.swift
swift_version=$(sed -n 's/^ *public static let current = "\([^"]*\)"$/\1/p' "$TREE/$SWIFT_FILE")
releases=$(sed -n 's/^## \[\([0-9][^]]*\)\].*/\1/p' "$TREE/CHANGELOG.md")
changelog_version=${releases%%$'\n'*}
debian_versions=$(dpkg-parsechangelog -l "$TREE/debian/changelog" --all -S Version) || exit 1
debian_version=${debian_versions%%$'\n'*}
failures=0
fail() { echo "check-version: $*" >&2; failures=$((failures + 1)); }

[ -n "$swift_version" ] || fail "$SWIFT_FILE: no line 'public static let current = \"X.Y.Z\"'"
[ -n "$changelog_version" ] || fail "CHANGELOG.md: no release heading '## [X.Y.Z] - YYYY-MM-DD'"
[ "$swift_version" = "$changelog_version" ] ||
    fail "$SWIFT_FILE says $swift_version, the latest release in CHANGELOG.md is $changelog_version"
[ "${debian_version%-*}" = "$swift_version" ] ||
    fail "debian/changelog's latest entry is $debian_version, expected $swift_version-N (from $SWIFT_FILE)"
for release in $releases; do
    grep -qx -- "$release-[0-9]*" <<<"$debian_versions" ||
        fail "CHANGELOG.md has release $release, debian/changelog has no entry $release-N"
done
[ $failures = 0 ] && echo "version $swift_version (package $debian_version) agrees in $SWIFT_FILE, CHANGELOG.md and debian/changelog"
[ $failures = 0 ]
