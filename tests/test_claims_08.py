"""Every claim notebook 08 (theory you can touch) makes in words, measured through the package."""

import math

import numpy as np
import pytest
import torch

import initlab_utils as il
from initlab_utils import theory
from initlab_utils.exercises import (
    check_pytorch_default_sigma_w2,
    check_sigmoid_backward_sigma_w2,
    check_tanh_edge_of_chaos,
)
from initlab_utils.theory_plots import (
    compare_with_theory,
    jacobian_spectrum,
    measure_layer_gains,
    near_one,
    phase_trace,
    predicted_q,
    unit_gain_sigma_w2,
)


def _max_gap(activation, scheme, width=100, depth=10, n_samples=1000, seed=0):
    t = il.run_experiment(
        activation=activation,
        scheme=scheme,
        depth=depth,
        width=width,
        n_samples=n_samples,
        seed=seed,
        backward=False,
    )
    rows = compare_with_theory(t, predicted_q(scheme, activation, depth, width=width))
    return max(abs(r["gap"]) for r in rows)


# -- 1. predicted vs measured ---------------------------------------------------------------


@pytest.mark.parametrize(
    "scheme, std, expected",
    [
        ("normal", 0.05, 2.5),
        ("xavier_normal", None, 1.0),
        ("he_normal", None, 2.0),
        ("lecun_normal", None, 1.0),
        ("orthogonal", None, 1.0),
        ("pytorch_default", None, 1 / 3),
    ],
)
def test_sigma_w2_of_each_scheme_is_n_var_w(scheme, std, expected):
    n = 1000
    assert theory.scheme_sigma_w2(scheme, std=std, activation="relu", width=n) == pytest.approx(
        expected
    )
    model = il.init_weights(il.build_mlp(1, n, "relu"), scheme, std=std, seed=0)
    assert n * model[0].weight.var().item() == pytest.approx(expected, rel=0.01)


# test_theory checks the variance map for normal weights with biases; here every scheme
# goes through scheme_sigma_w2, as the notebook's figures and widget do.
@pytest.mark.parametrize(
    "activation, scheme",
    [
        ("tanh", "xavier_normal"),
        ("tanh", "orthogonal"),
        ("tanh", "pytorch_default"),
        ("selu", "lecun_normal"),
        ("gelu", "he_normal"),
        ("sigmoid", "xavier_uniform"),
        ("tanh", "lsuv"),  # q_l = 1 by construction
    ],
)
def test_wide_networks_follow_the_prediction_within_a_few_percent(activation, scheme):
    assert _max_gap(activation, scheme, width=1000, depth=6, n_samples=300) < 0.05


SCHEMES = ["lecun_normal", "xavier_normal", "he_normal", "orthogonal", "pytorch_default", "lsuv"]


def test_width_100_table_tanh_and_selu_close_relu_gelu_sigmoid_further():
    worst = {a: max(_max_gap(a, s) for s in SCHEMES) for a in ("tanh", "selu", "relu", "gelu")}
    worst["sigmoid"] = max(_max_gap("sigmoid", s) for s in SCHEMES)
    assert worst["tanh"] < 0.08 and worst["selu"] < 0.08  # "a few percent"
    assert min(worst["relu"], worst["gelu"], worst["sigmoid"]) > 0.1  # "stray further"


def test_narrow_relu_networks_scatter_and_the_scatter_shrinks_with_width():
    predicted = theory.predicted_activation_std("relu", 2.0, 0.0, 10)[-1]
    scatter = []
    for width in (25, 100, 400):
        stds = [
            il.run_experiment(
                activation="relu",
                scheme="he_normal",
                depth=10,
                width=width,
                n_samples=400,
                seed=seed,
                backward=False,
            ).stats()[-1]["std"]
            for seed in range(8)
        ]
        scatter.append(np.std(stds) / predicted)
    assert scatter[0] > scatter[1] > scatter[2]
    assert scatter[2] < 0.5 * scatter[0]


def test_sigmoid_spread_is_predicted_but_comes_from_fixed_unit_offsets():
    t = il.run_experiment(activation="sigmoid", scheme="lecun_normal", depth=10, backward=False)
    rows = compare_with_theory(t, predicted_q("lecun_normal", "sigmoid", 10))
    assert max(abs(r["gap"]) for r in rows) < 0.15  # the spread over all units
    stats = t.stats()
    # ... but one unit barely varies across the inputs: each unit is a fixed offset.
    assert stats[-1]["unit_std"] < 1e-4 * stats[-1]["std"]
    assert all(a["unit_std"] > b["unit_std"] for a, b in zip(stats, stats[1:]))
    # The offsets c_i = sum_j W_ij m_j: a unit's mean over the inputs, spread across units.
    offsets = t.activations[-1].mean(dim=0)
    assert offsets.std().item() == pytest.approx(stats[-1]["std"], rel=0.01)


# -- 2. forward and backward gains -----------------------------------------------------------


def test_xavier_keeps_tanh_near_zero_he_keeps_relu_at_every_scale():
    tanh = unit_gain_sigma_w2("tanh", 0.01)
    assert tanh["forward"] == pytest.approx(1.0, abs=0.03)
    assert tanh["backward"] == pytest.approx(1.0, abs=0.03)
    for q in (0.01, 1.0, 100.0):
        relu = unit_gain_sigma_w2("relu", q)
        assert relu["forward"] == pytest.approx(2.0) and relu["backward"] == pytest.approx(2.0)
    at1 = unit_gain_sigma_w2("tanh", 1.0)
    assert at1["forward"] == pytest.approx(2.54, abs=0.01)
    assert at1["backward"] == pytest.approx(2.15, abs=0.01)


def test_sigmoid_directions_ask_for_different_sigma_w2():
    at1, small = unit_gain_sigma_w2("sigmoid", 1.0), unit_gain_sigma_w2("sigmoid", 0.01)
    assert at1["forward"] == pytest.approx(3.41, abs=0.01)
    assert at1["backward"] == pytest.approx(22.3, abs=0.1)
    assert at1["backward"] / at1["forward"] > 6
    assert small["backward"] / small["forward"] > at1["backward"] / at1["forward"]
    # sigma(z) ~ 1/2 + z/4: backward wants about 16 and forward about 4q at small q.
    assert small["backward"] == pytest.approx(16, rel=0.02)
    assert small["forward"] == pytest.approx(4 * 0.01, rel=0.01)


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
@pytest.mark.parametrize("sigma_w2", [0.25, 4.0, 64.0])
def test_one_measured_layer_has_the_predicted_gains(activation, sigma_w2):
    m = measure_layer_gains(activation, sigma_w2, 1.0)
    assert m["forward"] == pytest.approx(theory.forward_gain(activation, sigma_w2, 1.0), rel=0.03)
    assert m["backward"] == pytest.approx(theory.backward_gain(activation, sigma_w2, 1.0), rel=0.03)


def _deep_gain(activation, sigma_w2):
    t = il.run_experiment(
        activation=activation, scheme="normal", std=math.sqrt(sigma_w2 / 100), depth=10
    )
    measured = math.exp(np.mean([math.log(g["measured"]) for g in t.gains()]))
    predicted = theory.predicted_gradient_std(activation, sigma_w2, 0.0, 10)[0] ** (1 / 9)
    return measured, predicted


def test_deep_networks_backward_gains():
    sig = unit_gain_sigma_w2("sigmoid", 1.0)
    gains = {
        "tanh": _deep_gain("tanh", 1.0),
        "relu": _deep_gain("relu", 2.0),
        "sig_fwd": _deep_gain("sigmoid", sig["forward"]),
        "sig_bwd": _deep_gain("sigmoid", sig["backward"]),
        "sig_100": _deep_gain("sigmoid", 100.0),
    }
    for measured, predicted in gains.values():
        assert measured == pytest.approx(predicted, rel=0.05)
    assert gains["relu"][0] == pytest.approx(1.0, abs=0.05)  # keeps the gradient's size
    assert 0.8 < gains["tanh"][0] < 0.97  # loses a little at every layer, q still near 1
    assert gains["sig_fwd"][0] < 0.5  # loses it layer after layer
    assert gains["sig_fwd"][0] < gains["sig_bwd"][0] < 0.9  # better, but still shrinks
    assert gains["sig_100"][0] == pytest.approx(1.0, abs=0.03)  # the blog's experiment 1
    # The backward choice's forward pass grows q to a larger q*.
    assert theory.fixed_point("sigmoid", sig["backward"], 0.0) > 5 * theory.fixed_point(
        "sigmoid", sig["forward"], 0.0
    )


def test_sigmoid_edge_of_chaos_is_saturated_and_beside_the_blogs_experiment_1():
    critical = theory.critical_sigma_w2("sigmoid", 0.0)
    assert 100 < critical < 110
    q_star = theory.fixed_point("sigmoid", critical, 0.0)
    assert math.sqrt(q_star) > 5  # pre-activations spread over several units
    stats = il.run_experiment(
        activation="sigmoid",
        scheme="normal",
        std=math.sqrt(critical / 100),
        depth=10,
        backward=False,
    ).stats()
    saturated = np.mean([s["frac_saturated"] for s in stats[1:]])
    assert 0.4 < saturated < 0.6  # "about half of the activations are saturated"
    assert theory.chi1("sigmoid", 100.0, 0.0) > 0.98


# -- 3. the phase diagram ------------------------------------------------------------------

POINTS = {"A": (1.0, 0.3), "C": (3.0, 0.05)}


def test_phase_points_are_ordered_critical_and_chaotic():
    b = theory.critical_sigma_w2("tanh", 0.05)
    assert theory.chi1("tanh", *POINTS["A"]) < 1
    assert theory.chi1("tanh", b, 0.05) == pytest.approx(1.0, abs=1e-6)
    assert theory.chi1("tanh", *POINTS["C"]) > 1


@pytest.mark.parametrize("point", ["A", "B", "C"])
def test_gradient_norms_follow_the_prediction(point):
    w, b = POINTS.get(point) or (theory.critical_sigma_w2("tanh", 0.05), 0.05)
    t = phase_trace(w, b)
    measured = np.array([s["grad_std"] for s in t.stats()])
    predicted = theory.predicted_gradient_std("tanh", w, b, 30)
    assert np.abs(np.log(measured / predicted)).max() < math.log(1.5)
    if point == "B":  # passes the gradient through 30 layers at about the same size
        assert 0.5 < measured[0] / measured[-1] < 2
    elif point == "A":
        assert measured[0] / measured[-1] < 1e-2
    else:
        assert measured[0] / measured[-1] > 10


# -- 4. dynamical isometry --------------------------------------------------------------------


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


def test_orthogonal_tanh_at_the_edge_stays_close_to_an_isometry():
    kw = {"sigma_w2": theory.critical_sigma_w2("tanh", 1e-4), "sigma_b2": 1e-4, "width": 200}
    orthogonal = jacobian_spectrum("tanh", "orthogonal", 50, **kw)
    gaussian = jacobian_spectrum("tanh", "normal", 50, **kw)
    assert near_one(orthogonal) > 0.75  # "most directions within a factor 2"
    assert near_one(gaussian) < 0.1
    assert near_one(jacobian_spectrum("tanh", "orthogonal", 10, **kw)) > 0.95


# -- 5. LSUV -------------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_lsuv_sets_every_layer_variance_to_one(activation):
    t = il.run_experiment(activation=activation, scheme="lsuv", depth=20)
    variances = np.array([z.var().item() for z in t.pre_activations])
    assert np.all(np.abs(variances - 1) < 0.1)
    chosen = np.mean([100 * s**2 for s in t.weight_stds[1:]])
    theirs = 1 / theory.activation_moments(activation, 1.0)["second_moment"]
    assert chosen == pytest.approx(theirs, rel=0.02 if activation == "tanh" else 0.15)


def test_lsuv_fixes_the_forward_pass_only():
    tanh = il.run_experiment(activation="tanh", scheme="lsuv", depth=20).stats()
    s2 = 1 / theory.activation_moments("tanh", 1.0)["second_moment"]
    predicted = theory.predicted_gradient_std("tanh", s2, 0.0, 20, q0=1 / s2)[0]
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
    assert theory.predicted_gradient_std("relu", 2.0, 0.0, 20)[0] == pytest.approx(1.0)


def test_tanh_histograms_under_xavier_he_lsuv():
    std = {
        s: il.run_experiment(activation="tanh", scheme=s, depth=20, backward=False).stats()[-1]
        for s in ("xavier_normal", "he_normal", "lsuv")
    }
    assert std["xavier_normal"]["std"] < 0.5 * std["he_normal"]["std"]
    assert std["lsuv"]["std"] == pytest.approx(theory.activation_moments("tanh", 1.0)["std"], 0.02)


# -- 6. PyTorch's default ------------------------------------------------------------------


def test_nn_linear_default_variance_is_one_third_over_n():
    with torch.random.fork_rng():
        torch.manual_seed(0)
        layer = torch.nn.Linear(1000, 1000)
    assert 1000 * layer.weight.var().item() == pytest.approx(1 / 3, rel=0.01)
    ours = il.build_mlp(1, 1000, "linear", bias=True)[0]
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
        predicted = theory.predicted_activation_std("tanh", 1 / 3, 1 / 300, 30)[-1]
        assert default[-1]["std"] == pytest.approx(predicted, rel=0.2)


# -- exercises -------------------------------------------------------------------------------


def test_exercise_checks_accept_the_truth_and_explain_mistakes():
    for check, right, wrong in [
        (check_sigmoid_backward_sigma_w2, 22.3, 3.4),
        (check_tanh_edge_of_chaos, 1.761, 1.5),
        (check_pytorch_default_sigma_w2, 1 / 3, 1 / 3000),
    ]:
        assert "No answer yet" in repr(check(None))
        assert check(right) and repr(check(right)).startswith("Correct")
        verdict = check(wrong)
        assert not verdict and repr(verdict).startswith("Not quite")
        assert not check("abc")
    assert "move right" in repr(check_tanh_edge_of_chaos(1.5))
    assert "move left" in repr(check_tanh_edge_of_chaos(2.5))
