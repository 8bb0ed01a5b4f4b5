"""Loaders: turn the strategy's curated figures and the publishers' releases into tidy Parquet tables.

Rooms, by job:

    strategy/    the strategy's curated figures, traced to its text
    releases/    publishers' releases (Fingertips, DfE, ONS, statistical neighbours), one reader per format
    contract/    what a curated file and a tidy table must be (data/schemas/ is its one declaration)
    store/       builds, the lock, scratch and freshness; reading the built tables
    intake/      what an analyst adds or takes back from the dashboard (upload, removal) and its record (audit)

and, shared by them: `csv_text` (the one CSV reader), `periods`, `errors`, `paths`, `log`; `build` ties the rooms
together.

Run `python -m loaders` to build `data/tables/`. This package imports nothing heavy at import time, so that
finding out that the tables are already up to date never pays for pandas.
"""
