"""Children's social care: front-door demand over time, and children in need, on plans and in care as what
the strategy gives them (ranges and bounds), each message stating the curated figures."""

from __future__ import annotations

import pytest

from tests import curated
from tests.pages.conftest import (
    assert_clean,
    chart,
    charts,
    heading,
    headings,
    open_page,
    page_charts,
    sections,
    text,
    values,
)


@pytest.fixture(scope="module")
def page():
    return open_page("pages/social_care.py")


def test_draws_every_chart_of_its_definitions_with_its_message(page):
    assert_clean(page)
    assert len(charts(page)) == len(page_charts("social_care")) == len(headings(page))
    assert sections(page) == list(dict.fromkeys(c.section for c in page_charts("social_care")))


def test_front_door_draws_the_published_counts_and_says_the_latest(page):
    front_door = charts(page)[0]
    mash = [t for t in front_door["data"] if t["name"] == "MASH enquiries"]
    assert values(mash[0]["y"]) == [curated.value("mash_enquiries", p) for p in ("2018/19", "2019/20")]
    written = curated.figure("mash_enquiries", "2019/20")["value_text"]
    referrals = curated.figure("csc_referrals", "2021/22")["value_text"]
    assert (
        headings(page)[0]
        == f"MASH enquiries rose to {written} in 2019/20, and referrals to children's social care to {referrals} in 2021/22"
    )


def test_the_undated_conference_count_is_drawn_after_the_dated_one_and_named_so(page):
    conferences = charts(page)[2]
    assert conferences["layout"]["xaxis"]["ticktext"] == ["In 2018/19", "Year not stated"]
    assert values(conferences["data"][0]["y"]) == [
        curated.value("icpc_child_protection_plans", "2018/19"),
        curated.value("icpc_child_protection_plans", "not stated"),
    ]
    assert headings(page)[2].startswith(curated.figure("icpc_child_protection_plans", "not stated")["value_text"])


def test_a_bound_is_never_drawn_as_a_bar_from_zero(page):
    snapshot = charts(page)[3]
    in_care = [t for t in snapshot["data"] if t.get("legendgroup") == "upper_bound"]
    assert len(in_care) == 1 and in_care[0]["type"] == "scatter"  # a mark with an arrow, not a bar
    bound = float(curated.figure("children_in_care", "current")["value"])
    assert values(in_care[0]["x"])[0] == bound and values(in_care[0]["x"])[1] < bound  # the arrow points down
    ranges = [t for t in snapshot["data"] if t["type"] == "bar"]
    need = curated.figure("children_in_need", "past 2 years")
    assert next((values(t["base"])[0], values(t["x"])[0]) for t in ranges) == (
        float(need["lower"]),
        float(need["upper"]) - float(need["lower"]),
    )
    keys = [t["name"] for t in snapshot["data"] if t.get("showlegend")]
    assert any(k.startswith("Upper bound") for k in keys) and snapshot["layout"]["legend"]["font"]["size"] >= 15


def test_the_dfe_series_is_drawn_with_the_strategys_figure_marked_and_its_source(page):
    looked_after = chart(page, "social_care.looked_after")
    rows = [
        r
        for r in curated.published("dfe_ees_cla_rate_per_10k")
        if r["new_la_code"] == curated.home()["area_code"]
        and r["population_type"].startswith("Children looked after on")
    ]
    counts = [float(r["children_count"]) for r in sorted(rows, key=lambda r: r["time_period"])]
    (line,) = [t for t in looked_after["data"] if t.get("name") == curated.home()["area_name"]]
    assert values(line["y"]) == counts
    assert any("Strategy: under 350" in a["text"] for a in looked_after["layout"]["annotations"])  # undated: a line
    newest = max(rows, key=lambda r: r["time_period"])
    assert heading(page, "social_care.looked_after").startswith(
        f"{newest['children_count']} children were looked after"
    )
    captions = text(page)
    assert (
        "Department for Education: Explore Education Statistics" in captions
        and "Open Government Licence v3.0" in captions
    )


def test_the_rate_compares_the_home_area_with_london_and_england(page):
    rate = chart(page, "social_care.looked_after_rate")
    assert [t["name"] for t in rate["data"]] == ["Bromley", "London", "England"]
    assert "lower than in London" in heading(page, "social_care.looked_after_rate")
