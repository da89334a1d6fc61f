"""What HistogramGrid draws: which layers, bin ranges, counts, y limits and panel labels."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import torch

from .activations import get_activation
from .capture import Trace
from .i18n import text
from .tables import fmt

GRAD_FLOOR = -30  # log10 |gradient| below this (or exactly 0) is drawn in the first bin


def nice_ceil(x: float) -> float:
    """The smallest of 1, 2, 5 x 10^k that is >= x, so axis limits change only in steps."""
    if not math.isfinite(x) or x <= 0:
        return 1.0
    k = math.floor(math.log10(x))
    for m in (1, 2, 5, 10):
        if m * 10**k >= x * (1 - 1e-9):
            return float(m * 10**k)
    return float(10 ** (k + 1))


def shown_layers(depth: int, max_panels: int) -> list[int]:
    """Which layers (1-based) get a panel: all, or evenly spaced ones incl. first and last."""
    if depth <= max_panels:
        return list(range(1, depth + 1))
    return sorted({int(round(v)) for v in np.linspace(1, depth, max_panels)})


def _quantile(t: torch.Tensor, q: float, n: int = 4000) -> float:
    """The q-quantile of an evenly strided subsample: axis limits need no more precision."""
    flat = t.reshape(-1)
    s = flat[:: max(1, flat.numel() // n)]
    k = min(s.numel(), max(1, int(round(q * s.numel()))))
    return s.kthvalue(k).values.item()


# Axis limits keep their old value while the data still fits them well: a redraw of the
# axes costs several times a blitted update, and jittering limits distract.
def act_range(activation: str, finite: list[torch.Tensor], old: tuple | None) -> tuple:
    """The activation row's x limits: the activation's range, or where its values lie."""
    lo, hi = get_activation(activation).output_range
    if lo is not None and hi is not None:
        return lo, hi
    # Unbounded side: the 99.5th percentile over the shown layers, rounded to 1-2-5.
    big = max((_quantile(a.abs(), 0.995) for a in finite), default=1.0)
    if old is not None and 0.4 * old[1] <= big <= old[1]:
        return old
    r = nice_ceil(big)
    return (lo if lo is not None else -r, r)


def grad_range(ok: list[torch.Tensor], old: tuple | None) -> tuple[float, float]:
    """The gradient row's x limits in log10 |g|, in steps of two decades."""
    if not ok:
        return old or (-4.0, 2.0)
    lo = min(_quantile(g, 0.001) for g in ok)
    hi = max(_quantile(g, 0.999) for g in ok)
    if old is not None and old[0] <= lo and hi <= old[1] and old[1] - old[0] < hi - lo + 6:
        return old
    lo, hi = 2 * math.floor(lo / 2), 2 * math.ceil(hi / 2 + 1e-9)
    return (float(max(lo, GRAD_FLOOR, hi - 24)), float(hi))


def y_top(tallest: float, old: float | None) -> float:
    """A row's y limit: head-room above the tallest bar for the panel's numbers."""
    if old is not None and 1.1 * tallest <= old <= 4 * tallest:
        return old
    return min(1.4, nice_ceil(tallest * 1.35))  # 1.4 fits a full spike


def histogram(t: torch.Tensor, lo: float, hi: float, bins: int, drop_zeros: bool) -> np.ndarray:
    """The fraction of `t`'s values in each of `bins` bins over [lo, hi]."""
    flat = t.reshape(-1).float()
    n = flat.numel()
    # torch.histc's bins, with values outside [lo, hi] counted in the end ones:
    # counting int32 bin numbers is ~3x faster than histc on a clamped copy.
    pos = (flat - lo).mul_(bins).div_(hi - lo).clamp_(0, bins - 1)
    counts = torch.bincount(pos.to(torch.int32), minlength=bins)
    if drop_zeros:
        # ReLU's exact zeros would be one spike dwarfing the rest; the panel reports
        # their share in words and the bars show how the other values spread.
        zero_bin = min(max(int(-lo * bins / (hi - lo)), 0), bins - 1)
        counts[zero_bin] -= n - int(torch.count_nonzero(flat))
    return (counts / max(1, n)).numpy()


@lru_cache(maxsize=1)
def _standard_normal() -> torch.Tensor:
    """One fixed sample of z ~ N(0, 1), so that theory's line moves only when q does."""
    return torch.randn(100_000, generator=torch.Generator().manual_seed(0))


def predicted_hists(
    activation: str, q: list[float], idx: list[int], lo: float, hi: float, bins: int, drop: bool
) -> list[np.ndarray | None]:
    """The histogram theory predicts for layer l: phi(sqrt(q_l) z), z ~ N(0, 1)."""
    z, phi = _standard_normal(), get_activation(activation).make()
    out = []
    for i in idx:
        if not math.isfinite(q[i]):
            out.append(None)
            continue
        with torch.no_grad():
            out.append(histogram(phi(z * math.sqrt(q[i])), lo, hi, bins, drop))
    return out


def panel_label(kind: str, s: dict, zeros_dropped: bool) -> str:
    """The numbers a panel shows: mean and spread, and how much is saturated or zero (in
    words of the current language)."""
    if kind == "grad":
        return f"σ {fmt(s['grad_std'])}"
    line = f"μ {fmt(s['mean'])}  σ {fmt(s['std'])}"
    if s["frac_saturated"] > 0:
        return f"{line}\n{text('figure.grid.saturated', share=s['frac_saturated'])}"
    if s["frac_dead"] > 0:
        dropped = text("figure.grid.not_drawn") if zeros_dropped else ""
        return f"{line}\n{text('figure.grid.zero', share=s['frac_dead'])}{dropped}"
    return line


@dataclass
class Frame:
    """One picture's content, row by row (activations, then gradients if drawn)."""

    hists: list[list[np.ndarray | None]]  # None: the layer overflowed
    labels: list[list[str]]
    limits: tuple  # per row ((lo, hi), y top)
    predicted: list[np.ndarray | None] | None  # theory's activation histograms


def frame(
    trace: Trace,
    layers: list[int],
    *,
    bins: int,
    gradients: bool,
    old_limits: tuple | None = None,
    predicted_q: list[float] | None = None,
) -> Frame:
    """What the panels of `layers` show for `trace`; limits kept from `old_limits` if fit."""
    idx = [layer - 1 for layer in layers]
    # Only what the labels show: no per-unit statistics on a slider move.
    stats = [trace.layer_stats(i, per_unit=False) for i in idx]  # knows what is finite
    acts = [trace.activations[i] if s["finite"] else None for i, s in zip(idx, stats)]
    old = old_limits or (None, None)
    data = [("act", acts, act_range(trace.activation, _present(acts), old[0] and old[0][0]))]
    if gradients:
        # log10 |g|: a layer whose gradients vanish moves left, decade by decade.
        # (Finite exactly where g is: log10(0) = -inf is clamped to the floor.)
        logs = [
            trace.gradients[i].abs().log10_().clamp_min_(GRAD_FLOOR) if s["grad_finite"] else None
            for i, s in zip(idx, stats)
        ]
        data.append(("grad", logs, grad_range(_present(logs), old[-1] and old[-1][0])))
    drop = get_activation(trace.activation).output_range[0] == 0
    hists = [
        [None if t is None else histogram(t, lo, hi, bins, drop and kind == "act") for t in ts]
        for kind, ts, (lo, hi) in data
    ]
    preds = None
    if predicted_q is not None:
        lo, hi = data[0][2]
        preds = predicted_hists(trace.activation, list(predicted_q), idx, lo, hi, bins, drop)
    ymax = [
        y_top(max((h.max() for h in hs if h is not None), default=1.0), o and o[1])
        for hs, o in zip(hists, old)
    ]
    labels = [
        [panel_label(kind, s, drop) if h is not None else "" for s, h in zip(stats, hs)]
        for (kind, _, _), hs in zip(data, hists)
    ]
    limits = tuple((d[2], y) for d, y in zip(data, ymax))
    return Frame(hists, labels, limits, preds)


def _present(tensors: list[torch.Tensor | None]) -> list[torch.Tensor]:
    return [t for t in tensors if t is not None]
