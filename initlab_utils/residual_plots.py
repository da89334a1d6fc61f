"""Notebook 11's static figures: the residual stream per block, measured against theory.

One convention, as plots.py: f(data, *, ax=None) -> Axes, on pyplot's current axes when
`ax` is None; the numbers come from residual_theory's functions, never from a plot;
words from the message tables, drawn in the reader's language (i18n.localize).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes

from .i18n import localize, text
from .plots import current_axes

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def plot_stream_std(
    measured: Mapping[str, np.ndarray],
    predicted: Mapping[str, np.ndarray] | None = None,
    *,
    ax: Axes | None = None,
    ylabel: str | None = None,
) -> Axes:
    """One colour per variant: each seed's measured std per block (thin lines, from
    measure_stream: one row per seed) and theory's prediction (black dashes), log scale.
    `ylabel` defaults to "std of the stream" in the current language."""
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
        ax.plot([], [], color="k", ls="--", lw=1, label=text("figure.theory"))
    ax.set_yscale("log")
    ax.set_xlabel(text("figure.stream.block"))
    ax.set_ylabel(text("figure.stream.std") if ylabel is None else ylabel)
    ax.legend(fontsize=8)
    return localize(ax)


def plot_rescaling(effects: Mapping[str, Mapping[float, dict]], *, ax: Axes | None = None) -> Axes:
    """Bars of rescaling_effect: per variant (label -> factor -> effect dict), the output's
    change, the gradient's ratio and the relative step's ratio, on a log scale."""
    if not effects:
        raise ValueError("effects is empty: pass {'pre-norm': {10.0: rescaling_effect(10.0)}}")
    ax = current_axes(ax)
    keys = {
        "output_change": text("figure.rescaling.output_change"),
        "grad_ratio": text("figure.rescaling.grad_ratio"),
        "step_ratio": text("figure.rescaling.step_ratio"),
    }
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
    ax.set_ylabel(text("figure.rescaling.ylabel"))
    ax.legend(fontsize=8)
    return localize(ax)
