"""The tidy tables, declared once: each table's columns become both the Parquet schema and the pandera check.

Every Parquet file carries its schema, with a description of the table and of every column (schema and field
metadata), so a table read by any tool explains itself, and the package export (exports.datapackage) reads its
descriptions from the files. Where a column holds codes the curated files declare (units, statuses, polarities,
kinds, relations), its description lists them from that one declaration, data/schemas/*.json: never a copy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import pyarrow as pa

from loaders.paths import ROOT


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = False


S, F, D, INT, B = pa.string(), pa.float64(), pa.date32(), pa.int32(), pa.bool_()


@cache
def declared_codes(schema: str, field: str) -> tuple[str, ...]:
    """The codes a curated Table Schema allows in a field (its enum): the one declaration of a vocabulary."""
    declared = json.loads((ROOT / "data" / "schemas" / f"{schema}.json").read_text(encoding="utf-8"))
    (found,) = [f for f in declared["fields"] if f["name"] == field]
    return tuple(found["constraints"]["enum"])


def one_of(codes: tuple[str, ...], notes: dict[str, str] | None = None) -> str:
    """'a, b or c', each code followed by its note in parentheses where it has one."""
    notes = notes or {}
    written = [f"{code} ({notes[code]})" if code in notes else code for code in codes]
    return f"{', '.join(written[:-1])} or {written[-1]}" if len(written) > 1 else written[0]


OBSERVATIONS = [
    Column("indicator_id", S, "What is measured; joins to the indicators table."),
    Column("theme", S, "Dashboard theme; the observations are split into one file per theme."),
    Column("area_code", S, "ONS GSS code of the area, or 'national' where the strategy names no geography."),
    Column("area_name", S, "Name of the area."),
    Column("period", S, "The period as published: 2021, 2019/20, 2015-16, 2018-20, 2014 to 2019, current ..."),
    Column(
        "period_type", S, "calendar_year, financial_year, academic_year, pooled_years, month, span, since or undated."
    ),
    Column("period_start", D, "First day of the period; empty when the strategy gives no date.", nullable=True),
    Column("period_end", D, "Last day of the period; empty when open-ended or undated.", nullable=True),
    Column("breakdown", S, "'all', or the group the value is for."),
    Column(
        "value",
        F,
        "The published value (percentages as 13 for 13%); empty for a range; a bound's value is the bound.",
        nullable=True,
    ),
    Column("lower", F, "Lower end of a range, or the value of a lower bound; else empty.", nullable=True),
    Column("upper", F, "Upper end of a range, or the value of an upper bound; else empty.", nullable=True),
    Column(
        "unit",
        S,
        one_of(declared_codes("observations", "unit"), {"number": "a figure shown as published, its unit not known"})
        + ".",
    ),
    Column(
        "status",
        S,
        one_of(
            declared_codes("observations", "status"),
            {"suppressed": "a published figure whose value the publisher withheld: see suppression"},
        )
        + ".",
    ),
    Column("value_text", S, "The value exactly as the quote writes it; empty for derived rows.", nullable=True),
    Column("formula", S, "For derived rows: how the value follows from published rows.", nullable=True),
    Column("source_id", S, "The source line the strategy gives; joins to the sources table.", nullable=True),
    Column("section_id", S, "The section of the strategy the quote is in; joins to sections.", nullable=True),
    Column("section", S, "The section's heading.", nullable=True),
    Column("quote", S, "The sentence of the strategy that states the value, verbatim.", nullable=True),
    Column("note", S, "Anything a reader needs to read the figure right.", nullable=True),
    Column("curated_file", S, "The curated file a strategy figure was built from.", nullable=True),
    Column("curated_line", INT, "The line of that file.", nullable=True),
    # ---- where a figure comes from: the strategy (quote, section, curated file) or a published release ----
    Column("source_kind", S, "strategy (a figure the strategy states) or release (a figure a publisher's file gives)."),
    Column("period_as_published", S, "The period exactly as the release writes it (2018 - 20, 202425).", nullable=True),
    Column(
        "breakdown_type", S, "What the breakdown is of (Sex, social care group, a deprivation decile).", nullable=True
    ),
    Column("lower_ci95", F, "Lower 95% confidence limit, as published (not a range).", nullable=True),
    Column("upper_ci95", F, "Upper 95% confidence limit, as published.", nullable=True),
    Column("lower_ci998", F, "Lower 99.8% confidence limit, as published.", nullable=True),
    Column("upper_ci998", F, "Upper 99.8% confidence limit, as published.", nullable=True),
    Column("count", F, "The numerator (count of events or people), as published.", nullable=True),
    Column("denominator", F, "The population the rate is of, as published.", nullable=True),
    Column("value_note", S, "The publisher's note on the value.", nullable=True),
    Column(
        "suppression", S, "Why a value is missing: DfE c, x, z, u, k, low; blank (left empty, no code).", nullable=True
    ),
    Column("suppression_meaning", S, "The suppression code in words.", nullable=True),
    Column("comparison", S, "The publisher's own comparison (Better, Similar, Worse, Not compared).", nullable=True),
    Column("compared_with", S, "What the publisher compared with (England, Region, percentiles).", nullable=True),
    Column("publisher", S, "Who published the release.", nullable=True),
    Column(
        "publisher_indicator_id",
        S,
        "The publisher's id of the measure (Fingertips 90284, DfE At31_episodes).",
        nullable=True,
    ),
    Column("release_format", S, "The kind of file: fingertips, dfe_ees or ons_census.", nullable=True),
    Column("release_dataset", S, "The publisher's dataset, as the file names it.", nullable=True),
    Column(
        "release_period", S, "The newest period in the release for this indicator: what orders releases.", nullable=True
    ),
    Column("release_file", S, "The release file the figure was read from.", nullable=True),
    Column("release_sha256", S, "That file's SHA-256.", nullable=True),
    Column("release_line", INT, "The line of that file the figure's record starts on.", nullable=True),
    Column("link", S, "Where the publisher releases it.", nullable=True),
    Column("licence", S, "The licence the figure is published under.", nullable=True),
]

INDICATORS = [
    Column("indicator_id", S, "Stable id."),
    Column("title", S, "Short title."),
    Column("theme", S, "Dashboard theme."),
    Column("topic", S, "Topic within the theme."),
    Column("definition", S, "What the indicator measures, in plain English."),
    Column("unit", S, f"Unit of every value: {one_of(declared_codes('indicators', 'unit'))}."),
    Column("unit_label", S, "How to write the unit beside a value (per 1,000 live births).", nullable=True),
    Column(
        "unit_inferred",
        B,
        "True where nobody declared the unit: it was worked out from the publisher's naming or figures.",
        nullable=True,
    ),
    Column(
        "polarity",
        S,
        f"{one_of(declared_codes('indicators', 'polarity'))}; empty where nobody has declared it (no figure of it is "
        "then called better or worse).",
        nullable=True,
    ),
    Column("measure", S, f"{one_of(declared_codes('indicators', 'measure'))}."),
    Column("observations", INT, "How many published (or derived) values the indicator has."),
    Column("source_kind", S, "strategy (the strategy states its figures) or release (a publisher's files give them)."),
    Column(
        "declared", B, "For a public indicator: whether data/metadata/public_indicators.csv declares it.", nullable=True
    ),
    Column("publisher", S, "For a public indicator: who publishes it.", nullable=True),
    Column("publisher_indicator_id", S, "For a public indicator: the publisher's own id of it.", nullable=True),
    Column("publisher_indicator_name", S, "For a public indicator: the publisher's own name of it.", nullable=True),
    Column("dataset_id", S, "For a public indicator: the dataset whose files give it.", nullable=True),
    Column("dataset", S, "For a public indicator: that dataset, in words.", nullable=True),
    Column("link", S, "For a public indicator: where the publisher releases it.", nullable=True),
]

SOURCES = [
    Column("source_id", S, "Stable id."),
    Column("publisher", S, "Original publisher(s)."),
    Column("title", S, "Publication(s)."),
    Column("year", S, "Year(s) as printed.", nullable=True),
    Column("link", S, "Web address(es).", nullable=True),
    Column("source_line", S, "The strategy's 'Source:' line, verbatim.", nullable=True),
    Column("note", S, "About the attribution.", nullable=True),
    Column("citation", S, "A short citation for chart footers: publisher, title, year."),
]

AREAS = [
    Column("area_code", S, "ONS GSS code, or 'national'."),
    Column("area_name", S, "Name."),
    Column("area_type", S, "Kind of area."),
    Column(
        "role",
        S,
        "What the area is to the dashboard, one area per role: home is the authority the strategy is about, whose "
        "figures every chart leads with (exactly one area); region is its region (London); country its country "
        "(England); countries the group of countries a figure is given for (England and Wales); national a "
        "national average whose geography the text does not name. Empty for the areas published files add.",
        nullable=True,
    ),
    Column(
        "parent_code", S, "The area it is part of (a borough's region, a region's country), where known.", nullable=True
    ),
    Column("is_comparator", B, "True for every area but the home area: the areas the home area is compared with."),
    Column("note", S, "About the area.", nullable=True),
    Column(
        "la_number",
        S,
        "The DfE's three-digit number of a local authority (305 for Bromley), as its Explore Education Statistics files "
        "give it beside the GSS code.",
        nullable=True,
    ),
]

SECTIONS = [
    Column("section_id", S, "Stable id."),
    Column("title", S, "Heading (parent > child)."),
    Column("contents_page", INT, "Page in the strategy's contents list."),
]

VILLAGE = [
    Column("group_type", S, "ethnicity or characteristic."),
    Column("group_id", S, "Stable id."),
    Column("group", S, "Label as the strategy writes it."),
    Column(
        "family",
        S,
        "Broad ethnic family (White, Mixed, Black, Asian, Other); empty for characteristics.",
        nullable=True,
    ),
    Column("count", INT, "Children out of 100."),
    Column("value_text", S, "The count as written."),
    Column("source_id", S, "Source line."),
    Column("section_id", S, "Section."),
    Column("quote", S, "Verbatim line of the strategy."),
    Column("meaning", S, "For circumstances: what the circumstance means, in plain English.", nullable=True),
    Column("note", S, "Note.", nullable=True),
]

SERVICES = [
    Column("service_id", S, "Stable id."),
    Column("service", S, "The service as the strategy names it."),
    Column("layer", S, "family_and_community, universal or additional_support."),
    Column("life_area", S, "health, community, learning or money.", nullable=True),
    Column("count", INT, "How many, where a count is given.", nullable=True),
    Column("status", S, f"{one_of(declared_codes('services', 'status'))}."),
    Column("value_text", S, "The count as written.", nullable=True),
    Column("source_id", S, "Source line."),
    Column("section_id", S, "Section."),
    Column("quote", S, "Verbatim text of the strategy."),
    Column("note", S, "Note.", nullable=True),
]

LEVELS_OF_NEED = [
    Column("tier", INT, "1 (no additional needs) to 4 (acute need)."),
    Column("description", S, "The tier as the strategy describes it."),
    Column("referral", S, "The response the tier calls for."),
    Column("quote", S, "Verbatim text of the strategy."),
]

ARITHMETIC_CHECKS = [
    Column("check_id", S, "Stable id."),
    Column("kind", S, f"{one_of(declared_codes('arithmetic_checks', 'kind'))}."),
    Column("description", S, "What is checked."),
    Column("stated", S, "Reference to the published row that is checked."),
    Column("stated_value", F, "Its value."),
    Column("stated_text", S, "Its value as written.", nullable=True),
    Column("inputs", S, "References to the published rows it is recomputed from."),
    Column("input_values", S, "Their values, in order."),
    Column("computed", F, "The value recomputed from the inputs."),
    Column(
        "tolerance", F, "How far the computed value may be from the stated one, given how the stated value is rounded."
    ),
    Column("consistent", B, "True when the stated value agrees with the computed one."),
    Column("verdict", S, "The comparison in words."),
    Column("note", S, "Why they may differ, where known.", nullable=True),
]

DATA_QUALITY = [
    Column("issue_id", S, "Stable id."),
    Column(
        "kind",
        S,
        one_of(
            (*declared_codes("data_quality", "kind"), "arithmetic", "sources_disagree"),
            {
                "arithmetic": "the strategy's own arithmetic does not add up: added by the build",
                "sources_disagree": "the strategy and a publisher give different figures for one period: added by the "
                "build",
            },
        )
        + ".",
    ),
    Column("summary", S, "One line."),
    Column("explanation", S, "What the text says and why it does not add up."),
    Column("handling", S, "What the tables do about it."),
    Column("refs", S, "The rows involved.", nullable=True),
    Column("values", S, "Their values as written.", nullable=True),
    Column("quotes", S, "The quotes involved, verbatim, separated by ' / '.", nullable=True),
]

INDICATOR_LINKS = [
    Column("public_indicator_id", S, "A public indicator."),
    Column("strategy_indicator_id", S, "The strategy's indicator it measures the same thing as, or nearly."),
    Column("relation", S, f"{one_of(declared_codes('indicator_links', 'relation'))}."),
    Column("reason", S, "Why, in a sentence."),
]

RELEASES = [
    Column("release_file", S, "The file, as people see its path."),
    Column("release_sha256", S, "Its SHA-256: the same file loaded twice is recorded once."),
    Column("format", S, "fingertips, dfe_ees, ons_census or dfe_neighbours (recognised by the header)."),
    Column("dataset_id", S, "The dataset it belongs to (declared, or named after the file)."),
    Column("dataset", S, "The publisher's dataset, in words."),
    Column("publisher", S, "Who publishes it."),
    Column("encoding", S, "The text encoding it was read in."),
    Column("records", INT, "Data records in the file."),
    Column(
        "figures_read",
        INT,
        "Figures read (a record of several measures gives several; for the neighbour model, pairs of neighbours).",
    ),
    Column("figures_kept", INT, "Figures written to the observations (every measure is an indicator), or pairs kept."),
    Column("suppressed", INT, "Of those, published as missing (a suppression code or a blank)."),
    Column("derived", INT, "Of those, worked out from the file's figures (a share from counts), with a formula."),
    Column("superseded", INT, "Figures replaced by a newer release, or a later version, of the same figure."),
    Column(
        "repeated", INT, "Figures given again with the same value (by another file, or twice in this one): kept once."
    ),
    Column("skipped", INT, "Rows read but not shown, such as geographic levels the dashboard does not show."),
    Column("skipped_why", S, "What was skipped and why, once per kind, with how many.", nullable=True),
    Column("indicators", INT, "Indicators the file's figures feed."),
    Column("indicators_declared", INT, "Of those, how many data/metadata/public_indicators.csv declares."),
    Column("areas", INT, "Areas the kept figures are for."),
    Column("first_period", S, "The earliest period kept.", nullable=True),
    Column("newest_period", S, "The newest period kept.", nullable=True),
    Column(
        "repeated_from",
        S,
        "The other files that already give the figures this one repeats, the most first, separated by '; ' (a file "
        "that keeps and supersedes nothing adds nothing: every figure it gives is theirs).",
        nullable=True,
    ),
]

STATISTICAL_NEIGHBOURS = [
    Column("area_code", S, "A local authority (GSS code)."),
    Column("la_number", S, "Its DfE three-digit number, as the model names it."),
    Column("rank", INT, "1 for its nearest neighbour, up to 10."),
    Column("neighbour_code", S, "The neighbour (GSS code)."),
    Column("neighbour_number", S, "The neighbour's DfE three-digit number, as the model names it."),
    Column(
        "closeness",
        S,
        "How close the model finds them: Extremely close, Very close, Close, Somewhat close ...",
        nullable=True,
    ),
    Column("model", S, "The model, in words."),
    Column("release_file", S, "The file the model was read from."),
    Column("release_sha256", S, "That file's SHA-256."),
    Column("release_line", INT, "The line of the authority's row."),
]

REPLACEMENTS = [
    Column("indicator_id", S, "The figure's indicator."),
    Column("area_code", S, "Its area."),
    Column("period", S, "Its period."),
    Column("breakdown_type", S, "What its breakdown is of.", nullable=True),
    Column("breakdown", S, "Its breakdown."),
    Column("reason", S, "Why it was replaced: a newer release, or a later version of the same period."),
    Column("replaced_value", F, "The value replaced (empty where it was suppressed).", nullable=True),
    Column("replaced_suppression", S, "Its suppression code, where it had one.", nullable=True),
    Column("replaced_file", S, "The file the replaced value came from."),
    Column("replaced_line", INT, "Its line."),
    Column("value", F, "The value kept (empty where suppressed).", nullable=True),
    Column("suppression", S, "The kept figure's suppression code, where it has one.", nullable=True),
    Column("release_file", S, "The file the kept value comes from."),
    Column("release_line", INT, "Its line."),
]

TABLES: dict[str, list[Column]] = {
    "observations": OBSERVATIONS,
    "indicators": INDICATORS,
    "sources": SOURCES,
    "areas": AREAS,
    "sections": SECTIONS,
    "village": VILLAGE,
    "services": SERVICES,
    "levels_of_need": LEVELS_OF_NEED,
    "arithmetic_checks": ARITHMETIC_CHECKS,
    "data_quality": DATA_QUALITY,
    "indicator_links": INDICATOR_LINKS,
    "releases": RELEASES,
    "statistical_neighbours": STATISTICAL_NEIGHBOURS,
    "replacements": REPLACEMENTS,
}

# What each table holds, written into its Parquet file: the package's resources and README read it from there.
DESCRIPTIONS: dict[str, str] = {
    "observations": "One row per published value: a figure the strategy states (with its quote, section and "
    "source) or a figure a publisher's release gives (with its file, line, confidence limits, count and licence).",
    "indicators": "What each indicator measures: title, theme, plain-English definition, unit, and whether "
    "higher is better.",
    "sources": "Each 'Source:' line of the strategy: publisher, title, year, link and a short citation.",
    "areas": "Every area the figures are for, its role (the home area, its region, its country) and its parent.",
    "sections": "The strategy's sections, with their page in its contents list.",
    "village": "The strategy's 'village of 100 children': how many of every 100 children are in each group.",
    "services": "The early help ecosystem: the services the strategy names, by layer, with counts where given.",
    "levels_of_need": "The four tiers of need and the response each calls for.",
    "arithmetic_checks": "Every change, sum and share the strategy states, recomputed from its own figures.",
    "data_quality": "Where the strategy contradicts itself, writes a unit wrongly, leaves out a period, unit or "
    "geography, or lost a figure to a picture; and what the tables do about it.",
    "indicator_links": "Which published series continues which strategy figure, and why.",
    "releases": "Each publisher's file the build read, and what it added to the observations.",
    "statistical_neighbours": "Each local authority's statistical neighbours in the DfE's model, nearest first.",
    "replacements": "Each published figure a newer release or a later version replaced: both values, files and lines.",
}


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of a table, with its description and each column's as metadata."""
    return pa.schema(
        [pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description}) for c in TABLES[table]],
        metadata={"table": table, "description": DESCRIPTIONS[table]},
    )
