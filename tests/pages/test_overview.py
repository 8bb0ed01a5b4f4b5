"""The overview: headline cards whose values are the tables' values, with direction and verdict in words."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from loaders.tables import read_observations
from tests.pages.conftest import assert_clean, charts, open_page


@pytest.fixture(scope="module")
def overview():
    return open_page("pages/overview.py")


def numbers(text: str) -> list[float]:
    """The numbers a card states, leaving out a rate's base ('9.8 per 1,000' -> [9.8])."""
    text = re.sub(r"per [\d,]+", "", text)
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def test_runs_cleanly_with_a_title_and_one_chart(overview):
    assert_clean(overview)
    assert overview.title[0].value == "Bromley's children and families at a glance"
    assert len(charts(overview)) == 1


def test_shows_sixteen_headline_cards_with_the_published_values(overview):
    shown = {m.label: m.value for m in overview.metric}
    assert len(shown) == 16
    # Written out by hand from the strategy, independently of the formatting code.
    assert shown["Residents"] == "330,000"
    assert shown["Children aged 18 and under (Census 2021)"] == "73,400"
    assert shown["Households"] == "135,036"
    assert shown["Children in low-income families"] == "13%"
    assert shown["Average Attainment 8 score"] == "50.8"
    assert shown["Referrals to children's social care"] == "4,032"
    assert shown["Children on a Child Protection Plan"] == "250 to 300"
    assert shown["Children in care"] == "under 350"
    assert shown["Teenage conceptions (under 18)"] == "9.8 per 1,000"
    assert shown["Cost of late intervention per person"] == "£256"


def test_every_card_value_is_a_value_of_the_tables(overview):
    observations = read_observations()
    bromley = observations[observations["area_code"] == "E09000006"]
    published = set(pd.concat([bromley["value"], bromley["lower"], bromley["upper"]]).dropna())
    for metric in overview.metric:
        assert numbers(metric.value), metric.label
        assert set(numbers(metric.value)) <= published, (metric.label, metric.value)


def test_direction_of_travel_is_said_in_words_by_polarity(overview):
    deltas = {m.label: m.proto.delta for m in overview.metric}
    assert deltas["Referrals to children's social care"] == "+610 since 2018/19"
    assert deltas["Re-referrals within 12 months"] == "+6 pts since 2018/19"
    assert deltas["Children in low-income families"] == "-3.7 pts since 2011"
    assert deltas["Children in care"] == ""  # no earlier figure: said in the card's text instead
    text = " ".join(m.value for m in overview.markdown)
    assert "Worse: up 610 from 3,422 in 2018/19." in text
    assert "Worse: up 6 percentage points from 14% in 2018/19." in text
    assert "Better: down 3.7 percentage points from 16.7% in 2011." in text
    assert "Better: down 3.9 per 1,000 from 13.7 per 1,000 in 2018." in text
    assert "Neither better nor worse: up 20,000 from 310,000 in 2011." in text


def test_comparators_and_links_are_on_the_cards(overview):
    text = " ".join(m.value for m in overview.markdown)
    assert "Compared with: London 12% · national 13.9%." in text
    assert "Compared with: England 44.7." in text
    assert "No earlier figure in the strategy to compare with." in text
    links = [link.proto.page for link in overview.get("page_link")]
    assert len(links) == 16
    assert links.count("social_care") == 5 and links.count("population") == 3 and "cost" in links
