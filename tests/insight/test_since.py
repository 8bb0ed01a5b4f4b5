"""Since the strategy, on cases worked out by hand: the change in the right unit, the verdict by polarity, and
every reason two figures are not compared."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from insight.since import (
    ABOVE,
    ABOVE_PATH,
    BELOW,
    BELOW_PATH,
    NOT_COMPARED,
    NOT_JUDGED,
    WITHIN,
    since_strategy,
    summary,
)

HOME = "E09000006"
PERIODS = {  # label -> (type, start, end)
    "2018/19": ("financial_year", date(2018, 4, 1), date(2019, 3, 31)),
    "2021/22": ("financial_year", date(2021, 4, 1), date(2022, 3, 31)),
    "2024/25": ("financial_year", date(2024, 4, 1), date(2025, 3, 31)),
    "2021": ("calendar_year", date(2021, 1, 1), date(2021, 12, 31)),
    "2015": ("calendar_year", date(2015, 1, 1), date(2015, 12, 31)),
    "2024": ("calendar_year", date(2024, 1, 1), date(2024, 12, 31)),
    "2031": ("calendar_year", date(2031, 1, 1), date(2031, 12, 31)),
    "current": ("undated", None, None),
}


def row(indicator: str, period: str, value: float | None, unit: str = "count", status: str = "observed", **more):
    kind, start, end = PERIODS[period]
    return {
        "indicator_id": indicator,
        "area_code": HOME,
        "period": period,
        "period_type": kind,
        "period_start": start,
        "period_end": end,
        "breakdown": "all",
        "value": value,
        "lower": None,
        "upper": None,
        "unit": unit,
        "status": status,
        "title": indicator.replace("_", " "),
        "polarity": "lower_is_better",
        "quote": f"the quote of {indicator}",
        "section": "Our borough in numbers",
        "publisher": "Department for Education: Explore Education Statistics, Children looked after",
        "release_dataset": "Children looked after",
        "release_file": "data/releases/x.csv",
        "release_line": 7,
        "source_kind": "strategy",
    } | more


def released(indicator: str, period: str, value: float, unit: str = "count", **more):
    return row(indicator, period, value, unit, source_kind="release", **more)


def links(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"public_indicator_id": p, "strategy_indicator_id": s, "relation": r, "reason": f"why {r}"}
            for p, s, r in rows
        ]
    )


def only(strategy: list[dict], published: list[dict], relation: str = "same"):
    (found,) = since_strategy(
        links(("public", "stated", relation)), pd.DataFrame(strategy), pd.DataFrame(published), HOME
    )
    return found


def test_a_count_changes_by_its_difference_and_its_percent_change():
    found = only([row("stated", "2018/19", 340)], [released("public", "2024/25", 411)])
    # 411 - 340 = 71; 71 / 340 = 20.88%: more children on plans, where lower is better, is worse.
    assert (found.change, found.verdict) == ("up 71 (20.9%)", "worse")
    assert (found.stated, found.newest, found.newest_period) == ("340", "411", "2024/25")
    assert found.superseded and found.superseded_by == "Superseded by Department for Education, 2024/25: 411"


def test_a_percentage_changes_by_percentage_points_never_by_a_percent_of_a_percent():
    found = only([row("stated", "2018/19", 14.0, "percent")], [released("public", "2024/25", 20.0, "percent")])
    # 14% to 20% is 6 percentage points (a "42.9% rise" would be a percent of a percent).
    assert found.change == "up 6 percentage points"
    assert "%" not in found.change.replace("percentage points", "")
    assert found.verdict == "worse"


def test_a_fall_where_lower_is_better_is_better():
    found = only([row("stated", "2018/19", 7721)], [released("public", "2024/25", 6500)])
    assert (found.change, found.verdict) == ("down 1,221 (15.8%)", "better")


@pytest.mark.parametrize(
    ("newest", "where", "verdict"),
    [(343, "within the bound", WITHIN), (350, "above the bound", "worse"), (362, "above the bound", "worse")],
)
def test_a_bound_is_not_a_figure_so_no_change_only_where_the_newest_lies(newest, where, verdict):
    found = only([row("stated", "current", 350, status="upper_bound")], [released("public", "2024/25", newest)])
    assert (found.change, found.verdict) == (where, verdict)
    assert found.stated == "under 350"
    assert "no change is worked out" in found.why


def test_a_range_crossed_downwards_where_lower_is_better_is_better():
    stated = row("stated", "current", None, status="range", lower=800.0, upper=950.0)
    found = only([stated], [released("public", "2024/25", 700)])
    assert (found.stated, found.change, found.verdict) == ("800 to 950", "below the bound", "better")


def test_the_same_year_from_another_source_is_a_difference_not_a_change_nor_a_supersession():
    found = only([row("stated", "2021", 21.0, "percent")], [released("public", "2021", 23.5449, "percent")])
    assert (found.change, found.verdict, found.superseded) == (None, NOT_COMPARED, False)
    assert found.why == (
        "Two sources for the same period (2021): the strategy gives 21%, the release 23.5%. Neither is newer, so "
        "neither replaces the other and no change is worked out; a data-quality note names both."
    )
    assert "higher" not in found.why and "supersede" not in found.why  # no change, no replacement, said or implied


def test_a_bound_crossed_without_a_declared_polarity_is_above_or_below_never_better_or_worse():
    stated = row("stated", "current", None, status="range", lower=250.0, upper=300.0, polarity=None)
    above = only([stated], [released("public", "2024/25", 304, polarity=None)])
    below = only([stated], [released("public", "2024/25", 200, polarity=None)])
    assert (above.change, above.verdict) == ("above the bound", ABOVE)
    assert (below.change, below.verdict) == ("below the bound", BELOW)


def test_a_change_without_a_declared_polarity_is_not_judged():
    found = only([row("stated", "2018/19", 340)], [released("public", "2024/25", 411, polarity=None)])
    assert (found.change, found.verdict) == ("up 71 (20.9%)", NOT_JUDGED)
    assert "no one has declared whether higher is better" in found.why


def projection(newest: float, relation: str, polarity: str = "neutral"):
    """The strategy's 73,200 in 2021 and 66,800 projected for 2031 against a figure published for 2024: the
    straight line between them is 73,200 + 3/10 x (66,800 - 73,200) = 71,280 there."""
    stated = [row("stated", "2021", 73200), row("stated", "2031", 66800, status="projected")]
    return only(stated, [released("public", "2024", newest, polarity=polarity)], relation)


def test_a_projection_is_held_against_the_outturn_on_its_straight_line():
    found = projection(73457, "same")
    assert (found.change, found.verdict) == ("above the projection", ABOVE_PATH)
    assert found.why.startswith(
        "The strategy projected a straight line from 73,200 (2021) to 66,800 (2031): about 71,300 in 2024; the "
        "release gives 73,457, above it."
    )
    assert projection(70000, "same").verdict == BELOW_PATH
    assert projection(70000, "same", "lower_is_better").verdict == "better"


def test_a_narrower_count_above_the_projection_shows_the_strategys_measure_above_it_and_below_shows_nothing():
    above, below = projection(73457, "narrower"), projection(70000, "narrower")
    assert above.verdict == ABOVE_PATH
    assert "the strategy's measure is above its projection too" in above.why
    assert (below.change, below.verdict) == (None, NOT_COMPARED)
    assert not above.superseded


def test_a_narrower_figure_is_compared_only_where_it_is_higher():
    higher = only([row("stated", "2018/19", 340)], [released("public", "2024/25", 411)], "narrower")
    lower = only([row("stated", "2018/19", 340)], [released("public", "2024/25", 300)], "narrower")
    assert (higher.change, higher.verdict) == ("up 71 (20.9%)", ABOVE)
    assert (lower.change, lower.verdict) == (None, NOT_COMPARED)


def test_the_summary_counts_the_pairs_compared_each_verdict_and_those_not_compared():
    stated = [row("a", "2018/19", 340), row("b", "2018/19", 340), row("c", "2018/19", 340)]
    published = [released("pa", "2024/25", 411), released("pb", "2024/25", 300), released("pc", "2024/25", 411)]
    found = since_strategy(
        pd.DataFrame(
            [
                {"public_indicator_id": "pa", "strategy_indicator_id": "a", "relation": "same", "reason": "why"},
                {"public_indicator_id": "pb", "strategy_indicator_id": "b", "relation": "same", "reason": "why"},
                {
                    "public_indicator_id": "pc",
                    "strategy_indicator_id": "c",
                    "relation": "different_measure",
                    "reason": "why",
                },
            ]
        ),
        pd.DataFrame(stated),
        pd.DataFrame(published),
        HOME,
    )
    assert summary(found, "Bromley") == (
        "Three of the strategy's figures for Bromley are covered by newer public releases. Two compared like for "
        "like: one better and one worse; one not compared (another definition, population, measure, or the same "
        "year from another source)."
    )


@pytest.mark.parametrize(
    ("relation", "words"),
    [
        ("different_definition", "defined differently"),
        ("different_population", "of another population"),
        ("different_measure", "another measure"),
    ],
)
def test_figures_of_another_definition_population_or_measure_are_never_compared(relation, words):
    found = only([row("stated", "2018/19", 340)], [released("public", "2024/25", 411)], relation)
    assert (found.change, found.verdict, found.superseded) == (None, NOT_COMPARED, False)
    assert found.why == f"{words[:1].upper()}{words[1:]}: why {relation}."


def test_a_count_against_a_rate_is_not_compared_even_if_declared_the_same():
    found = only([row("stated", "2018/19", 340)], [released("public", "2024/25", 47.0, "per_10000")])
    assert (found.verdict, found.superseded) == (NOT_COMPARED, False)
    assert found.why == "The strategy's figure is a count, the release's a rate per 10,000."


def test_an_undated_figure_is_as_of_the_strategys_newest_year_and_an_older_release_does_not_supersede_it():
    stated = [row("stated", "current", 350, status="upper_bound"), row("other", "2021/22", 5)]
    newer = only(stated, [released("public", "2024/25", 343)])
    older = only(stated, [released("public", "2015", 343)])
    assert newer.superseded and not older.superseded


def test_projections_are_not_the_figure_compared_and_suppressed_figures_are_not_the_newest():
    stated = [row("stated", "2018/19", 340), row("stated", "2024/25", 500, status="projected")]
    published = [released("public", "2021/22", 380), released("public", "2024/25", None, status="suppressed")]
    found = only(stated, published)
    # The newest published figure (380 in 2021/22) lies between the stated 340 (2018/19) and the projected 500
    # (2024/25): held against the straight line, 340 + 3/6 x 160 = 420 there, it is below, and lower is better.
    assert (found.stated_period, found.newest_period, found.change) == ("2018/19", "2021/22", "below the projection")
    assert found.verdict == "better"
    assert "about 420 in 2021/22" in found.why


def test_an_indicator_without_a_figure_for_home_is_left_out():
    assert since_strategy(links(("public", "stated", "same")), pd.DataFrame([row("stated", "2018/19", 1)]),
                          pd.DataFrame([released("public", "2024/25", 2, area_code="E12000007")]), HOME) == []  # fmt: skip
