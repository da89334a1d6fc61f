"""build_mlp builds and never initialises; capture refuses a network nobody initialised."""

import math

import pytest
import torch
from torch import nn

import initlab_utils as il


def test_build_mlp_shapes():
    model = il.build_mlp(3, 10, "relu", in_features=4, out_features=2, bias=True)
    shapes = [tuple(m.weight.shape) for m in il.linears(model)]
    assert shapes == [(10, 4), (10, 10), (10, 10), (2, 10)]
    assert [type(m) for m in model][:2] == [nn.Linear, nn.ReLU]


def test_build_mlp_leaves_every_parameter_nan_and_the_global_rng_alone():
    state = torch.random.get_rng_state()
    model = il.build_mlp(2, 6, "tanh", out_features=3, bias=True)
    assert torch.equal(state, torch.random.get_rng_state())
    assert all(bool(p.isnan().all()) for p in model.parameters())
    il.init_weights(model, "xavier_normal", bias_std=0.1)
    assert all(bool(p.isfinite().all()) for p in model.parameters())


def test_capture_asks_for_init_weights():
    model = il.build_mlp(2, 6, "tanh")
    with pytest.raises(ValueError, match="layer 1's weights are all NaN.*init_weights"):
        il.capture(model, torch.randn(4, 6))


def test_a_trained_nan_is_not_mistaken_for_no_init():
    model = il.init_weights(il.build_mlp(2, 6, "tanh"), "xavier_normal")
    with torch.no_grad():
        model[0].weight[0, 0] = math.nan  # a diverged weight, not an uninitialised layer
    trace = il.capture(model, torch.randn(4, 6), backward=False)
    assert not trace.stats()[0]["finite"]
