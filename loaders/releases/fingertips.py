"""Read an OHID Fingertips "Export table data" CSV: one figure per record, every indicator in it.

Columns are found by name (any order, any case). Fingertips has shipped two layouts: the current one, whose
records have a field for every column of the header, and an older one whose header names one column more than
its records hold (the header's last name has no data). The comparator column's name changes with the download
("Compared to England value or percentiles", "Compared to Regions (statistical) value or percentiles", "Compared
to percentiles"): the area it compares with is taken from the name.

The headline is Sex "Persons" without a "Category Type"; everything else is a breakdown (Male, Female, a
deprivation decile, an age when the indicator is published for several), never mixed into the headline. An age
published alone is the indicator's definition ("<15 yrs"), not a breakdown. Time periods become labels
`loaders.periods` reads: "2018 - 20" is "2018-20" and "2016/17 - 18/19" is "2016/17 to 2018/19". A blank value
stays blank (NaN), marked `FINGERTIPS_BLANK`, with the publisher's note on why.

Every column is read whole (a million records in seconds). Every problem is found, with its line: a missing
column, a record with another number of fields, an empty cell a figure needs, a number or period it cannot read.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from loaders.csv_text import CsvText
from loaders.errors import BuildError, SourceError
from loaders.periods import MAX_POOLED_YEARS, PeriodError, parse_period
from loaders.releases.published import FINGERTIPS_BLANK, Published, figures_table, not_a_number, read_numbers, report

FORMAT = "fingertips"
DATASET_ID = "fingertips"

# The header names every Fingertips "Export table data" file has (the comparator column's name varies, so it is
# not here): all present, compared case-insensitively, recognise the format.
REQUIRED: frozenset[str] = frozenset(
    {
        "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex",
        "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
        "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note",
    }
)  # fmt: skip

# The figures' numeric columns and where they come from.
NUMBERS = {
    "value": "Value",
    "lower_ci95": "Lower CI 95.0 limit",
    "upper_ci95": "Upper CI 95.0 limit",
    "lower_ci998": "Lower CI 99.8 limit",
    "upper_ci998": "Upper CI 99.8 limit",
    "count": "Count",
    "denominator": "Denominator",
}
# Cells every record must fill, and what each one names (for the message when it is empty).
FILLED = {
    "Indicator ID": "its indicator's id",
    "Indicator Name": "its indicator",
    "Area Code": "its area's code",
    "Area Name": "its area",
    "Time period": "its time period",
    "Sex": "the sex it counts (Persons, Male or Female)",
}
HEADLINE_SEX = "Persons"
SEPARATOR = " · "  # between the parts of a breakdown: "Male · Most deprived decile (IMD2019)"

_COMPARATOR = re.compile(r"^compared to (?P<what>.+?)(?: value or percentiles)?$", re.IGNORECASE)
_POOLED_YEARS = re.compile(r"^(\d{4})\s*-\s*(\d{2})$")  # "2018 - 20"
_POOLED_FINANCIAL = re.compile(r"^(\d{4}/\d{2})\s*-\s*(\d{2})/(\d{2})$")  # "2016/17 - 18/19"
FORMS = "years (2020), financial years (2010/11) and pooled years (2018 - 20, 2016/17 - 18/19)"
MAX_NAMED = 3


def width(header: list[str], first_record: int | None) -> int:
    """How many fields this file's records have: one per column of the header (the current layout), or one fewer
    (the older layout, whose header's last name has no data), as the first record shows."""
    return len(header) - 1 if first_record == len(header) - 1 else len(header)


def read(text: CsvText, dataset: dict | None = None) -> Published:
    """Every figure of a Fingertips export, in the publisher's words; BuildError listing every problem."""
    # -- Load inputs: where each column is
    problems = text.problems
    columns = _columns(text)
    if not text.records:
        raise BuildError([SourceError(text.shown, None, None, "has a header but no rows of figures")])
    cells = {name: text.column(index) for name, index in columns.items()}

    # -- Process data: check every cell a figure needs, then build the figures column by column
    for column, what in FILLED.items():
        report(
            problems,
            text.lines,
            _bool(pc.equal(cells[column], "")),
            column,
            f"is empty; every Fingertips row names {what}",
        )
    figures = {}
    for name, column in NUMBERS.items():
        numbers = read_numbers(cells[column])
        report(problems, text.lines, numbers.unreadable, column, not_a_number, cells[column])
        figures[name] = numbers.values
    labels = {}
    for published in pc.unique(cells["Time period"]).to_pylist():
        try:
            labels[published] = _period_label(published)
        except PeriodError as exc:
            labels[published] = None
            bad = _bool(pc.equal(cells["Time period"], published))
            report(problems, text.lines, bad, "Time period", str(exc))
    category_type, category = cells["Category Type"], cells["Category"]
    no_type, no_category = _bool(pc.equal(category_type, "")), _bool(pc.equal(category, ""))
    report(
        problems,
        text.lines,
        no_category & ~no_type,
        "Category",
        lambda t: f'is empty but its Category Type is "{t}"',
        category_type,
    )
    report(
        problems,
        text.lines,
        no_type & ~no_category,
        "Category Type",
        lambda c: f'is empty but its Category is "{c}"',
        category,
    )
    if problems:
        raise problems.error()

    breakdown, kind = _breakdowns(cells)
    comparator = _comparator(text.header[: text.cells.num_columns])
    comparison = text.column(comparator[0]) if comparator else None
    period = pa.array(list(labels.values()), pa.string()).take(
        pc.index_in(cells["Time period"], value_set=pa.array(list(labels), pa.string()))
    )
    table = figures_table(
        {
            "line": text.lines,
            "measure": cells["Indicator ID"],
            "measure_name": cells["Indicator Name"],
            "area_code": cells["Area Code"],
            "area_name": cells["Area Name"],
            "area_type": cells["Area Type"],
            "parent_code": _or_none(cells["Parent Code"]),
            "parent_name": _or_none(cells["Parent Name"]),
            "period": period,
            "period_as_published": cells["Time period"],
            "breakdown": breakdown,
            "breakdown_type": kind,
            **figures,
            "value_note": _or_none(cells["Value note"]),
            "suppression": pc.if_else(pa.array(np.isnan(figures["value"])), FINGERTIPS_BLANK, None),
            "comparison": _or_none(comparison) if comparator else None,
            "compared_with": pc.if_else(pc.not_equal(comparison, ""), comparator[2], None) if comparator else None,
        },
        text.records,
    )
    names = pc.unique(cells["Indicator Name"]).to_pylist()

    # -- Return the file, read
    return Published(
        format=FORMAT,
        dataset_id=(dataset or {}).get("dataset_id", DATASET_ID),
        dataset=_dataset(names),
        shown=text.shown,
        sha256=text.sha256,
        encoding=text.encoding,
        records=text.records,
        figures=table,
    )


def _dataset(names: list[str]) -> str:
    """The export's name: its indicators, or how many when there are more than a line holds."""
    if len(names) <= MAX_NAMED:
        return "Fingertips: " + "; ".join(names)
    return f"Fingertips: {len(names)} indicators ({names[0]}; …)"


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _columns(text: CsvText) -> dict[str, int]:
    """Where each REQUIRED column is, by name; a missing or repeated one is a problem of the header (line 1)."""
    header, width = text.header, text.cells.num_columns
    where: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(header):
        where[_key(name)].append(index)
    problems = []
    columns = {}
    for name in sorted(REQUIRED):
        indexes = where.get(_key(name), [])
        if not indexes:
            reason = (
                'the header lacks this column, which every Fingertips "Export table data" file has; is this the '
                "file as Fingertips exported it?"
            )
        elif len(indexes) > 1:
            reason = f"the header names this column {len(indexes)} times"
        elif indexes[0] >= width:
            reason = (
                "is the header's last column but the rows have one field fewer than the header, so this column has "
                "no data; export the table again from Fingertips"
            )
        else:
            columns[name] = indexes[0]
            continue
        problems.append(SourceError(text.shown, 1, name, reason))
    if problems:
        raise BuildError(problems + text.problems.errors)
    return columns


def _comparator(header: list[str]) -> tuple[int, str, str] | None:
    """The comparator column (index, name, what it compares with): an area ("England", "Region", "Regions
    (statistical)") before "percentiles"; never "Compared to goal". None if the file has none."""
    found = []
    for index, name in enumerate(header):
        match = _COMPARATOR.match(" ".join(name.split()))
        if match and match["what"].casefold() != "goal":
            found.append((match["what"].casefold() == "percentiles", index, name, match["what"]))
    if not found:
        return None
    _, index, name, what = min(found)  # areas first, then header order
    return index, name, what


def _period_label(published: str) -> str:
    """A Fingertips time period as a label `loaders.periods.parse_period` reads.

    "2020" and "2010/11" stay; pooled years "2018 - 20" become "2018-20" (two pooled years, "2018 - 19", become
    "2018 to 2019", since "2018-19" would read as an academic year); pooled financial years "2016/17 - 18/19"
    become "2016/17 to 2018/19". Any other label is kept if parse_period reads it; else PeriodError.
    """
    text = " ".join(published.split())
    if match := _POOLED_YEARS.match(text):
        first = int(match[1])
        last = _following(first, match[2])
        label = f"{first}-{match[2]}" if first + 1 < last <= first + MAX_POOLED_YEARS else f"{first} to {last}"
    elif match := _POOLED_FINANCIAL.match(text):
        first = int(match[1][:4])
        last = _following(first, match[2])
        label = f"{match[1]} to {last}/{match[3]}"
    else:
        label = text
    try:
        parse_period(label)
    except PeriodError as exc:
        if label != text:  # a Fingertips form that does not hold together, e.g. "2016/18 - 18/19"
            raise PeriodError(f'"{published}" is not a time period I can read: {exc}') from None
        raise PeriodError(f'"{published}" is not a time period I can read; Fingertips writes {FORMS}') from None
    return label


def _following(year: int, two_digits: str) -> int:
    """The first year after `year` that ends in `two_digits` ("2018 - 20" -> 2020)."""
    candidate = year - year % 100 + int(two_digits)
    return candidate if candidate > year else candidate + 100


def _bool(array) -> np.ndarray:
    return pc.fill_null(array, False).to_numpy(zero_copy_only=False).astype(bool)


def _or_none(cells):
    """Empty cells as missing values."""
    return pc.if_else(pc.equal(cells, ""), None, cells)


def _breakdowns(cells: dict):
    """Each record's breakdown, its parts joined ("Male · Most deprived decile (IMD2019)"; "all" for the
    headline) and its type (the last part's): the sex unless Persons, the age where the indicator gives
    several, and the category with its Category Type."""
    ids, ages = cells["Indicator ID"], cells["Age"]
    counted = pa.table({"id": ids, "age": ages}).group_by("id").aggregate([("age", "count_distinct")])
    several_ages = counted.filter(pc.greater(counted["age_count_distinct"], 1))["id"]
    sex = pc.if_else(pc.equal(pc.utf8_lower(cells["Sex"]), HEADLINE_SEX.lower()), None, cells["Sex"])
    age = pc.if_else(pc.is_in(ids, value_set=several_ages), ages, None)
    category = _or_none(cells["Category"])
    joined = join(join(sex, age), category)
    breakdown = pc.if_else(pc.is_null(joined), "all", joined)
    kind = pc.if_else(
        pc.is_valid(category),
        cells["Category Type"],
        pc.if_else(pc.is_valid(age), "Age", pc.if_else(pc.is_valid(sex), "Sex", None)),
    )
    return breakdown, kind


def join(first, second, separator: str = SEPARATOR):
    """The two parts with `separator` between them where both are given, else the one given (else missing).
    (pyarrow's binary_join_element_wise with null_handling="skip" drops the rows where every part is missing.)"""
    both = pc.binary_join_element_wise(first, second, separator)
    return pc.if_else(pc.is_null(first), second, pc.if_else(pc.is_null(second), first, both))
