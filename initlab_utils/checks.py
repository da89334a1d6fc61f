"""Input checks shared by the package: every error names the parameter and what is allowed."""

from __future__ import annotations

import math
from collections.abc import Iterable


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Return `value` if it is one of `choices`, else raise a ValueError listing them."""
    choices = list(choices)
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"unknown {name} {value!r}; choose one of: {', '.join(choices)}")
    return value


def check_int(name: str, value: object, *, low: int = 1, high: int | None = None) -> int:
    """Return `value` as an int if it is a whole number in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < low or (high is not None and value > high):
        allowed = f">= {low}" if high is None else f"between {low} and {high}"
        raise ValueError(f"{name} must be {allowed}, got {value}")
    return value


def check_positive(name: str, value: object) -> float:
    """Return `value` as a float if it is a finite number > 0."""
    return _check_bound(name, value, "> 0", lambda v: v > 0)


def check_nonnegative(name: str, value: object) -> float:
    """Return `value` as a float if it is a finite number >= 0."""
    return _check_bound(name, value, ">= 0", lambda v: v >= 0)


def _check_bound(name: str, value: object, bound: str, ok) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number {bound}, got {value!r}")
    value = float(value)
    if not math.isfinite(value) or not ok(value):
        raise ValueError(f"{name} must be a finite number {bound}, got {value}")
    return value


def parse_number(name: str, text: str, kind: type = float) -> float | int:
    """`text` typed into a box, as a float (or an int: "3.0" counts as 3), else a ValueError
    naming `name`."""
    try:
        return kind(float(text)) if kind is int and float(text).is_integer() else kind(text)
    except (TypeError, ValueError):
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name} must be {what}, got {text!r}") from None
