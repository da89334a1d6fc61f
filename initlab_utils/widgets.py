"""explore(): sliders wired to a HistogramGrid, redrawing every layer's histograms live."""

from __future__ import annotations

import html
import math
import threading

import ipywidgets as widgets
import torch

from .activations import ACTIVATIONS
from .checks import check_choice, check_int, check_positive
from .experiments import check_budget, run_experiment
from .histograms import HistogramGrid
from .inits import INIT_SCHEMES
from .tables import stats_table
from .threads import torch_threads

# Slider ranges. The largest setting must still redraw in well under a second on a
# 2-core laptop; above SMOOTH_LIMIT (depth x width^2) the sliders redraw on release only.
STD_LOG10 = (-3.0, 1.0)  # std from 0.001 to 10
DEPTH = (1, 50)
WIDTH = (10, 200)
SMOOTH_LIMIT = 30 * 100**2

_STYLE = {"description_width": "70px"}


def _parse(name: str, text: str, kind: type) -> float | int:
    try:
        return kind(float(text)) if kind is int and float(text).is_integer() else kind(text)
    except (TypeError, ValueError):
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name} must be {what}, got {text!r}") from None


class Explorer(widgets.VBox):
    """The live explorer: `controls` maps std, depth, width, activation, scheme, seed to
    their widgets; setting one's value (from Python or the page) redraws at once.

    Each slider has a text box beside it (`entries`) that accepts typed values; a value
    the slider cannot take, like every other error, is explained in `message`, and the
    controls keep working.
    """

    def __init__(
        self,
        *,
        activation: str = "sigmoid",
        scheme: str = "normal",
        std: float | None = None,
        depth: int = 5,
        width: int = 100,
        seed: int = 0,
        n_samples: int = 1000,
        gradients: bool = True,
        table: bool = False,
        max_panels: int = 10,
    ):
        # Check the starting values with the same errors run_experiment gives.
        check_choice("activation", activation, ACTIVATIONS)
        check_choice("scheme", scheme, INIT_SCHEMES)
        std = 1.0 if std is None else check_positive("std", std)
        check_budget(depth, width, n_samples)
        self.n_samples = check_int("n_samples", n_samples)
        lo, hi = STD_LOG10
        self.controls = {
            "std": widgets.FloatLogSlider(
                value=std,
                base=10,
                min=lo,
                max=hi,
                step=0.05,
                description="std",
                readout=False,
                style=_STYLE,
            ),
            "depth": widgets.IntSlider(
                value=check_int("depth", depth, low=DEPTH[0], high=DEPTH[1]),
                min=DEPTH[0],
                max=DEPTH[1],
                description="depth",
                readout=False,
                style=_STYLE,
            ),
            "width": widgets.IntSlider(
                value=check_int("width", width, low=WIDTH[0], high=WIDTH[1]),
                min=WIDTH[0],
                max=WIDTH[1],
                step=10,
                description="width",
                readout=False,
                style=_STYLE,
            ),
            "activation": widgets.Dropdown(
                options=list(ACTIVATIONS),
                value=activation,
                description="activation",
                style=_STYLE,
            ),
            "scheme": widgets.Dropdown(
                options=list(INIT_SCHEMES),
                value=scheme,
                description="init",
                style=_STYLE,
            ),
            "seed": widgets.IntText(
                value=check_int("seed", seed, low=0),
                description="seed",
                style=_STYLE,
                layout=widgets.Layout(width="150px"),
            ),
        }
        self.entries = {
            name: widgets.Text(
                value=self._format(name),
                continuous_update=False,
                layout=widgets.Layout(width="72px"),
            )
            for name in ("std", "depth", "width")
        }
        self.message = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.table = widgets.HTML()
        # Every panel made up front: a deeper network later is then just another move.
        self.grid = HistogramGrid(activation, gradients=gradients, max_panels=max_panels).prepare()
        self.trace = None
        self.show_table = table
        self.redraws = 0
        self._lock = threading.RLock()
        for name, w in self.controls.items():
            w.add_class(f"initlab-{name}")
            w.observe(self._on_control, names="value")
        for name, e in self.entries.items():
            e.add_class(f"initlab-{name}-entry")
            e.observe(lambda change, name=name: self._on_entry(name, change), names="value")
        self.message.add_class("initlab-message")
        self.image.add_class("initlab-figure")
        c, e = self.controls, self.entries
        rows = [
            widgets.HBox([c["std"], e["std"], c["depth"], e["depth"]]),
            widgets.HBox([c["width"], e["width"], c["activation"], c["scheme"], c["seed"]]),
            self.message,
            *self.extra_rows(),
            self.image,
        ]
        super().__init__(rows + ([self.table] if table else []))
        self.add_class("initlab-explorer")
        self.redraw()

    # -- reacting to the page -----------------------------------------------------------
    def _format(self, name: str) -> str:
        v = self.controls[name].value
        return f"{v:.3g}" if name == "std" else str(v)

    def _on_control(self, change) -> None:
        name = next(n for n, w in self.controls.items() if w is change["owner"])
        if name in self.entries:
            self.entries[name].value = self._format(name)
        self.redraw()

    def _on_entry(self, name: str, change) -> None:
        if change["new"] == self._format(name):
            return  # the box only echoes the slider (rounded): do not move the slider back
        try:
            slider = self.controls[name]
            if name == "std":
                value = check_positive("std", _parse("std", change["new"], float))
                lo, hi = (10**b for b in STD_LOG10)
                if not lo <= value <= hi:
                    raise ValueError(
                        f"std must be between {lo:g} and {hi:g} here (the slider's range), "
                        f"got {value:g}"
                    )
            else:
                value = check_int(
                    name, _parse(name, change["new"], int), low=slider.min, high=slider.max
                )
            if math.isclose(value, slider.value):
                return
            slider.value = value  # redraws through _on_control
        except Exception as err:  # noqa: BLE001 -- every error must reach the page
            self._say(err, "error")

    # -- drawing ------------------------------------------------------------------------
    def settings(self) -> dict:
        """The current control values, as run_experiment's keyword arguments."""
        v = {name: w.value for name, w in self.controls.items()}
        uses_std = INIT_SCHEMES[v["scheme"]].default_std is not None
        return dict(
            activation=v["activation"],
            scheme=v["scheme"],
            std=v["std"] if uses_std else None,
            depth=v["depth"],
            width=v["width"],
            seed=v["seed"],
            n_samples=self.n_samples,
            backward=self.grid.gradients,
        )

    # -- hooks for subclasses (see theory_widgets.TheoryExplorer) ------------------------
    def extra_rows(self) -> list[widgets.Widget]:
        """Widgets shown between the message and the figure."""
        return []

    def prediction(self, settings: dict) -> list[float] | None:
        """Per-layer q whose predicted histogram is drawn over each panel (None: none)."""
        return None

    def after_redraw(self, settings: dict) -> None:
        """Called after every successful redraw with the settings it drew."""

    def redraw(self) -> None:
        """Run the experiment for the current settings and show it; errors go to `message`.

        JupyterLab may deliver widget messages on kernel subshells, i.e. other threads:
        the lock keeps two redraws from interleaving, and since each reads the settings
        once it holds the lock, the last one to run always draws the newest values.
        """
        with self._lock:
            self._redraw()

    def _redraw(self) -> None:
        try:
            s = self.settings()
            uses_std = s["std"] is not None
            self.controls["std"].disabled = self.entries["std"].disabled = not uses_std
            smooth = s["depth"] * s["width"] ** 2 <= SMOOTH_LIMIT
            for name in ("std", "depth", "width"):
                self.controls[name].continuous_update = smooth
            with torch_threads(1):  # see torch_threads: small tensors, shared CPUs
                trace = run_experiment(**s)
                q = self.prediction(s)
                self.image.value = self.grid.update(trace, predicted_q=q).png()
                bad = overflowed_layers(trace)
                self.trace = trace
                self.redraws += 1
                self.after_redraw(s)
                if self.show_table:
                    self.table.value = stats_table(trace)
            if bad:
                self._say(
                    f"Layers {bad[0]}-{bad[-1]} overflowed: their values are no longer finite "
                    "numbers. The weights are too large for this depth; lower std or depth.",
                    "warning",
                )
            elif not uses_std:
                self._say(f"The {s['scheme']} scheme sets its own scale; std is not used.", "note")
            else:
                self._say("", "note")
        except Exception as err:  # noqa: BLE001 -- every error must reach the page
            self._say(err, "error")

    def _say(self, text: object, level: str) -> None:
        self.message.value = message_html(text, level)


def overflowed_layers(trace) -> list[int]:
    """The layers (1-based) whose activations are no longer finite numbers.

    A finite sum settles it at a glance (inf and NaN propagate into it), so a deep
    network does not cost every hidden layer's statistics on every move; only a layer
    whose sum is not finite gets them, which tell overflow from a sum too big for float32.
    """
    return [
        i + 1
        for i, a in enumerate(trace.activations)
        if not torch.isfinite(a.sum()) and not trace.layer_stats(i)["finite"]
    ]


def message_html(text: object, level: str) -> str:
    """A message for the page: an error, a warning or a note; exceptions become their text."""
    if isinstance(text, Exception):
        text = str(text) if isinstance(text, ValueError) else f"{type(text).__name__}: {text}"
    colors = {"error": "#b00020", "warning": "#8a5300", "note": "#444"}
    prefix = {"error": "Error: ", "warning": "Warning: ", "note": ""}[level]
    body = prefix + html.escape(str(text)) if text else ""
    return f'<div style="color:{colors[level]};min-height:1.4em">{body}</div>'


def explore(**defaults) -> Explorer:
    """The live explorer; keyword arguments set the starting values (see Explorer)."""
    return Explorer(**defaults)
