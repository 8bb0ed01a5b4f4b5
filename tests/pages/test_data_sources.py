"""Data and sources: every figure with its quote, searchable by whole words, its choice kept in the link, any row
readable in full, downloadable, with the text's problems and sums listed in words.

Counts are never typed here: they come from the curated files (read with the csv module), so adding a valid
figure, problem or check never breaks a test.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from insight.areas import HOME_ROLE
from insight.catalogue import Selection
from insight.labels import label
from insight.text import md as escape
from loaders.paths import ROOT
from tests.pages.conftest import assert_clean, open_page

PAGE = "pages/data_sources.py"
NOT_FIGURES = {"village", "services", "levels_of_need", "data_quality"}


def curated(path: str) -> list[dict]:
    with (ROOT / "data" / path).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def curated_figures() -> list[dict]:
    """Every published figure: the rows of the theme files in data/sources/."""
    files = sorted(p for p in (ROOT / "data" / "sources").glob("*.csv") if p.stem not in NOT_FIGURES)
    return [row for p in files for row in curated(f"sources/{p.name}")]


def titles() -> dict[str, str]:
    return {row["indicator_id"]: row["title"] for row in curated("metadata/indicators.csv")}


def has_words(text: str, *wanted: str) -> bool:
    """An oracle independent of the page's matcher: each word appears whole (any case)."""
    return all(re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text, re.IGNORECASE) for word in wanted)


def shown_text(row: pd.Series) -> str:
    return " ".join(str(value) for value in row.to_numpy())


def open_link(**params) -> AppTest:
    """Open the page from a link with a query string, as a person following a shared link."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(PAGE).run()


def select_row(at: AppTest, key: str, row: int) -> AppTest:
    at.session_state[key] = {"selection": {"rows": [row], "columns": []}}
    return at.run()


def detail_text(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**") and "\n\n" in m.value]


def test_lists_every_curated_figure_with_its_quote_and_source_under_headers_in_words():
    at = open_page(PAGE)
    assert_clean(at)
    table = at.dataframe[0].value
    expected = len(curated_figures())
    assert len(table) == expected
    assert {"Figure", "Area", "Period", "Value", "Status", "Quote", "Section", "Source", "Curated at"} <= set(table)
    assert f"**{expected:,} of {expected:,} of the strategy's figures**" in [m.value for m in at.markdown]
    assert sorted(table["Quote"]) == sorted(row["quote"] for row in curated_figures())


TABS = ["Every figure", "Data quality", "The strategy's arithmetic", "Sources", "Indicators"]


def open_tab(at, label: str):
    """Open one of the page's tabs, as a click does (the others are drawn only when open)."""
    at.session_state["tab"] = label
    return at.run()


def test_a_tab_is_drawn_only_when_open_and_the_search_always():
    at = open_page(PAGE)
    assert [t.label for t in at.tabs] == TABS
    assert len(at.dataframe) == 1  # the figures; the other tabs' tables are not drawn yet
    open_tab(at, "Sources")
    assert len(at.dataframe) == 2 and "Link" in at.dataframe[1].value.columns
    assert at.text_input(key="q").value == ""  # the search is still there


def test_a_link_opens_a_tab_and_the_open_tab_and_the_search_share_the_link():
    at = open_link(tab="Data quality", q="referrals")
    assert_clean(at)
    assert at.session_state["tab"] == "Data quality"
    assert len(at.dataframe) == 3  # the strategy's figures the search finds, the published ones, and the problems
    problems = len(at.dataframe[-1].value)
    assert problems > 0 and [m for m in at.markdown if m.value.startswith(f"**{problems} problems in the text**")]
    at.text_input(key="q").input("looked after").run()
    # The search writes its own keys and leaves the tab's (it used to replace the whole query).
    assert at.query_params["q"] == "looked after" and at.query_params["tab"] == "Data quality"


def test_no_internal_id_is_shown_in_any_table_or_filter():
    at = open_page(PAGE)
    coded = ["Status", "Theme", "Unit", "Breakdown", "Problem", "Kind", "Adds up", "Which is better"]
    frames = [at.dataframe[0].value] + [open_tab(at, tab).dataframe[-1].value for tab in TABS[1:]]
    assert len(frames) == len(TABS)
    for frame in frames:
        assert not [c for c in frame.columns if "_" in c or c != c.strip() or not c[0].isupper()], list(frame.columns)
        for column in set(coded) & set(frame.columns):
            ids = {v for v in frame[column].dropna() if re.search(r"_|^[a-z]|^(True|False)$", str(v))}
            assert not ids, (column, ids)
    for key in ("theme", "status"):
        options = at.multiselect(key=key).options
        assert options and not [o for o in options if "_" in o], options
    themes = {row["theme"] for row in curated("metadata/indicators.csv")}
    assert set(at.multiselect(key="theme").options) == {label("theme", t) for t in themes}
    assert "Bromley" in at.multiselect(key="area").options


def test_bromley_y_finds_the_bromley_y_figures_not_every_figure_with_a_y():
    at = open_page(PAGE)
    at.text_input(key="q").input("Bromley Y").run()
    table = at.dataframe[0].value
    bromley_y = [row for row in curated_figures() if row["indicator_id"].startswith("bromley_y_")]
    names = titles()
    assert {"bromley_y_referrals", "bromley_y_referrals_expected"} <= {row["indicator_id"] for row in bromley_y}
    assert sorted(names[row["indicator_id"]] for row in bromley_y) == sorted(
        table.loc[table["Figure"].str.contains("Bromley Y"), "Figure"]
    )
    assert len(table) < len(curated_figures()) / 10
    assert all(has_words(shown_text(row), "Bromley", "Y") for _, row in table.iterrows())


def test_a_period_finds_every_figure_of_that_period():
    at = open_page(PAGE)
    at.text_input(key="q").input("2019/20").run()
    table = at.dataframe[0].value
    of_period = [row for row in curated_figures() if row["period"] == "2019/20"]
    assert of_period and len(table[table["Period"] == "2019/20"]) == len(of_period)
    assert all(re.search(r"2019\W20\b", shown_text(row)) for _, row in table.iterrows())


def test_search_and_filters_narrow_the_figures_and_the_link_keeps_them():
    at = open_page(PAGE)
    at.text_input(key="q").input("referrals").run()
    referrals = at.dataframe[0].value
    assert 0 < len(referrals) < len(curated_figures())
    assert all(
        has_words(shown_text(row), "referral") or has_words(shown_text(row), "referrals")
        for _, row in referrals.iterrows()
    )
    assert at.query_params == {"q": "referrals"}
    at.multiselect(key="status").set_value(["projected"]).run()
    at.multiselect(key="area").set_value(["E09000006"]).run()
    table = at.dataframe[0].value
    names = titles()
    assert {names["bromley_y_referrals_expected"]} <= set(table["Figure"]) <= set(referrals["Figure"])
    assert set(table["Status"]) == {"Projected"} and set(table["Area"]) == {"Bromley"}
    assert f"**{len(table)} of {len(curated_figures()):,} of the strategy's figures**" in [m.value for m in at.markdown]
    assert at.query_params == {"q": "referrals", "status": "projected", "area": "E09000006"}
    at.text_input(key="q").input("").run()
    at.multiselect(key="status").set_value([]).run()
    assert at.query_params == {"area": "E09000006"}


def test_a_link_restores_its_search_and_filters():
    at = open_link(q="referrals", theme="social_care", status=["observed", "approximate"], area="E09000006")
    assert_clean(at)
    assert at.text_input(key="q").value == "referrals"
    assert at.multiselect(key="theme").value == ["social_care"]
    assert at.multiselect(key="status").value == ["observed", "approximate"]
    assert at.multiselect(key="area").value == ["E09000006"]
    table = at.dataframe[0].value
    chosen = [
        row
        for row in curated("sources/social_care.csv")
        if row["status"] in ("observed", "approximate") and row["area_code"] == "E09000006"
    ]
    named = titles()
    about_referrals = [r for r in chosen if has_words(f"{r['quote']} {named[r['indicator_id']]}", "referrals")]
    assert 0 < len(about_referrals) <= len(table) <= len(chosen)
    assert set(table["Theme"]) == {"Children's social care"} and set(table["Status"]) <= {"Published", "Approximate"}
    assert not at.warning


def test_unknown_values_in_a_link_are_named_and_left_out_never_a_traceback():
    at = open_link(theme=["sport", "health"], status="guessed", area="E09000006,XX")
    assert_clean(at)
    (warning,) = at.warning
    for named in ('theme "sport"', 'status "guessed"', 'area "XX"'):
        assert named in warning.value
    assert "health" not in warning.value
    assert at.multiselect(key="theme").value == ["health"] and at.multiselect(key="status").value == []
    assert set(at.dataframe[0].value["Theme"]) == {"Health and wellbeing"}
    assert at.query_params == {"theme": "health", "area": "E09000006"}
    at.text_input(key="q").input("births").run()  # the note stays while the person reads on
    assert len(at.warning) == 1 and 'theme "sport"' in at.warning[0].value


def test_selecting_a_figure_shows_all_of_it():
    at = open_page(PAGE)
    table = at.dataframe[0].value
    assert not detail_text(at)
    longest = int(table["Quote"].str.len().idxmax())
    row = table.iloc[longest]
    (shown,) = detail_text(select_row(at, "figure_rows", longest))
    assert shown.startswith(f"**{escape(row['Figure'])}**")
    for name in ("Quote", "Definition", "Section", "Source", "Curated at", "Value as written", "Status"):
        assert escape(row[name]) in shown, name
    assert len(row["Quote"]) > 200  # the longest quote is longer than a table cell shows


def test_the_downloads_hold_the_figures_found_with_numbers_as_written():
    from components import data

    at = open_page(PAGE)
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"Download these figures (CSV)", "Download these figures (Parquet)"} <= set(labels)
    found = data.catalogue(Selection())
    assert len(found.rows) == len(curated_figures())
    frame = pd.read_csv(io.BytesIO(found.csv))
    assert len(frame) == len(found.rows)
    assert {"definition", "status", "value_as_written", "quote", "section", "source", "area", "period"} <= set(frame)
    assert frame["value"].astype(float).equals(found.rows["value"].astype(float))
    rows = list(csv.DictReader(io.StringIO(found.csv.decode("utf-8"), newline="")))
    numbers = [row[c] for row in rows for c in ("value", "lower", "upper") if row[c]]
    assert numbers and not [n for n in numbers if n.endswith(".0")]
    whole = {row["value"] for row in curated_figures() if row["value"] and "." not in row["value"]}
    assert whole and whole <= set(numbers)  # 72800 as curated, not 72800.0
    parquet = pd.read_parquet(io.BytesIO(found.parquet))
    assert parquet["value"].astype(float).equals(found.rows["value"].astype(float))


def test_lists_the_data_quality_problems_in_words_and_each_in_full():
    at = open_page(PAGE)
    checks = curated("metadata/arithmetic_checks.csv")
    arithmetic = open_tab(at, "The strategy's arithmetic").dataframe[-1].value
    assert len(arithmetic) == len(checks)
    failed = int((arithmetic["Adds up"] == "No").sum())
    assert f"**{len(checks) - failed} of {len(checks)}**" in " ".join(m.value for m in at.markdown)
    quality = open_tab(at, "Data quality").dataframe[-1].value
    differ = int((quality["Problem"] == "The strategy and a publisher differ").sum())
    assert len(quality) == len(curated("sources/data_quality.csv")) + failed + differ
    assert {"Sum does not add up", "Conflicting values"} <= set(quality["Problem"])
    longest = int(quality["Explanation"].str.len().idxmax())
    (shown,) = detail_text(select_row(at, "quality_rows", longest))
    issue = quality.iloc[longest]
    assert escape(issue["Explanation"]) in shown and escape(issue["Handling"]) in shown
    for quote in issue["Quotes"].split(" / "):
        assert f"> {escape(quote)}" in shown


def test_everything_downloads_as_one_zip_made_only_when_asked_and_once_per_build(deferred_files):
    import zipfile

    asked = deferred_files
    at = open_page(PAGE)
    assert_clean(at)
    (button,) = [b for b in at.get("download_button") if b.proto.label == "Download everything (zip)"]
    assert not button.proto.url  # nothing is made until someone clicks
    name, mime, make = asked[button.proto.deferred_file_id]
    assert (name, mime) == ("bromley-early-help_all-tables.zip", "application/zip")
    payload = make()
    assert make() is payload  # kept once per build, shared by every session
    assert {"datapackage.json", "README.md", "tables/observations.csv"} <= set(
        zipfile.ZipFile(io.BytesIO(payload)).namelist()
    )


def test_search_finds_the_published_figures_too_each_with_its_file_and_line():
    """'343' finds Bromley's children looked after at 31 March 2025 in the DfE's file, first among the areas."""
    (path,) = (ROOT / "data" / "releases" / "dfe_ees_cla_rate_per_10k").glob("*.csv")
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    home = curated("metadata/areas.csv")
    (bromley,) = [a for a in home if a["role"] == HOME_ROLE]
    lines = {n + 2: r for n, r in enumerate(rows)}
    wanted = [
        (line, r)
        for line, r in lines.items()
        if r["new_la_code"] == bromley["area_code"] and r["population_type"].startswith("Children looked after on")
    ]
    line, newest = max(wanted, key=lambda item: item[1]["time_period"])
    at = open_link(q=newest["children_count"])
    assert_clean(at)
    (table,) = [d for d in at.dataframe if "File and line" in d.value.columns]
    found = table.value
    assert (found["Area"] == bromley["area_name"]).iloc[0]  # the home area first
    match = found[found["File and line"].str.endswith(f", line {line}")]
    assert len(match) == 1 and match["Value"].iloc[0] == newest["children_count"]
    assert match["Figure"].iloc[0] == "Children looked after on 31 March"
    said = [m.value for m in at.markdown if "published figures**" in m.value]
    assert said and re.match(r"\*\*[\d,]+ of [\d,]+ published figures\*\*", said[0])


def test_without_words_or_an_area_the_published_figures_are_counted_not_listed():
    at = open_page(PAGE)
    assert not [d for d in at.dataframe if "File and line" in d.value.columns]
    assert any("published figures too" in c.value for c in at.caption)


def test_where_the_strategy_and_a_linked_release_differ_for_one_period_a_note_names_both():
    """Re-referrals in 2019/20: the strategy's figure (curated) and the DfE's for the same year (the shipped C1 file,
    read with the csv module) differ by more than the strategy's rounding, so Data quality names both."""
    stated = [r for r in curated("sources/social_care.csv")
              if (r["indicator_id"], r["period"]) == ("re_referrals_share", "2019/20")]  # fmt: skip
    (path,) = (ROOT / "data" / "releases" / "dfe_ees_cin_referrals_c1").glob("*.csv")
    home = next(a for a in curated("metadata/areas.csv") if a["role"] == HOME_ROLE)["area_code"]
    with path.open(encoding="utf-8-sig", newline="") as file:
        (published,) = [r["Re_referrals_percent"] for r in csv.DictReader(file)
                        if r["new_la_code"] == home and r["time_period"] == "2020"]  # fmt: skip
    assert abs(float(published) - float(stated[0]["value"])) > 0.5
    quality = open_tab(open_page(PAGE), "Data quality").dataframe[-1].value
    notes = quality[quality["Problem"] == "The strategy and a publisher differ"]
    summaries = " ".join(notes["Summary"])
    assert (
        f"2019/20: the strategy says {stated[0]['value_text']}; the Department for Education gives {published}%"
        in summaries
    )
