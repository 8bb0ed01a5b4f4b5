"""The explorer's arithmetic, without Streamlit: find indicators by their words, index series to 100, show counts
per 10,000 where the tables hold the population counted, choose how to draw what was picked, and the changes
between two periods (absolute, percent, percentage points, compound annual growth), worked out by hand in tests.

A series is one indicator in one area for one breakdown; the explorer never mixes two into one line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from insight.areas import HOME_ROLE
from insight.catalogue import matches
from insight.format import format_value
from insight.labels import label
from insight.projections import METHOD, interpolate

SERIES = ["indicator_id", "area_code", "breakdown"]
# The observations' columns the explorer reads (its figures, their provenance and what is written about them):
# a view reads these of one indicator's file, never the forty-odd a figure has.
READ_COLUMNS = [
    "indicator_id", "area_code", "area_name", "breakdown", "period", "period_type", "period_start", "period_end",
    "value", "unit", "status", "lower", "upper", "lower_ci95", "upper_ci95", "value_text", "formula", "source_id",
    "section", "quote", "curated_file", "curated_line", "source_kind", "comparison", "compared_with",
    "suppression_meaning", "value_note", "denominator", "publisher", "release_dataset", "release_file",
    "release_line", "link", "licence",
]  # fmt: skip
INTERPOLATED = "interpolated"  # a year filled in between published projections: drawn, never a change's end
INDEX_UNIT = "index"  # a series divided by its value at the base period, times 100
PER = 10_000  # counts shown per this many of the population the publisher counted them in
DAYS_A_YEAR = 365.25


def expand_areas(picked: list[str], groups: dict[str, tuple[str, list[str]]]) -> tuple[list[str], dict[str, str]]:
    """The areas to read for the areas picked, where a pick may be a group (`groups`: its key -> its name and its
    authorities, such as the home area's statistical neighbours): every picked area and each picked group's
    authorities, each once, in the order picked; and the group's name of each area read only through a group (an
    area also picked by itself stays a series of its own)."""
    codes: list[str] = []
    through: dict[str, str] = {}
    for pick in picked:
        codes.extend(groups[pick][1] if pick in groups else [pick])
    alone = {pick for pick in picked if pick not in groups}
    for pick in picked:
        if pick in groups:
            name, members = groups[pick]
            through.update({code: name for code in members if code not in alone and code not in through})
    return list(dict.fromkeys(codes)), through


@dataclass(frozen=True)
class Words:
    """What the tables say about the figures a view reads, looked up by key (once a build): each indicator's
    title, unit label and measure; each source's citation; each area's role."""

    indicators: dict[str, dict]
    citations: dict[str, str]
    roles: dict[str, object]

    @classmethod
    def of(cls, indicators: pd.DataFrame, sources: pd.DataFrame, areas: pd.DataFrame) -> Words:
        columns = ["title", "unit_label", "measure"]
        table = indicators[["indicator_id", *columns]]
        kept = table.astype(object).where(table.notna(), None).to_dict("records")
        return cls(
            {row["indicator_id"]: {c: row[c] for c in columns} for row in kept},
            dict(zip(sources["source_id"], sources["citation"], strict=True)),
            dict(zip(areas["area_code"], areas["role"], strict=True)) if "role" in areas else {},
        )


def shape(rows: list[dict], words: Words, indicators: list[str], areas: list[str]) -> list[dict]:
    """Observation records (READ_COLUMNS) as the explorer draws them, without a DataFrame: each with its
    indicator's title, unit label and measure, its citation (a release cites its publisher, as
    insight.frames.enrich does), its area's role and `x`, the middle of its period (no dates, no x); in the order
    picked (indicators, then areas), then breakdown and time, undated figures last."""
    middles: dict[tuple, object] = {}
    shaped = []
    for row in rows:
        span = (row["period_start"], row["period_end"])
        if span not in middles:
            start, end = (pd.Timestamp(day) if day is not None else None for day in span)
            middles[span] = start + (end - start) / 2 if start is not None and end is not None else None
        released = row["source_kind"] == "release"
        shaped.append(
            row
            | words.indicators.get(row["indicator_id"], dict.fromkeys(["title", "unit_label", "measure"]))
            | {
                "citation": row["publisher"] if released else words.citations.get(row["source_id"]),
                "area_role": words.roles.get(row["area_code"]),
                "x": middles[span],
            }
        )
    first = {code: i for i, code in enumerate(indicators)}
    where = {code: i for i, code in enumerate(areas)}
    return sorted(
        shaped,
        key=lambda r: (first.get(r["indicator_id"], len(first)), where.get(r["area_code"], len(where)),
                       r["breakdown"], r["x"] is None, r["x"] or pd.Timestamp(0)),
    )  # fmt: skip


def known(value) -> bool:
    """A figure or date that is there: not None, NaN or NaT."""
    return value is not None and value is not pd.NaT and not (isinstance(value, float) and math.isnan(value))


def named(rows: list[dict]) -> list[dict]:
    """`with_names` for records: each row with its series' name."""
    many = len({r["indicator_id"] for r in rows}) > 1
    names: dict[tuple, str] = {}
    out = []
    for row in rows:
        key = (row["indicator_id"], row["area_code"], row["breakdown"])
        if key not in names:
            names[key] = name(row, many_indicators=many)
        out.append(row | {"series": names[key]})
    return out


def view_title(rows: list[dict]) -> str:
    """A view in words, for an image's title: the indicators' titles and the areas drawn (a group by its name),
    named where there are few, counted where there are many."""
    titles = list(dict.fromkeys(r["title"] or r["indicator_id"] for r in rows))
    areas = list(dict.fromkeys(r.get("group") if isinstance(r.get("group"), str) else r["area_name"] for r in rows))
    what = _listed(titles)
    if not areas:
        return what
    return f"{what}: {_listed(areas)}" if len(areas) <= FEW_AREAS else f"{what} in {len(areas):,} areas"


FEW_AREAS = 4  # areas a title names; more are counted


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# The areas a view opens on, by role: the home area beside its region and country, as the publishers' own explorers
# open. Never "England and Wales" nor the strategy's unnamed "national": comparators the strategy quotes, which
# hardly any published series has.
OPENING_ROLES = (HOME_ROLE, "region", "country")
GSS_CODE = re.compile(r"[EWSNK]\d{8}(?: / [EWSNK]\d{8})*")  # E09000006; "E06000061 / E06000062" for two merged


def area_words(code: str, name: str) -> str:
    """An area as a pick lists it: its name, and its GSS code where it has one ("Bromley (E09000006)"), never a
    code of the tables' own ("national")."""
    return f"{name} ({code})" if GSS_CODE.fullmatch(code) else name


def opening_indicator(candidates: list[str], rows: list[dict]) -> str | None:
    """Of `candidates` (indicators declared to have every authority's figures, in their declared order), the one
    whose newest headline figure in `rows` (the home area's) is the newest, the first declared on a tie; None when
    none has a dated figure."""
    newest: dict[str, object] = {}
    for row in rows:
        end, indicator = row.get("period_end"), row["indicator_id"]
        if row.get("breakdown", "all") != "all" or not known(row.get("value")) or not known(end):
            continue
        if indicator not in newest or end > newest[indicator]:
            newest[indicator] = end
    dated = [c for c in candidates if c in newest]
    return max(dated, key=lambda c: (newest[c], -dated.index(c))) if dated else None


def find(indicators: pd.DataFrame, query: str) -> pd.DataFrame:
    """The indicators whose title, theme, topic, definition or publisher hold every word of `query` as whole words
    (insight.catalogue.matches: "care" finds "children in care", not "careers"); all of them for no query."""
    if not query.strip():
        return indicators
    matching = [
        matches(query, row.title, label("theme", row.theme), row.topic, row.definition, row.publisher)
        for row in indicators.itertuples(index=False)
    ]
    return indicators[matching]


@dataclass(frozen=True)
class Options:
    """How the picked series are shown: as published, indexed to 100 at `base`, counts per 10,000, a log axis,
    and the years between published projections filled in (insight.projections)."""

    base: str | None = None
    per_population: bool = False
    log: bool = False
    fill: bool = False


def name(first: dict, *, many_indicators: bool) -> str:
    """A series' name in the legend and tables: its area (and breakdown), with the indicator's title when the
    chart holds several indicators."""
    who = first["area_name"] + ("" if first["breakdown"] == "all" else f", {first['breakdown']}")
    return f"{first['title']} · {who}" if many_indicators else who


def with_names(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with a `series` column naming each series."""
    if frame.empty:
        return frame.assign(series=pd.Series(dtype=object))
    many = frame["indicator_id"].nunique() > 1
    columns = [*SERIES, "title", "area_name"]
    names: dict[tuple, str] = {}
    for row in frame[columns].to_dict("records"):
        key = tuple(row[c] for c in SERIES)
        if key not in names:
            names[key] = name(row, many_indicators=many)
    return frame.assign(series=[names[key] for key in zip(*(frame[c] for c in SERIES), strict=True)])


def index_to(frame: pd.DataFrame, base: str) -> tuple[pd.DataFrame, list[str]]:
    """Each series divided by its own value in the period `base`, times 100 (limits and intervals too). A series
    without a figure in that period cannot be indexed: it is left out and named in the notes."""
    kept, notes = [], []
    for _, rows in frame.groupby(SERIES, sort=False):
        at_base = rows.loc[(rows["period"] == base) & rows["value"].notna(), "value"]
        if at_base.empty or at_base.iloc[0] == 0:
            notes.append(f"{rows['series'].iloc[0]}: no figure in {base} to index to, so left out")
            continue
        scale = 100 / at_base.iloc[0]
        scaled = rows.copy()
        for column in ("value", "lower", "upper", "lower_ci95", "upper_ci95"):
            if column in scaled:
                scaled[column] = scaled[column] * scale
        kept.append(scaled.assign(unit=INDEX_UNIT, unit_label=f"index, {base} = 100"))
    return (pd.concat(kept, ignore_index=True) if kept else frame.iloc[0:0]), notes


def per_population(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Counts with a published denominator (the population the publisher counted them in) as a rate per 10,000
    of it; every other figure stays as published, and a count without a denominator is named in the notes."""
    frame = frame.copy()
    counts = frame["unit"] == "count"
    has = (
        counts & frame["denominator"].notna() & (frame["denominator"] > 0) if "denominator" in frame else counts & False
    )
    frame.loc[has, "value"] = frame.loc[has, "value"] / frame.loc[has, "denominator"] * PER
    frame.loc[has, "unit"] = "per_10000"
    frame.loc[has, "unit_label"] = "per 10,000 of the population counted"
    without = sorted(set(frame.loc[counts & ~has, "series"]))
    notes = [f"{who}: shown as published (the tables hold no denominator for it)" for who in without]
    return frame, notes


def chart_kind(frame: pd.DataFrame | list[dict]) -> str:
    """'time' when some series has two or more dated periods; 'bars' for dated or undated single figures;
    'none' when nothing was picked or found. Takes a frame or its records."""
    rows = _records(frame, ["value", "upper", "x", "period", *SERIES])
    if not any(known(r["value"]) or known(r.get("upper")) for r in rows):
        return "none"
    dated: dict[tuple, set] = {}
    for row in rows:
        if known(row["x"]):
            dated.setdefault(tuple(row[c] for c in SERIES), set()).add(row["period"])
    return "time" if any(len(periods) >= 2 for periods in dated.values()) else "bars"


def periods(frame: pd.DataFrame | list[dict]) -> list[str]:
    """The periods of the picked figures, dated ones in time order first, then undated ones."""
    rows = _records(frame, ["x", "period"])
    dated = sorted((r for r in rows if known(r["x"])), key=lambda r: r["x"])
    return list(dict.fromkeys([*(r["period"] for r in dated), *(r["period"] for r in rows if not known(r["x"]))]))


def _records(frame: pd.DataFrame | list[dict], columns: list[str]) -> list[dict]:
    """Records of a frame's `columns` (those it has), or the records as given."""
    if isinstance(frame, pd.DataFrame):
        return frame[[c for c in columns if c in frame]].to_dict("records")
    return frame


def growth(start: float, end: float, years: float) -> float | None:
    """Compound annual growth in percent: the yearly rate that takes `start` to `end` in `years`."""
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return ((end / start) ** (1 / years) - 1) * 100


def years_between(start: pd.Series, end: pd.Series) -> float | None:
    """Years from one period's start to another's (2018/19 to 2021/22 is 3), to a tenth; None when undated."""
    if pd.isna(start.get("period_start")) or pd.isna(end.get("period_start")):
        return None
    days = (pd.Timestamp(end["period_start"]) - pd.Timestamp(start["period_start"])).days
    return round(days / DAYS_A_YEAR, 1)


CHANGE_COLUMNS = [
    "Series",
    "From",
    "To",
    "From value",
    "To value",
    "Change",
    "Percent change",
    "Percentage-point change",
    "Years",
    "Compound annual growth",
]


def changes(frame: pd.DataFrame | list[dict], start: str, end: str) -> pd.DataFrame:
    """Each series from period `start` to `end`: the change in its own unit; the percent change and compound
    annual growth for counts, amounts, rates and scores; the change in percentage points for a percentage (a
    percent change of a percentage is never given: it reads as points). Missing figures say so; years filled in
    between projections are never an end. Takes a frame or its records."""
    columns = [*SERIES, "series", "period", "period_start", "value", "unit", "unit_label", "status"]
    ends: dict[tuple, dict] = {}  # series key -> {"name": ..., start: row, end: row}; plain records, one pass
    for row in _records(frame, columns):
        series_ends = ends.setdefault(tuple(row[c] for c in SERIES), {"name": row["series"]})
        if row["period"] in (start, end) and _number(row["value"]) is not None and row.get("status") != INTERPOLATED:
            series_ends.setdefault(row["period"], row)
    return pd.DataFrame(
        [_change(series_ends, start, end) for series_ends in ends.values()],
        columns=[*CHANGE_COLUMNS, "unit", "unit_label"],
    )


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _change(series_ends: dict, start: str, end: str) -> dict:
    row = dict.fromkeys(CHANGE_COLUMNS) | {"Series": series_ends["name"], "From": start, "To": end}
    if start not in series_ends or end not in series_ends:
        missing = [period for period in (start, end) if period not in series_ends]
        return row | {"Change": f"no figure for {' or '.join(dict.fromkeys(missing))}"}
    a, b = series_ends[start], series_ends[end]
    share, years = a["unit"] == "percent", years_between(a, b)
    difference = b["value"] - a["value"]
    return row | {
        "From value": a["value"],
        "To value": b["value"],
        "Change": difference,
        "Percent change": None if share or a["value"] == 0 else difference / a["value"] * 100,
        "Percentage-point change": difference if share else None,
        "Years": years,
        "Compound annual growth": None if share or years is None else growth(a["value"], b["value"], years),
        "unit": a["unit"],
        "unit_label": a.get("unit_label"),
    }


def readable_changes(table: pd.DataFrame) -> pd.DataFrame:
    """The changes table in words: each figure in its unit (4,032; 13%; 47 per 10,000), signs on changes."""

    def value(row, column: str, unit: str | None = None, signed: bool = False) -> str:
        number = row[column]
        if number is None or (isinstance(number, float) and math.isnan(number)):
            return "–"
        shown_unit = unit or row["unit"]
        return format_value(number, shown_unit, row.get("unit_label"), signed=signed, short=False)

    out = []
    for row in table.to_dict("records"):
        if _number(row["From value"]) is None:
            out.append(
                {"Series": row["Series"], "From": row["From"], "To": row["To"], "Change": row["Change"]}
                | dict.fromkeys(["Percent change", "Percentage-point change", "Compound annual growth"], "–")
            )
            continue
        out.append(
            {
                "Series": row["Series"],
                "From": f"{row['From']}: {value(row, 'From value')}",
                "To": f"{row['To']}: {value(row, 'To value')}",
                "Change": value(row, "Change", signed=True)
                if row["unit"] != "percent"
                else value(row, "Change", "percentage_points", signed=True),
                "Percent change": "–" if pd.isna(row["Percent change"]) else f"{row['Percent change']:+.1f}%",
                "Percentage-point change": value(row, "Percentage-point change", "percentage_points", signed=True),
                "Compound annual growth": "–"
                if pd.isna(row["Compound annual growth"])
                else f"{row['Compound annual growth']:+.2f}% a year over {row['Years']:g} years",
            }
        )
    return pd.DataFrame(out)


DOWNLOAD_COLUMNS = [
    "series", "indicator_id", "title", "area_code", "area_name", "breakdown", "period", "value", "unit", "unit_label",
    "status", "lower", "upper", "lower_ci95", "upper_ci95", "value_as_published", "unit_as_published", "formula",
    "source_kind", "quote", "section", "curated_file", "curated_line", "citation", "publisher", "release_dataset",
    "release_file", "release_line", "link", "licence",
]  # fmt: skip


def narrow(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns the explorer draws, words and downloads, text as Python objects: the tables' frames are wide
    and their text is Arrow strings, so every filter would copy every column (a chart of thirty boroughs took
    seconds)."""
    wanted = dict.fromkeys([*DOWNLOAD_COLUMNS, *SERIES, "x", "period_start", "period_end", "period_type", "measure",
                            "source_id", "value_text", "comparison", "compared_with", "suppression_meaning",
                            "value_note", "denominator", "group"])  # fmt: skip
    kept = frame[[column for column in wanted if column in frame]]
    text = [
        c for c in kept.columns if pd.api.types.is_string_dtype(kept[c]) and not pd.api.types.is_object_dtype(kept[c])
    ]
    return kept.astype(dict.fromkeys(text, object))


def rows_drawn(frame: pd.DataFrame) -> pd.DataFrame:
    """Exactly the rows drawn, as shown (indexed or per 10,000 where asked) with the published value beside, and
    where each comes from: the strategy's quote and curated line, or the release's file and line; a year filled
    in says how (`formula`) and has no source of its own."""
    return frame[[column for column in DOWNLOAD_COLUMNS if column in frame]].reset_index(drop=True)


def prepare(frame: pd.DataFrame, chosen: Options) -> tuple[pd.DataFrame, list[str]]:
    """The rows as drawn, after the options (years filled in, per 10,000, indexed), with the published value
    beside the shown one; and notes on what could not be shown so."""
    notes: list[str] = []
    frame = frame.assign(value_as_published=frame["value"], unit_as_published=frame["unit"])
    if chosen.fill:
        filled = [interpolate(rows) for _, rows in frame.groupby(SERIES, sort=False)]
        filled = [rows for rows in filled if not rows.empty]
        frame = pd.concat([frame, *filled], ignore_index=True).sort_values(["series", "x"], kind="stable")
        notes.append(f"Years in between published projections, drawn as small open marks: {METHOD}." if filled else
                     "No years to fill in: no series has published projections with years between them.")  # fmt: skip
    if chosen.per_population:
        frame, more = per_population(frame)
        notes += more
    if chosen.base:
        frame, more = index_to(frame, chosen.base)
        notes += more
    notes += axis_notes(frame[["value", "unit", "series"]].to_dict("records"), chosen)
    return frame.reset_index(drop=True), notes


def prepare_rows(rows: list[dict], chosen: Options) -> tuple[list[dict], list[str]]:
    """`prepare` for records: as published (the view a page opens on, and every change of indicator) without a
    DataFrame; an option that reworks the figures (years filled in, per 10,000, indexed) goes through `prepare`."""
    if rows and (chosen.fill or chosen.per_population or chosen.base):
        frame = pd.DataFrame(rows)
        for column in ("period_start", "period_end", "x"):
            if column in frame:
                frame[column] = pd.to_datetime(frame[column])
        frame, notes = prepare(frame, chosen)
        return frame.to_dict("records"), notes
    rows = [r | {"value_as_published": r["value"], "unit_as_published": r["unit"]} for r in rows]
    return rows, axis_notes(rows, chosen)


def axis_notes(rows: list[dict], chosen: Options) -> list[str]:
    """What the axes cannot show: figures of zero or below on a log scale, and any unit beyond two."""
    notes = []
    below = [r for r in rows if known(r["value"]) and r["value"] <= 0] if chosen.log else []
    if below:
        notes.append(
            f"On a log scale a figure of zero or below cannot be drawn: {len(below):,} left as gaps in their lines ("
            + "; ".join(dict.fromkeys(r["series"] for r in below))
            + ")."
        )
    units = list(dict.fromkeys(r["unit"] for r in rows))
    if len(units) > 2:
        notes.append(
            f"Only two units fit one chart; {', '.join(units[2:])} not drawn: index the series to compare them."
        )
    return notes
