"""Read a DfE Explore Education Statistics (EES) CSV: one figure per record and measure column, every measure.

An EES file is "tidy" in the DfE's own way: time columns (`time_period`, `time_identifier`), geography columns
(`geographic_level` and the code and name columns that level needs), filter columns whose values select a
figure (`category`, `population_type`, `social_care_group`, `version`), and measure columns, whose cells are
numbers or the DfE's suppression codes (`c`, `x`, `z`, `u`, `k`, `low`). Columns are found by name, never by
position: the DfE orders them differently from file to file, and renames them between releases of one table
(a dataset's declared aliases give them one name).

- **Measures.** A column is a measure when it holds at least one number or suppression code, or when none of its
  cells holds a letter (a column of ":" is a measure whose cells are all wrong, not a filter); every cell of it
  must then be a number, a code or empty. A measure's id and name are its column's name (the file has no other
  labels). A confidence limit (`avg_p8score` with `p8score_CI_low`, `p8score_CI_upp`) belongs to its measure.
  A percentage's count (`X_percent` with `X`, `pt_X` with `t_X`) is kept beside it.
- **Breakdowns.** Every other column is a filter. A filter with one value in the whole file describes the file
  (`category`); one with several is a breakdown, and its "Total" row (or "Total children", "All") is the
  headline (`all`) of that breakdown: the denominator of its siblings. `version` (Final, Revised) is never a
  breakdown: it says which of two figures for one period is the newer (loaders.releases.resolve).
- **Areas.** National, Regional and Local authority rows are read; rows of other geographic levels (Local
  authority district, Parliamentary constituency ...) are counted by level and left out, never dropped silently.
  The three-digit LA number (`old_la_code`) beside each GSS code is kept: the statistical neighbours use it.

    time_identifier   time_period   period      why
    Academic year     202425        2024-25     September to August
    Financial year    202425        2024/25     April to March
    Reporting year    2025          2024/25     the year to 31 March, as children in need and looked after count
                                    2025        ... or the calendar year, where the dataset says so (mid-year
                                                population estimates, the workforce at 30 September)
    Calendar year     2021          2021

Any other time identifier is an error naming it, rather than figures silently misdated.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from loaders.csv_text import CsvText, trimmed
from loaders.periods import PeriodError, parse_period
from loaders.releases.fingertips import join
from loaders.releases.published import (
    DFE_CODES,
    FILTER,
    FINGERTIPS_BLANK,
    Published,
    figures_table,
    read_numbers,
    report,
)

FORMAT = "dfe_ees"
REQUIRED = frozenset({"time_period", "time_identifier", "geographic_level"})  # compared as `key` makes them
YEAR_TO_31_MARCH, CALENDAR_YEAR = "year_to_31_march", "calendar_year"  # what a dataset's "Reporting year" means
VERSIONS = {"provisional": 1, "final": 2, "revised": 3}  # a later version of one period's figure supersedes
TOTAL = re.compile(r"^(?:total|all)(?: (?:children|pupils|young people|persons|people|ages|schools))?$", re.I)
SEPARATOR = " · "


@dataclass(frozen=True)
class _Level:
    code: str
    name: str
    parent_code: str | None
    parent_name: str | None


# The geographic levels read, keyed by the level in lower case (the file's own spelling is kept as area_type).
LEVELS = {
    "national": _Level("country_code", "country_name", None, None),
    "regional": _Level("region_code", "region_name", "country_code", "country_name"),
    "local authority": _Level("new_la_code", "la_name", "region_code", "region_name"),
}
LA_NUMBER = "old_la_code"

# Every geography column the EES data standards name (code, name and secondary code of each level), so that a
# numeric one such as old_la_code ("305") is never taken for a measure.
GEOGRAPHY_COLUMNS = frozenset(
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
NOT_FILTERS = REQUIRED | GEOGRAPHY_COLUMNS
CODES = tuple(DFE_CODES)
_CI = re.compile(r"^(?P<base>.+?)_(?:(?:lower|upper)_ci|ci_(?:low|upp|lower|upper))$", re.IGNORECASE)
_LOWER = re.compile(r"(?:lower_ci|ci_low(?:er)?)$", re.IGNORECASE)
_SIX_DIGITS = re.compile(r"^(\d{4})(\d{2})$")
_FOUR_DIGITS = re.compile(r"^(\d{4})$")


def key(name: str) -> str:
    """A header name as compared: lower case, spaces removed."""
    return "".join(name.split()).lower()


def read(text: CsvText, dataset: dict) -> Published:
    """Every figure of an EES file, in the publisher's words. `dataset` is its declaration (id, title, what a
    "Reporting year" means, renamed columns); BuildError lists every problem, each with its line and column."""
    # -- Load inputs: the columns, by their names as this dataset knows them
    problems = text.problems
    names = _names(text.header[: text.cells.num_columns], dataset.get("aliases", {}))
    columns = _columns(names, problems)
    if not text.records:
        problems.add(1, None, "the file has a header but no records")
    if problems:
        raise problems.error()

    # -- Process data: the rows of the levels shown; their areas, periods, breakdowns; then each measure
    level = pc.utf8_lower(text.column(columns["geographic_level"]))
    shown_level = pc.is_in(level, value_set=pa.array(list(LEVELS)))
    skipped = _skipped_levels(text, columns, shown_level)
    _check_geography_columns(level, shown_level, columns, names, problems)
    if problems:
        raise problems.error()
    kept = np.flatnonzero(_bool(shown_level))
    cells = text.cells.take(pa.array(kept))
    lines = text.lines[kept]
    level = level.take(pa.array(kept))

    def column(name: str):
        position = columns.get(name)
        return trimmed(cells.column(position)) if position is not None else None

    area = _areas(level, column, lines, names, columns, problems)
    period = _periods(column("time_period"), column("time_identifier"), lines, dataset, names, columns, problems)
    measures, limits, counts = _measures(names, columns, cells)
    filters = [p for p, n in enumerate(names) if key(n) not in NOT_FILTERS and p not in measures and p not in limits]
    breakdown, kind, constants, extra = _breakdowns(cells, filters, names)
    version = _versions(cells, filters, names)
    common = {
        "line": lines,
        **area,
        "period": period,
        "period_as_published": pc.binary_join_element_wise(
            pc.binary_join_element_wise(column("time_period"), column("time_identifier"), " ("), ")", ""
        ),
        "breakdown": breakdown,
        "breakdown_type": kind,
        "version": version,
    }
    pieces = []
    for position in measures:
        pieces.append(_figures(position, names, cells, lines, limits, counts, common, extra, problems))
    if not measures:
        problems.add(1, None, "no column holds numbers or DfE codes, so the file has no figures to read")
    if problems:
        raise problems.error()

    # -- Return the file, read
    return Published(
        format=FORMAT,
        dataset_id=dataset["dataset_id"],
        dataset=dataset.get("title") or "DfE Explore Education Statistics: " + ", ".join(names[p] for p in measures),
        shown=text.shown,
        sha256=text.sha256,
        encoding=text.encoding,
        records=text.records,
        figures=pa.concat_tables(pieces),
        skipped=skipped,
        la_numbers=_la_numbers(column, area, period),
        constants=constants,
    )


def _names(header: list[str], aliases: dict[str, str]) -> list[str]:
    """The header's names, each renamed column under the name its dataset declares for it."""
    by_key = {key(published): name for published, name in aliases.items()}
    return [by_key.get(key(name), name) for name in header]


def _columns(names: list[str], problems) -> dict[str, int]:
    """The position of each column by its compared name; a nameless, repeated or missing required column is a
    problem of the header (line 1)."""
    columns: dict[str, int] = {}
    for position, name in enumerate(names):
        k = key(name)
        if not k:
            problems.add(1, None, f"column {position + 1} of the header has no name; name it or delete the column")
        elif k in columns:
            problems.add(1, name, f"the header names this column twice (columns {columns[k] + 1} and {position + 1})")
        else:
            columns[k] = position
    for name in sorted(REQUIRED - columns.keys()):
        problems.add(1, name, "the header lacks this column, which every Explore Education Statistics file has")
    return columns


def _bool(array) -> np.ndarray:
    return pc.fill_null(array, False).to_numpy(zero_copy_only=False).astype(bool)


def _skipped_levels(text: CsvText, columns: dict[str, int], shown_level) -> Counter:
    """The rows of geographic levels the dashboard does not show, counted by level as the file spells it."""
    others = text.column(columns["geographic_level"]).filter(pc.invert(shown_level))
    counted = Counter()
    for entry in pc.value_counts(others).to_pylist():
        level = entry["values"] or "no level given"
        counted[f"rows of geographic levels the dashboard does not show ({level})"] += entry["counts"]
    return counted


def _check_geography_columns(level, shown_level, columns, names, problems) -> None:
    """Each level the file's shown rows use needs its code and name columns (and its parent's) in the header."""
    for found in sorted(set(pc.unique(level.filter(shown_level)).to_pylist())):
        spec = LEVELS[found]
        for name in (spec.code, spec.name, spec.parent_code, spec.parent_name):
            if name is not None and name not in columns:
                problems.add(
                    1, name, f'the header lacks this column, which rows of geographic level "{found.capitalize()}" need'
                )


def _areas(level, column, lines, names, columns, problems) -> dict:
    """Each row's area and parent, by its level; an empty code or name is a problem of its line."""
    code = name = parent_code = parent_name = pa.nulls(len(level), pa.string())
    for found, spec in LEVELS.items():
        mine = pc.equal(level, found)
        if not pc.any(mine).as_py():
            continue
        for field in (spec.code, spec.name):
            empty = _bool(pc.and_(mine, pc.equal(column(field), "")))
            report(
                problems,
                lines,
                empty,
                names[columns[field]],
                "is empty, but every row of this geographic level needs it",
            )
        code = pc.if_else(mine, column(spec.code), code)
        name = pc.if_else(mine, column(spec.name), name)
        if spec.parent_code:
            parent_code = pc.if_else(mine, _or_none(column(spec.parent_code)), parent_code)
            parent_name = pc.if_else(mine, _or_none(column(spec.parent_name)), parent_name)
    area_type = pc.utf8_capitalize(level)
    return {
        "area_code": code,
        "area_name": name,
        "area_type": area_type,
        "parent_code": parent_code,
        "parent_name": parent_name,
    }


def _or_none(cells):
    return pc.if_else(pc.equal(cells, ""), None, cells)


def _periods(time_period, time_identifier, lines, dataset, names, columns, problems):
    """Each row's period label, from the DfE's time_period and time_identifier (each pair worked out once)."""
    pairs = pc.binary_join_element_wise(time_period, time_identifier, "\x1f")
    labels = {}
    for pair in pc.unique(pairs).to_pylist():
        period, identifier = pair.split("\x1f")
        label, column, reason = _period(period, identifier, dataset.get("reporting_year") or YEAR_TO_31_MARCH)
        labels[pair] = label
        if label is None:
            where = names[columns[column]]
            report(problems, lines, _bool(pc.equal(pairs, pair)), where, reason)
    return pa.array(list(labels.values()), pa.string()).take(pc.index_in(pairs, value_set=pa.array(list(labels))))


def _period(time_period: str, time_identifier: str, reporting_year: str) -> tuple[str | None, str, str]:
    """The period label loaders.periods reads, or None with the column and reason it cannot be read."""
    identifier = time_identifier.lower()
    six, four = _SIX_DIGITS.match(time_period), _FOUR_DIGITS.match(time_period)
    label, form = None, None
    if identifier in ("academic year", "financial year"):
        form = "six digits, a year and the last two of the next (202425)"
        if six and (int(six.group(1)) + 1) % 100 == int(six.group(2)):
            label = f"{six.group(1)}{'-' if identifier == 'academic year' else '/'}{six.group(2)}"
    elif identifier == "reporting year":
        if reporting_year == CALENDAR_YEAR:
            form = "four digits (2025)"
            label = four.group(1) if four else None
        else:
            form = "four digits, the year that ends on 31 March (2025 for 2024/25)"
            if four:
                year = int(four.group(1))
                label = f"{year - 1}/{year % 100:02d}"
    elif identifier == "calendar year":
        form = "four digits (2021)"
        if four:
            label = four.group(1)
    else:
        return (
            None,
            "time_identifier",
            (
                f'"{time_identifier}" is a time identifier this reader does not read; it reads Academic year, '
                "Financial year, Reporting year and Calendar year (cut the other rows out, or extend "
                "loaders/releases/dfe.py)"
            ),
        )
    if label is None:
        return (
            None,
            "time_period",
            f'"{time_period}" does not fit the time identifier "{time_identifier}", which needs {form}',
        )
    try:
        parse_period(label)
    except PeriodError as exc:  # not reachable with the forms above; kept so a new form cannot slip through
        return None, "time_period", str(exc)
    return label, "time_period", ""


def _measures(names: list[str], columns: dict[str, int], cells: pa.Table):
    """The positions of the measure columns; each confidence limit's measure and side; each percentage's count."""
    candidates = [p for p, n in enumerate(names) if key(n) and key(n) not in NOT_FILTERS and columns.get(key(n)) == p]
    measures = [p for p in candidates if _is_measure(cells.column(p))]
    by_name = {names[p].lower(): p for p in measures}
    limits: dict[int, tuple[int, str]] = {}  # a limit's position -> (its measure's, "lower"/"upper")
    for p in measures:
        match = _CI.match(names[p])
        if not match:
            continue
        base = match["base"].lower()
        owners = [
            q for n, q in by_name.items() if q != p and not _CI.match(n) and (n == base or n.endswith("_" + base))
        ]
        if len(owners) > 1:  # "p8score" ends both t_p8score (a total) and avg_p8score: a total has no interval
            owners = [q for q in owners if not names[q].lower().startswith("t_")]
        if len(owners) == 1:
            limits[p] = (owners[0], "lower" if _LOWER.search(names[p]) else "upper")
    measures = [p for p in measures if p not in limits]
    counts = {}
    for p in measures:
        name = names[p].lower()
        for stem in _count_names(name):
            if stem in by_name and by_name[stem] != p and by_name[stem] in measures:
                counts[p] = by_name[stem]
                break
    return measures, limits, counts


def _count_names(name: str) -> list[str]:
    """The names a percentage's count column would have: X for X_percent, t_X for pt_X."""
    found = []
    for suffix in ("_percent", "_percentage", "_pc"):
        if name.endswith(suffix):
            stem = name.removesuffix(suffix)
            found += [stem, stem + "_count", stem + "_number", stem.replace("_percent", "_count")]
    if name.startswith("pt_"):
        found.append("t_" + name.removeprefix("pt_"))
    return found


def _is_measure(cells) -> bool:
    """A number or a DfE code makes a measure; so do cells that are all symbols (":", "~"): no filter is named so."""
    text = trimmed(cells)
    filled = text.filter(pc.not_equal(text, ""))
    if not len(filled):
        return False
    numbers = read_numbers(filled, CODES)
    if (~numbers.unreadable).any():
        return True
    return not pc.any(pc.match_substring_regex(filled, "[A-Za-z]")).as_py()


def _breakdowns(cells: pa.Table, filters: list[int], names: list[str]):
    """Each row's breakdown and its type from the filters with several values (a Total value is the headline),
    the filters with one value (which describe the file), and every filter's cells (for declarations to select)."""
    breakdown = kind = pa.nulls(cells.num_rows, pa.string())
    constants, extra = {}, {}
    for position in filters:
        if key(names[position]) == "version":
            continue
        values = trimmed(cells.column(position))
        extra[FILTER + names[position]] = values
        distinct = pc.unique(values).to_pylist()
        if len(distinct) == 1:
            constants[names[position]] = distinct[0]
            continue
        totals = pa.array([v for v in distinct if TOTAL.match(v or "")], pa.string())
        total = pc.is_in(values, value_set=totals)
        part = pc.if_else(total, None, values)
        label = names[position].replace("_", " ")
        breakdown = join(breakdown, part, SEPARATOR)
        kind = join(kind, pc.if_else(total, None, label), SEPARATOR)
    return pc.fill_null(breakdown, "all"), kind, constants, extra


def _versions(cells: pa.Table, filters: list[int], names: list[str]):
    """How final each row's figure is, from a `version` filter (Revised over Final over Provisional); 0 without."""
    for position in filters:
        if key(names[position]) == "version":
            words = pc.utf8_lower(trimmed(cells.column(position)))
            ranks = pa.array(list(VERSIONS.values()), pa.int8())
            return pc.fill_null(ranks.take(pc.index_in(words, value_set=pa.array(list(VERSIONS)))), 0)
    return None


def _figures(position, names, cells, lines, limits, counts, common, extra, problems) -> pa.Table:
    """One measure's figures: each row's value, or its suppression code, with its limits and count."""
    raw = cells.column(position)
    numbers = read_numbers(raw, CODES)
    text = trimmed(raw)
    report(problems, lines, numbers.unreadable, names[position], _not_a_number, text)
    side = {}
    for limit, (owner, which) in limits.items():
        if owner == position:
            found = read_numbers(cells.column(limit), CODES)
            report(problems, lines, found.unreadable, names[limit], _not_a_number, trimmed(cells.column(limit)))
            side[f"{which}_ci95"] = found.values
    code = pc.is_in(text, value_set=pa.array(CODES))
    return figures_table(
        {
            **common,
            "measure": names[position],
            "measure_name": names[position],
            "value": numbers.values,
            **side,
            "count": read_numbers(cells.column(counts[position]), CODES).values if position in counts else None,
            "suppression": pc.if_else(code, text, pc.if_else(pa.array(numbers.empty), FINGERTIPS_BLANK, None)),
            "value_note": pc.if_else(pa.array(numbers.empty), "the cell is empty (the file gives no DfE code)", None),
        },
        cells.num_rows,
        extra,
    )


def _not_a_number(cell: str) -> str:
    return (
        f'"{cell}" is neither a number nor a DfE suppression code ({", ".join(CODES)}); this column holds numbers, '
        "so it is read as a measure: correct the cell, or write the code the publisher meant"
    )


def _la_numbers(column, area: dict, period) -> dict[str, list[str]]:
    """Each local authority's GSS code with its three-digit DfE number and the end of the newest period the file
    gives it for ("E06000060": ["825", "2025-03-31"]): where an authority's code changed (Buckinghamshire became a
    unitary authority under a new code, keeping its number), the newest code is the number's."""
    numbers = column(LA_NUMBER)
    if numbers is None:
        return {}
    pairs = pa.table({"code": area["area_code"], "number": numbers, "period": period})
    pairs = pairs.filter(
        pc.and_(pc.equal(pc.utf8_length(pc.fill_null(pairs["number"], "")), 3), pc.is_valid(pairs["code"]))
    )
    ends = {label: parse_period(label).end.isoformat() for label in pc.unique(pairs["period"]).to_pylist()}
    found: dict[str, list[str]] = {}
    for code, number, label in zip(*(pairs[c].to_pylist() for c in ("code", "number", "period")), strict=True):
        if code not in found or ends[label] > found[code][1]:
            found[code] = [number, ends[label]]
    return found


def dataset_of_file(shown: str) -> str:
    """The dataset id of an EES file no declaration recognises: its file name without the years ("c1_children_in_
    need_referrals_and_rereferrals_2013_to_2024.csv" -> "dfe_c1_children_in_need_referrals_and_rereferrals")."""
    stem = shown.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    stem = re.sub(r"[^a-z0-9]+", "_", stem).strip("_")
    stem = re.sub(r"(?:_\d{4}(?:_to_\d{2,4})?|_\d{2,4})+$", "", stem)
    return "dfe_" + (stem or "file")
