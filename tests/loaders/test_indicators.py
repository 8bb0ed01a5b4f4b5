"""loaders.releases.indicators.map_file: a file's figures as tidy rows of indicators, every measure one. A
declaration names a measure, or the part of it its `select` takes (whose selected values leave the breakdown);
everything else is `<dataset_id>_<measure>`, its unit inferred and no polarity claimed. On a cut of the absence file
(tests/fixtures/releases/dfe/cuts/), with the project's own declarations; expectations from the csv module."""

from __future__ import annotations

import csv

import pytest

from loaders.paths import DEFAULT
from loaders.releases import dfe
from loaders.releases.declarations import Declarations
from loaders.releases.indicators import auto_id, map_file
from loaders.store.tables import as_text
from loaders.strategy.metadata import rows_of
from tests.conftest import FIXTURES
from tests.loaders.readers import read

ABSENCE = FIXTURES / "releases" / "dfe" / "cuts" / "absence_bromley_2024_25.csv"
TIME_AND_PLACE = 10  # time_period ... new_la_code
FILTERS = ("absence_terms", "social_care_group", "phase_type_grouping")


@pytest.fixture(scope="module")
def declarations() -> Declarations:
    def rows(name):
        return rows_of(DEFAULT.metadata / f"{name}.csv", f"data/metadata/{name}.csv")

    return Declarations.from_rows(rows("release_datasets"), rows("measure_aliases"), rows("public_indicators"))


@pytest.fixture(scope="module")
def mapped(declarations):
    header = next(csv.reader(ABSENCE.open(encoding="utf-8-sig", newline="")))
    dataset = declarations.dataset_for("dfe_ees", header, ABSENCE.name)
    published = read(dfe, ABSENCE, ABSENCE.name, dataset.as_reader_options())
    return dataset, map_file(published, dataset, declarations)


def records() -> list[tuple[int, dict[str, str]]]:
    with ABSENCE.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [(line, record) for line, record in enumerate(reader, start=2)]


def test_the_file_is_recognised_as_its_declared_dataset(mapped):
    dataset, _ = mapped
    assert (dataset.dataset_id, dataset.declared) == ("absence_social_care", True)


def test_a_selecting_declaration_claims_only_the_rows_it_selects(mapped):
    """absence_social_care is pt_overall where the phase is "Total": those rows, by social care group; the other
    phases' pt_overall stay a measure of their own, absence_social_care_pt_overall."""
    _, result = mapped
    rows = as_text(result.rows).to_pylist()
    declared = {
        (r["release_line"], r["breakdown"], r["value"]) for r in rows if r["indicator_id"] == "absence_social_care"
    }
    expected = {
        (line, r["social_care_group"], float(r["pt_overall"]) if r["pt_overall"] != "c" else None)
        for line, r in records()
        if r["phase_type_grouping"] == "Total"
    }
    assert declared == expected and len(expected) == 2
    rest = {(r["release_line"], r["breakdown"]) for r in rows if r["indicator_id"] == "absence_social_care_pt_overall"}
    assert rest == {
        (line, f"{r['social_care_group']} · {r['phase_type_grouping']}")
        for line, r in records()
        if r["phase_type_grouping"] != "Total"
    }
    assert {r["breakdown_type"] for r in rows if r["indicator_id"] == "absence_social_care"} == {"social care group"}


def test_every_measure_is_an_indicator_named_by_its_declaration_or_after_itself(mapped):
    _, result = mapped
    header = next(csv.reader(ABSENCE.open(encoding="utf-8-sig", newline="")))
    measures = [name for name in header[TIME_AND_PLACE:] if name not in FILTERS]
    ids = set(result.indicators)
    assert ids == {auto_id("absence_social_care", m) for m in measures} | {
        "absence_social_care",
        "persistent_absence_social_care",
    }
    assert auto_id("absence_social_care", "pt_overall") == "absence_social_care_pt_overall"
    rows = as_text(result.rows).to_pylist()
    assert len(rows) == len(records()) * len(measures)  # every figure once
    assert {r["indicator_id"] for r in rows} == ids


def test_an_undeclared_measure_says_so_and_claims_no_polarity(mapped):
    _, result = mapped
    declared = result.indicators["absence_social_care"]
    assert (declared["declared"], declared["unit"], declared["unit_inferred"], declared["polarity"]) == (
        True,
        "percent",
        False,
        "lower_is_better",
    )
    undeclared = result.indicators["absence_social_care_t_sess_overall"]
    assert (undeclared["declared"], undeclared["unit"], undeclared["unit_inferred"], undeclared["polarity"]) == (
        False,
        "count",
        True,
        None,
    )
    assert undeclared["publisher_indicator_id"] == undeclared["publisher_indicator_name"] == "t_sess_overall"
    assert undeclared["title"].lower().startswith("number")
    assert "is inferred from its name (“t_sess_overall”)" in undeclared["definition"]
    share = result.indicators["absence_social_care_pt_sess_authorised"]
    assert (share["unit"], share["unit_inferred"]) == ("percent", True)


def test_suppressed_cells_stay_suppressed_with_their_meaning(mapped):
    _, result = mapped
    rows = as_text(result.rows).to_pylist()
    coded = [r for r in rows if r["suppression"] == "c"]
    assert len(coded) == sum(cell == "c" for _, r in records() for cell in r.values())
    assert {(r["status"], r["value"], r["suppression_meaning"]) for r in coded} == {
        ("suppressed", None, "confidential (suppressed to protect individuals)")
    }
