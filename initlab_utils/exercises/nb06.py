"""Exercise checks for notebook 06: the playground."""

from __future__ import annotations

from ..experiments import run_experiment
from ..inits import INIT_SCHEMES
from .core import Verdict, as_int, as_number, feedback

__all__ = ["check_tanh_steady_std", "check_selu_scheme", "check_linear_vanishing_depth"]

MAX_SATURATED = 0.10  # of layer 10's activations within 0.01 of -1 or 1


def check_tanh_steady_std(answer: object) -> Verdict:
    """A normal std under which tanh's layer-10 spread is within 20% of layer 1's, with
    at most a tenth of layer 10's activations saturated."""
    std = as_number(answer)
    if answer is not None and (std is None or not 0 < std <= 10):
        return feedback(
            answer, False, "", "give the std as a number between 0 and 10, such as 0.1."
        )
    if answer is None:
        return feedback(answer, False, "", "")
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
        answer,
        steady and calm,
        measured + ": a steady spread that does not come from saturation.",
        measured + hint,
    )


def check_selu_scheme(answer: object) -> Verdict:
    """A scheme under which SELU's activations keep mean near 0 and std near 1 for 20 layers."""
    if answer not in INIT_SCHEMES:
        return feedback(answer, False, "", f"choose one of: {', '.join(INIT_SCHEMES)}.")
    s = run_experiment(activation="selu", scheme=answer, depth=20, backward=False).stats()[-1]
    ok = s["finite"] and abs(s["mean"]) < 0.2 and 0.8 < s["std"] < 1.2
    return feedback(
        answer,
        ok,
        f"under {answer}, layer 20 has mean {s['mean']:.2f} and std {s['std']:.2f}: "
        "SELU's self-normalising fixed point (Klambauer et al. 2017) needs Var(W) = 1/n.",
        f"under {answer}, layer 20 has mean {s['mean']:.2g} and std {s['std']:.2g}.",
    )


def check_linear_vanishing_depth(answer: object) -> Verdict:
    """The first layer at which a linear network with N(0, 0.05^2) weights has std < 1e-3."""
    stats = run_experiment(activation="linear", std=0.05, depth=30, backward=False).stats()
    truth = next(s["layer"] for s in stats if s["std"] < 1e-3)
    layer = as_int(answer)
    return feedback(
        answer,
        layer is not None and abs(layer - truth) <= 1,
        f"layer {truth}: each layer multiplies the spread by sqrt(100) * 0.05 = 0.5, "
        "and 0.5^10 is about 1e-3.",
        "give a whole layer number. Each layer multiplies the spread by sqrt(n) * std; "
        "how many such factors reach 1e-3?",
    )
