"""A function run in a fresh Python, for tests of code that reads its settings once, at import
(`loaders.paths.DEFAULT` reads BOROUGH_INSIGHT_DATA then).

Streamlit's script runner installs each script it runs as `sys.modules["__main__"]` and leaves it there, and a
spawned child first re-runs the file of its parent's `__main__`. After `AppTest.from_function` that file is a
temporary script that dies in the child ("NameError: name '__args' is not defined", a BrokenProcessPool in the
parent); after `AppTest.from_file("dashboard.py")` the child would run the whole app before the function. So the
child is started with the test runner's own `__main__`, kept here when pytest imports this module (before any test
runs).
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from unittest import mock

RUNNERS_MAIN = sys.modules["__main__"]


def run_in_fresh_python(env: dict[str, str], function, *args, **kwargs):
    """`function(*args, **kwargs)`'s result, computed in a fresh Python started with `env` added to this one's."""
    scripts_main = sys.modules["__main__"]
    sys.modules["__main__"] = RUNNERS_MAIN
    try:
        with mock.patch.dict(os.environ, env), ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
            return pool.submit(function, *args, **kwargs).result()
    finally:
        sys.modules["__main__"] = scripts_main
