"""Static figures of a recorded training run: per-layer diagnostics over the steps.

One convention, as in plots.py: f(data, *, ax=None) -> Axes, on pyplot's current axes
when `ax` is None; never plt.show(). The numbers come from a Recorder (snapshots.py),
which a student can read directly; the histograms of a snapshot are plot_trace's. Words
come from the message tables, drawn in the reader's language (i18n.localize).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.ticker import MaxNLocator

from .i18n import localize, text
from .plots import current_axes, stat_label
from .snapshots import RULE_OF_THUMB, Recorder

# Shaded around the rule of thumb: half a decade either side of 1e-3.
BAND = (RULE_OF_THUMB - 0.5, RULE_OF_THUMB + 0.5)


def ratio_label() -> str:
    """The update-to-data ratio's axis label, in the current language."""
    return text("figure.ratio")


def shade_rule_of_thumb(ax: Axes, band: tuple[float, float] = BAND) -> Axes:
    """Shade `band` on the y axis, labelled (for the legend) as the rule of thumb it is."""
    label = text("figure.rule_of_thumb")
    ax.axhspan(*band, color="#2ca02c", alpha=0.12, lw=0, zorder=0, label=label)
    ax.axhline(RULE_OF_THUMB, color="#2ca02c", lw=0.8, ls="--", zorder=0)
    return ax


def _layer_lines(ax: Axes, steps: Sequence[int], values: np.ndarray, lw: float = 0.9) -> None:
    """One line per layer (a column of `values`), coloured from layer 1 (dark) up, with a
    colour bar that names the layers."""
    depth = values.shape[1]
    cmap, norm = colormaps["viridis"], Normalize(1, max(depth, 2))
    for i in range(depth):
        ax.plot(steps, values[:, i], color=cmap(norm(i + 1)), lw=lw)
    bar = ax.figure.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, pad=0.02)
    bar.set_label(text("figure.layer"), fontsize=8)
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    bar.ax.tick_params(labelsize=8)
    localize(bar.ax)


def plot_update_ratios(
    recorder: Recorder, *, ax: Axes | None = None, band: tuple[float, float] | None = BAND
) -> Axes:
    """Every hidden layer's log10 update-to-data ratio at every step, over the rule of
    thumb's band (`band=None` leaves it out). A layer that took no step (ratio -inf)
    leaves a gap."""
    ax = current_axes(ax)
    ratios = recorder.ratio_array()
    if not len(ratios):
        raise ValueError("the recorder has run no step yet: call recorder.step(n) or .run()")
    if band is not None:
        shade_rule_of_thumb(ax, band)
    _layer_lines(ax, recorder.ratio_steps, np.where(np.isfinite(ratios), ratios, np.nan))
    if band is not None:
        ax.legend(fontsize=8, loc="best")
    ax.set_xlabel(text("figure.training_step"))
    ax.set_ylabel(ratio_label())
    ax.grid(True, alpha=0.3)
    return localize(ax)


def plot_diagnostic(recorder: Recorder, key: str = "std", *, ax: Axes | None = None) -> Axes:
    """One of the recorder's diagnostics ("std", "frac_saturated", "frac_dead") for every
    hidden layer over the steps, on the evaluation batch; std on a log scale."""
    ax = current_axes(ax)
    values = recorder.stat_array(key)
    _layer_lines(ax, recorder.stat_steps, values)
    if key == "std":
        ax.set_yscale("log")
    ax.set_xlabel(text("figure.training_step"))
    ax.set_ylabel(stat_label(key))
    ax.grid(True, alpha=0.3)
    return localize(ax)


def plot_ratio_profile(
    runs: Mapping[str, Recorder | Sequence[Recorder]],
    *,
    first: int = 1,
    last: int = 10,
    ax: Axes | None = None,
    band: tuple[float, float] | None = BAND,
) -> Axes:
    """Each layer's typical ratio (the median over steps first..last) against the layer
    number, one colour per entry; an entry may be several runs (seeds), drawn thin."""
    if not runs:
        raise ValueError("runs is empty: pass a dict such as {'He': recorder}")
    ax = current_axes(ax)
    if band is not None:
        shade_rule_of_thumb(ax, band)
    for k, (label, entry) in enumerate(runs.items()):
        group = [entry] if isinstance(entry, Recorder) else list(entry)
        for j, rec in enumerate(group):
            profile = rec.typical_ratio(first, last)
            ax.plot(
                range(1, len(profile) + 1),
                np.where(np.isfinite(profile), profile, np.nan),
                marker="o" if len(profile) <= 10 else None,
                markersize=3,
                lw=1.5 if len(group) == 1 else 1.0,
                alpha=1.0 if len(group) == 1 else 0.7,
                color=f"C{k % 10}",
                label=label if j == 0 else None,
            )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(text("figure.layer"))
    ax.set_ylabel(text("figure.ratio.steps", ratio=ratio_label(), first=first, last=last))
    ax.legend(fontsize=8)
    ax.grid(True, alpha=0.3)
    return localize(ax)
