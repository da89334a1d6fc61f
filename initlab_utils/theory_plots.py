"""Notebook 08's measurements and static figures: theory's predictions next to real networks.

One layer's forward and backward gains, the edge-of-chaos phase diagram (computed once and
cached), per-layer gradient spreads, and the singular values of a deep network's Jacobian.
Plot functions take `ax=None` and return what they drew.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from .capture import Trace
from .checks import check_choice, check_int, check_nonnegative, check_positive
from .experiments import make_input, run_experiment, torch_threads
from .inits import INIT_SCHEMES, init_weights
from .models import build_mlp, derivative, get_activation
from .theory import (
    activation_moments,
    backward_gain,
    critical_sigma_w2,
    depth_scale,
    fixed_point,
    forward_gain,
    jacobian_singular_values,
    predicted_gradient_std,
    scheme_sigma_w2,
    variance_map,
)

COLORS = {"forward": "#1f77b4", "backward": "#d62728"}
# The phase diagram's colour bands of depth scale (layers); above the last: the edge's colour.
XI_LEVELS = (1, 1.5, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 70, 100)
XI_TICKS = (1, 2, 5, 10, 20, 50, 100)


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


# -- 2. the phase diagram -------------------------------------------------------------------


class PhaseGrid(NamedTuple):
    sigma_w2: np.ndarray  # grid columns
    sigma_b2: np.ndarray  # grid rows
    xi: np.ndarray  # depth scale, rows x columns (inf exactly at the edge of chaos)
    critical_b2: np.ndarray  # the edge of chaos: sigma_w2 = critical_w2 at these sigma_b2
    critical_w2: np.ndarray


@lru_cache(maxsize=8)
@torch_threads(1)
def phase_grid(
    activation: str = "tanh",
    sigma_w2_range: tuple[float, float] = (0.5, 4.0),
    sigma_b2_range: tuple[float, float] = (0.0, 0.5),
    n: int = 40,
) -> PhaseGrid:
    """depth_scale on an n x n grid and critical_sigma_w2 along sigma_b2: computed once."""
    ws, bs = np.linspace(*sigma_w2_range, n), np.linspace(*sigma_b2_range, n)
    xi = np.array([[depth_scale(activation, w, b) for w in ws] for b in bs])
    # The edge rises steeply from sigma_b2 = 0 (1 -> 1.42 by 0.01 for tanh): sample it
    # geometrically, densest there.
    lo, hi = sigma_b2_range
    cb = np.append(lo, np.geomspace(max(lo, hi * 1e-4), hi, 30))
    cw = np.array([critical_sigma_w2(activation, b) for b in cb])
    for a in (ws, bs, xi, cb, cw):
        a.flags.writeable = False  # shared by every caller through the cache
    return PhaseGrid(ws, bs, xi, cb, cw)


def plot_phase_diagram(
    *,
    ax: Axes | None = None,
    activation: str = "tanh",
    points: dict[str, tuple[float, float]] | None = None,
    colorbar: bool = True,
) -> dict:
    """The (sigma_w2, sigma_b2) plane coloured by depth scale, with the edge of chaos."""
    ax = _axes(ax, (4.6, 3.4))
    g = phase_grid(activation)
    # Bands of depth scale, like a contour map: flat colours read (and compress) well.
    mesh = ax.contourf(
        g.sigma_w2,
        g.sigma_b2,
        np.clip(g.xi, XI_LEVELS[0], None),
        levels=XI_LEVELS,
        norm=LogNorm(XI_LEVELS[0], XI_LEVELS[-1]),
        cmap="viridis",
        extend="max",
    )
    (edge,) = ax.plot(g.critical_w2, g.critical_b2, color="white", lw=1.5)
    box = {"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.7, "lw": 0}
    ax.text(
        0.04,
        0.95,
        "ordered:\ngradients\nvanish",
        transform=ax.transAxes,
        va="top",
        fontsize=8,
        bbox=box,
    )
    ax.text(
        0.96,
        0.95,
        "chaotic:\ngradients\nexplode",
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=8,
        bbox=box,
    )
    ax.set(xlabel="$\\sigma_w^2$", ylabel="$\\sigma_b^2$", title=f"{activation}: depth scale ξ")
    marks = []
    for label, (w, b) in (points or {}).items():
        marks += ax.plot(w, b, "o", ms=7, mec="black", mfc="white")
        ax.annotate(label, (w, b), xytext=(6, 6), textcoords="offset points", fontsize=8, bbox=box)
    if colorbar:
        ax.figure.colorbar(
            mesh, ax=ax, label="depth scale ξ (layers)", pad=0.02, ticks=XI_TICKS, format="%g"
        )
    return {"mesh": mesh, "edge": edge, "points": marks}


def phase_trace(
    sigma_w2: float,
    sigma_b2: float,
    *,
    activation: str = "tanh",
    depth: int = 30,
    width: int = 100,
    n_samples: int = 500,
    seed: int = 0,
) -> Trace:
    """A network at one point of the plane: weights N(0, sigma_w2 / n), biases N(0, sigma_b2)."""
    sigma_w2 = check_positive("sigma_w2", sigma_w2)
    sigma_b2 = check_nonnegative("sigma_b2", sigma_b2)
    return run_experiment(
        activation=activation,
        scheme="normal",
        std=math.sqrt(sigma_w2 / width),
        depth=depth,
        width=width,
        n_samples=n_samples,
        bias=True,
        bias_std=math.sqrt(sigma_b2),
        seed=seed,
    )


@torch_threads(1)
def plot_gradient_norms(
    trace: Trace,
    sigma_w2: float,
    sigma_b2: float,
    *,
    ax: Axes | None = None,
    color: str = COLORS["backward"],
    label: str | None = None,
) -> tuple:
    """Each layer's measured gradient std (dots) and predicted_gradient_std (black line)."""
    ax = _axes(ax)
    layers = np.arange(1, trace.depth + 1)
    measured = [s["grad_std"] for s in trace.stats()]
    predicted = predicted_gradient_std(trace.activation, sigma_w2, sigma_b2, trace.depth)
    (dots,) = ax.plot(layers, measured, "o", ms=3.5, color=color, label=label)
    (line,) = ax.plot(layers, predicted, "-", color="black", lw=1.0)
    ax.set(yscale="log", xlabel="layer", ylabel="std of dL/dh (gradient)")
    return dots, line


# -- 3. dynamical isometry -----------------------------------------------------------------


def jacobian_spectrum(
    activation: str,
    scheme: str,
    depth: int,
    *,
    width: int = 200,
    sigma_w2: float = 1.0,
    sigma_b2: float = 0.0,
    seed: int = 0,
) -> np.ndarray:
    """Singular values of a fresh network's input-output Jacobian, largest first.

    Weights are N(0, sigma_w2 / n) (`normal`) or an orthogonal matrix times
    sqrt(sigma_w2) (`orthogonal`): the same sigma_w2 either way. The input is scaled so
    that the first layer already sits at the fixed point q* (at q = 1 where q* is 0 or inf).
    """
    check_choice("scheme", scheme, ("normal", "orthogonal"))
    sigma_w2, sigma_b2 = (
        check_positive("sigma_w2", sigma_w2),
        check_nonnegative("sigma_b2", sigma_b2),
    )
    q_star = fixed_point(activation, sigma_w2, sigma_b2)
    q1 = q_star if 0 < q_star < math.inf else max(1.0, sigma_b2)
    with torch_threads(1):
        model = build_mlp(depth, width, activation, bias=sigma_b2 > 0)
        kw = (
            {"std": math.sqrt(sigma_w2 / width)}
            if scheme == "normal"
            else {"gain": math.sqrt(sigma_w2)}
        )
        init_weights(model, scheme, bias_std=math.sqrt(sigma_b2), seed=seed, **kw)
        x = make_input(1, width, seed)[0] * math.sqrt((q1 - sigma_b2) / sigma_w2)
        return jacobian_singular_values(model, x)


def near_one(singular_values: np.ndarray, factor: float = 2.0) -> float:
    """The fraction of singular values within a `factor` of 1: directions kept about as is."""
    s = np.asarray(singular_values)
    return float(np.mean((s > 1 / factor) & (s < factor)))


def plot_singular_values(
    spectra: dict[str, np.ndarray],
    *,
    ax: Axes | None = None,
    colors: dict[str, str] | None = None,
    floor: float = 1e-8,
) -> list:
    """Each spectrum sorted, largest first, against its rank (as a fraction), log scale."""
    ax = _axes(ax)
    lines = []
    for label, s in spectra.items():
        s = np.sort(np.asarray(s))[::-1]
        rank = (np.arange(len(s)) + 0.5) / len(s)
        style = {"color": colors[label]} if colors and label in colors else {}
        lines += ax.plot(rank, np.clip(s, floor, None), label=label, **style)
    ax.axhline(1.0, color="0.3", lw=0.8, ls=":")
    ax.set(yscale="log", ylim=(floor, 50), xlabel="rank / width", ylabel="singular value of J")
    return lines


# -- 4. predicted against measured ----------------------------------------------------------


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
