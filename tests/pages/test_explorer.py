"""Explore any figure: the view comes from the link and goes back into it; the chart draws the curated figures;
the changes table works them out; an unknown indicator or area in a link is named, never a traceback.

Expected figures are read from the curated files (data/sources/*.csv, with the csv module).
"""

from __future__ import annotations

import csv
import re

import pytest
from streamlit.testing.v1 import AppTest

from insight.explore import rows_drawn
from loaders.paths import ROOT
from tests.pages.conftest import assert_clean, chart, unescape, values

PAGE = "pages/explorer.py"


def curated(indicator: str, area: str) -> dict[str, float]:
    """The curated figures of an indicator in an area: period -> value."""
    found = {}
    for path in sorted((ROOT / "data" / "sources").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                wanted = row.get("indicator_id") == indicator and row.get("area_code") == area
                if wanted and row.get("value") and row.get("breakdown", "all") in ("all", ""):
                    found[row["period"]] = float(row["value"])
    return found


def home() -> str:
    with (ROOT / "data" / "metadata" / "areas.csv").open(encoding="utf-8", newline="") as file:
        return next(row["area_code"] for row in csv.DictReader(file) if row["role"] == "home")


def open_link(**params) -> AppTest:
    """The page opened from a link, as in a fresh browser."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(PAGE).run()


def lines(at: AppTest) -> dict[str, list]:
    """Each legend name's y values in time order, its traces joined (the projected line repeats the last observed
    point it starts from: once here)."""
    found: dict[str, dict] = {}
    for trace in chart(at, "explorer-chart")["data"]:
        points = found.setdefault(trace["name"].replace("<br>", " "), {})
        points.update(zip(values(trace["x"]), values(trace["y"]), strict=True))
    return {name: [points[x] for x in sorted(points)] for name, points in found.items()}


@pytest.fixture(scope="module")
def referrals() -> AppTest:
    return open_link(ind="csc_referrals", areas=home())


def test_a_link_opens_its_indicator_and_area_with_the_curated_figures(referrals):
    assert_clean(referrals)
    expected = curated("csc_referrals", home())
    drawn = lines(referrals)
    assert drawn["Bromley"] == [expected[p] for p in sorted(expected)]  # 2018/19, 2021/22 sort as years
    assert drawn["The strategy's own figures"] == drawn["Bromley"]
    assert referrals.multiselect(key="ind").value == ["csc_referrals"]
    assert referrals.query_params["areas"] == home()


def test_the_changes_table_works_out_the_change_between_the_first_and_last_period(referrals):
    expected = curated("csc_referrals", home())
    first, last = sorted(expected)
    table = referrals.dataframe[0].value
    (row,) = table.to_dict("records")
    difference = expected[last] - expected[first]
    assert row["Change"] == f"+{difference:,.0f}"
    assert row["Percent change"] == f"+{difference / expected[first] * 100:.1f}%"
    assert row["Compound annual growth"].startswith(
        f"+{((expected[last] / expected[first]) ** (1 / 3) - 1) * 100:.2f}%"
    )


def test_choices_made_on_the_page_go_into_the_link():
    at = open_link(ind="csc_referrals", areas=home())
    at.multiselect(key="ind").set_value(["csc_referrals", "children"]).run()
    at.toggle(key="log").set_value(True).run()
    assert_clean(at)
    assert at.query_params["ind"] == "csc_referrals,children"
    assert at.query_params["log"] == "1"
    assert chart(at, "explorer-chart")["layout"]["yaxis"]["type"] == "log"
    again = open_link(**{key: at.query_params[key] for key in at.query_params})  # the link, in a fresh session
    assert lines(again) == lines(at)


def test_indexing_puts_every_series_at_a_hundred_in_the_base_period():
    at = open_link(ind="children", areas=home(), base="2021")
    assert_clean(at)
    expected = curated("children", home())
    shown = lines(at)["Bromley"]
    assert shown == pytest.approx([expected[p] / expected["2021"] * 100 for p in sorted(expected)])
    assert chart(at, "explorer-chart")["layout"]["yaxis"]["title"]["text"] == "index, 2021 = 100"


def test_unknown_indicators_and_areas_in_a_link_are_named_and_the_rest_shown():
    at = open_link(ind="csc_referrals,no_such_thing", areas=f"{home()},E99999999")
    assert not at.exception
    warnings = [unescape(w.value) for w in at.warning]
    assert "Not in the data, so left out of the link's indicators: “no_such_thing”." in warnings
    assert "Not in the data, so left out of the link's areas: “E99999999”." in warnings
    assert lines(at)["Bromley"]


def test_undated_figures_are_drawn_as_bars_not_an_error():
    at = open_link(ind="children_in_care", areas=home())
    assert_clean(at)
    bars = [t for t in chart(at, "explorer-chart")["data"] if t["type"] == "bar"]
    assert [list(t["text"]) for t in bars] == [["under 350"]]


def test_the_search_finds_whole_words_and_keeps_the_picked_indicators():
    at = open_link(ind="csc_referrals", find="care")
    offered = at.multiselect(key="ind").options
    with (ROOT / "data" / "metadata" / "indicators.csv").open(encoding="utf-8", newline="") as file:
        titles = {row["title"]: row for row in csv.DictReader(file)}
    for title in offered:
        if title in titles and title != "Referrals to children's social care":
            row = titles[title]
            text = " ".join([row["title"], row["definition"], row["topic"], row["theme"].replace("_", " ")])
            assert re.search(r"\bcare\b", text, re.IGNORECASE), title
    assert "Referrals to children's social care" in offered  # picked before the search: kept


def test_the_rows_drawn_carry_their_provenance_and_filled_years_say_how():
    at = open_link(ind="children", areas=home(), fill="1")
    assert_clean(at)
    drawn = lines(at)
    filled = drawn["Bromley: years in between"]
    assert filled and all(min(drawn["Bromley"]) <= v <= max(drawn["Bromley"]) for v in filled)
    from definitions.sources import Sources
    from insight.explore import Options, narrow, prepare, with_names
    from loaders.tables import read_observations

    frame = with_names(narrow(Sources.load().figures(["children"], [home()])))
    rows, _ = prepare(frame, Options(fill=True))
    table = rows_drawn(rows)
    published = table[table["status"] != "interpolated"]
    assert published["quote"].notna().all() and published["curated_line"].notna().all()
    interpolated = table[table["status"] == "interpolated"]
    assert len(interpolated) == len(filled)
    assert interpolated["quote"].isna().all() and interpolated["formula"].str.contains("straight").all()
    assert read_observations(indicators=["children"], areas=[home()])["status"].ne("interpolated").all()


RATE = "cla_rate_31_march"  # every authority's rate, in five years of releases
MODEL = ROOT / "data" / "releases" / "dfe_statistical_neighbours_2025" / "sn_model_2025_wide.csv"


def model_neighbours() -> list[str]:
    """The home area's ten statistical neighbours by name, nearest first, as the DfE's model file ships them."""
    with (ROOT / "data" / "metadata" / "areas.csv").open(encoding="utf-8", newline="") as file:
        name = next(row["area_name"] for row in csv.DictReader(file) if row["role"] == "home")
    with MODEL.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    name_of = {row["old_la_code"]: row["la_name"] for row in rows}
    (mine,) = [row for row in rows if row["la_name"] == name]
    return [name_of[mine[f"SN_{n}"]] for n in range(1, 11)]


@pytest.fixture(scope="module")
def neighbours_page() -> AppTest:
    return open_link(ind=RATE, areas=f"{home()},neighbours")


def test_the_statistical_neighbours_are_one_pick_among_the_areas(neighbours_page):
    assert_clean(neighbours_page)
    areas = neighbours_page.multiselect(key="areas")
    assert areas.value == [home(), "neighbours"]  # one pick, kept as one in the link
    assert neighbours_page.query_params["areas"] == f"{home()},neighbours"
    assert "Bromley's 10 statistical neighbours" in areas.options
    assert areas.options.index("Bromley's 10 statistical neighbours") < areas.options.index(
        "Barking and Dagenham (E09000002)"
    )  # offered after the home area and its comparators, before the authorities


def test_choosing_the_neighbours_draws_each_of_the_ten_authorities_at_its_figures(neighbours_page):
    from loaders.tables import read_observations, read_table

    table = read_table("statistical_neighbours")
    codes = list(table[table["area_code"] == home()].sort_values("rank")["neighbour_code"])
    names = dict(zip(read_table("areas")["area_code"], read_table("areas")["area_name"], strict=True))
    assert [names[code] for code in codes] == model_neighbours()  # the model's ten, nearest first
    frame = read_observations(indicators=[RATE], areas=codes)
    frame = frame[(frame["breakdown"] == "all") & frame["value"].notna()].sort_values("period_start")
    expected = {names[code]: rows["value"].tolist() for code, rows in frame.groupby("area_code")}
    spec = chart(neighbours_page, "explorer-chart")
    members = [t for t in spec["data"] if t.get("legendgroup") == "Bromley's statistical neighbours"]
    drawn = {t["name"]: values(t["y"]) for t in members if t["name"] != "Bromley's statistical neighbours"}
    assert drawn == expected
    assert sorted(drawn) == sorted(model_neighbours())  # all ten, each with figures in this release
    # One legend entry for the ten, grey open circles; the home area keeps its own colour and a legend entry.
    legend = [t["name"] for t in spec["data"] if t.get("showlegend") is not False]
    assert legend == ["Bromley", "Bromley's statistical neighbours"]
    assert {t["marker"]["symbol"] for t in members} == {"circle-open"}
    assert lines(neighbours_page)["Bromley"] == curated_or_release(RATE)
    # The changes table names every authority drawn, the home area first.
    table = neighbours_page.dataframe[0].value
    assert table["Series"].tolist() == ["Bromley", *[name for name in model_neighbours() if name in drawn]]


def curated_or_release(indicator: str) -> list[float]:
    from loaders.tables import read_observations

    frame = read_observations(indicators=[indicator], areas=[home()])
    frame = frame[(frame["breakdown"] == "all") & frame["value"].notna()].sort_values("period_start")
    return frame["value"].tolist()


def test_the_neighbours_pick_reopens_from_the_link_in_a_fresh_session(neighbours_page):
    again = open_link(**{key: neighbours_page.query_params[key] for key in neighbours_page.query_params})
    assert_clean(again)
    assert again.multiselect(key="areas").value == [home(), "neighbours"]
    assert chart(again, "explorer-chart")["data"] == chart(neighbours_page, "explorer-chart")["data"]
    again.multiselect(key="areas").set_value([home()]).run()  # unpicked: the ten go with it
    assert again.query_params["areas"] == home()
    assert set(lines(again)) == {"Bromley"}
