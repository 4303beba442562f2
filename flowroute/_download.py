"""Streaming a file (a CDR export) into a writer, within a deadline of its own.

A file can take far longer than an API call, so a download has a timeout of
its own, `download_timeout` (an hour by default), over the whole attempt:
connecting, the headers and every byte of the body. It is kept the way a
call's is (`_deadline`): the Client's own connections keep it on every send
and read, a caller's session's are cut by the watchdog. A server that drips
a byte at a time, or streams without end, cannot hold a download past it.
Memory stays at one chunk whatever the file's size. Nothing is retried:
part of the file may already have been written.

Imported by the first download, not by ``import flowroute``: most programs
never download a file, and every module imported costs each of them.
"""

from __future__ import annotations

import json as jsonlib
import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional

import requests
from requests.structures import CaseInsensitiveDict

from . import errors
from ._body import pieces
from ._deadline import Attempt
from ._exchange import map_exception, received
from ._watchdog import Watchdog

if TYPE_CHECKING:
    from ._transport import Writable

__all__ = ["download"]

logger = logging.getLogger("flowroute")

_CHUNK = 64 * 1024
_ERROR_BODY_CAP = 64 * 1024  # an error page is read this far, never a whole file

Send = Callable[[str, requests.PreparedRequest], requests.Response]


class _Counted:
    """`into`, counting what it took: a download cut short says how far it got."""

    __slots__ = ("into", "written")

    def __init__(self, into: Writable) -> None:
        self.into = into
        self.written = 0

    def write(self, data: bytes) -> None:
        self.into.write(data)
        self.written += len(data)


def download(
    send: Send,
    url: str,
    *,
    auth: Optional[requests.auth.AuthBase],
    into: Writable,
    headers: Mapping[str, str],
    watchdog: Watchdog,
    seconds: float,
) -> int:
    """Stream the body of ``GET url`` into `into` within `seconds`; the bytes written.

    `send` sends a prepared request with the session's settings (the
    Transport's). See `Transport.download`.
    """
    shown = url.split("?", 1)[0]  # a presigned query is a credential: never shown
    request = _request(url, auth, headers)
    counted = _Counted(into)
    watch = watchdog.start(seconds)
    started = time.monotonic()
    response = None
    try:
        response = send(url, request)
        connection = getattr(response.raw, "connection", None)
        if watch.connection is None and connection is not None:
            watch.watch(connection)  # an adapter of the caller's: watch the body at least
        if watch.expired:
            # Cut mid-headers, http.client takes the end of the stream for the end of
            # the headers: what looks like an answer is a fragment, not kept.
            fragment, response = response, None
            fragment.close()
        else:
            logger.debug("GET %s -> %d (download)", shown, response.status_code)
            _stream_body(response, shown, counted, started, watch)
        if watch.expired:  # a cut can end a body of no declared length as if it were whole
            raise _late(seconds, shown, counted.written, response, started)
        return counted.written
    except requests.RequestException as exc:
        error: errors.TransportError
        # As for a call: a connect timeout, and a read timeout before the deadline, keep
        # their names; any failure at or past the deadline is the deadline.
        late = watch.expired or watch.clock() >= watch.deadline
        if late and not isinstance(exc, requests.ConnectTimeout):
            error = _late(seconds, shown, counted.written, response, started)
        else:
            error = map_exception(exc, "GET", shown, wrote=watch.wrote or response is not None)
            if response is not None:  # the body broke off: keep the status line
                error.response = received(response, "GET", shown, None, _since(started))
        # Not chained: requests' message names the URL with its presigned query.
        raise error from None
    except errors.DecodeError as exc:  # what `into` refused, e.g. a CDR file that is not gzip
        if exc.response is None and response is not None:
            exc.response = received(response, "GET", shown, None, _since(started))
            exc.status = exc.response.status
        raise
    finally:
        watchdog.finish(watch)
        if response is not None:
            response.close()  # all read: back to the pool; else the connection is dropped


def _request(
    url: str, auth: Optional[requests.auth.AuthBase], headers: Mapping[str, str]
) -> requests.PreparedRequest:
    request = requests.PreparedRequest()
    request.method = "GET"
    request.url = url
    request.headers = CaseInsensitiveDict({**headers, "Accept": "*/*"})
    request.body = None
    request.hooks = {"response": []}
    return request if auth is None else auth(request)


def _since(started: float) -> float:
    return time.monotonic() - started


def _late(
    seconds: float,
    url: str,
    written: int,
    response: Optional[requests.Response],
    started: float,
) -> errors.ResponseTimeout:
    """The error of a download that outlived its `download_timeout` of `seconds`."""
    record = None if response is None else received(response, "GET", url, None, _since(started))
    return errors.ResponseTimeout(
        f"download not complete within download_timeout={seconds:g} s, "
        f"{written} bytes written; for a larger or slower file, pass a larger "
        "download_timeout to flowroute.Client",
        method="GET",
        url=url,
        response=record,
    )


def _stream_body(
    response: requests.Response, url: str, into: _Counted, started: float, watch: Attempt
) -> None:
    status = response.status_code
    if not 200 <= status < 300:
        content = _first_bytes(response, _ERROR_BODY_CAP)
        try:
            body: Any = jsonlib.loads(content) if content else None
        except (ValueError, RecursionError):
            body = content.decode("utf-8", "replace")
        record = received(response, "GET", url, body, _since(started))
        raise errors.error_for_status(status)(
            status,
            body=body,
            method="GET",
            url=url,
            request_id=record.request_id,
            response=record,
        )
    for chunk in pieces(response, _CHUNK):  # one chunk in memory, inflated or not
        into.write(chunk)
        # A connection the watchdog cut may still hand over what it had buffered:
        # the clock, once a chunk, ends the download at the deadline whatever the connection.
        if time.monotonic() > watch.deadline:
            watch.expired = True
            return


def _first_bytes(response: requests.Response, limit: int) -> bytes:
    """Up to `limit` bytes of the body, its encoding undone; the rest is left unread."""
    read = []
    size = 0
    for piece in pieces(response, limit):
        read.append(piece)
        size += len(piece)
        if size >= limit:
            break
    return b"".join(read)[:limit]
