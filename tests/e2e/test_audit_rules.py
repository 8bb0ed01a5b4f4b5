"""The accessibility tests' judgements on made-up readings, and the baseline app read from dashboard.py: quick."""

from __future__ import annotations

import textwrap

from tests.e2e.audit import (
    ambiguous_names,
    describe_violations,
    heading_skips,
    new_violations,
    shared_titles,
    weak_focus,
)
from tests.e2e.baseline import BASELINE_SCRIPT, navigation, page_config, write_baseline
from tests.e2e.server import page_count

# --- axe violations against the baseline ---------------------------------------------------------------------------


def violation(rule: str, *wheres: str, impact: str = "serious") -> dict:
    nodes = [{"target": f"#n{i}", "html": f"<li id='n{i}'>", "summary": "Fix any:\n  Reason", "where": w}
             for i, w in enumerate(wheres)]  # fmt: skip
    return {"id": rule, "impact": impact, "help": f"help for {rule}", "helpUrl": f"https://x/{rule}", "nodes": nodes}


SIDEBAR_LI = "sidebar stSidebarNavItems li"


def test_a_rule_the_baseline_breaks_in_the_same_place_is_excused():
    baseline = [violation("listitem", SIDEBAR_LI)]
    assert new_violations([violation("listitem", SIDEBAR_LI, SIDEBAR_LI)], baseline) == []


def test_new_rules_and_new_places_are_not_excused():
    baseline = [violation("listitem", SIDEBAR_LI)]
    found = [violation("listitem", SIDEBAR_LI, "main stMarkdownContainer li"), violation("color-contrast", "main x p")]
    fresh = new_violations(found, baseline)
    assert [v["id"] for v in fresh] == ["listitem", "color-contrast"]
    assert [n["where"] for n in fresh[0]["nodes"]] == ["main stMarkdownContainer li"]


def test_the_description_names_rule_impact_help_and_five_nodes():
    lines = describe_violations([violation("color-contrast", *["main stMarkdownContainer span"] * 7)])
    text = "\n".join(lines)
    assert lines[0].startswith("color-contrast (serious): help for color-contrast. 7 node(s).")
    assert text.count("    at #n") == 5 and "#n4" in text and "#n5" not in text
    assert "<li id='n0'>" in text and "Reason" in text and "... and 2 more" in text


# --- titles, headings, names ---------------------------------------------------------------------------------------


def test_shared_titles():
    assert shared_titles({"a": "A · App", "b": "B · App"}) == []
    [line] = shared_titles({"a": "App", "b": "App", "c": "C"})
    assert line == "2 pages are all titled 'App': a, b"


def levels(*numbers: int) -> list[dict]:
    return [{"level": n, "text": f"heading {i}"} for i, n in enumerate(numbers)]


def test_heading_skips():
    assert heading_skips(levels(1, 2, 3, 2, 3, 3, 1, 2)) == []
    assert heading_skips([]) == []
    [skip] = heading_skips(levels(1, 3))
    assert skip == "h3 'heading 1' follows h1 'heading 0': h2 is skipped"
    [start] = heading_skips(levels(2, 3))
    assert "follows the start of the main area: h1 is skipped" in start
    assert len(heading_skips(levels(1, 4, 4, 2, 4))) == 2


def control(role: str, name: str, href: str | None = None, where: str = "main stPageLink-NavLink a") -> dict:
    return {"role": role, "name": name, "href": href, "where": where, "html": ""}


def test_links_of_one_name_may_share_a_place_not_go_to_two():
    same = [control("link", "Population", "http://127.0.0.1:1/population")] * 2
    assert ambiguous_names(same) == []
    two = [*same, control("link", "Population", "http://127.0.0.1:1/diversity")]
    [line] = ambiguous_names(two)
    assert line == "3 links named 'Population' go to 2 different places: /population, /diversity"


def test_buttons_may_not_share_a_name_unless_the_bare_app_draws_them():
    expanders = [control("button", "Show the data", where="main stExpander summary")] * 2
    [line] = ambiguous_names(expanders)
    assert line == "2 buttons named 'Show the data' (main stExpander summary)"
    zoom = [control("button", "Zoom", where="main stPlotlyChart button")] * 3
    assert ambiguous_names(zoom, {("button", "main stPlotlyChart button", "Zoom")}) == []
    assert ambiguous_names([control("button", "")] * 2) == []  # a missing name is axe's button-name rule


def stop(where: str, label: str, focused: dict, unfocused: dict | None = None, canvas: bool = False) -> dict:
    base = {"outlineStyle": "none", "outlineWidth": "0px", "outlineColor": "rgb(0, 0, 0)", "outlineOffset": "0px",
            "boxShadow": "none", "backgroundColor": "rgba(0, 0, 0, 0)"}  # fmt: skip
    entry = {"focused": {**base, **focused}, "unfocused": {**base, **(unfocused or {})}, "behind": []}
    return {"where": where, "label": label, "html": "", "canvas": canvas, "chain": [entry]}


def test_weak_focus_groups_stops_by_element_and_finding():
    ring = {"boxShadow": "rgba(0, 114, 178, 0.5) 0px 0px 0px 3.2px"}
    good = {"outlineStyle": "solid", "outlineWidth": "2px", "outlineColor": "rgb(26, 26, 26)"}
    records = [
        stop("main stExpander summary", "Show the data", ring),
        stop("main stExpander summary", "Show the data", ring),
        stop("main stPlotlyChart button", "Zoom", good),
        stop("main stExpander summary", "Notes", ring),
        stop("main stPageLink-NavLink a", "See the figures", {}),
        stop("main data-grid-canvas canvas", "", {}, canvas=True),
    ]
    lines, short, measured = weak_focus(records)
    assert (short, measured) == (4, 5)
    assert lines[0] == (
        "main stExpander summary (3 stop(s): 1-2, 4; 'Show the data', 'Notes'): "
        "box-shadow 3.2px #80B8D8: 2.14:1 against #FFFFFF"
    )
    assert lines[1].startswith("main stPageLink-NavLink a (1 stop(s): 5; 'See the figures'): no focus indicator")


# --- the baseline app ----------------------------------------------------------------------------------------------


def test_the_baseline_lists_every_page_of_dashboard_py_in_its_groups():
    entries = navigation()
    assert len([e for e in entries if e.visibility != "hidden"]) == page_count()
    assert len({e.url_path for e in entries}) == len(entries)
    assert sum(e.default for e in entries) <= 1
    assert all(e.title and (e.group or e.visibility == "hidden") for e in entries)
    assert page_config().get("page_title")


def test_navigation_reads_a_plain_list_and_falls_back_to_file_names(tmp_path):
    app = tmp_path / "app.py"
    app.write_text(
        textwrap.dedent(
            """
            import streamlit as st
            TITLE = "Computed"
            st.set_page_config(page_title="An app", layout="wide", page_icon="icon.png")
            st.navigation([
                st.Page("pages/first_page.py", title=TITLE, icon=":material/home:"),
                # st.Page("pages/commented.py"),
                st.Page(page="pages/second.py", title="Second", url_path="two", default=True),
            ]).run()
            """
        )
    )
    first, second = navigation(app)
    assert (first.group, first.title, first.icon, first.url_path, first.default) == (
        "", "first page", ":material/home:", "first_page", False
    )  # fmt: skip
    assert (second.title, second.url_path, second.default) == ("Second", "two", True)
    assert page_config(app) == {"page_title": "An app", "layout": "wide"}


def test_write_baseline_writes_a_script_and_the_project_config(tmp_path):
    script = write_baseline(tmp_path)
    assert script == tmp_path / BASELINE_SCRIPT
    compile(script.read_text(encoding="utf-8"), str(script), "exec")
    assert (tmp_path / ".streamlit" / "config.toml").exists()
    assert not (tmp_path / "pages").exists()  # Streamlit's `pages/` folder convention must stay off
