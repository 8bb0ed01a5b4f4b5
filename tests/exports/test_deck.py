"""The board pack from the command line: a 16:9 PowerPoint whose slides a template can restyle (a real title, the
source as text, the chart as a picture with alt text, quotes and definitions in the notes), the same deck as a
PDF, charts as PNG and SVG at presentation size, and plain errors before any work is done."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import definitions
from definitions import decks
from definitions.render import render
from definitions.sources import Sources
from exports.__main__ import main
from loaders.paths import ROOT

SVG = "{http://www.w3.org/2000/svg}"
REST = "#D4D4D4"  # charts.village.REST: the village's other children, in every grid


@pytest.fixture(scope="module")
def board_pack(tmp_path_factory, project_tables):
    """The default story written once by a fresh `python -m exports deck --pdf`, as a meeting's schedule would."""
    out = tmp_path_factory.mktemp("pack") / "board-pack.pptx"
    result = subprocess.run(
        [sys.executable, "-m", "exports", "deck", "--out", str(out), "--pdf"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out), str(out.with_suffix(".pdf"))]
    return out


@pytest.fixture(scope="module")
def story(project_tables):
    sources = Sources.load()
    return [render(chart, sources) for chart in decks.check(decks.default()).charts]


@pytest.mark.slow
def test_the_default_deck_is_a_slide_per_chart_with_real_text_a_described_picture_and_notes(board_pack, story):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    deck = Presentation(io.BytesIO(board_pack.read_bytes()))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 13.33 x 7.5 inches, 16:9
    assert len(deck.slides) == len(decks.DEFAULT_STORY) == len(story)
    for slide, rendered in zip(deck.slides, story, strict=True):
        assert slide.shapes.title.text_frame.text == rendered.title
        assert all(run.font.size.pt >= 28 for p in slide.shapes.title.text_frame.paragraphs for run in p.runs)
        # Every run names the face its lines were measured in (Arial's widths): the theme's Calibri, or a viewer's
        # stand-in for it, would break the title onto a line the chart then covers.
        runs = [
            r for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs
        ]
        assert runs and {run.font.name for run in runs} == {"Arial"}, rendered.definition.id
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert any(text.startswith(rendered.words.caption) for text in texts), rendered.definition.id
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert picture._element.nvPicPr.cNvPr.get("descr") == rendered.words.alt != ""
        notes = slide.notes_slide.notes_text_frame.text
        quotes = [q for q in rendered.words.table["quote"].dropna() if q.strip()]
        assert all(quote.strip() in notes for quote in quotes), rendered.definition.id
        if "definition" in rendered.words.table:
            assert all(d in notes for d in rendered.words.table["definition"].dropna()), rendered.definition.id


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
def test_the_pdf_is_a_16_9_page_a_slide_whose_text_can_be_searched(board_pack, story):
    """Issue 20: the PDF was pictures of slides, its text neither searchable nor selectable. Each page's text, as
    a reader extracts it, holds the slide's message, its source and the chart's own labels."""
    from pypdf import PdfReader

    pdf = PdfReader(board_pack.with_suffix(".pdf"))
    assert len(pdf.pages) == len(decks.DEFAULT_STORY) == len(story)
    assert pdf.metadata.title == decks.default().name
    for page, rendered in zip(pdf.pages, story, strict=True):
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (960, 540)  # 13.33 x 7.5 inches
        text = words(page.extract_text())
        assert words(rendered.title) in text, rendered.definition.id
        assert words(rendered.words.caption) in text, rendered.definition.id
    village = words(pdf.pages[decks.DEFAULT_STORY.index("village.all_circumstances")].extract_text())
    assert "Children it applies to" in village and "13 low income" in village  # the chart's words are text too


@pytest.mark.slow
def test_every_slide_keeps_the_note_its_chart_cannot_be_read_without(board_pack, story):
    """Issue 20: Bromley Y's chart draws about 3,800 under a message about 2,600; its note says why, on the slide
    (PowerPoint and PDF) and in the speaker notes."""
    from pptx import Presentation
    from pypdf import PdfReader

    at = decks.DEFAULT_STORY.index("health.bromley_y")
    note = "not the around 3,800 its summary says were made in 2021/22"
    slide = Presentation(io.BytesIO(board_pack.read_bytes())).slides[at]
    assert any(note in shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert note in slide.notes_slide.notes_text_frame.text
    assert note in words(PdfReader(board_pack.with_suffix(".pdf")).pages[at].extract_text())


def test_long_notes_leave_the_charts_own_note_on_the_slide(project_tables):
    """Data-quality notes too long to sit under the chart go to the speaker notes only; the definition's note,
    which says how to read the chart, stays on the slide."""
    import dataclasses

    from exports import slides

    rendered = render(definitions.get("health.bromley_y"), Sources.load())
    crowded = dataclasses.replace(rendered, notes=(rendered.note, *["A data-quality problem, at length."] * 60))
    under = " ".join(paragraph.text for paragraph in slides._under(crowded, 1776))
    assert rendered.note in under and "A data-quality problem" not in under
    assert "A data-quality problem" in slides.speaker_notes(crowded)


def pixels(png: bytes):
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def drawn_span(png: bytes) -> float:
    """The share of the picture's width that anything is drawn on (non-white), measured on its pixels."""
    import numpy as np

    columns = np.flatnonzero((pixels(png) != 255).any(axis=2).any(axis=0))
    return (columns[-1] + 1 - columns[0]) / pixels(png).shape[1] if len(columns) else 0.0


def grey_share(png: bytes) -> float:
    """The share of the picture the village's grey children cover: how large the grids are drawn."""
    return float((pixels(png) == [int(REST[i : i + 2], 16) for i in (1, 3, 5)]).all(axis=2).mean())


@pytest.mark.slow
def test_the_village_slide_is_drawn_for_the_slide_not_a_phone(project_tables):
    """Issue 20: slide 5 drew the app's phone layout, five tiny strips in a fifth of the slide's width. The figure
    handed to kaleido is laid out for the picture's box, and what is drawn spans most of its width."""
    from charts import export
    from charts.village import for_a_phone
    from exports import slides

    rendered = render(definitions.get("village.all_circumstances"), Sources.load())
    assert for_a_phone(rendered.figure)  # what the page draws for a phone's column
    laid = slides.lay_out(rendered)
    box = laid.picture_box
    assert (laid.picture.layout.width, laid.picture.layout.height) == (box.width, box.height)
    assert not for_a_phone(laid.picture)
    grids = {(t.xaxis, t.yaxis) for t in laid.picture.data}
    assert len(grids) == 5 and len({laid.picture.layout[f"xaxis{x[1:]}"].domain for x, _ in grids}) >= 3
    assert drawn_span(laid.png) > 0.8 and grey_share(laid.png) > 0.1
    # The measures tell the fault apart: the app's figure drawn as it was, at the same size, fills a fifth of the
    # width and its children a few hundredths of the picture.
    as_before = export.to_image(rendered.figure, title="", caption="", width=box.width, height=box.height)
    assert drawn_span(as_before) < 0.4 and grey_share(as_before) < 0.03


@pytest.mark.slow
def test_every_image_of_the_village_is_drawn_for_its_own_size(tmp_path, project_tables):
    """The command line's PNG (1920x1080) and a chart's own download (1600x900) lay the five out for the image."""
    from charts import export

    assert main(["figures", "--out", str(tmp_path), "--format", "png", "village.all_circumstances"]) == 0
    (path,) = tmp_path.glob("*.png")
    assert grey_share(path.read_bytes()) > 0.06
    rendered = render(definitions.get("village.all_circumstances"), Sources.load())
    download = export.to_png(rendered.figure, title=rendered.title, caption="Source.", redraw=rendered.figure_at)
    assert grey_share(download) > 0.06
    as_before = export.to_png(rendered.figure, title=rendered.title, caption="Source.")
    assert grey_share(as_before) < 0.03


@pytest.mark.slow
def test_a_charts_slide_download_has_the_board_packs_editable_layout(project_tables):
    """Issue 20: a chart's "Slide (PowerPoint)" was one picture with the words baked in, its alt text "image.png".
    It is the deck's layout: the message as the title, the picture described, the source as text, notes."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from exports.slides import one_slide

    rendered = render(definitions.get("health.bromley_y"), Sources.load())
    (slide,) = Presentation(io.BytesIO(one_slide(rendered))).slides
    assert slide.shapes.title.text_frame.text == rendered.title
    (picture,) = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    described = picture._element.nvPicPr.cNvPr.get("descr")
    assert described != "image.png" and described.startswith("Bar chart titled")
    assert "Referrals to Bromley Y" in described and "about 3,800" in described
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape != slide.shapes.title]
    assert any(text.startswith(rendered.words.caption) for text in texts)
    assert any("The basis of the projection" in text for text in texts)
    notes = slide.notes_slide.notes_text_frame.text
    assert notes.startswith(rendered.title) and "Quoted in the strategy:" in notes


@pytest.mark.slow
def test_a_png_has_the_presentation_size_and_is_drawn(tmp_path, project_tables, capsys):
    from PIL import Image

    assert main(["figures", "--out", str(tmp_path), "--format", "png", "social_care.front_door"]) == 0
    (path,) = tmp_path.glob("*.png")
    image = Image.open(path)
    assert image.size == (1920, 1080)
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 50  # not blank: the bars, their labels and the words
    white = {colour: count for count, colour in colours}.get((255, 255, 255), 0)
    assert 1920 * 1080 - white > 20_000  # and not all white: ink on at least one pixel in a hundred


@pytest.mark.slow
def test_an_svg_has_the_size_asked_for_and_draws_marks_and_words(tmp_path, project_tables):
    args = ["figures", "--out", str(tmp_path), "--format", "svg", "--width", "1280", "--height", "720"]
    assert main([*args, "cost.per_person"]) == 0
    (path,) = tmp_path.glob("*.svg")
    svg = ET.parse(path).getroot()
    assert (svg.get("width"), svg.get("height")) == ("1280", "720")
    assert len(list(svg.iter(f"{SVG}path"))) > 5
    assert "Late intervention costs" in "".join(svg.itertext())


def test_unknown_ids_are_all_named_and_nothing_is_written(capsys, tmp_path):
    out = tmp_path / "pack.pptx"
    assert main(["deck", "--out", str(out), "cost.per_person", "social_care.front_dor", "no.such_chart"]) == 2
    error = capsys.readouterr().err
    assert "'social_care.front_dor'; did you mean social_care.front_door" in error
    assert "'no.such_chart'" in error and "Nothing was written." in error
    assert list(tmp_path.iterdir()) == []


def test_a_saved_deck_naming_a_missing_chart_is_refused(capsys, tmp_path):
    saved = tmp_path / "deck.json"
    saved.write_text(decks.to_json(decks.Deck("Board", ("cost.per_person", "cost.gone"))), encoding="utf-8")
    assert main(["deck", "--out", str(tmp_path / "pack.pptx"), "--deck", str(saved)]) == 2
    assert "no chart or card has the id 'cost.gone'" in capsys.readouterr().err
    assert not (tmp_path / "pack.pptx").exists()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (None, "cannot read the deck file"),
        ("{not json", "is not JSON"),
        ('{"name": "Board"}', 'needs "slides"'),
        ('{"name": "Board", "slides": []}', "has no slides"),
    ],
)
def test_a_bad_deck_file_is_said_plainly(capsys, tmp_path, text, said):
    saved = tmp_path / "deck.json"
    if text is not None:
        saved.write_text(text, encoding="utf-8")
    assert main(["deck", "--out", str(tmp_path / "pack.pptx"), "--deck", str(saved)]) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "pack.pptx").exists()


def test_an_unwritable_deck_is_refused_before_any_chart_is_drawn(capsys, tmp_path, monkeypatch):
    from exports import files

    monkeypatch.setattr(files, "render", lambda *_: pytest.fail("rendered before checking the destination"))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for out in (blocker / "pack.pptx", tmp_path / "pack.pdf", "/proc/board-pack.pptx"):
        if out == tmp_path / "pack.pdf":
            out.mkdir()  # a folder where the file should go
        assert main(["deck", "--out", str(out), "cost.per_person"]) == 2
        assert f"cannot write {out}" in capsys.readouterr().err


def test_a_deck_is_pptx_or_pdf(capsys, tmp_path):
    with pytest.raises(SystemExit) as exited:
        main(["deck", "--out", str(tmp_path / "pack.docx")])
    assert exited.value.code == 2
    assert "a deck is written as .pptx or .pdf" in capsys.readouterr().err


def test_every_default_slide_is_a_chart():
    assert decks.check(decks.default()).unknown == []
    assert all(isinstance(definitions.get(i), definitions.Chart) for i in decks.DEFAULT_STORY)
