"""Write a synthetic Fingertips-shaped export for the scale benchmark: every area the shipped DfE file names
(England, its regions and every local authority), 20 financial years, 50 indicators, three sexes and two age
groups: about a million rows, in the current 27-column layout, values from a seeded generator.

    python bench/make_fingertips.py OUT.csv [--indicators 50] [--years 20]

The indicators are numbered from 990001, which no real Fingertips indicator uses; bench/releases.py declares
them in a copy of the data tree. The file never enters data/: it only measures speed.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex",
    "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
    "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles", "Compared to percentiles", "Time period Sortable", "New data",
    "Compared to goal", "Time period range",
]  # fmt: skip
FIRST_ID = 990001


def areas() -> list[tuple[str, str, str, str, str]]:
    """(code, name, type, parent code, parent name) of every area of the shipped children-in-need file."""
    (path,) = (ROOT / "data" / "releases" / "dfe_ees_children_in_need_b1").glob("*.csv")
    seen: dict[str, tuple[str, str, str, str, str]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            level = row["geographic_level"]
            if level == "National":
                seen.setdefault(row["country_code"], (row["country_code"], row["country_name"], "England", "", ""))
            elif level == "Regional":
                seen.setdefault(
                    row["region_code"], (row["region_code"], row["region_name"], "Regions", "E92000001", "England")
                )
            else:
                seen.setdefault(
                    row["new_la_code"],
                    (
                        row["new_la_code"],
                        row["la_name"],
                        "Counties & UAs (from Apr 2023)",
                        row["region_code"],
                        row["region_name"],
                    ),
                )
    return list(seen.values())


def write(out: Path, indicators: int = 50, years: int = 20, seed: int = 2030) -> int:
    generate = random.Random(seed)
    rows = 0
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(indicators):
            indicator = FIRST_ID + number
            name = f"Synthetic benchmark indicator {number + 1} (not real data)"
            for code, area, kind, parent, parent_name in areas():
                base = generate.uniform(20, 200)
                for year in range(2004, 2004 + years):
                    period = f"{year}/{(year + 1) % 100:02d}"
                    for sex in ("Persons", "Male", "Female"):
                        for age in ("<15 yrs", "0-4 yrs"):
                            value = base * generate.uniform(0.8, 1.2)
                            low, high = value * 0.9, value * 1.1
                            count = int(value * 30)
                            writer.writerow([
                                indicator, name, parent, parent_name, code, area, kind, sex, age, "", "", period,
                                f"{value:.6f}", f"{low:.6f}", f"{high:.6f}", "", "", count, count * 100, "", "",
                                generate.choice(("Better", "Similar", "Worse")), "Not compared", f"{year}0000",
                                "", "", "1y",
                            ])  # fmt: skip
                            rows += 1
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--years", type=int, default=20)
    args = parser.parse_args()
    print(f"{write(args.out, args.indicators, args.years):,} rows written to {args.out}")
