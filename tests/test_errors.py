"""The error tree: one base class per kind of failure; messages short whatever the body."""

from __future__ import annotations

from flowroute import errors


def test_error_bodies_are_truncated_in_messages_and_reprs() -> None:
    huge = "y" * 1_000_000
    for error in (
        errors.ServerError(500, body=huge),
        errors.BadRequestError(400, body={"errors": [{"detail": huge}]}),
    ):
        assert len(str(error)) < 400 and len(repr(error)) < 400
        assert str(error).startswith(f"{error.status}: yyy")
    assert errors.ServerError(500, body=huge).body == huge  # kept whole for who needs it


def test_timeouts_share_one_base_class() -> None:
    for kind in (errors.ConnectTimeout, errors.ReadTimeout, errors.ResponseTimeout):
        assert issubclass(kind, errors.TimeoutError)
        assert issubclass(kind, errors.TransportError)
    assert issubclass(errors.ConnectTimeout, errors.ConnectError)  # still: nothing was sent
    assert not issubclass(errors.OutcomeUnknownError, (errors.TimeoutError, errors.ReadError))
