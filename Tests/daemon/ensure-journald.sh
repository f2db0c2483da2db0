#!/bin/sh
# Makes sure a systemd-journald runs, for the journal tests: CI machines have no systemd as
# PID 1, but the journal daemon runs on its own. Starting it needs root.
set -eu
running() { [ -S /run/systemd/journal/socket ] && pgrep -x systemd-journal >/dev/null 2>&1; }
running && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "systemd-journald is not running; start it as root: /lib/systemd/systemd-journald &" >&2
    exit 1
fi
mkdir -p /run/systemd/journal
nohup /lib/systemd/systemd-journald >/dev/null 2>&1 &
# Up to 60 s: it starts in well under a second, but a loaded machine can take many times that.
for _ in $(seq 120); do
    running && exit 0
    sleep 0.5
done
echo "systemd-journald did not start within 60 s" >&2
exit 1
