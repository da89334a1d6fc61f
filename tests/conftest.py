"""Shared by every test: torch on one thread, and the `repo` marker.

The course's tensors are small; on a shared or over-subscribed CPU one thread is many
times faster than several (see initlab_utils.threads).

Kernels started for the notebooks turn matplotlib's missing-glyph warning into an error.

Tests marked `repo` check files of the checkout (README, binder/, the index, packaging);
the compatibility runs (scripts/compat_test.sh) copy the tests out of the checkout and
leave those out. There, INITLAB_EXPECT_INSTALLED=1 makes sure the package under test is
the installed one, not a stray copy of the source.
"""

import os
from pathlib import Path

import pytest

import initlab_utils
import initlab_utils as il
from initlab_utils.threads import torch_threads


def pytest_configure(config):
    config.addinivalue_line("markers", "repo: checks files of the checkout itself")
    # A figure with text its font cannot draw (Hangul in DejaVu Sans, say) shows boxes;
    # matplotlib only warns. Every kernel nbval starts inherits this and fails instead.
    os.environ["PYTHONWARNINGS"] = ",".join(
        w for w in (os.environ.get("PYTHONWARNINGS"), "error:Glyph") if w
    )
    if os.environ.get("INITLAB_EXPECT_INSTALLED") == "1":
        where = Path(initlab_utils.__file__).resolve()
        if "site-packages" not in where.parts:
            raise pytest.UsageError(f"initlab_utils imported from {where}, not installed")


@pytest.fixture(scope="session", autouse=True)
def one_thread():
    with torch_threads(1):
        yield


@pytest.fixture(scope="module")
def small_traces():
    """Two small runs, sigmoid under N(0, 1) and ReLU under He, for per-layer statistics."""
    return {
        "a": il.run_experiment(depth=4, width=20, n_samples=50),
        "b": il.run_experiment(
            activation="relu", scheme="he_normal", depth=4, width=20, n_samples=50
        ),
    }


@pytest.fixture
def korean():
    """Korean for one test, English again afterwards whatever happens."""
    il.set_language("ko")
    try:
        yield
    finally:
        il.set_language("en")
