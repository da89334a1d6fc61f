"""Labels drawn from cached glyphs look as Text.draw draws them."""

import itertools
import random

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from initlab_utils._fast import glyphs
from initlab_utils._fast.glyphs import can_draw, draw_text
from initlab_utils.bins import panel_label

PANEL_LABEL = dict(ha="center", va="top", fontsize=7, linespacing=1.1)  # as HistogramGrid's


@pytest.fixture(scope="module")
def ax():
    if not glyphs.enabled():  # an older matplotlib: every label goes through Text.draw
        pytest.skip("the fast text path is off on this matplotlib")
    fig = Figure(figsize=(3, 2), dpi=80)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    fig.canvas.draw()
    ax.background = fig.canvas.copy_from_bbox(fig.bbox)
    return ax


def assert_same_picture(text):
    """`text` drawn from cached glyphs looks as matplotlib draws it, on the same axes."""
    canvas = text.figure.canvas
    pictures = []
    for draw in (None, text.figure.draw_artist, lambda t: draw_text(canvas.get_renderer(), t)):
        canvas.restore_region(text.axes.background)
        if draw:
            draw(text)
        pictures.append(np.asarray(canvas.buffer_rgba()).astype(int))
    background, matplotlib, glyphs = pictures
    inked = (matplotlib != background).any(-1).sum()
    differ = (matplotlib != glyphs).any(-1)
    # The same pixels, but where two glyphs' edges overlap: blended once rather than
    # twice, those may be a level or two of 255 off.
    assert inked > 20
    assert np.abs(matplotlib - glyphs).max() <= 2
    assert differ.sum() <= 0.02 * inked


def random_stats(rng):
    return dict(
        mean=rng.choice([1, -1]) * 10 ** rng.uniform(-6, 3),
        std=10 ** rng.uniform(-6, 3),
        frac_saturated=rng.choice([0, rng.random()]),
        frac_dead=rng.choice([0, rng.random()]),
        grad_std=10 ** rng.uniform(-30, 5),
    )


def test_panel_labels_look_as_text_draw_draws_them(ax):
    rng = random.Random(0)
    for k in range(60):
        kind = "act" if k % 3 else "grad"
        label = panel_label(kind, random_stats(rng), zeros_dropped=k % 2 == 0)
        t = ax.text(0.5, 0.97, label, transform=ax.transAxes, **PANEL_LABEL)
        assert can_draw(t)
        assert_same_picture(t)
        t.remove()


ALIGNMENTS = list(
    itertools.product(["left", "center", "right"], ["top", "center", "bottom", "baseline"])
)


@pytest.mark.parametrize("ha,va", ALIGNMENTS)
def test_every_alignment_lands_where_text_draw_puts_it(ax, ha, va):
    styles = [
        dict(fontsize=7, color="black", linespacing=1.1),
        dict(fontsize=9.5, color="#d62728", linespacing=1.6, multialignment="right"),
    ]
    for style in styles:
        label = "μ -0.46  σ 2.1e-05\n\nzero 3% (not drawn)"
        t = ax.text(0.43, 0.61, label, ha=ha, va=va, transform=ax.transAxes, **style)
        assert_same_picture(t)
        t.remove()


def test_what_it_cannot_reproduce_is_left_to_matplotlib(ax):
    assert can_draw(ax.text(0, 0, "σ 0.21", linespacing=1.1))
    assert not can_draw(ax.text(0, 0, "σ 0.21"))  # linespacing "normal" depends on content
    assert not can_draw(ax.text(0, 0, "σ 0.21", linespacing=1.1, rotation=30))
    assert not can_draw(ax.text(0, 0, r"$\sigma$ 0.21", linespacing=1.1))
    assert not can_draw(ax.text(0, 0, "not finite", linespacing=1.1))  # the fi ligature


# -- the public-API fallback -----------------------------------------------------------


@pytest.fixture
def fresh_check(monkeypatch):
    """Forget the remembered self-test, so it runs again under this test's conditions."""
    monkeypatch.setattr(glyphs, "_ENABLED", None)
    yield
    glyphs._ENABLED = None


def grid_picture():
    import initlab_utils as il

    grid = il.HistogramGrid("sigmoid", gradients=True)
    grid.update(il.run_experiment(std=1.0))
    grid.update(il.run_experiment(std=1.05))  # a blitted move: the labels' fast path
    return pixels(grid.png())


def pixels(png):
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png))).astype(int)


def test_fast_path_passes_its_self_test_here(fresh_check):
    # On the pinned matplotlib the fast path is on; if this fails, the course still
    # works (through Text.draw) but every label costs ten times more. On an older
    # matplotlib (the compatibility runs) it may pass or fall back, never raise.
    import matplotlib
    from packaging.version import Version

    if Version(matplotlib.__version__) < Version("3.11"):
        assert glyphs.enabled() in (True, False)
        pytest.skip(f"matplotlib {matplotlib.__version__}: fast path {glyphs.enabled()}")
    assert glyphs.enabled()


def test_switched_off_by_environment_variable_the_grid_draws_the_same(fresh_check, monkeypatch):
    fast = grid_picture()
    monkeypatch.setenv("INITLAB_FAST_TEXT", "0")
    glyphs._ENABLED = None
    assert not glyphs.enabled()
    ax = Figure().add_subplot()
    assert not can_draw(ax.text(0, 0, "σ 0.21", linespacing=1.1))
    slow = grid_picture()
    assert np.abs(fast - slow).max() <= 2 and (fast != slow).any(-1).mean() < 0.002


def test_a_matplotlib_without_the_internals_falls_back_without_error(fresh_check, monkeypatch):
    # matplotlib 3.10 has no Text.get_linespacing: the crash this course once had there
    # came from calling it outside any fallback. Take it away and make the fast path call
    # it anyway: the self-test must catch that, and the grid draw through Text.draw.
    monkeypatch.delattr(Text, "get_linespacing", raising=False)
    monkeypatch.setattr(glyphs, "_linespacing", lambda text: text.get_linespacing())
    assert not glyphs.enabled()
    ax = Figure().add_subplot()
    assert not can_draw(ax.text(0, 0, "σ 0.21", linespacing=1.1))
    assert grid_picture().std() > 0  # drawn, labels and all, without an exception


def test_a_failure_after_the_self_test_switches_to_text_draw_for_good(fresh_check, monkeypatch):
    if not glyphs.enabled():
        pytest.skip("the fast path is off on this matplotlib")

    def broken(renderer, text):
        raise AttributeError("changed internals")

    monkeypatch.setattr(glyphs, "draw_text", broken)
    grid_picture()
    assert not glyphs.enabled()
