"""Notebook 08's measurements and static figures: theory's predictions next to real networks.

One layer's forward and backward gains, and each layer's predicted activation spread next
to the measured one. Plot functions take `ax=None` and return what they drew (notebook
09's figures are in chaos_plots).
"""

from __future__ import annotations

import math

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .capture import Trace
from .checks import check_choice, check_int, check_positive
from .experiments import torch_threads
from .inits import INIT_SCHEMES
from .models import derivative, get_activation
from .theory import (
    activation_moments,
    backward_gain,
    forward_gain,
    scheme_sigma_w2,
    variance_map,
)

COLORS = {"forward": "#1f77b4", "backward": "#d62728"}


def _axes(ax: Axes | None, size: tuple[float, float] = (4.0, 3.0)) -> Axes:
    return ax if ax is not None else Figure(figsize=size, dpi=80).subplots()


# -- 1. one layer's gains -----------------------------------------------------------------


@torch_threads(1)  # tiny tensors: one thread is fastest, and never stalls
def measure_layer_gains(
    activation: str,
    sigma_w2: float,
    q: float = 1.0,
    *,
    width: int = 500,
    n_samples: int = 500,
    seed: int = 0,
) -> dict[str, float]:
    """One random layer W ~ N(0, sigma_w2 / n) fed pre-activations z ~ N(0, q), measured.

    forward: rms(phi(z) W) / rms(z). backward: a gradient g of spread 1 arriving at the
    next pre-activations goes back as (g W^T) * phi'(z); its rms over that of g.
    """
    phi = get_activation(activation).make()
    sigma_w2, q = check_positive("sigma_w2", sigma_w2), check_positive("q", q)
    width, n_samples = check_int("width", width), check_int("n_samples", n_samples)
    g = torch.Generator().manual_seed(seed)
    z = math.sqrt(q) * torch.randn(n_samples, width, generator=g, dtype=torch.float64)
    w = math.sqrt(sigma_w2 / width) * torch.randn(width, width, generator=g, dtype=torch.float64)
    up = torch.randn(n_samples, width, generator=g, dtype=torch.float64)
    with torch.no_grad():
        forward = (phi(z) @ w).pow(2).mean().sqrt() / z.pow(2).mean().sqrt()
    backward = ((up @ w.T) * derivative(activation, z)).pow(2).mean().sqrt() / up.pow(
        2
    ).mean().sqrt()
    return {"forward": forward.item(), "backward": backward.item()}


@torch_threads(1)
def unit_gain_sigma_w2(activation: str, q: float = 1.0) -> dict[str, float]:
    """The sigma_w2 at which each direction keeps its spread, at pre-activations N(0, q).

    Both gains grow as sqrt(sigma_w2), so each is 1 at sigma_w2 = 1 / (its value at 1).
    """
    return {
        "forward": 1.0 / forward_gain(activation, 1.0, q) ** 2,
        "backward": 1.0 / backward_gain(activation, 1.0, q) ** 2,
    }


@torch_threads(1)
def plot_gains(
    activation: str,
    *,
    ax: Axes | None = None,
    qs: tuple[float, ...] = (1.0, 0.01),
    measured_at: tuple[float, ...] = (0.25, 1.0, 4.0, 16.0, 64.0),
    sigma_w2_range: tuple[float, float] = (0.1, 200.0),
) -> dict[str, list]:
    """Forward and backward gain against sigma_w2 at each q (theory: lines; one measured
    layer at the first q: dots); ticks on the line at 1 mark unit_gain_sigma_w2 there."""
    ax = _axes(ax)
    grid = np.geomspace(*sigma_w2_range, 30)  # straight lines on log-log axes
    drawn: dict[str, list] = {"lines": [], "dots": [], "ticks": []}
    for k, q in enumerate(qs):
        style = {"lw": 1.8, "alpha": 1.0} if k == 0 else {"lw": 1.0, "alpha": 0.55}
        for name, gain, ls in (("forward", forward_gain, "-"), ("backward", backward_gain, "--")):
            ys = [gain(activation, s, q) for s in grid]
            label = f"{name}, q = {q:g}"
            drawn["lines"] += ax.plot(grid, ys, ls, color=COLORS[name], label=label, **style)
    measured = [measure_layer_gains(activation, s, qs[0]) for s in measured_at]
    for k, (name, at) in enumerate(unit_gain_sigma_w2(activation, qs[0]).items()):
        ys = [m[name] for m in measured]
        drawn["dots"] += ax.plot(measured_at, ys, "o", ms=4, color=COLORS[name], zorder=3)
        drawn["ticks"] += ax.plot(at, 1.0, "|", ms=12, mew=2, color=COLORS[name])
        ax.annotate(
            f"{at:.3g}",
            (at, 1.0),
            xytext=(0, 9 if k == 0 else -9),
            textcoords="offset points",
            ha="center",
            va="bottom" if k == 0 else "top",
            fontsize=8,
            color=COLORS[name],
        )
    ax.axhline(1.0, color="0.3", lw=0.8)
    ax.set(xscale="log", yscale="log", ylim=(0.05, 20), xlabel="$\\sigma_w^2$", title=activation)
    return drawn


# -- 2. predicted against measured ----------------------------------------------------------


def predicted_q(
    scheme: str, activation: str, depth: int, *, std: float | None = None, width: int = 100
) -> np.ndarray:
    """The q_1 .. q_depth theory predicts for run_experiment with this scheme (no bias).

    LSUV measures and rescales each layer until Var(z_l) = 1, so there q_l = 1 by design.
    """
    if INIT_SCHEMES[check_choice("scheme", scheme, INIT_SCHEMES)].data_dependent:
        return np.ones(check_int("depth", depth))
    sigma_w2 = scheme_sigma_w2(scheme, std=std, activation=activation, width=width)
    return variance_map(activation, sigma_w2, 0.0, depth)


def compare_with_theory(trace: Trace, predicted_q: np.ndarray) -> list[dict]:
    """Per layer: the activation std theory predicts from q_l, the measured one, the gap.

    `gap` is measured / predicted - 1; layers whose measured or predicted spread is not a
    finite number (overflow), or whose predicted spread is 0, are left out.
    """
    rows = []
    for s, q in zip(trace.stats(), predicted_q):
        if s["finite"] and math.isfinite(q):
            predicted = activation_moments(trace.activation, q)["std"]
            if 0 < predicted < math.inf and math.isfinite(s["std"]):
                rows.append(
                    {
                        "layer": s["layer"],
                        "predicted": predicted,
                        "measured": s["std"],
                        "gap": s["std"] / predicted - 1,
                    }
                )
    return rows
