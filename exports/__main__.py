"""`python -m exports`: every chart as a file, or a deck of chosen charts, from the built tables.

python -m exports list                                   the chart ids, by page
python -m exports figures --out DIR [--format png|svg|html|json] [ID ...]   each chart as a file (all by default)
python -m exports deck --out FILE.pptx ID [ID ...]       one slide per chart, in the order given
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("png", "svg", "html", "json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exports", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="the chart ids, by page")
    figures = commands.add_parser("figures", help="each chart as a file")
    figures.add_argument("--out", type=Path, required=True, help="the folder to write into (made if missing)")
    figures.add_argument("--format", choices=FORMATS, default="html")
    figures.add_argument("ids", nargs="*", help="chart ids (default: every chart)")
    deck = commands.add_parser("deck", help="a PowerPoint deck of chosen charts")
    deck.add_argument("--out", type=Path, required=True, help="the .pptx file to write")
    deck.add_argument("ids", nargs="+", help="chart ids, in slide order")
    args = parser.parse_args(argv)

    import definitions
    from exports.files import UnwritablePath, write_deck, write_figures

    try:
        if args.command == "list":
            for chart in definitions.charts():
                print(f"{chart.id:48s} {chart.section} · {chart.what}")
            return 0
        charts = [_chart(i) for i in args.ids] if args.ids else definitions.charts()
        if args.command == "figures":
            written = write_figures(charts, args.out, args.format)
        else:
            written = [write_deck(charts, args.out)]
    except (definitions.UnknownDefinition, UnwritablePath) as exc:
        print(f"python -m exports: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


def _chart(chart_id: str):
    import definitions

    chart = definitions.get(chart_id)
    if not isinstance(chart, definitions.Chart):
        raise definitions.UnknownDefinition(f"'{chart_id}' is a headline card, not a chart")
    return chart


if __name__ == "__main__":
    sys.exit(main())
