"""A tiny timing harness shared by the benchmarks: medians of repeated runs, ratios.

Each benchmark script builds a list of `Case`s (ours and the peers' for the
same work) and calls `run_cases()`, which times them interleaved in the same
process, so a noisy machine slows every side alike.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    """One thing to time: `func()` is called `number` times per sample."""

    group: str
    name: str
    func: Callable[[], object]


def sample(func: Callable[[], object], number: int) -> float:
    """Mean ns per call of `number` calls of `func`."""
    timer = time.perf_counter_ns
    start = timer()
    for _ in range(number):
        func()
    return (timer() - start) / number


def calibrate(func: Callable[[], object], target_ns: float = 20_000_000) -> int:
    """A loop count whose sample takes about `target_ns`."""
    number = 1
    while True:
        took = sample(func, number) * number
        if took >= target_ns / 10 or number >= 1 << 22:
            return max(1, int(number * target_ns / max(took, 1.0)))
        number *= 10


def run_cases(cases: list[Case], *, repeat: int = 15) -> dict[str, float]:
    """Median ns per call for every case, sampled round-robin `repeat` times.

    Each case runs a few times first, so loading data on first use is not timed.
    """
    for case in cases:
        for _ in range(3):
            case.func()
    numbers = {c.name: calibrate(c.func) for c in cases}
    samples: dict[str, list[float]] = {c.name: [] for c in cases}
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            for case in cases:
                samples[case.name].append(sample(case.func, numbers[case.name]))
    finally:
        if gc_was:
            gc.enable()
    return {name: statistics.median(values) for name, values in samples.items()}


def fmt_ns(ns: float) -> str:
    """`812 ns`, `4.21 µs`, `3.10 ms`."""
    if ns < 1_000:
        return f"{ns:.0f} ns"
    if ns < 1_000_000:
        return f"{ns / 1_000:.2f} µs"
    return f"{ns / 1_000_000:.2f} ms"


def table(medians: dict[str, float], cases: list[Case], baselines: dict[str, str]) -> str:
    """A Markdown table: case, median, and the ratio `baseline / case` where a baseline is named.

    `baselines` maps a case name to the name of the case it is compared with.
    """
    lines = ["| group | case | median | ratio |", "|---|---|---:|---:|"]
    for case in cases:
        ratio = ""
        if case.name in baselines:
            factor = medians[baselines[case.name]] / medians[case.name]
            ratio = f"{factor:.1f}x faster" if factor >= 1 else f"{1 / factor:.1f}x slower"
            ratio += f" than {baselines[case.name]}"
        lines.append(f"| {case.group} | {case.name} | {fmt_ns(medians[case.name])} | {ratio} |")
    return "\n".join(lines)


def peak_rss_kib() -> int:
    """VmHWM of this process from /proc/self/status (KiB)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def header(title: str) -> str:
    """A heading naming the interpreter, for the saved outputs."""
    return f"## {title}\n\nPython {sys.version.split()[0]}, medians of interleaved samples.\n"
