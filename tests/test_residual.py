"""Tests for residual.py and residual_theory.py: the builder, its initialisation through the
scheme registry, zero-init, the stream's Trace, the errors, and the variance recursion."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import initlab_utils as il
from initlab_utils import build_resnet, capture_stream, init_weights

WIDTH = 16


def test_builds_but_does_not_initialise():
    model = build_resnet(3, WIDTH, "relu", in_features=8, out_features=4)
    assert all(torch.isnan(layer.weight).all() for layer in il.linears(model))
    with pytest.raises(ValueError, match="init_weights"):
        capture_stream(model, torch.randn(5, 8))
    init_weights(model, "he_normal", seed=0)
    assert all(torch.isfinite(p).all() for p in model.parameters())
    assert [b.gate.item() for b in il.blocks(model)] == [1.0, 1.0, 1.0]


def test_registry_helpers_read_the_resnet():
    model = build_resnet(4, WIDTH, "tanh", norm="layer", in_features=8, out_features=4)
    blocks = il.blocks(model)
    assert il.activation_of(model) == "tanh"
    # The blocks' layers are the hidden ones; the stem is not, the read-out is the read-out.
    assert il.hidden_linears(model) == [b.linear for b in blocks]
    assert il.readout(model) is model[-1] and isinstance(model[-2], torch.nn.LayerNorm)
    assert len(il.linears(model)) == 4 + 2


def test_init_weights_gives_each_branch_the_schemes_variance():
    model = init_weights(build_resnet(5, 400, "relu"), "he_normal", seed=1)
    for layer in il.hidden_linears(model):
        assert 400 * layer.weight.var().item() == pytest.approx(2.0, rel=0.03)
    again = init_weights(build_resnet(5, 400, "relu"), "he_normal", seed=1)
    assert all(torch.equal(a, b) for a, b in zip(model.parameters(), again.parameters()))


def test_forward_is_the_block_formula():
    model = init_weights(build_resnet(2, WIDTH, "relu", alpha=0.5), "he_normal")
    x = torch.randn(7, WIDTH)
    expected = x
    for block in il.blocks(model):
        expected = expected + 0.5 * torch.relu(expected @ block.linear.weight.T)
    assert torch.allclose(model(x), expected, atol=1e-6)


def test_zero_init_starts_every_block_as_the_identity_and_the_gates_still_learn():
    model = il.zero_init_residual(init_weights(build_resnet(3, WIDTH, "relu"), "he_normal"))
    x = torch.randn(9, WIDTH)
    assert torch.equal(model(x), x)
    model(x).pow(2).sum().backward()
    blocks = il.blocks(model)
    assert all(b.gate.grad.abs().item() > 0 for b in blocks)
    assert all(not b.linear.weight.grad.any() for b in blocks)  # W moves from step 2 on


def test_trainer_builds_a_resnet_and_zero_init_sticks():
    tr = il.Trainer(activation="relu", scheme="he_normal", depth=3, width=WIDTH, steps=20,
                    architecture="resnet", norm="layer", zero_init=True)  # fmt: skip
    assert len(il.blocks(tr.model)) == 3 and all(b.gate.item() == 0 for b in il.blocks(tr.model))
    r = tr.run()
    assert not r.diverged and r.final_loss() < r.losses[0]
    assert r.config["architecture"] == "resnet" and r.config["norm"] == "layer"
    assert len(r.first_step_grad_norms) == 3


def test_capture_stream_keeps_the_stream_after_each_block():
    model = init_weights(build_resnet(4, WIDTH, "relu", norm="layer"), "he_normal")
    x = torch.randn(30, WIDTH)
    t = capture_stream(model, x)
    assert t.depth == 4 and torch.equal(t.inputs, x)
    assert torch.allclose(t.activations[-1], model(x))
    assert torch.allclose(t.activations[0], il.blocks(model)[0](x))
    assert len(t.gradients) == 4 and all(g.shape == x.shape for g in t.gradients)
    assert len(t.weight_stds) == 4 and {s["layer"] for s in t.stats()} == {1, 2, 3, 4}
    assert capture_stream(model, x, backward=False).gradients is None
    assert all(not h for b in il.blocks(model) for h in (b._forward_hooks, b.act._forward_hooks))


def test_scale_weights_leaves_a_normalised_network_unchanged():
    model = init_weights(
        build_resnet(5, WIDTH, "relu", norm="layer", in_features=8, out_features=3), "he_normal"
    )
    x = torch.randn(10, 8)
    before = model(x)
    il.scale_weights(model, 7.0)
    assert torch.allclose(model(x), before, rtol=1e-4, atol=1e-5)
    assert il.readout(model).weight.abs().max() < 2  # the read-out is left alone


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: build_resnet(0, 4, "relu"), "depth"),
        (lambda: build_resnet(2, 4.5, "relu"), "width"),
        (lambda: build_resnet(2, 4, "relux"), "activation"),
        (lambda: build_resnet(2, 4, "relu", alpha=0), "alpha"),
        (lambda: build_resnet(2, 4, "relu", norm="group"), "norm"),
        (lambda: build_resnet(2, 4, "relu", bias="yes"), "bias"),
        (lambda: il.zero_init_residual(il.build_mlp(2, 4, "relu")), "residual blocks"),
        (lambda: il.scale_weights(build_resnet(2, 4, "relu"), -1.0), "factor"),
        (lambda: il.predicted_stream_std("relu", 2.0, 5, norm="Layer"), "norm"),
        (lambda: il.residual_moments("relu", 0.0, 5), "sigma_w2"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_unknown_norm_lists_the_choices():
    with pytest.raises(ValueError, match="layer, batch"):
        build_resnet(2, 4, "relu", norm="instance")


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"architecture": "transformer"}, "architecture"),
        ({"norm": "layer"}, "resnet"),
        ({"alpha": 0.5}, "alpha"),
        ({"zero_init": True}, "zero_init"),
        ({"architecture": "resnet", "zero_init": 1}, "zero_init"),
        ({"architecture": "resnet", "alpha": -1.0}, "alpha"),
        ({"architecture": "resnet", "norm": "group"}, "norm"),
    ],
)
def test_trainer_residual_options_are_checked(kwargs, name):
    with pytest.raises(ValueError, match=name):
        il.Trainer(activation="relu", scheme="he_normal", depth=2, width=8, **kwargs)


# -- Theory ------------------------------------------------------------------------------------


def test_relu_he_recursion_in_closed_form():
    # Pre-norm: the branch reads second moment 1, so each block adds Var(relu(N(0, 2))) =
    # 1 - 1/pi and the mean grows by E[relu(N(0, 2))] = 1/sqrt(pi).
    m = il.residual_moments("relu", 2.0, 40, norm="layer")
    blocks = np.arange(1, 41)
    assert np.allclose(m["var"], 1 + blocks * (1 - 1 / math.pi), rtol=1e-6)
    assert np.allclose(m["mean"], blocks / math.sqrt(math.pi), rtol=1e-6)
    # No norm, linear branch: v doubles per block at alpha 1, grows by 1 + alpha^2 in general.
    lin = il.residual_moments("linear", 1.0, 10, alpha=0.5)["var"]
    assert np.allclose(lin, 1.25 ** np.arange(1, 11), rtol=1e-6)


def test_gpt2_scaling_keeps_the_linear_stream_bounded_by_e():
    # alpha^2 = 1/L: (1 + 1/L)^L < e at every depth.
    for depth in (10, 50, 200):
        v = il.residual_moments("linear", 1.0, depth, alpha=depth**-0.5)["var"][-1]
        assert (1 + 1 / depth) ** depth == pytest.approx(v) and v < math.e


@pytest.mark.parametrize(
    "kwargs, tol",
    [({"norm": "layer"}, 0.02), ({"alpha": 50**-0.5}, 0.1), ({"alpha": 1.0}, 0.5)],
    ids=["pre-norm", "alpha 1/sqrt(L)", "alpha 1"],
)
def test_theory_matches_wide_networks_over_seeds(kwargs, tol):
    # Width 800, seeds 0-4: every seed's std at every block within a factor e^tol of the
    # prediction. At alpha 1 the stream grows 11 orders of magnitude over 50 blocks and
    # compounds the finite width's noise: a factor 1.65 there is 1% per block.
    measured = il.measure_stream(depth=50, width=800, n_samples=200, **kwargs)
    predicted = il.predicted_stream_std("relu", 2.0, 50, **kwargs)
    off = np.abs(np.log(measured / predicted))
    assert np.all(off < tol), off.max()
