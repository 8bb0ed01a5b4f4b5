"""Read an OHID Fingertips "Export table data" CSV into `PublishedRow`s, one per figure the file publishes.

Columns are found by name (any order, any case). Fingertips has shipped two layouts: the current one, whose
rows have a field for every column of the header, and an older one whose header names one column more than its
rows hold (the header's last name has no data). The comparator column's name changes with the download
("Compared to England value or percentiles", "Compared to Regions (statistical) value or percentiles",
"Compared to percentiles"): the area it compares with is taken from the name.

The headline is Sex "Persons" without a "Category Type"; everything else is a breakdown (Male, Female, a
deprivation decile, an age when the indicator is published for several), never mixed into the headline. An age
published alone is the indicator's definition ("<15 yrs"), not a breakdown. Time
periods become labels `loaders.periods` reads: "2018 - 20" is "2018-20" and "2016/17 - 18/19" is "2016/17 to
2018/19". A blank value stays blank (None), marked `FINGERTIPS_BLANK`, with the publisher's note on why.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from loaders.errors import BuildError, SourceError
from loaders.periods import MAX_POOLED_YEARS, PeriodError, parse_period
from loaders.published import FINGERTIPS_BLANK, NUMBER_PATTERN, ParsedFile, PublishedRow, decode, number, records

# The header names every Fingertips "Export table data" file has (the comparator column's name varies, so it is
# not here). Another module recognises the format by them: all present, compared case-insensitively.
REQUIRED: frozenset[str] = frozenset(
    {
        "Indicator ID",
        "Indicator Name",
        "Parent Code",
        "Parent Name",
        "Area Code",
        "Area Name",
        "Area Type",
        "Sex",
        "Age",
        "Category Type",
        "Category",
        "Time period",
        "Value",
        "Lower CI 95.0 limit",
        "Upper CI 95.0 limit",
        "Lower CI 99.8 limit",
        "Upper CI 99.8 limit",
        "Count",
        "Denominator",
        "Value note",
    }
)

# PublishedRow's numeric fields and the columns they come from.
NUMBERS = {
    "value": "Value",
    "lower_ci95": "Lower CI 95.0 limit",
    "upper_ci95": "Upper CI 95.0 limit",
    "lower_ci998": "Lower CI 99.8 limit",
    "upper_ci998": "Upper CI 99.8 limit",
    "count": "Count",
    "denominator": "Denominator",
}
# Cells every row must fill, and what each one names (for the message when it is empty).
FILLED = {
    "Indicator ID": "its indicator's id",
    "Indicator Name": "its indicator",
    "Area Code": "its area's code",
    "Area Name": "its area",
    "Time period": "its time period",
    "Sex": "the sex it counts (Persons, Male or Female)",
}
COMPARATOR = "Compared to"  # the key of the comparator's cell among a row's cells (not a header name)
HEADLINE_SEX = "Persons"
SEPARATOR = " · "  # between the parts of a breakdown: "Male · Most deprived decile (IMD2019)"

_COMPARATOR = re.compile(r"^compared to (?P<what>.+?)(?: value or percentiles)?$", re.IGNORECASE)
_POOLED_YEARS = re.compile(r"^(\d{4})\s*-\s*(\d{2})$")  # "2018 - 20"
_POOLED_FINANCIAL = re.compile(r"^(\d{4}/\d{2})\s*-\s*(\d{2})/(\d{2})$")  # "2016/17 - 18/19"
FORMS = "years (2020), financial years (2010/11) and pooled years (2018 - 20, 2016/17 - 18/19)"


def read(path: Path, shown: str) -> ParsedFile:
    """Read a Fingertips "Export table data" CSV: every figure, in the publisher's words.

    Anything it cannot read (a missing column, a row with the wrong number of fields, a period or number it
    cannot read, an empty cell every row needs) is a SourceError naming the file, line, column and reason; all of
    them are raised together as one BuildError. Undecodable text and broken quoting are SourceErrors from
    `loaders.published`.

    A file it can read whole is read as a table, column by column (a million rows in seconds); one with any
    problem is read again row by row, which finds every problem and says where each is.
    """
    text = decode(path, shown)
    fast = _as_table(path, shown, text)
    return fast if fast is not None else _row_by_row(path, shown, text)


def _row_by_row(path: Path, shown: str, text) -> ParsedFile:
    """Every record as a PublishedRow, collecting every problem with its line."""
    # --- Load inputs: text, header, records and the layout they are in
    header, found = records(text.text, shown)
    if not found:
        raise BuildError([SourceError(shown, None, None, "has a header but no rows of figures")])
    width = _width(header, found)
    columns = _columns(header, width, shown)
    comparator = _comparator(header[:width])

    # --- Process data: each record into a PublishedRow, collecting every problem
    problems: list[SourceError] = []
    readable: list[tuple[int, dict[str, str]]] = []
    for line, fields in found:
        if len(fields) != width:
            problems.append(SourceError(shown, line, None, _width_reason(len(fields), width, header)))
            continue
        cells = {name: fields[index].strip() for name, index in columns.items()}
        cells[COMPARATOR] = fields[comparator[0]].strip() if comparator else ""
        readable.append((line, cells))
    ages = defaultdict(set)  # an indicator published for several ages has age breakdowns
    for _, cells in readable:
        ages[cells["Indicator ID"]].add(cells["Age"])
    periods: dict[str, str | PeriodError] = {}  # each label read once
    rows = []
    for line, cells in readable:
        several_ages = len(ages[cells["Indicator ID"]]) > 1
        row = _row(line, cells, comparator, several_ages=several_ages, shown=shown, periods=periods, problems=problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise BuildError(problems)

    # --- Save outputs: the file, read
    names = list(dict.fromkeys(row.publisher_indicator_name for row in rows))
    return ParsedFile(
        format="fingertips",
        path=path,
        shown=shown,
        sha256=text.sha256,
        encoding=text.encoding,
        dataset=_dataset(names),
        rows=rows,
    )


def _dataset(names: list[str]) -> str:
    """The export's name: its indicators, or how many when there are more than a line holds (each figure row
    repeats it, and each names its own indicator by id)."""
    if len(names) <= MAX_NAMED:
        return "Fingertips: " + "; ".join(names)
    return f"Fingertips: {len(names)} indicators ({names[0]}; …)"


MAX_NAMED = 3


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _width(header: list[str], found: list[tuple[int, list[str]]]) -> int:
    """How many fields this file's rows have: one per column of the header (the current layout), or one fewer
    (the older layout, whose header's last name has no data). The layout most rows follow is the file's."""
    full = sum(len(fields) == len(header) for _, fields in found)
    short = sum(len(fields) == len(header) - 1 for _, fields in found)
    return len(header) - 1 if short > full else len(header)


def _width_reason(fields: int, width: int, header: list[str]) -> str:
    if width == len(header):
        expected = f"the header names {width} columns"
    else:
        expected = (
            f"this file's rows have {width}, one fewer than the header's {len(header)} columns, as in older Fingertips"
            " exports"
        )
    return (
        f"has {fields} fields but {expected}; look here for a comma in a field without quotes around it, or a field"
        " lost"
    )


def _columns(header: list[str], width: int, shown: str) -> dict[str, int]:
    """Where each REQUIRED column is, by name; a missing or repeated one is a SourceError on the header line."""
    where: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(header):
        where[_key(name)].append(index)
    problems = []
    columns = {}
    for name in sorted(REQUIRED):
        indexes = where.get(_key(name), [])
        if not indexes:
            problems.append(
                SourceError(
                    shown,
                    1,
                    name,
                    'the header lacks this column, which every Fingertips "Export table data" file has; is this the'
                    " file as Fingertips exported it?",
                )
            )
        elif len(indexes) > 1:
            problems.append(SourceError(shown, 1, name, f"the header names this column {len(indexes)} times"))
        elif indexes[0] >= width:
            problems.append(
                SourceError(
                    shown,
                    1,
                    name,
                    "is the header's last column but the rows have one field fewer than the header, so this column"
                    " has no data; export the table again from Fingertips",
                )
            )
        else:
            columns[name] = indexes[0]
    if problems:
        raise BuildError(problems)
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


def _row(
    line: int,
    cells: dict[str, str],
    comparator: tuple[int, str, str] | None,
    *,
    several_ages: bool,
    shown: str,
    periods: dict[str, str | PeriodError],
    problems: list[SourceError],
) -> PublishedRow | None:
    """One record as a PublishedRow, or None with its problems added to `problems`."""
    before = len(problems)
    for column, what in FILLED.items():
        if not cells[column]:
            problems.append(SourceError(shown, line, column, f"is empty; every Fingertips row names {what}"))
    figures = {}
    for field, column in NUMBERS.items():
        try:
            figures[field] = number(cells[column], shown, line, column)
        except SourceError as error:  # loaders.published raises it for a cell that is not a number
            problems.append(error)
    published = cells["Time period"]
    if published and published not in periods:
        try:
            periods[published] = _period_label(published)
        except PeriodError as exc:
            periods[published] = exc
    period = periods.get(published)
    if isinstance(period, PeriodError):
        problems.append(SourceError(shown, line, "Time period", str(period)))
    breakdown, breakdown_type = _breakdown(cells, several_ages, shown, line, problems)
    if len(problems) > before:
        return None

    comparison = cells[COMPARATOR] or None  # "Better", "Similar", "Worse", "Not compared"
    compared_with = comparator[2] if comparator and comparison else None
    return PublishedRow(
        line=line,
        publisher_indicator_id=cells["Indicator ID"],
        publisher_indicator_name=cells["Indicator Name"],
        area_code=cells["Area Code"],
        area_name=cells["Area Name"],
        area_type=cells["Area Type"],
        period=period,
        period_as_published=published,
        parent_code=cells["Parent Code"] or None,
        parent_name=cells["Parent Name"] or None,
        breakdown=breakdown,
        breakdown_type=breakdown_type,
        value_note=cells["Value note"] or None,
        suppression=FINGERTIPS_BLANK if figures["value"] is None else None,
        comparison=comparison,
        compared_with=compared_with,
        **figures,
    )


def _breakdown(
    cells: dict[str, str], several_ages: bool, shown: str, line: int, problems: list[SourceError]
) -> tuple[str, str | None]:
    """The breakdown and what it is of. The headline (Persons, no category, the indicator's only age) is
    ("all", None). Otherwise the breakdown joins every part that is not the headline's by " · " ("Male",
    "Male · Most deprived decile (IMD2019)", "Female · 0-4 yrs") and its type is the finest of them: the Category
    Type, else "Age", else "Sex"."""
    parts: list[tuple[str, str]] = []
    if cells["Sex"] and cells["Sex"].casefold() != HEADLINE_SEX.casefold():
        parts.append((cells["Sex"], "Sex"))
    if several_ages:
        parts.append((cells["Age"], "Age"))
    category_type, category = cells["Category Type"], cells["Category"]
    if category_type and not category:
        problems.append(SourceError(shown, line, "Category", f'is empty but its Category Type is "{category_type}"'))
    elif category and not category_type:
        problems.append(SourceError(shown, line, "Category Type", f'is empty but its Category is "{category}"'))
    elif category_type:
        parts.append((category, category_type))
    if not parts:
        return "all", None
    return SEPARATOR.join(part for part, _ in parts), parts[-1][1]


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


# ---- the same, column by column, for a file with no problem ---------------------------------------------------


def _as_table(path: Path, shown: str, text) -> ParsedFile | None:
    """The file as a table of PublishedRow's fields, read column by column; None at the first sign of anything
    the row-by-row reader would report (so that it reports it, with its line)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    second_line_end = text.text.find("\n", text.text.find("\n") + 1)
    try:
        header, first = records(text.text[: second_line_end if second_line_end > 0 else None], shown)
    except SourceError:  # a quoted field runs over the first lines: the row reader says where
        return None
    if not first:
        return None
    width = len(first[0][1])  # the layout, from the first record: a field per column, or one fewer (older)
    if width not in (len(header), len(header) - 1):
        return None
    parsed = _parse(text.text, header[:width])
    if parsed is None or not parsed.num_rows:
        return None
    try:
        columns = _columns(header, width, shown)
    except BuildError:
        return None
    lines = _record_lines(text.text, parsed.num_rows, shown)
    cells = {name: pc.utf8_trim_whitespace(parsed.column(index)) for name, index in columns.items()}
    if any(pc.any(pc.equal(cells[column], "")).as_py() for column in FILLED):
        return None
    figures = {}
    for field, column in NUMBERS.items():
        figure = _numbers(cells[column])
        if figure is None:
            return None
        figures[field] = figure
    labels = {}
    for published in pc.unique(cells["Time period"]).to_pylist():
        try:
            labels[published] = _period_label(published)
        except PeriodError:
            return None
    category_type, category = cells["Category Type"], cells["Category"]
    if pc.any(pc.not_equal(pc.equal(category_type, ""), pc.equal(category, ""))).as_py():
        return None

    breakdown, kind = _breakdowns(cells)
    comparator = _comparator(header[:width])
    comparison = pc.utf8_trim_whitespace(parsed.column(comparator[0])) if comparator else None
    period = pa.array(list(labels.values()), pa.string()).take(
        pc.index_in(cells["Time period"], value_set=pa.array(list(labels), pa.string()))
    )
    table = pa.table(
        {
            "line": lines,
            "publisher_indicator_id": cells["Indicator ID"],
            "publisher_indicator_name": cells["Indicator Name"],
            "area_code": cells["Area Code"],
            "area_name": cells["Area Name"],
            "area_type": cells["Area Type"],
            "period": period,
            "period_as_published": cells["Time period"],
            "parent_code": _or_none(cells["Parent Code"]),
            "parent_name": _or_none(cells["Parent Name"]),
            "breakdown": breakdown,
            "breakdown_type": kind,
            **figures,
            "value_note": _or_none(cells["Value note"]),
            "suppression": pc.if_else(pa.array(np.isnan(figures["value"])), FINGERTIPS_BLANK, None),
            "comparison": _or_none(comparison) if comparator else pa.nulls(parsed.num_rows, pa.string()),
            "compared_with": (
                pc.if_else(pc.not_equal(comparison, ""), comparator[2], None)
                if comparator
                else pa.nulls(parsed.num_rows, pa.string())
            ),
        }
    ).to_pandas()
    names = list(table["publisher_indicator_name"].unique())
    return ParsedFile("fingertips", path, shown, text.sha256, text.encoding, _dataset(names), table=table)


def _or_none(cells):
    """Empty cells as missing values."""
    import pyarrow.compute as pc

    return pc.if_else(pc.equal(cells, ""), None, cells)


def _breakdowns(cells: dict):
    """Each record's breakdown, its parts joined ("Male · Most deprived decile (IMD2019)"; "all" for the
    headline) and its type (the last part's): the sex unless Persons, the age where the indicator gives
    several, and the category with its Category Type."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ids, ages = cells["Indicator ID"], cells["Age"]
    counted = pa.table({"id": ids, "age": ages}).group_by("id").aggregate([("age", "count_distinct")])
    several_ages = counted.filter(pc.greater(counted["age_count_distinct"], 1))["id"]
    sex = pc.if_else(pc.equal(pc.utf8_lower(cells["Sex"]), HEADLINE_SEX.lower()), None, cells["Sex"])
    age = pc.if_else(pc.is_in(ids, value_set=several_ages), ages, None)
    category = _or_none(cells["Category"])
    joined = _join(_join(sex, age), category)
    breakdown = pc.if_else(pc.is_null(joined), "all", joined)
    kind = pc.if_else(
        pc.is_valid(category),
        cells["Category Type"],
        pc.if_else(pc.is_valid(age), "Age", pc.if_else(pc.is_valid(sex), "Sex", None)),
    )
    return breakdown, kind


def _join(first, second):
    """The two parts with SEPARATOR between them where both are given, else the one given (else missing).
    (pyarrow's binary_join_element_wise with null_handling="skip" drops the rows where every part is missing.)"""
    import pyarrow.compute as pc

    both = pc.binary_join_element_wise(first, second, SEPARATOR)
    return pc.if_else(pc.is_null(first), second, pc.if_else(pc.is_null(second), first, both))


def _parse(text: str, names: list[str]):
    """Every record as text (an Arrow table, a column per name), by pyarrow's CSV reader, which refuses a
    record with another number of fields than `names` (the row-by-row reader then says which line); None if
    it refuses any."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    try:
        return pa_csv.read_csv(
            pa.py_buffer(text.encode("utf-8")),
            read_options=pa_csv.ReadOptions(column_names=[f"c{i}" for i in range(len(names))], skip_rows=1),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"c{i}": pa.string() for i in range(len(names))}, strings_can_be_null=False
            ),
        )
    except pa.ArrowInvalid:
        return None


def _record_lines(text: str, count: int, shown: str):
    """The line each record starts on: the next line after the header for each, unless a quoted field holds a
    line break (then they are counted record by record)."""
    import numpy as np

    physical = text.count("\n") + (0 if text.endswith("\n") else 1)
    if physical == count + 1:
        return np.arange(2, count + 2)
    _, found = records(text, shown)
    return np.array([line for line, _ in found])


def _numbers(column):
    """A column of published numbers as floats (empty cells NaN); None if any cell is not a number the row
    reader would take (so that it reports it)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = column
    filled = pc.not_equal(cells, "")
    readable = pc.match_substring_regex(cells, f"^(?:{NUMBER_PATTERN})?$")
    if not pc.all(readable).as_py():
        return None
    plain = pc.if_else(filled, pc.replace_substring(cells, ",", ""), None)
    values = pc.cast(plain, pa.float64()).to_numpy(zero_copy_only=False)
    if not np.isfinite(values[filled.to_numpy(zero_copy_only=False)]).all():
        return None
    return values
