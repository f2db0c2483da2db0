#!/bin/bash
# Checks the Debian package on this machine, as root (make test-deb builds the packages first):
#
#   size       the package at most 30 MB (one copy of Foundation's ICU data, in exitreadyd)
#   lintian    no error; every warning's tag explained in debian/README.source
#   install    apt-get install ./NEW.deb: the files of the package, the user, the directories,
#              the catalog, the units enabled (systemd is not PID 1 here: nothing is started, and
#              the install must not fail for it), systemd-analyze verify of the installed units,
#              exitreadyctl --version, man exitreadyctl, an offline command through the helper
#   purge      every file of the package, /etc/exitready and /var/lib/exitready gone
#   upgrade    OLD.deb installed, history written by its exitreadyd, a conffile edited; NEW.deb
#              installed over it: history and edit kept, the database migrated by the new daemon
#
# Usage: Tests/packaging/test-deb.sh NEW.deb OLD.deb. The package is purged at the end, also on
# failure; the script refuses to run where exitready is installed already.

set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
NEW_DEB=$(realpath "$1")
OLD_DEB=$(realpath "$2")
DEMO=$ROOT/examples/demo
DB=/var/lib/exitready/exitready.db
DROPIN=/etc/exitready/exitreadyd.conf.d/90-test-deb.conf
failures=0
daemon_pid=""

say() { printf '%s\n' "$*"; }
ok() { say "ok    $*"; }
fail() { say "FAIL  $*"; failures=$((failures + 1)); }
has_line() { grep -qE -- "$2" <<<"$1"; }
apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confold "$1" >"$WORK/apt.log" 2>&1
}

[ "$(id -u)" = 0 ] || { say "test-deb.sh installs a package: run it as root"; exit 1; }
installed=$(dpkg-query -W -f '${db:Status-Status}' exitready 2>/dev/null)
if [ -n "$installed" ] && [ "$installed" != not-installed ]; then
    say "exitready is installed on this machine; test-deb.sh installs and purges it, so it does not run here"
    exit 1
fi
WORK=$(mktemp -d /tmp/exitready-deb.XXXXXX)
chmod 0755 "$WORK"

stop_daemon() {
    [ -n "$daemon_pid" ] || return 0
    kill -TERM "$daemon_pid" 2>/dev/null
    local deadline=$((SECONDS + 30))
    while kill -0 "$daemon_pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    kill -KILL "$daemon_pid" 2>/dev/null
    wait "$daemon_pid" 2>/dev/null
    daemon_pid=""
}
cleanup() {
    stop_daemon
    dpkg --purge exitready >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

# sql QUERY: the query's result on the daemon's database, read as the daemon's user so that no
# file next to the database (-wal, -shm) comes to belong to root.
sql() { setpriv --reuid exitready --regid exitready --init-groups -- sqlite3 "$DB" "$1" 2>/dev/null; }

# run_daemon DATE: the installed exitreadyd as the user exitready, with the package's
# configuration and a drop-in for the demo, until its evaluation of DATE is stored.
run_daemon() {
    setpriv --reuid exitready --regid exitready --init-groups -- env TZ=Europe/Amsterdam \
        /usr/sbin/exitreadyd --now-override "$1" >"$WORK/exitreadyd-$1.log" 2>&1 &
    daemon_pid=$!
    local deadline=$((SECONDS + 120))
    until [ "$(sql "SELECT count(*) FROM evaluations WHERE day = '$1'")" = 1 ]; do
        if ! kill -0 "$daemon_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            fail "exitreadyd stored no evaluation of $1 (log follows)"
            sed 's/^/      /' "$WORK/exitreadyd-$1.log"
            stop_daemon
            return 1
        fi
        sleep 0.1 # polling interval of a wait bounded by the deadline
    done
    ok "exitreadyd $(/usr/sbin/exitreadyd --version) stored its evaluation of $1"
    stop_daemon
}

# demo_setup: the demo inventory in the package's inventory directory, its dataroom in WORK,
# and a drop-in that points the daemon at them with its socket in WORK.
demo_setup() {
    cp -r "$DEMO/inventory/." /etc/exitready/inventory/
    chgrp -R exitready /etc/exitready/inventory
    chmod -R g+rX,o-rwx /etc/exitready/inventory
    rm -rf "$WORK/dataroom" "$WORK/run"
    cp -r "$DEMO/dataroom" "$WORK/dataroom"
    chmod -R go-rwx "$WORK/dataroom"
    chown -R exitready:exitready "$WORK/dataroom"
    install -d -o exitready -g exitready -m 0700 "$WORK/run"
    printf '%s\n' '# Written by Tests/packaging/test-deb.sh' '[Dataroom]' "Root=$WORK/dataroom" \
        '[Daemon]' "Socket=$WORK/run/io.exitready.Monitor" 'Interval=1h' >"$DROPIN"
}

# check_gone LIST: every file and link of LIST (dpkg -L output) and the state directories are gone.
check_gone() {
    local left=""
    while IFS= read -r path; do
        # Directories stay when other packages share them (/usr/bin, and /lib, a link to usr/lib).
        [ -e "$path" ] && [ ! -d "$path" ] && left="$left $path"
        [ -L "$path" ] && [ ! -e "$path" ] && left="$left $path"
    done <<<"$1"
    for dir in /etc/exitready /var/lib/exitready /usr/share/exitready /usr/share/doc/exitready; do
        [ -e "$dir" ] && left="$left $dir"
    done
    for link in /etc/systemd/system/multi-user.target.wants/exitreadyd.service \
        /etc/systemd/system/sockets.target.wants/exitreadyd.socket; do
        [ -L "$link" ] && left="$left $link"
    done
    [ -z "$left" ] && ok "purge removed every file of the package and the state" || fail "left after purge:$left"
}

# ---------------------------------------------------------------------------------------------
say "== size $(basename "$NEW_DEB")"
size=$(stat -c %s "$NEW_DEB")
limit=$((30 * 1000 * 1000))
[ "$size" -le "$limit" ] && ok "the package is $size bytes, at most 30 MB" ||
    fail "the package is $size bytes, over 30 MB"

# ---------------------------------------------------------------------------------------------
say "== lintian $(basename "$NEW_DEB")"
lintian_out=$(lintian --tag-display-limit 0 "$NEW_DEB" 2>&1)
lintian_status=$?
if [ $lintian_status = 0 ] && ! has_line "$lintian_out" '^E: '; then
    ok "lintian: no error"
else
    fail "lintian: errors or failure (status $lintian_status)"
fi
[ -n "$lintian_out" ] && say "$lintian_out" | sed 's/^/      /'
for tag in $(sed -n 's/^W: exitready[^:]*: \([a-z0-9-]*\).*/\1/p' <<<"$lintian_out" | sort -u); do
    grep -q -- "$tag" debian/README.source || fail "lintian warning $tag is not explained in debian/README.source"
done

# ---------------------------------------------------------------------------------------------
say "== install $(basename "$NEW_DEB")"
if apt_install "$NEW_DEB"; then
    ok "apt-get install ./$(basename "$NEW_DEB")"
else
    fail "apt-get install failed"
    sed 's/^/      /' "$WORK/apt.log"
    exit 1
fi
files=$(dpkg -L exitready)
missing=""
for path in /usr/sbin/exitreadyd /usr/bin/exitreadyctl /usr/libexec/exitready/exitreadyctl \
    /lib/systemd/system/exitreadyd.service /lib/systemd/system/exitreadyd.socket \
    /usr/lib/sysusers.d/exitready.conf /usr/lib/tmpfiles.d/exitready.conf \
    /usr/lib/systemd/catalog/exitready.catalog \
    /usr/share/man/man1/exitreadyctl.1.gz /usr/share/man/man8/exitreadyd.8.gz \
    /usr/share/man/man5/exitreadyd.conf.5.gz /usr/share/man/man5/exitready-inventory.5.gz \
    /usr/share/bash-completion/completions/exitreadyctl /usr/share/zsh/vendor-completions/_exitreadyctl \
    /usr/share/fish/vendor_completions.d/exitreadyctl.fish \
    /etc/exitready/exitreadyd.conf /etc/exitready/dataroom.yaml /etc/exitready/exitreadyd.conf.d \
    /usr/share/exitready/exitready.rules.yml /usr/share/doc/exitready/copyright; do
    { has_line "$files" "^$path\$" && [ -e "$path" ]; } || missing="$missing $path"
done
[ -z "$missing" ] && ok "dpkg -L lists every file, and each is installed" || fail "not in the package or not installed:$missing"
conffiles=$(dpkg-query -W -f '${Conffiles}' exitready)
for conffile in /etc/exitready/exitreadyd.conf /etc/exitready/dataroom.yaml; do
    has_line "$conffiles" "^ $conffile " || fail "$conffile is not a conffile"
done
for binary in /usr/sbin/exitreadyd /usr/bin/exitreadyctl; do
    libraries=$(ldd "$binary" 2>&1)
    if has_line "$libraries" 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found'; then
        fail "$binary needs the Swift toolchain's libraries:"
        say "$libraries" | sed 's/^/      /'
    else
        ok "$binary links the Swift runtime statically"
    fi
done
version=$(exitreadyctl --version 2>&1)
package_version=$(dpkg-query -W -f '${Version}' exitready)
[ "$version" = "${package_version%-*}" ] && ok "exitreadyctl --version: $version" ||
    fail "exitreadyctl --version says '$version', the package is $package_version"
# exitreadyctl hands its offline commands to /usr/libexec/exitready/exitreadyctl (exitreadyd's binary).
[ "$(readlink -f /usr/libexec/exitready/exitreadyctl)" = /usr/sbin/exitreadyd ] &&
    ok "/usr/libexec/exitready/exitreadyctl links to /usr/sbin/exitreadyd" ||
    fail "/usr/libexec/exitready/exitreadyctl: $(ls -l /usr/libexec/exitready/exitreadyctl 2>&1)"
validate=$(exitreadyctl validate --inventory "$DEMO/inventory" --checklist /etc/exitready/dataroom.yaml 2>&1)
validate_status=$?
[ $validate_status = 0 ] && has_line "$validate" '^valid: [0-9]+ contracts' && ok "exitreadyctl validate (offline, through the helper)" ||
    fail "exitreadyctl validate: status $validate_status: $validate"
page=$(MANWIDTH=80 man -P cat exitreadyctl 2>&1)
has_line "$page" '^NAME' && has_line "$page" 'exitreadyctl' && ok "man exitreadyctl" || fail "man exitreadyctl: $page"
passwd=$(getent passwd exitready)
[[ "$passwd" == exitready:*:/var/lib/exitready:/usr/sbin/nologin ]] && ok "user exitready: $passwd" ||
    fail "user exitready: '$passwd'"
[ "$(stat -c '%a %U %G' /var/lib/exitready 2>&1)" = "700 exitready exitready" ] &&
    [ "$(stat -c '%a %U %G' /etc/exitready/inventory 2>&1)" = "750 root exitready" ] &&
    ok "directories /var/lib/exitready (0700 exitready) and /etc/exitready/inventory (0750 root:exitready)" ||
    fail "directories: $(stat -c '%n %a %U %G' /var/lib/exitready /etc/exitready/inventory 2>&1)"
[ -L /etc/systemd/system/multi-user.target.wants/exitreadyd.service ] &&
    [ -L /etc/systemd/system/sockets.target.wants/exitreadyd.socket ] &&
    ok "exitreadyd.service and exitreadyd.socket enabled" || fail "units not enabled"
postinst=$(cat /var/lib/dpkg/info/exitready.postinst)
prerm=$(cat /var/lib/dpkg/info/exitready.prerm)
has_line "$postinst" '_dh_action=restart' && has_line "$prerm" 'deb-systemd-invoke stop .*exitreadyd' &&
    ok "postinst restarts the units on upgrade, prerm stops them on remove" ||
    fail "maintainer scripts do not restart on upgrade and stop on remove"
message_id=$(sed -n 's/^-- \([0-9a-f]\{32\}\)$/\1/p; T; q' /usr/lib/systemd/catalog/exitready.catalog)
catalog=$(journalctl --list-catalog "$message_id" 2>&1)
has_line "$catalog" "^$message_id " && ok "journal catalog updated ($message_id)" || fail "catalog entry $message_id missing: $catalog"
verify=$(systemd-analyze verify /lib/systemd/system/exitreadyd.service /lib/systemd/system/exitreadyd.socket 2>&1)
if [ $? = 0 ] && [ -z "$verify" ]; then
    ok "systemd-analyze verify of the installed units"
else
    fail "systemd-analyze verify of the installed units:"
    say "$verify" | sed 's/^/      /'
fi

say "== purge"
dpkg --purge exitready >"$WORK/purge.log" 2>&1 || { fail "dpkg --purge"; sed 's/^/      /' "$WORK/purge.log"; }
check_gone "$files"
catalog=$(journalctl --list-catalog "$message_id" 2>&1)
has_line "$catalog" "^$message_id " && fail "catalog entry $message_id left after purge" || ok "catalog entry removed"

# ---------------------------------------------------------------------------------------------
say "== upgrade $(basename "$OLD_DEB") -> $(basename "$NEW_DEB")"
if ! apt_install "$OLD_DEB"; then
    fail "apt-get install of the old package failed"
    sed 's/^/      /' "$WORK/apt.log"
    exit 1
fi
ok "installed $(dpkg-query -W -f '${Version}' exitready)"
# The old package may predate the state directory in tmpfiles.d; systemd would make it at start.
[ -d /var/lib/exitready ] || install -d -o exitready -g exitready -m 0700 /var/lib/exitready
demo_setup
edit="# local edit by test-deb.sh $RANDOM$RANDOM"
echo "$edit" >>/etc/exitready/exitreadyd.conf
run_daemon 2026-12-01 || exit 1
old_rows=$(sql "SELECT id, day, portfolio_score FROM evaluations ORDER BY id")

if apt_install "$NEW_DEB"; then
    ok "upgraded to $(dpkg-query -W -f '${Version}' exitready)"
else
    fail "apt-get install of the new package over the old one failed"
    sed 's/^/      /' "$WORK/apt.log"
    exit 1
fi
conf=$(cat /etc/exitready/exitreadyd.conf)
has_line "$conf" "^$edit\$" && ok "the edited conffile is kept" || fail "the edit of /etc/exitready/exitreadyd.conf is lost"
[ -f "$DROPIN" ] && ok "the drop-in is kept" || fail "$DROPIN is lost"
run_daemon 2026-12-02 || exit 1
rows=$(sql "SELECT id, day, portfolio_score FROM evaluations ORDER BY id")
[ -n "$old_rows" ] && [ "${rows#"$old_rows"$'\n'}" != "$rows" ] &&
    ok "history kept: $(wc -l <<<"$rows") evaluations, the old ones unchanged" ||
    fail "history: before the upgrade '$old_rows', after '$rows'"
expected_migrations=$(grep -ho 'registerMigration("[^"]*")' Sources/ExitReadinessStore/*.swift | sed 's/.*("\(.*\)")/\1/' | sort)
migrations=$(sql "SELECT identifier FROM grdb_migrations ORDER BY identifier")
[ "$migrations" = "$expected_migrations" ] && ok "schema migrated: $(wc -l <<<"$migrations") migrations applied" ||
    fail "migrations applied '$migrations', expected '$expected_migrations'"

say "== purge after the upgrade"
files=$(dpkg -L exitready)
dpkg --purge exitready >"$WORK/purge.log" 2>&1 || { fail "dpkg --purge"; sed 's/^/      /' "$WORK/purge.log"; }
check_gone "$files"

[ $failures = 0 ] && say "test-deb: all checks passed" || say "test-deb: $failures failure(s)"
[ $failures = 0 ]
