"""Every page pins its build before it reads anything (components.blocks.begin_page, run by `page_header` and
by presentation mode's `present.setup`): a read before the pin would come from the previous run's build, and a
page could mix two builds. Checked on the pages' source: the first call a page makes must be one of those."""

from __future__ import annotations

import ast

import pytest

from loaders.paths import ROOT

PAGES = sorted((ROOT / "pages").glob("*.py"))
PINNING = {"page_header", "setup"}


def first_call(path) -> str:
    """The name of the first function a page's top level calls (`f(...)` or `module.f(...)`)."""
    for statement in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(statement, ast.Import | ast.ImportFrom) or (
            isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
        ):
            continue
        call = next((node for node in ast.walk(statement) if isinstance(node, ast.Call)), None)
        if call is not None:  # a statement that calls nothing (a constant) reads nothing
            return call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
    raise AssertionError(f"{path.name} calls nothing")


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_a_page_pins_its_build_before_it_reads(path):
    assert first_call(path) in PINNING, f"{path.name} first calls {first_call(path)}(), before its build is pinned"


def test_the_check_would_catch_a_read_before_the_header(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('"""A page."""\nfrom components import data\nKEY = "k"\nhome = data.sources()\npage_header("x")\n')
    assert first_call(page) == "sources"
