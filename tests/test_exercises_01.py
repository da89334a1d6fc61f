"""The checks of notebook 01's exercises: right answers in every form pass, typical wrong
answers get a hint that points the right way, None asks for an answer."""

from checking import assert_check, numeric_forms

import initlab_utils as il
from initlab_utils import Trainer, row_spread, train_mlp
from initlab_utils.exercises import (
    SYMMETRY_RUN,
    check_adam_keeps_symmetry,
    check_what_moves_zeros_tanh,
    check_zeros_wake_up_step,
)


def test_check_adam_keeps_symmetry():
    result = train_mlp(
        scheme="constant", std=0.3, **{**SYMMETRY_RUN, "optimizer": "adam", "lr": None}
    )
    truth = "no" if row_spread(il.hidden_linears(result.model)[0].weight) < 1e-6 else "yes"
    other = "yes" if truth == "no" else "no"
    assert_check(
        check_adam_keeps_symmetry,
        right=[truth, f" {truth.upper()} ", truth.capitalize()],
        wrong=[(other, "row_spread"), (True, '"yes" or "no"'), (0, '"yes" or "no"')],
    )


def test_check_what_moves_zeros_tanh():
    model = train_mlp(scheme="zeros", **{**SYMMETRY_RUN, "activation": "tanh"}).model
    truth = sorted(n for n, p in model.named_parameters() if bool((p != 0).any()))
    names = [n for n, _ in model.named_parameters()]
    extra = next(n for n in names if n not in truth)
    assert_check(
        check_what_moves_zeros_tanh,
        right=[truth, tuple(truth), set(truth)] + ([truth[0]] if len(truth) == 1 else []),
        wrong=[
            (truth + [extra], "(p != 0).any()"),
            ([], "(p != 0).any()"),
            (names, "(p != 0).any()"),
            (3, "list of parameter names"),
            ([1, 2], "list of parameter names"),
        ],
    )
    # The format example must not be the answer.
    assert "['0.weight', '2.bias']" in repr(check_what_moves_zeros_tanh(3))
    assert sorted(["0.weight", "2.bias"]) != truth


def _wake_up_step(depth):
    trainer = Trainer(scheme="zeros", **{**SYMMETRY_RUN, "depth": depth, "steps": 20})
    for step in range(1, 21):
        trainer.step(1)
        if bool((il.hidden_linears(trainer.model)[0].weight.grad != 0).any()):
            return step
    raise AssertionError("hidden layer 1 never moved")


def test_check_zeros_wake_up_step():
    truth = _wake_up_step(4)
    assert_check(
        check_zeros_wake_up_step,
        right=numeric_forms(truth),
        wrong=[
            (_wake_up_step(2), "this network has 4"),  # the answer for section 4's network
            (1, "which layer can move at step 2"),
            (truth + 1, "which layer can move at step 2"),
            (truth + 0.5, "whole number"),
            ("5", "whole number"),
            (True, "whole number"),
        ],
    )
