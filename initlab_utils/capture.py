"""Run a model once and keep every layer's activations and gradients: the Trace."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, reduce

import torch
from torch import nn

from .activations import (
    ACTIVATION_TYPES,
    ACTIVATIONS,
    activation_of,
    derivative,
    hidden_linears,
    linears,
)
from .threads import single_threaded

# The backward pass needs a loss. We use a random linear read-out, L = sum(r * h_L) with
# r ~ N(0, 1) drawn from this fixed seed, so dL/dh_L = r has unit variance and every
# earlier layer's gradient scale is exactly the product of the backward gains above it.
READOUT_SEED = 1234

# A bounded activation counts as saturated within this fraction of its range of a bound
# (sigmoid: below 0.01 or above 0.99, where sigmoid' < 0.01).
SATURATION_MARGIN = 0.01

# The keys of Trace.stats(), in the order every layer's dict lists them.
STAT_ORDER = tuple(
    "layer finite mean std frac_saturated frac_dead unit_std grad_finite grad_std".split()
)


@dataclass
class Trace:
    """Every hidden layer's values from one forward (and backward) pass; layer 1 first."""

    activation: str
    pre_activations: list[torch.Tensor]
    activations: list[torch.Tensor]
    gradients: list[torch.Tensor] | None = None
    weight_stds: list[float] = field(default_factory=list)
    inputs: torch.Tensor | None = None  # h_0 = x, what layer 1 was fed
    _stats: dict[int, dict] = field(default_factory=dict, repr=False)

    @property
    def depth(self) -> int:
        return len(self.activations)

    def gains(self) -> list[dict]:
        """Per layer l >= 2: how much the gradient's spread changes on the way from h_l
        back to h_(l-1), measured and predicted.

        Going back one layer, g_(l-1) = W_l^T (phi'(z_l) * g_l): a sum of n random terms,
        so its spread is about sqrt(n) * std(W_l) * rms(phi'(z_l)) times that of g_l.
        """
        if self.gradients is None:
            raise ValueError("gains() needs gradients: capture with backward=True")
        out = []
        for i in range(1, self.depth):
            n = self.activations[i].shape[1]
            rms_dphi = derivative(self.activation, self.pre_activations[i]).pow(2).mean().sqrt()
            out.append(
                {
                    "layer": i + 1,
                    "rms_dphi": rms_dphi.item(),
                    "predicted": (n**0.5 * self.weight_stds[i] * rms_dphi).item(),
                    "measured": (
                        self.gradients[i - 1].std(correction=0)
                        / self.gradients[i].std(correction=0)
                    ).item(),
                }
            )
        return out

    def saturated_per_unit(self, i: int) -> torch.Tensor:
        """For each unit of layer i (0-based): the fraction of the samples on which its
        output is saturated, as `frac_saturated` counts it; all 0 for an unbounded
        activation. Their mean over the units is the layer's `frac_saturated`."""
        a = self.activations[i]
        near = _near_bounds(a, self.activation)
        return torch.zeros(a.shape[1]) if near is None else near.float().mean(dim=0)

    def weight_gradient(self, i: int) -> torch.Tensor:
        """dL/dW of layer i (0-based), the gradient SGD steps along: h_(l-1)^T delta_l
        with delta_l = phi'(z_l) * dL/dh_l, summed over the samples. Shape (inputs,
        units), so column j is unit j's incoming weights (nn.Linear.weight.grad is its
        transpose)."""
        if self.gradients is None:
            raise ValueError("weight_gradient() needs gradients: capture with backward=True")
        below = self.inputs if i == 0 else self.activations[i - 1]
        if below is None:
            raise ValueError("this trace kept no input x, so layer 1 has no weight gradient")
        delta = derivative(self.activation, self.pre_activations[i]) * self.gradients[i].double()
        return (below.double().T @ delta).float()

    def stats(self) -> list[dict]:
        """One dict per layer: mean, std, frac_saturated, frac_dead, unit_std, finite, ...

        `unit_std` is how much a unit's output varies across samples, averaged over
        units: near 0 means every sample gets the same value (no information carried).
        `grad_std` is present when gradients were captured. Non-finite layers report
        `finite=False` and NaN statistics instead of raising.
        """
        return [self.layer_stats(i) for i in range(self.depth)]

    def layer_stats(self, i: int, *, per_unit: bool = True) -> dict:
        """stats() of one layer (0-based index), computed once and cached.

        `per_unit=False` may leave out `unit_std`, a pass down every column: a slider move
        needs only what the panels' labels show; the stats table asks for the rest.
        """
        s = self._stats.get(i)
        if s is None:
            s = self._stats[i] = self._compute_stats(i)
        if per_unit and "unit_std" not in s:
            s = {**s, "unit_std": self._unit_std(i) if s["finite"] else float("nan")}
            s = self._stats[i] = {k: s[k] for k in STAT_ORDER if k in s}
        return s

    def _compute_stats(self, i: int) -> dict:
        # This runs on every slider move, for every shown layer: one pass over the values
        # per statistic where possible, and counts rather than means of float masks.
        a = self.activations[i]
        mean = a.mean()
        out = {"layer": i + 1, "finite": _all_finite(a, mean)}
        if out["finite"]:
            n = a.numel()
            near = _near_bounds(a, self.activation)
            saturated = 0.0 if near is None else _fraction(torch.count_nonzero(near), n)
            out.update(
                mean=mean.item(),
                std=_std(a, mean).item(),
                frac_saturated=saturated,
                frac_dead=_fraction(n - torch.count_nonzero(a), n),
            )
        else:
            nan = float("nan")
            out.update(mean=nan, std=nan, frac_saturated=nan, frac_dead=nan)
        if self.gradients is not None:
            g = self.gradients[i]
            g_std = _std(g, g.mean())
            out["grad_finite"] = _all_finite(g, g_std)
            out["grad_std"] = g_std.item() if out["grad_finite"] else float("nan")
        return out

    def _unit_std(self, i: int) -> float:
        # Each unit's spread over the samples, in two passes down the columns: as
        # std(dim=0), which is ~5x slower here (it reduces along the strided dimension).
        # In float64 so that no square of a float32 overflows or underflows.
        d = self.activations[i].double()
        return d.sub_(d.mean(dim=0)).square_().mean(dim=0).sqrt_().float().mean().item()


def _near_bounds(a: torch.Tensor, activation: str) -> torch.Tensor | None:
    """Where `a` is saturated (within SATURATION_MARGIN of its range of a bound), or
    None for an activation without bounds."""
    bounds = ACTIVATIONS[activation].bounds
    if not bounds:
        return None
    margin = SATURATION_MARGIN * (max(bounds) - min(bounds))
    return reduce(torch.logical_or, [(a - b).abs_() < margin for b in bounds])


def _std(t: torch.Tensor, mean: torch.Tensor) -> torch.Tensor:
    """t.std(correction=0), the way torch computes it over all values (the float32 mean,
    then the squared deviations summed in float64), in vectorised passes: ~30% faster."""
    d = t.double().sub_(mean.double())
    return d.square_().mean().sqrt_().float()


def _fraction(count: torch.Tensor | int, n: int) -> float:
    """count / n in float32: the value the mean of a float32 0/1 mask gives, as before."""
    return (torch.as_tensor(count, dtype=torch.float32) / n).item()


def _all_finite(t: torch.Tensor, summary: torch.Tensor) -> bool:
    """Whether every value of `t` is finite, given its mean or std: inf and NaN propagate
    into those, so a finite summary settles it without a pass over `t` (an infinite one
    may be an overflow of finite values, so then we look)."""
    return bool(torch.isfinite(summary)) or bool(torch.isfinite(t).all())


@lru_cache(maxsize=4)
def readout_direction(shape: tuple[int, ...], dtype: torch.dtype) -> torch.Tensor:
    """The read-out r (see READOUT_SEED): the same for every run of a shape, so drawn once
    (only ever read: multiplied into the loss, so no gradient is r itself)."""
    g = torch.Generator().manual_seed(READOUT_SEED)
    return torch.randn(shape, generator=g, dtype=dtype)


def _check_initialised(model: nn.Module) -> None:
    # build_mlp leaves every weight NaN; trained weights are NaN in one place, if at all,
    # so the first entry decides cheaply and only then do we look at all of them.
    for i, layer in enumerate(linears(model), start=1):
        w = layer.weight.reshape(-1)
        if len(w) and bool(w[0].isnan()) and bool(w.isnan().all()):
            raise ValueError(
                f"layer {i}'s weights are all NaN: build_mlp builds a network without "
                "initialising it; call init_weights(model, scheme) first"
            )


def hooked_run(
    model: nn.Module, x: torch.Tensor, hooks: list, kept: list, *, backward: bool
) -> list[torch.Tensor] | None:
    """Run `x` through `model` with forward `hooks` ((module, hook) pairs, removed before
    returning, even on error), the hooks filling `kept`; with `backward`, the gradient of
    L = sum(r * kept[-1]) (r: readout_direction) with respect to every tensor in `kept`."""
    handles = [module.register_forward_hook(hook) for module, hook in hooks]
    try:
        with torch.set_grad_enabled(backward):
            model(x.detach().requires_grad_(backward))
    finally:
        for h in handles:
            h.remove()
    if not backward:
        return None
    r = readout_direction(tuple(kept[-1].shape), kept[-1].dtype)
    return list(torch.autograd.grad((kept[-1] * r).sum(), kept))


@single_threaded
def capture(model: nn.Module, x: torch.Tensor, *, backward: bool = True) -> Trace:
    """Run `x` through `model`, keeping each activation layer's input and output.

    With `backward`, also the gradient of L = sum(r * h_L), r ~ N(0, 1) (see
    READOUT_SEED), with respect to every layer's activations h_l. Gradients are taken
    with torch.autograd.grad, so the parameters' .grad stay untouched; the hooks are
    removed before returning, even on error.
    """
    name = activation_of(model)
    _check_initialised(model)
    act_layers = [m for m in model.modules() if isinstance(m, ACTIVATION_TYPES)]
    pre, post = [], []

    def hook(module, inputs, output):
        # Identity hands back its input object; give each layer a tensor of its own so
        # that pre-activation and activation gradients stay apart.
        out = output.view_as(output) if output is inputs[0] else output
        pre.append(inputs[0])
        post.append(out)
        return out

    grads = hooked_run(model, x, [(m, hook) for m in act_layers], post, backward=backward)
    return Trace(
        activation=name,
        pre_activations=[p.detach() for p in pre],
        activations=[a.detach() for a in post],
        gradients=grads,
        inputs=x.detach(),
        weight_stds=[layer.weight.std(correction=0).item() for layer in hidden_linears(model)],
    )
