"""The public surface is what __all__ says, sorted, and every name is documented."""

import subprocess
import sys

import flowroute
import flowroute.errors


def test_all_is_sorted_and_complete() -> None:
    names = flowroute.__all__
    assert names == sorted(names, key=lambda n: (n.startswith("_"), n))
    # "@py_*" names are pytest assertion-rewriting helpers, not ours.
    public = {n for n in dir(flowroute) if not n.startswith(("_", "@"))}
    modules = {
        "cli",
        "compat",
        "emulator",
        "errors",
        "migrate",
        "pagination",
        "v1",
        "v2",
        "webhooks",
    }
    assert public - modules <= set(names)


def test_every_public_name_has_a_docstring() -> None:
    for module in (flowroute, flowroute.errors):
        for name in module.__all__:
            obj = getattr(module, name)
            if callable(obj):
                assert obj.__doc__, f"{module.__name__}.{name} has no docstring"


# What pytester's in-process run does to sys.modules: modules first imported
# during the run are dropped afterwards, while `flowroute` itself stays.
STALE_MODULES = """
import sys

import responses

import subprocess
import sys

import flowroute

kept = set(sys.modules)
flowroute.Client  # imports the client's modules
for name in set(sys.modules) - kept:
    del sys.modules[name]
with responses.RequestsMock() as mock:
    mock.get("https://api.flowroute.com/v2/routes", json={"data": []})
    client = flowroute.Client("access", "secret")
    assert client.v2.routes.list_inbound_routes().items == []
"""


def test_lazy_names_follow_sys_modules() -> None:
    # A lazy name cached on the package would outlive the modules dropped
    # here, and mix two copies of the transport (tests passed or failed by their order).
    done = subprocess.run(
        [sys.executable, "-c", STALE_MODULES], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
