"""The strategy's own figures: its curated files (data/sources, data/metadata, the village and ecosystem) read into
tidy rows, each traced to its sentence (provenance), its arithmetic recomputed (arithmetic), what it leaves unsaid
recorded (quality), and its figures linked to the publishers' series that follow them today (links).

    figures      data/sources/<theme>.csv -> observation rows
    metadata     indicators, sources, areas, sections -> their tables
    ecosystem    the village of 100 children, the services and the tiers of need
    refs         references from one curated row to another, and derived rows' formulas
    provenance   each quote is in the text, in its section, and states its value
    arithmetic   the strategy's stated changes, sums and shares recomputed
    quality      where the strategy contradicts itself or leaves something out
    links        where the strategy and a publisher state different figures for one period
"""
