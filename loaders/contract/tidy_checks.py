"""Check the tidy frames with pandera before they are written, and say which source line each failure is from.

The curated files have passed their Table Schemas by now; these checks need the whole tidy table: rules
that depend on another column (a percentage must lie in 0-100, a count of things cannot be negative, a
range needs both ends) and keys that must be unique across all the theme files together.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from loaders.contract.schema import TABLES, Column
from loaders.errors import SourceError

_KEY = ["indicator_id", "area_code", "period", "breakdown_type", "breakdown"]
_ENDS = ["value", "lower", "upper"]


def _row_rule(column: str, message: str, passes) -> tuple[str, str, pa.Check]:
    return column, message, pa.Check(passes, error=message)


def _observation_rules(units: list[str], statuses: list[str]) -> list[tuple[str, str, pa.Check]]:
    def ends(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[_ENDS]

    return [
        _row_rule("unit", f"the unit must be one of: {', '.join(units)}", lambda f: f["unit"].isin(units)),
        _row_rule("status", f"the status must be one of: {', '.join(statuses)}", lambda f: f["status"].isin(statuses)),
        _row_rule(
            "value",
            "a percentage must lie between 0 and 100",
            lambda f: (f["unit"] != "percent") | ends(f).apply(lambda s: s.isna() | s.between(0, 100)).all(axis=1),
        ),
        _row_rule(
            "value",
            "a count, rate, score, amount or rank cannot be negative (only changes and gaps can)",
            lambda f: ~f["measure"].isin(["level", "rank"]) | (ends(f).fillna(0) >= 0).all(axis=1),
        ),
        _row_rule(
            "value",
            "a range needs lower and upper (lower below upper) and an empty value; a suppressed figure an empty value "
            "and its code; other rows need a value",
            lambda f: (
                (f["status"] == "range")
                & f["value"].isna()
                & f["lower"].notna()
                & f["upper"].notna()
                & (f["lower"] < f["upper"])
                | (f["status"] == "suppressed") & f["value"].isna() & f["suppression"].notna()
                | ~f["status"].isin(["range", "suppressed"]) & f["value"].notna()
            ),
        ),
        _row_rule(
            "period",
            "the period ends before it starts",
            lambda f: f["period_start"].isna() | f["period_end"].isna() | (f["period_start"] <= f["period_end"]),
        ),
        _row_rule(
            "formula",
            "a derived row needs a formula and no value as written; any other figure of the strategy needs a value "
            "as written and no formula",
            lambda f: (
                (f["status"] == "derived") & f["formula"].notna() & f["value_text"].isna()
                | (f["status"] != "derived")
                & f["formula"].isna()
                & (f["value_text"].notna() | (f["source_kind"] == "release"))
            ),
        ),
        _row_rule(
            "quote",
            "a figure of the strategy needs its quote, section and source; a published one its release file and line",
            lambda f: (
                (f["source_kind"] == "strategy") & f["quote"].notna() & f["section_id"].notna() & f["source_id"].notna()
                | (f["source_kind"] == "release") & f["release_file"].notna() & f["release_line"].notna()
            ),
        ),
    ]


def tidy_errors(
    table: str, frame: pd.DataFrame, *, units: list[str] = (), statuses: list[str] = ()
) -> list[SourceError]:
    """Every failure of `frame` against the declared columns of `table` (and, for observations, its row rules).

    `frame` carries `curated_file` and `curated_line`, so each failure is reported where it can be fixed.
    """
    columns: list[Column] = TABLES[table]
    rules = _observation_rules(list(units), list(statuses)) if table == "observations" else []
    schema = pa.DataFrameSchema(
        {c.name: pa.Column(nullable=c.nullable, required=True) for c in columns},
        checks=[check for _, _, check in rules],
        unique=_KEY if table == "observations" else None,
        report_duplicates="all",
        strict=False,
    )
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _to_source_errors(exc.failure_cases, frame, {message: column for column, message, _ in rules})
    return []


def _to_source_errors(cases: pd.DataFrame, frame: pd.DataFrame, rule_columns: dict[str, str]) -> list[SourceError]:
    errors = []
    for (check, index), group in cases.groupby(["check", "index"], dropna=False, sort=False):
        if pd.isna(index):  # a failure of the frame as a whole, e.g. a missing column
            errors.append(SourceError("(tidy table)", None, str(group["column"].iloc[0]), str(check)))
            continue
        row = frame.loc[index]
        file, line = _where(row)
        if check == "multiple_fields_uniqueness":
            key = " | ".join(str(row[k]) for k in _KEY if not pd.isna(row[k]))
            errors.append(
                SourceError(file, line, None, f"repeats the key ({key}) of another row, in this or another file")
            )
        elif check in rule_columns:
            column = rule_columns[check]
            found = row.get(column)
            shown = f"{found:g}" if isinstance(found, float) else found
            errors.append(SourceError(file, line, column, f'{check} (found "{shown}")'))
        else:
            column = str(group["column"].iloc[0])
            errors.append(SourceError(file, line, column, f"{check}"))
    return errors


def _where(row: pd.Series) -> tuple[str, int | None]:
    """The file and line a tidy row came from: its curated file, or the release it was read from."""
    for file, line in (("curated_file", "curated_line"), ("release_file", "release_line")):
        if file in row and isinstance(row[file], str):
            return row[file], None if pd.isna(row.get(line)) else int(row[line])
    return "(tidy table)", None
