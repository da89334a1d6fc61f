"""initlab_utils.data: the digits, split, standardised and never changed by a caller."""

import torch

from initlab_utils import load_digits_data


def test_digits_shapes_dtypes_and_standardisation():
    x_tr, y_tr, x_te, y_te = load_digits_data()
    assert x_tr.shape == (1347, 64) and x_te.shape == (450, 64)
    assert x_tr.dtype == torch.float32 and y_tr.dtype == torch.int64
    assert torch.isfinite(x_tr).all() and torch.isfinite(x_te).all()
    # Standardised on the training set: mean 0, std 1, or exactly 0 for constant pixels.
    assert x_tr.mean(0).abs().max() < 1e-5
    std = x_tr.std(0, unbiased=False)
    assert torch.all(((std - 1).abs() < 1e-4) | (std == 0))
    assert (std == 0).any()  # the zero-std case really occurs in this data
    # Stratified: every class in both parts, in nearly equal proportion.
    assert torch.bincount(y_tr).min() >= 130 and torch.bincount(y_te).min() >= 40


def test_digits_cannot_be_changed_by_a_caller():
    first = load_digits_data()
    first.x_train.zero_()
    assert load_digits_data().x_train.abs().sum() > 0
