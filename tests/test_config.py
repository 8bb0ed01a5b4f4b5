"""The server's effective configuration is the production one: read back through Streamlit's own config, as the
server reads .streamlit/config.toml, not by parsing the file ourselves."""

from __future__ import annotations

import pytest
import streamlit.config

from loaders.intake import upload
from loaders.paths import ROOT

PRODUCTION = {
    "server.headless": True,
    "browser.gatherUsageStats": False,
    "client.showErrorDetails": "none",
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "server.fileWatcherType": "none",
    "server.runOnSave": False,
    "runner.postScriptGC": False,  # bench/load.py: a burst's p95 cut about threefold, memory flat
}


@pytest.fixture(scope="module")
def effective(monkeypatch_module):
    monkeypatch_module.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working folder
    streamlit.config.get_config_options(force_reparse=True)
    return streamlit.config.get_option


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize(("option", "expected"), PRODUCTION.items(), ids=PRODUCTION)
def test_the_production_setting_is_in_effect(effective, option, expected):
    assert effective(option) == expected


def test_uploads_are_limited_to_the_load_data_pages_own_limit(effective):
    assert effective("server.maxUploadSize") == upload.MAX_MEGABYTES
    assert upload.MAX_MEGABYTES <= 50


def test_the_options_are_set_in_the_file_not_left_to_defaults():
    """A default can change between releases; the file says what this deployment relies on."""
    text = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    for option in [*PRODUCTION, "server.maxUploadSize"]:
        section, name = option.split(".")
        assert f"[{section}]" in text and f"\n{name} = " in text, option


def test_pins_are_at_or_above_the_releases_that_fixed_known_advisories():
    from importlib.metadata import version

    def parts(text: str) -> tuple[int, ...]:
        return tuple(int(p) for p in text.split(".")[:2])

    assert parts(version("streamlit")) >= (1, 54)
    assert parts(version("starlette")) >= (1, 1)
    pinned = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert f"streamlit=={version('streamlit')}" in pinned and f"starlette=={version('starlette')}" in pinned
