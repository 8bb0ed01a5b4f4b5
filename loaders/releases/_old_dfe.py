"""Read a DfE Explore Education Statistics (EES) CSV into `PublishedRow`s, one per record and measure column.

An EES file is "tidy" in the DfE's own way: time columns (`time_period`, `time_identifier`), geography columns
(`geographic_level` and the code and name columns that level needs), filter columns whose values select a
figure (`category`, `population_type`, `social_care_group`, `version`), and measure columns, whose cells are
numbers or the DfE's suppression codes (`c`, `x`, `z`, `u`, `k`). Columns are found by name, never by position:
the DfE orders them differently from file to file. The file carries no labels for its measures, so a measure's
id and name are both its column name ("At31_episodes"); which filter is a breakdown is left to the mapping.

A column is a measure when it holds at least one number or suppression code, or when none of its cells holds a
letter (a column of ":" or "~" is a measure whose cells are all wrong, not a filter); then every cell in it must
be a number or a code (an empty cell is read as no value, with a note). Every other column that is neither time
nor geography is a filter. A filter that holds numbers (say, an age) is therefore read as a measure and its text
cells are reported: loudly wrong, never silently. Only a measure whose every cell is a word ("low") would pass
for a filter.

Read here:

    time_identifier   time_period   period      why
    Academic year     202425        2024-25     September to August
    Financial year    202425        2024/25     April to March
    Reporting year    2025          2024/25     the year to 31 March, as children in need and looked after count
    Calendar year     2021          2021

    geographic_level  area                        parent
    National          country_code, country_name  -
    Regional          region_code, region_name    country_code, country_name
    Local authority   new_la_code, la_name        region_code, region_name (Inner or Outer London, as published)

Any other time identifier or geographic level is an error naming it, rather than figures silently dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import Problems
from loaders.periods import PeriodError, parse_period
from loaders.published import DFE_CODES, ParsedFile, PublishedRow, decode, records

# The header names that identify the format (lower case, spaces removed, as the recogniser compares them).
REQUIRED = frozenset({"time_period", "time_identifier", "geographic_level"})

FORMAT = "dfe_ees"
DATASET_PREFIX = "DfE Explore Education Statistics: "


@dataclass(frozen=True)
class _Level:
    code: str
    name: str
    parent_code: str | None
    parent_name: str | None


# The geographic levels read, keyed by the level in lower case (the file's own spelling is kept as area_type).
_LEVELS = {
    "national": _Level("country_code", "country_name", None, None),
    "regional": _Level("region_code", "region_name", "country_code", "country_name"),
    "local authority": _Level("new_la_code", "la_name", "region_code", "region_name"),
}

# Every geography column the EES data standards name (code, name and secondary code of each level), so that a
# numeric one such as old_la_code ("305") is never taken for a measure.
_GEOGRAPHY_COLUMNS = frozenset(
    {
        "country_code", "country_name", "region_code", "region_name", "old_la_code", "new_la_code", "la_name",
        "lad_code", "lad_name", "rsc_region_lead_name", "pcon_code", "pcon_name", "lsip_code", "lsip_name",
        "local_enterprise_partnership_code", "local_enterprise_partnership_name", "english_devolved_area_code",
        "english_devolved_area_name", "opportunity_area_code", "opportunity_area_name", "ward_code", "ward_name",
        "trust_id", "trust_name", "sponsor_id", "sponsor_name", "school_urn", "school_laestab", "school_name",
        "provider_ukprn", "provider_name", "institution_id", "institution_name", "planning_area_code",
        "planning_area_name", "pfa_code", "pfa_name",
    }
)  # fmt: skip
_NOT_FILTERS = REQUIRED | _GEOGRAPHY_COLUMNS  # what is neither a filter nor a measure

_SIX_DIGITS = re.compile(r"^(\d{4})(\d{2})$")
_FOUR_DIGITS = re.compile(r"^(\d{4})$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_CODES = ", ".join(DFE_CODES)


def read(path: Path, shown: str) -> ParsedFile:
    """Read an EES CSV: one `PublishedRow` per record and measure column, in file order.

    Raises `BuildError` listing every problem found (one or several), each a `SourceError` naming the file, the
    line, the column and what to do: a missing time or geography column, an unknown time identifier or
    geographic level, a time period that does not fit its identifier, an empty area code or name, a record with
    too few or too many fields, a cell of a measure column that is neither a number nor a DfE code.
    """
    # -- Load inputs
    text = decode(path, shown)
    header, rows = records(text.text, shown)
    problems = Problems(shown)
    columns = _columns(header, problems)
    if problems:
        raise problems.error()

    # -- Process data
    rows = [(line, fields) for line, fields in rows if _fits(line, fields, header, problems)]
    measures = _measures(header, rows)
    if not rows:
        problems.add(1, None, "the file has a header but no records")
    elif not measures:
        problems.add(1, None, "no column holds numbers or DfE codes, so the file has no figures to read")
    _check_geography_columns(rows, columns, problems)
    filters = [i for i, name in enumerate(header) if _key(name) not in _NOT_FILTERS and i not in measures]
    published = []
    for line, fields in rows:
        published.extend(_rows(line, fields, header, columns, measures, filters, problems))
    if problems:
        raise problems.error()

    # -- Return the file
    dataset = DATASET_PREFIX + ", ".join(header[i] for i in measures)
    return ParsedFile(FORMAT, path, shown, text.sha256, text.encoding, dataset, published)


def _key(name: str) -> str:
    """A header name as compared: lower case, spaces removed."""
    return "".join(name.split()).lower()


def _columns(header: list[str], problems: Problems) -> dict[str, int]:
    """The position of each column by its compared name; a nameless, repeated or missing required column is a
    problem of the header (line 1)."""
    columns: dict[str, int] = {}
    for position, name in enumerate(header):
        key = _key(name)
        if not key:
            problems.add(1, None, f"column {position + 1} of the header has no name; name it or delete the column")
        elif key in columns:
            problems.add(1, name, f"the header names this column twice (columns {columns[key] + 1} and {position + 1})")
        else:
            columns[key] = position
    for name in sorted(REQUIRED - columns.keys()):
        problems.add(1, name, "the header lacks this column, which every Explore Education Statistics file has")
    return columns


def _fits(line: int, fields: list[str], header: list[str], problems: Problems) -> bool:
    if len(fields) == len(header):
        return True
    problems.add(line, None, f"the record has {len(fields)} fields but the header has {len(header)}")
    return False


def _measures(header: list[str], rows: list[tuple[int, list[str]]]) -> list[int]:
    """The positions of the measure columns: neither time nor geography, and `_is_measure`."""
    candidates = [i for i, name in enumerate(header) if _key(name) and _key(name) not in _NOT_FILTERS]
    return [i for i in candidates if _is_measure([fields[i].strip() for _, fields in rows])]


def _is_measure(cells: list[str]) -> bool:
    """A number or a DfE code makes a measure; so do cells that are all symbols (":", "~"): no filter is named so."""
    cells = [cell for cell in cells if cell]
    if any(_is_number(cell) or cell in DFE_CODES for cell in cells):
        return True
    return bool(cells) and not any(character.isalpha() for cell in cells for character in cell)


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.match(cell.strip().replace(",", "")))


def _check_geography_columns(rows: list[tuple[int, list[str]]], columns: dict[str, int], problems: Problems):
    """Each level the file uses needs its code and name columns (and its parent's) in the header."""
    levels = {fields[columns["geographic_level"]].strip() for _, fields in rows}
    for level in sorted(levels):
        spec = _LEVELS.get(level.lower())
        for name in [spec.code, spec.name, spec.parent_code, spec.parent_name] if spec else []:
            if name is not None and name not in columns:
                problems.add(1, name, f'the header lacks this column, which rows of geographic level "{level}" need')


def _rows(line, fields, header, columns, measures, filters, problems) -> list[PublishedRow]:
    """The figures of one record; its problems go to `problems` and it then gives none."""
    count = len(problems)
    level = fields[columns["geographic_level"]].strip()
    spec = _LEVELS.get(level.lower())
    if spec is None:
        problems.add(
            line,
            header[columns["geographic_level"]],
            f'"{level}" is a geographic level this reader does not read; it reads National, Regional and Local '
            "authority rows (cut the others out, or extend loaders/dfe_ees.py)",
        )
        return []
    if any(name not in columns for name in (spec.code, spec.name)):
        return []  # reported once, for the header
    area_code, area_name = (
        _required_cell(line, fields, header, columns[name], problems) for name in (spec.code, spec.name)
    )
    parent_code = _cell(fields, columns.get(spec.parent_code)) if spec.parent_code else None
    parent_name = _cell(fields, columns.get(spec.parent_name)) if spec.parent_name else None
    time_period = fields[columns["time_period"]].strip()
    time_identifier = fields[columns["time_identifier"]].strip()
    period = _period(line, time_period, time_identifier, header, columns, problems)
    selected = {header[i]: fields[i].strip() for i in filters}

    published = []
    for i in measures:
        cell = fields[i].strip()
        value = suppression = note = None
        if cell in DFE_CODES:
            suppression = cell
        elif _is_number(cell):
            value = float(cell.replace(",", ""))
            if not math.isfinite(value):
                problems.add(line, header[i], f'"{cell}" is too large to be a number')
        elif not cell:
            note = "the cell is empty (the file gives no DfE code)"
        else:
            problems.add(
                line,
                header[i],
                f'"{cell}" is neither a number nor a DfE suppression code ({_CODES}); this column holds numbers, '
                "so it is read as a measure: correct the cell, or write the code the publisher meant",
            )
            continue
        published.append(
            PublishedRow(
                line=line,
                publisher_indicator_id=header[i],
                publisher_indicator_name=header[i],
                area_code=area_code or "",
                area_name=area_name or "",
                area_type=level,
                period=period or "",
                period_as_published=f"{time_period} ({time_identifier})",
                parent_code=parent_code,
                parent_name=parent_name,
                value=value,
                value_note=note,
                suppression=suppression,
                filters=dict(selected),
            )
        )
    return published if len(problems) == count else []


def _cell(fields: list[str], position: int | None) -> str | None:
    if position is None:
        return None
    return fields[position].strip() or None


def _required_cell(line, fields, header, position, problems) -> str | None:
    value = fields[position].strip()
    if not value:
        problems.add(line, header[position], "is empty, but every row of this geographic level needs it")
    return value or None


def _period(line, time_period, time_identifier, header, columns, problems) -> str | None:
    """The period label loaders.periods reads, from the DfE's time_period and time_identifier."""
    identifier = time_identifier.lower()
    six, four = _SIX_DIGITS.match(time_period), _FOUR_DIGITS.match(time_period)
    label, form = None, None
    if identifier in ("academic year", "financial year"):
        form = "six digits, a year and the last two of the next (202425)"
        if six and (int(six.group(1)) + 1) % 100 == int(six.group(2)):
            label = f"{six.group(1)}{'-' if identifier == 'academic year' else '/'}{six.group(2)}"
    elif identifier == "reporting year":
        form = "four digits, the year that ends on 31 March (2025 for 2024/25)"
        if four:
            year = int(four.group(1))
            label = f"{year - 1}/{year % 100:02d}"
    elif identifier == "calendar year":
        form = "four digits (2021)"
        if four:
            label = four.group(1)
    else:
        problems.add(
            line,
            header[columns["time_identifier"]],
            f'"{time_identifier}" is a time identifier this reader does not read; it reads Academic year, '
            "Financial year, Reporting year and Calendar year (cut the other rows out, or extend loaders/dfe_ees.py)",
        )
        return None
    if label is None:
        problems.add(
            line,
            header[columns["time_period"]],
            f'"{time_period}" does not fit the time identifier "{time_identifier}", which needs {form}',
        )
        return None
    try:
        parse_period(label)
    except PeriodError as exc:  # not reachable with the forms above; kept so a new form cannot slip through
        problems.add(line, header[columns["time_period"]], str(exc))
        return None
    return label
