"""Exercise checks for notebook 06: the playground."""

from __future__ import annotations

from ..experiments import run_experiment
from ..inits import INIT_SCHEMES
from .core import Verdict, answered, as_int, feedback, number, one_of

__all__ = ["check_tanh_steady_std", "check_selu_scheme", "check_linear_vanishing_depth"]

MAX_SATURATED = 0.10  # of layer 10's activations within 0.01 of -1 or 1


@answered(number(low=0, high=10), "give the std as a number between 0 and 10, such as 0.1.")
def check_tanh_steady_std(std: float) -> Verdict:
    """A normal std under which tanh's layer-10 spread is within 20% of layer 1's, with
    at most a tenth of layer 10's activations saturated."""
    stats = run_experiment(activation="tanh", std=std, depth=10, backward=False).stats()
    ratio, saturated = stats[-1]["std"] / stats[0]["std"], stats[-1]["frac_saturated"]
    steady, calm = 0.8 <= ratio <= 1.25, saturated <= MAX_SATURATED
    measured = (
        f"at std {std:g}, layer 10's spread is {ratio:.2f} times layer 1's and "
        f"{saturated:.0%} of its activations are saturated"
    )
    if not steady:
        hint = "; the spread is not held: aim for sqrt(n) * std a little above 1."
    else:
        hint = "; the spread holds only because the units are pinned at -1 and 1: go smaller."
    return feedback(
        std,
        steady and calm,
        measured + ": a steady spread that does not come from saturation.",
        measured + hint,
    )


@answered(one_of(*INIT_SCHEMES), f"choose one of: {', '.join(INIT_SCHEMES)}.")
def check_selu_scheme(answer: str) -> Verdict:
    """A scheme under which SELU's activations keep mean near 0 and std near 1 for 20 layers."""
    s = run_experiment(activation="selu", scheme=answer, depth=20, backward=False).stats()[-1]
    ok = s["finite"] and abs(s["mean"]) < 0.2 and 0.8 < s["std"] < 1.2
    return feedback(
        answer,
        ok,
        f"under {answer}, layer 20 has mean {s['mean']:.2f} and std {s['std']:.2f}: "
        "SELU's self-normalising fixed point (Klambauer et al. 2017) needs Var(W) = 1/n.",
        f"under {answer}, layer 20 has mean {s['mean']:.2g} and std {s['std']:.2g}.",
    )


@answered(as_int, "give a whole layer number, such as 5.")
def check_linear_vanishing_depth(layer: int) -> Verdict:
    """The first layer at which a linear network with N(0, 0.05^2) weights has std < 1e-3."""
    stats = run_experiment(activation="linear", std=0.05, depth=30, backward=False).stats()
    truth = next(s["layer"] for s in stats if s["std"] < 1e-3)
    return feedback(
        layer,
        abs(layer - truth) <= 1,
        f"layer {truth}: each layer multiplies the spread by sqrt(100) * 0.05 = 0.5, "
        "and 0.5^10 is about 1e-3.",
        "each layer multiplies the spread by sqrt(n) * std; how many such factors reach 1e-3?",
    )
