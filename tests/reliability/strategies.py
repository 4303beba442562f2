"""Hypothesis strategies of the reliability suite: JSON of any shape, mutated API documents,
whole HTTP replies, and arbitrary call arguments."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

# Any JSON value Python's json module reads, NaN and Infinity included.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["", "0", "1", "12065550100", "mdr2-1", "2024-01-01T00:00:00Z", "true", "1.5"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=12), inner, max_size=4),
    ),
    max_leaves=12,
)

# Links that try to confuse paging: backwards, huge, negative, not numbers.
_link_values = st.one_of(
    st.integers(-3, 10**25).map(str), st.sampled_from(["", "abc", "1.5", "-0", "٣"])
)
links = st.builds(
    lambda path, key, value: f"{path}?{key}={value}",
    st.sampled_from(["/v2/numbers", "https://api.flowroute.com/v1/tns/", "", "/x"]),
    st.sampled_from(["offset", "page", "limit", "page=2&page"]),
    _link_values,
)

# Bodies no strategy above writes: deep nesting, huge numbers, broken encodings.
nasty_bodies = st.sampled_from(
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"data": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"data": {"id": 1' + b"0" * 5000 + b"}}",
        b'{"data": [], "links": {"next": "?offset=1' + b"0" * 400 + b'"}}',
        b"\xff\xfe\x00{",
        b'{"data": "\xed\xa0\x80"}',
        b"\x00" * 16,
        b"<html><body>502 Bad Gateway</body></html>",
        b'{"errors": [{"detail": null, "status": [], "id": {}}]}',
        b'{"errors": "boom"}',
        b'{"error": ["x"]}',
        b"null",
        b"NaN",
    ]
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _paths(value, (*prefix, index))
    return found


def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return doc


def _delete(doc: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return doc
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return doc


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> Any:
    """A valid response document with one to three parts deleted or replaced."""
    doc = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)))
        action = draw(st.sampled_from(["delete", "replace", "replace", "link"]))
        if action == "delete":
            doc = _delete(doc, path)
        elif action == "link":
            doc = _replace(doc, path, draw(links))
        else:
            doc = _replace(doc, path, draw(json_values))
    return doc


class Reply:
    """One HTTP reply to serve: status, headers and raw body."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def __repr__(self) -> str:
        # Falsifying examples print this; a 200 kB body would drown the report.
        body = self.body if len(self.body) <= 300 else self.body[:300] + b"..."
        return f"Reply({self.status}, {self.headers!r}, {body!r}, len={len(self.body)})"


def _encode(document: Any) -> bytes:
    # None stands for the empty body of a 204 (or of a v1 purchase).
    return b"" if document is None else json.dumps(document).encode()


_visible_ascii = st.characters(min_codepoint=33, max_codepoint=126)
_success = st.sampled_from([200, 200, 200, 201, 202, 204, 206])
_failure = st.sampled_from([400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504])
# Mostly successes, so that bodies reach the decoders; any status now and then.
statuses = st.one_of(_success, _success, _failure, st.integers(200, 599))
_headers = st.one_of(
    st.just({}),
    st.just({}),
    st.fixed_dictionaries(
        {},
        optional={
            "Retry-After": st.one_of(
                st.integers(-5, 10**6).map(str),
                st.sampled_from(["1e309", "nan", "-inf", "", "Wed, 21 Oct 2015 07:28:00 GMT"]),
                st.sampled_from(["Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT"]),
                st.text(max_size=30).filter(lambda t: t.isprintable() and t.isascii()),
            ),
            "X-Request-Id": st.text(_visible_ascii, max_size=20),
            "Content-Type": st.sampled_from(["application/json", "text/html"]),
        },
    ),
    # A body the Content-Encoding header lies about cannot be read at all.
    st.sampled_from([{"Content-Encoding": "gzip"}, {"Content-Encoding": "deflate"}]),
)


def replies(samples: list[Any]) -> st.SearchStrategy[Reply]:
    """A reply whose body is a (mutated) valid document, any JSON, or raw bytes."""
    bodies = st.one_of(
        st.sampled_from(samples).map(_encode),
        st.sampled_from(samples).flatmap(mutated).map(_encode),
        st.sampled_from(samples).flatmap(mutated).map(_encode),
        json_values.map(_encode),
        st.binary(max_size=64),
        st.text(max_size=64).map(str.encode),
        nasty_bodies,
    )
    return st.builds(Reply, statuses, _headers, bodies)


def reply_sequences(samples: list[Any]) -> st.SearchStrategy[list[Reply]]:
    """Replies served in turn; the last is repeated for any further request."""
    return st.lists(replies(samples), min_size=1, max_size=4)


# Arbitrary arguments: anything a caller might pass by mistake.
arbitrary = st.one_of(
    # Near misses of valid values. ("²" belongs here too once _validate.integer refuses it.)
    st.sampled_from([" 5 ", "1e3", "-1", "0x10", "٣", "+1 206 555 0100", "1206555010O", "2"]),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=24),
    st.lists(scalars, max_size=3),
    st.dictionaries(st.text(max_size=10), scalars, max_size=3),
)
