"""Load data: off without secrets (no uploader, the way to turn it on said), a token that must match, and, with the
right token, a real release uploaded through the page's own file uploader, previewed, confirmed, and seen by
another open session on its next run.

Sessions that may change data run in a fresh Python whose BOROUGH_INSIGHT_DATA names a private, built tree:
`loaders.paths.DEFAULT` is read once, at import, so this process (which has imported it already) cannot point
the dashboard elsewhere, and the project's own data/ is never written. The rest open the page on the project's
tables and change nothing: without the token there is no uploader.
"""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

from insight.text import md
from loaders.paths import ROOT, DataPaths
from tests.conftest import FIXTURES, SHIPPED_INJURIES
from tests.fresh_python import run_in_fresh_python
from tests.pages.conftest import assert_clean, headings

PAGE = "pages/load_data.py"
TOKEN = "correct horse battery staple"
RELEASE = FIXTURES / "releases" / "incoming" / "fingertips_bromley_2012_13_to_2023_24.csv"  # cut from a release
# The shipped release's 38 Bromley records with London, not England, as their parent: every figure the shipped one's
OTHER_PARENT = FIXTURES / "releases" / "incoming" / "fingertips_bromley_parent_london.csv"
ADD = "Add these figures to the tables"
INJURIES = "Hospital admissions for injuries"


def load_data_page(secrets: dict | None = None) -> AppTest:
    """The dashboard with these secrets, switched to the Load data page."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for name, value in (secrets or {}).items():
        at.secrets[name] = value
    at.run()
    return at.switch_page(PAGE).run()


def words(at: AppTest) -> str:
    return " ".join(e.value for e in [*at.markdown, *at.caption, *at.info, *at.error, *at.success, *at.warning])


# ---- off, and the token ------------------------------------------------------------------------------------------


def test_without_secrets_uploading_is_off_and_the_page_says_how_to_turn_it_on():
    at = load_data_page()
    assert_clean(at)
    assert at.title[0].value == "Load data"
    assert not at.get("file_uploader") and not at.text_input and not at.button
    (info,) = at.info
    for words_needed in ("Uploading is off", "upload_token", ".streamlit/secrets.toml", "[auth]", "sign in"):
        assert words_needed in info.value


def test_a_wrong_token_shows_no_uploader():
    at = load_data_page({"upload_token": TOKEN})
    assert not at.get("file_uploader")
    at.text_input[0].input("not the token").run()
    assert not at.get("file_uploader")
    assert [e.value for e in at.error] == [
        "That token is not the one set on this server, so uploading stays off. Check it and try again."
    ]


def test_the_right_token_shows_the_uploader_with_its_limit():
    at = load_data_page({"upload_token": TOKEN})
    at.text_input[0].input(TOKEN).run()
    assert_clean(at)
    (uploader,) = at.get("file_uploader")
    assert uploader.label == "A published release, as CSV (up to 50 MB)"
    assert uploader.allowed_type == [".csv"]


def test_with_sign_in_configured_a_person_not_signed_in_is_asked_to_sign_in():
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not a real secret",
        "client_id": "borough-insight",
        "client_secret": "not a real secret",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
    }
    at = load_data_page({"auth": auth})
    assert_clean(at)
    assert [b.label for b in at.button] == ["Sign in to load data"]
    assert not at.get("file_uploader") and not at.text_input and not at.info


# ---- uploading, in a private tree ------------------------------------------------------------------------------


def in_tree(paths: DataPaths, scenario, *args, **kwargs):
    """`scenario(*args, **kwargs)`'s result, run in a fresh Python that reads and writes `paths` as its data."""
    # Inherited by the process started next; its Streamlit, outside `streamlit run`, would warn on every call.
    settings = {"BOROUGH_INSIGHT_DATA": str(paths.data), "STREAMLIT_LOGGER_LEVEL": "error"}
    return run_in_fresh_python(settings, scenario, *args, **kwargs)


def _upload(name: str, data: bytes, *, confirm: bool) -> dict:
    """In the fresh Python: another session on the health page, then the upload through the page's uploader."""
    from loaders.paths import DEFAULT

    assert "BOROUGH_INSIGHT_DATA" in os.environ and DEFAULT.data != ROOT / "data"
    other = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    other.switch_page("pages/health.py").run()
    seen: dict = {"other before": headings(other)}

    at = load_data_page({"upload_token": TOKEN})
    at.text_input[0].input(TOKEN).run()
    at.get("file_uploader")[0].set_value((name, data, "text/csv")).run()
    seen |= {
        "errors": [e.value for e in at.error],
        "infos": [e.value for e in at.info],
        "exceptions": [e.value for e in at.exception],
        "metrics": {m.label: m.value for m in at.metric},
        "tables": [list(t.value.columns) for t in at.dataframe],
        "buttons": [b.label for b in at.button],
    }
    if confirm:
        next(b for b in at.button if b.label == "Add these figures to the tables").click().run()
        seen |= {"success": [s.value for s in at.success], "uploaders": len(at.get("file_uploader"))}
        other.run()  # the other session's next run: no restart
        seen["other after"] = headings(other)
    return seen


def _state(paths: DataPaths) -> dict[str, bytes]:
    files = [p for folder in (paths.tables, paths.data / "incoming") for p in sorted(folder.rglob("*")) if p.is_file()]
    return {str(p.relative_to(paths.data)): p.read_bytes() for p in files}


def test_a_release_uploaded_is_previewed_confirmed_and_seen_by_another_session(without_injuries):
    seen = in_tree(without_injuries, _upload, RELEASE.name, RELEASE.read_bytes(), confirm=True)

    assert not seen["errors"] and not seen["exceptions"], seen
    # The file's 36 records (12 years, persons, male and female) are all new to a tree without the release.
    assert seen["metrics"] == {"Figures added": "36", "Figures replaced": "0", "Unchanged": "0", "Superseded": "0"}
    assert seen["tables"] == [["Change", "Indicator", "Area", "Period", "Breakdown", "Before", "After"]]
    assert "Add these figures to the tables" in seen["buttons"]
    (success,) = seen["success"]
    assert success.startswith(f"**{md(RELEASE.name)}** is loaded, as `data/incoming/{RELEASE.name}`.")
    assert seen["uploaders"] == 1  # a new, empty uploader: the preview is gone
    assert not any(h.startswith(INJURIES) and "2023/24" in h for h in seen["other before"])
    assert any(h.startswith(INJURIES) and "2023/24" in h for h in seen["other after"]), seen["other after"]
    assert (without_injuries.data / "incoming" / RELEASE.name).read_bytes() == RELEASE.read_bytes()


def test_a_refused_upload_shows_its_problem_and_changes_nothing(without_injuries):
    before = _state(without_injuries)
    seen = in_tree(without_injuries, _upload, "empty.csv", b"", confirm=False)
    refusal = (
        f"**{md('empty.csv')} cannot be loaded**, so nothing was changed:\n\n- {md('empty.csv: the file is empty')}"
    )
    assert seen["errors"] == [refusal]
    assert not seen["exceptions"] and not seen["metrics"] and "Add these figures to the tables" not in seen["buttons"]
    assert _state(without_injuries) == before


# ---- files that would change nothing: said so, never offered ------------------------------------------------------


def shipped_injuries(paths: DataPaths) -> str:
    """The shipped injury admissions release, as the page names it."""
    return paths.relative(next((paths.data / "releases" / SHIPPED_INJURIES).glob("*.csv")))


def test_a_loaded_release_resaved_with_crlf_is_not_offered_and_says_which_release_it_is(data_copy):
    shipped = shipped_injuries(data_copy)
    original = (data_copy.data / shipped.removeprefix("data/")).read_bytes()
    assert b"\r" not in original  # shipped with LF line endings
    before = _state(data_copy)

    seen = in_tree(data_copy, _upload, "injuries.csv", original.replace(b"\n", b"\r\n"), confirm=False)

    assert not seen["errors"] and not seen["exceptions"], seen
    why = (
        f"it is the same release as {shipped}: its figures are identical, and it differs only in its line endings "
        "(CRLF, where that file has LF)"
    )
    assert seen["infos"] == [f"**{md('injuries.csv')} changes nothing**, so it is not offered for loading: {md(why)}."]
    assert ADD not in seen["buttons"] and not seen["metrics"]
    assert _state(data_copy) == before


def test_a_file_whose_every_figure_is_loaded_shows_its_counts_and_is_not_offered(data_copy):
    before = _state(data_copy)

    seen = in_tree(data_copy, _upload, OTHER_PARENT.name, OTHER_PARENT.read_bytes(), confirm=False)

    assert not seen["errors"] and not seen["exceptions"], seen
    # Its 38 records (Bromley: Persons, Male and Female, 2010/11 to 2023/24), each a figure the shipped file gives.
    assert seen["metrics"] == {"Figures added": "0", "Figures replaced": "0", "Unchanged": "38", "Superseded": "0"}
    why = f"every figure it gives is already loaded, with the same value, from {shipped_injuries(data_copy)}"
    assert seen["infos"] == [
        f"**{md(OTHER_PARENT.name)} changes nothing**, so it is not offered for loading: {md(why)}."
    ]
    assert ADD not in seen["buttons"]
    assert _state(data_copy) == before
