"""Tests for initlab_utils.training: the Trainer, its results, and the claims the course makes."""

from __future__ import annotations

import math

import pytest
import torch

import initlab_utils as il
from initlab_utils import OPTIMIZERS, Trainer, load_digits_data, train_mlp

# Small and quick: enough steps to see a difference, not to train well.
QUICK = dict(activation="relu", scheme="he_normal", depth=3, width=32, steps=20)


def test_same_seed_same_losses_other_seed_different():
    a, b = train_mlp(**QUICK, seed=3), train_mlp(**QUICK, seed=3)
    assert a.losses == b.losses
    assert a.first_step_grad_norms == b.first_step_grad_norms
    assert train_mlp(**QUICK, seed=4).losses != a.losses


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_every_optimizer_runs_and_lowers_the_loss(optimizer):
    r = train_mlp(**{**QUICK, "steps": 60}, optimizer=optimizer)
    assert len(r.losses) == 60 and not r.diverged
    assert r.final_loss() < r.losses[0]
    assert r.config["lr"] == OPTIMIZERS[optimizer].default_lr


def test_global_rng_untouched():
    state = torch.get_rng_state()
    train_mlp(**QUICK)
    load_digits_data()
    assert torch.equal(state, torch.get_rng_state())


def test_trainer_in_chunks_matches_one_run():
    tr = Trainer(**QUICK)
    assert tr.step(7) == tr.losses and len(tr.losses) == 7 and not tr.done
    tr.step(100)  # never runs past `steps`
    assert tr.done and tr.losses == train_mlp(**QUICK).losses
    assert tr.step(5) == tr.losses  # a finished trainer does nothing more


def test_result_contents():
    r = train_mlp(**QUICK)
    assert len(r.first_step_grad_norms) == QUICK["depth"]  # hidden layers, no read-out
    assert all(g > 0 for g in r.first_step_grad_norms)
    assert 0 <= r.test_accuracy <= 1 and 0 <= r.train_accuracy <= 1
    assert r.config["depth"] == 3 and r.config["scheme"] == "he_normal"
    assert all(layer.bias is not None for layer in il.linears(r.model))


def test_divergence_is_reported_not_raised():
    r = train_mlp(
        activation="relu", scheme="normal", std=1.0, depth=5, width=100, lr=10.0, steps=50
    )
    assert r.diverged
    assert not math.isfinite(r.losses[-1]) and all(math.isfinite(v) for v in r.losses[:-1])
    assert len(r.losses) < 50
    assert math.isnan(r.final_loss()) or math.isinf(r.final_loss())
    assert 0 <= r.test_accuracy <= 1  # non-finite outputs count as wrong, not as NaN


def test_zero_init_keeps_hidden_units_identical():
    # Every hidden unit gets the same input and the same gradient, so they stay copies.
    r = train_mlp(activation="sigmoid", scheme="zeros", depth=3, width=20, steps=100, lr=0.5)
    assert r.losses[-1] != r.losses[0]  # something did train (the read-out)
    for layer in il.hidden_linears(r.model):
        w = layer.weight
        assert w.abs().sum() > 0  # the weights did move away from 0, all alike
        assert torch.allclose(w, w[:1].expand_as(w), atol=1e-6)
        assert torch.allclose(layer.bias, layer.bias[:1].expand_as(layer.bias), atol=1e-6)


def test_evaluations_every_few_steps_and_the_settled_accuracy():
    r = train_mlp(**QUICK)
    assert [step for step, _, _ in r.evals] == [10, 20]
    assert r.evals[-1][2] == pytest.approx(r.test_accuracy)
    assert r.settled_accuracy() == pytest.approx(sum(a for _, _, a in r.evals) / 2)
    assert r.settled_accuracy(1) == pytest.approx(r.test_accuracy)
    assert all(math.isfinite(loss) for _, loss, _ in r.evals)


def test_perturb_nudges_the_initial_weights_by_about_its_size():
    plain = Trainer(**QUICK)
    for k in (1, 2):
        nudged = Trainer(**QUICK, perturb=1e-6, perturb_seed=k)
        for a, b in zip(plain.model.parameters(), nudged.model.parameters()):
            assert torch.equal(a == 0, b == 0)  # zero biases stay zero
            if (a != 0).any():
                rel = ((b - a)[a != 0] / a[a != 0]).abs()
                assert 1e-7 < rel.mean() < 3e-6  # a float-rounding-sized change, not zero
    again = Trainer(**QUICK, perturb=1e-6, perturb_seed=1)
    first = Trainer(**QUICK, perturb=1e-6, perturb_seed=1)
    assert all(
        torch.equal(a, b) for a, b in zip(first.model.parameters(), again.model.parameters())
    )
    assert first.config["perturb"] == 1e-6 and "perturb" not in plain.config


def test_seed_spread_is_median_and_range():
    from initlab_utils import Spread, train_seeds

    s = Spread.of([0.3, 0.1, 0.2, 0.9, 0.5])
    assert (s.median, s.low, s.high) == (0.3, 0.1, 0.9)
    assert f"{s:.0%}" == "30% [10% to 90%]"
    runs = train_seeds(**QUICK, seeds=[0, 1, 2])
    assert [r.config["seed"] for r in runs.results] == [0, 1, 2]
    assert runs.curves().shape == (3, QUICK["steps"])
    assert runs.loss().low <= runs.loss().median <= runs.loss().high


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"lr": 0.0}, "lr"),
        ({"lr": -1.0}, "lr"),
        ({"steps": 0}, "steps"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 10**6}, "batch_size"),
        ({"depth": 0}, "depth"),
        ({"width": 2.5}, "width"),
        ({"seed": -1}, "seed"),
        ({"activation": "sigmod"}, "activation"),
        ({"scheme": "xavier"}, "scheme"),
        ({"scheme": "he_normal", "std": 0.1}, "std"),
        ({"bias": "yes"}, "bias"),
        ({"perturb": -1e-6}, "perturb"),
        ({"perturb": 1e-6, "perturb_seed": -1}, "perturb_seed"),
    ],
)
def test_bad_arguments_name_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        Trainer(**{**QUICK, **kwargs})


def test_unknown_optimizer_lists_the_choices():
    with pytest.raises(ValueError, match="sgd, sgd_momentum, adam"):
        train_mlp(**QUICK, optimizer="rmsprop")


def test_result_before_any_step():
    r = Trainer(**QUICK).result()
    assert r.losses == [] and math.isnan(r.final_loss()) and not r.diverged


def test_step_count_must_be_positive():
    with pytest.raises(ValueError, match="n must be"):
        Trainer(**QUICK).step(0)
