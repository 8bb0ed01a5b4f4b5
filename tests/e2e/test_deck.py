"""Your deck in headless Chromium: a slide chosen in the one choice box moves up with one button, stays chosen (so
it can move again), and the numbered list and the link follow, with no error."""

from __future__ import annotations

import pytest

import definitions
from components.deck import label
from tests.e2e.server import settle

pytestmark = pytest.mark.e2e

MAIN = "[data-testid='stMain']"
SLIDES = ("cost.per_person", "population.children", "social_care.front_door")


def listed(page) -> list[str]:
    return [
        item.strip() for item in page.locator(f"{MAIN} [data-testid='stMarkdownContainer'] ol li").all_inner_texts()
    ]


def chosen(page) -> str:
    """The words the slide choice box shows (the value of its combobox input)."""
    return page.get_by_role("combobox", name="Slide to move or remove").input_value()


def test_a_chosen_slide_moves_up_twice_and_the_list_and_link_follow(desktop, base_url):
    names = [label(definitions.get(chart_id)) for chart_id in SLIDES]
    page, errors = desktop
    page.goto(base_url + "deck?slides=" + ",".join(SLIDES))
    assert not settle(page).timed_out
    assert listed(page) == names

    page.get_by_label("Slide to move or remove").click()
    page.get_by_role("option", name=names[2]).click()
    settle(page)
    assert chosen(page) == names[2]
    up = page.get_by_role("button", name="Move up")
    up.click()
    page.locator(f"{MAIN} ol li").nth(1).get_by_text(names[2]).wait_for(timeout=30_000)
    settle(page)
    assert listed(page) == [names[0], names[2], names[1]]
    assert chosen(page) == names[2], "the moved slide stays chosen"
    up.click()
    page.locator(f"{MAIN} ol li").first.get_by_text(names[2]).wait_for(timeout=30_000)
    settle(page)
    assert listed(page) == [names[2], names[0], names[1]]
    assert page.get_by_role("button", name="Move up").is_disabled()
    assert "slides=social_care.front_door%2Ccost.per_person%2Cpopulation.children" in page.url
    assert not errors.errors, errors.errors
