"""Your deck: it starts as the default story; charts are added (here or from any chart's Data and export menu), moved and
removed, and the link follows; the deck survives a change of page; a deck file is downloaded and loaded, and one
naming a chart that no longer exists says which; a file that is not a deck is refused with its reason."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from definitions import decks
from loaders.paths import ROOT
from tests.pages.conftest import assert_clean, unescape

PAGE = "pages/deck.py"


def open_link(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(PAGE).run()


def in_url(at: AppTest) -> list[str]:
    value = at.query_params["slides"]
    return (value[0] if isinstance(value, list) else value).split(",")


def listed(at: AppTest) -> list[str]:
    """The slides as the page lists them, by chart id (the deck in the session)."""
    return list(at.session_state["deck"])


def test_it_starts_as_the_default_story_and_the_link_holds_it():
    at = open_link()
    assert_clean(at)
    assert listed(at) == list(decks.DEFAULT_STORY) == in_url(at)
    assert at.selectbox(key="deck_chosen").value == decks.DEFAULT_STORY[0]
    assert at.button(key="deck-up").disabled and not at.button(key="deck-down").disabled
    at.selectbox(key="deck_chosen").set_value(decks.DEFAULT_STORY[-1]).run()
    assert not at.button(key="deck-up").disabled and at.button(key="deck-down").disabled


def test_the_slides_are_one_numbered_list_and_one_set_of_buttons():
    """One list and three buttons, however long the deck (a row of buttons a slide made the page slow)."""
    at = open_link()
    (listing,) = [m for m in at.markdown if m.value.startswith("1. ")]
    lines = listing.value.splitlines()
    assert len(lines) == len(decks.DEFAULT_STORY)
    assert [line.split(". ", 1)[0] for line in lines] == [str(n) for n in range(1, len(lines) + 1)]
    first = decks.check(decks.Deck("", decks.DEFAULT_STORY)).charts[0]
    assert unescape(lines[0]).endswith(first.what)
    assert [b.label for b in at.button if b.key and b.key.startswith("deck-") and b.key != "deck-add"] == [
        "Move up",
        "Move down",
        "Remove",
        "Start with the default story",
    ]
    assert at.selectbox(key="deck_chosen").options == [unescape(line.split(". ", 1)[1]) for line in lines]


def test_add_move_and_remove_and_the_link_follows():
    at = open_link(slides="cost.per_person,population.children")
    at.selectbox(key="deck_pick").set_value("social_care.front_door")
    at.button(key="deck-add").click().run()
    assert listed(at) == ["cost.per_person", "population.children", "social_care.front_door"] == in_url(at)
    at.selectbox(key="deck_chosen").set_value("social_care.front_door").run()
    at.button(key="deck-up").click().run()
    assert in_url(at) == ["cost.per_person", "social_care.front_door", "population.children"]
    at.button(key="deck-up").click().run()  # the moved slide stays chosen, so it moves again
    assert in_url(at) == ["social_care.front_door", "cost.per_person", "population.children"]
    assert at.button(key="deck-up").disabled
    at.selectbox(key="deck_chosen").set_value("cost.per_person").run()
    at.button(key="deck-remove").click().run()
    assert listed(at) == ["social_care.front_door", "population.children"] == in_url(at)
    assert at.selectbox(key="deck_chosen").value == "population.children"  # the next slide is chosen
    assert_clean(at)
    present = [p for p in at.get("page_link") if p.proto.label == "Present this deck"]
    assert (
        len(present) == 1
        and present[0].proto.query_string == "slides=social_care.front_door%2Cpopulation.children&slide=1"
    )


def test_a_chart_added_from_its_page_is_in_the_deck_after_a_change_of_page():
    at = open_link(slides="cost.per_person")
    at.switch_page("pages/health.py").run()
    at.session_state["health.bromley_y-data"] = True  # its Data and export menu, opened
    at.run()
    at.button(key="health.bromley_y-deck").click().run()
    assert at.toast and "added to your deck" in at.toast[0].value
    at.switch_page(PAGE).run()
    assert listed(at) == ["cost.per_person", "health.bromley_y"] == in_url(at)


def test_the_deck_downloads_as_a_file_that_loads_again():
    at = open_link(slides="cost.per_person,population.children")
    (download,) = [d for d in at.get("download_button") if d.proto.id.endswith("deck-download")]
    assert download.proto.label == "Download this deck (JSON)"
    at.button(key="deck-default").click().run()
    assert listed(at) == list(decks.DEFAULT_STORY)
    text = decks.to_json(decks.Deck("Board", ("population.children", "cost.per_person")))
    at.get("file_uploader")[0].set_value(("board.json", text.encode(), "application/json")).run()
    assert listed(at) == ["population.children", "cost.per_person"] == in_url(at)
    assert not at.warning


def test_a_deck_file_naming_a_chart_that_no_longer_exists_says_which_and_keeps_the_rest():
    at = open_link()
    text = json.dumps({"name": "Old", "slides": ["cost.per_person", "health.old_chart", "population.children"]})
    at.get("file_uploader")[0].set_value(("old.json", text.encode(), "application/json")).run()
    assert not at.exception
    (warning,) = at.warning
    assert "old.json" in unescape(warning.value) and "“health.old_chart”" in unescape(warning.value)
    assert listed(at) == ["cost.per_person", "population.children"] == in_url(at)


def test_a_file_that_is_not_a_deck_is_refused_with_its_reason_and_the_deck_kept():
    at = open_link(slides="cost.per_person")
    at.get("file_uploader")[0].set_value(("notes.json", b'{"name": "x"}', "application/json")).run()
    assert not at.exception
    assert 'notes.json needs "slides"' in unescape(at.warning[0].value)
    assert listed(at) == ["cost.per_person"]


def test_a_link_naming_a_chart_that_no_longer_exists_says_which():
    at = open_link(slides="cost.per_person,no.such_chart")
    assert "“no.such_chart”" in unescape(at.warning[0].value)
    assert listed(at) == ["cost.per_person"] == in_url(at)
