"""build_mlp(): the course's multilayer perceptron, built but not initialised."""

from __future__ import annotations

import math

import torch
from torch import nn

from .activations import get_activation
from .checks import check_int


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
    Building is not initialising: every weight and bias is NaN, a visible "not
    initialised yet", until `init_weights(model, scheme)` fills them (capture refuses
    such a model). The activation is the model's own modules; `activation_of` reads it.
    """
    depth = check_int("depth", depth)
    width = check_int("width", width)
    act = get_activation(activation)
    n_in = width if in_features is None else check_int("in_features", in_features)
    layers: list[nn.Module] = []
    # skip_init: nn.Linear would draw its weights from the global RNG, which the course
    # never touches; init_weights draws them from a local generator instead.
    for i in range(depth):
        layers += [
            nn.utils.skip_init(nn.Linear, n_in if i == 0 else width, width, bias=bias),
            act.make(),
        ]
    if out_features is not None:
        n_out = check_int("out_features", out_features)
        layers.append(nn.utils.skip_init(nn.Linear, width, n_out, bias=bias))
    model = nn.Sequential(*layers)
    with torch.no_grad():
        for p in model.parameters():
            p.fill_(math.nan)
    return model
