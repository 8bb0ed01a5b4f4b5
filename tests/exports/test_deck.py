"""The board pack from the command line: a 16:9 PowerPoint whose slides a template can restyle (a real title, the
source as text, the chart as a picture with alt text, quotes and definitions in the notes), the same deck as a
PDF, charts as PNG and SVG at presentation size, and plain errors before any work is done."""

from __future__ import annotations

import io
import re
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
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert any(text.startswith(rendered.words.caption) for text in texts), rendered.definition.id
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert picture._element.nvPicPr.cNvPr.get("descr") == rendered.words.alt != ""
        notes = slide.notes_slide.notes_text_frame.text
        quotes = [q for q in rendered.words.table["quote"].dropna() if q.strip()]
        assert all(quote.strip() in notes for quote in quotes), rendered.definition.id
        if "definition" in rendered.words.table:
            assert all(d in notes for d in rendered.words.table["definition"].dropna()), rendered.definition.id


@pytest.mark.slow
def test_the_pdf_has_a_page_per_slide(board_pack):
    pdf = board_pack.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(decks.DEFAULT_STORY)


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
