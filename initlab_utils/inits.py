"""The INIT_SCHEMES registry and init_weights(), which delegates to torch.nn.init."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

from .activations import LEAKY_SLOPE, activation_of, auto_gain, linears
from .checks import check_choice, check_nonnegative, check_positive
from .threads import single_threaded

# Each scheme fills one weight tensor in place: fill(weight, std, gain, generator).
Fill = Callable[[torch.Tensor, float, float, torch.Generator], object]
# sigma_w2 = n Var(W) that a scheme gives a square n x n layer: sigma_w2(n, std, gain).
SigmaW2 = Callable[[int, float, float], float]


def _gain_one(activation: str) -> float:
    return 1.0


@dataclass(frozen=True)
class Scheme:
    """One way to initialise a weight matrix: one row holds all the course knows about it.

    Args:
        fill: fills one weight tensor in place.
        sigma_w2: the n Var(W) it gives a square layer of n units, the number mean-field
            theory describes it by (theory.py reads it here); None if there is none, and
            then `no_sigma_w2` says why.
        default_std: set for schemes whose scale is a free parameter (`std`); the others
            derive their scale from the layer's fan-in/fan-out and refuse a std.
        uses_gain: the scheme takes a gain; `default_gain(activation)` is the one it uses
            when given none (1 for Glorot's and the orthogonal form as published).
        data_dependent: it calibrates on a batch of data (LSUV).
    """

    fill: Fill
    description: str
    sigma_w2: SigmaW2 | None
    no_sigma_w2: str = ""
    default_std: float | None = None
    uses_gain: bool = False
    default_gain: Callable[[str], float] = _gain_one
    data_dependent: bool = False

    def __post_init__(self) -> None:
        if (self.sigma_w2 is None) != bool(self.no_sigma_w2):
            raise ValueError("a Scheme has a sigma_w2, or no_sigma_w2 saying why it has none")

    @property
    def uses_std(self) -> bool:
        """Whether the scheme's scale is the free parameter `std`."""
        return self.default_std is not None


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


def _gain_squared(n: int, std: float | None, gain: float) -> float:
    # Schemes that scale Var(W) as gain^2 / n (Xavier on a square layer, He, orthogonal).
    return gain**2


def _n_std_squared(n: int, std: float | None, gain: float) -> float:
    # Schemes drawn at a given std: n Var(W) = n std^2.
    return n * std**2


# On a square n x n layer: Glorot's 2 / (n_in + n_out) is 1 / n; an orthogonal matrix's
# rows have length 1, so its n^2 entries have mean square 1 / n; nn.Linear's
# U(-1/sqrt(n), 1/sqrt(n)) has variance 1 / (3 n).
INIT_SCHEMES: dict[str, Scheme] = {
    "zeros": Scheme(
        lambda w, s, k, g: nn.init.zeros_(w),
        "every weight 0",
        sigma_w2=None,
        no_sigma_w2="every weight is 0, so there is no random sum for the theory to describe",
    ),
    "constant": Scheme(
        lambda w, s, k, g: nn.init.constant_(w, s),
        "every weight equal to std",
        sigma_w2=None,
        no_sigma_w2="every weight is the same number, so there is no random sum to describe",
        default_std=0.1,
    ),
    "normal": Scheme(
        lambda w, s, k, g: nn.init.normal_(w, 0.0, s, generator=g),
        "N(0, std^2)",
        sigma_w2=_n_std_squared,
        default_std=1.0,
    ),
    "uniform": Scheme(
        # U(-a, a) has variance a^2 / 3, so a = sqrt(3) std gives the asked-for std.
        lambda w, s, k, g: nn.init.uniform_(w, -math.sqrt(3) * s, math.sqrt(3) * s, generator=g),
        "U(-sqrt(3) std, sqrt(3) std), variance std^2",
        sigma_w2=_n_std_squared,
        default_std=1.0,
    ),
    "xavier_normal": Scheme(
        lambda w, s, k, g: nn.init.xavier_normal_(w, k, generator=g),
        "N(0, gain^2 * 2/(n_in + n_out)) (Glorot & Bengio 2010)",
        sigma_w2=_gain_squared,
        uses_gain=True,
    ),
    "xavier_uniform": Scheme(
        lambda w, s, k, g: nn.init.xavier_uniform_(w, k, generator=g),
        "U with variance gain^2 * 2/(n_in + n_out) (Glorot & Bengio 2010)",
        sigma_w2=_gain_squared,
        uses_gain=True,
    ),
    # kaiming_*_ with the linear gain (1) gives Var(W) = 1/n_in; scaling by the gain
    # afterwards lets any gain through, sqrt(2) for ReLU by default.
    "he_normal": Scheme(
        lambda w, s, k, g: nn.init.kaiming_normal_(w, nonlinearity="linear", generator=g).mul_(k),
        "N(0, gain^2 / n_in), gain sqrt(2) for ReLU (He et al. 2015)",
        sigma_w2=_gain_squared,
        uses_gain=True,
        default_gain=_he_gain,
    ),
    "he_uniform": Scheme(
        lambda w, s, k, g: nn.init.kaiming_uniform_(w, nonlinearity="linear", generator=g).mul_(k),
        "U with variance gain^2 / n_in, gain sqrt(2) for ReLU (He et al. 2015)",
        sigma_w2=_gain_squared,
        uses_gain=True,
        default_gain=_he_gain,
    ),
    "lecun_normal": Scheme(
        lambda w, s, k, g: nn.init.kaiming_normal_(w, nonlinearity="linear", generator=g),
        "N(0, 1/n_in) (LeCun et al. 1998)",
        sigma_w2=lambda n, s, k: 1.0,
    ),
    "orthogonal": Scheme(
        lambda w, s, k, g: nn.init.orthogonal_(w, k, generator=g),
        "a random orthogonal matrix times gain (Saxe et al. 2013)",
        sigma_w2=_gain_squared,
        uses_gain=True,
    ),
    "pytorch_default": Scheme(
        _pytorch_default,
        "what nn.Linear does: U(-1/sqrt(n_in), 1/sqrt(n_in))",
        sigma_w2=lambda n, s, k: 1.0 / 3.0,
    ),
    "lsuv": Scheme(
        lambda w, s, k, g: nn.init.orthogonal_(w, generator=g),
        "orthogonal, then each layer rescaled to output variance 1 (Mishkin & Matas 2015)",
        sigma_w2=None,
        no_sigma_w2="it is data-dependent: it rescales each layer until its output variance "
        "is 1, so q_l = 1 in every layer instead of a sigma_w2 set in advance",
        data_dependent=True,
    ),
}


def get_scheme(name: str) -> Scheme:
    """Look `name` up in INIT_SCHEMES, with an error that lists the choices."""
    return INIT_SCHEMES[check_choice("scheme", name, INIT_SCHEMES)]


def resolve_scale(
    scheme: str, std: float | None, gain: float | str | None, activation: str
) -> tuple[float | None, float]:
    """The (std, gain) that `scheme` will use: defaults filled in, arguments checked.

    A std given to a scheme that sets its own scale, or a gain to one that takes none,
    is an error; gain "auto" means calculate_gain(activation).
    """
    spec = get_scheme(scheme)
    if not spec.uses_std and std is not None:
        raise ValueError(
            f"scheme {scheme!r} sets its own scale, so std must be None (got {std}); "
            f"std is used by: {', '.join(n for n, s in INIT_SCHEMES.items() if s.uses_std)}"
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
        return std, spec.default_gain(activation)
    return std, check_positive("gain", gain)


@single_threaded
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
    spec = get_scheme(scheme)
    # Only a gain taken from the activation needs to know it (activation_of refuses
    # activation modules the registry does not know).
    wants_activation = spec.uses_gain and (gain is None or gain == "auto")
    activation = activation_of(model) if wants_activation else "linear"
    std, gain = resolve_scale(scheme, std, gain, activation)
    bias_std = check_nonnegative("bias_std", bias_std)
    generator = torch.Generator().manual_seed(seed)
    layers = linears(model)
    with torch.no_grad():
        for layer in layers:
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
            data = torch.randn(1000, layers[0].in_features, generator=generator)
        lsuv_rescale(model, data)
    return model


@single_threaded
def lsuv_rescale(
    model: nn.Module, data: torch.Tensor, *, tol: float = 0.1, max_iter: int = 10
) -> nn.Module:
    """Layer-sequential unit variance: scale each Linear until its output variance is 1.

    Mishkin & Matas (2015): go through the layers in order; for each, run the batch,
    measure Var(W x) and divide W by its square root, until |Var - 1| < tol.
    """
    outputs: dict[str, torch.Tensor] = {}
    with torch.no_grad():
        for layer in linears(model):
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
