"""What a chart or a headline card is, as data: its id, where it belongs, what it draws, how, and its message.

A definition names no figure: its message is a template filled from the rows it draws (insight.facts), so a
newer figure in the tables changes the words with the chart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from insight.areas import HOME_ROLE

TABLES = ("observations", "village", "services")


@dataclass(frozen=True)
class Draw:
    """Which rows a chart draws.

    `indicators` (observations), or `table` "village" / "services" with `where` (column -> value) filters.
    `breakdowns` keeps those breakdowns, in that order; without it, an indicator's headline ("all") where it
    has one, else every breakdown. `roles` keeps areas by role (home, region ...).
    `periods="latest"` keeps the home area's latest published period, for every area that has it.
    `labels` maps an indicator id, or (indicator id, breakdown), to a label template for its rows
    ("{title}", "{when}", "{period}", "{breakdown}" are filled from the row); rows without one are dropped.
    """

    indicators: tuple[str, ...] = ()
    table: str = "observations"
    breakdowns: tuple[str, ...] | None = None
    roles: tuple[str, ...] | None = None
    periods: str | None = None
    where: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str | tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self):
        if self.table not in TABLES:
            raise ValueError(f"unknown table {self.table!r}: one of {', '.join(TABLES)}")
        if self.table == "observations" and not self.indicators:
            raise ValueError("a draw of observations names its indicators")
        if self.periods not in (None, "latest"):
            raise ValueError(f"periods is None or 'latest', not {self.periods!r}")


@dataclass(frozen=True)
class Choice:
    """A choice the reader makes that changes what a chart draws (the village's circumstance): the column of
    the drawn table it filters, and the widget's label. The options are that column's values, in table order."""

    column: str
    label: str


@dataclass(frozen=True)
class Chart:
    """One chart: its stable id (`<page>.<name>`), its section of the page, what it draws and how, its message.

    `message` and `note` are templates (insight.messages). `options` go to the builder; an option that is a
    Draw is replaced by the rows it selects. `related` names indicators whose data-quality problems concern
    this chart although it does not draw them (a change the strategy states about a drawn series). `also_on`
    names other pages that show it too: a chart two pages tell is declared once, with one message.
    """

    id: str
    section: str
    builder: Callable
    draws: Draw
    message: str
    what: str
    note: str = ""
    options: Mapping[str, object] = field(default_factory=dict)
    label_by: str = "area_name"
    related: tuple[str, ...] = ()
    choice: Choice | None = None
    also_on: tuple[str, ...] = ()

    @property
    def page(self) -> str:
        return self.id.split(".")[0]


@dataclass(frozen=True)
class Card:
    """One headline figure: an indicator's latest value (or a given period's) in an area chosen by role, with
    its change since the previous figure, the verdict by polarity, its comparators and a plain meaning.

    A strategy figure that a newer release of the same measure supersedes (indicator_links, relation `same`) is
    shown as that newer figure, the strategy's as its context (`follow`). `spine` names an indicator whose every
    authority's figure places the area among England's authorities (a rate beside a count); without it, the
    figure shown is placed where it can be (rates, shares and scores)."""

    id: str
    section: str
    indicator: str
    meaning: str = ""
    breakdown: str = "all"
    role: str = HOME_ROLE
    follow: bool = True
    spine: str | None = None
    title: str = ""  # a shorter title for a table row, where the indicator's is long

    @property
    def page(self) -> str:
        return self.id.split(".")[0]


Definition = Chart | Card
