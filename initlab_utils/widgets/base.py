"""The one base of the live explorers: the panel of controls, typed entries, the message
line, the lock and the error-trapping redraw (the rows themselves: controls.py).

The message line speaks the reader's language: an input error (checks.InputError) names
the control by the label the widget shows, with its code name in parentheses
(가중치 표준편차(std)), and says what is allowed, all from the message tables.
"""

from __future__ import annotations

import asyncio
import html
import math
import threading
from collections.abc import Callable, Iterable, Mapping

import ipywidgets as widgets

from ..checks import InputError
from ..i18n import language, text
from ..inits import INIT_SCHEMES
from ..threads import torch_threads
from .controls import Control

LABEL_WIDTH = "70px"  # the controls' descriptions line up in one column
WIDE_LABEL_WIDTH = "100px"  # the column in Korean, whose labels are longer (가중치 표준편차)
COLORS = {"error": "#b00020", "warning": "#8a5300", "note": "#444"}


def error_text(err: Exception, labels: Mapping[str, str] | None = None) -> str:
    """What the message line says of `err`. An InputError, in the current language, names
    the parameter by its control's label in `labels` (code name -> label) with the code name
    in parentheses, or by its code name; any other ValueError is its text; any other
    exception (a bug) its type and text, which a bug report needs as they are."""
    if isinstance(err, InputError):
        label = (labels or {}).get(err.name, err.name)
        named = label if label == err.name else text("checks.named", label=label, name=err.name)
        return err.shown(named)
    if isinstance(err, ValueError):
        return str(err)
    return text("checks.unexpected", kind=type(err).__name__, message=err)


def message_html(message: object, level: str, labels: Mapping[str, str] | None = None) -> str:
    """A message for the page: an error, a warning or a note; exceptions become their text
    (error_text, with the controls' `labels`)."""
    if isinstance(message, Exception):
        message = error_text(message, labels)
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

    def labels(self) -> dict[str, str]:
        """Each control's label as its widget shows it, by name and by keyword."""
        out = {}
        for n, s in getattr(self, "specs", {}).items():  # none before build_controls
            out[n] = out[s.keyword or n] = self.controls[n].description
        return out

    def say(self, message: object, level: str) -> None:
        """Show `message` in the message line as an "error", a "warning" or a "note"; an
        exception names a control by its label (error_text)."""
        self.message.value = message_html(message, level, self.labels())
