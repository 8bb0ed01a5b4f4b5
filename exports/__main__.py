"""`python -m exports`: every chart as a file, or a deck of chosen charts, from the built tables.

python -m exports list                                   the chart ids, by page
python -m exports figures --out DIR [--format png|svg|html|json] [--width PX --height PX] [ID ...]
                                                         each chart as a file (all by default; 1920x1080)
python -m exports deck --out FILE.pptx [--pdf] [--deck FILE.json | ID ...]
                                                         the board pack: a slide per chart of the default story,
                                                         a saved deck or the ids given; --pdf adds FILE.pdf
python -m exports package --out FILE.zip                 every table as CSV and Parquet, described, in one zip
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("png", "svg", "html", "json")
PRESENTATION = (1920, 1080)  # charts.export.PRESENTATION, without importing plotly for --help


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exports", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="the chart ids, by page")
    figures = commands.add_parser("figures", help="each chart as a file")
    figures.add_argument("--out", type=Path, required=True, help="the folder to write into (made if missing)")
    figures.add_argument("--format", choices=FORMATS, default="html")
    figures.add_argument("--width", type=_pixels, default=PRESENTATION[0], help="png, svg and html: px wide")
    figures.add_argument("--height", type=_pixels, default=PRESENTATION[1], help="png, svg and html: px high")
    figures.add_argument("ids", nargs="*", help="chart ids (default: every chart)")
    deck = commands.add_parser("deck", help="the board pack: a 16:9 PowerPoint deck (and PDF) of charts")
    deck.add_argument("--out", type=Path, required=True, help="the .pptx (or .pdf) file to write")
    deck.add_argument("--pdf", action="store_true", help="write the same deck as a PDF beside it (same name)")
    deck.add_argument("--deck", type=Path, help='a saved deck: JSON {"name": ..., "slides": [chart ids]}')
    deck.add_argument("ids", nargs="*", help="chart ids, in slide order (default: the default story)")
    package = commands.add_parser("package", help="every table as CSV and Parquet, described, in one zip")
    package.add_argument("--out", type=Path, required=True, help="the .zip file to write")
    args = parser.parse_args(argv)
    if args.command == "package":
        return _package(args.out)
    if args.command == "deck" and args.out.suffix.lower() not in (".pptx", ".pdf"):
        parser.error(f"--out {args.out}: a deck is written as .pptx or .pdf")
    if args.command == "deck" and args.deck and args.ids:
        parser.error("give --deck FILE or chart ids, not both")

    import definitions
    from definitions.decks import DeckError
    from exports.files import UnwritablePath, write_decks, write_figures

    try:
        if args.command == "list":
            for chart in definitions.charts():
                print(f"{chart.id:48s} {chart.section} · {chart.what}")
            return 0
        if args.command == "figures":
            charts = _charts(args.ids) if args.ids else definitions.charts()
            written = write_figures(charts, args.out, args.format, (args.width, args.height))
        else:
            deck = _deck(args.deck, args.ids)
            paths = [args.out, args.out.with_suffix(".pdf")] if args.pdf else [args.out]
            written = write_decks(_charts(deck.slides), dict.fromkeys(paths), deck.name)
    except (definitions.UnknownDefinition, UnwritablePath, DeckError) as exc:
        print(f"python -m exports: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


def _package(out: Path) -> int:
    """Write the whole-dashboard zip; a path that cannot be written is said plainly (exit 2), not a traceback."""
    from exports.package import UnwritablePath, write_package
    from loaders.store.tables import TablesMissing

    try:
        print(write_package(out))
    except (UnwritablePath, TablesMissing) as exc:
        print(f"python -m exports: {exc}", file=sys.stderr)
        return 2
    return 0


def _pixels(text: str) -> int:
    if not text.isdigit() or not 100 <= int(text) <= 8000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size in pixels from 100 to 8000")
    return int(text)


def _deck(path: Path | None, ids: list[str]):
    """The deck to write: a saved one, the ids given, or the default story."""
    from definitions import decks

    if path is None:
        return decks.Deck("Chosen charts", tuple(ids)) if ids else decks.default()
    deck = decks.read(path)
    if not deck.slides:
        raise decks.DeckError(f"{path} has no slides")
    return deck


def _charts(ids) -> list:
    """The charts of `ids`, in order; every id that names no chart at once, a line each, so one run fixes all."""
    import definitions

    charts, unknown = [], []
    for chart_id in ids:
        try:
            charts.append(_chart(chart_id))
        except definitions.UnknownDefinition as exc:
            unknown.append(str(exc))
    if unknown:
        raise definitions.UnknownDefinition("\npython -m exports: ".join(unknown) + "\nNothing was written.")
    return charts


def _chart(chart_id: str):
    import definitions

    chart = definitions.get(chart_id)
    if not isinstance(chart, definitions.Chart):
        raise definitions.UnknownDefinition(f"'{chart_id}' is a headline card, not a chart")
    return chart


if __name__ == "__main__":
    sys.exit(main())
