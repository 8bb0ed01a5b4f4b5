"""Safety: youth justice against all children, told apart by pattern as well as colour."""

from __future__ import annotations

from tests import curated
from tests.pages.conftest import assert_clean, chart, charts, headings, open_page, page_charts


def test_youth_justice_series_differ_by_pattern_not_only_colour():
    page = open_page("pages/safety.py")
    assert_clean(page)
    assert len(charts(page)) == len(page_charts("safety")) == len(headings(page))
    comparison = chart(page, "safety.youth_justice_against_all_children")
    cohort, everyone = comparison["data"]
    assert (cohort["name"], everyone["name"]) == ("youth justice cohort", "all children")
    assert cohort["marker"]["pattern"]["shape"] != everyone["marker"]["pattern"]["shape"]
    assert comparison["layout"]["showlegend"] is True
    male = curated.figure("yj_male_share", "2018/19", "youth justice cohort")["value_text"]
    assert headings(page)[1].startswith(f"{male} of young people in youth justice were boys")
