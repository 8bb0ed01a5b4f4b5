"""Accessibility of every page the sidebar lists, in headless Chromium at 1440x1000.

Each page is opened once and read once (tests/e2e/sweep.py, which opens it for the other page sweeps too, with
tests/e2e/audit.py's readings): axe-core's WCAG 2.0, 2.1 and 2.2 rules at levels A and AA over the whole page (the
viewport grows to the content's height for that scan, as axe skips the contrast of text scrolled out of
Streamlit's main container), the document title, the main area's headings, the names of links and buttons, and
the focus indicator of the first 30 stops of the Tab key in the main area. Each test below then judges one of
those over every page and lists every problem it finds, page by page.

axe-core comes from npm (package.json pins it; `npm ci` installs it into node_modules/).

What Streamlit and plotly draw by themselves is not the app's to fix. A bare app with the same sidebar, each page
a title and one plotly chart (tests/e2e/baseline.py), is served and two of its pages are read the same way; an axe
violation, or a control's name, that it shows too is left out.
"""

from __future__ import annotations

import pytest

from tests.e2e.audit import (
    FOCUS_STOPS,
    PageAudit,
    ambiguous_names,
    axe_source,
    describe_violations,
    heading_skips,
    new_violations,
    shared_titles,
    weak_focus,
)
from tests.e2e.sweep import BASELINE_AUDITED

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def axe() -> str:
    try:
        return axe_source()
    except FileNotFoundError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="module")
def audits(sweep, axe) -> list[PageAudit]:
    """Every page of the dashboard, read once."""
    audited = sweep.readings().audits
    if len(audited) != len(sweep.page_names()):  # the sweep reads them for a test that asks for `audits`
        pytest.fail(f"{len(audited)} pages were audited of the {len(sweep.page_names())} listed", pytrace=False)
    return audited


@pytest.fixture(scope="module")
def baseline(sweep, axe, sidebar_links) -> list[PageAudit]:
    """The bare app with the dashboard's sidebar: its default page and the next, read the same way (no Tab walk: it
    is not used). Its pages differ only in their title and which sidebar link is current (tests/e2e/sweep.py)."""
    readings = sweep.readings()
    if readings.baseline_error:
        pytest.fail(readings.baseline_error, pytrace=False)
    pages = readings.baseline
    problems = [f"page {p.name!r} of the baseline: {p.problem}" for p in pages if p.problem]
    if readings.baseline_listed != len(sidebar_links or [None]):
        problems.append(f"its sidebar lists {readings.baseline_listed} pages, the dashboard's {len(sidebar_links)}")
    if len(pages) != min(BASELINE_AUDITED, readings.baseline_listed):
        problems.append(f"{len(pages)} of its pages were audited, not {BASELINE_AUDITED}")
    if problems:
        pytest.fail(
            "the baseline app (tests/e2e/baseline.py) cannot stand in for the bare dashboard: " + "; ".join(problems),
            pytrace=False,
        )
    return pages


def report(audits: list[PageAudit], lines_of) -> list[str]:
    """Per page, `lines_of(audit)`'s problems (or why the page could not be read), under the page's name and URL."""
    failures = []
    for audit in audits:
        lines = [audit.problem] if audit.problem else lines_of(audit)
        if lines:
            failures.append(f"page {audit.name!r} ({audit.url}):\n" + "\n".join(f"  - {line}" for line in lines))
    return failures


def test_no_axe_violation_beyond_the_bare_app(audits, baseline):
    """No WCAG A or AA violation (axe-core's wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa rules) that the bare
    app does not have too: a rule it does not break, or a node of that rule where it has none."""
    framework = [v for page in baseline for v in page.violations]
    failures = report(audits, lambda a: describe_violations(new_violations(a.violations, framework)))
    excused = sorted({f"{v['id']} ({n['where']})" for v in framework for n in v["nodes"]})
    assert not failures, (
        f"{len(failures)} of {len(audits)} pages have accessibility violations the bare app does not:\n"
        + "\n".join(failures)
        + f"\n(left out, as the bare app has them too: {', '.join(excused) or 'nothing'})"
    )


def test_every_page_has_its_own_title(audits):
    """The browser's tab and history name the page: document.title differs from page to page."""
    readable = [a for a in audits if not a.problem]
    failures = [f"page {a.name!r} ({a.url}): {a.problem}" for a in audits if a.problem]
    failures += shared_titles({a.name: a.title for a in readable})
    assert not failures, "pages cannot be told apart by their document title:\n" + "\n".join(
        f"  - {line}" for line in failures
    )


def test_headings_never_skip_a_level(audits):
    """The main area's headings (the sidebar's aside) start at h1 and never go down more than one level at once."""
    failures = report(audits, lambda a: heading_skips(a.headings))
    assert not failures, f"{len(failures)} of {len(audits)} pages skip a heading level:\n" + "\n".join(failures)


def test_links_and_buttons_can_be_told_apart_by_name(audits, baseline):
    """No two links of one accessible name go to different places; no two buttons (expanders and popovers
    included) share a name. Controls the bare app draws with the same name in the same place (a heading's
    "Link to heading", a plotly toolbar's "Zoom") are Streamlit's and plotly's, and left out."""
    excused = {(c["role"], c["where"], c["name"]) for page in baseline for c in page.controls}
    failures = report(audits, lambda a: ambiguous_names(a.controls, excused))
    assert not failures, (
        f"{len(failures)} of {len(audits)} pages have links or buttons that share a name:\n" + "\n".join(failures)
    )


def test_focus_indicator_has_3_to_1_contrast(audits):
    """Tabbing through the first 30 stops of the main area (FOCUS_STOPS), each focused element shows a change of
    outline, box-shadow, border or background with at least 3:1 contrast against what is behind it (WCAG 2.2,
    1.4.11 Non-text Contrast, for the focus indicator)."""

    def lines_of(audit: PageAudit) -> list[str]:
        if not audit.focus:
            return ["the Tab key never reached an element of the main area"]
        lines, short, measured = weak_focus(audit.focus)
        if lines:
            lines.append(
                f"{short} of the {measured} stops measured fall short (the first {FOCUS_STOPS} of the main area)"
            )
        return lines

    failures = report(audits, lines_of)
    assert not failures, (
        f"{len(failures)} of {len(audits)} pages have focus stops without a focus indicator of 3:1:\n"
        + "\n".join(failures)
    )
