"""Population: projections drawn apart from observations, ages and sexes as bars with their shares."""

from __future__ import annotations

import pytest

from tests import curated
from tests.pages.conftest import assert_clean, chart, charts, headings, open_page, page_charts, text, values


@pytest.fixture(scope="module")
def page():
    return open_page("pages/population.py")


def test_draws_every_chart_with_its_message(page):
    assert_clean(page)
    assert len(charts(page)) == len(page_charts("population")) == len(headings(page))


def test_residents_observed_and_projected_apart(page):
    residents = chart(page, "population.residents")
    observed, projected = residents["data"][:2]
    assert values(observed["y"]) == [curated.value("residents", y) for y in ("2011", "2021")]
    assert observed["line"]["dash"] == "solid" and projected["line"]["dash"] == "dash"
    assert values(projected["y"]) == [curated.value("residents", y) for y in ("2021", "2031", "2041")]
    assert [s["type"] for s in residents["layout"]["shapes"]] == ["rect"]  # the shaded future


def test_children_message_computes_the_fall_and_names_the_conflict(page):
    start, end = curated.value("children", "2021"), curated.value("children", "2041")
    assert f"projected to fall by {abs(end - start) / start * 100:.0f}%" in headings(page)[1]
    assert "Two totals for children aged 18 and under in 2021" in text(page)


def test_ages_are_described_by_their_own_bands_and_shares(page):
    ages = chart(page, "population.ages")
    bands = ["age 0-4", "age 5-9", "age 10-14", "age 15-18"]
    # horizontal: the bands' names never rotate or clash; each in words ("age 0-4" is "Aged 0 to 4")
    assert ages["layout"]["yaxis"]["ticktext"] == [b.replace("age ", "Aged ").replace("-", " to ") for b in bands]
    shares = [curated.figure("children_census_share", "2021", band)["value_text"] for band in bands]
    assert [label.split("(")[1].rstrip(")") for label in ages["data"][0]["text"]] == shares
    assert "quarter" not in headings(page)[4]
    assert all(curated.figure("children_census", "2021", band)["value_text"] in headings(page)[4] for band in bands)


def test_households_in_time_order_without_invented_years(page):
    households = chart(page, "population.households")
    ticks = [t.replace("<br>", " ") for t in households["layout"]["xaxis"]["ticktext"]]
    assert ticks == ["20 years earlier", "current", "20 years later"]
