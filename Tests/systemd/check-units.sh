#!/bin/bash
# Checks the systemd integration of exitreadyd without systemd as PID 1:
#
#   units      systemd-analyze verify (on a root built by "make install", so ExecStart= exists)
#              and systemd-analyze security (exposure at most 1.5, the product's target; the
#              unit is held at 1.0 so that a weakened sandbox fails here first)
#   sysusers   the user and group exitready, created in a scratch root
#   tmpfiles   the inventory directory, in the same scratch root
#   catalog    journalctl --update-catalog/--list-catalog/--dump-catalog in a scratch root: one
#              entry per MESSAGE_ID of Sources/ExitReadinessDaemon/Alerts/AlertKind+Journal.swift, with Subject,
#              Defined-By and Support; as root also rendered by a private systemd-journald in a
#              private mount namespace (journalctl -x), fields substituted
#   syscalls   the built binaries run under the unit's SystemCallFilter=, SystemCallErrorNumber=,
#              MemoryDenyWriteExecute= and RestrictAddressFamilies= (Tests/systemd/sandbox-exec.py)
#   man pages  groff -ww and mandoc -Tlint silent on exitreadyd(8) and exitreadyd.conf(5); every
#              key of the default configuration documented there with the same default
#   install    make install DESTDIR=... PREFIX=/usr (and /usr/local): the expected files,
#              completions, the unit pointing at the installed binary, the configuration kept
#
# Usage: Tests/systemd/check-units.sh   (EXITREADY_BIN: directory with the built binaries,
# default .build/debug). Exits non-zero on any problem. A missing tool is installed when
# running as root, is a failure under CI=true, and otherwise skips the checks that need it.

set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${EXITREADY_BIN:-$ROOT/.build/debug}
WORK=$(mktemp -d /tmp/exitready-units.XXXXXX)
trap '[ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" || rm -rf "$WORK"' EXIT
MAKE=${MAKE:-make}
EXPOSURE_AIM=1.0
failures=0
skipped=0

say()  { printf '%s\n' "$*"; }
# has_line TEXT REGEX: TEXT has a line matching the extended REGEX. A here-string, not a pipe
# from printf: under pipefail a quiet grep may exit at the first match before printf has
# written everything, and printf's SIGPIPE then fails the pipeline although the line is there.
has_line() { grep -qE -- "$2" <<<"$1"; }
ok()   { say "ok    $*"; }
fail() { say "FAIL  $*"; failures=$((failures + 1)); }
skip() { say "skip  $*"; skipped=$((skipped + 1)); }

# need TOOL PACKAGE: 0 if TOOL is available (installing PACKAGE as root if needed).
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing $2 (for $1)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1; }
        command -v "$1" >/dev/null 2>&1 && return 0
    fi
    if [ "${CI:-}" = true ]; then
        fail "$1 is missing (Debian package $2)"
    else
        skip "$1 is missing (apt-get install $2)"
    fi
    return 1
}

# quiet NAME CMD...: run CMD; it must succeed and print nothing.
quiet() {
    local name=$1 out
    shift
    if out=$("$@" 2>&1) && [ -z "$out" ]; then
        ok "$name"
    else
        fail "$name"
        printf '%s\n' "$out" | sed 's/^/      /'
    fi
}

for b in exitreadyd exitreadyctl; do
    [ -x "$BIN/$b" ] || { say "FAIL  $BIN/$b not built (run swift build first)"; exit 1; }
done
PYTHON3=/usr/bin/python3
[ -x "$PYTHON3" ] || PYTHON3=$(command -v python3)

UNIT=systemd/exitreadyd.service
SOCKET=systemd/exitreadyd.socket
CONF=etc/exitready/exitreadyd.conf
KINDS=Sources/ExitReadinessDaemon/Alerts/AlertKind+Journal.swift
ids_from_source=$(grep -oE '"[0-9a-f]{32}"' "$KINDS" | tr -d '"' | sort)
notice_id=$(sed -n 's/.*case \.noticeDeadline: *"\([0-9a-f]\{32\}\)".*/\1/p' "$KINDS")
if [ "$(printf '%s\n' "$ids_from_source" | grep -c .)" -lt 1 ]; then
    fail "no MESSAGE_IDs found in $KINDS"
fi
[ -n "$notice_id" ] || fail "no MESSAGE_ID for noticeDeadline in $KINDS"
[ "$(sed -n 's/.*case \.\([A-Za-z]*\): *"[0-9a-f]\{32\}".*/\1/p' "$KINDS" | wc -l)" = "$(printf '%s\n' "$ids_from_source" | grep -c .)" ] ||
    fail "cannot pair every MESSAGE_ID of $KINDS with its kind"

# ---------------------------------------------------------------------------------------------
say "== install"
STAGE=$WORK/stage
if "$MAKE" --no-print-directory -s -C "$ROOT" install DESTDIR="$STAGE" PREFIX=/usr BINDIR_SOURCE="$BIN" >"$WORK/install.log" 2>&1; then
    ok "make install DESTDIR=... PREFIX=/usr"
else
    fail "make install DESTDIR=... PREFIX=/usr"
    sed 's/^/      /' "$WORK/install.log"
fi
expected="
usr/bin/exitreadyd
usr/bin/exitreadyctl
usr/lib/systemd/system/exitreadyd.service
usr/lib/systemd/system/exitreadyd.socket
usr/lib/sysusers.d/exitready.conf
usr/lib/tmpfiles.d/exitready.conf
usr/lib/systemd/catalog/exitready.catalog
usr/share/exitready/exitready.rules.yml
etc/exitready/exitreadyd.conf
etc/exitready/dataroom.yaml
usr/share/man/man8/exitreadyd.8
usr/share/man/man5/exitreadyd.conf.5
usr/share/man/man5/exitready-inventory.5
usr/share/bash-completion/completions/exitreadyctl
usr/share/zsh/site-functions/_exitreadyctl
usr/share/fish/vendor_completions.d/exitreadyctl.fish"
[ -e man/exitreadyctl.1 ] && expected="$expected
usr/share/man/man1/exitreadyctl.1"
missing=""
for f in $expected; do
    [ -s "$STAGE/$f" ] || missing="$missing $f"
done
[ -d "$STAGE/etc/exitready/exitreadyd.conf.d" ] || missing="$missing etc/exitready/exitreadyd.conf.d/"
[ -z "$missing" ] && ok "installed files present" || fail "not installed:$missing"
for f in usr/bin/exitreadyd usr/bin/exitreadyctl; do
    [ -x "$STAGE/$f" ] || fail "$f is not executable"
done
for f in usr/lib/systemd/system/exitreadyd.service usr/lib/systemd/catalog/exitready.catalog etc/exitready/exitreadyd.conf; do
    [ "$(stat -c %a "$STAGE/$f" 2>/dev/null)" = 644 ] || fail "$f is not mode 0644"
done
grep -q exitreadyctl "$STAGE/usr/share/bash-completion/completions/exitreadyctl" 2>/dev/null &&
    grep -q exitreadyctl "$STAGE/usr/share/zsh/site-functions/_exitreadyctl" 2>/dev/null &&
    grep -q exitreadyctl "$STAGE/usr/share/fish/vendor_completions.d/exitreadyctl.fish" 2>/dev/null &&
    ok "shell completions generated" || fail "shell completions empty or wrong"
grep -qx 'ExecStart=/usr/bin/exitreadyd' "$STAGE/usr/lib/systemd/system/exitreadyd.service" 2>/dev/null &&
    ok "installed unit runs /usr/bin/exitreadyd" || fail "installed unit does not run /usr/bin/exitreadyd"
# A second install keeps an edited configuration.
echo "# local edit" >>"$STAGE/etc/exitready/exitreadyd.conf"
"$MAKE" --no-print-directory -s -C "$ROOT" install DESTDIR="$STAGE" PREFIX=/usr BINDIR_SOURCE="$BIN" >/dev/null 2>&1
grep -q '^# local edit' "$STAGE/etc/exitready/exitreadyd.conf" &&
    ok "reinstall keeps the existing configuration" || fail "reinstall overwrote /etc/exitready/exitreadyd.conf"
LOCAL=$WORK/stage-local
if "$MAKE" --no-print-directory -s -C "$ROOT" install DESTDIR="$LOCAL" BINDIR_SOURCE="$BIN" >/dev/null 2>&1 &&
    [ -x "$LOCAL/usr/local/bin/exitreadyd" ] &&
    grep -qx 'ExecStart=/usr/local/bin/exitreadyd' "$LOCAL/usr/local/lib/systemd/system/exitreadyd.service"; then
    ok "make install with the default PREFIX=/usr/local"
else
    fail "make install with the default PREFIX=/usr/local"
fi
# Every page the units name in Documentation= is installed.
for page in $(grep -h '^Documentation=' "$UNIT" "$SOCKET" | sed 's/^Documentation=//' | tr ' ' '\n' | grep '^man:' | sort -u); do
    name=${page#man:}; name=${name%(*}; section=${page##*(}; section=${section%)}
    [ -f "$STAGE/usr/share/man/man$section/$name.$section" ] || fail "Documentation=$page: man/$name.$section does not exist"
done

# ---------------------------------------------------------------------------------------------
say "== units"
if need systemd-analyze systemd; then
    # A root with the installed units and binaries, the distribution's units (sysinit.target and
    # the like) and kill(1) for ExecReload=.
    VROOT=$WORK/vroot
    mkdir -p "$VROOT/usr/bin" "$VROOT/usr/lib/systemd"
    cp -a /lib/systemd/system "$VROOT/usr/lib/systemd/"
    cp -a "$STAGE/usr/." "$VROOT/usr/"
    cp "$(type -P kill)" "$VROOT/usr/bin/kill"
    quiet "systemd-analyze verify exitreadyd.service exitreadyd.socket" \
        systemd-analyze verify --man=no --root="$VROOT" exitreadyd.service exitreadyd.socket
    VLOCAL=$WORK/vroot-local
    mkdir -p "$VLOCAL/usr/bin" "$VLOCAL/usr/lib/systemd"
    cp -a /lib/systemd/system "$VLOCAL/usr/lib/systemd/"
    cp -a "$LOCAL/usr/." "$VLOCAL/usr/" 2>/dev/null
    cp "$(type -P kill)" "$VLOCAL/usr/bin/kill"
    quiet "systemd-analyze verify (PREFIX=/usr/local)" \
        systemd-analyze verify --man=no --root="$VLOCAL" exitreadyd.service exitreadyd.socket

    security=$(systemd-analyze security --offline=yes --threshold=15 --no-pager "$UNIT" 2>&1)
    status=$?
    exposure=$(printf '%s\n' "$security" | sed -n 's/.*Overall exposure level for exitreadyd.service: \([0-9.]*\).*/\1/p')
    if [ $status = 0 ] && [ -n "$exposure" ]; then
        ok "systemd-analyze security --offline=yes --threshold=15: exposure $exposure"
    else
        fail "systemd-analyze security --offline=yes --threshold=15 (exposure ${exposure:-unknown}, status $status)"
    fi
    printf '%s\n' "$security" | grep '✗' | sed 's/  */ /g; s/^/      remaining: /'
    if [ -n "$exposure" ] && awk -v e="$exposure" -v m="$EXPOSURE_AIM" 'BEGIN { exit !(e > m) }'; then
        fail "exposure $exposure is above $EXPOSURE_AIM: the sandbox was weakened"
    fi
fi
# What the daemon and the other files rely on.
unit_has() { grep -qx "$2" "$1" || fail "$(basename "$1") lacks $2"; }
for line in Type=notify NotifyAccess=main User=exitready Group=exitready StateDirectory=exitready \
    RuntimeDirectory=exitready RuntimeDirectoryPreserve=yes ConfigurationDirectory=exitready \
    UMask=0077 PrivateNetwork=yes RestrictAddressFamilies=AF_UNIX ProtectSystem=strict \
    'ExecReload=kill -HUP $MAINPID' RestartPreventExitStatus=78 Requires=exitreadyd.socket; do
    unit_has "$UNIT" "$line"
done
grep -qE '^WatchdogSec=[1-9]' "$UNIT" || fail "exitreadyd.service has no WatchdogSec="
socket_path=$(sed -n 's/^ListenStream=//p' "$SOCKET")
socket_mode=$(sed -n 's/^SocketMode=//p' "$SOCKET")
[ "$socket_path" = "$(sed -n 's/^#Socket=//p' "$CONF")" ] || fail "ListenStream=$socket_path differs from the default Socket= of $CONF"
[ "$socket_mode" = "$(sed -n 's/^#SocketMode=//p' "$CONF")" ] || fail "SocketMode=$socket_mode differs from the default of $CONF"
case $socket_path in /run/exitready/*) ;; *) fail "the socket is not in RuntimeDirectory=exitready" ;; esac
case $(sed -n 's/^#Database=//p' "$CONF") in /var/lib/exitready/*) ;; *) fail "the default Database= is not in StateDirectory=exitready" ;; esac
unit_has "$SOCKET" SocketGroup=exitready
unit_has "$SOCKET" SocketUser=root
ok "unit settings the daemon relies on"

# ---------------------------------------------------------------------------------------------
say "== sysusers, tmpfiles"
if need systemd-sysusers systemd && need systemd-tmpfiles systemd; then
    UROOT=$WORK/uroot
    mkdir -p "$UROOT/etc"
    systemd-sysusers --root="$UROOT" - <systemd/exitready.sysusers >"$WORK/sysusers.log" 2>&1 ||
        { fail "systemd-sysusers exitready.sysusers"; sed 's/^/      /' "$WORK/sysusers.log"; }
    if grep -qE '^exitready:x:[0-9]+:[0-9]+:[^:]*:/var/lib/exitready:/usr/sbin/nologin$' "$UROOT/etc/passwd" 2>/dev/null &&
        grep -q '^exitready:x:' "$UROOT/etc/group" 2>/dev/null; then
        ok "user and group exitready (system user, no login)"
    else
        fail "sysusers did not create exitready as expected"
        cat "$UROOT/etc/passwd" "$UROOT/etc/group" 2>/dev/null | sed 's/^/      /'
    fi
    quiet "systemd-tmpfiles --create exitready.tmpfiles" systemd-tmpfiles --root="$UROOT" --create "$ROOT/systemd/exitready.tmpfiles"
    gid=$(awk -F: '$1 == "exitready" { print $3 }' "$UROOT/etc/group" 2>/dev/null)
    if [ "$(stat -c '%a %u %g' "$UROOT/etc/exitready/inventory" 2>/dev/null)" = "750 0 $gid" ]; then
        ok "inventory directory root:exitready 0750"
    else
        fail "inventory directory: $(stat -c '%a %u %g' "$UROOT/etc/exitready/inventory" 2>&1)"
    fi
fi

# ---------------------------------------------------------------------------------------------
say "== journal catalog"
if need journalctl systemd; then
    CROOT=$WORK/croot
    mkdir -p "$CROOT/usr/lib/systemd/catalog"
    cp systemd/exitready.catalog "$CROOT/usr/lib/systemd/catalog/"
    quiet "journalctl --update-catalog" journalctl --root="$CROOT" --update-catalog
    listed=$(journalctl --root="$CROOT" --list-catalog 2>&1)
    ids_in_catalog=$(printf '%s\n' "$listed" | awk '{ print $1 }' | sort)
    if [ "$ids_in_catalog" = "$ids_from_source" ]; then
        ok "catalog has exactly the $(printf '%s\n' "$ids_from_source" | grep -c .) MESSAGE_IDs of AlertKind+Journal.swift"
    else
        fail "catalog and AlertKind+Journal.swift disagree"
        diff <(printf '%s\n' "$ids_from_source") <(printf '%s\n' "$ids_in_catalog") | sed 's/^/      /'
    fi
    for id in $ids_from_source; do
        entry=$(journalctl --root="$CROOT" --dump-catalog "$id" 2>&1)
        for header in '^Subject: .' '^Defined-By: exitready$' '^Support: man:exitreadyd\(8\)$'; do
            has_line "$entry" "$header" || fail "catalog entry $id: no line matching $header"
        done
        body=$(printf '%s\n' "$entry" | awk 'body && NF { n++ } /^$/ { body = 1 } END { print n + 0 }')
        [ "$body" -ge 3 ] || fail "catalog entry $id: the body is too short"
        printf '%s\n' "$entry" | grep -oE '@[A-Z_]+@' | grep -vE '^@EXITREADY_[A-Z_]+@$' | sed "s/^/FAIL  catalog entry $id: unknown field /" | grep . && failures=$((failures + 1))
    done
    ok "catalog entries have Subject, Defined-By, Support and a body"

    # Rendered by journalctl -x from entries that a real journald stored.
    if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null 2>&1 || ! command -v logger >/dev/null 2>&1; then
        [ "${CI:-}" = true ] && fail "rendering the catalog needs root, unshare and logger" || skip "rendering the catalog (needs root, unshare, logger)"
    else
        mkdir -p "$WORK/entries" "$WORK/catalog"
        cp /usr/lib/systemd/catalog/*.catalog "$WORK/catalog/" 2>/dev/null
        cp systemd/exitready.catalog "$WORK/catalog/"
        # One entry per kind and scope with the fields the daemon gives that kind (AlertPolicy,
        # EvaluationCycle), so that a catalog text using a field its kind lacks shows up.
        for id in $ids_from_source; do
            kind=$(sed -n "s/.*case \\.\([A-Za-z]*\): *\"$id\".*/\1/p" "$KINDS")
            case $kind in
                noticeDeadline) scopes=contract; fields="CONTRACT SCORE BAND FINDINGS" ;;
                bandRecovered) scopes="contract portfolio"; fields="CONTRACT SCORE PREVIOUS_SCORE BAND PREVIOUS_BAND" ;;
                bandDropped | scoreDropped) scopes="contract portfolio"; fields="CONTRACT SCORE PREVIOUS_SCORE BAND PREVIOUS_BAND FINDINGS" ;;
                actionOverdue) scopes=contract; fields="CONTRACT ACTION" ;;
                forecastDrop) scopes=contract; fields="CONTRACT BAND FINDINGS FORECAST_DATE" ;;
                *) scopes=portfolio; fields="" ;;
            esac
            for scope in $scopes; do
                {
                    echo "MESSAGE=exitready test alert $kind $scope"
                    echo "MESSAGE_ID=$id"
                    echo "PRIORITY=4"
                    echo "SYSLOG_IDENTIFIER=exitreadyd"
                    echo "EXITREADY_KIND=$kind"
                    echo "EXITREADY_ALERT_ID=7"
                    echo "EXITREADY_SCOPE=$scope"
                    for field in $fields; do
                        case $field in
                            CONTRACT) [ "$scope" = contract ] && echo "EXITREADY_CONTRACT=acme-inbound" ;;
                            SCORE) echo "EXITREADY_SCORE=55.0" ;;
                            PREVIOUS_SCORE) echo "EXITREADY_PREVIOUS_SCORE=63.3" ;;
                            BAND) echo "EXITREADY_BAND=not-ready" ;;
                            PREVIOUS_BAND) echo "EXITREADY_PREVIOUS_BAND=at-risk" ;;
                            FINDINGS) echo "EXITREADY_FINDINGS=C01 D00 S00" ;;
                            ACTION) echo "EXITREADY_ACTION=D01/transition-plan" ;;
                            FORECAST_DATE) echo "EXITREADY_FORECAST_DATE=2027-01-15" ;;
                        esac
                    done
                } >"$WORK/entries/$id.$scope"
            done
        done
        cat >"$WORK/render.sh" <<'EOF'
set -eu
W=$1
export LIBMOUNT_UTAB="$W/utab"   # mount(8) would otherwise create the host's /run/mount
mount --make-rprivate /
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /var/lib/systemd
[ -d /var/log/journal ] && mount -t tmpfs tmpfs /var/log/journal
mount --bind "$W/catalog" /usr/lib/systemd/catalog
mkdir -p /run/systemd/journal /var/lib/systemd/catalog
journalctl --update-catalog
/lib/systemd/systemd-journald </dev/null >/dev/null 2>&1 &
journald=$!
trap 'kill $journald 2>/dev/null; wait $journald 2>/dev/null' EXIT
# Deadlines of 60 s: journald starts and stores in well under a second on an idle machine,
# but a loaded one (parallel builds) can take many times that.
for _ in $(seq 600); do [ -S /run/systemd/journal/socket ] && break; sleep 0.1; done
for f in "$W"/entries/*; do logger --journald="$f"; done
for _ in $(seq 600); do
    [ "$(journalctl -q -o cat SYSLOG_IDENTIFIER=exitreadyd | wc -l)" -ge "$(ls "$W"/entries | wc -l)" ] && break
    sleep 0.1
done
for f in "$W"/entries/*; do
    id=$(sed -n 's/^MESSAGE_ID=//p' "$f"); scope=$(sed -n 's/^EXITREADY_SCOPE=//p' "$f")
    journalctl -q -x --no-pager -o short MESSAGE_ID="$id" EXITREADY_SCOPE="$scope" >"$W/rendered.$id.$scope"
done
EOF
        if timeout 180 unshare -m sh "$WORK/render.sh" "$WORK" >"$WORK/render.log" 2>&1; then
            rendered_ok=1
            for id in $ids_from_source; do
                for scope in contract portfolio; do
                    [ -e "$WORK/entries/$id.$scope" ] || continue
                    r=$WORK/rendered.$id.$scope
                    if ! grep -q '^░░ Subject: ' "$r" 2>/dev/null; then
                        fail "journalctl -x shows no catalog text for $id ($scope)"; rendered_ok=0; continue
                    fi
                    if has_line "$(grep '^░░' "$r")" '@|EXITREADY_'; then
                        fail "catalog text of $id ($scope) has an unsubstituted field:"
                        grep '^░░' "$r" | grep -E '@|EXITREADY_' | sed 's/^/      /'
                        rendered_ok=0
                    fi
                done
            done
            grep -q 'acme-inbound' "$WORK/rendered.$notice_id.contract" 2>/dev/null ||
                { fail "notice-deadline text does not name the contract"; rendered_ok=0; }
            [ $rendered_ok = 1 ] && ok "journalctl -x renders every entry with its fields (private journald)"
        else
            fail "rendering the catalog with a private journald"
            sed 's/^/      /' "$WORK/render.log"
        fi
    fi
fi

# ---------------------------------------------------------------------------------------------
say "== system call filter"
if [ -r /usr/lib/x86_64-linux-gnu/libseccomp.so.2 ] || has_line "$(ldconfig -p 2>/dev/null)" 'libseccomp\.so\.2'; then
    SB=("$PYTHON3" Tests/systemd/sandbox-exec.py --unit "$UNIT" --)
    DB=$WORK/sandbox.db
    cp -a examples/demo/dataroom "$WORK/dataroom"
    chmod -R go-rwx "$WORK/dataroom"
    check_args=(check --json --inventory examples/demo/inventory --dataroom "$WORK/dataroom" --checklist etc/exitready/dataroom.yaml --now 2026-12-01 --database "$DB")
    if "${SB[@]}" "$BIN/exitreadyctl" dataroom scan --dataroom "$WORK/dataroom" --database "$DB" >"$WORK/scan.log" 2>&1; then
        ok "exitreadyctl dataroom scan (SQLite, hashing threads) under the unit's filter"
    else
        fail "exitreadyctl dataroom scan under the unit's filter"
        sed 's/^/      /' "$WORK/scan.log"
    fi
    "${SB[@]}" "$BIN/exitreadyctl" "${check_args[@]}" >"$WORK/filtered.json" 2>"$WORK/filtered.err"
    "$BIN/exitreadyctl" "${check_args[@]}" >"$WORK/plain.json" 2>/dev/null
    # The same document but for the times of the run (the evaluation's and the dataroom scan's),
    # which may fall in another second.
    for run in filtered plain; do
        sed -E 's/"(evaluated_at|scanned_at)":"[^"]*"/"\1":"TIME"/g' "$WORK/$run.json" >"$WORK/$run-untimed.json"
    done
    if [ -s "$WORK/plain.json" ] && grep -q '"evaluated_at":"TIME"' "$WORK/plain-untimed.json" &&
        cmp -s "$WORK/filtered-untimed.json" "$WORK/plain-untimed.json"; then
        ok "exitreadyctl check under the filter gives the same result"
    else
        fail "exitreadyctl check under the unit's filter differs"
        sed 's/^/      /' "$WORK/filtered.err"
    fi
    # The daemon itself, once it takes a configuration: start, answer, reload and stop under the
    # filter, binding its socket itself and with a socket passed as by exitreadyd.socket.
    if has_line "$("$BIN/exitreadyd" --help 2>&1)" '--config'; then
        D=$WORK/daemon
        mkdir -p "$D"
        sandbox_note=""
        cat >"$D/exitreadyd.conf" <<EOF
[Inventory]
Directory=$ROOT/examples/demo/inventory
Checklist=$ROOT/etc/exitready/dataroom.yaml
[Dataroom]
Root=$WORK/dataroom
[Daemon]
Database=$D/exitready.db
Socket=$D/bound.sock
EOF
        # As root, also much of the rest of the unit: a private mount namespace where the root
        # file system is read-only but for the daemon's directory (ProtectSystem=strict,
        # StateDirectory=), /home and /root are empty (ProtectHome=), /proc shows processes only
        # (ProcSubset=pid), /run/systemd is empty (no journal: test alerts must not reach a
        # journal that other tests read), and the daemon runs as nobody (User=). Otherwise only
        # the system call filter applies.
        isolate=()
        if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1; then
            chmod 0711 "$WORK"
            chown -R 65534:65534 "$D" "$WORK/dataroom"
            cat >"$D/sandbox.sh" <<'SANDBOX'
set -e
D=$1; shift
mount --make-rprivate /
mount --bind "$D" "$D"
mount -o remount,bind,ro /
mount -t tmpfs -o mode=0755 tmpfs /run/systemd
for dir in /home /root; do [ -d "$dir" ] && mount -t tmpfs -o mode=0755 tmpfs "$dir"; done
mount -t proc -o subset=pid,hidepid=invisible proc /proc
export HOME="$D"
umask 0077
exec setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs -- "$@"
SANDBOX
            isolate=(env LIBMOUNT_UTAB="$D/utab" unshare -m sh "$D/sandbox.sh" "$D")
            sandbox_note="as nobody, UMask=0077, read-only root, ProcSubset=pid, "
        fi
        # answers SOCKET [METHOD]: a Varlink call of METHOD (default GetInfo) on SOCKET gets a
        # reply with parameters.
        answers() {
            "$PYTHON3" - "$1" "${2:-org.varlink.service.GetInfo}" <<'PY'
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(120)
s.connect(sys.argv[1])
s.sendall(json.dumps({"method": sys.argv[2]}).encode() + b"\0")
reply = b""
while not reply.endswith(b"\0"):
    chunk = s.recv(65536)
    if not chunk:
        break
    reply += chunk
sys.exit(0 if b'"parameters"' in reply else 1)
PY
        }
        # reloaded PID LOG: waits (60 s at most) until exitreadyd PID has logged that it reloaded
        # its configuration, on standard error (LOG) or, where it has a journal, in the journal.
        # An Evaluate call afterwards then waits for the evaluation that follows the reload.
        reloaded() {
            for _ in $(seq 600); do
                kill -0 "$1" 2>/dev/null || return 1
                [[ $(cat "$2") == *"configuration reloaded"* ]] && return 0
                [[ $(journalctl -q -o cat _PID="$1" 2>/dev/null) == *"configuration reloaded"* ]] && return 0
                sleep 0.1
            done
            return 1
        }
        for variant in bound activated; do
            rm -f "$D/exitready.db"* "$D/utab"*
            sock=$D/$variant.sock
            listen=()
            [ $variant = activated ] && listen=(--listen "$sock")
            env -u NOTIFY_SOCKET -u LISTEN_FDS -u LISTEN_PID -u WATCHDOG_USEC "${isolate[@]}" \
                "$PYTHON3" Tests/systemd/sandbox-exec.py --unit "$UNIT" "${listen[@]}" -- \
                "$BIN/exitreadyd" --config "$D/exitreadyd.conf" >"$D/$variant.log" 2>&1 &
            pid=$!
            up=0
            for _ in $(seq 600); do
                kill -0 $pid 2>/dev/null || break
                [ -S "$sock" ] && answers "$sock" 2>/dev/null && { up=1; break; }
                sleep 0.1
            done
            if [ $up = 1 ] && [ $variant = bound ] && [ "$(stat -c %a "$sock")" != 660 ]; then
                fail "the socket exitreadyd bound has mode $(stat -c %a "$sock"), not SocketMode=0660 (UMask=0077)"
            fi
            if [ $up = 1 ] && kill -HUP $pid && reloaded $pid "$D/$variant.log" && kill -0 $pid 2>/dev/null &&
                answers "$sock" io.exitready.Monitor.Evaluate; then
                kill -TERM $pid
                for _ in $(seq 300); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
                if kill -0 $pid 2>/dev/null; then
                    kill -KILL $pid; wait $pid 2>/dev/null
                    fail "exitreadyd ($variant socket) under the filter did not stop within 30 s of SIGTERM"
                elif ! wait $pid; then
                    fail "exitreadyd ($variant socket) under the filter exited with status $? after SIGTERM"
                    sed 's/^/      /' "$D/$variant.log"
                elif [ $variant = activated ] && [ ! -S "$sock" ]; then
                    fail "exitreadyd removed the socket passed to it (socket activation would break)"
                elif [ $variant = bound ] && [ -e "$sock" ]; then
                    fail "exitreadyd left its own socket behind"
                elif [ -n "$sandbox_note" ] && [ "$(stat -c %a "$D/exitready.db")" != 600 ]; then
                    fail "the database has mode $(stat -c %a "$D/exitready.db") under UMask=0077"
                else
                    ok "exitreadyd ($variant socket) answers, reloads and stops (${sandbox_note}the unit's system call filter)"
                fi
            else
                kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
                fail "exitreadyd ($variant socket) under the unit's filter did not answer or did not survive SIGHUP"
                sed 's/^/      /' "$D/$variant.log"
            fi
        done
    else
        skip "exitreadyd under the filter: the daemon does not take --config yet"
    fi
else
    [ "${CI:-}" = true ] && fail "libseccomp.so.2 is missing (Debian package libseccomp2)" || skip "libseccomp.so.2 is missing"
fi

# ---------------------------------------------------------------------------------------------
say "== man pages, default configuration"
PAGES="man/exitreadyd.8 man/exitreadyd.conf.5"
if need groff groff-base; then
    for page in $PAGES; do
        quiet "groff -man -ww $page" groff -man -Tutf8 -ww -z "$page"
    done
fi
if need mandoc mandoc; then
    for page in $PAGES; do
        quiet "mandoc -Tlint $page" mandoc -Tlint "$page"
    done
fi
# One KEY=DEFAULT per line; a default may hold spaces (Title=Exit readiness).
keys=$(grep -E '^#[A-Z][A-Za-z]*=' "$CONF" | sed 's/^#//')
expected_keys="Directory Checklist Root Database Socket SocketMode Interval AdminGroup HistoryRetention MetricsFile
ContractWeight DataroomWeight ProcessesWeight StaffWeight ReadyThreshold AtRiskThreshold
DropThreshold NoticeWindow CriticalNoticeWindow ForecastWindow Title"
[ "$(printf '%s\n' "$keys" | cut -d= -f1 | sort)" = "$(printf '%s\n' $expected_keys | sort)" ] ||
    fail "$CONF does not list exactly the keys of exitreadyd.conf(5)"
grep -qE '^[A-Za-z]+=' "$CONF" && fail "$CONF sets a key: the shipped file only shows defaults"
[ "$(grep -cE '^\[(Inventory|Dataroom|Daemon|Scoring|Alerts|Report)\]$' "$CONF")" = 6 ] || fail "$CONF lacks a section"
rendered_conf=$(groff -man -Tutf8 -rLL=300n man/exitreadyd.conf.5 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g; s/.\x08//g')
conf_failures=$failures
while IFS= read -r kv; do
    key=${kv%%=*}; default=${kv#*=}
    has_line "$rendered_conf" "^ +$key=" || { fail "exitreadyd.conf(5) does not document $key="; continue; }
    [ -z "$default" ] && continue
    # The key's paragraph (shared by the four weights) must give the same default. It starts at
    # the key's definition, "Key=type" alone on a line indented as a tag, not where running text
    # happens to wrap before a mention of the key.
    paragraph=$(awk -v k="$key=" '$0 ~ "^       "k"[a-z]+$" { on = 1 } on && !NF { exit } on { print }' <<<"$rendered_conf")
    [[ $(grep -E 'Defaults?:' <<<"$paragraph") == *"$default"* ]] || fail "exitreadyd.conf(5) gives another default for $key= than $CONF ($default)"
done <<<"$keys"
[ $failures = "$conf_failures" ] && ok "default configuration and exitreadyd.conf(5) agree"

# ---------------------------------------------------------------------------------------------
say
if [ $failures -gt 0 ]; then
    say "check-units: $failures problem(s)"
    exit 1
fi
[ $skipped -gt 0 ] && say "check-units: all checks passed, $skipped skipped" || say "check-units: all checks passed"
