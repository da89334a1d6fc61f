"""Mean-field theory of two inputs: the correlation map against closed forms and a double
integral, its fixed point and slope, the depth scales, and the phase diagram's grid."""

import math

import numpy as np
import pytest
from scipy import integrate

from initlab_utils import (
    chi1,
    chi_c,
    correlation_depth_scale,
    correlation_fixed_point,
    correlation_map,
    critical_sigma_w2,
    depth_scale,
    fixed_point,
    phase_grid,
)
from initlab_utils.chaos import _pair_moment

PHI = {"tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2)}


# -- the correlation map ------------------------------------------------------------------------


@pytest.mark.parametrize("c", [-0.9, 0.0, 0.4, 0.9, 0.999])
def test_relu_correlation_map_is_the_arc_cosine_kernel(c):
    # Cho & Saul (2009): E[relu(u1) relu(u2)] = q (sin t + (pi - t) cos t) / (2 pi) and
    # E[relu'(u1) relu'(u2)] = (pi - t) / (2 pi), with c = cos t. He's sigma_w2 = 2 keeps q.
    t = math.acos(c)
    assert correlation_map("relu", c, 2.0, 0.0) == pytest.approx(
        (math.sin(t) + (math.pi - t) * c) / math.pi, rel=1e-9
    )
    q = fixed_point("relu", 2.0, 0.0)
    assert 2.0 * _pair_moment("relu", q, c, derivative=True) == pytest.approx(
        (math.pi - t) / math.pi, rel=1e-9
    )


def test_tanh_correlation_map_matches_a_double_integral():
    w, b, c = 3.0, 0.05, 0.4
    q = fixed_point("tanh", w, b)
    s = math.sqrt(1 - c**2)
    density = lambda z: math.exp(-(z**2) / 2) / math.sqrt(2 * math.pi)

    def pair(f):
        inner = lambda z1: integrate.quad(
            lambda z2: f(math.sqrt(q) * (c * z1 + s * z2)) * density(z2), -12, 12, epsrel=1e-12
        )[0]
        return integrate.quad(
            lambda z1: f(math.sqrt(q) * z1) * inner(z1) * density(z1), -12, 12, epsrel=1e-11
        )[0]

    phi, slope = PHI["tanh"]
    assert correlation_map("tanh", c, w, b) == pytest.approx((w * pair(phi) + b) / q, rel=1e-8)
    assert _pair_moment("tanh", q, c, derivative=True) == pytest.approx(pair(slope), rel=1e-8)


def test_correlation_fixed_point_and_its_slope():
    w, b = 3.0, 0.05  # chaotic
    c_star = correlation_fixed_point("tanh", w, b)
    assert correlation_map("tanh", c_star, w, b) == pytest.approx(c_star, abs=1e-12)
    assert correlation_map("tanh", 1.0, w, b) == pytest.approx(1.0, abs=1e-12)
    # chi_c is the map's slope at c* (Price's theorem), chi1 its slope at c = 1.
    h = 1e-5
    slope = correlation_map("tanh", c_star + h, w, b) - correlation_map("tanh", c_star - h, w, b)
    assert slope / (2 * h) == pytest.approx(chi_c("tanh", w, b), rel=1e-6)
    at_one = (1.0 - correlation_map("tanh", 1.0 - h, w, b)) / h
    assert at_one == pytest.approx(chi1("tanh", w, b), rel=1e-3)
    assert correlation_depth_scale("tanh", w, b) == pytest.approx(
        -1 / math.log(chi_c("tanh", w, b))
    )
    # The notebook's point C: 9.05 layers for the correlations, 5.27 for the gradients.
    assert correlation_depth_scale("tanh", w, b) == pytest.approx(9.05, abs=0.01)
    assert depth_scale("tanh", w, b) == pytest.approx(5.27, abs=0.01)


@pytest.mark.parametrize("w, b", [(1.0, 0.3), (1.5, 0.05), (0.8, 0.0)])
def test_ordered_phase_correlations_go_to_one_with_chi1(w, b):
    assert correlation_fixed_point("tanh", w, b) == 1.0
    assert chi_c("tanh", w, b) == chi1("tanh", w, b)
    assert correlation_depth_scale("tanh", w, b) == pytest.approx(depth_scale("tanh", w, b))


def test_correlation_depth_scale_grows_without_bound_at_the_edge():
    critical = critical_sigma_w2("tanh", 0.05)
    scales = [correlation_depth_scale("tanh", critical + eps, 0.05) for eps in (0.1, 0.01, 0.001)]
    assert scales[0] < scales[1] < scales[2] and scales[2] > 500


def test_tanh_without_bias_decorrelates_completely_in_the_chaotic_phase():
    # phi odd and sigma_b2 = 0: c = 0 maps to 0, and the chaotic phase settles there.
    assert correlation_fixed_point("tanh", 2.0, 0.0) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("c", [1.5, -1.01, float("nan")])
def test_correlation_map_refuses_a_non_correlation(c):
    with pytest.raises(ValueError, match="c must be a correlation"):
        correlation_map("tanh", c, 1.0, 0.1)


# -- the phase diagram's grid --


def test_phase_grid_is_computed_once_and_read_only():
    g = phase_grid("tanh")
    assert g is phase_grid("tanh")
    assert g.xi.shape == (40, 40) and not g.xi.flags.writeable
    crit = [critical_sigma_w2("tanh", b) for b in (0.0, 0.5)]
    assert g.critical_w2[0] == pytest.approx(crit[0]) and g.critical_w2[-1] == pytest.approx(
        crit[1]
    )
    # Ordered (xi small) on the left of the edge, large right next to it.
    assert g.xi[10, 0] < 3 and np.nanmax(g.xi) > 100
