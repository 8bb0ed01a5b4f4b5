"""Presentation mode in headless Chromium at 1920x1080, a projector's size: the message is a heading of at least
40 px and the source under the chart at least 24 px, with no sidebar; the right arrow key steps to the next slide
and into the link. Both slides are saved to artifacts/screenshots/ to look at."""

from __future__ import annotations

import re

import pytest

from definitions import decks
from loaders.paths import ROOT
from tests.e2e.server import ErrorLog, settle

pytestmark = pytest.mark.e2e

SCREEN = {"width": 1920, "height": 1080}
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
HEADING = "[data-testid='stMain'] h1"
SOURCE = "[data-testid='stMain'] [data-testid='stCaptionContainer']"
FONT_SIZE_JS = "(el) => parseFloat(getComputedStyle(el).fontSize)"
# What the slide shows, and where it ends: the slide bar must sit on the screen, not below the fold.
SHOWN_JS = """() => {
  const visible = (sel) => [...document.querySelectorAll(sel)].some((el) => el.checkVisibility());
  const bar = [...document.querySelectorAll("[data-testid='stMain'] button")].map((b) => b.getBoundingClientRect());
  return {sidebar: visible("[data-testid='stSidebar']"), header: visible("[data-testid='stHeader']"),
          barBottom: Math.max(...bar.map((r) => r.bottom))};
}"""


def shown_slide(page) -> dict:
    assert not settle(page).timed_out
    page.wait_for_selector(".js-plotly-plot .main-svg")
    return {
        "heading": page.locator(HEADING).inner_text().strip(),
        "heading_px": page.locator(HEADING).evaluate(FONT_SIZE_JS),
        "source_px": page.locator(SOURCE).first.evaluate(FONT_SIZE_JS),
        "counter": page.get_by_text(re.compile(r"^Slide \d+ of \d+$")).inner_text(),
        **page.evaluate(SHOWN_JS),
    }


def test_two_slides_at_1920x1080_in_large_type_stepped_by_the_arrow_key(browser, base_url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=SCREEN)
    try:
        page = context.new_page()
        errors = ErrorLog().attach(page)
        page.goto(base_url + "present?deck=default&slide=1")
        first = shown_slide(page)
        page.screenshot(path=str(SCREENSHOTS / "present-slide-1-1920x1080.png"))
        assert first["heading_px"] >= 40 and first["source_px"] >= 24, first
        assert not first["sidebar"] and not first["header"], first
        assert first["barBottom"] <= SCREEN["height"], f"the slide bar is below the screen: {first}"
        assert first["counter"] == f"Slide 1 of {len(decks.DEFAULT_STORY)}"

        page.keyboard.press("ArrowRight")  # nothing focused, as the page opens
        page.wait_for_function("() => new URL(location.href).searchParams.get('slide') === '2'", timeout=30_000)
        page.wait_for_function(
            f"(h) => document.querySelector({HEADING!r})?.innerText.trim() !== h", arg=first["heading"]
        )
        second = shown_slide(page)
        page.screenshot(path=str(SCREENSHOTS / "present-slide-2-1920x1080.png"))
        assert second["counter"] == f"Slide 2 of {len(decks.DEFAULT_STORY)}"
        assert second["heading"] != first["heading"] and second["heading_px"] >= 40, second
        assert not errors.errors, errors.errors
    finally:
        context.close()
