"""Train the course's MLP on scikit-learn's digits: does the initialisation let it learn?"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .activations import hidden_linears, readout
from .checks import check_choice, check_int, check_positive
from .data import N_CLASSES, N_FEATURES, load_digits_data
from .inits import init_weights
from .residual import build_network, network_options, zero_init_residual
from .threads import single_threaded

# Minibatches are drawn from their own generator, seeded apart from the weights' one.
BATCH_SEED_OFFSET = 1_000_003
# A deep network trained with plain SGD is spiky: its loss can jump several-fold in one
# step and fall back a few steps later, and a 1e-7 change of the initial weights (another
# CPU's rounding) moves where the spikes fall. So no outcome is read off the last step:
# the test set is evaluated every EVAL_EVERY steps, and a run's outcome is the mean over
# its last SETTLE_EVALS evaluations (the last 50 steps), or of its last FINAL_WINDOW
# minibatch losses.
EVAL_EVERY = 10
SETTLE_EVALS = 5
FINAL_WINDOW = 50


@dataclass(frozen=True)
class OptimizerSpec:
    """How to build one optimizer, and the learning rate it gets when lr=None."""

    make: Callable[[Iterable[nn.Parameter], float], torch.optim.Optimizer]
    default_lr: float
    description: str


# SGD's default lr trains the 30-layer ReLU net with He init in the median, near the edge
# of stability: its loss spikes now and then and a 1e-6 nudge moves single runs by tens of
# points (notebook 07); at twice the step, 0.04, one of seeds 0-4 diverged and the median
# accuracy fell from 64% to 47%. 5-layer nets learn with it too, only more slowly.
# Momentum 0.9 multiplies the effective step by 1 / (1 - 0.9) = 10, hence a tenth.
OPTIMIZERS: dict[str, OptimizerSpec] = {
    "sgd": OptimizerSpec(lambda p, lr: torch.optim.SGD(p, lr=lr), 0.02, "plain SGD"),
    "sgd_momentum": OptimizerSpec(
        lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9), 0.002, "SGD, momentum 0.9"
    ),
    # Adam divides each step by a running gradient scale, so it can partly rescue
    # initialisations whose gradients are tiny; plain SGD shows the problem undisguised.
    "adam": OptimizerSpec(lambda p, lr: torch.optim.Adam(p, lr=lr), 1e-3, "Adam"),
}


@dataclass
class TrainResult:
    """What one training run produced.

    `losses` holds the training loss of every step run; a diverged run ends with its
    first non-finite loss. `evals` holds (step, test loss, test accuracy) every
    EVAL_EVERY steps. `train_accuracy` and `test_accuracy` are the last step's, which in
    a spiky run can be far from its typical value: prefer `settled_accuracy()`.
    `first_step_grad_norms` is the norm of each hidden layer's weight gradient at step 1,
    layer 1 first (the read-out excluded). `grad_norms` holds, in a run with `clip_norm`,
    the norm of the whole gradient at every step before it was clipped (empty otherwise).
    """

    losses: list[float]
    train_accuracy: float
    test_accuracy: float
    first_step_grad_norms: list[float]
    diverged: bool
    config: dict
    model: nn.Sequential = field(repr=False)
    evals: list[tuple[int, float, float]] = field(default_factory=list)
    grad_norms: list[float] = field(default_factory=list)

    def final_loss(self, window: int = FINAL_WINDOW) -> float:
        """Mean training loss over the last `window` steps (NaN or inf if diverged)."""
        window = check_int("window", window)
        return float(np.mean(self.losses[-window:])) if self.losses else math.nan

    def settled_accuracy(self, n: int = SETTLE_EVALS, upto: int | None = None) -> float:
        """Mean test accuracy over the last `n` evaluations: the run's typical late
        accuracy, which a single spike cannot swing as it swings the last step's. With
        `upto`, over the last `n` evaluations at or before step `upto` instead."""
        n = check_int("n", n)
        evals = self.evals if upto is None else [e for e in self.evals if e[0] <= upto]
        accs = [a for _, _, a in evals[-n:]]
        if upto is not None and not accs:
            raise ValueError(
                f"no evaluation at or before step {upto}; the first is every {EVAL_EVERY}"
            )
        return float(np.mean(accs)) if accs else self.test_accuracy


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """Cross-entropy loss and the fraction of samples classified right (a non-finite
    output counts as wrong)."""
    with torch.no_grad():
        logits = model(x)
    right = (logits.argmax(dim=1) == y) & torch.isfinite(logits).all(dim=1)
    return F.cross_entropy(logits, y).item(), right.float().mean().item()


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of samples classified right; a non-finite output counts as wrong."""
    return evaluate(model, x, y)[1]


class Trainer:
    """A training run that can be advanced a few steps at a time (for live widgets).

    `Trainer(...).run()` (that is, `train_mlp(...)`) trains to the end; `step(n)` runs n
    more steps, so a widget can redraw between chunks. The network is build_mlp(depth,
    width, activation) with a 64-input layer and a 10-class linear read-out, initialised
    by init_weights(scheme, std, gain); biases are on (as in any real classifier) and
    start at 0, so the initial function is exactly the one the weights' scheme gives, as
    in the seed's bias-free experiment. A non-finite loss does not raise: the run stops
    and `diverged` is set.

    Args:
        optimizer: a key of OPTIMIZERS; `lr=None` takes its default_lr.
        seed: draws the weights and the minibatches; the global RNG is never touched.
        perturb: multiplies every initial weight and bias by (1 + perturb * noise), noise
            N(0, 1) from its own generator (`perturb_seed`): at perturb ~ 1e-6, the size
            of the rounding differences between CPUs, it shows which outcomes survive
            rounding-level changes.
        readout_only: train the read-out layer alone, the hidden layers frozen at init.
        clip_norm: before every step, scale the gradient of all trained parameters down
            to this norm if it is larger (torch.nn.utils.clip_grad_norm_): a cap on the
            length of a step. None (the default) never clips.
        architecture: "mlp" (build_mlp) or "resnet": build_resnet's `depth` blocks behind a
            linear stem, with its `alpha` (default 1) and `norm`; `zero_init` then starts
            every block as the identity (zero_init_residual). Only "resnet" takes them.
    """

    def __init__(
        self,
        *,
        activation: str,
        scheme: str,
        depth: int,
        std: float | None = None,
        gain: float | str | None = None,
        width: int = 100,
        steps: int = 300,
        optimizer: str = "sgd",
        lr: float | None = None,
        batch_size: int = 128,
        bias: bool = True,
        seed: int = 0,
        perturb: float = 0.0,
        perturb_seed: int = 0,
        readout_only: bool = False,
        clip_norm: float | None = None,
        architecture: str = "mlp",
        alpha: float | None = None,
        norm: str | None = None,
        zero_init: bool = False,
    ) -> None:
        data = load_digits_data()
        spec = OPTIMIZERS[check_choice("optimizer", optimizer, OPTIMIZERS)]
        lr = spec.default_lr if lr is None else check_positive("lr", lr)
        for name, flag in (("bias", bias), ("readout_only", readout_only)):
            if not isinstance(flag, bool):
                raise ValueError(f"{name} must be True or False, got {flag!r}")
        self.steps = check_int("steps", steps)
        self.batch_size = check_int("batch_size", batch_size, high=len(data.y_train))
        seed = check_int("seed", seed, low=0)
        depth, width = check_int("depth", depth), check_int("width", width)
        options = network_options(architecture, alpha=alpha, norm=norm, zero_init=zero_init)
        self.config = dict(
            activation=activation,
            scheme=scheme,
            depth=depth,
            std=std,
            gain=gain,
            width=width,
            steps=self.steps,
            optimizer=optimizer,
            lr=lr,
            batch_size=self.batch_size,
            bias=bias,
            seed=seed,
        )
        if perturb:
            perturb_seed = check_int("perturb_seed", perturb_seed, low=0)
            self.config.update(
                perturb=check_positive("perturb", perturb), perturb_seed=perturb_seed
            )
        self.clip_norm = None if clip_norm is None else check_positive("clip_norm", clip_norm)
        if self.clip_norm is not None:
            self.config.update(clip_norm=self.clip_norm)
        if options:
            self.config.update(architecture=architecture, **options)
        self.model = build_network(
            depth, width, activation, in_features=N_FEATURES, out_features=N_CLASSES, bias=bias,
            **options,
        )  # fmt: skip
        init_weights(self.model, scheme, std=std, gain=gain, seed=seed)
        if options.get("zero_init"):
            zero_init_residual(self.model)
        if perturb:
            noise = torch.Generator().manual_seed(perturb_seed)
            with torch.no_grad():
                for p in self.model.parameters():
                    p.mul_(1 + perturb * torch.randn(p.shape, generator=noise))
        # readout_only trains the last layer alone on the frozen features of the hidden
        # layers: does the forward signal that reaches the read-out carry the input?
        trained = readout(self.model) if readout_only else self.model
        if readout_only:
            self.config["readout_only"] = True
        self._trained = list(trained.parameters())
        self.optimizer = spec.make(self._trained, lr)
        self.losses: list[float] = []
        self.first_step_grad_norms: list[float] = []
        self.diverged = False
        self.evals: list[tuple[int, float, float]] = []
        self.grad_norms: list[float] = []
        self._data = data
        self._generator = torch.Generator().manual_seed(seed + BATCH_SEED_OFFSET)
        self._order = torch.empty(0, dtype=torch.long)

    @property
    def done(self) -> bool:
        """True once every step has run or the loss stopped being finite."""
        return self.diverged or len(self.losses) >= self.steps

    @single_threaded
    def step(self, n: int = 1) -> list[float]:
        """Run up to `n` more steps (never past `steps`); return every loss so far."""
        for _ in range(check_int("n", n)):
            if self.done:
                break
            self._step_once()
        return list(self.losses)

    def run(self) -> TrainResult:
        """Train to the end (or until divergence) and return the result."""
        self.step(self.steps)
        return self.result()

    def result(self) -> TrainResult:
        """The run so far: losses, accuracies, first-step gradient norms, the model."""
        d = self._data
        return TrainResult(
            losses=list(self.losses),
            train_accuracy=accuracy(self.model, d.x_train, d.y_train),
            test_accuracy=accuracy(self.model, d.x_test, d.y_test),
            first_step_grad_norms=list(self.first_step_grad_norms),
            diverged=self.diverged,
            config=dict(self.config),
            model=self.model,
            evals=list(self.evals),
            grad_norms=list(self.grad_norms),
        )

    def _next_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        # Shuffle once per epoch and walk through it, so every sample is seen equally
        # often; the few left over that cannot fill a batch sit this epoch out.
        if len(self._order) < self.batch_size:
            self._order = torch.randperm(len(self._data.y_train), generator=self._generator)
        idx, self._order = self._order[: self.batch_size], self._order[self.batch_size :]
        return self._data.x_train[idx], self._data.y_train[idx]

    def _step_once(self) -> None:
        x, y = self._next_batch()
        self.optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.model(x), y)
        loss.backward()
        if not self.losses:
            hidden = hidden_linears(self.model)
            self.first_step_grad_norms = [layer.weight.grad.norm().item() for layer in hidden]
        self.losses.append(loss.item())
        if not math.isfinite(self.losses[-1]):
            self.diverged = True  # stop before the step would spread NaN into the weights
            return
        if self.clip_norm is not None:  # after the first-step norms: those are the raw ones
            norm = torch.nn.utils.clip_grad_norm_(self._trained, self.clip_norm)
            self.grad_norms.append(norm.item())
        self.optimizer.step()
        if len(self.losses) % EVAL_EVERY == 0 or len(self.losses) == self.steps:
            self._evaluate()

    def _evaluate(self) -> None:
        loss, acc = evaluate(self.model, self._data.x_test, self._data.y_test)
        self.evals.append((len(self.losses), loss, acc))


def train_mlp(**settings) -> TrainResult:
    """Train one network on the digits to the end: Trainer(**settings).run(), with
    Trainer's keyword arguments (activation, scheme, depth, std, gain, steps, ...)."""
    return Trainer(**settings).run()
