"""Services: every count readable, from 2 to 15,000+, on a logarithmic scale, labelled as written."""

from __future__ import annotations

import math

from tests import curated
from tests.pages.conftest import assert_clean, chart, charts, headings, open_page, page_charts, values


def test_every_count_has_a_readable_mark_and_its_label_as_written():
    page = open_page("pages/services.py")
    assert_clean(page)
    assert len(charts(page)) == len(page_charts("services")) == len(headings(page))
    money = chart(page, "services.money")
    (dots,) = money["data"]
    expected = sorted(
        (
            row
            for row in curated._rows("sources/services.csv")
            if row["life_area"] == "money" and row["section_id"] == "ecosystem" and row["count"]
        ),
        key=lambda row: -float(row["count"]),
    )
    assert dots["text"] == [row["value_text"] for row in expected]  # "15,000+", never cut off
    assert money["layout"]["xaxis"]["type"] == "log"
    low, high = money["layout"]["xaxis"]["range"]
    assert low < math.log10(min(values(dots["x"]))) and high > math.log10(max(values(dots["x"])))
    assert headings(page)[3].startswith("Money: four kinds of service")
    assert len(page.get("markdown")) > 0 and "Tier 1" in " ".join(m.value for m in page.markdown)
