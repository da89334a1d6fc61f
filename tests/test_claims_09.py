"""Every claim notebook 09 (the edge of chaos) makes in words, measured through the package."""

import math

import numpy as np
import pytest
import torch

import initlab_utils as il
from initlab_utils import (
    jacobian_spectrum,
    measure_correlations,
    near_one,
    phase_trace,
    predicted_correlations,
)

# -- 1. the phase diagram ------------------------------------------------------------------

POINTS = {"A": (1.0, 0.3), "C": (3.0, 0.05)}


def test_phase_points_are_ordered_critical_and_chaotic():
    b = il.critical_sigma_w2("tanh", 0.05)
    assert il.chi1("tanh", *POINTS["A"]) < 1
    assert il.chi1("tanh", b, 0.05) == pytest.approx(1.0, abs=1e-6)
    assert il.chi1("tanh", *POINTS["C"]) > 1


@pytest.mark.parametrize("point", ["A", "B", "C"])
def test_gradient_norms_follow_the_prediction(point):
    w, b = POINTS.get(point) or (il.critical_sigma_w2("tanh", 0.05), 0.05)
    t = phase_trace(w, b)
    measured = np.array([s["grad_std"] for s in t.stats()])
    predicted = il.predicted_gradient_std("tanh", w, b, 30)
    assert np.abs(np.log(measured / predicted)).max() < math.log(1.5)
    if point == "B":  # passes the gradient through 30 layers at about the same size
        assert 0.5 < measured[0] / measured[-1] < 2
    elif point == "A":
        assert measured[0] / measured[-1] < 1e-2
    else:
        assert measured[0] / measured[-1] > 10


# -- 2. two depth scales ---------------------------------------------------------------------


def _point(name):
    return POINTS.get(name) or (il.critical_sigma_w2("tanh", 0.05), 0.05)


def test_ordered_phase_pairs_end_alike_and_the_two_depth_scales_are_one():
    w, b = POINTS["A"]
    assert il.correlation_fixed_point("tanh", w, b) == 1.0
    assert il.chi_c("tanh", w, b) == pytest.approx(il.chi1("tanh", w, b))
    assert il.correlation_depth_scale("tanh", w, b) == pytest.approx(il.depth_scale("tanh", w, b))


def test_at_the_edge_both_depth_scales_are_infinite():
    w, b = _point("B")
    assert il.depth_scale("tanh", w, b) == math.inf
    assert il.correlation_depth_scale("tanh", w, b) == math.inf


def test_chaotic_point_c_correlation_depth_scale_is_longer_than_the_gradients():
    w, b = POINTS["C"]
    c_star = il.correlation_fixed_point("tanh", w, b)
    assert 0 < c_star < 1  # correlations settle below 1
    assert il.chi_c("tanh", w, b) < 1 < il.chi1("tanh", w, b)
    xi, xi_c = il.depth_scale("tanh", w, b), il.correlation_depth_scale("tanh", w, b)
    assert xi_c > 1.5 * xi  # 9.05 against 5.27: the 6 xi bound differs by 23 layers
    # Everywhere on the chaotic side of sigma_b2 = 0.05, as the figure's two curves show.
    for s in (2.0, 2.5, 3.5, 4.0):
        assert il.correlation_depth_scale("tanh", s, b) > il.depth_scale("tanh", s, b)


def test_a_real_layer_shrinks_the_distance_to_c_star_by_chi_c_not_chi1():
    """Direct simulation of chi_c: pairs at c* +- 0.1 in width-1000 networks, one layer on."""
    w, b = POINTS["C"]
    c_star = il.correlation_fixed_point("tanh", w, b)
    slopes = []
    for seed in range(3):
        hi, lo = (
            measure_correlations(w, b, c_star + d, depth=2, n_pairs=100, seed=seed)
            for d in (0.1, -0.1)
        )
        slopes.append((hi[1] - lo[1]) / (hi[0] - lo[0]))
    assert np.mean(slopes) == pytest.approx(il.chi_c("tanh", w, b), rel=0.01)
    assert max(slopes) < 0.5 * (1 + il.chi1("tanh", w, b))  # nowhere near chi1


@pytest.mark.parametrize("point", ["A", "B", "C"])
def test_measured_correlations_follow_the_correlation_map(point):
    w, b = _point(point)
    measured = measure_correlations(w, b, 0.5)
    predicted = predicted_correlations(w, b, 0.5, 30)
    # One network of width 1000 strays from the n -> inf limit by a few hundredths
    # (up to 0.05 over seeds 0-4).
    assert np.abs(measured - predicted).max() < 0.07
    c_star = il.correlation_fixed_point("tanh", w, b)
    if point == "A":  # "the two inputs become one within a few layers"
        assert c_star == 1.0 and measured[4] > 0.9 and measured[9] > 0.99
    elif point == "B":  # "creeps towards 1"
        assert 0.6 < measured[-1] < 0.95
        assert np.all(np.diff(predicted) > 0)
    else:  # "settles at c*"
        assert abs(measured[-5:].mean() - c_star) < 0.04


# -- 3. dynamical isometry --------------------------------------------------------------------


@pytest.mark.parametrize("depth", [10, 50])
def test_orthogonal_linear_network_is_an_exact_isometry(depth):
    s = jacobian_spectrum("linear", "orthogonal", depth, width=200)
    assert np.abs(s - 1).max() < 1e-5


def test_gaussian_spectrum_spreads_with_depth():
    s10, s50 = (jacobian_spectrum("linear", "normal", d, width=200) for d in (10, 50))
    assert near_one(s10) > near_one(s50)
    assert near_one(s10) < 0.5
    assert s50.max() > s10.max() > 2
    assert np.median(s50) < np.median(s10) < 0.5


@pytest.mark.parametrize("activation", ["linear", "tanh"])
def test_at_depth_50_about_half_of_the_gaussian_singular_values_are_below_1e_8(activation):
    kw = {"sigma_w2": 1.0, "sigma_b2": 0.0}
    if activation == "tanh":
        kw = {"sigma_w2": il.critical_sigma_w2("tanh", 1e-4), "sigma_b2": 1e-4}
    for seed in range(3):
        s50 = jacobian_spectrum(activation, "normal", 50, width=200, seed=seed, **kw)
        s10 = jacobian_spectrum(activation, "normal", 10, width=200, seed=seed, **kw)
        assert 0.4 < np.mean(s50 < 1e-8) < 0.6
        assert np.mean(s10 < 1e-8) < 0.1


def test_orthogonal_tanh_at_the_edge_stays_close_to_an_isometry():
    kw = {"sigma_w2": il.critical_sigma_w2("tanh", 1e-4), "sigma_b2": 1e-4, "width": 200}
    orthogonal = jacobian_spectrum("tanh", "orthogonal", 50, **kw)
    gaussian = jacobian_spectrum("tanh", "normal", 50, **kw)
    assert near_one(orthogonal) > 0.75  # "most directions within a factor 2"
    assert near_one(gaussian) < 0.1
    assert near_one(jacobian_spectrum("tanh", "orthogonal", 10, **kw)) > 0.95


# -- 4. LSUV -------------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_lsuv_sets_every_layer_variance_to_one(activation):
    t = il.run_experiment(activation=activation, scheme="lsuv", depth=20)
    variances = np.array([z.var().item() for z in t.pre_activations])
    assert np.all(np.abs(variances - 1) < 0.1)
    chosen = np.mean([100 * s**2 for s in t.weight_stds[1:]])
    theirs = 1 / il.activation_moments(activation, 1.0)["second_moment"]
    assert chosen == pytest.approx(theirs, rel=0.02 if activation == "tanh" else 0.15)


def test_lsuv_fixes_the_forward_pass_only():
    tanh = il.run_experiment(activation="tanh", scheme="lsuv", depth=20).stats()
    s2 = 1 / il.activation_moments("tanh", 1.0)["second_moment"]
    predicted = il.predicted_gradient_std("tanh", s2, 0.0, 20, q0=1 / s2)[0]
    assert tanh[0]["grad_std"] > 2  # grows over 20 layers
    assert tanh[0]["grad_std"] == pytest.approx(predicted, rel=0.1)
    sigmoid = il.run_experiment(activation="sigmoid", scheme="lsuv", depth=20).stats()
    assert sigmoid[0]["grad_std"] < 1e-6  # vanishes


def test_lsuv_relu_gradient_scatters_around_one_between_narrow_networks():
    grads = [
        il.run_experiment(activation="relu", scheme="lsuv", depth=20, seed=seed).stats()[0][
            "grad_std"
        ]
        for seed in range(4)
    ]
    assert min(grads) < 1 < max(grads)
    assert il.predicted_gradient_std("relu", 2.0, 0.0, 20)[0] == pytest.approx(1.0)


def test_tanh_histograms_under_xavier_he_lsuv():
    std = {
        s: il.run_experiment(activation="tanh", scheme=s, depth=20, backward=False).stats()[-1]
        for s in ("xavier_normal", "he_normal", "lsuv")
    }
    assert std["xavier_normal"]["std"] < 0.5 * std["he_normal"]["std"]
    assert std["lsuv"]["std"] == pytest.approx(il.activation_moments("tanh", 1.0)["std"], 0.02)


# -- 5. PyTorch's default ------------------------------------------------------------------


def test_nn_linear_default_variance_is_one_third_over_n():
    with torch.random.fork_rng():
        torch.manual_seed(0)
        layer = torch.nn.Linear(1000, 1000)
    assert 1000 * layer.weight.var().item() == pytest.approx(1 / 3, rel=0.01)
    ours = il.init_weights(il.build_mlp(1, 1000, "linear", bias=True), "pytorch_default")[0]
    assert 1000 * ours.weight.var().item() == pytest.approx(1 / 3, rel=0.01)
    assert 1000 * ours.bias.var().item() == pytest.approx(1 / 3, rel=0.1)  # 1000 values only


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_pytorch_default_shrinks_deep_networks_to_the_biases(activation):
    def run(scheme):
        return il.run_experiment(
            activation=activation,
            scheme=scheme,
            depth=30,
            bias=scheme == "pytorch_default",
        ).stats()

    default, he = run("pytorch_default"), run("he_normal")
    assert default[-1]["std"] < default[0]["std"] / 5
    assert default[-1]["unit_std"] < 1e-4 * default[-1]["std"]  # every input alike
    assert default[0]["grad_std"] < 1e-5
    assert default[0]["grad_std"] < 1e-4 * he[0]["grad_std"]
    if activation == "tanh":  # and the variance map with sigma_w2 = 1/3, sigma_b2 = 1/300
        predicted = il.predicted_activation_std("tanh", 1 / 3, 1 / 300, 30)[-1]
        assert default[-1]["std"] == pytest.approx(predicted, rel=0.2)


def test_pytorch_default_puts_deep_networks_far_into_the_ordered_phase():
    tanh = il.chi1("tanh", 1 / 3, 1 / 300)
    assert tanh < 0.5 and il.depth_scale("tanh", 1 / 3, 1 / 300) < 2
    assert il.chi1("relu", 1 / 3, 1 / 300) == pytest.approx(1 / 6)
