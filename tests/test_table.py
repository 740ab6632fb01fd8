"""validate_table(): the columnar path gives exactly validate()'s codes, row by row."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cardvalid import validate, validate_many  # noqa: E402
from cardvalid.batch.columns import detect_columns  # noqa: E402
from cardvalid.batch.records import RecordError, to_details  # noqa: E402
from cardvalid.batch.table import (  # noqa: E402
    RESULT_COLUMNS,
    _expand_years,
    _list_columns,
    _shapes,
    validate_table,
)
from cardvalid.brands import BRANDS  # noqa: E402
from cardvalid.expiry import expand_year  # noqa: E402
from cardvalid.findings import Findings  # noqa: E402
from cardvalid.luhn import append_check_digit  # noqa: E402
from cardvalid.model import Result  # noqa: E402

TODAYS = (date(2026, 11, 26), date(2027, 1, 1), date(2027, 1, 2), date(2028, 2, 29),
          date(2099, 12, 31))

# ------------------------------------------------------------------ the oracle


def scalar(record: Mapping[str, object], columns: Mapping[str, str], **options: Any) -> Result:
    """What validate() says of one record read as the batch reads it (record.* on bad data)."""
    try:
        details, on_file = to_details(record, columns)
        return validate(details, on_file=on_file, **options)
    except RecordError as error:
        code = error.code
    except TypeError:
        code = "record.bad_value"
    out = Findings()
    out.add(code)
    return out.result("en")


def answers(result: Result) -> dict[str, object]:
    card = result.card
    return {
        "ok": result.ok,
        "codes": list(result.codes),
        "fields": [p.field.value for p in result.problems],
        "problem_count": len(result.problems),
        "brand": None if card is None or card.brand is None else card.brand.value,
        "masked": None if card is None else card.masked,
    }


def assert_same(table: Any, **options: Any) -> dict[str, int]:
    out = validate_table(table, **options)
    assert out.num_rows == table.num_rows
    columns = detect_columns(table.column_names) | dict(options.pop("columns", None) or {})
    got = out.to_pylist()
    for row, (record, answer) in enumerate(zip(table.to_pylist(), got, strict=True)):
        assert answer == answers(scalar(record, columns, **options)), row
    stats: dict[str, int] = json.loads(out.schema.metadata[b"cardvalid.fallback"])
    return stats


# ------------------------------------------------------------------ generated records

_PREFIXES = sorted(
    {p.split("-")[0] for row in BRANDS for p in row.prefixes}
    | {p.split("-")[1] for row in BRANDS for p in row.prefixes if "-" in p}
    | {"0", "7", "99", "2221", "2720", "622126", "357111", "4571"}
)
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@st.composite
def card_numbers(draw: st.DrawFn) -> object:
    prefix = draw(st.sampled_from(_PREFIXES))
    length = draw(st.sampled_from([7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 23]))
    body = prefix + "".join(draw(st.lists(st.sampled_from("0123456789"),
                                          min_size=length, max_size=length)))
    digits = body[: max(length, 1) - 1]
    digits = append_check_digit(digits) if draw(st.booleans()) else body[:length]
    spelling = draw(st.sampled_from(
        ["plain", "spaced", "dashed", "dotted", "fullwidth", "arabic", "padded", "letter",
         "tab", "nbsp", "zwsp", "long_dashes"]))
    groups = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    return {
        "plain": digits,
        "spaced": " ".join(groups),
        "dashed": "-".join(groups),
        "dotted": ".".join(groups),
        "fullwidth": digits.translate(_FULLWIDTH),
        "arabic": digits.translate(_ARABIC),
        "padded": f"  {digits} ",
        "letter": digits[:-1] + "x",
        "tab": "\t".join(groups),
        "nbsp": "\u00a0".join(groups),
        "zwsp": "\u200b".join(groups),
        "long_dashes": digits + "-" * (65 - len(digits)),  # over the input cap
    }[spelling]


_JUNK = ["", " ", "   ", "\t", "\u3000", "\x1c", "abc", "-", "٤٢٤٢", "3²", "😀", "x" * 70,
         "1" * 70, "\u200b", " \u200b\u2060 ", "\ufeff", "\u3164"]  # zero-width blanks


@st.composite
def expiries(draw: st.DrawFn) -> object:
    month = draw(st.integers(0, 13))
    year = draw(st.integers(1990, 2120))
    yy = year % 100
    return draw(st.sampled_from([
        f"{month:02d}/{yy:02d}", f"{month}/{yy:02d}", f"{month:02d}/{year}", f"{month:02d}{yy:02d}",
        f"{month:02d}{year}", f"{year}-{month:02d}", f"{year}/{month}", f"{month:02d} / {yy:02d}",
        f" {month:02d}-{yy:02d} ", f"{month:02d}.{year}", f"{month:02d} {yy:02d}",
        f"{month:02d}/{yy:02d}".translate(_FULLWIDTH), f"{month:02d}\u2215{yy:02d}",
        f"{month}{yy:02d}", f"{month:02d}/{yy % 10}", f"{month:02d}/", f"{year}-0", "12/2",
        "129", "00", "2029", "12//29", f"{month:02d}\t/{yy:02d}",
    ]))


_NAMES = ["Anna Svensson", "Bo Ek", "d'Artagnan", "Madonna", "A", "Jean-Luc Picard",
          "J. R. R. Tolkien", "Nguyễn Thị Minh Khai", "José María Aznar-López", "李小龍",
          "Anna  Svensson", " Anna Svensson ", "Anna 2 Svensson", "4111 1111 1111 1111",
          "Anna ☺", "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff", "x" * 30,
          "Anna\u200eSvensson B", "O’Connor Dan", "ANNA SVENSSON"]
_CVCS = ["123", "1234", "12", " 12 3", "abc", "１２３", "12345", "0", "1 2 3 4", "٤٢٤",
         "12-3", "1.23", "12\u200b3", " 123 ", "\u200b123", "-123", "123 ", "12\u202e3"]

_ADDRESSES: dict[str, tuple[list[str], list[str | None]]] = {
    "US": (["95014", "90210", "22162-1010", "221621010", "9021", "ABCDE", "10001", "99501",
            "95 014", "95014-", "22162 1010"],
           ["CA", "NY", "NV", "California", "XX", "ak", None]),
    "SE": (["114 55", "11455", "SE-114 55", "se11455", "01234", "1145", "114 5X", "114-55",
            "SE 11455"], [None, "Stockholm", "AB"]),  # Sweden has no states
    "GB": (["SW1A 1AA", "sw1a1aa", "SW1A 1AA!!", "GIR 0AA", "EC1Y 8SY", "X1", "SW1A-1AA"],
           [None, "Kent"]),
    "CA": (["H3Z 2Y7", "h3z2y7", "T0L 1K0", "H3Z2Y", "V8X 3X4"], ["QC", "Québec", "AB", "ZZ"]),
    "DE": (["26133", "2613", "53225", "D-26133"], [None, "Bayern"]),
    "JP": (["154-0023", "1540023", "〒154-0023", "044-0023"], ["13", "Tokyo", "01", None]),
    "ES": (["28039", "01039", "53000", "2803"], ["M", "Madrid", "VI", None]),
    "AT": (["1010", "4231", "10101"], [None]),
    "NL": (["1234 AB", "1234ab", "1234 SA", "0123 AB", "1234-AB"], [None, "NH"]),
    "BR": (["40301-110", "69900-000", "4030111"], ["BA", "AC", None]),
    "CN": (["266033", "26603"], ["Beijing Shi", "SD", None]),
    "IT": (["00144", "92144", "0014"], ["RM", "AG", None]),
    "AU": (["2060", "0200", "206"], ["NSW", "ACT", None]),
}
_COUNTRY_SPELLINGS = {"SE": ["SE", "Sverige", "Sweden", "swe"], "US": ["US", "USA",
                                                                        "United States"]}
_LINES = ["1 Main St", "Drottninggatan 1", "  12  High Street ", "Rue de l'Église 3",
          "4111 1111 1111 1111", "Main St\x00", "PO Box 12", "😀 Lane 1", "x" * 300, None, "",
          "Storgatan 4111 1111", "Götgatan 4111", "4111"]
# Second lines, some holding the rest of a number the first line starts (the guard reads
# the two lines together).
_LINES2 = [None, "", "Lgh 1102", "c/o Berg", "1111 1111", "1111 1111 1111", "１１１１ 1111"]
_CITIES = ["Stockholm", "Los Angeles", "Montréal", "São Paulo", "Salvador", "Beijing", "  ",
           "New  York", "City 123456789012", None]


@st.composite
def addresses(draw: st.DrawFn) -> dict[str, object]:
    code = draw(st.sampled_from([*_ADDRESSES, "XX", None, ""]))
    postals, states = _ADDRESSES.get(code or "", (["12345", "ABC"], [None, "X"]))
    states = [*states, None, " "]
    spellings: list[str | None] = [None]
    if code is not None:
        spellings = list(_COUNTRY_SPELLINGS.get(code, [code]))
    country = draw(st.sampled_from(spellings))
    return {
        "line1": draw(st.sampled_from(_LINES)),
        "line2": draw(st.sampled_from(_LINES2)),
        "city": draw(st.sampled_from(_CITIES)),
        "state": draw(st.sampled_from(states)),
        "postal_code": draw(st.sampled_from([*postals, None, "", "４２４２４", "1" * 25])),
        "country": country,
    }


@st.composite
def records(draw: st.DrawFn) -> dict[str, object]:
    record: dict[str, object] = {
        "number": draw(st.one_of(card_numbers(), st.sampled_from([*_JUNK, None]))),
        "expiry": draw(st.one_of(expiries(), st.sampled_from([*_JUNK, None]))),
        "name": draw(st.one_of(st.sampled_from(_NAMES), st.sampled_from([*_JUNK, None]))),
        "cvc": draw(st.one_of(st.sampled_from(_CVCS), st.sampled_from([*_JUNK, None]))),
    }
    if draw(st.booleans()):
        record |= draw(addresses())
    return record


_HEADERS = [
    {"number": "card_number", "expiry": "exp", "name": "Cardholder", "cvc": "CVV2",
     "postal_code": "ZIP"},
    {},
]


def _table(rows: list[dict[str, object]], rename: Mapping[str, str]) -> Any:
    names = ["number", "expiry", "name", "cvc", "line1", "line2", "city", "state",
             "postal_code", "country"]
    data = {rename.get(n, n): pa.array([r.get(n) for r in rows], pa.string()) for n in names}
    return pa.table(data)


# ------------------------------------------------------------------ the property

EXAMPLES = int(os.environ.get("CARDVALID_TABLE_EXAMPLES", "300"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(records(), min_size=1, max_size=25),
    today=st.sampled_from(TODAYS),
    rename=st.sampled_from(_HEADERS),
    options=st.sampled_from([
        {},
        {"partial": True},
        {"require_cvc": True, "require_address": True},
        {"merchant_country": "SE", "recurring": True},
        {"max_years": 0},
        {"accepted_brands": ["visa", "mastercard"]},
        {"accepted_brands": [], "partial": True},
        {"accepted_brands": ["amex", "elo"], "require_cvc": True},
    ]),
)
def test_table_equals_validate_row_by_row(
    rows: list[dict[str, object]], today: date, rename: Mapping[str, str],
    options: dict[str, Any],
) -> None:
    assert_same(_table(rows, rename), today=today, **options)


@given(yy=st.integers(0, 99), reference=st.integers(1900, 2200))
def test_expand_years_equals_expand_year(yy: int, reference: int) -> None:
    import numpy as np

    assert int(_expand_years(np.asarray([yy]), reference)[0]) == expand_year(yy, reference)


# ------------------------------------------------------------------ types and shapes


def test_equals_validate_many_on_plain_rows() -> None:
    today = date(2026, 11, 26)
    rows = [
        {"number": "4111 1111 1111 1111", "expiry": "12/29", "name": "Anna Svensson",
         "cvc": "123", "line1": "Drottninggatan 1", "city": "Stockholm", "state": None,
         "postal_code": "111 51", "country": "SE"},
        {"number": "378282246310005", "expiry": "10/26", "name": "Bo", "cvc": "123",
         "line1": "1 Main St", "city": "Las Vegas", "state": "NV", "postal_code": "90210",
         "country": "US"},
    ]
    out = validate_table(pa.Table.from_pylist(rows), today=today)
    expected = [answers(r) for r in validate_many(rows, today=today)]
    assert out.to_pylist() == expected
    assert out.column("codes").to_pylist()[1] == [
        "expiry.expired", "name.single_word",
        "postal_code.state_mismatch", "cvc.length_for_brand"]


def test_int_columns_and_other_types_go_the_scalar_way() -> None:
    table = pa.table({
        "number": pa.array([4111111111111111, -4111111111111111, None, 378282246310005]),
        "expiry": pa.array([1229, 129, None, 1226]),
        "name": pa.array(["Anna Svensson", "Bo Ek", None, "Anna Svensson"]),
        "cvc": pa.array([123, 12, None, 1234]),
        "postal_code": pa.array([11151, 11151, 11151, None]),
        "country": pa.array(["SE", "SE", "SE", None]),
        "on_file_name": pa.array([None, None, "Bo Ek", None]),
    })
    stats = assert_same(table, today=date(2026, 11, 26))
    assert stats["whole_rows"] == 4  # int expiries (3 rows) and the row with a name on file
    codes = validate_table(table, today=date(2026, 11, 26)).column("codes").to_pylist()
    assert "cvc.not_text" in codes[0]  # an int security code has lost its leading zeros


def test_accepted_brands_is_validates_option() -> None:
    table = pa.table({"number": ["4111111111111111", "5555555555554444", "4111111111111112"]})
    out = validate_table(table, accepted_brands=["mastercard"], today=date(2026, 11, 26))
    number_codes = [[c for c in codes if c.startswith("number.")]
                    for codes in out.column("codes").to_pylist()]
    assert number_codes == [["number.brand_not_accepted"], [], ["number.checksum"]]
    with pytest.raises(TypeError, match="accepted_brands"):
        validate_table(table, accepted_brands="visa")


def test_names_of_other_types_are_record_bad_value() -> None:
    table = pa.table({"number": ["4111111111111111"], "name": pa.array([42])})
    out = validate_table(table, today=date(2026, 11, 26))
    assert out.column("codes").to_pylist() == [["record.bad_value"]]


def test_pandas_and_record_batch_inputs() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"pan": ["4111111111111111", None], "exp": ["12/29", float("nan")],
                          "name": ["Anna Svensson", "Bo Ek"]})
    out = validate_table(frame, today=date(2026, 11, 26))
    assert out.column("codes").to_pylist() == [[], ["number.missing", "expiry.missing"]]
    batch = pa.record_batch({"pan": ["4111111111111111"]})
    assert validate_table(batch).column("masked").to_pylist() == ["411111******1111"]


def test_explicit_columns_win_over_detected_ones() -> None:
    table = pa.table({"pan": ["4111111111111112"], "other": ["4111111111111111"]})
    out = validate_table(table, columns={"number": "other"}, today=date(2026, 11, 26))
    assert "number.checksum" not in out.column("codes").to_pylist()[0]


def test_bad_arguments_are_type_errors_without_values() -> None:
    with pytest.raises(TypeError, match="table must be"):
        validate_table([{"number": "4111111111111111"}])
    with pytest.raises(TypeError, match="today must be"):
        validate_table(pa.table({"number": ["1"]}), today="2026-11-26")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_years"):
        validate_table(pa.table({"number": ["1"]}), max_years=-1)


def test_no_card_number_in_the_output() -> None:
    numbers = [append_check_digit(f"4{i:014d}") for i in range(50)]
    table = pa.table({"number": numbers, "name": numbers, "line1": numbers,
                      "expiry": numbers, "country": ["SE"] * 50})
    assert_same(table, today=date(2026, 11, 26))
    out = validate_table(table, today=date(2026, 11, 26))
    text = json.dumps(out.to_pylist()) + str(out.schema.metadata)
    assert not any(n in text or n[6:-4] in text for n in numbers)
    assert all(
        {"name.looks_like_card_number", "address.looks_like_card_number"} <= set(codes)
        for codes in out.column("codes").to_pylist()
    )


def test_empty_table() -> None:
    out = validate_table(pa.table({"number": pa.array([], pa.string())}))
    assert out.num_rows == 0
    assert out.column_names == ["ok", "codes", "fields", "problem_count", "brand", "masked"]


def test_fallback_share_is_small_on_plain_rows() -> None:
    rows = [{"number": append_check_digit(f"5{i % 5 + 1}{i:013d}"),
             "expiry": f"{i % 12 + 1:02d}/29",
             "name": "Anna Svensson", "cvc": "123", "line1": f"{i} Main St", "city": "Austin",
             "state": "TX", "postal_code": f"{73301 + i % 500}", "country": "US"}
            for i in range(2000)]
    stats = assert_same(pa.Table.from_pylist(rows), today=date(2026, 11, 26))
    assert stats["whole_rows"] == stats["number_rows"] == stats["cvc_rows"] == 0
    assert stats["name_values"] == 0
    assert stats["address_keys"] < 100


def test_brand_index_agrees_with_lookup_on_both_sides_of_every_boundary() -> None:
    import numpy as np

    from cardvalid.batch.table import _brand_index
    from cardvalid.brands import lookup

    starts, labels = _brand_index()
    for start in starts.tolist():
        first = int(int(start).to_bytes(8, "big").decode())
        for prefix in {first, max(first - 1, 0)}:
            number = f"{prefix:08d}12345678"
            key = np.frombuffer(number[:8].encode(), dtype=">u8").astype(np.uint64)
            label = labels[int(np.searchsorted(starts, key, side="right")[0]) - 1]
            assert label == lookup(number), number


def test_a_repeated_column_name_reads_the_first_column() -> None:
    table = pa.Table.from_arrays(
        [pa.array(["4111111111111111"]), pa.array(["4111111111111112"])], ["pan", "pan"]
    )
    out = validate_table(table, today=date(2026, 11, 26))
    expected = scalar({"pan": "4111111111111111"}, {"number": "pan"}, today=date(2026, 11, 26))
    assert out.to_pylist() == [answers(expected)]


def test_large_string_chunked_and_dictionary_columns() -> None:
    numbers = ["4111 1111 1111 1111", "5555555555554444", None, "378282246310006"]
    names = pa.chunked_array([["Anna Svensson", "Bo"], [None, "Madonna"]], pa.large_string())
    table = pa.table({
        "number": pa.array(numbers).dictionary_encode(),
        "name": names,
        "exp": pa.array(["12/29", "0129", "2029-13", None], pa.large_string()),
    })
    assert_same(table, today=date(2026, 11, 26))


def test_polars_frame() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({"pan": ["4111111111111111", None], "exp": ["12/29", "13/29"],
                          "name": ["Anna Svensson", "Bo Ek"]})
    assert_same(frame.to_arrow(), today=date(2026, 11, 26))
    out = validate_table(frame, today=date(2026, 11, 26))
    assert out.column("codes").to_pylist() == [[], ["number.missing", "expiry.month_range"]]


@given(numbers=st.lists(st.text("0123456789", min_size=8, max_size=19), min_size=1,
                        max_size=30))
def test_vectorised_luhn_equals_luhn_is_valid(numbers: list[str]) -> None:
    import numpy as np

    from cardvalid.batch.table import _luhn
    from cardvalid.luhn import is_valid

    for length in {len(n) for n in numbers}:
        same = [n for n in numbers if len(n) == length]
        matrix = np.frombuffer("".join(same).encode(), dtype=np.uint8).reshape(-1, length)
        assert _luhn(matrix).tolist() == [is_valid(n) for n in same]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=8),
                min_size=1, max_size=30))
def test_postal_shapes_group_codes_as_their_digit_letter_shapes(codes: list[str]) -> None:
    import re

    shape = [re.sub(r"[A-Za-z]", "A", re.sub(r"[0-9]", "9", c)) for c in codes]
    array = pa.array(["x", *codes])[1:]  # a slice: the offsets do not start at 0
    ids = _shapes(array).tolist()
    for i in range(len(codes)):
        for j in range(len(codes)):
            assert (ids[i] == ids[j]) == (shape[i] == shape[j])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "bb", "ccc"]), max_size=4), min_size=1,
                max_size=5).flatmap(
    lambda combos: st.tuples(st.just(combos),
                             st.lists(st.integers(0, len(combos) - 1), max_size=40))))
def test_list_columns_hold_each_rows_combination(case: tuple[list[list[str]], list[int]]) -> None:
    import numpy as np

    combos, rows = case
    upper = [[c.upper() for c in combo] for combo in combos]
    codes, fields = _list_columns(combos, upper, inverse=np.asarray(rows, dtype=np.int64))
    codes.validate(full=True)
    assert codes.to_pylist() == [combos[r] for r in rows]
    assert fields.to_pylist() == [upper[r] for r in rows]


# ------------------------------------------------------------------ the numbers' fast lane

def _edge_prefixes() -> list[str]:
    """Eight digits on both sides of every start in the brand index (each brand's range edges)."""
    from cardvalid.batch.table import _brand_index

    starts, _ = _brand_index()
    edges: set[str] = set()
    for start in starts.tolist():
        first = int(int(start).to_bytes(8, "big").decode())
        edges |= {f"{max(first - 1, 0):08d}", f"{first:08d}", f"{first + 1:08d}"}
    return sorted(edges)


_EDGES = _edge_prefixes()
_SEPARATED = {"spaced": " ", "dashed": "-", "dotted": "."}


@st.composite
def edge_numbers(draw: st.DrawFn) -> str:
    """A number of 11-20 digits starting at a brand range's edge, Luhn-valid or not."""
    prefix = draw(st.sampled_from(_EDGES))
    length = draw(st.integers(11, 20))
    body = (prefix + draw(st.text("0123456789", min_size=12, max_size=12)))[: length - 1]
    return append_check_digit(body) if draw(st.booleans()) else body + draw(
        st.sampled_from("0123456789"))


@settings(max_examples=max(EXAMPLES // 3, 50), deadline=None)
@given(numbers=st.lists(st.one_of(edge_numbers(), st.sampled_from([*_JUNK, None])),
                        min_size=1, max_size=40),
       other=st.sampled_from([*_SEPARATED, "fullwidth", "arabic", "padded"]),
       sliced=st.integers(0, 3), partial=st.booleans(),
       cvc=st.sampled_from([None, "123", "12", "12 ", " 1", "1234", "12345"]))
def test_fast_lane_equals_the_general_path_and_validate(
    numbers: list[str | None], other: str, sliced: int, partial: bool, cvc: str | None
) -> None:
    """Plain digits take the fast lane; the same numbers spelt otherwise go the general way
    (separators: the vectorised path, other digits: the scalar one); all equal validate()."""
    today = date(2026, 11, 26)
    cvcs = pa.array([cvc] * (sliced + len(numbers)), pa.string())
    plain = pa.table({"number": pa.array([None] * sliced + numbers, pa.string()), "cvc": cvcs})
    plain = plain.slice(sliced)  # a column that starts inside its buffers
    stats = assert_same(plain, today=today, partial=partial)
    in_lane = [n for n in numbers if n is not None and n.isascii() and n.isdigit()
               and 13 <= len(n) <= 19]
    assert stats["fast_lane_rows"] == len(in_lane)

    def spell(number: str | None) -> str | None:
        if number is None or not (number.isascii() and number.isdigit()):
            return number
        if other in _SEPARATED:
            return _SEPARATED[other].join(number[i : i + 4] for i in range(0, len(number), 4))
        if other == "padded":
            return f" {number}  "
        return number.translate(_FULLWIDTH if other == "fullwidth" else _ARABIC)

    spelt = pa.table({"number": pa.array([spell(n) for n in numbers], pa.string()),
                      "cvc": cvcs.slice(sliced)})
    spelt_stats = assert_same(spelt, today=today, partial=partial)
    assert spelt_stats["fast_lane_rows"] == 0
    if other in _SEPARATED:  # other digits are a notice of their own
        lane_out = validate_table(plain, today=today, partial=partial)
        assert validate_table(spelt, today=today, partial=partial).equals(lane_out)


# Digits mostly, and one of each byte class the lane's digit test must refuse:
# the ASCII neighbours of 0-9, a control, DEL, and multi-byte characters
# (Latin, fullwidth and Arabic-Indic digits, an invisible mark).
_NEAR_DIGITS = st.sampled_from("0123456789" * 6 + "/: -.a\x00\x7f\u00e9\uff11\u0661\u200b")


@given(numbers=st.lists(st.one_of(st.text("0123456789", min_size=11, max_size=20),
                                  st.text(_NEAR_DIGITS, min_size=11, max_size=20),
                                  st.none(), st.sampled_from(["", "4111 1111 1111 1111"])),
                        min_size=1, max_size=40),
       start=st.integers(0, 5))
def test_fast_lane_luhn_and_mask_equal_the_scalar_rules(numbers: list[str | None],
                                                        start: int) -> None:
    from cardvalid.batch import fastlane
    from cardvalid.digits import mask
    from cardvalid.luhn import is_valid

    values = pa.array(numbers, pa.string()).slice(min(start, len(numbers) - 1))
    given_ = values.to_pylist()
    lane = fastlane.read(values)
    expected = [i for i, n in enumerate(given_)
                if n is not None and n.isascii() and n.isdigit() and 13 <= len(n) <= 19]
    assert lane.rows.tolist() == expected
    assert lane.luhn_ok().tolist() == [is_valid(given_[i]) for i in expected]
    shown = fastlane.masked(lane, len(values)).to_pylist()
    assert shown == [mask(n) if i in expected else None for i, n in enumerate(given_)]
    read_only = fastlane.read(values, writable=False)  # the column's own buffer where it can
    assert read_only.rows.tolist() == expected
    assert read_only.luhn_ok().tolist() == lane.luhn_ok().tolist()
    assert read_only.first8().tolist() == fastlane.read(values).first8().tolist()  # (unmasked)
    assert fastlane.masked(read_only, len(values)).to_pylist() == shown
    assert values.to_pylist() == given_



@given(numbers=st.lists(st.text("0123456789", min_size=13, max_size=19), min_size=1,
                        max_size=40),
       start=st.integers(0, 5))
def test_fast_lane_mask_written_in_place_when_every_row_is_in_the_lane(numbers: list[str],
                                                                       start: int) -> None:
    from cardvalid.batch import fastlane
    from cardvalid.digits import mask

    values = pa.array(numbers, pa.string()).slice(min(start, len(numbers) - 1))
    given_ = values.to_pylist()
    lane = fastlane.read(values)
    assert lane.offsets is not None
    shown = fastlane.masked(lane, len(values))
    shown.validate(full=True)
    assert shown.to_pylist() == [mask(n) for n in given_]
    assert values.to_pylist() == given_  # the input's buffers are not written to

# ------------------------------------------------------------------ postal codes: stdnum's lists

@settings(max_examples=100, deadline=None)
@given(country=st.sampled_from(["AT", "ES", "NL", "SE"]),
       codes=st.lists(st.one_of(st.text("0123456789", min_size=4, max_size=5),
                                st.builds("{}{}".format, st.text("0123456789", min_size=4,
                                                                 max_size=4),
                                          st.sampled_from(["AB", "SA", "SD", "SS", "ZZ"]))),
                      min_size=1, max_size=30, unique=True))
def test_postal_verdicts_equal_stdnum_cold_and_remembered(country: str,
                                                          codes: list[str]) -> None:
    from importlib import import_module

    from cardvalid.address.postal import STDNUM_MODULES
    from cardvalid.batch.table import _exists

    is_valid = import_module(STDNUM_MODULES[country]).is_valid
    expected = [int(is_valid(c)) for c in codes]
    for _ in range(2):  # asked, then remembered
        verdicts, _ = _exists(country, pa.array(codes))
        assert verdicts.tolist() == expected


def test_clear_caches_forgets_the_remembered_postal_verdicts() -> None:
    from cardvalid.batch.table import _exists
    from cardvalid.caches import clear_caches

    codes = pa.array(["11151", "99999"])
    assert _exists("SE", codes)[1] >= 0
    assert _exists("SE", codes)[1] == 0  # remembered: stdnum is not asked again
    clear_caches()
    assert _exists("SE", codes)[1] == 2


# ------------------------------------------------------------------ line1 and address

_LINE_VALUES = ["1 Main St", "", "  ", "\t", "Drottninggatan 1", "李小龍路 1", None, "\x1c"]


@settings(max_examples=150, deadline=None)
@given(order=st.permutations(["line1", "address", "street"]),
       values=st.lists(st.sampled_from(_LINE_VALUES), min_size=9, max_size=9),
       columns=st.sampled_from([None, {"line1": "street"}, {"line1": "address"}]))
def test_line1_and_address_columns_resolve_as_to_details(
    order: list[str], values: list[str | None], columns: dict[str, str] | None
) -> None:
    """`address` and `line1` (or an alias) both give the street line: the last given wins."""
    rows = [dict(zip(order, values[i : i + 3], strict=True)) for i in (0, 3, 6)]
    table = pa.table({name: pa.array([r[name] for r in rows], pa.string()) for name in order}
                     | {"postal_code": pa.array(["95014"] * 3), "country": pa.array(["US"] * 3)})
    assert_same(table, today=date(2026, 11, 26), columns=columns)


def test_on_file_address_column_is_read_as_on_file_line1() -> None:
    table = pa.table({"number": ["4111111111111111"], "on_file_address": ["1 Main St"],
                      "address": ["2 Main St"], "postal_code": ["95014"], "country": ["US"]})
    stats = assert_same(table, today=date(2026, 11, 26))
    assert stats["whole_rows"] == 1


def test_partial_numbers_and_security_codes_are_vectorised() -> None:
    """As-you-type (`partial=True`) numbers and codes of plain digits need no scalar call."""
    rows = [{"number": append_check_digit(f"4{i:014d}")[: 13 + i % 4],
             "cvc": ["1", "12 ", "123"][i % 3], "expiry": "12/29", "name": "Anna Svensson"}
            for i in range(300)]
    stats = assert_same(pa.Table.from_pylist(rows), today=date(2026, 11, 26), partial=True)
    assert stats["number_rows"] == stats["cvc_rows"] == 0
    assert stats["fast_lane_rows"] == 300


@given(st.lists(st.text(st.sampled_from("0123456789 .-x\u0661\t"), max_size=12), min_size=1,
                max_size=30))
def test_number_separators_removed_literally_read_as_the_regex(texts: list[str]) -> None:
    import pyarrow.compute as pc

    from cardvalid.batch.table import _NUMBER_TEXT

    array = pa.array(texts, pa.string())
    cleaned = array
    for separator in " .-":
        cleaned = pc.replace_substring(cleaned, separator, "")
    assert pc.ascii_is_decimal(cleaned).to_pylist() == pc.match_substring_regex(
        array, _NUMBER_TEXT).to_pylist()


# ------------------------------------------------------------------ slices and result columns

def _mixed_rows(count: int) -> Any:
    """Rows of every path: the fast lane, spaced numbers, other digits, blanks, on-file values."""
    rows = []
    for i in range(count):
        number = append_check_digit(f"4{i:014d}")
        rows.append({
            "number": [number, f"{number[:4]} {number[4:]}", number.translate(_FULLWIDTH),
                       None, "  ", "4111111111111112"][i % 6],
            "expiry": [f"{i % 12 + 1:02d}/29", "13/29", None, "2029-07"][i % 4],
            "name": ["Anna Svensson", "José Núñez", None][i % 3],
            "postal_code": ["114 55", "11455", "1145", None][i % 4],
            "country": ["SE", "US", None][i % 3],
            "on_file_name": [None, "Anna Svensson"][i % 5 == 0],
        })
    return pa.Table.from_pylist(rows)


def test_a_table_larger_than_a_slice_is_judged_in_slices_with_the_same_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from cardvalid.batch import table as module

    table = _mixed_rows(61)
    whole = validate_table(table, today=date(2026, 11, 26))
    monkeypatch.setattr(module, "BATCH_ROWS", 7)
    sliced = validate_table(table, today=date(2026, 11, 26))
    assert sliced.column("codes").num_chunks == 9  # 61 rows in slices of 7
    assert sliced.to_pylist() == whole.to_pylist()
    assert sliced.schema.remove_metadata() == whole.schema.remove_metadata()
    counts = json.loads(sliced.schema.metadata[b"cardvalid.fallback"])
    once = json.loads(whole.schema.metadata[b"cardvalid.fallback"])
    per_row = ("rows", "whole_rows", "number_rows", "cvc_rows", "fast_lane_rows")
    assert {k: counts[k] for k in per_row} == {k: once[k] for k in per_row}
    assert counts["rows"] == 61 and counts["whole_rows"] > 0 and counts["fast_lane_rows"] > 0
    # A distinct value is asked about once per slice it is in (python-stdnum's
    # postal verdicts are remembered for the process: the whole run asked first).
    assert counts["name_values"] > once["name_values"]
    assert counts["address_keys"] > once["address_keys"]
    assert_same(table, today=date(2026, 11, 26))


@pytest.mark.parametrize("wanted", [["ok", "codes"], ["masked"], ["codes", "ok", "brand"],
                                    ["fields", "problem_count"], list(RESULT_COLUMNS)])
def test_result_columns_are_the_ones_asked_for_with_the_same_values(wanted: list[str]) -> None:
    table = _mixed_rows(40)
    validate_table(table, today=date(2026, 11, 26))  # python-stdnum asked once per process
    full = validate_table(table, today=date(2026, 11, 26))
    out = validate_table(table, today=date(2026, 11, 26), result_columns=wanted)
    assert out.column_names == wanted
    for name in wanted:
        assert out.column(name).to_pylist() == full.column(name).to_pylist(), name
        assert out.schema.field(name) == full.schema.field(name)
    assert out.schema.metadata == full.schema.metadata


def test_result_columns_asked_twice_come_once_in_their_first_place() -> None:
    out = validate_table(pa.table({"number": ["4111111111111111"]}),
                         result_columns=("codes", "ok", "codes"))
    assert out.column_names == ["codes", "ok"]


@pytest.mark.parametrize(("wanted", "error"), [
    ("ok", TypeError), (b"ok", TypeError), (7, TypeError), (["ok", 7], TypeError),
    ([], ValueError), (["ok", "pan"], ValueError), (["number"], ValueError),
    (["4111111111111111"], ValueError), (["4111 1111 1111 1111 and more"], ValueError),
])
def test_wrong_result_columns_are_refused_before_any_row_is_read(
        wanted: object, error: type[Exception]) -> None:
    secret = "4111111111111111"
    with pytest.raises(error) as raised:
        validate_table(pa.table({"number": [secret]}), result_columns=wanted)  # type: ignore[arg-type]
    assert secret not in str(raised.value)
    if error is ValueError:
        assert "ok, codes, fields, problem_count, brand, masked" in str(raised.value)


def test_a_call_leaves_nothing_for_the_cyclic_collector() -> None:
    # A kept exception with its traceback once held a run's frames, and with
    # them its every working array, until the cyclic collector came by. Only
    # cardvalid's own objects are looked at: other threads of the test process
    # (Spark's gateway, the browser tests' server) may leave garbage meanwhile.
    import gc
    import types

    def ours(thing: object) -> bool:
        if isinstance(thing, types.FrameType):
            return "cardvalid" in thing.f_code.co_filename
        return type(thing).__module__.startswith("cardvalid")

    table = _mixed_rows(30)
    validate_table(table, today=date(2026, 11, 26))  # first-call tables built
    gc.collect()
    flags = gc.get_debug()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        validate_table(table, today=date(2026, 11, 26))
        validate(table.to_pylist()[3], today=date(2026, 11, 26))
        gc.collect()
        assert [type(thing).__name__ for thing in gc.garbage if ours(thing)] == []
    finally:
        gc.garbage.clear()
        gc.set_debug(flags)
        gc.enable()


def test_the_fast_lane_reads_arrow_strings_only() -> None:
    from cardvalid.batch import fastlane

    for value in ("4111111111111111", ["4111111111111111"], pa.array([4111])):
        with pytest.raises(TypeError, match="string array"):
            fastlane.read(value)
