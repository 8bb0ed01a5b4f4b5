"""The deployment recipe (deploy/) says what the code does: the container runs serve.py and probes its health, the
proxy checks the route serve.py answers, keeps sessions sticky and fails over, faces the internet (TLS, the Host
checked, security headers, per-client limits, the upload cap), and HAProxy itself accepts the file. The proxy at
work, in front of real replicas: tests/e2e/test_replicas.py and tests/e2e/test_proxy_tls.py."""

from __future__ import annotations

import base64
import hashlib
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import streamlit
import yaml

from loaders.intake import upload
from loaders.paths import ROOT

DEPLOY = ROOT / "deploy"
HAPROXY = Path("/usr/sbin/haproxy")


def directives(path: Path) -> list[str]:
    """The file's lines without comments and blank lines, whitespace collapsed (a Dockerfile's continuations
    joined)."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (re.sub(r"\s+", " ", line.split("#", 1)[0]).strip() for line in text.splitlines())
    return [line for line in lines if line]


def test_the_container_builds_the_tables_runs_serve_py_and_probes_liveness():
    lines = directives(DEPLOY / "Dockerfile")
    assert lines[0] == "FROM python:3.11-slim"
    assert any(line.startswith("RUN apt-get") and "chromium" in line for line in lines)
    assert "RUN pip install --no-cache-dir -r requirements.txt" in lines
    assert "RUN python -m loaders" in lines
    (health,) = [line for line in lines if line.startswith("HEALTHCHECK")]
    assert "/_stcore/health" in health and ":8501/" in health
    (cmd,) = [line for line in lines if line.startswith("CMD ")]
    command = yaml.safe_load(cmd.removeprefix("CMD "))  # the exec form is a JSON list
    assert command[:3] == ["streamlit", "run", "serve.py"] and "--server.port=8501" in command


def test_the_proxy_checks_readiness_sticks_sessions_and_fails_over():
    lines = directives(DEPLOY / "haproxy.cfg")
    assert 'Route("/ready", ready)' in (ROOT / "serve.py").read_text(encoding="utf-8")  # the route it checks
    for needed in (
        "option httpchk GET /ready",
        "http-check expect status 200",
        "cookie SERVERID insert indirect nocache httponly secure",
        "option redispatch 1",
        "retries 2",
        "timeout tunnel 1h",
        "balance roundrobin",
    ):
        assert needed in lines, f"deploy/haproxy.cfg lacks {needed!r}"
    servers = [line for line in lines if line.startswith("server ")]
    assert len(servers) >= 2 and all(" check cookie " in line for line in servers), servers


def frontend(lines: list[str], name: str) -> list[str]:
    """The directives of one `frontend` section."""
    start = lines.index(f"frontend {name}") + 1
    end = next(
        (i for i in range(start, len(lines)) if re.match(r"(frontend|backend|defaults|global)\b", lines[i])), None
    )
    return lines[start:end]


def test_the_proxy_serves_https_only_for_the_sites_host_names():
    lines = directives(DEPLOY / "haproxy.cfg")
    https, http = frontend(lines, "https"), frontend(lines, "http")
    assert 'bind "${LISTEN_HTTPS}" ssl crt "${BI_TLS_CERT}" alpn h2,http/1.1' in https
    assert any("ssl-min-ver TLSv1.2" in line for line in lines)
    for section in (https, http):  # the Host header checked against BI_HOST, on both
        assert 'acl known_host var(txn.hostname) -m str -i "${BI_HOST[*]}"' in section
        assert any(
            line.startswith("http-request return status 421") and "unless known_host" in line for line in section
        )
    redirects = [line for line in http if line.startswith("http-request redirect")]
    assert redirects and all("https://" in line and "code 301" in line for line in redirects)
    assert not any(line.startswith("use_backend") or line.startswith("default_backend") for line in http)


def test_every_https_response_carries_the_security_headers():
    https = frontend(directives(DEPLOY / "haproxy.cfg"), "https")
    headers = {
        m[1]: m[2] for line in https if (m := re.match(r'http-after-response set-header (\S+) "?(.*?)"?$', line))
    }
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"]
    policy = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "'unsafe-eval'" not in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"]
    # The one inline script of the installed Streamlit's index.html is allowed by its hash: a Streamlit upgrade
    # that changes it fails here (the e2e test would see the violation in Chromium).
    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    for script in re.findall(r"<script>(.*?)</script>", index, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["script-src"], "the CSP lacks the hash of index.html's inline script"


def test_clients_are_limited_per_address_and_bodies_to_the_upload_limit():
    lines = directives(DEPLOY / "haproxy.cfg")
    (table,) = [line for line in lines if line.startswith("stick-table")]
    assert all(counter in table for counter in ("conn_cur", "conn_rate(10s)", "http_req_rate(10s)"))
    for name in ("https", "http"):
        section = frontend(lines, name)
        assert "tcp-request connection track-sc0 src table per_client" in section
        for fetch, limit in (("sc_conn_cur", "BI_CONN_MAX"), ("sc_conn_rate", "BI_CONN_RATE"),
                             ("sc_http_req_rate", "BI_REQ_RATE")):  # fmt: skip
            assert f'http-request deny deny_status 429 if {{ {fetch}(0) gt "${{{limit}}}" }}' in section
    for limit in ("BI_CONN_MAX", "BI_CONN_RATE", "BI_REQ_RATE", "BI_HTTPS_PORT"):
        assert any(line.startswith(f"presetenv {limit} ") for line in lines), f"no default for {limit}"
    (cap,) = [int(m[1]) for line in lines if (m := re.search(r"req.hdr_val\(content-length\) gt (\d+)", line))]
    # Streamlit's own cap on an upload's body: the file limit plus 1 MiB of multipart framing.
    assert cap == upload.MAX_BYTES + 1024 * 1024


@pytest.mark.skipif(not HAPROXY.exists(), reason="HAProxy is not installed (apt-get install haproxy)")
def test_haproxy_accepts_the_configuration(tmp_path):
    env = {"LISTEN_HTTPS": "127.0.0.1:8443", "LISTEN_HTTP": "127.0.0.1:8080", "BI_HOST": "insight.example a.example",
           "BI_TLS_CERT": str(self_signed(tmp_path)), "REPLICA_1": "127.0.0.1:8501", "REPLICA_2": "127.0.0.1:8502",
           "STATS_SOCKET": str(tmp_path / "haproxy.sock")}  # fmt: skip
    checked = subprocess.run([HAPROXY, "-c", "-f", DEPLOY / "haproxy.cfg"], env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def self_signed(folder: Path) -> Path:
    """A throwaway certificate and key in one PEM (HAProxy reads it while checking the file)."""
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=insight.example", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)  # fmt: skip
    (folder / "site.pem").write_bytes(cert.read_bytes() + key.read_bytes())
    return folder / "site.pem"


def test_compose_runs_replicas_on_one_shared_tree_behind_the_proxy():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    replicas = [s for name, s in services.items() if name.startswith("replica")]
    assert len(replicas) >= 2
    for replica in [*replicas, services["seed"]]:
        assert replica["environment"]["BOROUGH_INSIGHT_DATA"] == "/srv/data"
        assert replica["volumes"] == ["data:/srv/data"]
    assert "python -m loaders" in shlex.join(services["seed"]["command"])
    proxy = services["proxy"]["environment"]
    assert {proxy[f"REPLICA_{i}"] for i in (1, 2)} == {"replica1:8501", "replica2:8501"}
    # HTTPS with the operator's certificate (mounted where BI_TLS_CERT says), the public names checked by the proxy
    # and, for the websocket, by every replica too.
    assert proxy["BI_TLS_CERT"] in {volume.split(":")[-2] for volume in services["proxy"]["volumes"]}
    assert proxy["BI_HOST"].startswith("${BI_HOST:?") and {"LISTEN_HTTPS", "LISTEN_HTTP"} <= set(proxy)
    assert all(r["environment"]["STREAMLIT_SERVER_ALLOWED_HOSTS"] == proxy["BI_HOST"] for r in replicas)
