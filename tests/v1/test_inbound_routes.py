"""InboundRoutesController: exact requests, documented response shapes, errors."""

from __future__ import annotations

from typing import Any

import pytest
import responses

import flowroute
from flowroute.v1 import Route, RouteType

from .expect import expect

PSTN = "18002364455"

ROUTES = {
    "routes": {
        "HOSTroute1": {"type": "HOST", "value": "24.239.23.40:5060"},
        "PSTNroute1": {"type": "PSTN", "value": "18002364455"},
        "URIroute1": {"type": "URI", "value": "sip:16476998778@215.122.69.152:5060"},
        "sip-reg": {"type": "SIP-REG", "value": "sip-reg"},
    },
    "links": {"next": "/v1/routes/?limit=4&page=2"},
}


def test_list(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v1/routes/", query={"limit": "4"}, reply=ROUTES)

    page = client.v1.inbound_routes.list(limit=4)

    assert page.items == [
        Route(name="HOSTroute1", type=RouteType.HOST, value="24.239.23.40:5060"),
        Route(name="PSTNroute1", type=RouteType.PSTN, value="18002364455"),
        Route(name="URIroute1", type=RouteType.URI, value="sip:16476998778@215.122.69.152:5060"),
        Route(name="sip-reg", type="SIP-REG", value="sip-reg"),
    ]
    assert page.items[3].type == "SIP-REG"
    assert page.items[0].raw == {"type": "HOST", "value": "24.239.23.40:5060"}


def test_list_walks_pages(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v1/routes/", query={"limit": "4"}, reply=ROUTES)
    more = {"routes": {"HOSTroute2": {"type": "HOST", "value": "example.com"}}}
    expect(rsps, "GET", "/v1/routes/", query={"limit": "4", "page": "2"}, reply=more)

    names = [route.name for route in client.v1.inbound_routes.list(4)]

    assert names == ["HOSTroute1", "PSTNroute1", "URIroute1", "sip-reg", "HOSTroute2"]


def test_list_with_page_and_nothing_there(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v1/routes/", query={"page": "9"}, reply={})

    page = client.v1.inbound_routes.list(page=9)

    assert page.items == []
    assert not page.has_next


@pytest.mark.parametrize(
    ("name", "mtype", "value", "body"),
    [
        ("PSTNroute1", "PSTN", "18002364455", {"type": "PSTN", "value": PSTN}),
        (
            "PSTNroute2",
            RouteType.PSTN,
            "+1 (800) 236-4455",
            {"type": "PSTN", "value": "18002364455"},
        ),
        ("HOSTroute1", "HOST", "24.239.23.40:5060", {"type": "HOST", "value": "24.239.23.40:5060"}),
        (
            "URIroute1",
            RouteType.URI,
            "sip:120664480000@215.122.69.152:5060",
            {"type": "URI", "value": "sip:120664480000@215.122.69.152:5060"},
        ),
    ],
)
def test_create_new_route(
    client: flowroute.Client,
    rsps: responses.RequestsMock,
    name: str,
    mtype: Any,
    value: str,
    body: dict[str, str],
) -> None:
    expect(rsps, "PUT", f"/v1/routes/{name}", body=body)

    client.v1.inbound_routes.create_new_route(name, mtype, value)

    assert len(rsps.calls) == 1


def test_create_new_route_refused(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    expect(
        rsps,
        "PUT",
        "/v1/routes/HOSTroute1",
        body={"type": "HOST", "value": "bad..host"},
        reply={"error": "Route value is malformed"},
        status=400,
    )

    with pytest.raises(flowroute.BadRequestError) as caught:
        client.v1.inbound_routes.create_new_route("HOSTroute1", "HOST", "bad..host")

    assert caught.value.detail == "Route value is malformed"
    assert caught.value.errors[0].detail == "Route value is malformed"
