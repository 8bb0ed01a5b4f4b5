"""The explorer's arithmetic, without Streamlit: find indicators by their words, index series to 100, show counts
per 10,000 where the tables hold the population counted, choose how to draw what was picked, and the changes
between two periods (absolute, percent, percentage points, compound annual growth), worked out by hand in tests.

A series is one indicator in one area for one breakdown; the explorer never mixes two into one line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from insight.catalogue import matches
from insight.format import format_value
from insight.labels import label
from insight.projections import METHOD, interpolate

SERIES = ["indicator_id", "area_code", "breakdown"]
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


def find(indicators: pd.DataFrame, query: str) -> pd.DataFrame:
    """The indicators whose title, theme, topic, definition or publisher hold every word of `query` as whole words
    (insight.catalogue.matches: "care" finds "children in care", not "careers"); all of them for no query."""
    if not query.strip():
        return indicators
    found = [
        matches(query, row.title, label("theme", row.theme), row.topic, row.definition, row.publisher)
        for row in indicators.itertuples(index=False)
    ]
    return indicators[found]


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


def chart_kind(frame: pd.DataFrame) -> str:
    """'time' when some series has two or more dated periods; 'bars' for dated or undated single figures;
    'none' when nothing was picked or found."""
    if frame.empty or frame["value"].notna().sum() + frame.get("upper", pd.Series(dtype=float)).notna().sum() == 0:
        return "none"
    dated = frame.dropna(subset=["x"])
    if not dated.empty and dated.groupby(SERIES)["period"].nunique().max() >= 2:
        return "time"
    return "bars"


def periods(frame: pd.DataFrame) -> list[str]:
    """The periods of the picked figures, dated ones in time order first, then undated ones."""
    dated = frame.dropna(subset=["x"]).sort_values("x")
    undated = frame[frame["x"].isna()]
    return list(dict.fromkeys([*dated["period"], *undated["period"]]))


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


def changes(frame: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Each series from period `start` to `end`: the change in its own unit; the percent change and compound
    annual growth for counts, amounts, rates and scores; the change in percentage points for a percentage (a
    percent change of a percentage is never given: it reads as points). Missing figures say so."""
    columns = [*SERIES, "series", "period", "period_start", "value", "unit", "unit_label"]
    ends: dict[tuple, dict] = {}  # series key -> {"name": ..., start: row, end: row}; plain records, one pass
    for row in frame[columns].to_dict("records"):
        found = ends.setdefault(tuple(row[c] for c in SERIES), {"name": row["series"]})
        if row["period"] in (start, end) and _number(row["value"]) is not None:
            found.setdefault(row["period"], row)
    return pd.DataFrame(
        [_change(found, start, end) for found in ends.values()], columns=[*CHANGE_COLUMNS, "unit", "unit_label"]
    )


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _change(found: dict, start: str, end: str) -> dict:
    row = dict.fromkeys(CHANGE_COLUMNS) | {"Series": found["name"], "From": start, "To": end}
    if start not in found or end not in found:
        missing = [period for period in (start, end) if period not in found]
        return row | {"Change": f"no figure for {' or '.join(dict.fromkeys(missing))}"}
    a, b = found[start], found[end]
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
    if chosen.log and len(frame) and (frame["value"] <= 0).any():
        below = frame[frame["value"] <= 0]
        notes.append(
            f"On a log scale a figure of zero or below cannot be drawn: {len(below):,} left as gaps in their lines ("
            + "; ".join(dict.fromkeys(below["series"]))
            + ")."
        )
    units = list(dict.fromkeys(frame["unit"])) if len(frame) else []
    if len(units) > 2:
        notes.append(
            f"Only two units fit one chart; {', '.join(units[2:])} not drawn: index the series to compare them."
        )
    return frame.reset_index(drop=True), notes
