"""Presentation mode: a link opens a deck at a slide; the heading is the chart's message, the chart is drawn in
large type with its source under it; Next and Previous step through the deck and keep the slide in the link; a
slide number beyond the deck is brought within it; a chart the deck names that no longer exists is named."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import definitions
from charts.present import TEXT_SIZE
from components import data
from definitions import decks
from definitions.render import render
from loaders.paths import ROOT
from tests.pages.conftest import assert_clean, charts, unescape, values

PAGE = "pages/present.py"


def open_link(**params) -> AppTest:
    """The page opened from a bookmark, as in a fresh browser."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(PAGE).run()


def param(at: AppTest, key: str) -> str:
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


def message(chart_id: str) -> str:
    return render(definitions.get(chart_id), data.sources()).title


def shown(at: AppTest) -> str:
    (title,) = at.title
    return unescape(title.value)


def font_sizes(spec: dict) -> list[int]:
    """Every font size the figure sets: the layout's, the legend's, each axis's ticks and title, annotations."""
    layout = spec["layout"]
    sizes = [layout["font"]["size"], layout["legend"]["font"]["size"]]
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            sizes += [axis["tickfont"]["size"], axis["title"]["font"]["size"]]
    sizes += [a["font"]["size"] for a in layout.get("annotations", [])]
    sizes += [t["textfont"]["size"] for t in spec["data"] if "textfont" in t]
    return sizes


@pytest.fixture(scope="module")
def first() -> AppTest:
    return open_link(deck="default", slide="1")


def test_a_link_opens_the_first_slide_with_its_message_chart_and_source(first):
    assert_clean(first)
    story = decks.DEFAULT_STORY
    assert shown(first) == message(story[0])
    (spec,) = charts(first)
    assert "title" not in spec["layout"] or not spec["layout"]["title"].get("text")  # the heading carries it
    assert len(spec["data"]) >= 2 and all(values(trace["y"]) for trace in spec["data"])
    assert min(font_sizes(spec)) >= TEXT_SIZE
    assert spec["layout"]["height"] >= TEXT_SIZE * 20
    assert unescape(first.caption[0].value).startswith("Source: ")
    assert [m.value for m in first.markdown] == [f"Slide 1 of {len(story)}"]
    assert [b.label for b in first.button] == ["Previous", "Next"] and first.button(key="slide-previous").disabled
    assert not first.get("selectbox") and not first.get("multiselect") and not first.get("text_input")


def test_next_and_previous_step_through_the_deck_and_keep_the_slide_in_the_link():
    at = open_link(deck="default", slide="1")
    story = decks.DEFAULT_STORY
    at.button(key="slide-next").click().run()
    assert param(at, "slide") == "2" and param(at, "deck") == "default"
    assert shown(at) == message(story[1])
    at.button(key="slide-next").click().run()
    assert param(at, "slide") == "3" and shown(at) == message(story[2])
    at.button(key="slide-previous").click().run()
    assert param(at, "slide") == "2" and shown(at) == message(story[1])
    assert_clean(at)


@pytest.mark.parametrize(("asked", "expected"), [("99", len(decks.DEFAULT_STORY)), ("0", 1), ("two", 1)])
def test_a_slide_number_outside_the_deck_is_brought_within_it(asked, expected):
    at = open_link(deck="default", slide=asked)
    assert param(at, "slide") == str(expected)
    assert shown(at) == message(decks.DEFAULT_STORY[expected - 1])
    assert at.button(key="slide-next").disabled == (expected == len(decks.DEFAULT_STORY))


def test_a_deck_of_its_own_names_the_charts_that_no_longer_exist_and_shows_the_rest():
    at = open_link(slides="cost.per_person,social_care.front_dor,population.children", slide="2")
    assert not at.exception
    (warning,) = at.warning
    assert "“social_care.front_dor”" in unescape(warning.value)
    assert param(at, "slides") == "cost.per_person,population.children"
    assert shown(at) == message("population.children")
    assert [m.value for m in at.markdown] == ["Slide 2 of 2"]
    assert at.button(key="slide-next").disabled


def test_without_a_deck_in_the_link_it_presents_the_default_story():
    at = open_link()
    assert_clean(at)
    assert param(at, "deck") == "default" and param(at, "slide") == "1"
    assert shown(at) == message(decks.DEFAULT_STORY[0])


def test_a_slide_keeps_the_note_its_chart_cannot_be_read_without():
    """Issue 20: Bromley Y's slide draws about 3,800 referrals under a heading about 2,600; its note says why, and
    was dropped on the slide. It stays under the chart, after the source."""
    at = open_link(deck="default", slide=str(decks.DEFAULT_STORY.index("health.bromley_y") + 1))
    assert_clean(at)
    assert "about 2,600" in shown(at)
    (spec,) = charts(at)
    assert any("about 3,800" in str(text) for trace in spec["data"] for text in trace.get("text", []))
    under = unescape(at.caption[0].value)
    assert under.startswith("Source: ")
    assert "The basis of the projection" in under and "not the around 3,800 its summary says" in under
