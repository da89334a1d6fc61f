"""Exercise checks for notebook 08: theory you can touch (the variance map and the gains)."""

from __future__ import annotations

import math

from ..theory import backward_gain, forward_gain, predicted_activation_std, variance_map
from .core import Verdict, as_number, close, feedback, within_digits

__all__ = ["check_sigmoid_backward_sigma_w2", "check_tanh_he_layer10_std"]


def check_sigmoid_backward_sigma_w2(answer: object) -> Verdict:
    """The sigma_w2 at which a sigmoid layer keeps the gradient's spread, at q = 1."""
    # Both gains grow as sqrt(sigma_w2): each is 1 at 1 / (its value at sigma_w2 = 1)^2.
    truth = 1.0 / backward_gain("sigmoid", 1.0, 1.0) ** 2
    forward = 1.0 / forward_gain("sigmoid", 1.0, 1.0) ** 2
    if close(answer, forward, rel=0.05):
        hint = (
            f"{forward:.2f} is where the forward gain (solid line) is 1; the question asks "
            "for the backward one (dashed)."
        )
    elif close(answer, math.sqrt(truth), rel=0.05):
        hint = "that is a standard deviation; sigma_w2 = n Var(W) is its square."
    else:
        hint = (
            "find where the dashed (backward, q = 1) line of the sigmoid panel crosses 1, or "
            "solve il.backward_gain('sigmoid', s, 1.0) = 1 for s."
        )
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        f"sigma_w2 = {truth:.1f}: sqrt(sigma_w2 E[sigmoid'(z)^2]) = 1 there. The forward "
        f"pass wants {forward:.2f}, so whichever you pick, the other direction is off.",
        hint,
    )


def check_tanh_he_layer10_std(answer: object) -> Verdict:
    """Theory's std of layer 10's activations, 10 tanh layers under he_normal, no bias."""
    truth = float(predicted_activation_std("tanh", 2.0, 0.0, 10)[-1])
    q10 = float(variance_map("tanh", 2.0, 0.0, 10)[-1])
    xavier = float(predicted_activation_std("tanh", 1.0, 0.0, 10)[-1])
    if close(answer, math.sqrt(q10), rel=0.02):
        hint = (
            "that is sqrt(q_10), the spread of the pre-activations z; the activations are "
            "tanh(z), whose spread il.predicted_activation_std gives."
        )
    elif close(answer, q10, rel=0.02):
        hint = (
            "that is q_10, the pre-activations' second moment; the question asks for the "
            "std of the activations tanh(z)."
        )
    elif close(answer, xavier, rel=0.05):
        hint = (
            "that is Xavier's sigma_w2 = 1; he_normal uses ReLU's gain sqrt(2) whatever the "
            "activation: sigma_w2 = 2."
        )
    elif as_number(answer) is not None and close(answer, truth, rel=0.05):
        hint = "close: give two significant digits, such as 0.12."
    else:
        hint = (
            "he_normal gives sigma_w2 = 2 (il.scheme_sigma_w2 says so); run the variance "
            "map for 10 layers and turn q_10 into the activations' std: "
            "il.predicted_activation_std(activation, sigma_w2, sigma_b2, depth)."
        )
    return feedback(
        answer,
        within_digits(answer, truth, 2),
        f"{truth:.3f}: q_10 = {q10:.3f}, and tanh(z) with z ~ N(0, q_10) has that std. The "
        "widget of section 1 (tanh, he_normal, depth 10) draws the same black line.",
        hint,
    )
