"""Notebook 06's checks: right answers in every numeric form, wrong ones with a hint."""

from checking import assert_check, numeric_forms

from initlab_utils.exercises import (
    check_linear_vanishing_depth,
    check_selu_scheme,
    check_tanh_steady_std,
)


def test_tanh_steady_std():
    assert_check(
        check_tanh_steady_std,
        right=numeric_forms(0.17),
        wrong=[(0.1, "a little above 1"), (5.0, "pinned"), (-1, "between 0 and 10"),
               ("0.17", "number")],
    )  # fmt: skip


def test_selu_scheme():
    assert_check(
        check_selu_scheme,
        right=["lecun_normal"],
        wrong=[("he_normal", "std"), ("lecun", "choose one of")],
    )


def test_linear_vanishing_depth():
    # Every numeric form of 10, and 10.0 and np.int64(10), which a student may well type.
    assert_check(
        check_linear_vanishing_depth,
        right=numeric_forms(10),
        wrong=[(3, "sqrt(n) * std"), (10.5, "whole layer number"), ("ten", "whole layer")],
    )
