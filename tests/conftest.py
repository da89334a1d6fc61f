"""Shared by every test: torch on one thread.

The course's tensors are small; on a shared or over-subscribed CPU one thread is many
times faster than several (see initlab_utils.experiments.torch_threads).
"""

import pytest

from initlab_utils.experiments import torch_threads


@pytest.fixture(scope="session", autouse=True)
def one_thread():
    with torch_threads(1):
        yield
