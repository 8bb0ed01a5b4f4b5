"""The strategy's own figures: `data/sources/<theme>.csv` -> tidy observation rows.

One source kind, one module (as later Fingertips, DfE and GLA exports will each have theirs). The rows have
passed the files' Table Schemas; here each is parsed and traced: its period read into dates, its quote found
in its section of the text, its value found in the quote as written, and a derived row's formula recomputed.
"""

from __future__ import annotations

import math
from pathlib import Path

from loaders.contract.curated import read_rows
from loaders.errors import SourceError
from loaders.periods import PeriodError, parse_period
from loaders.strategy.provenance import StrategyText, value_text_problem
from loaders.strategy.refs import Ref, RefError, evaluate, formula_refs


def number(text: str) -> float | None:
    return float(text) if text.strip() else None


def load_figures(
    files: dict[str, Path],
    shown: dict[str, str],
    text: StrategyText,
    indicators: dict[str, dict],
    area_names: dict[str, str],
    *,
    home: str,
) -> tuple[list[dict], list[SourceError]]:
    """Tidy rows from each theme's curated file, and every problem found tracing them to the text.

    `files` maps a theme to its CSV; `indicators` maps an indicator id to its metadata row; `home` is the home
    area's code, which a formula's reference without an area means.
    """
    rows: list[dict] = []
    errors: list[SourceError] = []
    for theme, path in files.items():
        for line, cells in read_rows(path):
            row, problems = _tidy_row(theme, cells, line, shown[theme], text, indicators, area_names)
            errors += problems
            if row is not None:
                rows.append(row)
    errors += _check_derived(rows, home)
    return rows, errors


def _tidy_row(theme, cells, line, shown, text, indicators, area_names) -> tuple[dict | None, list[SourceError]]:
    def problem(column: str | None, reason: str) -> SourceError:
        return SourceError(shown, line, column, reason)

    errors: list[SourceError] = []
    indicator = indicators[cells["indicator_id"]]  # the foreign key is checked already
    if indicator["theme"] != theme:
        errors.append(
            problem(
                "indicator_id",
                f'"{cells["indicator_id"]}" belongs to the theme "{indicator["theme"]}" (data/metadata/indicators.csv); move the row to data/sources/{indicator["theme"]}.csv',
            )
        )
    if cells["unit"] != indicator["unit"]:
        errors.append(
            problem(
                "unit",
                f'"{cells["unit"]}" differs from the indicator\'s unit "{indicator["unit"]}" (data/metadata/indicators.csv)',
            )
        )
    try:
        period = parse_period(cells["period"])
    except PeriodError as exc:
        errors.append(problem("period", str(exc)))
        period = None

    value, lower, upper = number(cells["value"]), number(cells["lower"]), number(cells["upper"])
    if reason := text.quote_problem(cells["quote"], cells["section_id"]):
        errors.append(problem("quote", reason))
    elif cells["status"] != "derived" and cells["value_text"]:
        stated = [v for v in (value, lower, upper) if v is not None]
        if reason := value_text_problem(cells["value_text"], cells["quote"], stated):
            errors.append(problem("value_text", reason))
    has_pound = "£" in cells["value_text"]
    if has_pound != indicator["unit"].startswith("gbp") and cells["status"] != "derived":
        errors.append(
            problem(
                "value_text",
                f'"{cells["value_text"]}" {"has" if has_pound else "lacks"} a £ sign but the unit is {indicator["unit"]}',
            )
        )
    if period is None:
        return None, errors

    # A bound's value is also its end, so interval queries treat "under 350" like a range up to 350.
    if cells["status"] == "upper_bound":
        upper = value
    elif cells["status"] == "lower_bound":
        lower = value
    row = {
        "indicator_id": cells["indicator_id"],
        "theme": theme,
        "area_code": cells["area_code"],
        "area_name": area_names[cells["area_code"]],
        "period": period.label,
        "period_type": period.kind,
        "period_start": period.start,
        "period_end": period.end,
        "breakdown": cells["breakdown"],
        "value": value,
        "lower": lower,
        "upper": upper,
        "unit": cells["unit"],
        "status": cells["status"],
        "value_text": cells["value_text"] or None,
        "formula": cells["formula"] or None,
        "source_id": cells["source_id"],
        "section_id": cells["section_id"],
        "section": text.sections[cells["section_id"]].title,
        "quote": cells["quote"],
        "note": cells["note"] or None,
        "curated_file": shown,
        "curated_line": line,
        "measure": indicator["measure"],  # used by the tidy checks, not written
        "_value_cell": cells["value"],  # the value as typed, for the places a derived value rounds to; not written
    }
    return row, errors


def row_ref(row: dict) -> Ref:
    return Ref("observations", (row["indicator_id"], row["area_code"], row["period"], row["breakdown"]))


def _check_derived(rows: list[dict], home: str) -> list[SourceError]:
    """Recompute each derived row from its formula; it must match the value given, to the places written."""
    values = {row_ref(r): r["value"] for r in rows if r["value"] is not None}
    errors = []
    for row in rows:
        if not row["formula"]:
            continue
        where = (row["curated_file"], row["curated_line"], "formula")
        try:
            for ref in formula_refs(row["formula"], home=home):
                if ref not in values:
                    raise RefError(f'the formula refers to "{ref}", which is not a row of the sources')
            computed = evaluate(row["formula"], values, home=home)
        except RefError as exc:
            errors.append(SourceError(*where, str(exc)))
            continue
        places = len(row["_value_cell"].partition(".")[2])
        if row["value"] is not None and not math.isclose(round(computed, places), row["value"], abs_tol=1e-9):
            errors.append(
                SourceError(
                    *where,
                    f"gives {computed:,.4g}, which rounds to {round(computed, places):,g}, not the value {row['value']:,g}",
                )
            )
    return errors
