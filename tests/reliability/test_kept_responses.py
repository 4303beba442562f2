"""Every error raised once an answer has arrived keeps it: ``error.response``.

Status, headers, request id and the body as far as it was read, as the
`Response` record a successful call returns; the message and repr stay one
short line with no body and no secret. Each case is served by a loopback
server, so the headers are what came over the wire.
"""

from __future__ import annotations

import io
import socket
import threading
from typing import Any, Callable, NamedTuple, Optional

import pytest

import flowroute
from flowroute import errors
from flowroute._transport import Transport

from .hostile import Behaviour, Hostile, answer, one_byte_at_a_time, send_slowly
from .test_hostile import EVERY, KEYS, client, purchase, send

RID = "X-Request-Id: req-7\r\n"
PAGE = "Content-Type: text/html\r\nSet-Cookie: session=abc\r\n"
NOISE = b"<html>" + b"z" * 100_000 + b"END-OF-PAGE</html>"  # a large page: cut short in a message


def cut_short(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(f"HTTP/1.1 200 OK\r\n{RID}Content-Length: 100\r\n\r\n".encode() + b'{"data": ')
    conn.shutdown(socket.SHUT_RDWR)


def drip_body(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(f"HTTP/1.1 200 OK\r\n{RID}Content-Length: 10000\r\n\r\n".encode())
    send_slowly(conn, stop, one_byte_at_a_time(b" " * 10_000), EVERY)


def endless_chunks(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(f"HTTP/1.1 200 OK\r\n{RID}Transfer-Encoding: chunked\r\n\r\n".encode())
    chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
    while not stop.is_set():
        conn.sendall(chunk)


def huge(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(f"HTTP/1.1 200 OK\r\n{RID}Content-Length: 999999999999\r\n\r\n{{".encode())
    stop.wait(5.0)


def details(c: flowroute.Client) -> Any:
    return c.v2.numbers.list_phone_number_details("12065550100")


def numbers(c: flowroute.Client) -> Any:
    return c.v2.numbers.list_account_phone_numbers()


def v1_details(c: flowroute.Client) -> Any:
    return c.v1.telephone_numbers.telephone_number_details("12065550100")


def portability(c: flowroute.Client) -> Any:
    return c.v2.porting.check_portability(["12065550100"])


class Case(NamedTuple):
    behaviour: Behaviour
    call: Callable[[flowroute.Client], Any]
    error: type[errors.FlowrouteError]
    status: int
    body: Any  # what error.response.body is
    options: Optional[dict[str, Any]] = None


CASES = {
    "not-json": Case(
        answer("200 OK", NOISE, RID + PAGE), numbers, errors.DecodeError, 200, NOISE.decode()
    ),
    "v2-shape": Case(
        answer("200 OK", b'{"data": {"id": 5}}', RID),
        details,
        errors.DecodeError,
        200,
        {"data": {"id": 5}},
    ),
    "v1-shape": Case(answer("200 OK", b"[1]", RID), v1_details, errors.DecodeError, 200, [1]),
    "portability-shape": Case(
        answer("200 OK", b'{"data": []}', RID), portability, errors.DecodeError, 200, {"data": []}
    ),
    "404": Case(
        answer("404 Not Found", b'{"errors": [{"detail": "no such number"}]}', RID),
        details,
        errors.NotFoundError,
        404,
        {"errors": [{"detail": "no such number"}]},
    ),
    "500-page": Case(
        answer("500 Oops", NOISE, RID + PAGE), numbers, errors.ServerError, 500, NOISE.decode()
    ),
    "declared-too-large": Case(
        huge, numbers, errors.ResponseTooLargeError, 200, None, {"max_response_bytes": 1000}
    ),
    "streamed-too-large": Case(
        endless_chunks,
        numbers,
        errors.ResponseTooLargeError,
        200,
        None,
        {"max_response_bytes": 10_000, "timeout": 5.0},
    ),
    "dripped-body": Case(drip_body, numbers, errors.ResponseTimeout, 200, None),
    "cut-short": Case(cut_short, numbers, errors.ReadError, 200, None),
    "garbled-purchase": Case(
        answer("201 Created", NOISE, RID + PAGE),
        purchase,
        errors.OutcomeUnknownError,
        201,
        NOISE.decode(),
    ),
    "504-send": Case(
        answer("504 Gateway Timeout", b"<html>gateway</html>", RID),
        send,
        errors.OutcomeUnknownError,
        504,
        "<html>gateway</html>",
    ),
}


def check_kept(
    error: BaseException, url: str, status: int, body: Any, request_id: Optional[str]
) -> None:
    response = getattr(error, "response", None)
    assert response is not None, repr(error)
    assert response.status == status
    assert response.url.startswith(url + "/")  # the full URL, not a template
    assert response.request_id == request_id
    assert response.headers["X-Request-Id"] == request_id
    assert response.body == body
    assert response.elapsed >= 0
    for shown in (str(error), repr(error)):
        assert len(shown) < 500, shown
        assert "END-OF-PAGE" not in shown and KEYS[1] not in shown and "session=abc" not in shown


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_an_error_after_an_answer_keeps_the_whole_response(case: Case) -> None:
    with (
        Hostile(case.behaviour) as url,
        client(url, **(case.options or {})) as c,
        pytest.raises(case.error) as caught,
    ):
        case.call(c)
    check_kept(caught.value, url, case.status, case.body, "req-7")
    if isinstance(caught.value, errors.OutcomeUnknownError):
        assert caught.value.status == case.status
        assert caught.value.__cause__.response is caught.value.response  # type: ignore[union-attr]
    if isinstance(caught.value, errors.DecodeError):
        assert caught.value.status == case.status


def test_an_error_without_an_answer_has_no_response() -> None:
    def hang_up(conn: socket.socket, stop: threading.Event) -> None:
        conn.shutdown(socket.SHUT_RDWR)

    with Hostile(hang_up) as url, client(url) as c, pytest.raises(errors.ReadError) as caught:
        numbers(c)
    assert caught.value.response is None


def test_a_failed_download_keeps_the_response() -> None:
    with Hostile(answer("403 Forbidden", b'{"errors": [{"detail": "expired"}]}', RID)) as url:
        transport = Transport(url, timeout=5.0)
        with pytest.raises(errors.PermissionDeniedError) as caught:
            transport.download("/export.csv.gz?signature=s3cr3t", auth=None, into=io.BytesIO())
        transport.close()
    check_kept(caught.value, url, 403, {"errors": [{"detail": "expired"}]}, "req-7")
    assert "s3cr3t" not in caught.value.response.url  # type: ignore[union-attr]  # a credential


def test_a_body_that_is_not_json_is_handed_over_by_with_raw_response() -> None:
    with Hostile(answer("200 OK", b"<html>maintenance</html>", RID)) as url, client(url) as c:
        raw = c.v2.numbers.with_raw_response.list_phone_number_details("12065550100")
        assert (raw.status, raw.request_id, raw.body) == (200, "req-7", "<html>maintenance</html>")
        with pytest.raises(errors.DecodeError) as caught:
            raw.parse()
    assert caught.value.response is raw.response


def test_a_download_that_breaks_or_does_not_read_keeps_the_response() -> None:
    from flowroute.v2._cdr_file import GunzipWriter

    def cut(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(f"HTTP/1.1 200 OK\r\n{RID}Content-Length: 100\r\n\r\nabc".encode())
        conn.shutdown(socket.SHUT_RDWR)

    not_gzip = answer("200 OK", b"\x1f\x8b" + b"\xff" * 32, RID)
    for behaviour, into, kind in [
        (cut, io.BytesIO(), errors.ReadError),
        (not_gzip, GunzipWriter(io.BytesIO()), errors.DecodeError),
    ]:
        with Hostile(behaviour) as url:
            transport = Transport(url, timeout=5.0)
            with pytest.raises(kind) as caught:
                transport.download("/export.csv.gz", auth=None, into=into)
            transport.close()
        check_kept(caught.value, url, 200, None, "req-7")
