"""The one base of the live explorers: control specs, typed entries, the message line, the lock."""

from __future__ import annotations

import asyncio
import html
import math
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ipywidgets as widgets

from ..checks import check_choice, check_int, check_positive, parse_number
from ..i18n import language, text
from ..inits import INIT_SCHEMES
from ..threads import torch_threads

LABEL_WIDTH = "70px"  # the controls' descriptions line up in one column
WIDE_LABEL_WIDTH = "100px"  # the column in Korean, whose labels are longer (가중치 표준편차)
COLORS = {"error": "#b00020", "warning": "#8a5300", "note": "#444"}

# The widget each kind of control is; `Control.range` is (min, max, step) for the sliders
# (exponents of 10 for "log"), the registry of choices for "menu", unused for "number".
KINDS = {
    "log": widgets.FloatLogSlider,
    "float": widgets.FloatSlider,
    "int": widgets.IntSlider,
    "menu": widgets.Dropdown,
    "number": widgets.IntText,
}


def shared_label(name: str) -> str:
    """The description of a control the explorers share, in the current language (looked
    up when the widget is made, so set_language first takes effect); else `name`."""
    labels = {
        "std": text("widgets.label.std"),
        "depth": text("widgets.label.depth"),
        "width": text("widgets.label.width"),
        "activation": text("widgets.label.activation"),
        "scheme": text("widgets.label.scheme"),
        "seed": text("widgets.label.seed"),
        "optimizer": text("widgets.label.optimizer"),
        "lr": text("widgets.label.lr"),
        "steps": text("widgets.label.steps"),
    }
    return labels.get(name, name)


@dataclass(frozen=True)
class Control:
    """One control, one row: its widget has the CSS class `initlab-<name>` (the browser
    tests find it by that) and its value is the keyword argument `keyword` (default: name).
    Its description is `label`, or else the shared one for `name` (`shared_label`).

    A row with `entry` gets a text box beside it (class `initlab-<name>-entry`) whose typed
    value is checked with `check` and against the slider's range; an error says `where`
    that range comes from (default: the slider's range).
    """

    name: str
    kind: str
    range: tuple | dict = ()
    label: str = ""
    keyword: str = ""
    entry: bool = False
    check: Callable[[str, object], float] = check_positive
    where: str = ""
    width: str | None = None

    def make(self, value: object, style: dict) -> widgets.Widget:
        """The widget, holding `value`."""
        if self.kind == "menu":
            extra = dict(options=list(self.range))
        elif self.kind == "number":
            extra = dict(layout=widgets.Layout(width=self.width))
        else:
            lo, hi, step = self.range
            extra = dict(min=lo, max=hi, step=step, readout=not self.entry)
            if self.kind == "log":
                extra["base"] = 10
        label = self.label or shared_label(self.name)
        w = KINDS[self.kind](**extra, value=value, description=label, style=style)
        w.add_class(f"initlab-{self.name}")
        return w

    def bounds(self) -> tuple[float, float]:
        """The values the slider can take, as numbers (a log slider's range is exponents)."""
        lo, hi, _ = self.range
        return (10**lo, 10**hi) if self.kind == "log" else (lo, hi)

    def check_value(self, value: object) -> float | int | str:
        """`value` if this control can take it, else a ValueError naming it and what is allowed."""
        if self.kind == "menu":
            return check_choice(self.name, value, self.range)
        if self.kind == "number":
            return check_int(self.name, value, low=0)
        lo, hi = self.bounds()
        if self.kind == "int":
            return check_int(self.name, value, low=lo, high=hi)
        value = self.check(self.name, value)
        if not lo - 1e-9 <= value <= hi + 1e-9:
            where = self.where or text("widgets.where.slider")
            raise ValueError(
                text("widgets.out_of_range", name=self.name, lo=lo, hi=hi, where=where, value=value)
            )
        return value

    def parse(self, text: str) -> float | int:
        """Text typed into the entry box, as a value the control can take."""
        return self.check_value(parse_number(self.name, text, int if self.kind == "int" else float))

    def format(self, value: float | int) -> str:
        """The entry box's echo of the control's value."""
        return str(value) if self.kind == "int" else f"{value:.3g}"


SEED = Control("seed", "number", width="150px")


def message_html(message: object, level: str) -> str:
    """A message for the page: an error, a warning or a note; exceptions become their text."""
    if isinstance(message, Exception):
        err = message
        message = str(err) if isinstance(err, ValueError) else f"{type(err).__name__}: {err}"
    body = html.escape(str(message)) if message else ""
    if body and level == "error":
        body = text("widgets.message.error", message=body)
    elif body and level == "warning":
        body = text("widgets.message.warning", message=body)
    return f'<div style="color:{COLORS[level]};min-height:1.4em">{body}</div>'


def png_image(css: str, width: str | None = None) -> widgets.Image:
    """An image widget for a figure's PNG, with the CSS class `css`."""
    layout = widgets.Layout(width=width) if width else widgets.Layout(max_width="100%")
    image = widgets.Image(format="png", layout=layout)
    image.add_class(css)
    return image


class ControlPanel(widgets.VBox):
    """What every explorer shares: `controls` made from Control rows, typed `entries`, the
    `message` line, and `redraw()`, serialised by a lock, whose errors reach the page.

    A subclass calls `build_controls` first, lays out its rows with `super().__init__`, and
    implements `draw()`.
    """

    label_width = LABEL_WIDTH

    def build_controls(
        self,
        specs: Iterable[Control],
        values: dict,
        *,
        checked: Iterable[str] = (),
        redraw_on: Iterable[str] | None = None,
    ) -> None:
        """Make the controls holding `values` (menus and the names in `checked` checked
        first); a change of those in `redraw_on` (default: all) redraws."""
        self.specs = {s.name: s for s in specs}
        style = {"description_width": self.description_width()}
        for s in self.specs.values():
            if s.kind == "menu" or s.name in checked:
                values[s.name] = s.check_value(values[s.name])
        self.controls = {n: s.make(values[n], style) for n, s in self.specs.items()}
        self.entries = {
            n: widgets.Text(
                value=s.format(self.controls[n].value),
                continuous_update=False,
                layout=widgets.Layout(width="72px"),
            )
            for n, s in self.specs.items()
            if s.entry
        }
        self.redraw_on = set(self.specs if redraw_on is None else redraw_on)
        self.message = widgets.HTML()
        self.message.add_class("initlab-message")
        # JupyterLab may deliver widget messages on kernel subshells, i.e. other threads:
        # the lock keeps two redraws from interleaving, and since each reads the settings
        # once it holds the lock, the last one to run always draws the newest values.
        self._lock = threading.RLock()
        for n, w in self.controls.items():
            w.observe(lambda change, n=n: self._on_control(n), names="value")
        for n, e in self.entries.items():
            e.add_class(f"initlab-{n}-entry")
            e.observe(lambda change, n=n: self._on_entry(n, change["new"]), names="value")
        self.sync_std()

    def description_width(self) -> str:
        """The controls' description column: `label_width`, wider for Korean's labels."""
        return self.label_width if language() == "en" else WIDE_LABEL_WIDTH

    # -- reacting to the page -----------------------------------------------------------
    def _on_control(self, name: str) -> None:
        if name in self.entries:
            self.entries[name].value = self.specs[name].format(self.controls[name].value)
        self.sync_std()
        if name in self.redraw_on:
            self.redraw()

    def _on_entry(self, name: str, text: str) -> None:
        slider, spec = self.controls[name], self.specs[name]
        if text == spec.format(slider.value):
            return  # the box only echoes the slider (rounded): do not move the slider back
        value = self.guarded(spec.parse, text)
        if value is not None and not math.isclose(value, slider.value):
            slider.value = value  # redraws through _on_control

    def sync_std(self) -> None:
        """Disable std (and its box) under a scheme that sets its own scale."""
        if "std" in self.controls and "scheme" in self.controls:
            off = not INIT_SCHEMES[self.controls["scheme"].value].uses_std
            self.controls["std"].disabled = off
            if "std" in self.entries:
                self.entries["std"].disabled = off

    def values(self) -> dict:
        """The controls' values by keyword; std is None under a scheme that sets its scale."""
        v = {s.keyword or n: self.controls[n].value for n, s in self.specs.items()}
        if "std" in v and "scheme" in v and not INIT_SCHEMES[v["scheme"]].uses_std:
            v["std"] = None
        return v

    # -- drawing ------------------------------------------------------------------------
    def guarded(self, fn: Callable, *args, **kwargs):
        """fn(*args, **kwargs) under the lock on one torch thread; an exception goes to the
        message line (never into a log) and makes the result None."""
        with self._lock, torch_threads(1):  # see torch_threads: small tensors, shared CPUs
            try:
                return fn(*args, **kwargs)
            except Exception as err:  # noqa: BLE001 -- every error must reach the page
                self.say(err, "error")
                return None

    @staticmethod
    def in_chunks(chunk: Callable[[], bool]):
        """Call `chunk` until it returns False. In a kernel (an event loop runs) as a task
        that yields between chunks, so Stop and the sliders are heard during a run; in a
        script or a test, all at once."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            while chunk():
                pass
            return None

        async def run() -> None:
            while chunk():
                await asyncio.sleep(0.01)

        return loop.create_task(run())

    def redraw(self) -> None:
        """Draw the current settings; errors go to `message`, and the controls keep working."""
        self.guarded(self.draw)

    def draw(self) -> None:
        """Compute and show the current settings (a subclass's job)."""
        raise NotImplementedError

    def say(self, message: object, level: str) -> None:
        """Show `message` in the message line as an "error", a "warning" or a "note"."""
        self.message.value = message_html(message, level)
