"""`cardvalid check` as a batch tool: never destroy, never pretend, every row answered.

One test (at least) per finding of issue 11's "Found (reproduced)" list, and
for the CLI parts of issue 8's findings 4 and 5.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cardvalid as cv
from cardvalid.batch.readers import MAX_RECORD_LINES, CsvRecords, read_jsonl, read_lines
from cardvalid.cli import main

TODAY = "2026-11-26"
HEADER = "id,number,expiry,name\n"
ROW = "{i},4242424242424242,12/29,Anna Svensson\n"


def _csv(path: Path, rows: int = 3) -> Path:
    path.write_text(HEADER + "".join(ROW.format(i=i) for i in range(rows)), encoding="utf-8")
    return path


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _cli(*args: str, stdin: Any = None, env: dict[str, str] | None = None,
         **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cardvalid", *args], capture_output=True,
                          stdin=stdin, env={**os.environ, **(env or {})}, check=False,
                          timeout=120, **kwargs)


def _no_part_files(directory: Path) -> bool:
    return not [p for p in directory.iterdir() if p.name.endswith(".part")]


# -- finding 1: an output naming an input; a failing run truncating the output

def test_output_naming_an_input_is_refused(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    source = _csv(tmp_path / "same.csv")
    before = source.read_bytes()
    assert main(["check", str(source), "-o", str(source)]) == 2
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    assert main(["check", str(source), "-o", str(link)]) == 2
    assert main(["check", str(source), "--summary-json", str(source)]) == 2
    assert source.read_bytes() == before
    assert "names an input" in capsys.readouterr().err


@pytest.mark.parametrize("problem", ["missing_input", "bad_header", "second_input_bad"])
def test_a_failing_run_leaves_the_existing_output_untouched(
    tmp_path: Path, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    good = _csv(tmp_path / "good.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("a,a\n1,2\n", encoding="utf-8")
    inputs = {"missing_input": [str(tmp_path / "nope.csv")], "bad_header": [str(bad)],
              "second_input_bad": [str(good), str(bad)]}[problem]
    assert main(["check", *inputs, "-o", str(out), "--today", TODAY]) == 2
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert _no_part_files(tmp_path)
    assert "stopped after reading" in capsys.readouterr().err


def test_a_complete_run_replaces_the_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    assert main(["check", str(_csv(tmp_path / "in.csv")), "-o", str(out), "--today", TODAY]) == 0
    assert [line["row"] for line in _lines(out)] == [1, 2, 3]
    assert _no_part_files(tmp_path)


# -- finding 2: signals leave a silently partial output, SIGINT a traceback

@pytest.mark.parametrize(("signum", "jobs"), [(signal.SIGINT, "1"), (signal.SIGTERM, "1"),
                                              (signal.SIGHUP, "1"), (signal.SIGTERM, "2")])
def test_a_signal_stops_the_run_cleanly(tmp_path: Path, signum: int, jobs: str) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "cardvalid", "check", "-", "-o", str(out), "--today", TODAY,
         *(["--jobs", jobs] if jobs != "1" else [])],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
    )
    assert process.stdin is not None and process.stderr is not None
    # Two full chunks (and a part) for one process; with workers, four are in flight first.
    rows = 4500 if jobs == "1" else 9000
    process.stdin.write((HEADER + ROW.format(i=1) * rows).encode())
    process.stdin.flush()  # the pipe stays open: the run waits for more rows
    written = 4000 if jobs == "1" else 2000
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        parts = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
        if parts and parts[0].read_bytes().count(b"\n") >= written:
            break
        time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("the run did not write its first rows")
    process.send_signal(signum)
    status = process.wait(timeout=60)
    err = process.stderr.read().decode()
    process.stdin.close()
    assert status == 128 + signum
    assert "Traceback" not in err
    assert f"interrupted by {signal.Signals(signum).name}" in err
    assert f"writing {written:,}" in err
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert _no_part_files(tmp_path)


def test_a_signal_right_after_a_write_still_counts_the_rows_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # Caught in CI: the signal came between the lines reaching the file and their
    # count, so the message said "writing 0" of a file that held 2,000 lines.
    from cardvalid.batch import outputs

    write = outputs.JsonlWriter.write

    def write_then_signal(self: outputs.JsonlWriter, lines: Any) -> None:
        write(self, lines)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(outputs.JsonlWriter, "write", write_then_signal)
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    status = main(["check", str(_csv(tmp_path / "in.csv")), "-o", str(out), "--today", TODAY])
    assert status == 128 + signal.SIGTERM
    err = capsys.readouterr().err
    assert "interrupted by SIGTERM" in err and "writing 3;" in err
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert _no_part_files(tmp_path)


# -- finding 3: a stray quote re-parsing a growing buffer; read-ahead holding lines

def _parsed(text: str) -> tuple[int, int]:
    records = CsvRecords(read_lines(io.BytesIO(text.encode())))
    rows = sum(1 for _ in records)
    return rows, records.lines_parsed


def test_stray_quotes_that_reopen_cost_each_line_at_most_twice() -> None:
    # Each line closes the quote the line before opened and opens another: on
    # 0.1.0 every line began a 1,000-line window re-parsed at every second line
    # (100 KB of this took 91 s). Now a line is handed to the parser at most twice.
    lines = 3 * MAX_RECORD_LINES
    text = "a,b\n" + '1,"x\n' + ("y" * 100 + '","\n') * lines
    rows, parsed = _parsed(text)
    assert rows == lines + 1
    assert parsed <= 2 * (lines + 2)


def test_a_stray_quote_window_has_a_byte_bound() -> None:
    # Lines too long for the window: the stray quote costs its bytes, not 1,000 lines.
    big = "z" * (300 * 1024)
    text = "a,b\n" + '1,"x\n' + f"{big}\n" * 40 + "2,y\n"
    rows, parsed = _parsed(text)
    assert rows == 42
    assert parsed <= 2 * 42 + 1


def test_no_record_waits_for_a_json_object() -> None:
    # 0.1.0 held up to 1,000 lines back looking for the first object; the rows
    # before it are answered as they come.
    from datetime import date

    from cardvalid.batch.jobs import chunks
    from cardvalid.options import Options

    rows = iter([(1, [0] * 10_000), (2, [0] * 10_000), (3, {"number": "4242"})])
    tasks = chunks("-", rows, columns={}, keep=(), options=Options(today=date(2026, 11, 26)),
                   size=1)
    first = next(tasks)
    assert first.rows == [(1, None)]  # the array is not kept
    assert next(rows)[0] == 2  # nothing was read ahead of the chunk given out


# -- finding 4

def test_a_non_utf8_stdout_gets_ascii_json(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("number,expiry,name\n4242424242424242,12/29,Åsa Öberg\n",
                      encoding="utf-8")
    done = _cli("check", str(source), "--today", TODAY, env={"PYTHONIOENCODING": "latin-1"})
    assert done.returncode == 0
    assert done.stdout.isascii()
    assert json.loads(done.stdout)["normalized"]["name"] == "Åsa Öberg"
    refused = _cli("check", str(source), "--format", "csv",
                   env={"PYTHONIOENCODING": "latin-1"})
    assert refused.returncode == 2 and b"not UTF-8" in refused.stderr


def test_a_bare_cr_inside_a_jsonl_record_does_not_split_it(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"number": "4242424242424242",\r"expiry": "12/29",\r"name": "Bo Ek"}\n')
    out = tmp_path / "out.jsonl"
    assert main(["check", str(source), "-o", str(out), "--today", TODAY]) == 0
    assert [line["ok"] for line in _lines(out)] == [True]


@pytest.mark.parametrize("blank", ["\x1c", "\u3000", "", "  \t"])
def test_a_line_of_only_whitespace_is_a_row(tmp_path: Path, blank: str) -> None:
    good = '{"number": "4242424242424242", "expiry": "12/29", "name": "Bo Ek"}\n'
    source = tmp_path / "in.jsonl"
    source.write_text(good + blank + "\n" + good, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["check", str(source), "-o", str(out), "--today", TODAY]) == 1
    lines = _lines(out)
    assert [line["row"] for line in lines] == [1, 2, 3]
    assert lines[1]["codes"] == ["record.blank"]


def test_a_headerless_csv_is_an_error_unless_columns_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("4242424242424242,12/29,Bo Ek\n5555555555554444,01/30,Cy Lund\n",
                      encoding="utf-8")
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    assert "looks like data" in err and "4242" not in err
    out = tmp_path / "out.jsonl"
    assert main(["check", str(source), "--columns", "number,expiry,name", "-o", str(out),
                 "--today", TODAY]) == 0
    assert [line["row"] for line in _lines(out)] == [1, 2]


def test_duplicate_headers_are_an_error_naming_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("number,name,expiry,name\n4242424242424242,A B,12/29,C D\n",
                      encoding="utf-8")
    assert main(["check", str(source)]) == 2
    assert "more than once: name" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["--max-years", "-1"], ["--locale", "xx"],
                                  ["--jobs", "0"], ["--today", "soon"]])
def test_bad_options_are_usage_errors(tmp_path: Path, args: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", str(_csv(tmp_path / "in.csv")), *args])
    assert caught.value.code == 2
    if args[0] == "--locale":
        assert "known: en, sv" in capsys.readouterr().err


@pytest.mark.parametrize("redirect", ["<&-", ">&-"])
def test_closed_stdin_or_stdout_is_a_clean_error(tmp_path: Path, redirect: str) -> None:
    _csv(tmp_path / "in.csv")
    command = f"{sys.executable} -m cardvalid check {'-' if redirect == '<&-' else 'in.csv'}"
    done = subprocess.run(f"{command} {redirect}", shell=True, capture_output=True,
                          cwd=tmp_path, check=False, timeout=60)
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr and b"closed" in done.stderr


def test_a_closed_pipe_is_a_clean_error(tmp_path: Path) -> None:
    source = _csv(tmp_path / "in.csv", rows=20_000)
    done = subprocess.run(f"{sys.executable} -m cardvalid check {source} | head -c 10",
                          shell=True, capture_output=True, check=False, timeout=120)
    assert b"Traceback" not in done.stderr
    assert b"standard output was closed" in done.stderr


# -- finding 5

def test_jsonl_output_keeps_params_and_hints(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("number,expiry,name\n4242 4242 4242,12/29,Bo Ek\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    main(["check", str(source), "-o", str(out), "--today", TODAY, "--locale", "sv"])
    (problem,) = _lines(out)[0]["problems"]
    assert problem["code"] == "number.length_for_brand"
    assert problem["params"] and problem["hint"]


def test_kept_columns_pass_through(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    source = _csv(tmp_path / "in.csv")
    assert main(["check", str(source), "-o", str(out), "--keep", "id", "--today", TODAY]) == 0
    import csv

    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["id"] for r in rows] == ["0", "1", "2"]
    assert rows[0]["masked"] == "424242******4242" and rows[0]["input"] == str(source)


@pytest.mark.parametrize("column", ["number", "cvc"])
def test_keeping_card_data_is_refused(tmp_path: Path, column: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,pan,cvv,expiry\n1,4242424242424242,123,12/29\n", encoding="utf-8")
    name = {"number": "pan", "cvc": "cvv"}[column]
    assert main(["check", str(source), "--keep", name]) == 2
    assert "card numbers or security codes" in capsys.readouterr().err


def test_a_header_with_no_card_field_is_an_error(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.csv"
    source.write_text("colour,shape\nred,round\n", encoding="utf-8")
    assert main(["check", str(source)]) == 2
    assert "none of the input's columns" in capsys.readouterr().err


# -- inputs and outputs: compression, Parquet, summary

@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst", ""])
def test_compressed_inputs_by_suffix_and_by_magic(tmp_path: Path, suffix: str) -> None:
    import zstandard

    data = (HEADER + ROW.format(i=1)).encode()
    packers: dict[str, Callable[[bytes], bytes]] = {
        ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
        ".zst": zstandard.ZstdCompressor().compress, "": bytes}
    packed = packers[suffix](data)
    named = tmp_path / f"in.csv{suffix}"
    named.write_bytes(packed)
    misnamed = tmp_path / "in.data"
    misnamed.write_bytes(packed)
    for path in (named, misnamed):
        out = tmp_path / "out.jsonl"
        assert main(["check", str(path), "-o", str(out), "--today", TODAY]) == 0
        assert [line["ok"] for line in _lines(out)] == [True]


def test_parquet_in_and_out(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"record_id": [7, 8], "card_number": ["4242424242424242", None],
                      "exp": ["12/29", "01/30"], "cardholder": ["Bo Ek", "Cy Lund"]})
    source = tmp_path / "in.parquet"
    pq.write_table(table, source)
    out = tmp_path / "out.parquet"
    assert main(["check", str(source), "-o", str(out), "--keep", "record_id",
                 "--today", TODAY]) == 1
    rows = pq.read_table(out).to_pylist()
    assert [(r["row"], r["ok"], r["record_id"]) for r in rows] == [(1, True, "7"), (2, False, "8")]
    assert rows[1]["codes"] == ["number.missing"]


def test_summary_json_and_errors_only(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(HEADER + ROW.format(i=1) + "2,4242424242424241,13/29,\n\n",
                      encoding="utf-8")
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    assert main(["check", str(source), "-o", str(out), "--summary-json", str(summary),
                 "--errors-only", "--today", TODAY]) == 1
    assert [line["row"] for line in _lines(out)] == [2, 3]
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert (data["rows"], data["ok"], data["problem_rows"], data["written"]) == (3, 1, 2, 2)
    assert list(data["checklist"]) == ["card_number", "expiry_date", "cardholder_name"]
    assert data["codes"]["record.blank"] == 1


def test_jobs_keep_the_input_order(tmp_path: Path) -> None:
    rows = [ROW.format(i=i) if i % 7 else f"{i},4242424242424241,12/29,Bo Ek\n"
            for i in range(5000)]
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "".join(rows), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert main(["check", str(source), "-o", str(out), "--jobs", jobs, "--keep", "id",
                     "--today", TODAY]) == 1
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert [line["keep"]["id"] for line in _lines(tmp_path / "out2.jsonl")] == [
        str(i) for i in range(5000)]


def test_undecodable_bytes_are_named_by_offset(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"number,na\xffme\n4242,x\n")
    assert main(["check", str(source)]) == 2
    assert "byte 9 of the header line is not UTF-8" in capsys.readouterr().err
    rows = list(read_jsonl(io.BytesIO(b'{"a": 1}\n{"b": "\xc3"}\n')))
    assert rows[1][1].params == {"reason": "not_utf8", "offset": 16}  # type: ignore[attr-defined]


# -- dataframes

def test_a_dataframe_is_a_type_error_pointing_to_the_columnar_path() -> None:
    import pandas as pd
    import pyarrow as pa

    frame = pd.DataFrame({"number": ["4242424242424242"] * 5})
    for table in (frame, pa.Table.from_pandas(frame),
                  pa.RecordBatch.from_pandas(frame)):
        with pytest.raises(TypeError, match="validate_table"):
            cv.validate_many(table)


def test_nan_and_na_are_blanks_and_aliases_are_detected() -> None:
    import pandas as pd

    frame = pd.DataFrame({"Card Number": ["4242424242424242", "4242424242424242"],
                          "EXP": ["12/29", "12/29"], "Cardholder": ["Bo Ek", "Bo Ek"],
                          "CVV": [float("nan"), pd.NA], "ZIP": [None, None]})
    from datetime import date

    results = list(cv.validate_many(frame.to_dict("records"), today=date(2026, 11, 26)))
    assert [r.codes for r in results] == [(), ()]


# -- issue 8: caches and echoes

def test_a_card_number_as_column_name_is_never_cached() -> None:
    from datetime import date

    from cardvalid.batch.records import _keys

    _keys.cache_clear()
    list(cv.validate_many([{"x": "1"}], columns={"number": "4111111111111111"},
                          today=date(2026, 11, 26)))
    list(cv.validate_many([{"x": "1"}], columns={"name": "n" * 10_000},
                          today=date(2026, 11, 26)))
    assert _keys.cache_info().currsize == 0
    list(cv.validate_many([{"pan": "1"}], columns={"number": "pan"}, today=date(2026, 11, 26)))
    assert _keys.cache_info().currsize == 1


@pytest.mark.parametrize("args", [
    ["check", "x.csv", "--today", "5105105105105100"],
    ["check", "x.csv", "--jobs", "5105 1051 0510 5100"],
    ["check", "x.csv", "--format", "5105-1051-0510-5100"],
    ["check", "x.csv", "--bogus", "5105105105105100"],
    ["5105105105105100"],
])
def test_argument_errors_never_echo_a_card_number(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "5105" not in err and "5100" not in err


def test_a_missing_file_named_like_a_card_number_is_not_echoed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["check", str(tmp_path / "5105105105105100.csv")]) == 2
    err = capsys.readouterr().err
    assert "No such file" in err and "5105" not in err


# -- every physical row answered, whatever the bytes (hypothesis)

_PIECES = st.sampled_from([b'"', b",", b"\n", b"\r", b"\r\n", b"\x00", b"\xff", b"\xc3", b"a",
                           b"4242", b" ", b"\x1c", "\u3000".encode(), b'""', b"\t", b";", b"{",
                           b"}", b"[1]", b'{"number": "4242"}', b":", b"\xef\xbb\xbf"])
BROKEN = st.one_of(st.binary(max_size=300), st.lists(_PIECES, max_size=60).map(b"".join))


def _physical_lines(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


@settings(max_examples=300, deadline=None)
@given(BROKEN)
def test_every_jsonl_line_is_one_row(data: bytes) -> None:
    assume(not data.startswith((b"\xff\xfe", b"\xfe\xff")))  # UTF-16: refused as a whole
    rows = list(read_jsonl(io.BytesIO(data)))
    assert [n for n, _ in rows] == list(range(1, _physical_lines(data) + 1))
    for _, record in rows:
        code = getattr(record, "code", "record.ok")
        assert code.startswith("record.")


@settings(max_examples=300, deadline=None)
@given(BROKEN)
def test_every_csv_record_is_one_row_and_no_line_is_read_thrice(data: bytes) -> None:
    records = CsvRecords(read_lines(io.BytesIO(b"number,name\n" + data)))
    rows = list(records)
    lines = _physical_lines(data)
    assert [n for n, _ in rows] == list(range(1, len(rows) + 1))
    assert len(rows) <= lines
    if b'"' not in data:
        assert len(rows) == lines
    assert records.lines_parsed <= 2 * lines + 1
    for _, record in rows:
        assert isinstance(record, dict) or record.code.startswith("record.")  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None)
@given(BROKEN, st.sampled_from(["csv", "jsonl"]))
def test_the_command_answers_every_row_of_broken_input(data: bytes, kind: str) -> None:
    import tempfile

    assume(not data.startswith((b"\xff\xfe", b"\xfe\xff")))
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / f"in.{kind}"
        head = b"number,name\n" if kind == "csv" else b'{"number": "4242424242424242"}\n'
        source.write_bytes(head + data)
        out = Path(directory) / "out.jsonl"
        status = main(["check", str(source), "-o", str(out), "--today", TODAY])
        assert status in (0, 1)
        lines = _lines(out)
    expected = _physical_lines(data) + (kind == "jsonl")
    if kind == "jsonl" or b'"' not in data:
        assert len(lines) == expected
    assert [line["row"] for line in lines] == list(range(1, len(lines) + 1))


def test_the_command_runs_without_rich_when_piped(tmp_path: Path) -> None:
    source = _csv(tmp_path / "in.csv")
    code = (
        "import sys\n"
        "class NoRich:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'rich' or name.startswith('rich.'):\n"
        "            raise ImportError('rich is not installed')\n"
        "sys.meta_path.insert(0, NoRich())\n"
        "from cardvalid.cli import main\n"
        f"sys.exit(main(['check', {str(source)!r}, '--today', {TODAY!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3


def test_delimiter_sniffed_bom_dropped_and_given(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(b"\xef\xbb\xbfnumber;expiry;name\r\n4242424242424242;12/29;Bo Ek\r\n")
    out = tmp_path / "out.jsonl"
    assert main(["check", str(source), "-o", str(out), "--today", TODAY]) == 0
    piped = tmp_path / "in.data"
    piped.write_bytes(b"number|expiry|name\n4242424242424242|12/29|Bo Ek\n")
    assert main(["check", str(piped), "-o", str(out), "--delimiter", "|",
                 "--today", TODAY]) == 0
    assert [line["ok"] for line in _lines(out)] == [True]


# -- the columnar engine: the same output rows and summary as the row engine

_ENGINE_VALUES = {
    "number": ["4242424242424242", "4242 4242 4242 4241", "5555-5555-5555-4444", "\u200b", "",
               "378282246310005", "6011111111111117", "4111111111111111x", "1234"],
    "expiry": ["12/29", "13/29", "0130", "2029-12", "12/20", " ", "１２/２９", "11/26"],
    "name": ["Anna Svensson", "Bo", "", "4242424242424242", "José Ek", "Anna  Svensson"],
    "cvc": ["123", "1234", "12 3", "12-3", "", "\u200b", "12"],
    "postal_code": ["114 55", "11455", "114-55", "SE-114 55", "9021", "", "95014"],
    "country": ["SE", "US", "", "Sverige", "XX"],
    "state": ["", "", "CA", "Kent"],
    # A number split across the two street lines (the guard reads them together).
    "line1": ["Drottninggatan 1", "Storgatan 4111 1111", "1 Main St", "4111"],
    "line2": ["", "1111 1111", "", "1111 1111 1111", ""],
    "city": ["Stockholm", "Stockholm", "Cupertino"],
}


def _engine_rows(count: int) -> list[dict[str, str]]:
    return [{"id": f"R{i}", **{field: values[(i * (k + 3) + i // 7) % len(values)]
                               for k, (field, values) in enumerate(_ENGINE_VALUES.items())}}
            for i in range(count)]


def _engine_outputs(source: Path, tmp_path: Path, *extra: str) -> list[tuple[bytes, bytes]]:
    outputs = []
    for engine in ("rows", "columnar"):
        out, summary = tmp_path / f"{engine}.jsonl", tmp_path / f"{engine}.json"
        status = main(["check", str(source), "-o", str(out), "--summary-json", str(summary),
                       "--keep", "id", "--today", TODAY, "--engine", engine, *extra])
        assert status == 1
        outputs.append((out.read_bytes(), summary.read_bytes()))
    return outputs


@pytest.mark.parametrize("extra", [["--errors-only"], [], ["--errors-only", "--jobs", "2"]])
def test_both_engines_write_the_same_csv_rows(tmp_path: Path, extra: list[str]) -> None:
    import csv

    rows = _engine_rows(3000)
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        stream.write("\nR-x,1,2,3,4,5,6,7,8,9,10,11,12\n")  # record.blank, a row too long
    rows_out, columnar_out = _engine_outputs(source, tmp_path, *extra)
    assert rows_out == columnar_out
    lines = _lines(tmp_path / "columnar.jsonl")
    summary = json.loads(columnar_out[1])
    assert summary["rows"] == 3002 and 0 < summary["ok"] < 3000
    assert {"record.blank", "cvc.invalid_characters"} <= set(summary["codes"])
    assert len(lines) == (summary["problem_rows"] if "--errors-only" in extra else 3002)


def test_both_engines_write_the_same_parquet_rows(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = _engine_rows(2500)
    table = pa.Table.from_pylist(rows)
    table = table.set_column(table.column_names.index("cvc"), "cvc",  # cvc.not_text
                             pa.array([123 if i % 5 else None for i in range(2500)]))
    source = tmp_path / "in.parquet"
    pq.write_table(table, source, row_group_size=700)
    for extra in (["--errors-only"], []):
        rows_out, columnar_out = _engine_outputs(source, tmp_path, *extra)
        assert rows_out == columnar_out


def test_auto_engine_is_columnar_only_where_it_reads_values_unchanged() -> None:
    from cardvalid.cli import _engine

    assert _engine("auto", "csv", errors_only=True) == "columnar"
    assert _engine("auto", "parquet", errors_only=False) == "rows"
    assert _engine("columnar", "jsonl", errors_only=True) == "rows"
    assert _engine("columnar", "parquet", errors_only=False) == "columnar"


def test_the_columnar_engine_renders_only_the_rows_it_writes() -> None:
    from datetime import date

    from cardvalid.batch.jobs import Task, check_chunk
    from cardvalid.options import Options

    rows: list[tuple[int, object]] = [
        (1, {"number": "4242424242424242", "expiry": "12/29", "name": "Anna Svensson"}),
        (2, {"number": "4242424242424241", "expiry": "12/29", "name": "Anna Svensson"})]
    task = Task("in.csv", rows, {}, (), Options(today=date(2026, 11, 26)), "utf8",
                engine="columnar", errors_only=True)
    done = check_chunk(task)
    assert done.lines[0] == ""  # ok: judged by validate_table, never rendered
    assert json.loads(done.lines[1])["codes"] == ["number.checksum"]
    assert [ok for ok, _ in done.marks] == [True, False]
