"""Search every published figure (half a million and more: every measure of every release, in every area) with the
same words as the strategy's catalogue (insight.catalogue.terms: whole words, plurals as singulars, "phrases").

A row's text is never built: each field (its indicator's title and topic, its theme, area, period, breakdown,
value and status) has few distinct values, so each distinct value's words are worked out once per build and kept
in an index (word -> the distinct values holding it). A query then looks its words up and marks the rows whose
values hold them, with numpy: tens of milliseconds, however many figures there are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from insight.catalogue import has_phrase, terms, words
from insight.format import format_observation
from insight.labels import label

COLUMNS = ["indicator_id", "area_code", "area_name", "period", "period_end", "breakdown", "value", "status",
           "theme", "release_file", "release_line"]  # fmt: skip
SHOWN = 500  # rows a page shows of what a search finds (all of them download)


@dataclass
class Field:
    """One field of the figures: each row's distinct value (by number), each distinct value's words, and which
    distinct values hold each word."""

    codes: np.ndarray
    words: list[list[str]]
    index: dict[str, np.ndarray]

    @classmethod
    def of(cls, codes: np.ndarray, texts: list) -> Field:
        words_by_value = [words(text) for text in texts]
        holding: dict[str, list[int]] = {}
        for number, field_words in enumerate(words_by_value):
            for word in set(field_words):
                holding.setdefault(word, []).append(number)
        return cls(codes, words_by_value, {word: np.array(numbers) for word, numbers in holding.items()})

    def rows_with(self, phrase: tuple[str, ...]) -> np.ndarray:
        """Which rows hold the phrase (its words, in order) in this field."""
        candidates = self.index.get(phrase[0])
        if candidates is None:
            return np.zeros(len(self.codes), dtype=bool)
        if len(phrase) > 1:
            candidates = np.array([c for c in candidates if has_phrase(phrase, self.words[c])], dtype=int)
        holds = np.zeros(len(self.words) + 1, dtype=bool)
        holds[candidates] = True
        return holds[self.codes]


@dataclass
class PublishedFigures:
    """Every published figure, and an index of its fields' words."""

    rows: pa.Table  # COLUMNS, plain text
    fields: dict[str, Field]
    theme: np.ndarray  # each row's theme (code), for the filters
    status: np.ndarray
    area: np.ndarray
    order: np.ndarray | None = None  # every row's place in reading order (set by `in_reading_order`)

    @classmethod
    def build(cls, rows: pa.Table, indicators) -> PublishedFigures:
        """From the release rows (`rows`, COLUMNS) and the indicators table (their words)."""
        words_of = indicators.set_index("indicator_id")
        fields = {}
        for name in ("indicator_id", "area_name", "period", "breakdown", "status", "value"):
            column = rows[name]
            if name == "value":  # the number as a person types it: 343, 23.6 (thousands separators go)
                column = pc.cast(column, pa.string())
            codes, values = distinct(column)
            if name == "indicator_id":  # an indicator is found by its title, topic and theme in words
                texts = [_indicator_words(words_of, value) for value in values]
            elif name == "status":
                texts = [label("status", value) for value in values]
            else:
                texts = values
            fields[name] = Field.of(codes, texts)

        def plain(name: str) -> np.ndarray:
            codes, values = distinct(rows[name])
            return np.array([*values, None], dtype=object)[codes]

        return cls(rows, fields, plain("theme"), plain("status"), plain("area_code"))

    def in_reading_order(self, areas, home: str) -> PublishedFigures:
        """Rank every row once: the home area first, then its region and country, then the other areas by name;
        within an area by indicator, newest period first."""
        from insight.areas import role_rank

        roles = dict(zip(areas["area_code"], areas["role"], strict=True))
        names = dict(zip(areas["area_code"], areas["area_name"], strict=True))
        codes, values = distinct(self.rows["area_code"])
        by_area = sorted(range(len(values)), key=lambda k: (values[k] != home, role_rank(roles.get(values[k])),
                                                              str(names.get(values[k], values[k]))))  # fmt: skip
        place = np.empty(len(values) + 1, dtype=np.int64)
        place[by_area] = np.arange(len(by_area))
        place[-1] = len(by_area)
        indicator = self.fields["indicator_id"].codes
        end = self.rows["period_end"].cast(pa.int32()).fill_null(0).to_numpy(zero_copy_only=False)
        self.order = np.lexsort((-end.astype(np.int64), indicator, place[codes])).argsort()
        return self

    def first(self, rows: np.ndarray, limit: int | None) -> np.ndarray:
        """The rows found, in reading order, at most `limit` of them."""
        ranked = rows[np.argsort(self.order[rows], kind="stable")] if self.order is not None else rows
        return ranked if limit is None else ranked[:limit]

    def find(self, text: str, *, themes=(), statuses=(), areas=()) -> np.ndarray:
        """The positions of the rows holding every word and phrase of `text` (each within one field), within the
        themes, statuses and areas (codes) chosen; every row when nothing is asked."""
        keep = np.ones(self.rows.num_rows, dtype=bool)
        for wanted, values in ((themes, self.theme), (statuses, self.status), (areas, self.area)):
            if wanted:
                keep &= np.isin(values, list(wanted))
        for phrase in terms(text):
            keep &= np.logical_or.reduce([field.rows_with(phrase) for field in self.fields.values()])
        return np.flatnonzero(keep)


def _shown_value(row) -> str:
    if row.status == "suppressed":
        return "suppressed"
    figure = {"unit": row.unit, "unit_label": row.unit_label, "status": row.status, "value": row.value}
    return format_observation({**figure, "source_kind": "release"})


def distinct(column) -> tuple[np.ndarray, list]:
    """Each row's value by number (a missing value numbered last), and the distinct values: a column the files keep
    as dictionaries is read chunk by chunk (each chunk's few values), any other is hashed by Arrow."""
    from loaders.releases.resolve import encode

    if pa.types.is_dictionary(column.type):
        numbers, _ = encode(column)
        values: dict = {}
        for chunk in column.chunks:
            for value in chunk.dictionary.to_pylist():
                values.setdefault(value, len(values))
        ordered = list(values)
    else:
        encoded = pc.dictionary_encode(column).combine_chunks()
        numbers = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        ordered = encoded.dictionary.to_pylist()
    return np.where(numbers < 0, len(ordered), numbers), ordered


def _indicator_words(indicators, indicator_id: str) -> str:
    if indicator_id not in indicators.index:
        return indicator_id
    row = indicators.loc[indicator_id]
    parts = [row.get("title"), row.get("topic"), label("theme", row.get("theme")), row.get("publisher_indicator_id")]
    return " · ".join(str(p) for p in parts if isinstance(p, str) and p)


def shown_table(index: PublishedFigures, rows: np.ndarray, indicators, limit: int | None = SHOWN):
    """What a search found, as a person reads it (pandas), in reading order (PublishedFigures.in_reading_order):
    each value in its unit, each row's file and line. `limit` rows at most (None: all, for a download)."""
    import pandas as pd

    from loaders.store.tables import as_text

    chosen = index.first(rows, limit)
    taken = index.rows.take(pa.array(chosen)) if len(chosen) else index.rows.schema.empty_table()
    frame = as_text(taken).to_pandas()
    words = indicators.set_index("indicator_id")
    joined = frame.join(words[["title", "unit", "unit_label"]], on="indicator_id")
    values = [_shown_value(r) for r in joined.itertuples(index=False)]
    return pd.DataFrame(
        {
            "Figure": joined["title"].fillna(joined["indicator_id"]),
            "Area": joined["area_name"],
            "Period": joined["period"],
            "Breakdown": joined["breakdown"].where(joined["breakdown"] != "all", "–"),
            "Value": values,
            "File and line": joined["release_file"] + ", line " + joined["release_line"].astype("Int64").astype(str),
        }
    )
