"""Real networks where theory predicts: one layer's gains, two inputs' correlation, Jacobians.

Each function measures what a function of theory.py or chaos.py predicts, on networks
built, initialised and run by the same functions a student calls.
"""

from __future__ import annotations

import copy
import math

import numpy as np
import torch

from .activations import derivative, get_activation
from .capture import Trace, capture
from .checks import check_choice, check_int, check_nonnegative, check_positive
from .experiments import make_input, run_experiment
from .inits import init_weights
from .models import build_mlp
from .theory import activation_moments, fixed_point
from .threads import single_threaded

# Seeds the pairs of inputs of measure_correlations apart from the weights.
PAIR_SEED_OFFSET = 2_000_003


@single_threaded
def measure_layer_gains(
    activation: str,
    sigma_w2: float,
    q: float = 1.0,
    *,
    width: int = 500,
    n_samples: int = 500,
    seed: int = 0,
) -> dict[str, float]:
    """One random layer W ~ N(0, sigma_w2 / n) fed pre-activations z ~ N(0, q), measured.

    forward: rms(phi(z) W) / rms(z). backward: a gradient g of spread 1 arriving at the
    next pre-activations goes back as (g W^T) * phi'(z); its rms over that of g.
    """
    phi = get_activation(activation).make()
    sigma_w2, q = check_positive("sigma_w2", sigma_w2), check_positive("q", q)
    width, n_samples = check_int("width", width), check_int("n_samples", n_samples)
    g = torch.Generator().manual_seed(seed)
    z = math.sqrt(q) * torch.randn(n_samples, width, generator=g, dtype=torch.float64)
    w = math.sqrt(sigma_w2 / width) * torch.randn(width, width, generator=g, dtype=torch.float64)
    up = torch.randn(n_samples, width, generator=g, dtype=torch.float64)
    with torch.no_grad():
        forward = (phi(z) @ w).pow(2).mean().sqrt() / z.pow(2).mean().sqrt()
    backward = ((up @ w.T) * derivative(activation, z)).pow(2).mean().sqrt() / up.pow(
        2
    ).mean().sqrt()
    return {"forward": forward.item(), "backward": backward.item()}


def compare_with_theory(trace: Trace, predicted_q: np.ndarray) -> list[dict]:
    """Per layer: the activation std theory predicts from q_l, the measured one, the gap.

    `gap` is measured / predicted - 1; layers whose measured or predicted spread is not a
    finite number (overflow), or whose predicted spread is 0, are left out.
    """
    rows = []
    for s, q in zip(trace.stats(), predicted_q):
        if s["finite"] and math.isfinite(q):
            predicted = activation_moments(trace.activation, q)["std"]
            if 0 < predicted < math.inf and math.isfinite(s["std"]):
                rows.append(
                    {
                        "layer": s["layer"],
                        "predicted": predicted,
                        "measured": s["std"],
                        "gap": s["std"] / predicted - 1,
                    }
                )
    return rows


def phase_trace(
    sigma_w2: float,
    sigma_b2: float,
    *,
    activation: str = "tanh",
    depth: int = 30,
    width: int = 100,
    n_samples: int = 500,
    seed: int = 0,
) -> Trace:
    """A network at one point of the plane: weights N(0, sigma_w2 / n), biases N(0, sigma_b2)."""
    _, _, scale = plane_point(sigma_w2, sigma_b2, width)
    return run_experiment(
        activation=activation,
        scheme="normal",
        depth=depth,
        width=width,
        n_samples=n_samples,
        bias=True,
        seed=seed,
        **scale,
    )


def plane_point(sigma_w2: float, sigma_b2: float, width: int) -> tuple[float, float, dict]:
    """(sigma_w2, sigma_b2) checked, and the std / bias_std that put a layer of `width`
    inputs there: weights N(0, sigma_w2 / width), biases N(0, sigma_b2)."""
    sigma_w2 = check_positive("sigma_w2", sigma_w2)
    sigma_b2 = check_nonnegative("sigma_b2", sigma_b2)
    return sigma_w2, sigma_b2, {"std": math.sqrt(sigma_w2 / width), "bias_std": math.sqrt(sigma_b2)}


@single_threaded
def measure_correlations(
    sigma_w2: float,
    sigma_b2: float,
    c1: float,
    *,
    activation: str = "tanh",
    depth: int = 30,
    width: int = 1000,
    n_pairs: int = 50,
    seed: int = 0,
) -> np.ndarray:
    """Each layer's correlation of two inputs' pre-activations, z_a . z_b / (|z_a| |z_b|),
    averaged over `n_pairs` pairs, in one network with weights N(0, sigma_w2 / n) and
    biases N(0, sigma_b2).

    The inputs are scaled so that layer 1 sits at the fixed point q*, and paired so that
    their layer-1 pre-activations have correlation c1 (in expectation over the weights).
    """
    width, n_pairs = check_int("width", width), check_int("n_pairs", n_pairs)
    sigma_w2, sigma_b2, scale = plane_point(sigma_w2, sigma_b2, width)
    q_star = fixed_point(activation, sigma_w2, sigma_b2)
    if not 0 < q_star < math.inf:
        raise ValueError(f"q* is {q_star:g} here; two inputs need a finite q* > 0 to start at")
    # Layer 1 gets q_1 = sigma_w2 q_x + sigma_b2 = q* and c_1 = (sigma_w2 q_x c_x + sigma_b2) / q*.
    q_x = (q_star - sigma_b2) / sigma_w2
    c_x = (c1 * q_star - sigma_b2) / (sigma_w2 * q_x) if q_x > 0 else 2.0
    if not -1 <= c_x <= 1:
        raise ValueError(
            f"c1 = {c1:g} cannot be reached here: the biases alone correlate layer 1 by "
            f"{sigma_b2 / q_star:.3g}"
        )
    a, b = make_input(2 * n_pairs, width, seed + PAIR_SEED_OFFSET).double().chunk(2)
    x = math.sqrt(q_x) * torch.cat([a, c_x * a + math.sqrt(1 - c_x**2) * b])
    model = build_mlp(depth, width, activation, bias=True)
    init_weights(model, "normal", seed=seed, **scale)
    trace = capture(model, x.float(), backward=False)
    out = []
    for z in trace.pre_activations:
        za, zb = z.double().chunk(2)
        out.append(((za * zb).sum(1) / (za.norm(dim=1) * zb.norm(dim=1))).mean().item())
    return np.array(out)


@single_threaded
def jacobian_singular_values(model: torch.nn.Module, x: torch.Tensor) -> np.ndarray:
    """Singular values of J = d model(x) / dx at one input x, largest first.

    J stretches a small change of the input in each direction by one singular value; all
    of them near 1 is dynamical isometry (Saxe et al. 2013, Pennington et al. 2017).
    Computed in float64 on a copy of the model; samples must not interact (no batch norm).
    """
    x = torch.as_tensor(x, dtype=torch.float64).reshape(-1)
    model = copy.deepcopy(model).double()
    with torch.enable_grad():
        n_out = model(x[None]).shape[-1]
        # n_out copies of x in one batch: copy i sends back the gradient of output i
        # alone, which is row i of J. One backward pass instead of n_out.
        xs = x.expand(n_out, -1).clone().requires_grad_(True)
        (jac,) = torch.autograd.grad(model(xs), xs, torch.eye(n_out, dtype=torch.float64))
    return torch.linalg.svdvals(jac).numpy()


@single_threaded
def jacobian_spectrum(
    activation: str,
    scheme: str,
    depth: int,
    *,
    width: int = 200,
    sigma_w2: float = 1.0,
    sigma_b2: float = 0.0,
    seed: int = 0,
) -> np.ndarray:
    """Singular values of a fresh network's input-output Jacobian, largest first.

    Weights are N(0, sigma_w2 / n) (`normal`) or an orthogonal matrix times
    sqrt(sigma_w2) (`orthogonal`): the same sigma_w2 either way. The input is scaled so
    that the first layer already sits at the fixed point q* (at q = 1 where q* is 0 or inf).
    """
    check_choice("scheme", scheme, ("normal", "orthogonal"))
    sigma_w2 = check_positive("sigma_w2", sigma_w2)
    sigma_b2 = check_nonnegative("sigma_b2", sigma_b2)
    q_star = fixed_point(activation, sigma_w2, sigma_b2)
    q1 = q_star if 0 < q_star < math.inf else max(1.0, sigma_b2)
    model = build_mlp(depth, width, activation, bias=sigma_b2 > 0)
    scale = (
        {"std": math.sqrt(sigma_w2 / width)}
        if scheme == "normal"
        else {"gain": math.sqrt(sigma_w2)}
    )
    init_weights(model, scheme, bias_std=math.sqrt(sigma_b2), seed=seed, **scale)
    x = make_input(1, width, seed)[0] * math.sqrt((q1 - sigma_b2) / sigma_w2)
    return jacobian_singular_values(model, x)


def near_one(singular_values: np.ndarray, factor: float = 2.0) -> float:
    """The fraction of singular values within a `factor` of 1: directions kept about as is."""
    s = np.asarray(singular_values)
    return float(np.mean((s > 1 / factor) & (s < factor)))
