"""Missing data never breaks a page: a missing table or indicator is a short message, never a traceback."""

from __future__ import annotations

import itertools

import pytest

from loaders import tables
from tests.pages.conftest import charts, open_page

builds = itertools.count()


@pytest.fixture
def fresh_cache(monkeypatch):
    """A build id of its own, so the cached reads of earlier tests are not served to this one."""
    build = f"test-{next(builds)}"
    monkeypatch.setattr(tables, "build_id", lambda *args, **kwargs: build)


def test_a_missing_indicator_is_named_and_the_rest_of_the_page_still_shows(monkeypatch, fresh_cache):
    real = tables.read_observations

    def without_residents(*args, **kwargs):
        frame = real(*args, **kwargs)
        return frame[frame["indicator_id"] != "residents"]

    monkeypatch.setattr(tables, "read_observations", without_residents)
    at = open_page("pages/population.py")
    assert not at.exception and not at.error
    assert at.info[0].value.startswith("Not available: the number of residents is missing from the tables.")
    assert len(charts(at)) == 5


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
        assert all(i.value.startswith("Not available:") for i in at.info if "arithmetic" not in i.value), page


def test_an_unexpected_failure_is_a_readable_message(monkeypatch, fresh_cache):
    """dashboard.py runs every page inside a last line of defence. (AppTest runs switched-to pages on their own,
    so this is shown on the default page, which AppTest runs through dashboard.py as the server always does.)"""
    import charts.trend

    def broken(*args, **kwargs):
        raise RuntimeError("the chart library failed")

    monkeypatch.setattr(charts.trend, "trend", broken)
    at = open_page("pages/overview.py")
    assert not at.exception
    assert at.error[0].value.startswith(
        "Sorry, part of this page could not be drawn (RuntimeError: the chart library failed)"
    )
