"""`flowroute migrate apply` without libcst: the extra is named, the status is 2."""

from __future__ import annotations

import io
import sys

import pytest

from flowroute.cli import main
from flowroute.migrate._apply import EXTRA_MISSING

from .conftest import CORPUS


def test_without_libcst_it_names_the_extra_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "libcst", None)  # import libcst now raises ImportError
    out = io.StringIO()
    assert main(["migrate", "apply", str(CORPUS)], out=out) == 2
    assert out.getvalue() == ""
    err = capsys.readouterr().err
    assert err == EXTRA_MISSING + "\n"
    assert "pip install 'flowroute-sdk[migrate]'" in err
