"""Input checks shared by the package: every error names the parameter and what is allowed.

An error is an InputError, a ValueError whose text comes from the message tables
(`checks.*` keys) in the current language. Its text names the parameter by its code name,
the keyword the caller typed (`std`), so a Korean student who calls il.run_experiment(
std=-1) in a code cell reads the error in Korean about the `std` they wrote; code that
catches ValueError or matches the English text (the tests, in English) sees no change.
A widget names the same error by its control's label instead (`InputError.shown`): its
reader typed into a box called 가중치 표준편차, not `std`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from .i18n import text


class InputError(ValueError):
    """A value the parameter `name` cannot take. `say(label)` is its text naming the
    parameter `label`: a message of the tables, `text("checks....", name=label, ...)`,
    so the same error can name a control by its label (`shown`)."""

    def __init__(self, name: str, say: Callable[[str], str]):
        self.name, self.say = name, say
        super().__init__(say(name))

    def shown(self, label: str) -> str:
        """The same error naming the parameter `label` (a control's label, say), in the
        language set now."""
        return self.say(label)


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Return `value` if it is one of `choices`, else raise a ValueError listing them."""
    choices = list(choices)
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(choices)
        raise InputError(name, lambda n: text("checks.choice", name=n, value=value, choices=listed))
    return value


def check_int(name: str, value: object, *, low: int = 1, high: int | None = None) -> int:
    """Return `value` as an int if it is a whole number in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise InputError(name, lambda n: text("checks.whole_number", name=n, value=value))
    if value < low or (high is not None and value > high):
        if high is None:
            raise InputError(name, lambda n: text("checks.at_least", name=n, low=low, value=value))
        between = dict(low=low, high=high, value=value)
        raise InputError(name, lambda n: text("checks.between", name=n, **between))
    return value


def check_positive(name: str, value: object) -> float:
    """Return `value` as a float if it is a finite number > 0."""
    return _check_bound(name, value, lambda: text("checks.bound.positive"), lambda v: v > 0)


def check_nonnegative(name: str, value: object) -> float:
    """Return `value` as a float if it is a finite number >= 0."""
    return _check_bound(name, value, lambda: text("checks.bound.nonnegative"), lambda v: v >= 0)


def _check_bound(name: str, value: object, bound: Callable[[], str], ok) -> float:
    """`value` as a float if ok(value); `bound` says what is allowed ("> 0"), when shown."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        say = lambda n: text("checks.number", name=n, bound=bound(), value=value)
        raise InputError(name, say)
    value = float(value)
    if not math.isfinite(value) or not ok(value):
        raise InputError(name, lambda n: text("checks.finite", name=n, bound=bound(), value=value))
    return value


def check_bool(name: str, value: object) -> bool:
    """Return `value` if it is True or False."""
    if not isinstance(value, bool):
        raise InputError(name, lambda n: text("checks.true_false", name=n, value=value))
    return value


def parse_number(name: str, typed: str, kind: type = float) -> float | int:
    """`typed` into a box, as a float (or an int: "3.0" counts as 3), else a ValueError
    naming `name`."""
    try:
        return kind(float(typed)) if kind is int and float(typed).is_integer() else kind(typed)
    except (TypeError, ValueError):
        if kind is int:
            say = lambda n: text("checks.whole_number", name=n, value=typed)
        else:
            say = lambda n: text("checks.not_a_number", name=n, value=typed)
        raise InputError(name, say) from None
