"""A barrier for tests that read the journal back: shared by Tests/daemon and Tests/faults."""
import socket
import subprocess
import time
import uuid


def journal_barrier(timeout=120):
    """Waits until journald has stored every entry sent to it before this call. journald reads
    its socket in order, so once an entry of our own, sent now, can be read back, so can every
    entry the daemons sent earlier (they send their alerts and log lines before they answer or
    notify). A single read without this may miss an entry journald has not processed yet."""
    marker = uuid.uuid4().hex
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as journal:
        journal.sendto(f"MESSAGE=exitready test barrier {marker}\nSYSLOG_IDENTIFIER=exitready-tests\n"
                       f"EXITREADY_TEST_BARRIER={marker}\n".encode(), "/run/systemd/journal/socket")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["journalctl", "-q", "-o", "cat", "--no-pager", f"EXITREADY_TEST_BARRIER={marker}"],
                               capture_output=True, timeout=120).stdout
        if found.strip():
            return
        time.sleep(0.05)
    raise AssertionError(f"journald did not store an entry within {timeout} s")
