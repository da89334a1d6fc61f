"""The checks of notebook 03's exercises: right answers in every form pass, typical wrong
answers get a hint that points the right way, None asks for an answer."""

import math

from checking import assert_check, numeric_forms

import initlab_utils as il
from initlab_utils import distinct_values
from initlab_utils.exercises import (
    check_backward_gain_width400,
    check_distinct_values_exp2,
    check_std_for_unit_gain,
)
from initlab_utils.exercises.nb03 import GAIN_WIDTH


def _gain(width, std=0.01):
    gains = [g["measured"] for g in il.run_experiment(std=std, width=width).gains()]
    return math.exp(sum(math.log(g) for g in gains) / len(gains))


def test_exercise_asks_for_another_width_than_printed():
    assert GAIN_WIDTH != 100
    assert _gain(GAIN_WIDTH) > 1.5 * _gain(100)


def test_check_backward_gain_width400():
    truth = _gain(GAIN_WIDTH)
    printed = _gain(100)
    assert_check(
        check_backward_gain_width400,
        right=numeric_forms(truth) + [math.sqrt(GAIN_WIDTH) * 0.01 * 0.25],  # the prediction
        wrong=[
            (printed, "gain at width 100"),
            (1 / truth, "not how many times it shrinks"),
            (4 * truth, "sigmoid's slope"),
            (100 * truth, "not a percentage"),
            (0.5, "not a percentage"),
            (0, "number > 0"),
            ("0.05", "number > 0"),
        ],
    )
    for wrong in (printed, 1 / truth, 4 * truth, 0.5):
        assert f"{truth:.3f}" not in repr(check_backward_gain_width400(wrong))


def test_check_distinct_values_exp2():
    acts = il.run_experiment(std=0.01, backward=False).activations
    truth = distinct_values(acts[4])
    assert_check(
        check_distinct_values_exp2,
        right=numeric_forms(truth) + numeric_forms(round(truth)),
        wrong=[
            (distinct_values(acts[0]), "index 4 is layer 5"),
            (1000, "index 4 is layer 5"),
            (10 * truth, "index 4 is layer 5"),
            ("2", "one number"),
        ],
    )


def _unit_gain_std():
    """A std whose measured gain is in [0.8, 1.25], found by bisection on log(gain)."""
    lo, hi = 0.4, 5.0
    for _ in range(30):
        mid = math.sqrt(lo * hi)
        g = _gain(100, std=mid)
        if 0.8 <= g <= 1.25:
            return mid
        lo, hi = (mid, hi) if g < 0.8 else (lo, mid)
    raise AssertionError("no std with a unit gain")


def test_check_std_for_unit_gain():
    std = _unit_gain_std()
    assert _gain(100, std=0.4) < 0.8  # the formula's first guess, 4 x Xavier, is too small
    assert_check(
        check_std_for_unit_gain,
        right=numeric_forms(std),
        wrong=[
            (0.4, "raise std"),
            (0.01, "raise std"),
            (50.0, "lower std"),
            (-1.0, "number > 0"),
            (0, "number > 0"),
            (float("nan"), "number > 0"),
            ("1", "number > 0"),
            (True, "number > 0"),
        ],
    )
