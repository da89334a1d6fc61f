"""Exercise checks for notebook 03: the seed's experiment 2 (N(0, 0.01^2) weights)."""

from __future__ import annotations

import math

from ..analysis import distinct_values
from ..experiments import run_experiment
from ..i18n import text
from .core import Verdict, answered, close, feedback, number

__all__ = ["check_backward_gain_width400", "check_distinct_values_exp2", "check_std_for_unit_gain"]


def _geomean(xs: list[float]) -> float:
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


# Exercise 1 asks about a wider network than the one printed in the notebook.
GAIN_WIDTH = 400


def _gain(width: int) -> float:
    """The geometric mean of experiment 2's measured per-layer gains at this width."""
    return _geomean([g["measured"] for g in run_experiment(std=0.01, width=width).gains()])


@answered(number(low=0), key="nb03.backward_gain_width400.unreadable")
def check_backward_gain_width400(x: float) -> Verdict:
    """The per-layer backward gain of experiment 2 (std 0.01) at width 400, measured."""
    truth = _gain(GAIN_WIDTH)
    if close(x, _gain(100), rel=0.1):
        hint = text("nb03.backward_gain_width400.width100")
    elif close(1 / x, truth, rel=0.1):
        hint = text("nb03.backward_gain_width400.inverse")
    elif close(x, 4 * truth, rel=0.1):
        hint = text("nb03.backward_gain_width400.no_slope")
    else:
        hint = text("nb03.backward_gain_width400.hint", width=GAIN_WIDTH)
    predicted = math.sqrt(GAIN_WIDTH) * 0.01 * 0.25
    return feedback(
        x,
        close(x, truth, rel=0.1),
        text(
            "nb03.backward_gain_width400.right", truth=truth, width=GAIN_WIDTH, predicted=predicted
        ),
        hint,
    )


@answered(number(), key="nb03.distinct_values_exp2.unreadable")
def check_distinct_values_exp2(answer: float) -> Verdict:
    """How many different values a layer-5 unit takes over the 1000 samples, experiment 2."""
    acts = run_experiment(std=0.01, backward=False).activations
    truth, first = distinct_values(acts[-1]), distinct_values(acts[0])
    return feedback(
        answer,
        close(answer, truth, rel=0.25, abs_tol=0.5),
        text("nb03.distinct_values_exp2.right", truth=truth, first=first),
        text("nb03.distinct_values_exp2.reconsider"),
    )


@answered(number(low=0, high=100), key="nb03.std_for_unit_gain.unreadable")
def check_std_for_unit_gain(std: float) -> Verdict:
    """A weight std at which the sigmoid network's per-layer gradient gain is in [0.8, 1.25]."""
    trace = run_experiment(std=std)
    gains = trace.gains()
    gain = _geomean([g["measured"] for g in gains])
    rms = sum(g["rms_dphi"] for g in gains) / len(gains)
    saturated = trace.stats()[-1]["frac_saturated"]
    if gain < 0.8:
        hint = text("nb03.std_for_unit_gain.raise", std=std, gain=gain)
    else:
        hint = text("nb03.std_for_unit_gain.lower", std=std, gain=gain)
    return feedback(
        std,
        0.8 <= gain <= 1.25,
        text("nb03.std_for_unit_gain.right", std=std, gain=gain, rms=rms, saturated=saturated),
        hint,
    )
