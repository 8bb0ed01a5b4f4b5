"""Which reader a publisher's file needs, told by its header (its first record), never by its name."""

from __future__ import annotations

from collections.abc import Callable

from loaders.errors import SourceError
from loaders.releases import dfe, fingertips, neighbours, ons_census

FORMATS = {  # in words, for messages and the upload page
    fingertips.FORMAT: "an OHID Fingertips data export",
    dfe.FORMAT: "a DfE Explore Education Statistics file",
    ons_census.FORMAT: "an ONS Census 2021 custom dataset",
    neighbours.FORMAT: "the DfE's statistical neighbour model",
}
READERS: dict[str, Callable] = {
    fingertips.FORMAT: fingertips.read,
    dfe.FORMAT: dfe.read,
    ons_census.FORMAT: ons_census.read,
    neighbours.FORMAT: neighbours.read,
}
DESCRIBED = (
    "an OHID Fingertips data export (Indicator ID, Area Code, Time period, Value ...), a DfE Explore Education "
    "Statistics CSV (time_period, time_identifier, geographic_level ...), an ONS Census 2021 custom dataset "
    "(... Code, Observation) or the DfE's statistical neighbour model (old_la_code, SN_1, SN_1P ...)"
)


def format_of(header: list[str], shown: str) -> str:
    """The format of a file with this header; a SourceError naming the file when none reads it. Most specific
    first: the ONS reader asks least of a header."""
    folded = {" ".join(name.split()).casefold() for name in header}
    keys = {dfe.key(name) for name in header}
    if {name.casefold() for name in fingertips.REQUIRED} <= folded:
        return fingertips.FORMAT
    if neighbours.recognises(keys):
        return neighbours.FORMAT
    if keys >= dfe.REQUIRED:
        return dfe.FORMAT
    if ons_census.recognises(folded):
        return ons_census.FORMAT
    shown_header = ", ".join(header[:6]) + (" ..." if len(header) > 6 else "")
    raise SourceError(
        shown, 1, None, f"is not a format the dashboard reads: its header ({shown_header}) is not {DESCRIBED}"
    )
