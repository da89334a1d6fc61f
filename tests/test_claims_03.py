"""Every claim notebook 03 (the blog's experiment 2, N(0, 0.01^2) weights) makes in words."""

import math

import pytest
import torch

import initlab_utils as il
from initlab_utils import (
    derivative,
    distinct_values,
    input_variance_share,
    numerical_rank,
    row_spread,
)
from initlab_utils.exercises import check_std_for_unit_gain

N, STD = 100, 0.01
GAIN = math.sqrt(N) * STD * 0.25  # sqrt(n) * std * sigmoid'(0) = 0.025
FLOAT32_SPACING_AT_HALF = 2.0**-24  # the gap between float32 numbers just above 0.5


@pytest.fixture(scope="module")
def trace():
    return il.run_experiment(
        activation="sigmoid", scheme="normal", std=STD, depth=5, width=N, n_samples=1000
    )


@pytest.fixture(scope="module")
def stats(trace):
    return trace.stats()


def _geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


# -- 1-2: the collapse onto 0.5, and why ------------------------------------------------


def test_every_layer_is_a_narrow_spike_at_one_half_and_nothing_saturates(trace, stats):
    for s, z in zip(stats, trace.pre_activations):
        assert abs(s["mean"] - 0.5) < 0.01 and s["std"] < 0.03
        assert s["frac_saturated"] == 0
        # |z| < 0.5 everywhere: the sigmoid's nearly straight middle, far from 0 and 1.
        assert z.abs().max() < 0.5


def test_pre_activation_spread_follows_sqrt_n_std_rms_h(trace):
    inputs = [None] + trace.activations[:-1]
    for i, (z, h) in enumerate(zip(trace.pre_activations, inputs)):
        rms_in = 1.0 if h is None else h.pow(2).mean().sqrt().item()
        assert z.std().item() == pytest.approx(math.sqrt(N) * STD * rms_in, rel=0.1)
        # Layer 1: 10 * 0.01 * 1 = 0.1; later: 10 * 0.01 * 0.5 = 0.05.
        assert z.std().item() == pytest.approx(0.1 if i == 0 else 0.05, rel=0.1)


def test_activation_spread_is_a_quarter_of_the_pre_activations(stats):
    # sigma(z) ~ 1/2 + z/4: 0.1/4 = 0.025 in layer 1, 0.05/4 = 0.0125 after.
    assert stats[0]["std"] == pytest.approx(0.025, rel=0.1)
    for s in stats[1:]:
        assert s["std"] == pytest.approx(0.0125, rel=0.15)


# -- 3: what a unit still knows about its input -----------------------------------------


def test_later_layers_spread_is_fixed_per_unit_offsets(trace, stats):
    for s, a in list(zip(stats, trace.activations))[1:]:
        offsets = a.mean(dim=0).std().item()
        assert offsets == pytest.approx(0.25 * 0.5 * math.sqrt(N) * STD, rel=0.15)
        assert offsets > 10 * s["unit_std"]
        assert input_variance_share(a) < 0.01
    assert input_variance_share(trace.activations[0]) > 0.99


def test_input_dependence_shrinks_by_the_gain_until_float32_rounds_it_away(trace, stats):
    assert stats[0]["unit_std"] == pytest.approx(GAIN, rel=0.1)
    for prev, cur in zip(stats[:3], stats[1:4]):  # layers 2, 3, 4
        assert cur["unit_std"] / prev["unit_std"] == pytest.approx(GAIN, rel=0.1)
    # Predicted 0.025^5 ~ 1e-8 at layer 5: below float32's spacing near 0.5 ...
    assert GAIN**5 < FLOAT32_SPACING_AT_HALF
    assert stats[4]["unit_std"] < FLOAT32_SPACING_AT_HALF
    # ... so a layer-5 unit takes a handful of values for 1000 inputs; layer 1's take ~all.
    assert distinct_values(trace.activations[4]) < 5
    assert distinct_values(trace.activations[0]) > 990


def test_activation_matrix_is_rank_one_from_layer_3(trace):
    ranks = [numerical_rank(a) for a in trace.activations]
    assert ranks[0] >= 90
    assert ranks[2:] == [1, 1, 1]


def test_units_are_not_copies_of_one_another(trace):
    for a in trace.activations:
        assert row_spread(a.T) > 0.01


# -- 4: the gradients vanish, 40-fold per layer -----------------------------------------


def test_backward_gain_is_sqrt_n_std_quarter(trace):
    for g in trace.gains():
        assert g["rms_dphi"] == pytest.approx(0.25, rel=0.01)
        assert g["predicted"] == pytest.approx(GAIN, rel=0.1)
        assert g["measured"] == pytest.approx(g["predicted"], rel=0.1)
        # About 40-fold, 1.6 decades, per layer back.
        assert math.log10(1 / g["measured"]) == pytest.approx(math.log10(40), abs=0.1)


def test_gradient_shrinks_layer_by_layer_to_gain_to_the_fourth(stats):
    grads = [s["grad_std"] for s in stats]
    assert grads == sorted(grads)  # each layer further left than the one above it
    assert grads[0] / grads[4] == pytest.approx(GAIN**4, rel=0.2)


def test_experiment_1_saturates_yet_keeps_gain_near_one():
    exp1 = il.run_experiment(std=1.0)
    assert sum(s["frac_saturated"] for s in exp1.stats()) / exp1.depth > 0.3
    for g in exp1.gains():
        assert g["rms_dphi"] < 0.15  # small slope ...
        assert 0.8 < g["measured"] < 1.25  # ... times sqrt(n) * std = 10: gain about 1


def test_four_times_xavier_is_one_over_sigmoid_prime_at_0_and_pytorch_does_not_apply_it():
    slope = derivative("sigmoid", torch.zeros(1)).item()
    assert slope == 0.25 and 1 / slope == 4
    # sqrt(n) sigma_w sigma'(0) = 1  <=>  sigma_w = 4 / sqrt(n) = 4 x Xavier's 1 / sqrt(n)
    assert 1 / (math.sqrt(N) * slope) == pytest.approx(4 / math.sqrt(N)) == pytest.approx(0.4)
    xavier = il.init_weights(il.build_mlp(1, N, "sigmoid"), "xavier_normal", seed=0)[0].weight
    assert xavier.std().item() == pytest.approx(1 / math.sqrt(N), rel=0.03)
    assert torch.nn.init.calculate_gain("sigmoid") == 1
    # The rule takes rms(sigma') = sigma'(0): at std 0.4 it is smaller (exercise 3).
    assert all(g["rms_dphi"] < slope for g in il.run_experiment(std=0.4).gains())


# -- 5: the "Try this" prompts ---------------------------------------------------------


def test_std_0_1_gives_gain_about_a_quarter():
    gains = [g["measured"] for g in il.run_experiment(std=0.1).gains()]
    assert _geomean(gains) == pytest.approx(math.sqrt(N) * 0.1 * 0.25, rel=0.1)
    assert math.log10(1 / _geomean(gains)) == pytest.approx(0.6, abs=0.1)


def test_depth_20_gradient_at_layer_1_is_about_1e_minus_30():
    s = il.run_experiment(std=STD, depth=20).stats()
    ratio = s[0]["grad_std"] / s[-1]["grad_std"]
    assert math.log10(ratio) == pytest.approx(math.log10(GAIN**19), abs=0.5)
    assert math.log10(GAIN**19) == pytest.approx(-30, abs=0.5)


def test_tanh_gain_is_a_tenth_and_activations_collapse_onto_zero():
    t = il.run_experiment(activation="tanh", std=STD)
    for g in t.gains():
        assert g["measured"] == pytest.approx(math.sqrt(N) * STD * 1.0, rel=0.1)
    assert all(abs(s["mean"]) < 0.01 and s["std"] < 0.11 for s in t.stats())


def test_gain_grows_with_width():
    def gain(width):
        return _geomean([g["measured"] for g in il.run_experiment(std=STD, width=width).gains()])

    assert gain(25) < gain(100) < gain(200)


# -- exercises ---------------------------------------------------------------------------


def test_formula_first_guess_is_too_small_and_a_unit_gain_std_exists():
    # sqrt(100) * std * 0.25 = 1 suggests std = 0.4, but there rms(sigmoid') < 0.25.
    t = il.run_experiment(std=0.4)
    assert all(g["rms_dphi"] < 0.25 for g in t.gains())
    assert _geomean([g["measured"] for g in t.gains()]) < 0.8
    assert check_std_for_unit_gain(1.0)
