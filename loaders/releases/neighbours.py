"""Read the DfE's children's services statistical neighbour model: each local authority's ten nearest authorities.

The file names authorities by the DfE's three-digit number (`old_la_code`, 305 for Bromley), one row each, with
its neighbours nearest first (`SN_1` ... `SN_10`) and how close each is (`SN_1P`: "Very close", "Close ",
"Somewhat close" ...; the publisher's trailing space dropped). The numbers become GSS codes in the build,
through the number every Explore Education Statistics file carries beside the code: the mapping comes from the
data, never from a list typed here.
"""

from __future__ import annotations

import re

from loaders.csv_text import CsvText
from loaders.releases.published import Published, figures_table

FORMAT = "dfe_neighbours"
DATASET_ID = "dfe_statistical_neighbours"
NUMBER, NAME = "old_la_code", "la_name"
_NEIGHBOUR = re.compile(r"^sn_(\d+)$", re.IGNORECASE)
_THREE_DIGITS = re.compile(r"^\d{3}$")


def recognises(names: set[str]) -> bool:
    return NUMBER in names and "sn_1" in names and "sn_1p" in names


def read(text: CsvText, dataset: dict | None = None) -> Published:
    """Every authority's neighbours, by number, nearest first; a number that is not three digits is a problem of
    its line and column."""
    # -- Load inputs
    header = [name.strip() for name in text.header[: text.cells.num_columns]]
    where = {name.lower(): position for position, name in enumerate(header)}
    ranks = sorted((int(m[1]), position) for position, name in enumerate(header) if (m := _NEIGHBOUR.match(name)))
    problems = text.problems
    for name in (NUMBER, NAME):
        if name not in where:
            problems.add(1, name, "the header lacks this column, which the statistical neighbour model has")
    if problems:
        raise problems.error()

    # -- Process data
    numbers = text.column(where[NUMBER]).to_pylist()
    names = text.column(where[NAME]).to_pylist()
    rows = []
    for rank, position in ranks:
        closeness_at = where.get(f"sn_{rank}p")
        neighbours = text.column(position).to_pylist()
        closeness = text.column(closeness_at).to_pylist() if closeness_at is not None else [None] * text.records
        for k, (number, neighbour) in enumerate(zip(numbers, neighbours, strict=True)):
            line = int(text.lines[k])
            for column, value in ((NUMBER, number), (header[position], neighbour)):
                if not _THREE_DIGITS.match(value):
                    problems.add(line, column, f'"{value}" is not a three-digit DfE local authority number')
            rows.append(
                {
                    "la_number": number,
                    "la_name": names[k],
                    "rank": rank,
                    "neighbour_number": neighbour,
                    "closeness": (closeness[k] or "").strip() or None,
                    "release_line": line,
                }
            )
    if problems:
        raise problems.error()

    # -- Return the file, read
    return Published(
        format=FORMAT,
        dataset_id=(dataset or {}).get("dataset_id", DATASET_ID),
        dataset=(dataset or {}).get("title") or "DfE children's services statistical neighbour model",
        shown=text.shown,
        sha256=text.sha256,
        encoding=text.encoding,
        records=text.records,
        figures=figures_table({}, 0),
        neighbours=rows,
    )
