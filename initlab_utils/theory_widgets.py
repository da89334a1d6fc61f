"""Notebook 08's widgets: theory's histograms over the measured ones, and the phase diagram.

explore_theory() is explore() with the histogram mean-field theory predicts drawn over each
layer; explore_phase() moves a marker over the tanh network's edge-of-chaos diagram and
redraws a deep network's histograms and gradients at that point.
"""

from __future__ import annotations

import html
import math
import threading

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .capture import Trace
from .checks import check_int, check_nonnegative, check_positive
from .experiments import torch_threads
from .inits import INIT_SCHEMES
from .plotting import HistogramGrid, fmt, png_bytes
from .theory import (
    chi1,
    depth_scale,
    fixed_point,
    predicted_gradient_std,
    scheme_sigma_w2,
    variance_map,
)
from .theory_plots import (
    compare_with_theory,
    phase_grid,
    phase_trace,
    plot_phase_diagram,
    predicted_q,
)
from .widgets import Explorer, _parse, message_html

_STYLE = {"description_width": "70px"}


class TheoryExplorer(Explorer):
    """explore() with theory's histogram (black line) over every layer, and a readout of
    sigma_w2 = n Var(W) and of predicted against measured spreads."""

    def __init__(self, *, activation: str = "tanh", scheme: str = "xavier_normal", **kwargs):
        kwargs.setdefault("depth", 10)
        self.readout = widgets.HTML()
        self.readout.add_class("initlab-readout")
        self._q, self._note = None, ""
        super().__init__(activation=activation, scheme=scheme, gradients=False, **kwargs)

    def extra_rows(self) -> list[widgets.Widget]:
        return [self.readout]

    def prediction(self, settings: dict) -> np.ndarray | None:
        s = settings
        try:
            self._q = predicted_q(
                s["scheme"], s["activation"], s["depth"], std=s["std"], width=s["width"]
            )
            self._note = ""
        except Exception as err:  # noqa: BLE001 -- no prediction, but still the measurement
            self._q, self._note = None, f"No prediction: {err}"
        return self._q

    def after_redraw(self, settings: dict) -> None:
        self.readout.value = self._describe(settings, self._q, self._note)

    def _describe(self, s: dict, q: np.ndarray | None, note: str) -> str:
        stats = self.trace.stats()
        last = stats[-1]
        within = (
            f"Layer {last['layer']}: spread of all values {fmt(last['std'])}, of one unit "
            f"across the inputs {fmt(last['unit_std'])}."
            if last["finite"]
            else f"Layer {last['layer']} overflowed: its values are no longer finite numbers."
        )
        if q is None:
            return f"<div>{html.escape(note)}<br>{html.escape(within)}</div>"
        if INIT_SCHEMES[s["scheme"]].data_dependent:
            head = "lsuv: every layer rescaled to Var(z) = 1, so q_l = 1."
        else:
            sw2 = scheme_sigma_w2(
                s["scheme"], std=s["std"], activation=s["activation"], width=s["width"]
            )
            head = f"σ_w² = n·Var(W) = {sw2:.3g}."
        rows = compare_with_theory(self.trace, q)
        if rows:
            worst = max(rows, key=lambda r: abs(r["gap"]))
            head += (
                f" Largest gap: layer {worst['layer']}, predicted std {fmt(worst['predicted'])}, "
                f"measured {fmt(worst['measured'])} ({worst['gap']:+.0%})."
            )
        return f"<div>{html.escape(head)}<br>{html.escape(within)}</div>"


def explore_theory(**defaults) -> TheoryExplorer:
    """The explorer with theory overlaid; keyword arguments as for explore()."""
    return TheoryExplorer(**defaults)


# -- the phase diagram ------------------------------------------------------------------

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
            value = self._in_range(name, _parse(name, change["new"], float))
            if not math.isclose(value, self.controls[name].value):
                self.controls[name].value = value  # redraws through the slider
        except Exception as err:  # noqa: BLE001 -- every error must reach the page
            self._say(err, "error")

    # -- drawing ----------------------------------------------------------------------------
    @torch_threads(1)
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
        text = (
            f"χ₁ = {c:.3f}, {phase}. q* = {fixed_point('tanh', w, b):.3g}. "
            f"Gradient std at layer 1 / at layer {self.depth}: measured "
            f"{fmt(measured[0] / measured[-1])}."
        )
        return f"<div>{html.escape(text)}</div>"


def explore_phase(**defaults) -> PhaseExplorer:
    """The phase-diagram explorer; keyword arguments set the starting values."""
    return PhaseExplorer(**defaults)
