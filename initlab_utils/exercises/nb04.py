"""Exercise checks for notebook 04: Xavier/Glorot initialisation for sigmoid and tanh."""

from __future__ import annotations

import math

from ..experiments import run_experiment
from ..i18n import text
from ..inits import init_weights
from ..models import build_mlp
from ..theory import activation_moments
from .core import Verdict, answered, as_int, close, feedback, number

__all__ = ["check_xavier_std", "check_xavier_sigmoid_thousandfold", "check_tanh_unit_variance_gain"]


@answered(number(low=0), key="nb04.xavier_std.unreadable")
def check_xavier_std(x: float) -> Verdict:
    """std of xavier_normal weights (gain 1) for a layer with 100 inputs and 300 outputs."""
    n_in, n_out = 100, 300
    model = init_weights(build_mlp(1, n_out, "linear", in_features=n_in), "xavier_normal")
    truth = model[0].weight.std().item()
    if close(x, truth**2, rel=0.05):
        hint = text("nb04.xavier_std.variance")
    elif close(x, 1 / math.sqrt(n_in), rel=0.05):
        hint = text("nb04.xavier_std.fan_in")
    elif close(x, 1 / math.sqrt(n_out), rel=0.05):
        hint = text("nb04.xavier_std.fan_out")
    else:
        hint = text("nb04.xavier_std.hint")
    predicted = math.sqrt(2 / (n_in + n_out))
    return feedback(
        x,
        close(x, truth, rel=0.05),
        text("nb04.xavier_std.right", truth=truth, n_in=n_in, n_out=n_out, predicted=predicted),
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


@answered(as_int, key="nb04.xavier_sigmoid_thousandfold.unreadable")
def check_xavier_sigmoid_thousandfold(k: int) -> Verdict:
    """Sigmoid, Xavier, 20 layers: how many layers back from layer 20 the gradient's spread
    first falls below 1/1000 of layer 20's."""
    truth, gain = _steps_back_to_thousandth()
    if truth is not None and k == THOUSANDFOLD_DEPTH - truth:
        hint = text("nb04.xavier_sigmoid_thousandfold.layer_number")
    else:
        hint = text("nb04.xavier_sigmoid_thousandfold.hint", depth=THOUSANDFOLD_DEPTH)
    right = text(
        "nb04.xavier_sigmoid_thousandfold.right",
        truth=truth,
        layer=THOUSANDFOLD_DEPTH - truth,
        gain=gain,
        below=gain**truth,
        fewer=truth - 1,
        above=gain ** (truth - 1),
    )
    return feedback(k, k == truth, right, hint)


@answered(number(), key="nb04.tanh_unit_variance_gain.unreadable")
def check_tanh_unit_variance_gain(answer: float) -> Verdict:
    """The gain g with g^2 E[tanh(z)^2] = 1 for z ~ N(0, 1)."""
    truth = 1 / math.sqrt(activation_moments("tanh", 1.0)["second_moment"])
    if close(answer, 5 / 3, rel=0.005):
        return feedback(
            answer, False, "", text("nb04.tanh_unit_variance_gain.pytorch", pytorch=5 / 3)
        )
    return feedback(
        answer,
        close(answer, truth, rel=0.01),
        text("nb04.tanh_unit_variance_gain.right", truth=truth, pytorch=5 / 3),
        text("nb04.tanh_unit_variance_gain.reconsider"),
    )
