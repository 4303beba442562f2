"""v2 listings: pages by ``offset``, items read from the JSON:API document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from .._exchange import with_body
from .._reading import OFFSET
from .._reading import list_page as _list_page
from .._transport import Response
from ._converter import read_many

if TYPE_CHECKING:
    from .._resource import Endpoint
    from ..pagination import Page

__all__ = ["list_page"]

T = TypeVar("T")


def list_page(
    send: Callable[..., Response],
    endpoint: Endpoint,
    params: dict[str, Any],
    cls: type[T],
    unwrap: Optional[Callable[[Any], Any]] = None,
) -> Page[T]:
    """Fetch one page of `endpoint` with query `params` and read its items as `cls`.

    Args:
        send: the controller's ``_send``.
        endpoint: the listing.
        params: its validated query.
        cls: the model of one item.
        unwrap: turns the body into the standard document first, for a
            listing the API wraps differently.
    """

    def items(response: Response) -> list[T]:
        if unwrap is not None:
            response = with_body(response, unwrap(response.body))
        return read_many(response, cls)

    return _list_page(send, endpoint, params, items, OFFSET)
