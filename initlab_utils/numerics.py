"""The theory's numerics: E[f(z)] for z ~ N(0, 1) by Gauss-Legendre panels, phi and phi'.

E[f(z)] is sum(weights * f(nodes)) over Gauss-Legendre panels (16 nodes each) that start
`finest` wide at one point and double in width outward. Every registry activation bends
at x = 0 (ReLU's kink, SELU's jump in phi', the poles of tanh and sigmoid at x = +-i pi/2,
+-i pi), which z ~ N(0, 1) scaled by sqrt(q) reaches at z = 0 within 1/sqrt(q): so the
finest panel sits there, 1/sqrt(q) wide. Near machine precision for every q
(tests/test_theory.py: against scipy.integrate.quad, q from 1e-6 to 1e6); a fixed
Gauss-Hermite rule of 200 nodes put sigmoid's edge of chaos 0.4% off (q* ~ 46).

phi and phi' come from the ACTIVATIONS registry's own torch modules (phi' by autograd),
so theory and experiments share one activation.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import numpy as np
import torch
from numpy.polynomial.legendre import leggauss

from .activations import get_activation
from .threads import single_threaded

Z_MAX = 10.0  # |z| > 10 has probability 1.5e-23
_GL_NODES, _GL_WEIGHTS = leggauss(16)


@cache
def _offsets(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights on [0, 2 Z_MAX], panels [0, h], [h, 2h], [2h, 4h] ... with h = 2^-k."""
    h = 2.0**-k
    edges = np.append(0.0, h * 2.0 ** np.arange(math.ceil(math.log2(2 * Z_MAX / h)) + 1))
    a, b = edges[:-1, None], edges[1:, None]
    return ((b - a) / 2 * _GL_NODES + (a + b) / 2).ravel(), ((b - a) / 2 * _GL_WEIGHTS).ravel()


def gauss_rule(centre: np.ndarray | float, finest: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights for E[f(z)], z ~ N(0, 1), finest at `centre` (one rule per entry
    of an array of centres, along a new last axis)."""
    d, w = _offsets(max(0, math.ceil(-math.log2(min(finest, 1.0)))))
    # 2 Z_MAX on either side of a centre within [-Z_MAX, Z_MAX] covers all of [-Z_MAX, Z_MAX].
    centre = np.clip(np.asarray(centre, dtype=float), -Z_MAX, Z_MAX)[..., None]
    nodes = np.concatenate([centre - d[::-1], centre + d], axis=-1)
    weights = np.concatenate([w[::-1], w]) * np.exp(-(nodes**2) / 2) / math.sqrt(2 * math.pi)
    return nodes, weights


@cache
def _module(activation: str) -> torch.nn.Module:
    return get_activation(activation).make()


@single_threaded
def phi_values(activation: str, x: np.ndarray, derivative: bool = False) -> np.ndarray:
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


def expect(activation: str, q: float, derivative: bool = False, power: int = 2) -> float:
    """E[f(sqrt(q) z)^power], z ~ N(0, 1), with f = phi (or phi')."""
    nodes, weights = gauss_rule(0.0, 1.0 / math.sqrt(q) if q > 0 else 1.0)
    return float(weights @ phi_values(activation, math.sqrt(q) * nodes, derivative) ** power)


def find_root(f: Callable[[float], float], a: float, b: float, xtol: float) -> float:
    """The x in [a, b] where f(x) = 0 (f(a), f(b) of opposite signs): scipy's brentq."""
    # Imported here: scipy.optimize takes half a second to import, which `import
    # initlab_utils` need not pay before a theory function is called.
    from scipy.optimize import brentq

    return brentq(f, a, b, xtol=xtol)
