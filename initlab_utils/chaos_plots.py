"""Notebook 09's measurements and static figures: order, chaos and the edge between.

The (sigma_w2, sigma_b2) phase diagram (computed once and cached), per-layer gradient
spreads, the two depth scales, two inputs' correlation layer by layer, and the singular
values of a deep network's input-output Jacobian. Plot functions take `ax=None` and
return what they drew.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm

from .capture import Trace, capture
from .checks import check_choice, check_int, check_nonnegative, check_positive
from .experiments import make_input, run_experiment, torch_threads
from .inits import init_weights
from .models import build_mlp
from .theory import (
    correlation_depth_scale,
    correlation_map,
    critical_sigma_w2,
    depth_scale,
    fixed_point,
    jacobian_singular_values,
    predicted_gradient_std,
)
from .theory_plots import COLORS, _axes

# The phase diagram's colour bands of depth scale (layers); above the last: the edge's colour.
XI_LEVELS = (1, 1.5, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 70, 100)
XI_TICKS = (1, 2, 5, 10, 20, 50, 100)
# Seeds the pairs of inputs of measure_correlations apart from the weights.
PAIR_SEED_OFFSET = 2_000_003


# -- 1. the phase diagram -------------------------------------------------------------------


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
    ax.set(
        xlabel="$\\sigma_w^2$",
        ylabel="$\\sigma_b^2$",
        title=f"{activation}: depth scale ξ = 1/|ln χ₁|",
    )
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


# -- 2. two inputs: the correlation map ------------------------------------------------------


def predicted_correlations(
    sigma_w2: float, sigma_b2: float, c1: float, depth: int, *, activation: str = "tanh"
) -> np.ndarray:
    """c_1 .. c_depth: theory's correlation of two inputs in each layer, from c_1 = c1."""
    c = [c1]
    for _ in range(check_int("depth", depth) - 1):
        c.append(correlation_map(activation, c[-1], sigma_w2, sigma_b2))
    return np.array(c)


@torch_threads(1)
def measure_correlations(
    sigma_w2: float,
    sigma_b2: float,
    c1: float,
    *,
    activation: str = "tanh",
    depth: int = 30,
    width: int = 1000,
    n_pairs: int = 50,
    seed: int = 0,
) -> np.ndarray:
    """Each layer's correlation of two inputs' pre-activations, z_a . z_b / (|z_a| |z_b|),
    averaged over `n_pairs` pairs, in one network with weights N(0, sigma_w2 / n) and
    biases N(0, sigma_b2).

    The inputs are scaled so that layer 1 sits at the fixed point q*, and paired so that
    their layer-1 pre-activations have correlation c1 (in expectation over the weights).
    """
    sigma_w2 = check_positive("sigma_w2", sigma_w2)
    sigma_b2 = check_nonnegative("sigma_b2", sigma_b2)
    width, n_pairs = check_int("width", width), check_int("n_pairs", n_pairs)
    q_star = fixed_point(activation, sigma_w2, sigma_b2)
    if not 0 < q_star < math.inf:
        raise ValueError(f"q* is {q_star:g} here; two inputs need a finite q* > 0 to start at")
    # Layer 1 gets q_1 = sigma_w2 q_x + sigma_b2 = q* and c_1 = (sigma_w2 q_x c_x + sigma_b2) / q*.
    q_x = (q_star - sigma_b2) / sigma_w2
    c_x = (c1 * q_star - sigma_b2) / (sigma_w2 * q_x) if q_x > 0 else 2.0
    if not -1 <= c_x <= 1:
        raise ValueError(
            f"c1 = {c1:g} cannot be reached here: the biases alone correlate layer 1 by "
            f"{sigma_b2 / q_star:.3g}"
        )
    a, b = make_input(2 * n_pairs, width, seed + PAIR_SEED_OFFSET).double().chunk(2)
    x = math.sqrt(q_x) * torch.cat([a, c_x * a + math.sqrt(1 - c_x**2) * b])
    model = build_mlp(depth, width, activation, bias=True)
    init_weights(
        model, "normal", std=math.sqrt(sigma_w2 / width), bias_std=math.sqrt(sigma_b2), seed=seed
    )
    trace = capture(model, x.float(), backward=False)
    out = []
    for z in trace.pre_activations:
        za, zb = z.double().chunk(2)
        out.append(((za * zb).sum(1) / (za.norm(dim=1) * zb.norm(dim=1))).mean().item())
    return np.array(out)


def plot_correlations(
    measured: np.ndarray,
    predicted: np.ndarray,
    *,
    ax: Axes | None = None,
    color: str = COLORS["forward"],
    label: str | None = None,
) -> tuple:
    """Each layer's measured correlation (dots) and predicted_correlations (black line)."""
    ax = _axes(ax)
    layers = np.arange(1, len(measured) + 1)
    (dots,) = ax.plot(layers, measured, "o", ms=3.5, color=color, label=label)
    (line,) = ax.plot(layers, predicted, "-", color="black", lw=1.0)
    ax.set(xlabel="layer", ylabel="correlation $c_l$ of two inputs", ylim=(-0.05, 1.05))
    return dots, line


@torch_threads(1)
def plot_depth_scales(
    sigma_b2: float,
    *,
    ax: Axes | None = None,
    activation: str = "tanh",
    sigma_w2_range: tuple[float, float] = (0.5, 4.0),
    n: int = 36,
) -> dict:
    """Both depth scales against sigma_w2 at one sigma_b2: the gradients' 1 / |ln chi1|
    and the correlations' xi_c; a vertical line at the edge of chaos."""
    ax = _axes(ax)
    ws = np.linspace(*sigma_w2_range, n)
    xi = [depth_scale(activation, w, sigma_b2) for w in ws]
    xi_c = [correlation_depth_scale(activation, w, sigma_b2) for w in ws]
    edge = critical_sigma_w2(activation, sigma_b2)
    drawn = {
        "xi": ax.plot(ws, xi, "-", color=COLORS["backward"], label="gradients: $1/|\\ln\\chi_1|$")[
            0
        ],
        "xi_c": ax.plot(ws, xi_c, "--", color=COLORS["forward"], label="correlations: $\\xi_c$")[0],
        "edge": ax.axvline(edge, color="0.4", lw=0.8, ls=":"),
    }
    ax.set(yscale="log", xlabel="$\\sigma_w^2$", ylabel="depth scale (layers)")
    return drawn


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
