"""theory_plots: each figure draws what it is given (or computes) on the Axes it returns;
the convention shared with plots.py is tested in test_plots.py."""

import numpy as np
import pytest
from matplotlib.figure import Figure

import initlab_utils as il


def axes():
    return Figure().subplots()


def test_gains_plot_theory_lines_measured_dots_and_unit_gain_ticks():
    ax = il.plot_gains("relu", ax=axes(), measured_at=(1.0, 4.0))
    lines, dots = ax.lines[:4], ax.lines[4:]
    assert [line.get_label() for line in lines] == [
        "forward, q = 1",
        "backward, q = 1",
        "forward, q = 0.01",
        "backward, q = 0.01",
    ]
    at = il.unit_gain_sigma_w2("relu", 1.0)
    # Per direction: the measured dots, then the tick at the sigma_w2 of gain 1.
    assert [len(d.get_xdata()) for d in dots[:-1]] == [2, 1, 2, 1]
    assert [dots[1].get_xdata()[0], dots[3].get_xdata()[0]] == pytest.approx([at["forward"], 2.0])


def test_phase_diagram_marks_the_points_over_the_plane():
    ax = il.plot_phase_diagram(ax=axes(), points={"P": (2.0, 0.1)})
    assert ax.get_xlim() == (0.5, 4.0)
    edge, point = ax.lines
    assert edge.get_xdata()[0] == pytest.approx(il.critical_sigma_w2("tanh", 0.0))
    assert point.get_xdata()[0] == 2.0 and point.get_ydata()[0] == 0.1


def test_gradient_norms_dots_measured_line_predicted():
    trace = il.run_experiment(activation="tanh", depth=4, scheme="xavier_normal")
    ax = il.plot_gradient_norms(trace, 1.0, 0.0, ax=axes())
    dots, line = ax.lines
    assert list(dots.get_ydata()) == [s["grad_std"] for s in trace.stats()]
    assert line.get_ydata()[-1] == pytest.approx(1.0)


def test_singular_values_sorted_and_floored():
    ax = il.plot_singular_values({"a": np.array([0.5, 2.0, 0.0])}, ax=axes())
    assert ax.lines[0].get_ydata().tolist() == [2.0, 0.5, 1e-8]


def test_correlations_draw_what_they_are_given():
    measured = il.measure_correlations(1.0, 0.3, 0.5, depth=4, width=50, n_pairs=5)
    predicted = il.predicted_correlations(1.0, 0.3, 0.5, 4)
    assert measured.shape == predicted.shape == (4,) and predicted[0] == 0.5
    dots, line = il.plot_correlations(measured, predicted, ax=axes(), label="A").lines
    assert list(dots.get_ydata()) == list(measured) and list(line.get_ydata()) == list(predicted)


def test_depth_scales_one_in_the_ordered_phase_two_in_the_chaotic():
    xi, xi_c, edge = il.plot_depth_scales(0.05, ax=axes(), n=6).lines
    xi, xi_c = xi.get_ydata(), xi_c.get_ydata()
    assert len(xi) == 6 and xi[0] == pytest.approx(xi_c[0])  # ordered: one depth scale
    assert xi_c[-1] > xi[-1]  # chaotic: the correlations' is longer
    assert edge.get_xdata()[0] == pytest.approx(il.critical_sigma_w2("tanh", 0.05))
