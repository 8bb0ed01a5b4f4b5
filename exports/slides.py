"""The board pack: rendered charts as a 16:9 PowerPoint deck, and the same deck as a PDF; and any one chart as
a slide of its own (a chart's "Data and export" menu).

A slide is real text around a picture: the message as the slide's title, the source under the chart, the chart
drawn without words of its own, so a council template can restyle the text and a screen reader finds the title
and the picture's alt text. The quotes and definitions go to the speaker notes, for whoever presents.

One layout, in pixels of a 1920x1080 page (144 to the inch, 6,350 PowerPoint units to the pixel), serves both
files. The PowerPoint holds each chart as a PNG; the PDF is an HTML page of the same slides, each chart an
inline SVG, printed by the Chromium that draws the charts anyway: the words and the charts' own labels are real
text a reader can search, select and copy, and no PDF library is added.
"""

from __future__ import annotations

import functools
import html
import io
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
from PIL import ImageFont

from charts import export
from charts.theme import MUTED_TEXT, TEXT
from definitions.render import Rendered

PAGE = export.PRESENTATION  # px; at 144 px an inch, 13.33 x 7.5 inches: PowerPoint's 16:9
EMU = 6350  # PowerPoint's units in a pixel at 144 px an inch
DPI = 144
MARGIN, TOP, GAP, BOTTOM = 72, 48, 16, 40  # px: half an inch at the sides, less above and below
TITLE_PX, SOURCE_PX, NOTE_PX = 56, 24, 22  # 28, 12 and 11 point
MOST_WORDS_UNDER = 300  # px the source and notes may take under the chart before the notes move to the notes
TITLE_ONLY = 5  # the default template's "Title Only" layout: a title placeholder a template can restyle


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    size: int  # px
    colour: str
    lines: tuple[str, ...]  # as Pillow wraps it: how much room it needs


@dataclass(frozen=True)
class Slide:
    """One chart laid out: the message above, the picture, the source (and notes) under it, the speaker notes."""

    rendered: Rendered
    title: Paragraph
    source: tuple[Paragraph, ...]
    title_box: Box
    picture_box: Box
    source_box: Box
    picture: go.Figure  # the chart as handed to kaleido: laid out for the picture box's size
    png: bytes  # for the PowerPoint (empty when only a PDF is written)
    svg: str  # for the PDF (empty when only a PowerPoint is written)
    notes: str


# --- Lay out -------------------------------------------------------------------------------------------------


# The slides' text face, named on every run: lines are measured in Liberation Sans, which has Arial's widths, so
# PowerPoint (Arial) and LibreOffice (Liberation Sans) break them where the layout did.
FONT = "Arial"


@functools.cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Liberation Sans (Arial's measures), else DejaVu, else Pillow's own: wrapping in a wider font than the
    slide's leaves room to spare."""
    names = (
        ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf") if bold else ("LiberationSans-Regular.ttf", "DejaVuSans.ttf")
    )
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _paragraph(text: str, size: int, colour: str, width: int, bold: bool = False) -> Paragraph:
    font, lines, line = _font(size, bold), [], ""
    for word in text.split():
        wider = f"{line} {word}".strip()
        if line and font.getlength(wider) > width:
            lines.append(line)
            line = word
        else:
            line = wider
    return Paragraph(text, size, colour, (*lines, line) if line else tuple(lines))


def _height(paragraphs: tuple[Paragraph, ...]) -> int:
    return sum(round(p.size * 1.25) * len(p.lines) for p in paragraphs) + GAP * (len(paragraphs) - 1)


def speaker_notes(rendered: Rendered) -> str:
    """The message, the strategy's own words for the figures drawn, what each indicator means, then the source."""
    table = rendered.words.table
    quotes = list(dict.fromkeys(q.strip() for q in table.get("quote", []) if isinstance(q, str) and q.strip()))
    parts = [rendered.title]
    if quotes:
        parts.append("Quoted in the strategy:\n" + "\n".join(f"“{q}”" for q in quotes))
    else:
        parts.append("Quoted in the strategy: nothing; these figures come from the published releases named below.")
    if {"indicator", "definition"} <= set(table.columns):
        pairs = table[["indicator", "definition"]].dropna().drop_duplicates()
        if len(pairs):
            parts.append("Definitions:\n" + "\n".join(f"{i}: {d}" for i, d in pairs.itertuples(index=False)))
    parts.append(" ".join([rendered.words.caption, *rendered.notes]))
    return "\n\n".join(parts)


def _under(rendered: Rendered, width: int) -> tuple[Paragraph, ...]:
    """The words under the chart: its source, then its notes where they fit. Long data-quality notes would squeeze
    the chart, so then only the notes the chart cannot be read right without (the definition's own, and the one the
    figure leaves for the words under it) stay on the slide; every note is in the speaker notes whatever fits."""
    source = (_paragraph(rendered.words.caption, SOURCE_PX, MUTED_TEXT, width),)
    essential = [n for n in rendered.notes if n in (rendered.note, rendered.drawn_note)]
    for notes in (list(rendered.notes), essential):
        if notes:
            with_notes = (*source, _paragraph(" ".join(notes), NOTE_PX, MUTED_TEXT, width))
            if _height(with_notes) <= MOST_WORDS_UNDER or notes is essential:
                return with_notes
    return source


def lay_out(rendered: Rendered, kinds: Iterable[str] = ("png",)) -> Slide:
    """Where the words and the chart go on the page, then the chart laid out for exactly its box's size (a chart
    that lays itself out is drawn again for it) and drawn as each of `kinds` ("png" for PowerPoint, "svg" for
    the PDF)."""
    width = PAGE[0] - 2 * MARGIN
    title = _paragraph(rendered.title, TITLE_PX, TEXT, width, bold=True)
    source = _under(rendered, width)
    title_box = Box(MARGIN, TOP, width, _height((title,)))
    source_height = _height(source)
    source_box = Box(MARGIN, PAGE[1] - BOTTOM - source_height, width, source_height)
    picture_top = title_box.top + title_box.height + GAP
    picture_box = Box(MARGIN, picture_top, width, source_box.top - GAP - picture_top)
    picture = export.for_export(
        rendered.figure,
        title="",
        caption="",
        width=picture_box.width,
        height=picture_box.height,
        redraw=rendered.figure_at,
    )
    kinds = set(kinds)
    png = export.draw(picture, "png") if "png" in kinds else b""
    svg = export.draw(picture, "svg").decode("utf-8") if "svg" in kinds else ""
    notes = speaker_notes(rendered)
    return Slide(rendered, title, source, title_box, picture_box, source_box, picture, png, svg, notes)


def lay_out_all(rendered: Iterable[Rendered], kinds: Iterable[str] = ("png",)) -> list[Slide]:
    """Every slide, the charts drawn by Chromium in a second thread while the next ones render here: Chromium
    starts (about three seconds cold) while the first charts select their rows, and two cores both work."""
    kinds = tuple(kinds)
    with ThreadPoolExecutor(max_workers=1) as drawing:
        drawing.submit(_warm_up)
        pending = [drawing.submit(lay_out, one, kinds) for one in rendered]
        return [future.result() for future in pending]


def _warm_up() -> None:
    export.to_image(go.Figure(), title="", caption="", width=100, height=100)


# --- PowerPoint ----------------------------------------------------------------------------------------------


def to_pptx(slides: list[Slide], name: str = "") -> bytes:
    """A 16:9 deck, a slide per chart: an editable title, the picture with its alt text, the source as text."""
    from pptx import Presentation

    deck = Presentation()
    deck.slide_width, deck.slide_height = PAGE[0] * EMU, PAGE[1] * EMU
    deck.core_properties.title = name
    for laid in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        _text(slide.shapes.title, laid.title_box, (laid.title,), bold=True)
        picture = slide.shapes.add_picture(io.BytesIO(laid.png), *_emu(laid.picture_box))
        picture.name = f"Chart: {laid.rendered.definition.what}"
        picture._element.nvPicPr.cNvPr.set("descr", laid.rendered.words.alt)  # python-pptx has no alt text API
        _text(slide.shapes.add_textbox(*_emu(laid.source_box)), laid.source_box, laid.source)
        slide.notes_slide.notes_text_frame.text = laid.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def one_slide(rendered: Rendered) -> bytes:
    """One chart as a one-slide deck with the board pack's layout: its message as the editable title, the picture
    with its alt text, the source (and notes) as text, the quotes and definitions in the speaker notes."""
    return to_pptx([lay_out(rendered)], rendered.title)


def _emu(box: Box) -> tuple[int, int, int, int]:
    return box.left * EMU, box.top * EMU, box.width * EMU, box.height * EMU


def _text(shape, box: Box, paragraphs: tuple[Paragraph, ...], bold: bool = False) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    shape.left, shape.top, shape.width, shape.height = _emu(box)
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.text = paragraphs[0].text
    for extra in paragraphs[1:]:
        frame.add_paragraph().text = extra.text
    for paragraph, laid in zip(frame.paragraphs, paragraphs, strict=True):
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.name = FONT  # the face the layout measured its lines in: PowerPoint's own theme font
            run.font.size = Pt(laid.size * 72 / DPI)  # (Calibri) would set them in another width
            run.font.bold = bold
            run.font.color.rgb = RGBColor.from_string(laid.colour.lstrip("#"))


# --- PDF ---------------------------------------------------------------------------------------------------

PT = 72 / DPI  # a layout pixel in points: the page is 960 x 540 pt, 13.33 x 7.5 inches
CSS = f"""
@page {{ size: {PAGE[0] * PT}pt {PAGE[1] * PT}pt; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: {TEXT}; }}
.slide {{ position: relative; width: {PAGE[0] * PT}pt; height: {PAGE[1] * PT}pt; overflow: hidden;
  break-after: page; }}
.slide:last-child {{ break-after: auto; }}
.box {{ position: absolute; margin: 0; }}
.box p {{ margin: 0 0 {GAP * PT}pt 0; }}
.line {{ display: block; white-space: nowrap; }}
h1.box {{ font-weight: bold; }}
.box svg {{ display: block; width: 100%; height: 100%; }}
"""


def to_html(slides: list[Slide], name: str = "") -> str:
    """The deck as one HTML page, a 16:9 page per slide at the layout's places: the words as text (the lines
    wrapped as the PowerPoint lays them out), each chart as its inline SVG."""
    sections = [
        "<section class='slide'>"
        + _words("h1", laid.title_box, (laid.title,))
        + f"<figure class='box' style='{_place(laid.picture_box)}' role='img' "
        f"aria-label='{html.escape(laid.rendered.words.alt, quote=True)}'>{laid.svg}</figure>"
        + _words("div", laid.source_box, laid.source)
        + "</section>"
        for laid in slides
    ]
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(name)}</title>"
        f"<style>{CSS}</style></head><body>{''.join(sections)}</body></html>"
    )


def _place(box: Box) -> str:
    return f"left: {box.left * PT}pt; top: {box.top * PT}pt; width: {box.width * PT}pt; height: {box.height * PT}pt;"


def _words(tag: str, box: Box, paragraphs: tuple[Paragraph, ...]) -> str:
    inner = "".join(
        f"<p style='font-size: {p.size * PT}pt; line-height: {round(p.size * 1.25) * PT}pt; color: {p.colour};'>"
        + "".join(f"<span class='line'>{html.escape(line)}</span>" for line in p.lines)
        + "</p>"
        for p in paragraphs
    )
    return f"<{tag} class='box' style='{_place(box)}'>{inner}</{tag}>"


def to_pdf(slides: list[Slide], name: str = "") -> bytes:
    """The same deck as a PDF, a 13.33 x 7.5 inch page per slide, printed from `to_html` by Chromium: text that
    can be searched, selected and read aloud, and charts drawn as vectors. The slides need their SVGs
    (`lay_out(..., kinds=("svg",))`)."""
    missing = [laid.rendered.definition.id for laid in slides if not laid.svg]
    if missing:
        raise ValueError(f"no SVG was drawn for {', '.join(missing)}: lay them out with kinds=('svg',)")
    browser = export.chromium()
    if browser is None:
        raise RuntimeError("printing the PDF needs Chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="board-pack-") as folder:
        page, pdf = Path(folder) / "deck.html", Path(folder) / "deck.pdf"
        page.write_text(to_html(slides, name), encoding="utf-8")
        printed = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",  # as kaleido starts it: root in a container has no sandbox to use
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                f"--user-data-dir={Path(folder) / 'profile'}",  # its own, beside kaleido's running browser
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        if printed.returncode != 0 or not pdf.exists():
            raise RuntimeError(f"Chromium could not print the PDF (exit {printed.returncode}): {printed.stderr[-500:]}")
        return pdf.read_bytes()
