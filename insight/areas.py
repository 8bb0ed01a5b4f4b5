"""The areas' roles, read from the `areas` table: which area is home, which are its comparators.

Nothing else in the code names an area's code: a data tree for another borough marks its own home area in
`data/metadata/areas.csv`, and every chart, card and message follows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# The role of the one area the dashboard is about (`role` in data/metadata/areas.csv). Declared here for the
# layers above loaders (which never import them); loaders.contract.curated.HOME_ROLE is the same word.
HOME_ROLE = "home"
# The order areas are drawn and listed in: home first, then the nearest comparator outwards.
ROLE_ORDER = (HOME_ROLE, "region", "country", "countries", "national")
# How a comparator reads in a sentence ("higher than in London and nationally").
NATIONAL = "national"


@dataclass(frozen=True)
class Areas:
    """Codes by role and names by code, from the areas table."""

    code_by_role: dict[str, str]
    name_by_code: dict[str, str]

    @classmethod
    def from_table(cls, areas: pd.DataFrame) -> Areas:
        with_role = areas.dropna(subset=["role"]) if "role" in areas else areas.iloc[0:0]
        return cls(
            dict(zip(with_role["role"], with_role["area_code"], strict=True)),
            dict(zip(areas["area_code"], areas["area_name"], strict=True)),
        )

    @property
    def home(self) -> str:
        """The home area's code (the authority the dashboard is about)."""
        return self.code_by_role.get(HOME_ROLE, "")

    @property
    def home_name(self) -> str:
        return self.name_by_code.get(self.home, "the home area")

    def role_of(self, code: str) -> str | None:
        return next((role for role, c in self.code_by_role.items() if c == code), None)


def role_rank(role: object) -> int:
    """Sort key: home first, comparators in ROLE_ORDER, any other area after them."""
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def in_area(role: object, name: str) -> str:
    """'in London', 'in England', 'nationally': a comparator as the end of a sentence."""
    return "nationally" if role == NATIONAL else f"in {name}"


def statistical_neighbours(table: pd.DataFrame, code: str) -> list[str]:
    """`code`'s statistical neighbours, nearest first, from the `statistical_neighbours` table (the DfE's model, its
    numbers mapped to GSS codes by the build); none when the table is missing or does not name the area."""
    if table.empty or "area_code" not in table:
        return []
    return list(table.loc[table["area_code"] == code].sort_values("rank", kind="stable")["neighbour_code"])
