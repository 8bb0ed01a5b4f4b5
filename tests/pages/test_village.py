"""The village of 100 children: the grid holds exactly 100 marks, each group its published count."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.store.tables import read_table
from tests import curated
from tests.pages.conftest import assert_clean, chart, headings, open_page, values


@pytest.fixture(scope="module")
def village_page():
    return open_page("pages/village.py")


@pytest.fixture(scope="module")
def published() -> pd.DataFrame:
    return read_table("village")


def marks_by_group(spec: dict) -> dict[str, int]:
    return {trace["name"].rsplit(" (", 1)[0]: len(values(trace["x"])) for trace in spec["data"]}


def test_the_village_grid_holds_100_children_with_the_published_counts(village_page, published):
    assert_clean(village_page)
    grid = chart(village_page, "village.ethnic_groups")
    counts = marks_by_group(grid)
    assert sum(counts.values()) == 100
    ethnic = published[published["group_type"] == "ethnicity"]
    assert counts == dict(zip(ethnic["group"], ethnic["count"], strict=True))
    positions = {(x, y) for t in grid["data"] for x, y in zip(values(t["x"]), values(t["y"]), strict=True)}
    assert positions == {(x, y) for x in range(10) for y in range(10)}


def test_the_legend_gives_each_count_ordered_by_size(village_page):
    grid = chart(village_page, "village.ethnic_groups")
    listed = [t["name"] for t in sorted(grid["data"], key=lambda t: t["legendrank"])]
    assert listed[:3] == ["White British (62)", "Black African (8)", "White other (7)"]
    assert listed[-1] == "Bangladeshi (1)"


def test_the_sentence_and_every_count_are_written_as_text(village_page):
    assert headings(village_page)[0].startswith("If Bromley were a village of 100 children")
    text = " ".join(m.value for m in village_page.markdown)
    assert "**62** would be White British" in text and "**1** would be Bangladeshi" in text


def test_choosing_a_circumstance_lights_up_its_children(village_page):
    first = chart(village_page, "village.circumstance")
    assert marks_by_group(first) == {"Live in low-income families": 13, "Other children": 87}
    village_page.segmented_control(key="circumstance").set_value(
        "Receive specialist support for their emotional and mental health needs"
    ).run()
    assert_clean(village_page)
    chosen = chart(village_page, "village.circumstance")
    assert marks_by_group(chosen) == {
        "Receive specialist support for their emotional and mental health needs": 3,
        "Other children": 97,
    }
    greys = {t["marker"]["color"] for t in chosen["data"] if t["name"].startswith("Other")}
    assert greys == {"#D4D4D4"}  # the rest greyed, not in ethnic colours


def test_all_five_circumstances_at_once(village_page):
    multiples = chart(village_page, "village.all_circumstances-wide")
    lit = [len(values(t["x"])) for t in multiples["data"] if t["marker"]["color"] != "#D4D4D4"]
    assert sorted(lit, reverse=True) == [13, 11, 11, 8, 3]


def test_other_villages_from_the_tables(village_page):
    over_time, classroom = chart(village_page, "village.heritage_over_time"), chart(village_page, "village.classroom")
    titles = [a["text"].replace("<br>", " ") for a in over_time["layout"]["annotations"]]
    shares = {r["period"]: round(float(r["value"])) for r in curated.figures("minority_ethnic_share_children")}
    assert titles == [
        f"2011: {shares['2011']} of 100",
        f"2021: {shares['2021']} of 100",
        f"2041 (projected): {shares['2041']} of 100",
    ]
    assert sum(len(values(t["x"])) for t in classroom["data"]) == 30


def test_the_rounding_audit_is_drawn_once_opened_and_adds_up_to_30():
    at = open_page("pages/village.py")
    assert not [e for e in at.dataframe], "closed, the rounding is not drawn"
    at.session_state["classroom-rounding"] = True  # opened, as a click does
    audit = at.run().dataframe[-1].value
    assert audit["count"].sum() == 30
    assert set(audit["rounded"]) <= {"up", "down", "exact"}
    assert (abs(audit["count"] - audit["exact"]) < 1).all()


def test_the_chosen_circumstance_lives_in_the_url():
    from streamlit.testing.v1 import AppTest

    from loaders.paths import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.query_params["circumstance"] = "Be eligible for Free School Meals"
    at.switch_page("pages/village.py").run()
    assert_clean(at)
    assert marks_by_group(chart(at, "village.circumstance"))["Be eligible for Free School Meals"] == 11
    # Streamlit's binding writes a choice back into the link (the browser does; tests/e2e/test_permalink.py reloads
    # one): the control is bound to the link's key, and a choice redraws the chart.
    control = at.segmented_control(key="circumstance")
    assert control.proto.query_param_key == "circumstance"
    control.set_value("Live in low-income families").run()
    assert marks_by_group(chart(at, "village.circumstance"))["Live in low-income families"] == 13


def test_a_link_with_an_unknown_circumstance_says_so_and_shows_the_first():
    from streamlit.testing.v1 import AppTest

    from loaders.paths import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.query_params["circumstance"] = "Own a pony"
    at.switch_page("pages/village.py").run()
    assert not at.exception
    assert "Own a pony" in at.warning[0].value
    assert marks_by_group(chart(at, "village.circumstance"))["Live in low-income families"] == 13


def rows_of_grids(spec: dict) -> list[int]:
    """How many grids each row of a small-multiples spec draws, top row first."""
    layout, rows = spec["layout"], {}
    for trace in spec["data"]:
        x, y = trace.get("xaxis", "x")[1:], trace.get("yaxis", "y")[1:]
        rows.setdefault(tuple(layout[f"yaxis{y}"]["domain"]), set()).add(tuple(layout[f"xaxis{x}"]["domain"]))
    return [len(row) for _, row in sorted(rows.items(), reverse=True)]


def test_all_five_are_drawn_for_a_wide_chart_and_for_a_phone(village_page):
    """Issue 20: at 1440x1000 the five were a phone's strips, tiny grids in a narrow column. The page now draws
    them three a row for a wide chart as well, and its style shows whichever fits the chart's width
    (tests/e2e/test_village_layout.py looks at it in Chromium)."""
    wide = chart(village_page, "village.all_circumstances-wide")
    narrow = chart(village_page, "village.all_circumstances")
    assert rows_of_grids(wide) == [3, 2] and rows_of_grids(narrow) == [1, 1, 1, 1, 1]
    assert "width" not in wide["layout"]  # it takes the page's width, whatever the screen
    for spec in (wide, narrow):
        lit = [len(values(t["x"])) for t in spec["data"] if t["marker"]["color"] != "#D4D4D4"]
        assert lit == [13, 11, 11, 8, 3]
    ids = [e.proto.id for e in village_page.get("plotly_chart")]
    wide_at = next(i for i, e in enumerate(ids) if e.endswith("-village.all_circumstances-wide"))
    assert ids[wide_at + 1].endswith("-village.all_circumstances")  # the two side by side in the page's order
