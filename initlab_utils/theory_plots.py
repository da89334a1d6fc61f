"""Notebooks 08 and 09's static figures: theory's lines next to measured dots.

One layer's gains, the (sigma_w2, sigma_b2) phase diagram, per-layer gradients, two
inputs' correlation, both depth scales, and Jacobian spectra. The convention of plots.py:
f(data, *, ax=None) -> Axes, on pyplot's current axes when `ax` is None; words from the
message tables, drawn in the reader's language (i18n.localize).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm

from .capture import Trace
from .chaos import correlation_depth_scale, phase_grid
from .i18n import localize, text
from .measure import measure_layer_gains
from .plots import COLORS, current_axes
from .theory import (
    backward_gain,
    critical_sigma_w2,
    depth_scale,
    forward_gain,
    predicted_gradient_std,
    unit_gain_sigma_w2,
)

# The phase diagram's colour bands of depth scale (layers); above the last: the edge's colour.
XI_LEVELS = (1, 1.5, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 70, 100)
XI_TICKS = (1, 2, 5, 10, 20, 50, 100)


def plot_gains(
    activation: str,
    *,
    ax: Axes | None = None,
    qs: tuple[float, ...] = (1.0, 0.01),
    measured_at: tuple[float, ...] = (0.25, 1.0, 4.0, 16.0, 64.0),
    sigma_w2_range: tuple[float, float] = (0.1, 200.0),
) -> Axes:
    """Forward and backward gain against sigma_w2 at each q (theory: lines; one measured
    layer at the first q: dots); ticks on the line at 1 mark unit_gain_sigma_w2 there."""
    ax = current_axes(ax)
    grid = np.geomspace(*sigma_w2_range, 30)  # straight lines on log-log axes
    for k, q in enumerate(qs):
        style = {"lw": 1.8, "alpha": 1.0} if k == 0 else {"lw": 1.0, "alpha": 0.55}
        for name, gain, ls in (("forward", forward_gain, "-"), ("backward", backward_gain, "--")):
            ys = [gain(activation, s, q) for s in grid]
            label = (
                text("figure.gains.forward", q=q)
                if name == "forward"
                else text("figure.gains.backward", q=q)
            )
            ax.plot(grid, ys, ls, color=COLORS[name], label=label, **style)
    measured = [measure_layer_gains(activation, s, qs[0]) for s in measured_at]
    for k, (name, at) in enumerate(unit_gain_sigma_w2(activation, qs[0]).items()):
        ax.plot(measured_at, [m[name] for m in measured], "o", ms=4, color=COLORS[name], zorder=3)
        ax.plot(at, 1.0, "|", ms=12, mew=2, color=COLORS[name])
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
    return localize(ax)


def plot_phase_diagram(
    activation: str = "tanh",
    *,
    ax: Axes | None = None,
    points: dict[str, tuple[float, float]] | None = None,
    colorbar: bool = True,
) -> Axes:
    """The (sigma_w2, sigma_b2) plane coloured by depth scale, with the edge of chaos in
    white and `points` (label -> (sigma_w2, sigma_b2)) marked."""
    ax = current_axes(ax)
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
    ax.plot(g.critical_w2, g.critical_b2, color="white", lw=1.5)
    box = {"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.7, "lw": 0}
    phases = {
        "left": (0.04, text("figure.phase.ordered")),
        "right": (0.96, text("figure.phase.chaotic")),
    }
    for align, (x, words) in phases.items():
        ax.text(x, 0.95, words, transform=ax.transAxes, ha=align, va="top", fontsize=8, bbox=box)
    ax.set(
        xlabel="$\\sigma_w^2$",
        ylabel="$\\sigma_b^2$",
        title=text("figure.phase.title", activation=activation),
    )
    for label, (w, b) in (points or {}).items():
        ax.plot(w, b, "o", ms=7, mec="black", mfc="white")
        ax.annotate(label, (w, b), xytext=(6, 6), textcoords="offset points", fontsize=8, bbox=box)
    if colorbar:
        bar = ax.figure.colorbar(
            mesh, ax=ax, label=text("figure.phase.colorbar"), pad=0.02, ticks=XI_TICKS, format="%g"
        )
        localize(bar.ax)
    return localize(ax)


def plot_gradient_norms(
    trace: Trace,
    sigma_w2: float,
    sigma_b2: float,
    *,
    ax: Axes | None = None,
    color: str = COLORS["backward"],
    label: str | None = None,
) -> Axes:
    """Each layer's measured gradient std (dots) and predicted_gradient_std (black line)."""
    ax = current_axes(ax)
    layers = np.arange(1, trace.depth + 1)
    measured = [s["grad_std"] for s in trace.stats()]
    predicted = predicted_gradient_std(trace.activation, sigma_w2, sigma_b2, trace.depth)
    ax.plot(layers, measured, "o", ms=3.5, color=color, label=label)
    ax.plot(layers, predicted, "-", color="black", lw=1.0)
    ax.set(yscale="log", xlabel=text("figure.layer"), ylabel=text("figure.gradient_std"))
    return localize(ax)


def plot_correlations(
    measured: np.ndarray,
    predicted: np.ndarray,
    *,
    ax: Axes | None = None,
    color: str = COLORS["forward"],
    label: str | None = None,
) -> Axes:
    """Each layer's measured correlation (dots) and predicted_correlations (black line)."""
    ax = current_axes(ax)
    layers = np.arange(1, len(measured) + 1)
    ax.plot(layers, measured, "o", ms=3.5, color=color, label=label)
    ax.plot(layers, predicted, "-", color="black", lw=1.0)
    ax.set(xlabel=text("figure.layer"), ylabel=text("figure.correlation"), ylim=(-0.05, 1.05))
    return localize(ax)


def plot_depth_scales(
    sigma_b2: float,
    *,
    ax: Axes | None = None,
    activation: str = "tanh",
    sigma_w2_range: tuple[float, float] = (0.5, 4.0),
    n: int = 36,
) -> Axes:
    """Both depth scales against sigma_w2 at one sigma_b2: the gradients' 1 / |ln chi1|
    (solid) and the correlations' xi_c (dashed); a dotted line at the edge of chaos."""
    ax = current_axes(ax)
    ws = np.linspace(*sigma_w2_range, n)
    xi = [depth_scale(activation, w, sigma_b2) for w in ws]
    xi_c = [correlation_depth_scale(activation, w, sigma_b2) for w in ws]
    ax.plot(ws, xi, "-", color=COLORS["backward"], label=text("figure.depth_scales.gradients"))
    ax.plot(ws, xi_c, "--", color=COLORS["forward"], label=text("figure.depth_scales.correlations"))
    ax.axvline(critical_sigma_w2(activation, sigma_b2), color="0.4", lw=0.8, ls=":")
    ax.set(yscale="log", xlabel="$\\sigma_w^2$", ylabel=text("figure.depth_scales.ylabel"))
    return localize(ax)


def plot_singular_values(
    spectra: dict[str, np.ndarray],
    *,
    ax: Axes | None = None,
    colors: dict[str, str] | None = None,
    floor: float = 1e-8,
) -> Axes:
    """Each spectrum sorted, largest first, against its rank (as a fraction), log scale;
    values below `floor` drawn at it."""
    ax = current_axes(ax)
    for label, s in spectra.items():
        s = np.sort(np.asarray(s))[::-1]
        rank = (np.arange(len(s)) + 0.5) / len(s)
        style = {"color": colors[label]} if colors and label in colors else {}
        ax.plot(rank, np.clip(s, floor, None), label=label, **style)
    ax.axhline(1.0, color="0.3", lw=0.8, ls=":")
    ax.set(
        yscale="log",
        ylim=(floor, 50),
        xlabel=text("figure.singular.xlabel"),
        ylabel=text("figure.singular.ylabel"),
    )
    return localize(ax)
