"""initlab_utils.compare: per-layer statistics and their plot."""

import math

import matplotlib.pyplot as plt
import pytest

import initlab_utils as il
from initlab_utils.compare import layer_stat, plot_layer_stat


@pytest.fixture(scope="module")
def traces():
    return {
        "a": il.run_experiment(depth=4, width=20, n_samples=50),
        "b": il.run_experiment(
            activation="relu", scheme="he_normal", depth=4, width=20, n_samples=50
        ),
    }


def test_layer_stat_reads_stats_and_derives_rms_and_pre_std(traces):
    tr = traces["b"]
    assert layer_stat(tr, "std") == [s["std"] for s in tr.stats()]
    assert layer_stat(tr, "grad_std") == [s["grad_std"] for s in tr.stats()]
    for v, h in zip(layer_stat(tr, "rms"), tr.activations):
        assert v == pytest.approx(math.sqrt(h.double().pow(2).mean().item()))
    for v, z in zip(layer_stat(tr, "pre_std"), tr.pre_activations):
        assert v == pytest.approx(z.double().std().item())


def test_layer_stat_unknown_key_lists_the_choices(traces):
    with pytest.raises(ValueError, match="unknown key 'sdt'.*std.*rms"):
        layer_stat(traces["a"], "sdt")
    with pytest.raises(ValueError):
        layer_stat(traces["a"], "layer")


def test_plot_draws_on_the_given_axes_one_line_per_trace(traces):
    fig, ax = plt.subplots()
    try:
        out = plot_layer_stat({"one": traces["a"], "two": [traces["a"], traces["b"]]}, ax=ax)
        assert out is ax
        assert len(ax.lines) == 3
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels == ["one", "two"]  # a group gets one legend entry
        assert ax.lines[1].get_color() == ax.lines[2].get_color()
        assert list(ax.lines[0].get_ydata()) == layer_stat(traces["a"], "std")
        assert ax.get_yscale() == "log"
    finally:
        plt.close(fig)


def test_plot_fractions_are_linear_and_new_axes_are_made(traces):
    ax = plot_layer_stat({"a": traces["a"]}, "frac_saturated")
    try:
        assert ax.get_yscale() == "linear"
        assert ax.get_xlabel() == "layer"
    finally:
        plt.close(ax.figure)


def test_plot_empty_is_an_error():
    with pytest.raises(ValueError, match="empty"):
        plot_layer_stat({})
