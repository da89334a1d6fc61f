"""Notebook 05's checks: right answers in every numeric form, wrong ones with a hint."""

import math

from checking import assert_check, numeric_forms
from torch.nn.init import calculate_gain

import initlab_utils as il
from initlab_utils.exercises import (
    check_he_over_xavier_depth30,
    check_leaky_relu_gain,
    check_relu_second_moment_ratio,
)


def test_relu_second_moment_ratio():
    trace = il.run_experiment(activation="relu", scheme="he_normal", backward=False)
    truth = (trace.activations[0].pow(2).mean() / trace.pre_activations[0].var()).item()
    assert_check(
        check_relu_second_moment_ratio,
        right=numeric_forms(truth),
        wrong=[(1.0, "which half"), (2.0, "which half"), ("half", "which half")],
    )


def test_he_over_xavier_depth30():
    truth = 2**15  # sqrt(2)^30; the check measures it and must agree within 2%
    assert_check(
        check_he_over_xavier_depth30,
        right=numeric_forms(truth),
        wrong=[(2**30, "square root"), (2**15 / math.sqrt(2), "count the layers"),
               (2.0, "relu(c z)")],
    )  # fmt: skip


def test_leaky_relu_gain():
    assert_check(
        check_leaky_relu_gain,
        right=numeric_forms(calculate_gain("leaky_relu", 0.2)),
        wrong=[(math.sqrt(2), "slope"), (1.0, "slope")],
    )
