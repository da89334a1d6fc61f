"""The static figures of plots.py and theory_plots.py share one convention: f(data, *,
ax=None) -> Axes, drawn on pyplot's current axes when ax is None; no plt.show(), no rcParams.
"""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import initlab_utils as il


@pytest.fixture(autouse=True)
def no_open_figures():
    yield
    plt.close("all")


def test_layer_stat_plot_draws_on_the_given_axes_one_line_per_trace(small_traces):
    fig, ax = plt.subplots()
    out = il.plot_layer_stat(
        {"one": small_traces["a"], "two": [small_traces["a"], small_traces["b"]]}, ax=ax
    )
    assert out is ax
    assert len(ax.lines) == 3
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["one", "two"]  # a group gets one legend entry
    assert ax.lines[1].get_color() == ax.lines[2].get_color()
    assert list(ax.lines[0].get_ydata()) == il.layer_stat(small_traces["a"], "std")
    assert ax.get_yscale() == "log"


def test_layer_stat_plot_of_fractions_is_linear(small_traces):
    ax = il.plot_layer_stat({"a": small_traces["a"]}, "frac_saturated")
    assert ax.get_yscale() == "linear"
    assert ax.get_xlabel() == "layer"


def test_layer_stat_plot_of_nothing_is_an_error():
    with pytest.raises(ValueError, match="empty"):
        il.plot_layer_stat({})


def test_losses_plot_draws_one_line_per_run_and_the_chance_line():
    ax = il.plot_losses({"a": [2.3, 2.0, 1.5], "b": [2.3, 2.3, 2.3]}, steps=3)
    assert len(ax.get_lines()) == 3
    assert ax.get_lines()[-1].get_ydata()[0] == pytest.approx(il.CHANCE_LOSS)
    plt.figure()
    seeds = il.plot_losses({"s": np.array([[2.3, 2.0], [2.3, 1.0]])})
    assert seeds.get_lines()[0].get_ydata().tolist() == [2.3, 1.5]  # the median of the seeds


@pytest.fixture(scope="module")
def recorder():
    """A tiny recorded training run, for the training-statistics plots."""
    return il.record_training(
        activation="relu", scheme="he_normal", depth=2, width=8, steps=4, at=(0, 4), every=2
    )


def _every_plot(small_traces, recorder=None):
    """One call of every static plot function, with small data."""
    measured = np.array([0.5, 0.6, 0.7])
    effect = {"output_change": 0.1, "grad_ratio": 2.0, "step_ratio": 4.0}
    return {
        "plot_update_ratios": lambda ax: il.plot_update_ratios(recorder, ax=ax),
        "plot_diagnostic": lambda ax: il.plot_diagnostic(recorder, "std", ax=ax),
        "plot_ratio_profile": lambda ax: il.plot_ratio_profile({"a": recorder}, last=4, ax=ax),
        "plot_stream_std": lambda ax: il.plot_stream_std({"a": measured[None]}, ax=ax),
        "plot_rescaling": lambda ax: il.plot_rescaling({"a": {0.1: effect, 10.0: effect}}, ax=ax),
        "plot_layer_stat": lambda ax: il.plot_layer_stat(small_traces, ax=ax),
        "plot_losses": lambda ax: il.plot_losses({"a": [2.3, 2.0]}, ax=ax),
        "plot_gains": lambda ax: il.plot_gains("relu", ax=ax, measured_at=(1.0,)),
        "plot_phase_diagram": lambda ax: il.plot_phase_diagram(ax=ax),
        "plot_gradient_norms": lambda ax: il.plot_gradient_norms(
            small_traces["a"], 1.0, 0.0, ax=ax
        ),
        "plot_correlations": lambda ax: il.plot_correlations(measured, measured, ax=ax),
        "plot_depth_scales": lambda ax: il.plot_depth_scales(0.05, ax=ax, n=4),
        "plot_singular_values": lambda ax: il.plot_singular_values({"a": measured}, ax=ax),
    }


def test_every_plot_function_is_listed_here():
    names = {n for n in il.__all__ if n.startswith("plot_")} - {"plot_trace"}  # a HistogramGrid
    assert names == set(_every_plot({}))


def test_every_plot_draws_on_the_current_axes_or_the_given_ones(
    small_traces, recorder, monkeypatch
):
    def no_show(*args, **kwargs):
        raise AssertionError("the package must not call plt.show()")

    monkeypatch.setattr(plt, "show", no_show)
    rc = dict(matplotlib.rcParams)
    for name, plot in _every_plot({"a": small_traces["a"]}, recorder).items():
        fig = plt.figure()  # as a cell does: the figure it shows is pyplot's current one
        out = plot(None)
        assert out is fig.gca() and out.figure is fig, name
        assert out.has_data(), name
        fig, given = plt.subplots(1, 2)
        assert plot(given[1]) is given[1] and not given[0].has_data(), name
        plt.close("all")
    assert dict(matplotlib.rcParams) == rc
