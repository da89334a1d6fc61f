"""Exercise checks for notebook 10: reading the update-to-data ratio while a network trains."""

from __future__ import annotations

import math

import numpy as np

from ..snapshots import Recorder
from ..training import Trainer
from .core import Verdict, as_int, as_number, feedback

__all__ = ["check_first_step_ratio", "check_lowest_ratio_layer", "check_adam_first_ratio"]


def _first_step_ratios(**settings) -> list[float]:
    """Every hidden layer's ratio after one step of Trainer(**settings), seed 0."""
    return Recorder(Trainer(**settings, steps=1)).step(1).ratios[0]


def check_first_step_ratio(answer: object) -> Verdict:
    """Layer 1's log10 update-to-data ratio after one plain-SGD step of the 30-layer ReLU
    network under he_normal (seed 0), computed by hand."""
    if answer is None:
        return feedback(answer, False, "", "")
    truth = _first_step_ratios(activation="relu", scheme="he_normal", depth=30)[0]
    x = as_number(answer)
    ok = x is not None and abs(x - truth) < 0.02
    if x is not None and abs(x - truth * math.log(10)) < 0.05:
        hint = "that looks like the natural log; the ratio is on a log10 scale."
    elif x is not None and abs(x - (truth - math.log10(0.02))) < 0.05:
        hint = "multiply the gradient by the learning rate (0.02): SGD's step is lr * dL/dW."
    elif x is not None and abs(x - 10**truth) < 1e-4:
        hint = "that is the ratio itself; take its log10."
    else:
        hint = (
            "clone layer 1's weights before trainer.step(1); after it, the gradient that "
            "step used is in .weight.grad. Then log10(lr * std(grad) / std(W before))."
        )
    return feedback(
        answer,
        ok,
        f"{truth:.3f}: a step moves layer 1's weights by about 10^({truth:.1f}) of their "
        "size, near the rule of thumb's 1e-3.",
        hint,
    )


def check_lowest_ratio_layer(answer: object) -> Verdict:
    """Which hidden layer (1-5) of the sigmoid network under N(0, 0.01^2) has the lowest
    ratio over the first 10 plain-SGD steps (seed 0)?"""
    if answer is None:
        return feedback(answer, False, "", "")
    rec = Recorder(Trainer(activation="sigmoid", scheme="normal", std=0.01, depth=5, steps=10))
    profile = rec.run().typical_ratio(1, 10)
    truth = int(np.argmin(profile)) + 1
    layer = as_int(answer)
    if layer is None or not 1 <= layer <= 5:
        return feedback(answer, False, "", "answer a layer number from 1 to 5.")
    return feedback(
        answer,
        layer == truth,
        f"layer {truth}: its ratio is 10^{profile[truth - 1]:.1f}, the last layer's "
        f"10^{profile[-1]:.1f}: the gradient loses most of its size at every layer on the "
        "way down.",
        f"layer {layer}'s ratio is 10^{profile[layer - 1]:.1f}. Where does a gradient that "
        "loses most of its size at every layer arrive smallest?",
    )


def check_adam_first_ratio(answer: object) -> Verdict:
    """Predicted without training: layer 1's ratio after Adam's first step (lr 1e-3) in the
    30-layer ReLU network under xavier_normal (seed 0)."""
    if answer is None:
        return feedback(answer, False, "", "")
    truth = _first_step_ratios(
        activation="relu", scheme="xavier_normal", depth=30, optimizer="adam"
    )[0]
    sgd = _first_step_ratios(activation="relu", scheme="xavier_normal", depth=30)[0]
    x = as_number(answer)
    if x is not None and abs(x - sgd) < 0.5:
        hint = (
            "that is plain SGD's ratio. Adam divides the gradient by its own size: what is "
            "left of g / sqrt(g^2) on the first step?"
        )
    else:
        hint = (
            "on its first step Adam moves every weight by about lr (its update is lr * g / "
            "(|g| + eps)); compare that with the std of layer 1's weights, sqrt(2 / (64 + 100))."
        )
    return feedback(
        answer,
        x is not None and abs(x - truth) < 0.1,
        f"measured {truth:.2f}: about log10(lr / std(W)), whatever the size of the gradient "
        "(a little below it, as the weights whose gradient is exactly 0, such as those of "
        f"pixels that are always blank, do not move). Plain SGD's first step: {sgd:.1f}.",
        hint,
    )
