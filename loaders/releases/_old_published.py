"""What every reader of a published release (Fingertips, DfE Explore Education Statistics, ONS) returns, and the
reading they share: bytes to text in the encodings publishers use, and CSV records with the file line each
starts on (a quoted field may hold a line break, so a record can span lines).

A reader knows its format; it does not know our indicators. It returns every figure the file publishes as a
`PublishedRow`, in the publisher's words (its indicator id and name, its area codes, its period label, its
breakdowns, its suppression codes), and `loaders.releases` maps them onto the tidy observations.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import SourceError

ENCODINGS = ("utf-8-sig", "cp1252")  # UTF-8 with or without a byte-order mark; else Windows-1252 (0xA3 is £)
# A published number: digits, commas only between thousands ("1,234", never "39,5687", a decimal comma that would
# read as 395687), a decimal point, an exponent. Not "nan", "inf" or "1_000", which float() would take.
NUMBER_PATTERN = r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER = re.compile(NUMBER_PATTERN)
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


@dataclass(frozen=True)
class PublishedRow:
    """One figure as the file publishes it."""

    line: int  # the file line its record starts on (the header is line 1)
    publisher_indicator_id: str  # Fingertips "90284"; DfE the measure column, "At31_episodes"; ONS the variable
    publisher_indicator_name: str
    area_code: str  # ONS GSS code
    area_name: str
    area_type: str  # as published: "Counties & UAs (from Apr 2023)", "Local authority", "National" ...
    period: str  # a label loaders.periods reads: "2010/11", "2018-20", "2016/17 to 2018/19", "2024-25", "2021"
    period_as_published: str  # exactly as the file writes it: "2018 - 20", "202425 (Academic year)"
    parent_code: str | None = None  # the area's parent as the file gives it (a region, or England)
    parent_name: str | None = None
    breakdown: str = "all"  # "all", or the group: "Male", "CINO at 31 March", "Most deprived decile (IMD2019)"
    breakdown_type: str | None = None  # what the breakdown is of: "Sex", "social_care_group", a Category Type
    value: float | None = None  # None where the publisher suppressed or left it blank
    lower_ci95: float | None = None  # confidence limits, distinct from a published range
    upper_ci95: float | None = None
    lower_ci998: float | None = None
    upper_ci998: float | None = None
    count: float | None = None  # numerator, where published
    denominator: float | None = None
    value_note: str | None = None  # the publisher's note on the value
    suppression: str | None = None  # DfE "c", "x", "z", "u", "k"; Fingertips "blank" (the note says why)
    comparison: str | None = None  # the publisher's own comparison: "Better", "Similar", "Worse", "Not compared"
    compared_with: str | None = None  # with what, from the column's name: "England", "Region", "percentiles"
    filters: dict[str, str] = field(default_factory=dict)  # other columns that select the measure (population_type)


ROW_FIELDS = [f for f in PublishedRow.__dataclass_fields__ if f != "filters"]
FILTER = "filter:"  # a filter's column in a file's table: "filter:population_type"


class ParsedFile:
    """A published file, read: its format, identity and every figure in it.

    A reader gives its figures as rows (PublishedRow) or, for a large file, as a table with a column per field
    of PublishedRow and one per filter ("filter:<name>"); each is made from the other when asked for, so the
    build works on the table (a million rows are a table, never a million objects) and tests read rows."""

    def __init__(self, format: str, path: Path, shown: str, sha256: str, encoding: str, dataset: str,
                 rows: list[PublishedRow] | None = None, *, table=None):  # fmt: skip
        if (rows is None) == (table is None):
            raise ValueError("a ParsedFile has its figures as rows or as a table")
        self.format, self.path, self.shown = format, path, shown  # format: "fingertips", "dfe_ees", "ons_census"
        self.sha256, self.encoding, self.dataset = sha256, encoding, dataset
        self._rows, self._table = rows, table

    @property
    def rows(self) -> list[PublishedRow]:
        if self._rows is None:
            filters = [c for c in self._table.columns if c.startswith(FILTER)]
            self._rows = [
                PublishedRow(
                    **{name: _none(record[name]) for name in ROW_FIELDS},
                    filters={c.removeprefix(FILTER): record[c] for c in filters if isinstance(record[c], str)},
                )
                for record in self._table.to_dict("records")
            ]
        return self._rows

    @property
    def table(self):
        """The figures as a pandas DataFrame (built from the rows once)."""
        if self._table is None:
            import pandas as pd

            records = []
            for row in self._rows:
                record = {name: getattr(row, name) for name in ROW_FIELDS}
                record.update({FILTER + name: value for name, value in row.filters.items()})
                records.append(record)
            self._table = pd.DataFrame.from_records(records, columns=None if records else ROW_FIELDS)
        return self._table

    def __len__(self) -> int:
        return len(self._rows) if self._rows is not None else len(self._table)


def _none(value):
    """NaN (a table's missing value) as None (a row's)."""
    return None if isinstance(value, float) and math.isnan(value) else value


# The meanings of the suppression codes the DfE's Explore Education Statistics uses.
DFE_CODES = {
    "c": "confidential (suppressed to protect individuals)",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "k": "fewer than 0.5 (rounds to zero)",
}
FINGERTIPS_BLANK = "blank"  # Fingertips leaves a value out; its "Value note" says why
SUPPRESSION_MEANINGS = {**DFE_CODES, FINGERTIPS_BLANK: "not published (see the value note)"}


@dataclass(frozen=True)
class Text:
    text: str
    encoding: str
    sha256: str


def decode(path: Path, shown: str) -> Text:
    """The file as text: UTF-8 (a byte-order mark dropped), else Windows-1252. An empty file, a file that is not
    text (a spreadsheet or a zip named .csv) or text in neither encoding is a SourceError."""
    return decode_bytes(path.read_bytes(), shown)


def decode_bytes(raw: bytes, shown: str) -> Text:
    """`decode` of bytes not yet in a file (an upload is checked before it is saved), with the same messages."""
    digest = hashlib.sha256(raw).hexdigest()
    if not raw.removeprefix(codecs.BOM_UTF8).strip():  # a byte-order mark alone is no text either
        raise SourceError(shown, None, None, "the file is empty")
    if raw[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):  # zip (xlsx, docx, zip) and the old Office format
        kind = "a zip or Excel workbook" if raw[:2] == b"PK" else "an old Office (xls) document"
        named = " with a .csv name" if shown.lower().endswith(".csv") else ""
        raise SourceError(shown, None, None, f"is {kind}{named}, not a CSV file; export it as CSV")
    if b"\x00" in raw[:4096]:
        raise SourceError(shown, None, None, "is not a text file (it holds NUL bytes); a CSV file is text")
    failures = []  # where each encoding fails: the offset of the byte in the file
    for encoding in ENCODINGS:
        try:
            return Text(raw.decode(encoding), encoding, digest)
        except UnicodeDecodeError as exc:  # the offset is into what the codec read (after a byte-order mark)
            failures.append(exc.start + len(raw) - len(exc.object))
    utf8, cp1252 = failures

    def line(at: int) -> int:
        return raw.count(b"\n", 0, at) + 1

    if utf8 == cp1252:
        detail = f"byte 0x{raw[utf8]:02X} is a character in neither"
    else:
        detail = (
            f"byte 0x{raw[utf8]:02X} is not UTF-8, and byte 0x{raw[cp1252]:02X} on line {line(cp1252)} is not "
            "Windows-1252"
        )
    raise SourceError(
        shown, line(utf8), None, f"is neither UTF-8 nor Windows-1252 text ({detail}); save it as UTF-8 CSV"
    )


def records(text: str, shown: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each record with the file line it starts on. Line endings may be LF or CRLF; a quoted
    field may hold line breaks (the record then spans lines). Broken quoting is a SourceError with its line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    last = 0
    while True:
        start = last + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise SourceError(shown, start, None, f"the CSV quoting is broken ({exc})") from None
        last = reader.line_num
        if header is None:
            header = [name.strip() for name in fields]
            continue
        if fields and any(f.strip() for f in fields):
            rows.append((start, fields))
    if header is None:
        raise SourceError(shown, None, None, "the file is empty")
    return header, rows


def number(cell: str, shown: str, line: int, column: str) -> float | None:
    """A published number ("1,234", "76.28", " 5 ", "1e-05"); an empty cell is None; anything else is a SourceError,
    a decimal comma ("39,5687", never 395687) and what float() alone would take ("nan", "inf", "1_000") among them."""
    text = cell.strip()
    if not text:
        return None
    if _NUMBER.fullmatch(text) and math.isfinite(value := float(text.replace(",", ""))):
        return value
    hint = f" (a decimal comma? write {text.replace(',', '.')})" if _DECIMAL_COMMA.fullmatch(text) else ""
    raise SourceError(shown, line, column, f'"{cell}" is not a number{hint}')
