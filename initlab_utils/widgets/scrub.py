"""scrub_training(): train once, recording; then a step slider shows the layers as they were."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._fast.compose import draw_text
from .._fast.png import png_bytes
from ..checks import check_int
from ..histograms import HistogramGrid
from ..i18n import localize, text
from ..plots import plot_losses
from ..snapshots import Recorder
from ..training import Trainer
from ..training_plots import plot_update_ratios, ratio_label, shade_rule_of_thumb
from .base import ControlPanel, png_image
from .train import CHUNK
from .train import CONTROLS as TRAIN_ROWS

CSS = ("train", "stop", "progress")  # the buttons' and the bar's classes, as in train.py

# train.py's rows for the five settings a run is recorded under (the slider is not a row:
# its options are the steps the Recorder kept, known only once it kept them).
ROWS = {c.name: c for c in TRAIN_ROWS}
CONTROLS = tuple(ROWS[n] for n in ("activation", "scheme", "depth", "optimizer", "seed"))


class ScrubExplorer(ControlPanel):
    """A Train button that runs a Recorder in chunks of CHUNK steps, then a step slider
    (`controls["step"]`) over the steps it kept a Trace of.

    Moving the slider draws that stored Trace on the HistogramGrid in place and moves a
    marker on the loss and update-to-data ratio curves: nothing is run again. Changing a
    setting shows the new network's step 0 (its Recorder's first snapshot). Inside a
    running kernel training yields between chunks, so the page stays responsive and Stop
    works; without an event loop (scripts, tests) `train()` runs to the end first.
    """

    label_width = "80px"

    def __init__(
        self,
        *,
        activation: str = "relu",
        scheme: str = "xavier_normal",
        depth: int = 30,
        optimizer: str = "sgd",
        seed: int = 0,
        steps: int = 300,
        lr: float | None = None,
        at: Sequence[int] | None = None,
        max_panels: int = 5,
    ):
        self.steps, self.lr, self.at = check_int("steps", steps), lr, at
        start = dict(activation=activation, scheme=scheme, depth=depth, optimizer=optimizer)
        self.build_controls(CONTROLS, {**start, "seed": seed}, checked=("depth", "seed"))
        step = widgets.SelectionSlider(
            options=[0], description=text("widgets.scrub.step"), continuous_update=True
        )
        step.style.description_width = self.description_width()
        step.layout.width = "420px"
        step.add_class("initlab-step")
        step.observe(lambda change: self._on_step(change["new"]), names="value")
        self.controls["step"] = step  # not in `specs`: values() stays the run's settings
        self.train_button = widgets.Button(
            description=text("widgets.scrub.train"), button_style="primary", icon="play"
        )
        self.stop_button = widgets.Button(
            description=text("widgets.scrub.stop"), icon="stop", disabled=True
        )
        self.progress = widgets.IntProgress(max=self.steps)
        for w, css in zip((self.train_button, self.stop_button, self.progress), CSS):
            w.add_class(f"initlab-{css}")
        self.train_button.on_click(lambda _: self.train())
        self.stop_button.on_click(lambda _: self.stop())
        self.hist_image = png_image("initlab-figure", width="62%")
        self.lines_image = png_image("initlab-lines", width="38%")
        self.grid = HistogramGrid(activation, gradients=True, max_panels=max_panels).prepare()
        self.lines = Figure(figsize=(5.0, 4.95), dpi=80)
        FigureCanvasAgg(self.lines)
        self.recorder: Recorder | None = None
        self.running, self._stop, self._syncing = False, False, False
        c = self.controls
        super().__init__(
            [
                widgets.HBox([c["activation"], c["scheme"], c["depth"]]),
                widgets.HBox([c["optimizer"], c["seed"]]),
                widgets.HBox([self.train_button, self.stop_button, self.progress]),
                self.message,
                step,
                widgets.HBox([self.hist_image, self.lines_image]),
            ]
        )
        self.add_class("initlab-scrub-explorer")
        self.redraw()

    def settings(self) -> dict:
        """The current controls as Trainer's keyword arguments."""
        return {**self.values(), "steps": self.steps, "lr": self.lr}

    def recorded_steps(self) -> list[int]:
        """The steps the current Recorder kept a Trace of, in order."""
        return sorted(self.recorder.snapshots) if self.recorder else []

    # -- before a run: the network the settings make, at step 0 -------------------------
    def draw(self) -> None:
        if self.running:
            return  # the run's own network stays on show
        self.recorder = Recorder(Trainer(**self.settings()), at=self.at)
        self.progress.value = 0
        self.progress.description = text("widgets.scrub.progress", step=0)
        self._sync_slider()
        at = ", ".join(map(str, self.recorder.at))
        self.say(text("widgets.scrub.ready", steps=at), "note")

    # -- training -----------------------------------------------------------------------
    def train(self):
        """Start a recorded run with the current settings; returns the asyncio task, if any."""
        recorder = self.guarded(lambda: Recorder(Trainer(**self.settings()), at=self.at))
        if recorder is None:
            return None
        self.recorder, self.running, self._stop = recorder, True, False
        self.say("", "note")
        self.train_button.disabled, self.stop_button.disabled = True, False
        self.guarded(self._sync_slider)
        return self.in_chunks(self._chunk)

    def _chunk(self) -> bool:
        """Record CHUNK steps and redraw; False once the run is over (or failed)."""
        going = self.guarded(self._run_chunk)
        if going is None:  # the error is on the page; the controls work again
            self._end()
        return bool(going)

    def _run_chunk(self) -> bool:
        rec = self.recorder
        rec.step(CHUNK)
        self.progress.value = rec.step_count
        self.progress.description = text("widgets.scrub.progress", step=rec.step_count)
        self._sync_slider()
        if not (rec.trainer.done or self._stop):
            return True
        kept = ", ".join(map(str, self.recorded_steps()))
        if rec.trainer.diverged:
            self.say(text("widgets.scrub.diverged", step=rec.step_count), "warning")
        elif self._stop:
            self.say(text("widgets.scrub.stopped", step=rec.step_count, steps=kept), "note")
        else:
            self.say(text("widgets.scrub.done", steps=kept), "note")
        self._end()
        return False

    def _end(self) -> None:
        self.running = False
        self.train_button.disabled, self.stop_button.disabled = False, True

    def stop(self) -> None:
        """Ask a running training to stop after its current chunk."""
        self._stop = True

    # -- scrubbing ----------------------------------------------------------------------
    def _sync_slider(self) -> None:
        """Offer the recorded steps; redraw the curves and go to the newest snapshot."""
        slider, steps = self.controls["step"], self.recorded_steps()
        self._draw_lines()
        if list(slider.options) != steps:
            self._syncing = True  # new options move the value: one drawing, below
            try:
                slider.options = steps
                slider.value = steps[-1]
            finally:
                self._syncing = False
        self.show_step(slider.value)

    def _on_step(self, step: int) -> None:
        if not self._syncing:
            self.guarded(self.show_step, step)

    def show_step(self, step: int) -> None:
        """The snapshot kept at `step`, as recorded (no network is run), and the marker."""
        self.hist_image.value = self.grid.update(self.recorder.snapshots[step]).png()
        self.lines_image.value = self._marked(step)

    # -- the curves: drawn once per chunk, the marker blitted on a copy of them ---------
    def _draw_lines(self) -> None:
        fig, rec = self.lines, self.recorder
        fig.clear()
        # Fixed margins, not tight_layout: this runs after every chunk (~0.1 s saved).
        fig.subplots_adjust(left=0.15, right=0.98, top=0.94, bottom=0.09, hspace=0.34)
        loss, ratio = fig.subplots(2, 1)
        plot_losses({"loss": rec.trainer.losses} if rec.trainer.losses else {}, ax=loss)
        if loss.get_legend():  # one run: no legend, and room for the marker's label
            loss.get_legend().remove()
        if rec.ratios:
            plot_update_ratios(rec, ax=ratio)
        else:  # nothing to plot yet: the band and its label alone
            shade_rule_of_thumb(ratio).legend(fontsize=8, loc="upper right")
            ratio.set_ylim(-6, 0)
            ratio.set_ylabel(ratio_label())
        for ax in (loss, ratio):
            ax.set_xlim(-0.02 * self.steps, 1.02 * self.steps)  # step 0 and the last in view
            ax.set_xlabel(text("figure.training_step"), fontsize=8, labelpad=1)
            ax.tick_params(labelsize=7)
            ax.yaxis.label.set_fontsize(8)
        loss.set_title(text("figure.scrub.title"), fontsize=9)
        localize(fig)
        a, b = loss.get_position(), ratio.get_position()  # the colour bar narrows `ratio`
        loss.set_position([b.x0, a.y0, b.width, a.height])
        mark = dict(color="black", ls="--", lw=1.3, animated=True)
        self._markers = [ax.axvline(0, **mark) for ax in (loss, ratio)]
        # Where the marker crosses a label (plot_losses' note, the band's legend), the
        # label's pixels are put back over it: it never runs through their text.
        for t in loss.texts:
            t.set_bbox(dict(fc="white", ec="none", pad=0.5))
        labels = [*loss.texts, *filter(None, [ratio.get_legend()])]
        plain = dict(va="top", fontsize=8, linespacing=1.2, animated=True)  # cached glyphs
        self._marker_text = loss.text(0, 0.97, "", transform=loss.get_xaxis_transform(), **plain)
        localize(self._marker_text)
        fig.canvas.draw()
        self._background = fig.canvas.copy_from_bbox(fig.bbox)
        renderer, height = fig.canvas.get_renderer(), fig.bbox.height
        boxes = [t.get_window_extent(renderer).padded(2) for t in labels]
        # (x0, x1) and, for restore_region, the box in pixel rows counted from the top
        self._labels = [((b.x0, b.x1), (b.x0, height - b.y1, b.x1, height - b.y0)) for b in boxes]

    def _marked(self, step: int) -> bytes:
        """The curves with the marker at `step`: the cached pixels, two lines, the labels."""
        self.lines.canvas.restore_region(self._background)
        for m in self._markers:
            m.set_xdata([step, step])
            m.axes.draw_artist(m)
        x = self._markers[0].axes.transData.transform((step, 0))[0]
        for (lo, hi), box in self._labels:
            if lo <= x <= hi:  # the marker runs through this label: its pixels on top
                # (xy: where the whole saved region, the figure, starts)
                self.lines.canvas.restore_region(self._background, bbox=box, xy=(0, 0))
        right = step > self.steps / 2
        words = f" {text('figure.step_n', step=step)} "
        self._marker_text.set(x=step, text=words, ha="right" if right else "left")
        draw_text(self.lines, self._marker_text)
        return png_bytes(self.lines, draw=False)


def scrub_training(**defaults) -> ScrubExplorer:
    """Train once, recording, then scrub through the layers; keywords set the start."""
    return ScrubExplorer(**defaults)
