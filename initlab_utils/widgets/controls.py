"""The controls' rows: one Control spec per control (its widget, range, label, checks)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets

from ..checks import InputError, check_bool, check_choice, check_int, check_positive, parse_number
from ..i18n import text

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
            bounds = dict(lo=lo, hi=hi, where=where, value=value)
            raise InputError(self.name, lambda n: text("widgets.out_of_range", name=n, **bounds))
        return value

    def parse(self, text: str) -> float | int:
        """Text typed into the entry box, as a value the control can take."""
        return self.check_value(parse_number(self.name, text, int if self.kind == "int" else float))

    def format(self, value: float | int) -> str:
        """The entry box's echo of the control's value."""
        return str(value) if self.kind == "int" else f"{value:.3g}"


SEED = Control("seed", "number", width="150px")


@dataclass(frozen=True)
class Toggle(Control):
    """A checkbox row: its value is True or False."""

    def make(self, value: object, style: dict) -> widgets.Widget:
        w = widgets.Checkbox(
            value=value, description=self.label or self.name, indent=False,
            layout=widgets.Layout(width="auto"),
        )  # fmt: skip
        w.add_class(f"initlab-{self.name}")
        return w

    def check_value(self, value: object) -> bool:
        return check_bool(self.name, value)


@dataclass(frozen=True)
class Menu(Control):
    """A menu row whose choices are shown by `labels` (in the reader's language)."""

    labels: tuple = ()

    def make(self, value: object, style: dict) -> widgets.Widget:
        w = widgets.Dropdown(
            options=list(zip(self.labels, self.range)), value=value,
            description=self.label or self.name, style=style, layout=widgets.Layout(width="210px"),
        )  # fmt: skip
        w.add_class(f"initlab-{self.name}")
        return w
