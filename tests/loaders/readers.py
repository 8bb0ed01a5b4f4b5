"""A release file read by its format's reader as the build wires it (loaders.releases.load.read_file), and its
figures as plain rows a test compares with what the csv module reads from the same file."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from types import ModuleType

from loaders import csv_text
from loaders.releases import fingertips
from loaders.releases.published import FILTER, Published


def read(reader: ModuleType, path: Path, shown: str | None = None, dataset: dict | None = None) -> Published:
    """`path` read by `reader` (loaders.releases.dfe, fingertips, ons_census or neighbours); `dataset` is what a
    declaration would give it (a dataset id "test" unless said)."""
    shown = shown or path.name
    width = None
    if reader is fingertips:  # older exports name one column more than their records hold
        header, first = csv_text.head(path, shown)
        width = fingertips.width(header, first)
    return reader.read(csv_text.read(path, shown, width=width), {"dataset_id": "test", **(dataset or {})})


def rows(published: Published) -> list[dict]:
    """Every figure as a dict of the FIGURES columns, in file order (line, then measure); a missing number is None
    (never NaN), and the filter columns are gathered under "filters" ({column: value})."""
    found = []
    for row in published.figures.to_pylist():
        plain = {k: _none_for_nan(v) for k, v in row.items() if not k.startswith(FILTER)}
        plain["filters"] = {k.removeprefix(FILTER): v for k, v in row.items() if k.startswith(FILTER)}
        found.append(plain)
    order: dict[str, int] = {}  # the measures in the file's column order (the reader gives them measure by measure)
    for measure in published.figures.column("measure").to_pylist():
        order.setdefault(measure, len(order))
    return sorted(found, key=lambda r: (r["line"], order[r["measure"]]))


def _none_for_nan(value):
    return None if isinstance(value, float) and math.isnan(value) else value


def one(found: list[dict], **wanted) -> dict:
    """The single row whose columns (or filters, for names that are not columns) have these values."""
    matching = [r for r in found if all(r[k] == v if k in r else r["filters"].get(k) == v for k, v in wanted.items())]
    assert len(matching) == 1, f"{len(matching)} rows match {wanted}"
    return matching[0]


def replacements(paths) -> list[dict]:
    """The replacements table of a built tree, as rows."""
    import pyarrow.parquet as pq

    return pq.read_table(paths.tables / "replacements.parquet").to_pylist()


def replacement(
    indicator: str, area: str, period: str, reason: str, replaced: tuple, kept: tuple, breakdown=(None, "all")
) -> dict:
    """A row of the replacements table as a test expects it: `replaced` and `kept` are (value, file, line), the
    values as the csv module read them from the files; `breakdown` is (type, group)."""
    (old_value, old_file, old_line), (value, file, line) = replaced, kept
    return {
        "indicator_id": indicator,
        "area_code": area,
        "period": period,
        "breakdown_type": breakdown[0],
        "breakdown": breakdown[1],
        "reason": reason,
        "replaced_value": float(old_value),
        "replaced_suppression": None,
        "replaced_file": old_file,
        "replaced_line": old_line,
        "value": float(value),
        "suppression": None,
        "release_file": file,
        "release_line": line,
    }


def assert_refused_with_where_and_why(reader: ModuleType, case: Path, shown: str) -> str:
    """A bad-file fixture (`case`/file.csv) is refused by `reader` with every line of `case`/expected.txt in the
    message, each problem naming the file, a line and a reason; returns the message."""
    import pytest

    from loaders.errors import BuildError

    with pytest.raises(BuildError) as raised:
        read(reader, case / "file.csv", shown)
    message = str(raised.value)
    for expected in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert expected in message, f"missing {expected!r} in:\n{message}"
    assert all(e.file == shown and e.line is not None and e.reason for e in raised.value.errors)
    return message


def csv_records(path: Path, encoding: str = "utf-8-sig") -> list[tuple[int, dict[str, str]]]:
    """Each record of a CSV file with the file line it starts on, read by the csv module alone."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        found, start = [], 2
        for record in reader:
            found.append((start, record))
            start = reader.line_num + 1
        return found
