"""The SDK's ``FlowroutenumbersandmessagingClient``: its controllers, one attribute each."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Optional

from .cdrs import CDRsController, PortingController
from .cnams import CNAMsController
from .configuration import Configuration, session
from .e911s import E911sController
from .messages import MessagesController
from .numbers import NumbersController
from .routes import RoutesController

if TYPE_CHECKING:
    from ..._client import Client

__all__ = ["FlowroutenumbersandmessagingClient"]


class FlowroutenumbersandmessagingClient:
    """The SDK's client: controllers that run on `flowroute.Client`.

    As in the SDK, the credentials given are stored on `Configuration` (the
    class, for every controller); each call reads them when it runs.

    Args:
        basic_auth_user_name: the API access key (None: keep
            ``Configuration.basic_auth_user_name``, whose default None reads
            ``$FR_ACCESS_KEY``).
        basic_auth_password: the API secret key (None: keep
            ``Configuration.basic_auth_password``; default ``$FR_SECRET_KEY``).
        base_url: sets ``Configuration.base_uri`` (e.g. an emulator's URL);
            None keeps it.
    """

    config = Configuration

    def __init__(
        self,
        basic_auth_user_name: Optional[str] = None,
        basic_auth_password: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
    ) -> None:
        if basic_auth_user_name is not None:
            Configuration.basic_auth_user_name = basic_auth_user_name
        if basic_auth_password is not None:
            Configuration.basic_auth_password = basic_auth_password
        if base_url is not None:
            Configuration.base_uri = base_url

    def __repr__(self) -> str:
        return f"FlowroutenumbersandmessagingClient(base_uri={Configuration.base_uri!r})"

    @property
    def client(self) -> Client:
        """The `flowroute.Client` the current `Configuration` runs calls on."""
        return session().client

    @cached_property
    def numbers(self) -> NumbersController:
        """Numbers: the inventory and the account's numbers."""
        return NumbersController()

    @cached_property
    def routes(self) -> RoutesController:
        """Inbound routes."""
        return RoutesController()

    @cached_property
    def messages(self) -> MessagesController:
        """Messages (v2.1)."""
        return MessagesController()

    @cached_property
    def e911s(self) -> E911sController:
        """E911 addresses."""
        return E911sController()

    @cached_property
    def cnams(self) -> CNAMsController:
        """CNAM (caller name) records."""
        return CNAMsController()

    @cached_property
    def porting(self) -> PortingController:
        """Number portability."""
        return PortingController()

    @cached_property
    def cdrs(self) -> CDRsController:
        """CDR (call detail record) exports."""
        return CDRsController()
