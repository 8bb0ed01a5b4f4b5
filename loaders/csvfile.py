"""Read a curated CSV strictly, line by line, so a broken file is reported by the line a person can find.

Frictionless reports rows by position, which drifts from the file's line numbers as soon as a quoted field
runs over a line break (an unclosed quote swallows the lines after it). Curated fields never hold line
breaks, so this pre-pass rejects any record that spans lines and only then hands the file to the validator:
from there on, row position and file line are the same number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import SourceError


@dataclass(frozen=True)
class CsvTable:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, fields)


def read_strict(path: Path, shown_as: str) -> tuple[CsvTable | None, list[SourceError]]:
    """Parse `path`; return the table and every structural problem found (encoding, quotes, field counts)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            SourceError(
                shown_as, line, None, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
            )
        ]

    errors: list[SourceError] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    last_line = 0
    while True:
        start = last_line + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                reason = "a quoted field is never closed before the end of the file; add the missing closing quote"
            else:
                reason = (
                    f"the quoting is broken ({exc}, detected on line {reader.line_num}): a quote inside a field "
                    'must be doubled ("") and a quoted field must end at a comma'
                )
            errors.append(SourceError(shown_as, start, None, reason))
            break
        last_line = reader.line_num
        if last_line > start:
            errors.append(
                SourceError(
                    shown_as,
                    start,
                    None,
                    f"a quoted field runs on to line {last_line}; a closing quote is probably missing (fields may not hold line breaks)",
                )
            )
            continue
        if header is None:
            header = fields
            continue
        if not fields or all(not f.strip() for f in fields):
            errors.append(SourceError(shown_as, start, None, "the line is blank; remove it"))
            continue
        if len(fields) != len(header):
            problem = "too few" if len(fields) < len(header) else "too many"
            errors.append(
                SourceError(
                    shown_as,
                    start,
                    None,
                    f"has {len(fields)} fields but the header has {len(header)} ({problem}); check for a missing or extra comma, or a value with a comma that needs quotes",
                )
            )
            continue
        rows.append((start, fields))
    if header is None:
        errors.append(SourceError(shown_as, 1, None, "the file is empty; it needs at least a header line"))
        return None, errors
    return CsvTable(header, rows), errors
