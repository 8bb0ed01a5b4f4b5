"""What every reader of a publisher's file returns, and the reading of numbers and suppression codes they share.

A reader knows its format, not our indicators: it returns every figure the file publishes as a row of an Arrow
table in the publisher's words (`FIGURES`: the measure's id and name, the area, the period, the breakdown, the
value or why it is missing), with the file line it came from. `loaders.releases.indicators` turns them into the
tidy observations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# A published number: digits, commas only between thousands ("1,234", never "39,5687", a decimal comma that would
# read as 395687), a decimal point, an exponent. Not "nan", "inf" or "1_000", which float() would take.
NUMBER_PATTERN = r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
DECIMAL_COMMA = r"[+-]?\d+,\d+"

# The DfE's suppression codes (Explore Education Statistics), and their meanings.
DFE_CODES = {
    "c": "confidential (suppressed to protect individuals)",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "k": "fewer than 0.5 (rounds to zero)",
    "low": "a positive figure that rounds to zero",
}
FINGERTIPS_BLANK = "blank"  # a value left out with no code: Fingertips' "Value note" says why, or a DfE cell is empty
SUPPRESSION_MEANINGS = {**DFE_CODES, FINGERTIPS_BLANK: "not published (see the value note)"}

S, F, I32, I8 = pa.string(), pa.float64(), pa.int32(), pa.int8()

# One row per figure, in the publisher's words. Readers may add "filter:<column>" text columns (a DfE filter's
# value on the figure's record), which a declaration can select on.
FIGURES = pa.schema(
    [
        ("line", I32),  # the file line the figure's record starts on
        ("measure", S),  # the publisher's id: Fingertips "90284"; DfE the measure's column; ONS the variable
        ("measure_name", S),  # the publisher's name of it
        ("area_code", S),
        ("area_name", S),
        ("area_type", S),  # as published: "Counties & UAs (from Apr 2023)", "Local authority", "National" ...
        ("parent_code", S),  # the area's parent as the file gives it (a region, or England)
        ("parent_name", S),
        ("period", S),  # a label loaders.periods reads: "2010/11", "2018-20", "2024-25", "2021"
        ("period_as_published", S),  # as the file writes it: "2018 - 20", "202425 (Academic year)"
        ("breakdown", S),  # "all", or the group: "Male", "CINO at 31 March · Special"
        ("breakdown_type", S),  # what the breakdown is of: "Sex", "social care group · phase type grouping"
        ("value", F),  # NaN where the publisher suppressed or left it blank
        ("lower_ci95", F),
        ("upper_ci95", F),
        ("lower_ci998", F),
        ("upper_ci998", F),
        ("count", F),  # the numerator, where published
        ("denominator", F),
        ("value_note", S),
        ("suppression", S),  # DfE "c", "x", "z", "u", "k", "low"; Fingertips "blank"
        ("comparison", S),  # the publisher's own: "Better", "Similar", "Worse", "Not compared"
        ("compared_with", S),  # with what: "England", "Region", "percentiles"
        ("version", I8),  # how final the figure is: 0 unstated, 1 provisional, 2 final, 3 revised
    ]
)
FILTER = "filter:"  # a DfE filter's column in the figures: "filter:population_type"


@dataclass
class Published:
    """A publisher's file, read: what it is, every figure in it, and what was not read, with why."""

    format: str  # "fingertips", "dfe_ees", "ons_census" or "dfe_neighbours"
    dataset_id: str  # our id of the dataset (declared in release_datasets.csv, else from the file)
    dataset: str  # in words: "DfE: Children in need, referrals and re-referrals (C1)"
    shown: str
    sha256: str
    encoding: str
    records: int
    figures: pa.Table  # FIGURES, and any filter columns
    skipped: Counter = field(default_factory=Counter)  # "rows of geographic levels ... (Local authority district)": n
    # GSS code -> [the DfE's three-digit LA number, the end of the newest period the file gives it for]
    la_numbers: dict[str, list[str]] = field(default_factory=dict)
    neighbours: list[dict] | None = None  # the statistical neighbour model's rows (that reader only)
    constants: dict[str, str] = field(default_factory=dict)  # filters with one value in the whole file


def empty_figures(length: int) -> dict[str, pa.Array]:
    """Every FIGURES column as nulls (a reader then sets what its file gives)."""
    return {f.name: pa.nulls(length, f.type) for f in FIGURES}


def figures_table(columns: dict, length: int, extra: dict | None = None) -> pa.Table:
    """A FIGURES table from the columns given (a text given once fills its column), the rest empty."""
    arrays = []
    for f in FIGURES:
        value = columns.get(f.name)
        if value is None:
            arrays.append(pa.nulls(length, f.type))
        elif isinstance(value, str):
            arrays.append(pa.repeat(pa.scalar(value, f.type), length))
        elif isinstance(value, pa.ChunkedArray | pa.Array):
            arrays.append(value.cast(f.type))
        else:
            arrays.append(pa.array(value, f.type, from_pandas=True))
    names = [f.name for f in FIGURES]
    for name, value in (extra or {}).items():
        arrays.append(value)
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)


# ---- numbers -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Numbers:
    values: np.ndarray  # float64, NaN where a cell is empty, a code, or not a number
    empty: np.ndarray  # bool
    unreadable: np.ndarray  # bool: neither empty, a code, nor a number


def read_numbers(cells: pa.ChunkedArray | pa.Array, codes: tuple[str, ...] = ()) -> Numbers:
    """A column of published numbers ("1,234", "76.28", "1e-05"), read whole: the values, which cells are empty,
    and which are unreadable (a decimal comma, "nan", "inf", "1_000", a word that is not one of `codes`).

    Cells are cast by Arrow at once; only a column that holds something it refuses is matched cell by cell."""
    from loaders.csv_text import trimmed as without_spaces

    cells = cells if isinstance(cells, pa.ChunkedArray) else pa.chunked_array([cells])
    trimmed = without_spaces(cells)
    empty = pc.equal(trimmed, "")
    skip = pc.or_(empty, pc.is_in(trimmed, value_set=pa.array(codes, S))) if codes else empty
    candidates = pc.if_else(skip, None, trimmed)
    try:
        values = pc.cast(candidates, F)
        plain = True
    except pa.ArrowInvalid:
        plain = False
    if plain:
        values = values.to_numpy(zero_copy_only=False)
        bad = ~np.isfinite(values) & ~_bool(skip)
        if bad.any():  # "nan" or "inf": Arrow reads them, a publisher never writes them
            values = np.where(bad, np.nan, values)
        return Numbers(values, _bool(empty), bad)
    number = pc.match_substring_regex(candidates, f"^(?:{NUMBER_PATTERN})$")
    readable = pc.fill_null(number, False)
    values = pc.cast(pc.replace_substring(pc.if_else(readable, candidates, None), ",", ""), F)
    values = values.to_numpy(zero_copy_only=False)
    bad = ~_bool(readable) & ~_bool(skip)
    bad |= ~np.isfinite(values) & _bool(readable)
    return Numbers(np.where(bad, np.nan, values), _bool(empty), bad)


def _bool(array) -> np.ndarray:
    return pc.fill_null(array, False).to_numpy(zero_copy_only=False).astype(bool)


def not_a_number(cell: str) -> str:
    """Why a cell is not a number, with a hint for a decimal comma ("39,5687" is not 395687)."""
    import re

    text = cell.strip()
    hint = f" (a decimal comma? write {text.replace(',', '.')})" if re.fullmatch(DECIMAL_COMMA, text) else ""
    return f'"{cell}" is not a number{hint}'


def report(problems, lines: np.ndarray, mask: np.ndarray, column: str | None, reason, cells=None) -> None:
    """Add one problem per row in `mask` (the first ones listed by `problems`, the rest counted): `reason` is a
    sentence, or a function of the row's cell (from `cells`) giving one."""
    rows = np.flatnonzero(mask)
    if not len(rows):
        return
    listed = rows[: problems.limit]
    texts = cells.take(pa.array(listed)).to_pylist() if cells is not None else None
    for k, row in enumerate(listed):
        problems.add(int(lines[row]), column, reason(texts[k]) if callable(reason) else reason)
    problems.per_column[column] += len(rows) - len(listed)  # the rest counted, not listed
