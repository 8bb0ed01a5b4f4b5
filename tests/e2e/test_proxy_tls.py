"""The shipped proxy (deploy/haproxy.cfg, unchanged) faces the open internet: the real HAProxy, on loopback with a
throwaway self-signed certificate, in front of one real `serve.py`.

HTTPS serves the app to headless Chromium with no Content-Security-Policy violation; plain HTTP is redirected to
HTTPS; a Host that is not the site's is refused, by the proxy and, for the websocket, by Streamlit itself
(`server.allowedHosts`); the security headers are on every response; a body over the upload limit is refused
unread; and a client over a per-address limit is refused (429) while another address is still served. Loopback
is 127.0.0.0/8, so each client here is its own source address: the browser 127.0.0.1, the well-behaved client
127.0.0.2, each abuser one more.
"""

from __future__ import annotations

import contextlib
import http.client
import ssl
from dataclasses import dataclass
from pathlib import Path

import pytest

from loaders.intake import upload
from loaders.paths import ROOT
from tests.e2e.proxy import UP_SECONDS, haproxy, listen_port, settings, statuses, wait_until
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, ErrorLog, served, settle, tail

pytestmark = pytest.mark.e2e

HOST = "insight.test"  # the public name; Chromium is told it is 127.0.0.1 (--host-resolver-rules)
# Low limits, so a test goes over them in a moment; the browser's page loads stay well under them.
LIMITS = {"BI_CONN_MAX": "8", "BI_CONN_RATE": "30", "BI_REQ_RATE": "500"}
BROWSER, GOOD = "127.0.0.1", "127.0.0.2"  # source addresses: the browser, and a client within its limits
DESKTOP = {"width": 1280, "height": 900}
# Every violation the page meets, as the browser reports it (besides the console error it logs).
CSP_WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI}`));"""


@dataclass
class Front:
    https: int
    http: int
    replica: int
    ca: ssl.SSLContext  # trusts the test certificate (issued for the host name and 127.0.0.1)
    log: Path
    replica_log: Path

    def request(self, path="/", *, host=HOST, source=GOOD, method="GET", headers=None, tls=True):
        """One request on a fresh connection from `source`: (status, headers with lower-case names, body)."""
        with contextlib.closing(self.connect(source, tls=tls)) as conn:
            conn.request(method, path, headers={"Host": host, **(headers or {})})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()

    def connect(self, source: str, *, tls: bool = True) -> http.client.HTTPConnection:
        if tls:
            conn = http.client.HTTPSConnection(
                "127.0.0.1", self.https, source_address=(source, 0), context=self.ca, timeout=10
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.http, source_address=(source, 0), timeout=10)
        conn.connect()
        return conn


@pytest.fixture(scope="module")
def front(project_tables, tmp_path_factory):
    """HAProxy on deploy/haproxy.cfg (HTTPS and HTTP on free ports, the host name HOST, LIMITS) in front of one
    `serve.py`, which also lists HOST as its `server.allowedHosts`."""
    root = tmp_path_factory.mktemp("proxy-tls")
    replica_log, log = root / "replica.log", root / "haproxy.log"
    with contextlib.ExitStack() as stack:
        allowed = {"STREAMLIT_SERVER_ALLOWED_HOSTS": HOST}
        url = stack.enter_context(served("serve.py", cwd=ROOT, log=replica_log, env=allowed))
        replica = listen_port(url.rstrip("/"))
        env = settings(root, (HOST,), [f"127.0.0.1:{replica}"], **LIMITS)
        stack.enter_context(haproxy(env, log))
        sock = Path(env["STATS_SOCKET"])
        wait_until(lambda: set(statuses(sock).values()) == {"UP"}, UP_SECONDS, "the replica not UP", log)
        ca = ssl.create_default_context(cafile=str(root / "cert.pem"))
        yield Front(listen_port(env["LISTEN_HTTPS"]), listen_port(env["LISTEN_HTTP"]), replica, ca, log, replica_log)


@pytest.fixture(scope="module")
def resolving_browser(browser):
    """Another headless Chromium from the session's Playwright, told that HOST is 127.0.0.1."""
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"]
    )
    yield chromium
    chromium.close()


def test_the_app_works_over_https_in_chromium_with_no_csp_violation(front, resolving_browser):
    context = resolving_browser.new_context(viewport=DESKTOP, ignore_https_errors=True)  # a test certificate
    try:
        page = context.new_page()
        page.add_init_script(CSP_WATCH)
        errors = ErrorLog().attach(page)
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        base = f"https://{HOST}:{front.https}/"
        drawn = 0
        for path in ("", "health"):  # the landing page, then a page of plotly charts (each a fresh websocket)
            response = page.goto(base + path)
            assert response.status == 200 and "frame-ancestors 'none'" in response.headers["content-security-policy"]
            settled = settle(page, timeout_s=60)
            assert not settled.timed_out, f"{path or 'landing'} did not settle: {settled.last}\n{tail(front.log)}"
            assert [t for t in page.locator("h1").all_inner_texts() if t.strip()], f"{path}: no title"
            assert not page.locator("[data-testid='stException']").count()
            assert page.evaluate("window.__csp") == [], f"{path}: CSP violations"
            drawn += settled.charts
        assert drawn > 0, "no plotly chart was drawn"
        assert not errors.errors, errors.errors  # a violation is also a console error
        assert len(requests) < int(LIMITS["BI_REQ_RATE"]), f"{len(requests)} requests: raise LIMITS"
        assert "Traceback" not in tail(front.replica_log, 200_000)
    finally:
        context.close()


def test_plain_http_is_redirected_to_the_same_address_over_https(front):
    status, headers, _ = front.request("/health?x=1", host=f"{HOST}:{front.http}", tls=False)
    assert status == 301 and headers["location"] == f"https://{HOST}:{front.https}/health?x=1"
    assert front.request("/", host="127.0.0.1", tls=False)[0] == 421  # not redirected anywhere either


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1", "localhost", f"{HOST}.evil.example", f"{HOST}:1;x", ""])
def test_a_host_that_is_not_the_sites_is_refused(front, host):
    assert front.request("/", host=host)[0] == 421


def test_the_sites_host_is_served_with_or_without_its_port_in_any_case(front):
    for host in (HOST, f"{HOST}:{front.https}", HOST.upper()):
        assert front.request("/_stcore/health", host=host)[0] == 200, host


def test_streamlit_itself_refuses_a_websocket_for_another_host(front):
    """Behind the proxy as a second line: a replica reached directly opens its websocket only for HOST."""

    def handshake(host: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", front.replica, timeout=10)
        with contextlib.closing(conn):
            conn.request("GET", "/_stcore/stream", headers={
                "Host": host, "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Protocol": "streamlit"})  # fmt: skip
            return conn.getresponse().status

    assert handshake(f"{HOST}:{front.replica}") == 101
    assert handshake("evil.example") == 403


def test_every_response_carries_the_security_headers(front):
    for path in ("/", "/_stcore/health", "/favicon.png"):
        status, headers, _ = front.request(path, host=f"{HOST}:{front.https}")  # as a browser names it
        assert status == 200, path
        assert headers["strict-transport-security"].startswith("max-age=31536000")
        csp = headers["content-security-policy"]
        for directive in ("default-src 'self'", "frame-ancestors 'none'", f"connect-src 'self' wss://{HOST}:{front.https}", "object-src 'none'"):  # fmt: skip
            assert directive in csp, (directive, csp)
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    status, headers, _ = front.request("/", host="evil.example")  # the proxy's own answers too
    assert status == 421 and headers["x-content-type-options"] == "nosniff" and "strict-transport-security" in headers


def test_a_body_over_the_upload_limit_is_refused_unread(front):
    too_big = upload.MAX_BYTES + 2 * 1024 * 1024  # over the file limit and Streamlit's 1 MiB of multipart framing
    with contextlib.closing(front.connect(GOOD)) as conn:
        conn.putrequest("PUT", "/_stcore/upload_file/session/file", skip_host=True)
        conn.putheader("Host", HOST)
        conn.putheader("Content-Length", str(too_big))
        conn.endheaders()  # and not one byte of the body
        assert conn.getresponse().status == 413


def test_a_client_holding_too_many_connections_is_refused_while_another_is_served(front):
    held = [front.connect("127.0.0.3") for _ in range(int(LIMITS["BI_CONN_MAX"]) + 2)]
    try:
        over = held[-1]
        over.request("GET", "/_stcore/health", headers={"Host": HOST})
        assert over.getresponse().status == 429
        assert front.request("/_stcore/health", source=GOOD)[0] == 200
    finally:
        for conn in held:
            conn.close()
    wait_until(lambda: front.request("/_stcore/health", source="127.0.0.3")[0] == 200, 5, "not served again", front.log)


def test_a_client_opening_connections_too_fast_is_refused_while_another_is_served(front):
    limit = int(LIMITS["BI_CONN_RATE"])
    answers = [front.request("/_stcore/health", source="127.0.0.4")[0] for _ in range(limit + 3)]
    assert answers[:limit] == [200] * limit and answers[limit:] == [429] * 3, answers
    assert front.request("/_stcore/health", source=GOOD)[0] == 200


def test_a_client_sending_requests_too_fast_is_refused_while_another_is_served(front):
    """Over one kept-alive connection (as HTTP/2 multiplexes a page's requests), so only the request rate counts.
    Requests for another host count too, and the proxy answers them at once (421): the limit is reached in a
    moment, not over the seconds a replica would take to answer as many."""
    limit = int(LIMITS["BI_REQ_RATE"])
    answers = []
    with contextlib.closing(front.connect("127.0.0.5")) as conn:
        for i in range(limit + 1):
            conn.request("GET", "/_stcore/health", headers={"Host": "evil.example" if i < limit else HOST})
            response = conn.getresponse()
            response.read()
            answers.append(response.status)
    assert answers == [421] * limit + [429], answers[-3:]
    assert front.request("/_stcore/health", source=GOOD)[0] == 200
