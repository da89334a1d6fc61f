"""Exercise checks for notebook 01: zero and constant init, the symmetry problem."""

from __future__ import annotations

from ..activations import hidden_linears
from ..analysis import row_spread
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


@answered(one_of("yes", "no"), 'answer with the string "yes" or "no".')
def check_adam_keeps_symmetry(answer: str) -> Verdict:
    """Does Adam break the symmetry of a constant start? 'yes' or 'no', measured."""
    run = {**SYMMETRY_RUN, "optimizer": "adam", "lr": None}
    result = train_mlp(scheme="constant", std=0.3, **run)
    spread = row_spread(hidden_linears(result.model)[0].weight)
    truth = "yes" if spread > 1e-6 else "no"
    return feedback(
        answer,
        answer == truth,
        f"{truth}: after training with Adam the row spread of hidden layer 1 is {spread:.1e}. "
        "Adam rescales each weight's step by that weight's own gradient history, but equal "
        "gradients have equal histories, so the steps stay equal.",
        "train with optimizer='adam' and measure il.row_spread(il.hidden_linears(result.model)[0]"
        ".weight): 0 means the units are still copies. What does Adam do with equal gradients?",
    )


@answered(_names, "give a list of parameter names, e.g. ['0.weight', '2.bias'].")
def check_what_moves_zeros_tanh(answer: set) -> Verdict:
    """Which parameters are no longer all zero after training tanh from all-zero weights?"""
    run = {**SYMMETRY_RUN, "activation": "tanh"}
    model = train_mlp(scheme="zeros", **run).model
    truth = {n for n, p in model.named_parameters() if bool((p != 0).any())}
    shown = ", ".join(sorted(truth)) or "none"
    return feedback(
        answer,
        answer == truth,
        f"only {shown}. tanh(0) = 0, so every hidden output is 0: the read-out's weights get "
        "the gradient (p - y) * h = 0, the error sent back through them is 0, and only the "
        "read-out's bias learns: the network can learn the class frequencies, nothing more.",
        "train with train_mlp(activation='tanh', scheme='zeros', depth=2, width=32, lr=0.5) "
        "and list the names of the parameters p of result.model.named_parameters() with "
        "(p != 0).any(). Which gradients do not pass through a hidden output tanh(0) = 0?",
    )


@answered(as_int, "give a step number, a whole number such as 2.")
def check_zeros_wake_up_step(answer: int) -> Verdict:
    """Sigmoid, all-zero weights, 4 hidden layers: the step at which layer 1 first moves."""
    trainer = Trainer(scheme="zeros", **{**SYMMETRY_RUN, "depth": 4, "steps": 20})
    truth = None
    for step in range(1, trainer.steps + 1):
        trainer.step(1)
        if bool((hidden_linears(trainer.model)[0].weight.grad != 0).any()):
            truth = step
            break
    hint = (
        "count: at step 1 the read-out is 0, so no hidden layer gets a gradient; at step 2 "
        "the read-out is not 0 any more. Which layer can move at step 2, which at step 3?"
    )
    if answer == 3:
        hint = "3 is the step for 2 hidden layers (section 4); this network has 4. " + hint
    return feedback(
        answer,
        answer == truth,
        f"step {truth}: at step 1 only the read-out learns; each step wakes one more layer, "
        "from the top down (hidden 4 at step 2, hidden 3 at step 3, ...).",
        hint,
    )
