"""`python -m exports`: every chart built from the command line, decks of chosen ids, clear errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

import definitions
from exports.__main__ import main
from loaders.paths import ROOT

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exports", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_every_chart_is_built_from_the_command_line(tmp_path, project_tables):
    result = run("figures", "--out", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    written = sorted(tmp_path.glob("*.json"))
    assert len(written) == len(definitions.charts())
    for path in written:
        figure = json.loads(path.read_text(encoding="utf-8"))
        assert figure["data"] and figure["layout"]["title"]["text"], path.name
        assert "{" not in figure["layout"]["title"]["text"]


def test_list_names_every_chart(capsys):
    assert main(["list"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == [chart.id for chart in definitions.charts()]


def test_an_unknown_id_is_named_with_the_nearest(capsys, tmp_path):
    assert main(["deck", "--out", str(tmp_path / "d.pptx"), "social_care.front_dor"]) == 2
    error = capsys.readouterr().err
    assert "no chart or card has the id 'social_care.front_dor'; did you mean social_care.front_door" in error
    assert not (tmp_path / "d.pptx").exists()


def test_a_card_is_not_a_chart(capsys, tmp_path):
    assert main(["figures", "--out", str(tmp_path), "overview.residents"]) == 2
    assert "'overview.residents' is a headline card, not a chart" in capsys.readouterr().err


def test_an_unwritable_destination_is_said_plainly(capsys, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["figures", "--out", str(blocker / "charts"), "--format", "json", "cost.per_person"]) == 2
    assert f"cannot write {blocker / 'charts'}" in capsys.readouterr().err


@pytest.mark.slow
def test_a_deck_has_a_slide_per_chart_in_order_with_its_message_and_source(tmp_path):
    from pptx import Presentation

    ids = ["social_care.protection_conferences", "cost.per_person"]
    result = run("deck", "--out", str(tmp_path / "pack.pptx"), *ids)
    assert result.returncode == 0, result.stderr
    deck = Presentation(io.BytesIO((tmp_path / "pack.pptx").read_bytes()))
    assert len(deck.slides) == 2
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    assert notes[0].startswith("411 initial child protection conferences") and "Source:" in notes[0]
    assert notes[1].startswith("Late intervention costs") and "Source:" in notes[1]
