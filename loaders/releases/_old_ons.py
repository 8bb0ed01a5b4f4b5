"""Read an ONS Census 2021 "Create a custom dataset" CSV into `PublishedRow`s, one per record.

The custom-dataset tool writes its columns in pairs, a code and a label for each dimension, and one count:

    2023 Upper tier local authorities Code, 2023 Upper tier local authorities,
    Ethnic group (20 categories) Code, Ethnic group (20 categories), Observation

The first pair is the geography (its name, "2023 Upper tier local authorities", is the area type); every
other pair is a variable, whose name is the publisher's indicator ("Ethnic group (20 categories)") and whose
category label is the breakdown, its code kept in `filters` ("Ethnic group (20 categories) code": "1").
Several variables (a cross-tabulation) give one indicator, "<first> by <second>", with the labels joined by
" / " as the breakdown. "Observation" is the count. The category the ONS codes -8, "Does not apply" (a count
of 0 for every area), is kept as published, with its label as the value note.

The tool serves only Census 2021 data (census day, 21 March 2021), so the file does not state its year: every
row has the period "2021", published as "Census 2021".

Recognised by its header: `REQUIRED` ("Observation") and at least one column ending in `CODE_SUFFIX`. The
signature is weaker than those of the DfE and Fingertips files, so a recogniser checks those first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import Problems
from loaders.published import ParsedFile, PublishedRow, decode, records

# The header names that identify the format (lower case, spaces removed, as the recogniser compares them).
REQUIRED = frozenset({"observation"})
CODE_SUFFIX = " Code"  # the suffix of each dimension's code column (compared without regard to case)

FORMAT = "ons_census"
DATASET_PREFIX = "ONS Census 2021: "
PERIOD = "2021"  # census day, 21 March 2021; loaders.periods reads it as the calendar year
PERIOD_AS_PUBLISHED = "Census 2021"
DOES_NOT_APPLY = "-8"  # the ONS's code for "Does not apply"

_COUNT = re.compile(r"^\d+$")  # a whole number, thousands separated by commas or not


@dataclass(frozen=True)
class _Dimension:
    name: str  # the label column's name: "Ethnic group (20 categories)"
    code: int  # the positions of its code and label columns
    label: int


def read(path: Path, shown: str) -> ParsedFile:
    """Read a custom-dataset CSV: one `PublishedRow` per record (area, category of each variable), in file order.

    Raises `BuildError` listing every problem found (one or several), each a `SourceError` naming the file, the
    line, the column and what to do: a header without "Observation" or without code and label pairs for a
    geography and at least one variable, a column that belongs to no pair, a record with too few or too many
    fields, an empty code or label, an observation that is not a count, the same area and categories twice.
    """
    # -- Load inputs
    text = decode(path, shown)
    header, rows = records(text.text, shown)
    problems = Problems(shown)
    observation, dimensions = _header(header, problems)
    if not rows:
        problems.add(1, None, "the file has a header but no records")
    if problems:
        raise problems.error()
    geography, variables = dimensions[0], dimensions[1:]

    # -- Process data
    published: list[PublishedRow] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, fields in rows:
        if len(fields) != len(header):
            problems.add(line, None, f"the record has {len(fields)} fields but the header has {len(header)}")
            continue
        count = len(problems)
        cells = {d: _pair(line, fields, header, d, problems) for d in dimensions}
        value = _count(line, fields[observation], header[observation], problems)
        key = tuple(cells[d][0] for d in dimensions)
        if key in seen:
            problems.add(line, None, f"the same area and categories are already on line {seen[key]}; remove one")
        seen.setdefault(key, line)
        if len(problems) > count:
            continue
        (area_code, area_name), labels = cells[geography], [cells[v][1] for v in variables]
        codes = [cells[v][0] for v in variables]
        names = [v.name for v in variables]
        notes = [label for code, label in zip(codes, labels, strict=True) if code == DOES_NOT_APPLY]
        published.append(
            PublishedRow(
                line=line,
                publisher_indicator_id=" by ".join(names),
                publisher_indicator_name=" by ".join(names),
                area_code=area_code,
                area_name=area_name,
                area_type=geography.name,
                period=PERIOD,
                period_as_published=PERIOD_AS_PUBLISHED,
                breakdown=" / ".join(labels),
                breakdown_type=" / ".join(names),
                value=value,
                value_note="; ".join(notes) or None,
                filters={f"{name} code": code for name, code in zip(names, codes, strict=True)},
            )
        )
    if problems:
        raise problems.error()

    # -- Return the file
    dataset = DATASET_PREFIX + ", ".join(v.name for v in variables)
    return ParsedFile(FORMAT, path, shown, text.sha256, text.encoding, dataset, published)


def _key(name: str) -> str:
    """A header name as compared: lower case, runs of spaces as one."""
    return " ".join(name.split()).lower()


def _header(header: list[str], problems: Problems) -> tuple[int, list[_Dimension]]:
    """The position of "Observation" and the dimensions (geography first), pairing "<name> Code" with "<name>"."""
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        if not _key(name):
            problems.add(1, None, f"column {position + 1} of the header has no name; name it or delete the column")
        elif _key(name) in positions:
            problems.add(1, name, "the header names this column twice")
        else:
            positions[_key(name)] = position
    observation = positions.get("observation")
    if observation is None:
        problems.add(1, "Observation", "the header lacks this column, which holds the count in a custom dataset")

    suffix = _key(CODE_SUFFIX)
    dimensions, paired = [], {observation}
    for key, position in positions.items():
        if not key.endswith(" " + suffix):
            continue
        label = positions.get(key.removesuffix(" " + suffix))
        if label is None:
            name = header[position][: -len(CODE_SUFFIX)].strip()
            problems.add(1, header[position], f'has no label column "{name}" beside it; a code needs its label')
            continue
        dimensions.append(_Dimension(header[label], position, label))
        paired |= {position, label}
    for position, name in enumerate(header):
        if _key(name) and position not in paired and dimensions:
            problems.add(
                1, name, f'belongs to no pair of columns "<name>{CODE_SUFFIX}" and "<name>", and is not "Observation"'
            )
    if len(dimensions) < 2:
        found = ", ".join(f'"{header[d.code]}"' for d in dimensions) or "none"
        problems.add(
            1,
            None,
            f'a custom dataset has a pair of columns "<name>{CODE_SUFFIX}" and "<name>" for the geography and for '
            f"each variable, at least two pairs in all; this header has {len(dimensions)} ({found}): download the "
            "file again with codes",
        )
    return observation or 0, dimensions


def _pair(line, fields, header, dimension: _Dimension, problems) -> tuple[str, str]:
    code, label = fields[dimension.code].strip(), fields[dimension.label].strip()
    for position, value in ((dimension.code, code), (dimension.label, label)):
        if not value:
            problems.add(line, header[position], "is empty; every row of a custom dataset has a code and a label")
    return code, label


def _count(line: int, cell: str, column: str, problems) -> float | None:
    text = cell.strip().replace(",", "")
    value = float(text) if _COUNT.match(text) else math.nan
    if not math.isfinite(value):
        problems.add(line, column, f'"{cell}" is not a count; an observation is a whole number of people or households')
        return None
    return value
