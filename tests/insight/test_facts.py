"""What messages say, worked out by hand: latest, previous, first and projected figures in one time order, the
change in the right unit, direction and verdict words, comparisons with other areas, gaps between groups."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from insight.areas import HOME_ROLE
from insight.facts import Facts, MissingData, ServiceFacts, VillageFacts, in_time_order, judge, percent_words
from insight.messages import FactsContext, TemplateError, fill
from tests.insight.observations import Y18, Y19, Y21, observation

NAMES = {"H": "Home", "L": "London", "N": "National (geography not stated)"}


def row(period, start, end, value, *, area="H", role=HOME_ROLE, value_text=None, **columns):
    """An observation of area `area` (H, L or N) in `role`."""
    area_columns = {"area_code": area, "area_name": NAMES.get(area, area), "area_role": role}
    return observation(period, start, end, value, **area_columns, value_text=value_text, **columns)


Y31 = ("2031", date(2031, 1, 1), date(2031, 12, 31))


def facts(*rows) -> Facts:
    return Facts(pd.DataFrame(rows))


def test_latest_previous_and_first_with_their_periods_and_phrases():
    f = facts(row(*Y21, 4032.0), row(*Y18, 3422.0), row(*Y19, 3600.0))
    assert (str(f.latest), f.latest_period, f.latest_when) == ("4,032", "2021/22", "in 2021/22")
    assert (str(f.previous), f.previous_period) == ("3,600", "2019/20")
    assert (str(f.first), f.first_when) == ("3,422", "in 2018/19")


def test_a_rise_in_something_bad_is_worse_in_words():
    f = facts(row(*Y18, 3422.0), row(*Y21, 4032.0))
    assert (f.direction, f.up_down, f.verdict) == ("rose", "up", "worse")
    assert str(f.change) == "610"
    assert f.pct_change == "18%"  # 610 / 3,422 = 17.8%


def test_shares_change_by_percentage_points_never_by_a_percent_change():
    f = facts(row(*Y18, 14.0, unit="percent"), row(*Y19, 20.0, unit="percent"))
    assert format(f.change, "long") == "6 percentage points"
    with pytest.raises(ValueError, match="percent change of a percentage misleads"):
        _ = f.pct_change


def test_projections_and_derived_figures_are_never_the_latest():
    f = facts(row(*Y18, 50.0, status="derived"), row(*Y19, 100.0), row(*Y31, 80.0, status="projected"))
    assert (str(f.latest), str(f.first)) == ("100", "100")
    assert (str(f.projected), f.projected_period, f.projected_direction) == ("80", "2031", "fall")
    assert f.projected_pct_change == "20%"
    with pytest.raises(MissingData, match="no previous published figure"):
        _ = f.previous


def test_undated_figures_sort_after_dated_ones_but_before_later_projections():
    frame = pd.DataFrame(
        [
            row("20 years later", None, None, 3.0, status="projected"),
            row("current", None, None, 2.0),
            row(*Y18, 1.5),
            row("20 years earlier", None, None, 1.0),
        ]
    )
    assert list(in_time_order(frame)["period"]) == ["20 years earlier", "2018/19", "current", "20 years later"]


def test_the_comparison_with_other_areas_names_each_with_its_value():
    f = facts(
        row("current", None, None, 8.3, unit="percent"),
        row("current", None, None, 12.0, unit="percent", area="L", role="region"),
        row("current", None, None, 13.9, unit="percent", area="N", role="national"),
    )
    assert f.compared == "lower than in London (12%) and nationally (13.9%)"
    mixed = facts(
        row("current", None, None, 13.0, unit="percent"),
        row("current", None, None, 12.0, unit="percent", area="L", role="region"),
        row("current", None, None, 13.9, unit="percent", area="N", role="national"),
    )
    assert mixed.compared == "higher than in London (12%) but lower than nationally (13.9%)"
    assert str(f.region.latest) == "12%" and f.region.area == "London"


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        ("lower_is_better", "higher (worse) than in London (12%) but lower (better) than nationally (13.9%)"),
        ("higher_is_better", "higher (better) than in London (12%) but lower (worse) than nationally (13.9%)"),
        ("neutral", "higher than in London (12%) but lower than nationally (13.9%)"),  # no verdict without one
        (None, "higher than in London (12%) but lower than nationally (13.9%)"),
    ],
)
def test_the_comparison_judged_by_polarity_says_which_side_is_better(polarity, expected):
    f = facts(
        row("current", None, None, 13.0, unit="percent", polarity=polarity),
        row("current", None, None, 12.0, unit="percent", area="L", role="region", polarity=polarity),
        row("current", None, None, 13.9, unit="percent", area="N", role="national", polarity=polarity),
    )
    assert f.compared_verdict == expected
    same = facts(
        row("current", None, None, 12.0, unit="percent"),
        row("current", None, None, 12.0, unit="percent", area="L", role="region"),
    )
    assert same.compared_verdict == "the same as in London (12%)"


def test_a_suppressed_latest_figure_is_compared_with_nothing():
    """A missing value is neither higher nor lower than another: it was once 'the same as in London'."""
    f = facts(
        row("current", None, None, float("nan"), status="suppressed", unit="percent"),
        row("current", None, None, 12.0, unit="percent", area="L", role="region"),
    )
    for name in ("compared", "compared_verdict"):
        with pytest.raises(MissingData, match="not published"):
            getattr(f, name)


def test_the_largest_figures_are_named_by_their_labels_largest_first_and_a_breakdown_by_its_name():
    frame = pd.DataFrame(
        [row(*Y18, v, breakdown=b) for v, b in [(5.0, "E"), (964.0, "Child"), (1344.0, "Parent"), (1186.0, "Abuse")]]
    )
    assert Facts(frame).largest == "parent (1,344), abuse (1,186) and child (964)"
    labelled = frame.assign(label=["e", "Mental health: the child", "Mental health: a parent", "Domestic abuse"])
    assert (
        Facts(labelled).largest
        == "mental health: a parent (1,344), domestic abuse (1,186) and mental health: the child (964)"
    )
    assert Facts(frame)["Child"].breakdown == "Child"


def test_a_gap_between_two_breakdowns_is_derived_and_widens_or_narrows():
    f = facts(
        row("2015-16", date(2015, 9, 1), date(2016, 8, 31), 39.7, breakdown="FSM", unit="score"),
        row("2015-16", date(2015, 9, 1), date(2016, 8, 31), 55.0, breakdown="rest", unit="score"),
        row("2019-20", date(2019, 9, 1), date(2020, 8, 31), 38.8, breakdown="FSM", unit="score"),
        row("2019-20", date(2019, 9, 1), date(2020, 8, 31), 56.4, breakdown="rest", unit="score"),
    )
    gap = f["FSM"].gap_to["rest"]
    assert (format(gap.first, "number"), format(gap.latest, "number"), gap.widened) == ("15.3", "17.6", "widened")
    with pytest.raises(MissingData, match="which breakdown"):
        _ = f.latest


def test_figures_format_as_written_or_bare():
    f = facts(
        row("2019", date(2019, 1, 1), date(2019, 12, 31), 4500.0, status="approximate", value_text="just over 4,500")
    )
    assert (str(f.latest), format(f.latest, "written"), format(f.latest, "number")) == (
        "just over 4,500",  # the strategy's side of the figure, never "about"
        "just over 4,500",
        "4,500",
    )


@pytest.mark.parametrize(
    ("change", "polarity", "verdict"),
    [(5, "higher_is_better", "better"), (-5, "higher_is_better", "worse"), (5, "lower_is_better", "worse"),
     (-5, "lower_is_better", "better"), (5, "neutral", "neither better nor worse"), (0, "lower_is_better", "neither better nor worse")],
)  # fmt: skip
def test_verdicts_by_sign_and_polarity(change, polarity, verdict):
    assert judge(change, polarity) == verdict


@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False))
def test_percent_words_round_to_a_whole_number_from_ten_and_never_carry_a_sign(change):
    words = percent_words(change)
    assert not words.startswith("-") and words.endswith("%")
    number = float(words.rstrip("%"))
    assert abs(number - abs(change)) <= (0.5 if abs(change) >= 9.95 else 0.05) + 1e-9


def test_village_and_services_in_words():
    village = pd.DataFrame({"group_id": ["a", "b", "c", "d"], "group": ["A", "B", "C", "D"], "count": [62, 30, 7, 1]})
    assert VillageFacts(village).largest == "62 A, 30 B and 7 C"
    assert VillageFacts(village, size=30).largest == "19 A, 9 B and 2 C"  # 18.6, 9, 2.1 and 0.3 by largest remainder
    assert VillageFacts(village.iloc[[2]]).group == "c" and VillageFacts(village).how_many == "four"
    services = pd.DataFrame(
        {"title": ["x", "y"], "value": [2.0, 15000.0], "value_text": ["2", "15,000+"], "breakdown": "money"}
    )
    assert (ServiceFacts(services).largest, ServiceFacts(services).life_area) == ("15,000+ y and 2 x", "Money")


def test_a_template_is_filled_from_the_data_and_an_unknown_name_is_a_bug():
    frame = pd.DataFrame([row(*Y18, 3422.0), row(*Y21, 4032.0)])
    context = FactsContext(frame, {"home": "Home"}, known=lambda name: name in {"x", "gone"})
    assert fill("{x.latest} {x.latest_when} in {home}, {x.direction} from {x.previous}", context) == (
        "4,032 in 2021/22 in Home, rose from 3,422"
    )
    with pytest.raises(MissingData, match="the figures of gone"):
        fill("{gone.latest}", context)
    with pytest.raises(TemplateError, match="neither an indicator nor a known word"):
        fill("{typo.latest}", context)
    with pytest.raises(AttributeError):
        fill("{x.lastest}", context)
