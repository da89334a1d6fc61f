"""The digits data set: 1797 8x8 images of 10 classes, split and standardised once."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import torch

from .checks import check_int

N_FEATURES = 64  # 8x8 grey-level images
N_CLASSES = 10
# Guessing uniformly over 10 classes gives cross-entropy ln(10) ~ 2.303: a network whose
# loss stays here has learnt nothing.
CHANCE_LOSS = math.log(N_CLASSES)

TEST_FRACTION = 0.25
SPLIT_SEED = 0


class Digits(NamedTuple):
    """The digits data, standardised with the training set's mean and std."""

    x_train: torch.Tensor  # float32, (1347, 64)
    y_train: torch.Tensor  # int64, (1347,)
    x_test: torch.Tensor  # float32, (450, 64)
    y_test: torch.Tensor  # int64, (450,)


@lru_cache(maxsize=4)
def _digits(split_seed: int) -> Digits:
    # Imported here so that importing the package does not pay for scikit-learn.
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    x, y = load_digits(return_X_y=True)  # ships with scikit-learn: no download
    x_tr, x_te, y_tr, y_te = train_test_split(
        x, y, test_size=TEST_FRACTION, stratify=y, random_state=split_seed
    )
    mean, std = x_tr.mean(axis=0), x_tr.std(axis=0)
    # Some border pixels are 0 in every training image; dividing by 1 keeps them at 0
    # instead of 0/0 = NaN.
    std[std == 0] = 1.0
    return Digits(
        torch.from_numpy(((x_tr - mean) / std).astype(np.float32)),
        torch.from_numpy(y_tr.astype(np.int64)),
        torch.from_numpy(((x_te - mean) / std).astype(np.float32)),
        torch.from_numpy(y_te.astype(np.int64)),
    )


def load_digits_data(split_seed: int = SPLIT_SEED) -> Digits:
    """1797 8x8 digits, a stratified 75/25 train/test split, features standardised.

    The split is cached; each call returns fresh copies, so editing them in place
    cannot change what the next call (or train_mlp) sees.
    """
    return Digits(*(t.clone() for t in _digits(check_int("split_seed", split_seed, low=0))))
