"""explore(): sliders wired to a HistogramGrid, redrawing every layer's histograms live."""

from __future__ import annotations

import ipywidgets as widgets
import torch

from ..activations import ACTIVATIONS
from ..checks import check_int, check_positive
from ..experiments import check_budget, run_experiment
from ..histograms import HistogramGrid
from ..i18n import text
from ..inits import INIT_SCHEMES
from ..tables import stats_table
from .base import ControlPanel, png_image
from .controls import SEED, Control

# Slider ranges. The largest setting must still redraw in well under a second on a
# 2-core laptop; above SMOOTH_LIMIT (depth x width^2) the sliders redraw on release only.
STD_LOG10 = (-3.0, 1.0)  # std from 0.001 to 10
DEPTH = (1, 50)
WIDTH = (10, 200)
SMOOTH_LIMIT = 30 * 100**2

# The controls, one row each; the order is the order of `Explorer.controls`.
CONTROLS = (
    Control("std", "log", (*STD_LOG10, 0.05), entry=True),
    Control("depth", "int", (*DEPTH, 1), entry=True),
    Control("width", "int", (*WIDTH, 10), entry=True),
    Control("activation", "menu", ACTIVATIONS),
    Control("scheme", "menu", INIT_SCHEMES),
    SEED,
)


class Explorer(ControlPanel):
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
        # Check the starting values with the same errors run_experiment gives (the menus'
        # and the sliders' in build_controls).
        std = 1.0 if std is None else check_positive("std", std)
        check_budget(depth, width, n_samples)
        self.n_samples = check_int("n_samples", n_samples)
        start = dict(
            std=std, depth=depth, width=width, activation=activation, scheme=scheme, seed=seed
        )
        self.build_controls(CONTROLS, start, checked=("depth", "width", "seed"))
        self.image = png_image("initlab-figure")
        self.table = widgets.HTML()
        # Every panel made up front: a deeper network later is then just another move.
        self.grid = HistogramGrid(activation, gradients=gradients, max_panels=max_panels).prepare()
        self.trace = None
        self.show_table = table
        self.redraws = 0
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

    def settings(self) -> dict:
        """The current control values, as run_experiment's keyword arguments."""
        return {**self.values(), "n_samples": self.n_samples, "backward": self.grid.gradients}

    # -- hooks for subclasses (see theory.TheoryExplorer) --------------------------------
    def extra_rows(self) -> list[widgets.Widget]:
        """Widgets shown between the message and the figure."""
        return []

    def prediction(self, settings: dict) -> list[float] | None:
        """Per-layer q whose predicted histogram is drawn over each panel (None: none)."""
        return None

    def after_redraw(self, settings: dict) -> None:
        """Called after every successful redraw with the settings it drew."""

    # -- drawing ------------------------------------------------------------------------
    def draw(self) -> None:
        """Run the experiment for the current settings and show it, with what went wrong."""
        s = self.settings()
        smooth = s["depth"] * s["width"] ** 2 <= SMOOTH_LIMIT
        for name in ("std", "depth", "width"):
            self.controls[name].continuous_update = smooth
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
            self.say(text("widgets.explore.overflowed", first=bad[0], last=bad[-1]), "warning")
        elif s["std"] is None:
            self.say(text("widgets.explore.own_scale", scheme=s["scheme"]), "note")
        else:
            self.say("", "note")


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


def explore(**defaults) -> Explorer:
    """The live explorer; keyword arguments set the starting values (see Explorer)."""
    return Explorer(**defaults)
