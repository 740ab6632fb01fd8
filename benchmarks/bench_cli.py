"""`cardvalid check` end to end: rows/s, wall time and peak memory on a generated CSV.

Runs the real command in a subprocess (writing JSON Lines to a file), once
per `--jobs` value, and while it runs samples `VmHWM` (the peak resident set)
from /proc for the command and each of its worker processes. Reported: the
parent's peak, the largest worker's, and their sum (the most the run held at
once is at most the sum), and the CPU time of the command and its workers
(`RUSAGE_CHILDREN`), with the load average at the end: on a shared machine
rows per CPU-second is the figure that does not depend on the neighbours.

    python benchmarks/make_batch_data.py 1000000 /tmp/cards-1m.csv
    python benchmarks/bench_cli.py /tmp/cards-1m.csv --jobs 1 2
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
        except OSError:
            continue
        for child in map(int, text.split()):
            found += [child, *_children(child)]
    return found


def _hwm_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def run_once(data: str, jobs: int) -> dict[str, float]:
    """One run of the command; its wall time, rows/s and peak memory (MiB)."""
    rows = sum(1 for _ in open(data, "rb")) - 1  # noqa: SIM115
    with tempfile.TemporaryDirectory() as directory:
        out = os.path.join(directory, "out.jsonl")
        command = [sys.executable, "-m", "cardvalid", "check", data, "-o", out,
                   "--today", "2026-11-26", "--jobs", str(jobs)]
        start = time.perf_counter()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        process = subprocess.Popen(command, stderr=subprocess.PIPE)
        peaks: dict[int, int] = {}
        while process.poll() is None:
            for pid in [process.pid, *_children(process.pid)]:
                hwm = _hwm_kib(pid)
                if hwm is not None:
                    peaks[pid] = max(peaks.get(pid, 0), hwm)
            time.sleep(0.1)
        wall = time.perf_counter() - start
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime
               + cpu_after.ru_stime - cpu_before.ru_stime)
        assert process.stderr is not None
        err = process.stderr.read().decode()
        if process.returncode not in (0, 1):
            raise SystemExit(f"cardvalid check failed: {err}")
        written = sum(1 for _ in open(out, "rb"))  # noqa: SIM115
    if written != rows:
        raise SystemExit(f"rows out {written} != rows in {rows}")
    parent = peaks.pop(process.pid, 0)
    workers = [v for pid, v in peaks.items() if v > 0]
    return {"rows": rows, "wall_s": wall, "rows_per_s": rows / wall,
            "parent_mib": parent / 1024, "max_worker_mib": max(workers, default=0) / 1024,
            "sum_mib": (parent + sum(workers)) / 1024, "workers": len(workers), "cpu_s": cpu,
            "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"{'jobs':>4} {'rows':>9} {'wall s':>8} {'rows/s':>8} {'CPU s':>7} {'rows/CPU s':>10} "
          f"{'parent MiB':>10} {'max worker MiB':>14} {'sum MiB':>8} {'load':>5}")
    for jobs in args.jobs:
        r = run_once(args.data, jobs)
        print(f"{jobs:>4} {int(r['rows']):>9,} {r['wall_s']:>8.1f} {r['rows_per_s']:>8,.0f} "
              f"{r['cpu_s']:>7.1f} {r['rows'] / r['cpu_s']:>10,.0f} "
              f"{r['parent_mib']:>10.1f} {r['max_worker_mib']:>14.1f} {r['sum_mib']:>8.1f} "
              f"{r['load']:>5.1f}", flush=True)


if __name__ == "__main__":
    main()
