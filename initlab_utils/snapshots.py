"""Watch a training run: every layer at chosen steps, and per-layer diagnostics over time.

A Recorder drives a Trainer one step at a time through its public API. At each step it
keeps every hidden layer's update-to-data ratio, log10(std(update) / std(W)): how far
that step moved the layer's weights, relative to their size. Every `every` steps it
keeps the activations' std and saturated and dead fractions on a fixed evaluation batch,
and at the steps in `at` the whole Trace of that batch (activations and the gradients
of the real training loss), so a plot or a slider can go back to any of them later
without re-running anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .activations import ACTIVATION_TYPES, activation_of, hidden_linears
from .capture import Trace
from .checks import check_int
from .data import load_digits_data
from .seeds import SEEDS
from .threads import single_threaded
from .training import EVAL_EVERY, Trainer, TrainResult

DEFAULT_AT = (0, 10, 30, 100, 300)
# The first EVAL_SIZE test digits, the same for every run, seed and step: a snapshot at
# step 100 differs from one at step 10 only by what training did.
EVAL_SIZE = 256
# The often-quoted rule of thumb (Karpathy 2022): an update about 1e-3 of the weights'
# size per step, log10 ratio near -3. A habit from practice, not a law.
RULE_OF_THUMB = -3.0
DIAGNOSTICS = ("std", "frac_saturated", "frac_dead")


def check_steps(name: str, steps: Iterable[int], last: int) -> list[int]:
    """`steps` as a list of whole numbers from 0 to `last`, strictly increasing."""
    out = [check_int(name, s, low=0, high=last) for s in steps]
    for a, b in zip(out, out[1:]):
        if b <= a:
            raise ValueError(f"{name} must be strictly increasing, got {a} then {b}")
    return out


@single_threaded
def loss_trace(model: nn.Sequential, x: torch.Tensor, y: torch.Tensor) -> Trace:
    """Like capture(model, x), but the gradients are those of the loss training follows:
    dL/dh_l for L = cross_entropy(model(x), y), not capture's random read-out. The
    parameters' .grad stay untouched (torch.autograd.grad)."""
    pre, post = [], []
    h = x.detach()
    with torch.enable_grad():
        for module in model:  # build_mlp's Sequential: Linear, activation, ..., read-out
            if isinstance(module, ACTIVATION_TYPES):
                pre.append(h)
                h = module(h)
                h = h.view_as(h) if h is pre[-1] else h  # Identity: a tensor of its own
                post.append(h)
            else:
                h = module(h)
        grads = torch.autograd.grad(F.cross_entropy(h, y), post)
    return Trace(
        activation=activation_of(model),
        pre_activations=[p.detach() for p in pre],
        activations=[a.detach() for a in post],
        gradients=list(grads),
        inputs=x.detach(),
        weight_stds=[layer.weight.std(correction=0).item() for layer in hidden_linears(model)],
    )


class Recorder:
    """Train `trainer` and keep what its layers looked like along the way.

    `at` (default: those of DEFAULT_AT the run reaches) are the steps to keep a Trace of.

    Attributes, all recorded while training runs:
        snapshots: step -> Trace of the evaluation batch, for each step of `at` reached.
        ratio_steps, ratios: the step number of each update (1, 2, ...) and a row per
            update with each hidden layer's log10 update-to-data ratio. With plain SGD
            the update is lr * dL/dW, so the ratio is log10(lr * std(dL/dW) / std(W));
            with any other optimizer (Adam's step is not proportional to the gradient)
            it is the step actually taken, W after minus W before. std(W) is that of
            the weights the step starts from.
        stat_steps, stats: steps 0, every, 2 * every, ... and for each of DIAGNOSTICS a
            row per such step with every hidden layer's value on the evaluation batch.
    """

    def __init__(
        self,
        trainer: Trainer,
        *,
        at: Sequence[int] | None = None,
        every: int = EVAL_EVERY,
        eval_size: int = EVAL_SIZE,
    ) -> None:
        if not isinstance(trainer, Trainer):
            raise ValueError(f"trainer must be a Trainer, got {type(trainer).__name__}")
        if trainer.losses:
            raise ValueError("trainer has already run steps: record it from step 0")
        if trainer.config.get("architecture", "mlp") != "mlp":  # loss_trace walks an MLP
            raise ValueError(
                f"the Recorder records build_mlp's networks (architecture 'mlp'), "
                f"got architecture {trainer.config['architecture']!r}"
            )
        self.trainer = trainer
        if at is None:  # the default steps, up to the run's length
            at = [s for s in DEFAULT_AT if s <= trainer.steps]
        self.at = check_steps("at", at, last=trainer.steps)
        self.every = check_int("every", every)
        data = load_digits_data()
        eval_size = check_int("eval_size", eval_size, high=len(data.y_test))
        self.x, self.y = data.x_test[:eval_size], data.y_test[:eval_size]
        self.plain_sgd = trainer.config["optimizer"] == "sgd"
        self.snapshots: dict[int, Trace] = {}
        self.ratio_steps: list[int] = []
        self.ratios: list[list[float]] = []
        self.stat_steps: list[int] = []
        self.stats: dict[str, list[list[float]]] = {k: [] for k in DIAGNOSTICS}
        self._observe(0)

    @property
    def step_count(self) -> int:
        """How many training steps have run."""
        return len(self.trainer.losses)

    def step(self, n: int = 1) -> Recorder:
        """Run up to `n` more training steps, recording as they go."""
        layers = hidden_linears(self.trainer.model)
        lr = self.trainer.config["lr"]
        for _ in range(check_int("n", n)):
            if self.trainer.done:
                break
            before = [layer.weight.detach().clone() for layer in layers]
            self.trainer.step(1)
            if self.trainer.diverged:  # the step was refused: no update to measure
                break
            row = []
            for layer, w in zip(layers, before):
                moved = lr * layer.weight.grad if self.plain_sgd else layer.weight.detach() - w
                row.append(_log_ratio(moved, w))
            self.ratio_steps.append(self.step_count)
            self.ratios.append(row)
            self._observe(self.step_count)
        return self

    def run(self) -> Recorder:
        """Train to the end (or until divergence), recording."""
        return self.step(self.trainer.steps)

    def result(self) -> TrainResult:
        """The trainer's result so far (losses, accuracies, ...)."""
        return self.trainer.result()

    def ratio_array(self) -> np.ndarray:
        """The ratios as an array: one row per update, one column per hidden layer."""
        depth = len(hidden_linears(self.trainer.model))
        return np.array(self.ratios, dtype=float).reshape(len(self.ratios), depth)

    def stat_array(self, key: str) -> np.ndarray:
        """One of DIAGNOSTICS as an array: a row per recorded step, a column per layer."""
        if key not in self.stats:
            raise ValueError(f"unknown key {key!r}; choose one of: {', '.join(DIAGNOSTICS)}")
        return np.array(self.stats[key], dtype=float)

    def typical_ratio(self, first: int = 1, last: int | None = None) -> np.ndarray:
        """Each layer's median ratio over the updates of steps first..last: one step's
        ratio jumps about with its minibatch, a median over a few dozen does not."""
        last = self.step_count if last is None else last
        keep = [i for i, s in enumerate(self.ratio_steps) if first <= s <= last]
        if not keep:
            raise ValueError(f"no update recorded between steps {first} and {last}")
        return np.median(self.ratio_array()[keep], axis=0)

    def _observe(self, step: int) -> None:
        if step % self.every and step not in self.at:
            return
        trace = loss_trace(self.trainer.model, self.x, self.y)
        if step in self.at:
            self.snapshots[step] = trace
        if step % self.every == 0:
            self.stat_steps.append(step)
            layer_stats = trace.stats()
            for key in DIAGNOSTICS:
                self.stats[key].append([s[key] for s in layer_stats])


def _log_ratio(update: torch.Tensor, weights: torch.Tensor) -> float:
    """log10(std(update) / std(weights)); -inf for no update, NaN for all-equal weights."""
    num, den = update.std(correction=0), weights.std(correction=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.log10(num.item()) - np.log10(den.item()))


def record_training(
    *, at: Sequence[int] | None = None, every: int = EVAL_EVERY, **settings
) -> Recorder:
    """Train one network, recording: Recorder(Trainer(**settings), at=at).run()."""
    return Recorder(Trainer(**settings), at=at, every=every).run()


def record_seeds(
    *, seeds: Iterable[int] = SEEDS, perturb: float = 0.0, **settings
) -> list[Recorder]:
    """record_training(**settings) once per seed; with `perturb`, seed s's initial
    weights are nudged too (perturb_seed s + 1), as train_seeds nudges them."""
    return [record_training(seed=s, perturb=perturb, perturb_seed=s + 1, **settings) for s in seeds]
