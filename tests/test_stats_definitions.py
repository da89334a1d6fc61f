"""Trace statistics, computed the fast way, equal their plain definitions."""

import math

import pytest
import torch

import initlab_utils as il
from initlab_utils import ACTIVATIONS
from initlab_utils.capture import SATURATION_MARGIN


def by_definition(trace, i):
    """Layer i's statistics, written as plainly as possible (and slowly)."""
    a = trace.activations[i]
    out = {"layer": i + 1, "finite": bool(torch.isfinite(a).all())}
    nan = float("nan")
    if out["finite"]:
        bounds = ACTIVATIONS[trace.activation].bounds
        near = torch.zeros_like(a, dtype=torch.bool)
        for b in bounds:
            near |= (a - b).abs() < SATURATION_MARGIN * (max(bounds) - min(bounds))
        out.update(
            mean=a.mean().item(),
            std=a.std(correction=0).item(),
            frac_saturated=near.float().mean().item(),
            frac_dead=(a == 0).float().mean().item(),
            unit_std=a.std(dim=0, correction=0).mean().item(),
        )
    else:
        out.update(mean=nan, std=nan, frac_saturated=nan, frac_dead=nan, unit_std=nan)
    if trace.gradients is not None:
        g = trace.gradients[i]
        out["grad_finite"] = bool(torch.isfinite(g).all())
        out["grad_std"] = g.std(correction=0).item() if out["grad_finite"] else nan
    return out


@pytest.mark.parametrize(
    "settings",
    [
        dict(),  # sigmoid saturates
        dict(std=0.01, depth=20),  # every unit gives one value for every sample
        dict(activation="tanh", scheme="xavier_normal", depth=10),
        dict(activation="relu", scheme="he_normal", depth=10),  # half the values are 0
        dict(activation="linear", std=10.0, depth=50),  # overflows: not finite
        dict(activation="relu", std=1.0, depth=30),  # huge but finite values
        dict(activation="gelu", backward=False),
    ],
)
def test_stats_equal_their_definitions(settings):
    trace = il.run_experiment(width=50, n_samples=300, **settings)
    for i, stats in enumerate(trace.stats()):
        expected = by_definition(trace, i)
        assert stats.keys() == expected.keys()
        for key, value in expected.items():
            if isinstance(value, float) and math.isnan(value):
                assert math.isnan(stats[key]), key
            else:
                assert stats[key] == pytest.approx(value, rel=1e-6, abs=1e-30), key
