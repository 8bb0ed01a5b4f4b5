"""The data contract: what a curated file and a tidy table must be.

curated      the curated files checked against data/datapackage.json and data/schemas/ (structure, types,
             vocabularies, keys), each problem named by file, line and column
schema       the tidy tables' columns, derived from data/schemas/: Parquet schemas with descriptions
tidy_checks  whole-table rules on the tidy frames (pandera) before anything is written
"""
