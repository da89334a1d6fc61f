"""How different are a layer's units, and how much do they depend on the input?

Two ways a layer can lose its representational power, each with a measure:

- its units are copies of one another (all-equal initial weights, notebook 01): the rows
  of a weight matrix, or the columns of an activation matrix, are identical, and the
  matrix has rank 1 (`row_spread`, `numerical_rank`); such a network is one with a
  single unit per hidden layer (`one_unit_network`);
- its units barely react to the input (tiny weights, notebook 03): each unit gives
  nearly the same value for every sample (`input_variance_share`, `distinct_values`).

Activation matrices are samples x units (a Trace's activations); weight matrices are
units x inputs (nn.Linear.weight), so in both a unit is a column or a row as PyTorch
stores it.
"""

from __future__ import annotations

import torch
from torch import nn

from .activations import activation_of, hidden_linears, linears, readout
from .checks import check_positive
from .models import build_mlp


def _matrix(m: torch.Tensor) -> torch.Tensor:
    m = torch.as_tensor(m).detach()
    if m.ndim != 2:
        raise ValueError(f"expected a 2-d matrix, got a tensor of shape {tuple(m.shape)}")
    if not bool(torch.isfinite(m).all()):
        raise ValueError("the matrix has non-finite values (inf or NaN); nothing to measure")
    # float64, so that the measures themselves add no rounding to float32 data.
    return m.double()


def singular_values(m: torch.Tensor) -> torch.Tensor:
    """The singular values of `m`, largest first, in float64."""
    return torch.linalg.svdvals(_matrix(m))


def numerical_rank(m: torch.Tensor, rtol: float = 1e-4) -> int:
    """How many independent directions `m` really has: singular values above rtol x the largest.

    A direction 10^4 times weaker than the strongest one is noise-sized next to it, so
    the default rtol counts it as absent. Float32 rounding alone leaves ratios near
    1e-7, so identical rows give rank 1, not min(shape). An all-zero matrix has rank 0.
    """
    s = singular_values(m)
    rtol = check_positive("rtol", rtol)
    if s.numel() == 0 or s[0] == 0:
        return 0
    return int((s > rtol * s[0]).sum())


def row_spread(m: torch.Tensor) -> float:
    """How far the rows of `m` are from being identical, relative to the matrix's size.

    The largest |m_ij - mean_i(m_ij)| divided by the largest |m_ij|: 0.0 when every row
    is the same (or `m` is all zero), of order 1 for a random matrix. Pass a weight
    matrix for its units' incoming weights, or `activations.T` for its units' outputs.
    """
    m = _matrix(m)
    biggest = m.abs().max()
    if m.numel() == 0 or biggest == 0:
        return 0.0
    return ((m - m.mean(dim=0)).abs().max() / biggest).item()


def input_variance_share(a: torch.Tensor) -> float:
    """The share of an activation matrix's variance that changes with the input.

    The law of total variance splits the spread of all the values a_ij (sample i, unit
    j) in two: how much each unit varies across samples (it depends on the input) plus
    how much the units' means differ (fixed offsets, the same for every input). This
    returns the first part over the total: near 1, the histogram's spread is
    information about the input; near 0, it is only units sitting at different
    constant values. NaN if all values are equal.
    """
    a = _matrix(a)
    within = a.var(dim=0, correction=0).mean()
    total = a.var(correction=0)
    return (within / total).item() if total > 0 else float("nan")


def distinct_values(a: torch.Tensor) -> float:
    """How many different values a unit takes over the samples, averaged over units.

    With 1000 samples a unit that responds to its input takes ~1000 values. A unit whose
    response is below float32's resolution (about 6e-8 near 0.5) takes only a few: the
    information is not just small, it has been rounded away.
    """
    a = torch.as_tensor(a).detach()
    if a.ndim != 2:
        raise ValueError(f"expected a 2-d matrix, got a tensor of shape {tuple(a.shape)}")
    if a.shape[1] == 0:
        return 0.0
    sorted_a = a.sort(dim=0).values
    # Per unit: 1 + the number of places where the sorted column steps up.
    steps = (sorted_a[1:] != sorted_a[:-1]).sum(dim=0) + 1
    return steps.double().mean().item()


def one_unit_network(model: nn.Sequential, tol: float = 1e-4) -> nn.Sequential:
    """The network with ONE unit per hidden layer that computes what `model` computes,
    for a `model` (build_mlp with a read-out) whose hidden units are copies.

    Unit 1 of hidden layer 1 keeps its row of weights. Every later layer receives n
    equal inputs through n weights: one input through their sum. Raises a ValueError
    if a hidden layer's rows or biases differ by more than `tol` (relative; 1e-4, as in
    `numerical_rank`, lets rounding-sized differences count as copies).
    """
    hidden, out = hidden_linears(model), readout(model)
    if not hidden:
        raise ValueError("the model has no hidden layer to collapse")
    if out is None:
        raise ValueError("the model has no read-out: build it with build_mlp(out_features=...)")
    for i, layer in enumerate(hidden, start=1):
        parts = [layer.weight] + ([] if layer.bias is None else [layer.bias[:, None]])
        spread = max(row_spread(p) for p in parts)
        if spread > tol:
            raise ValueError(
                f"hidden layer {i}'s units are not copies (row spread {spread:.1e}); "
                "only a network of identical units collapses to one unit per layer"
            )
    small = build_mlp(
        len(hidden),
        1,
        activation_of(model),
        in_features=hidden[0].in_features,
        out_features=out.out_features,
        bias=out.bias is not None,
    )
    # Every weight and bias of `small` is set here: this is its initialisation.
    with torch.no_grad():
        for i, (big, one) in enumerate(zip(hidden + [out], linears(small))):
            w = big.weight if big is out else big.weight[:1]
            one.weight.copy_(w if i == 0 else w.sum(dim=1, keepdim=True))
            if big.bias is not None:
                one.bias.copy_(big.bias if big is out else big.bias[:1])
    return small
