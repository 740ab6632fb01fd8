"""The fuzz targets: one per public entry point, each a `Call` for `harness.check`.

Every target gets a form with a planted number (`plant.plant`) and the
FuzzedDataProvider to draw the call's options from; what it returns (or the
documented `TypeError` it raises) is read by `harness.texts_of`.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import os
import pkgutil
import tempfile
from datetime import date
from typing import Any

import atheris
from harness import Call, as_mapping
from plant import Planted, address_of, details_of, spell, text
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

import cardvalid as cv
import cardvalid.integrations.pydantic as cv_pydantic
from cardvalid.avs import AVS_SCHEMES, POSTAL_OUTCOMES, STREET_OUTCOMES
from cardvalid.cli import main as cli_main
from cardvalid.declines import SCHEMES

# Django needs settings before its forms module imports (the django target).
with contextlib.suppress(ImportError):
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True, LANGUAGE_CODE="en", USE_TZ=True)
        import django

        django.setup()

# Every module is imported here, so that target.py's `instrument_imports` sees them all.
for _module in pkgutil.walk_packages(cv.__path__, "cardvalid."):
    if _module.name != "cardvalid.__main__":
        with contextlib.suppress(Exception):
            importlib.import_module(_module.name)

TODAY = date(2026, 11, 26)
LOCALES = ("en", "sv", "sv-SE", "en_US.UTF-8", "de")
COUNTRIES = ("SE", "US", "GB", "CA", "JP", "DE", "BR")


def option(fdp: atheris.FuzzedDataProvider, p: Planted, choices: tuple[Any, ...]) -> Any:
    """Mostly one of `choices`; sometimes fuzzer text, sometimes the planted number itself."""
    how = fdp.ConsumeIntInRange(0, 9)
    if how == 0:
        return text(fdp, 16)
    if how == 1:
        return spell(fdp, p.digits, p.row.gaps)
    return fdp.PickValueInList(list(choices))


def _locale(fdp: atheris.FuzzedDataProvider, p: Planted) -> str:
    return str(option(fdp, p, LOCALES))


def _details(p: Planted) -> cv.CardDetails:
    address = address_of(p.form)
    return cv.CardDetails(
        **details_of(p.form),
        address=cv.Address(**address) if any(address.values()) else None,
    )


def _form(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    """The details as `CardDetails`, as a flat mapping, or with the address nested."""
    how = fdp.ConsumeIntInRange(0, 2)
    if how == 0:
        return _details(p)
    form = as_mapping(p)
    if how == 2:
        form = {k: v for k, v in form.items() if k not in address_of(p.form)}
        form["address"] = address_of(p.form)
    return form


def t_validate(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    form = _form(fdp, p)
    shown = form if isinstance(form, cv.CardDetails) else None  # its repr is the library's
    return shown, cv.validate(
        form,  # type: ignore[arg-type]
        today=TODAY,
        locale=_locale(fdp, p),
        merchant_country=option(fdp, p, (None, *COUNTRIES)),
        recurring=fdp.ConsumeBool(),
        partial=fdp.ConsumeBool(),
        require_cvc=fdp.ConsumeBool(),
        require_address=fdp.ConsumeBool(),
        on_file=None if fdp.ConsumeBool() else {"number": "4242424242424242", "name": "A B"},
    )


def _field(p: Planted, name: str) -> object:
    value = p.form.get(name)
    return value if value is not None or p.place != name else ""


def t_check_number(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    value = p.form["number"] if p.place != "number" and fdp.ConsumeBool() else p.form.get(
        p.place.split("+")[0] if "+" in p.place else p.place
    )
    return cv.check_number(value, partial=fdp.ConsumeBool(), locale=_locale(fdp, p))


def t_identify(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    return cv.identify(p.form.get(p.place, p.form["number"]))


def t_mask(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    return cv.mask(p.form.get(p.place, p.form["number"]), first=fdp.ConsumeIntInRange(0, 8))


def t_format_number(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    """format_number returns the number it is given (its job): only exceptions and time count."""
    try:
        cv.format_number(p.form.get(p.place, p.form["number"]))
    except ValueError as error:  # documented, without the value
        return error
    return None


def t_check_expiry(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    value = p.form["expiry"]
    if p.place in ("expiry_month+expiry_year", "expiry_month", "expiry_year"):
        value = {"month": p.form["expiry_month"], "year": p.form["expiry_year"]}
    elif p.place not in ("expiry", "expiry_tuple", "expiry_list", "expiry_dict"):
        value = _field(p, p.place.split("+")[0])
    return cv.check_expiry(
        value, today=TODAY, partial=fdp.ConsumeBool(), locale=_locale(fdp, p)
    )


def t_check_name(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    value = p.form["name"] if p.place.startswith("name") else _field(p, p.place)
    return cv.check_name(value if not isinstance(value, int) else str(value),
                         locale=_locale(fdp, p))


def t_check_cvc(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    cvc = p.form["cvc"] if p.place == "cvc" else option(fdp, p, ("123", "1234", "12", None))
    number = p.form["number"] if fdp.ConsumeBool() else None
    brand = option(fdp, p, (None, *cv.Brand, "visa", "amex"))
    try:
        return cv.check_cvc(cvc, number=number, brand=brand, locale=_locale(fdp, p))
    except ValueError as error:  # documented for a brand that is not one
        if isinstance(brand, cv.Brand) or brand in {b.value for b in cv.Brand}:
            raise
        return error


def t_check_address(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    address = address_of(p.form)
    value: object = cv.Address(**address) if fdp.ConsumeBool() else address
    return cv.check_address(value, locale=_locale(fdp, p))  # type: ignore[arg-type]


def t_compare(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    other = {"number": "4242424242424242", "expiry": "12/29", "name": "Anna Svensson",
             "line1": "Drottninggatan 1", "city": "Stockholm", "postal_code": "111 51",
             "country": "SE"}
    if fdp.ConsumeBool():
        other["number"] = "424242******4242" if fdp.ConsumeBool() else text(fdp, 20)
    form = _form(fdp, p)
    if fdp.ConsumeBool():
        return cv.compare(form, other, locale=_locale(fdp, p))  # type: ignore[arg-type]
    return cv.compare(other, form, locale=_locale(fdp, p))  # type: ignore[arg-type]


def t_explain_decline(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    how = fdp.ConsumeIntInRange(0, 3)
    code: object
    if how == 0:
        code = int(p.digits) * 10 ** fdp.ConsumeIntInRange(0, 6000)
    elif how == 1:
        code = int(p.digits)
    else:
        code = _field(p, p.place.split("+")[0]) or spell(fdp, p.digits, p.row.gaps)
    scheme = option(fdp, p, (*SCHEMES, "stripe_decline_code", "Visa", "ISO-8583"))
    try:
        return cv.explain_decline(code, scheme=scheme, locale=_locale(fdp, p))  # type: ignore[arg-type]
    except ValueError as error:  # documented for an unknown scheme
        if isinstance(scheme, str) and scheme.strip().lower().replace("-", "_") in SCHEMES:
            raise
        return error


def t_avs(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    if fdp.ConsumeBool():
        letter = option(fdp, p, ("Y", "A", "Z", "N", "u", "AE2", ""))
        scheme = fdp.PickValueInList(list(AVS_SCHEMES))
        return cv.avs_outcome(letter, scheme=scheme)
    country: object = option(fdp, p, (None, *COUNTRIES, "USA", "PR"))
    if fdp.ConsumeIntInRange(0, 9) == 0:
        country = fdp.PickValueInList([[], {}, 1, b"US", ("US",)])
    return cv.predict_avs(
        fdp.PickValueInList(list(STREET_OUTCOMES)),
        fdp.PickValueInList(list(POSTAL_OUTCOMES)),
        country=country,  # type: ignore[arg-type]
        scheme=fdp.PickValueInList(["visa", "mastercard", "amex", "discover"]),
    )


def t_validate_many(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    form = as_mapping(p)
    records: list[object] = [form, [p.form.get("number")], {"on_file_" + k: v
                                                              for k, v in form.items()}]
    columns = None
    if fdp.ConsumeBool():  # the planted number as a column name
        key = spell(fdp, p.digits, p.row.gaps)
        columns = {"number": key}
        records.append({key: "4242424242424242"})
    return list(cv.validate_many(records, columns=columns, today=TODAY, locale=_locale(fdp, p)))


# --- the command's readers: the form written as a CSV, TSV or JSON Lines file ----------

@functools.cache
def _tmp() -> str:
    return tempfile.mkdtemp(prefix="cardvalid-fuzz-")


def _file_bytes(fdp: atheris.FuzzedDataProvider, p: Planted, kind: str) -> bytes:
    import csv  # noqa: PLC0415
    import json  # noqa: PLC0415

    form = {k: v for k, v in as_mapping(p).items() if not isinstance(v, tuple | list | dict)}
    if kind == "jsonl":
        lines = [json.dumps(form, ensure_ascii=fdp.ConsumeBool())]
        lines += [text(fdp, 30) for _ in range(fdp.ConsumeIntInRange(0, 2))]
        body = "\n".join(lines)
    else:
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t" if kind == "tsv" else ",")
        writer.writerow(form.keys())
        writer.writerow(form.values())
        for _ in range(fdp.ConsumeIntInRange(0, 2)):
            writer.writerow([text(fdp, 8) for _ in form])
        body = out.getvalue()
    raw = body.encode("utf-8", "surrogatepass")
    if fdp.ConsumeIntInRange(0, 3) == 0:  # and bytes of the fuzzer's own, anywhere
        at = fdp.ConsumeIntInRange(0, len(raw))
        raw = raw[:at] + fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 64)) + raw[at:]
    return raw


def t_cli_check(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    """`cardvalid check FILE -o OUT`: the readers, the column detection, the JSON lines."""
    kind = fdp.PickValueInList(["csv", "tsv", "jsonl"])
    suffix = fdp.PickValueInList([f".{kind}", ".txt", ""])
    path = os.path.join(_tmp(), f"in{suffix}")
    out_path = os.path.join(_tmp(), "out.jsonl")
    with open(path, "wb") as stream:
        stream.write(_file_bytes(fdp, p, kind))
    argv = ["check", path, "-o", out_path, "--today", "2026-11-26"]
    if fdp.ConsumeBool():
        argv += ["--format", kind]
    if fdp.ConsumeBool():
        argv += ["--locale", _locale(fdp, p)]
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(err):
        status = cli_main(argv)
    with open(out_path, encoding="utf-8", errors="replace") if os.path.exists(out_path) else (
        io.StringIO()
    ) as written:
        output = written.read()
    with contextlib.suppress(FileNotFoundError):
        os.remove(out_path)
    if status not in (0, 1, 2):
        return RuntimeError(f"exit status {status}")
    return [output, err.getvalue()]  # value[0]: the JSON lines, value[1]: standard error


def t_cli_args(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    """The command's options and file names: argparse's errors and the I/O errors."""
    value = spell(fdp, p.digits, p.row.gaps) if fdp.ConsumeBool() else str(
        option(fdp, p, ("2026-11-26", "x"))
    )
    argv = fdp.PickValueInList([
        ["check", os.path.join(_tmp(), "none.csv"), "--today", value],
        ["check", os.path.join(_tmp(), "none.csv"), "--max-years", value],
        ["check", os.path.join(_tmp(), "none.csv"), "--format", value],
        ["check", os.path.join(_tmp(), value.replace("/", "_").replace("\0", "")[:200])],
        ["check", os.path.join(_tmp(), "none.csv"), "--columns", f"number={value}"],
        ["check", os.path.join(_tmp(), "none.csv"), "--columns", value],
        ["explain", value, "--scheme", value],
        ["explain", value],
        ["rules", value],
        [value],
    ])
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(err):
            status = cli_main(argv)
    except SystemExit as exit_:  # argparse's usage errors
        status = exit_.code  # type: ignore[assignment]
    return [err.getvalue(), str(status)]


# --- the pydantic types -------------------------------------------------------------


class _Card(cv_pydantic.CardForm):
    number: cv_pydantic.CardNumber
    cvc: cv_pydantic.CardSecurityCode
    name: cv_pydantic.CardholderName
    expiry: cv_pydantic.CardExpiry
    address: cv_pydantic.BillingAddress | None = None


class _Order(cv_pydantic.CardForm):
    card: _Card
    cards: list[_Card] = []  # noqa: RUF012  (pydantic copies defaults)
    note: int = 0


def t_pydantic(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    how = fdp.ConsumeIntInRange(0, 3)
    value = p.form.get(p.place.split("+")[0]) if "+" in p.place else p.form.get(p.place)
    try:
        if how == 0:
            return cv_pydantic.CardNumber.validate(value)
        if how == 1:
            return cv_pydantic.CardSecurityCode.validate(value)
        card: dict[str, object] = {
            "number": p.form["number"], "cvc": p.form["cvc"], "name": p.form["name"],
            "expiry": p.form["expiry"],
        }
        if fdp.ConsumeBool():
            card["address"] = address_of(p.form)
        if fdp.ConsumeBool():
            del card[fdp.PickValueInList(list(card))]
        if how == 2:
            return _Card.model_validate(card, context={"locale": _locale(fdp, p)})
        order: object = {"card": card, "cards": [card] * fdp.ConsumeIntInRange(0, 2),
                         "note": fdp.PickValueInList([0, "x", None])}
        if fdp.ConsumeBool():
            order = fdp.PickValueInList([str(card), [card], card])
        if fdp.ConsumeBool():
            return _Order.model_validate_json(_json(order))
        return _Order.model_validate(order)
    except (ValidationError, PydanticCustomError) as error:
        return error


# --- the form libraries: Django's CardDetailsForm, WTForms' validators -----------------

_FORM_FIELDS = ("number", "expiry", "name", "cvc", "line1", "line2", "city", "state",
                "postal_code", "country", "phone")


def _submitted(p: Planted) -> dict[str, str]:
    """The planted form as a browser posts it: text fields (an expiry split across month
    and year, or held in a container, is posted as its parts' text joined by a space)."""
    posted = {}
    for name in _FORM_FIELDS:
        value = p.form.get(name)
        if isinstance(value, dict):
            value = " ".join(str(v) for v in value.values())
        elif isinstance(value, tuple | list):
            value = " ".join(str(v) for v in value)
        if name == "expiry" and value is None and p.form.get("expiry_month") is not None:
            value = f"{p.form['expiry_month']} {p.form.get('expiry_year') or ''}"
        if value is not None:
            posted[name] = str(value)
    return posted


def t_django(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    from django.utils import translation  # noqa: PLC0415

    from cardvalid.integrations.django import CardDetailsForm  # noqa: PLC0415

    with translation.override(fdp.PickValueInList(["en", "sv"])):
        form = CardDetailsForm(_submitted(p), today=TODAY)
        form.is_valid()
        return [form.render(), form.errors.as_json(), repr(form.errors.as_data()),
                repr(getattr(form, "cleaned_data", None)), repr(form)]


class _Posted:
    """The multidict WTForms reads a request's form data from."""

    def __init__(self, data: dict[str, str]) -> None:
        self.data = data

    def __iter__(self) -> Any:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def getlist(self, key: str) -> list[str]:
        return [self.data[key]] if key in self.data else []


@functools.cache
def _wtforms_checkout() -> type:
    from wtforms import Form, StringField  # noqa: PLC0415

    from cardvalid.integrations import wtforms as cv_wtforms  # noqa: PLC0415

    class Checkout(Form):  # type: ignore[misc]  # WTForms ships no type hints
        number = StringField(validators=[cv_wtforms.CardNumber()],
                             widget=cv_wtforms.SecretInput())
        expiry = StringField(validators=[cv_wtforms.Expiry(today=TODAY)])
        name = StringField(validators=[cv_wtforms.CardholderName()])
        cvc = StringField(validators=[cv_wtforms.SecurityCode()],
                          widget=cv_wtforms.SecretInput())
        line1 = StringField(validators=[cv_wtforms.BillingAddress()])
        line2 = StringField(validators=[cv_wtforms.BillingAddress()])
        city = StringField(validators=[cv_wtforms.BillingAddress()])
        state = StringField(validators=[cv_wtforms.BillingAddress()])
        postal_code = StringField(validators=[cv_wtforms.PostalCode()])
        country = StringField(validators=[cv_wtforms.BillingAddress()])
        phone = StringField(validators=[cv_wtforms.BillingAddress()])

    return Checkout


def t_wtforms(fdp: atheris.FuzzedDataProvider, p: Planted) -> object:
    # The app sets meta.locales; WTForms itself raises for a locale it has no catalog of.
    locales = [fdp.PickValueInList(["en", "sv", "en_US", "sv_SE"])]
    form = _wtforms_checkout()(_Posted(_submitted(p)), meta={"locales": locales})
    form.validate()
    shown = [str(field()) for field in form]  # the page shown again
    return [*shown, repr(form.errors),
            *(repr(getattr(field, "cardvalid_result", None)) for field in form)]


def _json(value: object) -> str:
    import json  # noqa: PLC0415

    return json.dumps(value, ensure_ascii=False, default=str)


TARGETS: dict[str, Call] = {
    "validate": t_validate,
    "check_number": t_check_number,
    "check_expiry": t_check_expiry,
    "check_name": t_check_name,
    "check_cvc": t_check_cvc,
    "check_address": t_check_address,
    "identify": t_identify,
    "format_number": t_format_number,
    "mask": t_mask,
    "compare": t_compare,
    "explain_decline": t_explain_decline,
    "avs": t_avs,
    "validate_many": t_validate_many,
    "cli_check": t_cli_check,
    "cli_args": t_cli_args,
    "pydantic": t_pydantic,
    "django": t_django,
    "wtforms": t_wtforms,
}
