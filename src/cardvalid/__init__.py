"""cardvalid: check card details typed at a checkout and say what to fix.

>>> import cardvalid as cv
>>> cv.check_number("4111 1111 1111 1111").ok
True
"""

from cardvalid._version import DATA_VERSION
from cardvalid.address import check_address
from cardvalid.batch import validate_many
from cardvalid.compare import compare
from cardvalid.declines import explain_decline
from cardvalid.expiry import check_expiry
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
from cardvalid.name import check_name
from cardvalid.number import check_cvc, check_number, format_number, identify, mask
from cardvalid.validate import validate

__all__ = [
    "DATA_VERSION",
    "Action",
    "Address",
    "Brand",
    "BrandSpec",
    "CardDetails",
    "CardInfo",
    "CardValidationError",
    "Checklist",
    "Decline",
    "Field",
    "Problem",
    "Result",
    "SecurityCode",
    "Severity",
    "check_address",
    "check_cvc",
    "check_expiry",
    "check_name",
    "check_number",
    "compare",
    "explain_decline",
    "format_number",
    "identify",
    "mask",
    "validate",
    "validate_many",
]
