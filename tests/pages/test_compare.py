"""How we compare: by default among the home area's statistical neighbours, its rank among them and their
average beside London's and England's figures; the strip draws every authority's published figure, the home area
and the chosen authorities apart; the group and the choices live in the link; every public indicator is set
against England by its interval or not at all.

Expected values are read from the tables' observations, the curated areas file and the DfE's statistical
neighbour model as shipped (with the csv module), never from the page's code.
"""

from __future__ import annotations

import csv
import functools
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from insight.areas import HOME_ROLE
from loaders.paths import ROOT
from loaders.store.tables import read_observations, read_table
from tests.pages.conftest import assert_clean, chart, open_page, text, unescape, values

PAGE = "pages/compare.py"
RATE = "cla_rate_31_march"  # a DfE release of every authority's rate (lower is better)
UNDECLARED = "cin_c1_no_further_action_percent"  # every authority's share, with no polarity declared
MODEL = ROOT / "data" / "releases" / "dfe_statistical_neighbours_2025" / "sn_model_2025_wide.csv"


def areas() -> list[dict]:
    """Every area of the tables: the curated ones (data/metadata/areas.csv) and those the releases name."""
    table = read_table("areas")
    return table.astype(object).where(table.notna(), "").to_dict("records")


@functools.cache
def geography() -> SimpleNamespace:
    """The home area, England, every authority and the home area's siblings, from the built areas table (read
    when a test runs: the tables are built by the session's fixture, after collection)."""
    rows = areas()
    home = next(a for a in rows if a["role"] == HOME_ROLE)
    authorities = {a["area_code"] for a in rows if a["area_type"] in ("Local authority", "London borough")}
    siblings = [a for a in rows if a["parent_code"] == home["parent_code"] and a["area_code"] in authorities]
    return SimpleNamespace(
        home=home,
        england=next(a for a in rows if a["role"] == "country")["area_code"],
        region=next(a for a in rows if a["role"] == "region")["area_code"],
        authorities=authorities,
        siblings=sorted((a for a in siblings if a is not home), key=lambda a: a["area_name"]),
    )


def model_neighbours() -> list[str]:
    """The home area's ten statistical neighbours by name, nearest first, as the DfE's model file ships them (its
    rows name authorities by number and name; the home area is found by its curated name)."""
    with MODEL.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    name_of = {row["old_la_code"]: row["la_name"] for row in rows}
    (mine,) = [row for row in rows if row["la_name"] == curated_home()["area_name"]]
    return [name_of[mine[f"SN_{n}"]] for n in range(1, 11)]


def neighbour_codes() -> list[str]:
    """The codes the built table gives the home area's neighbours, nearest first (the build maps the model's
    numbers to codes; the page's code does not)."""
    table = read_table("statistical_neighbours")
    return list(table[table["area_code"] == geography().home["area_code"]].sort_values("rank")["neighbour_code"])


def nth(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 21st."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def names() -> dict[str, str]:
    return {a["area_code"]: a["area_name"] for a in areas()}


def table_with(at: AppTest, column: str):
    """The page's table that has `column`."""
    (found,) = [frame.value for frame in [*at.dataframe, *at.table] if column in frame.value.columns]
    return found


def curated_home() -> dict:
    with (ROOT / "data" / "metadata" / "areas.csv").open(encoding="utf-8", newline="") as file:
        return next(row for row in csv.DictReader(file) if row["role"] == HOME_ROLE)


def newest_headline(indicator: str) -> dict[str, float | None]:
    """Every area's headline figure of `indicator` in the newest period the home area has one."""
    frame = read_observations(indicators=[indicator])
    frame = frame[frame["breakdown"] == "all"]
    mine = frame[(frame["area_code"] == geography().home["area_code"]) & frame["value"].notna()]
    period = mine.sort_values("period_start")["period"].iloc[-1]
    rows = frame[frame["period"] == period]
    return {code: (None if v != v else float(v)) for code, v in zip(rows["area_code"], rows["value"], strict=True)}


def open_link(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(PAGE).run()


def traces(spec: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for trace in spec["data"]:
        found.setdefault(trace["name"], []).append(trace)
    return found


@pytest.fixture(scope="module")
def rate_page() -> AppTest:
    return open_link(indicator=RATE)


def points_by_strip(spec: dict) -> dict[int, list[float]]:
    """The values of every dot (not the lines, nor the bar of an average), by the strip it is drawn on (0 at the
    top)."""
    found: dict[int, list[float]] = {}
    for trace in spec["data"]:
        if trace.get("mode") == "lines" or trace["marker"]["symbol"] == "line-ns":
            continue
        for x, y in zip(values(trace["x"]), values(trace["y"]), strict=True):
            found.setdefault(round(y), []).append(x)
    return {strip: sorted(xs) for strip, xs in found.items()}


def test_the_strip_draws_every_authority_with_a_figure_once_per_group(rate_page):
    assert_clean(rate_page)
    figures = newest_headline(RATE)
    published = {code: v for code, v in figures.items() if code in geography().authorities and v is not None}
    london = [v for code, v in published.items() if code.startswith("E09")]  # London boroughs' codes
    group = [geography().home["area_code"], *neighbour_codes()]
    neighbours = [published[code] for code in group if code in published]
    spec = chart(rate_page, "compare-strip")
    assert points_by_strip(spec) == {0: sorted(neighbours), 1: sorted(london), 2: sorted(published.values())}
    assert values(spec["layout"]["yaxis"]["tickvals"]) == [0, 1, 2]
    assert [t.replace("<br>", " ") for t in spec["layout"]["yaxis"]["ticktext"]] == [
        "Statistical neighbours",
        "Authorities in London",
        "Authorities in England",
    ]
    drawn = traces(spec)
    home = drawn[geography().home["area_name"]]
    assert [values(t["x"]) for t in home] == [[published[geography().home["area_code"]]]] * 3
    symbols = {name: {t["marker"]["symbol"] for t in ts} for name, ts in drawn.items() if "marker" in ts[0]}
    assert symbols["Other authorities"] == {"circle-open"} and symbols["Chosen authorities"] == {"diamond"}
    assert symbols[geography().home["area_name"]] == {"circle"}
    (line,) = [ts[0] for name, ts in drawn.items() if name.startswith("England: ")]
    assert values(line["x"]) == [figures[geography().england]] * 2 and line["line"]["dash"]
    labels = [a["text"] for a in spec["layout"]["annotations"]]
    assert labels == [f"<b>{geography().home['area_name']}</b> {published[geography().home['area_code']]:.0f}"] * 3


def test_the_default_group_is_the_statistical_neighbours_of_the_dfes_model(rate_page):
    expected = model_neighbours()
    assert len(expected) == 10
    assert rate_page.segmented_control(key="group").value == "neighbours"
    assert rate_page.query_params["group"] == "neighbours"
    chosen = rate_page.multiselect(key="compare").value
    assert [names()[code] for code in chosen] == expected  # the model's order, nearest first
    assert rate_page.query_params["compare"] == ",".join(chosen)
    (said,) = [c for c in map(unescape, (c.value for c in rate_page.caption)) if "statistical neighbours are" in c]
    assert f"the {len(expected)} authorities" in said and ", ".join(expected[:-1]) + f" and {expected[-1]}" in said
    table = table_with(rate_page, "Position among authorities in London")
    assert table["Authority"].tolist() == [geography().home["area_name"], *expected]


def test_each_of_the_models_neighbours_is_drawn_at_its_published_figure(rate_page):
    period_rows = read_observations(indicators=[RATE])
    period = newest_period(RATE)
    rows = period_rows[(period_rows["period"] == period) & (period_rows["breakdown"] == "all")]
    by_name = dict(zip(rows["area_name"], rows["value"], strict=True))
    diamonds = traces(chart(rate_page, "compare-strip"))["Chosen authorities"]
    drawn = [x for trace in diamonds for x in values(trace["x"])]
    # By name, so a neighbour whose figures a release gives under another code than the build mapped is caught (a
    # county become unitary keeps its DfE number: Buckinghamshire's 825 once went to its old county code).
    expected = [by_name[name] for name in model_neighbours() if by_name.get(name) == by_name.get(name)]
    assert len(expected) == 10
    assert sorted(drawn) == sorted(expected * 2)  # the neighbours' strip and England's


def test_the_rank_among_the_neighbours_and_their_average_are_written_beside_londons_and_englands(rate_page):
    figures = newest_headline(RATE)
    home = geography().home
    mine = figures[home["area_code"]]
    theirs = [figures[c] for c in neighbour_codes() if figures.get(c) is not None]
    place = 1 + sum(v < mine for v in theirs)  # lower is better
    words = text(rate_page)
    assert (
        f"{nth(place)} of {len(theirs) + 1} authorities in {home['area_name']}'s statistical neighbour group" in words
    )
    average = round(sum(theirs) / len(theirs), 1)
    gap = round(average - mine, 1)
    assert (
        f"The average of the statistical neighbours was {average:,.1f} per 10,000 children; {home['area_name']}'s "
        f"is {gap:g} per 10,000 children lower, which is better." in words
    )
    assert mine < average  # the sentence's "lower, which is better", worked out here
    table = table_with(rate_page, "Better or worse").set_index("Compared with")
    england, london = figures[geography().england], figures[geography().region]
    assert table.loc["Average of the statistical neighbours", "Figure"] == f"{average:,.1f} per 10,000 children"
    assert table.loc["Average of the statistical neighbours", "How"] == (
        f"unweighted mean of {len(theirs)} of the 10 neighbours' figures"
    )
    assert table.loc["London", "Figure"] == f"{london:.0f} per 10,000 children"
    assert table.loc["England", "Figure"] == f"{england:.0f} per 10,000 children"
    for row, other in (("London", london), ("England", england)):
        side = "lower" if mine < other else "higher"
        assert table.loc[row, f"{home['area_name']}'s figure is"] == f"{abs(mine - other):g} per 10,000 children {side}"
        assert table.loc[row, "Better or worse"] == ("better" if mine < other else "worse")
    (bar,) = traces(chart(rate_page, "compare-strip"))[f"Average of the statistical neighbours: {average:.1f}"]
    assert values(bar["x"]) == [average] and bar["marker"]["symbol"] == "line-ns"  # a bar, not a dashed line
    assert values(bar["y"]) == [0]  # on the neighbours' strip only


def test_the_outer_london_group_brings_the_siblings_in_the_areas_file():
    at = open_link(indicator=RATE, group="outer_london")
    assert_clean(at)
    assert geography().home["parent_code"] == curated_home()["parent_code"]  # the family comes from the curated file
    chosen = at.multiselect(key="compare")
    assert chosen.value == [a["area_code"] for a in geography().siblings]
    assert at.query_params["compare"] == ",".join(a["area_code"] for a in geography().siblings)
    figures = newest_headline(RATE)
    diamonds = traces(chart(at, "compare-strip"))["Chosen authorities"][0]
    expected = sorted(figures[a["area_code"]] for a in geography().siblings if figures.get(a["area_code"]) is not None)
    assert sorted(values(diamonds["x"])) == expected
    # Outer London publishes its own figure: it stands beside, not an average of its boroughs.
    table = table_with(at, "Better or worse")
    assert table["Compared with"].tolist() == [geography().home["area_name"], "Outer London", "London", "England"]


def test_the_rank_is_written_with_ties_and_missing_figures_counted(rate_page):
    figures = newest_headline(RATE)
    london = {c: v for c, v in figures.items() if c in geography().authorities and c.startswith("E09")}
    known = [v for v in london.values() if v is not None]
    mine = london[geography().home["area_code"]]
    place = 1 + sum(v < mine for v in known)  # lower is better: children looked after per 10,000
    tied = sum(v == mine for v in known) - 1
    words = text(rate_page)
    tie = f" (tied with {tied} other{'s' if tied > 1 else ''}" if tied else ""
    assert nth(place) in words
    assert f"of {len(known)} authorities in London{tie}" in words
    assert "Ranked so that 1st is the lowest, which is better." in words


def newest_period(indicator: str) -> str:
    frame = read_observations(indicators=[indicator], areas=[geography().home["area_code"]])
    frame = frame[(frame["breakdown"] == "all") & frame["value"].notna()]
    return frame.sort_values("period_start")["period"].iloc[-1]


def test_a_group_chosen_on_the_page_goes_into_the_link_and_the_link_reopens_it():
    at = open_link(indicator=RATE)
    at.segmented_control(key="group").set_value("outer_london").run()
    assert_clean(at)
    assert at.query_params["group"] == "outer_london"
    assert at.query_params["compare"] == ",".join(a["area_code"] for a in geography().siblings)  # the group's
    at.segmented_control(key="group").set_value("england").run()
    assert at.query_params["group"] == "england"
    assert at.multiselect(key="compare").value == neighbour_codes()  # too many to list: the neighbours again
    strips = chart(at, "compare-strip")["layout"]["yaxis"]["ticktext"]
    assert [t.replace("<br>", " ") for t in strips] == ["Authorities in London", "Authorities in England"]
    again = open_link(**{key: at.query_params[key] for key in at.query_params})  # the link, in a fresh session
    assert_clean(again)
    assert again.segmented_control(key="group").value == "england"
    assert chart(again, "compare-strip")["data"] == chart(at, "compare-strip")["data"]
    assert text(again) == text(at)


def test_an_unknown_group_in_the_link_is_named_and_the_neighbours_shown():
    at = open_link(indicator=RATE, group="twin_towns")
    assert not at.exception
    assert [unescape(w.value) for w in at.warning] == [
        "Not in the data, so left out of the link's comparator groups: “twin_towns”."
    ]
    assert at.segmented_control(key="group").value == "neighbours"
    assert at.query_params["group"] == "neighbours"


def test_without_a_declared_polarity_the_page_says_where_the_borough_stands_never_better_or_worse():
    at = open_link(indicator=UNDECLARED)
    assert_clean(at)
    indicators = read_table("indicators").set_index("indicator_id")
    assert indicators.loc[UNDECLARED, "polarity"] != indicators.loc[UNDECLARED, "polarity"]  # none declared
    figures = newest_headline(UNDECLARED)
    mine = figures[geography().home["area_code"]]
    group = [v for c in neighbour_codes() if (v := figures.get(c)) is not None] + [mine]
    place = 1 + sum(v > mine for v in group)  # from the highest
    words = text(at)
    where = "the highest" if place == 1 else "the lowest" if mine == min(group) else f"{nth(place)} highest"
    assert f"{where} of {len(group)} authorities in {geography().home['area_name']}'s statistical neighbour" in words
    assert "no polarity is declared, so neither higher nor lower is called better" in words
    table = table_with(at, "Better or worse")
    assert set(table["Better or worse"][1:]) == {"no polarity declared"}
    said = words.replace("neither higher nor lower is called better", "")
    assert " better" not in said.split("Each public indicator")[0] and " worse" not in said.split("Each public")[0]


def test_comparators_from_the_link_are_drawn_and_unknown_codes_are_named():
    chosen = [geography().siblings[0]["area_code"], geography().siblings[1]["area_code"]]
    at = open_link(indicator=RATE, compare=",".join([*chosen, "E99999999"]))
    assert not at.exception
    assert [unescape(w.value) for w in at.warning] == [
        "Not in the data, so left out of the link's authorities: “E99999999”."
    ]
    assert at.multiselect(key="compare").value == chosen
    table = table_with(at, "Code")
    assert table["Code"].tolist() == [geography().home["area_code"], *chosen]
    at.multiselect(key="compare").set_value(chosen[:1]).run()
    assert at.query_params["compare"] == chosen[0]
    assert table_with(at, "Code")["Code"].tolist() == [geography().home["area_code"], chosen[0]]


def test_an_unknown_indicator_in_the_link_is_named_and_the_first_shown():
    at = open_link(indicator="no_such_indicator")
    assert not at.exception
    assert [unescape(w.value) for w in at.warning] == [
        "Not in the data, so left out of the link's indicators: “no_such_indicator”."
    ]
    assert at.selectbox(key="indicator").value != "no_such_indicator"


def test_counts_are_not_offered_for_ranking():
    at = open_page(PAGE)
    assert_clean(at)
    offered = at.selectbox(key="indicator").options
    assert offered and "Children looked after on 31 March" not in offered  # a count: it ranks size
    assert "Children looked after per 10,000 children" in offered


def test_every_public_indicator_is_set_against_england_by_its_interval_only(rate_page):
    table = table_with(rate_page, "95% interval").set_index("Indicator")
    frame = read_observations(kinds=["release"], areas=[geography().home["area_code"]])
    assert len(table) == frame.loc[frame["breakdown"] == "all", "indicator_id"].nunique()
    for title, row in table.iterrows():
        if row["95% interval"] == "not published":
            assert row["Compared with England"] == "– not compared", title
    injuries = table.loc["Hospital admissions for injuries (children aged 0 to 14)"]
    _, upper = (float(x.replace(",", "")) for x in injuries["95% interval"].split(" to "))
    england = float(injuries["England"].split(" ")[0])
    assert upper < england and injuries["Compared with England"] == "▼ lower, better"  # lower is better
