"""Every release file, for a build: its figures as tidy rows, its indicators and areas, the statistical
neighbours, and a record of what each file gave and what was skipped, and why.

The same file twice (the same bytes) is recorded once and adds nothing. A file that cannot be read stops the
build with every problem found (file, line, column, reason), and no table changes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from loaders import csv_text
from loaders.errors import BuildError, SourceError
from loaders.paths import DataPaths
from loaders.releases import cache, fingertips, recognise, resolve
from loaders.releases.declarations import Dataset, Declarations
from loaders.releases.files import release_files
from loaders.releases.indicators import Mapped, arrow_table, map_file
from loaders.releases.published import Published

AREA_TYPES = {  # the publishers' words for a kind of area -> ours
    "national": "Country",
    "england": "Country",
    "regional": "Region",
    "region": "Region",
    "regions (statistical)": "Region",
    "local authority": "Local authority",
}
UNMAPPED = "neighbours whose three-digit LA number no release maps to a GSS code"


@dataclass
class Loaded:
    """What the releases add to a build."""

    rows: pa.Table | None = None  # tidy rows (loaders.releases.indicators.tidy_schema)
    indicators: dict[str, dict] = field(default_factory=dict)
    areas: dict[str, dict] = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)
    neighbours: list[dict] = field(default_factory=list)
    replacements: pa.Table = field(default_factory=resolve.REPLACEMENTS.empty_table)


def read_file(path: Path, shown: str, declarations: Declarations, paths: DataPaths | None = None,
              sha256: str | None = None) -> tuple[Published, Dataset]:  # fmt: skip
    """One file read by its format's reader (from the cache when these bytes were read before), and its dataset."""
    header, first = csv_text.head(path, shown)
    format = recognise.format_of(header, shown)
    dataset = declarations.dataset_for(format, header, shown)
    options = dataset.as_reader_options()
    entry = cache.key(sha256, options) if paths is not None and sha256 else None
    if entry and (kept := cache.get(paths, entry, shown)) is not None:
        return kept, dataset
    width = fingertips.width(header, first) if format == fingertips.FORMAT else None
    published = recognise.READERS[format](csv_text.read(path, shown, width=width), options)
    if entry:
        cache.put(paths, entry, published)
    return published, dataset


def load(paths: DataPaths, declarations: Declarations, hashes: dict[str, str] | None = None) -> Loaded:
    """Every release file's figures as tidy rows; BuildError with every problem found (the tables stay as they
    were). `hashes` (each input's sha256, by its shown path) lets a file read before come from the cache."""
    # ---- Load inputs: each file, read (or kept from an earlier build)
    errors: list[SourceError] = []
    files: list[tuple[Published, Dataset]] = []
    loaded = Loaded()
    seen: dict[str, str] = {}
    for path in release_files(paths):
        shown = paths.relative(path)
        try:
            published, dataset = read_file(path, shown, declarations, paths, (hashes or {}).get(shown))
        except SourceError as exc:
            errors.append(exc)
            continue
        except BuildError as exc:
            errors += exc.errors
            continue
        if published.sha256 in seen:  # the same bytes again: recorded, adds nothing
            same = seen[published.sha256]
            loaded.records.append(
                _record(published, dataset, {**NOTHING, "repeated_from": same}, note=f"the same file as {same}")
            )
            continue
        seen[published.sha256] = shown
        files.append((published, dataset))
    if errors:
        raise BuildError(errors)

    # ---- Process data: indicators, one figure per key, neighbours by GSS code
    numbers = _la_numbers(published for published, _ in files)
    mapped: list[Mapped] = []
    read: dict[str, int] = {}
    for published, dataset in files:
        mapped.append(map_file(published, dataset, declarations))
        _add_areas(loaded.areas, published.figures, numbers)
        read[published.shown] = published.figures.num_rows
        published.figures = published.figures.slice(0, 0)  # mapped: its memory is let go (a release can be large)
    every = pa.concat_tables([m.rows for m in mapped]) if mapped else arrow_table({}, 0)
    kept, fates, loaded.replacements, keepers = resolve.resolve(every, errors)
    if errors:
        raise BuildError(errors)
    loaded.rows = kept
    loaded.indicators = _indicators(files, mapped)
    tally = _Tally(every, fates, keepers)
    for (published, dataset), m in zip(files, mapped, strict=True):
        if published.neighbours is not None:
            rows, unmapped = _neighbours(published, numbers)
            loaded.neighbours += rows
            if unmapped:
                published.skipped[UNMAPPED] += unmapped
        loaded.records.append(
            _record(published, dataset, tally.of(published.shown), indicators=m.indicators, read=read[published.shown])
        )
    return loaded


def _indicators(files: list[tuple[Published, Dataset]], mapped: list[Mapped]) -> dict[str, dict]:
    """Every indicator's row of the indicators table, as the newest file feeding it words it (an undeclared
    measure renamed between releases takes its newest name), whatever order the files were read in."""
    import pyarrow.compute as pc

    def newest(item) -> tuple:
        (published, _), m = item
        end = pc.max(m.rows["period_end"]).as_py() if m.rows.num_rows else None
        incoming, name = resolve.shipped_first(published.shown)
        return (end is not None, end.toordinal() if end else 0, not incoming, name)  # a shipped file's words win a tie

    found: dict[str, dict] = {}
    for _, m in sorted(zip(files, mapped, strict=True), key=newest):
        found.update(m.indicators)  # a later (newer) file's words replace an older's
    return found


# ---- what each file added -------------------------------------------------------------------------------------


class _Tally:
    """What each file's figures became, counted for every file at once (numpy's bincount over the files' codes)."""

    def __init__(self, every: pa.Table, fates: np.ndarray, keepers: np.ndarray):
        import pyarrow.compute as pc

        files, _ = resolve.encode(every["release_file"])
        names = every["release_file"].take(pa.array(np.unique(files, return_index=True)[1])).cast(pa.string())
        self.code = {name: code for code, name in zip(np.unique(files), names.to_pylist(), strict=True)}
        # Each file's repeated figures by the other file that keeps them: (file, keeper) pairs, counted.
        keeper = files[keepers]
        other = (fates == "repeated") & (keeper != files)
        pairs, counts = np.unique(np.stack([files[other], keeper[other]], axis=1), axis=0, return_counts=True)
        named = {code: name for name, code in self.code.items()}
        self.repeated_from: dict[int, list[tuple[int, str]]] = {}
        for (file, kept_by), count in zip(pairs.tolist(), counts.tolist(), strict=True):
            self.repeated_from.setdefault(file, []).append((-count, named[kept_by]))
        size = int(files.max(initial=-1)) + 2
        kept = np.array([f is None for f in fates], dtype=bool)
        status = every["status"].cast(pa.string())
        counts = lambda mask: np.bincount(files[mask], minlength=size)  # noqa: E731
        self.kept = counts(kept)
        self.suppressed = counts(kept & pc.equal(status, "suppressed").to_numpy(zero_copy_only=False))
        self.derived = counts(kept & pc.equal(status, "derived").to_numpy(zero_copy_only=False))
        self.superseded = counts(fates == "superseded")
        self.repeated = counts(fates == "repeated")
        areas, _ = resolve.encode(every["area_code"])
        pairs = np.unique(files[kept] * (int(areas.max(initial=0)) + 2) + areas[kept])
        self.areas = np.bincount(pairs // (int(areas.max(initial=0)) + 2), minlength=size)
        # Each file's first and newest kept dated period: the rows in time order, then the first and last a file has.
        end = every["period_end"].cast(pa.int32()).to_numpy(zero_copy_only=False)
        dated = np.flatnonzero(kept & ~np.isnan(end.astype(float)))
        order = dated[np.lexsort((end[dated].astype(np.int64), files[dated]))]
        self.first, self.newest = {}, {}
        if len(order):
            starts = np.r_[True, files[order][1:] != files[order][:-1]]
            ends = np.r_[files[order][1:] != files[order][:-1], True]
            labels = every["period"]
            for row in order[starts]:
                self.first[int(files[row])] = labels[int(row)].as_py()
            for row in order[ends]:
                self.newest[int(files[row])] = labels[int(row)].as_py()

    def of(self, shown: str) -> dict:
        code = self.code.get(shown)
        if code is None:
            return NOTHING
        return {
            "figures_kept": int(self.kept[code]),
            "suppressed": int(self.suppressed[code]),
            "derived": int(self.derived[code]),
            "superseded": int(self.superseded[code]),
            "repeated": int(self.repeated[code]),
            "areas": int(self.areas[code]),
            "first_period": self.first.get(code),
            "newest_period": self.newest.get(code),
            # the other files that give the figures this one repeats, the most first
            "repeated_from": "; ".join(name for _, name in sorted(self.repeated_from.get(code, []))) or None,
        }


def skipped_words(skipped: Counter) -> str | None:
    """What a file's reader left out, once per kind: '198 rows of geographic levels the dashboard does not show
    (Local authority district)'."""
    return "; ".join(f"{count:,} {what}" for what, count in sorted(skipped.items())) or None


NOTHING = {"figures_kept": 0, "suppressed": 0, "derived": 0, "superseded": 0, "repeated": 0, "areas": 0,
           "first_period": None, "newest_period": None, "repeated_from": None}  # fmt: skip


def _record(
    published: Published, dataset: Dataset, tally: dict | None, *, indicators=None, note=None, read: int | None = None
) -> dict:
    indicators = indicators or {}
    return {
        "release_file": published.shown,
        "release_sha256": published.sha256,
        "format": published.format,
        "dataset_id": dataset.dataset_id,
        "dataset": published.dataset if note is None else f"{published.dataset} ({note})",
        "publisher": dataset.publisher_words,
        "encoding": published.encoding,
        "records": published.records,
        "figures_read": published.figures.num_rows if read is None else read,
        **(tally or NOTHING),
        **(_pairs(published) if published.neighbours is not None and note is None else {}),
        "skipped": sum(published.skipped.values()),
        "skipped_why": skipped_words(published.skipped),
        "indicators": len(indicators),
        "indicators_declared": sum(1 for row in indicators.values() if row["declared"]),
    }


def _pairs(published: Published) -> dict:
    """The statistical neighbour model's record: its pairs of neighbours read and kept (mapped to GSS codes)."""
    read = len(published.neighbours)
    return {"figures_read": read, "figures_kept": read - published.skipped.get(UNMAPPED, 0)}


def _la_numbers(files) -> dict[str, list[str]]:
    """Every GSS code's three-digit DfE number, from every EES file, as of the newest period any file gives it for."""
    numbers: dict[str, list[str]] = {}
    for published in files:
        for code, (number, end) in published.la_numbers.items():
            if code not in numbers or end > numbers[code][1]:
                numbers[code] = [number, end]
    return numbers


def _current_codes(numbers: dict[str, list[str]]) -> dict[str, str]:
    """Each DfE number's GSS code: the code of its newest period (an authority whose code changed keeps its number)."""
    newest: dict[str, tuple[str, str]] = {}
    for code, (number, end) in numbers.items():
        if number not in newest or end > newest[number][1]:
            newest[number] = (code, end)
    return {number: code for number, (code, _) in newest.items()}


def _neighbours(published: Published, numbers: dict[str, list[str]]) -> tuple[list[dict], int]:
    """The statistical neighbour model's rows with GSS codes, and how many could not be mapped."""
    by_number = _current_codes(numbers)
    rows, unmapped = [], 0
    for row in published.neighbours:
        area, neighbour = by_number.get(row["la_number"]), by_number.get(row["neighbour_number"])
        if area is None or neighbour is None:
            unmapped += 1
            continue
        rows.append(
            {
                "area_code": area,
                "la_number": row["la_number"],
                "rank": row["rank"],
                "neighbour_code": neighbour,
                "neighbour_number": row["neighbour_number"],
                "closeness": row["closeness"],
                "model": published.dataset,
                "release_file": published.shown,
                "release_sha256": published.sha256,
                "release_line": row["release_line"],
            }
        )
    return rows, unmapped


def _add_areas(areas: dict[str, dict], figures: pa.Table, numbers: dict[str, list[str]]) -> None:
    """Every area a file names, with its kind, its parent where the file gives one (a region over England), and
    its DfE number."""
    if not figures.num_rows:
        return
    named = (
        figures.select(["area_code", "area_name", "area_type", "parent_code"])
        .group_by(["area_code", "area_name", "area_type", "parent_code"])
        .aggregate([])
    )
    for code, name, area_type, parent in zip(*(named[c].to_pylist() for c in named.column_names), strict=True):
        kind = AREA_TYPES.get(str(area_type).strip().lower(), "Local authority")
        parent = parent if isinstance(parent, str) and parent else None
        known = areas.get(code)
        if known is None:
            number = numbers.get(code, [None])[0]
            areas[code] = {"area_code": code, "area_name": name, "area_type": kind, "parent_code": parent,
                           "la_number": number}  # fmt: skip
        elif parent and (known["parent_code"] is None or known["parent_code"].startswith("E92")):
            known["parent_code"] = parent  # a region (or part of one) says more than the country
