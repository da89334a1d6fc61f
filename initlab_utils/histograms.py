"""The fast, in-place HistogramGrid that every slider redraws, and plot_trace()."""

from __future__ import annotations

import numpy as np
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ._fast.compose import Backgrounds, ComposedFigure
from ._fast.panels import Geometry
from ._fast.png import png_bytes
from .activations import get_activation
from .bins import frame, histogram, nice_ceil, shown_layers
from .capture import Trace
from .checks import check_int
from .i18n import language, localize, text
from .threads import torch_threads

__all__ = ["HistogramGrid", "plot_trace", "shown_layers", "nice_ceil"]  # as before the split

COLORS = {"act": "#1f77b4", "grad": "#d62728", "bad": "#b00020"}


class HistogramGrid(ComposedFigure):
    """One histogram panel per layer: activations, and optionally log10 |gradients| below.

    Built once; `update(trace)` swaps the data of the existing artists and draws only them
    on a cached background (blitting). Panels have a fixed size in pixels, so a new depth
    only resizes the figure and copies background pixels (_fast/); matplotlib draws a
    row's background only for limits or an activation it has not drawn before, and then
    just two of its panels. `png()` returns the picture. Whatever is added to `figure` by
    hand (a suptitle, say) is drawn too: from then on the grid draws the whole figure.
    Its words are in the language set when it draws (set_language between two updates
    relabels it).
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
        self._panels: list[list[dict]] = [[] for _ in range(self.geometry.rows)]  # made so far
        self._limits: tuple | None = None
        self._overflowed: list | None = None
        self._backgrounds = Backgrounds(self.canvas, self.geometry)
        self._preds = False
        self._pred_note = self.figure.text(
            0, 0, text("figure.grid.predicted"), ha="right", va="top", fontsize=8, animated=True
        )
        self._language = language()  # the words' language (see _relabel)
        localize(self._pred_note)
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
            self._axis_words(r, ax)
        localize(ax)
        return dict(axes=ax, stairs=st, text=txt, bad=bad, pred=pred, limits=None, width=None)

    def _axis_words(self, r: int, ax) -> None:
        """The first panel's axis labels of row r, in the current language (the activations'
        y label names the activation: _layout sets it)."""
        if r == 0:
            ax.set_xlabel(text("figure.grid.act_xlabel"), fontsize=8)
        else:
            ax.set_xlabel("log10 |dL/dh|", fontsize=8)
            ax.set_ylabel(text("figure.grid.grad_ylabel"), fontsize=8, color=COLORS["grad"])

    def _relabel(self) -> None:
        """Every word in the language set now, with its font (after set_language)."""
        self._language = language()
        self._pred_note.set_text(text("figure.grid.predicted"))
        for r, row in enumerate(self._panels):
            if row:
                self._axis_words(r, row[0]["axes"])
        localize(self.figure)
        self.layers, self._overflowed = [], None  # titles and notices: set anew

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
            p["axes"].title.set_text(text("figure.layer_n", layer=layer))
        self._panels[0][0]["axes"].set_ylabel(
            text("figure.grid.act_ylabel", activation=activation), fontsize=8, color=COLORS["act"]
        )
        if activation != self.activation:
            self._limits = None  # a new range: choose limits afresh (see bins.act_range)
        self.layers, self.activation = layers, activation
        kinds = ("axes", "stairs", "text", "bad", "pred")
        self.rows = [{kind: [p[kind] for p in row[:n]] for kind in kinds} for row in self._panels]
        self._overflowed = None

    # -- data -----------------------------------------------------------------------
    def _hist(self, t: torch.Tensor, lo: float, hi: float, drop_zeros: bool) -> np.ndarray:
        return histogram(t, lo, hi, self.bins, drop_zeros)

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
        if self._language != language():
            self._relabel()
        layers = shown_layers(trace.depth, self.max_panels)
        if layers != self.layers or trace.activation != self.activation:
            self._layout(layers, trace.activation)
        f = frame(
            trace,
            layers,
            bins=self.bins,
            gradients=self.gradients,
            old_limits=self._limits,
            predicted_q=predicted_q,
        )
        limits, preds = f.limits, f.predicted
        overflowed = [[h is None for h in hs] for hs in f.hists]
        for row, ((lo, hi), y) in zip(self._panels, limits):
            for p in row[: max(len(layers), 2)]:  # the others get theirs once shown
                if p["limits"] != ((lo, hi), y):
                    p["axes"].set_xlim(lo, hi)
                    p["axes"].set_ylim(0, y)
                    p["limits"] = ((lo, hi), y)
        if overflowed != self._overflowed:
            for row, flags in zip(self.rows, overflowed):
                for bad, flag in zip(row["bad"], flags):
                    bad.set_text(text("figure.grid.overflow") if flag else "")
        self._limits, self._overflowed = limits, overflowed
        for r, (row, ((lo, hi), _), hs) in enumerate(zip(self.rows, limits, f.hists)):
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
                    txt.set_text(f.labels[r][j])
        self._preds = preds is not None
        self._render()
        return self

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


def plot_trace(trace: Trace, *, gradients: bool | None = None, **kwargs) -> HistogramGrid:
    """A HistogramGrid of `trace` (with gradients if it has them): the static figure."""
    if gradients is None:
        gradients = trace.gradients is not None
    return HistogramGrid(trace.activation, gradients=gradients, **kwargs).update(trace)
