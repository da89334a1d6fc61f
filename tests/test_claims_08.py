"""Every claim notebook 08 (theory you can touch) makes in words, measured through the package."""

import math

import numpy as np
import pytest
import torch

import initlab_utils as il
from initlab_utils import compare_with_theory, measure_layer_gains, predicted_q, unit_gain_sigma_w2


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
    assert il.scheme_sigma_w2(scheme, std=std, activation="relu", width=n) == pytest.approx(
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
    predicted = il.predicted_activation_std("relu", 2.0, 0.0, 10)[-1]
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
    assert m["forward"] == pytest.approx(il.forward_gain(activation, sigma_w2, 1.0), rel=0.03)
    assert m["backward"] == pytest.approx(il.backward_gain(activation, sigma_w2, 1.0), rel=0.03)


def _deep_gain(activation, sigma_w2):
    t = il.run_experiment(
        activation=activation, scheme="normal", std=math.sqrt(sigma_w2 / 100), depth=10
    )
    measured = math.exp(np.mean([math.log(g["measured"]) for g in t.gains()]))
    predicted = il.predicted_gradient_std(activation, sigma_w2, 0.0, 10)[0] ** (1 / 9)
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
    assert il.fixed_point("sigmoid", sig["backward"], 0.0) > 5 * il.fixed_point(
        "sigmoid", sig["forward"], 0.0
    )


def test_sigmoid_edge_of_chaos_is_saturated_and_beside_the_blogs_experiment_1():
    critical = il.critical_sigma_w2("sigmoid", 0.0)
    assert 100 < critical < 110
    q_star = il.fixed_point("sigmoid", critical, 0.0)
    # "where the backward gain at q* is 1": the edge of chaos
    assert il.backward_gain("sigmoid", critical, q_star) == pytest.approx(1.0, abs=1e-9)
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
    assert il.chi1("sigmoid", 100.0, 0.0) > 0.98


# -- 2. sigmoid's gains: PyTorch's gain and the classic 4 x Xavier rule -------------------------


def test_pytorch_gain_for_sigmoid_is_one_and_the_classic_rule_is_four():
    assert torch.nn.init.calculate_gain("sigmoid") == 1
    slope0 = il.backward_gain("sigmoid", 1.0, 0.0)  # sigmoid'(0)
    assert slope0 == pytest.approx(0.25)
    x = torch.zeros(1, requires_grad=True)
    (torch.sigmoid(x)).backward()
    assert x.grad.item() == pytest.approx(slope0)
    # 4 x Xavier: sigma_w2 = 16, "the backward choice for small q" (16.1 at q = 0.01)
    assert (1 / slope0) ** 2 == pytest.approx(16)
    assert il.backward_gain("sigmoid", 16.0, 0.0) == pytest.approx(1.0)
    assert unit_gain_sigma_w2("sigmoid", 0.01)["backward"] == pytest.approx(16, rel=0.01)


def test_neither_sigmoid_recipe_keeps_the_gradient_in_a_deep_network():
    # gain 1 (plain Xavier): "shrinks the gradient at every layer"
    q1 = il.fixed_point("sigmoid", 1.0, 0.0)
    for q in (1e-6, 1.0, q1):
        assert il.backward_gain("sigmoid", 1.0, q) < 0.5
    # 4 x Xavier: forward gain above 1, q grows to a larger q*, where the gradient shrinks
    assert il.forward_gain("sigmoid", 16.0, 1.0) > 1
    q16 = il.fixed_point("sigmoid", 16.0, 0.0)
    assert q16 > 1.0
    assert il.backward_gain("sigmoid", 16.0, q16) < il.backward_gain("sigmoid", 16.0, 1.0)
    assert il.backward_gain("sigmoid", 16.0, q16) < 0.8
    # ... and the same holds in a real deep network of 10 layers
    measured = _deep_gain("sigmoid", 16.0)[0]
    assert measured < 0.8
