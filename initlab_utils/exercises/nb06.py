"""Exercise checks for notebook 06: the playground."""

from __future__ import annotations

from .core import Verdict, feedback


def check_tanh_steady_std(answer: object) -> Verdict:
    """A normal std under which tanh's layer-10 spread is within 20% of layer 1's."""
    from ..experiments import run_experiment

    if answer is None or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return feedback(answer, False, "", "give the std as a number, such as 0.1.")
    if not 0 < answer <= 10:
        return feedback(answer, False, "", "std must be a number between 0 and 10.")
    stats = run_experiment(activation="tanh", std=float(answer), depth=10, backward=False).stats()
    ratio = stats[-1]["std"] / stats[0]["std"]
    return feedback(
        answer,
        0.8 <= ratio <= 1.25,
        f"at std {answer:g}, layer 10's spread is {ratio:.2f} times layer 1's.",
        f"at std {answer:g}, layer 10's spread is {ratio:.2g} times layer 1's; "
        "aim for sqrt(n) * std near 1 or a little above (tanh' < 1 away from 0).",
    )


def check_selu_scheme(answer: object) -> Verdict:
    """A scheme under which SELU's activations keep mean near 0 and std near 1 for 20 layers."""
    from ..experiments import run_experiment
    from ..inits import INIT_SCHEMES

    if answer not in INIT_SCHEMES:
        return feedback(answer, False, "", f"choose one of: {', '.join(INIT_SCHEMES)}.")
    s = run_experiment(activation="selu", scheme=answer, depth=20, backward=False).stats()[-1]
    ok = s["finite"] and abs(s["mean"]) < 0.2 and 0.8 < s["std"] < 1.2
    return feedback(
        answer,
        ok,
        f"under {answer}, layer 20 has mean {s['mean']:.2f} and std {s['std']:.2f}: "
        "SELU's self-normalising fixed point (Klambauer et al. 2017) needs Var(W) = 1/n.",
        f"under {answer}, layer 20 has mean {s['mean']:.2g} and std {s['std']:.2g}.",
    )


def check_linear_vanishing_depth(answer: object) -> Verdict:
    """The first layer at which a linear network with N(0, 0.05^2) weights has std < 1e-3."""
    from ..experiments import run_experiment

    stats = run_experiment(activation="linear", std=0.05, depth=30, backward=False).stats()
    truth = next(s["layer"] for s in stats if s["std"] < 1e-3)
    return feedback(
        answer,
        isinstance(answer, int) and abs(answer - truth) <= 1,
        f"layer {truth}: each layer multiplies the spread by sqrt(100) * 0.05 = 0.5, "
        "and 0.5^10 is about 1e-3.",
        "each layer multiplies the spread by sqrt(n) * std; how many halvings reach 1e-3?",
    )
