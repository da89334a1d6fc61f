"""Exercise checks for notebook 09: the edge of chaos and PyTorch's default."""

from __future__ import annotations

import torch

from ..chaos import correlation_depth_scale
from ..i18n import text
from ..theory import chi1, critical_sigma_w2, depth_scale
from .core import Verdict, as_number, close, feedback, within_digits

__all__ = [
    "check_tanh_edge_of_chaos",
    "check_trainable_depth_point_c",
    "check_pytorch_default_sigma_w2",
]

POINT_C = (3.0, 0.05)  # (sigma_w2, sigma_b2): the notebook's chaotic point C


def check_tanh_edge_of_chaos(answer: object) -> Verdict:
    """The sigma_w2 of tanh's edge of chaos at sigma_b2 = 0.05 (chi1 = 1), to three
    significant digits."""
    truth = critical_sigma_w2("tanh", 0.05)
    x = as_number(answer)
    if x is not None and 0 < x < 1e6:
        c = chi1("tanh", x, 0.05)
        if c < 1:
            side = text("nb09.tanh_edge_of_chaos.ordered")
        else:
            side = text("nb09.tanh_edge_of_chaos.chaotic")
        if close(x, truth, rel=0.03):
            hint = text("nb09.tanh_edge_of_chaos.measured_digits", x=x, chi1=c, side=side)
        else:
            hint = text("nb09.tanh_edge_of_chaos.measured", x=x, chi1=c, side=side)
    else:
        hint = text("nb09.tanh_edge_of_chaos.hint")
    return feedback(
        answer,
        within_digits(answer, truth, 3),
        text("nb09.tanh_edge_of_chaos.right", truth=truth),
        hint,
    )


def check_trainable_depth_point_c(answer: object) -> Verdict:
    """Schoenholz et al.'s deepest trainable tanh network at point C: 6 xi_c layers."""
    xi_c, xi = correlation_depth_scale("tanh", *POINT_C), depth_scale("tanh", *POINT_C)
    truth = 6 * xi_c
    if close(answer, 6 * xi, rel=0.02):
        hint = text("nb09.trainable_depth_point_c.gradients_scale", six_xi=6 * xi)
    elif close(answer, xi_c, rel=0.02) or close(answer, xi, rel=0.02):
        hint = text("nb09.trainable_depth_point_c.one_scale")
    else:
        hint = text("nb09.trainable_depth_point_c.hint")
    return feedback(
        answer,
        close(answer, truth, rel=0.0, abs_tol=0.5),
        text("nb09.trainable_depth_point_c.right", truth=truth, xi_c=xi_c, six_xi=6 * xi),
        hint,
    )


def check_pytorch_default_sigma_w2(answer: object) -> Verdict:
    """sigma_w2 = n_in Var(W) of a freshly made torch.nn.Linear(1000, 1000)."""
    with torch.random.fork_rng():  # nn.Linear draws from the global RNG; leave it as it was
        torch.manual_seed(0)
        layer = torch.nn.Linear(1000, 1000)
    var = layer.weight.var().item()
    truth = 1000 * var
    if close(answer, var, rel=0.05):
        hint = text("nb09.pytorch_default_sigma_w2.variance")
    elif close(answer, truth**0.5, rel=0.05):
        hint = text("nb09.pytorch_default_sigma_w2.std")
    else:
        hint = text("nb09.pytorch_default_sigma_w2.hint")
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        text("nb09.pytorch_default_sigma_w2.right", truth=truth),
        hint,
    )
