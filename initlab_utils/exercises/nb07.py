"""Exercise checks for notebook 07: training consequences."""

from __future__ import annotations

from ..i18n import text
from ..training import train_mlp
from .core import Verdict, answered, feedback, one_of

__all__ = ["check_deep_relu_winner", "check_sigmoid_sgd_best"]


def _final_losses(activation: str, depth: int, schemes: dict[str, dict]) -> dict[str, float]:
    return {
        name: train_mlp(activation=activation, depth=depth, **kw).final_loss()
        for name, kw in schemes.items()
    }


@answered(one_of("xavier_normal", "he_normal"), key="nb07.deep_relu_winner.unreadable")
def check_deep_relu_winner(answer: str) -> Verdict:
    """Which of xavier_normal and he_normal trains a 30-layer ReLU network with plain SGD?"""
    losses = _final_losses(
        "relu",
        30,
        {"xavier_normal": {"scheme": "xavier_normal"}, "he_normal": {"scheme": "he_normal"}},
    )
    truth = min(losses, key=losses.get)
    # scheme names and numbers only: the same in every language
    others = ", ".join(f"{k} {v:.2f}" for k, v in losses.items() if k != truth)
    return feedback(
        answer,
        answer == truth,
        text("nb07.deep_relu_winner.right", truth=truth, loss=losses[truth], others=others),
        text("nb07.deep_relu_winner.reconsider"),
    )


SIGMOID_OPTIONS = {
    "zeros": {"scheme": "zeros"},
    "normal_1": {"scheme": "normal", "std": 1.0},
    "normal_0.01": {"scheme": "normal", "std": 0.01},
    "xavier_normal": {"scheme": "xavier_normal"},
}


@answered(one_of(*SIGMOID_OPTIONS), lambda: text("reader.one_of", words=", ".join(SIGMOID_OPTIONS)))
def check_sigmoid_sgd_best(answer: str) -> Verdict:
    """Among zeros, N(0, 1), N(0, 0.01^2) and Xavier, which trains the blog's sigmoid net best?"""
    losses = _final_losses("sigmoid", 5, SIGMOID_OPTIONS)
    truth = min(losses, key=losses.get)
    return feedback(
        answer,
        answer == truth,
        text("nb07.sigmoid_sgd_best.right", truth=truth, loss=losses[truth]),
        text("nb07.sigmoid_sgd_best.reconsider", answer=answer, loss=losses[answer]),
    )
