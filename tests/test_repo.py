"""Guardrails over the repository: the README's commands are the ones CI runs."""

from __future__ import annotations

import re

from loaders.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", README)


def test_the_readme_has_a_start_and_a_test_command():
    start, test = readme_commands()[:2]
    assert "streamlit run dashboard.py" in start
    assert "python -m pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    test = readme_commands()[1]
    assert test in CI.splitlines()


def test_every_runtime_and_dev_dependency_is_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        lines = [line.split("#")[0].strip() for line in (ROOT / name).read_text().splitlines()]
        requirements = [line for line in lines if line and not line.startswith("-r")]
        assert requirements and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", r) for r in requirements), name
