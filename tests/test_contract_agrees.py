"""Where a piece of the contract is copied into code, the copy agrees with its one declaration: the curated
Table Schema of the observations (data/schemas/observations.json). Units and statuses are declared there; the
Parquet columns' descriptions (loaders/contract/schema.py), the words people read (insight.labels, insight.format) and the
rates' bases take them from it or must name the same ones."""

from __future__ import annotations

import json
import re

import pytest

from insight.format import RATE_BASES, STATUS_WORDS
from insight.labels import VOCABULARIES
from loaders.contract.schema import DESCRIPTIONS, OBSERVATIONS, TABLES, arrow_schema, declared_codes
from loaders.paths import ROOT


def declared(field: str) -> list[str]:
    schema = json.loads((ROOT / "data" / "schemas" / "observations.json").read_text(encoding="utf-8"))
    (found,) = [f for f in schema["fields"] if f["name"] == field]
    return found["constraints"]["enum"]


def described(column: str) -> list[str]:
    """The codes a Parquet column's description names, in its order (the words before any parenthesis)."""
    (found,) = [c for c in OBSERVATIONS if c.name == column]
    text = re.sub(r"\([^)]*\)", "", found.description)
    return re.findall(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", text.replace(" or ", ", "))


def test_the_parquet_descriptions_name_every_declared_unit_and_status():
    assert described("unit") == declared("unit")
    assert described("status") == declared("status")


def test_every_declared_unit_and_status_has_words_for_people():
    assert set(VOCABULARIES["unit"]) == set(declared("unit"))
    assert set(VOCABULARIES["status"]) == set(STATUS_WORDS)
    # one more than the tables hold: a point charts draw between published ones, never a row
    assert set(STATUS_WORDS) - set(declared("status")) == {"interpolated"}
    assert set(declared("status")) <= set(STATUS_WORDS)


def test_the_rates_are_the_declared_units_per_a_population():
    rates = [unit for unit in declared("unit") if unit.startswith("per_")]
    assert list(RATE_BASES) == rates
    assert all(unit == f"per_{base}" for unit, base in RATE_BASES.items())


CODED_COLUMNS = [  # (tidy table, its column, the curated Table Schema and field that declare the codes)
    ("observations", "unit", "observations", "unit"),
    ("observations", "status", "observations", "status"),
    ("indicators", "polarity", "indicators", "polarity"),
    ("indicators", "measure", "indicators", "measure"),
    ("services", "status", "services", "status"),
    ("arithmetic_checks", "kind", "arithmetic_checks", "kind"),
    ("data_quality", "kind", "data_quality", "kind"),
    ("indicator_links", "relation", "indicator_links", "relation"),
]


@pytest.mark.parametrize(("table", "column", "schema", "field"), CODED_COLUMNS)
def test_a_coded_columns_description_names_every_code_its_curated_schema_declares(table, column, schema, field):
    declared_here = json.loads((ROOT / "data" / "schemas" / f"{schema}.json").read_text(encoding="utf-8"))
    (declaration,) = [f for f in declared_here["fields"] if f["name"] == field]
    (described_column,) = [c for c in TABLES[table] if c.name == column]
    words = set(re.findall(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", described_column.description))
    assert set(declaration["constraints"]["enum"]) <= words


def test_every_table_is_described_once():
    assert set(DESCRIPTIONS) == set(TABLES)
    assert all(arrow_schema(name).metadata[b"description"].decode() == DESCRIPTIONS[name] for name in TABLES)


def test_the_home_role_is_one_word_everywhere():
    """The layers above loaders never import them, so insight.areas names the home role too: the same word, one of
    the roles data/schemas/areas.json declares."""
    from insight.areas import HOME_ROLE as ROLE_ABOVE
    from loaders.contract.curated import HOME_ROLE

    assert HOME_ROLE == ROLE_ABOVE
    assert HOME_ROLE in declared_codes("areas", "role")
