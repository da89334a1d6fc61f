"""What every check shares: the Verdict a student sees, and tolerant reading of answers."""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Callable

from ..checks import InputError
from ..i18n import text


class Verdict:
    """What a check says about an answer: shown as one line, true when it was right."""

    def __init__(self, ok: bool, text: str):
        self.ok, self.text = ok, text

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return self.text


# The English "No answer yet" verdict; what a student sees is text("verdict.no_answer").
NO_ANSWER = "No answer yet: replace None with your answer and run the cell."


def feedback(answer: object, ok: bool, right: str, reconsider: str) -> Verdict:
    """The verdict on a student's answer: what is right, or what to reconsider, in the
    language set by il.set_language (`right` and `reconsider` come already translated)."""
    if answer is None:
        return Verdict(False, text("verdict.no_answer"))
    said = text("verdict.correct", text=right) if ok else text("verdict.not_quite", text=reconsider)
    return Verdict(ok, said)


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


def number(*, low: float | None = None, high: float | None = None) -> Callable[[object], float]:
    """A reader for `answered`: one finite number, above `low` and at most `high` if given."""

    def read(answer: object) -> float | None:
        x = as_number(answer)
        if x is None or not math.isfinite(x):
            return None
        if (low is not None and x <= low) or (high is not None and x > high):
            return None
        return x

    return read


def one_of(*words: str) -> Callable[[object], str]:
    """A reader for `answered`: one of `words` as a string, in any case, spaces around."""

    def read(answer: object) -> str | None:
        word = answer.strip().lower() if isinstance(answer, str) else None
        return word if word in words else None

    return read


def answered(
    read: Callable[[object], object] | None = None,
    hint: str | Callable[[], str] = "",
    *,
    key: str | None = None,
):
    """Decorate a check so it sees only an answer it can read.

    `None` (the cell as handed out) gets the "No answer yet" verdict, an answer `read`
    returns None for gets "Not quite: <hint>", and the check is called with what `read`
    returned (the answer itself when there is no reader): no check repeats that preamble.
    The hint is the message `key` of the tables, or what the callable `hint` returns, or
    `hint` itself; a key or a callable is looked up when the verdict is made, so a later
    il.set_language() takes effect. An answer the package cannot take where the check
    uses it (an InputError: a depth of 0, say) gets "Not quite: <that error>", in the
    current language, not a traceback.
    """

    def reader_hint() -> str:
        if key is not None:
            return text(key)
        return hint() if callable(hint) else hint

    def decorate(check: Callable[[object], Verdict]) -> Callable[[object], Verdict]:
        @functools.wraps(check)
        def wrapper(answer: object) -> Verdict:
            if answer is None:
                return feedback(None, False, "", "")
            value = answer if read is None else read(answer)
            if value is None:
                return feedback(answer, False, "", reader_hint())
            try:
                return check(value)
            except InputError as err:
                return feedback(answer, False, "", str(err))

        return wrapper

    return decorate
