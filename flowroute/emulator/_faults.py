"""Fault injection: what can go wrong, on which requests, and what the client then sees.

A `Fault` says what goes wrong; `Faults` holds the injected rules (a fault,
which requests it applies to, how often) and, for each request, decides
what happens: an added delay and at most one failure. The dispatcher acts
on that decision, so both front doors inject the same faults.

Every kind of fault is one row of `KINDS`: whether the service handles the
request at all (its state may change) and what the front door does with
the connection. That row is what a test of "a POST is never performed
twice" relies on, and what the docs promise.
"""

from __future__ import annotations

import fnmatch
import json
import math
import random
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, Callable, Optional, Union

import attrs

from ._status import reason_phrase

__all__ = [
    "KINDS",
    "Fault",
    "Faults",
    "Kind",
    "Plan",
    "answer",
    "check_rule",
    "garble",
]

RetryAfter = Union[int, float, str]

HTML_PAGE = (
    "<html><head><title>{status} {phrase}</title></head>"
    "<body><h1>{status} {phrase}</h1><hr><center>nginx</center></body></html>"
)
# Python's repr of a dict: a familiar server bug, and certainly not JSON.
MALFORMED_BODY = b"{'data': None, 'errors': [u'internal']}"
TEXT_TYPE = "text/plain; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"


@attrs.frozen
class Kind:
    """What one kind of fault does.

    Attributes:
        handled: whether the service acts on the request (its state may change).
        action: what the front door does with the connection, or None for
            an ordinary response: ``"refuse"``, ``"drop"``, ``"timeout"``,
            ``"truncate"``.
    """

    handled: bool
    action: Optional[str] = None


KINDS: Mapping[str, Kind] = {
    "status": Kind(handled=False),
    "html": Kind(handled=False),
    "refuse": Kind(handled=False, action="refuse"),
    "latency": Kind(handled=True),
    "drop": Kind(handled=True, action="drop"),
    "timeout": Kind(handled=True, action="timeout"),
    "truncated": Kind(handled=True, action="truncate"),
    "malformed_json": Kind(handled=True),
}


def _is_seconds(value: Any) -> bool:
    """A finite, non-negative number of seconds (not a bool, not NaN)."""
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and math.isfinite(value)
        and value >= 0
    )


def _check_status(status: Any, low: int = 200) -> int:
    if isinstance(status, bool) or not isinstance(status, int) or not low <= status <= 599:
        raise ValueError(f"status must be an int from {low} to 599, got {status!r}")
    return status


@attrs.frozen(kw_only=True)
class Fault:
    """One thing that can go wrong with a request; build it with a class method.

    ``handled`` tells whether the service acted on the request before the
    fault struck, so whether the emulator's state may have changed.

    Attributes:
        kind: the name of the fault, as in the request log (``"status"``, ...).
        status_code: the status answered, for ``status`` and ``html``.
        body: the body answered by a ``status`` fault (None: the API's error document).
        retry_after: the ``Retry-After`` header of a ``status`` fault, or None.
        seconds: the delay of a ``latency`` fault.
    """

    kind: str
    status_code: Optional[int] = None
    body: Any = None
    retry_after: Optional[RetryAfter] = None
    seconds: float = 0.0

    @property
    def handled(self) -> bool:
        """Whether the service acts on the request (its state may change)."""
        return KINDS[self.kind].handled

    @classmethod
    def status(
        cls, status: int, body: Any = None, retry_after: Optional[RetryAfter] = None
    ) -> Fault:
        """Answer with this status instead of handling the request (state unchanged).

        Args:
            status: the HTTP status, e.g. 503 or 429.
            body: None for the API's own error document; a str or bytes is
                sent as plain text; anything else is sent as JSON.
            retry_after: seconds (or an HTTP date) for a ``Retry-After`` header.
        """
        if retry_after is not None and not (
            isinstance(retry_after, str) or _is_seconds(retry_after)
        ):
            raise ValueError(f"retry_after must be seconds or an HTTP date, got {retry_after!r}")
        if body is not None and not isinstance(body, (str, bytes)):
            try:  # refused here, not half-way through answering a request
                json.dumps(body)
            except (TypeError, ValueError):
                raise ValueError(
                    f"body must be str, bytes or JSON-serialisable, got {body!r}"
                ) from None
        return cls(
            kind="status", status_code=_check_status(status), body=body, retry_after=retry_after
        )

    @classmethod
    def html(cls, status: int = 502) -> Fault:
        """Answer with an HTML error page, as a proxy in front of the API may (state unchanged)."""
        return cls(kind="html", status_code=_check_status(status))

    @classmethod
    def latency(cls, seconds: float) -> Fault:
        """Wait this many seconds (the emulator's ``sleep``), then handle the request normally."""
        if not _is_seconds(seconds):
            raise ValueError(f"seconds must be a finite number >= 0, got {seconds!r}")
        return cls(kind="latency", seconds=float(seconds))

    @classmethod
    def refuse(cls) -> Fault:
        """The request never reaches the service: the connection is refused (state unchanged)."""
        return cls(kind="refuse")

    @classmethod
    def drop(cls) -> Fault:
        """Handle the request, then close the connection without answering (state changed)."""
        return cls(kind="drop")

    @classmethod
    def timeout(cls) -> Fault:
        """Handle the request, then answer nothing until the client times out (state changed)."""
        return cls(kind="timeout")

    @classmethod
    def truncated(cls) -> Fault:
        """Handle the request and send its response with the body cut short (state changed)."""
        return cls(kind="truncated")

    @classmethod
    def malformed_json(cls) -> Fault:
        """Handle the request, then answer 200 with a body that is not JSON (state changed)."""
        return cls(kind="malformed_json")


@attrs.frozen
class Plan:
    """The faults decided for one request: the total added delay and at most one failure."""

    delay: float = 0.0
    fault: Optional[Fault] = None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_rule(
    *,
    method: Optional[str] = None,
    path: Optional[str] = None,
    times: Optional[int] = None,
    probability: Optional[float] = None,
    seed: Optional[int] = None,
) -> None:
    """Raise ValueError naming the first bad argument of a fault rule."""
    if method is not None and (not isinstance(method, str) or not method.isalpha()):
        raise ValueError(f"method must be an HTTP method such as 'GET', got {method!r}")
    if path is not None and (not isinstance(path, str) or not path.startswith(("/", "*"))):
        raise ValueError(f"path must be a path pattern such as '/v2/numbers/*', got {path!r}")
    if times is not None and (not _is_int(times) or times < 1):
        raise ValueError(f"times must be an int >= 1, got {times!r}")
    if probability is not None and (
        not (_is_int(probability) or isinstance(probability, float)) or not 0 <= probability <= 1
    ):
        raise ValueError(f"probability must be a number from 0 to 1, got {probability!r}")
    if seed is not None and not _is_int(seed):
        raise ValueError(f"seed must be an int, got {seed!r}")


@attrs.define
class _Rule:
    fault: Fault
    method: Optional[str]
    path: Optional[str]
    times: Optional[int]
    probability: Optional[float]
    rng: random.Random

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (
            self.path is None or fnmatch.fnmatchcase(path, self.path)
        )

    def fires(self) -> bool:
        # The draw happens only for matching requests, so a given sequence of
        # requests always meets the same faults for the same seed.
        if self.probability is not None and self.rng.random() >= self.probability:
            return False
        if self.times is not None:
            self.times -= 1
        return True


class Faults:
    """The injected fault rules of one emulator, in injection order.

    Not thread-safe by itself: the dispatcher calls it under its lock.

    Args:
        seed: the default seed of a rule's random source.
    """

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._rules: list[_Rule] = []

    def add(
        self,
        fault: Fault,
        *,
        method: Optional[str] = None,
        path: Optional[str] = None,
        times: Optional[int] = None,
        probability: Optional[float] = None,
        seed: Optional[int] = None,
    ) -> None:
        """Add one rule; see `Emulator.inject` for the arguments."""
        if not isinstance(fault, Fault):
            raise TypeError(f"fault must be a Fault, got {fault!r}")
        check_rule(method=method, path=path, times=times, probability=probability, seed=seed)
        # Rules without a seed of their own each get a different stream, so two
        # rules with the same probability do not fire on the same draws.
        rng = random.Random(f"{self._seed}:{len(self._rules)}" if seed is None else seed)
        upper = None if method is None else method.upper()
        self._rules.append(_Rule(fault, upper, path, times, probability, rng))

    def clear(self) -> None:
        """Remove every rule."""
        self._rules.clear()

    def plan(self, method: str, path: str) -> Plan:
        """Decide the faults of one request, consuming counts and random draws.

        Rules are tried in injection order. Every firing latency rule adds
        its delay; the first firing rule of any other kind is the failure,
        and later rules are not tried (their counts and draws are kept).
        """
        delay = 0.0
        failure: Optional[Fault] = None
        for rule in list(self._rules):
            if not rule.matches(method, path) or not rule.fires():
                continue
            if rule.times == 0:
                self._rules.remove(rule)
            if rule.fault.kind == "latency":
                delay += rule.fault.seconds
                continue
            failure = rule.fault
            break
        return Plan(delay, failure)


def _json(document: Any) -> bytes:
    return json.dumps(document).encode()


def answer(
    fault: Fault, render_error: Callable[[int, str, str], Any], error_id: str, content_type: str
) -> tuple[int, dict[str, str], bytes]:
    """The response of a fault that answers instead of the service (``status``, ``html``)."""
    status = fault.status_code or HTTPStatus.BAD_GATEWAY
    phrase = reason_phrase(status)
    if fault.kind == "html":
        page = HTML_PAGE.format(status=status, phrase=phrase)
        return status, {"Content-Type": HTML_TYPE}, page.encode()
    headers: dict[str, str] = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(fault.retry_after)
    if fault.body is None:
        body = _json(render_error(status, f"injected fault: {status} {phrase}", error_id))
        headers["Content-Type"] = content_type
    elif isinstance(fault.body, (str, bytes)):
        body = fault.body.encode() if isinstance(fault.body, str) else fault.body
        headers["Content-Type"] = TEXT_TYPE
    else:
        body = _json(fault.body)
        headers["Content-Type"] = content_type
    return status, headers, body


def garble(
    fault: Fault, status: int, headers: dict[str, str], body: bytes, content_type: str
) -> tuple[int, dict[str, str], bytes]:
    """Spoil a response the service gave (``malformed_json``, ``truncated``).

    A response without a body (a 204) cannot be cut short, so a truncated
    one becomes a 200 whose two-byte body ``{}`` is then cut.
    """
    if fault.kind == "malformed_json":
        return 200, {"Content-Type": content_type}, MALFORMED_BODY
    if fault.kind == "truncated" and not body:
        return 200, {"Content-Type": content_type}, b"{}"
    return status, headers, body
