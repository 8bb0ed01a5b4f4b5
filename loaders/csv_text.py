"""The one CSV reader: publishers' releases, read fast into Arrow, and the project's curated files, read strictly.

A release: bytes in the encodings publishers use, every field as text in an Arrow table, and the file line each
record starts on.

pyarrow's reader parses (in C++, on every core): a million records in about a second. What it does not give, this
module adds. The line each record starts on is counted from the bytes with numpy: a newline ends a record only
outside quotes (an even number of quote characters before it), since a quoted field may hold a line break. When
pyarrow refuses a file (a record with another number of fields, broken quoting), the standard library's csv
module reads it once more, only then, to say where and why in a sentence.

Encodings: UTF-8 with or without a byte-order mark, else Windows-1252 (0xA3 is £). An empty file, a workbook or
zip named .csv, a file holding NUL bytes and text in neither encoding are refused with the reason.

A curated file (`read_strict`) is small and written by us, so it is held to more: UTF-8 only, no blank lines, no
field running over a line break. Every record is walked by the same standard-library reader (`records`) that says
where a release's refused records are, so both report a problem by the line a person can find.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from loaders.errors import Problems, SourceError

CHUNK = 1 << 26  # bytes hashed and scanned for line ends at a time: a large file is never held whole
HEAD = 1 << 20  # bytes read for the header and the first record
NEWLINE, QUOTE, CARRIAGE_RETURN = 10, 34, 13


@dataclass(frozen=True)
class CsvText:
    """A release file read as text: its identity, its header and a column of text per field."""

    shown: str  # the file as messages name it
    sha256: str
    encoding: str  # "utf-8" or "cp1252"
    header: list[str]  # the header's names, without the spaces around them
    cells: pa.Table  # a column per field of a record, named by position ("0", "1", ...): every cell as text
    lines: np.ndarray  # the file line each record starts on (the header is line 1)
    problems: Problems  # records left out for another number of fields: a reader adds its own, then raises

    @property
    def records(self) -> int:
        return self.cells.num_rows

    def column(self, position: int) -> pa.ChunkedArray:
        """The cells of one field, without the spaces around them."""
        return trimmed(self.cells.column(position))


# The bytes that may begin or end a cell with spaces around it: ASCII whitespace, and any byte of a character beyond
# ASCII (a no-break space is 0xC2 0xA0 in UTF-8).
SPACE_LIKE = np.zeros(256, dtype=bool)
SPACE_LIKE[[9, 10, 11, 12, 13, 32]] = True
SPACE_LIKE[128:] = True


def trimmed(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Text cells without the whitespace around them. Most publishers' cells have none, so each chunk is first
    looked at by its first and last bytes (from Arrow's buffers, with numpy): only a chunk where some cell starts or
    ends with a space, a tab, a line break or a non-ASCII byte (a no-break space, say) is trimmed."""
    import pyarrow.compute as pc

    chunks = []
    for chunk in column.chunks:
        chunks.append(pc.utf8_trim_whitespace(chunk) if _may_have_spaces(chunk) else chunk)
    return pa.chunked_array(chunks, type=column.type)


def _may_have_spaces(chunk: pa.Array) -> bool:
    if chunk.type != pa.string() or not len(chunk):
        return True  # not plain text: let Arrow's kernel decide
    _, offsets, data = chunk.buffers()
    if data is None:
        return False
    starts = np.frombuffer(offsets, np.int32, count=len(chunk) + 1, offset=chunk.offset * 4)
    text = np.frombuffer(data, np.uint8)
    filled = starts[1:] > starts[:-1]
    return bool(SPACE_LIKE[text[starts[:-1][filled]]].any() or SPACE_LIKE[text[starts[1:][filled] - 1]].any())


def read(path: Path, shown: str, *, width: int | None = None) -> CsvText:
    """Read a release file; `width` is the number of fields its records have (the header's, unless a reader
    knows better: older Fingertips exports name one column more than their records hold)."""
    with open(path, "rb") as handle:
        return _read(handle, shown, width, lambda: str(path))


def read_bytes(data: bytes, shown: str, *, width: int | None = None) -> CsvText:
    """`read` of bytes not yet in a file (an upload is read before it is stored), with the same messages."""
    return _read(io.BytesIO(data), shown, width, lambda: pa.py_buffer(data))


def head(path: Path, shown: str) -> tuple[list[str], int | None]:
    """The header's names and the number of fields of the first record (None when there is none), read from the
    first bytes only: enough to recognise a format."""
    with open(path, "rb") as handle:
        return _head(handle.read(HEAD), shown)


def head_of_bytes(data: bytes, shown: str) -> tuple[list[str], int | None]:
    return _head(data[:HEAD], shown)


# ---- reading -----------------------------------------------------------------------------------------------------


def _read(handle, shown: str, width: int | None, source) -> CsvText:
    first = handle.read(HEAD)
    _refuse_what_is_not_text(first, shown)
    header, _ = _head(first, shown)
    digest, ends, blank, in_quotes, _ = _scan(first, handle, shown)
    width = len(header) if width is None else width
    names = [str(i) for i in range(width)]
    lines = _record_lines(ends, blank)
    try:
        (cells, refused), encoding = _parse(source(), names, in_quotes), "utf-8"
    except _NotUtf8:
        text = decode(_all_bytes(handle), shown)  # Windows-1252, or a SourceError naming the byte and line
        (cells, refused), encoding = _parse(pa.py_buffer(text.text.encode("utf-8")), names, in_quotes), text.encoding
    problems = Problems(shown)
    if refused or cells.num_rows != len(lines):  # records pyarrow refused: say which, and why; read the others
        wrong = _wrong_records(_all_bytes(handle), shown, width, len(header), problems)
        lines = lines[~np.isin(lines, wrong)]
        if cells.num_rows != len(lines):
            raise problems.error()
    return CsvText(shown, digest, encoding, header, cells, lines, problems)


class _NotUtf8(Exception):
    pass


def _parse(source, names: list[str], in_quotes: bool) -> tuple[pa.Table, int]:
    """Every record after the header with as many fields as `names`, as text, and how many had another number."""
    refused = []

    def refuse(row) -> str:
        refused.append(row)
        return "skip"

    try:
        cells = pa_csv.read_csv(
            source,
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(newlines_in_values=in_quotes, invalid_row_handler=refuse),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        if "invalid UTF8" in str(exc):
            raise _NotUtf8 from None
        return pa.table({name: pa.array([], pa.string()) for name in names}), 1  # broken quoting, say
    return cells, len(refused)


def _all_bytes(handle) -> bytes:
    handle.seek(0)
    return handle.read()


def _scan(first: bytes, handle, shown: str):
    """The file's sha256 and, counted in chunks, where its records end: the newlines outside quotes (a quoted
    field may hold a line break), which records are blank, whether any newline is inside quotes, and its size."""
    digest = hashlib.sha256()
    newlines, quotes, returns = [], [], []
    offset, source, size = 0, first, len(first)
    buffer = None  # made only for a file longer than its first bytes, then reused chunk after chunk
    while size:
        chunk = memoryview(source)[:size]
        digest.update(chunk)
        data = np.frombuffer(chunk, np.uint8)
        newlines.append(np.flatnonzero(data == NEWLINE) + offset)
        if source.find(b'"', 0, size) >= 0:
            quotes.append(np.flatnonzero(data == QUOTE) + offset)
        if source.find(b"\r", 0, size) >= 0:
            returns.append(np.flatnonzero(data == CARRIAGE_RETURN) + offset)
        offset += size
        if buffer is None:  # as large as the rest of the file, up to a chunk
            here = handle.tell()
            rest = handle.seek(0, io.SEEK_END) - here
            handle.seek(here)
            if rest <= 0:
                break
            buffer = bytearray(min(CHUNK, rest))
        size = handle.readinto(buffer)
        source = buffer
    newline = np.concatenate(newlines)
    quote = np.concatenate(quotes) if quotes else np.zeros(0, np.int64)
    inside = (np.searchsorted(quote, newline) % 2 == 1) if len(quote) else np.zeros(len(newline), bool)
    if len(quote) % 2:
        raise SourceError(shown, None, None, "a quoted field is never closed before the end of the file")
    ends = newline[~inside]
    # A record is blank when nothing (or only a carriage return) stands between its start and its end.
    starts = np.concatenate([[0], ends + 1])
    stops = np.concatenate([ends, [offset]])
    keep = starts < offset
    starts, stops = starts[keep], stops[keep]
    blank = stops == starts
    if returns:  # a record of a carriage return alone (a blank CRLF line) is blank too
        single = np.flatnonzero(stops - starts == 1)
        carriage = np.concatenate(returns)  # sorted: found by binary search, not hashed
        at = np.minimum(np.searchsorted(carriage, starts[single]), len(carriage) - 1)
        blank[single] = carriage[at] == starts[single]
    return digest.hexdigest(), (newline, starts), blank, bool(inside.any()), offset


def _record_lines(ends, blank: np.ndarray) -> np.ndarray:
    """The line each record after the header starts on (blank records, which the parser skips, left out)."""
    newline, starts = ends
    lines = np.searchsorted(newline, starts) + 1  # newlines before a record's first byte, plus one
    lines = lines[~blank]
    return lines[1:].astype(np.int64)


def _head(first: bytes, shown: str) -> tuple[list[str], int | None]:
    """The header and the number of fields of the first record, from the file's first bytes."""
    _refuse_what_is_not_text(first, shown)
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # a character cut at the end of the bytes read, or another encoding
        text = first.decode("utf-8-sig", "ignore") if exc.start > len(first) - 4 else decode(first, shown).text
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise SourceError(shown, 1, None, "the header cannot be read as CSV") from None
    try:
        record = next((fields for fields in reader if any(f.strip() for f in fields)), None)
    except csv.Error:
        record = None
    return [name.strip() for name in header], (len(record) if record is not None else None)


def _refuse_what_is_not_text(first: bytes, shown: str) -> None:
    if not first.removeprefix(codecs.BOM_UTF8).strip():  # a byte-order mark alone is no text either
        raise SourceError(shown, None, None, "the file is empty")
    if first[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):  # zip (xlsx, docx, zip) and the old Office format
        kind = "a zip or Excel workbook" if first[:2] == b"PK" else "an old Office (xls) document"
        named = " with a .csv name" if shown.lower().endswith(".csv") else ""
        raise SourceError(shown, None, None, f"is {kind}{named}, not a CSV file; export it as CSV")
    if b"\x00" in first[:4096]:
        raise SourceError(shown, None, None, "is not a text file (it holds NUL bytes); a CSV file is text")


# ---- text, for the few who need it whole -------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str
    encoding: str
    sha256: str


ENCODINGS = ("utf-8-sig", "cp1252")


def decode(raw: bytes, shown: str) -> Text:
    """The bytes as text: UTF-8 (a byte-order mark dropped), else Windows-1252; what is neither is a SourceError
    naming the byte and its line."""
    _refuse_what_is_not_text(raw[:HEAD], shown)
    digest = hashlib.sha256(raw).hexdigest()
    failures = []  # where each encoding fails: the offset of the byte in the file
    for encoding in ENCODINGS:
        try:
            return Text(raw.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding, digest)
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


def _wrong_records(raw: bytes, shown: str, width: int, named: int, problems: Problems) -> list[int]:
    """The lines of the records pyarrow refused, found record by record with the standard library's reader (each
    added to `problems`): broken quoting, and every record with another number of fields than `width`."""
    text = decode(raw, shown).text
    wrong: list[int] = []
    header = True
    if width == named:
        expected = f"the header names {width} columns"
    else:
        expected = (
            f"this file's rows have {width}, one fewer than the header's {named} columns, as in older Fingertips "
            "exports"
        )
    for start, _, fields in records(text):
        if isinstance(fields, csv.Error):
            problems.add(start, None, f"the CSV quoting is broken ({fields})")
            break
        if header:
            header = False
        elif fields and any(f.strip() for f in fields) and len(fields) != width:
            problems.add(
                start,
                None,
                f"has {len(fields)} fields but {expected}; look here for a comma in a field without quotes around "
                "it, or a field lost",
            )
            wrong.append(start)
    if not len(problems):
        problems.add(None, None, "the CSV reader refused the file, but every record has the right number of fields")
    return wrong


def records(text: str) -> Iterator[tuple[int, int, list[str] | csv.Error]]:
    """Each record of CSV text with the lines it starts and ends on, read by the standard library's strict reader;
    broken quoting ends the walk with the csv.Error in place of the fields."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last = 0
    while True:
        start = last + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, reader.line_num, exc
            return
        last = reader.line_num
        yield start, last, fields


# ---- curated files: small, ours, and read strictly -----------------------------------------------------------------


@dataclass(frozen=True)
class CsvTable:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, fields)


def read_strict(path: Path, shown_as: str) -> tuple[CsvTable | None, list[SourceError]]:
    """A curated CSV and every structural problem in it (encoding, quotes, blank lines, field counts).

    Frictionless reports rows by position, which drifts from the file's lines as soon as a quoted field runs over
    a line break; curated fields never hold one, so such a record is refused here, and from then on a row's
    position and its file line are the same number."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        reason = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        return None, [SourceError(shown_as, line, None, reason)]

    errors: list[SourceError] = []
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for start, end, fields in records(text):
        if isinstance(fields, csv.Error):
            errors.append(SourceError(shown_as, start, None, _quoting_reason(fields, end)))
            break
        if end > start:
            reason = (
                f"a quoted field runs on to line {end}; a closing quote is probably missing (fields may not hold "
                "line breaks)"
            )
            errors.append(SourceError(shown_as, start, None, reason))
        elif header is None:
            header = fields
        elif not fields or all(not f.strip() for f in fields):
            errors.append(SourceError(shown_as, start, None, "the line is blank; remove it"))
        elif len(fields) != len(header):
            problem = "too few" if len(fields) < len(header) else "too many"
            reason = (
                f"has {len(fields)} fields but the header has {len(header)} ({problem}); check for a missing or "
                "extra comma, or a value with a comma that needs quotes"
            )
            errors.append(SourceError(shown_as, start, None, reason))
        else:
            rows.append((start, fields))
    if header is None:
        errors.append(SourceError(shown_as, 1, None, "the file is empty; it needs at least a header line"))
        return None, errors
    return CsvTable(header, rows), errors


def _quoting_reason(error: csv.Error, line: int) -> str:
    if "unexpected end of data" in str(error):
        return "a quoted field is never closed before the end of the file; add the missing closing quote"
    return (
        f'the quoting is broken ({error}, detected on line {line}): a quote inside a field must be doubled ("") and '
        "a quoted field must end at a comma"
    )
