"""Training outcomes over several seeds: a median and a range, never one run's number.

A deep network trained with plain SGD amplifies a 1e-7 difference in its initial weights,
or another CPU's rounding of every operation, into another trajectory: a single 30-layer
run can end tens of points away, and even the median over seeds moves. So the course
states training outcomes as the median and the range over seeds 0-4, worded with a margin,
and its tests check them again with the initial weights nudged by (1 + 1e-6 * noise) and
under ATen's other CPU kernels (ATEN_CPU_CAPABILITY=default).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .i18n import text
from .training import TrainResult, train_mlp

SEEDS = range(5)
# Relative size of the nudge `perturbed` runs get: a few float32 rounding steps.
PERTURB = 1e-6


@dataclass(frozen=True)
class Spread:
    """The median, lowest and highest of one number over seeds."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Iterable[float]) -> Spread:
        v = np.asarray(list(values), dtype=float)
        return cls(float(np.median(v)), float(v.min()), float(v.max()))

    def __format__(self, spec: str) -> str:
        spec = spec or ".3g"
        return text(
            "seeds.spread",
            median=format(self.median, spec),
            low=format(self.low, spec),
            high=format(self.high, spec),
        )


@dataclass
class SeedRuns:
    """One configuration trained once per seed."""

    config: dict
    results: list[TrainResult]

    def spread(self, stat: Callable[[TrainResult], float]) -> Spread:
        return Spread.of(stat(r) for r in self.results)

    def loss(self) -> Spread:
        """Final training loss (mean of the last steps), over seeds."""
        return self.spread(TrainResult.final_loss)

    def accuracy(self, upto: int | None = None) -> Spread:
        """Test accuracy over the last evaluations (at or before step `upto`), over seeds."""
        return self.spread(lambda r: r.settled_accuracy(upto=upto))

    def curves(self) -> np.ndarray:
        """Every seed's loss curve, one row each (a diverged run padded with NaN)."""
        steps = max(len(r.losses) for r in self.results)
        out = np.full((len(self.results), steps), np.nan)
        for row, r in zip(out, self.results):
            row[: len(r.losses)] = r.losses
        return out


def train_seeds(*, seeds: Iterable[int] = SEEDS, perturb: float = 0.0, **kwargs) -> SeedRuns:
    """train_mlp(**kwargs) once per seed. With `perturb`, seed s also gets its own nudge
    of the initial weights (perturb_seed s + 1), of the size of another CPU's rounding."""
    results = [train_mlp(**kwargs, seed=s, perturb=perturb, perturb_seed=s + 1) for s in seeds]
    return SeedRuns(dict(kwargs, perturb=perturb), results)


class Comparison(dict):
    """Several initialisations of one network, each trained over seeds: a dict of
    label -> SeedRuns that prints as a table."""

    def table(self) -> str:
        rows, width = [], max(map(len, self), default=0)
        for label, runs in self.items():
            g = np.median([r.first_step_grad_norms for r in runs.results], axis=0)
            depth = len(g)
            rows.append(
                f"{label:{width}}  "
                + text(
                    "seeds.row",
                    loss=format(runs.loss(), "5.3f"),
                    accuracy=format(runs.accuracy(), "5.1%"),
                    first=f"{g[0]:.1e}",
                    depth=depth,
                    last=f"{g[-1]:.1e}",
                )
            )
        n = len(next(iter(self.values())).results) if self else 0
        head = text("seeds.head", n=n)
        return "\n".join([head, *rows])

    def __repr__(self) -> str:
        return self.table()

    def _repr_pretty_(self, p, cycle: bool) -> None:
        p.text(self.table())


def compare_inits(
    activation: str,
    depth: int,
    inits: dict[str, dict],
    *,
    seeds: Iterable[int] = SEEDS,
    perturb: float = 0.0,
    **kwargs,
) -> Comparison:
    """Train one network per initialisation (label -> init_weights keywords) over seeds."""
    seeds = list(seeds)
    return Comparison(
        (
            label,
            train_seeds(
                activation=activation, depth=depth, seeds=seeds, perturb=perturb, **kw, **kwargs
            ),
        )
        for label, kw in inits.items()
    )
