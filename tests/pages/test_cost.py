"""Cost of late intervention: the home area against England and Wales, as published."""

from __future__ import annotations

from insight.areas import HOME_ROLE
from tests import curated
from tests.pages.conftest import assert_clean, charts, headings, open_page, values


def test_cards_and_the_comparison_state_the_published_costs():
    page = open_page("pages/cost.py")
    assert_clean(page)
    shown = {m.label: m.value for m in page.metric}
    home = curated.figure("late_intervention_cost", "2016")["value_text"]
    assert next(iter(shown.values())) == home  # "£83 million"
    assert list(shown)[1].endswith(curated.area("countries")["area_name"])  # the other area's card names it
    (bars,) = charts(page)
    assert sorted(values(bars["data"][0]["x"])) == sorted(
        [curated.value("late_intervention_cost_per_person", "2016", role=r) for r in (HOME_ROLE, "countries")]
    )
    per_person = curated.figure("late_intervention_cost_per_person", "2016")["value_text"]
    assert headings(page) == [
        f"Late intervention costs {per_person} per person a year in {curated.home()['area_name']}, against "
        f"{curated.figure('late_intervention_cost_per_person', '2016', role='countries')['value_text']} in England and Wales"
    ]
