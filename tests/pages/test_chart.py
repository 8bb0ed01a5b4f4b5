"""A chart by its link: `?id=` opens that chart; an unknown id is named, never a traceback."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

import definitions
from loaders.paths import ROOT
from tests.pages.conftest import assert_clean, charts, headings


def open_link(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page("pages/chart.py").run()


def test_a_link_opens_its_chart():
    at = open_link(id="social_care.protection_conferences")
    assert_clean(at)
    assert len(charts(at)) == 1
    assert headings(at)[0].endswith(
        "initial child protection conferences led to a plan, up from 340 in 2018/19 (worse)"
    )
    assert at.selectbox[0].value == "social_care.protection_conferences"


def test_an_unknown_id_is_named_and_a_chart_is_still_shown():
    at = open_link(id="social_care.front_dor")
    assert not at.exception
    assert "no chart or card has the id 'social_care.front_dor'; did you mean social_care.front_door" in at.warning[
        0
    ].value.replace("\\", "")
    assert len(charts(at)) == 1


def test_choosing_a_chart_puts_it_in_the_url():
    at = open_link()
    chosen = definitions.charts()[-1].id
    at.selectbox[0].set_value(chosen).run()
    assert at.query_params["id"] == [chosen] or at.query_params["id"] == chosen
    assert len(charts(at)) == 1
