"""Exercise checks for notebook 11: residual connections and normalisation."""

from __future__ import annotations

import numpy as np

from ..residual_theory import rescaling_effect, residual_moments
from .core import Verdict, as_int, close, feedback

__all__ = ["check_prenorm_variance_step", "check_prenorm_depth_for_std", "check_rescaled_step"]


def check_prenorm_variance_step(answer: object) -> Verdict:
    """How much variance does one pre-norm block (ReLU, He) add to the stream?"""
    truth = float(np.diff(residual_moments("relu", 2.0, 2, norm="layer")["var"])[0])
    return feedback(
        answer,
        close(answer, truth, rel=0.02),
        f"{truth:.4f} = 1 - 1/pi: the branch reads a normalised input (second moment 1), "
        "so W gives it variance 2 and ReLU keeps half the square, 1, minus its mean squared, 1/pi.",
        "the branch's input has second moment 1 whatever the stream's size. Its pre-activation "
        "is N(0, sigma_w2); what is the variance (not the second moment) of ReLU of that?",
    )


def check_prenorm_depth_for_std(answer: object) -> Verdict:
    """After how many pre-norm blocks does the stream's std first reach 10?"""
    std = np.sqrt(residual_moments("relu", 2.0, 1000, norm="layer")["var"])
    truth = int(np.argmax(std >= 10.0)) + 1
    n = as_int(answer)
    return feedback(
        answer,
        n is not None and abs(n - truth) <= 1,
        f"{truth} blocks: the variance grows by the same step each block, from 1 to 100.",
        "the variance, not the std, grows by a constant per block: how many steps of that "
        "size take it from 1 to 10^2? (Give a whole number of blocks.)",
    )


def check_rescaled_step(answer: object) -> Verdict:
    """Pre-norm network, every hidden W times 10: by what factor does |step| / |W| change?"""
    truth = rescaling_effect(10.0, depth=10)["step_ratio"]
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        f"about {truth:.3g}: the output is unchanged, so dL/dW shrinks as 1/10 while W "
        "grew 10-fold; the same learning rate moves W 100 times less, relative to its size.",
        "the forward pass does not change, but the gradient does. How does dL/dW scale when "
        "W is multiplied by 10 and the output stays the same? Then divide by |W|.",
    )
