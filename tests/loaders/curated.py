"""What the build must produce, counted from the curated files themselves with the csv module.

Tests compare the built tables with these counts instead of numbers typed in, so a valid new indicator or
figure never breaks them (tests/loaders/test_growth.py proves it on a grown copy of the data). Independent of
the loaders on purpose: plain `csv.DictReader` over the files `data/datapackage.json` lists, and over the shipped
releases (tests/loaders/shipped.py), every measure of which is an indicator.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict

from loaders.contract.schema import TABLES
from loaders.paths import DataPaths
from tests.loaders import shipped

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


def release_indicators(paths: DataPaths) -> set[str]:
    """The public indicators the shipped releases' figures feed: every measure of every file (declared or not)."""
    return {indicator for m in shipped.measure(paths).values() for indicator in m.indicators}


def indicators_with_figures(paths: DataPaths) -> set[str]:
    """Indicators with observations: those of the strategy's figure rows, and every one the releases feed."""
    return {row["indicator_id"] for row in observations(paths)} | release_indicators(paths)


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


def home(paths: DataPaths) -> str:
    (code,) = [row["area_code"] for row in rows(paths, "areas") if row["role"] == "home"]
    return code


def half_a_unit(value_text: str, status: str) -> float:
    """How far a figure may be from the one written and still read as written: half a unit of the last place
    ("20%" is 19.5 to 20.5, "8.3%" 8.25 to 8.35); an approximate whole number, half a unit of its last non-zero
    place ("around 2,600": 2,550 to 2,650)."""
    number = re.search(r"\d[\d,]*(?:\.\d+)?", value_text).group().replace(",", "")
    if "." in number:
        return 0.5 * 10 ** -len(number.split(".")[1])
    if status != "approximate":
        return 0.5
    return 0.5 * 10 ** (len(number) - len(number.rstrip("0")))


def disagreements(paths: DataPaths) -> set[tuple[str, str]]:
    """(public indicator, period) of each linked pair the strategy and a shipped release give different figures for:
    a `same` link's published headline for the home area and a period the strategy states (observed, approximate or
    estimated) that is not the strategy's figure as written, and a `narrower` link's that is above it."""
    where = home(paths)
    stated = defaultdict(list)
    for row in observations(paths):
        if (
            row["area_code"] == where
            and row["breakdown"] == "all"
            and row["status"] in ("observed", "approximate", "estimate")
        ):
            stated[row["indicator_id"]].append(row)
    published = {}
    for m in shipped.measure(paths).values():
        for (indicator, area, period, _, breakdown), (cell, _) in m.figures.items():
            if area == where and breakdown == "all" and shipped.value_of(cell) is not None:
                published[(indicator, period)] = shipped.value_of(cell)
        for (indicator, area, period, _, _), value in m.derived.items():
            if area == where:
                published[(indicator, period)] = value
    found = set()
    for link in rows(paths, "indicator_links"):
        if link["relation"] not in ("same", "narrower"):
            continue
        for figure in stated[link["strategy_indicator_id"]]:
            other = published.get((link["public_indicator_id"], figure["period"]))
            if other is None:
                continue
            gap = other - float(figure["value"])
            allowed = half_a_unit(figure["value_text"], figure["status"]) + 1e-9
            if (link["relation"] == "narrower" and gap > 0) or (link["relation"] == "same" and abs(gap) > allowed):
                found.add((link["public_indicator_id"], figure["period"]))
    return found
