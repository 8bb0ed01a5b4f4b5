"""Load data, with the token: the audit record as a table, a release added to data/incoming/ previewed for removal
(what disappears, which older figures come back), removed, and put back, each step in the record; a confirm made
stale by another session's change shows the fresh preview instead, and the next confirm removes.

As in test_load_data.py, the sessions run in a fresh Python whose data tree is a private, built copy.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from insight.text import md
from loaders.intake import audit, upload
from tests.conftest import FIXTURES
from tests.pages.test_load_data import TOKEN, in_tree, load_data_page

pytestmark = pytest.mark.builds

INCOMING = FIXTURES / "releases" / "incoming"
OLDER = INCOMING / "fingertips_bromley_to_2020_21_revised.csv"  # Bromley to 2020/21; Persons 2020/21 revised
NEWER = INCOMING / "fingertips_bromley_2012_13_to_2023_24.csv"  # Bromley 2012/13 to 2023/24, as published
AUDIT = "Loaded and removed from the dashboard"


def signed_in() -> AppTest:
    at = load_data_page({"upload_token": TOKEN, "upload_token_label": "analysts' token"})
    at.text_input[0].input(TOKEN).run()
    return at


def seen(at: AppTest) -> dict:
    """What the page shows, in plain values a parent process can compare."""
    return {
        "exceptions": [e.value for e in at.exception],
        "errors": [e.value for e in at.error],
        "warnings": [e.value for e in at.warning],
        "success": [e.value for e in at.success],
        "subheaders": [h.value for h in at.subheader],
        "metrics": {m.label: m.value for m in at.metric},
        "tables": [t.value.to_dict("records") for t in at.dataframe],
        "buttons": [b.label for b in at.button],
        "choices": [list(s.options) for s in at.selectbox],
    }


def click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def _remove_and_restore(stored: str) -> list[dict]:
    at = signed_in()
    steps = [seen(at)]
    at.selectbox[0].select(stored).run()  # the release to remove
    steps.append(seen(at))
    steps.append(seen(click(at, "Remove it from the tables")))
    at.selectbox[-1].select(at.selectbox[-1].options[0]).run()  # the removed release, to put back
    steps.append(seen(at))
    steps.append(seen(click(at, "Put it back")))
    return steps


def test_the_page_shows_the_record_and_removes_and_restores_a_release(without_injuries):
    assert upload.apply(OLDER.name, OLDER.read_bytes(), without_injuries, who="older@example.org").ok
    assert upload.apply(NEWER.name, NEWER.read_bytes(), without_injuries, who="newer@example.org").ok
    stored = f"data/incoming/{NEWER.name}"

    first, chosen, removed, to_restore, restored = in_tree(without_injuries, _remove_and_restore, stored)

    for step in (first, chosen, removed, to_restore, restored):
        assert not step["exceptions"] and not step["errors"], step
    # ---- the record, newest first, and the releases that can be removed --------------------------------------
    assert first["subheaders"] == ["Remove a release", AUDIT]
    assert first["choices"] == [[stored, f"data/incoming/{OLDER.name}"]]  # by name; no shipped release offered
    (record,) = first["tables"]
    assert [(r["Who"], r["Action"], r["File"], r["Figures added"], r["Figures replaced"]) for r in record] == [
        ("newer@example.org", "Loaded", NEWER.name, "9", "1"),
        ("older@example.org", "Loaded", OLDER.name, "29", "0"),
    ]
    # ---- the removal's preview: NEWER alone gives 2021/22 to 2023/24; OLDER's 27 others come back --------------
    assert chosen["metrics"] == {"Figures removed": "9", "Older figures back": "27", "Of those, another value": "1"}
    changes, _ = chosen["tables"]
    assert [(c["Change"], c["Period"], c["Before"], c["After"]) for c in changes if c["Change"] == "Returned"] == [
        ("Returned", "2020/21", "68.07021", "50.0234")
    ]
    assert sum(c["Change"] == "Removed" for c in changes) == 9
    assert "Remove it from the tables" in chosen["buttons"]
    # ---- removed: said so, kept, recorded -------------------------------------------------------------------
    (success,) = removed["success"]
    assert "is removed from the tables and kept as `data/removed/" in success and "9 figures removed" in success
    assert removed["subheaders"] == ["Remove a release", "Put a removed release back", AUDIT]
    assert removed["tables"][0][0]["Action"] == "Removed" and removed["tables"][0][0]["Who"] == "analysts' token"
    assert removed["tables"][0][0]["Figures removed"] == "9"
    assert removed["tables"][0][0]["Older figures back"] == "27"
    # ---- put back: the upload preview of the kept file, then recorded -----------------------------------------
    assert to_restore["metrics"] == {
        "Figures added": "9",
        "Figures replaced": "1",
        "Unchanged": "26",
        "Superseded": "0",
    }
    assert restored["success"][0].startswith(f"**{md(NEWER.name)}** is back")
    assert [e["action"] for e in audit.read(without_injuries)] == ["restore", "remove", "upload", "upload"]
    assert (without_injuries.data / "incoming" / NEWER.name).read_bytes() == NEWER.read_bytes()


def _stale_removal(newer: str, older: str) -> list[dict]:
    """Session A previews removing NEWER; another session removes OLDER meanwhile; A confirms, then again."""
    from loaders.intake import removal
    from loaders.paths import DEFAULT

    at = signed_in()
    at.selectbox[0].select(newer).run()
    steps = [seen(at)]
    assert removal.remove(older, DEFAULT, who="b@example.org").ok  # the other session, between preview and confirm
    steps.append(seen(click(at, "Remove it from the tables")))  # stale: the fresh preview
    steps.append(seen(click(at, "Remove it from the tables")))
    return steps


def test_a_confirm_made_stale_by_another_session_shows_the_fresh_preview_then_removes(without_injuries):
    assert upload.apply(OLDER.name, OLDER.read_bytes(), without_injuries, who="older@example.org").ok
    assert upload.apply(NEWER.name, NEWER.read_bytes(), without_injuries, who="newer@example.org").ok
    newer, older = f"data/incoming/{NEWER.name}", f"data/incoming/{OLDER.name}"

    previewed, stale, removed = in_tree(without_injuries, _stale_removal, newer, older)

    for step in (previewed, stale, removed):
        assert not step["exceptions"] and not step["errors"], step
    # With OLDER in the tables, 27 of NEWER's figures would come back from it; with OLDER gone, none can.
    assert previewed["metrics"]["Older figures back"] == "27"
    assert any("changed since your preview" in w for w in stale["warnings"]), stale["warnings"]
    assert stale["metrics"]["Older figures back"] == "0"
    assert int(stale["metrics"]["Figures removed"]) > int(previewed["metrics"]["Figures removed"])
    assert [entry["action"] for entry in audit.read(without_injuries)][:2] == ["remove", "remove"]
    assert [entry["who"] for entry in audit.read(without_injuries)][:2] == ["analysts' token", "b@example.org"]
    assert removed["choices"][0] == [] or newer not in removed["choices"][0]
