"""The deployment recipe (deploy/) says what the code does: the container runs serve.py and probes its health, the
proxy checks the route serve.py answers, keeps sessions sticky and fails over, and HAProxy itself accepts the
file. The proxy at work, in front of two real replicas: tests/e2e/test_replicas.py."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

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
        "cookie SERVERID insert indirect nocache httponly",
        "option redispatch 1",
        "retries 2",
        "timeout tunnel 1h",
        "balance roundrobin",
    ):
        assert needed in lines, f"deploy/haproxy.cfg lacks {needed!r}"
    servers = [line for line in lines if line.startswith("server ")]
    assert len(servers) >= 2 and all(" check cookie " in line for line in servers), servers


@pytest.mark.skipif(not HAPROXY.exists(), reason="HAProxy is not installed (apt-get install haproxy)")
def test_haproxy_accepts_the_configuration(tmp_path):
    env = {"LISTEN": "127.0.0.1:8080", "REPLICA_1": "127.0.0.1:8501", "REPLICA_2": "127.0.0.1:8502",
           "STATS_SOCKET": str(tmp_path / "haproxy.sock")}  # fmt: skip
    checked = subprocess.run([HAPROXY, "-c", "-f", DEPLOY / "haproxy.cfg"], env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


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
