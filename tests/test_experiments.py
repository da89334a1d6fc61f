"""initlab_utils.experiments: layer_stat, one number per layer of a run (run_experiment
itself is tested through what it captures: test_capture.py)."""

import math

import pytest
import torch

import initlab_utils as il


def test_layer_stat_reads_stats_and_derives_rms_and_pre_std(small_traces):
    tr = small_traces["b"]
    assert il.layer_stat(tr, "std") == [s["std"] for s in tr.stats()]
    assert il.layer_stat(tr, "grad_std") == [s["grad_std"] for s in tr.stats()]
    for v, h in zip(il.layer_stat(tr, "rms"), tr.activations):
        assert v == pytest.approx(math.sqrt(h.double().pow(2).mean().item()))
    for v, z in zip(il.layer_stat(tr, "pre_std"), tr.pre_activations):
        assert v == pytest.approx(z.double().std().item())


def test_layer_stat_unknown_key_lists_the_choices(small_traces):
    with pytest.raises(ValueError, match="unknown key 'sdt'.*std.*rms"):
        il.layer_stat(small_traces["a"], "sdt")
    with pytest.raises(ValueError):
        il.layer_stat(small_traces["a"], "layer")


def test_a_kept_network_runs_as_a_freshly_built_one():
    """run_experiment reuses the networks it built (a slider move needs no new one):
    the run must be the one a new network, built and initialised by hand, gives."""
    from initlab_utils.experiments import make_input

    settings = dict(activation="tanh", depth=4, width=30, n_samples=50, bias=True)
    for scheme, seed in [("normal", 0), ("lsuv", 1), ("orthogonal", 2), ("normal", 0)]:
        kept = il.run_experiment(scheme=scheme, seed=seed, bias_std=0.2, **settings)
        model = il.build_mlp(4, 30, "tanh", bias=True)
        il.init_weights(model, scheme, bias_std=0.2, seed=seed)
        fresh = il.capture(model, make_input(50, 30, seed))
        for a, b in zip(kept.activations + kept.gradients, fresh.activations + fresh.gradients):
            assert torch.equal(a, b)


def test_each_run_gets_its_own_input():
    from initlab_utils.experiments import make_input

    x = make_input(20, 10, seed=4)
    x.zero_()
    assert make_input(20, 10, seed=4).abs().sum() > 0
