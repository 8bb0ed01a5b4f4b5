"""Fill a message template from the data: `str.format` fields that name facts (insight.facts), never figures.

    fill("MASH enquiries {mash_enquiries.direction} to {mash_enquiries.latest}", context)

A context maps names to facts: each indicator id to the Facts of its rows (those the chart draws, else all of
the indicator's figures, so a message may cite a figure the strategy states beside the chart, such as the
change it gives for a drawn series), `rows` to the facts of the whole frame a chart draws, `home` to the home
area's name. A name the context lacks is a bug in the template
(TemplateError); a figure the data lacks is MissingData, which a page shows as a missing figure.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

import pandas as pd

from insight.facts import Facts, MissingData


class TemplateError(KeyError):
    """A template names something no context provides: a bug in the template, not missing data."""


class FactsContext(Mapping):
    """Names a template may use: explicit ones first, then any indicator id of `frame` (its Facts)."""

    def __init__(
        self,
        frame: pd.DataFrame,
        explicit: Mapping[str, object] | None = None,
        *,
        fallback: Callable[[str], pd.DataFrame] | None = None,
        known: Callable[[str], bool] | None = None,
    ):
        self.frame = frame
        self.fallback = fallback
        self.explicit = dict(explicit or {})
        self.known = known  # does an indicator of this id exist at all (in the indicators table)?
        self._facts: dict[str, Facts] = {}

    def __getitem__(self, name: str):
        if name in self.explicit:
            return self.explicit[name]
        if name in self._facts:
            return self._facts[name]
        if "indicator_id" in self.frame and (rows := self.frame[self.frame["indicator_id"] == name]).size:
            self._facts[name] = Facts(rows)
            return self._facts[name]
        known = self.known is None or self.known(name)
        if self.fallback is not None and known and (rows := self.fallback(name)).size:
            self._facts[name] = Facts(rows)
            return self._facts[name]
        if self.known is not None and self.known(name):
            raise MissingData(f"the figures of {name}")
        raise TemplateError(f"the template names {{{name}}}, which is neither an indicator nor a known word")

    def __iter__(self):
        return iter(self.explicit)

    def __len__(self) -> int:
        return len(self.explicit)


class _Formatter(string.Formatter):
    def __init__(self, escape: Callable[[str], str] | None):
        self.escape = escape

    def get_value(self, key, args, kwargs):
        return kwargs[key]

    def format_field(self, value, format_spec):
        text = super().format_field(value, format_spec)
        return self.escape(text) if self.escape else text


def fill(template: str, context: Mapping, *, escape: Callable[[str], str] | None = None) -> str:
    """The template with every field filled from `context`, as a sentence (its first letter a capital).
    `escape` is applied to each filled value (not to the template's own words, which may be Markdown)."""
    text = _Formatter(escape).vformat(template, (), context)
    return text[:1].upper() + text[1:]


def fields(template: str) -> list[str]:
    """The field names of a template, e.g. ['mash_enquiries.latest'] (for checks of the definitions)."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]
