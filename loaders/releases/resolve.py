"""One figure per indicator, area, period and breakdown, whichever order the files were loaded in.

Releases overlap, and files are loaded again and again, so for each figure (its key):

- the same value again (from another file, or another version) is kept once: *repeated*;
- where the values differ, the release that reaches the later period for that indicator supersedes the other,
  and within one reach, a later version (Revised over Final over Provisional) supersedes an earlier: *superseded*,
  each replacement recorded with both values, files and lines;
- where neither holds, the build stops and names both files, lines and values, rather than keep either silently.

The figure kept is the first in one fixed order (latest reach, latest version, then file name and line), never the
order files happened to be read in.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from loaders.errors import SourceError

KEY = ["indicator_id", "area_code", "period", "breakdown_type", "breakdown"]
_UNDATED = np.iinfo(np.int64).min  # a period with no end reaches no later than any dated one
REPLACEMENTS = pa.schema(
    [
        ("indicator_id", pa.string()),
        ("area_code", pa.string()),
        ("period", pa.string()),
        ("breakdown_type", pa.string()),
        ("breakdown", pa.string()),
        ("reason", pa.string()),
        ("replaced_value", pa.float64()),
        ("replaced_suppression", pa.string()),
        ("replaced_file", pa.string()),
        ("replaced_line", pa.int32()),
        ("value", pa.float64()),
        ("suppression", pa.string()),
        ("release_file", pa.string()),
        ("release_line", pa.int32()),
    ]
)
NEWER_RELEASE = "a newer release"
LATER_VERSION = "a later version of the same period (Revised over Final)"


def encode(column) -> tuple[np.ndarray, int]:
    """Each row's value as an integer (missing is -1), and how many distinct values there are. Text is hashed by
    Arrow; a column of dictionaries (text a file repeats) maps each chunk's few distinct values."""
    if pa.types.is_dictionary(column.type):
        chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
        known: dict = {}
        parts = []
        for chunk in chunks:
            mapping = np.array([known.setdefault(v, len(known)) for v in chunk.dictionary.to_pylist()] + [-1], np.int64)
            indices = chunk.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
            parts.append(mapping[indices])
        return (np.concatenate(parts) if parts else np.zeros(0, np.int64)), len(known)
    encoded = pc.dictionary_encode(column)
    encoded = encoded.combine_chunks() if isinstance(encoded, pa.ChunkedArray) else encoded
    return encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64), len(encoded.dictionary)


def codes(*columns) -> np.ndarray:
    """One integer per row for the values of `columns` together (equal values, equal codes; missing is a value):
    each column's integers combined as the digits of one number, renumbered only if it would grow too large."""
    import pandas as pd

    combined, largest = np.zeros(len(columns[0]), dtype=np.int64), 1
    for column in columns:
        found, distinct = encode(column)
        if largest * (distinct + 1) >= 2**62:  # renumber the combination so far: 0 .. (its distinct values - 1)
            combined = pd.factorize(combined)[0].astype(np.int64)
            largest = int(combined.max(initial=-1)) + 1
        combined = combined * (distinct + 1) + (found + 1)
        largest *= distinct + 1
    return combined


def ranks(column, key=str) -> np.ndarray:
    """Each row's position of its value in sorted order by `key` (equal values, equal ranks), sorting only distinct
    values."""
    found, _ = encode(column)
    distinct, first = np.unique(found, return_index=True)
    labels = column.take(pa.array(first)).cast(pa.string()).to_pylist()
    order = sorted(range(len(labels)), key=lambda k: key(str(labels[k])))
    rank = np.empty(distinct.max(initial=0) + 2, dtype=np.int64)
    rank[distinct[order]] = np.arange(len(order))
    return rank[found]


def shipped_first(release_file: str) -> tuple[bool, str]:
    """Between two files of the same reach and version, the one shipped with the dashboard (data/releases/) keeps
    the figure's provenance, then the one whose name sorts first: a downloaded copy of a shipped file dropped into
    data/incoming/ never takes its place."""
    return ("/incoming/" in f"/{release_file}", release_file)


def resolve(rows: pa.Table, errors: list[SourceError]):
    """The rows kept; every row's fate (None kept, 'superseded' or 'repeated'); the replacements (an Arrow
    table of REPLACEMENTS); and, for every row, the position of the row kept for its figure (its own where it is
    kept), so a file whose figures are all repeated can say which file gives them. Conflicts are added to
    `errors`."""
    count = rows.num_rows
    if not count:
        return rows, np.zeros(0, dtype=object), REPLACEMENTS.empty_table(), np.zeros(0, dtype=np.int64)
    ends = rows["period_end"].cast(pa.int32()).cast(pa.int64()).fill_null(_UNDATED).to_numpy()
    release = codes(rows["release_file"], rows["indicator_id"])
    reach = np.full(release.max() + 1, _UNDATED)
    np.maximum.at(reach, release, ends)
    reach = reach[release]
    rows = rows.set_column(
        rows.schema.get_field_index("release_period"), "release_period", _newest_label(rows, release, ends, reach)
    )
    version = rows["version"].fill_null(0).to_numpy().astype(np.int64)
    file_rank = ranks(rows["release_file"], key=shipped_first)
    lines = rows["release_line"].fill_null(0).to_numpy()

    # ---- sort each figure's rows: latest reach, latest version, then file name and line; the first is kept
    figure = codes(*(rows[name] for name in KEY))
    order = np.lexsort((lines, file_rank, -version, -reach, figure))  # the first of each figure is kept
    starts = np.r_[True, figure[order][1:] != figure[order][:-1]]
    top = np.empty(count, dtype=np.int64)
    top[order] = order[np.maximum.accumulate(np.where(starts, np.arange(count), 0))]
    first = top == np.arange(count)

    value = rows["value"].to_numpy(zero_copy_only=False).astype(float)
    suppression, _ = encode(rows["suppression"])
    both_missing = np.isnan(value) & np.isnan(value[top]) & (suppression == suppression[top])
    same = both_missing | np.isclose(value, value[top], rtol=1e-9, atol=1e-9)
    older = (reach < reach[top]) & (file_rank != file_rank[top])
    earlier = ~older & (reach == reach[top]) & (version < version[top])
    fates = np.where(first, None, np.where(same, "repeated", np.where(older | earlier, "superseded", "conflict")))
    for position in np.flatnonzero(fates == "conflict"):
        kept, other = rows.slice(top[position], 1).to_pylist()[0], rows.slice(position, 1).to_pylist()[0]
        errors.append(_conflict(tuple(other[name] for name in KEY), kept, other))
    fates[fates == "conflict"] = None
    replaced = np.flatnonzero(fates == "superseded")
    replacements = _replacements(rows, replaced, top[replaced], np.where(older[replaced], NEWER_RELEASE, LATER_VERSION))
    return _kept(rows, first), fates, replacements, top


def _kept(rows: pa.Table, keep: np.ndarray) -> pa.Table:
    """The rows to keep, filtering only the chunks (files) that lose any: the others are kept as they are."""
    if keep.all():
        return rows
    batches, at = [], 0
    for batch in rows.to_batches():
        mine = keep[at : at + batch.num_rows]
        at += batch.num_rows
        batches.append(batch if mine.all() else batch.filter(pa.array(mine)))
    return pa.Table.from_batches(batches, schema=rows.schema)


def _replacements(rows: pa.Table, replaced: np.ndarray, kept: np.ndarray, reasons: np.ndarray) -> pa.Table:
    old, new = rows.take(pa.array(replaced)), rows.take(pa.array(kept))
    return pa.table(
        {
            **{name: old[name] for name in KEY},
            "reason": pa.array(reasons.astype(object), pa.string()),
            "replaced_value": old["value"],
            "replaced_suppression": old["suppression"],
            "replaced_file": old["release_file"],
            "replaced_line": old["release_line"],
            "value": new["value"],
            "suppression": new["suppression"],
            "release_file": new["release_file"],
            "release_line": new["release_line"],
        },
        schema=REPLACEMENTS,
    )


def _newest_label(rows, release, ends, reach):
    """Each row's release's newest period, as the tables label it (none for a release of undated figures)."""
    newest = np.flatnonzero((ends == reach) & (ends != _UNDATED))
    releases_seen, first = np.unique(release[newest], return_index=True)
    from loaders.releases.indicators import by_index

    labels = [None] * (release.max() + 1)
    for found, label in zip(releases_seen, rows["period"].take(pa.array(newest[first])).to_pylist(), strict=True):
        labels[found] = label
    return by_index(labels, release)


def as_published(value: float | None) -> str:
    """A figure in full, as the file gives it (76.28465478, not 76.2847): two values that differ in the seventh
    digit must not read the same, or as neither file wrote them, in the message that sets them side by side."""
    if value is None or value != value:  # None, or NaN in a table
        return "not published"
    return str(int(value)) if value.is_integer() else repr(value)


def _conflict(key: tuple, kept: dict, other: dict) -> SourceError:
    indicator, area, period, _, breakdown = key
    shown = lambda r: as_published(r["value"])  # noqa: E731
    where = f"{kept['release_file']} line {kept['release_line']}"
    if kept["release_file"] == other["release_file"]:
        return SourceError(
            other["release_file"],
            other["release_line"],
            "value",
            f"gives {indicator} for {area}, {period}, {breakdown} as {shown(other)}, but line {kept['release_line']} of "
            f"the same file gives {shown(kept)}: one figure twice, with two values",
        )
    return SourceError(
        other["release_file"],
        other["release_line"],
        "value",
        f"gives {indicator} for {area}, {period}, {breakdown} as {shown(other)}, but {where} gives {shown(kept)}, "
        f"and both releases reach {kept['release_period']}, so neither supersedes the other; take out the one that is "
        "wrong (or older): a file dropped into data/incoming/ is taken out by deleting it",
    )
