"""Notebook 09's widget: a marker on tanh's edge-of-chaos diagram, and a deep network there.

explore_phase() moves a marker over the (sigma_w2, sigma_b2) plane and redraws a deep
network's histograms and gradients at that point, with theory's predictions.
"""

from __future__ import annotations

import html
import math
import threading

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._fast.png import png_bytes
from .capture import Trace
from .chaos import correlation_depth_scale, phase_grid
from .checks import check_int, check_nonnegative, check_positive, parse_number
from .histograms import HistogramGrid
from .measure import phase_trace
from .tables import fmt
from .theory import chi1, depth_scale, fixed_point, predicted_gradient_std, variance_map
from .theory_plots import plot_phase_diagram
from .threads import single_threaded
from .widgets import message_html

_STYLE = {"description_width": "70px"}

GRAD_LIMITS = (1e-6, 1e6)  # the gradient panel's fixed y range: moves never rescale it


class PhaseExplorer(widgets.VBox):
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
        g = phase_grid("tanh")
        self.ranges = {
            "sigma_w2": (float(g.sigma_w2[0]), float(g.sigma_w2[-1])),
            "sigma_b2": (float(g.sigma_b2[0]), float(g.sigma_b2[-1])),
        }
        start = {"sigma_w2": sigma_w2, "sigma_b2": sigma_b2}
        for name, v in start.items():
            self._in_range(name, v)
        self.depth = check_int("depth", depth, low=2, high=50)
        self.width = check_int("width", width, low=10, high=200)
        self.n_samples = check_int("n_samples", n_samples, low=10, high=2000)
        labels = {"sigma_w2": "σ_w²", "sigma_b2": "σ_b²"}
        self.controls = {
            name: widgets.FloatSlider(
                value=start[name],
                min=lo,
                max=hi,
                step=0.05 if name == "sigma_w2" else 0.01,
                description=labels[name],
                readout=False,
                style=_STYLE,
            )
            for name, (lo, hi) in self.ranges.items()
        }
        self.controls["seed"] = widgets.IntText(
            value=check_int("seed", seed, low=0),
            description="seed",
            style=_STYLE,
            layout=widgets.Layout(width="150px"),
        )
        self.entries = {
            name: widgets.Text(
                value=f"{start[name]:.3g}",
                continuous_update=False,
                layout=widgets.Layout(width="72px"),
            )
            for name in self.ranges
        }
        self.message, self.readout = widgets.HTML(), widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.histograms = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        for name, w in self.controls.items():
            w.add_class(f"initlab-{name}")
            w.observe(lambda change: self.redraw(), names="value")
        for name, e in self.entries.items():
            e.add_class(f"initlab-{name}-entry")
            e.observe(lambda change, name=name: self._on_entry(name, change), names="value")
        self.message.add_class("initlab-message")
        self.readout.add_class("initlab-readout")
        self.image.add_class("initlab-figure")
        self.histograms.add_class("initlab-histograms")
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
        self._lock = threading.RLock()
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
            xlabel="layer",
            ylabel="std of dL/dh (gradient)",
            title="gradients: measured (dots), predicted (line)",
        )
        grad.axhline(1.0, color="0.6", lw=0.8, ls=":")
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)

    # -- reacting to the page ---------------------------------------------------------------
    def _in_range(self, name: str, value: float) -> float:
        value = (check_positive if name == "sigma_w2" else check_nonnegative)(name, value)
        lo, hi = self.ranges[name]
        if not lo - 1e-9 <= value <= hi + 1e-9:
            raise ValueError(
                f"{name} must be between {lo:g} and {hi:g} here (the diagram's range), "
                f"got {value:g}"
            )
        return value

    def _on_entry(self, name: str, change) -> None:
        try:
            value = self._in_range(name, parse_number(name, change["new"], float))
            if not math.isclose(value, self.controls[name].value):
                self.controls[name].value = value  # redraws through the slider
        except Exception as err:  # noqa: BLE001 -- every error must reach the page
            self._say(err, "error")

    # -- drawing ----------------------------------------------------------------------------
    @single_threaded
    def redraw(self) -> None:
        """Run the network at the sliders' point and show it; errors go to `message`.

        Serialised like Explorer.redraw: widget messages may arrive on other threads."""
        with self._lock:
            self._redraw()

    def _redraw(self) -> None:
        try:
            w, b = self.controls["sigma_w2"].value, self.controls["sigma_b2"].value
            for name in self.ranges:
                self.entries[name].value = f"{self.controls[name].value:.3g}"
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
            self._say("", "note")
        except Exception as err:  # noqa: BLE001 -- every error must reach the page
            self._say(err, "error")

    def _say(self, text: object, level: str) -> None:
        self.message.value = message_html(text, level)

    def _describe(self, w: float, b: float, measured: np.ndarray) -> str:
        c, xi = chi1("tanh", w, b), depth_scale("tanh", w, b)
        if math.isinf(xi):
            phase = "at the edge of chaos: gradients keep their size"
        elif c < 1:
            phase = f"ordered: gradients shrink e-fold every {xi:.1f} layers"
        else:
            phase = f"chaotic: gradients grow e-fold every {xi:.1f} layers"
        xi_c = correlation_depth_scale("tanh", w, b)
        trainable = (
            "any depth" if math.isinf(xi_c) else f"about 6 ξ_c = {6 * xi_c:.0f} layers at most"
        )
        text = (
            f"χ₁ = {c:.3f}, {phase}. q* = {fixed_point('tanh', w, b):.3g}. "
            f"Correlation depth scale ξ_c = {xi_c:.3g}: trainable to {trainable}. "
            f"Gradient std at layer 1 / at layer {self.depth}: measured "
            f"{fmt(measured[0] / measured[-1])}."
        )
        return f"<div>{html.escape(text)}</div>"


def explore_phase(**defaults) -> PhaseExplorer:
    """The phase-diagram explorer; keyword arguments set the starting values."""
    return PhaseExplorer(**defaults)
