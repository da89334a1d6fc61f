"""The INIT_SCHEMES registry and init_weights(), which delegates to torch.nn.init."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

from .checks import check_choice, check_nonnegative, check_positive
from .models import ACTIVATIONS, LEAKY_SLOPE, hidden_linears

# Each scheme fills one weight tensor in place: fill(weight, std, gain, generator).
Fill = Callable[[torch.Tensor, float, float, torch.Generator], object]


@dataclass(frozen=True)
class Scheme:
    """One way to initialise a weight matrix.

    `default_std` is set for schemes whose scale is a free parameter (`std`); the others
    derive their scale from the layer's fan-in/fan-out and refuse a `std`. `uses_gain`
    marks schemes that take a gain (None: PyTorch's default for that scheme).
    """

    fill: Fill
    description: str
    default_std: float | None = None
    uses_gain: bool = False
    data_dependent: bool = False


def _he_gain(activation: str) -> float:
    # Kaiming/He: sqrt(2) for ReLU, sqrt(2 / (1 + a^2)) for leaky ReLU with slope a.
    if activation == "leaky_relu":
        return nn.init.calculate_gain("leaky_relu", LEAKY_SLOPE)
    return nn.init.calculate_gain("relu")


def _pytorch_default(w: torch.Tensor, std: float, gain: float, g: torch.Generator) -> None:
    # What nn.Linear.reset_parameters does: kaiming_uniform_ with a=sqrt(5), which is
    # U(-1/sqrt(n_in), 1/sqrt(n_in)) and so Var(W) = 1/(3 n_in). Repeated here only to
    # take a local generator; tests compare it with reset_parameters itself.
    nn.init.kaiming_uniform_(w, a=math.sqrt(5), generator=g)


INIT_SCHEMES: dict[str, Scheme] = {
    "zeros": Scheme(lambda w, s, k, g: nn.init.zeros_(w), "every weight 0"),
    "constant": Scheme(
        lambda w, s, k, g: nn.init.constant_(w, s), "every weight equal to std", 0.1
    ),
    "normal": Scheme(
        lambda w, s, k, g: nn.init.normal_(w, 0.0, s, generator=g), "N(0, std^2)", 1.0
    ),
    "uniform": Scheme(
        # U(-a, a) has variance a^2 / 3, so a = sqrt(3) std gives the asked-for std.
        lambda w, s, k, g: nn.init.uniform_(w, -math.sqrt(3) * s, math.sqrt(3) * s, generator=g),
        "U(-sqrt(3) std, sqrt(3) std), variance std^2",
        1.0,
    ),
    "xavier_normal": Scheme(
        lambda w, s, k, g: nn.init.xavier_normal_(w, k, generator=g),
        "N(0, gain^2 * 2/(n_in + n_out)) (Glorot & Bengio 2010)",
        uses_gain=True,
    ),
    "xavier_uniform": Scheme(
        lambda w, s, k, g: nn.init.xavier_uniform_(w, k, generator=g),
        "U with variance gain^2 * 2/(n_in + n_out) (Glorot & Bengio 2010)",
        uses_gain=True,
    ),
    # kaiming_*_ with the linear gain (1) gives Var(W) = 1/n_in; scaling by the gain
    # afterwards lets any gain through, sqrt(2) for ReLU by default.
    "he_normal": Scheme(
        lambda w, s, k, g: nn.init.kaiming_normal_(w, nonlinearity="linear", generator=g).mul_(k),
        "N(0, gain^2 / n_in), gain sqrt(2) for ReLU (He et al. 2015)",
        uses_gain=True,
    ),
    "he_uniform": Scheme(
        lambda w, s, k, g: nn.init.kaiming_uniform_(w, nonlinearity="linear", generator=g).mul_(k),
        "U with variance gain^2 / n_in, gain sqrt(2) for ReLU (He et al. 2015)",
        uses_gain=True,
    ),
    "lecun_normal": Scheme(
        lambda w, s, k, g: nn.init.kaiming_normal_(w, nonlinearity="linear", generator=g),
        "N(0, 1/n_in) (LeCun et al. 1998)",
    ),
    "orthogonal": Scheme(
        lambda w, s, k, g: nn.init.orthogonal_(w, k, generator=g),
        "a random orthogonal matrix times gain (Saxe et al. 2013)",
        uses_gain=True,
    ),
    "pytorch_default": Scheme(
        _pytorch_default, "what nn.Linear does: U(-1/sqrt(n_in), 1/sqrt(n_in))"
    ),
    "lsuv": Scheme(
        lambda w, s, k, g: nn.init.orthogonal_(w, generator=g),
        "orthogonal, then each layer rescaled to output variance 1 (Mishkin & Matas 2015)",
        data_dependent=True,
    ),
}

# Default gains, by scheme, when gain=None: 1 for Glorot's and the orthogonal form as
# published, the ReLU family's for He (looked up from the model's activation).
_DEFAULT_GAIN: dict[str, Callable[[str], float]] = {
    "he_normal": _he_gain,
    "he_uniform": _he_gain,
}


def auto_gain(activation: str) -> float:
    """PyTorch's recommended gain for `activation` (torch.nn.init.calculate_gain)."""
    act = ACTIVATIONS[check_choice("activation", activation, ACTIVATIONS)]
    if act.gain is None:
        raise ValueError(
            f"PyTorch defines no gain for activation {activation!r}; pass gain=<number>"
        )
    return nn.init.calculate_gain(*act.gain)


def resolve_scale(
    scheme: str, std: float | None, gain: float | str | None, activation: str
) -> tuple[float | None, float]:
    """The (std, gain) that `scheme` will use: defaults filled in, arguments checked.

    A std given to a scheme that sets its own scale, or a gain to one that takes none,
    is an error; gain "auto" means calculate_gain(activation).
    """
    spec = INIT_SCHEMES[check_choice("scheme", scheme, INIT_SCHEMES)]
    if spec.default_std is None and std is not None:
        raise ValueError(
            f"scheme {scheme!r} sets its own scale, so std must be None (got {std}); "
            f"std is used by: {', '.join(n for n, s in INIT_SCHEMES.items() if s.default_std)}"
        )
    std = spec.default_std if std is None else check_positive("std", std)
    if not spec.uses_gain and gain is not None:
        raise ValueError(
            f"scheme {scheme!r} takes no gain (got {gain!r}); gain is used by: "
            f"{', '.join(n for n, s in INIT_SCHEMES.items() if s.uses_gain)}"
        )
    if gain == "auto":
        return std, auto_gain(activation)
    if gain is None:
        return std, _DEFAULT_GAIN.get(scheme, lambda a: 1.0)(activation)
    return std, check_positive("gain", gain)


def init_weights(
    model: nn.Module,
    scheme: str,
    *,
    std: float | None = None,
    gain: float | str | None = None,
    bias_std: float = 0.0,
    seed: int = 0,
    data: torch.Tensor | None = None,
) -> nn.Module:
    """Initialise every nn.Linear of `model` in place with `scheme`; return the model.

    Args:
        std: the scale of `normal`, `uniform` (its standard deviation) and `constant`
            (its value). The other schemes derive their scale from fan-in/fan-out and
            refuse a std.
        gain: a number, or "auto" for calculate_gain(model's activation); for the
            schemes that take one. None means the scheme's published default.
        bias_std: biases are drawn from N(0, bias_std^2) (0: all zero), except under
            `pytorch_default`, which draws them as nn.Linear does.
        seed: seeds a local torch.Generator; the global RNG is never touched.
        data: the batch that data-dependent schemes (`lsuv`) calibrate on; default a
            N(0, 1) batch of 1000 samples drawn from `seed`.
    """
    spec = INIT_SCHEMES[check_choice("scheme", scheme, INIT_SCHEMES)]
    std, gain = resolve_scale(scheme, std, gain, getattr(model, "activation", "linear"))
    bias_std = check_nonnegative("bias_std", bias_std)
    generator = torch.Generator().manual_seed(seed)
    linears = hidden_linears(model)
    with torch.no_grad():
        for layer in linears:
            spec.fill(layer.weight, std, gain, generator)
            if layer.bias is None:
                continue
            if scheme == "pytorch_default":
                bound = 1 / math.sqrt(layer.weight.shape[1])
                nn.init.uniform_(layer.bias, -bound, bound, generator=generator)
            elif bias_std > 0:
                nn.init.normal_(layer.bias, 0.0, bias_std, generator=generator)
            else:
                nn.init.zeros_(layer.bias)
    if spec.data_dependent:
        if data is None:
            data = torch.randn(1000, linears[0].in_features, generator=generator)
        lsuv_rescale(model, data)
    return model


def lsuv_rescale(
    model: nn.Module, data: torch.Tensor, *, tol: float = 0.1, max_iter: int = 10
) -> nn.Module:
    """Layer-sequential unit variance: scale each Linear until its output variance is 1.

    Mishkin & Matas (2015): go through the layers in order; for each, run the batch,
    measure Var(W x) and divide W by its square root, until |Var - 1| < tol.
    """
    outputs: dict[str, torch.Tensor] = {}
    with torch.no_grad():
        for layer in hidden_linears(model):
            handle = layer.register_forward_hook(lambda m, i, o: outputs.update(out=o))
            try:
                for _ in range(max_iter):
                    model(data)
                    var = outputs["out"].var().item()
                    if abs(var - 1.0) < tol or not math.isfinite(var) or var == 0.0:
                        break
                    layer.weight /= math.sqrt(var)
            finally:
                handle.remove()
    return model
