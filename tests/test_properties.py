"""Property tests: over random valid configurations nothing crashes and stats are complete."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import initlab_utils as il

STAT_KEYS = {"layer", "mean", "std", "frac_saturated", "frac_dead", "unit_std", "finite"}


@st.composite
def configs(draw):
    scheme = draw(st.sampled_from(sorted(il.INIT_SCHEMES)))
    uses_std = il.INIT_SCHEMES[scheme].uses_std
    return dict(
        activation=draw(st.sampled_from(sorted(il.ACTIVATIONS))),
        scheme=scheme,
        std=draw(st.floats(1e-4, 1e2)) if uses_std and draw(st.booleans()) else None,
        depth=draw(st.integers(1, 8)),
        width=draw(st.integers(1, 40)),
        n_samples=draw(st.integers(1, 50)),
        bias=draw(st.booleans()),
        seed=draw(st.integers(0, 2**31)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configs())
def test_any_valid_configuration_runs_and_reports(config):
    trace = il.run_experiment(**config)
    stats = trace.stats()
    assert len(stats) == config["depth"] == len(trace.gradients)
    for i, s in enumerate(stats):
        assert STAT_KEYS <= set(s) and s["layer"] == i + 1
        assert isinstance(s["finite"], bool)
        if s["finite"]:
            assert 0 <= s["frac_saturated"] <= 1 and 0 <= s["frac_dead"] <= 1


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configs())
def test_any_valid_configuration_draws(config):
    grid = il.plot_trace(il.run_experiment(**config))
    assert grid.png()[:4] == b"\x89PNG"
