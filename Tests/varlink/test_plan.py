"""GetPlan on the real exitreadyd, through the `varlink` package and exitreadyctl plan.

The daemon plans from its last evaluation; its plans must equal those exitreadyctl computes
offline from the same inventory on the same day. Run as root, like test_monitor.py.
"""
import json

import pytest
import varlink

from test_monitor import MONITOR, TODAY, Daemon, raw_call


@pytest.fixture(scope="module")
def daemon():
    running = Daemon()
    yield running
    assert running.stop() == 0


def offline(daemon, *arguments):
    return daemon.ctl("plan", *arguments, "--inventory", daemon.inventory, "--dataroom", daemon.dataroom,
                      "--checklist", daemon.checklist, "--now", TODAY)


def test_a_contract_plan_lifts_the_cap_with_the_exit_plan(daemon):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        reply = monitor.GetPlan(contract="belronde-outbound")
    plan = reply["contract_plan"]
    assert reply["evaluated"] == TODAY
    assert plan["score"] == 40.0 and plan["reachable"] and plan["effort_days"] == 10.0
    assert [step["code"] for step in plan["steps"]] == ["C01"]
    assert plan["steps"][0]["fixes"] == "exit plan document exists"


@pytest.mark.parametrize("arguments", [["belronde-outbound"], ["rheinruf-de", "--target", "60"], ["--budget", "30"],
                                       ["--budget", "0.5"]])
def test_online_plans_equal_offline_ones(daemon, arguments):
    online = daemon.ctl("plan", *arguments, "--json")
    assert online.returncode == 0, online.stderr
    local = offline(daemon, *arguments, "--json")
    assert local.returncode == 0, local.stderr
    assert json.loads(online.stdout) == json.loads(local.stdout)
    table = daemon.ctl("plan", *arguments)
    assert table.returncode == 0 and table.stdout == offline(daemon, *arguments).stdout


def test_the_portfolio_plan_stays_within_its_budget(daemon):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        plan = monitor.GetPlan(budget=30.0)["portfolio_plan"]
    assert plan["budget_days"] == 30.0 and plan["effort_days"] <= 30.0
    assert plan["score_after"] > plan["score"]
    assert sum(step["effort_days"] for step in plan["steps"]) == plan["effort_days"]
    assert plan["actions"] == len(plan["steps"])


def test_bad_requests_are_named(daemon):
    with daemon.client() as client, client.open(MONITOR) as monitor:
        with pytest.raises(varlink.VarlinkError) as raised:
            monitor.GetPlan(contract="no-such-contract")
    assert raised.value.error() == "io.exitready.Monitor.ContractNotFound"
    for parameters, name in [({"budget": 2.25}, "budget"), ({"contract": "rheinruf-de", "target": 0}, "target"),
                             ({}, "contract"), ({"contract": "rheinruf-de", "budget": 5}, "budget")]:
        reply = raw_call(daemon.socket, {"method": f"{MONITOR}.GetPlan", "parameters": parameters})
        assert reply == {"error": "org.varlink.service.InvalidParameter", "parameters": {"parameter": name}}
    result = daemon.ctl("plan", "no-such-contrat")
    assert result.returncode == 3 and "no contract no-such-contrat" in result.stderr
