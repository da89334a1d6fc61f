"""Exercise checks for notebook 08: theory you can touch."""

from __future__ import annotations

from .core import Verdict, close, feedback


def check_sigmoid_backward_sigma_w2(answer: object) -> Verdict:
    """The sigma_w2 at which a sigmoid layer keeps the gradient's spread, at q = 1."""
    from ..theory import backward_gain, forward_gain

    # Both gains grow as sqrt(sigma_w2): each is 1 at 1 / (its value at sigma_w2 = 1)^2.
    truth = 1.0 / backward_gain("sigmoid", 1.0, 1.0) ** 2
    forward = 1.0 / forward_gain("sigmoid", 1.0, 1.0) ** 2
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        f"sigma_w2 = {truth:.1f}: sqrt(sigma_w2 E[sigmoid'(z)^2]) = 1 there. The forward "
        f"pass wants {forward:.2f}, so whichever you pick, the other direction is off.",
        "find where the dashed (backward, q = 1) line of the sigmoid panel crosses 1, or "
        "solve theory.backward_gain('sigmoid', s, 1.0) = 1 for s; sigma_w2 is n Var(W), "
        "not a standard deviation.",
    )


def check_tanh_edge_of_chaos(answer: object) -> Verdict:
    """The sigma_w2 of tanh's edge of chaos at sigma_b2 = 0.05 (chi1 = 1)."""
    from ..theory import chi1, critical_sigma_w2

    truth = critical_sigma_w2("tanh", 0.05)
    ok = close(answer, truth, rel=0.03)
    number = isinstance(answer, (int, float)) and not isinstance(answer, bool)
    if number and 0 < answer < 1e6:
        c = chi1("tanh", float(answer), 0.05)
        side = "below 1: ordered, move right." if c < 1 else "above 1: chaotic, move left."
        hint = f"at sigma_w2 = {float(answer):g}, chi1 = {c:.3f}; {side}"
    else:
        hint = "set sigma_b2 to 0.05 in the phase widget and move sigma_w2 until chi1 reads 1."
    return feedback(
        answer,
        ok,
        f"sigma_w2 = {truth:.3f}: there chi1 = 1, the depth scale is infinite and the "
        "gradient keeps its size through every layer.",
        hint,
    )


def check_pytorch_default_sigma_w2(answer: object) -> Verdict:
    """sigma_w2 = n_in Var(W) of a freshly made torch.nn.Linear(1000, 1000)."""
    import torch

    with torch.random.fork_rng():  # nn.Linear draws from the global RNG; leave it as it was
        torch.manual_seed(0)
        layer = torch.nn.Linear(1000, 1000)
    truth = 1000 * layer.weight.var().item()
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        f"n Var(W) = {truth:.3f}, i.e. 1/3: U(-1/sqrt(n), 1/sqrt(n)) has variance 1/(3n). "
        "Deep tanh or ReLU networks shrink their signal at every layer with it.",
        "make torch.nn.Linear(1000, 1000) and compute 1000 * layer.weight.var(); "
        "give the number n Var(W), not Var(W) itself.",
    )
