"""A view's link reopens it: the explorer's URL, as the page rewrote it, opened in a fresh browser context (no
cookies, no session) draws the same chart; so does the comparison page's."""

from __future__ import annotations

import pytest

from tests.e2e.server import settle

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1440, "height": 1000}
CHARTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map((plot) => plot.data.map((trace) => ({
    name: trace.name, x: Array.from(trace.x || []).map(String), y: Array.from(trace.y || []).map(Number)})))"""


def drawn(browser, url: str) -> tuple[str, list]:
    """The page's URL once it settled (the page writes its choices into it) and every chart's traces."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(url)
        settled = settle(page)
        assert not settled.timed_out, f"{url} did not settle: {settled.last}"
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length > 0", timeout=30_000)
        return page.url, page.evaluate(CHARTS_JS)
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    ["explorer?ind=csc_referrals,children&base=2021", "compare?indicator=cla_rate_31_march&compare=E09000004"],
)
def test_a_link_opened_in_a_fresh_browser_draws_the_same_chart(browser, base_url, path):
    link, first = drawn(browser, base_url + path)
    assert first and first[0], f"{path}: no chart drawn"
    for key in path.split("?", 1)[1].split("&"):
        name = key.split("=")[0]
        assert f"{name}=" in link, f"the page dropped {name} from its link: {link}"
    again_link, again = drawn(browser, link)
    assert again == first
    assert again_link == link
    if path.startswith("explorer"):  # the page wrote the rest of its view into the link
        assert "areas=" in link and "from=" in link and "to=" in link


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("data_sources?q=referrals", "input[aria-label='Search the figures']"),
        (  # not the first choice, which the page shows anyway
            "village?circumstance=Be+eligible+for+Free+School+Meals",
            "[data-testid='stButtonGroup'] [aria-checked='true']",
        ),
    ],
)
def test_a_pages_own_choice_survives_a_reload_in_a_fresh_browser(browser, base_url, path, shown):
    """The search of Data and sources and the village's circumstance come back from the link, not the session."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        assert not settle(page).timed_out
        page.reload()
        assert not settle(page).timed_out
        chosen = page.locator(shown).first
        value = chosen.input_value() if path.startswith("data_sources") else chosen.inner_text()
        assert value.strip() == (
            "referrals" if path.startswith("data_sources") else "Be eligible for Free School Meals"
        )
        assert path.split("?", 1)[1].split("=")[0] + "=" in page.url
    finally:
        context.close()
