"""Mean-field theory of one input's signal: the variance map, its fixed point, the gains.

A layer computes z_{l+1} = W h_l + b with W_ij ~ N(0, sigma_w2 / n) and b_i ~ N(0, sigma_b2).
When n is large, z_{l+1} is Gaussian (a sum of many small independent terms) with second
moment

    q_{l+1} = sigma_w2 * E[phi(sqrt(q_l) z)^2] + sigma_b2,    z ~ N(0, 1),

so one number per layer, q_l, predicts the whole histogram (Poole et al. 2016). Going
backwards, each layer multiplies a gradient's second moment by sigma_w2 * E[phi'^2]; at
the fixed point q* this factor is chi1 (Schoenholz et al. 2017): above 1 gradients
explode (chaos), below 1 they vanish (order), at 1 the network is at the edge of chaos.
Two inputs' correlation has a map of its own: chaos.py. The expectations are computed
in numerics.py. It is the n -> inf limit: a real network of width n strays from it by
about sqrt(2 / n) per layer (4.5% at n = 1000), most where all inputs end up alike.
"""

from __future__ import annotations

import math

import numpy as np

from .activations import get_activation
from .checks import check_int, check_nonnegative, check_positive
from .inits import get_scheme, resolve_scale
from .numerics import expect, find_root

# fixed_point calls q collapsed below Q_MIN and diverged above Q_MAX; slopes at q* = 0 or
# inf are the limits q -> 0 or q -> inf, taken at these values.
Q_MIN, Q_MAX = 1e-30, 1e30
NOISE = 1e-14  # relative changes in q smaller than this are rounding error


def _slope2(activation: str, q: float) -> float:
    """E[phi'(sqrt(q) z)^2], with q = 0 or inf read as the limit (ReLU has no phi'(0))."""
    return expect(activation, min(max(q, Q_MIN), Q_MAX), derivative=True)


def _next_q(activation: str, q: float, sigma_w2: float, sigma_b2: float) -> float:
    return sigma_w2 * expect(activation, q) + sigma_b2


def check_setting(activation: str, sigma_w2: float, sigma_b2: float) -> tuple[float, float]:
    """(sigma_w2, sigma_b2) as floats, or a ValueError naming what is wrong."""
    get_activation(activation)  # unknown names: a ValueError listing the choices
    return check_positive("sigma_w2", sigma_w2), check_nonnegative("sigma_b2", sigma_b2)


def variance_map(
    activation: str, sigma_w2: float, sigma_b2: float, depth: int, q0: float = 1.0
) -> np.ndarray:
    """Predicted second moment of the pre-activations, q_1 .. q_depth.

    The input x has per-feature second moment `q0` (the course's N(0, 1) input: 1), so
    the first layer has q_1 = sigma_w2 * q0 + sigma_b2; then q_{l+1} follows the map above.
    """
    sigma_w2, sigma_b2 = check_setting(activation, sigma_w2, sigma_b2)
    depth = check_int("depth", depth)
    q = [sigma_w2 * check_nonnegative("q0", q0) + sigma_b2]
    for _ in range(depth - 1):
        q.append(_next_q(activation, q[-1], sigma_w2, sigma_b2))
    return np.array(q)


def activation_moments(activation: str, q: float) -> dict[str, float]:
    """Mean, std and second moment of phi(z) for z ~ N(0, q): a layer's activation histogram."""
    get_activation(activation)
    q = check_nonnegative("q", q)
    mean, second = expect(activation, q, power=1), expect(activation, q)
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
    sigma_w2, sigma_b2 = check_setting(activation, sigma_w2, sigma_b2)
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
            return find_root(push, *sorted((q, q * step)), xtol=Q_MIN)
        q *= step
    return 0.0 if q < Q_MIN else math.inf


def settled_q(activation: str, sigma_w2: float, sigma_b2: float, q0: float = 1.0) -> float:
    """q*, with 0 or inf read as the limit (as chi1 does)."""
    return min(max(fixed_point(activation, sigma_w2, sigma_b2, q0), Q_MIN), Q_MAX)


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
    check_setting(activation, 1.0, sigma_b2)

    def excess(sigma_w2: float) -> float:
        return chi1(activation, sigma_w2, sigma_b2, q0) - 1.0

    # chi1 grows with sigma_w2 (for every registry activation, about as sigma_w2 or
    # sqrt(sigma_w2)): bracket the crossing between consecutive powers of two.
    grid = [2.0**k for k in range(-10, 21)]
    hi = next((k for k, s in enumerate(grid) if excess(s) >= 0), None)
    if hi is None or hi == 0:
        raise ValueError(f"chi1 for {activation!r} does not cross 1 for sigma_w2 in [2^-10, 2^20]")
    root = find_root(excess, grid[hi - 1], grid[hi], xtol=1e-10)
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
    check_setting(activation, sigma_w2, 0.0)
    q = check_positive("q", q)
    return math.sqrt(_next_q(activation, q, sigma_w2, 0.0) / q)


def backward_gain(activation: str, sigma_w2: float, q: float) -> float:
    """sqrt(sigma_w2 E[phi'(sqrt(q) z)^2]): how a layer scales the gradients' spread."""
    check_setting(activation, sigma_w2, 0.0)
    return math.sqrt(sigma_w2 * _slope2(activation, check_nonnegative("q", q)))


def unit_gain_sigma_w2(activation: str, q: float = 1.0) -> dict[str, float]:
    """The sigma_w2 at which each direction keeps its spread, at pre-activations N(0, q).

    Both gains grow as sqrt(sigma_w2), so each is 1 at sigma_w2 = 1 / (its value at 1).
    """
    return {
        "forward": 1.0 / forward_gain(activation, 1.0, q) ** 2,
        "backward": 1.0 / backward_gain(activation, 1.0, q) ** 2,
    }


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


# -- Schemes: theory next to run_experiment (notebook 08) ----------------------------------


def scheme_sigma_w2(
    scheme: str,
    *,
    std: float | None = None,
    gain: float | str | None = None,
    activation: str = "linear",
    width: int = 100,
) -> float:
    """sigma_w2 = n Var(W) that `scheme` gives a square layer of `width` units.

    Read from the scheme's row of INIT_SCHEMES. `std` and `gain` mean what they mean to
    init_weights (None: the scheme's default; gain "auto": calculate_gain(activation)),
    so theory and experiment use one setting.
    """
    spec = get_scheme(scheme)
    get_activation(activation)
    n = check_int("width", width)
    if spec.sigma_w2 is None:
        raise ValueError(f"scheme {scheme!r} has no sigma_w2: {spec.no_sigma_w2}")
    std, gain = resolve_scale(scheme, std, gain, activation)
    return float(spec.sigma_w2(n, std, gain))


def predicted_q(
    scheme: str, activation: str, depth: int, *, std: float | None = None, width: int = 100
) -> np.ndarray:
    """The q_1 .. q_depth theory predicts for run_experiment with this scheme (no bias).

    LSUV measures and rescales each layer until Var(z_l) = 1, so there q_l = 1 by design.
    """
    if get_scheme(scheme).data_dependent:
        return np.ones(check_int("depth", depth))
    sigma_w2 = scheme_sigma_w2(scheme, std=std, activation=activation, width=width)
    return variance_map(activation, sigma_w2, 0.0, depth)
