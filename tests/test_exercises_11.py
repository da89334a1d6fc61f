"""Notebook 11's checks: right answers pass, wrong ones get a hint that does not give the
answer away."""

import math

from checking import assert_check, numeric_forms

from initlab_utils.exercises import (
    check_prenorm_depth_for_std,
    check_prenorm_variance_step,
    check_rescaled_step,
)


def test_prenorm_variance_step():
    assert_check(
        check_prenorm_variance_step,
        right=numeric_forms(1 - 1 / math.pi) + [0.682],
        wrong=[(1.0, "variance"), (2.0, "second moment"), ("0.68", "variance")],
    )


def test_prenorm_depth_for_std():
    # v = 1 + l (1 - 1/pi) reaches 100 at l = 99 / 0.6817 = 145.2, so block 146.
    assert_check(
        check_prenorm_depth_for_std,
        right=numeric_forms(146) + [145, 147],
        wrong=[(10, "variance, not the std"), (14, "whole number"), (2.5, "whole number")],
    )


def test_rescaled_step():
    assert_check(
        check_rescaled_step,
        right=numeric_forms(0.01),
        wrong=[(1.0, "gradient does"), (0.1, "divide by |W|"), (100, "gradient")],
    )
