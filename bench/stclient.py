"""A Streamlit session driven over its websocket the way the browser's frontend drives it, without a browser.

Used by `bench/load.py` to open many sessions at once: a browser per session would measure Chromium, not the
server. What a tab does, read from streamlit/web/server/starlette/starlette_websocket.py and runtime/app_session.py:
it connects to `<base>/_stcore/stream` with the subprotocol "streamlit" (the second entry would carry the XSRF
token, which only matters for the auth cookie), sends a `rerun_script` BackMsg naming the page of its URL, and the
server streams ForwardMsgs until `script_finished`. Later runs name the page by the `page_script_hash` the
`navigation` message gave, and list the hashes of the large messages already received (`cached_message_hashes`),
so the server sends a reference instead of sending them again, as it does for a browser.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

# The catch-all in dashboard.py turns a page's exception into this message (and logs the traceback).
PAGE_FAILED = "Sorry, part of this page could not be drawn"
SUCCESS = (ForwardMsg.FINISHED_SUCCESSFULLY,)


@dataclass
class Page:
    """One entry of the app's navigation: its url path ("" for an app without st.navigation) and hash."""

    url_path: str
    script_hash: str = ""
    is_default: bool = False


@dataclass
class Run:
    """One rerun, from sending `rerun_script` to `script_finished`: seconds, and what went wrong (empty if nothing)."""

    page: str
    seconds: float
    errors: list[str] = field(default_factory=list)
    messages: int = 0


def _problems(msg: ForwardMsg) -> list[str]:
    """Errors a person would see in this message: an exception box, the dashboard's "could not be drawn", a 404."""
    kind = msg.WhichOneof("type")
    if kind == "page_not_found":
        return [f"page not found: {msg.page_not_found.page_name!r}"]
    if kind == "script_finished" and msg.script_finished not in SUCCESS:
        return [f"script finished with status {ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)}"]
    if kind != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return []
    element = msg.delta.new_element
    if element.WhichOneof("type") == "exception":
        return [f"exception: {element.exception.type}: {element.exception.message[:200]}"]
    if element.WhichOneof("type") == "alert" and element.alert.body.startswith(PAGE_FAILED):
        return [f"page failed: {element.alert.body[:200]}"]
    return []


class Session:
    """One websocket session. Use `async with Session(base_url) as s:`, then `await s.run(page)`.

    One run at a time: the client waits for `script_finished` before asking for the next run, as a person who
    clicks after the page has drawn does.
    """

    def __init__(self, base_url: str, timeout: float = 120.0) -> None:
        # http:// -> ws://, https:// -> wss:// (a proxy with TLS: bench/proxy.py)
        self.stream_url = "ws" + base_url.removeprefix("http").rstrip("/") + "/_stcore/stream"
        self.timeout = timeout
        self.pages: list[Page] = []
        self._cached: set[str] = set()
        self._ws: ClientConnection | None = None

    async def __aenter__(self) -> Session:
        self._ws = await asyncio.wait_for(
            connect(self.stream_url, subprotocols=["streamlit"], max_size=None, compression=None, open_timeout=None),
            self.timeout,
        )
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.close()

    async def close(self) -> None:
        if self._ws is not None:
            ws, self._ws = self._ws, None
            await asyncio.wait_for(ws.close(), 10)

    async def run(self, page: Page | None = None) -> Run:
        """Rerun `page` (the landing page if None) and time it to `script_finished`; never raises on a timeout or
        a lost connection, which come back as errors of the run (the session is closed after either)."""
        name = page.url_path if page else ""
        msg = BackMsg()
        state = msg.rerun_script
        if page and page.script_hash:
            state.page_script_hash = page.script_hash
        state.page_name = name
        state.cached_message_hashes.extend(sorted(self._cached))
        run = Run(page=name, seconds=0.0)
        if self._ws is None:
            run.errors.append("connection: the session was closed after an earlier error")
            return run
        started = time.perf_counter()
        try:
            await self._ws.send(msg.SerializeToString())
            await asyncio.wait_for(self._receive_until_finished(run), self.timeout)
        except TimeoutError:
            run.errors.append(f"timeout: no script_finished within {self.timeout:.0f} s")
        except Exception as exc:  # a dropped connection, a refused one: an error of this run, not of the bench
            run.errors.append(f"connection: {type(exc).__name__}: {exc}")
        run.seconds = time.perf_counter() - started
        if run.errors and any(e.startswith(("timeout", "connection")) for e in run.errors):
            await asyncio.shield(self._abandon())
        return run

    async def _receive_until_finished(self, run: Run) -> None:
        while True:
            data = await self._ws.recv()
            msg = ForwardMsg()
            msg.ParseFromString(data)
            run.messages += 1
            run.errors.extend(_problems(msg))
            if msg.metadata.cacheable and msg.hash:
                self._cached.add(msg.hash)
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                self.pages = [Page(p.url_pathname, p.page_script_hash, p.is_default) for p in msg.navigation.app_pages]
            elif kind == "script_finished":
                return

    async def _abandon(self) -> None:
        """After a timeout the next message may belong to the old run: drop the session rather than misread it."""
        try:
            await self.close()
        except Exception:  # already gone
            self._ws = None
