"""Mean-field theory of two inputs: the correlation map, its depth scale, the phase grid.

With both inputs at the variance map's fixed point q*, their pre-activations have
covariance q* [[1, c], [c, 1]] and the correlation c_l follows a map of its own, with a
fixed point c* and a depth scale xi_c (Poole et al. 2016; Schoenholz et al. 2017).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .checks import check_int
from .numerics import find_root, gauss_rule, phi_values
from .theory import check_setting, chi1, critical_sigma_w2, depth_scale, settled_q
from .threads import single_threaded


def _pair_moment(activation: str, q: float, c: float, derivative: bool = False) -> float:
    """E[f(u1) f(u2)] for (u1, u2) ~ N(0, q [[1, c], [c, 1]]), with f = phi (or phi')."""
    r, s = math.sqrt(q), math.sqrt(max(1.0 - c * c, 0.0))
    if s < 1e-12:  # u2 = +-u1
        nodes, weights = gauss_rule(0.0, 1.0 / r)
        f = phi_values(activation, r * nodes, derivative)
        return float(
            weights @ (f * phi_values(activation, math.copysign(r, c) * nodes, derivative))
        )
    # u1 = r z1, u2 = r (c z1 + s z2). Given z1, phi(u2) bends where c z1 + s z2 = 0, at a
    # scale 1 / (r s) in z2; averaged over z2 it is a smoothed phi that changes within s of
    # z1 = 0 (the step of ReLU') or 1 / r (phi(u1) itself).
    z1, w1 = gauss_rule(0.0, min(1.0 / r, s))
    z2, w2 = gauss_rule(-c * z1 / s, 1.0 / (r * s))
    u2 = (r * (c * z1[:, None] + s * z2)).ravel()
    inner = (w2 * phi_values(activation, u2, derivative).reshape(z2.shape)).sum(axis=1)
    return float(w1 @ (phi_values(activation, r * z1, derivative) * inner))


def correlation_map(
    activation: str, c: float, sigma_w2: float, sigma_b2: float, q0: float = 1.0
) -> float:
    """c_{l+1} from c_l: the correlation of two inputs' pre-activations one layer on.

    With both inputs at the fixed point q*, their pre-activations (u1, u2) have covariance
    q* [[1, c], [c, 1]], and c_{l+1} = (sigma_w2 E[phi(u1) phi(u2)] + sigma_b2) / q*.
    c = 1 (the same input) always maps to 1.
    """
    sigma_w2, sigma_b2 = check_setting(activation, sigma_w2, sigma_b2)
    if not -1.0 <= c <= 1.0:
        raise ValueError(f"c must be a correlation, between -1 and 1, got {c}")
    q = settled_q(activation, sigma_w2, sigma_b2, q0)
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
    # An odd activation without bias has E[phi] = 0: c = 0 is then the fixed point, and the
    # quadrature's rounding can put excess(0) a hair below 0 (-2e-34 for tanh).
    if excess(0.0) <= 0.0:
        return 0.0
    lo = 0.0
    for gap in [0.5, 0.1, *(10.0**-k for k in range(2, 13))]:
        if excess(1.0 - gap) < 0:
            return find_root(excess, lo, 1.0 - gap, xtol=1e-14)
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
    q = settled_q(activation, sigma_w2, sigma_b2, q0)
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


def predicted_correlations(
    sigma_w2: float, sigma_b2: float, c1: float, depth: int, *, activation: str = "tanh"
) -> np.ndarray:
    """c_1 .. c_depth: theory's correlation of two inputs in each layer, from c_1 = c1."""
    c = [c1]
    for _ in range(check_int("depth", depth) - 1):
        c.append(correlation_map(activation, c[-1], sigma_w2, sigma_b2))
    return np.array(c)


# -- The phase diagram (notebook 09) ----------------------------------------------------------


class PhaseGrid(NamedTuple):
    sigma_w2: np.ndarray  # grid columns
    sigma_b2: np.ndarray  # grid rows
    xi: np.ndarray  # depth scale, rows x columns (inf exactly at the edge of chaos)
    critical_b2: np.ndarray  # the edge of chaos: sigma_w2 = critical_w2 at these sigma_b2
    critical_w2: np.ndarray


@lru_cache(maxsize=8)
@single_threaded
def phase_grid(
    activation: str = "tanh",
    sigma_w2_range: tuple[float, float] = (0.5, 4.0),
    sigma_b2_range: tuple[float, float] = (0.0, 0.5),
    n: int = 40,
) -> PhaseGrid:
    """depth_scale on an n x n grid and critical_sigma_w2 along sigma_b2: computed once."""
    ws, bs = np.linspace(*sigma_w2_range, n), np.linspace(*sigma_b2_range, n)
    xi = np.array([[depth_scale(activation, w, b) for w in ws] for b in bs])
    # The edge rises steeply from sigma_b2 = 0 (1 -> 1.42 by 0.01 for tanh): sample it
    # geometrically, densest there.
    lo, hi = sigma_b2_range
    cb = np.append(lo, np.geomspace(max(lo, hi * 1e-4), hi, 30))
    cw = np.array([critical_sigma_w2(activation, b) for b in cb])
    for a in (ws, bs, xi, cb, cw):
        a.flags.writeable = False  # shared by every caller through the cache
    return PhaseGrid(ws, bs, xi, cb, cw)
