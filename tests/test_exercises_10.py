"""Notebook 10's checks: right answers pass in every numeric form, wrong ones get a hint
that points the right way without giving the answer away."""

import math

from checking import assert_check, numeric_forms

from initlab_utils import Recorder, Trainer
from initlab_utils.exercises import (
    check_adam_first_ratio,
    check_first_step_ratio,
    check_lowest_ratio_layer,
)


def first_step_ratio_by_hand() -> float:
    """What the notebook asks for, computed as a student would."""
    trainer = Trainer(activation="relu", scheme="he_normal", depth=30)
    w = trainer.model[0].weight.detach().clone()
    trainer.step(1)
    g = trainer.model[0].weight.grad
    return math.log10(0.02 * g.std().item() / w.std().item())


def test_first_step_ratio():
    truth = first_step_ratio_by_hand()
    assert_check(
        check_first_step_ratio,
        right=[*numeric_forms(round(truth, 3)), round(truth, 2)],
        wrong=[
            (truth * math.log(10), "log10"),
            (truth - math.log10(0.02), "learning rate"),
            (10**truth, "take its log10"),
            (truth + 0.5, "clone layer 1's weights"),
        ],
    )


def test_lowest_ratio_layer():
    assert_check(
        check_lowest_ratio_layer,
        right=numeric_forms(1),
        wrong=[(5, "arrive smallest"), (3, "arrive smallest"), (0, "from 1 to 5"),
               ("first", "from 1 to 5")],
    )  # fmt: skip
    assert "layer 1" not in repr(check_lowest_ratio_layer(5))


def test_adam_first_ratio():
    predicted = math.log10(1e-3 / math.sqrt(2 / (64 + 100)))  # from lr and std(W) alone
    measured = Recorder(Trainer(activation="relu", scheme="xavier_normal", depth=30,
                                optimizer="adam", steps=1)).step(1).ratios[0][0]  # fmt: skip
    assert_check(
        check_adam_first_ratio,
        right=[*numeric_forms(round(measured, 2)), round(predicted, 2)],
        wrong=[(-7.5, "plain SGD's ratio"), (-3.0, "moves every weight by about lr")],
    )
