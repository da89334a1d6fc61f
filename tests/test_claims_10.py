"""Notebook 10's claims about the update-to-data ratio, measured with the recorder it uses.

Each claim is checked over seeds 0-4, twice: as trained here, and with every initial
weight nudged by (1 + 1e-6 * noise), as another CPU's rounding would nudge it. "Early"
is the median over steps 1-10, "late" over steps 251-300, as the notebook reads them.
"""

import math

import numpy as np
import pytest

import initlab_utils as il
from initlab_utils import CHANCE_LOSS, PERTURB

RELU = {"xavier_normal": dict(scheme="xavier_normal"), "he_normal": dict(scheme="he_normal")}
SIGMOID = {
    "N(0, 1)": dict(scheme="normal", std=1.0),
    "N(0, 0.01^2)": dict(scheme="normal", std=0.01),
    "xavier_normal": dict(scheme="xavier_normal"),
}
QUIET = dict(at=(0,), every=300)  # only what the claims read: no snapshot past step 0


@pytest.fixture(scope="module", params=[0.0, PERTURB], ids=["as-is", "nudged"])
def runs(request):
    p = request.param
    out = {}
    for label, kw in RELU.items():
        out["relu", "sgd", label] = il.record_seeds(activation="relu", depth=30, perturb=p,
                                                    **QUIET, **kw)  # fmt: skip
        out["relu", "adam", label] = il.record_seeds(
            activation="relu", depth=30, optimizer="adam", steps=10, perturb=p, **kw
        )
    for label, kw in SIGMOID.items():
        for opt in ("sgd", "adam"):
            out["sigmoid", opt, label] = il.record_seeds(
                activation="sigmoid", depth=5, optimizer=opt, perturb=p, **QUIET, **kw
            )
    return out


def early(recs):
    return np.array([r.typical_ratio(1, 10) for r in recs])  # seeds x layers


def late(recs):
    return np.array([r.typical_ratio(251, 300) for r in recs])


def losses(recs):
    return np.array([r.result().final_loss() for r in recs])


def test_sgd_deep_relu_xavier_is_decades_below_the_band_he_near_it(runs):
    xavier, he = runs["relu", "sgd", "xavier_normal"], runs["relu", "sgd", "he_normal"]
    assert early(xavier).max() < -6.0  # every layer, every seed: about 1e-7.5 of the weights
    assert -4.0 < early(he).min() and early(he).max() < -2.5
    # 300 steps later Xavier's ratios have crept up, but not near the band, and it has
    # not left chance; He's sit in the band and it learns.
    assert late(xavier).max() < -5.0
    assert all(abs(v - CHANCE_LOSS) < 0.02 for v in losses(xavier))
    assert -3.5 < late(he).min() and late(he).max() < -2.5
    assert losses(he).max() < CHANCE_LOSS - 1.0


def test_deep_relu_forward_std_shows_it_at_step_0_the_dead_fraction_does_not(runs):
    xavier, he = runs["relu", "sgd", "xavier_normal"], runs["relu", "sgd", "he_normal"]
    assert max(r.stat_array("std")[0, -1] for r in xavier) < 1e-4
    assert min(r.stat_array("std")[0, -1] for r in he) > 0.3
    for r in xavier + he:  # about half of ReLU's outputs are 0 under both
        assert np.all(np.abs(r.stat_array("frac_dead")[0] - 0.5) < 0.15)


def test_sgd_sigmoid_stalled_runs_have_layer_1_far_below_and_last_layer_near_the_band(runs):
    for label in ("N(0, 0.01^2)", "xavier_normal"):
        recs = runs["sigmoid", "sgd", label]
        assert early(recs)[:, 0].max() < -5.0 and late(recs)[:, 0].max() < -5.0
        assert early(recs)[:, -1].min() > -4.0  # the last layer alone looks healthy
        assert all(abs(v - CHANCE_LOSS) < 0.02 for v in losses(recs))
    n1 = runs["sigmoid", "sgd", "N(0, 1)"]
    assert early(n1).min() > -4.0 and late(n1).min() > -4.5
    assert losses(n1).max() < CHANCE_LOSS - 0.4
    # N(0, 0.01^2)'s layer 1 lies below its layer 5 by more than five decades.
    n001 = early(runs["sigmoid", "sgd", "N(0, 0.01^2)"])
    assert (n001[:, -1] - n001[:, 0]).min() > 5.0


def test_sigmoid_saturation_points_the_wrong_way(runs):
    # N(0, 1) saturates half its outputs and learns; Xavier saturates almost none and stalls.
    for r in runs["sigmoid", "sgd", "N(0, 1)"]:
        assert r.stat_array("frac_saturated")[0].min() > 0.3
    for r in runs["sigmoid", "sgd", "xavier_normal"]:
        assert r.stat_array("frac_saturated")[0].max() < 0.01


def test_adam_ratios_sit_at_or_above_the_band_whatever_the_init(runs):
    for key, recs in runs.items():
        if key[1] == "adam":
            assert -3.5 < early(recs).min() and early(recs).max() < -1.0, key
    # ReLU-30: Xavier's and He's ranges overlap, so the ratio cannot tell them apart.
    x, h = early(runs["relu", "adam", "xavier_normal"]), early(runs["relu", "adam", "he_normal"])
    assert x.min() < h.max() and h.min() < x.max()


def test_adam_first_step_is_about_lr_over_the_weights_std(runs):
    for label in RELU:
        for r in runs["relu", "adam", label]:
            first = np.array(r.ratios[0])
            w = np.array(r.snapshots[0].weight_stds)
            assert np.all(np.abs(first - np.log10(1e-3 / w)) < 0.5)  # "a few tenths"
            assert np.all(first < np.log10(1e-3 / w) + 0.01)  # never above it


def test_adam_sigmoid_the_highest_ratio_trains_worst(runs):
    n1, n001, xav = (runs["sigmoid", "adam", k] for k in SIGMOID)
    assert early(n001).min() > -3.0 and early(n001).max() > -2.0  # at or above the band
    assert early(n1).max() < -3.0  # the lowest of the three
    assert early(xav).max() < -2.0  # N(0, 0.01^2) reaches the highest
    for a, b, c in zip(losses(n1), losses(xav), losses(n001)):
        assert a < b < c  # yet N(0, 1) trains best and N(0, 0.01^2) worst, in every seed
    assert losses(n001).min() > 1.5 and math.isfinite(losses(n001).max())
