"""Loaders: turn the strategy's curated figures (and, later, public data exports) into tidy Parquet tables.

Run `python -m loaders` to build `data/tables/`. This package imports nothing heavy at import time, so that
finding out that the tables are already up to date never pays for pandas.
"""
