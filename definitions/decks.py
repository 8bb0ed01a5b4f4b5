"""Decks: ordered lists of chart ids to present or export. The default story is declared here, once; a deck of
an analyst's own is a small JSON file (`{"name": ..., "slides": [chart ids]}`) or a URL's `?slides=` list.

A deck naming a chart that no longer exists is not refused as a whole: `check` splits it into the charts it can
show and the ids it cannot, so the caller says which are missing and shows the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import definitions

DEFAULT = "default"

# The strategy's story from the data, in the order a board meeting hears it: the borough and its children, who
# they are (the village of 100), the gaps they face, the pressure on services, what has been published since
# the strategy, and what acting late costs.
DEFAULT_STORY = (
    "population.residents",
    "population.children",
    "diversity.minority_ethnic_shares",
    "village.ethnic_groups",
    "village.all_circumstances",
    "deprivation.children_low_income",
    "education.attainment8_fsm_gap",
    "education.early_learning_black_heritage_gap",
    "health.bromley_y",
    "social_care.front_door",
    "social_care.looked_after_rate",
    "cost.per_person",
)


class DeckError(ValueError):
    """A deck file that cannot be read: not JSON, or not {"name": text, "slides": [chart ids]}."""


@dataclass(frozen=True)
class Deck:
    name: str
    slides: tuple[str, ...]


@dataclass(frozen=True)
class Checked:
    """A deck's slides split into the charts that exist (in order) and the ids that name none."""

    deck: Deck
    charts: list = field(default_factory=list)  # definitions.Chart, in slide order
    unknown: list[str] = field(default_factory=list)


def default() -> Deck:
    return Deck("The strategy's story", DEFAULT_STORY)


def check(deck: Deck) -> Checked:
    """The deck's charts that exist, and the ids that do not (or name a headline card, not a chart)."""
    charts, unknown = [], []
    for chart_id in deck.slides:
        try:
            chart = definitions.get(chart_id)
        except definitions.UnknownDefinition:
            unknown.append(chart_id)
            continue
        if isinstance(chart, definitions.Chart):
            charts.append(chart)
        else:  # a headline card: not a slide
            unknown.append(chart_id)
    return Checked(deck, charts, unknown)


def from_json(text: str, file_name: str = "the deck file") -> Deck:
    """A deck from its JSON text; a DeckError naming `file_name` and what is wrong otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DeckError(f"{file_name} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    slides = data.get("slides") if isinstance(data, dict) else None
    if not isinstance(slides, list) or not all(isinstance(s, str) for s in slides):
        raise DeckError(f'{file_name} needs "slides": a list of chart ids (python -m exports list names them)')
    name = data.get("name") if isinstance(data.get("name"), str) else "A deck"
    return Deck(name, tuple(slides))


def to_json(deck: Deck) -> str:
    return json.dumps({"name": deck.name, "slides": list(deck.slides)}, indent=2) + "\n"


def read(path: Path) -> Deck:
    """A deck file; a DeckError naming the file when it is missing or malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DeckError(f"cannot read the deck file {path}: {exc.strerror}") from None
    return from_json(text, str(path))
