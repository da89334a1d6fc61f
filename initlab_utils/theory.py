"""Mean-field theory of signal propagation: what an infinitely wide network would do.

A layer computes z_{l+1} = W h_l + b with W_ij ~ N(0, sigma_w2 / n) and b_i ~ N(0, sigma_b2).
When n is large, z_{l+1} is Gaussian (a sum of many small independent terms) with second
moment

    q_{l+1} = sigma_w2 * E[phi(sqrt(q_l) z)^2] + sigma_b2,    z ~ N(0, 1),

so one number per layer, q_l, predicts the whole histogram (Poole et al. 2016). Going
backwards, each layer multiplies a gradient's second moment by sigma_w2 * E[phi'^2]; at
the fixed point q* this factor is chi1 (Schoenholz et al. 2017): above 1 gradients
explode (chaos), below 1 they vanish (order), at 1 the network is at the edge of chaos.

The expectations are Gauss-Legendre sums (see _rule), and phi, phi' come from the
ACTIVATIONS registry's own torch modules (phi' by autograd), so theory and experiments
share one activation. Two inputs' pre-activations have a correlation c_l too, with a map
and a depth scale of its own (Poole et al. 2016; Schoenholz et al. 2017): correlation_map.
It is the n -> inf limit: a real network of width n strays from it by about sqrt(2 / n)
per layer (4.5% at n = 1000), most where all inputs end up alike (the ordered phase).
"""

from __future__ import annotations

import copy
import math
from functools import cache

import numpy as np
import torch
from numpy.polynomial.legendre import leggauss
from scipy.optimize import brentq

from .checks import check_choice, check_int, check_nonnegative, check_positive
from .inits import INIT_SCHEMES, resolve_scale
from .models import get_activation

# E[f(z)] for z ~ N(0, 1) is sum(weights * f(nodes)) over Gauss-Legendre panels (16 nodes
# each) that start `finest` wide at one point and double in width outward. Every registry
# activation bends at x = 0 (ReLU's kink, SELU's jump in phi', the poles of tanh and
# sigmoid at x = +-i pi/2, +-i pi), which z ~ N(0, 1) scaled by sqrt(q) reaches at z = 0
# within 1/sqrt(q): so the finest panel sits there, 1/sqrt(q) wide. Near machine precision
# for every q (tests/test_theory.py: against scipy.integrate.quad, q from 1e-6 to 1e6); a
# fixed Gauss-Hermite rule of 200 nodes put sigmoid's edge of chaos 0.4% off (q* ~ 46).
Z_MAX = 10.0  # |z| > 10 has probability 1.5e-23
_GL_NODES, _GL_WEIGHTS = leggauss(16)


@cache
def _offsets(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights on [0, 2 Z_MAX], panels [0, h], [h, 2h], [2h, 4h] ... with h = 2^-k."""
    h = 2.0**-k
    edges = np.append(0.0, h * 2.0 ** np.arange(math.ceil(math.log2(2 * Z_MAX / h)) + 1))
    a, b = edges[:-1, None], edges[1:, None]
    return ((b - a) / 2 * _GL_NODES + (a + b) / 2).ravel(), ((b - a) / 2 * _GL_WEIGHTS).ravel()


def _rule(centre: np.ndarray | float, finest: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights for E[f(z)], z ~ N(0, 1), finest at `centre` (one rule per entry
    of an array of centres, along a new last axis)."""
    d, w = _offsets(max(0, math.ceil(-math.log2(min(finest, 1.0)))))
    # 2 Z_MAX on either side of a centre within [-Z_MAX, Z_MAX] covers all of [-Z_MAX, Z_MAX].
    centre = np.clip(np.asarray(centre, dtype=float), -Z_MAX, Z_MAX)[..., None]
    nodes = np.concatenate([centre - d[::-1], centre + d], axis=-1)
    weights = np.concatenate([w[::-1], w]) * np.exp(-(nodes**2) / 2) / math.sqrt(2 * math.pi)
    return nodes, weights


def _expect(activation: str, q: float, derivative: bool = False, power: int = 2) -> float:
    """E[f(sqrt(q) z)^power], z ~ N(0, 1), with f = phi (or phi')."""
    nodes, weights = _rule(0.0, 1.0 / math.sqrt(q) if q > 0 else 1.0)
    return float(weights @ _apply(activation, math.sqrt(q) * nodes, derivative) ** power)


# fixed_point calls q collapsed below Q_MIN and diverged above Q_MAX; slopes at q* = 0 or
# inf are the limits q -> 0 or q -> inf, taken at these values.
Q_MIN, Q_MAX = 1e-30, 1e30
NOISE = 1e-14  # relative changes in q smaller than this are rounding error


@cache
def _module(activation: str) -> torch.nn.Module:
    return get_activation(activation).make()


def _apply(activation: str, x: np.ndarray, derivative: bool = False) -> np.ndarray:
    """phi (or phi') at every x."""
    x = torch.from_numpy(x)
    if not derivative:
        with torch.no_grad():
            return _module(activation)(x).numpy()
    with torch.enable_grad():
        x.requires_grad_(True)
        # phi acts elementwise, so d(sum phi(x)) / dx_i = phi'(x_i).
        (slope,) = torch.autograd.grad(_module(activation)(x).sum(), x)
    return slope.numpy()


def _slope2(activation: str, q: float) -> float:
    """E[phi'(sqrt(q) z)^2], with q = 0 or inf read as the limit (ReLU has no phi'(0))."""
    return _expect(activation, min(max(q, Q_MIN), Q_MAX), derivative=True)


def _next_q(activation: str, q: float, sigma_w2: float, sigma_b2: float) -> float:
    return sigma_w2 * _expect(activation, q) + sigma_b2


def _check(activation: str, sigma_w2: float, sigma_b2: float) -> tuple[float, float]:
    get_activation(activation)  # unknown names: a ValueError listing the choices
    return check_positive("sigma_w2", sigma_w2), check_nonnegative("sigma_b2", sigma_b2)


def variance_map(
    activation: str, sigma_w2: float, sigma_b2: float, depth: int, q0: float = 1.0
) -> np.ndarray:
    """Predicted second moment of the pre-activations, q_1 .. q_depth.

    The input x has per-feature second moment `q0` (the course's N(0, 1) input: 1), so
    the first layer has q_1 = sigma_w2 * q0 + sigma_b2; then q_{l+1} follows the map above.
    """
    sigma_w2, sigma_b2 = _check(activation, sigma_w2, sigma_b2)
    depth = check_int("depth", depth)
    q = [sigma_w2 * check_nonnegative("q0", q0) + sigma_b2]
    for _ in range(depth - 1):
        q.append(_next_q(activation, q[-1], sigma_w2, sigma_b2))
    return np.array(q)


def activation_moments(activation: str, q: float) -> dict[str, float]:
    """Mean, std and second moment of phi(z) for z ~ N(0, q): a layer's activation histogram."""
    get_activation(activation)
    q = check_nonnegative("q", q)
    mean, second = _expect(activation, q, power=1), _expect(activation, q)
    return {"mean": mean, "std": math.sqrt(max(second - mean**2, 0.0)), "second_moment": second}


def predicted_activation_std(
    activation: str, sigma_w2: float, sigma_b2: float, depth: int, q0: float = 1.0
) -> np.ndarray:
    """Predicted std of each layer's activations phi(z_l), layers 1 .. depth."""
    qs = variance_map(activation, sigma_w2, sigma_b2, depth, q0)
    return np.array([activation_moments(activation, q)["std"] for q in qs])


def fixed_point(activation: str, sigma_w2: float, sigma_b2: float, q0: float = 1.0) -> float:
    """q* = lim q_l, where the variance map, started from the input's q_1, comes to rest.

    Returns 0.0 if q collapses (below Q_MIN: tanh with sigma_w2 <= 1, sigma_b2 = 0) and
    inf if it grows without bound (above Q_MAX: linear with sigma_w2 > 1, or sigma_w2 = 1
    with sigma_b2 > 0). Where every q is a fixed point (ReLU with sigma_w2 = 2,
    sigma_b2 = 0) the network keeps its first layer's q_1 = sigma_w2 * q0 + sigma_b2.
    """
    sigma_w2, sigma_b2 = _check(activation, sigma_w2, sigma_b2)
    q = sigma_w2 * check_nonnegative("q0", q0) + sigma_b2
    if q < Q_MIN:  # a (near) zero input: start one layer on, from about phi(0)
        q = _next_q(activation, 0.0, sigma_w2, sigma_b2)
        if q < Q_MIN:  # phi(0) = 0 and no bias: the signal never starts
            return 0.0

    def push(q: float) -> float:  # relative move: > 0 where the map moves q up
        return _next_q(activation, q, sigma_w2, sigma_b2) / q - 1.0

    # E[phi(sqrt(q) z)^2] never decreases with q, so iterating the map moves q steadily
    # toward the nearest fixed point in the direction of push(q_1). Near the edge of
    # chaos that takes millions of layers, so we walk that way in steps of 2 until push
    # changes sign and solve push(q) = 0 there: the same limit, in ~100 evaluations.
    # |push| below NOISE is rounding, not a sign: ReLU at sigma_w2 = 2 with sigma_b2 > 0
    # creeps up by sigma_b2 a layer forever, which is 1e-16 of a large q.
    direction = push(q)
    if abs(direction) <= NOISE:
        return q
    step = 2.0 if direction > 0 else 0.5
    while Q_MIN <= q <= Q_MAX:
        p = push(q * step)
        if p * direction < 0 and abs(p) > NOISE:
            return brentq(push, *sorted((q, q * step)), xtol=Q_MIN)
        q *= step
    return 0.0 if q < Q_MIN else math.inf


def chi1(activation: str, sigma_w2: float, sigma_b2: float, q0: float = 1.0) -> float:
    """chi1 = sigma_w2 * E[phi'(sqrt(q*) z)^2]: the per-layer factor on gradients' second moment.

    At q* = 0 or inf it is the limit q -> 0 or inf: 1 for tanh with sigma_w2 = 1 (q* = 0),
    sigma_w2 / 2 for ReLU at any q*.
    """
    return sigma_w2 * _slope2(activation, fixed_point(activation, sigma_w2, sigma_b2, q0))


def critical_sigma_w2(activation: str, sigma_b2: float, q0: float = 1.0) -> float:
    """The edge of chaos: the sigma_w2 at which chi1 = 1, for this bias variance.

    For tanh: 1 at sigma_b2 = 0, 1.424 at 0.01, 1.761 at 0.05 (Schoenholz et al. 2017).
    ReLU's and linear's chi1 does not depend on q*, so theirs is 2 and 1 for every
    sigma_b2 (with sigma_b2 > 0, q* is infinite there). Raises a ValueError where chi1
    jumps over 1 instead of crossing it (GELU at small sigma_b2).
    """
    _check(activation, 1.0, sigma_b2)

    def excess(sigma_w2: float) -> float:
        return chi1(activation, sigma_w2, sigma_b2, q0) - 1.0

    # chi1 grows with sigma_w2 (for every registry activation, about as sigma_w2 or
    # sqrt(sigma_w2)): bracket the crossing between consecutive powers of two.
    grid = [2.0**k for k in range(-10, 21)]
    hi = next((k for k, s in enumerate(grid) if excess(s) >= 0), None)
    if hi is None or hi == 0:
        raise ValueError(f"chi1 for {activation!r} does not cross 1 for sigma_w2 in [2^-10, 2^20]")
    root = brentq(excess, grid[hi - 1], grid[hi], xtol=1e-10)
    # Where q* jumps between 0 and inf (GELU with sigma_b2 = 0), chi1 jumps over 1 too.
    if abs(excess(root)) > 1e-3:
        below, above = (fixed_point(activation, root * f, sigma_b2, q0) for f in (0.999, 1.001))
        raise ValueError(
            f"activation {activation!r} has no edge of chaos at sigma_b2={sigma_b2}: chi1 jumps "
            f"over 1 at sigma_w2 = {root:.4g}, where q* jumps from {below:.3g} to {above:.3g}"
        )
    return root


def depth_scale(activation: str, sigma_w2: float, sigma_b2: float, q0: float = 1.0) -> float:
    """xi = 1 / |ln chi1|: gradients' second moment changes by e every xi layers.

    This is -1/ln(chi1), the depth over which gradients vanish, in the ordered phase,
    and 1/ln(chi1), the depth over which they grow e-fold, in the chaotic phase;
    inf at the edge of chaos (chi1 within 1e-12 of 1).
    """
    c = chi1(activation, sigma_w2, sigma_b2, q0)
    log_chi = math.log(c) if c > 0 else -math.inf  # chi1 = 0: gone after one layer
    return math.inf if abs(log_chi) < 1e-12 else 1.0 / abs(log_chi)


def forward_gain(activation: str, sigma_w2: float, q: float) -> float:
    """sqrt(sigma_w2 E[phi(sqrt(q) z)^2] / q): how a layer scales the pre-activations' spread."""
    _check(activation, sigma_w2, 0.0)
    q = check_positive("q", q)
    return math.sqrt(_next_q(activation, q, sigma_w2, 0.0) / q)


def backward_gain(activation: str, sigma_w2: float, q: float) -> float:
    """sqrt(sigma_w2 E[phi'(sqrt(q) z)^2]): how a layer scales the gradients' spread."""
    _check(activation, sigma_w2, 0.0)
    return math.sqrt(sigma_w2 * _slope2(activation, check_nonnegative("q", q)))


# -- Two inputs: the correlation map (notebook 09) -----------------------------------------


def _pair_moment(activation: str, q: float, c: float, derivative: bool = False) -> float:
    """E[f(u1) f(u2)] for (u1, u2) ~ N(0, q [[1, c], [c, 1]]), with f = phi (or phi')."""
    r, s = math.sqrt(q), math.sqrt(max(1.0 - c * c, 0.0))
    if s < 1e-12:  # u2 = +-u1
        nodes, weights = _rule(0.0, 1.0 / r)
        f = _apply(activation, r * nodes, derivative)
        return float(weights @ (f * _apply(activation, math.copysign(r, c) * nodes, derivative)))
    # u1 = r z1, u2 = r (c z1 + s z2). Given z1, phi(u2) bends where c z1 + s z2 = 0, at a
    # scale 1 / (r s) in z2; averaged over z2 it is a smoothed phi that changes within s of
    # z1 = 0 (the step of ReLU') or 1 / r (phi(u1) itself).
    z1, w1 = _rule(0.0, min(1.0 / r, s))
    z2, w2 = _rule(-c * z1 / s, 1.0 / (r * s))
    inner = (
        w2
        * _apply(activation, (r * (c * z1[:, None] + s * z2)).ravel(), derivative).reshape(z2.shape)
    ).sum(axis=1)
    return float(w1 @ (_apply(activation, r * z1, derivative) * inner))


def _settled_q(activation: str, sigma_w2: float, sigma_b2: float, q0: float) -> float:
    """q*, with 0 or inf read as the limit (as chi1 does)."""
    return min(max(fixed_point(activation, sigma_w2, sigma_b2, q0), Q_MIN), Q_MAX)


def correlation_map(
    activation: str, c: float, sigma_w2: float, sigma_b2: float, q0: float = 1.0
) -> float:
    """c_{l+1} from c_l: the correlation of two inputs' pre-activations one layer on.

    With both inputs at the fixed point q*, their pre-activations (u1, u2) have covariance
    q* [[1, c], [c, 1]], and c_{l+1} = (sigma_w2 E[phi(u1) phi(u2)] + sigma_b2) / q*.
    c = 1 (the same input) always maps to 1.
    """
    sigma_w2, sigma_b2 = _check(activation, sigma_w2, sigma_b2)
    if not -1.0 <= c <= 1.0:
        raise ValueError(f"c must be a correlation, between -1 and 1, got {c}")
    q = _settled_q(activation, sigma_w2, sigma_b2, q0)
    return (sigma_w2 * _pair_moment(activation, q, c) + sigma_b2) / q


def correlation_fixed_point(
    activation: str, sigma_w2: float, sigma_b2: float, q0: float = 1.0
) -> float:
    """c*, where the correlation of two different inputs comes to rest.

    In the ordered phase and at the edge (chi1 <= 1) every pair ends up alike: c* = 1. In
    the chaotic phase c = 1 repels (its slope is chi1 > 1) and c* < 1: nearby inputs are
    pulled apart until their correlation is c*.
    """
    if chi1(activation, sigma_w2, sigma_b2, q0) <= 1.0:
        return 1.0

    def excess(c: float) -> float:  # > 0 where the map moves c up
        return correlation_map(activation, c, sigma_w2, sigma_b2, q0) - c

    # excess(0) >= 0: independent pre-activations give E[phi phi] = E[phi]^2 >= 0. Just
    # below 1 it is about -(chi1 - 1) (1 - c) < 0: walk toward 1 until it turns negative.
    lo = 0.0
    for gap in [0.5, 0.1, *(10.0**-k for k in range(2, 13))]:
        if excess(1.0 - gap) < 0:
            return brentq(excess, lo, 1.0 - gap, xtol=1e-14)
        lo = 1.0 - gap
    return 1.0  # chi1 within rounding of 1: c* is 1 to 12 digits


def chi_c(activation: str, sigma_w2: float, sigma_b2: float, q0: float = 1.0) -> float:
    """chi_c = sigma_w2 E[phi'(u1) phi'(u2)] at c*: the correlation map's slope there.

    A pair whose correlation is off c* by d is off by chi_c d one layer on. At c* = 1
    (ordered phase, edge) u1 = u2 and chi_c = chi1.
    """
    c = correlation_fixed_point(activation, sigma_w2, sigma_b2, q0)
    if c == 1.0:
        return chi1(activation, sigma_w2, sigma_b2, q0)
    q = _settled_q(activation, sigma_w2, sigma_b2, q0)
    return sigma_w2 * _pair_moment(activation, q, c, derivative=True)


def correlation_depth_scale(
    activation: str, sigma_w2: float, sigma_b2: float, q0: float = 1.0
) -> float:
    """xi_c = -1 / ln chi_c: a pair's correlation settles at c* e-fold every xi_c layers.

    The depth a network can be trained at is about 6 xi_c at most (Schoenholz et al.
    2017). In the ordered phase it equals depth_scale; in the chaotic phase the two differ
    (tanh: chi_c < 1 < chi1, and xi_c is the longer); inf at the edge of chaos.
    """
    c = chi_c(activation, sigma_w2, sigma_b2, q0)
    log_chi = math.log(c) if c > 0 else -math.inf
    return math.inf if abs(log_chi) < 1e-12 else -1.0 / log_chi


# -- Schemes, gradients and Jacobians (notebooks 08 and 09) ----------------------------------

# n Var(W) of a square n x n layer, the sigma_w2 above, by scheme: fill(n, std, gain).
# Glorot's 2 / (n_in + n_out) is 1 / n on a square layer; an orthogonal matrix's rows have
# length 1, so its n^2 entries have mean square 1 / n; nn.Linear's U(-1/sqrt(n), 1/sqrt(n))
# has variance 1 / (3 n).
SCHEME_SIGMA_W2 = {
    "normal": lambda n, std, gain: n * std**2,
    "uniform": lambda n, std, gain: n * std**2,
    "xavier_normal": lambda n, std, gain: gain**2,
    "xavier_uniform": lambda n, std, gain: gain**2,
    "he_normal": lambda n, std, gain: gain**2,
    "he_uniform": lambda n, std, gain: gain**2,
    "lecun_normal": lambda n, std, gain: 1.0,
    "orthogonal": lambda n, std, gain: gain**2,
    "pytorch_default": lambda n, std, gain: 1.0 / 3.0,
}
NO_SIGMA_W2 = {
    "zeros": "every weight is 0, so there is no random sum for the theory to describe",
    "constant": "every weight is the same number, so there is no random sum to describe",
    "lsuv": "it is data-dependent: it rescales each layer until its output variance is 1, "
    "so q_l = 1 in every layer instead of a sigma_w2 set in advance",
}


def scheme_sigma_w2(
    scheme: str,
    *,
    std: float | None = None,
    gain: float | str | None = None,
    activation: str = "linear",
    width: int = 100,
) -> float:
    """sigma_w2 = n Var(W) that `scheme` gives a square layer of `width` units.

    `std` and `gain` mean what they mean to init_weights (None: the scheme's default;
    gain "auto": calculate_gain(activation)), so theory and experiment use one setting.
    """
    check_choice("scheme", scheme, INIT_SCHEMES)
    get_activation(activation)
    n = check_int("width", width)
    if scheme in NO_SIGMA_W2:
        raise ValueError(f"scheme {scheme!r} has no sigma_w2: {NO_SIGMA_W2[scheme]}")
    std, gain = resolve_scale(scheme, std, gain, activation)
    return float(SCHEME_SIGMA_W2[scheme](n, std, gain))


def predicted_gradient_std(
    activation: str, sigma_w2: float, sigma_b2: float, depth: int, q0: float = 1.0
) -> np.ndarray:
    """Predicted std of dL/dh_l, layers 1 .. depth, when dL/dh_depth has std 1.

    Going back through layer l multiplies the spread by backward_gain at that layer's
    q_l, so layer l receives the product of the gains of layers l+1 .. depth.
    """
    qs = variance_map(activation, sigma_w2, sigma_b2, depth, q0)
    gains = [backward_gain(activation, sigma_w2, q) for q in qs[1:]]
    return np.append(np.cumprod(gains[::-1])[::-1], 1.0)


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
