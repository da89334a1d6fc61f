"""Exercise checks for notebook 02: the seed's experiment 1."""

from __future__ import annotations

import math

from ..experiments import run_experiment
from .core import Verdict, answered, close, feedback, number, one_of

__all__ = [
    "check_saturation_width400",
    "check_gradient_ratio_std2",
    "check_more_saturated_with_larger_std",
]

# Exercise 1 asks about a wider network than the one printed in the notebook.
SATURATION_WIDTH = 400
# Exercise 2 asks about larger weights than experiment 1's.
GRADIENT_RATIO_STD = 2.0


def _layer1_saturation(width: int) -> float:
    return run_experiment(width=width, backward=False).stats()[0]["frac_saturated"]


def _gradient_ratio(std: float) -> tuple[float, float]:
    """std(dL/dh_1) / std(dL/dh_5) under experiment 1 with weights N(0, std^2), and the
    mean rms(sigmoid') of the layers it passed."""
    trace = run_experiment(std=std)
    stats, gains = trace.stats(), trace.gains()
    rms = sum(g["rms_dphi"] for g in gains) / len(gains)
    return stats[0]["grad_std"] / stats[-1]["grad_std"], rms


@answered(number(), "give one number, a fraction such as 0.5.")
def check_saturation_width400(x: float) -> Verdict:
    """Layer 1's saturated fraction under experiment 1 at width 400, a number in [0, 1]."""
    truth = _layer1_saturation(SATURATION_WIDTH)
    if x > 1:
        hint = "give a fraction between 0 and 1 (such as 0.5), not a percentage."
    elif close(x, _layer1_saturation(100), abs_tol=0.02):
        hint = (
            "that is layer 1 at width 100, printed in section 1. At width 400 each z adds "
            "up 400 terms: how does std(z) change, and with it P(|z| > ln 99)?"
        )
    else:
        hint = (
            "layer 1's z is N(0, n * std^2) with n = 400 inputs; a unit is saturated where "
            f"|z| > ln 99. Compute P(|z| > ln 99), or measure: il.run_experiment(width="
            f"{SATURATION_WIDTH}).stats()[0]['frac_saturated']."
        )
    return feedback(
        x,
        close(x, truth, abs_tol=0.03),
        f"{truth:.0%} of layer 1's activations are saturated at width {SATURATION_WIDTH}: "
        f"std(z) = sqrt({SATURATION_WIDTH}) = {math.sqrt(SATURATION_WIDTH):.0f}, so more of "
        "z lands beyond ln 99 (about 4.6) than at width 100.",
        hint,
    )


@answered(number(low=0), "give one number > 0: a ratio of two spreads.")
def check_gradient_ratio_std2(x: float) -> Verdict:
    """std of layer 1's gradients divided by layer 5's, with weights N(0, 2^2)."""
    truth, rms = _gradient_ratio(GRADIENT_RATIO_STD)
    at_std_1, rms_1 = _gradient_ratio(1.0)
    naive = (math.sqrt(100) * GRADIENT_RATIO_STD) ** 4  # the weights' factor alone
    if close(x, at_std_1, rel=0.1):
        hint = (
            "that is the ratio at std 1, printed in section 3; the weights are twice as "
            "large here. Run il.run_experiment(std=2.0)."
        )
    elif close(x, naive, rel=0.5) or close(x, naive / 4**4, rel=0.5):
        hint = (
            "that keeps rms(sigmoid') fixed. With std 2 more z land in the flat tails and "
            "rms(sigmoid') falls: measure it with trace.gains()."
        )
    else:
        hint = (
            "run il.run_experiment(std=2.0) and divide stats[0]['grad_std'] by "
            "stats[-1]['grad_std'] (layer 1 over layer 5)."
        )
    gain = truth ** (1 / 4)
    return feedback(
        x,
        close(x, truth, rel=0.15),
        f"the ratio is {truth:.2f}, about {gain:.2f} per layer. The weights' factor "
        f"sqrt(n) * std doubles, from 10 to 20, while rms(sigmoid') falls only from "
        f"{rms_1:.3f} to {rms:.3f}: the weights win"
        + (", and the gradient grows on its way back." if truth > 1 else "."),
        hint,
    )


@answered(one_of("more", "less"), 'answer with the string "more" or "less".')
def check_more_saturated_with_larger_std(word: str) -> Verdict:
    """Does std=3 saturate layer 1 more ('more') or less ('less') than std=1?"""
    s1 = run_experiment(std=1.0, backward=False).stats()[0]["frac_saturated"]
    s3 = run_experiment(std=3.0, backward=False).stats()[0]["frac_saturated"]
    truth = "more" if s3 > s1 else "less"
    return feedback(
        word,
        word == truth,
        f"{truth}: {s3:.0%} at std 3 against {s1:.0%} at std 1; a larger z pushes "
        "sigmoid further into its flat tails.",
        "think about where sigmoid(z) lands when z = W x grows larger.",
    )
