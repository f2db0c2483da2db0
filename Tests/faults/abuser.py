"""A misbehaving Varlink client for the socket-abuse scenario (test_socket_abuse.py).

Run as its own process (the test starts it under another uid with subprocess's user=), does one
kind of abuse against SOCKET and prints one JSON line with what it saw:

    abuser.py SOCKET hold COUNT           COUNT idle connections, kept until stdin closes
    abuser.py SOCKET partial COUNT BYTES  COUNT connections each sending BYTES without a NUL, kept
    abuser.py SOCKET slow COUNT SECONDS   COUNT connections sending a GetScores call a byte a second
    abuser.py SOCKET flood BYTES          one connection sending BYTES without a NUL
    abuser.py SOCKET random COUNT BYTES   COUNT connections sending BYTES of random bytes
    abuser.py SOCKET nested DEPTH KIND    a call whose parameters nest DEPTH arrays or objects
    abuser.py SOCKET pipeline COUNT WAIT  COUNT GetScores calls in one write, replies read after WAIT s
"""
import json
import os
import select
import socket
import sys
import time

CALL = b'{"method":"io.exitready.Monitor.GetScores"}\0'


def connect(path, timeout=10):
    """A blocking connect: when the listen backlog is full it waits for the server to accept,
    as a determined client would (a connect with a timeout fails at once with EAGAIN)."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(path)
    except OSError:
        connection.close()
        raise
    connection.settimeout(timeout)
    return connection


def open_many(path, count):
    connections, failed = [], 0
    for _ in range(count):
        try:
            connections.append(connect(path))
        except OSError:
            failed += 1
    return connections, failed


def closed_by_server(connections):
    """The connections the server has closed (readable with nothing to read)."""
    poller = select.poll()
    by_fd = {c.fileno(): c for c in connections}
    for fd in by_fd:
        poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    closed = set()
    for fd, events in poller.poll(0):
        connection = by_fd[fd]
        try:
            connection.setblocking(False)
            data = connection.recv(1 << 16)
            if not data:
                closed.add(fd)
        except BlockingIOError:
            pass
        except OSError:
            closed.add(fd)
        finally:
            connection.setblocking(True)
    return closed


def settled_closed(connections, quiet=3.0, timeout=120):
    """The connections the server has closed, once it has closed no more for `quiet` seconds or
    has closed them all (at most `timeout` seconds): a server on a loaded machine may take
    longer than any fixed pause to get through a burst of connections."""
    closed, changed = closed_by_server(connections), time.monotonic()
    deadline = changed + timeout
    while len(closed) < len(connections) and time.monotonic() - changed < quiet and time.monotonic() < deadline:
        time.sleep(0.1)
        now = closed_by_server(connections)
        if len(now) != len(closed):
            closed, changed = now, time.monotonic()
    return closed


def wait_for_release():
    """Blocks until the test closes our standard input."""
    sys.stdin.read()


def report(**values):
    print(json.dumps(values), flush=True)


def hold(path, count):
    started = time.monotonic()
    connections, failed = open_many(path, count)
    opened = time.monotonic() - started
    closed = settled_closed(connections)
    report(phase="opened", attempted=count, connect_failed=failed, connected=len(connections),
           closed_by_server=len(closed), open=len(connections) - len(closed), seconds_to_connect=round(opened, 2))
    wait_for_release()
    still_open = len(connections) - len(closed_by_server(connections))
    for connection in connections:
        connection.close()
    report(phase="released", open_at_release=still_open)


def partial(path, count, size):
    connections, failed = open_many(path, count)
    chunk = b"a" * 65536
    sent_total, errors = 0, 0
    for connection in connections:
        remaining = size
        try:
            while remaining > 0:
                piece = chunk[:min(remaining, len(chunk))]
                connection.sendall(piece)
                remaining -= len(piece)
                sent_total += len(piece)
        except OSError:
            errors += 1
    time.sleep(1.0)  # only for the figure "open": the held bytes, what the test measures, are sent
    closed = closed_by_server(connections)
    report(phase="sent", connected=len(connections), connect_failed=failed, bytes_sent=sent_total, send_errors=errors,
           open=len(connections) - len(closed))
    wait_for_release()
    for connection in connections:
        connection.close()
    report(phase="released")


def slow(path, count, seconds):
    connections, failed = open_many(path, count)
    sent = 0
    closed_early = 0
    live = list(connections)
    for index in range(min(seconds, len(CALL))):
        for connection in list(live):
            try:
                connection.send(CALL[index:index + 1])
            except OSError:
                live.remove(connection)
                closed_early += 1
        sent = index + 1
        time.sleep(1.0)
    replies = 0
    if sent == len(CALL):
        for connection in live:
            try:
                data = b""
                while not data.endswith(b"\0"):
                    chunk = connection.recv(1 << 16)
                    if not chunk:
                        break
                    data += chunk
                if data.endswith(b"\0") and b'"parameters"' in data:
                    replies += 1
            except OSError:
                pass
    still_open = len(live) - len(closed_by_server(live)) if sent < len(CALL) else None
    for connection in connections:
        connection.close()
    report(connected=len(connections), connect_failed=failed, bytes_per_connection=sent, call_bytes=len(CALL),
           closed_early=closed_early, replies=replies, open_at_end=still_open)


def flood(path, size):
    connection = connect(path)
    chunk = b"a" * (1 << 16)
    sent, error = 0, None
    started = time.monotonic()
    try:
        while sent < size:
            sent += connection.send(chunk[:min(len(chunk), size - sent)])
    except OSError as failure:
        error = type(failure).__name__
    reply = None
    try:
        connection.settimeout(5)
        reply = connection.recv(1 << 16)
    except OSError as failure:
        reply = type(failure).__name__
    report(bytes_accepted_before_close=sent, error=error, seconds=round(time.monotonic() - started, 2),
           after=repr(reply[:80]) if isinstance(reply, bytes) else reply)


def random_bytes(path, count, size):
    connections, failed = open_many(path, count)
    errors = 0
    for connection in connections:
        try:
            connection.sendall(os.urandom(size))
        except OSError:
            errors += 1
    closed = settled_closed(connections)
    for connection in connections:
        connection.close()
    report(connected=len(connections), connect_failed=failed, send_errors=errors, closed_by_server=len(closed))


def nested(path, depth, kind):
    opening, closing = ("[", "]") if kind == "array" else ('{"a":', "}")
    body = opening * depth + "0" + closing * depth
    message = ('{"method":"io.exitready.Monitor.GetScores","parameters":{"x":' + body + "}}").encode() + b"\0"
    connection = connect(path, timeout=30)
    outcome = None
    try:
        connection.sendall(message)
        data = b""
        while not data.endswith(b"\0"):
            chunk = connection.recv(1 << 16)
            if not chunk:
                outcome = "closed"
                break
            data += chunk
        else:
            outcome = json.loads(data[:-1]).get("error", "answered")
    except OSError as failure:
        outcome = type(failure).__name__
    report(depth=depth, kind=kind, bytes=len(message), outcome=outcome)


def pipeline(path, count, wait):
    connection = connect(path, timeout=120)
    started = time.monotonic()
    payload = CALL * count
    import threading

    def writer():
        try:
            connection.sendall(payload)
        except OSError:
            pass

    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(wait)
    replies, first, same = 0, None, True
    buffer = b""
    try:
        while replies < count:
            chunk = connection.recv(1 << 20)
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                replies += 1
                if first is None:
                    first = message
                elif message != first:
                    same = b'"parameters"' in message and same
    except OSError:
        pass
    thread.join()
    connection.close()
    report(calls=count, replies=replies, all_scores=same, read_after_s=wait, seconds=round(time.monotonic() - started, 2))


def main():
    path, mode, *args = sys.argv[1:]
    numbers = [int(a) if a.isdigit() else a for a in args]
    {"hold": hold, "partial": partial, "slow": slow, "flood": flood, "random": random_bytes,
     "nested": nested, "pipeline": pipeline}[mode](path, *numbers)


if __name__ == "__main__":
    main()
