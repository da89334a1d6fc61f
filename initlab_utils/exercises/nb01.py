"""Exercise checks for notebook 01: zero and constant init, the symmetry problem."""

from __future__ import annotations

from ..activations import hidden_linears
from ..analysis import row_spread
from ..i18n import text
from ..training import Trainer, train_mlp
from .core import Verdict, answered, as_int, feedback, one_of

__all__ = [
    "SYMMETRY_RUN",
    "check_adam_keeps_symmetry",
    "check_what_moves_zeros_tanh",
    "check_zeros_wake_up_step",
]

# Notebook 01's network and training run: digits, two sigmoid hidden layers of 32 units.
SYMMETRY_RUN = dict(activation="sigmoid", depth=2, width=32, steps=200, lr=0.5, seed=0)


def _names(answer: object) -> set | None:
    """A parameter name or a collection of names as a set of stripped strings, else None."""
    if isinstance(answer, str):
        return {answer.strip()}
    if isinstance(answer, (list, tuple, set, frozenset)) and all(
        isinstance(a, str) for a in answer
    ):
        return {a.strip() for a in answer}
    return None


@answered(one_of("yes", "no"), key="nb01.adam_keeps_symmetry.unreadable")
def check_adam_keeps_symmetry(answer: str) -> Verdict:
    """Does Adam break the symmetry of a constant start? 'yes' or 'no', measured."""
    run = {**SYMMETRY_RUN, "optimizer": "adam", "lr": None}
    result = train_mlp(scheme="constant", std=0.3, **run)
    spread = row_spread(hidden_linears(result.model)[0].weight)
    truth = "yes" if spread > 1e-6 else "no"
    return feedback(
        answer,
        answer == truth,
        text("nb01.adam_keeps_symmetry.right", truth=truth, spread=spread),
        text("nb01.adam_keeps_symmetry.reconsider"),
    )


@answered(_names, key="nb01.what_moves_zeros_tanh.unreadable")
def check_what_moves_zeros_tanh(answer: set) -> Verdict:
    """Which parameters are no longer all zero after training tanh from all-zero weights?"""
    run = {**SYMMETRY_RUN, "activation": "tanh"}
    model = train_mlp(scheme="zeros", **run).model
    truth = {n for n, p in model.named_parameters() if bool((p != 0).any())}
    shown = ", ".join(sorted(truth)) or text("nb01.what_moves_zeros_tanh.nothing")
    return feedback(
        answer,
        answer == truth,
        text("nb01.what_moves_zeros_tanh.right", shown=shown),
        text("nb01.what_moves_zeros_tanh.reconsider"),
    )


@answered(as_int, key="nb01.zeros_wake_up_step.unreadable")
def check_zeros_wake_up_step(answer: int) -> Verdict:
    """Sigmoid, all-zero weights, 4 hidden layers: the step at which layer 1 first moves."""
    trainer = Trainer(scheme="zeros", **{**SYMMETRY_RUN, "depth": 4, "steps": 20})
    truth = None
    for step in range(1, trainer.steps + 1):
        trainer.step(1)
        if bool((hidden_linears(trainer.model)[0].weight.grad != 0).any()):
            truth = step
            break
    hint = text("nb01.zeros_wake_up_step.hint")
    if answer == 3:
        hint = text("nb01.zeros_wake_up_step.two_layers", hint=hint)
    return feedback(
        answer, answer == truth, text("nb01.zeros_wake_up_step.right", truth=truth), hint
    )
