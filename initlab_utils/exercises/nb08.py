"""Exercise checks for notebook 08: theory you can touch (the variance map and the gains)."""

from __future__ import annotations

import math

from ..i18n import text
from ..theory import backward_gain, forward_gain, predicted_activation_std, variance_map
from .core import Verdict, as_number, close, feedback, within_digits

__all__ = ["check_sigmoid_backward_sigma_w2", "check_tanh_he_layer10_std"]


def check_sigmoid_backward_sigma_w2(answer: object) -> Verdict:
    """The sigma_w2 at which a sigmoid layer keeps the gradient's spread, at q = 1."""
    # Both gains grow as sqrt(sigma_w2): each is 1 at 1 / (its value at sigma_w2 = 1)^2.
    truth = 1.0 / backward_gain("sigmoid", 1.0, 1.0) ** 2
    forward = 1.0 / forward_gain("sigmoid", 1.0, 1.0) ** 2
    if close(answer, forward, rel=0.05):
        hint = text("nb08.sigmoid_backward_sigma_w2.forward", forward=forward)
    elif close(answer, math.sqrt(truth), rel=0.05):
        hint = text("nb08.sigmoid_backward_sigma_w2.std")
    else:
        hint = text("nb08.sigmoid_backward_sigma_w2.hint")
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        text("nb08.sigmoid_backward_sigma_w2.right", truth=truth, forward=forward),
        hint,
    )


def check_tanh_he_layer10_std(answer: object) -> Verdict:
    """Theory's std of layer 10's activations, 10 tanh layers under he_normal, no bias."""
    truth = float(predicted_activation_std("tanh", 2.0, 0.0, 10)[-1])
    q10 = float(variance_map("tanh", 2.0, 0.0, 10)[-1])
    xavier = float(predicted_activation_std("tanh", 1.0, 0.0, 10)[-1])
    if close(answer, math.sqrt(q10), rel=0.02):
        hint = text("nb08.tanh_he_layer10_std.pre_activation_std")
    elif close(answer, q10, rel=0.02):
        hint = text("nb08.tanh_he_layer10_std.q10")
    elif close(answer, xavier, rel=0.05):
        hint = text("nb08.tanh_he_layer10_std.xavier")
    elif as_number(answer) is not None and close(answer, truth, rel=0.05):
        hint = text("nb08.tanh_he_layer10_std.digits")
    else:
        hint = text("nb08.tanh_he_layer10_std.hint")
    return feedback(
        answer,
        within_digits(answer, truth, 2),
        text("nb08.tanh_he_layer10_std.right", truth=truth, q10=q10),
        hint,
    )
