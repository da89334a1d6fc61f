"""Every claim notebook 01 (zero and constant init, the symmetry problem) makes in words."""

import math

import pytest
import torch

import initlab_utils as il
from initlab_utils.analysis import numerical_rank, row_spread
from initlab_utils.exercises import (
    SYMMETRY_RUN,
    check_adam_keeps_symmetry,
    check_what_moves_zeros_tanh,
    check_zeros_wake_up_step,
)
from initlab_utils.models import hidden_linears
from initlab_utils.training import CHANCE_LOSS, Trainer, load_digits_data, train_mlp

# Rows equal "to float tolerance": float32 rounding is ~1e-7 of a weight.
SAME = 1e-6


def _run(scheme, std=None, **changes):
    """Notebook 01's training run: weights before, and the TrainResult after."""
    trainer = Trainer(scheme=scheme, std=std, **{**SYMMETRY_RUN, **changes})
    before = [layer.weight.detach().clone() for layer in hidden_linears(trainer.model)]
    return before, trainer.run()


@pytest.fixture(scope="module")
def constant():
    return _run("constant", 0.3)


@pytest.fixture(scope="module")
def zeros():
    return _run("zeros")


@pytest.fixture(scope="module")
def random_start():
    return _run("normal", 0.3)


def _weights(result):
    return [layer.weight.detach() for layer in hidden_linears(result.model)]


def _grads(trainer):
    return [layer.weight.grad for layer in hidden_linears(trainer.model)]


def test_notebook_run_is_the_one_the_checks_use():
    assert SYMMETRY_RUN == dict(activation="sigmoid", depth=2, width=32, steps=200, lr=0.5, seed=0)


def test_digits_data():
    d = load_digits_data()
    assert d.x_train.shape[1] == d.x_test.shape[1] == 64
    assert d.y_train.unique().numel() == 10


# -- 2: training keeps the symmetry of a constant start, random breaks it ---------------


def test_constant_start_moves_every_layer_but_units_stay_identical(constant):
    before, result = constant
    *hidden, readout = _weights(result)
    for w0, w in zip(before, _weights(result)):
        assert (w - w0).norm() > 1e-2  # every layer moved ...
        assert numerical_rank(w0) == numerical_rank(w) == 1  # ... and stayed rank 1
    for w in hidden:
        assert row_spread(w) < SAME  # identical units, after 200 steps
    # Read-out: one row per class, different; columns (one per hidden unit) identical.
    assert row_spread(readout) > 1e-2 and row_spread(readout.T) < SAME
    # The hidden layers above layer 1 have identical columns too.
    assert all(row_spread(w.T) < SAME for w in hidden[1:])


def test_constant_start_learns_next_to_nothing(constant):
    result = constant[1]
    assert result.test_accuracy < 0.2  # near the 10% of guessing among 10 classes
    assert result.final_loss() > CHANCE_LOSS - 0.1


def test_random_start_of_the_same_size_breaks_symmetry_and_learns(random_start):
    before, result = random_start
    for w0, w in zip(before, _weights(result)):
        assert row_spread(w0) > 0.5 and row_spread(w) > 0.5
        assert numerical_rank(w0) == numerical_rank(w) == min(w.shape)
    assert result.test_accuracy > 0.8
    assert result.final_loss() < CHANCE_LOSS / 2


# -- 3: the first steps -----------------------------------------------------------------


def test_constant_start_first_steps():
    trainer = Trainer(scheme="constant", std=0.3, **SYMMETRY_RUN)
    trainer.step(1)
    *hidden, readout = _grads(trainer)
    # Step 1: equal read-out rows -> equal logits -> W_out^T (p - y) = c sum(p - y) = 0,
    # up to float32 rounding; only the read-out learns.
    assert all(g.norm() < 1e-6 for g in hidden) and readout.norm() > 1e-2
    trainer.step(1)
    *hidden, readout = _grads(trainer)
    for g in hidden:  # step 2: an ordinary gradient, the same for every unit
        assert g.norm() > 1e-4 and row_spread(g) < SAME


def test_random_start_gets_different_gradients_per_unit_from_step_1():
    trainer = Trainer(scheme="normal", std=0.3, **SYMMETRY_RUN)
    trainer.step(1)
    assert all(row_spread(g) > 0.5 for g in _grads(trainer))


# -- 4: zeros ----------------------------------------------------------------------------


def test_zeros_with_sigmoid_wake_up_one_layer_per_step_from_the_top():
    trainer = Trainer(scheme="zeros", **SYMMETRY_RUN)
    nonzero = []
    for _ in range(3):
        trainer.step(1)
        nonzero.append([bool((g != 0).any()) for g in _grads(trainer)])
    # [hidden 1, hidden 2, read-out] per step
    assert nonzero == [[False, False, True], [False, True, True], [True, True, True]]


def _step_layer_1_first_moves(depth):
    trainer = Trainer(scheme="zeros", **{**SYMMETRY_RUN, "depth": depth, "steps": 10})
    for step in range(1, 11):
        trainer.step(1)
        if bool((_grads(trainer)[0] != 0).any()):
            return step
    return None


def test_zeros_wake_up_step_is_depth_plus_one():
    assert _step_layer_1_first_moves(2) == 3
    assert _step_layer_1_first_moves(4) == 5


def test_zeros_with_sigmoid_end_in_the_same_trap(zeros):
    before, result = zeros
    moved = [(w - w0).norm().item() for w0, w in zip(before, _weights(result))]
    assert all(m > 0 for m in moved)
    assert moved[0] < moved[1] / 10  # hidden 1 far less than hidden 2
    for w in _weights(result)[:-1]:
        assert row_spread(w) < SAME and numerical_rank(w) == 1
    assert result.test_accuracy < 0.2


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_zeros_with_phi_of_0_equal_0_only_move_the_readout_bias(activation):
    model = train_mlp(scheme="zeros", **{**SYMMETRY_RUN, "activation": activation}).model
    moved = {n for n, p in model.named_parameters() if bool((p != 0).any())}
    assert moved == {"4.bias"}


def test_adam_keeps_the_symmetry():
    result = train_mlp(
        scheme="constant", std=0.3, **{**SYMMETRY_RUN, "optimizer": "adam", "lr": None}
    )
    assert all(row_spread(w) < SAME for w in _weights(result)[:-1])


# -- 5: the histogram view (the blog's set-up, every weight 0.1) ------------------------


@pytest.fixture(scope="module")
def constant_trace():
    return il.run_experiment(scheme="constant", std=0.1)


def test_constant_units_agree_exactly_on_every_sample(constant_trace):
    for a in constant_trace.activations:
        assert row_spread(a.T) == 0.0
    # ... while layer 1's histogram is broad: z = c sum(x), spread c sqrt(n) = 1.
    assert constant_trace.pre_activations[0].std().item() == pytest.approx(1.0, rel=0.1)
    assert constant_trace.stats()[0]["std"] > 0.1


def test_constant_later_layers_spike_at_sigmoid_10(constant_trace):
    s10 = torch.sigmoid(torch.tensor(10.0)).item()
    for s in constant_trace.stats()[2:]:
        assert s["mean"] == pytest.approx(s10, abs=1e-4) and s["std"] < 1e-3
    # sigma'(10) = sigma(10)(1 - sigma(10)) ~ 4.5e-5, so the gradient shrinks on its way down.
    assert s10 * (1 - s10) == pytest.approx(4.5e-5, rel=0.02)
    stats = constant_trace.stats()
    assert stats[0]["grad_std"] < 1e-6 * stats[-1]["grad_std"]


def test_zeros_trace_is_one_spike_at_one_half_with_zero_gradients():
    stats = il.run_experiment(scheme="zeros").stats()
    for s in stats:
        assert s["mean"] == 0.5 and s["std"] == 0.0
    assert all(s["grad_std"] == 0.0 for s in stats[:-1])


def test_random_trace_units_differ():
    for a in il.run_experiment(scheme="normal", std=0.1).activations:
        assert row_spread(a.T) > 0.1


def test_constant_0_01_settles_at_the_fixed_point_of_sigmoid():
    # z = c n h = h for l >= 2: the layers approach h* = sigma(h*).
    h = 0.5
    for _ in range(100):
        h = 1 / (1 + math.exp(-h))
    stats = il.run_experiment(scheme="constant", std=0.01).stats()
    assert stats[-1]["mean"] == pytest.approx(h, abs=0.005)


# -- exercises ----------------------------------------------------------------------------


def test_check_adam_keeps_symmetry():
    assert check_adam_keeps_symmetry("no").text.startswith("Correct")
    assert check_adam_keeps_symmetry(" No ")
    assert check_adam_keeps_symmetry("yes").text.startswith("Not quite")
    assert "No answer yet" in repr(check_adam_keeps_symmetry(None))


def test_check_what_moves_zeros_tanh():
    assert check_what_moves_zeros_tanh(["4.bias"]).text.startswith("Correct")
    assert check_what_moves_zeros_tanh("4.bias")
    for wrong in (["4.bias", "4.weight"], [], 3, ["0.weight"]):
        v = check_what_moves_zeros_tanh(wrong)
        assert not v and v.text.startswith("Not quite")
    assert "No answer yet" in repr(check_what_moves_zeros_tanh(None))


def test_check_zeros_wake_up_step():
    assert check_zeros_wake_up_step(5).text.startswith("Correct")
    assert check_zeros_wake_up_step(5.0)
    for wrong in (1, 4, 6, "5", True):
        v = check_zeros_wake_up_step(wrong)
        assert not v and v.text.startswith("Not quite")
    assert "No answer yet" in repr(check_zeros_wake_up_step(None))
