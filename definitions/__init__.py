"""Every chart and headline card the dashboard shows, declared once, outside Streamlit, with a stable id.

Pages list the ids they show; decks, permalinks and the command line (`python -m exports`) use the same ones.
A definition's page is the first part of its id; its module lists its page's definitions in page order.
"""

from __future__ import annotations

import difflib

from definitions import (
    cost,
    deprivation,
    diversity,
    education,
    family_support,
    health,
    overview,
    population,
    safety,
    services,
    social_care,
    village,
)
from definitions.model import Card, Chart, Choice, Definition, Draw

MODULES = [overview, village, population, diversity, deprivation, education, health, family_support, safety]
MODULES += [social_care, cost, services]
DEFINITIONS: dict[str, Definition] = {d.id: d for module in MODULES for d in module.DEFINITIONS}


class UnknownDefinition(KeyError):
    """An id no definition has (a stale deck or link): the message names it and the nearest ids."""

    def __str__(self) -> str:
        return self.args[0]


def get(definition_id: str) -> Definition:
    """The definition of `definition_id`, or UnknownDefinition naming it and suggesting the closest ids."""
    try:
        return DEFINITIONS[definition_id]
    except KeyError:
        close = difflib.get_close_matches(definition_id, DEFINITIONS, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownDefinition(f"no chart or card has the id '{definition_id}'{hint}") from None


def charts() -> list[Chart]:
    return [d for d in DEFINITIONS.values() if isinstance(d, Chart)]


def cards() -> list[Card]:
    return [d for d in DEFINITIONS.values() if isinstance(d, Card)]


def of_page(page: str) -> list[Definition]:
    return [d for d in DEFINITIONS.values() if d.page == page]


def page_drawing(indicator_id: str) -> str | None:
    """The first theme page that charts `indicator_id` (or shows it on a card): where a headline links to."""
    for definition in DEFINITIONS.values():
        if definition.page == "overview":
            continue
        if indicator_id in drawn_by(definition):
            return definition.page
    return None


def drawn_by(definition: Definition) -> set[str]:
    """The indicators a chart draws (its rows, and rows its options select) or a card shows."""
    if isinstance(definition, Card):
        return {definition.indicator}
    options = [v for v in definition.options.values() if isinstance(v, Draw)]
    return {i for draw in (definition.draws, *options) for i in draw.indicators}


__all__ = [
    "DEFINITIONS",
    "Card",
    "Chart",
    "Choice",
    "Definition",
    "Draw",
    "UnknownDefinition",
    "cards",
    "charts",
    "get",
]
