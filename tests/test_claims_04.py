"""Every claim notebook 04 (Xavier/Glorot initialisation for sigmoid and tanh) makes in words."""

import math
from statistics import median as _median

import pytest
import torch

import initlab_utils as il
from initlab_utils import SEEDS, activation_moments, chi1, fixed_point, layer_stat, variance_map

N = 100  # the blog's layer width
SWEEP = [1.0, 1.2, 1.4, 1.5, 1.6, 5 / 3, 1.8, 2.0]  # the gains in section 4's table
NEAR = [1.0, 1.02, 1.05, 1.1, 1.2, 5 / 3]  # section 4's second table: gains close to 1
DRAWS = range(10)  # initial statistics: seeds 0-9


def _mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs)


@pytest.fixture(scope="module")
def sigmoid_runs():
    return {
        "exp1": il.run_experiment(activation="sigmoid", scheme="normal", std=1.0),
        "exp2": il.run_experiment(activation="sigmoid", scheme="normal", std=0.01),
        "xavier": il.run_experiment(activation="sigmoid", scheme="xavier_normal"),
    }


@pytest.fixture(scope="module")
def xavier(sigmoid_runs):
    return sigmoid_runs["xavier"]


@pytest.fixture(scope="module")
def tanh_deep():
    return {
        g: il.run_experiment(activation="tanh", scheme="xavier_normal", gain=g, depth=30)
        for g in (1.0, 5 / 3)
    }


@pytest.fixture(scope="module")
def sweep():
    """std(z) at layers 10 and 30 and layer 30's stats, per gain of section 4's table."""
    out = {}
    for g in SWEEP:
        tr = il.run_experiment(
            activation="tanh", scheme="xavier_normal", gain=g, depth=30, backward=False
        )
        out[g] = (
            tr.pre_activations[9].std().item(),
            tr.pre_activations[29].std().item(),
            tr.layer_stats(29),
        )
    return out


@pytest.fixture(scope="module")
def near_one():
    """std(z) at layer 30 over layer 10 in a 30-layer tanh network (200 inputs, as section 4's
    second table), per gain and seed."""
    out = {}
    for g in NEAR:
        out[g] = []
        for seed in DRAWS:
            tr = il.run_experiment(
                activation="tanh", scheme="xavier_normal", gain=g, depth=30, n_samples=200,
                backward=False, seed=seed,
            )  # fmt: skip
            out[g].append((tr.pre_activations[29].std() / tr.pre_activations[9].std()).item())
    return out


def _the_map(g):
    """The variance map's q_1..q_200, its fixed point q*, and the first layer whose std(z)
    is within 5% of sqrt(q*) (None if none)."""
    q = variance_map("tanh", g**2, 0.0, 200)
    q_star = fixed_point("tanh", g**2, 0.0)
    close = [k for k, v in enumerate(q, start=1) if q_star and math.sqrt(v / q_star) < 1.05]
    return q, q_star, close[0] if close else None


def _monte_carlo_tanh():
    z = torch.randn(1_000_000, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    t = torch.tanh(z)
    forward = 1 / t.pow(2).mean().sqrt().item()
    backward = 1 / (1 - t.pow(2)).pow(2).mean().sqrt().item()
    return forward, backward


# -- 1: the variance argument --------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["xavier_normal", "xavier_uniform"])
def test_xavier_variance_is_two_over_fan_in_plus_fan_out(scheme):
    n_in, n_out = 300, 900
    w = il.init_weights(il.build_mlp(1, n_out, "linear", in_features=n_in), scheme)[0].weight
    assert tuple(w.shape) == (n_out, n_in)
    # 270 000 draws: the sample variance is within ~0.3% of the true one.
    assert w.var().item() == pytest.approx(2 / (n_in + n_out), rel=0.02)


def test_uniform_stops_inside_the_bound_and_normal_has_none():
    n_in, n_out = 300, 900
    bound = math.sqrt(6 / (n_in + n_out))
    ws = {
        s: il.init_weights(il.build_mlp(1, n_out, "linear", in_features=n_in), s)[0].weight
        for s in ("xavier_normal", "xavier_uniform")
    }
    assert bound * 0.99 < ws["xavier_uniform"].abs().max().item() <= bound
    assert ws["xavier_normal"].abs().max().item() > bound
    # "a few standard deviations out"
    w = ws["xavier_normal"]
    assert 3 < (w.abs().max() / w.std()).item() < 6


def test_square_layers_xavier_std_is_one_tenth_and_equals_normal_std_0_1():
    # n_in = n_out = 100: 2 / 200 = 1/100, std 0.1; the same draws as normal(std=0.1).
    xav = il.init_weights(il.build_mlp(5, N, "sigmoid"), "xavier_normal", seed=3)
    nor = il.init_weights(il.build_mlp(5, N, "sigmoid"), "normal", std=0.1, seed=3)
    for a, b in zip(xav.parameters(), nor.parameters()):
        torch.testing.assert_close(a, b)
    assert torch.cat([p.flatten() for p in xav.parameters()]).std().item() == pytest.approx(
        0.1, rel=0.02
    )


# -- 2: the blog's network under Xavier ----------------------------------------------------


def test_xavier_sigmoid_spreads_without_saturation(sigmoid_runs):
    e1, e2, x = (sigmoid_runs[k].stats() for k in ("exp1", "exp2", "xavier"))
    for a, b, c in zip(e1, e2, x):
        # Between the two experiments: well above experiment 2's spike, below exp. 1's piles.
        assert 5 * b["std"] < c["std"] < a["std"]
        assert c["frac_saturated"] == 0 and b["frac_saturated"] == 0  # nothing saturated...
        assert a["frac_saturated"] > 0.4  # ...where experiment 1 saturates about half


# -- 3: under the histograms ---------------------------------------------------------------


def test_sigmoid_xavier_backward_gain_is_below_a_quarter_and_as_predicted(xavier):
    for g in xavier.gains():
        assert g["rms_dphi"] <= 0.25  # sigmoid' <= 1/4
        assert g["measured"] < 0.25
        assert g["measured"] == pytest.approx(g["predicted"], rel=0.05)
        # "one decade every layer or two": 10^-1 < gain < 10^-1/2
        assert 0.1 < g["measured"] < 10**-0.5
    s = xavier.stats()
    assert s[0]["grad_std"] / s[-1]["grad_std"] < 0.25**4


def test_unit_std_shrinks_by_the_backward_gain(xavier):
    u = layer_stat(xavier, "unit_std")
    for (a, b), g in zip(zip(u, u[1:]), xavier.gains()):
        assert b / a == pytest.approx(g["measured"], rel=0.1)


def test_offsets_per_unit_have_spread_one_half(xavier):
    # z_j = 1/2 sum_i W_ij + ...: the per-unit mean of z has spread 1/2 sqrt(n) 0.1 = 0.5.
    offsets = xavier.pre_activations[1].mean(dim=0)
    assert offsets.std().item() == pytest.approx(0.5, rel=0.2)


def test_xavier_histograms_turn_ragged_units_close_to_one_value(xavier):
    for s in xavier.stats()[2:]:  # from layer 3 on
        assert s["unit_std"] < 0.1 * s["std"]


def test_experiment_1_loses_far_less_experiment_2_loses_more(sigmoid_runs):
    def kept(run, key):
        # What is left where the signal arrives: layer 5 of the forward pass, layer 1 of
        # the backward pass, relative to where it started.
        v = layer_stat(sigmoid_runs[run], key)
        return v[-1] / v[0] if key == "unit_std" else v[0] / v[-1]

    assert kept("exp1", "unit_std") > 10 * kept("xavier", "unit_std")
    assert 0.5 < kept("exp1", "grad_std") < 2
    assert kept("exp1", "grad_std") > 10 * kept("xavier", "grad_std")
    assert kept("exp2", "unit_std") < kept("xavier", "unit_std")
    assert kept("exp2", "grad_std") < kept("xavier", "grad_std")


def test_four_times_xavier_pushes_sigmoid_towards_saturation():
    small, large = (il.run_experiment(activation="sigmoid", std=s) for s in (0.1, 0.4))
    assert _mean(g["rms_dphi"] for g in large.gains()) < _mean(g["rms_dphi"] for g in small.gains())
    for a, b in zip(small.stats(), large.stats()):
        assert b["frac_saturated"] > a["frac_saturated"]


def test_pytorch_sigmoid_gain_is_one_and_four_times_xavier_still_shrinks():
    assert torch.nn.init.calculate_gain("sigmoid") == 1
    assert il.auto_gain("sigmoid") == 1
    # "4 x Xavier": its 4 is 1 / sigma'(0).
    assert 1 / il.derivative("sigmoid", torch.zeros(1)).item() == 4
    for seed in SEEDS:
        four = il.run_experiment(scheme="xavier_normal", gain=4.0, seed=seed)
        plain = il.run_experiment(scheme="xavier_normal", seed=seed)
        gains = [g["measured"] for g in four.gains()]
        assert 0.5 < _mean(gains) < 0.8  # below 1 at every step back ...
        assert all(g < 1 for g in gains)
        assert _mean(gains) > 2 * _mean(g["measured"] for g in plain.gains())  # ... if far less
        assert all(g["rms_dphi"] < 0.2 for g in four.gains())  # rms(sigma') below 1/4
        assert four.stats()[0]["frac_saturated"] == pytest.approx(0.25, abs=0.05)  # a quarter
        assert plain.stats()[0]["frac_saturated"] < 0.001


# -- 4: tanh, and the gain 5/3 -------------------------------------------------------------


def test_tanh_xavier_spread_shrinks_while_gradients_shrink_mildly():
    tr = il.run_experiment(activation="tanh", scheme="xavier_normal")
    sd = layer_stat(tr, "std")
    assert all(b < a for a, b in zip(sd, sd[1:]))
    g = layer_stat(tr, "grad_std")
    assert 0.25 < g[0] / g[-1] < 1


def test_tanh_gain_one_fades_like_one_over_sqrt_2l(tanh_deep):
    sd = layer_stat(tanh_deep[1.0], "std")
    assert sd[29] < sd[19] < sd[9] < sd[0]
    assert sd[29] == pytest.approx(1 / math.sqrt(60), rel=0.15)


def test_tanh_gain_five_thirds_settles_and_holds(tanh_deep):
    sd = layer_stat(tanh_deep[5 / 3], "std")
    level = _mean(sd[4:])
    assert all(abs(v / level - 1) < 0.05 for v in sd[4:])
    # and holds where gain 1 has faded
    assert sd[29] > 3 * layer_stat(tanh_deep[1.0], "std")[29]


def test_pytorch_gain_for_tanh_is_five_thirds():
    assert torch.nn.init.calculate_gain("tanh") == pytest.approx(5 / 3)
    assert il.auto_gain("tanh") == pytest.approx(5 / 3)


def test_five_thirds_is_a_little_above_both_candidates():
    forward, backward = _monte_carlo_tanh()
    exact = 1 / math.sqrt(activation_moments("tanh", 1.0)["second_moment"])
    assert forward == pytest.approx(exact, rel=0.005)
    assert backward < forward < 5 / 3 < 1.1 * forward


def test_sweep_gain_one_fades_every_larger_gain_settles(sweep):
    z10, z30, _ = sweep[1.0]
    assert z30 < 0.8 * z10
    for g in SWEEP[1:]:
        z10, z30, _ = sweep[g]
        assert abs(z30 / z10 - 1) < 0.1


def test_sweep_level_and_saturation_grow_with_gain(sweep):
    levels = [sweep[g][1] for g in SWEEP]
    sat = [sweep[g][2]["frac_saturated"] for g in SWEEP]
    assert all(b > a for a, b in zip(levels, levels[1:]))
    assert all(b >= a for a, b in zip(sat, sat[1:]))
    assert sweep[5 / 3][2]["frac_saturated"] < 0.1  # "few saturated units"
    assert 0.9 < sweep[5 / 3][1] < 1.2  # "a level near unit variance"


def test_gain_keeping_unit_std_is_close_to_the_forward_candidate(sweep):
    z30 = [sweep[g][1] for g in SWEEP]
    k = next(i for i, v in enumerate(z30) if v >= 1)
    g1 = SWEEP[k - 1] + (1 - z30[k - 1]) * (SWEEP[k] - SWEEP[k - 1]) / (z30[k] - z30[k - 1])
    assert g1 == pytest.approx(_monte_carlo_tanh()[0], rel=0.03)
    assert g1 < 5 / 3


def test_tanh_backward_gain_above_one_at_five_thirds_below_one_at_one(tanh_deep):
    for g, (lo, hi) in [(5 / 3, (1.0, 1.2)), (1.0, (0.9, 1.0))]:
        gs = tanh_deep[g].gains()
        assert lo < _mean(x["measured"] for x in gs) < hi
        assert _mean(x["measured"] for x in gs) == pytest.approx(
            _mean(x["predicted"] for x in gs), rel=0.02
        )
    s5, s1 = tanh_deep[5 / 3].stats(), tanh_deep[1.0].stats()
    assert s5[0]["grad_std"] / s5[-1]["grad_std"] > 2  # gradients grow going back
    assert s1[0]["grad_std"] / s1[-1]["grad_std"] < 1  # and shrink, slowly


def test_no_tanh_gain_makes_both_directions_steady():
    # Mean field: chi1 = 1 exactly at gain 1, above 1 for every larger gain (no biases).
    assert chi1("tanh", 1.0, 0.0) == pytest.approx(1.0)
    for g in (1.05, 1.2, 1.5, 5 / 3, 2.0):
        assert chi1("tanh", g**2, 0.0) > 1
    # Measured: at gain 1.4 the settled layers' backward gain is above 1 too.
    tr = il.run_experiment(activation="tanh", scheme="xavier_normal", gain=1.4, depth=30)
    assert _mean(g["measured"] for g in tr.gains()[9:]) > 1


def test_near_one_the_level_is_low_and_the_signal_starts_far_above_it():
    # g^2 (q* - 2 q*^2) = q*: q* ~ (1 - 1/g^2) / 2, which goes to 0 as g -> 1.
    for g, rel in ((1.02, 0.1), (1.05, 0.2)):
        q, q_star, _ = _the_map(g)
        assert q_star == pytest.approx((1 - 1 / g**2) / 2, rel=rel)
        assert q[0] == pytest.approx(g**2) and q[0] > 10 * q_star
    assert _the_map(1.02)[1] < _the_map(1.05)[1] < _the_map(1.2)[1]
    assert fixed_point("tanh", 1.0, 0.0) == 0  # gain 1: no level


def test_gains_just_above_one_still_fade_over_30_layers_in_every_draw(near_one):
    for g in (1.02, 1.05):
        assert max(near_one[g]) < 0.9  # "their ratio stays below 0.9"
        assert math.sqrt(_the_map(g)[0][29] / _the_map(g)[0][9]) < 0.85
    # the map comes within 5% of the level beyond layer 30 at 1.02, close to it at 1.05
    assert _the_map(1.02)[2] > 30
    assert 20 < _the_map(1.05)[2] <= 35
    medians = [_median(near_one[g]) for g in NEAR]
    assert all(b > a for a, b in zip(medians, medians[1:]))


def test_at_1_1_most_fading_is_done_by_layer_10_from_1_2_it_has_settled(near_one):
    q, _, _ = _the_map(1.1)
    assert 0.8 < _median(near_one[1.1]) < 0.95 and math.sqrt(q[29] / q[9]) < 0.95
    for g in (1.2, 5 / 3):
        q, _, l5 = _the_map(g)
        assert math.sqrt(q[29] / q[9]) > 0.97  # the map: within 3% of 1
        assert l5 <= 10
        assert _median(near_one[g]) > 0.95  # the draws' median: within 5%
        # single draws scatter around the median by more than the map's 3%
        assert max(near_one[g]) - min(near_one[g]) > 0.06
