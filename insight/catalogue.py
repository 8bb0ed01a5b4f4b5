"""The catalogue of every figure: search and filter it, keep the choice in a link, read any row in full and take
the rows away as CSV or Parquet. No Streamlit here: the page only draws what these functions return."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from insight.areas import HOME_ROLE
from insight.describe import download_frame
from insight.format import format_observation
from insight.labels import in_order, label
from insight.text import md

# ---------------------------------------------------------------------------------------------------------------
# Search: whole words and "quoted phrases"
# ---------------------------------------------------------------------------------------------------------------

# A decimal number is one word (8.3, not 8 and 3); otherwise any run of letters and digits. Everything else
# (spaces, punctuation, underscores, slashes, apostrophes) separates words, so "2019/20" is the words 2019 and 20
# and "bromley_y_referrals" the words bromley, y and referrals.
_WORD = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")
# Thousands separators go, so 72,800 and 72800 are one word (but 2011,2012 stays two).
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_QUOTE_MARKS = re.compile(r"[\"“”]")


def _stem(word: str) -> str:
    """One word for a plural and its singular (referrals/referral, families/family), so a person need not guess
    which the text uses. Only a final s is dropped (ies becomes y), and only from words of four letters or more:
    "Y", "is" and "has" stay themselves. Prefixes never match: a query word of one letter ("Y") would otherwise
    find every figure with a word starting with y."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: object) -> list[str]:
    """The words of `text` as search compares them: any case, punctuation ignored, plurals as singulars."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return []
    folded = _THOUSANDS.sub("", str(text).casefold())
    return [_stem(word) for word in _WORD.findall(folded)]


def terms(query: str) -> list[tuple[str, ...]]:
    """What a query asks for: each word, and each "quoted phrase", as the words that must appear in a row in that
    order. A word that punctuation splits ("2019/20", "Bromley's") is a phrase of its parts; an unclosed quote
    runs to the end of the query."""
    phrases = []
    for inside, part in enumerate(_QUOTE_MARKS.split(query)):
        chunks = [part] if inside % 2 else part.split()
        phrases.extend(phrase for phrase in (tuple(words(chunk)) for chunk in chunks) if phrase)
    return phrases


def has_phrase(phrase: tuple[str, ...], field: list[str]) -> bool:
    n = len(phrase)
    return any(tuple(field[i : i + n]) == phrase for i in range(len(field) - n + 1))


def _found(wanted: list[tuple[str, ...]], fields: list[list[str]]) -> bool:
    """Every term in one field: a phrase never runs from one column into the next."""
    return all(any(has_phrase(phrase, field) for field in fields) for phrase in wanted)


def matches(query: str, *texts: object) -> bool:
    """Whether the texts (say a figure's title, quote and period) hold every word and "phrase" of `query`, each
    as whole words: 'Bromley Y' finds "referrals to Bromley Y" but not "Bromley's young people"."""
    return _found(terms(query), [words(text) for text in texts])


def searched_text(frame: pd.DataFrame) -> pd.DataFrame:
    """What search reads of each figure: everything its row on the page shows, its definition, and its theme and
    status in words."""
    columns = ["title", "quote", "section", "area_name", "breakdown", "period", "value_text", "topic", "citation"]
    columns += ["definition", "indicator_id"]
    present = frame[[c for c in columns if c in frame.columns]].astype(object)
    return present.assign(
        theme_words=frame["theme"].map(lambda code: label("theme", code)),
        status_words=frame["status"].map(lambda code: label("status", code)),
    )


def search(
    frame: pd.DataFrame,
    text: str = "",
    *,
    themes: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    areas: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Rows holding every word and phrase of `text` (see `matches`), within the themes, statuses and areas (codes)
    chosen; an empty choice keeps every row."""
    rows = frame
    for column, wanted in (("theme", themes), ("status", statuses), ("area_code", areas)):
        if wanted:
            rows = rows[rows[column].isin(list(wanted))]
    wanted_terms = terms(text)
    if wanted_terms and len(rows):
        texts = searched_text(rows)
        keep = [_found(wanted_terms, [words(value) for value in row]) for row in texts.itertuples(index=False)]
        rows = rows[keep]
    return rows


# ---------------------------------------------------------------------------------------------------------------
# The choice, as a link: ?q=referrals&theme=social_care&status=observed&area=E09000006
# ---------------------------------------------------------------------------------------------------------------

FILTERS = ("theme", "status", "area")  # the link's keys for the filters; each holds codes (area: E09000006)


@dataclass(frozen=True)
class Selection:
    """What a person searched for and chose: the text, and codes of themes, statuses and areas."""

    text: str = ""
    theme: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    area: tuple[str, ...] = ()


def filter_options(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The codes each filter offers, in reading order: themes as the pages run, published figures first, then
    the home area (its `area_role`) and its comparators by name."""
    areas = frame.drop_duplicates("area_code")
    home = areas["area_role"].eq(HOME_ROLE)
    ordered = sorted(zip(~home, areas["area_name"], areas["area_code"], strict=True))
    return {
        "theme": in_order("theme", frame["theme"]),
        "status": in_order("status", frame["status"]),
        "area": [code for _, _, code in ordered],
    }


def from_query(params: Mapping[str, str | list[str]], options: Mapping[str, list[str]]) -> tuple[Selection, list[str]]:
    """The selection a link asks for (`q`, and `theme`, `status`, `area` repeated or comma-separated), and what
    in it was left out because the data has no such value, as words ('theme "sport"')."""

    def values(key: str) -> list[str]:
        given = params.get(key, [])
        given = [given] if isinstance(given, str) else list(given)
        return [v.strip() for value in given for v in value.split(",") if v.strip()]

    q = params.get("q", "")  # a comma in a search is part of it: the text is taken whole
    text = q if isinstance(q, str) else (q[-1] if q else "")
    chosen, ignored = {}, []
    for key in FILTERS:
        wanted = list(dict.fromkeys(values(key)))
        chosen[key] = tuple(v for v in wanted if v in options.get(key, []))
        ignored += [f'{key} "{v}"' for v in wanted if v not in options.get(key, [])]
    return Selection(text.strip(), **chosen), ignored


def to_query(selection: Selection) -> dict[str, str | list[str]]:
    """The link's query for a selection, leaving out what was not chosen (the inverse of `from_query`)."""
    query: dict[str, str | list[str]] = {"q": selection.text.strip()} if selection.text.strip() else {}
    query.update({key: list(getattr(selection, key)) for key in FILTERS if getattr(selection, key)})
    return query


# ---------------------------------------------------------------------------------------------------------------
# Tables a person reads: words for every code and column, and any row in full
# ---------------------------------------------------------------------------------------------------------------

# The columns the figures table shows, the figure and its value first (all a phone shows without scrolling); the
# rest of `readable` is read in a row's detail.
FIGURE_COLUMNS = [
    "Figure",
    "Value",
    "Status",
    "Superseded by",
    "Area",
    "Period",
    "Breakdown",
    "Quote",
    "Section",
    "Source",
    "Curated at",
]


def _words(frame: pd.DataFrame, column: str, vocabulary: str) -> pd.Series:
    return frame[column].map(lambda code: label(vocabulary, code))


def _table(frame: pd.DataFrame, columns: Mapping[str, str | pd.Series | list | None]) -> pd.DataFrame:
    """A table for people, one heading a column: a column's name copies that column of `frame` as it is; a series
    (codes in words, figures formatted) is taken as given. Rows numbered from 0."""
    return pd.DataFrame(
        {heading: frame[column] if isinstance(column, str) else column for heading, column in columns.items()}
    ).reset_index(drop=True)


_BRACED = re.compile(r"\{([^{}|]*)((?:\|[^{}]*)?)\}")


def formula_in_words(formula: object, titles: Mapping[str, str]) -> object:
    """A derived figure's formula with each figure it uses named by its title, not its id:
    "{bcp_children | 2020/21} / 1.24" -> "{Children in families supported ... | 2020/21} / 1.24"."""
    if not isinstance(formula, str):
        return formula
    return _BRACED.sub(
        lambda m: "{" + titles.get(m[1].strip(), m[1].strip()) + (" " + m[2] if m[2] else "") + "}", formula
    )


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The catalogue as people read it: the figure, the sentence that states it, its value and status in words, and
    where it is from, with its definition, theme, unit, value as written, formula, note and link (in the order a
    row is read in full)."""
    titles = dict(zip(frame["indicator_id"], frame["title"], strict=True))
    return _table(
        frame,
        {
            "Figure": "title",
            "Quote": "quote",
            "Value": [format_observation(row) for _, row in frame.iterrows()],
            "Value as written": "value_text",
            "Status": _words(frame, "status", "status"),
            "Superseded by": (
                frame["superseded_by"].str.removeprefix("Superseded by ") if "superseded_by" in frame else None
            ),
            "Area": "area_name",
            "Period": "period",
            "Breakdown": _words(frame, "breakdown", "breakdown"),
            "Theme": _words(frame, "theme", "theme"),
            "Unit": _words(frame, "unit", "unit"),
            "Definition": "definition",
            "Formula": frame["formula"].map(lambda f: formula_in_words(f, titles)),
            "Note": "note",
            "Section": "section",
            "Source": "citation",
            "Link": "source_link",
            "Curated at": frame["curated_file"] + ":" + frame["curated_line"].astype(str),
        },
    )


def quality_table(issues: pd.DataFrame) -> pd.DataFrame:
    """The data-quality problems in words: the kind of problem, what is wrong, why, what the dashboard does about
    it, and the values and quotes concerned."""
    return _table(
        issues,
        {
            "Problem": _words(issues, "kind", "problem"),
            "Summary": "summary",
            "Explanation": "explanation",
            "Handling": "handling",
            "Values as written": "values",
            "Quotes": "quotes",
        },
    )


def arithmetic_table(checks: pd.DataFrame) -> pd.DataFrame:
    """The strategy's sums in words: whether each adds up, what it is, what the text says and what the figures it
    uses give."""
    return _table(
        checks,
        {
            "Adds up": _words(checks, "consistent", "yes_no"),
            "Check": "description",
            "Kind": _words(checks, "kind", "check"),
            "Stated": "stated_text",
            "From the figures": "input_values",
            "Recomputed": checks["computed"].round(2),
            "Verdict": "verdict",
            "Note": "note",
        },
    )


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    return _table(
        sources,
        {
            "Source": "citation",
            "As the strategy writes it": "source_line",
            "Link": "link",
            "Note": "note",
        },
    )


def indicators_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """Every indicator in words: the strategy's and every measure of every release, a unit nobody declared marked
    as inferred, and who publishes it."""
    inferred = indicators["unit_inferred"].fillna(False).astype(bool) if "unit_inferred" in indicators else False
    units = _words(indicators, "unit", "unit")
    return _table(
        indicators,
        {
            "Indicator": "title",
            "Theme": _words(indicators, "theme", "theme"),
            "Definition": "definition",
            "Unit": units.where(~inferred, units + " (inferred from the publisher's naming)"),
            "Which is better": _words(indicators, "polarity", "polarity"),
            "Figures": "observations",
            "Published by": indicators.get("publisher", None),
            # quoted as published: the publisher's own name (often a column's, "pt_overall") to trace a figure by
            "As the publisher names it": indicators["publisher_indicator_name"].map(
                lambda name: f"“{name}”" if isinstance(name, str) and name else None
            )
            if "publisher_indicator_name" in indicators
            else None,
        },
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def detail(row: Mapping[str, object], heading: str) -> str:
    """One row of a readable table in full, as Markdown, in the order of its columns: `heading`'s value in bold,
    each quote as a block quote (the data-quality table joins its quotes with ' / '), a link as a link, and every
    other column as 'Name: value'. Blank values are left out."""
    blocks, fields = [f"**{md(row[heading])}**"], []
    for name, value in row.items():
        if name == heading or _blank(value):
            continue
        if name in ("Quote", "Quotes"):
            blocks += ["  \n".join(fields), f"**{name}:**"] + [f"> {md(quote)}" for quote in str(value).split(" / ")]
            fields = []
        elif name == "Link":
            url = str(value).replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            fields.append(f"**Link:** [{md(value)}]({url})")
        else:
            fields.append(f"**{md(name)}:** {md(value)}")
    return "\n\n".join(block for block in [*blocks, "  \n".join(fields)] if block)


# ---------------------------------------------------------------------------------------------------------------
# Downloads
# ---------------------------------------------------------------------------------------------------------------

# A cell starting with one of these is run as a formula by spreadsheets (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_number(value: object) -> object:
    """72800.0 as 72800, 8.3 as 8.3, 0.25 as 0.25 (the shortest text that reads back as the same number)."""
    if value is None or pd.isna(value):
        return ""
    number = float(value)
    return str(int(number)) if math.isfinite(number) and number.is_integer() else repr(number)


def _csv_cell(value: object) -> object:
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, float):
        return _csv_number(value)
    return value


def _each_distinct(values: pd.Series, write) -> pd.Series:
    """`write` of each cell, called once per distinct value: a table's columns repeat (areas, periods, units), and
    the whole package's 13 million cells took 19 s one call each. A missing cell is empty."""
    codes, distinct = pd.factorize(values)
    written = np.array([*(write(value) for value in distinct), ""], dtype=object)
    return pd.Series(written[codes], index=values.index, dtype=object)  # a missing cell (code -1) takes the last: ""


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """`frame` as UTF-8 CSV for people and spreadsheets: numbers without a spurious '.0' (72800, 8.3, 0.25), and
    every text cell (and header) that a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage
    return) prefixed with a single quote, as OWASP recommends. Text is otherwise written exactly as it is."""
    out = pd.DataFrame(index=frame.index)
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position]
        if pd.api.types.is_float_dtype(values):
            out[position] = _each_distinct(values, _csv_number)
        elif pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
            out[position] = _each_distinct(values, _csv_cell)
        elif pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            out[position] = values.astype(object).map(_csv_cell)  # mixed kinds: 1 and True are one key to a hash
        else:
            out[position] = values
    out.columns = [_csv_cell(str(column)) for column in frame.columns]
    # CRLF, as RFC 4180 has it: Python's writer then quotes a cell holding either \r or \n, so no reader splits it.
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def as_parquet(frame: pd.DataFrame) -> bytes:
    """The download frame as Parquet bytes (types kept: dates as dates, values as numbers)."""
    buffer = io.BytesIO()
    download_frame(frame).to_parquet(buffer, index=False)
    return buffer.getvalue()


class Found(NamedTuple):
    """What a search found: its rows (every column), the table people read, and the two downloads."""

    rows: pd.DataFrame
    table: pd.DataFrame
    csv: bytes
    parquet: bytes


def catalogue(frame: pd.DataFrame, selection: Selection) -> Found:
    """The figures a selection finds, as rows, a readable table, and CSV and Parquet downloads that keep each
    figure's definition, status, quote and source."""
    rows = search(frame, selection.text, themes=selection.theme, statuses=selection.status, areas=selection.area)
    rows = rows.reset_index(drop=True)
    return Found(rows, readable(rows), to_csv_bytes(download_frame(rows)), as_parquet(rows))
