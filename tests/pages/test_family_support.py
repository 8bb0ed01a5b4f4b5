"""Family support: the Bromley Children Project's reach (derived bases drawn as such), assessments, steps."""

from __future__ import annotations

from tests import curated
from tests.pages.conftest import assert_clean, chart, charts, headings, open_page, page_charts, text, values


def test_reach_assessments_and_steps():
    page = open_page("pages/family_support.py")
    assert_clean(page)
    assert len(charts(page)) == len(page_charts("family_support")) == len(headings(page))
    assert [m.value for m in page.metric] == [
        f"more than {curated.figure('family_centre_users', '2019/20')['value_text'].split()[-1]}"
    ]
    project = chart(page, "family_support.children_project")
    families = next(t for t in project["data"] if t["name"] == "Families")
    assert families["marker"]["symbol"][0] == "circle-open"  # the derived base, not published
    assert values(families["y"])[-1] == curated.value("bcp_families", "2020/21")
    change = curated.figure("bcp_families_change", "2017/18 to 2020/21")["value_text"]
    assert f"(+{change} from 2017/18 to 2020/21)" in headings(page)[0]
    steps = chart(page, "family_support.steps")
    assert len(steps["layout"]["yaxis"]["ticktext"]) == 4
    assert "CAFs: the stated decrease from 2018/19 to 2021/22: does not add up" in text(page)
