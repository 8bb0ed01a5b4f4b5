"""Deprivation and income: the home area against London and the nation, and low income over time."""

from __future__ import annotations

import pytest

from insight.areas import HOME_ROLE
from tests import curated
from tests.pages.conftest import assert_clean, chart, charts, headings, open_page, page_charts, text, unescape, values


@pytest.fixture(scope="module")
def page():
    return open_page("pages/deprivation.py")


def test_draws_every_chart_with_its_message(page):
    assert_clean(page)
    assert len(charts(page)) == len(page_charts("deprivation")) == len(headings(page))


def test_earnings_are_compared_in_words_with_each_comparator_value(page):
    earnings = chart(page, "deprivation.earnings")
    names = [t.replace("<br>", " ") for t in earnings["layout"]["yaxis"]["ticktext"]]
    assert names == [curated.area(r)["area_name"] for r in (HOME_ROLE, "region", "national")]
    assert values(earnings["data"][0]["x"]) == [
        curated.value("weekly_earnings", "current", role=r) for r in (HOME_ROLE, "region", "national")
    ]
    london = curated.figure("weekly_earnings", "current", role="region")["value_text"]
    assert f"more than in London ({london} a week) and nationally" in headings(page)[0]


def test_the_contradiction_in_the_workless_share_is_named_under_its_chart(page):
    assert "8,700 households as a share of all 135,036 households: does not add up" in text(page)


def test_the_intro_states_the_rank_from_the_data(page):
    rank = curated.figure("deprivation_rank_london", "current")["value_text"]  # "4th"
    assert f"**{rank}** least deprived" in unescape(page.markdown[0].value)
