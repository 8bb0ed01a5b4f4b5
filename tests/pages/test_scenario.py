"""What if (pages/scenario.py): the inputs set the scenario the chart and table show, live in the link and reopen
it; a bad value in a link is named in a warning and the default used; the CSV's rows are all labelled a scenario.

Expected numbers are worked from the tables' own figures (insight.scenario's baselines), never typed here.
"""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.testing.v1 import AppTest

from charts.scenario import PUBLISHED_NAME, SCENARIO_NAME
from insight import scenario as sc
from loaders.paths import ROOT
from tests.pages.conftest import assert_clean, chart, open_page, unescape, values

PAGE = "pages/scenario.py"


def open_link(**params) -> AppTest:
    """Open the page from a shared link with a query string."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(PAGE).run()


def starting_points() -> dict[str, sc.Baseline]:
    from definitions.sources import Sources

    sources = Sources.load()
    return sc.baselines(sources.figures(sc.INDICATORS, [sources.areas.home]), sources.areas.home)


def scenario_traces(at: AppTest) -> list[dict]:
    return [t for t in chart(at, "scenario-chart")["data"] if t.get("name") == SCENARIO_NAME]


def test_opens_with_the_published_projection_labelled_a_scenario_everywhere():
    at = open_page(PAGE)
    assert_clean(at)
    assert not at.warning
    assert dict(at.query_params) == {"projection": "yes", "children": "0", "rate": "0"}
    spec = chart(at, "scenario-chart")
    names = {t.get("name") for t in spec["data"]}
    assert {SCENARIO_NAME, PUBLISHED_NAME} <= names
    assert all(t["line"]["dash"] == "dash" for t in scenario_traces(at))
    assert all(t["line"]["dash"] == "solid" for t in spec["data"] if t.get("name") == PUBLISHED_NAME)
    assert unescape(at.subheader[0].value).startswith("Scenario: children")
    table = at.dataframe[0].value
    assert [c for c in table if c not in ("Year", "Financial year")] == [f"{m.title} (scenario)" for m in sc.MEASURES]
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("scenario" in label and "(CSV)" in label for label in labels)
    assert any("scenario" in label and "PNG" in label for label in labels)


def test_setting_the_inputs_changes_the_chart_the_table_and_the_link():
    at = open_page(PAGE)
    at.toggle(key="scenario_projection").set_value(False).run()
    at.number_input(key="scenario_children").set_value(10.0).run()
    at.number_input(key="scenario_rate").set_value(0.0).run()
    assert_clean(at)
    assert dict(at.query_params) == {"projection": "no", "children": "10", "rate": "0"}
    referrals = starting_points()["referrals"]
    drawn = next(t for t in scenario_traces(at) if t.get("yaxis") == "y2")  # the second panel: referrals
    ys = values(drawn["y"])
    assert ys[0] == referrals.value  # leaves the newest published figure
    assert ys[1:] == pytest.approx([referrals.value * 1.1**k for k in range(1, len(ys))])
    table = at.dataframe[0].value
    column = "Referrals to children's social care (scenario)"
    assert table[column].iloc[0] == f"{referrals.value * 1.1:,.0f}"
    assert unescape(at.subheader[0].value) == "Scenario: children +10% a year, referral rate +0% a year"


def test_a_link_reopens_the_same_scenario():
    at = open_link(projection="no", children="-1.5", rate="2")
    assert_clean(at)
    assert not at.warning
    assert at.toggle(key="scenario_projection").value is False
    assert at.number_input(key="scenario_children").value == -1.5
    assert at.number_input(key="scenario_rate").value == 2.0
    referrals = starting_points()["referrals"]
    first = at.dataframe[0].value["Referrals to children's social care (scenario)"].iloc[0]
    assert first == f"{referrals.value * 0.985 * 1.02:,.0f}"


@pytest.mark.parametrize(
    ("params", "named"),
    [({"rate": "lots"}, "lots"), ({"children": "99", "projection": "no"}, "99"), ({"projection": "maybe"}, "maybe")],
)
def test_an_invalid_value_in_a_link_is_named_in_a_warning_and_the_default_used(params, named):
    at = open_link(**params)
    assert_clean(at)
    assert len(at.warning) == 1 and named in unescape(at.warning[0].value)
    for name, default in (("children", "0"), ("rate", "0")):
        if name in params:
            assert at.query_params[name] == default
    if "projection" in params and params["projection"] not in ("yes", "no"):
        assert at.query_params["projection"] == "yes"


def test_the_csv_download_rows_are_all_labelled_a_scenario_with_its_assumptions(stored_files):
    stored = stored_files
    at = open_link(projection="no", children="1", rate="-1")
    assert_clean(at)
    rows = list(csv.DictReader(io.StringIO(stored["scenario.csv"].decode("utf-8"), newline="")))
    assert rows
    assert {r["status"] for r in rows} == {"scenario"} and {r["source_kind"] for r in rows} == {"scenario"}
    assert {r["scenario"] for r in rows} == {"Scenario: children +1% a year, referral rate -1% a year"}
    assert all("in proportion to referrals" in r["assumptions"] for r in rows)
    assert {r["measure"] for r in rows} == {m.key for m in sc.MEASURES}
