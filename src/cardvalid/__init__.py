"""cardvalid: check card details typed at a checkout and say what to fix.

The data model is imported with the package; each check's module is imported
the first time one of its names is used, so `import cardvalid` stays cheap
for a checkout that only needs a few of them.

>>> import cardvalid as cv
>>> cv.check_number("4111 1111 1111 1111").ok
True
"""

from __future__ import annotations

import importlib

from cardvalid._version import DATA_VERSION
from cardvalid.model import (
    Action,
    Address,
    Brand,
    BrandSpec,
    CardDetails,
    CardInfo,
    CardValidationError,
    Checklist,
    Decline,
    Field,
    Problem,
    Result,
    SecurityCode,
    Severity,
)

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs ms at start-up
if TYPE_CHECKING:
    from typing import Any

    from cardvalid.address import CountryRules, check_address, country_rules
    from cardvalid.address.phone import check_phone
    from cardvalid.avs import AvsOutcome, avs_outcome, predict_avs
    from cardvalid.batch import validate_many
    from cardvalid.comparison import compare
    from cardvalid.declines import decline_codes, explain_decline
    from cardvalid.expiry import check_expiry
    from cardvalid.name import check_name
    from cardvalid.number import check_cvc, check_number, format_number, identify, mask
    from cardvalid.options import Options
    from cardvalid.reading import Reading, read
    from cardvalid.rules_export import export_rules
    from cardvalid.validation import validate

_LAZY = {
    "AvsOutcome": "cardvalid.avs",
    "CountryRules": "cardvalid.address",
    "Options": "cardvalid.options",
    "Reading": "cardvalid.reading",
    "avs_outcome": "cardvalid.avs",
    "check_address": "cardvalid.address",
    "check_cvc": "cardvalid.number",
    "check_expiry": "cardvalid.expiry",
    "check_name": "cardvalid.name",
    "check_number": "cardvalid.number",
    "check_phone": "cardvalid.address.phone",
    "compare": "cardvalid.comparison",
    "country_rules": "cardvalid.address",
    "decline_codes": "cardvalid.declines",
    "explain_decline": "cardvalid.declines",
    "export_rules": "cardvalid.rules_export",
    "format_number": "cardvalid.number",
    "identify": "cardvalid.number",
    "mask": "cardvalid.number",
    "predict_avs": "cardvalid.avs",
    "read": "cardvalid.reading",
    "validate": "cardvalid.validation",
    "validate_many": "cardvalid.batch",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cardvalid' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "DATA_VERSION",
    "Action",
    "Address",
    "AvsOutcome",
    "Brand",
    "BrandSpec",
    "CardDetails",
    "CardInfo",
    "CardValidationError",
    "Checklist",
    "CountryRules",
    "Decline",
    "Field",
    "Options",
    "Problem",
    "Reading",
    "Result",
    "SecurityCode",
    "Severity",
    "avs_outcome",
    "check_address",
    "check_cvc",
    "check_expiry",
    "check_name",
    "check_number",
    "check_phone",
    "compare",
    "country_rules",
    "decline_codes",
    "explain_decline",
    "export_rules",
    "format_number",
    "identify",
    "mask",
    "predict_avs",
    "read",
    "validate",
    "validate_many",
]
