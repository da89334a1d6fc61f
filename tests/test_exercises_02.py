"""The checks of notebook 02's exercises: right answers in every form pass, typical wrong
answers get a hint that points the right way, None asks for an answer."""

from checking import assert_check, numeric_forms

import initlab_utils as il
from initlab_utils.exercises import (
    check_gradient_ratio_std2,
    check_more_saturated_with_larger_std,
    check_saturation_width400,
)
from initlab_utils.exercises.nb02 import GRADIENT_RATIO_STD, SATURATION_WIDTH


def _layer1_saturation(width):
    return il.run_experiment(width=width, backward=False).stats()[0]["frac_saturated"]


def _gradient_ratio(std):
    s = il.run_experiment(std=std).stats()
    return s[0]["grad_std"] / s[-1]["grad_std"]


def test_exercise_asks_for_another_width_than_printed():
    assert SATURATION_WIDTH != 100
    assert abs(_layer1_saturation(SATURATION_WIDTH) - _layer1_saturation(100)) > 0.1


def test_check_saturation_width400():
    truth = _layer1_saturation(SATURATION_WIDTH)
    printed = _layer1_saturation(100)
    assert_check(
        check_saturation_width400,
        right=numeric_forms(truth) + [round(truth, 2)],
        wrong=[
            (printed, "width 100, printed in section 1"),
            (100 * truth, "not a percentage"),
            (truth / 2, "P(|z| > ln 99)"),
            (0.5, "P(|z| > ln 99)"),
            ("0.8", "one number"),
            (True, "one number"),
            ([truth], "one number"),
        ],
    )
    # No hint gives the number away.
    for wrong in (printed, 100 * truth, 0.5):
        assert f"{truth:.2f}" not in repr(check_saturation_width400(wrong))


def test_exercise_asks_for_other_weights_than_printed():
    assert GRADIENT_RATIO_STD != 1.0
    assert abs(_gradient_ratio(GRADIENT_RATIO_STD) / _gradient_ratio(1.0) - 1) > 0.5


def test_check_gradient_ratio_std2():
    truth = _gradient_ratio(GRADIENT_RATIO_STD)
    weights_only = (10 * GRADIENT_RATIO_STD) ** 4
    assert_check(
        check_gradient_ratio_std2,
        right=numeric_forms(truth) + [round(truth, 1)],
        wrong=[
            (_gradient_ratio(1.0), "ratio at std 1"),
            (weights_only, "rms(sigmoid') falls"),
            (weights_only / 4**4, "rms(sigmoid') falls"),
            (1 / truth, "layer 1 over layer 5"),
            (-truth, "number > 0"),
            ("4", "number > 0"),
        ],
    )
    for wrong in (_gradient_ratio(1.0), weights_only, 1 / truth):
        assert f"{truth:.2f}" not in repr(check_gradient_ratio_std2(wrong))


def test_check_more_saturated_with_larger_std():
    s1 = il.run_experiment(std=1.0, backward=False).stats()[0]["frac_saturated"]
    s3 = il.run_experiment(std=3.0, backward=False).stats()[0]["frac_saturated"]
    truth = "more" if s3 > s1 else "less"
    other = "less" if truth == "more" else "more"
    assert_check(
        check_more_saturated_with_larger_std,
        right=[truth, f" {truth.upper()} "],
        wrong=[(other, "grows larger"), (1, '"more" or "less"'), ("yes", '"more" or "less"')],
    )
