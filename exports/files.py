"""Write rendered definitions to files: a figure per chart, or one deck. Each file is written to a temporary
name and moved into place, so an interrupted export never leaves half a file."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path

from charts import export
from definitions.model import Chart
from definitions.render import Rendered, render
from definitions.sources import Sources


class UnwritablePath(OSError):
    """The export's destination cannot be written: the message names it and says why."""


def _rendered(charts: Iterable[Chart]) -> list[Rendered]:
    sources = Sources.load()
    return [render(chart, sources) for chart in charts]


def _write(path: Path, payload: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        temporary.write_bytes(payload)
        os.replace(temporary, path)
    except OSError as exc:
        raise UnwritablePath(f"cannot write {path}: {exc.strerror or exc}") from exc


def caption(rendered: Rendered) -> str:
    return " ".join([rendered.words.caption, *rendered.notes])


def write_figures(charts: Iterable[Chart], folder: Path, kind: str) -> list[Path]:
    """Each chart as `<folder>/<filename>.<kind>`: png and svg titled and sourced at slide size (Chromium),
    html interactive, json the plotly figure."""
    written = []
    for rendered in _rendered(charts):
        path = folder / f"{rendered.filename}.{kind}"
        if kind == "json":
            payload = rendered.figure.to_json().encode("utf-8")
        elif kind == "html":
            titled = export.for_export(rendered.figure, title=rendered.title, caption=caption(rendered))
            payload = titled.to_html(include_plotlyjs="cdn", full_html=True).encode("utf-8")
        else:
            payload = export.to_image(rendered.figure, title=rendered.title, caption=caption(rendered), kind=kind)
        _write(path, payload)
        written.append(path)
    return written


def write_deck(charts: Iterable[Chart], path: Path) -> Path:
    """One 16:9 slide per chart, in order: the chart titled with its message, its source in the notes."""
    from pptx import Presentation

    deck = Presentation()
    deck.slide_width, deck.slide_height = export.SLIDE_EMU
    for rendered in _rendered(charts):
        export.add_slide(deck, rendered.figure, title=rendered.title, caption=caption(rendered))
    buffer = io.BytesIO()
    deck.save(buffer)
    _write(path, buffer.getvalue())
    return path
