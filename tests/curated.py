"""Expected values for page and chart tests, read from the curated files with the csv module, never from the
code under test: the strategy's figures as written, the areas' roles and the village's counts."""

from __future__ import annotations

import csv
from functools import cache

from loaders.paths import DEFAULT


@cache
def _rows(relative: str) -> tuple[dict[str, str], ...]:
    with open(DEFAULT.data / relative, encoding="utf-8-sig", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def home() -> dict[str, str]:
    """The home area's row of data/metadata/areas.csv."""
    (row,) = [row for row in _rows("metadata/areas.csv") if row["role"] == "home"]
    return row


def area(role: str) -> dict[str, str]:
    (row,) = [row for row in _rows("metadata/areas.csv") if row["role"] == role]
    return row


def indicator(indicator_id: str) -> dict[str, str]:
    """A strategy indicator's row of data/metadata/indicators.csv, or a declared public one's of
    public_indicators.csv."""
    (row,) = [
        row
        for name in ("metadata/indicators.csv", "metadata/public_indicators.csv")
        for row in _rows(name)
        if row["indicator_id"] == indicator_id
    ]
    return row


def figure(indicator_id: str, period: str, breakdown: str = "all", role: str = "home") -> dict[str, str]:
    """One curated figure of the strategy (its row of data/sources/<theme>.csv)."""
    theme = indicator(indicator_id)["theme"]
    code = area(role)["area_code"]
    (row,) = [
        row
        for row in _rows(f"sources/{theme}.csv")
        if (row["indicator_id"], row["period"], row["breakdown"], row["area_code"])
        == (indicator_id, period, breakdown, code)
    ]
    return row


def figures(indicator_id: str) -> list[dict[str, str]]:
    theme = indicator(indicator_id)["theme"]
    return [row for row in _rows(f"sources/{theme}.csv") if row["indicator_id"] == indicator_id]


def value(indicator_id: str, period: str, breakdown: str = "all", role: str = "home") -> float:
    return float(figure(indicator_id, period, breakdown, role)["value"])


def village() -> list[dict[str, str]]:
    return list(_rows("sources/village.csv"))


def published(folder: str) -> list[dict[str, str]]:
    """The records of a shipped release (data/releases/<folder>/*.csv), read with the csv module."""
    (path,) = (DEFAULT.data / "releases" / folder).glob("*.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
