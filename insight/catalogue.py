"""The catalogue of every figure: search and filter, and a table a person can read and take away."""

from __future__ import annotations

import io

import pandas as pd

from insight.describe import download_frame
from insight.format import STATUS_WORDS, format_observation

SEARCHED = ["title", "quote", "indicator_id", "section", "area_name", "breakdown", "period", "topic", "citation"]


def search(
    frame: pd.DataFrame,
    text: str = "",
    *,
    themes: list[str] | None = None,
    statuses: list[str] | None = None,
    areas: list[str] | None = None,
) -> pd.DataFrame:
    """Rows whose words contain every word of `text` (any case), within the themes, statuses and areas chosen."""
    rows = frame
    for column, wanted in (("theme", themes), ("status", statuses), ("area_name", areas)):
        if wanted:
            rows = rows[rows[column].isin(wanted)]
    words = text.lower().split()
    if words:
        haystack = rows[SEARCHED].fillna("").astype(str).agg(" ".join, axis=1).str.lower()
        for word in words:
            rows = rows[haystack.loc[rows.index].str.contains(word, regex=False)]
    return rows


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The catalogue as people read it: the figure in words, its status, the sentence and where it is from."""
    return pd.DataFrame(
        {
            "figure": frame["title"],
            "area": frame["area_name"],
            "period": frame["period"],
            "breakdown": frame["breakdown"],
            "value": [format_observation(row) for _, row in frame.iterrows()],
            "status": frame["status"].map(STATUS_WORDS),
            "quote": frame["quote"],
            "section": frame["section"],
            "source": frame["citation"],
            "curated at": frame["curated_file"] + ":" + frame["curated_line"].astype(str),
        }
    )


def as_parquet(frame: pd.DataFrame) -> bytes:
    """The download frame as Parquet bytes (types kept: dates as dates, values as numbers)."""
    buffer = io.BytesIO()
    download_frame(frame).to_parquet(buffer, index=False)
    return buffer.getvalue()
