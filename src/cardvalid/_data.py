"""Reading the package's own data files, with `importlib.resources` imported on first use.

(`importlib.resources` pulls in pathlib, tempfile and urllib: several
milliseconds that `import cardvalid` should not pay.)

>>> "msgid" in read_text("cardvalid.messages", "en", "core.po")
True
"""

from __future__ import annotations

import functools
import json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def read_text(package: str, *parts: str) -> str:
    """The UTF-8 text of a file inside `package`."""
    from importlib import resources  # noqa: PLC0415

    return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")


def read_json(package: str, *parts: str) -> Any:
    """A JSON file inside `package`, parsed."""
    return json.loads(read_text(package, *parts))


@functools.cache
def list_dir(package: str, *parts: str) -> tuple[tuple[str, bool], ...]:
    """`(name, is_dir)` of every entry of a folder inside `package`, sorted by name."""
    from importlib import resources  # noqa: PLC0415

    folder = resources.files(package).joinpath(*parts)
    return tuple(sorted((p.name, p.is_dir()) for p in folder.iterdir()))
