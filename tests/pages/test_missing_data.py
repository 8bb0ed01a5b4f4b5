"""Missing data never breaks a page: a missing table or indicator is a short message naming it. A bug is not
missing data: it reaches dashboard.py's last line of defence and the log, never "missing from the tables"."""

from __future__ import annotations

import dataclasses
import json

import pytest
import streamlit as st

import definitions
import definitions.render
from loaders.store import tables
from tests.pages.conftest import charts, open_page, page_charts


@pytest.fixture
def fresh_cache():
    """Empty caches before and after: the reads and charts cached by earlier tests are not served to this one, and
    what this one breaks is not served to later ones."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_a_missing_indicator_is_named_and_the_rest_of_the_page_still_shows(monkeypatch, fresh_cache):
    real = tables.read_observations

    def without_residents(*args, **kwargs):
        frame = real(*args, **kwargs)
        return frame[frame["indicator_id"] != "residents"]

    monkeypatch.setattr(tables, "read_observations", without_residents)
    at = open_page("pages/population.py")
    assert not at.exception and not at.error
    (info,) = at.info
    assert info.value.startswith("Not available: the number of residents (the figures of residents) is missing")
    assert len(charts(at)) == len(page_charts("population")) - 1


def test_missing_tables_leave_every_page_readable(monkeypatch, fresh_cache):
    monkeypatch.setattr(tables, "read_observations", lambda *a, **k: tables.empty("observations"))
    real_table = tables.read_table
    monkeypatch.setattr(
        tables,
        "read_table",
        lambda name, *a, **k: tables.empty(name) if name == "village" else real_table(name, *a, **k),
    )
    for page in ("pages/overview.py", "pages/health.py", "pages/village.py", "pages/data_sources.py"):
        at = open_page(page)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        assert at.info, page
        assert all(i.value.startswith("Not available:") for i in at.info), page


def test_a_bug_is_not_reported_as_missing_data_but_logged_and_said_plainly(monkeypatch, fresh_cache, capsys):
    """On the default page, which AppTest (like the server) runs inside dashboard.py's last line of defence."""

    def broken(*args, **kwargs):
        raise IndexError("a bug in the headline code")

    monkeypatch.setattr(definitions.render, "headline", broken)
    at = open_page("pages/overview.py")
    assert not at.exception and not at.info
    assert at.error[0].value.startswith(
        "Sorry, part of this page could not be drawn (IndexError: a bug in the headline code)"
    )
    logged = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith('{"at"')]
    failed = [e for e in logged if e["event"] == "page_failed"]
    assert failed and failed[0]["error"] == "IndexError" and "a bug in the headline code" in failed[0]["traceback"]


def test_a_bug_in_a_chart_builder_is_an_error_on_a_theme_page_too(monkeypatch, fresh_cache):
    chart = definitions.get("social_care.front_door")

    def broken(frame, **options):
        raise IndexError("a bug in the chart builder")

    monkeypatch.setitem(definitions.DEFINITIONS, chart.id, dataclasses.replace(chart, builder=broken))
    at = open_page("pages/social_care.py")
    assert not any("missing from the tables" in i.value for i in at.info)
    assert at.exception  # AppTest runs a switched page on its own; the server runs it inside the last line of defence
