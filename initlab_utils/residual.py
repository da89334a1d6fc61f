"""build_resnet(): residual blocks x + alpha * act(W norm(x)), built but not initialised."""

from __future__ import annotations

import math

import torch
from torch import nn

from .activations import activation_of, get_activation, linears, readout
from .capture import Trace, hooked_run
from .checks import check_choice, check_int, check_positive
from .models import build_mlp
from .threads import single_threaded

# The normalisations a block can apply to its branch's input (pre-norm). Neither has a
# learnable scale or shift (affine=False), so init_weights still sets every parameter
# but the blocks' gates. LayerNorm normalises each sample across its units (Ba et al.
# 2016), BatchNorm each unit across the batch (Ioffe & Szegedy 2015): either way the
# branch's input has second moment 1 per unit, whatever the scale of the stream.
NORMS = {
    "layer": lambda width: nn.LayerNorm(width, elementwise_affine=False),
    "batch": lambda width: nn.BatchNorm1d(width, affine=False),
}


def check_norm(norm: str | None) -> str | None:
    """`norm` if it is None or a key of NORMS, else a ValueError listing the choices."""
    return None if norm is None else check_choice("norm", norm, NORMS)


class ResidualBlock(nn.Module):
    """One block: x + alpha * gate * act(W norm(x)), norm applied only if asked for.

    `alpha` is a fixed number (1, or GPT-2's 1/sqrt(depth)); `gate` is a learnable
    scalar that starts at 1, and at 0 after `zero_init_residual` (SkipInit, ReZero).
    """

    def __init__(
        self, width: int, activation: str, *, alpha: float, norm: str | None, bias: bool
    ) -> None:
        super().__init__()
        # Registered in the order they run, so hidden_linears finds Linear -> activation.
        self.norm = None if norm is None else NORMS[norm](width)
        self.linear = nn.utils.skip_init(nn.Linear, width, width, bias=bias)
        self.act = get_activation(activation).make()
        self.alpha = alpha
        self.gate = nn.Parameter(torch.ones(()))

    def branch(self, x: torch.Tensor) -> torch.Tensor:
        """act(W norm(x)): what the block adds to the stream, before alpha * gate."""
        return self.act(self.linear(x if self.norm is None else self.norm(x)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + (self.alpha * self.gate) * self.branch(x)

    def extra_repr(self) -> str:
        return f"alpha={self.alpha:.4g}"


def build_resnet(
    depth: int,
    width: int,
    activation: str,
    *,
    alpha: float = 1.0,
    norm: str | None = None,
    in_features: int | None = None,
    out_features: int | None = None,
    bias: bool = False,
) -> nn.Sequential:
    """Stack `depth` residual blocks of `width` units: x <- x + alpha * act(W norm(x)).

    `in_features` puts a linear stem (no activation) in front that maps the input to the
    stream's width; `out_features` a linear read-out on top, after a final `norm` if
    there is one (GPT-2's last LayerNorm). As build_mlp: every Linear is NaN until
    `init_weights(model, scheme)` fills it (the gates start at 1, the norms hold no
    parameters); hidden_linears gives the blocks' layers, readout the read-out.
    """
    depth = check_int("depth", depth)
    width = check_int("width", width)
    get_activation(activation)
    alpha = check_positive("alpha", alpha)
    norm = check_norm(norm)
    if not isinstance(bias, bool):
        raise ValueError(f"bias must be True or False, got {bias!r}")
    layers: list[nn.Module] = []
    if in_features is not None:
        n_in = check_int("in_features", in_features)
        layers.append(nn.utils.skip_init(nn.Linear, n_in, width, bias=bias))
    layers += [
        ResidualBlock(width, activation, alpha=alpha, norm=norm, bias=bias) for _ in range(depth)
    ]
    if out_features is not None:
        n_out = check_int("out_features", out_features)
        if norm is not None:
            layers.append(NORMS[norm](width))
        layers.append(nn.utils.skip_init(nn.Linear, width, n_out, bias=bias))
    model = nn.Sequential(*layers)
    with torch.no_grad():
        for layer in linears(model):
            for p in layer.parameters():
                p.fill_(math.nan)
    return model


def blocks(model: nn.Module) -> list[ResidualBlock]:
    """The residual blocks of `model`, input side first."""
    return [m for m in model.modules() if isinstance(m, ResidualBlock)]


def _residual_blocks(model: nn.Module) -> list[ResidualBlock]:
    found = blocks(model)
    if not found:
        raise ValueError("the model has no residual blocks: build it with build_resnet")
    return found


def zero_init_residual(model: nn.Module) -> nn.Module:
    """Start every block as the identity: each branch's last factor, its gate, set to 0.

    The zero-gamma of Goyal et al. (2017), SkipInit (De & Smith 2020) and ReZero
    (Bachlechner et al. 2020) in one move: the stream starts as its input, and the
    gates (whose gradient is not 0) switch the branches on during training. Zeroing W
    itself would not do: ReLU's slope at 0 is 0, so W would get no gradient, ever.
    """
    with torch.no_grad():
        for block in _residual_blocks(model):
            block.gate.zero_()
    return model


def scale_weights(model: nn.Module, factor: float) -> nn.Module:
    """Multiply every Linear's weight except the read-out's by `factor`, in place.

    With pre-norm blocks, a stem and a final norm, the network's output does not change
    (the stream scales by `factor`, every norm divides it out); its gradients do.
    """
    factor = check_positive("factor", factor)
    top = readout(model)
    with torch.no_grad():
        for layer in linears(model):
            if layer is not top:
                layer.weight.mul_(factor)
    return model


def _check_initialised(model: nn.Module) -> None:
    for i, layer in enumerate(linears(model), start=1):
        if bool(layer.weight.isnan().all()):
            raise ValueError(
                f"layer {i}'s weights are all NaN: build_resnet builds a network without "
                "initialising it; call init_weights(model, scheme) first"
            )


@single_threaded
def capture_stream(model: nn.Module, x: torch.Tensor, *, backward: bool = True) -> Trace:
    """Run `x` through `model` and keep the residual stream after every block: a Trace.

    `activations[l]` is the stream after block l + 1 (the std the notebook follows),
    `pre_activations[l]` that block's branch pre-activation W norm(x), `inputs` the
    stream fed to block 1. With `backward`, `gradients[l]` is dL/d(stream) for
    L = sum(r * stream_L), r ~ N(0, 1) from capture's READOUT_SEED. Trace.gains() reads
    plain layers, not blocks: it does not apply here.
    """
    name = activation_of(model)
    found = _residual_blocks(model)
    _check_initialised(model)
    fed, pre, post = [], [], []

    def keep_stream(module, inputs, output):
        fed.append(inputs[0])
        post.append(output)

    def keep_pre(module, inputs, output):
        pre.append(inputs[0])

    hooks = [(b, keep_stream) for b in found] + [(b.act, keep_pre) for b in found]
    grads = hooked_run(model, x, hooks, post, backward=backward)
    return Trace(
        activation=name,
        pre_activations=[p.detach() for p in pre],
        activations=[a.detach() for a in post],
        gradients=grads,
        inputs=fed[0].detach(),
        weight_stds=[b.linear.weight.std(correction=0).item() for b in found],
    )


# -- Choosing the network: what Trainer builds ----------------------------------------------

ARCHITECTURES = ("mlp", "resnet")


def network_options(
    architecture: str, *, alpha: float | None, norm: str | None, zero_init: bool
) -> dict:
    """The residual options of `architecture`, checked: {} for "mlp", which takes none
    (a ValueError names the one given), alpha (default 1), norm and zero_init for "resnet"."""
    check_choice("architecture", architecture, ARCHITECTURES)
    if not isinstance(zero_init, bool):
        raise ValueError(f"zero_init must be True or False, got {zero_init!r}")
    if architecture == "mlp":
        given = [n for n, v in (("alpha", alpha), ("norm", norm), ("zero_init", zero_init)) if v]
        if given:
            raise ValueError(
                f"{', '.join(given)} needs architecture='resnet' (the plain MLP has no blocks)"
            )
        return {}
    alpha = 1.0 if alpha is None else check_positive("alpha", alpha)
    return dict(alpha=alpha, norm=check_norm(norm), zero_init=zero_init)


def build_network(
    depth: int, width: int, activation: str, *, in_features: int, out_features: int,
    bias: bool, **options,
) -> nn.Sequential:  # fmt: skip
    """build_mlp, or build_resnet with network_options' `options` (zero_init is applied
    after init_weights, by the caller: `zero_init_residual`)."""
    if not options:
        return build_mlp(
            depth, width, activation, in_features=in_features, out_features=out_features, bias=bias
        )
    return build_resnet(
        depth, width, activation, alpha=options["alpha"], norm=options["norm"],
        in_features=in_features, out_features=out_features, bias=bias,
    )  # fmt: skip
