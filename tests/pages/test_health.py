"""Health: conception and infant death rates over time, mental health needs against London and the nation."""

from __future__ import annotations

from tests import curated
from tests.pages.conftest import assert_clean, chart, charts, headings, open_page, page_charts, values


def test_rates_over_time_comparisons_and_cards():
    page = open_page("pages/health.py")
    assert_clean(page)
    assert len(charts(page)) == len(page_charts("health")) == len(headings(page))
    assert len(page.metric) == 3
    conceptions = chart(page, "health.conceptions")
    under18 = [t for t in conceptions["data"] if t["name"] == curated.indicator("teenage_conception_rate")["title"]]
    assert values(under18[0]["y"]) == [curated.value("teenage_conception_rate", y) for y in ("2013", "2018", "2020")]
    assert conceptions["layout"]["yaxis"]["title"]["text"] == "per 1,000"  # two populations: only the base
    first, last = (curated.figure("teenage_conception_rate", y)["value_text"] for y in ("2013", "2020"))
    assert f"fell from {first} per 1,000 in 2013 to {last} per 1,000 in 2020" in headings(page)[0]
    change = curated.figure("bromley_y_referrals_change", "not stated")["value_text"]
    assert f"expected to rise by {change}" in headings(page)[3]


def test_injury_admissions_with_their_confidence_interval_and_the_publishers_comparison():
    from tests.pages.conftest import chart, heading

    page = open_page("pages/health.py")
    injuries = chart(page, "health.injury_admissions")
    home = curated.home()
    rows = [
        r
        for r in curated.published("ohid_fingertips_child_injury_admissions")
        if r["Area Code"] == home["area_code"] and r["Sex"] == "Persons" and not r["Category Type"]
    ]
    band = [t for t in injuries["data"] if t.get("fill") == "toself"]
    assert len(band) == 1 and "95% confidence interval" in band[0]["name"]
    assert max(values(band[0]["y"])) == max(float(r["Upper CI 95.0 limit"]) for r in rows)
    newest = max(rows, key=lambda r: r["Time period Sortable"])
    verdict = newest["Compared to England value or percentiles"].lower()
    assert heading(page, "health.injury_admissions").endswith(f"the publisher judges it {verdict} than England")
