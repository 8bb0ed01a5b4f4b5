"""Explore any figure: the view comes from the link and goes back into it; the chart draws the curated figures;
the changes table works them out; an unknown indicator or area in a link is named, never a traceback.

Expected figures are read from the curated files (data/sources/*.csv, with the csv module).
"""

from __future__ import annotations

import csv
import re

import pytest
from streamlit.testing.v1 import AppTest

from insight.areas import HOME_ROLE
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
        return next(row["area_code"] for row in csv.DictReader(file) if row["role"] == HOME_ROLE)


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
    from loaders.store.tables import read_observations

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
        name = next(row["area_name"] for row in csv.DictReader(file) if row["role"] == HOME_ROLE)
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
    from loaders.store.tables import read_observations, read_table

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
    from loaders.store.tables import read_observations

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


# ---- the view a page opens on, the areas' words, the time axis, the image's title ---------------------------------

GSS = re.compile(r"[EWSNK]\d{8}( / [EWSNK]\d{8})*")  # a real GSS code (two for an area merged from two)


def areas_by_role() -> dict[str, dict]:
    with (ROOT / "data" / "metadata" / "areas.csv").open(encoding="utf-8", newline="") as file:
        return {row["role"]: row for row in csv.DictReader(file) if row["role"]}


def opening_rate() -> str:
    """The overview's rates declared to have every authority's figures (its cards' `spine`), the one whose newest
    figure for the home area is newest (the first declared on a tie), from the built tables."""
    from definitions.overview import DEFINITIONS
    from loaders.store.tables import read_observations

    declared = [card.spine for card in DEFINITIONS if getattr(card, "spine", None)]
    frame = read_observations(indicators=declared, areas=[home()])
    frame = frame[(frame["breakdown"] == "all") & frame["value"].notna()]
    newest = frame.groupby("indicator_id")["period_end"].max()
    return max((i for i in declared if i in newest), key=lambda i: (newest[i], -declared.index(i)))


@pytest.fixture(scope="module")
def opened() -> AppTest:
    """The page as a link without a view opens it."""
    return open_link()


def test_the_page_opens_on_a_headline_rate_for_the_home_area_beside_london_england_and_its_neighbours(opened):
    assert_clean(opened)
    assert not opened.info  # no "Pick at least one indicator"
    rate, roles = opening_rate(), areas_by_role()
    assert opened.multiselect(key="ind").value == [rate]
    assert opened.multiselect(key="areas").value == [
        roles[HOME_ROLE]["area_code"], roles["region"]["area_code"], roles["country"]["area_code"], "neighbours",
    ]  # fmt: skip
    assert opened.query_params["ind"] == rate  # the link carries the view it opened on
    from loaders.store.tables import read_observations

    frame = read_observations(
        indicators=[rate], areas=[roles[r]["area_code"] for r in (HOME_ROLE, "region", "country")]
    )
    frame = frame[(frame["breakdown"] == "all") & frame["value"].notna()].sort_values("period_start")
    drawn = lines(opened)
    for role in (HOME_ROLE, "region", "country"):
        area = roles[role]
        assert drawn[area["area_name"]] == frame.loc[frame["area_code"] == area["area_code"], "value"].tolist()
    legend = [t["name"] for t in chart(opened, "explorer-chart")["data"] if t.get("showlegend") is not False]
    assert legend == [roles[r]["area_name"] for r in (HOME_ROLE, "region", "country")] + [
        f"{roles[HOME_ROLE]['area_name']}'s statistical neighbours"
    ]
    shown = " ".join(opened.multiselect(key="areas").value + legend)
    assert roles["countries"]["area_name"] not in shown and roles["national"]["area_name"] not in shown


def test_an_empty_pick_shows_the_message_and_its_link_reopens_it_empty():
    at = open_link(ind="")
    assert_clean(at)
    assert [unescape(i.value) for i in at.info] == ["Pick at least one indicator and one area to draw them."]
    assert not at.get("plotly_chart") and at.query_params["ind"] == ""
    cleared = open_link(ind=RATE, areas=home())
    cleared.multiselect(key="ind").set_value([]).run()  # emptied on the page: the link keeps it empty
    assert cleared.info and cleared.query_params["ind"] == ""
    again = open_link(**{key: cleared.query_params[key] for key in cleared.query_params})
    assert again.info and not again.get("plotly_chart") and again.multiselect(key="ind").value == []


def test_areas_are_listed_by_their_names_with_a_gss_code_only_where_they_have_one(opened):
    with (ROOT / "data" / "metadata" / "areas.csv").open(encoding="utf-8", newline="") as file:
        curated_areas = list(csv.DictReader(file))
    labels = set(opened.multiselect(key="areas").options)
    for area in curated_areas:
        code, name = area["area_code"], area["area_name"]
        assert (f"{name} ({code})" if GSS.fullmatch(code) else name) in labels, code
    assert areas_by_role()["national"]["area_name"] in labels  # "National (geography not stated)", no code
    assert not [label for label in labels if label.endswith("(national)")]


def ticks(spec: dict) -> dict:
    """The x axis's labels by the instant each stands at (as the spec writes instants)."""
    axis = spec["layout"]["xaxis"]
    return dict(zip(axis["tickvals"], axis["ticktext"], strict=True))


def points(spec: dict) -> list[tuple[str, str]]:
    """Every point of a line: where it stands and the period its hover names."""
    found = []
    for trace in spec["data"]:
        if trace.get("mode") == "lines+markers" and isinstance(trace.get("hovertemplate"), list):
            for x, text in zip(values(trace["x"]), trace["hovertemplate"], strict=True):
                found.append((x, text.split("<br>")[1].split(": ")[0]))
    return found


def test_each_period_is_one_tick_at_its_points_named_as_published():
    roles = areas_by_role()
    at = open_link(ind=RATE, areas=",".join(roles[r]["area_code"] for r in (HOME_ROLE, "region", "country")))
    assert_clean(at)
    spec = chart(at, "explorer-chart")
    labels = ticks(spec)
    assert len(set(labels.values())) == len(labels)  # no label twice
    drawn_points = points(spec)
    assert drawn_points and all(labels.get(x) == period for x, period in drawn_points)  # each on its own label
    assert list(labels.values()) == published_periods(RATE)  # "2020/21" ... as the DfE writes them, in time order


def test_a_long_series_beside_the_neighbours_names_every_few_periods_each_at_its_point():
    at = open_link(ind="cin_at_31_march", areas=f"{home()},neighbours")
    assert_clean(at)
    spec = chart(at, "explorer-chart")
    labels = ticks(spec)
    texts = list(labels.values())
    on_axis = dict(points(spec))
    assert len(set(texts)) == len(texts) > 1  # no label twice
    assert all(on_axis[x] == period for x, period in labels.items())  # each at its own period's point
    assert texts[-1] == published_periods("cin_at_31_march")[-1]  # the newest always named


def published_periods(indicator: str) -> list[str]:
    """The home area's periods of an indicator in the built tables, in time order."""
    from loaders.store.tables import read_observations

    frame = read_observations(indicators=[indicator], areas=[home()])
    return frame[frame["breakdown"] == "all"].sort_values("period_start")["period"].drop_duplicates().tolist()


def test_the_charts_image_is_titled_with_its_indicator_and_areas(deferred_files, monkeypatch):
    from charts import export

    at = open_link()
    made = {}
    monkeypatch.setattr(export, "to_png", lambda figure, *, title, caption: made.update(
        figure=figure, title=title, caption=caption) or b"png")  # fmt: skip
    (button,) = [b for b in at.get("download_button") if b.proto.label == "Download the chart (PNG)"]
    name, mime, make = deferred_files[button.proto.deferred_file_id]
    assert make() == b"png" and mime == "image/png"
    rate, roles = opening_rate(), areas_by_role()
    with (ROOT / "data" / "metadata" / "public_indicators.csv").open(encoding="utf-8", newline="") as file:
        title = next(row["title"] for row in csv.DictReader(file) if row["indicator_id"] == rate)
    home_name = roles[HOME_ROLE]["area_name"]
    assert made["title"] == (
        f"{title}: {home_name}, {roles['region']['area_name']}, {roles['country']['area_name']} and "
        f"{home_name}'s statistical neighbours"
    )
    assert rate in name and name.endswith(".png")
    assert len(made["figure"].data) == len(chart(at, "explorer-chart")["data"])  # the chart drawn, whole
