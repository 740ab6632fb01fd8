"""The `cardvalid` command: exit codes, one JSON line per row, masked numbers only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cardvalid.cli import main
from cardvalid.messages import text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


Lines = list[dict[str, Any]]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Lines]:
    status = main(args)
    out = capsys.readouterr().out
    return status, [json.loads(line) for line in out.splitlines() if line.strip()]


def test_example_file_gives_one_line_per_row(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "checkout.csv"
    status, lines = _run(["check", str(path), "--today", "2026-11-26"], capsys)
    data_rows = sum(1 for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip())
    assert status == 1
    assert len(lines) == data_rows >= 40
    assert [line["row"] for line in lines] == list(range(1, data_rows + 1))
    assert any(line["ok"] for line in lines)
    assert any(not line["ok"] for line in lines)
    messages = [p["message"] for line in lines for p in line["problems"]]
    assert [m for m in messages if "{" in m or "}" in m] == []


@pytest.mark.parametrize("locale", ["en", "sv"])
def test_every_example_message_is_filled(
    capsys: pytest.CaptureFixture[str], locale: str
) -> None:
    for name in ("checkout.csv", "on_file.csv"):
        main(["check", str(EXAMPLES / name), "--today", "2026-11-26", "--locale", locale,
              "--merchant-country", "US", "--recurring"])
        lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
        texts = [p["message"] for line in lines for p in line["problems"]]
        assert texts
        assert [t for t in texts if "{" in t or "}" in t] == []


def test_output_never_holds_a_full_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "cards.csv"
    source.write_text("number,expiry,name,cvc\n4242424242424242,12/29,Anna Svensson,987\n"
                      "4242424242424241,12/29,4242424242424242,9876\n", encoding="utf-8")
    status, lines = _run(["check", str(source), "--today", "2026-11-26"], capsys)
    text = json.dumps(lines)
    assert "4242424242424242" not in text and "4242424242424241" not in text
    assert "987" not in text
    assert lines[0]["card"] == {"brand": "visa", "masked": "424242******4242"}
    assert status == 1


def test_jsonl_and_locale(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "cards.jsonl"
    source.write_text('{"number": "4242 4242 4242 4241"}\nnot json\n', encoding="utf-8")
    status, lines = _run(["check", str(source), "--locale", "sv"], capsys)
    assert status == 1
    assert len(lines) == 2
    assert lines[1]["problems"][0]["code"] == "record.unreadable"
    problem = lines[1]["problems"][0]
    assert problem["params"] == {"row": 2, "reason": "not_json"}
    assert problem["message"] == text("record.unreadable", "message", problem["params"], "sv")


def test_all_ok_exits_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "ok.csv"
    source.write_text("Card Number,Exp,Cardholder\n4242424242424242,12/29,Anna Svensson\n",
                      encoding="utf-8")
    status, lines = _run(["check", str(source), "--today", "2026-11-26"], capsys)
    assert status == 0 and lines[0]["ok"] is True


def test_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "/nonexistent/cards.csv"]) == 2
    assert "cardvalid:" in capsys.readouterr().err


def test_bad_columns_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "x.csv"
    source.write_text("a\n1\n", encoding="utf-8")
    assert main(["check", str(source), "--columns", "bogus"]) == 2


def test_bad_arguments_exit_two() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2


def test_explain_and_rules_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "05", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["known"] is True
    assert main(["explain", "zz-not-a-code", "--scheme", "stripe"]) == 1
    capsys.readouterr()
    assert main(["rules", "SE", "--locale", "sv", "--json"]) == 0
    json.loads(capsys.readouterr().out)
    assert main(["rules", "Atlantis"]) == 2


def test_python_dash_m_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cardvalid", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("cardvalid ")


def _lines_of(status_and_lines: tuple[int, Lines]) -> Lines:
    return status_and_lines[1]


def test_a_stray_quote_loses_only_its_own_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = ["4242424242424242,12/29,Bo Ek"] * 50
    rows[2] = '4242424242424242,12/29,"Bo Ek'
    source = tmp_path / "stray.csv"
    source.write_text("number,expiry,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    lines = _lines_of(_run(["check", str(source), "--today", "2026-11-26"], capsys))
    assert len(lines) == 50
    assert [line["row"] for line in lines if not line["ok"]] == [3]
    assert lines[2]["problems"][0]["code"] == "record.unreadable"


def test_columns_come_from_the_header_not_the_first_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "ragged.csv"
    source.write_text("pan,exp,cardholder\n4242424242424242,12/29\n"
                      "4242424242424242,12/29,Bo Ek\n", encoding="utf-8")
    lines = _lines_of(_run(["check", str(source), "--today", "2026-11-26"], capsys))
    assert [line["ok"] for line in lines] == [False, True]


def test_a_lone_surrogate_does_not_stop_the_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "s.jsonl"
    good = '{"number": "4242424242424242", "expiry": "12/29", "name": "Bo Ek"}\n'
    bad = '{"number": "4242424242424242", "expiry": "12/29", "name": "Anna \\ud800 Ek"}\n'
    source.write_text(good + bad + good, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["check", str(source), "--today", "2026-11-26", "-o", str(out)]) == 1
    written = out.read_text(encoding="utf-8").splitlines()
    assert len(written) == 3
    assert json.loads(written[1])["problems"][0]["code"] == "name.invalid_characters"


def test_an_undecodable_header_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "h.csv"
    source.write_bytes(b"num\xffber,expiry\n4242424242424242,12/29\n")
    assert main(["check", str(source)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_rules_does_not_echo_what_it_was_given(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "4111111111111111"]) == 2
    assert "4111" not in capsys.readouterr().err


def test_jsonl_columns_come_from_the_first_object(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "c.jsonl"
    source.write_text('{oops\n{"card_number": "4242424242424242", "exp": "12/29", '
                      '"cardholder": "Bo Ek"}\n', encoding="utf-8")
    lines = _lines_of(_run(["check", str(source), "--today", "2026-11-26"], capsys))
    assert [line["ok"] for line in lines] == [False, True]


def test_a_redirected_stdout_is_written_to(tmp_path: Path) -> None:
    import contextlib
    import io

    source = tmp_path / "ok.csv"
    source.write_text("number,expiry,name\n4242424242424242,12/29,Bo Ek\n", encoding="utf-8")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["check", str(source), "--today", "2026-11-26"]) == 0
    assert json.loads(buffer.getvalue())["ok"] is True
