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
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import BuildError, SourceError
from loaders.paths import DataPaths
from loaders.periods import PeriodError, parse_period
from loaders.published import SUPPRESSION_MEANINGS, ParsedFile, PublishedRow

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
    """What the releases add to the build."""

    rows: list[dict] = field(default_factory=list)
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
    """Every release file's figures as tidy rows; BuildError with every problem found (the tables stay as
    they were)."""
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
            loaded.records.append(_record(release, [], note=f"the same file as {seen[release.sha256]}"))
            continue
        seen[release.sha256] = shown
        parsed.append(release)
    if errors:
        raise BuildError(errors)

    mapped: list[tuple[ParsedFile, list[dict], set[str]]] = []
    for release in parsed:
        rows, undeclared, found = _map(release, declared)
        errors += found
        mapped.append((release, rows, undeclared))
    if errors:
        raise BuildError(errors)

    kept, fates = _resolve([row for _, rows, _ in mapped for row in rows], errors)
    if errors:
        raise BuildError(errors)
    loaded.rows = kept
    for release, rows, undeclared in mapped:
        loaded.records.append(_record(release, rows, fates=fates, undeclared=undeclared))
        for row in release.rows:
            _add_area(loaded.areas, row)
    return loaded


# ---- mapping: the publisher's words onto our indicators ----------------------------------------------------------


def _selectors(declared: list[dict]) -> dict[tuple[str, str], list[tuple[dict, dict[str, str]]]]:
    index: dict[tuple[str, str], list[tuple[dict, dict[str, str]]]] = defaultdict(list)
    for indicator in declared:
        wanted = {}
        for term in filter(None, (t.strip() for t in (indicator.get("select") or "").split(";"))):
            column, _, value = term.partition("=")
            wanted[column.strip()] = value.strip()
        index[(indicator["format"], indicator["publisher_indicator_id"])].append((indicator, wanted))
    return index


def _map(release: ParsedFile, declared: list[dict]) -> tuple[list[dict], set[str], list[SourceError]]:
    """Tidy rows of the declared indicators in one release; the measures no indicator declares; problems."""
    index = _selectors(declared)
    rows, undeclared, errors, declared_ids = [], set(), [], set()
    periods: dict[str, object] = {}
    for published in release.rows:
        matches = [
            indicator
            for indicator, wanted in index.get((release.format, published.publisher_indicator_id), [])
            if all(published.filters.get(column) == value for column, value in wanted.items())
        ]
        if not matches:
            undeclared.add(published.publisher_indicator_id)
        else:
            declared_ids.add(published.publisher_indicator_id)
        for indicator in matches:
            if published.period not in periods:
                try:
                    periods[published.period] = parse_period(published.period)
                except PeriodError as exc:
                    periods[published.period] = exc
            period = periods[published.period]
            if isinstance(period, PeriodError):
                errors.append(SourceError(release.shown, published.line, "period", str(period)))
                continue
            if indicator.get("derive"):
                continue  # worked out below, from the figures it derives from
            rows.append(_row(release, published, indicator, period))
    for indicator in declared:
        if indicator.get("derive") and indicator["format"] == release.format:
            rows += _derived(release, indicator, periods)
    return rows, undeclared - declared_ids, errors


def _row(release: ParsedFile, published: PublishedRow, indicator: dict, period) -> dict:
    breakdown, breakdown_type = published.breakdown, published.breakdown_type
    by = indicator.get("breakdown_by")
    if by and published.filters.get(by):
        group = published.filters[by]
        breakdown = group if breakdown == "all" else f"{breakdown} · {group}"
        breakdown_type = (
            by.replace("_", " ") if breakdown_type is None else f"{breakdown_type} · {by.replace('_', ' ')}"
        )
    suppressed = published.value is None
    return {
        "indicator_id": indicator["indicator_id"],
        "theme": indicator["theme"],
        "area_code": published.area_code,
        "area_name": published.area_name,
        "period": period.label,
        "period_type": period.kind,
        "period_start": period.start,
        "period_end": period.end,
        "breakdown": breakdown,
        "value": published.value,
        "lower": None,
        "upper": None,
        "unit": indicator["unit"],
        "status": "suppressed" if suppressed else "observed",
        "value_text": None,
        "formula": None,
        "source_id": None,
        "section_id": None,
        "section": None,
        "quote": None,
        "note": None,
        "curated_file": None,
        "curated_line": None,
        "source_kind": "release",
        "period_as_published": published.period_as_published,
        "breakdown_type": breakdown_type,
        "lower_ci95": published.lower_ci95,
        "upper_ci95": published.upper_ci95,
        "lower_ci998": published.lower_ci998,
        "upper_ci998": published.upper_ci998,
        "count": published.count,
        "denominator": published.denominator,
        "value_note": published.value_note,
        "suppression": published.suppression if suppressed else None,
        "suppression_meaning": SUPPRESSION_MEANINGS.get(published.suppression or "") if suppressed else None,
        "comparison": published.comparison,
        "compared_with": published.compared_with,
        "publisher": indicator["publisher"],
        "publisher_indicator_id": published.publisher_indicator_id,
        "release_format": release.format,
        "release_dataset": release.dataset,
        "release_period": None,  # set once the whole release is read (_release_periods)
        "release_file": release.shown,
        "release_sha256": release.sha256,
        "release_line": published.line,
        "link": indicator["link"],
        "licence": LICENCE,
        "measure": indicator["measure"],  # for the tidy checks, not written
    }


def _derived(release: ParsedFile, indicator: dict, periods: dict) -> list[dict]:
    """share_excluding:<prefix>: per area and period, 100 x (all - the categories starting with <prefix>) / all,
    from the counts the release publishes ('Does not apply' is not a resident group and is left out)."""
    prefix = indicator["derive"].split(":", 1)[1]
    groups: dict[tuple[str, str], list[PublishedRow]] = defaultdict(list)
    for published in release.rows:
        if published.publisher_indicator_id == indicator["publisher_indicator_id"] and published.value is not None:
            groups[(published.area_code, published.period)].append(published)
    rows = []
    for (_, label), members in groups.items():
        counted = [m for m in members if (m.value_note or "") != "Does not apply"]
        total = math.fsum(m.value for m in counted)
        excluded = math.fsum(m.value for m in counted if m.breakdown.startswith(prefix))
        if not total:
            continue
        first = min(members, key=lambda m: m.line)
        row = _row(release, first, indicator, periods[label])
        share = 100 * (total - excluded) / total
        row.update(
            breakdown="all",
            breakdown_type=None,
            value=share,
            status="derived",
            count=total - excluded,
            denominator=total,
            comparison=None,
            compared_with=None,
            value_note=None,
            suppression=None,
            suppression_meaning=None,
            formula=(
                f"100 × (all residents − the groups starting '{prefix}') / all residents = "
                f"100 × ({total:,.0f} − {excluded:,.0f}) / {total:,.0f}, from the counts of {first.publisher_indicator_id}"
            ),
        )
        rows.append(row)
    return rows


# ---- overlapping releases ----------------------------------------------------------------------------------------


def _resolve(rows: list[dict], errors: list[SourceError]) -> tuple[list[dict], dict[tuple, str]]:
    """One row per figure: repeated values kept once, older releases superseded, conflicts reported. Returns the
    rows kept and the fate of each row that was not (`_figure(row)` -> 'superseded' or 'repeated')."""
    newest = _release_periods(rows)
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        row["release_period"] = newest[(row["release_file"], row["indicator_id"])][1]
        by_key[(row["indicator_id"], row["area_code"], row["period"], row["breakdown_type"], row["breakdown"])].append(
            row
        )
    kept, fates = [], {}
    for key, candidates in by_key.items():
        if len(candidates) == 1:
            kept.append(candidates[0])
            continue
        candidates.sort(key=lambda r: newest[(r["release_file"], r["indicator_id"])][0], reverse=True)
        top = candidates[0]
        top_end = newest[(top["release_file"], top["indicator_id"])][0]
        kept.append(top)
        for other in candidates[1:]:
            other_end = newest[(other["release_file"], other["indicator_id"])][0]
            if _same(top, other):
                fates[_figure(other)] = "repeated"
            elif other_end < top_end and other["release_file"] != top["release_file"]:
                fates[_figure(other)] = "superseded"
            else:
                errors.append(_conflict(key, top, other))
    return kept, fates


def _figure(row: dict) -> tuple:
    """One figure of one file: a record gives several (a DfE record one per measure; an ONS record its count and,
    on its first line, a derived share), so the file and line alone do not name it."""
    return (row["release_file"], row["release_line"], row["indicator_id"], row["breakdown_type"], row["breakdown"])


def _release_periods(rows: list[dict]) -> dict[tuple[str, str], tuple[object, str]]:
    """Per file and indicator, the newest period it reaches (its end date and label): what orders releases."""
    newest: dict[tuple[str, str], tuple[object, str]] = {}
    for row in rows:
        key = (row["release_file"], row["indicator_id"])
        end = row["period_end"]
        if end is not None and (key not in newest or end > newest[key][0]):
            newest[key] = (end, row["period"])
    return newest


def _same(a: dict, b: dict) -> bool:
    if a["value"] is None or b["value"] is None:
        return a["value"] is None and b["value"] is None and a["suppression"] == b["suppression"]
    return math.isclose(a["value"], b["value"], rel_tol=1e-9, abs_tol=1e-9)


def _as_published(value: float | None) -> str:
    """A figure in full, as the file gives it (76.28465478, not 76.2847): two values that differ in the seventh
    digit must not read the same, or as neither file wrote them, in the message that sets them side by side."""
    if value is None:
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


def _record(release: ParsedFile, rows: list[dict], *, fates=None, undeclared=(), note: str | None = None) -> dict:
    fates = fates or {}
    lost = [fates.get(_figure(r)) for r in rows]
    kept = [r for r, fate in zip(rows, lost, strict=True) if fate is None]  # what the file put in the tables
    dated = sorted((r["period_end"], r["period"]) for r in kept if r["period_end"] is not None)
    return {
        "release_file": release.shown,
        "release_sha256": release.sha256,
        "format": release.format,
        "dataset": release.dataset if note is None else f"{release.dataset} ({note})",
        "encoding": release.encoding,
        "records": len({r.line for r in release.rows}),
        "figures_read": len(release.rows),
        "figures_kept": len(kept),
        "suppressed": sum(r["status"] == "suppressed" for r in kept),
        "superseded": lost.count("superseded"),
        "repeated": lost.count("repeated"),
        "not_declared": ", ".join(sorted(undeclared)) or None,
        "areas": len({r["area_code"] for r in kept}),
        "first_period": dated[0][1] if dated else None,
        "newest_period": dated[-1][1] if dated else None,
    }


def _add_area(areas: dict[str, dict], published: PublishedRow) -> None:
    """Every area a file names, with its kind and, where the file gives one, its parent (a region over England)."""
    kind = AREA_TYPES.get(published.area_type.strip().lower(), "Local authority")
    known = areas.get(published.area_code)
    parent = published.parent_code or None
    if known is None:
        areas[published.area_code] = {
            "area_code": published.area_code,
            "area_name": published.area_name,
            "area_type": kind,
            "parent_code": parent,
        }
    elif parent and (known["parent_code"] is None or known["parent_code"].startswith("E92")):
        known["parent_code"] = parent  # a region (or part of one) says more than the country
