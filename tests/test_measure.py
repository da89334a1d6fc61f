"""Measurements theory is checked against: the Jacobian's singular values against
torch.func, measure_correlations' errors, compare_with_theory's choice of layers."""

import math

import numpy as np
import pytest
import torch

import initlab_utils as il
from initlab_utils import compare_with_theory, measure_correlations


def test_jacobian_singular_values_match_torch_func():
    model = il.init_weights(il.build_mlp(3, 20, "tanh", out_features=7), "xavier_normal", seed=1)
    x = torch.randn(20, generator=torch.Generator().manual_seed(2))
    jac = torch.func.jacrev(model.double())(x.double()).detach()
    model.float()
    expected = torch.linalg.svdvals(jac).numpy()
    got = il.jacobian_singular_values(model, x)
    assert got.shape == (7,)
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
    assert next(model.parameters()).dtype == torch.float32  # the model is left as it was


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"sigma_w2": 1.0, "sigma_b2": 0.0, "c1": 0.5}, "finite q"),  # q* = 0
        ({"sigma_w2": 1.0, "sigma_b2": 0.3, "c1": -0.9}, "cannot be reached"),
        ({"sigma_w2": -1.0, "sigma_b2": 0.3, "c1": 0.5}, "sigma_w2"),
    ],
)
def test_measure_correlations_explains_what_it_cannot_do(kwargs, match):
    with pytest.raises(ValueError, match=match):
        measure_correlations(**kwargs, depth=2, width=10, n_pairs=2)


def test_compare_with_theory_skips_layers_it_cannot_predict():
    trace = il.run_experiment(activation="linear", std=10.0, depth=50, backward=False)
    rows = compare_with_theory(trace, il.variance_map("linear", 1e4, 0.0, 50))
    assert 0 < len(rows) < 50
    assert all(math.isfinite(r["gap"]) for r in rows)
