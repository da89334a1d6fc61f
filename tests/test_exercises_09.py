"""Notebook 09's checks: right answers in every numeric form, wrong ones with a hint."""

import math

import torch
from checking import assert_check, numeric_forms

import initlab_utils as il
from initlab_utils.exercises import (
    check_pytorch_default_sigma_w2,
    check_tanh_edge_of_chaos,
    check_trainable_depth_point_c,
)

POINT_C = (3.0, 0.05)


def test_tanh_edge_of_chaos_to_three_significant_digits():
    truth = il.critical_sigma_w2("tanh", 0.05)
    assert_check(
        check_tanh_edge_of_chaos,
        right=numeric_forms(truth) + numeric_forms(round(truth, 2)),
        wrong=[
            (round(truth, 2) + 0.01, "three significant digits"),  # within 3%, not 3 digits
            (round(truth, 2) - 0.01, "move right"),
            (truth * 1.02, "move left"),
            (1.5, "move right"),
            (2.5, "move left"),
            (-1.0, "phase widget"),
            ("1.76", "phase widget"),
        ],
    )


def test_trainable_depth_at_point_c_uses_the_correlation_depth_scale():
    xi_c = il.correlation_depth_scale("tanh", *POINT_C)
    xi = il.depth_scale("tanh", *POINT_C)
    truth = 6 * xi_c
    assert_check(
        check_trainable_depth_point_c,
        right=numeric_forms(truth) + numeric_forms(round(truth)),
        wrong=[
            (6 * xi, "gradients' depth scale"),
            (round(6 * xi), "gradients' depth scale"),
            (xi_c, "about 6 of them"),
            (round(truth) + 2, "multiply by 6"),
        ],
    )


def test_pytorch_default_sigma_w2():
    with torch.random.fork_rng():
        torch.manual_seed(0)
        var = torch.nn.Linear(1000, 1000).weight.var().item()
    truth = 1000 * var
    assert_check(
        check_pytorch_default_sigma_w2,
        right=numeric_forms(truth) + numeric_forms(1 / 3),
        wrong=[
            (var, "multiplies it by n_in"),
            (math.sqrt(truth), "its square"),
            (1.0, "1000 * layer.weight.var()"),
            ("1/3", "1000 * layer.weight.var()"),
        ],
    )
