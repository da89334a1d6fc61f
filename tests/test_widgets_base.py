"""The explorers' one base: a Control row makes its widget, typed entries and redraw errors
reach the message line, and the scheme registry decides whether std is used."""

import ipywidgets as widgets
import pytest

from initlab_utils.checks import check_nonnegative
from initlab_utils.inits import INIT_SCHEMES
from initlab_utils.widgets import Control, ControlPanel, message_html


class Panel(ControlPanel):
    """The smallest explorer: two controls with entries and a menu; draw() counts, or fails."""

    def __init__(self, fail: Exception | None = None):
        self.fail, self.draws = fail, 0
        specs = (
            Control("gain", "float", (0.0, 2.0, 0.1), entry=True, check=check_nonnegative),
            Control("layers", "int", (1, 9, 1), entry=True, keyword="depth"),
            Control("scheme", "menu", INIT_SCHEMES, label="init"),
            Control("std", "log", (-3, 1, 0.05)),
        )
        start = dict(gain=1.0, layers=3, scheme="normal", std=1.0)
        self.build_controls(specs, start, checked=("gain", "layers"))
        super().__init__([self.message, *self.controls.values(), *self.entries.values()])
        self.redraw()

    def draw(self) -> None:
        if self.fail is not None:
            raise self.fail
        self.draws += 1


@pytest.mark.parametrize(
    "spec,value,kind",
    [
        (Control("gain", "float", (0.0, 2.0, 0.1)), 1.0, widgets.FloatSlider),
        (Control("std", "log", (-3, 1, 0.05)), 0.1, widgets.FloatLogSlider),
        (Control("depth", "int", (1, 50, 1)), 5, widgets.IntSlider),
        (Control("scheme", "menu", INIT_SCHEMES, label="init"), "he_normal", widgets.Dropdown),
        (Control("seed", "number", width="150px"), 0, widgets.IntText),
    ],
)
def test_a_control_row_makes_its_widget_with_its_css_class(spec, value, kind):
    w = spec.make(value, {"description_width": "70px"})
    assert type(w) is kind and w.value == value
    assert w._dom_classes == (f"initlab-{spec.name}",)
    assert w.description == (spec.label or spec.name)
    if spec.kind == "menu":
        assert list(w.options) == list(INIT_SCHEMES)  # the registry is the menu


def test_a_panel_makes_controls_entries_and_maps_keywords():
    p = Panel()
    assert set(p.controls) == {"gain", "layers", "scheme", "std"}
    assert set(p.entries) == {"gain", "layers"}  # only rows with entry=True
    assert "initlab-gain-entry" in p.entries["gain"]._dom_classes
    assert "initlab-message" in p.message._dom_classes
    assert not p.controls["gain"].readout  # the entry box is the readout
    assert p.values() == {"gain": 1.0, "depth": 3, "scheme": "normal", "std": 1.0}
    assert p.draws == 1 and p.message.value == ""


def test_moving_a_control_echoes_its_entry_and_redraws():
    p = Panel()
    p.controls["gain"].value = 1.5
    assert p.entries["gain"].value == "1.5" and p.draws == 2
    p.entries["layers"].value = "7"
    assert p.controls["layers"].value == 7 and p.draws == 3


@pytest.mark.parametrize(
    "name,text,message",
    [
        ("gain", "abc", "gain must be a number, got &#x27;abc&#x27;"),
        ("gain", "-1", "gain must be a finite number &gt;= 0, got -1.0"),
        ("gain", "3", "gain must be between 0 and 2 here (the slider&#x27;s range), got 3"),
        ("layers", "2.5", "layers must be a whole number, got &#x27;2.5&#x27;"),
        ("layers", "10", "layers must be between 1 and 9, got 10"),
    ],
)
def test_a_bad_typed_entry_names_the_parameter_and_what_is_allowed(name, text, message):
    p = Panel()
    before = p.controls[name].value
    p.entries[name].value = text
    assert "Error: " + message in p.message.value
    assert p.controls[name].value == before and p.draws == 1


def test_bad_starting_values_raise_with_the_same_words():
    with pytest.raises(ValueError, match="gain must be between 0 and 2 here"):
        Control("gain", "float", (0.0, 2.0, 0.1)).check_value(5.0)
    with pytest.raises(ValueError, match="unknown scheme 'nope'; choose one of: zeros"):
        Control("scheme", "menu", INIT_SCHEMES).check_value("nope")
    with pytest.raises(ValueError, match="seed must be >= 0"):
        Control("seed", "number").check_value(-1)


@pytest.mark.parametrize(
    "error,shown",
    [
        (ValueError("depth must be >= 1"), "Error: depth must be &gt;= 1"),
        (RuntimeError("out of <memory>"), "Error: RuntimeError: out of &lt;memory&gt;"),
    ],
)
def test_an_exception_in_a_redraw_shows_in_the_message_line(error, shown):
    p = Panel(fail=error)  # the first redraw, from the constructor, must not raise either
    assert shown in p.message.value
    p.message.value = ""
    p.controls["gain"].value = 0.5  # a widget callback: the error must not vanish
    assert shown in p.message.value
    p.fail = None
    p.controls["gain"].value = 0.7
    assert p.draws == 1 and p.controls["gain"].value == 0.7


def test_std_follows_the_scheme_registry():
    p = Panel()
    for name, scheme in INIT_SCHEMES.items():
        p.controls["scheme"].value = name
        assert p.controls["std"].disabled is not scheme.uses_std
        assert (p.values()["std"] is None) is not scheme.uses_std


def test_message_html_levels():
    assert message_html("", "note").endswith("></div>")
    assert "color:#8a5300" in message_html("too deep", "warning")
    assert "Warning: too deep" in message_html("too deep", "warning")
