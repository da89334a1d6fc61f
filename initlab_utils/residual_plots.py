"""Notebook 11's static figures: the residual stream per block, measured against theory.

One convention, as plots.py: f(data, *, ax=None) -> Axes, on pyplot's current axes when
`ax` is None; the numbers come from residual_theory's functions, never from a plot.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes

from .plots import current_axes

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def plot_stream_std(
    measured: Mapping[str, np.ndarray],
    predicted: Mapping[str, np.ndarray] | None = None,
    *,
    ax: Axes | None = None,
    ylabel: str = "std of the stream",
) -> Axes:
    """One colour per variant: each seed's measured std per block (thin lines, from
    measure_stream: one row per seed) and theory's prediction (black dashes), log scale."""
    if not measured:
        raise ValueError(
            "measured is empty: pass a dict such as {'alpha = 1': measure_stream(...)}"
        )
    ax = current_axes(ax)
    for (label, rows), color in zip(measured.items(), PALETTE * 2):
        rows = np.atleast_2d(rows)
        blocks = np.arange(1, rows.shape[1] + 1)
        for i, row in enumerate(rows):
            ax.plot(blocks, row, color=color, lw=1, alpha=0.7, label=label if i == 0 else None)
        if predicted is not None and label in predicted:
            ax.plot(blocks, predicted[label], color="k", ls="--", lw=1)
    if predicted:
        ax.plot([], [], color="k", ls="--", lw=1, label="theory")
    ax.set_yscale("log")
    ax.set_xlabel("block (layer for the plain MLP)")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    return ax


def plot_rescaling(effects: Mapping[str, Mapping[float, dict]], *, ax: Axes | None = None) -> Axes:
    """Bars of rescaling_effect: per variant (label -> factor -> effect dict), the output's
    change, the gradient's ratio and the relative step's ratio, on a log scale."""
    if not effects:
        raise ValueError("effects is empty: pass {'pre-norm': {10.0: rescaling_effect(10.0)}}")
    ax = current_axes(ax)
    keys = {"output_change": "output change", "grad_ratio": "|dL/dW| ratio",
            "step_ratio": "|step| / |W| ratio"}  # fmt: skip
    groups = [(label, f, e) for label, by in effects.items() for f, e in by.items()]
    width = 0.8 / len(keys)
    for k, ((key, name), color) in enumerate(zip(keys.items(), PALETTE)):
        # Values below 1e-8 (an unchanged output) are drawn at 1e-8, infinite ones at 1e30.
        values = [min(max(e[key], 1e-8), 1e30) for _, _, e in groups]
        ax.bar(np.arange(len(groups)) + (k - 1) * width, values, width, color=color, label=name)
    ax.set_xticks(np.arange(len(groups)))
    ax.set_xticklabels([f"{label}\nW x {f:g}" for label, f, _ in groups], fontsize=8)
    ax.set_yscale("log")
    ax.axhline(1.0, color="k", lw=0.8)
    ax.set_ylabel("relative to W x 1")
    ax.legend(fontsize=8)
    return ax
