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

    rows: object = None  # a pandas DataFrame; None when there are no releases
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
    """Every release file's figures as tidy rows (a table); BuildError with every problem found (the tables
    stay as they were)."""
    import pandas as pd

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

    mapped: list[tuple[ParsedFile, pd.DataFrame, set[str]]] = []
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
    """The columns a file's record counts, as arrays, once: taking a million rows a file is slow."""

    def __init__(self, every, fates):
        import numpy as np
        import pandas as pd

        self.file = every["release_file"].to_numpy(object)
        self.kept = fates.isna().to_numpy() if len(fates) else np.zeros(0, bool)
        self.fate = fates.to_numpy(object) if len(fates) else np.zeros(0, object)
        self.suppressed = (every["status"] == "suppressed").to_numpy(bool)
        self.area = pd.factorize(every["area_code"])[0]
        self.end = pd.to_datetime(every["period_end"]).to_numpy()
        self.period = every["period"]

    def of(self, shown: str) -> dict:
        import numpy as np

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
            "first_period": self.period.iloc[order[0]] if len(order) else None,
            "newest_period": self.period.iloc[order[-1]] if len(order) else None,
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
    """Tidy rows of the declared indicators in one release (a table); the measures no indicator declares;
    problems. Column by column: a release of a million figures is mapped in a second or two."""
    import numpy as np

    table = release.table
    periods: dict[str, object] = {}
    for label in table["period"].unique():
        try:
            periods[label] = parse_period(label)
        except PeriodError as exc:
            periods[label] = exc
    errors: list[SourceError] = []
    pieces = []
    undeclared: set[str] = set()
    selectors = _selectors(declared, release.format)
    unreadable = {label: isinstance(period, PeriodError) for label, period in periods.items()}
    # A file gives many measures; each declared indicator is looked for among its own measure's rows only.
    for publisher_id, measure in table.groupby("publisher_indicator_id", sort=False):
        chosen = [
            (indicator, wanted)
            for indicator, wanted in selectors
            if indicator["publisher_indicator_id"] == publisher_id
        ]
        found = False
        for indicator, wanted in chosen:
            mask = np.ones(len(measure), dtype=bool)
            for column, value in wanted.items():
                cells = measure.get(FILTER + column)
                mask &= (cells == value).to_numpy(dtype=bool, na_value=False) if cells is not None else False
            if not mask.any():
                continue
            found = True
            part = measure[mask] if not mask.all() else measure
            bad = part["period"].map(unreadable).to_numpy(bool)
            for line, label in zip(part["line"][bad], part["period"][bad], strict=True):
                errors.append(SourceError(release.shown, int(line), "period", str(periods[label])))
            part = part[~bad] if bad.any() else part
            pieces.append((_derived if indicator.get("derive") else _tidy)(release, part, indicator, periods))
        if not found:
            undeclared.add(publisher_id)
    return _concat(pieces), undeclared, errors


def _tidy(release: ParsedFile, part, indicator: dict, periods: dict):
    """The tidy columns of one declared indicator's figures in one release."""
    import numpy as np

    part = part.reset_index(drop=True)
    breakdown, breakdown_type = part["breakdown"], part["breakdown_type"]
    by = indicator.get("breakdown_by")
    if by and FILTER + by in part:
        breakdown, breakdown_type = breakdown.to_numpy(object), breakdown_type.to_numpy(object)
        group = part[FILTER + by].to_numpy(object)
        has = np.array([isinstance(g, str) and g != "" for g in group])
        label = by.replace("_", " ")
        breakdown = np.where(has, np.where(breakdown == "all", group, breakdown + " · " + group.astype(str)), breakdown)
        typed = np.array([t is not None and t == t for t in breakdown_type])  # neither None nor NaN
        breakdown_type = np.where(
            has, np.where(typed, breakdown_type.astype(str) + " · " + label, label), breakdown_type
        )
    value = part["value"].to_numpy(float)
    suppressed = np.isnan(value)
    labels = part["period"]
    suppression = part["suppression"].where(suppressed, None)
    readable = {k: p for k, p in periods.items() if not isinstance(p, PeriodError)}
    return _frame(
        {
            "indicator_id": indicator["indicator_id"],
            "theme": indicator["theme"],
            "area_code": part["area_code"],
            "area_name": part["area_name"],
            "period": labels.map({k: p.label for k, p in readable.items()}),
            "period_type": labels.map({k: p.kind for k, p in readable.items()}),
            "period_start": labels.map({k: p.start for k, p in readable.items()}),
            "period_end": labels.map({k: p.end for k, p in readable.items()}),
            "breakdown": breakdown,
            "value": value,
            "unit": indicator["unit"],
            "status": np.where(suppressed, "suppressed", "observed"),
            "source_kind": "release",
            "period_as_published": part["period_as_published"],
            "breakdown_type": breakdown_type,
            **{name: part[name].to_numpy(float) for name in CI_AND_COUNTS},
            "value_note": part["value_note"],
            "suppression": suppression,
            "suppression_meaning": suppression.map(SUPPRESSION_MEANINGS),
            "comparison": part["comparison"],
            "compared_with": part["compared_with"],
            "publisher": indicator["publisher"],
            "publisher_indicator_id": part["publisher_indicator_id"],
            "release_format": release.format,
            "release_dataset": release.dataset,
            "release_file": release.shown,
            "release_sha256": release.sha256,
            "release_line": part["line"].astype(int),
            "link": indicator["link"],
            "licence": LICENCE,
            "measure": indicator["measure"],  # for the tidy checks, not written
        },
        len(part),
    )


CI_AND_COUNTS = ("lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator")
TIDY = [
    "indicator_id",
    "theme",
    "area_code",
    "area_name",
    "period",
    "period_type",
    "period_start",
    "period_end",
    "breakdown",
    "value",
    "lower",
    "upper",
    "unit",
    "status",
    "value_text",
    "formula",
    "source_id",
    "section_id",
    "section",
    "quote",
    "note",
    "curated_file",
    "curated_line",
    "source_kind",
    "period_as_published",
    "breakdown_type",
    "lower_ci95",
    "upper_ci95",
    "lower_ci998",
    "upper_ci998",
    "count",
    "denominator",
    "value_note",
    "suppression",
    "suppression_meaning",
    "comparison",
    "compared_with",
    "publisher",
    "publisher_indicator_id",
    "release_format",
    "release_dataset",
    "release_period",
    "release_file",
    "release_sha256",
    "release_line",
    "link",
    "licence",
    "measure",
]


def _frame(columns: dict, length: int):
    """A table of the tidy columns: those given, the others empty. A value given once (the indicator's id) fills
    its column (made as an array: pandas repeats a text scalar slowly)."""
    import numpy as np
    import pandas as pd

    def column(value):
        if value is None or isinstance(value, str):
            return np.full(length, value, dtype=object)
        return value.reset_index(drop=True) if isinstance(value, pd.Series) else value

    return pd.DataFrame({name: column(columns.get(name)) for name in TIDY}, index=range(length))


def _empty():
    return _frame({}, 0)


def _concat(pieces: list):
    """Tables of the tidy columns as one, each column one contiguous array: pandas would keep a chunk per piece,
    and taking rows from a column of many chunks is slow (seconds a column at a million rows)."""
    import pyarrow as pa

    pieces = [p for p in pieces if len(p)]
    if not pieces:
        return _empty()
    from loaders.schema import arrow_schema

    schema = arrow_schema("observations").append(pa.field("measure", pa.string()))
    tables = [pa.Table.from_pandas(p[schema.names], schema=schema, preserve_index=False) for p in pieces]
    return pa.concat_tables(tables).combine_chunks().to_pandas()


def _derived(release: ParsedFile, part, indicator: dict, periods: dict):
    """share_excluding:<prefix>: per area and period, 100 x (all - the categories starting with <prefix>) / all,
    from the counts the release publishes ('Does not apply' is not a resident group and is left out)."""
    import pandas as pd

    prefix = indicator["derive"].split(":", 1)[1]
    figures = part[part["value"].notna()]
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
    return pd.DataFrame(rows, columns=TIDY) if rows else _empty()


# ---- overlapping releases ----------------------------------------------------------------------------------------

KEY = ["indicator_id", "area_code", "period", "breakdown_type", "breakdown"]


def _resolve(rows, errors: list[SourceError]):
    """One row per figure: a value given again is kept once, an older release's is superseded, a disagreement
    is reported. Returns the rows kept and, for every row, its fate: None (kept), 'superseded' or 'repeated'."""
    import numpy as np
    import pandas as pd

    if rows.empty:
        return rows, pd.Series(dtype=object)
    ends = pd.to_datetime(rows["period_end"])
    reach = ends.groupby([rows["release_file"], rows["indicator_id"]]).transform("max")
    newest_label = (
        rows["period"].where(ends == reach).groupby([rows["release_file"], rows["indicator_id"]]).transform("first")
    )
    rows["release_period"] = newest_label
    key = rows[KEY].fillna({"breakdown_type": ""})
    order = pd.DataFrame({"_reach": reach.fillna(pd.Timestamp.min), "_position": np.arange(len(rows))})
    ranked = pd.concat([key, order], axis=1).sort_values(
        [*KEY, "_reach", "_position"], ascending=[*[True] * 5, False, True]
    )
    ranked["_first"] = ~ranked.duplicated(KEY)
    top = ranked.index.to_series().where(ranked["_first"]).ffill().astype(int)  # each row's group's kept row
    value, top_value = rows["value"].to_numpy(float), rows["value"].to_numpy(float)[top.reindex(rows.index).to_numpy()]
    index = top.reindex(rows.index).to_numpy()
    both_missing = (
        np.isnan(value)
        & np.isnan(top_value)
        & (rows["suppression"].to_numpy(object) == rows["suppression"].to_numpy(object)[index])
    )
    same = both_missing | np.isclose(value, top_value, rtol=1e-9, atol=1e-9)
    first = ranked["_first"].reindex(rows.index).to_numpy()
    older = (reach.to_numpy() < reach.to_numpy()[index]) & (
        rows["release_file"].to_numpy() != rows["release_file"].to_numpy()[index]
    )
    fates = np.where(first, None, np.where(same, "repeated", np.where(older, "superseded", "conflict")))
    for position in np.flatnonzero(fates == "conflict"):
        errors.append(
            _conflict(tuple(key.iloc[position]), rows.iloc[index[position]].to_dict(), rows.iloc[position].to_dict())
        )
    fates = pd.Series(np.where(fates == "conflict", None, fates), index=rows.index, dtype=object)
    return (rows if first.all() else rows[first].reset_index(drop=True)), fates


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
