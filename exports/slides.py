"""The board pack: rendered charts as a 16:9 PowerPoint deck, and the same deck as a PDF.

A slide is real text around a picture: the message as the slide's title, the source under the chart, the chart
drawn without words of its own, so a council template can restyle the text and a screen reader finds the title
and the picture's alt text. The quotes and definitions go to the speaker notes, for whoever presents.

One layout, in pixels of a 1920x1080 page (144 to the inch, 6,350 PowerPoint units to the pixel), serves both
files: the PDF draws it with Pillow, which the project already has, so its text is pixels, not selectable text.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont

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
    png: bytes
    notes: str


# --- Lay out -------------------------------------------------------------------------------------------------


@functools.cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Liberation Sans (Arial's measures), else DejaVu, else Pillow's own: wrapping in a wider font than the
    slide's leaves room to spare in PowerPoint."""
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


def lay_out(rendered: Rendered) -> Slide:
    """Where the words and the chart go on the page, then the chart drawn at exactly its box's size."""
    width = PAGE[0] - 2 * MARGIN
    title = _paragraph(rendered.title, TITLE_PX, TEXT, width, bold=True)
    source = (_paragraph(rendered.words.caption, SOURCE_PX, MUTED_TEXT, width),)
    if rendered.notes:
        with_notes = (*source, _paragraph(" ".join(rendered.notes), NOTE_PX, MUTED_TEXT, width))
        # Long data-quality notes would squeeze the chart: then they are in the speaker notes only.
        source = with_notes if _height(with_notes) <= MOST_WORDS_UNDER else source
    title_box = Box(MARGIN, TOP, width, _height((title,)))
    source_height = _height(source)
    source_box = Box(MARGIN, PAGE[1] - BOTTOM - source_height, width, source_height)
    picture_top = title_box.top + title_box.height + GAP
    picture_box = Box(MARGIN, picture_top, width, source_box.top - GAP - picture_top)
    png = export.to_image(
        rendered.figure, title="", caption="", width=picture_box.width, height=picture_box.height, kind="png"
    )
    return Slide(rendered, title, source, title_box, picture_box, source_box, png, speaker_notes(rendered))


def lay_out_all(rendered: Iterable[Rendered]) -> list[Slide]:
    """Every slide, the charts drawn by Chromium in a second thread while the next ones render here: Chromium
    starts (about three seconds cold) while the first charts select their rows, and two cores both work."""
    with ThreadPoolExecutor(max_workers=1) as drawing:
        drawing.submit(_warm_up)
        pending = [drawing.submit(lay_out, one) for one in rendered]
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
            run.font.size = Pt(laid.size * 72 / DPI)
            run.font.bold = bold
            run.font.color.rgb = RGBColor.from_string(laid.colour.lstrip("#"))


# --- PDF -----------------------------------------------------------------------------------------------------


def to_pdf(slides: list[Slide], name: str = "") -> bytes:
    """The same deck as a PDF, a 13.33 x 7.5 inch page per slide."""
    pages = [_page(laid) for laid in slides]
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=DPI, title=name)
    return buffer.getvalue()


def _page(laid: Slide) -> Image.Image:
    page = Image.new("RGB", PAGE, "white")
    page.paste(Image.open(io.BytesIO(laid.png)).convert("RGB"), (laid.picture_box.left, laid.picture_box.top))
    draw = ImageDraw.Draw(page)
    _draw(draw, laid.title_box, (laid.title,), bold=True)
    _draw(draw, laid.source_box, laid.source)
    return page


def _draw(draw: ImageDraw.ImageDraw, box: Box, paragraphs: tuple[Paragraph, ...], bold: bool = False) -> None:
    top = box.top
    for paragraph in paragraphs:
        font = _font(paragraph.size, bold)
        for line in paragraph.lines:
            draw.text((box.left, top), line, font=font, fill=paragraph.colour)
            top += round(paragraph.size * 1.25)
        top += GAP
