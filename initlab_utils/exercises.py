"""Auto-checked exercises: each check_...() prints what is right or what to reconsider.

The expected answers are measured with the package when the check runs, never typed in.
"""

from __future__ import annotations

import math


def feedback(ok: bool, right: str, reconsider: str) -> bool:
    """Print a one-line verdict for a student's answer and return whether it was right."""
    print(("Correct: " + right) if ok else ("Not quite: " + reconsider))
    return ok


def close(answer: object, truth: float, rel: float = 0.1, abs_tol: float = 0.0) -> bool:
    """True if `answer` is a number within `rel` (relative) or `abs_tol` of `truth`."""
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return False
    return math.isclose(float(answer), truth, rel_tol=rel, abs_tol=abs_tol)
