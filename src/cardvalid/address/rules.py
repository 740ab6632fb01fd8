"""Each country's address rules, compiled once from Google's metadata and our overlay.

`rules_for(country)` reads the country's records once (`data.py`) and keeps
only what the checks need, in immutable form: the fields the country's form
has and which of them are required, the compiled postal-code format, the
subdivisions with their postal-code prefixes and city lists, and look-up
tables from every spelling of a subdivision to its canonical code.

The canonical subdivision code is the ISO 3166-2 code without the country
prefix where Google's data gives one (`CA`, `QC`, `13` for Tokyo), corrected to
the current ISO code by the overlay (India, China); otherwise Google's own key
(`AA` for US Armed Forces, `JBT` for Jervis Bay, Spain's province keys, which
equal ISO's).

>>> r = rules_for("US")
>>> r.fields, r.postal.examples[:2]
(('line1', 'city', 'state', 'postal_code'), ('95014', '22162-1010'))
>>> r.by_code["NV"].postal_example, rules_for("JP").fields
('88900', ('postal_code', 'state', 'line1'))
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from cardvalid.address._text import ascii_code, fold
from cardvalid.address.data import CountryRecord, country_record, defaults, google_countries
from cardvalid.address.postal import PostalFormat, compact_pattern, compile_postal

# Google's format letters -> our Address fields (N name, O organisation,
# D dependent locality, X sorting code are not billing-address fields here).
FIELD_OF = MappingProxyType({"A": "line1", "C": "city", "S": "state", "Z": "postal_code"})
_FORMAT_FIELD = re.compile(r"%([A-Z])")
_LINE_START_PREFIX = re.compile(r"(?:^|%n)([^%]+)%Z")
_SEPARATORS = str.maketrans("", "", " -")


@dataclass(frozen=True, slots=True)
class SubRule:
    """One subdivision (state, province, prefecture...) as the checks need it."""

    code: str
    key: str
    name: str
    latin_name: str | None
    iso: str | None
    postal_prefix: str | None
    postal_match: re.Pattern[str] | None
    postal_example: str | None
    city_spellings: tuple[str, ...]
    spellings: tuple[str, ...] = ()
    former_code: str | None = None

    @property
    def display_name(self) -> str:
        """A Latin-script name where the data has one, else the local name."""
        return self.latin_name or self.name


@dataclass(frozen=True, slots=True)
class Rules:
    """One country's compiled address rules (internal; `CountryRules` is the public view)."""

    country: str
    fields: tuple[str, ...]
    required: frozenset[str]
    postal: PostalFormat | None
    printed_prefix: str | None
    name_types: Mapping[str, str]
    subs: tuple[SubRule, ...]
    by_code: Mapping[str, SubRule]
    exact: Mapping[str, str]
    folded: Mapping[str, str]
    city_names: frozenset[str]
    languages: tuple[str, ...]

    @property
    def has_postal_prefixes(self) -> bool:
        """True when some subdivision has its own postal-code prefixes."""
        return any(sub.postal_match is not None for sub in self.subs)

    @property
    def has_city_lists(self) -> bool:
        """True when at least one subdivision lists its cities."""
        return any(sub.city_spellings for sub in self.subs)

    def knows_city(self, sub: SubRule, value: str) -> bool | None:
        """Whether `value` names a city of `sub`; None when `sub` has no city list."""
        if not sub.city_spellings:
            return None
        key = fold(value)
        known = _city_keys(self.country, sub.code)
        return key in known or short_form(self.country, key) in known or key in self.city_names


@functools.cache
def _city_keys(country: str, code: str) -> frozenset[str]:
    """Folded city names (and short forms) of one subdivision, built on first use.

    Brazil has 5,569 cities: folding them waits until a Brazilian state is checked.
    """
    keys = {fold(c) for c in rules_for(country).by_code[code].city_spellings}
    return frozenset(keys | {short_form(country, k) for k in keys})


@functools.cache
def rules_for(country: str) -> Rules:
    """The compiled rules of a region code Google's data has (KeyError otherwise)."""
    if country not in google_countries():
        raise KeyError(country)
    return _compile(country_record(country))


@functools.cache
def default_rules() -> Rules:
    """Google's default record (ZZ): what any address needs when the country is unknown."""
    return _compile(CountryRecord("ZZ", defaults(), MappingProxyType({}), MappingProxyType({})))


def _compile(record: CountryRecord) -> Rules:
    top = record.top
    fields = tuple(
        dict.fromkeys(FIELD_OF[f] for f in _FORMAT_FIELD.findall(top["fmt"]) if f in FIELD_OF)
    )
    postal, printed = _postal(record.country, top, fields)
    required = {FIELD_OF[f] for f in top.get("require", "") if f in FIELD_OF}
    required &= set(fields)
    if postal is None:
        required.discard("postal_code")
    subs = _subs(record, postal)
    exact, folded = _tables(record.country, subs)
    name = top.get("name", record.country)
    return Rules(
        country=record.country,
        fields=fields,
        required=frozenset(required),
        postal=postal,
        printed_prefix=printed,
        name_types=MappingProxyType(
            {
                "state": top.get("state_name_type", "province"),
                "city": top.get("locality_name_type", "city"),
                "postal_code": top.get("zip_name_type", "postal"),
            }
        ),
        subs=subs,
        by_code=MappingProxyType({s.code: s for s in subs}),
        exact=exact,
        folded=folded,
        city_names=frozenset({fold(name)}),
        languages=tuple(filter(None, top.get("languages", "").split("~"))),
    )


def _postal(
    country: str, top: Mapping[str, str], fields: tuple[str, ...]
) -> tuple[PostalFormat | None, str | None]:
    if "postal_code" not in fields or "zip" not in top:
        return None, None
    printed = [top.get("postprefix", "")]
    found = _LINE_START_PREFIX.search(top["fmt"])
    if found:
        printed.append(found.group(1))
    prefixes = {_compact(p) for p in printed} | {country}
    prefixes.discard("")
    examples = tuple(filter(None, top.get("zipex", "").split(",")))
    # Codes that begin with the country's own letters (LV-1073, BB23026, VC0100)
    # are accepted without them and completed.
    implied = country if top["zip"].startswith(country) else ""
    ordered = tuple(sorted(prefixes - {implied}, key=len, reverse=True))
    postal = compile_postal(top["zip"], examples, ordered, implied)
    shown = next((p.strip() for p in printed if p.strip()), None)
    return postal, shown


def _compact(text: str) -> str:
    return ascii_code(text).upper().translate(_SEPARATORS).strip()


def _split(top: Mapping[str, str], key: str, size: int) -> list[str]:
    values = top.get(key, "").split("~") if key in top else []
    return (values + [""] * size)[:size]


def _subs(record: CountryRecord, postal: PostalFormat | None) -> tuple[SubRule, ...]:
    top = record.top
    if "sub_keys" not in top:
        return ()
    keys = top["sub_keys"].split("~")
    isoids = _split(top, "sub_isoids", len(keys))
    names = _split(top, "sub_names", len(keys))
    latin = _split(top, "sub_lnames", len(keys))
    aliases, cities = _below(record.entries)
    fix = record.fix
    subs = []
    for i, key in enumerate(keys):
        entry = record.entries.get(key, MappingProxyType({}))
        iso = entry.get("isoid") or isoids[i] or None
        current = fix.get("isoids", {}).get(iso, iso)
        prefix = None if fix.get("drop_sub_zips") else entry.get("zip")
        if prefix is not None and fix.get("sub_zip_strip"):
            prefix = prefix.replace(fix["sub_zip_strip"], "")
        matcher = re.compile(compact_pattern(prefix), re.ASCII) if prefix else None
        # Other-language entries may be keyed by the subdivision's name rather than
        # its key (India's "Andaman & Nicobar--hi" for "Andaman and Nicobar Islands").
        own = aliases.get(key, set()) | aliases.get(entry.get("name") or names[i], set())
        all_cities = cities.get(key, set()) | own
        subs.append(
            SubRule(
                code=current or key,
                key=key,
                name=entry.get("name") or names[i] or key,
                latin_name=entry.get("lname") or latin[i] or None,
                iso=current,
                postal_prefix=prefix,
                postal_match=matcher,
                postal_example=_example(postal, matcher, entry.get("zipex", "")),
                city_spellings=tuple(sorted(all_cities)) if key in cities else (),
                spellings=tuple(sorted(own)),
                former_code=iso if current != iso else None,
            )
        )
    return tuple(subs)


def _below(entries: Mapping[str, Mapping[str, str]]) -> tuple[
    dict[str, set[str]], dict[str, set[str]]
]:
    """Names of each subdivision in other languages, and the names of its cities."""
    aliases: dict[str, set[str]] = defaultdict(set)
    cities: dict[str, set[str]] = defaultdict(set)
    for full_key, entry in entries.items():
        head, slash, rest = full_key.partition("--")[0].partition("/")
        if not slash:
            target = aliases[head]
        elif "/" not in rest:  # level 2: a city of the subdivision
            target = cities[head]
            target.add(rest)
        else:
            continue
        for field in ("key", "name", "lname"):
            spelling = entry.get(field)
            if spelling:
                target.add(spelling)
    return aliases, cities


def _example(
    postal: PostalFormat | None, matcher: re.Pattern[str] | None, zipex: str
) -> str | None:
    """A canonical example code of the subdivision: its own, a country one, or one made up."""
    if postal is None or matcher is None:
        return None
    candidates = list(filter(None, zipex.split(",")))
    lead = _lead(matcher.pattern)
    for example in postal.examples:
        compact = example.translate(_SEPARATORS)
        candidates.append(compact)
        candidates.extend(lead + compact[len(lead) + skip :] for skip in (0, 1))
    for candidate in candidates:
        parsed = postal.parse(candidate)
        if parsed is not None and matcher.match(parsed[1]):
            return parsed[0]
    return None


def _lead(pattern: str) -> str:
    """The shortest literal text the first alternative of a prefix pattern matches.

    >>> _lead("0[4-9]|00[1-7]"), _lead("B?[1-36-8]"), _lead("(?:3[6-9]|40)\\\\d{2}")
    ('04', '1', '3600')
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "|":
            break
        token, i = _lead_token(pattern, i)
        count, i = _repeat(pattern, i)
        out.append(token * count)
    return "".join(out)


def _lead_token(pattern: str, i: int) -> tuple[str, int]:
    ch = pattern[i]
    if ch == "\\":
        return ("0" if pattern[i + 1] == "d" else pattern[i + 1]), i + 2
    if ch == "[":
        end = pattern.index("]", i + 1)
        return pattern[i + 1], end + 1
    if ch == "(":
        depth, j = 1, i + 1
        while depth:
            depth += {"(": 1, ")": -1}.get(pattern[j], 0)
            j += 1
        inner = pattern[i + 1 : j - 1]
        inner = inner[2:] if inner.startswith("?:") else inner
        return _lead(inner), j
    return ch, i + 1


def _repeat(pattern: str, i: int) -> tuple[int, int]:
    nxt = pattern[i : i + 1]
    if nxt in ("?", "*"):
        return 0, i + 1
    if nxt == "+":
        return 1, i + 1
    if nxt == "{":
        end = pattern.index("}", i)
        return int(pattern[i + 1 : end].split(",", 1)[0]), end + 1
    return 1, i


def _tables(country: str, subs: tuple[SubRule, ...]) -> tuple[Mapping[str, str], Mapping[str, str]]:
    """`exact` (as typed) and `folded` look-ups from every spelling to the canonical code.

    Codes win over names; a name two subdivisions share resolves to neither.
    """
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for sub in subs:
        for code in _codes_of(country, sub):
            exact.setdefault(code, sub.code)
            exact.setdefault(code.upper(), sub.code)
            exact.setdefault(code.lower(), sub.code)
            folded.setdefault(fold(code), sub.code)
    names: dict[str, set[str]] = defaultdict(set)
    for sub in subs:
        for name in _names_of(sub):
            names[name].add(sub.code)
            names[fold(name)].add(sub.code)
            names[short_form(country, fold(name))].add(sub.code)
    for name, codes in names.items():
        if len(codes) == 1:
            (code,) = codes
            exact.setdefault(name, code)
            folded.setdefault(fold(name), code)
    folded.pop("", None)
    return MappingProxyType(exact), MappingProxyType(folded)


# Words naming the kind of subdivision, dropped to get the short form people
# type ("Beijing" for "Beijing Shi", "東京" for "東京都", "Dublin" for "Co. Dublin").
# From the names in Google's data: the Chinese, Japanese and Korean suffixes for
# province, municipality, autonomous region, prefecture and do; the Irish "Co.".
_TYPE_WORDS = frozenset(
    {"sheng", "shi", "zizhiqu", "zhuangzuzizhiqu", "huizuzizhiqu", "weiwuerzizhiqu",
     "to", "fu", "ken", "do", "co", "county", "province", "state", "prefecture", "region"}
)
_CJK_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市",
                 "都", "府", "県")


def short_form(country: str, key: str) -> str:
    """A folded name without the words for its kind of subdivision.

    >>> short_form("CN", "beijing shi"), short_form("CN", "北京市"), short_form("IE", "co dublin")
    ('beijing', '北京', 'dublin')
    """
    words = [w for w in key.split() if w not in _TYPE_WORDS]
    text = " ".join(words) or key
    for suffix in _CJK_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def _codes_of(country: str, sub: SubRule) -> Iterable[str]:
    codes = {sub.code, sub.key, sub.former_code or ""}
    if sub.iso:
        codes.add(f"{country}-{sub.iso}")
    codes.add(f"{country}-{sub.code}")
    return sorted(c for c in codes if c)


def _names_of(sub: SubRule) -> Iterable[str]:
    names = {sub.name, sub.key, *sub.spellings}
    if sub.latin_name:
        names.add(sub.latin_name)
    return sorted(names)
