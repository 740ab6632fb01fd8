"""A progress bar (rows, rows/s, ETA) and the closing summary table, on a terminal only.

`rich` is imported only when something is drawn, so the library and a piped
run never need it.

>>> with Progress(total=None, enabled=False) as bar:
...     bar.update(rows=10, position=100)
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any


def on_terminal() -> bool:
    """True when standard error is a terminal (a bar there is read, not logged)."""
    stream = sys.stderr
    return stream is not None and stream.isatty()


class Progress:
    """Draws how many rows are done, how fast, and how long is left (by input bytes)."""

    def __init__(self, *, total: int | None, enabled: bool) -> None:
        self._enabled = enabled
        self._total = total
        self._bar: Any = None
        self._task: Any = None
        self._started = time.monotonic()

    def __enter__(self) -> Progress:
        if self._enabled:
            self._start()
        return self

    def _start(self) -> None:
        from rich.console import Console  # noqa: PLC0415  (rich only when drawing)
        from rich.progress import (  # noqa: PLC0415
            BarColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar  # noqa: PLC0415

        self._bar = Bar(
            TextColumn("[bold]checking"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rows]:,} rows  {task.fields[rate]:,.0f} rows/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("check", total=self._total, rows=0, rate=0.0)

    def update(self, *, rows: int, position: int) -> None:
        if self._bar is None:
            return
        elapsed = max(time.monotonic() - self._started, 1e-9)
        self._bar.update(self._task, completed=position, rows=rows, rate=rows / elapsed)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()


def print_summary_table(summary: dict[str, Any]) -> None:
    """The summary as tables on standard error."""
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    console = Console(stderr=True)
    totals = Table(title="cardvalid check", show_header=False)
    for label, key in (("rows", "rows"), ("ok", "ok"), ("problem rows", "problem_rows"),
                       ("rows written", "written")):
        totals.add_row(label, f"{summary[key]:,}")
    console.print(totals)
    for title, key, heading in (("by checklist item", "checklist", "item"),
                                ("by code", "codes", "code")):
        if summary[key]:
            table = Table(title=title)
            table.add_column(heading)
            table.add_column("rows", justify="right")
            for name, count in summary[key].items():
                table.add_row(name, f"{count:,}")
            console.print(table)
