"""One JSON line per build and per failed page, on stderr, for a deployment's log collector."""

from __future__ import annotations

import json

import pytest

from loaders import log
from loaders.build import build
from loaders.errors import BuildError
from tests.pages.conftest import open_page

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's


def lines(captured: str) -> list[dict]:
    return [json.loads(line) for line in captured.splitlines() if line.startswith("{")]


def test_an_event_is_one_json_line_with_its_time_and_fields(capsys):
    line = log.event("something", count=3, where="here")
    (found,) = lines(capsys.readouterr().err)
    assert found == json.loads(line)
    assert (found["event"], found["count"], found["where"]) == ("something", 3, "here")
    assert found["at"].endswith("+00:00") and "\n" not in line


def test_a_build_logs_what_it_built_and_a_refused_one_its_first_problem(data_copy, capsys):
    report = build(data_copy, force=True)
    (built,) = lines(capsys.readouterr().err)
    assert (built["event"], built["outcome"], built["tables"]) == ("build", "built", len(report.rows))
    assert built["rows"] == sum(report.rows.values()) and built["seconds"] > 0
    assert lines(capsys.readouterr().err) == []
    build(data_copy)
    (unchanged,) = lines(capsys.readouterr().err)
    assert unchanged["outcome"] == "unchanged"

    (data_copy.data / "metadata" / "areas.csv").write_text("not,an,areas,file\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(data_copy)
    (failed,) = lines(capsys.readouterr().err)
    assert failed["event"] == "build_failed" and failed["problems"] == len(raised.value.errors)
    assert failed["first"] == str(raised.value.errors[0])


def test_a_page_that_fails_logs_one_line_with_its_traceback(monkeypatch, capsys):
    import insight.since

    def broken(*_, **__):
        raise RuntimeError("a bug in the since summary")

    monkeypatch.setattr(insight.since, "summary", broken)
    at = open_page("pages/overview.py")  # its link to "Since the strategy" is worded by the broken summary
    assert [e.value for e in at.error][-1].startswith("Sorry, part of this page could not be drawn (RuntimeError")
    (failed,) = [line for line in lines(capsys.readouterr().err) if line["event"] == "page_failed"]
    assert (failed["page"], failed["error"], failed["message"]) == (
        "Overview",
        "RuntimeError",
        "a bug in the since summary",
    )
    assert "Traceback" in failed["traceback"] and "broken" in failed["traceback"]
