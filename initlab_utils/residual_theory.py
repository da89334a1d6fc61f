"""The residual stream's variance, block by block: theory, measurement, and what norms change.

A block adds its branch to the stream, x_{l+1} = x_l + alpha r_l with r_l = phi(W norm(x_l)).
W is independent of x_l, so the branch is uncorrelated with the stream and variances add:

    v_{l+1} = v_l + alpha^2 Var(r_l),        m_{l+1} = m_l + alpha E[r_l],

with v the stream's variance and m its mean. The branch's pre-activation is
N(0, sigma_w2 s_l), s_l the second moment of what the branch reads: s_l = v_l + m_l^2
without a norm, 1 with one. ReLU under He (sigma_w2 = 2) has Var(r) = (1 - 1/pi) s_l:
without a norm each block multiplies v by about 1 + alpha^2 (1 - 1/pi), more once the
ReLU's positive mean piles up in m, so the stream grows exponentially with depth; with a
pre-norm each block adds the same 1 - 1/pi, v grows linearly and the std like sqrt(depth).

alpha = 1/sqrt(depth) does not bound a ReLU stream without a norm: the second moment
q = v + m^2 obeys q_{l+1} = (1 + alpha^2) q_l + 2 alpha m_l E[r_l], and the cross term is
first order in alpha, so over L blocks it compounds to about exp(c sqrt(L)). Only a
zero-mean branch (a linear one: residual_moments("linear", ...)) keeps the bound
(1 + 1/L)^L < e.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import torch
import torch.nn.functional as F

from .activations import get_activation, hidden_linears
from .checks import check_int, check_nonnegative, check_positive
from .data import N_CLASSES, load_digits_data
from .experiments import make_input, run_experiment
from .inits import init_weights
from .numerics import expect
from .residual import build_resnet, capture_stream, check_norm, scale_weights, zero_init_residual
from .seeds import SEEDS, Comparison, compare_inits
from .threads import single_threaded


def residual_moments(
    activation: str,
    sigma_w2: float,
    depth: int,
    *,
    alpha: float = 1.0,
    norm: str | None = None,
    sigma_b2: float = 0.0,
    v0: float = 1.0,
    m0: float = 0.0,
) -> dict[str, np.ndarray]:
    """Predicted mean, variance and second moment of the stream after blocks 1 .. depth.

    The input has variance `v0` and mean `m0` per unit (the course's N(0, 1) input: 1, 0).
    """
    get_activation(activation)
    sigma_w2, sigma_b2 = (
        check_positive("sigma_w2", sigma_w2),
        check_nonnegative("sigma_b2", sigma_b2),
    )
    depth, alpha, norm = check_int("depth", depth), check_positive("alpha", alpha), check_norm(norm)
    v, m = check_nonnegative("v0", v0), float(m0)
    out: dict[str, list[float]] = {"mean": [], "var": [], "q": []}
    for _ in range(depth):
        s = 1.0 if norm is not None else v + m * m
        pre = sigma_w2 * s + sigma_b2  # the branch's pre-activations are N(0, pre)
        mean = expect(activation, pre, power=1)
        v += alpha**2 * (expect(activation, pre) - mean**2)
        m += alpha * mean
        for key, value in (("mean", m), ("var", v), ("q", v + m * m)):
            out[key].append(value)
    return {k: np.array(x) for k, x in out.items()}


def predicted_stream_std(
    activation: str, sigma_w2: float, depth: int, *, alpha: float = 1.0, norm: str | None = None
) -> np.ndarray:
    """Predicted std of the stream after blocks 1 .. depth, from an N(0, 1) input."""
    return np.sqrt(residual_moments(activation, sigma_w2, depth, alpha=alpha, norm=norm)["var"])


@single_threaded
def measure_stream(
    *,
    depth: int,
    key: str | tuple[str, ...] = "std",
    architecture: str = "resnet",
    activation: str = "relu",
    scheme: str = "he_normal",
    alpha: float = 1.0,
    norm: str | None = None,
    zero_init: bool = False,
    width: int = 100,
    n_samples: int = 1000,
    seeds: Iterable[int] = SEEDS,
) -> np.ndarray:
    """A statistic of Trace.stats() ("std", "grad_std", ...) per block, one row per seed;
    for a tuple of keys, a dict of them from the same runs.

    architecture "resnet": the stream after each block (capture_stream); "mlp": each
    layer's activations of build_mlp (run_experiment), for comparison. Input N(0, 1).
    """
    keys = (key,) if isinstance(key, str) else tuple(key)
    backward = any(k.startswith("grad") for k in keys)  # else skip the backward pass
    rows: dict[str, list] = {k: [] for k in keys}
    for seed in seeds:
        if architecture == "mlp":
            trace = run_experiment(
                activation=activation, scheme=scheme, depth=depth, width=width,
                n_samples=n_samples, seed=seed, backward=backward,
            )  # fmt: skip
        else:
            model = build_resnet(depth, width, activation, alpha=alpha, norm=norm)
            init_weights(model, scheme, seed=seed)
            if zero_init:
                zero_init_residual(model)
            trace = capture_stream(model, make_input(n_samples, width, seed), backward=backward)
        for k in keys:
            rows[k].append([_stat(trace, i, k) for i in range(trace.depth)])
    out = {k: np.array(v) for k, v in rows.items()}
    return out[key] if isinstance(key, str) else out


def _stat(trace, i: int, key: str) -> float:
    # The two the notebook follows straight from the tensors (Trace.stats' definitions),
    # without the other statistics stats() computes for every layer.
    if key == "std":
        return trace.activations[i].std(correction=0).item()
    if key == "grad_std" and trace.gradients is not None:
        return trace.gradients[i].std(correction=0).item()
    return trace.layer_stats(i)[key]


@single_threaded
def rescaling_effect(
    factor: float,
    *,
    norm: str | None = "layer",
    depth: int = 30,
    width: int = 100,
    scheme: str = "he_normal",
    seed: int = 0,
    batch_size: int = 128,
) -> dict[str, float]:
    """What multiplying every weight but the read-out's by `factor` does to a digits
    network of `depth` blocks at initialisation, relative to factor 1.

    Returns `output_change` (max |logits change| / max |logits|), `grad_ratio` (norm
    of the hidden layers' dL/dW on one batch) and `step_ratio` (an SGD step's size
    relative to W, |dL/dW| / |W| summed over the hidden layers: the effective learning
    rate), and `logits_max`, max |logits| at `factor`. A norm makes the first 0 for any
    factor; the gradient shrinks as 1/factor and the relative step as 1/factor^2 all the
    same. The norms are summed in float64: without a norm, a factor 10 takes the
    gradients near 1e30, whose squares overflow float32 although they do not.
    """
    factor = check_positive("factor", factor)
    data = load_digits_data()
    x, y = data.x_train[:batch_size], data.y_train[:batch_size]
    out = []
    for c in (1.0, factor):
        model = build_resnet(
            depth, width, "relu", norm=norm, in_features=x.shape[1], out_features=N_CLASSES
        )
        scale_weights(init_weights(model, scheme, seed=seed), c)
        logits = model(x)
        layers = hidden_linears(model)
        grads = torch.autograd.grad(F.cross_entropy(logits, y), [m.weight for m in layers])
        g = math.sqrt(sum(float(t.double().pow(2).sum()) for t in grads))
        w = math.sqrt(sum(float(m.weight.detach().double().pow(2).sum()) for m in layers))
        out.append((logits.detach(), g, g / w))
    (l1, g1, s1), (lc, gc, sc) = out
    change = float((lc - l1).abs().max() / l1.abs().max())
    return {
        "output_change": change, "grad_ratio": gc / g1, "step_ratio": sc / s1,
        "logits_max": float(lc.abs().max()),
    }  # fmt: skip


def residual_variants(depth: int) -> dict[str, dict]:
    """Notebook 11's five networks of `depth` layers or blocks, as Trainer keywords."""
    depth = check_int("depth", depth)
    resnet = dict(scheme="he_normal", architecture="resnet")
    return {
        "plain MLP": dict(scheme="he_normal"),
        "alpha = 1": resnet,
        "alpha = 1/sqrt(L)": dict(resnet, alpha=depth**-0.5),
        "zero-init gates": dict(resnet, zero_init=True),
        "pre-norm": dict(resnet, norm="layer"),
    }


# Notebook 11's training set-up: deep, narrower than the course's 100 units and shorter
# than its 300 steps, so that 25 runs fit in a notebook.
TRAIN_SETUP = dict(depth=30, width=64, steps=200)


def compare_residual(*, seeds: Iterable[int] = SEEDS, perturb: float = 0.0, **setup) -> Comparison:
    """Train residual_variants on the digits over seeds (TRAIN_SETUP unless overridden)."""
    setup = {**TRAIN_SETUP, **setup}
    depth = setup.pop("depth")
    variants = residual_variants(depth)
    return compare_inits("relu", depth, variants, seeds=seeds, perturb=perturb, **setup)
