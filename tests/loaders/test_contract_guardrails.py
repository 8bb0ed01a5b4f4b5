"""Guardrails over the whole data tree: definitions, units, statuses and comparators as the contract promises."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def indicators(project_tables) -> pd.DataFrame:
    return pd.read_parquet(project_tables.tables / "indicators.parquet")


@pytest.fixture(scope="module")
def observations(project_tables) -> pd.DataFrame:
    return pd.read_parquet(project_tables.tables / "observations")


def test_every_indicator_has_a_plain_english_definition(indicators):
    short = indicators.loc[indicators["definition"].str.len() < 40, "indicator_id"].tolist()
    same_as_title = indicators.loc[indicators["definition"] == indicators["title"], "indicator_id"].tolist()
    assert not short and not same_as_title
    assert len(indicators) == 84


def test_every_indicator_has_at_least_one_figure(indicators):
    assert indicators.loc[indicators["observations"] == 0, "indicator_id"].tolist() == []


def test_each_indicator_has_one_unit_and_one_theme(observations, indicators):
    per_indicator = observations.groupby("indicator_id")[["unit", "theme"]].nunique()
    assert (per_indicator == 1).all().all()
    joined = observations.merge(indicators, on="indicator_id", suffixes=("", "_declared"))
    assert (joined["unit"] == joined["unit_declared"]).all()


def test_status_counts_match_the_text(observations):
    counts = observations["status"].value_counts().to_dict()
    # Counted from the curated files: "around", "approximately", "just over", "almost", "nearly" -> approximate;
    # "more than", "over" -> lower_bound; "under" -> upper_bound; "between" -> range; "expected" -> projected.
    assert counts == {
        "observed": 127,
        "projected": 23,
        "approximate": 6,
        "lower_bound": 4,
        "derived": 2,
        "range": 2,
        "upper_bound": 2,
        "estimate": 1,
    }


def test_ranges_and_bounds_carry_their_ends(observations):
    ranges = observations[observations["status"] == "range"].set_index("indicator_id")
    assert ranges.loc["children_in_need", ["lower", "upper"]].tolist() == [800, 950]
    assert ranges.loc["children_on_protection_plan", ["lower", "upper"]].tolist() == [250, 300]
    assert ranges["value"].isna().all()
    care = observations[observations["indicator_id"] == "children_in_care"].iloc[0]
    assert (care["status"], care["value"], care["upper"]) == ("upper_bound", 350, 350)


def test_comparators_are_rows_with_their_own_area(observations):
    earnings = observations[observations["indicator_id"] == "weekly_earnings"].set_index("area_name")["value"]
    assert earnings.to_dict() == {"Bromley": 787, "London": 728, "National (geography not stated)": 613}
    a8 = observations[(observations["indicator_id"] == "attainment8") & (observations["period"] == "2019")]
    assert a8.set_index("area_code")["value"].to_dict() == {"E09000006": 50.8, "E92000001": 44.7}


def test_projections_are_marked_projected(observations):
    future = observations[observations["period"].isin(["2031", "2041"])]
    # residents, children and the children's share in 2031 and 2041; the minority ethnic shares in 2041.
    assert len(future) == 8
    assert (future["status"] == "projected").all()


def test_periods_become_dates(observations):
    fy = observations[observations["period"] == "2019/20"].iloc[0]
    assert (str(fy["period_start"]), str(fy["period_end"])) == ("2019-04-01", "2020-03-31")
    pooled = observations[observations["period"] == "2018-20"].iloc[0]
    assert (str(pooled["period_start"]), str(pooled["period_end"])) == ("2018-01-01", "2020-12-31")
    undated = observations[observations["period_type"] == "undated"]
    assert undated["period_start"].isna().all() and len(undated) > 0


def test_the_village_adds_up_to_100_children(project_tables):
    village = pd.read_parquet(project_tables.tables / "village.parquet")
    ethnic = village[village["group_type"] == "ethnicity"]
    assert len(ethnic) == 14 and ethnic["count"].sum() == 100
    assert ethnic.set_index("group")["count"].head(3).to_dict() == {
        "White British": 62,
        "Black African": 8,
        "White other": 7,
    }
    characteristics = village[village["group_type"] == "characteristic"].set_index("group_id")["count"]
    assert characteristics.to_dict() == {
        "low_income": 13,
        "free_school_meals": 11,
        "sen_support": 11,
        "workless_household": 8,
        "mental_health_support": 3,
    }


def test_data_quality_records_the_known_conflicts(project_tables):
    quality = pd.read_parquet(project_tables.tables / "data_quality.parquet").set_index("issue_id")
    assert quality.loc["children_2021_two_totals", "values"] == "73,200; 73,400"
    assert quality.loc["attainment8_written_as_percent", "values"] == "39.7%; 38.8%; 55%; 56.4%"
    assert "8%" in quality.loc["percentage_points_written_as_percent", "values"].split("; ")
    assert quality["kind"].value_counts().to_dict() == {
        "figure_lost": 5,
        "arithmetic": 5,
        "conflicting_values": 3,
        "unit_as_written": 2,
        "unit_not_stated": 2,
        "period_not_stated": 2,
        "geography_not_stated": 1,
    }
