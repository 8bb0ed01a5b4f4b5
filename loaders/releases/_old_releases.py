"""Published releases (Fingertips, DfE, ONS files) -> tidy observation rows, areas and a record of each file.

The shipped releases live in `data/releases/` (with their SOURCE.txt); an analyst drops newer ones into
`data/incoming/`. Each file is recognised by its header and read by its format's reader (loaders.formats);
its figures are mapped onto the public indicators `data/metadata/public_indicators.csv` declares. Releases
overlap, and files are loaded again and again, so:

- the same file twice (the same bytes) is recorded once and adds nothing;
- the same figure (indicator, area, period, breakdown) from two files with the same value is kept once;
- where they differ, the release that reaches the later period supersedes the other (which stays recorded,
  with the figures it lost counted); where both reach the same period, the build stops and names both files,
  lines and values, rather than keep either silently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from loaders.errors import BuildError, SourceError
from loaders.paths import DataPaths
from loaders.periods import PeriodError, parse_period
from loaders.published import FILTER, SUPPRESSION_MEANINGS, ParsedFile

LICENCE = "Open Government Licence v3.0"
AREA_TYPES = {  # the publishers' words for a kind of area -> ours
    "national": "Country",
    "england": "Country",
    "regional": "Region",
    "region": "Region",
    "regions (statistical)": "Region",
    "local authority": "Local authority",
}


@dataclass
class Loaded:
    """What the releases add to the build: their figures (a table of the tidy columns), areas and records."""

    rows: object = None  # an Arrow table of tidy_schema(); None when there are no releases
    areas: dict[str, dict] = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)


def release_files(paths: DataPaths) -> list[Path]:
    """The shipped releases (data/releases/**/*.csv), then what an analyst dropped into data/incoming/ (any file:
    one that is not a CSV is refused with a reason, not ignored)."""
    shipped = sorted((paths.data / "releases").rglob("*.csv"))
    incoming = paths.data / "incoming"
    dropped = (
        sorted(p for p in incoming.iterdir() if p.is_file() and not p.name.startswith(".")) if incoming.exists() else []
    )
    return shipped + [p for p in dropped if p.name != "README.md"]


def load(paths: DataPaths, declared: list[dict]) -> Loaded:
    """Every release file's figures as tidy rows (an Arrow table); BuildError with every problem found (the
    tables stay as they were)."""
    from loaders.formats import recognise

    errors: list[SourceError] = []
    parsed: list[ParsedFile] = []
    seen: dict[str, str] = {}
    loaded = Loaded()
    for path in release_files(paths):
        shown = paths.relative(path)
        try:
            _, reader = recognise(path, shown)
            release = reader(path, shown)
        except SourceError as exc:
            errors.append(exc)
            continue
        except BuildError as exc:
            errors += exc.errors
            continue
        if release.sha256 in seen:  # the same bytes again: recorded, adds nothing
            loaded.records.append(_record(release, None, note=f"the same file as {seen[release.sha256]}"))
            continue
        seen[release.sha256] = shown
        parsed.append(release)
    if errors:
        raise BuildError(errors)

    mapped = []
    for release in parsed:
        rows, undeclared, found = _map(release, declared)
        errors += found
        mapped.append((release, rows, undeclared))
    if errors:
        raise BuildError(errors)

    every = _concat([rows for _, rows, _ in mapped])
    kept, fates = _resolve(every, errors)
    if errors:
        raise BuildError(errors)
    loaded.rows = kept
    tally = _Tally(every, fates)
    for release, _, undeclared in mapped:
        loaded.records.append(_record(release, tally.of(release.shown), undeclared=undeclared))
        _add_areas(loaded.areas, release.table)
    return loaded


class _Tally:
    """The columns a file's record counts, as arrays, once: each file's counts are then a few array operations."""

    def __init__(self, every, fates):
        import pandas as pd

        self.file = every["release_file"].to_numpy(zero_copy_only=False)
        self.kept = np.array([f is None for f in fates], dtype=bool)
        self.fate = fates
        self.suppressed = every["status"].to_numpy(zero_copy_only=False) == "suppressed"
        self.area = pd.factorize(every["area_code"].to_numpy(zero_copy_only=False))[0]
        self.end = every["period_end"].to_numpy()
        self.period = every["period"].to_numpy(zero_copy_only=False)

    def of(self, shown: str) -> dict:
        mine = self.file == shown
        kept = mine & self.kept
        dated = np.flatnonzero(kept & ~np.isnat(self.end))
        order = dated[np.argsort(self.end[dated], kind="stable")] if len(dated) else dated
        return {
            "figures_kept": int(kept.sum()),
            "suppressed": int((kept & self.suppressed).sum()),
            "superseded": int((mine & (self.fate == "superseded")).sum()),
            "repeated": int((mine & (self.fate == "repeated")).sum()),
            "areas": len(np.unique(self.area[kept])),
            "first_period": self.period[order[0]] if len(order) else None,
            "newest_period": self.period[order[-1]] if len(order) else None,
        }


# ---- mapping: the publisher's words onto our indicators ----------------------------------------------------------


def _selectors(declared: list[dict], release_format: str) -> list[tuple[dict, dict[str, str]]]:
    found = []
    for indicator in declared:
        if indicator["format"] != release_format:
            continue
        wanted = {}
        for term in filter(None, (t.strip() for t in (indicator.get("select") or "").split(";"))):
            column, _, value = term.partition("=")
            wanted[column.strip()] = value.strip()
        found.append((indicator, wanted))
    return found


def _map(release: ParsedFile, declared: list[dict]):
    """Tidy rows of the declared indicators in one release (an Arrow table); the measures no indicator
    declares; problems. Whole columns at a time, and one take of each indicator's rows: a release of a million
    figures maps in a few seconds, where a row loop (or pandas taking rows from Arrow strings) took a minute."""
    import pandas as pd
    import pyarrow as pa

    table = release.table
    source = pa.Table.from_pandas(table, preserve_index=False)  # its text columns are Arrow already: no copy
    period_codes, labels = pd.factorize(table["period"])
    periods: dict[str, object] = {}
    for label in labels:
        try:
            periods[label] = parse_period(label)
        except PeriodError as exc:
            periods[label] = exc
    unreadable = np.array([isinstance(periods[label], PeriodError) for label in labels] + [False])[period_codes]
    measure_codes, measures = pd.factorize(table["publisher_indicator_id"])
    position = {measure: k for k, measure in enumerate(measures)}
    errors: list[SourceError] = []
    chosen: list[tuple[dict, np.ndarray]] = []
    found: set[int] = set()
    for indicator, wanted in _selectors(declared, release.format):
        # A file gives many measures; each declared indicator is looked for among its own measure's rows only.
        k = position.get(indicator["publisher_indicator_id"])
        if k is None:
            continue
        mask = measure_codes == k
        for column, value in wanted.items():
            cells = table.get(FILTER + column)
            mask &= (cells == value).to_numpy(dtype=bool, na_value=False) if cells is not None else False
        if not mask.any():
            continue
        found.add(k)
        for row in np.flatnonzero(mask & unreadable):
            label = table["period"].iat[row]
            errors.append(SourceError(release.shown, int(table["line"].iat[row]), "period", str(periods[label])))
        chosen.append((indicator, np.flatnonzero(mask & ~unreadable)))
    # One take of every chosen row, then a zero-copy slice per indicator: a take per indicator costs as much
    # as one of the whole file.
    taken = source.take(np.concatenate([rows for _, rows in chosen])) if chosen else source.slice(0, 0)
    pieces, start = [], 0
    for indicator, rows in chosen:
        part = taken.slice(start, len(rows))
        start += len(rows)
        pieces.append((_derived if indicator.get("derive") else _tidy)(release, part, indicator, periods))
    undeclared = {measure for k, measure in enumerate(measures) if k not in found}
    return _concat(pieces), undeclared, errors


def _tidy(release: ParsedFile, part, indicator: dict, periods: dict):
    """The tidy columns of one declared indicator's figures in one release (`part`, an Arrow table of the
    release's columns)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    length = part.num_rows
    breakdown, breakdown_type = part["breakdown"], part["breakdown_type"]
    by = indicator.get("breakdown_by")
    if by and FILTER + by in part.column_names:  # a filter the indicator spreads as a breakdown (DfE's)
        breakdown = breakdown.to_numpy(zero_copy_only=False).astype(object)
        breakdown_type = breakdown_type.to_numpy(zero_copy_only=False).astype(object)
        group = part[FILTER + by].to_numpy(zero_copy_only=False).astype(object)
        has = np.array([isinstance(g, str) and g != "" for g in group], dtype=bool)
        label = by.replace("_", " ")
        breakdown = np.where(has, np.where(breakdown == "all", group, breakdown + " · " + group.astype(str)), breakdown)
        typed = np.array([isinstance(t, str) for t in breakdown_type], dtype=bool)
        breakdown_type = np.where(
            has, np.where(typed, breakdown_type.astype(str) + " · " + label, label), breakdown_type
        )
    value = part["value"].to_numpy()
    suppressed = np.isnan(value)
    readable = [label for label, period in periods.items() if not isinstance(period, PeriodError)]
    which = pc.index_in(part["period"], value_set=pa.array(readable, pa.string()))

    def of_period(attribute: str, kind):
        return pa.array([getattr(periods[label], attribute) for label in readable], kind).take(which)

    suppression = pc.if_else(pa.array(suppressed), part["suppression"].cast(pa.string()), None)
    codes = list(SUPPRESSION_MEANINGS)
    meaning = pa.array(list(SUPPRESSION_MEANINGS.values()), pa.string()).take(
        pc.index_in(suppression, value_set=pa.array(codes, pa.string()))
    )
    return _arrow(
        {
            "indicator_id": indicator["indicator_id"],
            "theme": indicator["theme"],
            "area_code": part["area_code"],
            "area_name": part["area_name"],
            "period": of_period("label", pa.string()),
            "period_type": of_period("kind", pa.string()),
            "period_start": of_period("start", pa.date32()),
            "period_end": of_period("end", pa.date32()),
            "breakdown": breakdown,
            "value": value,
            "unit": indicator["unit"],
            "status": np.where(suppressed, "suppressed", "observed"),
            "source_kind": "release",
            "period_as_published": part["period_as_published"],
            "breakdown_type": breakdown_type,
            **{name: part[name] for name in CI_AND_COUNTS},
            "value_note": part["value_note"],
            "suppression": suppression,
            "suppression_meaning": meaning,
            "comparison": part["comparison"],
            "compared_with": part["compared_with"],
            "publisher": indicator["publisher"],
            "publisher_indicator_id": part["publisher_indicator_id"],
            "release_format": release.format,
            "release_dataset": release.dataset,
            "release_file": release.shown,
            "release_sha256": release.sha256,
            "release_line": part["line"],
            "link": indicator["link"],
            "licence": LICENCE,
            "measure": indicator["measure"],  # for the tidy checks, not written
        },
        length,
    )


CI_AND_COUNTS = ("lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator")


def tidy_schema():
    """The observations' Parquet schema and `measure` (which the tidy checks read, and the tables do not keep)."""
    import pyarrow as pa

    from loaders.schema import arrow_schema

    return arrow_schema("observations").append(pa.field("measure", pa.string()))


def _arrow(columns: dict, length: int):
    """An Arrow table of the tidy columns: those given (a text given once, such as the indicator's id, fills its
    column), the others empty."""
    import pyarrow as pa

    def column(value, kind):
        if value is None:
            return pa.nulls(length, kind)
        if isinstance(value, str):
            return pa.repeat(pa.scalar(value, kind), length)
        if isinstance(value, pa.ChunkedArray | pa.Array):
            return value.cast(kind)
        return pa.array(value, kind, from_pandas=True)

    schema = tidy_schema()
    return pa.Table.from_arrays([column(columns.get(f.name), f.type) for f in schema], schema=schema)


def _concat(pieces: list):
    """Tables of the tidy columns as one (a chunk each: Arrow takes rows from chunks without joining them)."""
    import pyarrow as pa

    pieces = [p for p in pieces if p.num_rows]
    return pa.concat_tables(pieces) if pieces else _arrow({}, 0)


def _derived(release: ParsedFile, part, indicator: dict, periods: dict):
    """share_excluding:<prefix>: per area and period, 100 x (all - the categories starting with <prefix>) / all,
    from the counts the release publishes ('Does not apply' is not a resident group and is left out)."""
    import pyarrow as pa

    prefix = indicator["derive"].split(":", 1)[1]
    figures = part.to_pandas()
    figures = figures[figures["value"].notna()]
    rows = []
    for (_, label), members in figures.groupby(["area_code", "period"], sort=False):
        counted = members[members["value_note"].fillna("") != "Does not apply"]
        total = math.fsum(counted["value"])
        excluded = math.fsum(counted.loc[counted["breakdown"].str.startswith(prefix), "value"])
        if not total:
            continue
        first = members.loc[members["line"].idxmin()]
        period = periods[label]
        rows.append(
            {
                "indicator_id": indicator["indicator_id"],
                "theme": indicator["theme"],
                "area_code": first["area_code"],
                "area_name": first["area_name"],
                "period": period.label,
                "period_type": period.kind,
                "period_start": period.start,
                "period_end": period.end,
                "breakdown": "all",
                "value": 100 * (total - excluded) / total,
                "unit": indicator["unit"],
                "status": "derived",
                "formula": (
                    f"100 × (all residents − the groups starting '{prefix}') / all residents = "
                    f"100 × ({total:,.0f} − {excluded:,.0f}) / {total:,.0f}, from the counts of "
                    f"{first['publisher_indicator_id']}"
                ),
                "source_kind": "release",
                "period_as_published": first["period_as_published"],
                "count": total - excluded,
                "denominator": total,
                "publisher": indicator["publisher"],
                "publisher_indicator_id": first["publisher_indicator_id"],
                "release_format": release.format,
                "release_dataset": release.dataset,
                "release_file": release.shown,
                "release_sha256": release.sha256,
                "release_line": int(first["line"]),
                "link": indicator["link"],
                "licence": LICENCE,
                "measure": indicator["measure"],
            }
        )
    return pa.Table.from_pylist(rows, schema=tidy_schema())


# ---- overlapping releases ----------------------------------------------------------------------------------------

KEY = ["indicator_id", "area_code", "period", "breakdown_type", "breakdown"]
_UNDATED = np.iinfo(np.int64).min  # a period with no end reaches no later than any dated one


def _codes(*columns):
    """One integer per row for the values of `columns` together (equal values, equal codes; missing is a value)."""
    import pandas as pd

    combined = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column.to_numpy(zero_copy_only=False), use_na_sentinel=True)
        combined = pd.factorize(combined * (len(uniques) + 1) + (codes + 1))[0].astype(np.int64)
    return combined


def _resolve(rows, errors: list[SourceError]):
    """One row per figure: a value given again is kept once, an older release's is superseded, a disagreement
    is reported. Returns the rows kept and, for every row, its fate: None (kept), 'superseded' or 'repeated'.

    Sorted once by figure, then by how far its release reaches (latest first), then by file order: the first
    row of each figure is kept, and every other is compared with it."""
    import pyarrow as pa

    count = rows.num_rows
    if not count:
        return rows, np.zeros(0, dtype=object)
    ends = rows["period_end"].cast(pa.int32()).cast(pa.int64()).fill_null(_UNDATED).to_numpy()
    release = _codes(rows["release_file"], rows["indicator_id"])
    reach = np.full(release.max() + 1, _UNDATED)
    np.maximum.at(reach, release, ends)
    reach = reach[release]
    rows = rows.set_column(
        rows.schema.get_field_index("release_period"), "release_period", _newest_label(rows, release, ends, reach)
    )

    figure = _codes(*(rows[name] for name in KEY))
    order = np.lexsort((np.arange(count), -reach, figure))
    starts = np.r_[True, figure[order][1:] != figure[order][:-1]]
    top = np.empty(count, dtype=np.int64)
    top[order] = order[np.maximum.accumulate(np.where(starts, np.arange(count), 0))]
    first = top == np.arange(count)

    value = rows["value"].to_numpy()
    suppression = rows["suppression"].to_numpy(zero_copy_only=False)
    files = rows["release_file"].to_numpy(zero_copy_only=False)
    same = (np.isnan(value) & np.isnan(value[top]) & (suppression == suppression[top])) | np.isclose(
        value, value[top], rtol=1e-9, atol=1e-9
    )
    older = (reach < reach[top]) & (files != files[top])
    fates = np.where(first, None, np.where(same, "repeated", np.where(older, "superseded", "conflict")))
    for position in np.flatnonzero(fates == "conflict"):
        kept, other = rows.slice(top[position], 1).to_pylist()[0], rows.slice(position, 1).to_pylist()[0]
        errors.append(_conflict(tuple(other[name] for name in KEY), kept, other))
    fates[fates == "conflict"] = None
    return (rows if first.all() else rows.filter(first)), fates


def _newest_label(rows, release, ends, reach):
    """Each row's release's newest period, as the tables label it (none for a release of undated figures)."""
    import pyarrow as pa

    labels = rows["period"].to_numpy(zero_copy_only=False)
    newest = np.flatnonzero((ends == reach) & (ends != _UNDATED))
    by_release = np.full(release.max() + 1, None, dtype=object)
    releases_seen, first = np.unique(release[newest], return_index=True)
    by_release[releases_seen] = labels[newest[first]]
    return pa.array(by_release[release], pa.string())


def _as_published(value: float | None) -> str:
    """A figure in full, as the file gives it (76.28465478, not 76.2847): two values that differ in the seventh
    digit must not read the same, or as neither file wrote them, in the message that sets them side by side."""
    if value is None or value != value:  # None, or NaN in a table
        return "not published"
    return str(int(value)) if value.is_integer() else repr(value)


def _conflict(key: tuple, kept: dict, other: dict) -> SourceError:
    indicator, area, period, _, breakdown = key
    shown = lambda r: _as_published(r["value"])  # noqa: E731
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
        f"and both releases reach {kept['release_period']}, so neither supersedes the other; remove the file that "
        "is wrong (or older) from data/incoming/",
    )


# ---- what each file added, and its areas -------------------------------------------------------------------------


def _record(release: ParsedFile, tally: dict | None, *, undeclared=(), note: str | None = None) -> dict:
    """What one file added to the tables: its figures read and kept, and those a newer release superseded or
    another file gave again (`tally`, from _Tally.of; None for a file that added nothing)."""
    nothing = {"figures_kept": 0, "suppressed": 0, "superseded": 0, "repeated": 0, "areas": 0}
    return {
        "release_file": release.shown,
        "release_sha256": release.sha256,
        "format": release.format,
        "dataset": release.dataset if note is None else f"{release.dataset} ({note})",
        "encoding": release.encoding,
        "records": int(release.table["line"].nunique()) if len(release) else 0,
        "figures_read": len(release),
        **(tally or {**nothing, "first_period": None, "newest_period": None}),
        "not_declared": ", ".join(sorted(undeclared)) or None,
    }


def _add_areas(areas: dict[str, dict], table) -> None:
    """Every area a file names, with its kind and, where the file gives one, its parent (a region over England)."""
    named = table[["area_code", "area_name", "area_type", "parent_code"]].drop_duplicates()
    for code, name, area_type, parent in named.itertuples(index=False):
        kind = AREA_TYPES.get(str(area_type).strip().lower(), "Local authority")
        parent = parent if isinstance(parent, str) and parent else None
        known = areas.get(code)
        if known is None:
            areas[code] = {"area_code": code, "area_name": name, "area_type": kind, "parent_code": parent}
        elif parent and (known["parent_code"] is None or known["parent_code"].startswith("E92")):
            known["parent_code"] = parent  # a region (or part of one) says more than the country
