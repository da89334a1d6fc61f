"""Mean-field theory: known critical points, exact special cases, adaptive quadrature, the
correlation map, and real wide networks."""

import math

import numpy as np
import pytest
import torch
from scipy import integrate, special

from initlab_utils import (
    LEAKY_SLOPE,
    activation_moments,
    backward_gain,
    chi1,
    critical_sigma_w2,
    depth_scale,
    fixed_point,
    forward_gain,
    predicted_activation_std,
    predicted_gradient_std,
    predicted_q,
    run_experiment,
    scheme_sigma_w2,
    variance_map,
)


@pytest.mark.parametrize(
    "sigma_b2, expected", [(0.0, 1.0), (0.01, 1.424), (0.05, 1.761), (0.1, 1.986)]
)
def test_tanh_edge_of_chaos_matches_schoenholz_2017(sigma_b2, expected):
    critical = critical_sigma_w2("tanh", sigma_b2)
    assert critical == pytest.approx(expected, abs=1e-3)
    assert chi1("tanh", critical, sigma_b2) == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize("sigma_b2", [0.0, 0.05])
def test_homogeneous_activations_are_critical_at_their_he_gain(sigma_b2):
    # phi(c x) = c phi(x) makes E[phi'^2] independent of q, so the bias does not matter.
    assert critical_sigma_w2("relu", sigma_b2) == pytest.approx(2.0)
    assert critical_sigma_w2("linear", sigma_b2) == pytest.approx(1.0)
    assert critical_sigma_w2("leaky_relu", sigma_b2) == pytest.approx(2 / (1 + LEAKY_SLOPE**2))


def test_chi1_is_one_for_linear_and_he_relu():
    assert chi1("linear", 1.0, 0.0) == pytest.approx(1.0, abs=1e-12)
    assert chi1("relu", 2.0, 0.0) == pytest.approx(1.0, abs=1e-12)
    assert chi1("relu", 1.0, 0.0) == pytest.approx(0.5)  # q* = 0: the limit, not relu'(0)
    assert depth_scale("relu", 2.0, 0.0) == math.inf


def test_fixed_point_edge_cases():
    assert fixed_point("linear", 2.0, 0.0) == math.inf
    assert fixed_point("linear", 1.0, 0.1) == math.inf  # grows by sigma_b2 a layer
    assert fixed_point("linear", 0.5, 0.1) == pytest.approx(0.1 / (1 - 0.5))
    assert fixed_point("tanh", 0.5, 0.0) == 0.0
    assert fixed_point("tanh", 1.0, 0.0) == 0.0  # only like 1/l, but it does collapse
    assert fixed_point("relu", 2.0, 0.0) == pytest.approx(2.0)  # every q is fixed: q_1
    assert fixed_point("relu", 2.0, 0.0, q0=3.0) == pytest.approx(6.0)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "selu"])
def test_fixed_point_is_where_the_variance_map_ends(activation):
    q_star = fixed_point(activation, 1.5, 0.1)
    assert variance_map(activation, 1.5, 0.1, depth=200)[-1] == pytest.approx(q_star, rel=1e-9)


def test_variance_map_first_layer_and_exact_cases():
    assert variance_map("tanh", 1.7, 0.3, depth=1, q0=2.0) == pytest.approx([1.7 * 2.0 + 0.3])
    # Linear: q_{l+1} = sigma_w2 q_l + sigma_b2 exactly; ReLU halves the second moment.
    assert variance_map("linear", 0.5, 0.1, depth=3) == pytest.approx([0.6, 0.4, 0.3])
    assert variance_map("relu", 3.0, 0.0, depth=3) == pytest.approx([3.0, 4.5, 6.75])


def test_activation_moments_match_closed_forms():
    q = 2.0
    relu = activation_moments("relu", q)
    assert relu["second_moment"] == pytest.approx(q / 2)
    assert relu["mean"] == pytest.approx(math.sqrt(q / (2 * math.pi)), rel=1e-12)
    assert activation_moments("linear", q)["std"] == pytest.approx(math.sqrt(q))
    assert activation_moments("tanh", q)["mean"] == pytest.approx(0.0, abs=1e-12)
    assert activation_moments("sigmoid", q)["mean"] == pytest.approx(0.5)


def _measured(activation, sigma_w2, sigma_b2, seeds, depth=6, width=1000, n_samples=500):
    """Per-layer second moment of z and std of phi(z), averaged over networks from `seeds`."""
    q, std = [], []
    for seed in seeds:
        trace = run_experiment(
            activation=activation,
            scheme="normal",
            std=math.sqrt(sigma_w2 / width),
            width=width,
            n_samples=n_samples,
            depth=depth,
            bias=True,
            bias_std=math.sqrt(sigma_b2),
            backward=False,
            seed=seed,
        )
        q.append([z.pow(2).mean().item() for z in trace.pre_activations])
        std.append([h.std().item() for h in trace.activations])
    return np.mean(q, axis=0), np.mean(std, axis=0)


# Mean field is the infinite-width limit. In the ordered phase all inputs end up alike,
# so one network's q_l rests on only `width` random units: about sqrt(2 / 1000) = 4.5%
# of noise per layer for ReLU and sigmoid, whose nonzero mean shifts every unit (less
# for zero-mean tanh). We average 4 networks for those two; the std wobbles half as much.
@pytest.mark.parametrize(
    "activation, sigma_w2, sigma_b2, n_nets, q_tol, std_tol",
    [
        ("tanh", 1.76, 0.05, 1, 0.05, 0.02),  # at the edge of chaos
        ("relu", 2.0, 0.0, 4, 0.08, 0.04),  # He
        ("sigmoid", 4.0, 0.1, 4, 0.08, 0.04),
    ],
)
def test_predictions_match_a_wide_network(activation, sigma_w2, sigma_b2, n_nets, q_tol, std_tol):
    q, std = _measured(activation, sigma_w2, sigma_b2, seeds=range(n_nets))
    assert q == pytest.approx(variance_map(activation, sigma_w2, sigma_b2, 6), rel=q_tol)
    predicted = predicted_activation_std(activation, sigma_w2, sigma_b2, 6)
    assert std == pytest.approx(predicted, rel=std_tol)


def test_depth_scale_grows_without_bound_at_the_edge_of_chaos():
    critical = critical_sigma_w2("tanh", 0.05)
    for side in (-1, 1):  # ordered below, chaotic above
        scales = [depth_scale("tanh", critical + side * eps, 0.05) for eps in (0.1, 0.01, 0.001)]
        assert scales[0] < scales[1] < scales[2]
        assert scales[2] > 1000
    assert chi1("tanh", critical - 0.1, 0.05) < 1 < chi1("tanh", critical + 0.1, 0.05)


def test_sigmoid_cannot_keep_both_directions():
    # He's ReLU keeps the forward and the backward spread at once ...
    assert forward_gain("relu", 2.0, 1.0) == pytest.approx(1.0)
    assert backward_gain("relu", 2.0, 1.0) == pytest.approx(1.0)
    # ... sigmoid at q = 1 keeps the forward spread near sigma_w2 = 3.4 and the backward
    # one near 22: whichever it keeps, the other direction shrinks or grows by ~2.5.
    assert forward_gain("sigmoid", 3.4, 1.0) == pytest.approx(1.0, abs=0.01)
    assert backward_gain("sigmoid", 3.4, 1.0) < 0.4
    assert backward_gain("sigmoid", 22.3, 1.0) == pytest.approx(1.0, abs=0.01)
    assert forward_gain("sigmoid", 22.3, 1.0) > 2.5


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: variance_map("tanh", -1.0, 0.0, 3), "sigma_w2"),
        (lambda: variance_map("tanh", 0.0, 0.0, 3), "sigma_w2"),
        (lambda: variance_map("tanh", 1.0, float("nan"), 3), "sigma_b2"),
        (lambda: variance_map("tanh", float("inf"), 0.0, 3), "sigma_w2"),
        (lambda: variance_map("tanh", 1.0, 0.0, 0), "depth"),
        (lambda: variance_map("tanh", 1.0, 0.0, 3, q0=-1.0), "q0"),
        (lambda: variance_map("sigmod", 1.0, 0.0, 3), "activation 'sigmod'; choose one of"),
        (lambda: fixed_point("tanh", 1.0, -0.1), "sigma_b2"),
        (lambda: chi1("relu", float("nan"), 0.0), "sigma_w2"),
        (lambda: critical_sigma_w2("tanh", -0.01), "sigma_b2"),
        (lambda: critical_sigma_w2("Tanh", 0.0), "activation"),
        (lambda: depth_scale("tanh", 1.0, float("inf")), "sigma_b2"),
        (lambda: activation_moments("relu", -1.0), "q"),
        (lambda: predicted_activation_std("relu", 2.0, 0.0, 2.5), "depth"),
        (lambda: forward_gain("relu", 2.0, 0.0), "q"),
        (lambda: backward_gain("relu", -2.0, 1.0), "sigma_w2"),
    ],
)
def test_bad_inputs_name_the_parameter(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_gelu_has_no_edge_of_chaos_without_bias():
    # Its q* jumps from 0 straight to infinity, and chi1 jumps over 1 with it.
    with pytest.raises(ValueError, match="'gelu' has no edge of chaos"):
        critical_sigma_w2("gelu", 0.0)


# -- the quadrature, against scipy.integrate.quad ------------------------------------------------

SELU_A, SELU_L = 1.6732632423543772, 1.0507009873554805
# phi and phi' written out in numpy: a reference independent of the torch modules.
PHI = {
    "sigmoid": (lambda x: special.expit(x), lambda x: special.expit(x) * special.expit(-x)),
    "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
    "relu": (lambda x: max(x, 0.0), lambda x: float(x > 0)),
    "leaky_relu": (
        lambda x: x if x > 0 else LEAKY_SLOPE * x,
        lambda x: 1.0 if x > 0 else LEAKY_SLOPE,
    ),
    "gelu": (
        lambda x: x * special.ndtr(x),
        lambda x: special.ndtr(x) + x * math.exp(-(x**2) / 2) / math.sqrt(2 * math.pi),
    ),
    "selu": (
        lambda x: SELU_L * (x if x > 0 else SELU_A * math.expm1(x)),
        lambda x: SELU_L * (1.0 if x > 0 else SELU_A * math.exp(x)),
    ),
    "linear": (lambda x: x, lambda x: 1.0),
}


def gaussian_mean(f, q: float) -> float:
    """E[f(sqrt(q) z)], z ~ N(0, 1), by adaptive quadrature, split where phi bends (z = 0,
    and within a few 1 / sqrt(q) of it)."""
    r = math.sqrt(q)
    g = lambda z: f(r * z) * math.exp(-(z**2) / 2) / math.sqrt(2 * math.pi)
    s = min(40 / r, 10.0)
    cuts = [-12.0, -s, -s / 40, 0.0, s / 40, s, 12.0]
    return sum(
        integrate.quad(g, a, b, epsabs=1e-16, epsrel=1e-12, limit=400)[0]
        for a, b in zip(cuts, cuts[1:])
    )


@pytest.mark.parametrize("activation", sorted(PHI))
def test_expectations_match_adaptive_quadrature_at_every_scale(activation):
    phi, slope = PHI[activation]
    for q in (1e-6, 1e-2, 1.0, 46.0, 1e3, 1e6):
        moments = activation_moments(activation, q)
        # E[phi] is 0 for tanh and linear: compare those on the scale of the spread.
        assert moments["mean"] == pytest.approx(
            gaussian_mean(phi, q), rel=1e-9, abs=1e-12 * math.sqrt(q)
        )
        assert moments["second_moment"] == pytest.approx(
            gaussian_mean(lambda x: phi(x) ** 2, q), rel=1e-9
        )
        assert backward_gain(activation, 1.0, q) ** 2 == pytest.approx(
            gaussian_mean(lambda x: slope(x) ** 2, q), rel=1e-9
        )


def test_sigmoid_edge_of_chaos_without_bias_holds_under_adaptive_quadrature():
    # About 103.0 (a 200-node Gauss-Hermite rule put it at 103.5, 0.4% off at q* ~ 46).
    critical = critical_sigma_w2("sigmoid", 0.0)
    q_star = fixed_point("sigmoid", critical, 0.0)
    phi, slope = PHI["sigmoid"]
    assert critical * gaussian_mean(lambda x: phi(x) ** 2, q_star) == pytest.approx(q_star, 1e-9)
    assert critical * gaussian_mean(lambda x: slope(x) ** 2, q_star) == pytest.approx(1.0, 1e-9)
    assert round(critical, 1) == 103.0


# -- theory next to the schemes: sigma_w2 read from the INIT_SCHEMES rows --------------------


def test_sigma_w2_follows_std_gain_and_activation():
    assert scheme_sigma_w2("normal", std=0.1, width=100) == pytest.approx(1.0)
    assert scheme_sigma_w2("normal", width=100) == pytest.approx(100.0)  # std 1
    assert scheme_sigma_w2("uniform", std=0.2, width=50) == pytest.approx(2.0)
    assert scheme_sigma_w2("xavier_normal", gain=2.0) == pytest.approx(4.0)
    tanh_gain = torch.nn.init.calculate_gain("tanh")
    assert scheme_sigma_w2("xavier_uniform", gain="auto", activation="tanh") == (
        pytest.approx(tanh_gain**2)
    )
    assert scheme_sigma_w2("he_normal", activation="relu") == pytest.approx(2.0)
    assert scheme_sigma_w2("he_normal", activation="leaky_relu") < 2.0
    assert scheme_sigma_w2("orthogonal", gain=1.5) == pytest.approx(2.25)
    assert scheme_sigma_w2("pytorch_default", width=7) == pytest.approx(1 / 3)


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
        scheme_sigma_w2(**kwargs)


def test_predicted_q_uses_the_mapping_and_lsuv_means_one():
    assert predicted_q("lsuv", "relu", 4).tolist() == [1.0] * 4
    np.testing.assert_allclose(
        predicted_q("he_normal", "relu", 3), variance_map("relu", 2.0, 0.0, 3)
    )


def test_predicted_gradient_std_is_the_product_of_backward_gains():
    g = predicted_gradient_std("tanh", 1.5, 0.1, 4)
    q = variance_map("tanh", 1.5, 0.1, 4)
    gains = [backward_gain("tanh", 1.5, x) for x in q]
    np.testing.assert_allclose(
        g, [gains[1] * gains[2] * gains[3], gains[2] * gains[3], gains[3], 1]
    )
    assert predicted_gradient_std("relu", 2.0, 0.0, 5) == pytest.approx([1.0] * 5)
