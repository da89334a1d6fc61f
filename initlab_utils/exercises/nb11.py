"""Exercise checks for notebook 11: residual connections and normalisation."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ..i18n import text
from ..residual_theory import rescaling_effect, residual_moments
from .core import Verdict, as_number, close, feedback, within_digits

__all__ = ["check_prenorm_variance_step", "check_prenorm_depth_for_std", "check_rescaled_step"]


def _number(answer: object) -> float | None:
    """`answer` as a float: any number as_number reads, or a string holding one
    ("0.682", "1e-2", "1/100"); else None."""
    if isinstance(answer, str):
        try:
            return float(Fraction(answer.strip()))
        except (ValueError, ZeroDivisionError):
            return None
    return as_number(answer)


def _whole(answer: object) -> int | None:
    x = _number(answer)
    return int(x) if x is not None and math.isfinite(x) and x == int(x) else None


def check_prenorm_variance_step(answer: object) -> Verdict:
    """How much variance does one pre-norm block (ReLU, He) add to the stream?"""
    truth = float(np.diff(residual_moments("relu", 2.0, 2, norm="layer")["var"])[0])
    x = _number(answer)

    def near(value: float) -> bool:
        return close(x, value, rel=0.01)

    # The usual slips: the second moment E[r^2] = 1, the pre-activation's variance 2,
    # Var(relu(z)) for z ~ N(0, 1) instead of N(0, 2), and the mean squared E[r]^2.
    if x is None:
        hint = text("nb11.unreadable")
    elif near(1.0):
        hint = text("nb11.prenorm_variance_step.second_moment")
    elif near(2.0):
        hint = text("nb11.prenorm_variance_step.pre_activation")
    elif near(truth / 2):
        hint = text("nb11.prenorm_variance_step.unit_variance")
    elif near(1 / math.pi):
        hint = text("nb11.prenorm_variance_step.mean_squared")
    elif close(x, truth, rel=0.02):  # close, but not to the three digits asked for
        hint = text("nb11.prenorm_variance_step.digits")
    else:
        hint = text("nb11.prenorm_variance_step.hint")
    return feedback(
        answer,
        within_digits(x, truth, 3),
        text("nb11.prenorm_variance_step.right", truth=truth),
        hint,
    )


def check_prenorm_depth_for_std(answer: object) -> Verdict:
    """After how many pre-norm blocks does the stream's std first reach 10?"""
    var = residual_moments("relu", 2.0, 1000, norm="layer")["var"]
    std = np.sqrt(var)
    truth = int(np.argmax(std >= 10.0)) + 1  # blocks are counted from 1
    step = float(var[1] - var[0])
    n = _whole(answer)
    if n is None:
        hint = text("nb11.prenorm_depth_for_std.unreadable")
    elif n == truth - 1:
        hint = text("nb11.prenorm_depth_for_std.short", n=n, var=var[n - 1], std=std[n - 1])
    elif n == truth + 1:
        hint = text("nb11.prenorm_depth_for_std.late", n=n, prev=truth, std=std[truth - 1])
    elif n == 99:  # (100 - 1) / 1: a step of the second moment 1, not the variance
        hint = text("nb11.prenorm_depth_for_std.second_moment")
    elif 1 <= n <= 20:
        hint = text("nb11.prenorm_depth_for_std.std_steps")
    else:
        hint = text("nb11.prenorm_depth_for_std.hint")
    return feedback(
        answer,
        n == truth,
        text("nb11.prenorm_depth_for_std.right", truth=truth, step=step, var=var[truth - 1]),
        hint,
    )


def check_rescaled_step(answer: object) -> Verdict:
    """Pre-norm network, every hidden W times 10: by what factor does |step| / |W| change?"""
    truth = rescaling_effect(10.0, depth=10)["step_ratio"]
    x = _number(answer)
    if x is None:
        hint = text("nb11.unreadable")
    elif close(x, 1 / truth, rel=0.05):  # "100 times smaller" read as a factor of 100
        hint = text("nb11.rescaled_step.direction")
    elif close(x, 10 * truth, rel=0.05):  # the gradient's factor, not divided by |W|
        hint = text("nb11.rescaled_step.gradient_only")
    else:
        hint = text("nb11.rescaled_step.hint")
    return feedback(
        answer,
        close(x, truth, rel=0.05),
        text("nb11.rescaled_step.right", truth=truth),
        hint,
    )
