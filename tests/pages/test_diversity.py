"""Diversity: the shares of children and residents from Black, Asian or other ethnic heritage over time."""

from __future__ import annotations

from tests import curated
from tests.pages.conftest import assert_clean, chart, charts, heading, headings, open_page, page_charts, text, values


def test_shares_over_time_with_projections_apart_and_percentage_points_named():
    page = open_page("pages/diversity.py")
    assert_clean(page)
    assert len(charts(page)) == len(page_charts("diversity")) == len(headings(page))
    shares = chart(page, "diversity.minority_ethnic_shares")
    children = [t for t in shares["data"] if t["name"] == "Children"]
    observed, projected = children
    assert values(observed["y"]) == [curated.value("minority_ethnic_share_children", p) for p in ("2011", "2021")]
    assert projected["line"]["dash"] == "dash" and values(projected["y"])[-1] == curated.value(
        "minority_ethnic_share_children", "2041"
    )
    assert headings(page)[0].startswith(
        f"{curated.figure('minority_ethnic_share_children', '2021')['value_text']} of children"
    )
    assert "Differences between two percentages written as per cent changes" in text(page)


def test_bars_have_a_row_each():
    page = open_page("pages/diversity.py")
    white, crossing = chart(page, "diversity.white_share_children"), chart(page, "diversity.pupils_crossing")
    assert [t.replace("<br>", " ") for t in white["layout"]["yaxis"]["ticktext"]] == [
        "Resident children",  # the curated breakdowns, in words
        "Pupils in Bromley schools",
    ]
    assert len(crossing["layout"]["yaxis"]["ticktext"]) == 2
    assert (
        curated.figure("pupils_leaving_borough", "2019")["value_text"].lower()
        in heading(page, "diversity.pupils_crossing").lower()
    )
