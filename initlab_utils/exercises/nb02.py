"""Exercise checks for notebook 02: the seed's experiment 1."""

from __future__ import annotations

from .core import Verdict, close, feedback


def check_saturation_exp1(answer: object) -> Verdict:
    """Layer 1's saturated fraction under the seed's experiment 1, as a number in [0, 1]."""
    from ..experiments import run_experiment

    truth = run_experiment(backward=False).stats()[0]["frac_saturated"]
    return feedback(
        answer,
        close(answer, truth, abs_tol=0.05),
        f"{truth:.0%} of layer 1's activations sit within 0.01 of 0 or 1.",
        "read it off trace.stats()[0]['frac_saturated'] (a fraction such as 0.5, not 50).",
    )


def check_gradient_ratio_exp1(answer: object) -> Verdict:
    """std of layer 1's gradients divided by layer 5's, under experiment 1."""
    from ..experiments import run_experiment

    stats = run_experiment().stats()
    truth = stats[0]["grad_std"] / stats[-1]["grad_std"]
    return feedback(
        answer,
        close(answer, truth, rel=0.15),
        f"the ratio is {truth:.2f}: the gradient keeps its size all the way back.",
        "divide stats[0]['grad_std'] by stats[-1]['grad_std'] (layer 1 over layer 5).",
    )


def check_more_saturated_with_larger_std(answer: object) -> Verdict:
    """Does std=3 saturate layer 1 more ('more') or less ('less') than std=1?"""
    from ..experiments import run_experiment

    s1 = run_experiment(std=1.0, backward=False).stats()[0]["frac_saturated"]
    s3 = run_experiment(std=3.0, backward=False).stats()[0]["frac_saturated"]
    truth = "more" if s3 > s1 else "less"
    return feedback(
        answer,
        str(answer).strip().lower() == truth,
        f"{truth}: {s3:.0%} at std 3 against {s1:.0%} at std 1; a larger z pushes "
        "sigmoid further into its flat tails.",
        "think about where sigmoid(z) lands when z = W x grows larger.",
    )
