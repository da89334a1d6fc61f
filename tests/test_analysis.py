"""initlab_utils.analysis: each measure on matrices whose answer is known by construction."""

import math

import pytest
import torch

from initlab_utils import (
    distinct_values,
    input_variance_share,
    numerical_rank,
    row_spread,
    singular_values,
)


def _randn(*shape, seed=0):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def test_singular_values_match_torch_and_are_sorted():
    m = _randn(30, 20)
    s = singular_values(m)
    assert s.dtype == torch.float64
    assert torch.allclose(s, torch.linalg.svdvals(m.double()))
    assert bool((s[:-1] >= s[1:]).all())


def test_numerical_rank_of_known_matrices():
    u, v = _randn(40, 1, seed=1), _randn(1, 25, seed=2)
    assert numerical_rank(u @ v) == 1  # an outer product: every row a multiple of v
    assert numerical_rank(torch.zeros(5, 7)) == 0
    assert numerical_rank(torch.eye(12)) == 12
    assert numerical_rank(_randn(50, 30)) == 30
    # Two directions, the second 10^-6 of the first: noise-sized at the default rtol.
    m = torch.diag(torch.tensor([1.0, 1e-6, 0.0]))
    assert numerical_rank(m) == 1 and numerical_rank(m, rtol=1e-8) == 2


def test_identical_float32_rows_stay_rank_one():
    # Rounding leaves s2/s1 near 1e-7, well under the default rtol.
    row = _randn(1, 64)
    m = row.repeat(32, 1) * (1 + 1e-7 * _randn(32, 1, seed=3))
    assert numerical_rank(m) == 1


def test_row_spread():
    row = _randn(1, 10)
    assert row_spread(row.repeat(6, 1)) == 0.0
    assert row_spread(torch.zeros(4, 4)) == 0.0
    assert 0.3 < row_spread(_randn(20, 10)) <= 2.0
    # One row off by 0.5 in one entry of a matrix of ones: mean row moves by 0.5 / 4.
    m = torch.ones(4, 3)
    m[0, 0] = 1.5
    assert row_spread(m) == pytest.approx((0.5 - 0.5 / 4) / 1.5)


def test_input_variance_share_splits_the_total_variance():
    offsets = _randn(1, 50)  # a fixed value per unit, the same for every sample
    per_sample = _randn(200, 1, seed=4)  # the same value for every unit of a sample
    assert input_variance_share(offsets.repeat(200, 1)) == pytest.approx(0.0, abs=1e-12)
    assert input_variance_share(per_sample.repeat(1, 50)) == pytest.approx(1.0)
    a = (offsets + _randn(200, 50, seed=5)).double()
    within = a.var(dim=0, correction=0).mean()
    between = a.mean(dim=0).var(correction=0)
    # Law of total variance: total = mean within-unit variance + variance of the unit means.
    assert input_variance_share(a) == pytest.approx((within / (within + between)).item())
    assert math.isnan(input_variance_share(torch.full((3, 3), 0.5)))


def test_distinct_values():
    a = torch.tensor([[0.0, 1.0], [0.0, 2.0], [0.0, 3.0], [0.0, 2.0]])
    assert distinct_values(a) == pytest.approx((1 + 3) / 2)
    assert distinct_values(_randn(100, 5)) == 100


@pytest.mark.parametrize("fn", [numerical_rank, row_spread, input_variance_share])
def test_errors_speak_to_a_student(fn):
    with pytest.raises(ValueError, match="2-d"):
        fn(torch.zeros(3))
    with pytest.raises(ValueError, match="non-finite"):
        fn(torch.tensor([[1.0, float("inf")]]))
