"""Exercise checks for notebook 05: He/Kaiming initialisation for ReLU."""

from __future__ import annotations

import math

from torch.nn.init import calculate_gain

from ..experiments import run_experiment
from ..i18n import text
from .core import Verdict, close, feedback

__all__ = [
    "check_relu_second_moment_ratio",
    "check_he_over_xavier_depth30",
    "check_leaky_relu_gain",
]


def check_relu_second_moment_ratio(answer: object) -> Verdict:
    """E[h_1^2] / Var(z_1) for layer 1 of the blog's network with ReLU under He."""
    trace = run_experiment(activation="relu", scheme="he_normal", backward=False)
    truth = (trace.activations[0].pow(2).mean() / trace.pre_activations[0].var()).item()
    return feedback(
        answer,
        close(answer, truth, abs_tol=0.02),
        text("nb05.relu_second_moment_ratio.right", truth=truth),
        text("nb05.relu_second_moment_ratio.reconsider"),
    )


def check_he_over_xavier_depth30(answer: object) -> Verdict:
    """rms of layer 30's ReLU activations under He divided by that under Xavier, same seed."""
    rms = [
        run_experiment(activation="relu", scheme=s, depth=30, backward=False)
        .activations[-1]
        .pow(2)
        .mean()
        .sqrt()
        .item()
        for s in ("he_normal", "xavier_normal")
    ]
    truth = rms[0] / rms[1]
    if close(answer, truth**2, rel=0.02):
        hint = text("nb05.he_over_xavier_depth30.second_moments")
    elif close(answer, truth / math.sqrt(2), rel=0.02):
        hint = text("nb05.he_over_xavier_depth30.one_layer_short")
    else:
        hint = text("nb05.he_over_xavier_depth30.hint")
    return feedback(
        answer,
        close(answer, truth, rel=0.02),
        text("nb05.he_over_xavier_depth30.right", truth=truth),
        hint,
    )


def check_leaky_relu_gain(answer: object) -> Verdict:
    """He's gain for a leaky ReLU with negative slope 0.2."""
    truth = calculate_gain("leaky_relu", 0.2)
    return feedback(
        answer,
        close(answer, truth, rel=0.005),
        text("nb05.leaky_relu_gain.right", truth=truth),
        text("nb05.leaky_relu_gain.reconsider"),
    )
