"""No secret leaks: the secret key, v1 signatures and basic-auth tokens never appear in
log records, reprs, exception messages, warnings or the demo's output.

Every Authorization header actually sent is captured at the adapter, so the
secrets looked for include each v1 signature computed during the run.
"""

from __future__ import annotations

import base64
import io
import logging
import re
import traceback
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter

import flowroute
from flowroute import cli, compat
from flowroute.emulator import Emulator, Fault
from FlowrouteMessagingLib.Controllers.APIController import APIController
from FlowrouteNumbersLib.Controllers.InboundRoutesController import InboundRoutesController
from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import (
    APIException,
    BillingMethod,
    Configuration,
    TelephoneNumbersController,
)

from .conftest import Sleeps, policy

WRONG_SECRET = "wrong-secret-0123456789abcdef"


class RecordingAdapter(HTTPAdapter):
    """Sends as usual, keeping every Authorization header it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.authorizations: list[str] = []

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        self.authorizations.append(request.headers.get("Authorization", ""))
        return super().send(request, *args, **kwargs)


def _secrets(secret_keys: list[str], authorizations: list[str]) -> set[str]:
    """The secret keys, and every token and v1 signature inside the headers sent."""
    found = set(secret_keys)
    for header in authorizations:
        scheme, _, token = header.partition(" ")
        assert scheme == "Basic" and token, header
        found.add(token)
        password = base64.b64decode(token).decode().partition(":")[2]
        found.add(password)
    return {s for s in found if s}


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every log record of any logger, at DEBUG."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="flowroute")
    yield caplog


def _record_texts(records: list[logging.LogRecord]) -> list[str]:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    texts = []
    for record in records:
        texts += [str(record.msg), repr(record.args), formatter.format(record)]
        if record.exc_info:
            texts.append(formatter.formatException(record.exc_info))
    return texts


def _error_texts(exc: BaseException) -> list[str]:
    texts = [
        str(exc),
        repr(exc),
        repr(exc.args),
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    ]
    if isinstance(exc, flowroute.APIError):
        texts += [repr(exc.body), repr(exc.errors), exc.url]
    if hasattr(exc, "response_body"):  # the legacy APIException
        texts += [repr(exc.response_body), repr(exc.__cause__)]
    return texts


def _assert_clean(texts: list[str], secrets: set[str]) -> None:
    assert len(secrets) >= 2
    for text in texts:
        for secret in secrets:
            assert secret not in text, f"secret {secret[:4]}... leaked in: {text[:300]}"


def _run_sample(client: flowroute.Client, emulator: Emulator) -> tuple[list[Any], list[Any]]:
    """v2 and v1 calls, API errors, retried faults; returns (results, errors)."""
    results: list[Any] = []
    failures: list[BaseException] = []

    def attempt(call: Any, *args: Any) -> None:
        try:
            results.append(call(*args))
        except flowroute.FlowrouteError as exc:
            failures.append(exc)

    v2, v1 = client.v2, client.v1
    offer = v2.numbers.search_for_purchasable_phone_numbers(limit=3)
    results.append(offer)
    number = v2.numbers.purchase_a_phone_number(offer.items[0].id)
    route = v2.routes.create_an_inbound_route(
        {"route_type": "uri", "value": "sip:a@b.example", "alias": "b"}
    )
    v2.routes.update_primary_voice_route(number.id, route.id)
    mdr = v2.messages.send_a_message({"to": "12065550123", "from": number.id, "body": "hi"})
    results += [number, route, mdr, v2.messages.look_up_a_message_detail_record(mdr)]
    results += list(v2.numbers.list_account_phone_numbers(limit=1))
    v1_offer = v1.purchasable_phone_numbers.search(npa=206, limit=2)
    v1.telephone_numbers.purchase("METERED", v1_offer.items[0].number)
    v1.inbound_routes.create_new_route("office", "HOST", "10.0.0.1:5060")
    v1.telephone_numbers.update(v1_offer.items[0].number, ["office", "sip-reg"])
    results += [v1_offer, *v1.inbound_routes.list(limit=1)]
    results.append(v1.telephone_numbers.telephone_number_details(v1_offer.items[0].number))
    results += list(v1.telephone_numbers.list_account_telephone_numbers(limit=1))
    # Error paths: unknown ids, refused arguments, faults retried and not.
    attempt(v2.numbers.list_phone_number_details, "12065550199")
    attempt(v1.telephone_numbers.telephone_number_details, "12065550199")
    attempt(v1.telephone_numbers.purchase, "METERED", "12065550199")
    attempt(v2.numbers.list_account_phone_numbers, None, None, None, 999)
    for fault in (Fault.status(503, retry_after=1), Fault.drop()):
        emulator.inject(fault, times=1)
        attempt(v2.numbers.list_account_phone_numbers)
        emulator.inject(fault, times=1)
        attempt(v1.telephone_numbers.list_account_telephone_numbers)
    for fault in (Fault.status(500), Fault.html(), Fault.malformed_json(), Fault.truncated()):
        emulator.inject(fault)
        attempt(v2.numbers.list_phone_number_details, number.id)
        attempt(v1.inbound_routes.list)
        attempt(v2.messages.send_a_message, {"to": "12065550123", "from": number.id, "body": "x"})
        emulator.clear_faults()
    return results, failures


def _run_legacy(emulator: Emulator, url: str) -> tuple[list[Any], list[Any]]:
    """Legacy calls on both backends and the messaging library, with errors; settings reset."""
    results: list[Any] = []
    failures: list[BaseException] = []
    controllers = (TelephoneNumbersController, InboundRoutesController)
    try:
        for backend in ("v1", "v2"):
            compat.reset()
            Configuration.username = emulator.access_key
            Configuration.password = emulator.secret_key
            Configuration.BASE_URI, Configuration.backend = url, backend
            results.append(TelephoneNumbersController.list_account_telephone_numbers(limit=1))
            results.append(InboundRoutesController.list())
            for call, args in (
                (TelephoneNumbersController.telephone_number_details, ("12065550199",)),
                (TelephoneNumbersController.purchase, (BillingMethod(billing_method="VPRI"), "1")),
                (InboundRoutesController.create_new_route, ("bad name", "HOST", "x")),
            ):
                try:
                    results.append(call(*args))
                except APIException as exc:
                    failures.append(exc)
            results += [repr(c) for c in controllers] + [compat.migration_report()]
        messages = APIController(emulator.access_key, emulator.secret_key)
        results.append(messages)
        try:
            messages.get_message_lookup("mdr2-0")
        except Exception as exc:
            failures.append(exc)
    finally:
        compat.reset()
    return results, failures


def test_no_secret_in_logs_reprs_errors_or_warnings(logged: pytest.LogCaptureFixture) -> None:
    emulator = Emulator(seed=3)
    adapter = RecordingAdapter()
    session = requests.Session()
    session.mount("http://", adapter)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with emulator.serve() as url:
            client = flowroute.Client(
                emulator.access_key,
                emulator.secret_key,
                base_url=url,
                retry_policy=policy(Sleeps()),
                session=session,
            )
            results, failures = _run_sample(client, emulator)
            legacy_results, legacy_failures = _run_legacy(emulator, url)
            impatient = flowroute.Client(
                emulator.access_key,
                emulator.secret_key,
                base_url=url,
                timeout=0.05,
                retry_policy=policy(Sleeps(), max_retries=1),
                session=session,
            )
            emulator.inject(Fault.timeout())
            for call in (impatient.v2.routes.list_inbound_routes, impatient.v1.inbound_routes.list):
                # A read timeout or the deadline's cut, whichever comes first.
                with pytest.raises(flowroute.errors.TimeoutError) as late:
                    call()
                failures.append(late.value)
            emulator.clear_faults()
            intruder = flowroute.Client(
                emulator.access_key, WRONG_SECRET, base_url=url, session=session
            )
            for call in (intruder.v2.routes.list_inbound_routes, intruder.v1.inbound_routes.list):
                with pytest.raises(flowroute.AuthenticationError) as refused:
                    call()
                failures.append(refused.value)
    session.close()

    assert len(legacy_failures) == 7 and len(legacy_results) > 10, legacy_failures
    results += legacy_results
    failures += legacy_failures
    kinds = {type(exc).__name__ for exc in failures}
    assert {"NotFoundError", "ValidationError", "ServerError"} <= kinds, kinds
    assert kinds & {"ReadTimeout", "ResponseTimeout"}, kinds
    assert {"AuthenticationError", "DecodeError", "ReadError"} <= kinds, kinds
    secrets = _secrets([emulator.secret_key, WRONG_SECRET], adapter.authorizations)
    assert len(adapter.authorizations) > 40
    signatures = [s for s in secrets if re.fullmatch("[0-9a-f]{40}", s)]
    assert len(signatures) > 10, "the v1 signatures sent were not collected"
    reprs = [repr(x) for x in (client, client.v1, client.v2, intruder, emulator, *results)]
    reprs += [repr(getattr(client.v2, name)) for name in ("numbers", "routes", "messages")]
    for name in ("purchasable_phone_numbers", "telephone_numbers", "inbound_routes"):
        reprs.append(repr(getattr(client.v1, name)))
    reprs += [repr(client._v2_auth()), repr(client._v1_auth()), repr(emulator.state)]
    reprs += [repr(entry) for entry in emulator.requests]
    texts = reprs + _record_texts(logged.records) + [logged.text]
    texts += [text for exc in failures for text in _error_texts(exc)]
    texts += [str(w.message) for w in caught]
    _assert_clean(texts, secrets)
    assert any("flowroute" in r.name for r in logged.records), "no DEBUG records captured"


def test_demo_leaks_no_secret(logged: pytest.LogCaptureFixture) -> None:
    out = io.StringIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert cli.main(["demo"], out=out) == 0
    emulator = Emulator(seed=0)  # the demo's own emulator: same seed, same keys
    token = base64.b64encode(f"{emulator.access_key}:{emulator.secret_key}".encode()).decode()
    assert "Message sent" in out.getvalue()
    texts = [out.getvalue(), logged.text, *_record_texts(logged.records)]
    texts += [str(w.message) for w in caught]
    _assert_clean(texts, {emulator.secret_key, token})
    assert any(r.name == "flowroute" for r in logged.records)
