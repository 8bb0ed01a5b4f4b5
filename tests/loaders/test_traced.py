"""Every published figure traces to the strategy: its quote is in the text and holds the value as written.

Deliberately independent of the loaders' own checker: plain substring tests and a formatter written here,
so a bug in the build's tracing cannot hide a figure that does not trace.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from loaders.paths import DEFAULT
from tests.loaders import curated

TEXT = re.sub(r"\s+", " ", DEFAULT.strategy_text.read_text(encoding="utf-8"))
WORDS = {1: "one", 2: "two", 3: "third", 4: "four", 6: "six", 8: "eight"}


def written_forms(value: float, unit: str) -> set[str]:
    """The ways the strategy writes a number: 73,400 / 8.3 / £83 million / £17 billion / 2.0 / words."""
    value = abs(value)
    forms = {f"{value:,.0f}" if value == int(value) else f"{value:,g}", f"{value:.1f}"}
    if unit == "gbp" and value >= 1e9:
        forms.add(f"£{value / 1e9:g} billion")
    elif unit == "gbp" and value >= 1e6:
        forms.add(f"£{value / 1e6:g} million")
    if value in WORDS:
        forms |= {WORDS[value], WORDS[value].capitalize()}
    return forms


def published_rows(table) -> list[dict]:
    return table.to_dict("records")


@pytest.fixture(scope="module")
def observations(project_tables) -> pd.DataFrame:
    """The strategy's own figures: what these tests trace to its text."""
    from loaders.store.tables import read_observations

    return read_observations(project_tables, kinds=["strategy"])


def test_there_are_figures_for_every_theme(observations, project_tables):
    by_theme = observations["theme"].value_counts().to_dict()
    assert by_theme == curated.rows_by_theme(project_tables)
    assert len(observations) == len(curated.observations(project_tables))


def test_every_quote_is_in_the_strategy_text(observations):
    missing = [f"{r.curated_file}:{r.curated_line}" for r in observations.itertuples() if r.quote not in TEXT]
    assert not missing


def test_every_value_as_written_is_in_its_quote(observations, project_tables):
    published = observations[observations["status"] != "derived"]
    missing = [f"{r.curated_file}:{r.curated_line}" for r in published.itertuples() if r.value_text not in r.quote]
    assert not missing
    assert len(published) == sum(row["status"] != "derived" for row in curated.observations(project_tables))


def test_every_value_is_stated_by_its_value_as_written(observations):
    wrong = []
    for row in observations[observations["status"] != "derived"].itertuples():
        values = [v for v in (row.value, row.lower, row.upper) if pd.notna(v)]
        if not all(any(form in row.value_text for form in written_forms(v, row.unit)) for v in values):
            wrong.append(f"{row.curated_file}:{row.curated_line} {row.value_text!r} vs {values}")
    assert not wrong


def test_derived_rows_say_so_and_show_their_formula(observations, project_tables):
    derived = observations[observations["status"] == "derived"]
    declared = {row["indicator_id"] for row in curated.observations(project_tables) if row["status"] == "derived"}
    assert set(derived["indicator_id"]) == declared >= {"bcp_families", "bcp_children"}
    assert derived["formula"].str.contains(r"\{.+\}").all()
    assert derived["value_text"].isna().all()


@pytest.mark.parametrize("table", ["village", "services", "levels_of_need"])
def test_every_quote_of_the_other_tables_is_in_the_text(project_tables, table):
    rows = pd.read_parquet(project_tables.tables / f"{table}.parquet")
    assert rows["quote"].map(lambda q: q in TEXT).all()
    if "value_text" in rows:
        written = rows.dropna(subset=["value_text"])
        assert [v in q for v, q in zip(written["value_text"], written["quote"], strict=True)] == [True] * len(written)


def test_every_source_line_is_printed_in_the_text(project_tables):
    sources = pd.read_parquet(project_tables.tables / "sources.parquet")
    printed = sources["source_line"].dropna()
    assert len(printed) == sum(bool(row["source_line"]) for row in curated.rows(project_tables, "sources")) > 0
    assert printed.map(lambda line: line in TEXT).all()
