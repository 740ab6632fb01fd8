"""The billing phone check's documented old home; it lives in `cardvalid.address.phone`.

>>> check_phone("+46 8 123 456 78").ok
True
"""

from cardvalid.address.phone import check_phone, collect_phone, normalize_phone

__all__ = ["check_phone", "collect_phone", "normalize_phone"]
