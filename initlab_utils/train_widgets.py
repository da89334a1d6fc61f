"""train_explorer(): pick an initialisation, press Train, watch the loss curve grow."""

from __future__ import annotations

import asyncio
import threading

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._fast.png import png_bytes
from .activations import ACTIVATIONS
from .capture import capture
from .checks import check_choice
from .data import CHANCE_LOSS, load_digits_data
from .histograms import HistogramGrid
from .inits import INIT_SCHEMES
from .plots import plot_losses
from .training import OPTIMIZERS, Trainer
from .widgets import message_html

CHUNK = 10  # steps between two redraws: small enough that the page stays responsive
KEEP_RUNS = 4  # earlier runs kept on the loss plot for comparison
_STYLE = {"description_width": "80px"}


class TrainExplorer(widgets.VBox):
    """Controls for one training run on the digits, a Train button, a live loss curve
    and the step-0 histograms of the network being trained.

    `train()` runs in chunks of CHUNK steps; inside a running kernel it yields to the
    event loop between chunks, so the page stays responsive and Stop works. Without an
    event loop (scripts, tests) `train()` runs to the end before returning.
    """

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
        check_choice("activation", activation, ACTIVATIONS)
        check_choice("scheme", scheme, INIT_SCHEMES)
        check_choice("optimizer", optimizer, OPTIMIZERS)
        lr = OPTIMIZERS[optimizer].default_lr if lr is None else lr
        self.controls = {
            "scheme": widgets.Dropdown(
                options=list(INIT_SCHEMES), value=scheme, description="init", style=_STYLE
            ),
            "std": widgets.FloatLogSlider(
                value=std, base=10, min=-3, max=1, step=0.05, description="std", style=_STYLE
            ),
            "activation": widgets.Dropdown(
                options=list(ACTIVATIONS), value=activation, description="activation", style=_STYLE
            ),
            "depth": widgets.IntSlider(
                value=depth, min=1, max=30, description="depth", style=_STYLE
            ),
            "optimizer": widgets.Dropdown(
                options=list(OPTIMIZERS), value=optimizer, description="optimizer", style=_STYLE
            ),
            "lr": widgets.FloatLogSlider(
                value=lr,
                base=10,
                min=-4,
                max=0,
                step=0.1,
                description="lr",
                style=_STYLE,
            ),
            "steps": widgets.IntSlider(
                value=steps, min=50, max=1000, step=50, description="steps", style=_STYLE
            ),
            "seed": widgets.IntText(
                value=seed, description="seed", style=_STYLE, layout=widgets.Layout(width="160px")
            ),
        }
        self.train_button = widgets.Button(description="Train", button_style="primary", icon="play")
        self.stop_button = widgets.Button(description="Stop", icon="stop", disabled=True)
        self.clear_button = widgets.Button(description="Clear curves")
        self.progress = widgets.IntProgress(value=0, min=0, max=steps, description="step 0")
        self.message = widgets.HTML()
        self.loss_image = widgets.Image(format="png", layout=widgets.Layout(width="42%"))
        self.hist_image = widgets.Image(format="png", layout=widgets.Layout(width="58%"))
        for name, w in self.controls.items():
            w.add_class(f"initlab-{name}")
        self.train_button.add_class("initlab-train")
        self.stop_button.add_class("initlab-stop")
        self.progress.add_class("initlab-progress")
        self.message.add_class("initlab-message")
        self.loss_image.add_class("initlab-loss")
        self.hist_image.add_class("initlab-figure")
        self.train_button.on_click(lambda _: self.train())
        self.stop_button.on_click(lambda _: self.stop())
        self.clear_button.on_click(lambda _: self.clear())
        self.controls["scheme"].observe(self._scheme_changed, names="value")
        self.controls["optimizer"].observe(self._optimizer_changed, names="value")
        for name in ("scheme", "std", "activation", "depth", "seed"):
            self.controls[name].observe(lambda _: self.preview(), names="value")
        self.runs: dict[str, list[float]] = {}
        self.trainer: Trainer | None = None
        self.result = None
        self._stop = False
        self._lock = threading.RLock()
        self._figure = Figure(figsize=(6.2, 3.3), dpi=80)
        FigureCanvasAgg(self._figure)
        self._grid = HistogramGrid(activation, gradients=True, max_panels=6)
        self._scheme_changed()
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
    def _scheme_changed(self, change=None) -> None:
        self.controls["std"].disabled = not INIT_SCHEMES[self.controls["scheme"].value].uses_std

    def _optimizer_changed(self, change) -> None:
        self.controls["lr"].value = OPTIMIZERS[change["new"]].default_lr

    def settings(self) -> dict:
        """The current controls as train_mlp's keyword arguments."""
        v = {name: w.value for name, w in self.controls.items()}
        if not INIT_SCHEMES[v["scheme"]].uses_std:
            v["std"] = None
        return v

    def _label(self, s: dict) -> str:
        std = f" std {s['std']:g}" if s["std"] is not None else ""
        return f"{s['activation']}, {s['scheme']}{std}, depth {s['depth']}, {s['optimizer']}"

    # -- training -----------------------------------------------------------------------
    def preview(self) -> None:
        """Show the step-0 histograms of the network the current settings would train."""
        with self._lock:  # widget messages may arrive on other threads (see Explorer)
            self._preview()

    def _preview(self) -> None:
        if self.trainer is not None and not self.trainer.done:
            return  # a run is going on: its own network stays on show
        try:
            self._draw_step0(Trainer(**self.settings()))
            self._say("", "note")
        except Exception as err:  # noqa: BLE001 -- every error must reach the page
            self._say(err, "error")

    def train(self):
        """Start a run with the current settings; returns the asyncio task, if any."""
        try:
            s = self.settings()
            self.trainer = Trainer(**s)
        except Exception as err:  # noqa: BLE001 -- every error must reach the page
            self._say(err, "error")
            return None
        self._say("", "note")
        self.label = self._label(s)
        self.runs.pop(self.label, None)
        while len(self.runs) >= KEEP_RUNS:
            self.runs.pop(next(iter(self.runs)))
        self.runs[self.label] = []
        self.progress.max = s["steps"]
        self._draw_step0(self.trainer)
        self._stop = False
        self.train_button.disabled, self.stop_button.disabled = True, False
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            while self._chunk():
                pass
            return None
        return loop.create_task(self._train_async())

    async def _train_async(self) -> None:
        while self._chunk():
            await asyncio.sleep(0.01)  # let the kernel handle Stop and other messages

    def _chunk(self) -> bool:
        """Run CHUNK steps and redraw; False once the run is over."""
        with self._lock:
            return self._run_chunk()

    def _run_chunk(self) -> bool:
        try:
            losses = self.trainer.step(CHUNK)
            self.runs[self.label] = losses
            self.progress.value = len(losses)
            self.progress.description = f"step {len(losses)}"
            self._draw_losses()
            if self.trainer.done or self._stop:
                self._finish()
                return False
            return True
        except Exception as err:  # noqa: BLE001 -- every error must reach the page
            self._say(err, "error")
            self.train_button.disabled, self.stop_button.disabled = False, True
            return False

    def _finish(self) -> None:
        self.result = self.trainer.result()
        r = self.result
        if r.diverged:
            self._say(
                "The loss stopped being a finite number (the run diverged): "
                "lower the learning rate or the weight scale.",
                "warning",
            )
        else:
            stopped = " (stopped early)" if self._stop else ""
            self._say(
                f"Done{stopped}: over the last 50 steps, loss {r.final_loss():.3f} "
                f"(chance is {CHANCE_LOSS:.3f}) and test accuracy "
                f"{r.settled_accuracy():.1%}. One seed: a deep run can land anywhere "
                "in the spread over seeds that notebook 07 shows.",
                "note",
            )
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
        ax.set_title("loss on the digits, live", fontsize=10)
        self._figure.tight_layout()
        self.loss_image.value = png_bytes(self._figure)

    def _draw_step0(self, trainer: Trainer) -> None:
        x = load_digits_data().x_train[:500]
        self.hist_image.value = self._grid.update(capture(trainer.model, x)).png()

    def _say(self, text: object, level: str) -> None:
        self.message.value = message_html(text, level)


def train_explorer(**defaults) -> TrainExplorer:
    """The live training widget; keyword arguments set the starting values."""
    return TrainExplorer(**defaults)
