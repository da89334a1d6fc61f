"""Exercise checks for notebook 03: the seed's experiment 2 (N(0, 0.01^2) weights)."""

from __future__ import annotations

import math

from ..analysis import distinct_values
from ..experiments import run_experiment
from .core import Verdict, answered, close, feedback, number

__all__ = ["check_backward_gain_width400", "check_distinct_values_exp2", "check_std_for_unit_gain"]


def _geomean(xs: list[float]) -> float:
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


# Exercise 1 asks about a wider network than the one printed in the notebook.
GAIN_WIDTH = 400


def _gain(width: int) -> float:
    """The geometric mean of experiment 2's measured per-layer gains at this width."""
    return _geomean([g["measured"] for g in run_experiment(std=0.01, width=width).gains()])


@answered(number(low=0), "give one number > 0, a factor such as 0.5.")
def check_backward_gain_width400(x: float) -> Verdict:
    """The per-layer backward gain of experiment 2 (std 0.01) at width 400, measured."""
    truth = _gain(GAIN_WIDTH)
    if close(x, _gain(100), rel=0.1):
        hint = (
            "that is the gain at width 100, printed in section 4. Which factor of "
            "sqrt(n) * std * rms(sigmoid') changes with the width?"
        )
    elif close(1 / x, truth, rel=0.1):
        hint = (
            "a gain is the factor the gradient's spread is multiplied by at each step back "
            "(below 1 when it shrinks), not how many times it shrinks."
        )
    elif close(x, 4 * truth, rel=0.1):
        hint = "include the sigmoid's slope: rms(sigmoid') is about 1/4 here, not 1."
    else:
        hint = (
            f"use g = sqrt(n) * std * rms(sigmoid') with n = {GAIN_WIDTH}, or measure "
            f"il.run_experiment(std=0.01, width={GAIN_WIDTH}).gains(); a gain is a factor "
            "such as 0.5, not a percentage."
        )
    return feedback(
        x,
        close(x, truth, rel=0.1),
        f"the measured gain is {truth:.4f} per layer, as sqrt({GAIN_WIDTH}) * 0.01 * 0.25 = "
        f"{math.sqrt(GAIN_WIDTH) * 0.01 * 0.25:.3f} predicts: four times the width, twice "
        "the gain, since the gradient adds up n terms on its way back.",
        hint,
    )


@answered(number(), "give one number, a count of values.")
def check_distinct_values_exp2(answer: float) -> Verdict:
    """How many different values a layer-5 unit takes over the 1000 samples, experiment 2."""
    acts = run_experiment(std=0.01, backward=False).activations
    truth, first = distinct_values(acts[-1]), distinct_values(acts[0])
    return feedback(
        answer,
        close(answer, truth, rel=0.25, abs_tol=0.5),
        f"about {truth:.1f} values for 1000 different inputs (layer 1: {first:.0f}); what "
        "a layer-5 unit still knows about its input has been rounded away by float32.",
        "run distinct_values(trace.activations[4]) on the experiment-2 trace "
        "(il.run_experiment(std=0.01)); index 4 is layer 5.",
    )


@answered(
    number(low=0, high=100), "give the weights' standard deviation as a number > 0, e.g. 0.3."
)
def check_std_for_unit_gain(std: float) -> Verdict:
    """A weight std at which the sigmoid network's per-layer gradient gain is in [0.8, 1.25]."""
    trace = run_experiment(std=std)
    gains = trace.gains()
    gain = _geomean([g["measured"] for g in gains])
    rms = sum(g["rms_dphi"] for g in gains) / len(gains)
    saturated = trace.stats()[-1]["frac_saturated"]
    return feedback(
        std,
        0.8 <= gain <= 1.25,
        f"at std {std:g} the gradient changes by {gain:.2f} per layer. rms(sigmoid') is "
        f"{rms:.3f} here, not 0.25: larger weights push z out of the sigmoid's steep middle "
        f"({saturated:.0%} of layer 5 saturated), so std must be larger than "
        "1 / (sqrt(n) * 0.25) suggests.",
        f"at std {std:g} the measured gain is {gain:.2f} per layer (wanted 0.8 to 1.25); "
        + ("raise std." if gain < 0.8 else "lower std."),
    )
