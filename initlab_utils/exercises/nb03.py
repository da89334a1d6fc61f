"""Exercise checks for notebook 03: the seed's experiment 2 (N(0, 0.01^2) weights)."""

from __future__ import annotations

import math

from .core import Verdict, close, feedback


def check_backward_gain_exp2(answer: object) -> Verdict:
    """The per-layer backward gain under experiment 2: the measured gains' geometric mean."""
    from ..experiments import run_experiment

    gains = [g["measured"] for g in run_experiment(std=0.01).gains()]
    truth = math.exp(sum(math.log(g) for g in gains) / len(gains))
    return feedback(
        answer,
        close(answer, truth, rel=0.1),
        f"the measured gain is {truth:.4f} per layer, as sqrt(100) * 0.01 * 0.25 = 0.025 "
        f"predicts: the gradient shrinks about {1 / truth:.0f}-fold at each step back.",
        "multiply sqrt(n) (n = 100 units), the weights' std and rms(sigmoid') (about 0.25 "
        "near z = 0); a gain is a factor such as 0.5, not a percentage.",
    )


def check_distinct_values_exp2(answer: object) -> Verdict:
    """How many different values a layer-5 unit takes over the 1000 samples, experiment 2."""
    from ..analysis import distinct_values
    from ..experiments import run_experiment

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


def check_std_for_unit_gain(answer: object) -> Verdict:
    """A weight std at which the sigmoid network's per-layer gradient gain is in [0.8, 1.25]."""
    from ..experiments import run_experiment

    if (
        isinstance(answer, bool)
        or not isinstance(answer, (int, float))
        or not (math.isfinite(answer) and 0 < answer <= 100)
    ):
        return feedback(
            answer, False, "", "give the weights' standard deviation as a number > 0, e.g. 0.3."
        )
    trace = run_experiment(std=float(answer))
    gains = [g["measured"] for g in trace.gains()]
    gain = math.exp(sum(math.log(g) for g in gains) / len(gains))
    rms = sum(g["rms_dphi"] for g in trace.gains()) / len(gains)
    saturated = trace.stats()[-1]["frac_saturated"]
    return feedback(
        answer,
        0.8 <= gain <= 1.25,
        f"at std {answer:g} the gradient changes by {gain:.2f} per layer. rms(sigmoid') is "
        f"{rms:.3f} here, not 0.25: larger weights push z out of the sigmoid's steep middle "
        f"({saturated:.0%} of layer 5 saturated), so std must be larger than "
        "1 / (sqrt(n) * 0.25) suggests.",
        f"at std {answer:g} the measured gain is {gain:.2f} per layer (wanted 0.8 to 1.25); "
        + ("raise std." if gain < 0.8 else "lower std."),
    )
