"""initlab_utils.experiments: layer_stat, one number per layer of a run (run_experiment
itself is tested through what it captures: test_capture.py)."""

import math

import pytest

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
