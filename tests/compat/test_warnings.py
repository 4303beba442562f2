"""Deprecations: once per call site, at the caller's line. Losses: warned once or refused."""

from __future__ import annotations

import pytest

from flowroute.compat import (
    APIException,
    BillingMethod,
    Configuration,
    FlowrouteDeprecationWarning,
    FlowrouteTranslationWarning,
    LossyTranslationError,
    PurchasablePhoneNumbersController,
    TelephoneNumbersController,
    migration_report,
)
from flowroute.emulator import Emulator
from flowroute.errors import ConfigurationError

from .conftest import compat_warnings, sign_in


def _available(emulator: Emulator, count: int) -> list[str]:
    return [n.number for n in emulator.state.search_available(starts_with="1206")[:count]]


def test_one_deprecation_per_call_site(backend: str) -> None:
    with compat_warnings() as caught:
        for _ in range(3):
            PurchasablePhoneNumbersController.list_available_np_as(1)  # one site, three calls
        PurchasablePhoneNumbersController().list_available_np_as(1)  # another site
    assert [w.category for w in caught] == [FlowrouteDeprecationWarning] * 2
    assert [w.filename for w in caught] == [__file__] * 2
    assert caught[1].lineno == caught[0].lineno + 1
    assert "client.v2.numbers.list_available_area_codes()" in str(caught[0].message)


def test_the_deprecation_is_a_deprecation_warning(backend: str) -> None:
    assert issubclass(FlowrouteDeprecationWarning, DeprecationWarning)
    with pytest.warns(DeprecationWarning, match="list_available_area_codes"):
        PurchasablePhoneNumbersController.list_available_np_as(1)


def test_a_lost_billing_method_warns_once_and_is_recorded_each_time(emulator: Emulator) -> None:
    sign_in(emulator, "v2")
    first, second = _available(emulator, 2)
    with emulator.mock(), compat_warnings() as caught:
        TelephoneNumbersController.purchase(BillingMethod(billing_method="VPRI"), first)
        TelephoneNumbersController.purchase({"billing_method": "VPRI"}, second)
    lost = [str(w.message) for w in caught if w.category is FlowrouteTranslationWarning]
    assert lost == [
        "TelephoneNumbersController.purchase on v2: billing method 'VPRI' has no v2 "
        "equivalent; the number is bought and billed as METERED"
    ]
    assert [(r["call"], r["arguments"]) for r in migration_report()] == [
        (
            "TelephoneNumbersController.purchase",
            {"billing": {"billing_method": "VPRI"}, "number": first},
        ),
        (
            "TelephoneNumbersController.purchase",
            {"billing": {"billing_method": "VPRI"}, "number": second},
        ),
    ]
    assert set(emulator.state.account) == {first, second}


@pytest.mark.parametrize("backend_name", ["v1", "shadow"])
def test_v1_keeps_the_billing_method(emulator: Emulator, backend_name: str) -> None:
    sign_in(emulator, backend_name)
    (number,) = _available(emulator, 1)
    with emulator.mock(), compat_warnings() as caught:
        TelephoneNumbersController.purchase(BillingMethod(billing_method="VPRI"), number)
    assert [w.category for w in caught] == [FlowrouteDeprecationWarning]
    assert migration_report() == []
    assert emulator.state.number(number).billing_method == "VPRI"


def test_metered_loses_nothing(emulator: Emulator) -> None:
    sign_in(emulator, "v2")
    (number,) = _available(emulator, 1)
    with emulator.mock(), compat_warnings() as caught:
        TelephoneNumbersController.purchase(BillingMethod(billing_method="METERED"), number)
    assert [w.category for w in caught] == [FlowrouteDeprecationWarning]
    assert migration_report() == []


def test_strict_mode_refuses_a_lossy_call_before_sending(emulator: Emulator) -> None:
    sign_in(emulator, "v2")
    Configuration.strict = True
    (number,) = _available(emulator, 1)
    with (
        emulator.mock(),
        compat_warnings() as caught,
        pytest.raises(LossyTranslationError) as raised,
    ):
        TelephoneNumbersController.purchase(BillingMethod(billing_method="VPRI"), number)
    assert [w.category for w in caught] == [FlowrouteDeprecationWarning]
    assert isinstance(raised.value, APIException)
    assert "billing method 'VPRI'" in raised.value.response_body["error"]
    assert str(raised.value) == f"LOSSY TRANSLATION: {raised.value.response_body['error']}"
    assert emulator.requests == [] and emulator.state.account == {}


def test_the_backend_comes_from_the_environment(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(emulator, "v2")
    Configuration.backend = None
    monkeypatch.setenv("FLOWROUTE_COMPAT_BACKEND", "v1")
    with emulator.mock(), compat_warnings():
        PurchasablePhoneNumbersController.list_available_np_as(1)
    assert [r.path for r in emulator.requests] == ["/v1/available-tns/npas/"]


def test_an_unknown_backend_is_a_configuration_error(emulator: Emulator) -> None:
    sign_in(emulator, "v3")
    with compat_warnings(), pytest.raises(ConfigurationError, match="v1, v2, shadow"):
        PurchasablePhoneNumbersController.list_available_np_as(1)
