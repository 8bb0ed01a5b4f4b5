"""A chart's "Data and export" menu in headless Chromium: drawn only when opened (components.blocks.chart_block),
opening it shows its table, CSV download, exports and the way into the deck, with no error."""

from __future__ import annotations

import pytest

import definitions
from tests.e2e.server import settle

pytestmark = pytest.mark.e2e

MAIN = "[data-testid='stMain']"


def test_opening_a_charts_data_and_export_menu_draws_it(desktop, base_url):
    chart = next(d for d in definitions.of_page("education") if isinstance(d, definitions.Chart))
    name = chart.what[:1].upper() + chart.what[1:]
    page, errors = desktop
    page.goto(base_url + "education")
    assert not settle(page).timed_out
    assert page.locator(f"{MAIN} [data-testid='stDataFrame']").count() == 0, "closed menus draw nothing"

    page.get_by_text(f"Data and export: {chart.what}", exact=True).click()
    download = page.get_by_role("button", name=f"Download the data of {chart.what} (CSV)")
    download.wait_for(timeout=30_000)
    table = page.locator(f"{MAIN} [data-testid='stExpander'] [data-testid='stDataFrame']")
    table.first.wait_for(timeout=30_000)
    assert table.count() == 1

    page.get_by_role("button", name=f"Add to your deck: {name}").wait_for(timeout=30_000)
    page.get_by_role("button", name=f"Add to your deck: {name}").click()
    page.get_by_text(f"{name}: added to your deck.").wait_for(timeout=30_000)
    assert not errors.errors, errors.errors
