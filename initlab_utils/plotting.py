"""Static plots and the fast, in-place HistogramGrid that every slider redraws."""

from __future__ import annotations

import math
import struct
import zlib

import numpy as np
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image

from . import glyphs
from .capture import Trace
from .checks import check_int
from .experiments import torch_threads
from .models import get_activation

GRAD_FLOOR = -30  # log10 |gradient| below this (or exactly 0) is drawn in the first bin
COLORS = {"act": "#1f77b4", "grad": "#d62728", "bad": "#b00020"}


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


class HistogramGrid:
    """One histogram panel per layer: activations, and optionally log10 |gradients| below.

    Built once; `update(trace)` swaps the data of the existing artists and redraws only
    them on top of a cached background (blitting). The axes themselves are redrawn only
    when their limits or the set of shown layers change. `png()` returns the picture.
    """

    def __init__(
        self,
        activation: str = "sigmoid",
        *,
        gradients: bool = False,
        bins: int = 40,
        max_panels: int = 10,
        panel_width: float = 1.55,
        row_height: float = 1.75,
        dpi: int = 80,
    ):
        get_activation(activation)
        self.activation = activation
        self.gradients = gradients
        self.bins = check_int("bins", bins, low=2, high=1000)
        self.max_panels = check_int("max_panels", max_panels, low=1, high=40)
        self.panel_width, self.row_height = panel_width, row_height
        self.figure = Figure(dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.layers: list[int] = []
        self.full_draws = 0  # how often the axes were redrawn, not just the data
        self._limits: tuple | None = None
        self._background = None
        self._z: torch.Tensor | None = None

    # -- building -----------------------------------------------------------------
    def _build(self, layers: list[int], activation: str) -> None:
        fig = self.figure
        fig.clear()
        self.layers, self.activation = layers, activation
        n, rows = len(layers), 2 if self.gradients else 1
        left, right, top, bottom = 0.72, 0.12, 0.55, 0.45  # inches
        w = left + right + n * self.panel_width
        h = top + bottom + rows * self.row_height + (rows - 1) * 0.45
        fig.set_size_inches(w, h)
        fig.subplots_adjust(
            left=left / w,
            right=1 - right / w,
            top=1 - top / h,
            bottom=bottom / h,
            wspace=0.18,
            hspace=0.45 / self.row_height,
        )
        axes = fig.subplots(rows, n, squeeze=False, sharey="row")
        self.rows = []
        kinds = ["act", "grad"][:rows]
        for r, kind in enumerate(kinds):
            row = {"axes": list(axes[r]), "stairs": [], "text": [], "bad": [], "pred": []}
            for ax, layer in zip(axes[r], layers):
                edges = np.linspace(0, 1, self.bins + 1)
                st = ax.stairs(
                    np.zeros(self.bins),
                    edges,
                    fill=True,
                    alpha=0.85,
                    color=COLORS[kind],
                    animated=True,
                )
                txt = ax.text(
                    0.5,
                    0.97,
                    "",
                    transform=ax.transAxes,
                    ha="center",
                    va="top",
                    fontsize=7,
                    animated=True,
                    linespacing=1.1,
                )
                bad = ax.text(
                    0.5,
                    0.45,
                    "",
                    transform=ax.transAxes,
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=COLORS["bad"],
                    fontweight="bold",
                )  # part of the background: see _update
                ax.tick_params(labelsize=7, length=2, pad=1)
                ax.xaxis.set_major_locator(MaxNLocator(3))
                ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.3g}"))
                ax.yaxis.set_major_locator(MaxNLocator(4))
                if r == 0:
                    ax.set_title(f"layer {layer}", fontsize=9, pad=3)
                pred = ax.stairs(np.zeros(self.bins), edges, color="black", lw=1.1, animated=True)
                row["pred"].append(pred)
                row["stairs"].append(st)
                row["text"].append(txt)
                row["bad"].append(bad)
            label = f"{activation} activations" if kind == "act" else "gradients"
            axes[r][0].set_ylabel(f"{label}\nfraction of values", fontsize=8, color=COLORS[kind])
            self.rows.append(row)
        self._pred_note = fig.text(
            1 - right / w,
            1 - 0.12 / h,
            "black line: predicted by theory",
            ha="right",
            va="top",
            fontsize=8,
            animated=True,
        )
        self._limits = None
        self._overflowed: list | None = None

    # -- data -----------------------------------------------------------------------
    # Axis limits keep their old value while the data still fits them well: a redraw of
    # the axes costs several times a blitted update, and jittering limits distract.
    def _act_range(self, finite: list[torch.Tensor], old: tuple | None) -> tuple[float, float]:
        lo, hi = get_activation(self.activation).output_range
        if lo is not None and hi is not None:
            return lo, hi
        # Unbounded side: the 99.5th percentile over the shown layers, rounded to 1-2-5.
        big = max((_quantile(a.abs(), 0.995) for a in finite), default=1.0)
        if old is not None and 0.4 * old[1] <= big <= old[1]:
            return old
        r = nice_ceil(big)
        return (lo if lo is not None else -r, r)

    def _grad_range(self, ok: list[torch.Tensor], old: tuple | None) -> tuple[float, float]:
        if not ok:
            return old or (-4.0, 2.0)
        lo = min(_quantile(g, 0.001) for g in ok)
        hi = max(_quantile(g, 0.999) for g in ok)
        if old is not None and old[0] <= lo and hi <= old[1] and old[1] - old[0] < hi - lo + 6:
            return old
        lo, hi = 2 * math.floor(lo / 2), 2 * math.ceil(hi / 2 + 1e-9)
        return (float(max(lo, GRAD_FLOOR, hi - 24)), float(hi))

    @staticmethod
    def _y_top(tallest: float, old: float | None) -> float:
        # Head-room above the tallest bar for the panel's numbers; 1.4 fits a full spike.
        if old is not None and 1.1 * tallest <= old <= 4 * tallest:
            return old
        return min(1.4, nice_ceil(tallest * 1.35))

    def _hist(self, t: torch.Tensor, lo: float, hi: float, drop_zeros: bool) -> np.ndarray:
        flat = t.reshape(-1).float()
        n = flat.numel()
        # torch.histc's bins, with values outside [lo, hi] counted in the end ones:
        # counting int32 bin numbers is ~3x faster than histc on a clamped copy.
        pos = (flat - lo).mul_(self.bins).div_(hi - lo).clamp_(0, self.bins - 1)
        counts = torch.bincount(pos.to(torch.int32), minlength=self.bins)
        if drop_zeros:
            # ReLU's exact zeros would be one spike dwarfing the rest; the panel reports
            # their share in words and the bars show how the other values spread.
            zero_bin = min(max(int(-lo * self.bins / (hi - lo)), 0), self.bins - 1)
            counts[zero_bin] -= n - int(torch.count_nonzero(flat))
        return (counts / max(1, n)).numpy()

    def _predicted_hists(
        self, q: list[float], idx: list[int], lo: float, hi: float, drop: bool
    ) -> list[np.ndarray | None]:
        # The histogram theory predicts for layer l: phi(sqrt(q_l) z), z ~ N(0, 1), drawn
        # from one fixed sample so that the line moves only when q does.
        if self._z is None:
            self._z = torch.randn(100_000, generator=torch.Generator().manual_seed(0))
        phi = get_activation(self.activation).make()
        out = []
        for i in idx:
            if not math.isfinite(q[i]):
                out.append(None)
                continue
            with torch.no_grad():
                out.append(self._hist(phi(self._z * math.sqrt(q[i])), lo, hi, drop))
        return out

    def update(self, trace: Trace, predicted_q: list[float] | None = None) -> HistogramGrid:
        """Draw `trace`; redraw the axes only if the layers or the limits changed.

        `predicted_q`, one number per layer (e.g. theory.variance_map), overlays the
        activation histogram theory predicts for pre-activations N(0, q) as a black line.
        """
        with torch_threads(1):  # small tensors: see experiments.torch_threads
            return self._update(trace, predicted_q)

    def _update(self, trace: Trace, predicted_q: list[float] | None) -> HistogramGrid:
        if self.gradients and trace.gradients is None:
            raise ValueError("this grid shows gradients: capture the trace with backward=True")
        layers = shown_layers(trace.depth, self.max_panels)
        if layers != self.layers or trace.activation != self.activation:
            self._build(layers, trace.activation)
        idx = [layer - 1 for layer in layers]
        stats = [trace.layer_stats(i) for i in idx]  # knows which layers are finite
        acts = [trace.activations[i] if s["finite"] else None for i, s in zip(idx, stats)]
        old = self._limits or (None, None)
        data = [("act", acts, self._act_range(_present(acts), old[0] and old[0][0]))]
        if self.gradients:
            # log10 |g|: a layer whose gradients vanish moves left, decade by decade.
            # (Finite exactly where g is: log10(0) = -inf is clamped to the floor.)
            logs = [
                trace.gradients[i].abs().log10_().clamp_min_(GRAD_FLOOR)
                if s["grad_finite"]
                else None
                for i, s in zip(idx, stats)
            ]
            data.append(("grad", logs, self._grad_range(_present(logs), old[-1] and old[-1][0])))
        drop = get_activation(trace.activation).output_range[0] == 0
        hists = [
            [None if t is None else self._hist(t, lo, hi, drop and kind == "act") for t in ts]
            for kind, ts, (lo, hi) in data
        ]
        preds = None
        if predicted_q is not None:
            if len(predicted_q) != trace.depth:
                raise ValueError(
                    f"predicted_q needs one value per layer ({trace.depth}), got {len(predicted_q)}"
                )
            preds = self._predicted_hists(list(predicted_q), idx, *data[0][2], drop)
        ymax = [
            self._y_top(max((h.max() for h in hs if h is not None), default=1.0), o and o[1])
            for hs, o in zip(hists, old)
        ]
        limits = tuple((d[2], y) for d, y in zip(data, ymax))
        # A panel says "not finite" in the background: it changes only when a layer
        # overflows or recovers, rarely, and then costs a full draw rather than every move.
        overflowed = [[h is None for h in hs] for hs in hists]
        if limits != self._limits or overflowed != self._overflowed:
            for row, ((lo, hi), y), flags in zip(self.rows, limits, overflowed):
                for ax, bad, flag in zip(row["axes"], row["bad"], flags):
                    ax.set_xlim(lo, hi)
                    ax.set_ylim(0, y)
                    bad.set_text("not finite\n(overflow)" if flag else "")
            self.rows[0]["axes"][0].set_xlabel("activation value", fontsize=8)
            if self.gradients:
                self.rows[1]["axes"][0].set_xlabel("log10 |dL/dh|", fontsize=8)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._limits, self._overflowed = limits, overflowed
            self.full_draws += 1
        else:
            self.canvas.restore_region(self._background)
        for r, (row, (kind, _, (lo, hi)), hs) in enumerate(zip(self.rows, data, hists)):
            edges = np.linspace(lo, hi, self.bins + 1)
            for j, h in enumerate(hs):
                p = preds[j] if preds is not None and r == 0 and h is not None else None
                if p is not None:
                    row["pred"][j].set_data(p, edges)
                    self.figure.draw_artist(row["pred"][j])
                st, txt = row["stairs"][j], row["text"][j]
                st.set_visible(h is not None)
                if h is None:
                    txt.set_text("")
                else:
                    st.set_data(h, edges)
                    self.figure.draw_artist(st)
                    txt.set_text(_panel_label(kind, stats[j], drop))
                    self._draw_text(txt)
        if preds is not None:
            self.figure.draw_artist(self._pred_note)
        self.canvas.blit(self.figure.bbox)
        return self

    def _draw_text(self, text: Text) -> None:
        # The panel labels change on every move: drawn from cached glyphs (glyphs.py),
        # the same pixels as Text.draw at a tenth of the cost.
        if not text.get_text():
            return
        if glyphs.can_draw(text):
            try:
                glyphs.draw_text(self.canvas.get_renderer(), text)
                return
            except Exception:  # noqa: BLE001 -- internals that passed the self-test but
                # fail on this label: plain Text.draw from now on, never an error.
                glyphs.disable()
        self.figure.draw_artist(text)

    # -- output ---------------------------------------------------------------------
    def png(self, compress_level: int = 1) -> bytes:
        """The current picture as PNG bytes (fast compression: this runs on every move)."""
        return png_bytes(self.figure, draw=False, compress_level=compress_level)

    def __repr__(self) -> str:
        return f"HistogramGrid({self.activation!r}, layers {self.layers})"

    def _repr_png_(self) -> bytes:
        return self.png(compress_level=6)


def _present(tensors: list[torch.Tensor | None]) -> list[torch.Tensor]:
    return [t for t in tensors if t is not None]


def png_bytes(figure: Figure, *, draw: bool = True, compress_level: int = 1) -> bytes:
    """Encode an Agg figure as PNG; `draw=False` takes the pixels as they stand (blitting)."""
    if draw:
        figure.canvas.draw()
    w, h = figure.canvas.get_width_height()
    rgba = Image.frombuffer("RGBA", (w, h), figure.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    rgb = np.asarray(rgba.convert("RGB")).reshape(h, 3 * w)
    # PIL would try five PNG filters on every row and keep the best; one, "up" (each byte
    # minus the one above: a plot repeats down the page), packs these figures as small
    # in half the time.
    rows = np.empty((h, 1 + 3 * w), np.uint8)
    rows[:, 0] = 2  # the filter's number, first on every row
    rows[0, 1:] = rgb[0]
    np.subtract(rgb[1:], rgb[:-1], out=rows[1:, 1:])
    header = struct.pack(">2I5B", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, not interlaced
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        _png_chunk(kind, data)
        for kind, data in [
            (b"IHDR", header),
            (b"IDAT", zlib.compress(rows, compress_level)),
            (b"IEND", b""),
        ]
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def fmt(x: float) -> str:
    """A number in at most 7 characters, two significant digits when small: 0.46, 0.013."""
    if x == 0 or 0.1 <= abs(x) < 1000:
        return f"{x:.2f}"
    return f"{x:.2g}" if 0.001 <= abs(x) < 0.1 else f"{x:.1e}"


def _panel_label(kind: str, s: dict, zeros_dropped: bool) -> str:
    if kind == "grad":
        return f"σ {fmt(s['grad_std'])}"
    line = f"μ {fmt(s['mean'])}  σ {fmt(s['std'])}"
    if s["frac_saturated"] > 0:
        return f"{line}\nsaturated {s['frac_saturated']:.0%}"
    if s["frac_dead"] > 0:
        return f"{line}\nzero {s['frac_dead']:.0%}" + (" (not drawn)" if zeros_dropped else "")
    return line


def plot_trace(trace: Trace, *, gradients: bool | None = None, **kwargs) -> HistogramGrid:
    """A HistogramGrid of `trace` (with gradients if it has them): the static figure."""
    if gradients is None:
        gradients = trace.gradients is not None
    return HistogramGrid(trace.activation, gradients=gradients, **kwargs).update(trace)


def stats_table(trace: Trace) -> str:
    """trace.stats() as a small HTML table, one row per layer."""
    cols = [
        ("layer", "layer"),
        ("mean", "mean"),
        ("std", "std"),
        ("frac_saturated", "saturated"),
        ("frac_dead", "zero"),
        ("unit_std", "unit std"),
        ("grad_std", "grad std"),
    ]
    stats = trace.stats()
    cols = [(k, label) for k, label in cols if k in stats[0]]
    # Inline styles: a widget's HTML gets no notebook table styling (Voila, ipywidgets).
    cell = 'style="padding:1px 10px;text-align:right"'
    head = "".join(f"<th {cell}>{label}</th>" for _, label in cols)
    rows = []
    for s in stats:
        cells = []
        for k, _ in cols:
            v = s[k]
            if k.startswith("frac_"):
                cells.append(f"{v:.0%}" if math.isfinite(v) else "overflow")
            elif isinstance(v, float):
                cells.append(fmt(v) if math.isfinite(v) else "overflow")
            else:
                cells.append(str(v))
        rows.append("<tr>" + "".join(f"<td {cell}>{c}</td>" for c in cells) + "</tr>")
    return (
        '<table class="initlab-stats" style="font-size:12px;border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
