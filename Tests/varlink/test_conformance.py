"""Every reply of the real exitreadyd checked against io.exitready.Monitor as the `varlink` package
parses it: each member the interface names is there with its type (an int is a JSON integer, a
float any number, a `?` member may be null or absent), no member it does not name, enums within
their values. Errors are checked against their error types the same way.

The replies are read over a plain socket, so that nulls and JSON number types stay as sent.
Run as root, like test_monitor.py.
"""
import pytest
import varlink
from varlink import scanner

from test_monitor import MONITOR, TODAY, Daemon, raw_call


@pytest.fixture(scope="module")
def daemon():
    running = Daemon()
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="module")
def interface(daemon):
    reply = raw_call(daemon.socket, {"method": "org.varlink.service.GetInterfaceDescription",
                                     "parameters": {"interface": MONITOR}})
    return varlink.Interface(reply["parameters"]["description"])


def mismatches(interface, kind, value, where):
    """Where `value` does not conform to the interface type `kind`, as readable lines."""
    if isinstance(kind, scanner._Maybe):
        return [] if value is None else mismatches(interface, kind.element_type, value, where)
    if value is None:
        return [f"{where}: null, but the member is not optional"]
    if isinstance(kind, scanner._CustomType):
        return mismatches(interface, interface.members[kind.name].type, value, f"{where} ({kind.name})")
    if isinstance(kind, bool):
        return [] if isinstance(value, bool) else [f"{where}: {value!r} is not a bool"]
    if isinstance(kind, int):
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{where}: {value!r} is not an int"]
    if isinstance(kind, float):
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if number else [f"{where}: {value!r} is not a float"]
    if isinstance(kind, str):
        return [] if isinstance(value, str) else [f"{where}: {value!r} is not a string"]
    if isinstance(kind, scanner._Enum):
        return [] if value in kind.fields else [f"{where}: {value!r} is not one of {list(kind.fields)}"]
    if isinstance(kind, scanner._Object):
        return []
    if isinstance(kind, set):  # [string]()
        ok = isinstance(value, dict) and all(member == {} for member in value.values())
        return [] if ok else [f"{where}: {value!r} is not a set of strings"]
    if isinstance(kind, scanner._Array):
        if not isinstance(value, list):
            return [f"{where}: {value!r} is not an array"]
        return [line for index, element in enumerate(value)
                for line in mismatches(interface, kind.element_type, element, f"{where}[{index}]")]
    if isinstance(kind, scanner._Dict):
        if not isinstance(value, dict):
            return [f"{where}: {value!r} is not a map"]
        return [line for key, element in value.items()
                for line in mismatches(interface, kind.element_type, element, f"{where}[{key!r}]")]
    if isinstance(kind, scanner._Struct):
        if not isinstance(value, dict):
            return [f"{where}: {value!r} is not an object"]
        lines = [f"{where}.{name}: not in the interface" for name in value if name not in kind.fields]
        for name, member in kind.fields.items():
            if name not in value and not isinstance(member, scanner._Maybe):
                lines.append(f"{where}.{name}: missing")
            else:
                lines += mismatches(interface, member, value.get(name), f"{where}.{name}")
        return lines
    raise AssertionError(f"{where}: an interface type this test does not know: {kind!r}")


def call(daemon, interface, method, parameters=None, more=False):
    """Calls `method` and checks its first reply against the method's out type; the reply."""
    message = {"method": f"{MONITOR}.{method}", "parameters": parameters or {}}
    if more:
        message["more"] = True
    reply = raw_call(daemon.socket, message, timeout=300)
    assert "error" not in reply, f"{method}({parameters}) failed: {reply}"
    out_type = interface.members[method].out_type
    problems = mismatches(interface, out_type, reply.get("parameters", {}), method)
    assert problems == [], "\n".join(problems)
    return reply["parameters"]


def test_every_reply_of_every_read_method_conforms(daemon, interface):
    status = call(daemon, interface, "GetStatus")
    assert status["last_evaluation"] is not None
    scores = call(daemon, interface, "GetScores", {"top": 1000})
    assert scores["evaluated"] == TODAY
    contracts = [contract["id"] for contract in scores["contracts"]]
    assert len(contracts) >= 5
    for contract in contracts:
        call(daemon, interface, "GetContract", {"id": contract})
        call(daemon, interface, "GetPlan", {"contract": contract})
        call(daemon, interface, "GetPlan", {"contract": contract, "target": 60})
        call(daemon, interface, "GetForecast", {"contract": contract, "horizon": 730})
        call(daemon, interface, "GetHistory", {"contract": contract, "every": True})
        call(daemon, interface, "GetChanges", {"contract": contract, "since": "2025-12-01"})
    call(daemon, interface, "GetPlan", {"budget": 30})
    call(daemon, interface, "GetPlan", {"budget": 0.5})
    call(daemon, interface, "GetForecast")
    call(daemon, interface, "GetHistory")
    call(daemon, interface, "GetChanges")
    call(daemon, interface, "GetAlerts", {"since": "2026-01-01"})
    call(daemon, interface, "GetRegister")
    call(daemon, interface, "GetMetrics")
    call(daemon, interface, "Watch", more=True)


def test_evaluate_and_reload_replies_conform(daemon, interface):
    assert call(daemon, interface, "Evaluate")["evaluated"] == TODAY
    assert call(daemon, interface, "Reload")["evaluated"] == TODAY


def test_fractional_weights_conform(daemon, interface):
    with open(daemon.config, "a") as config:
        config.write("[Scoring]\nContractWeight=30.5\nStaffWeight=19.25\n")
    call(daemon, interface, "Reload")
    weights = call(daemon, interface, "GetScores")["provenance"]["weights"]
    assert weights == {"contract": 30.5, "dataroom": 25, "processes": 25, "staff": 19.25}


@pytest.mark.parametrize("method, parameters, error", [
    ("GetContract", {"id": "no-such-contract"}, "ContractNotFound"),
    ("GetChanges", {"contract": "no-such-contract"}, "ContractNotFound"),
    ("GetPlan", {"contract": "no-such-contract"}, "ContractNotFound"),
    ("GetForecast", {"contract": "no-such-contract"}, "ContractNotFound"),
])
def test_errors_conform_to_their_types(daemon, interface, method, parameters, error):
    reply = raw_call(daemon.socket, {"method": f"{MONITOR}.{method}", "parameters": parameters})
    assert reply["error"] == f"{MONITOR}.{error}"
    problems = mismatches(interface, interface.members[error].type, reply.get("parameters", {}), error)
    assert problems == [], "\n".join(problems)
