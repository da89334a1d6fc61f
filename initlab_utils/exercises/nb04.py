"""Exercise checks for notebook 04: Xavier/Glorot initialisation for sigmoid and tanh."""

from __future__ import annotations

import math

from .core import Verdict, close, feedback


def check_xavier_std(answer: object) -> Verdict:
    """std of xavier_normal weights (gain 1) for a layer with 100 inputs and 300 outputs."""
    from ..inits import init_weights
    from ..models import build_mlp

    model = init_weights(build_mlp(1, 300, "linear", in_features=100), "xavier_normal")
    truth = model[0].weight.std().item()
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        f"the weights' measured std is {truth:.4f}, sqrt(2 / (100 + 300)) = "
        f"{math.sqrt(2 / 400):.4f}: the fan-in and the fan-out both count.",
        "Xavier's variance is 2 / (n_in + n_out); the standard deviation is its square root.",
    )


def check_sigmoid_xavier_gain(answer: object) -> Verdict:
    """The measured backward gain per layer, averaged, for the blog's sigmoid net under Xavier."""
    from ..experiments import run_experiment

    gains = [g["measured"] for g in run_experiment(scheme="xavier_normal").gains()]
    truth = sum(gains) / len(gains)
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        f"the gradient's spread is multiplied by about {truth:.3f} at each step back, under "
        "the 1/4 that sigmoid's largest slope allows: at least 4-fold smaller per layer.",
        "average the 'measured' entries of trace.gains() for "
        "il.run_experiment(scheme='xavier_normal'); a gain is a factor such as 0.5.",
    )


def check_tanh_unit_variance_gain(answer: object) -> Verdict:
    """The gain g with g^2 E[tanh(z)^2] = 1 for z ~ N(0, 1)."""
    from ..theory import activation_moments

    truth = 1 / math.sqrt(activation_moments("tanh", 1.0)["second_moment"])
    if close(answer, 5 / 3, rel=0.005):
        return feedback(
            answer,
            False,
            "",
            f"{5 / 3:.3f} (5/3) is PyTorch's rounder, slightly larger choice; compute "
            "1 / sqrt(E[tanh(z)^2]) with z = torch.randn(1_000_000).",
        )
    return feedback(
        answer,
        close(answer, truth, rel=0.01),
        f"g = 1 / sqrt(E[tanh(z)^2]) = {truth:.3f}, a little below PyTorch's 5/3 = {5 / 3:.3f}.",
        "compute E[tanh(z)^2] for z = torch.randn(1_000_000), then 1 / its square root.",
    )
