"""What counts as a crash, and how one is reported without the input.

A crash is: an exception other than the documented `TypeError` (``"<field>
must be <types>, not <type>"``); a call that takes more than `TIME_BOUND`
seconds of CPU time; or any text that comes out of the call -- repr, str,
`to_dict()` as JSON, the command's JSON line, messages, hints, params,
exception text, log records, warnings -- holding the planted number's digits
once every non-digit is dropped (digits of any script count, escapes such as
``\\u3164`` in a repr are read as the character they stand for).

A crash raises `FuzzCrash` whose text is the crash's kind and the innermost
cardvalid frame (file, line, function): never the input, never the value.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import traceback
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import atheris
from plant import Pin, Planted, plant

TIME_BOUND = float(os.environ.get("CARDVALID_FUZZ_TIME_BOUND", "2.0"))
"""CPU seconds one input may take (generous: instrumented code on a loaded machine)."""

DOCUMENTED_TYPE_ERROR = re.compile(r"^[\w.\[\]' ]+ must be .+, not [\w.]+$", re.DOTALL)


class FuzzCrash(Exception):  # noqa: N818  (atheris reports it by this name)
    """A crash: `kind` (an exception type, ``leak``, ``slow``) and where it happened."""

    def __init__(self, kind: str, where: str = "") -> None:
        super().__init__(f"{kind} at {where}" if where else kind)
        self.kind = kind
        self.where = where


# --- reading outputs ------------------------------------------------------------

_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|[ntr])")
_ASCII_NON_DIGITS = bytes(c for c in range(128) if not chr(c).isdigit())


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2) or match.group(3)
    if code is None:
        return " "
    value = int(code, 16)
    return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else " "


# Field names with a digit would cut a number split across those fields in two.
_LABELS = re.compile(r"line[12]")


def digits_of(text: str) -> str:
    """The text's digits (any script's, as ASCII), everything else dropped, escapes decoded.

    The digit in a field name (`line1`, `line2`) is not the field's: it is dropped too.
    """
    if "\\" in text:
        text = _ESCAPE.sub(_unescape, text)
    if "line" in text:
        text = _LABELS.sub("", text)
    if text.isascii():
        return text.encode().translate(None, _ASCII_NON_DIGITS).decode()
    out = []
    for ch in text:
        d = unicodedata.digit(ch, None)
        if d is not None:
            out.append(str(d))
    return "".join(out)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=repr)


def texts_of(value: object, label: str = "value") -> Iterator[tuple[str, str]]:  # noqa: C901
    """(where, text) for every text a caller could see of `value`."""
    from cardvalid.cli import row_json  # noqa: PLC0415
    from cardvalid.model import Result  # noqa: PLC0415

    if value is None or isinstance(value, bool | int | float):
        yield label, str(value)
        return
    if isinstance(value, str):
        yield label, value
        return
    if isinstance(value, BaseException):
        yield f"{label}.str", str(value)
        yield f"{label}.repr", repr(value)
        errors = getattr(value, "errors", None)
        if callable(errors):  # pydantic's ValidationError
            yield f"{label}.errors", repr(errors())
            yield f"{label}.json", value.json()  # type: ignore[attr-defined]
        return
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            named = isinstance(item, str) or item is None
            yield from texts_of(item, f"{label}[{i}]" if named else type(item).__name__)
        return
    if isinstance(value, Mapping):
        yield f"{label}.repr", repr(value)
        return
    yield f"{label}.repr", repr(value)
    yield f"{label}.str", str(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        yield f"{label}.to_dict", _dumps(to_dict())
    dump_json = getattr(value, "model_dump_json", None)
    if callable(dump_json):  # a pydantic model
        yield f"{label}.model_dump_json", dump_json()
        yield f"{label}.model_dump", repr(value.model_dump())  # type: ignore[attr-defined]
    if isinstance(value, Result):
        yield f"{label}.row_json", _dumps(row_json(1, value))
        for problem in value.problems:
            yield f"{label}.message", problem.message
            yield f"{label}.hint", problem.hint
            yield f"{label}.params", repr(dict(problem.params))
        if value.card is not None:
            yield f"{label}.card", repr(value.card)


# --- logs and warnings ------------------------------------------------------------


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(record.getMessage())


_LOG = _Records()
logging.getLogger().addHandler(_LOG)
logging.getLogger("cardvalid").setLevel(logging.DEBUG)


# --- one input ----------------------------------------------------------------------

Call = Callable[[atheris.FuzzedDataProvider, Planted], object]


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "cardvalid" in f.filename] or frames
    if not ours:
        return "?"
    frame = ours[-1]
    path = frame.filename.replace("\\", "/")
    path = path.split("/src/", 1)[-1] if "/src/" in path else os.path.basename(path)
    return f"{path}:{frame.lineno} {frame.name}"


def _outputs(
    call: Call, data: bytes, *, twin: int, pin: Pin | None = None
) -> tuple[Planted, list[tuple[str, str]]]:
    fdp = atheris.FuzzedDataProvider(data)
    planted = plant(fdp, twin=twin, pin=pin)
    _LOG.texts.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = call(fdp, planted)
        except TypeError as error:
            if not DOCUMENTED_TYPE_ERROR.match(str(error)):
                raise FuzzCrash("TypeError(undocumented)", _where(error)) from None
            value = error
        except FuzzCrash:
            raise
        except SystemExit as error:  # argparse: its message went to stderr (captured by the call)
            value = f"exit {error.code}"
        except Exception as error:
            raise FuzzCrash(type(error).__name__, _where(error)) from None
        texts = list(texts_of(value))
    texts += [("log", t) for t in _LOG.texts]
    texts += [("warning", str(w.message)) for w in caught]
    return planted, texts


def _leak(planted: Planted, texts: list[tuple[str, str]]) -> str | None:
    for where, text in texts:
        if planted.digits in digits_of(text):
            return where
    return None


def check(
    call: Call, data: bytes, *, time_bound: float | None = TIME_BOUND, pin: Pin | None = None
) -> None:
    """Run `call` on the form planted from `data`; raise `FuzzCrash` on a crash.

    `time_bound=None` checks everything but the time (for unit tests, which assert no time);
    `pin` replays a crash file's number (see `plant.number_for`).
    """
    start = time.process_time()
    planted, texts = _outputs(call, data, twin=0, pin=pin)
    spent = time.process_time() - start
    if time_bound is not None and spent > time_bound:
        raise FuzzCrash("slow", f"{spent:.1f}s CPU, {planted.place}")
    where = _leak(planted, texts)
    if where is None:
        return
    for shift in (3, 7):
        twin, twin_texts = _outputs(call, data, twin=shift, pin=pin)
        if _leak(twin, twin_texts) is None:
            return
    raise FuzzCrash("leak", f"{where} (planted in {planted.place})")


def as_mapping(planted: Planted) -> dict[str, Any]:
    """The planted form with no empty fields."""
    return {k: v for k, v in planted.form.items() if v is not None}
