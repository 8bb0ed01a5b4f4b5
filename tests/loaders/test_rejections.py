"""Every kind of bad source is rejected with its file, line, column and reason, and no table changes.

Each case is a folder under tests/fixtures/bad_sources/: files that replace their namesakes under data/,
and expected.txt with the messages the build must give (one per line). One new folder, one new test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.build import build
from loaders.errors import BuildError
from loaders.store.publish import sha256_of
from tests.conftest import FIXTURES

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's

CASES = sorted(p for p in (FIXTURES / "bad_sources").iterdir() if p.is_dir())


def table_hashes(tables: Path) -> dict[str, str]:
    return {p.relative_to(tables).as_posix(): sha256_of(p) for p in sorted(tables.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_source_is_rejected_with_where_and_why(case: Path, data_copy):
    for replacement in case.rglob("*"):
        if replacement.is_file() and replacement.name != "expected.txt":
            shutil.copyfile(replacement, data_copy.data / replacement.relative_to(case))
    before = table_hashes(data_copy.tables)

    with pytest.raises(BuildError) as raised:
        build(data_copy)

    message = str(raised.value)
    for expected in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert expected in message, f"missing {expected!r} in:\n{message}"
    assert message.startswith(f"{len(raised.value.errors)} problem")
    assert "no table was changed" in message
    assert table_hashes(data_copy.tables) == before


def test_every_error_names_a_file_and_a_reason(data_copy):
    """A file broken in several ways reports all of them at once, each with its line."""
    cost = data_copy.sources / "cost.csv"
    lines = cost.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",gbp,", ",pounds,")
    lines[2] = lines[2].replace(",K04000001,", ",E09999999,")
    cost.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(BuildError) as raised:
        build(data_copy)

    where = {(e.file, e.line, e.column) for e in raised.value.errors}
    assert ("data/sources/cost.csv", 2, "unit") in where
    assert ("data/sources/cost.csv", 3, "area_code") in where
    assert all(e.file and e.reason for e in raised.value.errors)
