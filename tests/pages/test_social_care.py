"""Children's social care: one tab a section, from the front door to the workforce. The strategy's figures are drawn as
what it gives them (ranges, bounds, two dated figures), beside the Department for Education's published series; each
chart is read back (its traces, values, axes and words) against the shipped releases, read here with the csv module."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from insight.areas import HOME_ROLE
from tests import curated
from tests.pages.conftest import (
    assert_each_tab_draws_its_own_charts,
    chart,
    heading,
    open_menus,
    open_page,
    page_charts,
    section_charts,
    text,
    unescape,
    values,
)

PAGE = "pages/social_care.py"
HOME, REGION, COUNTRY = (curated.area(role) for role in (HOME_ROLE, "region", "country"))


def section_of(chart_id: str) -> str:
    (found,) = [c.section for c in page_charts("social_care") if c.id == chart_id]
    return found


_opened: dict[str, AppTest] = {}


def opened(chart_id: str) -> AppTest:
    """The page with the tab of `chart_id` open, as a click on the tab does (one run a tab for the module)."""
    name = section_of(chart_id)
    if name not in _opened:
        at = open_page(PAGE)
        at.session_state["section"] = name
        _opened[name] = at.run()
    return _opened[name]


# ---- the releases, read with the csv module ----------------------------------------------------------------------


def release(folder: str, role: str = HOME_ROLE, **where: str) -> list[dict[str, str]]:
    """The records of one area (by its role) in a shipped release, oldest first; `where` filters on columns."""
    code = curated.area(role)["area_code"]

    def of_area(row: dict[str, str]) -> bool:
        if role == "country":
            return row["geographic_level"] == "National"
        if role == "region":
            return row["geographic_level"] == "Regional" and row["region_code"] == code
        return row["geographic_level"] == "Local authority" and row["new_la_code"] == code

    rows = [r for r in curated.published(folder) if of_area(r) and all(r[k] == v for k, v in where.items())]
    return sorted(rows, key=lambda r: r["time_period"])


def newest(folder: str, role: str = HOME_ROLE, **where: str) -> dict[str, str]:
    return release(folder, role, **where)[-1]


def reporting_year(time_period: str) -> str:
    """The DfE's reporting year as the dashboard writes it: 2024 is the year to 31 March 2024, 2023/24."""
    year = int(time_period)
    return f"{year - 1}/{str(year)[2:]}"


def declared(indicator_id: str) -> dict[str, str]:
    import csv

    from loaders.paths import DEFAULT

    with open(DEFAULT.data / "metadata" / "public_indicators.csv", encoding="utf-8-sig", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if r["indicator_id"] == indicator_id)


def shown(value: str | float, unit: str = "") -> str:
    """A published value as the charts write it: 15.3%, 16%, 13.8."""
    return f"{float(value):,.1f}".removesuffix(".0") + unit


def judged(indicator_id: str, home: float, others: list[tuple[str, float]], unit: str = "%") -> str:
    """'higher (worse) than in London (18.8%) and in England (22.4%)', worked out here from the declared polarity."""
    polarity = declared(indicator_id)["polarity"]
    groups: dict[str, list[str]] = {}
    for name, other in others:
        word = "higher" if home > other else "lower"
        better = (home > other) == (polarity == "higher_is_better")
        groups.setdefault(f"{word} ({'better' if better else 'worse'}) than", []).append(
            f"in {name} ({shown(other, unit)})"
        )
    return " but ".join(f"{word} {' and '.join(places)}" for word, places in groups.items())


def line(spec: dict, name: str) -> dict:
    (found,) = [t for t in spec["data"] if t.get("name") == name and t.get("mode", "").startswith("lines+markers")]
    return found


# ---- the page ----------------------------------------------------------------------------------------------------


def test_one_tab_a_section_and_each_draws_its_own_charts_with_their_messages_and_sources():
    def sourced(at: AppTest, charts: list) -> None:
        sources = [unescape(c.value) for c in at.caption if unescape(c.value).startswith("Source: ")]
        assert len(sources) == len(charts) and all("Period" in s for s in sources)

    assert_each_tab_draws_its_own_charts(open_page(PAGE), "social_care", also=sourced)


def test_every_new_chart_offers_its_data_and_downloads_once_opened():
    name = section_of("social_care.social_worker_turnover")
    at = open_page(PAGE)
    at.session_state["section"] = name
    at = open_menus(at.run(), section_charts("social_care", name))
    labels = [b.proto.label for b in at.get("download_button") if "(CSV)" in b.proto.label]
    assert labels == [f"Download the data of {c.what} (CSV)" for c in section_charts("social_care", name)]
    assert len(at.dataframe) == len(section_charts("social_care", name))


# ---- the strategy's own figures ----------------------------------------------------------------------------------


def said_of(indicator_id: str, before: float, after: float) -> tuple[str, str]:
    """'rose ... (worse)': the direction and the verdict by the indicator's declared polarity, worked out here."""
    better = (after > before) == (curated.indicator(indicator_id)["polarity"] == "higher_is_better")
    return ("rose" if after > before else "fell"), ("better" if better else "worse")


def test_front_door_draws_the_published_counts_and_says_the_latest_and_whether_it_is_better():
    front_door = chart(opened("social_care.front_door"), "social_care.front_door")
    mash = [t for t in front_door["data"] if t["name"] == "MASH enquiries"]
    assert values(mash[0]["y"]) == [curated.value("mash_enquiries", p) for p in ("2018/19", "2019/20")]
    written = curated.figure("mash_enquiries", "2019/20")["value_text"]
    referrals = curated.figure("csc_referrals", "2021/22")["value_text"]
    mash_went, mash_verdict = said_of(
        "mash_enquiries", curated.value("mash_enquiries", "2018/19"), curated.value("mash_enquiries", "2019/20")
    )
    went, verdict = said_of(
        "csc_referrals", curated.value("csc_referrals", "2018/19"), curated.value("csc_referrals", "2021/22")
    )
    assert heading(opened("social_care.front_door"), "social_care.front_door") == (
        f"MASH enquiries {mash_went} to {written} in 2019/20 ({mash_verdict}), and referrals to children's social "
        f"care {went} to {referrals} in 2021/22 ({verdict})"
    )


def test_the_undated_conference_count_is_drawn_after_the_dated_one_and_named_so():
    at = opened("social_care.protection_conferences")
    conferences = chart(at, "social_care.protection_conferences")
    assert conferences["layout"]["xaxis"]["ticktext"] == ["In 2018/19", "Year not stated"]
    assert values(conferences["data"][0]["y"]) == [
        curated.value("icpc_child_protection_plans", "2018/19"),
        curated.value("icpc_child_protection_plans", "not stated"),
    ]
    assert heading(at, "social_care.protection_conferences").startswith(
        curated.figure("icpc_child_protection_plans", "not stated")["value_text"]
    )


def test_a_bound_is_never_drawn_as_a_bar_from_zero():
    snapshot = chart(opened("social_care.at_any_one_time"), "social_care.at_any_one_time")
    in_care = [t for t in snapshot["data"] if t.get("legendgroup") == "upper_bound"]
    assert len(in_care) == 1 and in_care[0]["type"] == "scatter"  # a mark with an arrow, not a bar
    bound = float(curated.figure("children_in_care", "current")["value"])
    assert values(in_care[0]["x"])[0] == bound and values(in_care[0]["x"])[1] < bound  # the arrow points down
    ranges = [t for t in snapshot["data"] if t["type"] == "bar"]
    need = curated.figure("children_in_need", "past 2 years")
    assert next((values(t["base"])[0], values(t["x"])[0]) for t in ranges) == (
        float(need["lower"]),
        float(need["upper"]) - float(need["lower"]),
    )
    keys = [t["name"] for t in snapshot["data"] if t.get("showlegend")]
    assert any(k.startswith("Upper bound") for k in keys) and snapshot["layout"]["legend"]["font"]["size"] >= 15


# ---- referrals and re-referrals ----------------------------------------------------------------------------------


def test_published_referrals_are_drawn_with_the_strategys_two_figures_as_stars():
    at = opened("social_care.referrals")
    spec = chart(at, "social_care.referrals")
    rows = release("dfe_ees_cin_referrals_c1")
    assert values(line(spec, HOME["area_name"])["y"]) == [float(r["Referrals"]) for r in rows]
    stars = [t for t in spec["data"] if t.get("marker", {}).get("symbol") == "star"]
    assert [values(t["y"])[0] for t in stars] == [curated.value("csc_referrals", p) for p in ("2018/19", "2021/22")]
    assert [t["showlegend"] for t in stars] == [True, False]  # one legend entry for the strategy's figures
    labels = [a["text"] for a in spec["layout"]["annotations"]]
    assert [f"Strategy: {curated.figure('csc_referrals', p)['value_text']}" for p in ("2018/19", "2021/22")] == labels
    latest, previous = (float(r["Referrals"]) for r in (rows[-1], rows[-2]))
    assert heading(at, "social_care.referrals") == (
        f"{latest:,.0f} referrals were made to children's social care in {HOME['area_name']} in "
        f"{reporting_year(rows[-1]['time_period'])}, {'up' if latest > previous else 'down'} from {previous:,.0f} in "
        f"{reporting_year(rows[-2]['time_period'])} ({'worse' if latest > previous else 'better'}); the strategy cited "
        f"{curated.figure('csc_referrals', '2018/19')['value_text']} in 2018/19 and "
        f"{curated.figure('csc_referrals', '2021/22')['value_text']} in 2021/22"
    )


def test_the_referral_rate_compares_the_home_area_with_london_and_england_and_says_which_is_better():
    at = opened("social_care.referral_rate")
    spec = chart(at, "social_care.referral_rate")
    assert [t["name"] for t in spec["data"]] == [HOME["area_name"], REGION["area_name"], COUNTRY["area_name"]]
    for area in (HOME, REGION, COUNTRY):
        rows = release("dfe_ees_cin_referrals_c1", area["role"])
        assert values(line(spec, area["area_name"])["y"]) == [float(r["Referrals_rate"]) for r in rows]
    home, region, country = (
        float(newest("dfe_ees_cin_referrals_c1", r)["Referrals_rate"]) for r in (HOME_ROLE, "region", "country")
    )
    comparison = judged(
        "cin_referral_rate", home, [(REGION["area_name"], region), (COUNTRY["area_name"], country)], " per 10,000"
    )
    assert heading(at, "social_care.referral_rate").endswith(comparison)
    assert spec["layout"]["yaxis"]["title"]["text"] == declared("cin_referral_rate")["unit_label"]


def test_re_referrals_draw_the_published_share_with_the_strategys_figures_and_compare_it():
    at = opened("social_care.re_referrals")
    spec = chart(at, "social_care.re_referrals")
    for area in (HOME, REGION, COUNTRY):
        rows = release("dfe_ees_cin_referrals_c1", area["role"])
        assert values(line(spec, area["area_name"])["y"]) == [float(r["Re_referrals_percent"]) for r in rows]
    stars = [t for t in spec["data"] if t.get("marker", {}).get("symbol") == "star"]
    assert [values(t["y"])[0] for t in stars] == [
        curated.value("re_referrals_share", p) for p in ("2018/19", "2019/20")
    ]
    home, region, country = (
        float(newest("dfe_ees_cin_referrals_c1", r)["Re_referrals_percent"]) for r in (HOME_ROLE, "region", "country")
    )
    said = heading(at, "social_care.re_referrals")
    assert said.startswith(f"Re-referrals within a year were {shown(home, '%')} of referrals in {HOME['area_name']}")
    assert judged("cin_rereferrals_share", home, [("London", region), ("England", country)]) in said
    first, second = (curated.figure("re_referrals_share", p)["value_text"] for p in ("2018/19", "2019/20"))
    assert said.endswith(f"the strategy cited {first} in 2018/19 and {second} in 2019/20")
    published = next(r for r in release("dfe_ees_cin_referrals_c1") if reporting_year(r["time_period"]) == "2019/20")
    # the strategy's 2019/20 figure and the DfE's differ: both kept, and the chart's notes say so
    assert (
        f"the strategy says {second}; the Department for Education gives {published['Re_referrals_percent']}"
        in text(at)
    )


# ---- what assessments find ---------------------------------------------------------------------------------------

TOTAL = "Episodes_with_assessment_factor"  # the release's total; every column after it is a factor


def factor_counts() -> dict[str, float]:
    row = newest("dfe_ees_cin_assessment_factors_c3")
    columns = list(row)
    return {c: float(row[c]) for c in columns[columns.index(TOTAL) + 1 :]}


def test_the_factors_at_assessment_are_ranked_largest_first_with_the_twelve_largest_drawn():
    at = opened("social_care.assessment_factors")
    spec = chart(at, "social_care.assessment_factors")
    counts = sorted(factor_counts().values(), reverse=True)
    (bars,) = spec["data"]
    assert values(bars["x"]) == counts[:12] and values(bars["y"]) == list(range(12))
    assert len(spec["layout"]["yaxis"]["ticktext"]) == 12
    assert f"The 12 largest of {len(counts)} are drawn" in text(at)
    said = heading(at, "social_care.assessment_factors")
    assert said.startswith(
        f"Assessments in {HOME['area_name']} in {reporting_year(newest('dfe_ees_cin_assessment_factors_c3')['time_period'])} most often found"
    )
    places = [said.index(f"({count:,.0f})") for count in counts[:3]]
    assert places == sorted(places)  # the three largest, largest first
    row = newest("dfe_ees_cin_assessment_factors_c3")
    assert f"a parent's mental health ({float(row['Mental_Health_parent']):,.0f})" in said


def test_the_factors_concerning_a_parent_are_drawn_over_time():
    at = opened("social_care.parent_factors")
    spec = chart(at, "social_care.parent_factors")
    rows = release("dfe_ees_cin_assessment_factors_c3")
    for name, column in [("Mental health", "Mental_Health_parent"), ("Domestic abuse", "Domestic_Abuse_parent")]:
        assert values(line(spec, name)["y"]) == [float(r[column]) for r in rows]
    first, last = float(rows[0]["Mental_Health_parent"]), float(rows[-1]["Mental_Health_parent"])
    assert f"rose from {first:,.0f} in {reporting_year(rows[0]['time_period'])} to {last:,.0f}" in heading(
        at, "social_care.parent_factors"
    )


# ---- child protection plans --------------------------------------------------------------------------------------


def test_plans_started_and_repeat_plans_are_the_dfes_figures_judged_by_polarity():
    at = opened("social_care.plans_started")
    rows = release("dfe_ees_cpp_subsequent_d3")
    started = chart(at, "social_care.plans_started")
    assert values(line(started, HOME["area_name"])["y"]) == [float(r["CPP_start"]) for r in rows]
    latest, previous = float(rows[-1]["CPP_start"]), float(rows[-2]["CPP_start"])
    assert heading(at, "social_care.plans_started").endswith(
        f"{'up' if latest > previous else 'down'} from {previous:,.0f} in {reporting_year(rows[-2]['time_period'])} "
        f"({'worse' if latest > previous else 'better'})"
    )
    home, region, country = (
        float(newest("dfe_ees_cpp_subsequent_d3", r)["CPP_subsequent_percent"])
        for r in (HOME_ROLE, "region", "country")
    )
    assert heading(at, "social_care.repeat_plans").endswith(
        judged("cpp_repeat_share", home, [("London", region), ("England", country)])
    )


def test_children_on_a_plan_are_drawn_against_the_strategys_range_as_a_band():
    at = opened("social_care.plans_at_31_march")
    spec = chart(at, "social_care.plans_at_31_march")
    rows = release("dfe_ees_cpp_duration_d5")
    assert values(line(spec, HOME["area_name"])["y"]) == [float(r["CPP_At31"]) for r in rows]
    stated = curated.figure("children_on_protection_plan", "current")
    (band,) = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert (band["y0"], band["y1"]) == (float(stated["lower"]), float(stated["upper"]))
    keyed = [t["name"] for t in spec["data"] if t.get("name", "").startswith("Strategy")]
    assert keyed and keyed[0].replace("<br>", " ").startswith(
        f"Strategy (shaded): {stated['lower']} to {stated['upper']}"
    )
    assert heading(at, "social_care.plans_at_31_march").startswith(
        f"{float(rows[-1]['CPP_At31']):,.0f} children were on a child protection plan"
    )


BANDS = [
    "3_months_or_less_percent",
    "more_than_3_months_6_months_percent",
    "more_than_6_months_less_than_1_year_percent",
    "1_year_less_than_2_years_percent",
    "2_years_or_more_percent",
]


def test_how_long_plans_had_lasted_is_a_bar_a_band_for_each_area_shortest_first():
    at = opened("social_care.plan_durations")
    spec = chart(at, "social_care.plan_durations")
    bars = {t["name"]: t for t in spec["data"]}
    assert list(bars) == [HOME["area_name"], REGION["area_name"], COUNTRY["area_name"]]
    for area in (HOME, REGION, COUNTRY):
        row = newest("dfe_ees_cpp_duration_d5", area["role"])
        assert values(bars[area["area_name"]]["x"]) == [float(row[b]) for b in BANDS]
        assert values(bars[area["area_name"]]["y"]) == list(range(len(BANDS)))
    patterns = [t["marker"]["pattern"]["shape"] for t in spec["data"]]
    assert len(set(patterns)) == 3  # areas differ by fill pattern, not colour alone
    home, region, country = (
        float(newest("dfe_ees_cpp_duration_d5", r)[BANDS[-1]]) for r in (HOME_ROLE, "region", "country")
    )
    assert heading(at, "social_care.plan_durations").endswith(
        judged("cpp_two_years_share", home, [("London", region), ("England", country)])
    )


# ---- children in care and care leavers ---------------------------------------------------------------------------


def test_the_dfe_series_is_drawn_with_the_strategys_figure_marked_and_its_source():
    at = opened("social_care.looked_after")
    looked_after = chart(at, "social_care.looked_after")
    rows = [
        r
        for r in curated.published("dfe_ees_cla_rate_per_10k")
        if r["new_la_code"] == HOME["area_code"] and r["population_type"].startswith("Children looked after on")
    ]
    counts = [float(r["children_count"]) for r in sorted(rows, key=lambda r: r["time_period"])]
    assert values(line(looked_after, HOME["area_name"])["y"]) == counts
    (level,) = [s for s in looked_after["layout"]["shapes"] if s["type"] == "line"]  # undated: a line across
    assert level["y0"] == float(curated.figure("children_in_care", "current")["value"])
    assert any(t.get("name", "").startswith("Strategy: under 350") for t in looked_after["data"])  # named in the key
    newest_row = max(rows, key=lambda r: r["time_period"])
    assert heading(at, "social_care.looked_after").startswith(
        f"{newest_row['children_count']} children were looked after"
    )
    captions = text(at)
    assert (
        "Department for Education: Explore Education Statistics" in captions
        and "Open Government Licence v3.0" in captions
    )


def test_the_rate_compares_the_home_area_with_london_and_england():
    at = opened("social_care.looked_after_rate")
    rate = chart(at, "social_care.looked_after_rate")
    assert [t["name"] for t in rate["data"]] == [HOME["area_name"], REGION["area_name"], COUNTRY["area_name"]]
    where = {"population_type": "Children looked after on 31 March each year"}
    for area in (HOME, REGION, COUNTRY):
        rows = release("dfe_ees_cla_rate_per_10k", area["role"], **where)
        assert values(line(rate, area["area_name"])["y"]) == [float(r["rate_per_10000"]) for r in rows]
    home, region, country = (
        float(newest("dfe_ees_cla_rate_per_10k", r, **where)["rate_per_10000"])
        for r in (HOME_ROLE, "region", "country")
    )
    comparison = judged("cla_rate_31_march", home, [("London", region), ("England", country)], " per 10,000")
    assert heading(at, "social_care.looked_after_rate").endswith(comparison)


def test_placement_moves_compare_and_judge():
    at = opened("social_care.placement_moves")
    where = {"cla_group": "CLA on 31 March", "placement_stability": "With 3 or more placements during the year"}
    home, region, country = (
        float(newest("dfe_ees_cla_placement_stability", r, **where)["children_percent"])
        for r in (HOME_ROLE, "region", "country")
    )
    assert heading(at, "social_care.placement_moves").endswith(
        judged("cla_three_placements_share", home, [("London", region), ("England", country)])
    )


def test_care_leavers_by_age_band_beside_the_strategys_approximate_figure():
    at = opened("social_care.care_leavers")
    spec = chart(at, "social_care.care_leavers")
    for age in ("17 to 18 years", "19 to 21 years"):
        rows = release("dfe_ees_care_leavers_activity", care_leaver_age=age, breakdown="Total")
        assert values(line(spec, age)["y"]) == [float(r["care_leaver_count"]) for r in rows]
    stated = curated.figure("care_leavers", "current")
    (level,) = [s for s in spec["layout"]["shapes"] if s["type"] == "line"]
    assert level["y0"] == float(stated["value"])
    older = newest("dfe_ees_care_leavers_activity", care_leaver_age="19 to 21 years", breakdown="Total")
    younger = newest("dfe_ees_care_leavers_activity", care_leaver_age="17 to 18 years", breakdown="Total")
    assert heading(at, "social_care.care_leavers") == (
        f"{HOME['area_name']} was in touch with {older['care_leaver_count']} care leavers aged 19 to 21 years and "
        f"{younger['care_leaver_count']} aged 17 to 18 years in {reporting_year(older['time_period'])}; the strategy "
        f"says it supports {stated['value_text']} care leavers"
    )


@pytest.mark.parametrize(
    ("chart_id", "indicator", "breakdown"),
    [
        ("social_care.care_leavers_neet", "care_leavers_neet_19_21", "Total not in education, employment or training"),
        ("social_care.care_leavers_eet", "care_leavers_eet_19_21", "Total in education, employment or training"),
    ],
)
def test_care_leavers_in_and_out_of_work_or_learning_are_compared_and_judged(chart_id, indicator, breakdown):
    at = opened(chart_id)
    spec = chart(at, chart_id)
    where = {"care_leaver_age": "19 to 21 years", "breakdown": breakdown}
    for area in (HOME, REGION, COUNTRY):
        rows = release("dfe_ees_care_leavers_activity", area["role"], **where)
        assert values(line(spec, area["area_name"])["y"]) == [float(r["care_leaver_percent"]) for r in rows]
    home, region, country = (
        float(newest("dfe_ees_care_leavers_activity", r, **where)["care_leaver_percent"])
        for r in (HOME_ROLE, "region", "country")
    )
    assert heading(at, chart_id) == (
        f"{declared(indicator)['title']}: {shown(home, '%')} in {HOME['area_name']} in "
        f"{reporting_year(newest('dfe_ees_care_leavers_activity', **where)['time_period'])}, "
        f"{judged(indicator, home, [('London', region), ('England', country)])}"
    )


# ---- the workforce -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chart_id", "indicator", "column", "unit"),
    [
        ("social_care.social_worker_turnover", "social_worker_turnover", "turnover_rate_fte", "%"),
        ("social_care.agency_social_workers", "social_worker_agency_share", "agency_rate_fte", "%"),
        ("social_care.social_worker_vacancies", "social_worker_vacancy_rate", "vacancy_rate_fte", "%"),
        ("social_care.caseloads", "social_worker_caseload", "caseload_fte", ""),
    ],
)
def test_the_workforce_is_drawn_against_london_and_england_and_judged(chart_id, indicator, column, unit):
    at = opened(chart_id)
    spec = chart(at, chart_id)
    for area in (HOME, REGION, COUNTRY):
        rows = release("dfe_ees_csc_workforce", area["role"])
        assert values(line(spec, area["area_name"])["y"]) == [float(r[column]) for r in rows]
        assert spec["layout"]["xaxis"]["ticktext"][-1] == rows[-1]["time_period"]
    rows = release("dfe_ees_csc_workforce")
    latest, previous = float(rows[-1][column]), float(rows[-2][column])
    home, region, country = (
        float(newest("dfe_ees_csc_workforce", r)[column]) for r in (HOME_ROLE, "region", "country")
    )
    said = heading(at, chart_id)
    assert f"({'worse' if latest > previous else 'better'}" in said  # than the year before, by polarity
    assert said.endswith(judged(indicator, home, [("London", region), ("England", country)], unit))
    assert spec["layout"]["yaxis"]["title"]["text"] == (declared(indicator)["unit_label"] or "%")
