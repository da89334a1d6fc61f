"""Build the course's multilayer perceptron; the ACTIVATIONS registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

from .checks import check_choice, check_int


@dataclass(frozen=True)
class Activation:
    """What the course needs to know about one activation function.

    `gain` is the argument list for `torch.nn.init.calculate_gain`, or None where PyTorch
    defines no gain (GELU). `output_range` is where its values can lie (None: unbounded);
    histograms use it for their bins. `bounds` are the values it saturates at.
    """

    make: Callable[[], nn.Module]
    gain: tuple | None
    output_range: tuple[float | None, float | None]
    bounds: tuple[float, ...] = ()


LEAKY_SLOPE = 0.01  # PyTorch's default negative slope for LeakyReLU

ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation(nn.Sigmoid, ("sigmoid",), (0.0, 1.0), (0.0, 1.0)),
    "tanh": Activation(nn.Tanh, ("tanh",), (-1.0, 1.0), (-1.0, 1.0)),
    "relu": Activation(nn.ReLU, ("relu",), (0.0, None)),
    "leaky_relu": Activation(
        lambda: nn.LeakyReLU(LEAKY_SLOPE), ("leaky_relu", LEAKY_SLOPE), (None, None)
    ),
    "gelu": Activation(nn.GELU, None, (-0.17, None)),
    "selu": Activation(nn.SELU, ("selu",), (-1.7581, None)),
    "linear": Activation(nn.Identity, ("linear",), (None, None)),
}

# The module classes above, for finding activation layers inside a model.
ACTIVATION_TYPES = tuple({type(a.make()) for a in ACTIVATIONS.values()})


def get_activation(name: str) -> Activation:
    """Look `name` up in ACTIVATIONS, with an error that lists the choices."""
    return ACTIVATIONS[check_choice("activation", name, ACTIVATIONS)]


def build_mlp(
    depth: int,
    width: int,
    activation: str,
    *,
    in_features: int | None = None,
    out_features: int | None = None,
    bias: bool = False,
) -> nn.Sequential:
    """Stack `depth` blocks of Linear(width) + activation, the seed's model for depth=5.

    `out_features` adds a linear read-out (no activation) on top, for classification.
    The activation's name is kept on the model as `model.activation` so that
    `init_weights` can pick the matching gain.
    """
    depth = check_int("depth", depth)
    width = check_int("width", width)
    act = get_activation(activation)
    n_in = width if in_features is None else check_int("in_features", in_features)
    layers: list[nn.Module] = []
    # skip_init: nn.Linear would draw its weights from the global RNG; we never touch it
    # and draw them below from a local generator instead.
    for i in range(depth):
        layers += [
            nn.utils.skip_init(nn.Linear, n_in if i == 0 else width, width, bias=bias),
            act.make(),
        ]
    if out_features is not None:
        n_out = check_int("out_features", out_features)
        layers.append(nn.utils.skip_init(nn.Linear, width, n_out, bias=bias))
    model = nn.Sequential(*layers)
    model.activation = activation
    from .inits import init_weights  # inits imports this module

    return init_weights(model, "pytorch_default", seed=0)


def derivative(activation: str, z: torch.Tensor) -> torch.Tensor:
    """phi'(z) for the registry's activation, by autograd (one definition of each phi)."""
    z = z.detach().double().requires_grad_(True)
    (grad,) = torch.autograd.grad(get_activation(activation).make()(z).sum(), z)
    return grad


def hidden_linears(model: nn.Module) -> list[nn.Linear]:
    """Every nn.Linear in `model`, input side first."""
    return [m for m in model.modules() if isinstance(m, nn.Linear)]
