"""Every claim notebook 02 (the blog's experiment 1, N(0, 1) weights) makes in words."""

import math
from statistics import NormalDist

import pytest
import torch

import initlab_utils as il
from initlab_utils import SEEDS, derivative

N = 100
LN99 = math.log(99)  # sigmoid(z) is within 0.01 of 0 or 1 exactly when |z| > ln 99


@pytest.fixture(scope="module")
def trace():
    return il.run_experiment(
        activation="sigmoid", scheme="normal", std=1.0, depth=5, width=N, n_samples=1000
    )


@pytest.fixture(scope="module")
def traces():
    """Experiment 1 drawn once per seed 0-4 (section 4's table)."""
    return [il.run_experiment(seed=seed) for seed in SEEDS]


def _rank_correlation(a, b):
    ra, rb = (t.argsort().argsort().double() for t in (a, b))
    return torch.corrcoef(torch.stack([ra, rb]))[0, 1].item()


# -- 1: the experiment, and the piles at 0 and 1 -------------------------------------------


def test_run_experiment_defaults_are_experiment_1(trace):
    default = il.run_experiment()
    for a, b in zip(default.activations, trace.activations):
        assert torch.equal(a, b)
    assert trace.depth == 5 and trace.activations[0].shape == (1000, N)


def test_experiment_1_saturates(trace):
    """Blog, experiment 1: with N(0, 1) weights sigmoid activations pile up at 0 and 1."""
    for s, a in zip(trace.stats(), trace.activations):
        assert s["frac_saturated"] > 0.4  # "about half" and more
        ends = ((a < 0.1) | (a > 0.9)).float().mean().item()
        middle = ((a > 0.4) & (a < 0.6)).float().mean().item()
        assert ends > 0.6 and middle < 0.1  # "most activations sit at the two ends"


def test_pre_activation_spread_is_ten_rms_h(trace):
    inputs = [None] + trace.activations[:-1]
    for i, (z, h) in enumerate(zip(trace.pre_activations, inputs)):
        rms_in = 1.0 if h is None else h.pow(2).mean().sqrt().item()
        assert z.std().item() == pytest.approx(math.sqrt(N) * rms_in, rel=0.1)
        if i == 0:
            assert z.std().item() == pytest.approx(10, rel=0.02)  # 10 for layer 1 ...
        else:
            assert 5 < z.std().item() < 10  # ... a little less for later layers
    assert torch.sigmoid(torch.tensor(5.0)).item() == pytest.approx(0.993, abs=5e-4)


def test_saturated_means_sigmoid_prime_below_a_hundredth():
    # Within 0.01 of 0 or 1 <=> |z| > ln 99, where sigma' = sigma (1 - sigma) < 0.01,
    # a 25th of sigma'(0) = 1/4.
    s = torch.sigmoid(torch.tensor(LN99, dtype=torch.float64)).item()
    assert s == pytest.approx(0.99) and s * (1 - s) < 0.01
    assert derivative("sigmoid", torch.zeros(1)).item() == pytest.approx(0.25)


# -- 3: the gradients do not vanish ---------------------------------------------------------


def test_readout_gradient_has_spread_one(trace):
    assert trace.gradients[-1].std().item() == pytest.approx(1.0, rel=0.02)


def test_gain_is_about_one_because_ten_times_rms_sigmoid_prime_cancels(trace):
    for g in trace.gains():
        assert g["rms_dphi"] == pytest.approx(0.1, abs=0.02)  # "about 0.1, not 0.25"
        assert g["measured"] == pytest.approx(g["predicted"], rel=0.1)
        assert 0.9 < g["measured"] < 1.1
    stats = trace.stats()
    assert 0.8 < stats[0]["grad_std"] / stats[-1]["grad_std"] < 1.25


# -- 4: saturation, unit by unit -------------------------------------------------------------


def test_layer_1_units_are_saturated_on_about_the_same_share(traces):
    # z ~ N(0, 100) for every unit: each saturated on about P(|z| > ln 99) of the samples.
    p = 2 * (1 - NormalDist().cdf(LN99 / math.sqrt(N)))
    for t in traces:
        per_unit = t.saturated_per_unit(0)
        assert per_unit.mean().item() == pytest.approx(p, abs=0.02)
        assert ((per_unit - p).abs() < 0.1).all()


def _stuck_and_free(t, i):
    u = t.saturated_per_unit(i)
    return (u > 0.9).float().mean().item(), (u < 0.1).float().mean().item()


def test_deeper_units_spread_from_always_to_almost_never_saturated(traces):
    for t in traces:
        stuck, free = zip(*(_stuck_and_free(t, i) for i in range(t.depth)))
        assert stuck[0] == free[0] == 0  # layer 1: no unit at either end
        assert stuck[-1] > 0.15 and free[-1] > 0.1  # layer 5: both ends well filled
        assert stuck[-1] > stuck[1]  # more units at the ends deeper in
        u = t.saturated_per_unit(4)
        assert ((u > 0.3) & (u < 0.7)).any()  # ... and some in between
        assert abs(u.mean().item() - 0.5) < 0.15  # while the layer's share is about half


def test_units_with_larger_offsets_are_more_saturated(traces):
    for t in traces:
        for i in range(1, t.depth):
            z = t.pre_activations[i]
            offsets = z.mean(dim=0)  # the fixed part, per unit
            assert _rank_correlation(offsets.abs(), t.saturated_per_unit(i)) > 0.85


def test_offsets_spread_about_five_and_exceed_the_varying_part(traces):
    for t in traces:
        # From layer 2 on the inputs are sigmoid outputs: positive, mean about 1/2.
        assert all(0.4 < s["mean"] < 0.6 for s in t.stats())
        varying = []
        for i in range(1, t.depth):
            z = t.pre_activations[i]
            offsets = z.mean(dim=0).std().item()
            assert 4 < offsets < 8  # "about 1/2 sqrt(n) sigma_w = 5"
            varying.append(z.std(dim=0).mean().item())
            assert varying[-1] < offsets
        assert varying == sorted(varying, reverse=True)  # less in each later layer


# -- 5: from the histograms to learning --------------------------------------------------------


def test_both_kinds_of_unit_in_layers_4_and_5(traces):
    for t in traces:
        for i in (3, 4):
            stuck, free = _stuck_and_free(t, i)
            assert stuck > 0 and free > 0


def test_saturated_units_get_almost_no_update_and_output_nearly_a_constant(traces):
    for t in traces:
        for i in (3, 4):
            sat = t.saturated_per_unit(i)
            free, stuck = sat < 0.1, sat > 0.9
            grad = t.weight_gradient(i).norm(dim=0)
            out_std = t.activations[i].std(dim=0)
            assert grad[free].median() > 10 * grad[stuck].median()
            assert out_std[free].median() > 20 * out_std[stuck].median()
            assert (grad[stuck] > 0).all()  # not dead: a few samples still move it
            # "pinned at 0 or at 1": a stuck unit sits at one end on its saturated samples
            a = t.activations[i][:, stuck]
            one_end = torch.maximum((a < 0.01).float().mean(0), (a > 0.99).float().mean(0))
            assert (one_end > 0.85).all()
    # ... while the gradient reaching them, dL/dh, is of ordinary size (gain about 1).
    for t in traces:
        assert all(0.8 < g["measured"] < 1.25 for g in t.gains())


# -- exercises: the facts their texts state ---------------------------------------------------


def test_layer_1_saturation_is_predicted_by_the_normal_tail():
    for width in (100, 400):
        p = 2 * (1 - NormalDist().cdf(LN99 / math.sqrt(width)))
        measured = il.run_experiment(width=width, backward=False).stats()[0]["frac_saturated"]
        assert measured == pytest.approx(p, abs=0.01)


def test_std_2_weights_win_over_the_smaller_slope():
    t1, t2 = il.run_experiment(std=1.0), il.run_experiment(std=2.0)

    def rms(t):
        return sum(g["rms_dphi"] for g in t.gains()) / (t.depth - 1)

    assert rms(t2) < rms(t1)  # rms(sigmoid') falls ...
    assert rms(t2) > rms(t1) / 2  # ... by less than the weights' factor grows
    s = t2.stats()
    assert s[0]["grad_std"] / s[-1]["grad_std"] > 1  # the gradient grows going back


def test_std_3_saturates_layer_1_more_than_std_1():
    s1, s3 = (
        il.run_experiment(std=std, backward=False).stats()[0]["frac_saturated"]
        for std in (1.0, 3.0)
    )
    assert s3 > s1
