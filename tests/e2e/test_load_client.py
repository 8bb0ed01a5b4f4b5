"""The load test's websocket client (bench/stclient.py) against the real dashboard: a few sessions rerun the landing
page and the next page with no error, and the server's own counts see them come and go.

A check that the client still speaks the server's protocol, not a load test: `python bench/load.py` is that.
"""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from bench.load import Server, close_all, open_all, rerun_each, select, settled_out
from bench.serverstats import active_sessions, established, port_of, server_pid

pytestmark = pytest.mark.e2e

SESSIONS = 3


async def drive(base_url: str):
    """Open the sessions, rerun two pages once each, read the server's counts, disconnect, wait for it to see."""
    server = Server("dashboard", base_url, server_pid(port_of(base_url)))
    sessions, opening = await open_all(base_url, SESSIONS, timeout=45)
    try:
        pages = select(sessions[0].pages, None)[:2] if sessions else []
        bursts = [await rerun_each(sessions, page, 1) for page in pages]
        counted = active_sessions(base_url), established(port_of(base_url)), server.rss
    finally:
        await close_all(sessions)
    return opening, pages, bursts, counted, await settled_out(server)


def test_sessions_rerun_two_pages_without_errors(base_url):
    # In a thread of its own: Playwright's sync API keeps an event loop running in this one for the session.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        found = pool.submit(asyncio.run, asyncio.wait_for(drive(base_url), 55)).result()
    opening, pages, bursts, (active, connections, rss), back_to_zero = found
    assert not opening.errors, opening.errors
    assert len(pages) == 2, f"the navigation message listed {pages}"
    for page, burst in zip(pages, bursts, strict=True):
        assert len(burst.runs) == SESSIONS
        assert not burst.errors, f"{page.url_path or 'landing'}: {burst.errors}"
        assert all(run.seconds > 0 and run.messages > 0 for run in burst.runs)
    assert active == SESSIONS, f"the server counted {active} active sessions, not {SESSIONS}"
    assert connections >= SESSIONS
    assert rss > 0
    assert back_to_zero, "the server still counted sessions a minute after they disconnected"
