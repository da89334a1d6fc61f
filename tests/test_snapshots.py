"""The Recorder (snapshots.py) and its figures (training_plots.py): it records at the steps
asked, its ratios are the formulas' (checked by hand against the weights), its traces
carry the real loss's gradients, and bad input is refused with the parameter's name."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
import torch.nn.functional as F

import initlab_utils as il

SMALL = dict(activation="relu", scheme="he_normal", depth=3, width=20)


@pytest.fixture(autouse=True)
def no_open_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def small():
    """A 3-layer run of 12 steps, recorded at steps 0, 5 and 12, diagnostics every 5."""
    return il.Recorder(il.Trainer(**SMALL, steps=12), at=(0, 5, 12), every=5).run()


def test_records_at_the_steps_asked(small):
    assert sorted(small.snapshots) == [0, 5, 12]
    assert small.ratio_steps == list(range(1, 13))
    assert small.stat_steps == [0, 5, 10]
    assert small.ratio_array().shape == (12, 3)
    for key in ("std", "frac_saturated", "frac_dead"):
        assert small.stat_array(key).shape == (3, 3)
    for trace in small.snapshots.values():
        assert trace.depth == 3 and trace.activation == "relu"
        assert [a.shape for a in trace.activations] == [(il.snapshots.EVAL_SIZE, 20)] * 3
        assert [g.shape for g in trace.gradients] == [(il.snapshots.EVAL_SIZE, 20)] * 3


def test_snapshots_are_kept_from_the_run_not_recomputed(small):
    fresh = il.Trainer(**SMALL, steps=12)  # the same seed: the same network at step 0
    x = il.load_digits_data().x_test[: il.snapshots.EVAL_SIZE]
    y = il.load_digits_data().y_test[: il.snapshots.EVAL_SIZE]
    at_0 = il.loss_trace(fresh.model, x, y)
    assert torch.equal(small.snapshots[0].activations[-1], at_0.activations[-1])
    assert not torch.equal(small.snapshots[12].activations[-1], at_0.activations[-1])
    assert small.stat_array("std")[0].tolist() == [s["std"] for s in at_0.stats()]


def test_default_steps_stop_at_the_runs_length():
    rec = il.Recorder(il.Trainer(**SMALL, steps=40))
    assert rec.at == [0, 10, 30]


def test_loss_trace_gradients_are_those_of_the_cross_entropy():
    model = il.Trainer(**SMALL).model
    d = il.load_digits_data()
    x, y = d.x_test[:50], d.y_test[:50]
    trace = il.loss_trace(model, x, y)
    # At the last hidden layer, dL/dh = (softmax(logits) - onehot(y)) / N @ W_readout.
    logits = model(x).detach()
    delta = (logits.softmax(dim=1) - F.one_hot(y, 10).float()) / len(y)
    by_hand = delta @ il.readout(model).weight.detach()
    assert torch.allclose(trace.gradients[-1], by_hand, atol=1e-7, rtol=1e-5)
    assert all(p.grad is None for p in model.parameters())  # .grad untouched
    # and the activations are capture()'s
    assert torch.equal(trace.activations[1], il.capture(model, x).activations[1])


def test_sgd_ratio_is_lr_times_gradient_over_weights_by_hand():
    trainer = il.Trainer(**SMALL, lr=0.05, steps=3)
    layers = il.hidden_linears(trainer.model)
    before = [layer.weight.detach().clone() for layer in layers]
    rec = il.Recorder(trainer).step(1)
    for i, (layer, w) in enumerate(zip(layers, before)):
        g = layer.weight.grad
        by_hand = math.log10(0.05 * g.std(correction=0).item() / w.std(correction=0).item())
        assert rec.ratios[0][i] == pytest.approx(by_hand, abs=1e-6)
        # plain SGD's step is exactly -lr * gradient: the weights moved by that much
        moved = (layer.weight.detach() - w).std(correction=0) / w.std(correction=0)
        assert math.log10(moved.item()) == pytest.approx(by_hand, abs=1e-3)


def test_adam_ratio_is_the_step_actually_taken():
    trainer = il.Trainer(**SMALL, optimizer="adam", steps=3)
    layers = il.hidden_linears(trainer.model)
    rec = il.Recorder(trainer)
    for step in range(2):
        before = [layer.weight.detach().clone() for layer in layers]
        rec.step(1)
        for i, (layer, w) in enumerate(zip(layers, before)):
            moved = (layer.weight.detach() - w).std(correction=0)
            by_hand = math.log10(moved.item() / w.std(correction=0).item())
            assert rec.ratios[step][i] == pytest.approx(by_hand, abs=1e-6)
            lr_times_grad = math.log10(1e-3 * layer.weight.grad.std().item() / w.std().item())
            assert abs(rec.ratios[step][i] - lr_times_grad) > 0.5  # not SGD's formula
    # Adam's first step is lr * g / (|g| + eps): about lr for every weight.
    again = il.Recorder(il.Trainer(**SMALL, optimizer="adam", steps=1))
    w0 = [layer.weight.std(correction=0).item() for layer in il.hidden_linears(again.trainer.model)]
    again.step(1)
    assert again.ratios[0] == pytest.approx([math.log10(1e-3 / s) for s in w0], abs=0.05)


def test_typical_ratio_is_the_median_over_the_steps_asked(small):
    r = small.ratio_array()
    assert small.typical_ratio(3, 7) == pytest.approx(np.median(r[2:7], axis=0))
    assert small.typical_ratio() == pytest.approx(np.median(r, axis=0))
    with pytest.raises(ValueError, match="no update recorded between steps 20 and 30"):
        small.typical_ratio(20, 30)


def test_record_training_and_seeds_pass_their_settings_on():
    recs = il.record_seeds(seeds=(0, 1), perturb=il.PERTURB, **SMALL, steps=2, at=(0, 2))
    assert [r.trainer.config["seed"] for r in recs] == [0, 1]
    assert [r.trainer.config["perturb_seed"] for r in recs] == [1, 2]
    assert all(sorted(r.snapshots) == [0, 2] for r in recs)
    one = il.record_training(**SMALL, steps=2, at=(2,))
    assert sorted(one.snapshots) == [2] and one.step_count == 2


def test_a_diverged_run_stops_recording_at_its_last_update():
    rec = il.record_training(activation="linear", scheme="normal", std=1.0, depth=8, steps=50)
    assert rec.trainer.diverged
    assert rec.ratio_steps == list(range(1, len(rec.trainer.losses)))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(at=(0, 30, 10)), "at must be strictly increasing, got 30 then 10"),
        (dict(at=(0, 10, 10)), "at must be strictly increasing, got 10 then 10"),
        (dict(at=(0, 500)), "at must be between 0 and 300, got 500"),
        (dict(at=(-1, 5)), "at must be between 0 and 300, got -1"),
        (dict(at=(0, 2.5)), "at must be a whole number, got 2.5"),
        (dict(every=0), "every must be >= 1, got 0"),
        (dict(eval_size=0), "eval_size must be between 1 and"),
    ],
)
def test_bad_input_is_refused_naming_the_parameter(kwargs, message):
    with pytest.raises(ValueError, match=message):
        il.Recorder(il.Trainer(**SMALL), **kwargs)


def test_a_trainer_must_be_fresh_and_a_trainer():
    trainer = il.Trainer(**SMALL)
    trainer.step(1)
    with pytest.raises(ValueError, match="already run steps"):
        il.Recorder(trainer)
    with pytest.raises(ValueError, match="trainer must be a Trainer, got dict"):
        il.Recorder(dict(SMALL))
    if "architecture" in il.Trainer.__init__.__code__.co_varnames:  # residual networks
        resnet = il.Trainer(**SMALL, architecture="resnet")
        with pytest.raises(ValueError, match="architecture 'mlp'"):
            il.Recorder(resnet)


def test_unknown_diagnostic_lists_the_choices(small):
    with pytest.raises(ValueError, match="unknown key 'mean'; choose one of: std, frac"):
        small.stat_array("mean")


def test_ratio_plot_one_line_per_layer_over_the_band(small):
    fig, ax = plt.subplots()
    assert il.plot_update_ratios(small, ax=ax) is ax
    assert len(ax.lines) == 3 + 1  # the layers and the rule of thumb's line
    assert list(ax.lines[-1].get_xdata()) == small.ratio_steps
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["rule of thumb: ~1e-3"]
    assert len(fig.axes) == 2  # the colour bar naming the layers
    bare = il.plot_update_ratios(small, ax=plt.figure().gca(), band=None)
    assert len(bare.lines) == 3 and bare.get_legend() is None


def test_ratio_plot_of_a_recorder_that_has_not_run_is_an_error():
    with pytest.raises(ValueError, match="has run no step yet"):
        il.plot_update_ratios(il.Recorder(il.Trainer(**SMALL)))


def test_profile_and_diagnostic_plots(small):
    plt.figure()
    ax = il.plot_ratio_profile({"one": small, "seeds": [small, small]}, first=1, last=12)
    assert ax is plt.gca()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["rule of thumb: ~1e-3", "one", "seeds"]
    assert list(ax.lines[-1].get_ydata()) == pytest.approx(small.typical_ratio(1, 12))
    with pytest.raises(ValueError, match="empty"):
        il.plot_ratio_profile({})
    ax = il.plot_diagnostic(small, "std", ax=plt.figure().gca())
    assert ax.get_yscale() == "log" and len(ax.lines) == 3
    ax = il.plot_diagnostic(small, "frac_dead", ax=plt.figure().gca())
    assert ax.get_yscale() == "linear" and ax.get_ylabel() == "fraction exactly 0"
