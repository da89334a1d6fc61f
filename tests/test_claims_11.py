"""Notebook 11's claims about residual streams and normalisation, measured with its calls.

Forward claims are checked in every seed 0-4; training claims over seeds 0-4 twice: as
trained, and with every initial weight nudged by (1 + 1e-6 * noise), as another CPU's
rounding would nudge it.
"""

import math

import numpy as np
import pytest

import initlab_utils as il
from initlab_utils import PERTURB

DEPTH = 50
VARIANTS = {
    "alpha = 1": dict(alpha=1.0),
    "alpha = 1/sqrt(L)": dict(alpha=DEPTH**-0.5),
    "pre-norm": dict(norm="layer"),
}


@pytest.fixture(scope="module")
def streams():
    return {k: il.measure_stream(depth=DEPTH, **kw) for k, kw in VARIANTS.items()}


def test_alpha_1_grows_by_ten_orders_of_magnitude_in_every_seed(streams):
    s = streams["alpha = 1"]
    assert np.all((s[:, 0] > 1.2) & (s[:, 0] < 1.4))
    assert np.all(s[:, -1] > 1e10) and np.all(np.diff(np.log(s), axis=1) > 0)
    # ... and theory's prediction is within a factor of a few of every seed.
    predicted = il.predicted_stream_std("relu", 2.0, DEPTH)
    assert np.all(np.abs(np.log(s / predicted)) < math.log(4))


def test_gpt2_scaling_stays_within_a_factor_ten_and_follows_theory(streams):
    s = streams["alpha = 1/sqrt(L)"]
    assert np.all((s > 0.9) & (s < 10))
    predicted = il.predicted_stream_std("relu", 2.0, DEPTH, alpha=DEPTH**-0.5)
    assert np.all(np.abs(s / predicted - 1) < 0.2)


def test_prenorm_grows_like_sqrt_depth_close_to_theory_in_every_seed(streams):
    s = streams["pre-norm"]
    predicted = il.predicted_stream_std("relu", 2.0, DEPTH, norm="layer")
    assert np.all(np.abs(s / predicted - 1) < 0.03)
    assert np.all((s[:, -1] > 5.5) & (s[:, -1] < 6.3))
    # v grows linearly: std^2 - 1 over the block number is the constant 1 - 1/pi.
    slope = (s[:, -1] ** 2 - 1) / DEPTH
    assert np.all(np.abs(slope - (1 - 1 / math.pi)) < 0.05)


def test_plain_mlp_drifts_from_seed_to_seed_while_theory_says_constant():
    s = il.measure_stream(depth=DEPTH, architecture="mlp")
    assert np.all(np.abs(s[:, 0] - 0.826) < 0.05)  # sqrt(2 (1/2 - 1/(2 pi))) at layer 1
    last = s[:, -1]
    assert last.max() / last.min() > 5  # the seeds part ways by a large factor
    assert np.any(last < 0.5) and np.any(np.abs(np.log(last / 0.826)) > 0.5)


def test_zero_init_keeps_the_stream_at_its_input():
    s = il.measure_stream(depth=DEPTH, zero_init=True)
    assert np.allclose(s, s[:, :1])


def test_norm_hides_the_scale_of_w_forward_not_backward():
    for c in (0.1, 10.0):
        e = il.rescaling_effect(c)
        assert e["output_change"] < 1e-3
        assert e["grad_ratio"] == pytest.approx(1 / c, rel=1e-3)
        assert e["step_ratio"] == pytest.approx(1 / c**2, rel=1e-3)
        plain = il.rescaling_effect(c, norm=None)
        assert not plain["output_change"] < 0.5


def test_prenorm_gradient_is_largest_near_the_input_in_every_seed():
    for label, kw in VARIANTS.items():
        g = il.measure_stream(depth=DEPTH, key="grad_std", **kw)
        assert np.all(g[:, 0] > 2 * g[:, -1]), label
    g = il.measure_stream(depth=DEPTH, key="grad_std", norm="layer")
    assert np.all((g[:, 0] > 5) & (g[:, 0] < 20))


@pytest.fixture(scope="module", params=[0.0, PERTURB], ids=["as-is", "nudged"])
def trained(request):
    return il.compare_residual(perturb=request.param)


def losses(comparison, label):
    return [r.final_loss() for r in comparison[label].results]


def test_alpha_1_diverges_in_every_seed(trained):
    assert all(r.diverged and len(r.losses) <= 5 for r in trained["alpha = 1"].results)


def test_scaled_zero_init_and_prenorm_beat_the_plain_mlp_in_every_seed(trained):
    plain = losses(trained, "plain MLP")
    for label in ("alpha = 1/sqrt(L)", "zero-init gates", "pre-norm"):
        ours = losses(trained, label)
        assert not any(r.diverged for r in trained[label].results), label
        assert max(ours) < min(plain), (label, ours, plain)
        assert min(r.settled_accuracy() for r in trained[label].results) > 0.85, label
