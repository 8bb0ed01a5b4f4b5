"""The tables a definition is drawn from, read once per build: pages get them through components.data (cached);
the command line, decks and tests through `Sources.load()`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from insight.areas import Areas
from insight.frames import enrich, services_frame
from loaders import tables
from loaders.paths import DEFAULT, DataPaths


@dataclass(frozen=True)
class Sources:
    figures: pd.DataFrame  # observations with their indicator's words, source's citation and area's role
    village: pd.DataFrame
    services: pd.DataFrame  # counted services, shaped like observations
    data_quality: pd.DataFrame
    areas: Areas
    indicator_ids: frozenset[str]  # every indicator the tables define, with figures or not
    citations: dict[str, str]  # each source's citation, by source id

    @classmethod
    def from_tables(cls, read) -> Sources:
        """From a reader of tables by name (`read("areas")`) and of the observations (`read("observations")`)."""
        areas_table = read("areas")
        areas = Areas.from_table(areas_table)
        indicators, sources = read("indicators"), read("sources")
        return cls(
            figures=enrich(read("observations"), indicators, sources, areas_table),
            village=read("village"),
            services=services_frame(read("services"), sources, read("sections"), areas),
            data_quality=read("data_quality"),
            areas=areas,
            indicator_ids=frozenset(indicators["indicator_id"]),
            citations=dict(zip(sources["source_id"], sources["citation"], strict=True)),
        )

    @classmethod
    def load(cls, paths: DataPaths = DEFAULT) -> Sources:
        """The built tables of `paths` (missing tables come back empty, so a page can say what is missing)."""

        def read(name: str) -> pd.DataFrame:
            if name == "observations":
                return tables.read_observations(paths, missing_ok=True)
            return tables.read_table(name, paths, missing_ok=True)

        return cls.from_tables(read)
