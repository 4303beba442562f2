"""A response body in pieces of bounded size, its gzip or deflate encoding undone here.

urllib3 undoes a ``Content-Encoding`` a whole read at a time: on urllib3
1.26 (and 2.x before 2.6) one read of 256 KiB of gzip can inflate to a
quarter of a gigabyte before the caller sees a byte, so a size cap checked
per piece would hold too late. Here the body is read as sent and inflated
with zlib's ``max_length``: no piece is larger than asked for, whatever the
compression ratio, so the cap (or a file's one chunk in memory) holds on
every urllib3. An encoding the client never asks for (it sends
``Accept-Encoding: gzip, deflate``) is refused rather than left to urllib3,
which would undo brotli or zstd whole, where those libraries are installed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import requests
import urllib3

__all__ = ["pieces"]

_GZIP = 16 + zlib.MAX_WBITS  # a gzip header and trailer around the deflate stream
_ZLIB = zlib.MAX_WBITS  # "deflate" as the RFC says: a zlib stream
_RAW = -zlib.MAX_WBITS  # "deflate" as some servers send it: no zlib header
_WBITS = {"gzip": _GZIP, "x-gzip": _GZIP, "deflate": _ZLIB}
_AS_SENT = frozenset(("", "identity"))

# What urllib3 raises while reading, as requests' iter_content reports it, so
# that the Transport maps a failure the same way whichever path read the body.
_READ_ERRORS: tuple[tuple[type[Exception], type[requests.RequestException]], ...] = (
    (urllib3.exceptions.ProtocolError, requests.exceptions.ChunkedEncodingError),
    (urllib3.exceptions.ReadTimeoutError, requests.ConnectionError),
    (urllib3.exceptions.SSLError, requests.exceptions.SSLError),
)
_READ_SOURCES = tuple(source for source, _ in _READ_ERRORS)


def pieces(response: requests.Response, size: int) -> Iterator[bytes]:
    """The body, its ``Content-Encoding`` undone, in pieces of at most `size` bytes.

    Raises:
        requests.RequestException: as ``iter_content`` would, on a broken
            connection or a body shorter than its ``Content-Length``
            (``ChunkedEncodingError``), or on a body that does not inflate
            (``ContentDecodingError``), or in an encoding never asked for.
    """
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    wbits = _WBITS.get(encoding)
    if wbits is not None:
        yield from _inflated(response, size, encoding, wbits)
    elif encoding in _AS_SENT:
        yield from response.iter_content(size)
    else:
        # The cap could not hold over what urllib3 would inflate whole.
        raise requests.exceptions.ContentDecodingError(
            f"Content-Encoding {encoding[:40]!r} was not asked for (gzip, deflate)"
        )
    if getattr(response.raw, "length_remaining", None):
        # urllib3 1.26 takes a body shorter than its Content-Length for a whole one.
        raise requests.exceptions.ChunkedEncodingError("response body cut short")


def _inflated(response: requests.Response, size: int, encoding: str, wbits: int) -> Iterator[bytes]:
    inflate = zlib.decompressobj(wbits)
    started = False
    try:
        for data in _sent(response, size):
            if not started and wbits == _ZLIB:
                inflate = _deflate_kind(data)
            started = True
            while True:
                piece = inflate.decompress(data, size)
                if inflate.eof and inflate.unused_data and wbits == _GZIP:
                    data = inflate.unused_data  # another gzip member follows
                    inflate = zlib.decompressobj(_GZIP)
                else:
                    data = inflate.unconsumed_tail
                if piece:
                    yield piece
                # A full piece may leave inflated bytes pending with no input left.
                if not data and len(piece) < size:
                    break
        rest = inflate.flush()
    except zlib.error as exc:
        raise requests.exceptions.ContentDecodingError(f"{encoding}: {exc}") from exc
    if rest:
        yield rest


def _deflate_kind(first: bytes) -> zlib._Decompress:
    """A decompressor for "deflate": a zlib stream, or a raw one when the header says not."""
    try:
        zlib.decompressobj(_ZLIB).decompress(first[:2])
    except zlib.error:
        return zlib.decompressobj(_RAW)
    return zlib.decompressobj(_ZLIB)


def _sent(response: requests.Response, size: int) -> Iterator[bytes]:
    """The body as sent (still compressed), `size` bytes at a time."""
    try:
        yield from response.raw.stream(size, decode_content=False)
    except _READ_SOURCES as exc:
        raise next(target for source, target in _READ_ERRORS if isinstance(exc, source))(
            exc
        ) from exc
    # As iter_content marks it: read to the end, so closing the response hands the
    # connection back to the pool instead of dropping it.
    response._content_consumed = True  # type: ignore[attr-defined]  # requests' own flag
