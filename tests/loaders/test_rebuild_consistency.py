"""A rebuild while sessions are open: a reader holding one build reads that build only, whole, while the next
lands; a page run reads the build current when it started; the next run reads the new one.

Each build is a folder of its own behind the `current` link (loaders.store.publish), and a reader pins the build it
started with (DataPaths.pinned, components.data.pin).
"""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from components import data
from definitions.sources import Sources
from loaders.build import build
from loaders.store import tables
from tests.conftest import FIXTURES

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's

RELEASE = FIXTURES / "releases" / "incoming" / "fingertips_bromley_2012_13_to_2023_24.csv"  # 36 Bromley figures
INJURIES = "injury_admissions_0_14"


def drop_release(paths) -> None:
    (paths.data / "incoming").mkdir(exist_ok=True)
    shutil.copy(RELEASE, paths.data / "incoming" / RELEASE.name)


def counted(paths) -> int:
    """How many figures of INJURIES the indicators table of the build `paths` reads says there are."""
    return int(tables.read_table("indicators", paths).set_index("indicator_id").loc[INJURIES, "observations"])


def test_a_reader_holding_one_build_reads_that_build_only_while_another_lands(without_injuries):
    held = Sources.load(without_injuries)  # what the sessions of build A share
    areas = list(held.comparator_codes)
    in_build_a = tables.read_observations(without_injuries, indicators=[INJURIES], areas=areas, missing_ok=True)
    counted_in_a = int(held.indicators.set_index("indicator_id").loc[INJURIES, "observations"])

    drop_release(without_injuries)
    assert build(without_injuries).built  # build B lands while build A's reader is open

    read_later = held.figures([INJURIES], areas)
    assert counted(without_injuries) > counted_in_a  # B has more
    assert len(read_later) == len(in_build_a), (
        f"a reader of build A (whose indicators table counts {counted_in_a} figures of {INJURIES}) read "
        f"{len(read_later)} rows of it, build B's, not the {len(in_build_a)} of build A"
    )


def test_pinned_paths_keep_reading_their_build_and_unpinned_ones_follow_current(without_injuries):
    pinned = without_injuries.pinned()
    before = counted(pinned)
    drop_release(without_injuries)
    assert build(without_injuries).built

    assert counted(pinned) == before
    assert counted(without_injuries) > before
    assert tables.build_id(pinned) != tables.build_id(without_injuries) == without_injuries.current_build()


def page_reading_across_a_rebuild():
    """A page run during which a build lands (an upload confirmed in another session, say): it reads the small
    tables, then the build lands, then it reads an indicator's figures and the indicators table again."""
    import streamlit as st

    from components import data
    from components.blocks import ROUTED, begin_page
    from loaders.build import build

    st.session_state[ROUTED] = True  # as dashboard.py routes every page
    begin_page()
    sources = data.sources()
    st.text(f"first read: {data.build_id()}")
    if st.session_state.get("rebuild", True):
        st.session_state["rebuild"] = False
        build(data.DEFAULT)
    figures = data.sources().figures(["injury_admissions_0_14"], sources.comparator_codes)
    counted = data.table("indicators").set_index("indicator_id").loc["injury_admissions_0_14", "observations"]
    st.text(f"read after: {data.build_id()}")
    st.text(f"figures drawn: {len(figures)}")
    st.text(f"figures counted: {counted}")


@pytest.fixture
def page_tree(without_injuries, monkeypatch):
    monkeypatch.setattr(data, "DEFAULT", without_injuries)
    return without_injuries


def texts(at: AppTest) -> dict[str, str]:
    return dict(t.value.split(": ", 1) for t in at.text)


def test_a_page_run_reads_the_build_current_when_it_started_and_the_next_run_reads_the_new_one(page_tree):
    in_a = tables.read_observations(page_tree, indicators=[INJURIES], missing_ok=True)
    build_a = page_tree.current_build()
    drop_release(page_tree)

    at = AppTest.from_function(page_reading_across_a_rebuild, default_timeout=60).run()
    assert not at.exception
    during = texts(at)
    build_b = page_tree.current_build()
    assert build_b != build_a, "a build landed during the run"
    assert during["first read"] == during["read after"] == build_a
    assert int(during["figures counted"]) == counted(page_tree.at(build_a)) < counted(page_tree)
    home_and_comparators = Sources.load(page_tree.at(build_a)).comparator_codes
    assert int(during["figures drawn"]) == int(in_a["area_code"].isin(home_and_comparators).sum())

    after = texts(at.run())
    assert after["first read"] == after["read after"] == build_b
    assert int(after["figures counted"]) == counted(page_tree) > int(during["figures counted"])
    assert int(after["figures drawn"]) > int(during["figures drawn"])
