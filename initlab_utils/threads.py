"""Run torch on one thread: the course's tensors are small, and a shared CPU is slow to share."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import torch

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run a block with `n` intra-op threads, then restore the caller's count.

    The course's tensors are small: one thread computes them as fast as several, and it
    cannot be slowed down a hundredfold by a CPU that is shared or over-subscribed
    (as on Binder, where a container sees many cores but may use one).
    """
    old = torch.get_num_threads()
    if old == n:  # already so, as in a nested call: nothing to set or restore
        yield
        return
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(old)


def single_threaded(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator for the package's entry points: `fn` runs inside torch_threads(1).

    Nested calls cost one look at the thread count, so an entry point may call others.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with torch_threads(1):
            return fn(*args, **kwargs)

    return wrapper
