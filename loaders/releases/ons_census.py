"""Read an ONS Census 2021 "Create a custom dataset" CSV: one figure per record.

The custom-dataset tool writes its columns in pairs, a code and a label for each dimension, and one count:

    2023 Upper tier local authorities Code, 2023 Upper tier local authorities,
    Ethnic group (20 categories) Code, Ethnic group (20 categories), Observation

The first pair is the geography (its name, "2023 Upper tier local authorities", is the area type); every
other pair is a variable, whose name is the publisher's measure ("Ethnic group (20 categories)") and whose
category label is the breakdown, its code kept as a filter ("filter:Ethnic group (20 categories) code": "1").
Several variables (a cross-tabulation) give one measure, "<first> by <second>", with the labels joined by
" / " as the breakdown. "Observation" is the count. The category the ONS codes -8, "Does not apply" (a count
of 0 for every area), is kept as published, with its label as the value note.

The tool serves only Census 2021 data (census day, 21 March 2021), so the file does not state its year: every
row has the period "2021", published as "Census 2021".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from loaders.csv_text import CsvText
from loaders.errors import Problems
from loaders.releases.fingertips import join
from loaders.releases.published import FILTER, Published, figures_table, report

FORMAT = "ons_census"
DATASET_ID = "ons_census_2021"
REQUIRED = frozenset({"observation"})  # and at least one column ending in CODE_SUFFIX
CODE_SUFFIX = " Code"  # the suffix of each dimension's code column (compared without regard to case)
DATASET_PREFIX = "ONS Census 2021: "
PERIOD = "2021"  # census day, 21 March 2021; loaders.periods reads it as the calendar year
PERIOD_AS_PUBLISHED = "Census 2021"
DOES_NOT_APPLY = "-8"  # the ONS's code for "Does not apply"


@dataclass(frozen=True)
class _Dimension:
    name: str  # the label column's name: "Ethnic group (20 categories)"
    code: int  # the positions of its code and label columns
    label: int


def recognises(names: set[str]) -> bool:
    """An ONS custom dataset: an "Observation" column and at least one "<name> Code" column."""
    return names >= REQUIRED and any(name.endswith(CODE_SUFFIX.lower()) for name in names)


def read(text: CsvText, dataset: dict | None = None) -> Published:
    """Every record of a custom dataset as a figure; BuildError listing every problem (a header without
    "Observation" or without code and label pairs, a column in no pair, an empty code or label, an observation
    that is not a count, the same area and categories twice), each with its line and column."""
    # -- Load inputs
    header = text.header[: text.cells.num_columns]
    problems = text.problems
    observation, dimensions = _header(header, problems)
    if not text.records:
        problems.add(1, None, "the file has a header but no records")
    if problems:
        raise problems.error()
    geography, variables = dimensions[0], dimensions[1:]

    # -- Process data
    lines = text.lines
    pairs = {d: (text.column(d.code), text.column(d.label)) for d in dimensions}
    for d in dimensions:
        for position, cells in zip((d.code, d.label), pairs[d], strict=True):
            empty = _bool(pc.equal(cells, ""))
            report(
                problems,
                lines,
                empty,
                header[position],
                "is empty; every row of a custom dataset has a code and a label",
            )
    count = text.column(observation)
    plain = pc.replace_substring(count, ",", "")
    whole = _bool(pc.match_substring_regex(plain, r"^\d+$"))
    report(
        problems, lines, ~whole, header[observation],
        lambda cell: f'"{cell}" is not a count; an observation is a whole number of people or households', count,
    )  # fmt: skip
    _repeats(pairs, dimensions, lines, problems)
    if problems:
        raise problems.error()

    names = [v.name for v in variables]
    breakdown = breakdown_type = None
    notes = pa.nulls(text.records, pa.string())
    for variable in variables:
        code, label = pairs[variable]
        breakdown = label if breakdown is None else join(breakdown, label, " / ")
        notes = join(notes, pc.if_else(pc.equal(code, DOES_NOT_APPLY), label, None), "; ")
    breakdown_type = " / ".join(names)
    area_code, area_name = pairs[geography]
    table = figures_table(
        {
            "line": lines,
            "measure": " by ".join(names),
            "measure_name": " by ".join(names),
            "area_code": area_code,
            "area_name": area_name,
            "area_type": geography.name,
            "period": PERIOD,
            "period_as_published": PERIOD_AS_PUBLISHED,
            "breakdown": breakdown,
            "breakdown_type": breakdown_type,
            "value": pc.cast(plain, pa.float64()),
            "value_note": notes,
        },
        text.records,
        {f"{FILTER}{v.name} code": pairs[v][0] for v in variables},
    )

    # -- Return the file, read
    return Published(
        format=FORMAT,
        dataset_id=(dataset or {}).get("dataset_id", DATASET_ID),
        dataset=DATASET_PREFIX + ", ".join(names),
        shown=text.shown,
        sha256=text.sha256,
        encoding=text.encoding,
        records=text.records,
        figures=table,
    )


def _bool(array) -> np.ndarray:
    return pc.fill_null(array, False).to_numpy(zero_copy_only=False).astype(bool)


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
    for name, position in positions.items():
        if not name.endswith(" " + suffix):
            continue
        label = positions.get(name.removesuffix(" " + suffix))
        if label is None:
            bare = header[position][: -len(CODE_SUFFIX)].strip()
            problems.add(1, header[position], f'has no label column "{bare}" beside it; a code needs its label')
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


def _repeats(pairs, dimensions, lines, problems) -> None:
    """The same area and categories on two lines: the later one is a problem naming the first."""
    codes = None
    for d in dimensions:
        codes = pairs[d][0] if codes is None else pc.binary_join_element_wise(codes, pairs[d][0], "\x1f")
    seen: dict[str, int] = {}
    for row, value in enumerate(codes.to_pylist()):
        if value in seen:
            problems.add(
                int(lines[row]), None, f"the same area and categories are already on line {seen[value]}; remove one"
            )
        else:
            seen[value] = int(lines[row])
