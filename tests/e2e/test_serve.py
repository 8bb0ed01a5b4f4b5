"""`streamlit run serve.py`, as a deployment runs it: live at once (/_stcore/health), ready (/ready) only once it
has built its tables, never while its build is refused; each build logged as one JSON line."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from loaders.paths import DEFAULT, ROOT
from tests.conftest import copy_data
from tests.e2e.server import served

pytestmark = pytest.mark.e2e

BUILD_SECONDS = 180  # a cold build of the shipped tree on a busy two-core machine takes well under this


def get(url: str) -> tuple[int, dict | str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read().decode()
            return response.status, json.loads(body) if body.startswith("{") else body
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read().decode())


def events(log) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith('{"at"')]


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_a_replica_becomes_ready_once_it_has_built_its_tables(tmp_path):
    tree = copy_data(DEFAULT.data, tmp_path, with_tables=False)
    log = tmp_path / "server.log"
    with served("serve.py", cwd=ROOT, log=log, env={"BOROUGH_INSIGHT_DATA": str(tree.data)}) as url:
        assert get(url + "_stcore/health") == (200, "ok")
        statuses = []
        assert wait_for(lambda: statuses.append(get(url + "ready")) or statuses[-1][0] == 200, BUILD_SECONDS)
        _, answer = statuses[-1]
        assert answer["ready"] is True and "table files are up to date" in answer["reason"]
        assert all(s == 503 and a["reason"] == "no tables have been built yet" for s, a in statuses[:-1])
        (built,) = [e for e in events(log) if e["event"] == "build"]
        assert (built["outcome"], built["data"]) == ("built", str(tree.data))


def test_a_replica_whose_build_is_refused_never_becomes_ready(tmp_path):
    tree = copy_data(DEFAULT.data, tmp_path, with_tables=False)
    (tree.data / "metadata" / "areas.csv").write_text("not,an,areas,file\n", encoding="utf-8")
    log = tmp_path / "server.log"
    with served("serve.py", cwd=ROOT, log=log, env={"BOROUGH_INSIGHT_DATA": str(tree.data)}) as url:
        assert wait_for(lambda: any(e["event"] == "build_failed" for e in events(log)), BUILD_SECONDS)
        status, answer = get(url + "ready")
        assert status == 503 and answer == {"ready": False, "reason": "no tables have been built yet"}
        (failed,) = [e for e in events(log) if e["event"] == "build_failed"]
        assert "areas.csv" in failed["first"]
