"""How we compare: the strip draws every authority's published figure, the home area and the chosen authorities
apart; the choices live in the link; every public indicator is set against England by its interval or not at all.

Expected values are read from the tables' observations and the curated areas file, never from the page's code.
"""

from __future__ import annotations

import csv
import functools
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from loaders.paths import ROOT
from loaders.tables import read_observations, read_table
from tests.pages.conftest import assert_clean, chart, open_page, text, unescape, values

PAGE = "pages/compare.py"
RATE = "cla_rate_31_march"  # a DfE release of every authority's rate


def areas() -> list[dict]:
    """Every area of the tables: the curated ones (data/metadata/areas.csv) and those the releases name."""
    table = read_table("areas")
    return table.astype(object).where(table.notna(), "").to_dict("records")


@functools.cache
def geography() -> SimpleNamespace:
    """The home area, England, every authority and the home area's siblings, from the built areas table (read
    when a test runs: the tables are built by the session's fixture, after collection)."""
    rows = areas()
    home = next(a for a in rows if a["role"] == "home")
    authorities = {a["area_code"] for a in rows if a["area_type"] in ("Local authority", "London borough")}
    siblings = [a for a in rows if a["parent_code"] == home["parent_code"] and a["area_code"] in authorities]
    return SimpleNamespace(
        home=home,
        england=next(a for a in rows if a["role"] == "country")["area_code"],
        authorities=authorities,
        siblings=sorted((a for a in siblings if a is not home), key=lambda a: a["area_name"]),
    )


def curated_home() -> dict:
    with (ROOT / "data" / "metadata" / "areas.csv").open(encoding="utf-8", newline="") as file:
        return next(row for row in csv.DictReader(file) if row["role"] == "home")


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
    """The values of every dot (not the lines), by the strip it is drawn on (0 at the top)."""
    found: dict[int, list[float]] = {}
    for trace in spec["data"]:
        if trace.get("mode") == "lines":
            continue
        for x, y in zip(values(trace["x"]), values(trace["y"]), strict=True):
            found.setdefault(round(y), []).append(x)
    return {strip: sorted(xs) for strip, xs in found.items()}


def test_the_strip_draws_every_authority_with_a_figure_once_per_group(rate_page):
    assert_clean(rate_page)
    figures = newest_headline(RATE)
    published = {code: v for code, v in figures.items() if code in geography().authorities and v is not None}
    london = [v for code, v in published.items() if code.startswith("E09")]  # London boroughs' codes
    spec = chart(rate_page, "compare-strip")
    assert points_by_strip(spec) == {0: sorted(london), 1: sorted(published.values())}
    assert values(spec["layout"]["yaxis"]["tickvals"]) == [0, 1]
    drawn = traces(spec)
    home = drawn[geography().home["area_name"]]
    assert [values(t["x"]) for t in home] == [[published[geography().home["area_code"]]]] * 2
    symbols = {name: {t["marker"]["symbol"] for t in ts} for name, ts in drawn.items() if "marker" in ts[0]}
    assert symbols["Other authorities"] == {"circle-open"} and symbols["Chosen authorities"] == {"diamond"}
    assert symbols[geography().home["area_name"]] == {"circle"}
    (line,) = [ts[0] for name, ts in drawn.items() if name.startswith("England: ")]
    assert values(line["x"]) == [figures[geography().england]] * 2 and line["line"]["dash"]
    labels = [a["text"] for a in spec["layout"]["annotations"]]
    assert labels == [f"<b>{geography().home['area_name']}</b> {published[geography().home['area_code']]:.0f}"] * 2


def test_the_default_comparators_are_the_home_areas_siblings_in_the_areas_file(rate_page):
    assert geography().home["parent_code"] == curated_home()["parent_code"]  # the family comes from the curated file
    chosen = rate_page.multiselect(key="compare")
    assert chosen.value == [a["area_code"] for a in geography().siblings]
    assert rate_page.query_params["compare"] == ",".join(a["area_code"] for a in geography().siblings)
    figures = newest_headline(RATE)
    london_diamonds = traces(chart(rate_page, "compare-strip"))["Chosen authorities"][0]
    expected = sorted(figures[a["area_code"]] for a in geography().siblings if figures.get(a["area_code"]) is not None)
    assert sorted(values(london_diamonds["x"])) == expected


def test_the_rank_is_written_with_ties_and_missing_figures_counted(rate_page):
    figures = newest_headline(RATE)
    london = {c: v for c, v in figures.items() if c in geography().authorities and c.startswith("E09")}
    known = [v for v in london.values() if v is not None]
    mine = london[geography().home["area_code"]]
    place = 1 + sum(v < mine for v in known)  # lower is better: children looked after per 10,000
    tied = sum(v == mine for v in known) - 1
    words = text(rate_page)
    tie = f" (tied with {tied} other{'s' if tied > 1 else ''}" if tied else ""
    assert f"{place}{'th' if place not in (1, 2, 3, 21, 22, 23) else ''}" in words
    assert f"of {len(known)} authorities in London{tie}" in words
    assert "Ranked so that 1st is the lowest, which is better." in words


def test_comparators_from_the_link_are_drawn_and_unknown_codes_are_named():
    chosen = [geography().siblings[0]["area_code"], geography().siblings[1]["area_code"]]
    at = open_link(indicator=RATE, compare=",".join([*chosen, "E99999999"]))
    assert not at.exception
    assert [unescape(w.value) for w in at.warning] == [
        "Not in the data, so left out of the link's authorities: “E99999999”."
    ]
    assert at.multiselect(key="compare").value == chosen
    table = at.dataframe[0].value
    assert table["Code"].tolist() == [geography().home["area_code"], *chosen]
    at.multiselect(key="compare").set_value(chosen[:1]).run()
    assert at.query_params["compare"] == chosen[0]
    assert at.dataframe[0].value["Code"].tolist() == [geography().home["area_code"], chosen[0]]


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
    table = rate_page.dataframe[1].value.set_index("Indicator")
    frame = read_observations(kinds=["release"], areas=[geography().home["area_code"]])
    assert len(table) == frame.loc[frame["breakdown"] == "all", "indicator_id"].nunique()
    for title, row in table.iterrows():
        if row["95% interval"] == "not published":
            assert row["Compared with England"] == "– not compared", title
    injuries = table.loc["Hospital admissions for injuries (children aged 0 to 14)"]
    _, upper = (float(x.replace(",", "")) for x in injuries["95% interval"].split(" to "))
    england = float(injuries["England"].split(" ")[0])
    assert upper < england and injuries["Compared with England"] == "▲ better"  # lower is better
