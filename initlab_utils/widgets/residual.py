"""Notebook 11's widget: the residual stream's std per block, measured live, theory dashed."""

from __future__ import annotations

import html
import math
from dataclasses import replace
from functools import lru_cache

import ipywidgets as widgets
import numpy as np
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .._fast.png import png_bytes
from ..checks import check_int
from ..experiments import make_input
from ..histograms import HistogramGrid
from ..i18n import localize, text
from ..inits import init_weights
from ..residual import blocks, build_resnet, capture_stream, zero_init_residual
from ..residual_theory import predicted_stream_std
from ..tables import fmt
from ..theory import scheme_sigma_w2
from .base import ControlPanel, png_image
from .controls import SEED, Control, Menu, Toggle
from .explorer import CONTROLS as EXPLORER_CONTROLS

ACTIVATION, SCHEME = "relu", "he_normal"  # notebook 11's blocks: ReLU branches, He weights
ALPHA_LOG10 = (-2.0, 1.0)  # alpha from 0.01 to 10
DEPTH = (1, 100)
NORMS_SHOWN = ("none", "layer", "batch")  # the menu's values: build_resnet's norm, or None
LOG10_LIMITS = (-4, 40)  # the line plots' y range stays inside 1e-4 .. 1e40 (float32 ends)
KEEP_BACKGROUNDS = 16  # line-plot backgrounds kept, by depth and y limits (~0.8 MB each)
COLORS = {"stream": "#1f77b4", "grad": "#d62728"}


def residual_controls() -> tuple[Control, ...]:
    """The rows, labelled in the current language; depth, width and seed are explore()'s."""
    shared = {c.name: c for c in (*EXPLORER_CONTROLS, SEED)}
    norms = (text("widgets.residual.norm_none"), text("widgets.residual.norm_layer"),
             text("widgets.residual.norm_batch"))  # fmt: skip
    return (
        Control("alpha", "log", (*ALPHA_LOG10, 0.05), text("widgets.residual.alpha"), entry=True),
        Toggle("inv_sqrt", "check", label=text("widgets.residual.inv_sqrt")),
        replace(shared["depth"], range=(*DEPTH, 1), label=text("widgets.residual.depth")),
        replace(shared["width"], label=text("widgets.residual.width")),
        Menu("norm", "menu", NORMS_SHOWN, text("widgets.residual.norm"), labels=norms),
        Toggle("zero_init", "check", label=text("widgets.residual.zero_init")),
        replace(shared["seed"], label=text("widgets.residual.seed")),
    )


class StreamGrid(HistogramGrid):
    """A HistogramGrid whose panels are blocks of the residual stream."""

    def _layout(self, layers: list[int], activation: str) -> None:
        super()._layout(layers, activation)
        # Set before the row's background is drawn: its cache key holds the y label.
        for p, b in zip(self._panels[0], layers):
            p["axes"].title.set_text(text("figure.block_n", block=b))
        first = self._panels[0][0]["axes"]
        first.set_ylabel(text("figure.stream.ylabel"), fontsize=8, color=COLORS["stream"])
        first.set_xlabel(text("figure.stream.xlabel"), fontsize=8)


@lru_cache(maxsize=64)
def predicted(depth: int, alpha: float, norm: str | None, zero_init: bool) -> np.ndarray:
    """Theory's std of the stream per block; zero-init gates make every block the identity."""
    if zero_init:
        return np.ones(depth)  # the input's std, N(0, 1), at every block
    sigma_w2 = scheme_sigma_w2(SCHEME, activation=ACTIVATION)
    return predicted_stream_std(ACTIVATION, sigma_w2, depth, alpha=alpha, norm=norm)


def stds(tensors: list[torch.Tensor]) -> np.ndarray:
    """Each tensor's std over all its values; NaN where not finite (not drawn)."""
    out = torch.stack([t.std(correction=0) for t in tensors]).double().numpy()
    return np.where(np.isfinite(out) & (out > 0), out, np.nan)


def log_limits(values: np.ndarray, old: tuple[int, int] | None) -> tuple[int, int]:
    """Whole decades around `values` and 1 (the input's std), kept while they fit well."""
    v = values[np.isfinite(values)]
    lo = math.floor(math.log10(min(v.min(initial=1.0), 1.0)) - 0.05)
    hi = math.ceil(math.log10(max(v.max(initial=1.0), 1.0)) + 0.05)
    lo, hi = max(lo, LOG10_LIMITS[0]), min(hi, LOG10_LIMITS[1])
    if old is not None and old[0] <= lo and hi <= old[1] and old[1] - old[0] <= hi - lo + 4:
        return old  # a new range costs a full drawing, and jumping limits distract
    return lo, hi


class ResidualExplorer(ControlPanel):
    """alpha, depth, norm, zero-init gates, width and seed of a residual ReLU network (He
    weights, N(0, 1) input): the stream's std per block against theory, its gradient's
    std per block, and a few blocks' histograms, redrawn in place on every move."""

    _quiet = False  # True while alpha follows depth: one move, one redraw

    def __init__(
        self, *, alpha: float = 1.0, inv_sqrt: bool = False, depth: int = 20, width: int = 100,
        norm: str | None = None, zero_init: bool = False, seed: int = 0,
        n_samples: int = 256, max_panels: int = 5,
    ):  # fmt: skip
        self.n_samples = check_int("n_samples", n_samples, low=10, high=2000)
        start = dict(
            alpha=alpha, inv_sqrt=inv_sqrt, depth=depth, width=width,
            norm="none" if norm is None else norm, zero_init=zero_init, seed=seed,
        )  # fmt: skip
        self.build_controls(residual_controls(), start, checked=start)
        self.readout = widgets.HTML()
        self.readout.add_class("initlab-readout")
        self.image = png_image("initlab-figure")
        self.histograms = png_image("initlab-histograms")
        c, e = self.controls, self.entries
        super().__init__([
            widgets.HBox([c["alpha"], e["alpha"], c["inv_sqrt"], c["depth"], e["depth"]]),
            widgets.HBox([c["width"], e["width"], c["norm"], c["zero_init"], c["seed"]]),
            self.message, self.readout, self.image, self.histograms,
        ])  # fmt: skip
        self.add_class("initlab-residual")
        self._build_figure()
        self.grid = StreamGrid("linear", max_panels=max_panels).prepare()
        self.model, self.trace, self._network_key = None, None, None
        self._deepest: dict = {}  # (width, norm) -> the deepest network built
        self.redraws = 0
        self.redraw()

    # -- controls -----------------------------------------------------------------------
    def sync_std(self) -> None:
        """Before every redraw: alpha follows 1/sqrt(depth) while that box is ticked."""
        super().sync_std()
        c = self.controls
        on = c["inv_sqrt"].value
        c["alpha"].disabled = self.entries["alpha"].disabled = on
        if on and not math.isclose(c["alpha"].value, c["depth"].value ** -0.5):
            self._quiet = True
            try:
                c["alpha"].value = c["depth"].value ** -0.5
            finally:
                self._quiet = False

    def redraw(self) -> None:
        if not self._quiet:
            super().redraw()

    def settings(self) -> dict:
        """The controls' values as build_resnet's (norm None for "none"), with zero_init."""
        v = self.values()
        alpha = v["depth"] ** -0.5 if v["inv_sqrt"] else v["alpha"]
        norm = None if v["norm"] == "none" else v["norm"]
        return dict(v, alpha=alpha, norm=norm)

    def network(self, s: dict) -> torch.nn.Module:
        """build_resnet + init_weights for `s`. Depth L is `model[:L]` of the deepest network
        built for that width and norm, initialised anew (init_weights fills blocks in order:
        a fresh build's weights); alpha and the gates are set on the network already there."""
        key = (s["depth"], s["width"], s["norm"], s["seed"])
        if key != self._network_key:
            deepest = self._deepest.get((s["width"], s["norm"]))
            if deepest is None or len(deepest) < s["depth"]:
                deepest = build_resnet(s["depth"], s["width"], ACTIVATION, norm=s["norm"])
                self._deepest[(s["width"], s["norm"])] = deepest
            self.model = init_weights(deepest[: s["depth"]], SCHEME, seed=s["seed"])
            self._network_key = key
        for b in blocks(self.model):
            b.alpha = s["alpha"]
            with torch.no_grad():
                b.gate.fill_(1.0)
        return zero_init_residual(self.model) if s["zero_init"] else self.model

    # -- drawing ------------------------------------------------------------------------
    def draw(self) -> None:
        s = self.settings()
        trace = capture_stream(self.network(s), make_input(self.n_samples, s["width"], s["seed"]))
        stream, grads = stds(trace.activations), stds(trace.gradients)
        theory = predicted(s["depth"], s["alpha"], s["norm"], s["zero_init"])
        self._plot(stream, theory, grads)
        # The grid reads the stream as a linear network's layers: no range cut at 0.
        self.trace = replace(trace, activation="linear", _stats={})
        self.histograms.value = self.grid.update(self.trace).png()
        self.redraws += 1
        self.readout.value = self._describe(s, stream, theory)
        bad = np.flatnonzero(np.isnan(stream)) + 1
        if bad.size:
            self.say(text("widgets.residual.overflow", first=bad[0], last=bad[-1]), "warning")
        else:
            self.say("", "note")

    def _describe(self, s: dict, stream: np.ndarray, theory: np.ndarray) -> str:
        depth, m, p = s["depth"], stream[-1], theory[-1]
        if math.isnan(m):
            line = text("widgets.residual.readout_overflow", block=depth, predicted=fmt(p))
        else:
            line = text(
                "widgets.residual.readout",
                block=depth, measured=fmt(m), predicted=fmt(p), ratio=f"{m / p:.2f}",
            )  # fmt: skip
        if s["zero_init"]:
            line += " " + text("widgets.residual.identity")
        elif s["inv_sqrt"]:
            alpha = f"{s['alpha']:.3g}"
            line += " " + text("widgets.residual.alpha_rule", depth=depth, alpha=alpha)
        return f"<div>{html.escape(line)}</div>"

    def _build_figure(self) -> None:
        self.figure = Figure(figsize=(10.4, 2.9), dpi=80)
        self.canvas = FigureCanvasAgg(self.figure)
        left, right = self.axes = self.figure.subplots(1, 2)
        self.figure.subplots_adjust(left=0.065, right=0.985, bottom=0.16, top=0.9, wspace=0.2)
        style = dict(marker="o", ms=3, lw=1.2, animated=True)
        measured, theory = text("figure.measured"), text("figure.theory")
        (self.stream_line,) = left.plot([], [], color=COLORS["stream"], label=measured, **style)
        (self.theory_line,) = left.plot([], [], "--", c="k", lw=1.2, label=theory, animated=True)
        (self.grad_line,) = right.plot([], [], color=COLORS["grad"], **style)
        titles = (text("figure.stream.after_block"), text("figure.stream.gradient"))
        for ax, title in zip(self.axes, titles):
            ax.set(yscale="log", xlabel=text("figure.block"))
            ax.set_title(title, fontsize=10)
            ax.axhline(1.0, color="0.6", lw=0.8, ls=":")
            ax.xaxis.set_major_locator(MaxNLocator(nbins=10, integer=True))
            ax.tick_params(labelsize=8)
        left.legend(loc="upper left", fontsize=8)  # the stream never shrinks below 1
        localize(self.figure)
        self._backgrounds: dict = {}
        self._limits = None
        self.full_draws = 0  # how often matplotlib drew the line plots in full

    def _plot(self, stream: np.ndarray, theory: np.ndarray, grads: np.ndarray) -> None:
        """Set the lines' data and draw them on the cached background of their limits."""
        old = self._limits or (None, None, None)
        y = log_limits(np.concatenate([stream, theory]), old[1]), log_limits(grads, old[2])
        limits = (len(stream), *y)
        if limits != self._limits:
            for ax, (lo, hi) in zip(self.axes, limits[1:]):
                ax.set_xlim(0.5, limits[0] + 0.5)
                ax.set_ylim(10.0**lo, 10.0**hi)
            self._limits = limits
        if limits not in self._backgrounds:
            if len(self._backgrounds) >= KEEP_BACKGROUNDS:
                self._backgrounds.clear()
            self.canvas.draw()  # the axes without the (animated) lines
            self.full_draws += 1
            self._backgrounds[limits] = self.canvas.copy_from_bbox(self.figure.bbox)
        self.canvas.restore_region(self._backgrounds[limits])
        blocks_ = np.arange(1, len(stream) + 1)
        for line, y in ((self.stream_line, stream), (self.theory_line, theory),
                        (self.grad_line, grads)):  # fmt: skip
            line.set_data(blocks_, y)
            self.figure.draw_artist(line)
        self.image.value = png_bytes(self.figure, draw=False)


def explore_residual(**defaults) -> ResidualExplorer:
    """The residual-stream explorer; keyword arguments set the starting values."""
    return ResidualExplorer(**defaults)
