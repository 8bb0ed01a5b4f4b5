"""Data and sources: every figure with its quote, searchable, downloadable, with the text's problems listed."""

from __future__ import annotations

import io

import pandas as pd

from tests.pages.conftest import assert_clean, open_page


def test_lists_every_figure_with_its_quote_and_source():
    at = open_page("pages/data_sources.py")
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) == 167
    assert {"figure", "value", "status", "quote", "section", "source", "curated at"} <= set(table.columns)
    assert "**167 of 167 figures**" in [m.value for m in at.markdown]


def test_search_and_filters_narrow_the_figures_and_the_downloads():
    at = open_page("pages/data_sources.py")
    at.text_input(key="search").input("referrals").run()
    table = at.dataframe[0].value
    assert 0 < len(table) < 167
    assert table["quote"].str.lower().str.contains("referral").all() or table["figure"].str.contains("eferral").all()
    at.multiselect(key="statuses").set_value(["projected"]).run()
    table = at.dataframe[0].value
    assert list(table["figure"]) == [
        "Referrals to Bromley Y expected in a full year",
        "Expected rise in referrals to Bromley Y",
    ]
    csv = [b for b in at.get("download_button") if b.proto.label == "Download these figures (CSV)"]
    assert len(csv) == 1


def test_the_download_keeps_definition_status_quote_and_source():
    from insight.catalogue import as_parquet
    from insight.frames import enrich
    from loaders.tables import read_observations, read_table

    figures = enrich(read_observations(), read_table("indicators"), read_table("sources"))
    frame = pd.read_parquet(io.BytesIO(as_parquet(figures)))
    assert len(frame) == 167
    assert {"definition", "status", "value_as_written", "quote", "section", "source", "area", "period"} <= set(
        frame.columns
    )


def test_lists_the_data_quality_problems_and_the_arithmetic():
    at = open_page("pages/data_sources.py")
    quality, arithmetic = at.dataframe[1].value, at.dataframe[2].value
    assert len(quality) == 20 and "arithmetic" in set(quality["kind"])
    assert len(arithmetic) == 42 and arithmetic["consistent"].sum() == 37
