"""What every check shares: the Verdict a student sees, and a tolerant number match."""

from __future__ import annotations

import math


class Verdict:
    """What a check says about an answer: shown as one line, true when it was right."""

    def __init__(self, ok: bool, text: str):
        self.ok, self.text = ok, text

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return self.text


def feedback(answer: object, ok: bool, right: str, reconsider: str) -> Verdict:
    """The verdict on a student's answer: what is right, or what to reconsider."""
    if answer is None:
        return Verdict(False, "No answer yet: replace None with your answer and run the cell.")
    return Verdict(ok, ("Correct: " + right) if ok else ("Not quite: " + reconsider))


def close(answer: object, truth: float, rel: float = 0.1, abs_tol: float = 0.0) -> bool:
    """True if `answer` is a number within `rel` (relative) or `abs_tol` of `truth`."""
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return False
    return math.isclose(float(answer), truth, rel_tol=rel, abs_tol=abs_tol)
