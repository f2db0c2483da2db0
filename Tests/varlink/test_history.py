"""GetHistory's `every` and `truncated` through a Varlink client we did not write (the `varlink`
package), on the real exitreadyd of test_monitor.py: two evaluations on one day.
"""
import pytest

from test_monitor import MONITOR, TODAY, Daemon, raw_call, without_nulls


@pytest.fixture(scope="module")
def daemon():
    running = Daemon()
    with running.client() as client, client.open(MONITOR) as monitor:
        monitor.Evaluate()  # the daemon's own user may: a second evaluation, the same day
    yield running
    assert running.stop() == 0


def test_daily_by_default_every_on_request(daemon):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        daily = monitor.GetHistory()
        every = monitor.GetHistory(every=True)
        contract = monitor.GetHistory(contract="rheinruf-de", every=False)
    assert [entry["day"] for entry in daily["entries"]] == [TODAY] and daily["truncated"] is False
    assert [entry["day"] for entry in every["entries"]] == [TODAY, TODAY] and every["truncated"] is False
    assert daily["entries"][0] == every["entries"][0], "the day's point is its last evaluation"
    assert len(contract["entries"]) == 1
    # A client that sends no `every`, as those written before it, gets the daily points.
    assert without_nulls(raw_call(daemon.socket, {"method": f"{MONITOR}.GetHistory"})["parameters"]) == daily


def test_truncated_says_the_limit_cut_older_entries(daemon):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        assert monitor.GetHistory(every=True, limit=1)["truncated"] is True
        assert monitor.GetHistory(every=True, limit=2)["truncated"] is False
        assert monitor.GetHistory(limit=1)["truncated"] is False
