"""Notebook 09's widget: a marker on tanh's edge-of-chaos diagram, and a deep network there.

explore_phase() moves a marker over the (sigma_w2, sigma_b2) plane and redraws a deep
network's histograms and gradients at that point, with theory's predictions.
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._fast.png import png_bytes
from ..capture import Trace
from ..chaos import correlation_depth_scale, phase_grid
from ..checks import check_int, check_nonnegative, check_positive
from ..histograms import HistogramGrid
from ..i18n import localize, text
from ..measure import phase_trace
from ..tables import fmt
from ..theory import chi1, depth_scale, fixed_point, predicted_gradient_std, variance_map
from ..theory_plots import plot_phase_diagram
from .base import ControlPanel, png_image
from .controls import SEED, Control

GRAD_LIMITS = (1e-6, 1e6)  # the gradient panel's fixed y range: moves never rescale it


def phase_controls() -> tuple[Control, ...]:
    """The sliders over the phase diagram's own range (typed values too), then the seed."""
    g = phase_grid("tanh")
    axes = [
        ("sigma_w2", g.sigma_w2, 0.05, "σ_w²", check_positive),
        ("sigma_b2", g.sigma_b2, 0.01, "σ_b²", check_nonnegative),
    ]
    sliders = (
        Control(
            name,
            "float",
            (float(axis[0]), float(axis[-1]), step),
            label,
            entry=True,
            check=check,
            where=text("widgets.where.diagram"),
        )
        for name, axis, step, label, check in axes
    )
    return (*sliders, SEED)


class PhaseExplorer(ControlPanel):
    """Sliders for sigma_w2 and sigma_b2 over the tanh phase diagram (`controls`).

    The diagram is drawn once; a move only re-draws the marker and the gradient panel on
    a cached background (blitting), runs the network, and updates its histograms.
    """

    def __init__(
        self,
        *,
        sigma_w2: float = 1.5,
        sigma_b2: float = 0.05,
        depth: int = 30,
        width: int = 100,
        n_samples: int = 500,
        seed: int = 0,
        max_panels: int = 6,
    ):
        specs = phase_controls()
        self.ranges = {s.name: s.bounds() for s in specs if s.entry}
        start = dict(sigma_w2=sigma_w2, sigma_b2=sigma_b2, seed=seed)
        self.build_controls(specs, start, checked=start)
        self.depth = check_int("depth", depth, low=2, high=50)
        self.width = check_int("width", width, low=10, high=200)
        self.n_samples = check_int("n_samples", n_samples, low=10, high=2000)
        self.readout = widgets.HTML()
        self.readout.add_class("initlab-readout")
        self.image = png_image("initlab-figure")
        self.histograms = png_image("initlab-histograms")
        c, e = self.controls, self.entries
        super().__init__(
            [
                widgets.HBox(
                    [c["sigma_w2"], e["sigma_w2"], c["sigma_b2"], e["sigma_b2"], c["seed"]]
                ),
                self.message,
                self.readout,
                self.image,
                self.histograms,
            ]
        )
        self.add_class("initlab-phase")
        self._build_figure()
        self.grid = HistogramGrid("tanh", max_panels=max_panels)
        self.trace: Trace | None = None
        self.redraws = 0
        self.redraw()

    def _build_figure(self) -> None:
        self.figure = Figure(figsize=(10.4, 3.4), dpi=80)
        self.canvas = FigureCanvasAgg(self.figure)
        phase, grad = self.figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
        self.figure.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.9, wspace=0.28)
        plot_phase_diagram(ax=phase)
        (self.marker,) = phase.plot([], [], "o", ms=10, mfc="#d62728", mec="white", animated=True)
        (self.dots,) = grad.plot([], [], "o", ms=3.5, color="#d62728", animated=True)
        (self.line,) = grad.plot([], [], "-", color="black", lw=1.0, animated=True)
        grad.set(
            yscale="log",
            ylim=GRAD_LIMITS,
            xlim=(0.5, self.depth + 0.5),
            xlabel=text("figure.layer"),
            ylabel=text("figure.gradient_std"),
            title=text("figure.phase.gradients"),
        )
        grad.axhline(1.0, color="0.6", lw=0.8, ls=":")
        localize(self.figure)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)

    # -- drawing ----------------------------------------------------------------------------
    def draw(self) -> None:
        """Run the network at the sliders' point and show it."""
        w, b = self.controls["sigma_w2"].value, self.controls["sigma_b2"].value
        trace = phase_trace(
            w,
            b,
            depth=self.depth,
            width=self.width,
            n_samples=self.n_samples,
            seed=self.controls["seed"].value,
        )
        layers = np.arange(1, self.depth + 1)
        measured = np.array([s["grad_std"] for s in trace.stats()])
        predicted = predicted_gradient_std("tanh", w, b, self.depth)
        self.marker.set_data([w], [b])
        self.dots.set_data(layers, np.clip(measured, *GRAD_LIMITS))
        self.line.set_data(layers, np.clip(predicted, *GRAD_LIMITS))
        self.canvas.restore_region(self._background)
        for artist in (self.marker, self.line, self.dots):
            self.figure.draw_artist(artist)
        self.canvas.blit(self.figure.bbox)
        self.image.value = png_bytes(self.figure, draw=False)
        q = variance_map("tanh", w, b, self.depth)
        self.histograms.value = self.grid.update(trace, predicted_q=q).png()
        self.trace = trace
        self.redraws += 1
        self.readout.value = self._describe(w, b, measured)
        self.say("", "note")

    def _describe(self, w: float, b: float, measured: np.ndarray) -> str:
        c, xi = chi1("tanh", w, b), depth_scale("tanh", w, b)
        if math.isinf(xi):
            phase = text("widgets.phase.edge")
        elif c < 1:
            phase = text("widgets.phase.ordered", xi=xi)
        else:
            phase = text("widgets.phase.chaotic", xi=xi)
        xi_c = correlation_depth_scale("tanh", w, b)
        trainable = (
            text("widgets.phase.any_depth")
            if math.isinf(xi_c)
            else text("widgets.phase.at_most", layers=6 * xi_c)
        )
        readout = text(
            "widgets.phase.readout",
            chi1=c,
            phase=phase,
            q=fixed_point("tanh", w, b),
            xi_c=xi_c,
            trainable=trainable,
            depth=self.depth,
            ratio=fmt(measured[0] / measured[-1]),
        )
        return f"<div>{html.escape(readout)}</div>"


def explore_phase(**defaults) -> PhaseExplorer:
    """The phase-diagram explorer; keyword arguments set the starting values."""
    return PhaseExplorer(**defaults)
