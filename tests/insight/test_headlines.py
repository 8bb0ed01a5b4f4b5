"""Headline cards: the latest figure, the previous one, and better or worse by the indicator's polarity."""

from __future__ import annotations

import pandas as pd
import pytest

from insight.facts import MissingData
from insight.headlines import headline
from tests.insight.observations import Y18, Y19, Y21, observation

HOME = "E09000006"


def rows(*points, polarity="lower_is_better", unit="count"):
    """Synthetic observations of one indicator in Bromley: (period, start, end, value, status)."""
    bromley = {"area_code": HOME, "area_name": "Bromley", "definition": "Things counted. More detail.", "quote": "q"}
    return pd.DataFrame(
        [
            observation(period, start, end, value, status=status, polarity=polarity, unit=unit, **bromley)
            for period, start, end, value, status in points
        ]
    )


def test_a_rise_in_something_bad_is_worse_and_said_so():
    card = headline(rows((*Y18, 100.0, "observed"), (*Y21, 130.0, "observed")), "x", page="p", area=HOME)
    assert (card.value, card.period) == ("130", "in 2021/22")
    assert card.delta == "+30 since 2018/19"
    assert card.change == "Worse: up 30 from 100 in 2018/19."
    assert (card.delta_arrow, card.delta_colour, card.verdict) == ("up", "orange", "worse")
    assert card.meaning == "Things counted."


def test_a_rise_in_something_good_is_better():
    card = headline(
        rows((*Y18, 100.0, "observed"), (*Y19, 120.0, "observed"), polarity="higher_is_better"),
        "x",
        page="p",
        area=HOME,
    )
    assert (card.verdict, card.delta_colour) == ("better", "blue")


def test_a_neutral_indicator_gets_a_direction_but_no_verdict():
    card = headline(
        rows((*Y18, 100.0, "observed"), (*Y19, 90.0, "observed"), polarity="neutral"), "x", page="p", area=HOME
    )
    assert card.delta == "-10 since 2018/19"
    assert card.change == "Neither better nor worse: down 10 from 100 in 2018/19."
    assert (card.delta_arrow, card.delta_colour) == ("down", "gray")


def test_projections_and_derived_values_are_never_the_latest_or_the_previous():
    frame = rows((*Y18, 50.0, "derived"), (*Y19, 100.0, "observed"), (*Y21, 200.0, "projected"))
    card = headline(frame, "x", page="p", area=HOME)
    assert (card.value, card.delta) == ("100", None)
    assert card.change == "No earlier figure in the strategy to compare with."


def test_a_percentage_changes_by_percentage_points():
    card = headline(rows((*Y18, 14.0, "observed"), (*Y19, 20.0, "observed"), unit="percent"), "x", page="p", area=HOME)
    assert (card.delta, card.change) == ("+6 pts since 2018/19", "Worse: up 6 percentage points from 14% in 2018/19.")


def test_a_missing_indicator_is_missing_data_naming_it():
    with pytest.raises(MissingData, match="the figure y"):
        headline(rows((*Y18, 1.0, "observed")), "y", page="p", area=HOME)


def test_comparators_are_judged_by_polarity_but_totals_are_not_compared():
    frame = rows((*Y19, 8.3, "observed"), unit="percent")
    london = frame.assign(area_code="E12000007", area_name="London", area_role="region", value=12.0)
    card = headline(pd.concat([frame, london]), "x", page="p", area=HOME)
    assert (card.comparators, card.against) == ("London 12%", "better than London")
    counts = rows((*Y19, 100.0, "observed"))
    bigger = counts.assign(area_code="E12000007", area_name="London", area_role="region", value=5000.0)
    assert headline(pd.concat([counts, bigger]), "x", page="p", area=HOME).against is None


def test_undated_figures_come_after_dated_ones_as_the_strategy_present():
    frame = rows((*Y18, 340.0, "observed"), ("not stated", None, None, 411.0, "observed"))
    assert headline(frame, "x", page="p", area=HOME).value == "411"
