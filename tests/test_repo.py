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


def page_entries() -> list[tuple[str, str, bool]]:
    """(file stem, url_path, hidden) of each st.Page entry of dashboard.py, in order."""
    source = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    entries = re.findall(r'st\.Page\(\s*"pages/(\w+)\.py"(.*?)\)', source, flags=re.S)
    return [
        (stem, re.search(r'url_path="(\w+)"', rest).group(1), 'visibility="hidden"' in rest) for stem, rest in entries
    ]


def dashboard_pages() -> list[str]:
    """The visible pages of dashboard.py (the hidden default entry repeats the overview at "/")."""
    return [stem for stem, _, hidden in page_entries() if not hidden]


def test_every_page_file_is_routed_with_its_own_url():
    routed = dashboard_pages()
    files = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
    assert sorted(routed) == files
    visible = [(stem, url) for stem, url, hidden in page_entries() if not hidden]
    assert all(stem == url for stem, url in visible), "each url_path is its file's name (components.blocks)"


def test_every_page_has_its_own_apptest_and_is_in_the_readme():
    """tests/pages/test_<page>.py opens the page with AppTest (a shared test naming every page does not count:
    delete tests/pages/ and this fails for every page)."""
    missing = []
    for page in dashboard_pages():
        test = ROOT / "tests" / "pages" / f"test_{page}.py"
        if not test.exists() or f"pages/{page}.py" not in test.read_text(encoding="utf-8"):
            missing.append(f"{test.relative_to(ROOT)} does not open pages/{page}.py")
        if f"pages/{page}.py" not in README:
            missing.append(f"README.md does not list pages/{page}.py")
    assert not missing, "\n".join(missing)


def test_pages_stay_thin():
    """Pages list the charts and cards they show (by id) and their words; definitions/ says what each draws,
    insight/ words it, charts/ draws it."""
    for page in (ROOT / "pages").glob("*.py"):
        source = page.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 80, f"{page.name} is {len(source.splitlines())} lines"
        assert "import plotly" not in source and "go.Figure" not in source, page.name
        assert ".groupby(" not in source and ".merge(" not in source, page.name
