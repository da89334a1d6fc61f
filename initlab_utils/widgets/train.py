"""train_explorer(): pick an initialisation, press Train, watch the loss curve grow."""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._fast.png import png_bytes
from ..activations import ACTIVATIONS
from ..capture import capture
from ..checks import check_choice
from ..data import CHANCE_LOSS, load_digits_data
from ..histograms import HistogramGrid
from ..i18n import localize, text
from ..inits import INIT_SCHEMES
from ..plots import plot_losses
from ..training import OPTIMIZERS, Trainer
from .base import ControlPanel, png_image
from .controls import SEED, Control

CHUNK = 10  # steps between two redraws: small enough that the page stays responsive
KEEP_RUNS = 4  # earlier runs kept on the loss plot for comparison

# The controls, one row each, as train_mlp's keyword arguments.
CONTROLS = (
    Control("scheme", "menu", INIT_SCHEMES),
    Control("std", "log", (-3, 1, 0.05)),
    Control("activation", "menu", ACTIVATIONS),
    Control("depth", "int", (1, 30, 1)),
    Control("optimizer", "menu", OPTIMIZERS),
    Control("lr", "log", (-4, 0, 0.1)),
    Control("steps", "int", (50, 1000, 50)),
    replace(SEED, width="160px"),
)
# The controls that change the network shown before training (the step-0 histograms).
PREVIEWED = ("scheme", "std", "activation", "depth", "seed")


class TrainExplorer(ControlPanel):
    """Controls for one training run on the digits, a Train button, a live loss curve
    and the step-0 histograms of the network being trained.

    `train()` runs in chunks of CHUNK steps; inside a running kernel it yields to the
    event loop between chunks, so the page stays responsive and Stop works. Without an
    event loop (scripts, tests) `train()` runs to the end before returning.
    """

    label_width = "80px"

    def __init__(
        self,
        *,
        activation: str = "sigmoid",
        scheme: str = "xavier_normal",
        std: float = 1.0,
        depth: int = 5,
        optimizer: str = "sgd",
        lr: float | None = None,
        steps: int = 300,
        seed: int = 0,
    ):
        if lr is None:
            lr = OPTIMIZERS[check_choice("optimizer", optimizer, OPTIMIZERS)].default_lr
        start = dict(
            scheme=scheme, std=std, activation=activation, depth=depth, optimizer=optimizer
        )
        self.build_controls(
            CONTROLS, {**start, "lr": lr, "steps": steps, "seed": seed}, redraw_on=PREVIEWED
        )
        self.train_button = widgets.Button(
            description=text("widgets.train.train"), button_style="primary", icon="play"
        )
        self.stop_button = widgets.Button(
            description=text("widgets.train.stop"), icon="stop", disabled=True
        )
        self.clear_button = widgets.Button(description=text("widgets.train.clear"))
        self.progress = widgets.IntProgress(
            value=0, min=0, max=steps, description=text("widgets.train.progress", step=0)
        )
        self.loss_image = png_image("initlab-loss", width="42%")
        self.hist_image = png_image("initlab-figure", width="58%")
        self.train_button.add_class("initlab-train")
        self.stop_button.add_class("initlab-stop")
        self.progress.add_class("initlab-progress")
        self.train_button.on_click(lambda _: self.train())
        self.stop_button.on_click(lambda _: self.stop())
        self.clear_button.on_click(lambda _: self.clear())
        self.controls["optimizer"].observe(self._optimizer_changed, names="value")
        self.runs: dict[str, list[float]] = {}
        self.trainer: Trainer | None = None
        self.result = None
        self._stop = False
        self._figure = Figure(figsize=(6.2, 3.3), dpi=80)
        FigureCanvasAgg(self._figure)
        self._grid = HistogramGrid(activation, gradients=True, max_panels=6)
        c = self.controls
        super().__init__(
            [
                widgets.HBox([c["scheme"], c["std"], c["activation"], c["depth"]]),
                widgets.HBox([c["optimizer"], c["lr"], c["steps"], c["seed"]]),
                widgets.HBox(
                    [self.train_button, self.stop_button, self.clear_button, self.progress]
                ),
                self.message,
                widgets.HBox([self.loss_image, self.hist_image]),
            ]
        )
        self.add_class("initlab-train-explorer")
        self._draw_losses()
        self.preview()

    # -- controls -----------------------------------------------------------------------
    def _optimizer_changed(self, change) -> None:
        self.controls["lr"].value = OPTIMIZERS[change["new"]].default_lr

    def settings(self) -> dict:
        """The current controls as train_mlp's keyword arguments."""
        return self.values()

    def _label(self, s: dict) -> str:
        std = f" std {s['std']:g}" if s["std"] is not None else ""
        keys = ("activation", "scheme", "depth", "optimizer")
        return text("figure.train.run", std=std, **{k: s[k] for k in keys})

    # -- training -----------------------------------------------------------------------
    def preview(self) -> None:
        """Show the step-0 histograms of the network the current settings would train."""
        self.redraw()

    def draw(self) -> None:
        if self.trainer is not None and not self.trainer.done:
            return  # a run is going on: its own network stays on show
        self._draw_step0(Trainer(**self.settings()))
        self.say("", "note")

    def train(self):
        """Start a run with the current settings; returns the asyncio task, if any."""
        s = self.settings()
        trainer = self.guarded(Trainer, **s)
        if trainer is None:
            return None
        self.trainer = trainer
        self.say("", "note")
        self.label = self._label(s)
        self.runs.pop(self.label, None)
        while len(self.runs) >= KEEP_RUNS:
            self.runs.pop(next(iter(self.runs)))
        self.runs[self.label] = []
        self.progress.max = s["steps"]
        self._draw_step0(self.trainer)
        self._stop = False
        self.train_button.disabled, self.stop_button.disabled = True, False
        return self.in_chunks(self._chunk)

    def _chunk(self) -> bool:
        """Run CHUNK steps and redraw; False once the run is over (or failed)."""
        going = self.guarded(self._run_chunk)
        if going is None:  # the error is on the page; the controls work again
            self.train_button.disabled, self.stop_button.disabled = False, True
        return bool(going)

    def _run_chunk(self) -> bool:
        losses = self.trainer.step(CHUNK)
        self.runs[self.label] = losses
        self.progress.value = len(losses)
        self.progress.description = text("widgets.train.progress", step=len(losses))
        self._draw_losses()
        if self.trainer.done or self._stop:
            self._finish()
            return False
        return True

    def _finish(self) -> None:
        self.result = self.trainer.result()
        r = self.result
        if r.diverged:
            self.say(text("widgets.train.diverged"), "warning")
        else:
            done = text(
                "widgets.train.done",
                stopped=text("widgets.train.stopped_early") if self._stop else "",
                loss=r.final_loss(),
                chance=CHANCE_LOSS,
                accuracy=r.settled_accuracy(),
            )
            self.say(done, "note")
        self.train_button.disabled, self.stop_button.disabled = False, True

    def stop(self) -> None:
        """Ask a running training to stop after its current chunk."""
        self._stop = True

    def clear(self) -> None:
        """Forget the earlier runs' curves."""
        self.runs = {
            k: v
            for k, v in self.runs.items()
            if self.trainer and not self.trainer.done and k == self.label
        }
        self._draw_losses()

    # -- drawing ------------------------------------------------------------------------
    def _draw_losses(self) -> None:
        self._figure.clear()
        ax = self._figure.add_subplot()
        plot_losses(self.runs, steps=self.progress.max, ax=ax)
        ax.set_title(text("figure.train.title"), fontsize=10)
        localize(ax)
        self._figure.tight_layout()
        self.loss_image.value = png_bytes(self._figure)

    def _draw_step0(self, trainer: Trainer) -> None:
        x = load_digits_data().x_train[:500]
        self.hist_image.value = self._grid.update(capture(trainer.model, x)).png()


def train_explorer(**defaults) -> TrainExplorer:
    """The live training widget; keyword arguments set the starting values."""
    return TrainExplorer(**defaults)
