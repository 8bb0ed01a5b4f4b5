"""A fresh Python started after Streamlit ran a script in this one runs the function asked for, not that script
(the cause of a BrokenProcessPool that came and went with the order xdist gave the tests)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.fresh_python import RUNNERS_MAIN, run_in_fresh_python


def _a_script() -> None:
    import streamlit as st

    st.write("a script run by AppTest")


def _where_and_what() -> tuple[int, str]:
    return os.getpid(), os.environ["FRESH_PYTHON_PROBE"]


def test_a_fresh_python_after_an_apptest_runs_the_function_with_the_settings_given():
    AppTest.from_function(_a_script).run()
    script = sys.modules["__main__"]  # Streamlit leaves its script here: the trap this helper steps round
    assert script is not RUNNERS_MAIN and Path(script.__file__).is_file()

    pid, probe = run_in_fresh_python({"FRESH_PYTHON_PROBE": "given"}, _where_and_what)

    assert pid != os.getpid() and probe == "given"
    assert "FRESH_PYTHON_PROBE" not in os.environ
    assert sys.modules["__main__"] is script  # the script's module is put back as it was
