"""HistogramGrid draws what the trace holds, in place, and fast; stats_table lists the layers."""

import io

import numpy as np
import pytest
import torch
from matplotlib.text import Text
from PIL import Image

import initlab_utils as il
from initlab_utils.histograms import nice_ceil, shown_layers
from initlab_utils.tables import stats_table


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def test_grid_has_a_panel_per_layer_with_the_activation_range():
    trace = il.run_experiment(activation="tanh", scheme="xavier_normal", depth=4)
    grid = il.plot_trace(trace)
    acts, grads = grid.rows
    assert len(acts["axes"]) == len(grads["axes"]) == 4
    assert acts["axes"][0].get_xlim() == (-1.0, 1.0)
    assert [ax.get_title() for ax in acts["axes"]] == [f"layer {i}" for i in range(1, 5)]


def test_bars_are_the_histogram_of_the_values():
    trace = il.run_experiment(depth=2, backward=False)
    grid = il.plot_trace(trace)
    st = grid.rows[0]["stairs"][0]
    counts, edges = np.histogram(trace.activations[0].numpy(), bins=grid.bins, range=(0, 1))
    np.testing.assert_allclose(st.get_data().values, counts / counts.sum(), atol=1e-3)
    np.testing.assert_allclose(st.get_data().edges, edges)


def test_update_reuses_the_figure_and_only_redraws_the_data():
    grid = il.HistogramGrid("sigmoid", gradients=True)
    grid.update(il.run_experiment(std=1.0))
    figure, axes, draws = grid.figure, grid.rows[0]["axes"][0], grid.full_draws
    before = pixels(grid.png())
    grid.update(il.run_experiment(std=1.05))
    assert grid.figure is figure and grid.rows[0]["axes"][0] is axes
    assert grid.full_draws == draws  # same limits: blitted, not redrawn
    assert not np.array_equal(before, pixels(grid.png()))


# Pairs of settings whose second picture is blitted onto the first one's background; the
# second pair overflows in its deeper layers.
MOVES = [
    (dict(std=1.0), dict(std=1.05)),
    (dict(activation="linear", std=10.0, depth=50), dict(activation="linear", std=10.0, seed=2)),
]


@pytest.mark.parametrize("first,second", MOVES)
def test_blitted_picture_equals_a_fresh_drawing(first, second):
    activation = first.get("activation", "sigmoid")
    grid = il.HistogramGrid(activation, gradients=True)
    grid.update(il.run_experiment(**first))
    second = il.run_experiment(**{**first, **second})
    fast = pixels(grid.update(second).png())
    assert grid.full_draws == 1
    fresh = pixels(il.HistogramGrid(activation, gradients=True).update(second).png())
    assert np.array_equal(fast, fresh)


# -- the fast paths: each is counted or compared, never timed ------------------------------


@pytest.mark.parametrize("first,second", MOVES)
def test_blitted_updates_lay_out_no_text_with_matplotlib(monkeypatch, first, second):
    grid = il.HistogramGrid(first.get("activation", "sigmoid"), gradients=True)
    grid.update(il.run_experiment(**first))
    drawn = []
    monkeypatch.setattr(Text, "draw", lambda text, renderer: drawn.append(text.get_text()))
    grid.update(il.run_experiment(**{**first, **second}))
    # Panel labels come from cached glyphs, overflow notices with the background; on a
    # matplotlib where the fast path is off, the labels go through Text.draw instead.
    from initlab_utils._fast import glyphs

    assert grid.full_draws == 1
    assert drawn == [] if glyphs.enabled() else any("σ" in t for t in drawn)


# Layouts a student moves between: depth (another number of panels, or other layers in
# the same panels), activation (another row label and limits), an overflowing network.
LAYOUTS = [
    dict(depth=5),
    dict(depth=6),
    dict(depth=1),
    dict(depth=30),
    dict(depth=31),
    dict(activation="tanh", depth=5),
    dict(activation="relu", depth=10),
    dict(activation="linear", std=10.0, depth=50),
]


def test_a_known_layout_is_copied_not_drawn_by_matplotlib(monkeypatch):
    from matplotlib.axes import Axes

    grid = il.HistogramGrid("sigmoid", gradients=True)
    traces = [il.run_experiment(**kw) for kw in LAYOUTS]
    for trace in traces:  # first visits: a row's background is drawn once
        grid.update(trace)
    figure, draws = grid.figure, grid.full_draws
    drawn = []
    monkeypatch.setattr(Axes, "draw", lambda ax, renderer: drawn.append(ax))
    for trace in traces[::-1] + traces:
        grid.update(trace)
        n = len(grid.layers)  # the picture is the layout's size (the PNG header says)
        assert (
            grid.png()[16:24]
            == np.array([grid.geometry.width(n), grid.geometry.height], ">u4").tobytes()
        )
    assert drawn == [] and grid.full_draws == draws and grid.figure is figure


def assert_same_picture(a: np.ndarray, b: np.ndarray) -> None:
    """The same picture, but for the glyphs' level or two (as in test_glyphs.py) and, on
    some matplotlib versions, a tick label one pixel over: drawn in its own panel, its
    position can round the other way than in the panel it was copied from."""
    assert a.shape == b.shape
    a, b = a.astype(int), b.astype(int)
    off = (np.abs(a - b) > 2).any(-1)
    for dx in (-1, 1):
        off &= ~(np.abs(a - np.roll(b, dx, axis=1)) <= 2).all(-1)
    assert not off.any() and (a != b).any(-1).mean() < 0.002


@pytest.mark.parametrize(
    "state,gradients", [(s, True) for s in range(len(LAYOUTS))] + [(0, False), (3, False)]
)
def test_composed_picture_equals_a_full_drawing(state, gradients):
    # The background is put together from cached rows of two panels, shifted copies of
    # the second and titles drawn on top; matplotlib drawing the whole figure afresh must
    # give the same picture.
    grid = il.HistogramGrid("sigmoid", gradients=gradients)
    for kw in LAYOUTS[state + 1 :] + LAYOUTS[:state]:  # its rows' backgrounds come from others
        grid.update(il.run_experiment(**kw, backward=gradients))
    fast = pixels(grid.update(il.run_experiment(**LAYOUTS[state], backward=gradients)).png())
    assert_same_picture(fast, pixels(grid.redraw().png()))


def test_panels_shown_later_get_the_rows_limits():
    # Limits stay across depth changes: panels made or shown for a deeper network must
    # still take them (their bars are drawn with their own axes' scales).
    grid = il.HistogramGrid("tanh")
    for depth in (3, 12, 1, 7):
        grid.update(il.run_experiment(activation="tanh", depth=depth, backward=False))
        limits = {(ax.get_xlim(), ax.get_ylim()) for ax in grid.rows[0]["axes"]}
        assert len(limits) == 1, limits


def test_composed_picture_with_theory_equals_a_full_drawing():
    grid = il.HistogramGrid("tanh")
    trace = il.run_experiment(activation="tanh", scheme="xavier_normal", depth=12, backward=False)
    q = [0.5] * trace.depth
    fast = pixels(grid.update(trace, predicted_q=q).png())
    assert grid.rows[0]["pred"][0].get_visible()
    assert_same_picture(fast, pixels(grid.redraw().png()))


def test_what_is_added_to_the_figure_by_hand_is_shown():
    # Notebook 07 titles a grid with figure.suptitle and then displays it.
    grid = il.plot_trace(il.run_experiment(depth=3))
    before = pixels(grid._repr_png_())
    grid.figure.suptitle("step 0, N(0, 1)", x=0.02, ha="left", fontsize=10)
    after = pixels(grid._repr_png_())
    top_left = (slice(0, 25), slice(0, 120))
    assert (before[top_left] == 255).all() and (after[top_left] < 128).any()
    np.testing.assert_array_equal(before[60:], after[60:])
    # ...and stays through later updates, which then draw the whole figure.
    grid.update(il.run_experiment(depth=3, seed=1))
    assert (pixels(grid.png())[top_left] < 128).any()


def test_an_update_checks_finiteness_without_a_pass_over_the_values(monkeypatch):
    trace = il.run_experiment(activation="tanh", depth=4)
    sizes, isfinite = [], torch.isfinite
    monkeypatch.setattr(torch, "isfinite", lambda t: sizes.append(t.numel()) or isfinite(t))
    il.HistogramGrid("tanh", gradients=True).update(trace)
    assert sizes and max(sizes) == 1  # only each layer's mean or std is looked at


def test_histograms_count_as_histc_with_outliers_in_the_end_bins():
    grid = il.HistogramGrid("relu")
    t = 3 * torch.randn(10_000, generator=torch.Generator().manual_seed(0))
    t[::50] = 0.5  # exactly on a bin edge
    expected = torch.histc(t.clamp(-2, 4), grid.bins, -2, 4) / t.numel()
    np.testing.assert_array_equal(grid._hist(t, -2.0, 4.0, False), expected.numpy())
    # ReLU's zeros are left out of the bars but still count in the total.
    r = t.relu()
    expected = torch.histc(r[r != 0].clamp(0, 2), grid.bins, 0, 2) / r.numel()
    np.testing.assert_array_equal(grid._hist(r, 0.0, 2.0, True), expected.numpy())


def test_png_holds_exactly_the_canvas_pixels():
    grid = il.plot_trace(il.run_experiment(depth=3))
    rgb = np.asarray(grid.canvas.buffer_rgba())[..., :3]
    for png in (grid.png(), grid._repr_png_()):
        assert np.array_equal(pixels(png), rgb)
        assert len(png) < rgb.size / 10  # a plot compresses well


def test_same_seed_same_pixels():
    a = il.plot_trace(il.run_experiment(seed=3)).png()
    b = il.plot_trace(il.run_experiment(seed=3)).png()
    assert a == b


def test_overflow_panels_say_so():
    grid = il.plot_trace(il.run_experiment(activation="linear", std=10.0, depth=50))
    labels = [t.get_text() for t in grid.rows[0]["bad"]]
    assert labels[0] == "" and "not finite" in labels[-1]
    assert not grid.rows[0]["stairs"][-1].get_visible()


def test_deep_networks_show_evenly_spaced_layers():
    assert shown_layers(5, 10) == [1, 2, 3, 4, 5]
    layers = shown_layers(30, 10)
    assert len(layers) == 10 and layers[0] == 1 and layers[-1] == 30


def test_nice_ceil():
    assert [nice_ceil(x) for x in (0.3, 0.5, 0.51, 7, 1e-4)] == [0.5, 0.5, 1.0, 10.0, 1e-4]


def test_stats_table_lists_every_layer():
    html = stats_table(il.run_experiment(depth=3))
    assert html.count("<tr>") == 4 and "grad std" in html
