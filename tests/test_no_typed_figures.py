"""Guardrail: no words in pages/ or definitions/ hold a figure. Titles, notes, intros and labels are templates
filled from the data (insight.messages), so a newer figure in the tables can never leave a sentence lying.

A string may hold digits only when it is a key of the data, not words for people: an id ("education.attainment8"),
or a value the tables use to select rows (a breakdown such as "age 0-4", a period). Digits inside a template's
fields ({attainment8[FSM eligible].latest}) are names, not figures. One proper name holds a digit: Attainment 8.
"""

from __future__ import annotations

import ast
import csv
import io
import re
import tokenize

from loaders.paths import ROOT

NAMES = ("Attainment 8",)  # proper names with a digit in them; not figures
ID = re.compile(r"^[a-z0-9_./-]+$")
FIELD = re.compile(r"\{[^{}]*\}")


def data_keys() -> set[str]:
    """Breakdowns, periods and area codes of the curated figures and of the shipped releases (as built):
    strings that select rows."""
    import pyarrow.dataset as ds

    from loaders.paths import DEFAULT

    built = ds.dataset(DEFAULT.tables / "observations").to_table(columns=["breakdown", "period"])
    keys: set[str] = {k for name in built.column_names for k in built[name].unique().to_pylist() if k}
    for path in (ROOT / "data" / "sources").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                keys |= {row.get("breakdown") or "", row.get("period") or "", row.get("area_code") or ""}
    return keys - {""}


def docstring_lines(source: str) -> set[int]:
    """The lines of every docstring (module, class, function): prose about the code, not shown on a page."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                lines |= set(range(first.lineno, first.end_lineno + 1))
    return lines


def typed_figures(path, keys: set[str], root=ROOT) -> list[str]:
    """'pages/x.py:12: "... 2019 ..."' (the path from `root`) for each string of words in `path` that holds a
    digit."""
    source = path.read_text(encoding="utf-8")
    skip = docstring_lines(source)
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING or token.start[0] in skip:
            continue
        text = ast.literal_eval(token.string) if not token.string.startswith(("f", "F")) else token.string
        if not isinstance(text, str) or ID.match(text) or text in keys:
            continue
        words = FIELD.sub("", text)
        for name in NAMES:
            words = words.replace(name, "")
        if re.search(r"\d", words):
            found.append(f"{path.relative_to(root)}:{token.start[0]}: {token.string}")
    return found


def scanned() -> list:
    """Every page, and every definitions module of a page (the others are code: the model, selection, rendering)."""
    import definitions

    pages = sorted((ROOT / "pages").glob("*.py"))
    return pages + [ROOT / "definitions" / f"{module.__name__.split('.')[-1]}.py" for module in definitions.MODULES]


def test_no_words_in_pages_or_definitions_hold_a_figure(project_tables):
    keys = data_keys()
    found = [hit for path in scanned() for hit in typed_figures(path, keys)]
    assert not found, "figures typed into words (fill them from the data instead):\n" + "\n".join(found)


def test_the_guardrail_finds_a_typed_figure(tmp_path):
    """It can fail: a page with a figure in its intro is caught, naming the file and line. The probe is written
    to a folder of its own, never into the project's pages/ (where a test running beside this one would see it)."""
    page = tmp_path / "pages" / "zz_guardrail_probe.py"
    page.parent.mkdir()
    page.write_text('page_header("Probe", "Referrals rose to 4,032 in 2021/22.")\n', encoding="utf-8")
    assert typed_figures(page, data_keys(), root=tmp_path) == [
        'pages/zz_guardrail_probe.py:1: "Referrals rose to 4,032 in 2021/22."'
    ]
