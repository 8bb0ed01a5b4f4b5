"""Education: results against England, and gaps drawn as gaps with a row per period."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from components.blocks import EXPORTS
from tests import curated
from tests.pages.conftest import assert_clean, charts, headings, open_menus, open_page, page_charts, values


@pytest.fixture(scope="module")
def page():
    return open_page("pages/education.py")


def test_draws_every_chart_with_its_message(page):
    assert_clean(page)
    assert len(charts(page)) == len(page_charts("education")) == len(headings(page))


def test_results_compare_the_home_area_with_england(page):
    attainment = charts(page)[0]
    assert values(attainment["data"][0]["x"]) == [
        curated.value("attainment8", "2019", role=r) for r in ("home", "country")
    ]
    home, england = (curated.figure("attainment8", "2019", role=r)["value_text"] for r in ("home", "country"))
    assert headings(page)[0] == (
        f"Average Attainment 8 score: {home} in {curated.home()['area_name']} in 2019, higher than in England ({england})"
    )


@pytest.mark.parametrize(("index", "group"), [(4, "FSM eligible"), (5, "Black heritage")])
def test_each_early_years_gap_has_a_row_per_year_and_its_published_gap(page, index, group):
    gap = charts(page)[index]
    years = [row["period"] for row in curated.figures("early_learning_goals_gap") if row["breakdown"] == group]
    assert gap["layout"]["yaxis"]["ticktext"] == years  # 2013 and 2019 on rows of their own
    dots = [t for t in gap["data"] if t.get("mode") == "markers+text"]
    assert all(values(t["y"]) == list(range(len(years))) for t in dots)
    notes = [a for a in gap["layout"]["annotations"]]
    assert [a["y"] for a in notes] == list(range(len(years)))  # each note on its own row
    published = [curated.figure("early_learning_goals_gap", year, group)["value"] for year in years]
    assert [a["text"] for a in notes] == [f"gap {v} percentage points (published)" for v in published]


def test_the_attainment_gap_is_derived_and_says_so(page):
    a8 = charts(page)[3]
    fsm = [curated.value("attainment8", p, "FSM eligible") for p in ("2015-16", "2019-20")]
    rest = [curated.value("attainment8", p, "all other pupils") for p in ("2015-16", "2019-20")]
    assert [a["text"] for a in a8["layout"]["annotations"]] == [
        f"gap {r - f:.1f} points (derived: {r:g} − {f:g})" for f, r in zip(fsm, rest, strict=True)
    ]
    assert headings(page)[3].endswith(
        f"from {rest[0] - fsm[0]:.1f} to {rest[1] - fsm[1]:.1f} points (derived from the published scores)"
    )


def test_a_charts_data_and_exports_are_drawn_only_once_opened(page):
    closed = [e.label for e in page.expander]
    assert closed == [f"Data and export: {chart.what}" for chart in page_charts("education")]
    assert not page.get("popover")  # one menu a chart: each element is a message on every rerun
    assert not page.dataframe and not page.get("download_button")
    opened = open_menus(open_page("pages/education.py"), page_charts("education")[:1])
    labels = [b.proto.label for b in opened.get("download_button")]
    what = page_charts("education")[0].what
    name = what[:1].upper() + what[1:]
    assert labels == [f"Download the data of {what} (CSV)"] + [f"{label}: {name}" for label, *_ in EXPORTS]
    assert len(opened.dataframe) == 1
    assert [b.label for b in opened.button] == [f"Add to your deck: {name}"]
    links = {p.proto.label: p.proto.query_string for p in opened.get("page_link")}
    assert links[f"Link to this chart: {name}"] == f"id={page_charts('education')[0].id}"


def test_downloads_keep_each_figures_quote_and_name_the_chart():
    at = open_menus(open_page("pages/education.py"), page_charts("education"))
    downloads = [b for b in at.get("download_button") if "(CSV)" in b.proto.label]
    assert len(downloads) == len(page_charts("education"))
    assert len({b.proto.label for b in downloads}) == len(downloads)  # each names its chart


def test_each_charts_csv_is_made_when_asked_and_holds_its_table_with_each_figures_quote(deferred_files):
    at = open_menus(open_page("pages/education.py"), page_charts("education"))
    downloads = [b for b in at.get("download_button") if "(CSV)" in b.proto.label]
    shown = [t.value for t in at.dataframe]
    assert len(downloads) == len(shown) == len(page_charts("education"))
    for button, table in zip(downloads, shown, strict=True):
        assert not button.proto.url  # nothing is made until someone clicks
        name, mime, make = deferred_files[button.proto.deferred_file_id]
        assert name.endswith(".csv") and mime == "text/csv"
        rows = pd.read_csv(io.BytesIO(make()), dtype=str, keep_default_na=False)
        assert len(rows) == len(table) > 0, name
        assert list(rows["quote"]) == list(table["quote"].fillna("")), name
    stated = curated.figure("attainment8", "2019")
    (attainment,) = [make for n, _, make in deferred_files.values() if n.endswith("_education-attainment8_2019.csv")]
    rows = pd.read_csv(io.BytesIO(attainment()), dtype=str, keep_default_na=False)
    assert stated["quote"] in set(rows["quote"])
