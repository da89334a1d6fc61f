"""The checks of notebook 04's exercises: right answers in every form pass, typical wrong
answers get a hint that points the right way, None asks for an answer."""

import math

import torch
from checking import assert_check, numeric_forms

import initlab_utils as il
from initlab_utils.exercises import (
    check_tanh_unit_variance_gain,
    check_xavier_sigmoid_thousandfold,
    check_xavier_std,
)
from initlab_utils.exercises.nb04 import THOUSANDFOLD, THOUSANDFOLD_DEPTH


def test_check_xavier_std():
    n_in, n_out = 100, 300
    w = il.init_weights(il.build_mlp(1, n_out, "linear", in_features=n_in), "xavier_normal")
    truth = w[0].weight.std().item()
    assert_check(
        check_xavier_std,
        right=numeric_forms(truth) + [math.sqrt(2 / (n_in + n_out))],  # derived or measured
        wrong=[
            (2 / (n_in + n_out), "that is a variance"),
            (1 / math.sqrt(n_in), "counts the fan-out too"),
            (1 / math.sqrt(n_out), "counts both fans"),
            (0.2, "n_in and n_out"),
            (-0.07, "number > 0"),
            ("0.07", "number > 0"),
        ],
    )
    for wrong in (2 / (n_in + n_out), 1 / math.sqrt(n_in), 0.2):
        assert f"{truth:.3f}" not in repr(check_xavier_std(wrong))


def _steps_back():
    s = il.run_experiment(scheme="xavier_normal", depth=THOUSANDFOLD_DEPTH).stats()
    ratios = [x["grad_std"] / s[-1]["grad_std"] for x in reversed(s)]
    return next(k for k, r in enumerate(ratios) if r < THOUSANDFOLD)


def test_check_xavier_sigmoid_thousandfold():
    truth = _steps_back()
    # The prediction from section 3's gain (depth 5) agrees with the deep network.
    gains = [g["measured"] for g in il.run_experiment(scheme="xavier_normal").gains()]
    g = sum(gains) / len(gains)
    assert math.ceil(math.log(THOUSANDFOLD) / math.log(g)) == truth
    assert_check(
        check_xavier_sigmoid_thousandfold,
        right=numeric_forms(truth),
        wrong=[
            (THOUSANDFOLD_DEPTH - truth, "count the steps back"),
            (truth - 1, "g^k < 1/1000"),
            (truth + 1, "g^k < 1/1000"),
            (math.log(THOUSANDFOLD) / math.log(g), "whole number"),
            ("5", "whole number"),
        ],
    )
    for wrong in (THOUSANDFOLD_DEPTH - truth, truth - 1, truth + 1):
        assert f"{truth} layers" not in repr(check_xavier_sigmoid_thousandfold(wrong))


def test_check_tanh_unit_variance_gain():
    z = torch.randn(1_000_000, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    truth = 1 / torch.tanh(z).pow(2).mean().sqrt().item()
    assert_check(
        check_tanh_unit_variance_gain,
        right=numeric_forms(truth) + [round(truth, 2)],
        wrong=[
            (5 / 3, "PyTorch's rounder"),
            (1.0, "E[tanh(z)^2]"),
            (1 / truth, "E[tanh(z)^2]"),
            ("1.59", "one number"),
        ],
    )
