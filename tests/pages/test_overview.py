"""The overview page, run with Streamlit's AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from loaders.paths import ROOT


def test_overview_runs_and_counts_the_figures(project_tables):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Bromley's children and families at a glance"
    assert "167 figures" in at.markdown[0].value
