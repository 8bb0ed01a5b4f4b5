"""One structured log line (JSON) per event worth a deployment's attention: each build, each page that failed.

A log collector (journald, Docker, a cloud's agent) reads the server's stderr; one JSON object per line is what
it can index without parsing prose. Standard library only, so the build and the dashboard share it.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

LOGGER = logging.getLogger("borough_insight")


class _Stderr(logging.Handler):
    """Writes to whatever sys.stderr is when the line is written (a test's capture, a redirected server)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(self.format(record) + "\n")
        sys.stderr.flush()


if not LOGGER.handlers:
    _handler = _Stderr()
    _handler.setFormatter(logging.Formatter("%(message)s"))
    LOGGER.addHandler(_handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False  # one line each, not again through Streamlit's or the root's handlers


def event(name: str, **fields: object) -> str:
    """Log `name` and its fields as one JSON line (UTC time first); return the line (tests read it)."""
    line = json.dumps(
        {"at": datetime.now(UTC).isoformat(timespec="milliseconds"), "event": name, **fields},
        default=str,
        ensure_ascii=False,
    )
    LOGGER.log(logging.ERROR if name.endswith("failed") else logging.INFO, line)
    return line
