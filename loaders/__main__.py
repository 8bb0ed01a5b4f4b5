"""`python -m loaders`: build the tidy tables when their sources changed; say so, and do nothing, when not.

python -m loaders            build if anything changed
python -m loaders --force    build even if nothing changed
python -m loaders --check    only report whether the tables are up to date (exit 1 if not)
"""

from __future__ import annotations

import argparse
import sys

from loaders.paths import DEFAULT
from loaders.store import freshness


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Build the tidy tables under data/tables/.")
    parser.add_argument("--force", action="store_true", help="build even if nothing changed")
    parser.add_argument("--check", action="store_true", help="only say whether the tables are up to date")
    args = parser.parse_args(argv)

    if args.check:
        state = freshness.check(DEFAULT)
        print(("Up to date: " if state.fresh else "Out of date: ") + state.reason)
        return 0 if state.fresh else 1

    # The no-op answer imports nothing heavy: pandas, pyarrow and frictionless are imported only to build.
    from loaders.build import build
    from loaders.errors import BuildError
    from loaders.store import lock

    try:
        with lock.exclusive(DEFAULT):  # one build at a time: a release being loaded from the dashboard waits
            report = build(DEFAULT, force=args.force)
    except BuildError as exc:
        print(f"Build failed: {exc}", file=sys.stderr)
        return 1
    print(report.message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
