"""loaders.releases.ons_census on the ONS's own custom-dataset file. Expectations come from reading the same file with the
csv module (or from the figures as it prints them), never from the reader under test.

The real file is a byte-for-byte copy under tests/fixtures/releases/ons/ (see its README.md); bad files are
real records with one documented change, and a test checks that they are.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from loaders.periods import parse_period
from loaders.releases import ons_census, recognise
from tests.conftest import FIXTURES
from tests.loaders.readers import assert_refused_with_where_and_why, csv_records, read, rows

ONS = FIXTURES / "releases" / "ons"
ETHNIC = ONS / "ons_census2021_ethnic_group_utla" / "ons-ethnic-population-la.csv"
BAD = sorted(p for p in (ONS / "bad").iterdir() if p.is_dir())
BROMLEY = "E09000006"
AREAS = "2023 Upper tier local authorities"
VARIABLE = "Ethnic group (20 categories)"


@pytest.fixture(scope="module")
def published():
    return read(ons_census, ETHNIC, dataset={"dataset_id": "ons_census_2021"})


@pytest.fixture(scope="module")
def parsed(published):
    return rows(published)


def test_every_record_gives_one_figure_as_published(published, parsed):
    expected = [
        (
            line,
            r[f"{AREAS} Code"],
            r[AREAS],
            r[VARIABLE],
            {f"{VARIABLE} code": r[f"{VARIABLE} Code"]},
            float(r["Observation"]),
            "Does not apply" if r[f"{VARIABLE} Code"] == "-8" else None,
        )
        for line, r in csv_records(ETHNIC)
    ]
    got = [
        (r["line"], r["area_code"], r["area_name"], r["breakdown"], r["filters"], r["value"], r["value_note"])
        for r in parsed
    ]
    assert got == expected
    assert {(r["measure"], r["measure_name"], r["breakdown_type"]) for r in parsed} == {(VARIABLE, VARIABLE, VARIABLE)}
    assert {(r["area_type"], r["parent_code"], r["suppression"], r["version"]) for r in parsed} == {
        (AREAS, None, None, None)
    }
    assert (published.format, published.dataset) == ("ons_census", f"ONS Census 2021: {VARIABLE}")
    assert (published.dataset_id, published.records, published.encoding) == ("ons_census_2021", len(expected), "utf-8")


def test_census_day_is_the_period(parsed):
    assert {(r["period"], r["period_as_published"]) for r in parsed} == {("2021", "Census 2021")}
    assert parse_period("2021").kind == "calendar_year"


def test_bromley(parsed):
    bromley = {r["breakdown"]: r for r in parsed if r["area_code"] == BROMLEY}
    assert bromley["Asian, Asian British or Asian Welsh: Bangladeshi"]["value"] == 1748
    assert bromley["Asian, Asian British or Asian Welsh: Bangladeshi"]["line"] == 2083
    assert bromley["White: English, Welsh, Scottish, Northern Irish or British"]["value"] == 219493
    does_not_apply = bromley["Does not apply"]
    assert (does_not_apply["value"], does_not_apply["value_note"], does_not_apply["filters"]) == (
        0,
        "Does not apply",
        {f"{VARIABLE} code": "-8"},
    )
    assert {r["area_name"] for r in bromley.values()} == {"Bromley"}


def test_every_area_has_the_same_categories(parsed):
    expected = defaultdict(set)
    for _, record in csv_records(ETHNIC):
        expected[record[f"{AREAS} Code"]].add((record[f"{VARIABLE} Code"], record[VARIABLE]))
    got = defaultdict(set)
    for row in parsed:
        got[row["area_code"]].add((row["filters"][f"{VARIABLE} code"], row["breakdown"]))
    assert got == expected
    assert len({frozenset(categories) for categories in got.values()}) == 1
    assert len(got) == len({record[f"{AREAS} Code"] for _, record in csv_records(ETHNIC)})
    assert {len(categories) for categories in got.values()} == {20}  # 19 groups and "Does not apply"


def test_the_header_identifies_the_format():
    header = next(csv.reader(ETHNIC.open(encoding="utf-8", newline="")))
    keys = {"".join(name.split()).lower() for name in header}
    assert keys >= ons_census.REQUIRED
    assert any(name.endswith(ons_census.CODE_SUFFIX) for name in header)
    assert recognise.format_of(header, ETHNIC.name) == "ons_census"


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_bad_file_is_refused_with_where_and_why(case: Path):
    shown = f"releases/ons/{case.name}.csv"
    assert_refused_with_where_and_why(ons_census, case, shown)


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_bad_files_hold_only_real_records(case: Path):
    """Each record differs from a real record in at most the one cell the README says was changed."""
    real = [record for _, record in csv_records(ETHNIC)]
    with (case / "file.csv").open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            best = min(sum(r.get(k) != v for k, v in record.items()) for r in real)
            assert best <= 1, f"{case.name}: {record} is not a real record"
