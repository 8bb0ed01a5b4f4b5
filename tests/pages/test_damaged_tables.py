"""A table file damaged or deleted under a running server: the pages that need it say which figures are missing,
with no traceback; the other pages still draw their charts. (A server that starts on damaged tables rebuilds them
first, and /ready takes a damaged replica out of the proxy's rotation: tests/test_serve.py.)

The server runs in a fresh Python whose BOROUGH_INSIGHT_DATA names a private copy (`loaders.paths.DEFAULT` is
read once, at import); its first visitor starts it, then the files are damaged, then pages are opened. (Figures
read before the damage are kept in memory for the build, so the files chosen are ones the landing page does not read.)
"""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

import definitions
from loaders.paths import ROOT
from tests.fresh_python import run_in_fresh_python

CORRUPT = "teenage_conception_rate"  # drawn on Health and wellbeing, by "health.conceptions"
DELETED = "sen_support_pupils"  # drawn on Education and attainment gaps, beside ehc_plan_pupils
PAGES = ("pages/health.py", "pages/education.py", "pages/population.py")
# Education shows one section a tab: open the one whose chart draws DELETED, by its link.
LINKS = {"pages/education.py": {"section": definitions.get("education.special_needs").section}}


def _open_pages_after_damage() -> dict[str, dict]:
    """In the fresh Python: start the dashboard, damage two observation files, then open each page."""
    from loaders.paths import DEFAULT

    assert DEFAULT.data != ROOT / "data"
    AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()  # checks (or builds) the tables
    folder = DEFAULT.tables / "observations"
    (folder / f"{CORRUPT}.parquet").write_bytes(os.urandom(4096))  # garbage where a Parquet file was
    (folder / f"{DELETED}.parquet").unlink()
    seen = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
        for key, value in LINKS.get(page, {}).items():
            at.query_params[key] = value
        at.switch_page(page).run()
        seen[page] = {
            "title": [t.value for t in at.title],
            "exceptions": [e.value for e in at.exception],
            "errors": [e.value for e in at.error],
            "missing": [i.value for i in at.info if i.value.startswith("Not available")],
            "charts": len(at.get("plotly_chart")),
        }
    return seen


def test_a_damaged_or_deleted_file_is_a_missing_figure_on_its_pages_and_the_rest_still_draw(data_copy):
    settings = {"BOROUGH_INSIGHT_DATA": str(data_copy.data), "STREAMLIT_LOGGER_LEVEL": "error"}
    seen = run_in_fresh_python(settings, _open_pages_after_damage)

    for page, what in seen.items():
        assert what["title"] and not what["exceptions"] and not what["errors"], (page, what)
        assert what["charts"] >= 2, (page, what)  # the rest of each page still draws
    health, education, population = (seen[page] for page in PAGES)
    assert any("teenage conception rates" in m and CORRUPT in m for m in health["missing"]), health
    assert any("pupils with special educational needs" in m and DELETED in m for m in education["missing"]), education
    assert not population["missing"], population
