"""A file's figures, in the publisher's words, as tidy observations of indicators: every measure becomes one.

Each measure of a file is an indicator, `<dataset_id>_<measure>` ("cin_c1_referral_count", "fingertips_90284"),
with every breakdown the file gives it. A declaration (data/metadata/public_indicators.csv) gives a measure, or
the part of it its `select` takes, our id, title, definition, unit and polarity; without one, the title is the
publisher's name for the measure, the unit is inferred (loaders.releases.units) and marked so, and no polarity
is claimed, so no figure of it is called better or worse. Declarations set words; they never decide what is kept.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from loaders.periods import PeriodError, parse_period
from loaders.releases import units
from loaders.releases.declarations import Dataset, Declarations, Declared
from loaders.releases.published import FILTER, SUPPRESSION_MEANINGS, Published

LICENCE = "Open Government Licence v3.0"
SEPARATOR = " · "
OTHER_THEME = "other"  # the theme of a measure whose dataset nobody declared


# Columns whose text repeats down a file's figures (its publisher, file name and hash, each indicator's theme and
# unit, the areas, periods and breakdowns, a handful each): held as Arrow dictionaries, an integer a figure, so a
# million figures do not hold a million copies, and every later step compares integers.
REPEATED = frozenset(
    {
        "indicator_id", "theme", "area_code", "area_name", "period", "period_type", "breakdown", "unit", "status",
        "source_kind", "period_as_published", "breakdown_type", "value_note", "suppression", "suppression_meaning",
        "comparison", "compared_with", "publisher", "publisher_indicator_id", "release_format", "release_dataset",
        "release_period", "release_file", "release_sha256", "link", "licence", "measure",
    }
)  # fmt: skip
TEXT = pa.dictionary(pa.int32(), pa.string())


def tidy_schema() -> pa.Schema:
    """The observations as a build holds them: the Parquet schema (repeated text as dictionaries, which Parquet
    stores as it stores any text), and what the build reads but never writes: `measure` (for the tidy checks) and
    `version` (Revised over Final, for loaders.releases.resolve)."""
    from loaders.contract.schema import arrow_schema

    written = arrow_schema("observations")
    fields = [f.with_type(TEXT) if f.name in REPEATED else f for f in written]
    return (
        pa.schema(fields, metadata=written.metadata)
        .append(pa.field("measure", TEXT))
        .append(pa.field("version", pa.int8()))
    )


def plain(schema: pa.Schema) -> pa.Schema:
    """The schema with every dictionary of text as plain text: what a reader of the tables gets."""
    return pa.schema([f.with_type(pa.string()) if f.type == TEXT else f for f in schema], metadata=schema.metadata)


def repeated(value: str | None, length: int) -> pa.Array:
    """One text for every row, stored once."""
    if value is None:
        return pa.nulls(length, TEXT)
    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(length, np.int32)), pa.array([value], pa.string()))


def by_index(values: list, which: np.ndarray) -> pa.DictionaryArray:
    """Each row's text from a short list, by its index in it (each text stored once; None is a missing value,
    never an entry of the dictionary, which Arrow could not then merge with another)."""
    missing = np.array([v is None for v in values] + [True])
    indices = np.asarray(which, dtype=np.int32)
    mask = missing[indices] if len(values) else np.ones(len(indices), bool)
    dictionary = pa.array([v if v is not None else "" for v in values], pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(indices, mask=mask), dictionary)


@dataclass
class Mapped:
    rows: pa.Table  # tidy_schema()
    indicators: dict[str, dict]  # indicator id -> its row of the indicators table


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def auto_id(dataset_id: str, measure: str) -> str:
    return f"{dataset_id}_{slug(measure) or 'measure'}"


def map_file(published: Published, dataset: Dataset, declarations: Declarations) -> Mapped:
    """Every figure of one file as a tidy row of its indicator, and those indicators' rows of the indicators
    table. The figures' columns are mapped whole; the indicators' own words are taken once per indicator."""
    figures = published.figures
    if not figures.num_rows:
        return Mapped(_empty(), {})
    encoded = pc.dictionary_encode(figures["measure"]).combine_chunks()
    measures = encoded.dictionary.to_pylist()
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    names = _first_names(figures, codes, len(measures))

    # ---- which indicator each figure is: its measure's, or a declaration's that selects it
    names_of = [auto_id(dataset.dataset_id, m) for m in measures]  # indicator ids, by number
    which = codes.astype(np.int32)  # each figure's indicator, by number
    declared_here = [d for d in declarations.of_dataset(dataset.dataset_id) if not d.derive]
    selected = np.zeros(len(which), dtype=bool)
    chosen: dict[str, Declared] = {}
    for declared in sorted(declared_here, key=lambda d: bool(d.select)):  # a selection overrides the whole measure
        if declared.measure not in measures:
            continue
        mask = codes == measures.index(declared.measure)
        for column, value in declared.select.items():
            cells = figures[FILTER + column] if FILTER + column in figures.column_names else None
            mask &= _bool(pc.equal(cells, value)) if cells is not None else False
        if mask.any():
            which[mask] = len(names_of)
            names_of.append(declared.indicator_id)
            if declared.select:
                selected |= mask
            chosen[declared.indicator_id] = declared
    present = np.flatnonzero(np.bincount(which, minlength=len(names_of)))
    renumber = np.full(len(names_of), -1, dtype=np.int32)
    renumber[present] = np.arange(len(present), dtype=np.int32)
    where = renumber[which]
    found = [names_of[k] for k in present]
    breakdown, breakdown_type = _without_selected(figures, selected, where, found, chosen)

    # ---- each indicator's words, once
    indicators = {}
    values = figures["value"].to_numpy(zero_copy_only=False)
    order = np.argsort(where, kind="stable")
    bounds = np.searchsorted(where[order], np.arange(len(found) + 1))
    for k, indicator in enumerate(found):
        rows = order[bounds[k] : bounds[k + 1]]
        measure = measures[codes[rows[0]]]
        indicators[indicator] = _indicator(
            indicator, chosen.get(indicator), dataset, measure, names[measures.index(measure)],
            evidence=units.Evidence.of(figures, rows, values),
        )  # fmt: skip
    tables = [_tidy(published, dataset, figures, found, where, indicators, breakdown, breakdown_type)]
    for declared in declarations.of_dataset(dataset.dataset_id):
        derived = _derived(published, dataset, declared) if declared.derive else None
        if derived is not None and derived.num_rows:
            tables.append(derived)
            indicators[declared.indicator_id] = _indicator(
                declared.indicator_id, declared, dataset, declared.measure, declared.measure, evidence=None
            )
    # One chunk a file: an indicator's rows are then taken from it in one step (loaders.build._by_indicator).
    return Mapped((pa.concat_tables(tables) if len(tables) > 1 else tables[0]).combine_chunks(), indicators)


def _bool(array) -> np.ndarray:
    return pc.fill_null(array, False).to_numpy(zero_copy_only=False).astype(bool)


def _first_names(figures: pa.Table, codes: np.ndarray, count: int) -> list[str]:
    """The publisher's name of each measure (its first figure's)."""
    first = np.full(count, -1)
    order = np.arange(len(codes))[::-1]
    first[codes[order]] = order
    return figures["measure_name"].take(pa.array(first)).to_pylist()


def _without_selected(figures: pa.Table, selected: np.ndarray, where: np.ndarray, found: list[str], chosen):
    """Breakdowns, with the filter values a declaration selected taken out of its figures' breakdowns: the part
    it selects is its headline ("19 to 21 years · Total not in ..." selected is "all"). Each distinct breakdown of
    each declaration is worked out once."""
    breakdown, kind = figures["breakdown"], figures["breakdown_type"]
    if not selected.any():
        return breakdown, kind
    rows = np.flatnonzero(selected)
    parts = pa.table(
        {"indicator": pa.array(where[rows]), "label": breakdown.take(pa.array(rows)), "kind": kind.take(pa.array(rows))}
    )
    distinct = parts.group_by(["indicator", "label", "kind"]).aggregate([]).to_pylist()
    renamed = {}
    for entry in distinct:
        taken = set(chosen[found[entry["indicator"]]].select.values())
        label, typed = entry["label"], entry["kind"]
        pieces = label.split(SEPARATOR) if label != "all" else []
        kinds = typed.split(SEPARATOR) if typed else [None] * len(pieces)
        kept = [(p, t) for p, t in zip(pieces, kinds, strict=False) if p not in taken]
        renamed[(entry["indicator"], label, typed)] = (
            SEPARATOR.join(p for p, _ in kept) or "all",
            SEPARATOR.join(t for _, t in kept if t) or None,
        )
    keys = list(renamed)
    position = {k: n for n, k in enumerate(keys)}
    index = np.array(
        [position[k] for k in zip(where[rows], parts["label"].to_pylist(), parts["kind"].to_pylist(), strict=True)]
    )
    new_labels = pa.array([renamed[k][0] for k in keys], pa.string()).take(pa.array(index))
    new_kinds = pa.array([renamed[k][1] for k in keys], pa.string()).take(pa.array(index))
    mask = pa.array(selected)
    full = np.zeros(len(selected), dtype=np.int64)
    full[rows] = np.arange(len(rows))
    spread = pa.array(full)
    return (
        pc.if_else(mask, new_labels.take(spread), breakdown),
        pc.if_else(mask, new_kinds.take(spread), kind),
    )


def _indicator(
    indicator_id: str, declared: Declared | None, dataset: Dataset, measure: str, name: str, evidence
) -> dict:
    """The indicator's row of the indicators table: the declaration's words, else the publisher's."""
    inferred = units.infer(measure, name, evidence)
    unit = (declared.unit if declared and declared.unit else None) or inferred.unit
    title = declared.title if declared else units.title(name, dataset.format)
    definition = declared.definition if declared else (
        f"{title}: the measure {dataset.publisher_words} publishes as “{name}” in {dataset.title}. No plain-English "
        f"definition has been declared for it yet; its unit ({units.WORDS.get(unit, unit)}) is inferred "
        f"{inferred.reason}."
    )  # fmt: skip
    return {
        "indicator_id": indicator_id,
        "title": title,
        "theme": (declared.theme if declared else None) or dataset.theme or OTHER_THEME,
        "topic": (declared.topic if declared else None) or dataset.topic or dataset.title,
        "definition": definition,
        "unit": unit,
        "unit_label": declared.unit_label if declared else None,
        "unit_inferred": not (declared and declared.unit),
        "polarity": declared.polarity if declared else None,
        "measure": declared.kind if declared else "level",
        "source_kind": "release",
        "publisher": dataset.publisher_words,
        "publisher_indicator_id": measure,
        "publisher_indicator_name": name,
        "dataset_id": dataset.dataset_id,
        "dataset": dataset.title,
        "declared": declared is not None,
        "link": (declared.link if declared else None) or dataset.link,
    }


def _periods(labels: pa.ChunkedArray):
    """Each row's period type, start and end, each label parsed once (the readers checked them)."""
    unique = pc.unique(labels).to_pylist()
    parsed = []
    for label in unique:
        try:
            parsed.append(parse_period(label))
        except PeriodError:  # not reachable: the readers refuse what the parser cannot read
            parsed.append(None)
    which = pc.index_in(labels, value_set=pa.array(unique, pa.string()))
    kinds = pa.array([p.kind if p else None for p in parsed], pa.string()).take(which)
    starts = pa.array([p.start if p else None for p in parsed], pa.date32()).take(which)
    ends = pa.array([p.end if p else None for p in parsed], pa.date32()).take(which)
    return kinds, starts, ends


def _tidy(published, dataset, figures, found, where, indicators, breakdown, breakdown_type) -> pa.Table:
    """The tidy columns of every figure: the figure's own columns as they are, its indicator's by a take."""
    length = figures.num_rows

    def of_indicator(name: str):
        return by_index([indicators[i][name] for i in found], where)

    value = figures["value"]
    suppressed = pc.fill_null(pc.is_nan(value), True)  # published without a value: a code, or a blank
    suppression = pc.if_else(suppressed, figures["suppression"], None)
    codes = list(SUPPRESSION_MEANINGS)
    meaning = pa.array(list(SUPPRESSION_MEANINGS.values()), pa.string()).take(
        pc.index_in(suppression, value_set=pa.array(codes, pa.string()))
    )
    kinds, starts, ends = _periods(figures["period"])
    columns = {
        "indicator_id": by_index(found, where),
        "theme": of_indicator("theme"),
        "area_code": figures["area_code"],
        "area_name": figures["area_name"],
        "period": figures["period"],
        "period_type": kinds,
        "period_start": starts,
        "period_end": ends,
        "breakdown": breakdown,
        "value": pc.if_else(suppressed, None, value),
        "unit": of_indicator("unit"),
        "status": by_index(["observed", "suppressed"], _bool(suppressed).astype(np.int32)),
        "source_kind": "release",
        "period_as_published": figures["period_as_published"],
        "breakdown_type": breakdown_type,
        **{
            name: figures[name]
            for name in ("lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator")
        },
        "value_note": figures["value_note"],
        "suppression": suppression,
        "suppression_meaning": meaning,
        "comparison": figures["comparison"],
        "compared_with": figures["compared_with"],
        "publisher": dataset.publisher_words,
        "publisher_indicator_id": figures["measure"],
        "release_format": published.format,
        "release_dataset": published.dataset,
        "release_file": published.shown,
        "release_sha256": published.sha256,
        "release_line": figures["line"],
        "link": of_indicator("link"),
        "licence": LICENCE,
        "measure": of_indicator("measure"),
        "version": figures["version"],
    }
    return arrow_table(columns, length)


def _empty() -> pa.Table:
    return tidy_schema().empty_table()


def arrow_table(columns: dict, length: int) -> pa.Table:
    """An Arrow table of the tidy columns: those given (a text given once fills its column), the others empty."""

    def column(value, kind):
        if value is None:
            return pa.nulls(length, kind)
        if isinstance(value, str):
            return repeated(value, length) if kind == TEXT else pa.repeat(pa.scalar(value, kind), length)
        if isinstance(value, pa.ChunkedArray | pa.Array):
            return value if value.type == kind else value.cast(kind)
        return pa.array(value, kind, from_pandas=True)

    schema = tidy_schema()
    return pa.Table.from_arrays([column(columns.get(f.name), f.type) for f in schema], schema=schema)


def _derived(published: Published, dataset: Dataset, declared: Declared) -> pa.Table:
    """share_excluding:<prefix>: per area and period, 100 x (all - the categories starting with <prefix>) / all,
    from the counts the release publishes ('Does not apply' is not a resident group and is left out)."""
    figures = published.figures.filter(pc.equal(published.figures["measure"], declared.measure))
    if not figures.num_rows:
        return _empty()
    prefix = declared.derive.split(":", 1)[1]
    columns = ["area_code", "area_name", "period", "period_as_published", "breakdown", "value", "value_note",
               "line", "measure"]  # fmt: skip
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in figures.select(columns).to_pylist():
        if row["value"] is not None and row["value"] == row["value"]:  # a published count (not NaN)
            groups.setdefault((row["area_code"], row["period"]), []).append(row)
    rows = []
    for (_, label), members in groups.items():
        counted = [m for m in members if (m["value_note"] or "") != "Does not apply"]
        total = math.fsum(m["value"] for m in counted)
        excluded = math.fsum(m["value"] for m in counted if m["breakdown"].startswith(prefix))
        if not total:
            continue
        first = min(members, key=lambda m: m["line"])
        period = parse_period(label)
        rows.append(
            {
                "indicator_id": declared.indicator_id,
                "theme": declared.theme or dataset.theme or OTHER_THEME,
                "area_code": first["area_code"],
                "area_name": first["area_name"],
                "period": period.label,
                "period_type": period.kind,
                "period_start": period.start,
                "period_end": period.end,
                "breakdown": "all",
                "value": 100 * (total - excluded) / total,
                "unit": declared.unit or "percent",
                "status": "derived",
                "formula": (
                    f"100 × (all residents − the groups starting '{prefix}') / all residents = "
                    f"100 × ({total:,.0f} − {excluded:,.0f}) / {total:,.0f}, from the counts of {first['measure']}"
                ),
                "source_kind": "release",
                "period_as_published": first["period_as_published"],
                "count": total - excluded,
                "denominator": total,
                "publisher": dataset.publisher_words,
                "publisher_indicator_id": first["measure"],
                "release_format": published.format,
                "release_dataset": published.dataset,
                "release_file": published.shown,
                "release_sha256": published.sha256,
                "release_line": int(first["line"]),
                "link": declared.link or dataset.link,
                "licence": LICENCE,
                "measure": declared.kind,
            }
        )
    return pa.Table.from_pylist(rows, schema=plain(tidy_schema())).cast(tidy_schema())
