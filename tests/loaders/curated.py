"""What the build must produce, counted from the curated files themselves with the csv module.

Tests compare the built tables with these counts instead of numbers typed in, so a valid new indicator or
figure never breaks them (tests/loaders/test_growth.py proves it on a grown copy of the data). Independent of
the loaders on purpose: plain `csv.DictReader` over the files `data/datapackage.json` lists.
"""

from __future__ import annotations

import csv
import json
from collections import Counter

from loaders.paths import DataPaths
from loaders.schema import TABLES

FIGURES = "figures_"  # the datapackage's resources of strategy figures: one per theme
# Tables with one row per row of the curated file of the same name.
ONE_ROW_PER_LINE = ("sources", "sections", "village", "services", "levels_of_need")


def resources(paths: DataPaths) -> dict[str, str]:
    """Each resource of data/datapackage.json, by name, with its file's path under data/."""
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    return {resource["name"]: resource["path"] for resource in package["resources"]}


def rows(paths: DataPaths, resource: str) -> list[dict[str, str]]:
    with open(paths.data / resources(paths)[resource], encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def figure_rows(paths: DataPaths) -> dict[str, list[dict[str, str]]]:
    """The data rows of each theme's figures file, by theme."""
    return {
        name.removeprefix(FIGURES): rows(paths, name) for name in sorted(resources(paths)) if name.startswith(FIGURES)
    }


def observations(paths: DataPaths) -> list[dict[str, str]]:
    return [row for theme_rows in figure_rows(paths).values() for row in theme_rows]


def rows_by_theme(paths: DataPaths) -> dict[str, int]:
    return {theme: len(theme_rows) for theme, theme_rows in figure_rows(paths).items()}


def statuses(paths: DataPaths) -> dict[str, int]:
    return dict(Counter(row["status"] for row in observations(paths)))


def public_indicators(paths: DataPaths) -> set[str]:
    """The public indicators data/metadata/public_indicators.csv declares (the shipped releases feed each)."""
    return {row["indicator_id"] for row in rows(paths, "public_indicators")}


def indicators_with_figures(paths: DataPaths) -> set[str]:
    """Indicators with observations: those of the strategy's figure rows, and every declared public one."""
    return {row["indicator_id"] for row in observations(paths)} | public_indicators(paths)


def table_files(paths: DataPaths) -> int:
    """Files a build writes: one per indicator with observations, one for each other table."""
    return len(indicators_with_figures(paths)) + len(TABLES) - 1


def table_rows(paths: DataPaths) -> dict[str, int]:
    """Rows of the tables that hold one row per curated line (data_quality adds the arithmetic it finds)."""
    counted = {name: len(rows(paths, name)) for name in ONE_ROW_PER_LINE}
    return counted | {"arithmetic_checks": len(rows(paths, "arithmetic_checks"))}


def build_message_parts(paths: DataPaths) -> list[str]:
    """What `python -m loaders --force` must say it built: tables, files, and the rows of each
    ("... Rows: observations 167 (cost 4, ...); indicators 84, ..., data_quality 20.")."""
    themes = ", ".join(f"{theme} {count:,}" for theme, count in rows_by_theme(paths).items())
    return [
        f"Built {len(TABLES)} tables ({table_files(paths)} files) in ",
        f" (strategy: {themes}; releases ",
        # each of these is followed by another table (data_quality comes last), hence the comma
        *(f" {name} {count:,}," for name, count in table_rows(paths).items()),
    ]
