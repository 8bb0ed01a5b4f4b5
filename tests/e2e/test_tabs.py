"""Tabs kept in the link, in headless Chromium: a click on a tab writes it to the address (education's sections,
Data and sources' tabs), and a link naming a tab opens it, with only that tab's charts drawn and no error."""

from __future__ import annotations

import pytest

import definitions
from tests.e2e.server import settle

pytestmark = pytest.mark.e2e

MAIN = "[data-testid='stMain']"


def charts_in(section: str) -> int:
    return sum(1 for d in definitions.of_page("education") if isinstance(d, definitions.Chart) and d.section == section)


@pytest.mark.parametrize(
    ("path", "key", "label"), [("education", "section", "The gaps"), ("data_sources", "tab", "Sources")]
)
def test_a_click_on_a_tab_puts_it_in_the_link(desktop, base_url, path, key, label):
    page, errors = desktop
    page.goto(base_url + path)
    assert not settle(page).timed_out
    page.get_by_role("tab", name=label).click()
    page.wait_for_url(f"**{key}={label.replace(' ', '+')}**", timeout=30_000)
    assert not settle(page).timed_out
    assert page.get_by_role("tab", name=label).get_attribute("aria-selected") == "true"
    assert not errors.errors, errors.errors


def test_a_link_to_a_section_opens_it_and_draws_only_its_charts(desktop, base_url):
    page, errors = desktop
    page.goto(base_url + "education?section=The+gaps")
    assert not settle(page).timed_out
    assert page.get_by_role("tab", name="The gaps").get_attribute("aria-selected") == "true"
    page.locator(f"{MAIN} .js-plotly-plot").first.wait_for(timeout=30_000)
    assert page.locator(f"{MAIN} .js-plotly-plot").count() == charts_in("The gaps")
    assert not errors.errors, errors.errors
