"""The checkout example (examples/checkout/) in a real headless Chromium.

Debian's chromium, driven by Playwright through `executable_path` (never a
browser download); the app served by uvicorn on 127.0.0.1 for the module.
Skips without chromium unless CARDVALID_REQUIRE_SYSTEM=1.
"""

from __future__ import annotations

import doctest
import importlib.util
import itertools
import json
import os
import random
import shutil
import socket
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import cardvalid as cv
from cardvalid import text
from cardvalid.address._text import _POSTAL
from cardvalid.address.rules import rules_for
from cardvalid.brands import BRANDS
from cardvalid.digits import DELETE_SEPARATORS as _DELETE_SEPARATORS
from cardvalid.expiry import FOLD
from cardvalid.luhn import append_check_digit
from cardvalid.model import Checklist
from cardvalid.number import DROP_INVISIBLE
from conftest import require_system

TYPE_CHECKING = False
if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

APP = Path(__file__).parents[1] / "examples" / "checkout" / "app.py"
TODAY = date(2026, 11, 26)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _load_app() -> Any:
    spec = importlib.util.spec_from_file_location("checkout_app", APP)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["checkout_app"] = module
    spec.loader.exec_module(module)
    return module.app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def app() -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHECKOUT_TODAY", TODAY.isoformat())  # the server's date (the page's: ?today=)
        yield _load_app()


@pytest.fixture(scope="module")
def base_url(app: Any) -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    chromium = require_system("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext, base_url: str) -> Iterator[Page]:
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{base_url}/?today={TODAY.isoformat()}")
    tab.wait_for_selector("body[data-ready=true]", timeout=15_000)
    yield tab
    tab.close()
    assert errors == []


def _codes(page: Page, field: str) -> list[str]:
    return (page.get_attribute(f"#{field}-note", "data-codes") or "").split()


def _visible_text(page: Page) -> str:
    """Everything the page shows or holds in its markup, inputs' own values left out."""
    return str(page.evaluate("document.body.innerText")) + page.content()


def _fill_card(page: Page, number: str, **fields: str) -> None:
    page.fill("#number", number)
    values = {"expiry": "12/29", "cvc": "123", "name": "Anna Svensson",
              "line1": "Drottninggatan 1", "postal_code": "111 51", "city": "Stockholm"}
    for field, value in (values | fields).items():
        page.fill(f"#{field}", value)


def _submit(page: Page) -> dict[str, Any]:
    with page.expect_response("**/api/validate") as response:
        page.click("#pay")
    answer: dict[str, Any] = response.value.json()
    page.wait_for_selector("#summary:not([hidden])")
    return answer


def _save_screenshot(page: Page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    artifacts = os.environ.get("CARDVALID_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(artifacts) / name)
    return path


# ---------------------------------------------------------------- the app's API (no browser)


def test_the_app_serves_the_exported_rules_and_the_page(app: Any) -> None:
    from cardvalid.rules_export import dumps, export_rules

    client = TestClient(app)
    served = client.get("/rules.json")
    assert served.headers["content-type"] == "application/json"
    assert served.text == dumps(export_rules(locales=("en", "sv")))
    page = client.get("/")
    assert "checkout.js" in page.text and "rules.js" in page.text
    for name in ("checkout.js", "rules.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200


def test_the_apps_own_example_runs(app: Any) -> None:
    outcome = doctest.testmod(sys.modules["checkout_app"])  # examples/ is outside testpaths
    assert outcome.attempted and not outcome.failed


def test_the_api_answers_with_reasons_and_never_the_number_or_code(app: Any) -> None:
    client = TestClient(app)
    rng = random.Random(7)
    for prefix in ("4", "51", "34", "6011", "2221"):
        payload = prefix + "".join(rng.choice("0123456789") for _ in range(14 - len(prefix)))
        number = append_check_digit(payload)
        body = {"number": number, "expiry": "12/29", "name": "Anna Svensson", "cvc": "9753",
                "line1": "Drottninggatan 1", "city": "Stockholm", "postal_code": "111 51",
                "country": "SE", "locale": "sv"}
        response = client.post("/api/validate", json=body)
        assert response.status_code == 200
        answer = response.json()
        server = cv.validate(cv.CardDetails(
            number=number, expiry="12/29", name="Anna Svensson", cvc="9753",
            address=cv.Address(line1="Drottninggatan 1", city="Stockholm",
                               postal_code="111 51", country="SE"),
        ), today=TODAY, locale="sv", require_cvc=True, require_address=True)
        assert [p["code"] for p in answer["problems"]] == list(server.codes)
        assert [p["message"] for p in answer["problems"]] == [p.message for p in server.problems]
        assert number not in response.text and number[6:-4] not in response.text
        assert "9753" not in response.text
    for bad in ({"number": "4242424242424242", "pan": "4242424242424242"},
                {"number": "4242424242424242" + " " * 300}, {"cvc": ["4242424242424242"]}):
        refused = client.post("/api/validate", json=bad)
        assert refused.status_code == 422 and "424242" not in refused.text
        assert refused.json()["detail"][0]["loc"][0] == "body"


def test_malformed_requests_are_refused_without_echoing_a_key_or_a_body(app: Any) -> None:
    client = TestClient(app)
    number = "4242424242424242"
    refusals = [
        client.post("/api/validate", json={number: "1"}),  # a card number as a key
        client.post("/api/validate", json={"number": {number: 1}}),
        client.post("/api/validate", json=[number, "987"]),
        client.post("/api/validate", content=f'{{"number": "{number}"', headers={
            "content-type": "application/json"}),
        client.post("/api/validate", data={"number": number, "cvc": "987"}),  # a native submit
        client.post("/api/validate", json={"number": 4242424242424242}),
        client.post("/api/validate", json={"expiry": "01/98", "today": "1997-12-01"}),
    ]
    for refused in refusals:
        assert refused.status_code == 422
        assert "424242" not in refused.text and "987" not in refused.text
    assert refusals[0].json()["detail"] == [
        {"loc": ["body", "?"], "type": "extra_forbidden", "msg": "Extra inputs are not permitted"}
    ]
    assert refusals[-1].json()["detail"][0]["type"] == "extra_forbidden"  # the date is the server's


def test_expiry_is_judged_against_the_servers_date(app: Any) -> None:
    client = TestClient(app)
    answer = client.post("/api/validate", json={"expiry": "11/26"}).json()
    codes = [p["code"] for p in answer["problems"]]
    assert "expiry.expires_this_month" in codes and "expiry.expired" not in codes  # on TODAY


def test_without_its_script_the_form_never_sends_the_card_in_a_url(
    browser: BrowserContext, base_url: str
) -> None:
    tab = browser.new_page()
    tab.route("**/static/checkout.js", lambda route: route.abort())  # blocked, failed, slow
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(f"{request.method} {request.url}"))
    tab.goto(f"{base_url}/")
    assert tab.is_disabled("#pay")
    tab.fill("#number", "4242 4242 4242 4242")
    tab.fill("#cvc", "987")
    tab.press("#cvc", "Enter")  # implicit submission: the disabled Pay button stops it
    with tab.expect_navigation():
        tab.evaluate("document.getElementById('checkout').submit()")  # sent natively anyway
    assert tab.url == f"{base_url}/api/validate"
    assert f"POST {base_url}/api/validate" in requested
    shown = " ".join(requested) + tab.content()
    assert "4242" not in shown and "987" not in shown
    tab.close()


# ---------------------------------------------------------------- as you type


def test_typing_a_number_digit_by_digit_shows_the_brand_and_the_servers_reasons(
    page: Page,
) -> None:
    typed = "3782822463100060"  # an American Express number with a wrong check digit, then one more
    number = page.locator("#number")
    for k in range(1, len(typed) + 1):
        number.press_sequentially(typed[k - 1])
        server = cv.check_number(typed[:k], partial=True)
        assert _codes(page, "number") == list(server.codes), k
        assert page.get_attribute("#brand", "data-brand") == (
            server.card.brand.value if server.card and server.card.brand else ""
        ), k
        if k == 1:  # "3": every brand a 3 can become
            assert page.get_attribute("#brand", "data-brands") == "amex jcb diners_club lankapay"
        if k == 15:  # complete: the check digit is wrong
            assert _codes(page, "number") == ["number.checksum"]
            assert number.input_value() == "3782 822463 10006"  # American Express gaps
            assert page.text_content("#brand") == "American Express"
            assert page.text_content("#cvc-name") == "CID"
    assert _codes(page, "number") == ["number.length_for_brand"]
    reason = page.text_content("#number-note") or ""
    assert cv.check_number(typed, partial=True).problems[0].message in reason
    shown = _visible_text(page)
    assert typed[:15] not in shown and "10006" not in shown and "822463" not in shown


def _postal_codes_typed(country: str, value: str, *, partial: bool = True) -> list[str]:
    result = cv.check_address(cv.Address(country=country, postal_code=value), partial=partial)
    return [p.code for p in result.problems if p.field.value == "postal_code"]


def test_postal_and_security_codes_are_checked_as_they_are_typed(
    page: Page, tmp_path: Path
) -> None:
    postal = page.locator("#postal_code")
    assert postal.get_attribute("placeholder") == "114 55"  # Sweden's first example
    postal.press_sequentially("111 5")
    assert _codes(page, "postal_code") == _postal_codes_typed("SE", "111 5")
    assert _codes(page, "postal_code") == ["postal_code.incomplete"]  # can still become a code
    assert page.get_attribute("#postal_code-note .reason", "class") == "reason notice"
    postal.press_sequentially("A")
    assert _codes(page, "postal_code") == ["postal_code.format"]  # no longer can
    page.select_option("#country", "GB")
    postal.fill("")
    postal.press_sequentially("sw1a1aa")
    postal.press("Tab")
    assert postal.input_value() == "SW1A 1AA" and _codes(page, "postal_code") == []
    page.select_option("#country", "PL")
    postal.fill("")
    postal.press_sequentially("77777")  # Poland writes 77-777: read so, and said so
    postal.press("Tab")
    assert postal.input_value() == "77-777"
    assert _codes(page, "postal_code") == _postal_codes_typed("PL", "77777", partial=False)
    assert _codes(page, "postal_code") == ["postal_code.reformatted"]
    reformatted = next(p for p in cv.check_address(cv.Address(country="PL", postal_code="77777"))
                       .problems if p.code == "postal_code.reformatted")
    assert reformatted.message in (page.text_content("#postal_code-note") or "")
    page.locator("#number").press_sequentially("378282246310005")
    cvc = page.locator("#cvc")
    for k, typed in enumerate("123", start=1):
        cvc.press_sequentially(typed)
        server = cv.check_cvc("123"[:k], brand="amex", partial=True)
        assert _codes(page, "cvc") == list(server.codes) == ["cvc.incomplete"]  # CID: 4 digits
    _save_screenshot(page, tmp_path, "checkout-notices.png")
    cvc.press("Tab")
    assert _codes(page, "cvc") == list(cv.check_cvc("123", brand="amex").codes)
    assert page.text_content("#cvc-name") == "CID"
    cvc.fill("12 34")  # separators inside a code are not a 4-digit code
    assert _codes(page, "cvc") == list(cv.check_cvc("12 34", partial=True).codes)
    assert _codes(page, "cvc") == ["cvc.invalid_characters"]
    assert "123" not in str(page.evaluate("document.body.innerText"))


def test_a_merchant_that_takes_some_networks_refuses_the_others_as_the_server_does(
    app: Any, browser: BrowserContext, base_url: str, tmp_path: Path
) -> None:
    app.state.accepted_brands = ("visa", "mastercard")
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(f"{base_url}/?today={TODAY.isoformat()}")
        tab.wait_for_selector("body[data-ready=true]", timeout=15_000)
        assert tab.get_attribute("#accepted", "data-brands") == "visa mastercard"
        assert tab.is_visible("#accepted")
        typed = "378282246310005"  # American Express's published test number
        for k in range(1, len(typed) + 1):
            tab.locator("#number").press_sequentially(typed[k - 1])
            server = cv.check_number(typed[:k], partial=True,
                                     accepted_brands=("visa", "mastercard"))
            assert _codes(tab, "number") == list(server.codes), k
        assert _codes(tab, "number") == ["number.brand_not_accepted"]
        tab.locator("#postal_code").press_sequentially("111")
        tab.locator("#expiry").press_sequentially("1/2")  # leaving the postal code ends it
        assert _codes(tab, "expiry") == ["expiry.incomplete"]
        assert _codes(tab, "postal_code") == ["postal_code.format"]
        _save_screenshot(tab, tmp_path, "checkout-typing.png")
        _fill_card(tab, typed, cvc="1234")
        answer = _submit(tab)
        assert [p["code"] for p in answer["problems"]] == ["number.brand_not_accepted"]
        assert answer["problems"][0]["params"] == {"brands": ["American Express"],
                                                   "accepted": ["Mastercard", "Visa"]}
        assert typed not in _visible_text(tab)
        assert errors == []
    finally:
        app.state.accepted_brands = None
        tab.close()


def test_the_language_switch_shows_the_servers_swedish_messages(page: Page) -> None:
    page.locator("#number").press_sequentially("4242424242424241")
    page.locator("#expiry").press_sequentially("13/2")
    page.click("#lang-sv")
    assert page.get_attribute("html", "lang") == "sv"
    assert page.text_content("#lang-sv") == "Svenska"
    number_note = page.text_content("#number-note") or ""
    expiry_note = page.text_content("#expiry-note") or ""
    assert cv.check_number("4242424242424241", partial=True, locale="sv").problems[0].message in (
        number_note
    )
    month = cv.check_expiry("13/2", today=TODAY, partial=True, locale="sv").problems[0]
    assert month.code == "expiry.month_range" and month.message in expiry_note
    assert page.locator("#country option:checked").text_content() == "Sverige"
    page.click("#lang-en")
    assert month.message not in (page.text_content("#expiry-note") or "")


# ---------------------------------------------------------------- on submit


def test_a_broken_address_gets_each_reason_next_to_its_field_in_checklist_order(
    page: Page, tmp_path: Path
) -> None:
    _fill_card(page, "5555 5555 5555 4444", postal_code="1234", city="", expiry="13/29")
    page.click("#lang-sv")
    answer = _submit(page)
    details = cv.CardDetails(
        number="5555 5555 5555 4444", expiry="13/29", name="Anna Svensson", cvc="123",
        address=cv.Address(line1="Drottninggatan 1", postal_code="1234", country="SE"),
    )
    server = cv.validate(details, today=TODAY, locale="sv", require_cvc=True,
                         require_address=True)
    assert [p["code"] for p in answer["problems"]] == list(server.codes)
    assert {"postal_code.format", "city.missing", "expiry.month_range"} <= set(server.codes)
    assert _codes(page, "postal_code") == ["postal_code.format"]
    assert _codes(page, "city") == ["city.missing"]
    assert _codes(page, "expiry") == ["expiry.month_range"]
    for problem in server.problems:  # each reason, in Swedish, next to its field
        assert problem.message in (page.text_content(f"#{problem.field.value}-note") or "")
    groups = page.eval_on_selector_all("#groups .group", "els => els.map(e => e.dataset.checklist)")
    assert groups == [item.value for item in Checklist if item in server.by_checklist()]
    assert groups == ["expiry_date", "city", "postal_code"]
    assert page.get_attribute("#summary", "data-ok") == "false"
    shown = _visible_text(page)
    assert "5555555555554444" not in shown and "5555 5555 5555 4444" not in shown
    path = _save_screenshot(page, tmp_path, "checkout-broken-address-sv.png")
    assert path.stat().st_size > 10_000


def test_a_valid_card_is_a_success(page: Page, tmp_path: Path) -> None:
    rng = random.Random(10)
    payload = "2221" + "".join(rng.choice("0123456789") for _ in range(11))
    number = append_check_digit(payload)  # a Mastercard 2-series number made up for the test
    assert cv.check_number(number).ok
    _fill_card(page, number, expiry="12/29", cvc="321")
    answer = _submit(page)
    assert answer == {"ok": True, "brand": "mastercard", "problems": []}
    assert page.get_attribute("#summary", "data-ok") == "true"
    assert page.eval_on_selector_all("#groups .group", "els => els.length") == 0
    assert page.get_attribute("#brand", "data-brand") == "mastercard"
    shown = _visible_text(page)
    assert number not in shown and number[-8:] not in shown
    assert "321" not in json.dumps(answer)
    _save_screenshot(page, tmp_path, "checkout-valid-card.png")


# ---------------------------------------------------------------- browser == server


def _number_inputs(rng: random.Random) -> list[str]:
    examples = [e for row in BRANDS for e in row.examples]
    found = [e[:k] for e in examples for k in range(0, len(e) + 1, 3)]
    found += examples
    found += ["".join(rng.choice("0123456789") for _ in range(rng.randint(1, 20)))
              for _ in range(60)]
    found += [append_check_digit(p + "".join(rng.choice("0123456789") for _ in range(n)))
              for p in ("4", "51", "2720", "34", "6011", "62", "3528", "5019", "4571", "9792")
              for n in (10, 14)]
    found += ["4242-4242 4242\u200b4242", "４２４２４２４２４２４２４２４２", "٤٢٤٢", "4242x", "",
              "   ", "4242 4242 4242 4242 4242", "42\u202e42", "3²", "🙂", "1" * 70, "0000"]
    return found


def _expiry_inputs(rng: random.Random) -> list[str]:
    found = [s[:k] for s in ("12/29", "2029-12", "1229", "012030", "11/26", "10/26", "12/2046",
                             "12/2047", "929", "12029", "3/27", "00/29", "13/29", "2202",
                             "1202", "01/1", "12/0", "2029-", "12 / 2029 ", "1/2077",
                             "12/99", "01/00", "2100-01", "0100", "12/2100")
             for k in range(len(s) + 1)]
    # every text of up to three characters the as-you-type check reads differently
    found += ["".join(t) for n in (1, 2, 3) for t in itertools.product("0129/ ", repeat=n)]
    seps = ["/", "-", " ", ".", " / ", "／", ""]
    for _ in range(80):
        month = str(rng.randint(0, 13)).zfill(rng.choice((1, 2)))
        year = str(rng.randint(2020, 2050))[rng.choice((0, 2)):]
        found.append(month + rng.choice(seps) + year[: rng.randint(0, len(year))])
    found += ["１２／２９", "12/29\u200b", "garbage", "1" * 50, "2029/7", "2029-0", "\u200b12/2",
              " 12/2", "12\t/2", "12/2 ", "1229 ", "12 29", "2029 -"]
    return list(dict.fromkeys(found))


# Days around the ends of a month, a year and a century, and the two-digit-year
# window's turning points (a 2-digit year is read within -49..+50 of today's).
EXPIRY_DAYS = (TODAY, date(2026, 12, 1), date(2027, 1, 1), date(2027, 1, 2), date(2049, 12, 31),
               date(2076, 6, 1), date(2099, 12, 2), date(2100, 1, 1))


def _cvc_inputs() -> list[str]:
    return ["", " ", "1", "12", "123", "1234", "12345", "12a", "١٢٣", "1" * 40, "12 34", "-123",
            " 123", "123 ", "12\u200b3", "\u202e123", "１２", "1 ", "0", "012", "12.3", "\t12"]


def _postal_inputs() -> list[tuple[str, str]]:
    found = []
    for country in ("SE", "US", "GB", "CA", "NL", "JP", "DE", "BR", "LV", "PL"):
        postal = rules_for(country).postal
        assert postal is not None
        for example in postal.examples[:3]:
            found += [(country, example), (country, example.lower().replace(" ", "")),
                      (country, example[:-1]), (country, f"{country}-{example}"),
                      (country, example.replace("-", "").replace(" ", "-"))]
    found += [("JP", "１５４－００２３"), ("SE", "111 5A"), ("GB", "GIR0AA"), ("US", ""),
              ("PL", "77777"), ("DE", "77-777"), ("SE", "  "), ("SE", "1" * 21), ("LV", "1050"),
              ("SE", "012 34")]  # well formed, but no Swedish code starts with 0: server only
    return found


def _partial_postal_inputs() -> list[tuple[str, str]]:
    found = []
    for country in ("SE", "US", "GB", "CA", "NL", "JP", "BR", "LV", "IE", "MT", "BH", "PL", "AR"):
        postal = rules_for(country).postal
        assert postal is not None
        for example in postal.examples[:2]:
            for k in range(1, len(example) + 1):
                found += [(country, example[:k]), (country, example[: k - 1] + "Q"),
                          (country, example[: k - 1] + "7"), (country, f"{country}-{example[:k]}"),
                          (country, example[:k].lower() + " ")]
        found += [(country, country[:1]), (country, "-"), (country, ""), (country, "１")]
    return found


SERVER_ONLY = {"postal_code.unknown", "postal_code.state_mismatch"}
"""What the page cannot answer: python-stdnum's national lists, the state's codes."""


def _postal_case(country: str, value: str, partial: bool) -> tuple[dict[str, Any], Any] | None:
    """The server's answer for the postal code field alone; None where only the server knows."""
    result = cv.check_address(cv.Address(country=country, postal_code=value), partial=partial)
    problems = [p for p in result.problems if p.field.value == "postal_code"]
    if any(p.code in SERVER_ONLY for p in problems):
        return None
    terms = json.loads(json.dumps([
        {"code": p.code, "params": dict(p.params), "severity": p.severity.value} for p in problems
    ]))
    return ({"kind": "postal", "country": country, "value": value, "partial": partial},
            {"problems": terms, "postal_code": result.normalized.get("postal_code")})


def _server_terms(result: cv.Result) -> list[dict[str, Any]]:
    """The problems as the page has them: JSON values (tuples become lists)."""
    terms: list[dict[str, Any]] = json.loads(json.dumps([
        {"code": p.code, "params": dict(p.params), "severity": p.severity.value}
        for p in result.problems
    ]))
    return terms


ACCEPTED = (("visa", "mastercard"), ("amex",), ("cartes_bancaires", "discover"), ("elo",))


def _number_answer(result: cv.Result) -> dict[str, Any]:
    card = result.card
    return {
        "problems": _server_terms(result),
        "brand": card.brand.value if card and card.brand else None,
        "brands": [b.value for b in card.brands] if card else [],
    }


_Case = tuple[dict[str, Any], dict[str, Any]]


def _number_cases(rng: random.Random) -> Iterator[_Case]:
    numbers = _number_inputs(rng)
    for value in numbers:
        for partial in (True, False):
            yield ({"kind": "number", "value": value, "partial": partial},
                   _number_answer(cv.check_number(value, partial=partial)))
        digits = "".join(ch for ch in value if ch in "0123456789")
        if value == digits and 0 < len(digits) <= 19:
            yield {"kind": "format", "value": digits}, {"formatted": cv.format_number(digits)}
    for accepted in ACCEPTED:
        for value in numbers[::2]:
            for partial in (True, False):
                result = cv.check_number(value, partial=partial, accepted_brands=accepted)
                yield ({"kind": "number", "value": value, "partial": partial,
                        "accepted": list(accepted)}, _number_answer(result))


def _expiry_and_cvc_cases(rng: random.Random) -> Iterator[_Case]:
    expiries = _expiry_inputs(rng)
    for today in EXPIRY_DAYS:
        for value in expiries:
            for partial in (True, False):
                result = cv.check_expiry(value, today=today, partial=partial)
                yield ({"kind": "expiry", "value": value, "today": today.isoformat(),
                        "partial": partial}, {"problems": _server_terms(result)})
    for brand in (None, "amex", "visa", "unionpay"):
        for value in _cvc_inputs():
            for partial in (True, False):
                result = cv.check_cvc(value, brand=brand, partial=partial)
                yield ({"kind": "cvc", "value": value, "brand": brand, "partial": partial},
                       {"problems": _server_terms(result)})


def _postal_cases(server_only: list[tuple[str, str]]) -> Iterator[_Case]:
    for country, value in [*_postal_inputs(), *_partial_postal_inputs()]:
        postal = rules_for(country).postal
        assert postal is not None
        yield ({"kind": "normalize", "country": country, "value": value},
               {"postal_code": postal.normalize(value)})
        yield ({"kind": "postal_completable", "country": country, "value": value},
               {"completable": postal.completable(value)})
        for partial in (True, False):
            case = _postal_case(country, value, partial)
            if case is None:
                server_only.append((country, value))
            else:
                yield case


def test_the_pages_answers_equal_the_servers(page: Page, tmp_path: Path) -> None:
    rng = random.Random(2026)
    server_only: list[tuple[str, str]] = []
    cases = [*_number_cases(rng), *_expiry_and_cvc_cases(rng), *_postal_cases(server_only)]
    kinds: dict[str, int] = {}
    for question, _ in cases:
        kind = question["kind"] + ("+accepted" if question.get("accepted") else "")
        kinds[kind] = kinds.get(kind, 0) + 1

    got = page.evaluate("inputs => window.checkout.answers(inputs)", [c[0] for c in cases])
    equal = sum(g == want for g, (_, want) in zip(got, cases, strict=True))
    report = {"cases": len(cases), "equal": equal, "kinds": kinds,
              "server_only": len(server_only)}
    (tmp_path / "browser-vs-server.json").write_text(json.dumps(report))
    print(f"\nbrowser vs server: {equal} of {len(cases)} answers equal {kinds}; "
          f"{len(server_only)} postal answers only the server can give")
    assert len(cases) > 10_000 and 0 < len(server_only) < 40
    assert all(kinds[k] > 100 for k in ("cvc", "postal", "postal_completable", "number+accepted"))
    different = [(c[0], c[1], g) for g, c in zip(got, cases, strict=True) if g != c[1]]
    assert different[:5] == []


def _characters_to_classify(rng: random.Random) -> list[str]:
    """Non-ASCII characters of every kind, from many scripts and blocks.

    Both ends and the middle of each exported run; letters and other
    characters (which no run holds) of several scripts; and a random draw
    of characters assigned in the server's Unicode version.
    """
    found = {chr(code) for first, last, _ in text.kind_ranges()
             for code in (first, (first + last) // 2, last) if code > 0x7F}
    found |= set("éßøΩλжאبअকதกაሀ한中あカ€©°±→∞§¶「」《》‽🙂")
    assigned = [code for code in range(0x80, sys.maxunicode + 1)
                if unicodedata.category(chr(code)) not in ("Cn", "Cs")]
    found |= {chr(code) for code in rng.sample(assigned, 1000)}
    return sorted(found)


def test_the_page_reads_characters_as_the_server_does(page: Page) -> None:
    characters = _characters_to_classify(random.Random(14))
    kinds = {ch: text.kind(ch) for ch in characters}
    assert set(kinds.values()) == set(text.KINDS)
    got = page.evaluate("cs => cs.map((c) => window.checkout.checker.kind(c))", characters)
    different = [(f"U+{ord(ch):04X}", want, g) for (ch, want), g
                 in zip(kinds.items(), got, strict=True) if g != want]
    assert different == []
    digits = [ch for ch in characters if kinds[ch] == text.DIGIT]
    values = page.evaluate("cs => cs.map((c) => window.checkout.checker.digitValue(c))", digits)
    assert values == [unicodedata.decimal(ch) for ch in digits]
    typed = "".join(characters)
    cleaners = {"number": _DELETE_SEPARATORS, "cvc": DROP_INVISIBLE, "expiry": FOLD,
                "postal_code": _POSTAL}
    cleaned = page.evaluate(
        "args => args[0].map((f) => window.checkout.checker.clean[f](args[1]))",
        [list(cleaners), typed],
    )
    assert cleaned == [cleaner.plain(typed) for cleaner in cleaners.values()]
