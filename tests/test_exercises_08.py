"""Notebook 08's checks: right answers in every numeric form, wrong ones with a hint."""

import math

from checking import assert_check, numeric_forms

import initlab_utils as il
from initlab_utils import unit_gain_sigma_w2
from initlab_utils.exercises import check_sigmoid_backward_sigma_w2, check_tanh_he_layer10_std


def test_sigmoid_backward_sigma_w2():
    at1 = unit_gain_sigma_w2("sigmoid", 1.0)
    truth = at1["backward"]
    assert_check(
        check_sigmoid_backward_sigma_w2,
        right=numeric_forms(truth) + numeric_forms(round(truth, 1)),
        wrong=[
            (at1["forward"], "forward gain"),
            (math.sqrt(truth), "standard deviation"),
            (1.0, "dashed"),
            ("22", "dashed"),
        ],
    )


def test_tanh_he_layer10_std():
    truth = il.predicted_activation_std("tanh", 2.0, 0.0, 10)[-1]
    q10 = il.variance_map("tanh", 2.0, 0.0, 10)[-1]
    xavier = il.predicted_activation_std("tanh", 1.0, 0.0, 10)[-1]
    unit = 10.0 ** (math.floor(math.log10(truth)) - 1)  # the second significant digit
    assert_check(
        check_tanh_he_layer10_std,
        right=numeric_forms(truth) + numeric_forms(round(truth, 2)),
        wrong=[
            (math.sqrt(q10), "sqrt(q_10)"),
            (q10, "second moment"),
            (xavier, "sigma_w2 = 2"),
            (truth + 2 * unit, "two significant digits"),  # near, but not to 2 digits
            (1.0, "variance map"),
            ("0.56", "variance map"),
        ],
    )
