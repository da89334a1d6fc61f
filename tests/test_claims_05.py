"""Every claim notebook 05 (He/Kaiming initialisation for ReLU) makes in words."""

import math
import statistics

import pytest
import torch

import initlab_utils as il
from initlab_utils import LEAKY_SLOPE, layer_stat
from initlab_utils.exercises import (
    check_he_over_xavier_depth30,
    check_leaky_relu_gain,
    check_relu_second_moment_ratio,
)

SEEDS = range(5)  # the seeds of section 3's figure


def _relu(scheme, **kw):
    return il.run_experiment(activation="relu", scheme=scheme, **kw)


def _m2(h):
    return h.double().pow(2).mean().item()


def _mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs)


@pytest.fixture(scope="module")
def five():
    return {s: _relu(s) for s in ("xavier_normal", "he_normal")}


@pytest.fixture(scope="module")
def thirty():
    return {s: _relu(s, depth=30) for s in ("xavier_normal", "he_normal")}


@pytest.fixture(scope="module")
def seeds():
    """rms(layer 30) / rms(layer 1) per seed, and the rms at layer 30, per scheme."""
    out = {}
    for s in ("xavier_normal", "he_normal"):
        rows = []
        for seed in SEEDS:
            r = layer_stat(_relu(s, depth=30, seed=seed, backward=False), "rms")
            rows.append((r[-1] / r[0], r[-1], r))
        out[s] = rows
    return out


def _log_spread(width, depth, n=8):
    logs = []
    for seed in range(n):
        # 100 samples suffice: the wander comes from the weights, which all samples share.
        tr = _relu("he_normal", depth=depth, width=width, seed=seed, n_samples=100, backward=False)
        r = layer_stat(tr, "rms")
        logs.append(math.log(r[-1] / r[0]))
    return statistics.pstdev(logs)


# -- 1: the factor 2 -----------------------------------------------------------------------


def test_about_half_of_every_layer_is_exactly_zero(five):
    for s in five["he_normal"].stats():
        assert 0.4 < s["frac_dead"] < 0.6


def test_second_moment_is_half_the_pre_activation_variance(five):
    he = five["he_normal"]
    ratios = [_m2(h) / z.double().var().item() for h, z in zip(he.activations, he.pre_activations)]
    assert ratios[0] == pytest.approx(0.5, abs=0.02)  # almost exactly in layer 1
    assert all(abs(r - 0.5) < 0.1 for r in ratios)  # within about a tenth later


def test_per_unit_offsets_appear_from_layer_2_on(five):
    z = five["he_normal"].pre_activations
    offset = [(zl.mean(dim=0).std() / zl.std()).item() for zl in z]
    assert offset[0] < 0.1  # layer 1: input with mean 0, every unit symmetric around 0
    assert all(o > 0.3 for o in offset[1:])


def test_xavier_second_moment_follows_two_to_the_minus_l_he_stays_near_one(five):
    x, h = five["xavier_normal"], five["he_normal"]
    for layer, (hx, hh) in enumerate(zip(x.activations, h.activations), start=1):
        assert 0.5 < _m2(hh) < 2
        assert _m2(hx) == pytest.approx(2**-layer * _m2(hh), rel=1e-4)
        assert _m2(hx) == pytest.approx(2**-layer, rel=0.3)


# -- 2: Xavier against He, five layers -----------------------------------------------------


def test_xavier_is_he_scaled_by_two_to_the_minus_l_over_2(five):
    x, h = five["xavier_normal"], five["he_normal"]
    for layer, (hx, hh) in enumerate(zip(x.activations, h.activations), start=1):
        err = (hx - hh * 2 ** (-layer / 2)).abs().max() / hh.abs().max()
        assert err.item() < 1e-5  # float32 rounding


def test_xavier_narrows_every_layer_he_stays_put(five):
    sx = layer_stat(five["xavier_normal"], "std")
    assert all(b < a for a, b in zip(sx, sx[1:]))
    gx = layer_stat(five["xavier_normal"], "grad_std")
    assert all(b > a for a, b in zip(gx, gx[1:]))  # gradients shrink on the way back
    sh = layer_stat(five["he_normal"], "std")
    gh = layer_stat(five["he_normal"], "grad_std")
    assert all(0.7 < v / sh[0] < 1.4 for v in sh)
    assert all(0.7 < v / gh[-1] < 1.4 for v in gh)


# -- 3: thirty layers ----------------------------------------------------------------------


def test_thirty_layers_xavier_shrinks_by_decades_he_same_order(thirty):
    sx = layer_stat(thirty["xavier_normal"], "std")
    sh = layer_stat(thirty["he_normal"], "std")
    assert sx[-1] / sx[0] < 1e-3
    assert 0.1 < sh[-1] / sh[0] < 1  # same order of magnitude, and below layer 1 (seed 0)
    gx = layer_stat(thirty["xavier_normal"], "grad_std")
    assert gx[0] / gx[-1] < 1e-3


def test_xavier_over_he_is_two_to_the_minus_15_for_every_seed(seeds):
    for (_, rx, _), (_, rh, _) in zip(seeds["xavier_normal"], seeds["he_normal"]):
        assert rx / rh == pytest.approx(2**-15, rel=1e-3)


def test_xavier_lines_follow_the_prediction(seeds):
    for _, _, r in seeds["xavier_normal"]:
        assert all(0.1 < v / 2 ** (-k / 2) < 10 for k, v in enumerate(r, start=1))


def test_he_lines_wander_both_ways_seed_0_among_the_low(seeds):
    ratios = [row[0] for row in seeds["he_normal"]]
    assert all(0.1 < r < 10 for r in ratios)
    assert min(ratios) < 1 < max(ratios)
    assert ratios[0] <= statistics.median(ratios)
    assert statistics.median(ratios) < 1  # the typical network sinks slowly


def test_per_layer_factor_close_to_one_for_he_and_one_half_for_xavier(seeds):
    def per_layer(scheme):
        logs = [math.log(row[0]) for row in seeds[scheme]]
        return math.exp(2 * _mean(logs) / 29)

    he, xav = per_layer("he_normal"), per_layer("xavier_normal")
    assert 0.93 < he < 1.0  # close to 1, a little below
    assert xav == pytest.approx(0.5, abs=0.035)
    assert he / xav == pytest.approx(2.0, rel=1e-3)


def test_average_factor_is_one_the_typical_one_below():
    factors = []
    for seed in range(10):
        tr = _relu("he_normal", depth=30, seed=seed, n_samples=100, backward=False)
        m2 = [_m2(h) for h in tr.activations]
        factors += [b / a for a, b in zip(m2, m2[1:])]
    arithmetic = _mean(factors)
    geometric = math.exp(_mean(math.log(f) for f in factors))
    assert arithmetic == pytest.approx(1.0, abs=0.03)
    assert geometric < arithmetic


def test_wander_shrinks_with_width_and_grows_with_depth():
    assert _log_spread(width=400, depth=30) < 0.5 * _log_spread(width=100, depth=30)
    assert _log_spread(width=100, depth=10) < _log_spread(width=100, depth=30)


# -- 4: gradients --------------------------------------------------------------------------


def test_backward_gains_match_the_derivation(thirty):
    for scheme, expected in [("xavier_normal", math.sqrt(0.5)), ("he_normal", 1.0)]:
        gs = thirty[scheme].gains()
        for g in gs:  # layer by layer, to within about a tenth
            assert g["measured"] == pytest.approx(g["predicted"], rel=0.1)
        # on average, closely
        assert _mean(g["measured"] for g in gs) == pytest.approx(
            _mean(g["predicted"] for g in gs), rel=0.02
        )
        assert _mean(g["rms_dphi"] for g in gs) == pytest.approx(math.sqrt(0.5), rel=0.03)
        assert _mean(g["measured"] for g in gs) == pytest.approx(expected, rel=0.05)
    gh = layer_stat(thirty["he_normal"], "grad_std")
    gx = layer_stat(thirty["xavier_normal"], "grad_std")
    assert 0.1 < gh[0] / gh[-1] < 10  # He: keeps its size up to the wander
    # the wander is shared: Xavier's ratio is He's times 2^(-29/2)
    assert (gx[0] / gx[-1]) / (gh[0] / gh[-1]) == pytest.approx(2**-14.5, rel=1e-3)


# -- 5: leaky ReLU -------------------------------------------------------------------------


@pytest.mark.parametrize("a", [0.0, 0.01, 0.2, 1.0])
def test_leaky_gain_formula_matches_pytorch_and_measurement(a):
    formula = math.sqrt(2 / (1 + a**2))
    assert torch.nn.init.calculate_gain("leaky_relu", a) == pytest.approx(formula, rel=1e-12)
    z = torch.randn(1_000_000, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    phi = torch.nn.functional.leaky_relu(z, a)
    measured = 1 / math.sqrt(phi.pow(2).mean().item() / z.var().item())
    assert measured == pytest.approx(formula, rel=0.005)


def test_default_slope_gain_differs_from_sqrt2_in_the_fifth_digit():
    g = torch.nn.init.calculate_gain("leaky_relu", LEAKY_SLOPE)
    assert LEAKY_SLOPE == 0.01
    assert 0 < math.sqrt(2) - g < 1e-4
    assert f"{g:.4g}" == f"{math.sqrt(2):.4g}" and f"{g:.5g}" != f"{math.sqrt(2):.5g}"
    assert il.auto_gain("leaky_relu") == pytest.approx(g, rel=1e-12)


def test_he_normal_picks_the_leaky_gain_automatically():
    auto = il.init_weights(il.build_mlp(3, 100, "leaky_relu"), "he_normal", seed=1)
    explicit = il.init_weights(
        il.build_mlp(3, 100, "leaky_relu"),
        "he_normal",
        gain=torch.nn.init.calculate_gain("leaky_relu", LEAKY_SLOPE),
        seed=1,
    )
    for a, b in zip(auto.parameters(), explicit.parameters()):
        assert torch.equal(a, b)


# -- exercises -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "check, right, wrong",
    [
        (check_relu_second_moment_ratio, 0.5, 1.0),
        (check_he_over_xavier_depth30, 2**15, 2**30),
        (check_leaky_relu_gain, math.sqrt(2 / 1.04), math.sqrt(2)),
    ],
)
def test_checks(check, right, wrong):
    assert check(right) and repr(check(right)).startswith("Correct")
    verdict = check(wrong)
    assert not verdict and repr(verdict).startswith("Not quite")
    assert not check("a string") and repr(check("a string")).startswith("Not quite")
    none = check(None)
    assert not none and repr(none).startswith("No answer yet")


def test_he_over_xavier_check_explains_the_common_slips():
    assert "second moments" in repr(check_he_over_xavier_depth30(2**30))
    assert "layer 1" in repr(check_he_over_xavier_depth30(2**14.5))
