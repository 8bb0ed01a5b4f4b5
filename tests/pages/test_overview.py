"""The overview: every headline figure in one table, the newest published where a release supersedes the
strategy's (the strategy's figure beside it), with its change, its verdict by polarity in words, where the borough
stands among England's authorities (a spine chart whose alternative text says it all), its comparators, and the
contradictions named.

Expectations are read from the curated files and the shipped releases with the csv module (tests/curated.py),
never from the code under test."""

from __future__ import annotations

import base64
import re
import statistics

import pytest

import definitions
from loaders.paths import ROOT
from tests import curated
from tests.pages.conftest import assert_clean, open_page, unescape

C1 = "dfe_ees_cin_referrals_c1"


@pytest.fixture(scope="module")
def overview():
    return open_page("pages/overview.py")


@pytest.fixture(scope="module")
def markdown(overview) -> str:
    (found,) = [m.value for m in overview.markdown if m.value.startswith("| Figure |")]
    return found


@pytest.fixture(scope="module")
def table(markdown) -> dict[str, list[str]]:
    """The summary table's rows by figure title (the link's text), as cells a reader sees."""
    rows = {}
    for line in markdown.splitlines()[2:]:
        cells = [unescape(c.strip()) for c in line.strip("|").split(" | ")]
        if cells[0].startswith("["):
            rows[cells[0][1 : cells[0].index("](")]] = cells
    return rows


def title_of(card) -> str:
    return card.title or curated.indicator(card.indicator)["title"]


def shows(page: str, indicator_id: str) -> bool:
    """Whether a page's charts or cards draw an indicator."""
    return any(indicator_id in definitions.drawn_by(d) for d in definitions.of_page(page))


def bromley(folder: str) -> list[dict[str, str]]:
    """The home area's records of a shipped release, newest first (time_period as the DfE writes it)."""
    code = curated.home()["area_code"]
    rows = [r for r in curated.published(folder) if r.get("new_la_code") == code]
    return sorted(rows, key=lambda r: r["time_period"], reverse=True)


def year_to_march(time_period: str) -> str:
    """A DfE reporting year (2024) as the year to 31 March it is (2023/24)."""
    year = int(time_period)
    return f"{year - 1}/{year % 100:02d}"


def test_one_row_per_headline_each_linking_to_a_page_that_charts_it(overview, table, markdown):
    assert_clean(overview)
    cards = definitions.of_page("overview")
    assert len(table) == len(cards)
    routed = set(re.findall(r'url_path="(\w+)"', (ROOT / "dashboard.py").read_text(encoding="utf-8")))
    for line in markdown.splitlines()[2:]:
        if link := re.search(r"\]\(/(\w+)\)", line):
            assert link.group(1) in routed - {"overview"}, line
    for card in cards:
        page = definitions.page_drawing(card.indicator)
        assert title_of(card) in table and page is not None and shows(page, card.indicator), title_of(card)


def test_a_section_is_a_row_of_its_own(markdown):
    sections = list(dict.fromkeys(card.section for card in definitions.of_page("overview")))
    assert [line for line in markdown.splitlines() if line.startswith("| **")] == [
        f"| **{section}** | | | | |" for section in sections
    ]


def test_the_strategys_own_figures_with_their_period(table):
    assert table["Residents"][1].startswith(f"**{curated.figure('residents', '2021')['value_text']}")
    assert table["Residents"][1].endswith("** · 2021")


def test_a_superseded_figure_shows_the_newest_published_with_the_strategys_beside_it(table):
    newest, before = bromley(C1)[:2]
    stated = curated.figure("csc_referrals", "2021/22")["value_text"]
    row = table["Referrals to social care"]
    assert row[1] == (
        f"**{int(newest['Referrals']):,}** · {year_to_march(newest['time_period'])} :gray[(strategy: {stated}, in "
        "2021/22)]"
    )
    # More referrals than the year before, where fewer is better: worse.
    rise = int(newest["Referrals"]) - int(before["Referrals"])
    assert f"+{rise:,} since {year_to_march(before['time_period'])}" in row[2] and "Worse" in row[2]
    assert "no year given" in table["Children in care"][1] and "under 350" in table["Children in care"][1]


def test_direction_and_verdict_in_words_by_polarity(table):
    assert "Better" in table["Children in low-income families"][2]  # fewer: better
    assert "No verdict" in table["Residents"][2]  # neutral
    assert table["Households"][2] == "none earlier"


def spine_alt(cell: str) -> str:
    (alt,) = re.findall(r"!\[([^\]]*)\]\(data:image/svg\+xml;base64,", cell)
    return alt


def test_a_rate_or_share_is_placed_among_englands_authorities_by_the_published_figures(table):
    """Re-referrals: Bromley's newest percentage against every local authority's in the same year, England's and
    the mean of its ten statistical neighbours', all from the shipped files."""
    records = curated.published(C1)
    newest = bromley(C1)[0]
    year = newest["time_period"]
    las = [r for r in records if r["geographic_level"] == "Local authority" and r["time_period"] == year]
    shares = [float(r["Re_referrals_percent"]) for r in las if r["Re_referrals_percent"] not in ("c", "x", "u", "z")]
    home = float(newest["Re_referrals_percent"])
    (england,) = [float(r["Re_referrals_percent"]) for r in records
                  if r["geographic_level"] == "National" and r["time_period"] == year]  # fmt: skip
    model = curated.published("dfe_statistical_neighbours_2025")
    (mine,) = [r for r in model if r["old_la_code"] == newest["old_la_code"]]
    numbers = {mine[f"SN_{k}"] for k in range(1, 11)}
    near = [float(r["Re_referrals_percent"]) for r in las if r["old_la_code"] in numbers
            and r["Re_referrals_percent"] not in ("c", "x", "u", "z")]  # fmt: skip
    rank = sum(share < home for share in shares) + 1  # lower is better
    cell = table["Re-referrals within 12 months"][3]
    alt = spine_alt(cell)
    assert alt.startswith(f"Bromley {home:g}% in {year_to_march(year)}, {rank}th best of {len(shares)} authorities")
    assert f"England {england:g}%" in alt
    assert f"its statistical neighbours' average {statistics.mean(near):.1f}%" in alt
    assert f"authorities range from {min(shares):g}% to {max(shares):g}%" in alt
    assert f"{rank}th best of {len(shares)}" in cell  # the rank in words beside the picture, for everyone
    assert "Worse" in table["Re-referrals within 12 months"][4]  # above England's share, where lower is better


def test_the_spine_picture_draws_its_marks_and_colours_the_verdict_in_a_colour_blind_safe_palette(table):
    cell = table["Re-referrals within 12 months"][3]
    (data,) = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", cell)
    svg = base64.b64decode(data).decode("utf-8")
    assert svg.count("<rect") == 2 and "<line" in svg and "<path" in svg and "<circle" in svg
    assert 'fill="#E69F00"' in svg  # orange: worse than England
    assert "<title>" in svg and 'role="img"' in svg


def test_a_count_is_placed_by_its_rate_and_never_set_beside_other_areas_counts(table):
    row = table["Children in care"]
    assert "per 10,000" in row[4] and "London" not in row[4]
    assert "per 10,000" not in row[1]  # the count is the figure; the rate places it
    assert table["Children on a protection plan"][4] == "–"  # a count with no published rate: not compared


def test_comparators_with_a_verdict_that_says_no_more_than_a_difference(table):
    london = curated.figure("workless_households_share", "current", role="region")["value_text"]
    assert f"London {london}" in table["Workless households"][4]
    assert "Better" in table["Workless households"][4]
    assert "Worse" in table["Pupils with emotional or mental health needs"][4]  # more pupils with needs
    assert "significant" not in " ".join(" ".join(r) for r in table.values())


def test_one_figure_per_headline_and_the_contradiction_named(overview, table):
    gla, census = (
        curated.figure("children", "2021")["value_text"],
        curated.figure("children_census", "2021")["value_text"],
    )
    assert gla in table["Children aged 18 and under (GLA)"][1]
    notes = " ".join(unescape(c.value) for c in overview.caption)
    assert f"Two totals for children aged 18 and under in 2021: {gla} and {census}" in notes


def test_says_when_the_figures_are_from(overview):
    newest = max(year_to_march(r["time_period"]) for r in bromley("dfe_ees_cla_rate_per_10k"))
    said = [unescape(m.value) for m in overview.markdown if unescape(m.value).startswith("Figures as at")]
    assert said and said[0].startswith(f"Figures as at **{newest}** for the figures a newer public release gives")


def test_the_legend_says_what_each_mark_of_the_spine_means(overview):
    legend = " ".join(unescape(c.value) for c in overview.caption)
    for words in ("the middle half darker", "England", "statistical neighbours' average", "blue where better"):
        assert words in legend
