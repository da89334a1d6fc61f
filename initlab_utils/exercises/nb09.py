"""Exercise checks for notebook 09: the edge of chaos and PyTorch's default."""

from __future__ import annotations

import torch

from ..chaos import correlation_depth_scale
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
        side = "below 1: ordered, move right" if c < 1 else "above 1: chaotic, move left"
        hint = f"at sigma_w2 = {x:g}, chi1 = {c:.4f}; {side}"
        hint += " (give three significant digits)." if close(x, truth, rel=0.03) else "."
    else:
        hint = "set sigma_b2 to 0.05 in the phase widget and move sigma_w2 until chi1 reads 1."
    return feedback(
        answer,
        within_digits(answer, truth, 3),
        f"sigma_w2 = {truth:.3f}: there chi1 = 1, the depth scale is infinite and the "
        "gradient keeps its size through every layer.",
        hint,
    )


def check_trainable_depth_point_c(answer: object) -> Verdict:
    """Schoenholz et al.'s deepest trainable tanh network at point C: 6 xi_c layers."""
    xi_c, xi = correlation_depth_scale("tanh", *POINT_C), depth_scale("tanh", *POINT_C)
    truth = 6 * xi_c
    if close(answer, 6 * xi, rel=0.02):
        hint = (
            f"6 / |ln chi1| = {6 * xi:.1f} uses the gradients' depth scale; the bound uses the "
            "correlations' one, xi_c (il.correlation_depth_scale)."
        )
    elif close(answer, xi_c, rel=0.02) or close(answer, xi, rel=0.02):
        hint = "that is one depth scale; the bound allows about 6 of them."
    else:
        hint = "compute xi_c at sigma_w2 = 3, sigma_b2 = 0.05 and multiply by 6."
    return feedback(
        answer,
        close(answer, truth, rel=0.0, abs_tol=0.5),
        f"6 xi_c = {truth:.1f} layers, with xi_c = {xi_c:.2f}. Counted with the gradients' "
        f"depth scale it would be {6 * xi:.1f}: in the chaotic phase the two differ.",
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
        hint = "that is Var(W) itself; sigma_w2 = n Var(W) multiplies it by n_in = 1000."
    elif close(answer, truth**0.5, rel=0.05):
        hint = "that is sqrt(n) std(W); sigma_w2 = n Var(W) is its square."
    else:
        hint = (
            "make torch.nn.Linear(1000, 1000) and compute 1000 * layer.weight.var(); "
            "give the number n Var(W)."
        )
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        f"n Var(W) = {truth:.3f}, i.e. 1/3: U(-1/sqrt(n), 1/sqrt(n)) has variance 1/(3n). "
        "Deep tanh or ReLU networks shrink their signal at every layer with it.",
        hint,
    )
