"""Every theme page: runs cleanly, draws the charts it should, and states their messages from the data."""

from __future__ import annotations

import pytest

from tests.pages.conftest import assert_clean, charts, headings, open_page, values

# Page -> (charts drawn, cards shown, words its chart headings must contain). Counted from the strategy's figures.
PAGES = {
    "population": (6, 0, ["from 330,000 in 2021 to 341,000 by 2041", "from 73,200 to 62,500 by 2041", "reach 139,684"]),
    "diversity": (3, 0, ["31% of children were from a Black, Asian or other ethnic heritage in 2021", "38% by 2041"]),
    "deprivation": (3, 0, ["£787 a week", "8.3% of Bromley households", "from 16.7% in 2011 to 13% in 2016"]),
    "education": (10, 0, ["50.8 in Bromley, 44.7 in England", "from 15.3 to 17.6 points", "51% against 40%"]),
    "health": (4, 3, ["from 19.5 per 1,000 in 2013 to 9.8 per 1,000 in 2020", "rise by 47%"]),
    "family_support": (4, 1, ["972 in 2020/21, up 12% since 2017/18", "588 in 2021/22 against 709 in 2018/19"]),
    "safety": (4, 3, ["fell from 197 to 125", "rose 38%"]),
    "social_care": (4, 0, ["MASH enquiries rose to 8,912 in 2019/20", "from 14% to 20%", "under 350 in care"]),
    "cost": (1, 2, ["£256 per person a year in Bromley, against £287 in England and Wales"]),
    "services": (4, 0, ["Health: 44 GP surgeries"]),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_runs_and_draws_its_charts_with_messages(page):
    expected_charts, expected_cards, words = PAGES[page]
    at = open_page(f"pages/{page}.py")
    assert_clean(at)
    assert len(at.title) == 1 and at.title[0].value
    assert len(charts(at)) == expected_charts
    assert len(at.metric) == expected_cards
    assert not at.info, [i.value for i in at.info]  # nothing reported missing
    joined = " | ".join(headings(at))
    for phrase in words:
        assert phrase in joined, f"{phrase!r} not in {joined!r}"
    assert len(headings(at)) == expected_charts  # every chart has a message


def test_population_draws_observed_and_projected_residents_apart():
    at = open_page("pages/population.py")
    residents = charts(at)[0]
    observed, projected = residents["data"][:2]
    assert values(observed["y"]) == [310_000, 330_000]
    assert observed["line"]["dash"] == "solid"
    assert values(projected["y"]) == [330_000, 339_000, 341_000]  # continues from the last observed point
    assert projected["line"]["dash"] == "dash"
    assert projected["marker"]["symbol"][1:] == ["circle-open", "circle-open"]
    shapes = residents["layout"]["shapes"]
    assert len(shapes) == 1 and shapes[0]["type"] == "rect"  # the shaded future
    assert any(a["text"] == "projected →" for a in residents["layout"]["annotations"])


def test_each_chart_has_alt_text_naming_its_values():
    at = open_page("pages/deprivation.py")
    alts = [element.proto.alt for element in at.get("plotly_chart")]
    assert alts[0].startswith("Bar chart titled 'Full-time workers in Bromley earn £787 a week")
    assert "London, current: £728 a week" in alts[0]


def test_each_chart_has_a_caption_with_source_and_period():
    at = open_page("pages/social_care.py")
    captions = [c.value for c in at.caption]
    assert captions[0].startswith("Source: London Borough of Bromley: Performance Reporting")
    assert "Periods: 2018/19, 2019/20, 2021/22." in captions[0]


def test_downloads_keep_the_context_of_each_figure():
    at = open_page("pages/education.py")
    downloads = [b for b in at.get("download_button") if b.proto.label == "Download this data (CSV)"]
    assert len(downloads) == 10
    dumbbell = at.get("plotly_chart")[3]
    assert dumbbell.proto.alt.startswith("Dumbbell chart")


def test_the_gap_is_drawn_as_a_gap_with_its_value():
    at = open_page("pages/education.py")
    fsm = charts(at)[4]  # early learning goals: FSM eligible against all pupils
    notes = [a["text"] for a in fsm["layout"]["annotations"]]
    assert notes == ["gap 21 percentage points (published)", "gap 20 percentage points (published)"]
    a8 = charts(at)[3]
    assert [a["text"] for a in a8["layout"]["annotations"]] == [
        "gap 15.3 points (derived: 55 − 39.7)",
        "gap 17.6 points (derived: 56.4 − 38.8)",
    ]
