"""Education: results against England, and gaps drawn as gaps with a row per period; one tab a section, only the
open one drawn, and the open one in the link."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.blocks import EXPORTS
from insight.areas import HOME_ROLE
from loaders.paths import ROOT
from tests import curated
from tests.pages.conftest import (
    assert_clean,
    assert_each_tab_draws_its_own_charts,
    chart,
    chart_ids,
    heading,
    headings,
    open_menus,
    open_page,
    page_charts,
    page_sections,
    section_charts,
    sections,
    values,
)

PAGE = "pages/education.py"


def open_section(name: str | None = None) -> AppTest:
    """The page with one section's tab open (the first if None), as a click on the tab does."""
    at = open_page(PAGE)
    if name is not None:
        at.session_state["section"] = name
        at.run()
    return at


@pytest.fixture(scope="module")
def page():
    return open_section()


@pytest.fixture(scope="module")
def gaps():
    return open_section("The gaps")


def test_one_tab_a_section_and_each_draws_its_own_charts_with_their_messages():
    assert_each_tab_draws_its_own_charts(open_section(), "education")


def test_a_link_opens_its_section():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.query_params["section"] = "The gaps"
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert sections(at) == ["The gaps"]
    assert chart_ids(at) == [c.id for c in section_charts("education", "The gaps")]


def test_results_compare_the_home_area_with_england(page):
    attainment = chart(page, "education.attainment8")
    assert values(attainment["data"][0]["x"]) == [
        curated.value("attainment8", "2019", role=r) for r in (HOME_ROLE, "country")
    ]
    home, england = (curated.figure("attainment8", "2019", role=r)["value_text"] for r in (HOME_ROLE, "country"))
    assert headings(page)[0] == (
        f"Average Attainment 8 score: {home} in {curated.home()['area_name']} in 2019, higher than in England ({england})"
    )


@pytest.mark.parametrize(
    ("chart_id", "group"),
    [
        ("education.early_learning_fsm_gap", "FSM eligible"),
        ("education.early_learning_black_heritage_gap", "Black heritage"),
    ],
)
def test_each_early_years_gap_has_a_row_per_year_and_its_published_gap(gaps, chart_id, group):
    gap = chart(gaps, chart_id)
    years = [row["period"] for row in curated.figures("early_learning_goals_gap") if row["breakdown"] == group]
    assert gap["layout"]["yaxis"]["ticktext"] == years  # 2013 and 2019 on rows of their own
    dots = [t for t in gap["data"] if t.get("mode") == "markers+text"]
    assert all(values(t["y"]) == list(range(len(years))) for t in dots)
    notes = [a for a in gap["layout"]["annotations"]]
    assert [a["y"] for a in notes] == list(range(len(years)))  # each note on its own row
    published = [curated.figure("early_learning_goals_gap", year, group)["value"] for year in years]
    assert [a["text"].replace("<br>", " ") for a in notes] == [
        f"gap {v} percentage points (published)" for v in published
    ]


def test_the_attainment_gap_is_derived_and_says_so(gaps):
    a8 = chart(gaps, "education.attainment8_fsm_gap")
    fsm = [curated.value("attainment8", p, "FSM eligible") for p in ("2015-16", "2019-20")]
    rest = [curated.value("attainment8", p, "all other pupils") for p in ("2015-16", "2019-20")]
    assert [a["text"].replace("<br>", " ") for a in a8["layout"]["annotations"]] == [
        f"gap {r - f:.1f} points (derived: {r:g} − {f:g})" for f, r in zip(fsm, rest, strict=True)
    ]
    assert headings(gaps)[0].endswith(
        f"from {rest[0] - fsm[0]:.1f} to {rest[1] - fsm[1]:.1f} points (derived from the published scores)"
    )


def test_a_charts_data_and_exports_are_drawn_only_once_opened(page):
    closed = [e.label for e in page.expander]
    assert closed == [
        f"Data and export: {chart.what}" for chart in section_charts("education", page_sections("education")[0])
    ]
    assert not page.get("popover")  # one menu a chart: each element is a message on every rerun
    assert not page.dataframe and not page.get("download_button")
    opened = open_menus(open_page("pages/education.py"), page_charts("education")[:1])
    labels = [b.proto.label for b in opened.get("download_button")]
    what = page_charts("education")[0].what
    name = what[:1].upper() + what[1:]
    assert labels == [f"Download the data of {what} (CSV)"] + [f"{label}: {name}" for label, *_ in EXPORTS]
    assert len(opened.dataframe) == 1
    assert [b.label for b in opened.button] == [f"Add to your deck: {name}"]
    links = {p.proto.label: p.proto.query_string for p in opened.get("page_link")}
    assert links[f"Link to this chart: {name}"] == f"id={page_charts('education')[0].id}"


@pytest.mark.parametrize("name", page_sections("education"))
def test_downloads_keep_each_figures_quote_and_name_the_chart(name):
    at = open_menus(open_section(name), section_charts("education", name))
    downloads = [b for b in at.get("download_button") if "(CSV)" in b.proto.label]
    assert [b.proto.label for b in downloads] == [
        f"Download the data of {c.what} (CSV)" for c in section_charts("education", name)
    ]


def test_each_charts_csv_is_made_when_asked_and_holds_its_table_with_each_figures_quote(deferred_files):
    results = section_charts("education", page_sections("education")[0])
    at = open_menus(open_section(), results)
    downloads = [b for b in at.get("download_button") if "(CSV)" in b.proto.label]
    shown = [t.value for t in at.dataframe]
    assert len(downloads) == len(shown) == len(results)
    for button, table in zip(downloads, shown, strict=True):
        assert not button.proto.url  # nothing is made until someone clicks
        name, mime, make = deferred_files[button.proto.deferred_file_id]
        assert name.endswith(".csv") and mime == "text/csv"
        rows = pd.read_csv(io.BytesIO(make()), dtype=str, keep_default_na=False)
        assert len(rows) == len(table) > 0, name
        assert list(rows["quote"]) == list(table["Quote"]), name  # the table's headers in words
    stated = curated.figure("attainment8", "2019")
    (attainment,) = [make for n, _, make in deferred_files.values() if n.endswith("_education-attainment8_2019.csv")]
    rows = pd.read_csv(io.BytesIO(attainment()), dtype=str, keep_default_na=False)
    assert stated["quote"] in set(rows["quote"])


# ---- children in need, on a plan and looked after, at school -----------------------------------------------------

GROUPS = ("CLA 12 months at 31 March", "CPPO at 31 March", "CINO at 31 March")  # drawn top to bottom


@pytest.fixture(scope="module")
def in_care():
    (name,) = [c.section for c in page_charts("education") if c.id == "education.ks2_social_care"]
    return open_section(name)


def published_by_group(folder: str, column: str, role: str, **where: str) -> tuple[str, list[float | None]]:
    """The newest period of a release for the area with `role`, and `column` for each social care group in the order
    drawn (None where the DfE suppressed it), read with the csv module."""
    code = curated.area(role)["area_code"]
    level = {HOME_ROLE: "Local authority", "region": "Regional", "country": "National"}[role]
    rows = [
        r
        for r in curated.published(folder)
        if r["geographic_level"] == level
        and (role == "country" or r["new_la_code" if role == HOME_ROLE else "region_code"] == code)
        and all(r[k] == v for k, v in where.items())
    ]
    period = max(r["time_period"] for r in rows)
    by_group = {r["social_care_group"]: r[column] for r in rows if r["time_period"] == period}
    return period, [float(by_group[g]) if by_group[g].replace(".", "").isdigit() else None for g in GROUPS]


def compared(home: float, others: list[tuple[str, float]], higher_is_better: bool, unit: str) -> str:
    """'lower (worse) than in London (35%) and in England (30%)', worked out here."""
    groups: dict[str, list[str]] = {}
    for name, other in others:
        better = (home > other) == higher_is_better
        word = f"{'higher' if home > other else 'lower'} ({'better' if better else 'worse'}) than"
        groups.setdefault(word, []).append(f"in {name} ({other:g}{unit})")
    return " but ".join(f"{w} {' and '.join(p)}" for w, p in groups.items())


@pytest.mark.parametrize(
    ("chart_id", "folder", "column", "where", "higher_is_better", "said_of"),
    [
        ("education.ks2_social_care", "dfe_ees_ks2_social_care", "pt_rwm_met_expected_standard", {}, True, 2),
        ("education.ks4_social_care", "dfe_ees_ks4_outcomes_cin_cla", "avg_att8", {}, True, 0),
        (
            "education.absence_social_care",
            "dfe_ees_absence_social_care",
            "pt_overall",
            {"phase_type_grouping": "Total"},
            False,
            2,
        ),
        (
            "education.persistent_absence_social_care",
            "dfe_ees_absence_social_care",
            "pt_pupils_pa_10_exact",
            {"phase_type_grouping": "Total"},
            False,
            1,
        ),
    ],
)
def test_children_in_need_at_school_are_drawn_by_group_against_london_and_england(
    in_care, chart_id, folder, column, where, higher_is_better, said_of
):
    """One bar an area a group (looked after, on a plan, in need), areas told apart by fill pattern; a suppressed
    figure is a bar of no length labelled 'not published'; the message judges the home area's figure by polarity."""
    spec = chart(in_care, chart_id)
    names = [curated.area(r)["area_name"] for r in (HOME_ROLE, "region", "country")]
    assert [t["name"] for t in spec["data"]] == names
    assert len({t["marker"]["pattern"]["shape"] for t in spec["data"]}) == 3
    expected = {}
    for trace, role in zip(spec["data"], (HOME_ROLE, "region", "country"), strict=True):
        period, figures = published_by_group(folder, column, role, **where)
        expected[role] = figures
        assert values(trace["x"]) == [f if f is not None else 0.0 for f in figures]
        assert values(trace["y"]) == [0, 1, 2]
        assert [t for t, f in zip(trace["text"], figures, strict=True) if f is None] == [
            "not published"
        ] * figures.count(None)
    assert len(spec["layout"]["yaxis"]["ticktext"]) == len(GROUPS)
    home = expected[HOME_ROLE][said_of]
    others = [("London", expected["region"][said_of]), ("England", expected["country"][said_of])]
    said = heading(in_care, chart_id)
    unit = "" if column == "avg_att8" else "%"  # a score has no unit; the others are percentages
    assert f"{home:g}{unit}" in said and compared(home, others, higher_is_better, unit) in said
    assert f"in {period[:4]}-{period[4:]}" in said  # the academic year as published: 202425 is 2024-25
