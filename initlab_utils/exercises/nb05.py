"""Exercise checks for notebook 05: He/Kaiming initialisation for ReLU."""

from __future__ import annotations

import math

from torch.nn.init import calculate_gain

from ..experiments import run_experiment
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
        f"the measured ratio is {truth:.3f}: ReLU keeps z^2 on the positive half and zeroes "
        "the other, so E[relu(z)^2] = Var(z) / 2.",
        "divide trace.activations[0].pow(2).mean() by trace.pre_activations[0].var(); "
        "think about which half of a symmetric z survives ReLU.",
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
        hint = "that is the ratio of second moments, E[h^2]; the rms is its square root."
    elif close(answer, truth / math.sqrt(2), rel=0.02):
        hint = "count the layers again: layer 1's weights are scaled by 1/sqrt(2) too."
    else:
        hint = "each layer's weights differ by a factor sqrt(2), and relu(c z) = c relu(z)."
    return feedback(
        answer,
        close(answer, truth, rel=0.02),
        f"the measured ratio is {truth:.0f} = sqrt(2)^30 = 2^15: one factor sqrt(2) per layer.",
        hint,
    )


def check_leaky_relu_gain(answer: object) -> Verdict:
    """He's gain for a leaky ReLU with negative slope 0.2."""
    truth = calculate_gain("leaky_relu", 0.2)
    return feedback(
        answer,
        close(answer, truth, rel=0.005),
        f"sqrt(2 / (1 + 0.2^2)) = {truth:.4f}, as calculate_gain('leaky_relu', 0.2) returns.",
        "E[phi(z)^2] = (1 + a^2) / 2 * Var(z) for slope a; the gain is 1 / sqrt of that factor.",
    )
