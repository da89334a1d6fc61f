"""explore(): the controls redraw the histograms at once, typed values and errors are explained."""

import pytest

import initlab_utils as il


@pytest.fixture
def explorer():
    return il.explore(depth=3)


def test_a_known_layout_in_the_explorer_redraws_no_axes(explorer):
    moves = [("depth", 4), ("depth", 3), ("activation", "tanh"), ("activation", "sigmoid")]
    for name, value in moves:
        explorer.controls[name].value = value
    draws = explorer.grid.full_draws
    for name, value in moves * 2:
        explorer.controls[name].value = value
    assert explorer.grid.full_draws == draws and explorer.redraws == 1 + 3 * len(moves)


def test_explorer_has_the_documented_controls(explorer):
    assert set(explorer.controls) == {"std", "depth", "width", "activation", "scheme", "seed"}
    assert explorer.redraws == 1 and explorer.image.value[:4] == b"\x89PNG"


def test_setting_a_control_redraws_synchronously(explorer):
    before = explorer.image.value
    explorer.controls["std"].value = 0.01
    assert explorer.redraws == 2 and explorer.image.value != before
    assert explorer.entries["std"].value == "0.01"
    explorer.controls["activation"].value = "tanh"
    assert explorer.trace.activation == "tanh"
    assert explorer.grid.rows[0]["axes"][0].get_xlim() == (-1.0, 1.0)


def test_small_moves_take_the_fast_path(explorer):
    figure, draws = explorer.grid.figure, explorer.grid.full_draws
    for v in (0.9, 0.95, 1.05):
        explorer.controls["std"].value = v
    assert explorer.grid.figure is figure and explorer.grid.full_draws == draws


@pytest.mark.parametrize(
    "name,text,message",
    [
        ("std", "abc", "std must be a number, got &#x27;abc&#x27;"),
        ("std", "-1", "std must be a finite number &gt; 0, got -1.0"),
        ("std", "50", "std must be between 0.001 and 10 here"),
        ("depth", "0", "depth must be between 1 and 50, got 0"),
        ("depth", "2.5", "depth must be a whole number"),
        ("width", "5000", "width must be between 10 and 200"),
    ],
)
def test_typed_bad_values_are_explained_and_the_controls_keep_working(
    explorer, name, text, message
):
    explorer.entries[name].value = text
    assert message in explorer.message.value
    before = explorer.image.value
    explorer.controls["std"].value = 0.5
    assert explorer.image.value != before and explorer.message.value.count("Error") == 0


def test_typed_good_value_moves_the_slider(explorer):
    explorer.entries["depth"].value = "7"
    assert explorer.controls["depth"].value == 7 and explorer.trace.depth == 7


def test_errors_in_the_callback_reach_the_page(explorer):
    explorer.controls["seed"].value = -2
    assert "seed must be &gt;= 0" in explorer.message.value
    explorer.controls["seed"].value = 2
    assert "Error" not in explorer.message.value


def test_overflow_is_explained(explorer):
    explorer.controls["activation"].value = "linear"
    explorer.controls["std"].value = 10
    explorer.controls["depth"].value = 50
    assert "overflowed" in explorer.message.value


def test_schemes_that_set_their_own_scale_disable_std(explorer):
    explorer.controls["scheme"].value = "he_normal"
    assert explorer.controls["std"].disabled and "std is not used" in explorer.message.value
    assert explorer.settings()["std"] is None


def test_bad_starting_values_raise():
    with pytest.raises(ValueError, match="unknown activation"):
        il.explore(activation="sigmod")
    with pytest.raises(ValueError, match="depth must be between 1 and 50"):
        il.explore(depth=100)
