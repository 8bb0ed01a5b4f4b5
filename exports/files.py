"""Write rendered definitions to files: a figure per chart, or one deck. Each file is written to a temporary
name and moved into place, so an interrupted export never leaves half a file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from charts import export
from definitions.model import Chart
from definitions.render import Rendered, render
from definitions.sources import Sources
from exports import slides


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


def write_figures(charts: Iterable[Chart], folder: Path, kind: str, size: tuple[int, int] = export.SLIDE) -> list[Path]:
    """Each chart as `<folder>/<filename>.<kind>`: png and svg titled and sourced at `size` px (Chromium),
    html interactive, json the plotly figure."""
    width, height = size
    written = []
    for rendered in _rendered(charts):
        path = folder / f"{rendered.filename}.{kind}"
        # html and images are drawn the same way: titled, with the caption and notes, at the size asked for.
        framed = {
            "title": rendered.title,
            "caption": caption(rendered),
            "width": width,
            "height": height,
            "redraw": rendered.figure_at,
        }
        if kind == "json":
            payload = rendered.figure.to_json().encode("utf-8")
        elif kind == "html":
            titled = export.for_export(rendered.figure, **framed)
            payload = titled.to_html(include_plotlyjs="cdn", full_html=True).encode("utf-8")
        else:
            payload = export.to_image(rendered.figure, kind=kind, **framed)
        _write(path, payload)
        written.append(path)
    return written


def writable(path: Path) -> None:
    """Fail before the work, not after it: make the folder and try a file beside `path`."""
    if path.is_dir():
        raise UnwritablePath(f"cannot write {path}: it is a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        probe = path.with_name(f".{path.name}.probe-{os.getpid()}")
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UnwritablePath(f"cannot write {path}: {exc.strerror or exc}") from exc


def write_decks(charts: Iterable[Chart], paths: Iterable[Path], name: str = "") -> list[Path]:
    """The charts as one deck (a slide each, in order) written to each of `paths`: a PowerPoint for .pptx, a
    PDF for .pdf. The charts are rendered and drawn once, however many files."""
    paths = list(paths)
    for path in paths:
        writable(path)
    sources = Sources.load()
    pdf = [path.suffix.lower() == ".pdf" for path in paths]
    kinds = ["svg"] * any(pdf) + ["png"] * (not all(pdf))  # the PDF's charts as vectors, the PowerPoint's as PNG
    laid = slides.lay_out_all((render(chart, sources) for chart in charts), kinds)
    for path in paths:
        _write(path, slides.to_pdf(laid, name) if path.suffix.lower() == ".pdf" else slides.to_pptx(laid, name))
    return paths
