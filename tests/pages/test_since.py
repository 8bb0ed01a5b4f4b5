"""Since the strategy: a row per strategy figure a loaded release also covers, the verdict in words and a badge,
"not compared" with the link's reason wherever the two measure different things, and the superseded label.

Expectations come from the curated links (data/metadata/indicator_links.csv, read with the csv module) and the
observations in the tables, so declaring another link never breaks a test.
"""

from __future__ import annotations

import csv

import pytest

from insight.areas import HOME_ROLE
from loaders.paths import ROOT
from loaders.store.tables import read_observations, read_table
from tests.pages.conftest import assert_clean, open_page, text, unescape

PAGE = "pages/since.py"


def links() -> list[dict]:
    with (ROOT / "data" / "metadata" / "indicator_links.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def covered() -> list[dict]:
    """The links with a home-area figure on both sides: the strategy's and a release's."""
    areas = read_table("areas")
    home = areas.loc[areas["role"] == HOME_ROLE, "area_code"].item()
    found = read_observations(areas=[home])
    has = {(row.indicator_id, row.source_kind) for row in found[["indicator_id", "source_kind"]].itertuples()}
    return [
        link
        for link in links()
        if (link["strategy_indicator_id"], "strategy") in has and (link["public_indicator_id"], "release") in has
    ]


@pytest.fixture(scope="module")
def since_page():
    return open_page(PAGE)


def table_rows(at) -> list[str]:
    """The rows of the page's Markdown table, as a reader sees them."""
    (table,) = [m.value for m in at.markdown if m.value.startswith("| Strategy's figure |")]
    return [unescape(line) for line in table.splitlines()[2:]]


def titles() -> dict[str, str]:
    """Strategy and public indicators' titles, from their curated files."""
    found = {}
    for name in ("indicators.csv", "public_indicators.csv"):
        with (ROOT / "data" / "metadata" / name).open(encoding="utf-8", newline="") as file:
            found |= {row["indicator_id"]: row["title"] for row in csv.DictReader(file)}
    return found


def test_a_row_per_covered_strategy_figure_each_beside_its_public_series(since_page, covered):
    assert_clean(since_page)
    rows = table_rows(since_page)
    assert covered and len(rows) == len(covered)
    names = titles()
    for link in covered:
        strategy, public = names[link["strategy_indicator_id"]], names[link["public_indicator_id"]]
        assert [r for r in rows if f"**{strategy}**" in r and f"({public})" in r], (strategy, public)


def test_measures_that_differ_are_not_compared_and_say_why(since_page, covered):
    names = titles()
    differ = [link for link in covered if link["relation"] not in ("same", "narrower")]
    rows = table_rows(since_page)
    for link in differ:
        (row,) = [r for r in rows if f"({names[link['public_indicator_id']]})" in r]
        assert "Not compared" in row and "| – |" in row, row
        assert "Better" not in row and "Worse" not in row
    page = text(since_page)
    for link in differ:  # the whole reason is a click away
        assert link["reason"].split(";")[0] in page


def test_a_strategy_bound_is_checked_not_turned_into_a_change(since_page):
    (row,) = [r for r in table_rows(since_page) if "(Children looked after on 31 March)" in r]
    assert "**Children in care**: under 350" in row
    assert "Within the strategy's bound" in row and "no change is worked out" in row
    assert "supersedes it" in row  # the same measure, newer: the strategy's bound is superseded


def test_only_the_same_measure_supersedes_a_strategy_figure(since_page, covered):
    names = titles()
    rows = table_rows(since_page)
    for link in covered:
        (row,) = [r for r in rows if f"({names[link['public_indicator_id']]})" in r]
        if link["relation"] != "same":
            assert "supersedes it" not in row, row


WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def words(n: int) -> str:
    """How prose writes a count: in words up to ten, in digits above."""
    return WORDS[n] if n < len(WORDS) else f"{n:,}"


def test_the_sentence_counts_the_figures_the_series_and_each_verdict(since_page, covered):
    sentence = unescape(since_page.markdown[1].value)
    figures = len({link["strategy_indicator_id"] for link in covered})
    opening = words(figures)
    assert sentence.startswith(f"{opening[:1].upper()}{opening[1:]} of the strategy's figures for Bromley are covered")
    assert f"in {words(len(covered))} series" in sentence
    rows = table_rows(since_page)
    compared = sum("Not compared" not in row for row in rows)
    assert compared and f"{words(compared).capitalize()} compared like for like" in sentence
    for badge, said in (
        ("Not compared", "not compared"),
        ("Within the strategy's bound", "within the strategy's"),
        ("Above the strategy's projection", "above the strategy's projection"),
        ("Worse", "worse"),
    ):
        shown = sum(badge in row for row in rows)
        assert shown and f"{words(shown)} {said}" in sentence, (badge, sentence)


def test_the_same_year_from_another_source_is_never_called_superseded_and_points_to_its_note(since_page):
    rows = [r for r in table_rows(since_page) if "Two sources for the same period" in r]
    assert rows, "a pair of figures for the same year from two sources"
    for row in rows:
        assert "supersedes it" not in row and "Not compared" in row
        assert "a data-quality note names both" in row


def test_the_overview_says_the_verdicts_in_a_line_that_links_here(since_page):
    at = open_page("pages/overview.py")
    assert_clean(at)
    (link,) = [link for link in at.get("page_link") if "since" in link.proto.page]
    sentence = unescape(since_page.markdown[1].value)
    verdicts = sentence.split("compared like for like: ")[1].split(";")[0].rstrip(".")
    assert unescape(link.proto.label).startswith("Since the strategy: ")
    assert verdicts in unescape(link.proto.label)
