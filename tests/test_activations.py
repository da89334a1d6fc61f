"""The ACTIVATIONS registry, and reading a model's activation and layers off its modules."""

import pytest
import torch
from torch import nn

import initlab_utils as il


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "selu", "linear"])
def test_auto_gain_is_calculate_gain(activation):
    args = il.ACTIVATIONS[activation].torch_gain
    assert il.auto_gain(activation) == nn.init.calculate_gain(*args)


def test_gelu_has_no_torch_gain():
    assert il.ACTIVATIONS["gelu"].torch_gain is None
    with pytest.raises(ValueError, match="no gain for activation 'gelu'"):
        il.auto_gain("gelu")


@pytest.mark.parametrize("activation", sorted(il.ACTIVATIONS))
def test_derivative_is_the_slope_of_the_registry_module(activation):
    z = torch.linspace(-3, 3, 61, dtype=torch.float64) + 0.05  # off the kinks at 0
    phi = il.ACTIVATIONS[activation].make()
    h = 1e-6
    numeric = (phi(z + h) - phi(z - h)) / (2 * h)
    torch.testing.assert_close(il.derivative(activation, z), numeric, atol=1e-6, rtol=0)


@pytest.mark.parametrize("activation", sorted(il.ACTIVATIONS))
def test_activation_of_reads_every_build_mlp_model(activation):
    assert il.activation_of(il.build_mlp(3, 8, activation, out_features=2)) == activation


def test_activation_of_any_model():
    assert il.activation_of(nn.Sequential(nn.Linear(3, 3), nn.ReLU(inplace=True))) == "relu"
    assert il.activation_of(nn.Sequential(nn.Linear(3, 3), nn.Linear(3, 2))) == "linear"
    leaky = nn.Sequential(nn.Linear(3, 3), nn.LeakyReLU(il.LEAKY_SLOPE), nn.Linear(3, 3))
    assert il.activation_of(leaky) == "leaky_relu"


@pytest.mark.parametrize(
    "model, match",
    [
        (nn.Sequential(nn.Linear(3, 3), nn.Softplus()), "Softplus.* not in the ACTIVATIONS"),
        (nn.Sequential(nn.Linear(3, 3), nn.LeakyReLU(0.2)), "negative_slope=0.2.* not in"),
        (
            nn.Sequential(nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 3), nn.Tanh()),
            "mixes.*relu, tanh",
        ),
    ],
)
def test_activation_of_refuses_what_it_cannot_name(model, match):
    with pytest.raises(ValueError, match=match):
        il.activation_of(model)


def test_hidden_layers_readout_and_all_linears():
    model = il.build_mlp(3, 8, "tanh", in_features=5, out_features=2)
    layers = il.linears(model)
    assert [m.in_features for m in layers] == [5, 8, 8, 8]
    assert il.hidden_linears(model) == layers[:3]
    assert il.readout(model) is layers[3]
    bare = il.build_mlp(3, 8, "linear")  # Linear + Identity blocks: all hidden, no read-out
    assert il.hidden_linears(bare) == il.linears(bare) and il.readout(bare) is None
    single = nn.Sequential(nn.Linear(4, 2))
    assert il.hidden_linears(single) == [] and il.readout(single) is single[0]
