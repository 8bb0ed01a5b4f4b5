"""Loading a real release in headless Chromium: a server of its own, on a private data tree (without the shipped
injury admissions release) and with a test's own secrets (an upload token). The token is typed, the publisher's
file is given to the page's file input, the preview appears, the upload is confirmed, and another browser context,
open on the health page all along, shows the new figure on its next run.
"""

from __future__ import annotations

import contextlib
import re
import shutil

import pytest

from loaders.paths import ROOT
from tests.conftest import SHIPPED_INJURIES
from tests.e2e.conftest import DESKTOP
from tests.e2e.server import ErrorLog, served, settle

pytestmark = pytest.mark.e2e

TOKEN = "correct horse battery staple"
INJURIES = "Hospital admissions for injuries"
RELEASE = ROOT / "data" / "releases" / SHIPPED_INJURIES / "la_hospital_admissions_2324.csv"  # as OHID published it
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture
def upload_server(without_injuries, tmp_path) -> str:
    """`streamlit run dashboard.py` reading and writing the private tree, with uploading on by a token."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'upload_token = "{TOKEN}"\n', encoding="utf-8")
    env = {"BOROUGH_INSIGHT_DATA": str(without_injuries.data)}
    options = ["--secrets.files", str(secrets)]
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(served(cwd=ROOT, log=tmp_path / "server.log", env=env, options=options))
        except RuntimeError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield url


def injuries_heading(page) -> str:
    found = [h for h in page.locator("h3").all_inner_texts() if h.startswith(INJURIES)]
    return found[0] if found else ""


def test_a_real_release_is_uploaded_previewed_confirmed_and_seen_by_another_context(
    browser, upload_server, without_injuries, tmp_path
):
    # Another person has the health page open: no injury admissions figures in this tree yet.
    other = browser.new_context(viewport=DESKTOP).new_page()
    other.goto(upload_server + "health")
    assert not settle(other).timed_out
    assert "2023/24" not in injuries_heading(other)

    page = browser.new_context(viewport=DESKTOP).new_page()
    errors = ErrorLog().attach(page)
    page.goto(upload_server + "load_data")
    settle(page)
    page.get_by_label("Upload token", exact=True).fill(TOKEN)
    page.get_by_label("Upload token", exact=True).press("Enter")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").wait_for(state="attached", timeout=30_000)

    uploaded = tmp_path / RELEASE.name
    shutil.copyfile(RELEASE, uploaded)  # the file input reads it from disk, as a person's browser does
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(uploaded))
    page.get_by_text("Figures added").wait_for(timeout=120_000)
    settle(page)
    added = page.locator("[data-testid='stMetricValue']").first.inner_text()
    assert re.fullmatch(r"[\d,]+", added) and int(added.replace(",", "")) > 0, added
    assert page.locator("[data-testid='stDataFrame']").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "load_data-preview-1440x1000.png"), full_page=True)

    page.get_by_role("button", name="Add these figures to the tables").click()
    page.get_by_text("is loaded, as").wait_for(timeout=120_000)
    settle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert (without_injuries.data / "incoming" / RELEASE.name).read_bytes() == RELEASE.read_bytes()
    assert not errors.errors, errors.errors

    # The other context's next run (a rerun, as any click there makes) shows the new figure, without a restart.
    other.keyboard.press("r")
    other.wait_for_function(
        f"() => [...document.querySelectorAll('h3')].some(h => h.innerText.startsWith({INJURIES!r}) "
        "&& h.innerText.includes('2023/24'))",
        timeout=60_000,
    )
    assert "2023/24" in injuries_heading(other)


def test_uploading_without_a_token_configured_shows_no_file_input(browser, base_url):
    page = browser.new_page(viewport=DESKTOP)
    try:
        page.goto(base_url + "load_data")
        assert not settle(page).timed_out
        assert page.get_by_text("Uploading is off on this server").count() == 1
        assert page.locator("[data-testid='stFileUploaderDropzoneInput']").count() == 0
    finally:
        page.close()
