"""Mutation testing (mutmut 3) of one module at a git revision, on a deterministic sample.

Each module is mutated in a fresh export of the revision (`git archive`), with
only its own test files selected and one worker, so runs before and after a
change are comparable and a shared machine is not swamped. A module's
mutants are sampled by the hash of their names: a mutant is in the sample
when `sha1(name) % STRIDE == 0`, so a function that did not change keeps
exactly the same mutants in the sample before and after.

    python benchmarks/mutation.py 230598f number      # before
    python benchmarks/mutation.py HEAD number         # after (commit first)
    python benchmarks/mutation.py HEAD number --survivors   # list what survived

The figures go to `results/mutation-<module>-<rev>.json` (and are printed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

# Test files issue 9 added (a revision without them runs without them).
AFTER_ISSUE_9 = ("tests/test_fastpaths.py", "tests/test_number_edges.py")

# module -> (files mutated, test files run, sampling stride: 1 = every mutant)
MODULES: dict[str, tuple[tuple[str, ...], tuple[str, ...], int]] = {
    "number": (
        ("src/cardvalid/number.py",),
        ("tests/test_number.py", "tests/test_number_safety.py", "tests/test_cvc.py",
         *AFTER_ISSUE_9),
        4,
    ),
    "expiry": (("src/cardvalid/expiry.py",), ("tests/test_expiry.py", *AFTER_ISSUE_9), 4),
    "name": (("src/cardvalid/name.py",), ("tests/test_name.py", *AFTER_ISSUE_9), 2),
    "address": (
        ("src/cardvalid/address/check.py", "src/cardvalid/address/postal.py"),
        ("tests/test_address.py", "tests/test_address_data.py", "tests/test_address_edges.py"),
        4,
    ),
    "comparison": (
        ("src/cardvalid/comparison.py",),
        ("tests/test_compare.py", "tests/test_compare_edges.py"),
        4,
    ),
}

# tests/test_compare.py's ids hold "Åsa Öberg": mutmut can only name such tests with
# pytest's id escaping off (which in turn breaks tests/test_number.py's bytes ids).
RAW_IDS = frozenset({"comparison"})

# mutmut's exit codes (mutmut/stats.py), folded into the columns reported.
STATUS = {1: "killed", 3: "killed", 0: "survived", 33: "no tests", 5: "no tests",
          36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}


def in_sample(name: str, stride: int) -> bool:
    """The deterministic sample: a stable hash of the mutant's name."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % stride == 0


def export(rev: str, into: Path) -> None:
    """The tracked files of `rev`, without the git history."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True
    ).stdout
    into.mkdir(parents=True)
    with tempfile.TemporaryFile() as tmp:
        tmp.write(archive)
        tmp.seek(0)
        with tarfile.open(fileobj=tmp) as tar:
            tar.extractall(into, filter="data")


def configure(work: Path, files: tuple[str, ...], tests: tuple[str, ...], raw_ids: bool) -> None:
    """Append a `[tool.mutmut]` table naming the files to mutate and the tests to run."""
    tests = tuple(test for test in tests if (work / test).exists())
    pytest_args = ["-p", "no:cacheprovider", "-q"]
    if raw_ids:  # test ids keep their non-ASCII characters, so mutmut can name them
        pytest_args += [
            "-o", "disable_test_id_escaping_and_forfeit_all_rights_to_community_support=true"
        ]
    lines = [
        "",
        "[tool.mutmut]",
        'source_paths = ["src/"]',
        f"only_mutate = {json.dumps(list(files))}",
        f"pytest_add_cli_args_test_selection = {json.dumps(list(tests))}",
        f"pytest_add_cli_args = {json.dumps(pytest_args)}",
        "use_git_change_detection = false",
        "",
    ]
    with (work / "pyproject.toml").open("a") as toml:
        toml.write("\n".join(lines))


def mutmut(work: Path, *names: str) -> None:
    with (work.parent / "mutmut.log").open("ab") as log:
        subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", "1", *names],
            cwd=work, check=False, stdout=log, stderr=log,
        )


def exit_codes(work: Path) -> dict[str, int | None]:
    codes: dict[str, int | None] = {}
    for meta in (work / "mutants").rglob("*.meta"):
        codes.update(json.loads(meta.read_text())["exit_code_by_key"])
    return codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev")
    parser.add_argument("module", choices=sorted(MODULES))
    parser.add_argument("--survivors", action="store_true", help="print the surviving mutants")
    args = parser.parse_args()
    files, tests, stride = MODULES[args.module]
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.rev],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    work = Path(tempfile.mkdtemp(prefix=f"mutation-{args.module}-{sha}-")) / "tree"
    export(args.rev, work)
    configure(work, files, tests, raw_ids=args.module in RAW_IDS)
    mutmut(work, "cardvalid.no_such_function_*")  # generates the mutants and the test map
    everything = exit_codes(work)
    sample = sorted(name for name in everything if in_sample(name, stride))
    for _ in range(3):  # a clean run that fails (a hypothesis health check on a busy
        mutmut(work, *sample)  # machine) leaves every mutant unchecked: run again
        codes = exit_codes(work)
        if any(codes[name] is not None for name in sample):
            break
    statuses = Counter(STATUS.get(codes[name], "other") for name in sample)  # type: ignore[arg-type]
    survivors = [name for name in sample if codes[name] == 0]
    figures = {
        "module": args.module,
        "rev": sha,
        "mutants": len(everything),
        "stride": stride,
        "sample": len(sample),
        **{status: statuses[status] for status in ("killed", "survived", "timeout", "no tests")},
        "other": statuses["other"],
        "survivors": survivors,
        "work": str(work),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"mutation-{args.module}-{sha}.json").write_text(json.dumps(figures, indent=1))
    print(json.dumps({k: v for k, v in figures.items() if k != "survivors"}))
    if args.survivors:
        for name in survivors:
            print(name)


if __name__ == "__main__":
    main()
