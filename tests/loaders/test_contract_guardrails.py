"""Guardrails over the whole data tree: definitions, units, statuses and comparators as the contract promises."""

from __future__ import annotations

import json
import re
from collections import Counter

import pandas as pd
import pyarrow.parquet as pq
import pytest

from loaders.store.tables import read_observations, read_table
from tests.loaders import curated, shipped


@pytest.fixture(scope="module")
def indicators(project_tables) -> pd.DataFrame:
    return pd.read_parquet(project_tables.tables / "indicators.parquet")


@pytest.fixture(scope="module")
def observations(project_tables) -> pd.DataFrame:
    """The strategy's own figures (the published releases' are tested in tests/loaders/test_releases.py)."""
    return read_observations(project_tables, kinds=["strategy"])


def test_every_indicator_has_a_plain_english_definition(indicators, project_tables):
    short = indicators.loc[indicators["definition"].str.len() < 40, "indicator_id"].tolist()
    same_as_title = indicators.loc[indicators["definition"] == indicators["title"], "indicator_id"].tolist()
    assert not short and not same_as_title
    kinds = indicators["source_kind"].value_counts().to_dict()
    assert kinds == {
        "strategy": len(curated.rows(project_tables, "indicators")),
        "release": len(shipped.indicators(project_tables)),  # every measure of every release, and every declared one
    }


def test_every_indicator_has_at_least_one_figure(indicators):
    assert indicators.loc[indicators["observations"] == 0, "indicator_id"].tolist() == []


def test_each_indicator_has_one_unit_and_one_theme(observations, indicators):
    per_indicator = observations.groupby("indicator_id")[["unit", "theme"]].nunique()
    assert (per_indicator == 1).all().all()
    joined = observations.merge(indicators, on="indicator_id", suffixes=("", "_declared"))
    assert (joined["unit"] == joined["unit_declared"]).all()


def test_status_counts_match_the_text(observations, project_tables):
    # Each status as the curated files give it: "around", "approximately", "just over", "almost", "nearly" ->
    # approximate; "more than", "over" -> lower_bound; "under" -> upper_bound; "between" -> range; "expected" ->
    # projected. The build keeps every one.
    assert observations["status"].value_counts().to_dict() == curated.statuses(project_tables)


def test_ranges_and_bounds_carry_their_ends(observations):
    ranges = observations[observations["status"] == "range"].set_index(["indicator_id", "period"])
    assert ranges.loc[("children_in_need", "past 2 years"), ["lower", "upper"]].tolist() == [800, 950]
    assert ranges.loc[("children_on_protection_plan", "current"), ["lower", "upper"]].tolist() == [250, 300]
    assert ranges["value"].isna().all()
    assert (ranges["lower"] < ranges["upper"]).all()
    care = observations[(observations["indicator_id"] == "children_in_care") & (observations["period"] == "current")]
    assert care[["status", "value", "upper"]].values.tolist() == [["upper_bound", 350, 350]]
    bounds = observations[observations["status"].isin(["upper_bound", "lower_bound"])]
    ends = bounds["upper"].where(bounds["status"] == "upper_bound", bounds["lower"])
    assert (ends == bounds["value"]).all(), "a bound's value is also its end"


def test_comparators_are_rows_with_their_own_area(observations):
    # Published comparators (more may be added; these must stay as published).
    earnings = observations[observations["indicator_id"] == "weekly_earnings"].set_index("area_name")["value"]
    assert earnings.to_dict().items() >= {"Bromley": 787, "London": 728, "National (geography not stated)": 613}.items()
    a8 = observations[(observations["indicator_id"] == "attainment8") & (observations["period"] == "2019")]
    assert a8.set_index("area_code")["value"].to_dict().items() >= {"E09000006": 50.8, "E92000001": 44.7}.items()


def test_projections_are_marked_projected(observations, project_tables):
    future_years = ["2031", "2041"]  # after the strategy was written
    future = observations[observations["period"].isin(future_years)]
    # residents, children and the children's share in 2031 and 2041; the minority ethnic shares in 2041; ...
    assert len(future) == sum(row["period"] in future_years for row in curated.observations(project_tables))
    assert len(future) >= 8
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
    curated_ethnic = [row for row in curated.rows(project_tables, "village") if row["group_type"] == "ethnicity"]
    assert len(ethnic) == len(curated_ethnic) and ethnic["count"].sum() == 100
    assert ethnic.set_index("group")["count"].head(3).to_dict() == {
        "White British": 62,
        "Black African": 8,
        "White other": 7,
    }
    characteristics = village[village["group_type"] == "characteristic"].set_index("group_id")["count"]
    assert (
        characteristics.to_dict().items()
        >= {
            "low_income": 13,
            "free_school_meals": 11,
            "sen_support": 11,
            "workless_household": 8,
            "mental_health_support": 3,
        }.items()
    )


def test_data_quality_records_the_known_conflicts(project_tables):
    quality = pd.read_parquet(project_tables.tables / "data_quality.parquet").set_index("issue_id")
    assert quality.loc["children_2021_two_totals", "values"] == "73,200; 73,400"
    assert quality.loc["attainment8_written_as_percent", "values"] == "39.7%; 38.8%; 55%; 56.4%"
    assert "8%" in quality.loc["percentage_points_written_as_percent", "values"].split("; ")
    # Every curated issue, one more for each check of the text's arithmetic that does not add up, and one for each
    # linked pair of figures the strategy and a release give differently for one period (counted in curated.py).
    expected = Counter(row["kind"] for row in curated.rows(project_tables, "data_quality"))
    checks = pd.read_parquet(project_tables.tables / "arithmetic_checks.parquet")
    expected["arithmetic"] += int((~checks["consistent"]).sum())
    disagreements = curated.disagreements(project_tables)
    expected["sources_disagree"] += len(disagreements)
    assert quality["kind"].value_counts().to_dict() == dict(expected)
    assert quality.loc["arithmetic_caf_2018_2022", "values"] == "21%; 709; 588"
    noted = quality[quality["kind"] == "sources_disagree"]
    assert set(noted.index) == {f"sources_disagree_{i}_{p}".replace("/", "_") for i, p in disagreements}
    # The one the link itself names: re-referrals in 2019/20, the strategy's 20% where the DfE publishes 21.3%.
    assert noted.loc["sources_disagree_cin_rereferrals_share_2019_20", "values"] == "20%; 21.3%"


def test_one_area_is_home_and_each_role_is_held_once(project_tables):
    """The home area and the comparators' roles are data (data/metadata/areas.csv), carried into the areas table."""
    schema = json.loads((project_tables.schemas / "areas.json").read_text(encoding="utf-8"))
    roles = next(f for f in schema["fields"] if f["name"] == "role")["constraints"]["enum"]
    areas = read_table("areas", project_tables)
    roled = areas.dropna(subset=["role"])  # the areas the published files add have no role
    assert roled["role"].isin(roles).all() and roled["role"].is_unique
    assert (areas["role"] == "home").sum() == 1
    assert areas["is_comparator"].tolist() == (areas["role"] != "home").tolist()
    by_code = dict(zip(roled["area_code"], roled["role"], strict=True))
    assert by_code == {row["area_code"]: row["role"] for row in curated.rows(project_tables, "areas") if row["role"]}
    assert by_code.items() >= {"E09000006": "home", "E12000007": "region", "E92000001": "country"}.items()
    described = pq.read_schema(project_tables.tables / "areas.parquet").field("role").metadata[b"description"].decode()
    undescribed = [role for role in roles if not re.search(rf"\b{role}\b", described)]
    assert undescribed == [], "the role column says what each role means"
