"""Words that travel with every chart: its caption (source and period), its alt text, and a download that
keeps the context (definition, status, quote, source) a bare table of numbers would lose."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from insight.format import STATUS_WORDS, format_observation
from insight.labels import humanise, labeller

STRATEGY = "Bromley's Early Help Strategy 2030"


@dataclass(frozen=True)
class Words:
    """What travels with a chart: alt text for screen readers, the caption (source and period), the data."""

    alt: str
    caption: str
    table: pd.DataFrame


DOWNLOAD_COLUMNS = {
    "indicator_id": "indicator_id",
    "title": "indicator",
    "definition": "definition",
    "area_code": "area_code",
    "area_name": "area",
    "period": "period",
    "period_start": "period_start",
    "period_end": "period_end",
    "breakdown": "breakdown",
    "value": "value",
    "lower": "lower",
    "upper": "upper",
    "unit": "unit",
    "unit_label": "unit_label",
    "status": "status",
    "value_text": "value_as_written",
    "formula": "formula",
    "quote": "quote",
    "section": "section",
    "citation": "source",
    "source_link": "source_link",
    "note": "note",
    "source_kind": "source_kind",
    "period_as_published": "period_as_published",
    "breakdown_type": "breakdown_type",
    "lower_ci95": "lower_95_confidence_limit",
    "upper_ci95": "upper_95_confidence_limit",
    "lower_ci998": "lower_99_8_confidence_limit",
    "upper_ci998": "upper_99_8_confidence_limit",
    "count": "count",
    "denominator": "denominator",
    "value_note": "value_note",
    "suppression": "suppression_code",
    "suppression_meaning": "suppression_meaning",
    "comparison": "publisher_comparison",
    "compared_with": "publisher_compared_with",
    "publisher_indicator_id": "publisher_indicator_id",
    "release_dataset": "release_dataset",
    "release_file": "release_file",
    "release_sha256": "release_sha256",
    "release_line": "release_line",
    "licence": "licence",
}


def caption(frame: pd.DataFrame) -> str:
    """'Source: <citations>, quoted in <strategy> (<sections>). Period: ... Projected: ... Derived: ...'; a
    published release is cited by its publisher, file and licence (OGL v3 asks for attribution)."""
    strategy = frame[frame["source_kind"] != "release"] if "source_kind" in frame else frame
    released = frame[frame["source_kind"] == "release"] if "source_kind" in frame else frame.iloc[0:0]
    parts = []
    if len(strategy):
        citations = "; ".join(dict.fromkeys(strategy["citation"].dropna()))
        sections = "; ".join(dict.fromkeys(strategy["section"].dropna()))
        parts.append(f"Source: {citations}, as quoted in {STRATEGY} ({sections}).")
    if len(released):
        files = "; ".join(
            f"{publisher} ({', '.join(dict.fromkeys(group['release_file']))})"
            for publisher, group in released.groupby("publisher", sort=False)
        )
        licences = ", ".join(dict.fromkeys(released["licence"].dropna()))
        parts.append(f"{'Also: ' if parts else 'Source: '}{files}; {licences}.")
    periods = list(dict.fromkeys(frame["period"]))
    parts.append(f"Period{'s' if len(periods) > 1 else ''}: {', '.join(periods)}.")
    for status, words in (("projected", "Projections"), ("derived", "Derived (not published)")):
        flagged = list(dict.fromkeys(frame.loc[frame["status"] == status, "period"]))
        if flagged:
            parts.append(f"{words}: {', '.join(flagged)}.")
    return " ".join(parts)


def alt_text(kind: str, title: str, frame: pd.DataFrame, *, label_by: str = "area_name") -> str:
    """What the chart shows, for screen readers: its kind, its message and every value it draws."""
    items = []
    for _, row in frame.iterrows():
        who = row[label_by] if label_by != "breakdown" or row["breakdown"] != "all" else row["area_name"]
        status = "" if row["status"] == "observed" else f", {STATUS_WORDS[row['status']]}"
        items.append(f"{who}, {row['period']}: {format_observation(row)}{status}")
    return f"{kind} titled '{title}'. " + "; ".join(items) + "."


def download_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows behind a chart with every column a reader needs to use them elsewhere."""
    present = [c for c in DOWNLOAD_COLUMNS if c in frame.columns]
    return frame[present].rename(columns=DOWNLOAD_COLUMNS)


# A chart's data table as people read it: headers in words (the CSV keeps the tidy names analysts load).
SHOWN_HEADERS = {
    "area": "Area",
    "period": "Period",
    "breakdown": "Breakdown",
    "value": "Value",
    "value_as_written": "As written",
    "status": "Status",
    "unit": "Unit",
    "quote": "Quote",
    "source": "Source",
    "kind": "Kind",
    "group": "Group",
    "family": "Family",
    "children_of_100": "Children of 100",
    "note": "Note",
}
SHOWN_CODES = {"status": "status", "unit": "unit", "breakdown": "breakdown"}  # columns of codes, by vocabulary


def shown_table(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`table`'s `columns` as a person reads them on the page: each value in its unit and status as the charts
    write it ("about 3,800", "9.8 per 1,000", "not published"), headers and codes in words, an empty text cell
    empty (never "None")."""
    readable = table[[c for c in columns if c in table]].copy()
    if "value" in readable and {"unit", "status"} <= set(table.columns):
        readable["value"] = [format_observation(row) for row in table.to_dict("records")]
    for column, vocabulary in SHOWN_CODES.items():
        if column in readable:
            readable[column] = readable[column].map(labeller(vocabulary))
    return blank_text(readable).rename(columns=lambda name: SHOWN_HEADERS.get(name, humanise(name)))


def blank_text(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each missing text cell an empty string: a table shows it empty, not "None"."""
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c]) and frame[c].isna().any()]
    return frame.assign(**{c: frame[c].astype(object).where(frame[c].notna(), "") for c in text}) if text else frame


def village_words(
    title: str, groups: pd.DataFrame, *, citation: str, kind: str = "Grid chart", note: str = ""
) -> Words:
    """Alt text, caption and data for a village chart, from village table rows (group, count, quote)."""
    counts = "; ".join(f"{row['group']}: {row['count']}" for _, row in groups.iterrows())
    table = groups.rename(columns={"count": "children_of_100", "group_type": "kind"})
    table = table.assign(source=citation)
    return Words(
        alt=f"{kind} titled '{title}', one mark per child. {counts}.",
        caption=f"Source: {citation}, as quoted in {STRATEGY} (Our borough, the village). {note}".strip(),
        table=table[
            [c for c in ("kind", "group", "family", "children_of_100", "quote", "source", "note") if c in table]
        ],
    )
