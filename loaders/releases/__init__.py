"""Publishers' releases: the files (Fingertips, DfE Explore Education Statistics, ONS) read whole into indicators.

One room, one job per module, in the order a file goes through them (after loaders.csv_text, the one CSV
reader: bytes -> text columns and the line each record starts on):

    files        which files are releases (shipped in data/releases/, dropped into data/incoming/)
    recognise    which format a header is
    declarations the curated metadata: datasets, renamed columns, declared measures
    fingertips, dfe, ons_census, neighbours
                 one reader per format: text columns -> figures in the publisher's words (published.FIGURES)
    units        a measure's unit and title where nobody declared them
    indicators   figures -> tidy observations of indicators (every measure one)
    resolve      one figure per key: repeats kept once, newer releases and versions supersede, conflicts stop
    cache        each file's figures kept by its hash, so a build re-reads only what changed
    load         all of it for a build: rows, indicators, areas, neighbours, and a record of each file

This package imports nothing heavy itself: `files` is read by the no-op build, which must stay light.
"""
