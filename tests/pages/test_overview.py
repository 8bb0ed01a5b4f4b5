"""The overview: every headline figure in one table, its value the curated one, with its change, its verdict
by polarity in words, its comparators, and the strategy's contradictions named."""

from __future__ import annotations

import re

import pytest

import definitions
from loaders.paths import ROOT
from tests import curated
from tests.pages.conftest import assert_clean, open_page, unescape


@pytest.fixture(scope="module")
def overview():
    return open_page("pages/overview.py")


@pytest.fixture(scope="module")
def table(overview) -> dict[str, list[str]]:
    """The summary table's rows by figure title (the link's text), as cells a reader sees."""
    (markdown,) = [m.value for m in overview.markdown if m.value.startswith("| Figure |")]
    rows = {}
    for line in markdown.splitlines()[2:]:
        cells = [unescape(c.strip()) for c in line.strip("|").split(" | ")]
        if cells[0].startswith("["):
            rows[cells[0][1 : cells[0].index("](")]] = cells
    return rows


def shows(page: str, indicator_id: str) -> bool:
    """Whether a page's charts or cards draw an indicator."""
    return any(indicator_id in definitions.drawn_by(d) for d in definitions.of_page(page))


def test_one_row_per_headline_each_linking_to_a_page_that_charts_it(overview, table):
    assert_clean(overview)
    cards = definitions.of_page("overview")
    assert len(table) == len(cards)
    (markdown,) = [m.value for m in overview.markdown if m.value.startswith("| Figure |")]
    routed = set(re.findall(r'url_path="(\w+)"', (ROOT / "dashboard.py").read_text(encoding="utf-8")))
    for line in markdown.splitlines()[2:]:
        if link := re.search(r"\]\(/(\w+)\)", line):
            assert link.group(1) in routed - {"overview"}, line
    for card in cards:
        title = curated.indicator(card.indicator)["title"]
        page = definitions.page_drawing(card.indicator)
        assert title in table and page is not None and shows(page, card.indicator), title


def test_values_are_the_curated_figures_with_their_period(table):
    assert table["Residents"][1].startswith(f"**{curated.figure('residents', '2021')['value_text']}")
    assert table["Residents"][1].endswith("** · 2021")
    assert table["Referrals to children's social care"][1] == (
        f"**{curated.figure('csc_referrals', '2021/22')['value_text']}** · 2021/22"
    )
    assert "under 350" in table["Children in care"][1]


def test_direction_and_verdict_in_words_by_polarity(table):
    referrals = curated.value("csc_referrals", "2021/22") - curated.value("csc_referrals", "2018/19")
    assert f"+{referrals:,.0f} since 2018/19" in table["Referrals to children's social care"][2]
    assert "Worse" in table["Referrals to children's social care"][3]  # more referrals: worse
    assert "Better" in table["Children in low-income families"][3]  # fewer: better
    assert "No verdict" in table["Residents"][3]  # neutral
    assert table["Children in care"][2:4] == ["none earlier", "–"]


def test_comparators_with_a_verdict_that_says_no_more_than_a_difference(table):
    london = curated.figure("workless_households_share", "current", role="region")["value_text"]
    assert f"London {london}" in table["Households without an adult in paid employment"][4]
    assert "Better" in table["Households without an adult in paid employment"][4]
    assert "Worse" in table["Pupils with social, emotional and mental health needs"][4]  # more pupils with needs
    assert "significant" not in " ".join(" ".join(r) for r in table.values())


def test_one_figure_per_headline_and_the_contradiction_named(overview, table):
    gla, census = (
        curated.figure("children", "2021")["value_text"],
        curated.figure("children_census", "2021")["value_text"],
    )
    assert gla in table["Children aged 18 and under (GLA)"][1]
    notes = " ".join(unescape(c.value) for c in overview.caption)
    assert f"Two totals for children aged 18 and under in 2021: {gla} and {census}" in notes


def test_says_when_the_figures_are_from(overview):
    assert any(unescape(m.value).startswith("Figures as at **2016 to 2021/22**") for m in overview.markdown)
