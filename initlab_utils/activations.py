"""The ACTIVATIONS registry, and how to read a model's activation and layers off its modules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

from .checks import check_choice


@dataclass(frozen=True)
class Activation:
    """What the course needs to know about one activation function.

    `torch_gain` is the argument list for `torch.nn.init.calculate_gain`, or None where
    PyTorch defines no gain (GELU). `output_range` is where its values can lie (None:
    unbounded); histograms use it for their bins. `bounds` are the values it saturates at.
    """

    make: Callable[[], nn.Module]
    torch_gain: tuple | None
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


def auto_gain(activation: str) -> float:
    """PyTorch's recommended gain for `activation` (torch.nn.init.calculate_gain)."""
    args = get_activation(activation).torch_gain
    if args is None:
        raise ValueError(
            f"PyTorch defines no gain for activation {activation!r}; pass gain=<number>"
        )
    return nn.init.calculate_gain(*args)


def derivative(activation: str, z: torch.Tensor) -> torch.Tensor:
    """phi'(z) for the registry's activation, by autograd (one definition of each phi)."""
    z = z.detach().double().requires_grad_(True)
    (grad,) = torch.autograd.grad(get_activation(activation).make()(z).sum(), z)
    return grad


# -- Reading a model --------------------------------------------------------------------------


def _settings(module: nn.Module) -> tuple[type, str]:
    # A module's class and settings (LeakyReLU's slope), but not whether it works in place.
    return type(module), module.extra_repr().replace("inplace=True", "").strip(", ")


_NAMES = {_settings(a.make()): name for name, a in ACTIVATIONS.items()}


def _is_activation(module: nn.Module) -> bool:
    # The registry's modules, or any other of torch's (Softplus, ELU, ...): those are
    # activations the registry does not know.
    return isinstance(module, ACTIVATION_TYPES) or type(module).__module__ == (
        nn.modules.activation.__name__
    )


def _leaves(model: nn.Module) -> list[nn.Module]:
    """The modules that hold no others, in the order the model lists them."""
    return [m for m in model.modules() if next(m.children(), None) is None]


def activation_of(model: nn.Module) -> str:
    """The registry's name of `model`'s activation: "linear" for nn.Identity or none at all.

    Read off the model's own modules, so it holds for any model, not only build_mlp's.
    Raises a ValueError for an activation module the registry does not know (Softplus,
    LeakyReLU of another slope) or for a model mixing two kinds.
    """
    found: list[str] = []
    for module in filter(_is_activation, _leaves(model)):
        name = _NAMES.get(_settings(module))
        if name is None:
            known = ", ".join(f"{n} = {a.make()!r}" for n, a in ACTIVATIONS.items())
            raise ValueError(
                f"the model's activation {module!r} is not in the ACTIVATIONS registry; "
                f"the course knows: {known}"
            )
        if name not in found:
            found.append(name)
    if len(found) > 1:
        raise ValueError(
            f"the model mixes activations ({', '.join(found)}); the course's tools expect "
            "one activation in every layer"
        )
    return found[0] if found else "linear"


def linears(model: nn.Module) -> list[nn.Linear]:
    """Every nn.Linear of `model`, input side first: the layers init_weights fills."""
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def hidden_linears(model: nn.Module) -> list[nn.Linear]:
    """The hidden layers: each nn.Linear followed by an activation module (nn.Identity
    for "linear"), input side first. A read-out on top is not one of them."""
    leaves = _leaves(model)
    return [
        m
        for m, after in zip(leaves, leaves[1:])
        if isinstance(m, nn.Linear) and _is_activation(after)
    ]


def readout(model: nn.Module) -> nn.Linear | None:
    """The final nn.Linear if no activation follows it (build_mlp's `out_features`), else None."""
    layers, hidden = linears(model), hidden_linears(model)
    return layers[-1] if layers and (not hidden or layers[-1] is not hidden[-1]) else None
