"""Exercise checks for notebook 02: the seed's experiment 1."""

from __future__ import annotations

import math

from ..experiments import run_experiment
from ..i18n import text
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


@answered(number(), key="nb02.saturation_width400.unreadable")
def check_saturation_width400(x: float) -> Verdict:
    """Layer 1's saturated fraction under experiment 1 at width 400, a number in [0, 1]."""
    truth = _layer1_saturation(SATURATION_WIDTH)
    if x > 1:
        hint = text("nb02.saturation_width400.percentage")
    elif close(x, _layer1_saturation(100), abs_tol=0.02):
        hint = text("nb02.saturation_width400.width100")
    else:
        hint = text("nb02.saturation_width400.hint", width=SATURATION_WIDTH)
    return feedback(
        x,
        close(x, truth, abs_tol=0.03),
        text(
            "nb02.saturation_width400.right",
            truth=truth,
            width=SATURATION_WIDTH,
            root=math.sqrt(SATURATION_WIDTH),
        ),
        hint,
    )


@answered(number(low=0), key="nb02.gradient_ratio_std2.unreadable")
def check_gradient_ratio_std2(x: float) -> Verdict:
    """std of layer 1's gradients divided by layer 5's, with weights N(0, 2^2)."""
    truth, rms = _gradient_ratio(GRADIENT_RATIO_STD)
    at_std_1, rms_1 = _gradient_ratio(1.0)
    naive = (math.sqrt(100) * GRADIENT_RATIO_STD) ** 4  # the weights' factor alone
    if close(x, at_std_1, rel=0.1):
        hint = text("nb02.gradient_ratio_std2.at_std1")
    elif close(x, naive, rel=0.5) or close(x, naive / 4**4, rel=0.5):
        hint = text("nb02.gradient_ratio_std2.fixed_slope")
    else:
        hint = text("nb02.gradient_ratio_std2.hint")
    measured = dict(truth=truth, gain=truth ** (1 / 4), rms_1=rms_1, rms=rms)
    if truth > 1:
        right = text("nb02.gradient_ratio_std2.right_grows", **measured)
    else:
        right = text("nb02.gradient_ratio_std2.right", **measured)
    return feedback(x, close(x, truth, rel=0.15), right, hint)


@answered(one_of("more", "less"), key="nb02.more_saturated_with_larger_std.unreadable")
def check_more_saturated_with_larger_std(word: str) -> Verdict:
    """Does std=3 saturate layer 1 more ('more') or less ('less') than std=1?"""
    s1 = run_experiment(std=1.0, backward=False).stats()[0]["frac_saturated"]
    s3 = run_experiment(std=3.0, backward=False).stats()[0]["frac_saturated"]
    truth = "more" if s3 > s1 else "less"
    return feedback(
        word,
        word == truth,
        text("nb02.more_saturated_with_larger_std.right", truth=truth, s1=s1, s3=s3),
        text("nb02.more_saturated_with_larger_std.reconsider"),
    )
