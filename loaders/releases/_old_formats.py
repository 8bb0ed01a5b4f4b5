"""Which reader a published file needs, told by its header (its first line), never by its name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from loaders import dfe_ees, fingertips, ons_census
from loaders.errors import SourceError
from loaders.published import ParsedFile, decode, records

# Most specific first: the ONS reader asks least of a header.
READERS: list[tuple[str, frozenset[str], Callable[[Path, str], ParsedFile]]] = [
    ("fingertips", fingertips.REQUIRED, fingertips.read),
    ("dfe_ees", dfe_ees.REQUIRED, dfe_ees.read),
    ("ons_census", ons_census.REQUIRED, ons_census.read),
]
DESCRIBED = (
    "an OHID Fingertips data export (Indicator ID, Area Code, Time period, Value ...), a DfE Explore Education "
    "Statistics CSV (time_period, time_identifier, geographic_level ...) or an ONS Census 2021 custom dataset "
    "(... Code, Observation)"
)


def _names(header: list[str]) -> set[str]:
    return {name.strip().lower() for name in header}


def recognise(path: Path, shown: str) -> tuple[str, Callable[[Path, str], ParsedFile]]:
    """The format and reader of the file at `path`; a SourceError naming the file when none reads it."""
    return recognise_text(decode(path, shown).text, shown)


def recognise_text(text: str, shown: str) -> tuple[str, Callable[[Path, str], ParsedFile]]:
    """`recognise` of a file's text (an upload is recognised before it is saved), with the same message."""
    header, _ = records(text.split("\n", 1)[0] + "\n", shown)
    names = _names(header)
    for name, required, reader in READERS:
        if {r.lower() for r in required} <= names:
            return name, reader
    shown_header = ", ".join(header[:6]) + (" ..." if len(header) > 6 else "")
    raise SourceError(
        shown, 1, None, f"is not a format the dashboard reads: its header ({shown_header}) is not {DESCRIBED}"
    )
