"""Notebooks 08 and 09's helpers: the sigma_w2 mapping, the Jacobian, the plots, both widgets."""

import io
import math

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure
from PIL import Image

import initlab_utils as il
from initlab_utils import theory
from initlab_utils.chaos_plots import (
    measure_correlations,
    phase_grid,
    plot_correlations,
    plot_depth_scales,
    plot_gradient_norms,
    plot_phase_diagram,
    plot_singular_values,
    predicted_correlations,
)
from initlab_utils.chaos_widgets import PhaseExplorer, explore_phase
from initlab_utils.theory_plots import (
    compare_with_theory,
    plot_gains,
    predicted_q,
    unit_gain_sigma_w2,
)
from initlab_utils.theory_widgets import explore_theory


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


# -- theory.scheme_sigma_w2 -------------------------------------------------------------------


def test_sigma_w2_follows_std_gain_and_activation():
    assert theory.scheme_sigma_w2("normal", std=0.1, width=100) == pytest.approx(1.0)
    assert theory.scheme_sigma_w2("normal", width=100) == pytest.approx(100.0)  # std 1
    assert theory.scheme_sigma_w2("uniform", std=0.2, width=50) == pytest.approx(2.0)
    assert theory.scheme_sigma_w2("xavier_normal", gain=2.0) == pytest.approx(4.0)
    tanh_gain = torch.nn.init.calculate_gain("tanh")
    assert theory.scheme_sigma_w2("xavier_uniform", gain="auto", activation="tanh") == (
        pytest.approx(tanh_gain**2)
    )
    assert theory.scheme_sigma_w2("he_normal", activation="relu") == pytest.approx(2.0)
    assert theory.scheme_sigma_w2("he_normal", activation="leaky_relu") < 2.0
    assert theory.scheme_sigma_w2("orthogonal", gain=1.5) == pytest.approx(2.25)
    assert theory.scheme_sigma_w2("pytorch_default", width=7) == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"scheme": "zeros"}, "'zeros' has no sigma_w2"),
        ({"scheme": "constant"}, "'constant' has no sigma_w2"),
        ({"scheme": "lsuv"}, "data-dependent"),
        ({"scheme": "xavier"}, "unknown scheme 'xavier'; choose one of"),
        ({"scheme": "he_normal", "std": 0.1}, "std must be None"),
        ({"scheme": "lecun_normal", "gain": 2.0}, "takes no gain"),
        ({"scheme": "normal", "std": -1.0}, "std must be a finite number > 0"),
        ({"scheme": "orthogonal", "gain": 0.0}, "gain must be a finite number > 0"),
        ({"scheme": "normal", "width": 0}, "width must be"),
        ({"scheme": "normal", "activation": "sigmod"}, "unknown activation"),
    ],
)
def test_sigma_w2_errors_name_the_problem(kwargs, match):
    with pytest.raises(ValueError, match=match):
        theory.scheme_sigma_w2(**kwargs)


def test_predicted_q_uses_the_mapping_and_lsuv_means_one():
    assert predicted_q("lsuv", "relu", 4).tolist() == [1.0] * 4
    np.testing.assert_allclose(
        predicted_q("he_normal", "relu", 3), theory.variance_map("relu", 2.0, 0.0, 3)
    )


# -- theory.predicted_gradient_std, theory.jacobian_singular_values -------------------------


def test_predicted_gradient_std_is_the_product_of_backward_gains():
    g = theory.predicted_gradient_std("tanh", 1.5, 0.1, 4)
    q = theory.variance_map("tanh", 1.5, 0.1, 4)
    gains = [theory.backward_gain("tanh", 1.5, x) for x in q]
    np.testing.assert_allclose(
        g, [gains[1] * gains[2] * gains[3], gains[2] * gains[3], gains[3], 1]
    )
    assert theory.predicted_gradient_std("relu", 2.0, 0.0, 5) == pytest.approx([1.0] * 5)


def test_jacobian_singular_values_match_torch_func():
    model = il.init_weights(il.build_mlp(3, 20, "tanh", out_features=7), "xavier_normal", seed=1)
    x = torch.randn(20, generator=torch.Generator().manual_seed(2))
    jac = torch.func.jacrev(model.double())(x.double()).detach()
    model.float()
    expected = torch.linalg.svdvals(jac).numpy()
    got = theory.jacobian_singular_values(model, x)
    assert got.shape == (7,)
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
    assert next(model.parameters()).dtype == torch.float32  # the model is left as it was


# -- theory_plots ------------------------------------------------------------------------------


def test_phase_grid_is_computed_once_and_read_only():
    g = phase_grid("tanh")
    assert g is phase_grid("tanh")
    assert g.xi.shape == (40, 40) and not g.xi.flags.writeable
    crit = [theory.critical_sigma_w2("tanh", b) for b in (0.0, 0.5)]
    assert g.critical_w2[0] == pytest.approx(crit[0]) and g.critical_w2[-1] == pytest.approx(
        crit[1]
    )
    # Ordered (xi small) on the left of the edge, large right next to it.
    assert g.xi[10, 0] < 3 and np.nanmax(g.xi) > 100


def test_plots_draw_on_the_given_axes_and_return_their_artists():
    ax = Figure().subplots()
    drawn = plot_gains("relu", ax=ax, measured_at=(1.0, 4.0))
    assert len(drawn["lines"]) == 4 and len(drawn["dots"]) == 2
    at = unit_gain_sigma_w2("relu", 1.0)
    assert [t.get_xdata()[0] for t in drawn["ticks"]] == pytest.approx([at["forward"], 2.0])
    ax = Figure().subplots()
    out = plot_phase_diagram(ax=ax, points={"P": (2.0, 0.1)})
    assert out["points"][0].get_xdata()[0] == 2.0 and ax.get_xlim() == (0.5, 4.0)
    ax = Figure().subplots()
    trace = il.run_experiment(activation="tanh", depth=4, scheme="xavier_normal")
    dots, line = plot_gradient_norms(trace, 1.0, 0.0, ax=ax)
    assert len(dots.get_xdata()) == 4 and line.get_ydata()[-1] == pytest.approx(1.0)
    ax = Figure().subplots()
    lines = plot_singular_values({"a": np.array([0.5, 2.0, 0.0])}, ax=ax)
    assert lines[0].get_ydata().tolist() == [2.0, 0.5, 1e-8]  # sorted, floored


def test_correlation_plots_draw_what_they_are_given():
    ax = Figure().subplots()
    measured = measure_correlations(1.0, 0.3, 0.5, depth=4, width=50, n_pairs=5)
    predicted = predicted_correlations(1.0, 0.3, 0.5, 4)
    assert measured.shape == predicted.shape == (4,) and predicted[0] == 0.5
    dots, line = plot_correlations(measured, predicted, ax=ax, label="A")
    assert list(dots.get_ydata()) == list(measured) and list(line.get_ydata()) == list(predicted)
    ax = Figure().subplots()
    drawn = plot_depth_scales(0.05, ax=ax, n=6)
    xi, xi_c = drawn["xi"].get_ydata(), drawn["xi_c"].get_ydata()
    assert len(xi) == 6 and xi[0] == pytest.approx(xi_c[0])  # ordered: one depth scale
    assert xi_c[-1] > xi[-1]  # chaotic: the correlations' is longer
    assert drawn["edge"].get_xdata()[0] == pytest.approx(theory.critical_sigma_w2("tanh", 0.05))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"sigma_w2": 1.0, "sigma_b2": 0.0, "c1": 0.5}, "finite q"),  # q* = 0
        ({"sigma_w2": 1.0, "sigma_b2": 0.3, "c1": -0.9}, "cannot be reached"),
        ({"sigma_w2": -1.0, "sigma_b2": 0.3, "c1": 0.5}, "sigma_w2"),
    ],
)
def test_measure_correlations_explains_what_it_cannot_do(kwargs, match):
    with pytest.raises(ValueError, match=match):
        measure_correlations(**kwargs, depth=2, width=10, n_pairs=2)


def test_compare_with_theory_skips_layers_it_cannot_predict():
    trace = il.run_experiment(activation="linear", std=10.0, depth=50, backward=False)
    rows = compare_with_theory(trace, theory.variance_map("linear", 1e4, 0.0, 50))
    assert 0 < len(rows) < 50
    assert all(math.isfinite(r["gap"]) for r in rows)


# -- explore_theory ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def theory_explorer():
    return explore_theory(depth=5)


def test_theory_explorer_draws_the_prediction(theory_explorer):
    ex = theory_explorer
    assert ex.redraws == 1 and ex.image.value[:4] == b"\x89PNG"
    assert "σ_w² = n·Var(W) = 1" in ex.readout.value
    pred = ex.grid.rows[0]["pred"][0].get_data().values
    assert pred.sum() == pytest.approx(1.0, abs=0.01)  # a histogram of the prediction
    assert "initlab-readout" in ex.readout._dom_classes


def test_theory_explorer_redraws_and_explains(theory_explorer):
    ex = theory_explorer
    before, count = ex.image.value, ex.redraws
    ex.controls["activation"].value = "sigmoid"
    assert ex.redraws == count + 1 and ex.image.value != before
    assert "one unit across the inputs" in ex.readout.value
    ex.controls["scheme"].value = "lsuv"
    assert "q_l = 1" in ex.readout.value
    ex.controls["scheme"].value = "constant"
    assert "No prediction" in ex.readout.value and ex._q is None
    ex.controls["scheme"].value = "normal"
    ex.entries["std"].value = "abc"
    assert "std must be a number" in ex.message.value
    ex.controls["std"].value = 0.1
    assert "Error" not in ex.message.value and "σ_w² = n·Var(W) = 1" in ex.readout.value
    ex.controls["seed"].value = -1
    assert "seed must be" in ex.message.value
    ex.controls["seed"].value = 0


# -- explore_phase -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def phase():
    return explore_phase(sigma_w2=1.5, sigma_b2=0.05, n_samples=200)


def test_phase_explorer_has_its_controls_and_classes(phase):
    assert set(phase.controls) == {"sigma_w2", "sigma_b2", "seed"}
    assert "initlab-sigma_w2" in phase.controls["sigma_w2"]._dom_classes
    assert "initlab-sigma_b2" in phase.controls["sigma_b2"]._dom_classes
    assert "initlab-figure" in phase.image._dom_classes
    assert "initlab-message" in phase.message._dom_classes
    assert phase.redraws == 1 and phase.trace.depth == 30
    assert list(phase.marker.get_xdata()) == [1.5] and list(phase.marker.get_ydata()) == [0.05]


def test_moving_a_slider_moves_the_marker_and_redraws(phase):
    before, count = phase.image.value, phase.redraws
    histograms = phase.histograms.value
    phase.controls["sigma_w2"].value = 3.0
    assert list(phase.marker.get_xdata()) == [3.0]
    assert phase.redraws == count + 1
    assert phase.image.value != before and phase.histograms.value != histograms
    assert "chaotic" in phase.readout.value and phase.entries["sigma_w2"].value == "3"
    xi_c = theory.correlation_depth_scale("tanh", 3.0, 0.05)
    assert (
        f"ξ_c = {xi_c:.3g}" in phase.readout.value
        and f"{6 * xi_c:.0f} layers" in phase.readout.value
    )
    phase.controls["sigma_b2"].value = 0.2
    assert list(phase.marker.get_ydata()) == [0.2]
    measured = phase.dots.get_ydata()
    assert measured[0] == pytest.approx(phase.trace.stats()[0]["grad_std"])


def test_blitted_picture_equals_a_fresh_one(phase):
    phase.controls["sigma_w2"].value = 2.0
    phase.controls["sigma_b2"].value = 0.1
    fresh = PhaseExplorer(sigma_w2=2.0, sigma_b2=0.1, n_samples=200)
    assert np.array_equal(pixels(phase.image.value), pixels(fresh.image.value))


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("sigma_w2", "abc", "sigma_w2 must be a number, got &#x27;abc&#x27;"),
        ("sigma_w2", "-1", "sigma_w2 must be a finite number &gt; 0"),
        ("sigma_w2", "10", "sigma_w2 must be between 0.5 and 4 here"),
        ("sigma_b2", "-0.1", "sigma_b2 must be a finite number &gt;= 0"),
        ("sigma_b2", "nan", "sigma_b2 must be a finite number"),
        ("sigma_b2", "1", "sigma_b2 must be between 0 and 0.5 here"),
    ],
)
def test_bad_values_show_a_message_and_the_sliders_keep_working(phase, name, text, message):
    phase.entries[name].value = text
    assert message in phase.message.value
    before = phase.image.value
    phase.controls["sigma_w2"].value = 1.0 if phase.controls["sigma_w2"].value != 1.0 else 1.2
    assert phase.image.value != before and "Error" not in phase.message.value


def test_typed_good_value_moves_the_slider(phase):
    phase.entries["sigma_b2"].value = "0.3"
    assert phase.controls["sigma_b2"].value == pytest.approx(0.3)
    assert list(phase.marker.get_ydata()) == [pytest.approx(0.3)]


def test_errors_in_the_callback_reach_the_page(phase):
    phase.controls["seed"].value = -3
    assert "seed must be &gt;= 0" in phase.message.value
    phase.controls["seed"].value = 1
    assert "Error" not in phase.message.value


def test_bad_starting_values_raise():
    with pytest.raises(ValueError, match="sigma_w2 must be between"):
        explore_phase(sigma_w2=9.0)
    with pytest.raises(ValueError, match="depth must be between"):
        explore_phase(depth=500)


def test_overflowing_layers_get_no_prediction_line_and_a_plain_readout():
    ex = explore_theory(activation="linear", scheme="normal", std=8.9, depth=50)
    assert "overflowed" in ex.readout.value and "nan" not in ex.readout.value
    row = ex.grid.rows[0]
    for bad, pred in zip(row["bad"], row["pred"]):
        if bad.get_text():  # an overflowed panel: nothing drawn for theory either
            assert not pred.get_visible() or not pred.get_data().values.any()
