"""Static figures, one convention: f(data, *, ax=None) -> Axes (d2l's `axes=None`).

With no `ax` a function draws on pyplot's current axes, so calling one in a cell shows
the figure; it returns the Axes it drew on. Numbers a caller needs come from a separate
function (layer_stat, run_experiment, ...), never from a plot. Nothing here calls
plt.show() or sets rcParams. Notebook 08 and 09's theory figures: theory_plots.py.
A figure's words come from the message tables (`figure.*`) and are drawn in the reader's
language: a function ends with i18n.localize(ax), which gives its texts a font for them
(in Korean, the package's Hangul font, matplotlib's last fallback: see i18n.py).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

from .capture import Trace
from .data import CHANCE_LOSS
from .experiments import layer_stat
from .i18n import localize, text

COLORS = {"forward": "#1f77b4", "backward": "#d62728"}  # activations, gradients


def stat_label(key: str) -> str:
    """The axis label of a layer statistic in the current language; else `key` itself."""
    labels = {
        "std": text("figure.stat.std"),
        "rms": text("figure.stat.rms"),
        "pre_std": text("figure.stat.pre_std"),
        "unit_std": text("figure.stat.unit_std"),
        "grad_std": text("figure.stat.grad_std"),
        "frac_saturated": text("figure.stat.frac_saturated"),
        "frac_dead": text("figure.stat.frac_dead"),
        "mean": text("figure.stat.mean"),
    }
    return labels.get(key, key)


def current_axes(ax: Axes | None = None) -> Axes:
    """`ax`, or pyplot's current axes (a new figure if there is none)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # only here: importing the package stays cheap

    return plt.gca()


def plot_layer_stat(
    traces: Mapping[str, Trace | Sequence[Trace]],
    key: str = "std",
    *,
    ax: Axes | None = None,
    log: bool | None = None,
) -> Axes:
    """Plot `layer_stat(trace, key)` against the layer number, one line per entry.

    An entry may be a list of traces (say, several seeds): they share one colour and one
    legend label, so the spread between seeds shows. `log` puts the y axis on a log
    scale; by default it does, except for fractions.
    """
    if not traces:
        raise ValueError("traces is empty: pass a dict such as {'He': trace}")
    ax = current_axes(ax)
    if log is None:
        log = not key.startswith("frac_") and key != "mean"
    colors = [f"C{i}" for i in range(10)]
    for k, (label, entry) in enumerate(traces.items()):
        group = [entry] if isinstance(entry, Trace) else list(entry)
        for j, trace in enumerate(group):
            values = layer_stat(trace, key)
            ax.plot(
                range(1, trace.depth + 1),
                values,
                marker="o" if trace.depth <= 10 else None,
                markersize=3,
                lw=1.5 if len(group) == 1 else 1.0,
                alpha=1.0 if len(group) == 1 else 0.7,
                color=colors[k % len(colors)],
                label=label if j == 0 else None,
            )
    if log:
        ax.set_yscale("log")
        lo, hi = ax.get_ylim()
        if hi < 20 * lo:
            # Less than about a decade: label the 2..9 ticks too, as plain numbers.
            plain = FuncFormatter(lambda v, _: f"{v:.2g}")
            ax.yaxis.set_major_formatter(plain)
            ax.yaxis.set_minor_formatter(plain)
        else:
            ax.yaxis.set_minor_formatter(NullFormatter())
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(text("figure.layer"))
    ax.set_ylabel(stat_label(key))
    ax.legend(fontsize=8)
    ax.grid(True, which="major", alpha=0.3)
    return localize(ax)


def plot_losses(runs: Mapping, *, steps: int | None = None, ax: Axes | None = None) -> Axes:
    """Loss curves over a line at chance level (ln 10).

    `runs` maps a label to one run's losses, or to several runs' (one row per seed, as
    SeedRuns.curves() gives): those are drawn as their median with the range shaded.
    """
    ax = current_axes(ax)
    # Runs that stall sit exactly on top of each other at chance: thicker lines underneath
    # and different dashes keep every one of them visible.
    styles = ["-", "--", "-.", ":"]
    tops = []
    for i, (label, losses) in enumerate(runs.items()):
        curves = np.atleast_2d(np.asarray(losses, dtype=float))
        if curves.size == 0:
            continue
        steps_run = np.arange(1, curves.shape[1] + 1)
        with warnings.catch_warnings():  # a column that is NaN in every run: no median
            warnings.simplefilter("ignore", RuntimeWarning)
            line = np.nanmedian(curves, axis=0)
            low, high = np.nanmin(curves, axis=0), np.nanmax(curves, axis=0)
        if len(curves) > 1:
            label = text("figure.losses.median_of", label=label, n=len(curves))
        (drawn,) = ax.plot(
            steps_run, line, label=label, ls=styles[i % 4], lw=max(0.9, 3.2 - 0.7 * i)
        )
        if len(curves) > 1:
            ax.fill_between(steps_run, low, high, color=drawn.get_color(), alpha=0.15, lw=0)
        tops.append(np.nanmax(high[np.isfinite(high)], initial=0.0))
    ax.axhline(CHANCE_LOSS, color="grey", ls=(0, (1, 3)), lw=1)
    ax.annotate(
        text("figure.losses.chance"),
        (0.01, CHANCE_LOSS),
        xycoords=("axes fraction", "data"),
        xytext=(0, -10),
        textcoords="offset points",
        fontsize=8,
        color="grey",
    )
    ax.set_xlabel(text("figure.training_step"))
    ax.set_ylabel(text("figure.losses.ylabel"))
    top = max(tops, default=3.0)
    ax.set_ylim(0, min(8.0, max(3.0, 1.05 * top)))
    if steps:
        ax.set_xlim(0, steps)
    if runs:
        ax.legend(fontsize=8, loc="best")
    return localize(ax)
