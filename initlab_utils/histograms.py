"""The fast, in-place HistogramGrid that every slider redraws, and plot_trace()."""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ._fast import glyphs
from ._fast.panels import Geometry, compose_row
from ._fast.png import png_bytes
from .activations import get_activation
from .capture import Trace
from .checks import check_int
from .tables import fmt
from .threads import torch_threads

GRAD_FLOOR = -30  # log10 |gradient| below this (or exactly 0) is drawn in the first bin
MAX_BACKGROUNDS = 64  # row backgrounds kept per grid, ~0.2 MB each
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

    Built once; `update(trace)` swaps the data of the existing artists and draws only them
    on a cached background (blitting). Panels have a fixed size in pixels, so a new depth
    only resizes the figure and copies background pixels (panels.py); matplotlib draws a
    row's background only for limits or an activation it has not drawn before, and then
    just two of its panels. `png()` returns the picture. Whatever is added to `figure` by
    hand (a suptitle, say) is drawn too: from then on the grid draws the whole figure.
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
        self.geometry = Geometry.from_inches(
            rows=2 if gradients else 1, panel_width=panel_width, row_height=row_height, dpi=dpi
        )
        self.figure = Figure(dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.layers: list[int] = []
        self.rows: list[dict] = []  # per row, the shown panels' artists by kind
        self.full_draws = 0  # how often matplotlib drew the figure (row backgrounds or all)
        self._panels: list[list[dict]] = [[] for _ in range(self.geometry.rows)]  # made so far
        self._limits: tuple | None = None
        self._overflowed: list | None = None
        self._z: torch.Tensor | None = None
        self._backgrounds: OrderedDict = OrderedDict()  # row key -> that row drawn with 2 panels
        self._picture_key: tuple | None = None
        self._picture: np.ndarray | None = None  # the shown layout's background, composed
        self._preds = False
        self._pred_note = self.figure.text(
            0, 0, "black line: predicted by theory", ha="right", va="top", fontsize=8, animated=True
        )
        self._own = True  # False once the figure was changed from outside: then draw it all
        self.figure.stale = False

    # -- building -----------------------------------------------------------------
    def _panel(self, r: int, k: int) -> dict:
        """Make panel k of row r: its axes, and the artists every update redraws."""
        kind = ("act", "grad")[r]
        ax = self.figure.add_axes(self.geometry.axes_box(r, k, k + 1))
        edges, zeros = np.linspace(0, 1, self.bins + 1), np.zeros(self.bins)
        # Theory's line is made first so that a full drawing puts it under the bars, as
        # the blitted one does.
        pred = ax.stairs(zeros, edges, color="black", lw=1.1, animated=True, visible=False)
        st = ax.stairs(zeros, edges, fill=True, alpha=0.85, color=COLORS[kind], animated=True)
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
            animated=True,
        )  # rare: drawn into the cached background (see _decorate)
        # Only the first panel labels its y axis: the others share its limits.
        ax.tick_params(labelsize=7, length=2, pad=1, labelleft=k == 0)
        ax.xaxis.set_major_locator(MaxNLocator(3))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.3g}"))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        if r == 0:
            # y given: no automatic title placement, which only the drawn panels would
            # get; numeric linespacing: the fast text path can draw it (one line, so its
            # baseline, and so its pixels, are those of the default spacing).
            ax.set_title("", fontsize=9, pad=3, y=1.0, linespacing=1.2, animated=True)
        if k == 0:
            ax.set_xlabel(("activation value", "log10 |dL/dh|")[r], fontsize=8)
            if r == 1:
                ax.set_ylabel("gradients\nfraction of values", fontsize=8, color=COLORS["grad"])
        return dict(axes=ax, stairs=st, text=txt, bad=bad, pred=pred, limits=None, width=None)

    def _place(self, n: int) -> None:
        """Size the figure for n panels per row and put the panels that can be drawn in
        place (the hidden ones are placed when shown: set_position costs ~0.1 ms)."""
        g = self.geometry
        if self.figure.get_size_inches()[0] != g.inches(n)[0]:
            self.figure.set_size_inches(*g.inches(n))
        for r, row in enumerate(self._panels):
            for k, p in enumerate(row[: max(n, 2)]):
                if p["width"] != n:
                    p["axes"].set_position(g.axes_box(r, k, n))
                    p["width"] = n
        self._pred_note.set_position((1 - g.right / g.width(n), 1 - round(0.12 * g.dpi) / g.height))

    def _show(self, visible) -> None:
        for r, row in enumerate(self._panels):
            for k, p in enumerate(row):
                p["axes"].set_visible(visible(r, k))

    def prepare(self, panels: int | None = None) -> HistogramGrid:
        """Make the panels of the widest layout now (max_panels by default), so that a
        deeper network shown later costs a move, not ~8 ms per new panel (live widgets)."""
        n = min(panels or self.max_panels, self.max_panels)
        changed_by_hand = self.figure.stale
        for r, row in enumerate(self._panels):
            while len(row) < max(n, 2):  # a second panel even for n = 1: see _draw_rows
                row.append(self._panel(r, len(row)))
        if self.layers:  # shown already: the new panels stay hidden until needed
            self._place(len(self.layers))
            self._show(lambda r, k: k < len(self.layers))
        self.figure.stale = changed_by_hand  # ours are no change from outside (see png)
        return self

    def _layout(self, layers: list[int], activation: str) -> None:
        n = len(layers)
        self.prepare(n)
        self._place(n)
        self._show(lambda r, k: k < n)
        for p, layer in zip(self._panels[0], layers):
            p["axes"].title.set_text(f"layer {layer}")
        self._panels[0][0]["axes"].set_ylabel(
            f"{activation} activations\nfraction of values", fontsize=8, color=COLORS["act"]
        )
        if activation != self.activation:
            self._limits = None  # a new range: choose limits afresh (see _act_range)
        self.layers, self.activation = layers, activation
        kinds = ("axes", "stairs", "text", "bad", "pred")
        self.rows = [{kind: [p[kind] for p in row[:n]] for kind in kinds} for row in self._panels]
        self._overflowed = None

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
        """Draw `trace` on the cached background of its layout (panels and limits);
        matplotlib draws axes only for limits or an activation this grid has not drawn.

        `predicted_q`, one number per layer (e.g. theory.variance_map), overlays the
        activation histogram theory predicts for pre-activations N(0, q) as a black line.
        """
        with torch_threads(1):  # small tensors: see experiments.torch_threads
            return self._update(trace, predicted_q)

    def _update(self, trace: Trace, predicted_q: list[float] | None) -> HistogramGrid:
        if self.gradients and trace.gradients is None:
            raise ValueError("this grid shows gradients: capture the trace with backward=True")
        if predicted_q is not None and len(predicted_q) != trace.depth:
            raise ValueError(
                f"predicted_q needs one value per layer ({trace.depth}), got {len(predicted_q)}"
            )
        if self.figure.stale:  # changed since our last drawing, by someone else
            self._own = False
        layers = shown_layers(trace.depth, self.max_panels)
        if layers != self.layers or trace.activation != self.activation:
            self._layout(layers, trace.activation)
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
            preds = self._predicted_hists(list(predicted_q), idx, *data[0][2], drop)
        ymax = [
            self._y_top(max((h.max() for h in hs if h is not None), default=1.0), o and o[1])
            for hs, o in zip(hists, old)
        ]
        limits = tuple((d[2], y) for d, y in zip(data, ymax))
        overflowed = [[h is None for h in hs] for hs in hists]
        for row, ((lo, hi), y) in zip(self._panels, limits):
            for p in row[: max(len(layers), 2)]:  # the others get theirs once shown
                if p["limits"] != ((lo, hi), y):
                    p["axes"].set_xlim(lo, hi)
                    p["axes"].set_ylim(0, y)
                    p["limits"] = ((lo, hi), y)
        if overflowed != self._overflowed:
            for row, flags in zip(self.rows, overflowed):
                for bad, flag in zip(row["bad"], flags):
                    bad.set_text("not finite\n(overflow)" if flag else "")
        self._limits, self._overflowed = limits, overflowed
        for r, (row, (kind, _, (lo, hi)), hs) in enumerate(zip(self.rows, data, hists)):
            edges = np.linspace(lo, hi, self.bins + 1)
            for j, h in enumerate(hs):
                p = preds[j] if preds is not None and r == 0 and h is not None else None
                row["pred"][j].set_visible(p is not None)
                if p is not None:
                    row["pred"][j].set_data(p, edges)
                st, txt = row["stairs"][j], row["text"][j]
                st.set_visible(h is not None)
                if h is None:
                    txt.set_text("")
                else:
                    st.set_data(h, edges)
                    txt.set_text(_panel_label(kind, stats[j], drop))
        self._preds = preds is not None
        self._render()
        return self

    # -- drawing --------------------------------------------------------------------
    def _render(self) -> None:
        """The background (cached, composed or drawn in full), then the data on top."""
        flags = tuple(map(tuple, self._overflowed))
        key = (tuple(self.layers), tuple(self._row_keys()), flags, self._preds)
        if not self._own:
            self._draw_everything()
        elif key != self._picture_key:
            self._compose()
            self._picture_key = key
        else:
            np.copyto(self._buffer(), self._picture)
        self._draw_data()
        self.figure.stale = False

    def _buffer(self) -> np.ndarray:
        """The canvas's pixels (rows from the top, RGBA), writable in place."""
        return np.asarray(self.canvas.get_renderer().buffer_rgba())

    def _row_keys(self) -> list[tuple]:
        # What a row's background depends on: its limits, and its y label (which names
        # the activation). Its panels' titles and numbers are drawn on top.
        return [
            (r, lims, self._panels[r][0]["axes"].get_ylabel())
            for r, lims in enumerate(self._limits)
        ]

    def _compose(self) -> None:
        """Build the shown layout's background from the rows' cached drawings."""
        g, n, keys = self.geometry, len(self.layers), self._row_keys()
        missing = [r for r, key in enumerate(keys) if key not in self._backgrounds]
        if missing:
            self._draw_rows(missing, keys)
        buf = self._buffer()
        for r, key in enumerate(keys):
            y0, y1 = g.band(r)
            compose_row(self._backgrounds[key], g, n, buf[y0:y1])
            self._backgrounds.move_to_end(key)
        self._decorate()
        self._picture = buf.copy()

    def _draw_rows(self, rows: list[int], keys: list[tuple]) -> None:
        """Have matplotlib draw the first two panels of these rows, and keep their bands."""
        g, n = self.geometry, len(self.layers)
        if n < 2:
            self._place(2)
        self._show(lambda r, k: r in rows and k < 2)
        self.canvas.draw()
        self.full_draws += 1
        buf = self._buffer()
        for r in rows:
            y0, y1 = g.band(r)
            self._backgrounds[keys[r]] = buf[y0:y1, : g.width(2)].copy()
        while len(self._backgrounds) > MAX_BACKGROUNDS:
            self._backgrounds.popitem(last=False)
        if n < 2:
            self._place(n)
        self._show(lambda r, k: k < n)

    def _draw_everything(self) -> None:
        """The whole figure drawn by matplotlib, with whatever was added to it."""
        self.canvas.draw()
        self.full_draws += 1
        self._decorate()
        self._picture_key = None

    def _decorate(self) -> None:
        """What sits on the background but differs between panels: the titles, the rare
        overflow notices (through Text.draw: "fi" is a ligature) and theory's note."""
        for p in self._panels[0][: len(self.layers)]:
            self._draw_text(p["axes"].title)
        for row in self.rows:
            for bad in row["bad"]:
                if bad.get_text():
                    self.figure.draw_artist(bad)
        if self._preds:
            self._draw_text(self._pred_note)

    def _draw_data(self) -> None:
        for row in self.rows:
            for pred, st, txt in zip(row["pred"], row["stairs"], row["text"]):
                self.figure.draw_artist(pred)  # nothing if hidden
                if st.get_visible():
                    self.figure.draw_artist(st)
                    self._draw_text(txt)

    def redraw(self) -> HistogramGrid:
        """Draw the whole figure anew with matplotlib: after changing `figure` by hand
        (png() does this by itself when it sees a change), or to check the fast path."""
        self._draw_everything()
        self._draw_data()
        self.figure.stale = False
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
        """The current picture as PNG bytes (fast compression: this runs on every move).
        If `figure` was changed by hand since (a suptitle, say), it is all drawn first."""
        if self.figure.stale and self.layers:  # changed by hand since drawn: show it all
            self._own = False
            self.redraw()
        return png_bytes(self.figure, draw=False, compress_level=compress_level)

    def __repr__(self) -> str:
        return f"HistogramGrid({self.activation!r}, layers {self.layers})"

    def _repr_png_(self) -> bytes:
        return self.png(compress_level=6)


def _present(tensors: list[torch.Tensor | None]) -> list[torch.Tensor]:
    return [t for t in tensors if t is not None]


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
