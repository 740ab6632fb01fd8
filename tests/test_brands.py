"""The brand table: integrity of the data, most-specific matching, co-badging, candidates.

Also home of `valid_number()`, the generator of valid numbers for every row that
the other number tests use.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardvalid import luhn
from cardvalid.brands import (
    BRANDS,
    HOT_LEAVES,
    PREFIX_DIGITS,
    PREFIXES,
    SOURCES,
    BrandRow,
    entries,
    lookup,
    parse_prefix,
    row_for,
    spec_for,
)
from cardvalid.model import Brand

ENTRIES = entries()
SCALE = 10**PREFIX_DIGITS


def own_ranges(entry_index: int) -> list[tuple[int, int]]:
    """The 8-digit ranges of an entry that no more specific entry of another row takes."""
    entry = ENTRIES[entry_index]
    free = [(entry.start, entry.stop)]
    for other in ENTRIES:
        if other.row.brand is entry.row.brand or other.width <= entry.width:
            continue
        free = [
            piece
            for start, stop in free
            for piece in ((start, min(stop, other.start)), (max(start, other.stop), stop))
            if piece[0] < piece[1]
        ]
    return free


def valid_number(row: BrandRow, rng: random.Random, length: int | None = None) -> str:
    """A Luhn-valid number of `row`'s brand, from a range the row owns."""
    index = rng.choice([i for i, e in enumerate(ENTRIES) if e.row is row and own_ranges(i)])
    start, stop = rng.choice(own_ranges(index))
    head = str(rng.randrange(start, stop)).zfill(PREFIX_DIGITS)
    size = length or rng.choice(row.lengths)
    body = head + "".join(rng.choice("0123456789") for _ in range(size - len(head) - 1))
    return luhn.append_check_digit(body)


def brute_force(digits8: str) -> tuple[Brand, ...]:
    """The networks of an 8-digit prefix, straight from the rows: most specific wins."""
    point = int(digits8)
    covering = [e for e in ENTRIES if e.start <= point < e.stop]
    if not covering:
        return ()
    width = max(e.width for e in covering)
    best = [e for e in covering if e.width == width]
    assert len({e.row.brand for e in best}) == 1, f"tie at {digits8[:4]}"
    return (best[0].row.brand, *best[0].also)


# ------------------------------------------------------------------ the data


def test_every_row_cites_known_sources() -> None:
    for row in BRANDS:
        assert row.sources, row.brand
        assert set(row.sources) <= set(SOURCES), row.brand


def test_one_row_per_brand_and_sane_values() -> None:
    assert len({row.brand for row in BRANDS}) == len(BRANDS)
    for row in BRANDS:
        assert row.display_name
        assert row.lengths == tuple(sorted(set(row.lengths)))
        assert row.lengths[0] >= 12 and row.lengths[-1] <= 19
        assert row.gaps == tuple(sorted(row.gaps)) and row.gaps[-1] < row.lengths[-1]
        assert row.security_code.size in (3, 4)


@pytest.mark.parametrize("row", BRANDS, ids=lambda r: r.brand.value)
def test_prefixes_parse(row: BrandRow) -> None:
    for prefix in row.prefixes:
        start, stop, width = parse_prefix(prefix)
        assert 0 <= start < stop <= SCALE and 1 <= width <= PREFIX_DIGITS


@pytest.mark.parametrize("bad", ["", "4-", "51-5", "55-51", "4a", "123456789", "٤"])
def test_malformed_prefixes_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="bad IIN prefix"):
        parse_prefix(bad)


def test_no_two_rows_claim_the_same_range_at_the_same_width() -> None:
    for i, a in enumerate(ENTRIES):
        for b in ENTRIES[i + 1 :]:
            if a.row is not b.row and a.width == b.width:
                assert a.stop <= b.start or b.stop <= a.start, (a.row.brand, b.row.brand)


@pytest.mark.parametrize("index", range(len(ENTRIES)), ids=lambda i: ENTRIES[i].row.brand.value)
def test_no_prefix_is_shadowed(index: int) -> None:
    """Every prefix keeps numbers of its own: more specific rows never cover all of it."""
    assert own_ranges(index)


@pytest.mark.parametrize("index", range(len(ENTRIES)), ids=lambda i: ENTRIES[i].row.brand.value)
def test_every_prefix_identifies_as_its_row(index: int) -> None:
    entry = ENTRIES[index]
    for start, stop in own_ranges(index):
        for point in {start, stop - 1, (start + stop) // 2}:
            digits = str(point).zfill(PREFIX_DIGITS)
            match = lookup(digits)
            assert match.brand is entry.row.brand, digits
            assert match.brands == (entry.row.brand, *entry.also), digits


# A test card one processor lists under two domestic networks, neither of
# which publishes a range around it (Stripe's "BCcard and DinaCard").
SHARED_TEST_BINS = {(Brand.BC_CARD, "655590", Brand.DINACARD)}


def test_co_badged_prefixes_belong_to_the_row_and_the_partner_covers_them() -> None:
    for row in BRANDS:
        for prefix, partners in row.co_badged:
            assert prefix in row.prefixes
            start, stop, _ = parse_prefix(prefix)
            for partner in partners:
                assert (row.brand, prefix, partner) in SHARED_TEST_BINS or any(
                    e.row.brand is partner and e.start <= start and stop <= e.stop
                    for e in ENTRIES
                ), (row.brand, partner)


@pytest.mark.parametrize(
    ("row", "example"),
    [(row, example) for row in BRANDS for example in row.examples],
    ids=lambda value: value if isinstance(value, str) else value.brand.value,
)
def test_published_test_numbers_identify_as_their_row(row: BrandRow, example: str) -> None:
    match = lookup(example)
    assert match.brand is row.brand
    assert len(example) in row.lengths
    assert luhn.is_valid(example) or not row.luhn  # Jaywan: see its row


def test_at_least_the_networks_the_issue_names() -> None:
    named = {
        Brand.VISA, Brand.MASTERCARD, Brand.AMEX, Brand.DISCOVER, Brand.JCB,
        Brand.DINERS_CLUB, Brand.UNIONPAY, Brand.MAESTRO, Brand.MIR, Brand.ELO,
        Brand.HIPER, Brand.HIPERCARD, Brand.VERVE, Brand.RUPAY, Brand.TROY,
        Brand.DANKORT, Brand.UATP, Brand.CARTES_BANCAIRES,
    }  # fmt: skip
    assert named <= {row.brand for row in BRANDS}


# ------------------------------------------------------------------ decisions


@pytest.mark.parametrize(
    ("digits", "brands"),
    [
        ("4111111111111111", ("visa",)),
        ("5100000000000000", ("mastercard",)),
        ("5599999999999999", ("mastercard",)),
        ("2221000000000000", ("mastercard",)),
        ("2720999999999999", ("mastercard",)),
        ("2220999999999999", ()),
        ("2721000000000000", ()),
        ("340000000000000", ("amex",)),
        ("601100", ("discover",)),
        ("644000", ("discover",)),
        ("649999", ("discover",)),
        ("650000", ("discover",)),
        ("622126", ("discover", "unionpay")),
        ("622925", ("discover", "unionpay")),
        ("622125", ("unionpay",)),
        ("622926", ("unionpay",)),
        ("352800", ("jcb",)),
        ("358999", ("jcb",)),
        ("352799", ()),
        ("300000", ("diners_club",)),
        ("305999", ("diners_club",)),
        ("306000", ()),
        ("309500", ("diners_club",)),
        ("360000", ("diners_club",)),
        ("380000", ("diners_club",)),
        ("399999", ("diners_club",)),
        ("620000", ("unionpay",)),
        ("810000", ("unionpay",)),
        ("817199", ("unionpay",)),
        ("817200", ("rupay",)),
        ("820000", ("rupay",)),
        ("220000", ("mir",)),
        ("220499", ("mir",)),
        ("220500", ()),
        ("457100", ("dankort", "visa")),
        ("501900", ("dankort",)),
        ("500000", ("maestro",)),
        ("670000", ("maestro",)),
        ("401178", ("elo",)),
        ("401180", ("visa",)),
        ("506699", ("elo",)),
        ("506099", ("verve",)),
        ("650002", ("verve",)),
        ("650031", ("elo",)),
        ("650034", ("discover",)),
        ("606282", ("hipercard",)),
        ("600000", ("rupay",)),
        ("652100", ("rupay", "discover")),
        ("508000", ("rupay",)),
        ("979200", ("troy",)),
        ("100000", ("uatp",)),
        ("357111", ("lankapay", "jcb")),
        ("63737423", ("hiper",)),
        ("63737424", ("maestro",)),
        ("40000025", ("cartes_bancaires", "visa")),
        ("55555525", ("cartes_bancaires", "mastercard")),
        ("55555526", ("mastercard",)),
        ("970400", ("napas",)),
        ("986000", ("humo",)),
        ("860000", ("uzcard",)),
        ("911200", ("belkart",)),
        ("000000", ()),
        ("700000", ()),
    ],
)
def test_most_specific_prefix_wins(digits: str, brands: tuple[str, ...]) -> None:
    match = lookup(digits)
    assert tuple(b.value for b in match.brands) == brands
    assert match.brand is (Brand(brands[0]) if brands else None)
    assert brute_force(digits[:PREFIX_DIGITS].ljust(PREFIX_DIGITS, "0")) == match.brands


def test_visa_lengths_and_unionpay_luhn_policy() -> None:
    visa, unionpay = spec_for(Brand.VISA), spec_for(Brand.UNIONPAY)
    assert visa is not None and visa.lengths == (13, 16, 19) and visa.luhn
    assert unionpay is not None and not unionpay.luhn
    discover = spec_for(Brand.DISCOVER)
    assert discover is not None and discover.luhn  # co-badged Discover/UnionPay: Luhn applies


def test_security_codes() -> None:
    amex = spec_for(Brand.AMEX)
    assert amex is not None and (amex.security_code.name, amex.security_code.size) == ("CID", 4)
    for row in BRANDS:
        if row.brand is not Brand.AMEX:
            assert row.security_code.size == 3, row.brand


def test_every_brand_has_a_row() -> None:
    # A Brand member without a row could never be returned: the enum lists only what is served.
    assert [b for b in Brand if row_for(b) is None or spec_for(b) is None] == []


# ------------------------------------------------------------------ partial input


@pytest.mark.parametrize(
    ("prefix", "first", "contains"),
    [
        ("4", "visa", {"visa", "elo", "dankort", "cartes_bancaires", "maestro", "bancontact",
                       "eftpos", "interac", "mada"}),
        ("3", None, {"amex", "jcb", "diners_club", "lankapay"}),
        ("35", None, {"jcb", "lankapay"}),
        ("6", None, {"discover", "unionpay", "maestro", "rupay", "elo", "verve", "hiper",
                     "hipercard", "bancontact", "bc_card", "dinacard", "eftpos", "jaywan"}),
        ("62", "unionpay", {"unionpay", "discover", "elo", "eftpos"}),
        ("65", "discover", {"discover", "elo", "verve", "rupay", "bc_card", "dinacard"}),
        ("6373742", "maestro", {"maestro", "hiper"}),
        ("4000", "visa", {"visa", "cartes_bancaires", "eftpos"}),
        # Mastercard's 2-series (2221-2720) while only its first digits are typed
        ("2", None, {"mir", "mastercard", "paypak"}),
        ("27", None, {"mastercard"}),
        ("272", None, {"mastercard"}),
    ],
)
def test_ambiguous_prefixes_list_every_candidate(
    prefix: str, first: str | None, contains: set[str]
) -> None:
    match = lookup(prefix)
    assert match.brand is None and match.spec is None
    values = [b.value for b in match.brands]
    assert set(values) == contains
    if first is not None:
        assert values[0] == first  # what the digits already match comes first
    assert match.lengths  # the union, for the as-you-type state


@pytest.mark.parametrize("prefix", ["34", "37", "41", "53", "2221", "1", "9792"])
def test_unambiguous_prefixes_have_a_brand(prefix: str) -> None:
    match = lookup(prefix)
    assert match.brand is not None and match.brands[0] is match.brand


def test_empty_and_unknown() -> None:
    assert lookup("").brands == () and lookup("0").brands == () and lookup("7").brand is None


def test_lookup_refuses_non_digits() -> None:
    lookup("4")
    with pytest.raises(ValueError, match="ASCII digits"):
        lookup("abcd")


eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


@given(eight_digits)
def test_lookup_agrees_with_brute_force(digits: str) -> None:
    assert lookup(digits).brands == brute_force(digits)


@given(eight_digits, st.integers(1, 7))
def test_a_prefix_lists_every_brand_its_numbers_can_have(digits: str, cut: int) -> None:
    prefix, full = lookup(digits[:cut]), lookup(digits)
    assert set(full.brands) <= set(prefix.brands) or not full.brands
    if prefix.brand is not None:  # decided: every longer number agrees
        assert full.brand is prefix.brand and full.brands == prefix.brands


def test_hot_leaves_match_lookup() -> None:
    lookup("4")
    assert len(HOT_LEAVES) > 9900
    for key in ("4111", "3782", "6011", "5019", "0000"):
        assert HOT_LEAVES[key] == tuple(lookup(key + "000000000000"))
        assert type(HOT_LEAVES[key]) is tuple
    assert "6221" not in HOT_LEAVES  # refined past 4 digits: Discover/UnionPay at 622126
    assert set(PREFIXES) >= {"", "4", "41", "411", "4111"}


# ------------------------------------------------------------------ issue 12, class 2

_EDGES = sorted({b for e in ENTRIES for b in (e.start, e.stop)})


def _reachable(prefix: str) -> set[Brand]:
    """Every network some number starting with `prefix` has, straight from the rows."""
    scale = 10 ** (PREFIX_DIGITS - len(prefix))
    low = int(prefix or "0") * scale
    points = [low, *(b for b in _EDGES if low < b < low + scale)]
    return {brand for p in points for brand in brute_force(str(p).zfill(PREFIX_DIGITS))}


def _prefixes_to_check() -> list[str]:
    found = [str(n).zfill(w) for w in range(1, 5) for n in range(10**w)]
    for edge in _EDGES[1:-1]:
        for point in (edge - 1, edge):
            text = str(point).zfill(PREFIX_DIGITS)
            found.extend(text[:w] for w in range(5, PREFIX_DIGITS + 1))
    return list(dict.fromkeys(found))


def test_candidates_are_exactly_the_networks_a_prefix_can_still_become() -> None:
    wrong = [
        prefix for prefix in _prefixes_to_check()
        if set(lookup(prefix).brands) != _reachable(prefix)
    ]
    assert wrong == []
