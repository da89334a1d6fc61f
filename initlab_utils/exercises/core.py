"""What every check shares: the Verdict a student sees, and tolerant reading of answers."""

from __future__ import annotations

import math
import numbers


class Verdict:
    """What a check says about an answer: shown as one line, true when it was right."""

    def __init__(self, ok: bool, text: str):
        self.ok, self.text = ok, text

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return self.text


NO_ANSWER = "No answer yet: replace None with your answer and run the cell."


def feedback(answer: object, ok: bool, right: str, reconsider: str) -> Verdict:
    """The verdict on a student's answer: what is right, or what to reconsider."""
    if answer is None:
        return Verdict(False, NO_ANSWER)
    return Verdict(ok, ("Correct: " + right) if ok else ("Not quite: " + reconsider))


def as_number(answer: object) -> float | None:
    """`answer` as a float if it is one real number of any kind a student may hold (Python
    int or float, a numpy scalar or 0-d array, a one-element torch tensor), else None.
    True and False are not numbers here."""
    if isinstance(answer, bool) or answer is None:
        return None
    if isinstance(answer, numbers.Real):  # int, float, numpy scalars
        return float(answer)
    shape = getattr(answer, "shape", None)
    if shape is not None and math.prod(shape) == 1 and hasattr(answer, "item"):
        value = answer.item()  # numpy arrays and torch tensors of one element
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            return float(value)
    return None


def as_int(answer: object) -> int | None:
    """`answer` as an int if it is a whole number of any numeric type (10, 10.0,
    np.int64(10), torch.tensor(10)), else None."""
    x = as_number(answer)
    return int(x) if x is not None and math.isfinite(x) and x == int(x) else None


def close(answer: object, truth: float, rel: float = 0.1, abs_tol: float = 0.0) -> bool:
    """True if `answer` is a number within `rel` (relative) or `abs_tol` of `truth`."""
    x = as_number(answer)
    return x is not None and math.isclose(x, truth, rel_tol=rel, abs_tol=abs_tol)


def within_digits(answer: object, truth: float, digits: int) -> bool:
    """True if `answer` is a number that agrees with `truth` to `digits` significant digits:
    within half a unit of the last digit asked for (1.76 for 1.7610 to three digits)."""
    unit = 10.0 ** (math.floor(math.log10(abs(truth))) - digits + 1)
    return close(answer, truth, rel=0.0, abs_tol=unit / 2)
