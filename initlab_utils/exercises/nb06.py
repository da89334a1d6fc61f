"""Exercise checks for notebook 06: the playground."""

from __future__ import annotations

from ..experiments import run_experiment
from ..i18n import text
from ..inits import INIT_SCHEMES
from .core import Verdict, answered, as_int, feedback, number, one_of

__all__ = ["check_tanh_steady_std", "check_selu_scheme", "check_linear_vanishing_depth"]

MAX_SATURATED = 0.10  # of layer 10's activations within 0.01 of -1 or 1


@answered(number(low=0, high=10), key="nb06.tanh_steady_std.unreadable")
def check_tanh_steady_std(std: float) -> Verdict:
    """A normal std under which tanh's layer-10 spread is within 20% of layer 1's, with
    at most a tenth of layer 10's activations saturated."""
    stats = run_experiment(activation="tanh", std=std, depth=10, backward=False).stats()
    ratio, saturated = stats[-1]["std"] / stats[0]["std"], stats[-1]["frac_saturated"]
    steady, calm = 0.8 <= ratio <= 1.25, saturated <= MAX_SATURATED
    measured = text("nb06.tanh_steady_std.measured", std=std, ratio=ratio, saturated=saturated)
    if not steady:
        hint = text("nb06.tanh_steady_std.not_steady", measured=measured)
    else:
        hint = text("nb06.tanh_steady_std.pinned", measured=measured)
    return feedback(
        std, steady and calm, text("nb06.tanh_steady_std.right", measured=measured), hint
    )


@answered(one_of(*INIT_SCHEMES), lambda: text("reader.one_of", words=", ".join(INIT_SCHEMES)))
def check_selu_scheme(answer: str) -> Verdict:
    """A scheme under which SELU's activations keep mean near 0 and std near 1 for 20 layers."""
    s = run_experiment(activation="selu", scheme=answer, depth=20, backward=False).stats()[-1]
    ok = s["finite"] and abs(s["mean"]) < 0.2 and 0.8 < s["std"] < 1.2
    measured = dict(scheme=answer, mean=s["mean"], std=s["std"])
    return feedback(
        answer,
        ok,
        text("nb06.selu_scheme.right", **measured),
        text("nb06.selu_scheme.reconsider", **measured),
    )


@answered(as_int, key="nb06.linear_vanishing_depth.unreadable")
def check_linear_vanishing_depth(layer: int) -> Verdict:
    """The first layer at which a linear network with N(0, 0.05^2) weights has std < 1e-3."""
    stats = run_experiment(activation="linear", std=0.05, depth=30, backward=False).stats()
    truth = next(s["layer"] for s in stats if s["std"] < 1e-3)
    return feedback(
        layer,
        abs(layer - truth) <= 1,
        text("nb06.linear_vanishing_depth.right", truth=truth),
        text("nb06.linear_vanishing_depth.reconsider"),
    )
