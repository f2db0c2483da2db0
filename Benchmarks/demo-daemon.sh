# Sourced by benchmarks that query a running exitreadyd: start_demo_daemon DAEMON CTL starts the
# daemon binary DAEMON on a copy of the demo in $WORK, evaluated as of 2026-12-01, sets SOCKET,
# DATABASE and DAEMON_PID (the caller's cleanup stops it), and returns once CTL gets scores from
# it. The scores it got are left in $WORK/scores.json.
start_demo_daemon() {
    cp -r examples/demo/inventory examples/demo/dataroom "$WORK/"
    SOCKET="$WORK/io.exitready.Monitor"
    DATABASE="$WORK/exitready.db"
    cat > "$WORK/exitreadyd.conf" <<CONF
[Inventory]
Directory=$WORK/inventory
Checklist=$PWD/etc/exitready/dataroom.yaml
[Dataroom]
Root=$WORK/dataroom
[Daemon]
Database=$DATABASE
Socket=$SOCKET
SocketMode=0600
Interval=1h
CONF
    env -u NOTIFY_SOCKET -u LISTEN_FDS "$1" --config "$WORK/exitreadyd.conf" --now-override 2026-12-01 \
        > "$WORK/exitreadyd.log" 2>&1 &
    DAEMON_PID=$!
    tries=0
    # Exit status 3 is "unknown": the daemon does not answer yet; 0-2 are the portfolio's band.
    until "$2" scores --socket "$SOCKET" --json > "$WORK/scores.json" 2>/dev/null || [ $? -ne 3 ]; do
        tries=$((tries + 1))
        if [ $tries -gt 600 ]; then echo "exitreadyd did not answer:"; cat "$WORK/exitreadyd.log"; exit 1; fi
        sleep 0.1
    done
}
