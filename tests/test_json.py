"""Response bodies decode the same whether or not the optional orjson is installed."""

from __future__ import annotations

import math
import os
from typing import Any

import pytest

from flowroute import _json

BODIES = [
    (b'{"data": [{"id": "1"}]}', {"data": [{"id": "1"}]}),
    # orjson refuses this; the standard library's reading is what counts.
    ('{"t": "caf\u00e9"}'.encode("utf-16"), {"t": "caf\u00e9"}),
]


@pytest.fixture(params=["installed", "absent"])
def decoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    # Looked up afresh: a run that reads every other body with the standard
    # library (FLOWROUTE_TEST_JSON=stdlib) still tests orjson here.
    fast = None if request.param == "absent" else _json._fast_decoder()
    if request.param == "installed" and fast is None:
        pytest.skip("orjson is not installed")
    monkeypatch.setattr(_json, "_fast", fast)
    return str(request.param)


@pytest.mark.parametrize(("content", "decoded"), BODIES)
def test_bodies_decode_alike(decoder: str, content: bytes, decoded: Any) -> None:
    assert _json.loads(content) == decoded


def test_nan_reads_as_the_standard_library_reads_it(decoder: str) -> None:
    assert math.isnan(_json.loads(b"[NaN]")[0])


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe\x00", b'{"a": 1} x'])
def test_what_is_not_json_raises_value_error(decoder: str, content: bytes) -> None:
    with pytest.raises(ValueError):
        _json.loads(content)


def test_integers_past_64_bits(decoder: str) -> None:
    decoded = _json.loads(b'{"n": 123456789012345678901234567890}')["n"]
    # The one documented difference: orjson gives a float, refused by every int or text field.
    expected = float if decoder == "installed" else int
    assert type(decoded) is expected
    assert decoded == pytest.approx(123456789012345678901234567890)


# Read at import: the autouse clean_environ fixture hides FLOWROUTE_* from the tests.
RUN_DECODER = os.environ.get("FLOWROUTE_TEST_JSON")


def test_the_run_reads_bodies_with_the_decoder_it_asked_for() -> None:
    expected = RUN_DECODER != "stdlib" and _json._fast_decoder() is not None
    assert (_json.fast_in_use() is not None) == expected


def test_orjson_is_imported_with_the_first_large_body(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up = []
    monkeypatch.setattr(_json, "_fast", _json._UNSET)
    monkeypatch.setattr(_json, "fast_in_use", lambda: looked_up.append(1))
    assert _json.loads(b'{"data": [{"id": "1"}]}') == {"data": [{"id": "1"}]}
    assert looked_up == []  # a small first body: the standard library, nothing imported
    large = b'{"data": ["' + b"x" * _json._WORTH_IMPORTING + b'"]}'
    assert len(_json.loads(large)["data"][0]) == _json._WORTH_IMPORTING
    assert looked_up == [1]
