"""run_experiment(): the seed's set-up as defaults; layer_stat(): one number per layer of a run."""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache

import torch

from .capture import Trace, capture
from .checks import check_int
from .inits import init_weights
from .models import build_mlp
from .threads import single_threaded

# Refuse configurations whose tensors would not fit in this much memory (a Binder
# session gets 1-2 GB), before allocating anything.
MEMORY_BUDGET_BYTES = 512 * 2**20

# The input is drawn from its own generator, seeded apart from the weights' one, so
# the first weight matrix is never a copy of the first rows of the input.
DATA_SEED_OFFSET = 1_000_003


def estimate_bytes(depth: int, width: int, n_samples: int, backward: bool = True) -> int:
    """Rough float32 footprint of one experiment: weights plus the kept per-layer tensors."""
    per_layer = n_samples * width * (4 if backward else 2)  # pre, post (+ grad, autograd)
    return 4 * (depth * (width * width + per_layer) + n_samples * width)


def check_budget(depth: int, width: int, n_samples: int, backward: bool = True) -> None:
    """Raise a ValueError before allocating if the experiment exceeds MEMORY_BUDGET_BYTES."""
    need = estimate_bytes(depth, width, n_samples, backward)
    if need > MEMORY_BUDGET_BYTES:
        raise ValueError(
            f"depth={depth}, width={width}, n_samples={n_samples} needs about "
            f"{need / 2**20:.0f} MiB, over the {MEMORY_BUDGET_BYTES / 2**20:.0f} MiB budget; "
            "lower depth, width or n_samples"
        )


def make_input(n_samples: int, width: int, seed: int = 0) -> torch.Tensor:
    """The seed's input: n_samples x width values drawn from N(0, 1)."""
    # A slider move draws the same input again: a copy of the last few is ~30x cheaper.
    return _drawn_input(n_samples, width, seed).clone()


@lru_cache(maxsize=4)
def _drawn_input(n_samples: int, width: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed + DATA_SEED_OFFSET)
    return torch.randn(n_samples, width, generator=g)


@single_threaded
def run_experiment(
    *,
    activation: str = "sigmoid",
    scheme: str = "normal",
    std: float | None = None,
    gain: float | str | None = None,
    depth: int = 5,
    width: int = 100,
    n_samples: int = 1000,
    bias: bool = False,
    bias_std: float = 0.0,
    seed: int = 0,
    backward: bool = True,
) -> Trace:
    """Build, initialise and trace one network; the defaults are the seed's experiment 1.

    `scheme="normal"` without a std means N(0, 1) (experiment 1); `std=0.01` gives
    experiment 2. Everything is drawn from `seed`, so a call is reproducible bit for bit.
    """
    depth = check_int("depth", depth)
    width = check_int("width", width)
    n_samples = check_int("n_samples", n_samples)
    seed = check_int("seed", seed, low=0)
    check_budget(depth, width, n_samples, backward)
    shape = (depth, width, activation, bias)
    model = _take_model(shape)
    init_weights(model, scheme, std=std, gain=gain, bias_std=bias_std, seed=seed)
    trace = capture(model, make_input(n_samples, width, seed), backward=backward)
    _give_back(shape, model)
    return trace


# A slider move builds the same network again, with other weights only: the last few
# networks built are kept and initialised anew (init_weights fills every weight and bias,
# so the run is the same bit for bit). A network is taken out while in use: two threads
# never share one.
_MODELS: OrderedDict = OrderedDict()
_MODELS_LOCK = threading.Lock()


def _take_model(shape: tuple) -> torch.nn.Module:
    with _MODELS_LOCK:
        model = _MODELS.pop(shape, None)
    if model is None:
        depth, width, activation, bias = shape
        model = build_mlp(depth, width, activation, bias=bias)
    return model


def _give_back(shape: tuple, model: torch.nn.Module) -> None:
    with _MODELS_LOCK:
        _MODELS[shape] = model
        while len(_MODELS) > 4:
            _MODELS.popitem(last=False)


# Statistics computed here rather than read from Trace.stats(): the root mean square
# sqrt(E[h^2]) is the quantity the variance arguments (Xavier's, He's) keep constant.
_DERIVED = {
    "rms": lambda t, i: t.activations[i].double().pow(2).mean().sqrt().item(),
    "pre_std": lambda t, i: t.pre_activations[i].double().std().item(),
}


def layer_stat(trace: Trace, key: str = "std") -> list[float]:
    """One number per layer of `trace`, layer 1 first.

    `key` is a key of Trace.stats() ("std", "unit_std", "grad_std", ...), or "rms"
    (sqrt(E[h^2])) or "pre_std" (std of the pre-activations z).
    """
    if key in _DERIVED:
        return [_DERIVED[key](trace, i) for i in range(trace.depth)]
    choices = [k for k in trace.layer_stats(0) if k not in ("layer", "finite", "grad_finite")]
    if key not in choices:
        raise ValueError(
            f"unknown key {key!r}; choose one of: {', '.join(choices + list(_DERIVED))}"
        )
    return [s[key] for s in trace.stats()]
