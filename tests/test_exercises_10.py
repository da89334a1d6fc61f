"""Notebook 10's checks: right answers pass in every numeric form (a number in a string
too), wrong ones get a hint that names the mistake without giving the answer away, and
every verdict reads in Korean after il.set_language("ko")."""

import math
import re

import numpy as np
import pytest
from checking import assert_check, numeric_forms

import initlab_utils as il
from initlab_utils import Recorder, Trainer
from initlab_utils.exercises import (
    check_adam_first_ratio,
    check_first_step_ratio,
    check_lowest_ratio_layer,
)

HANGUL = re.compile("[\uac00-\ud7a3]")


def first_step_ratio_by_hand() -> float:
    """Exercise 1, computed as a student would."""
    trainer = Trainer(activation="relu", scheme="he_normal", depth=30)
    w = trainer.model[0].weight.detach().clone()
    trainer.step(1)
    g = trainer.model[0].weight.grad
    return math.log10(0.02 * g.std().item() / w.std().item())


def adam_first_ratio_by_hand() -> tuple[float, float]:
    """Exercise 3, as a student would do it: the prediction, then the measured ratio."""
    predicted = math.log10(1e-3 / math.sqrt(2 / (64 + 100)))  # from lr and std(W) alone
    trainer = Trainer(activation="relu", scheme="xavier_normal", depth=30, optimizer="adam")
    w = trainer.model[0].weight.detach().clone()
    trainer.step(1)
    moved = trainer.model[0].weight.detach() - w
    return predicted, math.log10(moved.std().item() / w.std().item())


def test_first_step_ratio():
    truth = first_step_ratio_by_hand()
    assert abs(truth - -3.019) < 0.001  # near the rule of thumb, but not it
    assert_check(
        check_first_step_ratio,
        right=[*numeric_forms(round(truth, 3)), round(truth, 2), truth, f"{truth:.3f}"],
        wrong=[
            (-3.0, "rule of thumb"),
            (-3, "rule of thumb"),
            (np.float64(-3.0), "rule of thumb"),
            ("-3", "rule of thumb"),
            (round(truth, 2) + 0.01, "three decimals"),  # -3.01: truncated, not rounded
            (truth * math.log(10), "log10"),
            (truth - math.log10(0.02), "learning rate"),
            (10**truth, "take its log10"),
            (truth + 0.5, "clone layer 1's weights"),
            ("minus three", "enter one number"),
            ([truth], "enter one number"),
            (float("nan"), "enter one number"),
        ],
    )


def test_lowest_ratio_layer():
    assert_check(
        check_lowest_ratio_layer,
        right=[*numeric_forms(1), "1"],
        wrong=[(5, "arrive smallest"), (3, "arrive smallest"), (0, "from 1 to 5"),
               (6, "from 1 to 5"), (1.5, "from 1 to 5"), ("first", "from 1 to 5")],
    )  # fmt: skip
    assert "layer 1" not in repr(check_lowest_ratio_layer(5))


def test_adam_first_ratio():
    predicted, measured = adam_first_ratio_by_hand()
    assert abs(measured - -2.12) < 0.005 and abs(predicted - -2.04) < 0.005
    # seed 0's median over steps 1-10 (the lowest of the table's)
    adam_10 = Trainer(
        activation="relu", scheme="xavier_normal", depth=30, optimizer="adam", steps=10
    )
    ten_steps = Recorder(adam_10, at=(0,)).run().typical_ratio(1, 10)[0]
    assert_check(
        check_adam_first_ratio,
        right=[*numeric_forms(round(measured, 2)), measured, "-2.12", -2.115, -2.125],
        wrong=[
            (round(predicted, 2), "is the prediction"),  # the formula alone: -2.04
            (predicted, "is the prediction"),
            ("-2.04", "is the prediction"),
            (-2.15, "then measure"),  # two decimals, not within half a unit of -2.12
            (-2.09, "then measure"),  # between the two, not the prediction
            (-2.0, "then measure"),
            (measured * math.log(10), "natural log"),  # -4.88
            (-4.88, "natural log"),
            (-2.3, "first step alone"),  # the table's median over seeds of steps 1-10
            (round(ten_steps, 2), "first step alone"),
            (-7.5, "plain SGD's ratio"),
            (-1.0, "then measure"),
            ("a lot", "enter one number"),
        ],
    )
    verdict = repr(check_adam_first_ratio(round(measured, 2)))
    # The correct verdict says what the gap is: the blank pixels make a small part, eps the rest.
    zeros, eps = (float(v) for v in re.findall(r"(\d\.\d{3})", verdict)[1:3])
    assert zeros < 0.02 and eps > 2 * zeros and "eps" in verdict and "4 pixels" in verdict
    for near in (-2.09, -2.0, -2.15):  # only answers within 0.01 of -2.04 are the prediction
        assert "prediction log10" not in repr(check_adam_first_ratio(near))


@pytest.mark.parametrize(
    "check, answer",
    [
        (check_first_step_ratio, -3.019),
        (check_first_step_ratio, -3.0),
        (check_first_step_ratio, "minus three"),
        (check_first_step_ratio, -3.01),
        (check_first_step_ratio, -6.95),
        (check_first_step_ratio, -1.32),
        (check_first_step_ratio, 9.6e-4),
        (check_first_step_ratio, -2.5),
        (check_first_step_ratio, None),
        (check_lowest_ratio_layer, 1),
        (check_lowest_ratio_layer, 5),
        (check_lowest_ratio_layer, "first"),
        (check_adam_first_ratio, -2.12),
        (check_adam_first_ratio, -2.04),
        (check_adam_first_ratio, -2.09),
        (check_adam_first_ratio, -2.15),
        (check_adam_first_ratio, -4.88),
        (check_adam_first_ratio, -2.3),
        (check_adam_first_ratio, -7.5),
        (check_adam_first_ratio, -1.0),
        (check_adam_first_ratio, "a lot"),
    ],
)
def test_every_verdict_reads_in_korean(korean, check, answer):
    said = repr(check(answer))
    assert HANGUL.search(said), said
    assert il.language() == "ko"


def test_english_again_after_korean():
    assert not HANGUL.search(repr(check_first_step_ratio(-3.0)))
