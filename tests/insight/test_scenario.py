"""The what-if scenario on inputs worked out by hand: flat at no change, times 1.1 a year at +10%, the published
projection's yearly change from the strategy's own two figures, every row labelled a scenario.

The figures are small frames written here (the scenario's arithmetic, not the tables' contents), so a hand
calculation is the oracle; one test runs on the project's tables and checks the projection against them.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from insight import scenario as sc
from insight.facts import MissingData

HOME = "E00000001"


def figure(indicator, period, value, status="observed", *, start=None, end=None, line=1):
    """One published figure for the home area, with the columns the scenario reads."""
    if start is None and "/" in period:
        year = int(period[:4])
        start, end = f"{year}-04-01", f"{year + 1}-03-31"
    elif start is None and period.isdigit():
        start, end = f"{period}-01-01", f"{period}-12-31"
    begin, finish = pd.Timestamp(start) if start else None, pd.Timestamp(end) if end else None
    return {
        "indicator_id": indicator,
        "title": indicator.replace("_", " ").capitalize(),
        "area_code": HOME,
        "breakdown": "all",
        "period": period,
        "period_type": "calendar_year" if period.isdigit() else "undated" if start is None else "financial_year",
        "period_start": begin,
        "period_end": finish,
        "x": begin + (finish - begin) / 2 if begin is not None else pd.NaT,
        "value": value,
        "lower": math.nan,
        "upper": value if status == "upper_bound" else math.nan,
        "unit": "count",
        "status": status,
        "source_kind": "strategy",
        "citation": "A publisher (2022)",
        "curated_file": "data/sources/test.csv",
        "curated_line": line,
    }


def figures(*extra) -> pd.DataFrame:
    """Children 1,000 in 2021 and 900 projected for 2031; referrals 100 in 2018/19 and 200 in 2021/22; plans 10
    in 2018/19; children in care 50 in 2024/25 and an undated bound."""
    rows = [
        figure("children", "2021", 1000.0),
        figure("children", "2031", 900.0, "projected"),
        figure("csc_referrals", "2018/19", 100.0),
        figure("csc_referrals", "2021/22", 200.0),
        figure("icpc_child_protection_plans", "2018/19", 10.0),
        figure("cla_31_march", "2024/25", 50.0),
        figure("children_in_care", "current", 60.0, "upper_bound"),
        *extra,
    ]
    return pd.DataFrame(rows)


def values(found: sc.Scenario, measure: str) -> dict[int, float]:
    rows = found.frame[found.frame["measure"] == measure]
    return dict(zip(rows["year"], rows["value"], strict=True))


def test_no_change_keeps_each_measure_flat_at_its_starting_point():
    found = sc.scenario(figures(), HOME, sc.Assumptions(0.0, 0.0, published_projection=False))
    assert list(values(found, "children").values()) == pytest.approx([1000.0] * 10)
    assert list(values(found, "referrals").values()) == pytest.approx([200.0] * 10)
    assert list(values(found, "care").values()) == pytest.approx([50.0] * 7)
    # Plans follow referrals: 10 in 2018/19, when referrals were 100; referrals are 200 from 2021/22 on.
    assert list(values(found, "plans").values()) == pytest.approx([10.0 * 200 / 100] * 10)


def test_ten_percent_more_children_a_year_at_the_same_rate_multiplies_referrals_by_1_1_a_year():
    found = sc.scenario(figures(), HOME, sc.Assumptions(10.0, 0.0, published_projection=False))
    referrals = values(found, "referrals")
    assert sorted(referrals) == list(range(2022, 2032))  # the year after the newest figure, to the projection's
    assert referrals[2022] == pytest.approx(220.0)
    assert referrals[2023] == pytest.approx(242.0)
    assert referrals[2031] == pytest.approx(200.0 * 1.1**10)
    assert values(found, "children")[2022] == pytest.approx(1100.0)
    care = values(found, "care")
    assert sorted(care) == list(range(2025, 2032))  # from its own newest figure, 2024/25
    assert care[2025] == pytest.approx(55.0)


def test_the_two_changes_multiply():
    found = sc.scenario(figures(), HOME, sc.Assumptions(10.0, -10.0, published_projection=False))
    assert values(found, "referrals")[2022] == pytest.approx(200.0 * 1.1 * 0.9)
    assert values(found, "children")[2022] == pytest.approx(1100.0)


def test_the_published_projection_is_the_compound_change_between_the_strategys_two_figures():
    found = sc.scenario(figures(), HOME, sc.Assumptions(5.0, 0.0, published_projection=True))
    yearly = (900 / 1000) ** (1 / 10) - 1
    assert found.children_change == pytest.approx(yearly * 100)
    assert values(found, "children")[2031] == pytest.approx(900.0)  # it lands on the projection
    assert values(found, "referrals")[2031] == pytest.approx(200.0 * 900 / 1000)
    assert found.end_year == 2031


def test_the_projection_on_the_projects_own_tables(project_tables):
    from definitions.sources import Sources

    sources = Sources.load()
    rows = sources.figures(sc.INDICATORS, [sources.areas.home])
    children = rows[(rows["indicator_id"] == "children") & (rows["breakdown"] == "all")]
    counted = children[children["status"] == "observed"].sort_values("period_start").iloc[-1]
    ahead = children[(children["status"] == "projected") & (children["period_start"] > counted["period_start"])]
    ahead = ahead.sort_values("period_start").iloc[0]
    years = ahead["period_start"].year - counted["period_start"].year
    found = sc.scenario(rows, sources.areas.home, sc.Assumptions())
    assert found.children_change == pytest.approx(((ahead["value"] / counted["value"]) ** (1 / years) - 1) * 100)
    assert found.end_year == ahead["period_start"].year


def test_every_row_is_labelled_a_scenario_with_its_assumptions():
    found = sc.scenario(figures(), HOME, sc.Assumptions(1.5, -2.0, published_projection=False))
    frame = sc.download(found)
    assert set(frame["status"]) == {"scenario"} and set(frame["source_kind"]) == {"scenario"}
    assert set(frame["scenario"]) == {"Scenario: children +1.5% a year, referral rate -2% a year"}
    assert set(frame["assumptions"]) == {" ".join(found.words)}
    assert set(frame["children_change_pct_a_year"]) == {1.5} and set(frame["referral_rate_change_pct_a_year"]) == {-2.0}


def test_the_download_counts_children_whole_as_the_table_does():
    """351.6 children is not a figure anyone reads: the CSV's values are the table's, whole."""
    found = sc.scenario(figures(), HOME, sc.Assumptions(1.5, -2.0, published_projection=False))
    frame, table = sc.download(found), sc.table(found)
    assert frame["value"].dtype.kind == "i"
    assert (found.frame["value"] % 1 != 0).any(), "the model's own values are not whole: the test would not see it"
    for measure in sc.MEASURES:
        shown = [v for v in table[f"{measure.title} (scenario)"] if v]
        assert [f"{v:,}" for v in frame.loc[frame["measure"] == measure.key, "value"]] == shown


def test_the_words_name_each_starting_figure_the_assumption_and_what_is_not_used():
    found = sc.scenario(figures(), HOME, sc.Assumptions(0.0, 0.0, published_projection=False))
    text = " ".join(found.words)
    assert "not a published figure" in text
    assert "200 in 2021/22" in text and "10 icpc child protection plans in 2018/19" in text
    assert "50 cla 31 march in 2024/25" in text
    assert "in proportion to referrals" in text
    assert "under 60" in text  # the undated bound, not used


def test_the_table_writes_whole_numbers_as_people_read_them():
    found = sc.scenario(figures(), HOME, sc.Assumptions(10.0, 0.0, published_projection=False))
    table = sc.table(found)
    assert list(table["Year"])[:2] == ["2022", "2023"] and list(table["Financial year"])[:2] == ["2022/23", "2023/24"]
    assert list(table["Children (scenario)"])[:2] == ["1,100", "1,210"]
    assert table["Children in care (scenario)"].iloc[0] == ""  # no scenario before its own newest figure


def test_the_newest_figure_starts_the_path_and_an_undated_newer_one_does_not():
    undated = figure("icpc_child_protection_plans", "not stated", 41.0, start=None)
    undated.update(period_start=None, period_end=None, x=pd.NaT)
    found = sc.scenario(figures(undated), HOME, sc.Assumptions(0.0, 0.0, published_projection=False))
    assert found.baselines["plans"].value == 10.0 and found.baselines["plans"].period == "2018/19"
    assert any("41" in sentence for sentence in found.words if sentence.startswith("Not used"))


def test_missing_figures_are_missing_data_not_a_crash():
    with pytest.raises(MissingData):
        sc.scenario(figures().query("indicator_id != 'cla_31_march'"), HOME, sc.Assumptions())
    with pytest.raises(MissingData):
        sc.scenario(figures().query("status != 'projected'"), HOME, sc.Assumptions())


@pytest.mark.parametrize(("value", "text"), [(0.0, "+0%"), (1.5, "+1.5%"), (-0.9114, "-0.91%"), (10, "+10%")])
def test_percent(value, text):
    assert sc.percent(value) == text
