"""`validate_table()`: the checks of `validate()` over a whole Arrow table, vectorised.

Each row gets exactly the codes `validate()` gives it (proven by a property
test in tests/test_table.py); the common spellings are judged column at a
time, the rest by the scalar rules themselves:

- card number: 13-19 plain ASCII digits take the fast lane
  (`cardvalid.batch.fastlane`: Luhn, brand and mask straight from the Arrow
  buffers); other ASCII digits with spaces, dots or dashes -> one uint8
  matrix of digit bytes per length; Luhn and the brand (one `searchsorted`
  over the boundaries of `cardvalid.brands`' compiled prefix table) in numpy.
  As typed (`partial=True`) the same, judged by `number._partial_verdict`'s rule.
- expiry: `MM/YY`, `M/YY`, `MM/YYYY`, `MMYY`, `MMYYYY`, `YYYY-MM` (any of
  `/ . - space` between) parsed by Arrow's regex kernels, judged by integer
  month arithmetic; other spellings by `collect_expiry`, once per distinct value.
- name: the plain ASCII name of 2-26 characters by an Arrow regex; any other
  by `collect_name`, once per distinct value.
- security code: ASCII digits (and spaces) counted against the brand's size
  (as typed, a short code with nothing after its digits is `cvc.incomplete`).
- address: street lines and cities that cannot hold a problem, and postal
  codes that Arrow's regex kernel finds well formed (grouped by country, with
  the country's anchored pattern from `cardvalid.address.rules`), are
  replaced by a representative of their class; each distinct address left is
  checked once by `collect_address`.

What is left over (another type, `on_file_*` values, unusual spellings) goes
to the scalar path, row by row or value by value. As typed (`partial=True`),
expiries go to it once per distinct value and addresses once per distinct
address (whether a code is complete reads its every character); stored
records are not typed, so batches rarely ask for it. A field with two source
columns (`address` and `line1`) reads as `to_details` reads a record: the
last column with a value that is not blank. Values that look like a
card number never become a key of any look-up, not even for one call.
The share of the work done by the scalar path is in the output schema's
metadata (`b"cardvalid.fallback"`, JSON).

>>> import pyarrow as pa
>>> from datetime import date
>>> t = pa.table({"card_number": ["4111 1111 1111 1111", "4111111111111112"],
...               "exp": ["12/29", "13/29"], "cardholder": ["Anna Svensson", "Bo Ek"]})
>>> out = validate_table(t, today=date(2026, 11, 26))
>>> out.column("ok").to_pylist(), out.column("codes").to_pylist()
([True, False], [[], ['number.checksum', 'expiry.month_range']])
>>> out.column("masked").to_pylist()
['411111******1111', '411111******1112']
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cardvalid.address import CAPS, collect_address, country_code
from cardvalid.address.postal import STDNUM_MODULES
from cardvalid.address.rules import Rules, rules_for
from cardvalid.batch.columns import detect_columns
from cardvalid.batch.fastlane import Lane
from cardvalid.batch.fastlane import masked as masked_lane
from cardvalid.batch.fastlane import read as read_lane
from cardvalid.batch.records import FIELDS, ON_FILE_PREFIX, RecordError, keys_for, to_details
from cardvalid.brands import PREFIXES, BrandMatch, lookup
from cardvalid.caches import BoundedCache
from cardvalid.codes import REASONS
from cardvalid.expiry import collect_expiry
from cardvalid.findings import Findings
from cardvalid.model import Address, Brand, BrandSpec, CardInfo, Result, Severity
from cardvalid.name import _PLAIN as PLAIN_NAME
from cardvalid.name import EMBOSSED_LENGTH, collect_name
from cardvalid.name import MIN_LENGTH as MIN_NAME
from cardvalid.number import (
    CVC_MAX_INPUT,
    CVC_SIZES,
    MAX_INPUT,
    MAX_LENGTH,
    MIN_LENGTH,
    collect_cvc,
    collect_number,
)
from cardvalid.options import DEFAULT, Options, chosen
from cardvalid.panguard import MIN_DIGITS, looks_like_card_number
from cardvalid.reading import ADDRESS_FIELDS, is_absent
from cardvalid.validation import validate

__all__ = ["RESULT_COLUMNS", "validate_table"]

_FALLBACK = b"cardvalid.fallback"  # the output schema's metadata key for the fallback counts

RESULT_COLUMNS = ("ok", "codes", "fields", "problem_count", "brand", "masked")
"""The columns `validate_table` returns, in this order."""

# A problem as the table path carries it: its code and effective severity.
_Found = tuple[tuple[str, Severity], ...]
_PLAIN = r"^[ -~]*$"  # printable ASCII and space: Python's strip() removes only spaces
_NUMBER_TEXT = r"^[0-9 .\-]*[0-9][0-9 .\-]*$"
_CVC_TEXT = r"^ *[0-9]+ *$"  # separators inside are `cvc.invalid_characters`
# cardvalid.name's own plain-name pattern (fullmatch, ASCII), anchored for RE2.
_PLAIN_NAME = f"^(?:{PLAIN_NAME.pattern})$"
# A street line or city that can hold no problem: printable ASCII (cleaned
# by collapsing spaces), not blank, under the text cap, fewer digits than
# the card-number guard looks for.
_TEXT_CAP = CAPS["line1"]
_FREE_TEXT = rf"^[ -/:-~]*(?:[0-9][ -/:-~]*){{0,{MIN_DIGITS - 1}}}$"
# The common expiry spellings (`expiry._read_text`'s readings of them): group
# `a` is the month, `b` the year (two digits are expanded around today's year).
_EXPIRY_FORMS = (
    r"^ *(?P<a>[0-9]{1,2}) *[/.\- ] *(?P<b>[0-9]{2}|[0-9]{4}) *$",  # MM/YY, M-YYYY, MM YY
    r"^ *(?P<a>[0-9]{2})(?P<b>[0-9]{2}) *$",  # MMYY
    r"^ *(?P<a>[0-9]{2})(?P<b>[0-9]{4}) *$",  # MMYYYY
    r"^ *(?P<b>[0-9]{4}) *[/.\- ] *(?P<a>[0-9]{1,2}) *$",  # YYYY-MM
)


def validate_table(
    table: object,
    /,
    *,
    columns: Mapping[str, str] | None = None,
    options: Options | None = None,
    today: date | None = DEFAULT.today,
    locale: str = DEFAULT.locale,
    merchant_country: str | None = DEFAULT.merchant_country,
    recurring: bool = DEFAULT.recurring,
    partial: bool = DEFAULT.partial,
    require_cvc: bool = DEFAULT.require_cvc,
    require_address: bool = DEFAULT.require_address,
    max_years: int = DEFAULT.max_years,
    accepted_brands: Iterable[Brand | str] | None = DEFAULT.accepted_brands,
    result_columns: Iterable[str] | None = None,
) -> pa.Table:
    """One result row per input row, in order: `ok`, `codes`, `fields`, `problem_count`, ...

    `table` is a `pyarrow.Table` or `RecordBatch`, or a pandas or polars
    DataFrame (read through Arrow). Columns are found by the CLI's alias rules
    (`cardvalid.batch.columns`); `columns` maps contract fields to column names
    and wins over them. The options are `validate()`'s: keywords, or one
    `cardvalid.Options` (`options=`) as `validate()` takes it. `fields` lists each
    problem's field, parallel to `codes`; `brand` and `masked` (first 6 and
    last 4 digits at most) come from the card number. `result_columns` names
    the columns wanted, in their order (default: all of `RESULT_COLUMNS`);
    columns not asked for are not made (a job that needs `ok` and `codes`
    alone skips the brand, the mask and `fields`).
    """
    wanted = read_result_columns(result_columns)
    run_options = chosen(options, today, locale, partial, max_years, require_cvc,
                         require_address, merchant_country, recurring, accepted_brands)
    run_options = run_options.on(run_options.day())  # every row judged on one day
    arrow = as_arrow_table(table)
    found = detect_columns(arrow.column_names)
    arrow = _first_of_each_name(arrow)
    if columns is not None:
        if not isinstance(columns, Mapping):
            raise TypeError(f"columns must be a mapping or None, not {type(columns).__name__}")
        found |= dict(columns)
    return _judged(arrow, found, run_options, wanted)


BATCH_ROWS = 1 << 18
"""Rows judged at a time: a larger table is judged in slices of this many rows.

The working arrays of a slice (tens of bytes a row for numbers alone, a few
hundred for full records) stay the same size whatever the table's, so
memory does not grow with it, and they are reused from slice to slice
instead of each pass over a million rows asking the system for fresh pages
(on the 2-core benchmark machine, 1 M numbers with other work between the
calls: 138 ms of CPU a call in slices of 262,144 rows, 320 ms whole).
"""


def read_result_columns(result_columns: Iterable[str] | None) -> tuple[str, ...]:
    """`result_columns` read: names of `RESULT_COLUMNS`, each once, at least one.

    >>> read_result_columns(["codes", "ok", "codes"])
    ('codes', 'ok')
    """
    if result_columns is None:
        return RESULT_COLUMNS
    if isinstance(result_columns, str | bytes) or not isinstance(result_columns, Iterable):
        raise TypeError("result_columns must be an iterable of column names or None, "
                        f"not {type(result_columns).__name__}")
    names = list(result_columns)
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"result_columns must hold str, not {type(name).__name__}")
    unknown = [name if len(name) <= 40 and not looks_like_card_number(name) else "<redacted>"
               for name in names if name not in RESULT_COLUMNS]
    if unknown or not names:
        raise ValueError(f"result_columns must name one or more of {', '.join(RESULT_COLUMNS)}"
                         + (f"; unknown: {', '.join(map(repr, unknown))}" if unknown else ""))
    return tuple(dict.fromkeys(names))


def _judged(table: pa.Table, columns: Mapping[str, str], options: Options,
            wanted: tuple[str, ...] = RESULT_COLUMNS) -> pa.Table:
    """`_Run(...).result()` over slices of at most `BATCH_ROWS` rows, concatenated.

    The output's columns have a chunk per slice; the fallback counts are summed
    (a distinct value sent to the scalar rules counts once per slice it is in).
    """
    if table.num_rows <= BATCH_ROWS:
        return _Run(table, columns, options, wanted).result()
    parts = [_Run(table.slice(start, BATCH_ROWS), columns, options, wanted).result()
             for start in range(0, table.num_rows, BATCH_ROWS)]
    stats: dict[str, int] = {}
    for part in parts:
        assert part.schema.metadata is not None
        for key, count in json.loads(part.schema.metadata[_FALLBACK]).items():
            stats[key] = stats.get(key, 0) + count
    return pa.concat_tables([part.replace_schema_metadata(None) for part in parts]) \
        .replace_schema_metadata({_FALLBACK: json.dumps(stats).encode()})


def as_arrow_table(table: object) -> pa.Table:
    """A `pyarrow.Table` from a Table, RecordBatch, or a pandas or polars DataFrame.

    >>> as_arrow_table(pa.record_batch({"pan": ["4111"]})).num_rows
    1
    """
    if isinstance(table, pa.Table):
        return table
    if isinstance(table, pa.RecordBatch):
        return pa.Table.from_batches([table])
    module = type(table).__module__.split(".", 1)[0]
    if module == "pandas":
        return pa.Table.from_pandas(table, preserve_index=False)
    if module == "polars":
        return table.to_arrow()  # type: ignore[attr-defined]
    raise TypeError(
        "table must be a pyarrow Table or RecordBatch, or a pandas or polars DataFrame, "
        f"not {type(table).__name__}"
    )


def _first_of_each_name(table: pa.Table) -> pa.Table:
    """`table` with a column that repeats an earlier column's name renamed out of the way.

    As when detecting columns, the first column of a name is the one read.
    """
    names = table.column_names
    if len(set(names)) == len(names):
        return table
    seen: set[str] = set()
    unique = []
    for position, name in enumerate(names):
        unique.append(f"{name}\x00{position}" if name in seen else name)
        seen.add(name)
    return table.rename_columns(unique)


# ------------------------------------------------------------------ interning


@dataclass
class _Interned:
    """Problem lists numbered once per distinct list: rows carry small ints."""

    lists: list[_Found] = field(default_factory=lambda: [()])
    ids: dict[_Found, int] = field(default_factory=lambda: {(): 0})

    def id(self, found: _Found) -> int:
        known = self.ids.get(found)
        if known is None:
            known = self.ids[found] = len(self.lists)
            self.lists.append(found)
        return known

    def code(self, code: str) -> int:
        return self.id(((code, REASONS[code].severity),))


def _found(out: Findings) -> _Found:
    return tuple(
        (code, REASONS[code].severity if sev is None else sev) for code, _, sev in out.found
    )


# ------------------------------------------------------------------ brands


@functools.cache
def _brand_index() -> tuple[np.ndarray, tuple[BrandMatch, ...]]:
    """`cardvalid.brands`' compiled table, flattened: sorted 8-digit starts and their matches.

    For 8 digits or more `lookup` resolves a number by the same boundaries
    (its 4-digit node, then a bisection below it), so a `searchsorted` over
    them gives the same match for every number.
    """
    lookup("0")  # compile the table on first use
    starts: list[int] = []
    labels: list[BrandMatch] = []
    for prefix in range(10_000):
        node = PREFIXES[f"{prefix:04d}"]
        base = prefix * 10_000
        if type(node) is BrandMatch:
            pairs: Any = ((0, node),)
        else:
            pairs = zip(node.starts, node.labels, strict=True)  # type: ignore[union-attr]
        for offset, label in pairs:
            if not labels or labels[-1] is not label:
                starts.append(base + offset)
                labels.append(label)
    # Eight ASCII digits read as one big-endian number sort as the digits do,
    # so a number's first eight bytes are looked up as they are.
    ascii_starts = np.frombuffer(b"".join(f"{s:08d}".encode() for s in starts), dtype=">u8")
    return ascii_starts.astype(np.uint64), tuple(labels)


@functools.cache
def _brand_names() -> pa.Array:
    """Each `_brand_index` label's brand name, then a null (for rows not given)."""
    return pa.array([*(None if m.brand is None else m.brand.value for m in _brand_index()[1]),
                     None], pa.string())


# The number's verdicts, as `_verdict_grid` numbers them ("": no problem).
_NUMBER_VERDICTS = ("", "number.too_short", "number.unknown_brand", "number.length_for_brand",
                    "number.checksum", "number.incomplete", "number.brand_not_accepted")


@functools.lru_cache(maxsize=8)
def _verdict_grid(partial: bool, accepted: frozenset[Brand] | None) -> np.ndarray:
    """The verdict of every (label, length up to `MAX_LENGTH`, Luhn) triple, flattened.

    Each is an index into `_NUMBER_VERDICTS`; kept per option pair for the process.
    """
    labels = _brand_index()[1]
    labelled, length, luhn = np.meshgrid(np.arange(len(labels)), np.arange(MAX_LENGTH + 1),
                                         [False, True], indexing="ij")
    label = labelled.ravel()
    refused = None if accepted is None else np.asarray(
        [bool(m.brands) and accepted.isdisjoint(m.brands) for m in labels], dtype=bool)[label]
    rule = _partial_verdicts if partial else _verdicts_of
    grid = rule(_LabelFacts.of(labels, label), length.ravel(), luhn.ravel(), refused)
    grid.flags.writeable = False
    return grid


@dataclass(frozen=True)
class _LabelFacts:
    """What `number`'s verdict rules ask of a row's brand-table label, one value a row."""

    has_spec: np.ndarray
    lengths: np.ndarray  # row x length: the spec allows that length
    luhn: np.ndarray  # the spec asks for Luhn
    brands: np.ndarray  # the label names one brand or more
    longest: np.ndarray  # the longest length a number of the label can have

    @classmethod
    def of(cls, labels: tuple[BrandMatch, ...], label: np.ndarray) -> _LabelFacts:
        allowed = np.zeros((len(labels), MAX_LENGTH + 1), dtype=bool)
        for k, match in enumerate(labels):
            if match.spec is not None:
                allowed[k, list(match.spec.lengths)] = True
        return cls(
            np.asarray([m.spec is not None for m in labels], dtype=bool)[label],
            allowed[label],
            np.asarray([m.spec is not None and m.spec.luhn for m in labels], dtype=bool)[label],
            np.asarray([bool(m.brands) for m in labels], dtype=bool)[label],
            np.asarray([m.lengths[-1] if m.lengths else 0 for m in labels],
                       dtype=np.int64)[label],
        )


def _verdicts_of(facts: _LabelFacts, lengths: np.ndarray, luhn_ok: np.ndarray,
                 refused: np.ndarray | None) -> np.ndarray:
    """`number._verdict`, column-wise: too short, unknown brand, length for brand, Luhn."""
    code = _NUMBER_VERDICTS.index
    has_spec = facts.has_spec
    out = np.zeros(lengths.size, dtype=np.int64)
    fits = facts.lengths[np.arange(lengths.size), lengths]
    checksum = facts.luhn & ~luhn_ok
    out[has_spec & fits & checksum] = code("number.checksum")
    out[has_spec & ~fits] = code("number.length_for_brand")
    out[~has_spec] = code("number.unknown_brand")
    out[lengths < MIN_LENGTH] = code("number.too_short")
    if refused is not None:  # `number._not_accepted`, for numbers that pass
        out[(out == 0) & refused] = code("number.brand_not_accepted")
    return out


def _partial_verdicts(facts: _LabelFacts, lengths: np.ndarray, luhn_ok: np.ndarray,
                      refused: np.ndarray | None) -> np.ndarray:
    """`number._partial_verdict` column-wise: `number.incomplete` while a number can grow."""
    code = _NUMBER_VERDICTS.index
    has_spec = facts.has_spec
    fits = has_spec & facts.lengths[np.arange(lengths.size), lengths]
    can_grow = lengths < facts.longest
    out = np.zeros(lengths.size, dtype=np.int64)
    out[~fits & ~can_grow & has_spec] = code("number.length_for_brand")
    out[~fits & (can_grow | ~has_spec)] = code("number.incomplete")
    bad = fits & facts.luhn & ~luhn_ok
    out[bad & can_grow] = code("number.incomplete")
    out[bad & ~can_grow] = code("number.checksum")
    out[~facts.brands] = code("number.unknown_brand")
    if refused is not None:  # `number._not_accepted`, for numbers that pass or may
        open_ = (out == 0) | (out == code("number.incomplete"))
        out[open_ & refused] = code("number.brand_not_accepted")
    return out


@functools.cache
def _labels_by_first4() -> np.ndarray:
    """Per four-digit prefix, its `_brand_index` label when all its numbers share one, else -1.

    Indexed by the four digits as nibbles of 16 bits, the first digit lowest
    (`0x1114` for 4111: `Lane.first4`'s bytes packed).
    """
    starts, _ = _brand_index()
    ascii_low = np.frombuffer(b"".join(f"{p:04d}0000".encode() for p in range(10_000)),
                              dtype=">u8").astype(np.uint64)
    ascii_high = np.frombuffer(b"".join(f"{p:04d}9999".encode() for p in range(10_000)),
                               dtype=">u8").astype(np.uint64)
    first = np.searchsorted(starts, ascii_low, side="right") - 1
    last = np.searchsorted(starts, ascii_high, side="right") - 1
    table = np.full(1 << 16, -1, dtype=np.int64)
    table[[int(f"{p:04d}"[::-1], 16) for p in range(10_000)]] = np.where(first == last, first, -1)
    return table


def _lane_labels(lane: Lane, starts: np.ndarray) -> np.ndarray:
    """`_brand_index` labels of the lane's numbers.

    The first four digits settle most numbers (one table look-up by their
    low nibbles, packed into 16 bits); the rest are bisected over the
    eight-digit starts by their first eight digits.
    """
    nibbles = lane.first4()
    nibbles &= np.uint32(0x0F0F0F0F)
    nibbles |= nibbles >> np.uint32(4)
    nibbles &= np.uint32(0x00FF00FF)
    nibbles |= nibbles >> np.uint32(8)
    nibbles &= np.uint32(0xFFFF)
    label: np.ndarray = _labels_by_first4().take(nibbles.view(np.int32))
    split = np.flatnonzero(label < 0)
    if split.size:
        label[split] = np.searchsorted(starts, lane.first8(split), side="right") - 1
    return label


# ------------------------------------------------------------------ the run


class _Run:
    """One call: the columns, the per-field problem ids, then the result table."""

    def __init__(self, table: pa.Table, columns: Mapping[str, str], options: Options,
                 wanted: tuple[str, ...] = RESULT_COLUMNS) -> None:
        self.n = table.num_rows
        self.options = options
        self.wanted = wanted
        self.table = table
        self.columns = dict(columns)
        self.keys = keys_for(self.columns)
        self.interned = _Interned()
        self.whole = np.zeros(self.n, dtype=bool)  # rows checked by the scalar path whole
        self.stats = {"rows": self.n, "whole_rows": 0, "number_rows": 0, "expiry_values": 0,
                      "name_values": 0, "cvc_rows": 0, "address_keys": 0,
                      "postal_code_values": 0, "fast_lane_rows": 0}
        self.brand = _Pieces(self.n, "brand" in wanted)
        self.masked = _Pieces(self.n, "masked" in wanted)
        self.nulls = pa.nulls(self.n, pa.string())  # one for every column not given
        self.values: dict[str, pa.Array] = {}
        for name in FIELDS:
            self.values[name] = self._text_column(name)
        self._mark_on_file()

    # -- columns

    def _sources(self, name: str) -> list[pa.Array]:
        """The columns `to_details` reads field `name` (`on_file_` kept) from, in table order.

        As `to_details` reads a record, a field can have more than one source
        (`address` and `line1`): its last value that is not blank wins.
        """
        side = name.startswith(ON_FILE_PREFIX)
        target = (name.removeprefix(ON_FILE_PREFIX), side)
        arrays = []
        for column in self.table.column_names:
            if self.keys.get(column) == target:
                chunks = self.table.column(column)
                # One chunk (a slice of one) is read where it is: combining copies it.
                array = chunks.chunk(0) if chunks.num_chunks == 1 else chunks.combine_chunks()
                arrays.append(array.dictionary_decode() if pa.types.is_dictionary(array.type)
                              else array)
        return arrays

    def _text_column(self, name: str) -> pa.Array:
        """The field's values as text, blank ASCII values as null; other types go whole."""
        texts = [self._text(name, array) for array in self._sources(name)]
        if not texts:
            return self.nulls
        if len(texts) == 1:
            return texts[0]
        last = texts[0]
        given = np.zeros(self.n, dtype=np.int64)
        for text in texts:
            present = pc.is_valid(text)
            given += _filled(present)
            last = pc.if_else(present, text, last)
        # Where two sources have a value and the last one may be blank to
        # Python (`str.isspace`), the scalar path reads the row.
        self.whole |= (given > 1) & ~_filled(pc.match_substring_regex(last, "[!-~]"))
        return last

    def _text(self, name: str, array: pa.Array) -> pa.Array:
        if pa.types.is_null(array.type):
            return self.nulls
        kind = array.type
        if pa.types.is_integer(kind) and name not in ("name", "expiry", "expiry_month",
                                                      "expiry_year"):
            if name == "cvc":  # an int security code is `cvc.not_text`: scalar
                self.whole |= _filled(pc.is_valid(array))
                return self.nulls
            if name == "number":  # a negative int is not digits: scalar
                self.whole |= _filled(pc.less(array, 0))
            array = array.cast(pa.string())
        elif pa.types.is_large_string(kind) or _is_string_view(kind):
            array = array.cast(pa.string())
        elif not pa.types.is_string(kind):
            self.whole |= _filled(pc.is_valid(array))
            return self.nulls
        blank = _blank(array)
        if not blank.any():
            return array
        return pc.if_else(pa.array(blank), pa.scalar(None, pa.string()), array)

    def _mark_on_file(self) -> None:
        """Rows with values on file are compared with them: the scalar path, whole."""
        for name in FIELDS:
            for source in self._sources(ON_FILE_PREFIX + name):
                present = _filled(pc.is_valid(source))
                text = source
                if pa.types.is_large_string(source.type) or _is_string_view(source.type):
                    text = source.cast(pa.string())
                if pa.types.is_string(text.type):
                    present &= ~_blank(text)
                self.whole |= present

    # -- the result

    def result(self) -> pa.Table:
        number, specs, spec_ids = _NumberStage(self).run()
        address, billing = _AddressStage(self).run()
        parts = [
            number,
            _expiry(self),
            _name(self),
            _cvc(self, specs, spec_ids),
            address,
            self._advice(billing),
        ]
        if self.whole.any():
            parts = [np.array(part) for part in parts]  # a `_same` part cannot be written to
            for part in parts:
                part[self.whole] = 0
        parts.append(self._whole_rows())
        return self._assemble(parts)

    def given(self, *names: str) -> bool:
        """Whether any of the fields `names` has a source column."""
        return any(self.values[name] is not self.nulls for name in names)

    def _advice(self, billing: tuple[np.ndarray, list[str | None]]) -> np.ndarray:
        """`transaction.*` notices: `billing` is each row's index into the billing countries."""
        options, interned = self.options, self.interned
        merchant = (
            None if options.merchant_country is None else country_code(options.merchant_country)
        )
        tail: _Found = ()
        if options.recurring:
            tail = (("transaction.recurring", REASONS["transaction.recurring"].severity),)
        if merchant is not None:
            ids = np.full(self.n, interned.id(tail), dtype=np.int64)
            rows, countries = billing
            abroad = np.asarray(
                [c is not None and c != merchant for c in countries] + [False], dtype=bool
            )  # the last: rows without a billing country (index -1)
            intl = (("transaction.international",
                     REASONS["transaction.international"].severity), *tail)
            ids[abroad[rows]] = interned.id(intl)
            return ids
        return _same(self.n, interned.id(tail))

    def _whole_rows(self) -> np.ndarray:
        """The problem ids of the rows the scalar path checks whole (0 elsewhere)."""
        rows = np.flatnonzero(self.whole)
        self.stats["whole_rows"] = int(rows.size)
        if not rows.size:
            return _same(self.n, 0)
        ids = np.zeros(self.n, dtype=np.int64)
        taken = self.table.take(pa.array(rows)).to_pylist()
        cards = []
        for row, record in zip(rows.tolist(), taken, strict=True):
            result = scalar_result(record, self.columns, self.options)
            ids[row] = self.interned.id(tuple((p.code, p.severity) for p in result.problems))
            cards.append(result.card)
        _put_cards(self, rows, cards)
        return ids

    def _assemble(self, parts: list[np.ndarray]) -> pa.Table:
        lists = self.interned.lists
        # A field with one id on every row (a column not given) tells no rows apart.
        varying = [part for part in parts
                   if part.strides != (0,) and part.size and part.min() != part.max()]
        if len(varying) == 1:
            # One field tells the rows apart: its problem ids group the rows as
            # they are (an id no row has makes a group of none).
            inverse = varying[0]
            groups = [[k if part is inverse else int(part[0]) for part in parts]
                      for k in range(int(inverse.max()) + 1)]
        else:
            first, inverse = _groups(
                _combine(varying) if varying else np.zeros(self.n, dtype=np.int64))
            groups = [[int(part[row]) for part in parts] for row in first.tolist()]
        ordered = [_in_checklist_order(tuple(f for i in ids for f in lists[i])) for ids in groups]
        sizes = np.asarray([len(o) for o in ordered], dtype=np.int64)
        ok = np.asarray([all(s is not Severity.ERROR for _, s in o) for o in ordered], dtype=bool)
        out: dict[str, pa.Array] = {}
        per_combo: dict[str, Callable[[], list[list[str]]]] = {
            "codes": lambda: [[c for c, _ in o] for o in ordered],
            "fields": lambda: [[REASONS[c].field.value for c, _ in o] for o in ordered],
        }
        listed = [name for name in per_combo if name in self.wanted]
        if listed:
            made = _list_columns(*(per_combo[name]() for name in listed), inverse=inverse)
            out.update(zip(listed, made, strict=True))
        for name in self.wanted:
            if name == "ok":
                out[name] = pa.array(ok[inverse], pa.bool_())
            elif name == "problem_count":
                out[name] = pa.array(sizes[inverse].astype(np.int32), pa.int32())
            elif name in ("brand", "masked"):
                out[name] = (self.brand if name == "brand" else self.masked).array()
        metadata = {_FALLBACK: json.dumps(self.stats).encode()}
        return pa.table({name: out[name] for name in self.wanted}).replace_schema_metadata(metadata)


def _same(n: int, value: int) -> np.ndarray:
    """`n` problem ids all `value`: a read-only view of one int (its stride 0 says so)."""
    return np.broadcast_to(np.int64(value), (n,))


def _is_string_view(kind: pa.DataType) -> bool:
    """Arrow's string_view (polars' text columns); older pyarrow has no such type."""
    check = getattr(pa.types, "is_string_view", None)
    return bool(check is not None and check(kind))


class _Pieces:
    """A string column put together from pieces given for sets of rows (null elsewhere)."""

    def __init__(self, n: int, wanted: bool = True) -> None:
        self.n = n
        self.wanted = wanted  # when not, nothing is kept: callers need not make the pieces
        self.rows: list[np.ndarray] = []
        self.values: list[pa.Array] = []
        self.base: pa.Array | None = None

    def put_all(self, values: pa.Array) -> None:
        """Set every row to `values` (null where no value): pieces put win over it."""
        if self.wanted:
            self.base = values

    def put(self, rows: np.ndarray, values: pa.Array) -> None:
        """Set `rows` (no row twice over all calls) to `values`."""
        if self.wanted:
            self.rows.append(rows)
            self.values.append(values)

    def array(self) -> pa.Array:
        if self.base is not None and not self.rows:
            return self.base
        base = [] if self.base is None else [self.base]
        values = pa.concat_arrays([*base, *self.values, pa.nulls(1, pa.string())])
        index = (np.arange(self.n) if self.base is not None
                 else np.full(self.n, len(values) - 1, dtype=np.int64))
        if self.rows:
            rows = np.concatenate(self.rows)
            index[rows] = np.arange(rows.size) + (0 if self.base is None else self.n)
        return values.take(pa.array(index))


def _put_cards(run: _Run, rows: np.ndarray, cards: list[CardInfo | None]) -> None:
    shown = [_card_columns(card) for card in cards]
    run.brand.put(rows, pa.array([b for b, _ in shown], pa.string()))
    run.masked.put(rows, pa.array([m for _, m in shown], pa.string()))


def _may_be_blank(array: pa.Array) -> np.ndarray:
    """Per value, whether it may be blank: empty, or its first byte is not a printable
    ASCII character (a blank value starts with a space, a control or a non-ASCII blank
    such as U+3000 or U+200B); False for null. `_blank` asks the one rule about these.

    Read from a string array's offsets and the first byte of each value.

    >>> _may_be_blank(pa.array(["", " a", "a ", None, "\t", "\u3000", "Åsa"])).tolist()
    [True, True, False, False, True, True, True]
    """
    if not pa.types.is_string(array.type):
        return _filled(pc.or_(
            pc.or_(pc.starts_with(array, " "), pc.equal(pc.binary_length(array), 0)),
            pc.or_(pc.invert(pc.string_is_ascii(array)), pc.utf8_is_space(array)),
        ))
    _, offsets_buffer, data_buffer = array.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[
        array.offset : array.offset + len(array) + 1]
    starts = offsets[:-1]
    maybe: np.ndarray = offsets[1:] == starts
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else None
    if data is not None and data.size:  # an empty value's byte is not read: it is True anyway
        first = data[np.minimum(starts, data.size - 1)]
        maybe |= (first <= ord(" ")) | (first >= 0x7F)
    if array.null_count:
        maybe &= _filled(pc.is_valid(array))
    return maybe


def _blank(array: pa.Array) -> np.ndarray:
    """Blank values (the one blank rule, `reading.is_absent`): absent, as `to_details` reads."""
    maybe = _may_be_blank(array)
    if maybe.any():
        rows = np.flatnonzero(maybe)
        maybe[rows] = [is_absent(v) for v in array.take(pa.array(rows)).to_pylist()]
    return maybe


def _in_checklist_order(found: _Found) -> _Found:
    return tuple(sorted(found, key=lambda f: REASONS[f[0]].checklist.order))


def _list_columns(*per_combo: list[list[str]], inverse: np.ndarray) -> list[pa.Array]:
    """list<string> columns: row i of column k holds `per_combo[k][inverse[i]]`.

    The lists of one combination are equally long in every column, so the
    list offsets and the picks (each string's place among all the
    combinations' strings) are built once. A column's text is one take of its
    combinations' joined texts, one per row; its strings are cut from it by
    the running sum of the picked strings' sizes.

    >>> [c.to_pylist() for c in _list_columns([["a", "bc"], []], [["x", "y"], []],
    ...                                       inverse=np.array([0, 1, 0]))]
    [[['a', 'bc'], [], ['a', 'bc']], [['x', 'y'], [], ['x', 'y']]]
    """
    sizes = np.asarray([len(combo) for combo in per_combo[0]] + [0], dtype=np.int64)
    # Arrow's list type has 32-bit offsets (and int32 indices are read faster).
    if inverse.size * int(sizes.max()) >= 1 << 31 and int(sizes[inverse].sum()) >= 1 << 31:
        raise ValueError("more than 2**31 - 1 problems in one table: pass it in smaller batches")
    sizes = sizes.astype(np.int32)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int32)
    row_sizes = sizes[inverse]
    offsets = np.zeros(inverse.size + 1, dtype=np.int32)
    np.cumsum(row_sizes, dtype=np.int32, out=offsets[1:])
    picks = np.repeat(starts[inverse] - offsets[:-1], row_sizes)
    picks += np.arange(offsets[-1], dtype=np.int32)
    offsets_buffer = pa.py_buffer(offsets)
    rows = pa.array(inverse.astype(np.int32))
    columns = []
    for column in per_combo:
        encoded = [[text.encode() for text in combo] for combo in column]
        sizes_in_bytes = np.asarray([len(text) for combo in encoded for text in combo],
                                    dtype=np.int32)
        joined = pa.array([b"".join(combo) for combo in encoded], pa.string()).take(rows)
        string_offsets = np.zeros(picks.size + 1, dtype=np.int32)
        np.cumsum(sizes_in_bytes[picks], out=string_offsets[1:])
        strings = pa.StringArray.from_buffers(picks.size, pa.py_buffer(string_offsets),
                                              joined.buffers()[2])
        columns.append(pa.Array.from_buffers(pa.list_(pa.string()), inverse.size,
                                             [None, offsets_buffer], children=[strings]))
    return columns


def _groups(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each distinct key (ids of 0 or more) a row of it, and per row its key's index.

    Keys of a small range are counted (`bincount`); others go to `_first_and_inverse`.
    """
    if not key.size or int(key.max()) >= max(key.size, 1 << 16):
        return _first_and_inverse(key)
    distinct = np.flatnonzero(np.bincount(key))
    index = np.zeros(int(distinct[-1]) + 1, dtype=np.int64)
    index[distinct] = np.arange(distinct.size)
    inverse = index[key]
    first = np.zeros(distinct.size, dtype=np.int64)
    first[inverse] = np.arange(key.size)  # the last row of each key
    return first, inverse


def _first_and_inverse(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each distinct key (in order of first appearance) its first row; per row its index.

    Arrow's hash kernel does it in linear time (`np.unique` would sort).
    """
    encoded = pa.array(key, pa.int64()).dictionary_encode()
    inverse = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    first = np.zeros(len(encoded.dictionary), dtype=np.int64)
    first[inverse[::-1]] = np.arange(key.size - 1, -1, -1, dtype=np.int64)
    return first, inverse


def _combine(parts: list[np.ndarray]) -> np.ndarray:
    """Per row, one id for the tuple of per-field ids (mixed radix, compressed when it must)."""
    key = parts[0].astype(np.int64)
    for part in parts[1:]:
        radix = int(part.max(initial=0)) + 1
        if int(key.max(initial=0)) + 1 > (1 << 62) // radix:
            _, key = _first_and_inverse(key)
        key = key * radix + part
    return key


def _filled(mask: pa.Array) -> np.ndarray:
    """A boolean Arrow array as numpy, nulls as False."""
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)


def _card_columns(card: CardInfo | None) -> tuple[str | None, str | None]:
    if card is None:
        return None, None
    return (None if card.brand is None else card.brand.value), card.masked


def scalar_result(
    record: Mapping[str, object], columns: Mapping[str, str], options: Options
) -> Result:
    """One record through the scalar path: `to_details` then `validate()` (record.* on errors)."""
    try:
        details, on_file = to_details(record, columns)
        return validate(details, on_file=on_file, options=options)
    except RecordError as error:
        code = error.code
    except TypeError:
        code = "record.bad_value"
    except Exception:  # a batch never loses a row: the row says what failed
        code = "record.check_failed"
    out = Findings()
    out.add(code)
    return out.result(options.locale)


def _distinct(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """The distinct values and, per row, the index of its value (-1 for null)."""
    if values.null_count == len(values):
        return pa.array([], values.type), np.full(len(values), -1, dtype=np.int64)
    encoded = values.dictionary_encode()
    indices = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    return encoded.dictionary, np.asarray(indices, dtype=np.int64)


def _per_value(
    distinct: list[Any],
    indices: np.ndarray,
    judge: Callable[[Any], int],
    shaped: Callable[[str], bool] = looks_like_card_number,
) -> tuple[np.ndarray, int]:
    """`judge` once per distinct value, per row where the value looks like a card number.

    `indices` picks each row's value from `distinct`; returns the ids per row
    and how many calls were made.
    """
    if not indices.size:
        return np.zeros(0, dtype=np.int64), 0
    used = np.zeros(len(distinct), dtype=bool)
    used[indices] = True
    shapes = np.zeros(len(distinct), dtype=bool)
    table = np.zeros(len(distinct), dtype=np.int64)
    calls = 0
    for k in np.flatnonzero(used).tolist():
        value = distinct[k]
        if shaped(str(value)):
            shapes[k] = True
        else:
            table[k] = judge(value)
            calls += 1
    ids = table[indices]
    for position in np.flatnonzero(shapes[indices]).tolist():
        ids[position] = judge(distinct[indices[position]])
        calls += 1
    return ids, calls


# ------------------------------------------------------------------ number


class _NumberStage:
    """Card numbers: vectorised length, brand and Luhn; the rest by `collect_number`."""

    def __init__(self, run: _Run) -> None:
        self.run_ = run
        self.n = run.n
        self.values = run.values["number"]
        self.interned = run.interned
        self.starts, self.labels = _brand_index()
        self.specs: list[BrandSpec | None] = [None, *(m.spec for m in self.labels)]
        self.grid: np.ndarray | None = None

    def run(self) -> tuple[np.ndarray, list[BrandSpec | None], np.ndarray]:
        n, values = self.n, self.values
        absent = Findings()
        collect_number(None, absent, partial=self.run_.options.partial,
                       accepted=self.run_.options.accepted)
        ids = np.full(n, self.interned.id(_found(absent)), dtype=np.int64)
        spec_ids = np.zeros(n, dtype=np.int64)
        present = _filled(pc.is_valid(values)) & ~self.run_.whole
        done = np.zeros(n, dtype=bool)
        if present.any():
            done = self._vectorised(present, ids, spec_ids)
        rest = np.flatnonzero(present & ~done)
        self._scalar(rest, ids, spec_ids)
        return ids, self.specs, spec_ids

    def _digits(self, present: np.ndarray) -> tuple[np.ndarray, pa.Array]:
        """Rows spelt in ASCII digits with spaces, dots or dashes, and their digits."""
        values = self.values
        plain = present & _filled(pc.ascii_is_decimal(values))
        rows = np.flatnonzero(plain)
        digits = values if rows.size == len(values) else values.filter(pa.array(plain))
        others = np.flatnonzero(present & ~plain)
        if others.size:
            texts = values.take(pa.array(others))
            # `_NUMBER_TEXT` read by literal replaces: without its separators
            # the text is one or more ASCII digits.
            cleaned = texts
            for separator in " .-":
                cleaned = pc.replace_substring(cleaned, separator, "")
            spaced = _filled(pc.ascii_is_decimal(cleaned))
            spaced &= _filled(pc.less_equal(pc.binary_length(texts), MAX_INPUT))  # the cap
            picked = others[spaced]
            if picked.size:
                rows = np.concatenate((rows, picked))
                digits = pa.concat_arrays([digits, cleaned.filter(pa.array(spaced))])
        return rows, digits

    def _vectorised(self, present: np.ndarray, ids: np.ndarray,
                    spec_ids: np.ndarray) -> np.ndarray:
        done = self._fast_lane(present, ids, spec_ids)
        if not (present & ~done).any():
            return done
        rows, digits = self._digits(present & ~done)
        rows, digits = self._cleaned_lane(rows, digits, ids, spec_ids, done)
        lengths = np.asarray(pc.binary_length(digits).to_numpy(zero_copy_only=False),
                             dtype=np.int64)
        too_long = lengths > MAX_LENGTH
        ids[rows[too_long]] = self.interned.code("number.too_long")
        done[rows[too_long]] = True
        keep = (lengths >= 8) & ~too_long  # a brand needs 8 digits for one look-up
        rows = rows[keep]
        if not rows.size:
            return done
        label = np.zeros(rows.size, dtype=np.int64)
        luhn_ok = np.zeros(rows.size, dtype=bool)
        kept = lengths[keep]
        for length in np.flatnonzero(np.bincount(kept)).tolist():
            group = kept == length
            matrix = _digit_matrix(digits.filter(pa.array(keep & (lengths == length))), length)
            prefix8 = np.ascontiguousarray(matrix[:, :8]).view(">u8").ravel()
            label[group] = np.searchsorted(self.starts, prefix8, side="right") - 1
            luhn_ok[group] = _luhn(matrix)
            self._card_columns(rows[group], label[group], matrix)
        ids[rows] = self._verdicts(label, kept, luhn_ok)
        spec_ids[rows] = label + 1
        done[rows] = True
        return done

    def _fast_lane(self, present: np.ndarray, ids: np.ndarray,
                   spec_ids: np.ndarray) -> np.ndarray:
        """Rows of 13-19 plain ASCII digits, read from the column's buffers (`fastlane`)."""
        lane = read_lane(self.values, present, writable=self.run_.masked.wanted)
        self.run_.stats["fast_lane_rows"] = int(lane.rows.size)
        done = np.zeros(self.n, dtype=bool)
        if not lane.rows.size:
            return done
        label = _lane_labels(lane, self.starts)
        # Every row in the lane (the common case) is written whole, not row by row.
        rows = slice(None) if lane.rows.size == self.n else lane.rows
        ids[rows] = self._verdicts(label, lane.lengths, lane.luhn_ok())
        spec_ids[rows] = label
        spec_ids[rows] += 1
        done[rows] = True
        everywhere = label
        if lane.rows.size < self.n:
            everywhere = np.full(self.n, len(self.labels), dtype=np.int64)
            everywhere[lane.rows] = label
        if self.run_.brand.wanted:
            self.run_.brand.put_all(_brand_names().take(pa.array(everywhere)))
        if self.run_.masked.wanted:
            self.run_.masked.put_all(masked_lane(lane, self.n))
        return done

    def _cleaned_lane(self, rows: np.ndarray, digits: pa.Array, ids: np.ndarray,
                      spec_ids: np.ndarray, done: np.ndarray) -> tuple[np.ndarray, pa.Array]:
        """Numbers spelt with separators, 13-19 digits once cleaned: the fast lane's checks.

        Returns the rows (and their digits) left for the matrix per length.
        """
        lane = read_lane(digits.cast(pa.string()))
        if not lane.rows.size:
            return rows, digits
        label = _lane_labels(lane, self.starts)
        settled = rows[lane.rows]
        ids[settled] = self._verdicts(label, lane.lengths, lane.luhn_ok())
        spec_ids[settled] = label + 1
        done[settled] = True
        picks = pa.array(lane.rows)
        if self.run_.brand.wanted:
            self.run_.brand.put(settled, _brand_names().take(pa.array(label)))
        if self.run_.masked.wanted:
            self.run_.masked.put(settled, masked_lane(lane, len(digits)).take(picks))
        left = np.ones(len(digits), dtype=bool)
        left[lane.rows] = False
        return rows[left], digits.filter(pa.array(left))

    def _verdicts(self, label: np.ndarray, lengths: np.ndarray, luhn_ok: np.ndarray) -> np.ndarray:
        """`number._verdict` (or `_partial_verdict`) per row: one look-up in `_verdict_grid`."""
        if self.grid is None:
            options = self.run_.options
            ids = np.asarray([0, *(self.interned.code(c) for c in _NUMBER_VERDICTS[1:])],
                             dtype=np.int64)
            self.grid = ids[_verdict_grid(options.partial, options.accepted)]
        index = label * (MAX_LENGTH + 1)
        index += lengths
        index <<= 1
        index += luhn_ok
        verdicts: np.ndarray = self.grid.take(index)
        return verdicts

    def _card_columns(self, rows: np.ndarray, label: np.ndarray, matrix: np.ndarray) -> None:
        """Brand and mask (`CardInfo.masked`: first 6, last 4 from 13 digits) of equal lengths."""
        self.run_.brand.put(rows, _brand_names().take(pa.array(label)))
        count, length = matrix.shape
        shown = matrix.copy()
        shown[:, 6 : length - (4 if length >= 13 else 0)] = ord("*")
        offsets = np.arange(0, (count + 1) * length, length, dtype=np.int32)
        self.run_.masked.put(rows, pa.StringArray.from_buffers(
            count, pa.py_buffer(offsets), pa.py_buffer(shown.tobytes())))

    def _scalar(self, rows: np.ndarray, ids: np.ndarray, spec_ids: np.ndarray) -> None:
        self.run_.stats["number_rows"] = int(rows.size)
        if not rows.size:
            return
        partial = self.run_.options.partial
        cards = []
        for row, value in zip(rows.tolist(), self.values.take(pa.array(rows)).to_pylist(),
                              strict=True):
            out = Findings()
            card = collect_number(_unblank(value), out, partial=partial,
                                  accepted=self.run_.options.accepted)
            ids[row] = self.interned.id(_found(out))
            if card is not None and card.spec is not None:
                spec_ids[row] = len(self.specs)
                self.specs.append(card.spec)
            cards.append(card)
        _put_cards(self.run_, rows, cards)


def _unblank(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


def _digit_matrix(digits: pa.Array, length: int) -> np.ndarray:
    """ASCII digit strings all of `length` digits as a (rows x length) matrix of their bytes."""
    offsets = np.frombuffer(digits.buffers()[1], dtype=np.int32)
    start = offsets[digits.offset]
    data = np.frombuffer(digits.buffers()[2], dtype=np.uint8)[
        start : start + len(digits) * length]
    return data.reshape(len(digits), length)


# Luhn (ISO/IEC 7812-1 annex B): every second digit from the right doubled,
# 9 taken off when the double is over 9. Read two digit bytes at a time: the
# first doubled, the second as it is (`_PAIRS`, indexed by the little-endian
# uint16 of the two ASCII bytes).
def _pair_table() -> np.ndarray:
    digit = np.arange(10)
    doubled = np.asarray([0, 2, 4, 6, 8, 1, 3, 5, 7, 9])
    table = np.zeros(1 << 16, dtype=np.uint8)
    table[(48 + digit[:, None]) | (48 + digit[None, :]) << 8] = doubled[:, None] + digit
    return table


_PAIRS = _pair_table()


def _luhn(matrix: np.ndarray) -> np.ndarray:
    """The Luhn verdict of every row of a matrix of equally long ASCII digit strings."""
    odd = matrix.shape[1] % 2  # an odd length starts with an undoubled digit
    pairs = np.ascontiguousarray(matrix[:, odd:]).view(np.uint16)
    total = _PAIRS[pairs].sum(axis=1, dtype=np.int32)
    if odd:
        total += matrix[:, 0].astype(np.int32) - 48
    return np.asarray(total % 10 == 0)


# ------------------------------------------------------------------ expiry


def _expiry(run: _Run) -> np.ndarray:
    """Expiry ids: common spellings by month arithmetic, the rest once per distinct value."""
    if not run.given("expiry", "expiry_month", "expiry_year"):
        return _same(run.n, _expiry_scalar(run, None))
    distinct, indices = _distinct(run.values["expiry"])
    per_value = np.full(len(distinct), -1, dtype=np.int64)
    if not run.options.partial and len(distinct):
        _expiry_vectorised(run, distinct, per_value)
    ids = np.zeros(run.n, dtype=np.int64)
    present = indices >= 0
    ids[present] = per_value[indices[present]]
    rest = np.flatnonzero(present & (ids < 0) & ~run.whole)
    ids[rest], calls = _per_value(distinct.to_pylist(), indices[rest],
                                  functools.partial(_expiry_scalar, run))
    absent = np.flatnonzero(~present & ~run.whole)
    ids[absent], part_calls = _expiry_parts(run, absent)
    run.stats["expiry_values"] = calls + part_calls
    ids[ids < 0] = 0
    return ids


def _expiry_vectorised(run: _Run, values: pa.Array, ids: np.ndarray) -> None:
    today, max_years, interned = run.options.day(), run.options.max_years, run.interned
    plain = _filled(pc.match_substring_regex(values, _PLAIN))
    for pattern in _EXPIRY_FORMS:
        hit = plain & (ids < 0) & _filled(pc.match_substring_regex(values, pattern))
        rows = np.flatnonzero(hit)
        if not rows.size:
            continue
        parts = pc.extract_regex(values.take(pa.array(rows)), pattern)
        month = _ints(parts.field("a"))
        year = _ints(parts.field("b"))
        two = pc.binary_length(parts.field("b")).to_numpy(zero_copy_only=False) == 2
        year = np.where(two, _expand_years(year, today.year), year)
        ids[rows] = _judge_expiry(month, year, today, max_years, interned)


def _ints(digits: pa.Array) -> np.ndarray:
    return np.asarray(digits.cast(pa.int64()).to_numpy(zero_copy_only=False), dtype=np.int64)


def _expand_years(yy: np.ndarray, reference: int) -> np.ndarray:
    """`expiry.expand_year`, column-wise (checked against it in the tests)."""
    year = reference - reference % 100 + yy
    year = np.where(year - reference > 50, year - 100, year)
    return np.where(reference - year >= 50, year + 100, year)


def _judge_expiry(
    month: np.ndarray, year: np.ndarray, today: date, max_years: int, interned: _Interned
) -> np.ndarray:
    """`expiry._judge` (not partial) and the month range, by integer month arithmetic."""
    out = np.zeros(month.size, dtype=np.int64)
    ended = (today.year * 12 + today.month) - (year * 12 + month)
    expired = (ended > 1) | ((ended == 1) & (today.day > 1))
    out[(year - today.year > max_years)] = interned.code("expiry.too_far_ahead")
    out[ended == 0] = interned.code("expiry.expires_this_month")
    out[(ended == 1) & ~expired] = interned.code("expiry.just_expired")
    out[expired] = interned.code("expiry.expired")
    out[(month < 1) | (month > 12)] = interned.code("expiry.month_range")
    return out


def _expiry_scalar(run: _Run, value: object) -> int:
    out = Findings()
    options = run.options
    collect_expiry(_unblank(value), out, today=options.day(), partial=options.partial,
                   max_years=options.max_years)
    return run.interned.id(_found(out))


def _expiry_parts(run: _Run, rows: np.ndarray) -> tuple[np.ndarray, int]:
    """Rows without `expiry`: the separate month and year, or `expiry.missing`."""
    month, year = run.values["expiry_month"], run.values["expiry_year"]
    ids = np.full(rows.size, _expiry_scalar(run, None), dtype=np.int64)
    either = _filled(pc.or_(pc.is_valid(month), pc.is_valid(year)))[rows]
    picked = rows[either]
    if not picked.size:
        return ids, 0
    keys = pc.binary_join_element_wise(pc.fill_null(month, _NULL), pc.fill_null(year, _NULL),
                                       _SEP)
    distinct, indices = _distinct(keys)

    def judge(key: object) -> int:
        got = [None if v == _NULL else _unblank(v) for v in str(key).split(_SEP)]
        return _expiry_scalar(run, {"month": got[0], "year": got[1]})

    ids[either], calls = _per_value(distinct.to_pylist(), indices[picked], judge,
                                    _any_part_shaped)
    return ids, calls


# ------------------------------------------------------------------ name, cvc


def _name(run: _Run) -> np.ndarray:
    missing = run.interned.code("name.missing")
    if run.options.partial:  # not typed yet (`validation.collect_into`)
        missing = run.interned.id((("name.missing", Severity.NOTICE),))
    if not run.given("name"):
        return _same(run.n, missing)
    distinct, indices = _distinct(run.values["name"])
    length = pc.utf8_length(distinct)
    plain = _filled(pc.match_substring_regex(distinct, _PLAIN_NAME))
    plain &= _filled(pc.and_(pc.greater_equal(length, MIN_NAME),
                             pc.less_equal(length, EMBOSSED_LENGTH)))
    ids = np.full(run.n, missing, dtype=np.int64)
    present = indices >= 0
    ids[present] = np.where(plain, 0, -1)[indices[present]]
    rest = np.flatnonzero(present & (ids < 0) & ~run.whole)

    def judge(value: object) -> int:
        name = _unblank(value)
        if name is None:
            return missing
        out = Findings()
        collect_name(name, out)
        return run.interned.id(_found(out))

    ids[rest], run.stats["name_values"] = _per_value(distinct.to_pylist(), indices[rest], judge)
    ids[ids < 0] = 0
    return ids


def _cvc(run: _Run, specs: list[BrandSpec | None], spec_ids: np.ndarray) -> np.ndarray:
    """Security codes: digits counted against the brand's size; the rest by `collect_cvc`."""
    interned, n = run.interned, run.n
    if not run.given("cvc"):
        return _same(n, interned.code("cvc.missing") if run.options.require_cvc else 0)
    values = run.values["cvc"]
    distinct, indices = _distinct(values)
    simple = _filled(pc.match_substring_regex(distinct, _CVC_TEXT))
    simple &= _filled(pc.less_equal(pc.utf8_length(distinct), CVC_MAX_INPUT))
    count = pc.binary_length(pc.replace_substring(distinct, " ", ""))
    digit_count = np.where(simple, np.asarray(count.to_numpy(zero_copy_only=False)), -1)
    # While typing, a code can still grow when nothing follows its digits.
    open_end = ~_filled(pc.ends_with(distinct, " ")) if len(distinct) else np.zeros(0, bool)
    ids = np.zeros(n, dtype=np.int64)
    present = indices >= 0
    if run.options.require_cvc:
        ids[~present] = interned.code("cvc.missing")
    counted = np.full(n, -1, dtype=np.int64)
    counted[present] = digit_count[indices[present]]
    rows = np.flatnonzero(counted >= 0)
    sizes = np.asarray([0 if s is None else s.security_code.size for s in specs])[spec_ids[rows]]
    got = counted[rows]
    wrong = np.where(sizes == 0, ~np.isin(got, CVC_SIZES), got != sizes)
    ids[rows[wrong]] = interned.code("cvc.length_for_brand")
    if run.options.partial:  # `collect_cvc`: shorter than the longest size, and open
        longest = np.where(sizes == 0, max(CVC_SIZES), sizes)
        growing = wrong & (got < longest) & open_end[indices[rows]]
        ids[rows[growing]] = interned.code("cvc.incomplete")
    rest = np.flatnonzero(present & (counted < 0) & ~run.whole)
    run.stats["cvc_rows"] = int(rest.size)
    for row, raw in zip(rest.tolist(), values.take(pa.array(rest)).to_pylist(), strict=True):
        out = Findings()
        value = _unblank(raw)
        if value is not None or run.options.require_cvc:
            spec = specs[spec_ids[row]]
            collect_cvc(value, out, spec=spec, brand=None if spec is None else spec.brand,
                        partial=run.options.partial)
        ids[row] = interned.id(_found(out))
    return ids


# ------------------------------------------------------------------ address


_NULL = "\x00"  # stands for an absent value in a key (no text field takes NUL)
_SEP = "\x1f"


class _AddressStage:
    """Addresses: each distinct address (after representatives) checked once."""

    def __init__(self, run: _Run) -> None:
        self.run_ = run
        self.n = run.n
        self.values = {name: run.values[name] for name in ADDRESS_FIELDS}

    def run(self) -> tuple[np.ndarray, tuple[np.ndarray, list[str | None]]]:
        """Per row its problem id, and its billing country (an index into a list)."""
        run = self.run_
        empty, _ = self._judge(_SEP.join([_NULL] * len(ADDRESS_FIELDS)))  # no address given
        ids = np.full(self.n, empty, dtype=np.int64)
        billing = np.full(self.n, -1, dtype=np.int64)
        if not run.given(*ADDRESS_FIELDS):
            return _same(self.n, empty), (billing, [])
        given = np.zeros(self.n, dtype=bool)
        for values in self.values.values():
            given |= _filled(pc.is_valid(values))
        rows = np.flatnonzero(given & ~run.whole)
        if not rows.size:
            return ids, (billing, [])
        if rows.size < self.n:
            mask = pa.array(given & ~run.whole)
            self.values = {name: values.filter(mask) for name, values in self.values.items()}
        codes, country = self._countries()
        postal = _PostalClasses(self.values["postal_code"], codes, country)
        line1, line2 = self._lines()
        parts = {
            "line1": line1,
            "line2": line2,
            "city": self._city(codes, country),
            "state": self.values["state"],
            # While typing, whether a code is complete reads its every character.
            "postal_code": (self.values["postal_code"] if run.options.partial
                            else postal.representatives()),
            "country": self.values["country"],
            "phone": self.values["phone"],
        }
        # One key per distinct combination of the parts, joined only for its first row.
        first, indices = _first_and_inverse(
            _combine([_distinct(parts[name])[1] + 1 for name in ADDRESS_FIELDS]))
        picks = pa.array(first)
        distinct = pc.binary_join_element_wise(
            *(pc.fill_null(parts[name].take(picks), _NULL) for name in ADDRESS_FIELDS), _SEP
        )
        judged: list[tuple[int, str | None]] = []

        def judge(key: object) -> int:
            judged.append(self._judge(str(key)))
            return len(judged) - 1

        picked, run.stats["address_keys"] = _per_value(
            distinct.to_pylist(), indices, judge, _any_part_shaped
        )
        run.stats["postal_code_values"] = postal.exists_calls
        ids[rows] = np.asarray([j[0] for j in judged], dtype=np.int64)[picked]
        billing[rows] = picked
        return ids, (billing, [j[1] for j in judged])

    def _judge(self, key: str) -> tuple[int, str | None]:
        values = [None if v == _NULL else _unblank(v) for v in key.split(_SEP)]
        parts = dict(zip(ADDRESS_FIELDS, values, strict=True))
        out = Findings()
        if all(v is None for v in values):
            if self.run_.options.require_address:
                out.add("address.missing")
        else:
            collect_address(Address(**parts), out,  # type: ignore[arg-type]
                            partial=self.run_.options.partial)
        return self.run_.interned.id(_found(out)), out.normalized.get("country")

    def _countries(self) -> tuple[list[str | None], np.ndarray]:
        """The country codes in use, and per row the index of its own (-1 when not known)."""
        distinct, indices = _distinct(self.values["country"])
        known = [_country_of(v) for v in distinct.to_pylist()]
        codes = sorted({c for c in known if c is not None})
        position = {c: i for i, c in enumerate(codes)}
        per_value = np.asarray([-1 if c is None else position[c] for c in known] + [-1],
                               dtype=np.int64)
        return list(codes), per_value[indices]  # index -1 (null) picks the trailing -1

    def _lines(self) -> tuple[pa.Array, pa.Array]:
        """Line 1 and line 2: a line that can hold no problem becomes `x`, any other
        stays itself. The guard reads the two lines together (a number split across
        them), so a line with digits stays itself while both lines hold 12 or more
        characters of a digit kind between them (any script: an overcount only keeps
        a line)."""
        line1, line2 = self.values["line1"], self.values["line2"]
        apart = np.ones(len(line1), dtype=bool)  # a row with one line or none: nothing to split
        both = np.flatnonzero(_filled(pc.and_(pc.is_valid(line1), pc.is_valid(line2))))
        if both.size:
            picked = pa.array(both)
            first, second = (
                np.asarray(pc.count_substring_regex(v.take(picked), r"\p{N}")
                           .to_numpy(zero_copy_only=False), dtype=np.int64)
                for v in (line1, line2)
            )
            apart[both] = (first + second < MIN_DIGITS) | (first == 0) | (second == 0)
        kept = pa.array(apart)
        return (pc.if_else(pc.and_(pa.array(_problem_free_text(line1)), kept), "x", line1),
                pc.if_else(pc.and_(pa.array(_problem_free_text(line2)), kept), "x", line2))

    def _city(self, codes: list[str | None], country: np.ndarray) -> pa.Array:
        distinct, indices = _distinct(self.values["city"])
        free = np.append(_problem_free_text(distinct), False)[indices]
        listed = [i for i, c in enumerate(codes) if c is not None and rules_for(c).has_city_lists]
        if listed:  # a city checked against its state's list stays itself
            free &= ~np.isin(country, listed)
        return pc.if_else(pa.array(free), "x", self.values["city"])


def _any_part_shaped(key: str) -> bool:
    return any(looks_like_card_number(part) for part in key.split(_SEP))


def _country_of(value: str | None) -> str | None:
    """`address.check._country`'s answer for a country value, without its problems."""
    if value is None or not value.strip() or len(value) > 100:
        return None
    return country_code(value)


def _problem_free_text(values: pa.Array) -> np.ndarray:
    """Printable ASCII, not blank, within the cap, fewer than 12 digits: no problem possible."""
    if values.null_count == len(values):  # a column not given
        return np.zeros(len(values), dtype=bool)
    free = _filled(pc.match_substring_regex(values, _FREE_TEXT))
    free &= _filled(pc.less_equal(pc.binary_length(values), _TEXT_CAP))
    return free


class _PostalClasses:
    """Postal codes replaced by the first code of their class, grouped by country.

    Two codes are of one class when the checks cannot tell them apart: both
    well formed (the country's anchored pattern, by Arrow's regex kernel),
    both existing or not (python-stdnum's list, where it has one), and both
    matching the same subdivisions' prefixes (Arrow's regex kernel over the
    distinct leading characters); or both malformed ASCII letters and digits.
    """

    def __init__(self, values: pa.Array, codes: list[str | None], country: np.ndarray) -> None:
        self.values = values
        self.codes = codes
        self.country = country
        distinct, self.each = _distinct(values)
        plain = _filled(pc.match_substring_regex(distinct, _PLAIN))
        plain &= _filled(pc.less_equal(pc.binary_length(distinct), CAPS["postal_code"]))
        self.plain = np.append(plain, False)[self.each]  # index -1 (null) picks the False
        self.classes = np.full(len(values), -1, dtype=np.int64)
        self.next_class = 0
        self.exists_calls = 0

    def representatives(self) -> pa.Array:
        # Each distinct (country, code) is classed once, at its first row.
        first, inverse = _first_and_inverse(_combine([self.country + 1, self.each + 1]))
        country, plain = self.country[first], self.plain[first]
        for index, code in enumerate(self.codes):
            assert code is not None
            rules = rules_for(code)
            if rules.postal is None:
                continue
            rows = first[(country == index) & plain]
            if rows.size:
                self._classify(rules, rows)
        self.classes = self.classes[first][inverse]
        classed = np.flatnonzero(self.classes >= 0)
        if not classed.size:
            return self.values
        first, inverse = _first_and_inverse(self.classes[classed])
        chosen = np.arange(len(self.values))
        chosen[classed] = classed[first][inverse]
        return self.values.take(pa.array(chosen))

    def _new_classes(self, rows: np.ndarray, keys: np.ndarray) -> None:
        _, inverse = _first_and_inverse(keys)
        self.classes[rows] = self.next_class + inverse
        self.next_class += int(inverse.max(initial=-1)) + 1

    def _classify(self, rules: Rules, rows: np.ndarray) -> None:
        """Class the codes of one country's `rows`, each distinct code judged once."""
        postal = rules.postal
        assert postal is not None
        typed, each = _distinct(self.values.take(pa.array(rows)))
        compact = pc.ascii_upper(pc.replace_substring_regex(typed, r"[ \-]", ""))
        # `postal_code.reformatted` compares the punctuation typed with the
        # canonical form's: codes of one class share their shape.
        shape = _shapes(typed)
        good = _filled(pc.match_substring_regex(compact, _anchored(postal.loose.pattern)))
        prefixes = [p for p in postal.prefixes if p.isascii() and p.isalnum()]
        loose = f"(?:{'|'.join(map(re.escape, prefixes))})?(?:{postal.loose.pattern})"
        alnum = _filled(pc.match_substring_regex(compact, r"^[A-Z0-9]+$"))
        malformed = alnum & ~good & ~_filled(pc.match_substring_regex(compact, _anchored(loose)))
        if not postal.implied and malformed.any():
            picked = malformed[each]
            self._new_classes(rows[picked], shape[each[picked]])
        if good.any():
            well_formed = compact.filter(pa.array(good))
            real, calls = _exists(rules.country, well_formed)
            self.exists_calls += calls
            subs = _sub_classes(rules, well_formed)
            key = np.zeros(len(typed), dtype=np.int64)
            key[good] = _combine([real * (int(subs.max(initial=0)) + 1) + subs, shape[good]])
            picked = good[each]
            self._new_classes(rows[picked], key[each[picked]])


def _shape_table() -> np.ndarray:
    """Byte -> shape byte: ASCII digits to `9`, ASCII letters to `A`, any other kept."""
    table = np.arange(256, dtype=np.uint8)
    table[np.frombuffer(b"0123456789", dtype=np.uint8)] = ord("9")
    letters = bytes(range(65, 91)) + bytes(range(97, 123))
    table[np.frombuffer(letters, dtype=np.uint8)] = ord("A")
    return table


_SHAPE_BYTES = _shape_table()


def _shapes(typed: pa.Array) -> np.ndarray:
    """Per code an id of its shape: digits as `9`, ASCII letters as `A`, the rest kept.

    Mapped byte by byte over the Arrow data buffer (the codes here are
    printable ASCII), keeping the offsets: no per-value work.
    """
    typed = typed.cast(pa.string())
    validity, offsets, data = typed.buffers()
    mapped = data if data is None else pa.py_buffer(
        _SHAPE_BYTES[np.frombuffer(data, dtype=np.uint8)].tobytes())
    shape = pa.StringArray.from_buffers(len(typed), offsets, mapped, validity,
                                        typed.null_count, typed.offset)
    _, indices = _distinct(shape)
    return indices


def _exists(country: str, compact: pa.Array) -> tuple[np.ndarray, int]:
    """python-stdnum's verdict per well-formed code (1 where it has no list), once per code.

    The validator `address.postal.exists` asks, asked only about codes it has
    not been asked about before in this process (`_Remembered`): its own memo
    is sized for a checkout, not for batches of many thousand distinct codes.
    """
    module = STDNUM_MODULES.get(country)
    if module is None:
        return np.ones(len(compact), dtype=np.int64), 0
    is_valid: Callable[[str], bool] = import_module(module).is_valid

    def ask(codes: pa.Array) -> np.ndarray:
        return np.asarray([bool(is_valid(c)) for c in codes.to_pylist()], dtype=bool)

    distinct, indices = _distinct(compact)
    verdicts, calls = _REMEMBERED.of(("exists", country), distinct, ask)
    picked: np.ndarray = verdicts.astype(np.int64)[indices]
    return picked, calls


class _Remembered:
    """Answers about short postal codes (or their heads) kept for the process, per question.

    The codes are held as Arrow arrays and looked up by Arrow's hash kernel
    (`index_in`); each code's answer is a row of a numpy array. Only codes
    short enough to hold no card number are kept, at most `CAP` a question;
    `cardvalid.clear_caches()` forgets them (the questions are a `BoundedCache`).
    """

    CAP = 1_000_000
    LONGEST = 10

    def __init__(self) -> None:
        # Keys are questions such as ("exists", "SE"): no text a person typed.
        self.known: BoundedCache[object, tuple[pa.Array, np.ndarray]] = BoundedCache(256)
        self.lock = threading.Lock()

    def of(self, question: object, codes: pa.Array,
           ask: Callable[[pa.Array], np.ndarray]) -> tuple[np.ndarray, int]:
        """Per code (distinct, no nulls) its answer, and how many codes `ask` was asked about."""
        with self.lock:
            entry = self.known.get(question)
        if entry is None:
            at = np.full(len(codes), -1, dtype=np.int64)
        else:
            at = np.asarray(pc.fill_null(pc.index_in(codes, value_set=entry[0]), -1)
                            .to_numpy(zero_copy_only=False), dtype=np.int64)
        new = np.flatnonzero(at < 0)
        if entry is not None and not new.size:
            return entry[1][at], 0
        asked = codes.take(pa.array(new))
        answers = ask(asked)
        out = np.empty((len(codes), *answers.shape[1:]), dtype=answers.dtype)
        if entry is not None:
            out[at >= 0] = entry[1][at[at >= 0]]
        out[new] = answers
        kept = _filled(pc.less_equal(pc.binary_length(asked), self.LONGEST))
        with self.lock:
            known, rows = self.known.get(question, (pa.array([], pa.string()), answers[:0]))
            if len(known) + int(kept.sum()) <= self.CAP:
                fresh = _filled(pc.invert(pc.is_in(asked, value_set=known))) & kept
                self.known.keep_vetted(question, (
                    pa.concat_arrays([known, asked.filter(pa.array(fresh))]),
                    np.concatenate([rows, answers[fresh]])))
        return out, int(new.size)


_REMEMBERED = _Remembered()


def _sub_classes(rules: Rules, compact: pa.Array) -> np.ndarray:
    """Per code, an id of the set of subdivisions whose postal prefix it starts with.

    A prefix pattern reads at most so many characters, so it is matched once
    per distinct head of that width (Arrow's regex kernel), not once per code,
    and each head once per process (`_Remembered`).
    """
    by_width: dict[int | None, list[str]] = {}
    for sub in rules.subs:
        if sub.postal_match is not None:
            pattern = sub.postal_match.pattern
            by_width.setdefault(_width(pattern), []).append(pattern)
    parts = [np.zeros(len(compact), dtype=np.int64)]
    for width, patterns in by_width.items():
        heads = compact if width is None else pc.utf8_slice_codeunits(compact, 0, width)
        distinct, indices = _distinct(heads)

        def ask(asked: pa.Array, patterns: list[str] = patterns) -> np.ndarray:
            return np.column_stack(
                [_filled(pc.match_substring_regex(asked, f"^(?:{p})")) for p in patterns])

        found, _ = _REMEMBERED.of(("subs", rules.country, width), distinct, ask)
        parts.append(_combine([found[:, k].astype(np.int64)
                               for k in range(found.shape[1])])[indices])
    return _combine(parts)


@functools.cache
def _width(pattern: str) -> int | None:
    """The most characters `pattern` can match; None when it has no bound."""
    from re import _parser  # type: ignore[attr-defined]  # noqa: PLC0415

    width: int = _parser.parse(pattern).getwidth()[1]
    return None if width >= _parser.MAXREPEAT else width


def _anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"
