"""Exercise checks for notebook 04: Xavier/Glorot initialisation for sigmoid and tanh."""

from __future__ import annotations

import math

from ..experiments import run_experiment
from ..inits import init_weights
from ..models import build_mlp
from ..theory import activation_moments
from .core import Verdict, answered, as_int, close, feedback, number

__all__ = ["check_xavier_std", "check_xavier_sigmoid_thousandfold", "check_tanh_unit_variance_gain"]


@answered(number(low=0), "give one number > 0, a standard deviation.")
def check_xavier_std(x: float) -> Verdict:
    """std of xavier_normal weights (gain 1) for a layer with 100 inputs and 300 outputs."""
    n_in, n_out = 100, 300
    model = init_weights(build_mlp(1, n_out, "linear", in_features=n_in), "xavier_normal")
    truth = model[0].weight.std().item()
    if close(x, truth**2, rel=0.05):
        hint = "that is a variance; a standard deviation is its square root."
    elif close(x, 1 / math.sqrt(n_in), rel=0.05):
        hint = "that is 1 / sqrt(n_in), the forward rule alone: Xavier counts the fan-out too."
    elif close(x, 1 / math.sqrt(n_out), rel=0.05):
        hint = "that is 1 / sqrt(n_out), the backward rule alone: Xavier counts both fans."
    else:
        hint = (
            "use Xavier's variance from section 1, in terms of n_in and n_out, or measure "
            "the std of the weights il.init_weights(..., 'xavier_normal') draws."
        )
    return feedback(
        x,
        close(x, truth, rel=0.05),
        f"the weights' measured std is {truth:.4f}, sqrt(2 / ({n_in} + {n_out})) = "
        f"{math.sqrt(2 / (n_in + n_out)):.4f}: the fan-in and the fan-out both count.",
        hint,
    )


# Exercise 2: how many steps back, in a deep sigmoid network under Xavier, until the
# gradient's spread has fallen below this fraction of the top layer's.
THOUSANDFOLD_DEPTH = 20
THOUSANDFOLD = 1e-3


def _steps_back_to_thousandth() -> tuple[int | None, float]:
    """The first k with std(dL/dh) k layers below the top under THOUSANDFOLD x the top's,
    and the mean measured gain per layer."""
    trace = run_experiment(scheme="xavier_normal", depth=THOUSANDFOLD_DEPTH)
    stats, gains = trace.stats(), [g["measured"] for g in trace.gains()]
    top = stats[-1]["grad_std"]
    k = next((k for k, s in enumerate(reversed(stats)) if s["grad_std"] < THOUSANDFOLD * top), None)
    return k, sum(gains) / len(gains)


@answered(as_int, "give a whole number of layers (steps back from layer 20).")
def check_xavier_sigmoid_thousandfold(k: int) -> Verdict:
    """Sigmoid, Xavier, 20 layers: how many layers back from layer 20 the gradient's spread
    first falls below 1/1000 of layer 20's."""
    truth, gain = _steps_back_to_thousandth()
    if truth is not None and k == THOUSANDFOLD_DEPTH - truth:
        hint = "that is the layer's number; count the steps back from layer 20 instead."
    else:
        hint = (
            "after k steps back the gradient's spread is about g^k times layer 20's, with g "
            "the gain measured in section 3: find the first k with g^k < 1/1000, then check "
            f"with il.run_experiment(scheme='xavier_normal', depth={THOUSANDFOLD_DEPTH})"
            ".stats()."
        )
    return feedback(
        k,
        k == truth,
        f"{truth} layers back (layer {THOUSANDFOLD_DEPTH - truth}) the gradient's spread is "
        f"below a thousandth of layer 20's: at a gain of {gain:.3f} per layer, "
        f"{gain:.3f}^{truth} = {gain**truth:.1e} but {gain:.3f}^{truth - 1} = "
        f"{gain ** (truth - 1):.1e}.",
        hint,
    )


@answered(number(), "give one number, the gain g.")
def check_tanh_unit_variance_gain(answer: float) -> Verdict:
    """The gain g with g^2 E[tanh(z)^2] = 1 for z ~ N(0, 1)."""
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
