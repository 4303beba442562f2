"""The public surface is what __all__ says, sorted, and every name is documented."""

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
