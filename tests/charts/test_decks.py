"""Decks: the default story names only charts that exist, in its order; a deck naming a chart that no longer
exists keeps the rest and says which; a deck file that is not a deck is refused with a reason."""

from __future__ import annotations

import pytest

import definitions
from definitions import decks


def test_the_default_story_is_a_dozen_charts_that_exist_each_once():
    checked = decks.check(decks.default())
    assert checked.unknown == []
    assert [chart.id for chart in checked.charts] == list(decks.DEFAULT_STORY)
    assert 10 <= len(decks.DEFAULT_STORY) <= 14 and len(set(decks.DEFAULT_STORY)) == len(decks.DEFAULT_STORY)


def test_the_story_starts_with_the_borough_and_ends_with_the_cost_of_acting_late():
    pages = [chart_id.split(".")[0] for chart_id in decks.DEFAULT_STORY]
    assert pages[0] == "population" and pages[-1] == "cost"
    assert "village" in pages and "social_care" in pages


def test_an_unknown_id_or_a_card_is_named_and_the_rest_kept_in_order():
    card = next(d.id for d in definitions.DEFINITIONS.values() if not isinstance(d, definitions.Chart))
    deck = decks.Deck("mine", ("cost.per_person", "no.such_chart", card, "population.children"))
    checked = decks.check(deck)
    assert [c.id for c in checked.charts] == ["cost.per_person", "population.children"]
    assert checked.unknown == ["no.such_chart", card]


def test_a_deck_survives_a_round_trip_through_its_file():
    deck = decks.Deck("Board, March", ("cost.per_person", "population.children"))
    assert decks.from_json(decks.to_json(deck)) == deck


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "mine.json is not JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
        ('{"name": "x"}', 'mine.json needs "slides": a list of chart ids'),
        ('{"slides": [1, 2]}', 'mine.json needs "slides": a list of chart ids'),
        ("[]", 'mine.json needs "slides": a list of chart ids'),
    ],
)
def test_a_file_that_is_not_a_deck_is_refused_with_its_reason(text, reason):
    with pytest.raises(decks.DeckError) as raised:
        decks.from_json(text, "mine.json")
    assert str(raised.value).startswith(reason)


def test_a_missing_deck_file_is_named(tmp_path):
    with pytest.raises(decks.DeckError, match=f"cannot read the deck file {tmp_path / 'gone.json'}"):
        decks.read(tmp_path / "gone.json")
