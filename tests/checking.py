"""Shared by the tests of the exercise checks (tests/test_exercises_NN.py).

Every check must: accept the right answer in every form a student may hold it (for a
number: Python int or float, numpy scalar, 0-d numpy array, 0-d torch tensor); refuse
typical wrong answers with a hint that points the right way; and say "No answer yet"
for None.
"""

from __future__ import annotations

import numpy as np
import torch

from initlab_utils.exercises.core import NO_ANSWER


def numeric_forms(x: float) -> list:
    """`x` as each kind of number a student's cell may produce."""
    forms = [float(x), np.float64(x), np.float32(x), np.array(x), torch.tensor(float(x))]
    if float(x) == int(x):
        forms += [int(x), np.int64(int(x)), torch.tensor(int(x))]
    return forms


def assert_check(check, right: list, wrong: list[tuple[object, str]]) -> None:
    """`right`: answers that must pass; `wrong`: (answer, a phrase its hint must hold)."""
    assert repr(check(None)) == NO_ANSWER
    for answer in right:
        verdict = check(answer)
        assert verdict, f"{check.__name__}({answer!r}) refused a right answer: {verdict!r}"
        assert repr(verdict).startswith("Correct")
    for answer, hint in wrong:
        verdict = check(answer)
        assert not verdict, f"{check.__name__}({answer!r}) accepted a wrong answer"
        assert hint.lower() in repr(verdict).lower(), f"hint for {answer!r}: {verdict!r}"
