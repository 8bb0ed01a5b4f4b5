"""Serve the dashboard with a readiness check, for a deployment: `streamlit run serve.py`.

The same app as `streamlit run dashboard.py`, plus `GET /ready`: 200 when the tables are built from the current
inputs and every file is the one the manifest lists (loaders.store.freshness), 503 with the reason otherwise, so a load
balancer sends no one to a replica that would only say "no tables yet". Liveness is Streamlit's own
`/_stcore/health`. A ready answer is kept for READY_SECONDS (checking hashes every table file); a not-ready
one is never kept, so a replica comes in as soon as its tables are. On start it builds the tables if they are
missing or stale, in the background (the dashboard would otherwise build them on its first visitor, whom a
not-ready replica never gets).
"""

from __future__ import annotations

import contextlib
import threading
import time

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from loaders.errors import BuildError
from loaders.paths import DEFAULT, DataPaths
from loaders.store import freshness, lock

READY_SECONDS = 30.0
_last = {"at": float("-inf"), "reason": ""}
_lock = threading.Lock()


def readiness(paths: DataPaths = DEFAULT) -> tuple[bool, str]:
    """Whether this replica's tables are built and intact, and why (a ready answer kept for READY_SECONDS)."""
    with _lock:
        if time.monotonic() - _last["at"] < READY_SECONDS:
            return True, _last["reason"]
        state = freshness.check(paths)
        if state.fresh:
            _last.update(at=time.monotonic(), reason=state.reason)
        return state.fresh, state.reason


async def ready(request: Request) -> JSONResponse:
    fresh, reason = await run_in_threadpool(readiness)
    return JSONResponse({"ready": fresh, "reason": reason}, status_code=200 if fresh else 503)


def build_if_needed() -> None:
    """Build the tables under the tree's lock; a refused build is logged (loaders.log) and /ready says why."""
    from loaders.build import build

    with contextlib.suppress(BuildError), lock.exclusive(DEFAULT):
        build(DEFAULT)


@contextlib.asynccontextmanager
async def build_on_start(_app):
    threading.Thread(target=build_if_needed, name="build-on-start", daemon=True).start()
    yield


app = st.App("dashboard.py", routes=[Route("/ready", ready)], lifespan=build_on_start)
