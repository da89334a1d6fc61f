"""Auto-checked exercises: each check_...() prints what is right or what to reconsider.

The expected answers are measured with the package when the check runs, never typed in.
"""

from __future__ import annotations

import math


class Verdict:
    """What a check says about an answer: shown as one line, true when it was right."""

    def __init__(self, ok: bool, text: str):
        self.ok, self.text = ok, text

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return self.text


def feedback(answer: object, ok: bool, right: str, reconsider: str) -> Verdict:
    """The verdict on a student's answer: what is right, or what to reconsider."""
    if answer is None:
        return Verdict(False, "No answer yet: replace None with your answer and run the cell.")
    return Verdict(ok, ("Correct: " + right) if ok else ("Not quite: " + reconsider))


def close(answer: object, truth: float, rel: float = 0.1, abs_tol: float = 0.0) -> bool:
    """True if `answer` is a number within `rel` (relative) or `abs_tol` of `truth`."""
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return False
    return math.isclose(float(answer), truth, rel_tol=rel, abs_tol=abs_tol)


# -- 02: the seed's experiment 1 -------------------------------------------------------


def check_saturation_exp1(answer: object) -> Verdict:
    """Layer 1's saturated fraction under the seed's experiment 1, as a number in [0, 1]."""
    from .experiments import run_experiment

    truth = run_experiment(backward=False).stats()[0]["frac_saturated"]
    return feedback(
        answer,
        close(answer, truth, abs_tol=0.05),
        f"{truth:.0%} of layer 1's activations sit within 0.01 of 0 or 1.",
        "read it off trace.stats()[0]['frac_saturated'] (a fraction such as 0.5, not 50).",
    )


def check_gradient_ratio_exp1(answer: object) -> Verdict:
    """std of layer 1's gradients divided by layer 5's, under experiment 1."""
    from .experiments import run_experiment

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
    from .experiments import run_experiment

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


# -- 03: the seed's experiment 2 (N(0, 0.01^2) weights) --------------------------------


def check_backward_gain_exp2(answer: object) -> Verdict:
    """The per-layer backward gain under experiment 2: the measured gains' geometric mean."""
    from .experiments import run_experiment

    gains = [g["measured"] for g in run_experiment(std=0.01).gains()]
    truth = math.exp(sum(math.log(g) for g in gains) / len(gains))
    return feedback(
        answer,
        close(answer, truth, rel=0.1),
        f"the measured gain is {truth:.4f} per layer, as sqrt(100) * 0.01 * 0.25 = 0.025 "
        f"predicts: the gradient shrinks about {1 / truth:.0f}-fold at each step back.",
        "multiply sqrt(n) (n = 100 units), the weights' std and rms(sigmoid') (about 0.25 "
        "near z = 0); a gain is a factor such as 0.5, not a percentage.",
    )


def check_distinct_values_exp2(answer: object) -> Verdict:
    """How many different values a layer-5 unit takes over the 1000 samples, experiment 2."""
    from .analysis import distinct_values
    from .experiments import run_experiment

    acts = run_experiment(std=0.01, backward=False).activations
    truth, first = distinct_values(acts[-1]), distinct_values(acts[0])
    return feedback(
        answer,
        close(answer, truth, rel=0.25, abs_tol=0.5),
        f"about {truth:.1f} values for 1000 different inputs (layer 1: {first:.0f}); what "
        "a layer-5 unit still knows about its input has been rounded away by float32.",
        "run distinct_values(trace.activations[4]) on the experiment-2 trace "
        "(il.run_experiment(std=0.01)); index 4 is layer 5.",
    )


def check_std_for_unit_gain(answer: object) -> Verdict:
    """A weight std at which the sigmoid network's per-layer gradient gain is in [0.8, 1.25]."""
    from .experiments import run_experiment

    if (
        isinstance(answer, bool)
        or not isinstance(answer, (int, float))
        or not (math.isfinite(answer) and 0 < answer <= 100)
    ):
        return feedback(
            answer, False, "", "give the weights' standard deviation as a number > 0, e.g. 0.3."
        )
    trace = run_experiment(std=float(answer))
    gains = [g["measured"] for g in trace.gains()]
    gain = math.exp(sum(math.log(g) for g in gains) / len(gains))
    rms = sum(g["rms_dphi"] for g in trace.gains()) / len(gains)
    saturated = trace.stats()[-1]["frac_saturated"]
    return feedback(
        answer,
        0.8 <= gain <= 1.25,
        f"at std {answer:g} the gradient changes by {gain:.2f} per layer. rms(sigmoid') is "
        f"{rms:.3f} here, not 0.25: larger weights push z out of the sigmoid's steep middle "
        f"({saturated:.0%} of layer 5 saturated), so std must be larger than "
        "1 / (sqrt(n) * 0.25) suggests.",
        f"at std {answer:g} the measured gain is {gain:.2f} per layer (wanted 0.8 to 1.25); "
        + ("raise std." if gain < 0.8 else "lower std."),
    )


# -- 04: Xavier/Glorot initialisation for sigmoid and tanh -------------------------------


def check_xavier_std(answer: object) -> Verdict:
    """std of xavier_normal weights (gain 1) for a layer with 100 inputs and 300 outputs."""
    from .inits import init_weights
    from .models import build_mlp

    model = init_weights(build_mlp(1, 300, "linear", in_features=100), "xavier_normal")
    truth = model[0].weight.std().item()
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        f"the weights' measured std is {truth:.4f}, sqrt(2 / (100 + 300)) = "
        f"{math.sqrt(2 / 400):.4f}: the fan-in and the fan-out both count.",
        "Xavier's variance is 2 / (n_in + n_out); the standard deviation is its square root.",
    )


def check_sigmoid_xavier_gain(answer: object) -> Verdict:
    """The measured backward gain per layer, averaged, for the blog's sigmoid net under Xavier."""
    from .experiments import run_experiment

    gains = [g["measured"] for g in run_experiment(scheme="xavier_normal").gains()]
    truth = sum(gains) / len(gains)
    return feedback(
        answer,
        close(answer, truth, rel=0.05),
        f"the gradient's spread is multiplied by about {truth:.3f} at each step back, under "
        "the 1/4 that sigmoid's largest slope allows: at least 4-fold smaller per layer.",
        "average the 'measured' entries of trace.gains() for "
        "il.run_experiment(scheme='xavier_normal'); a gain is a factor such as 0.5.",
    )


def check_tanh_unit_variance_gain(answer: object) -> Verdict:
    """The gain g with g^2 E[tanh(z)^2] = 1 for z ~ N(0, 1)."""
    from .theory import activation_moments

    truth = 1 / math.sqrt(activation_moments("tanh", 1.0)["second_moment"])
    if close(answer, 5 / 3, rel=0.005):
        return feedback(
            answer,
            False,
            "",
            f"{5 / 3:.3f} (5/3) is PyTorch's rounder, slightly larger choice; compute "
            "1 / sqrt(E[tanh(z)^2]) with z = torch.randn(1_000_000).",
        )
    return feedback(
        answer,
        close(answer, truth, rel=0.01),
        f"g = 1 / sqrt(E[tanh(z)^2]) = {truth:.3f}, a little below PyTorch's 5/3 = {5 / 3:.3f}.",
        "compute E[tanh(z)^2] for z = torch.randn(1_000_000), then 1 / its square root.",
    )


# -- 06: the playground ----------------------------------------------------------------


def check_tanh_steady_std(answer: object) -> Verdict:
    """A normal std under which tanh's layer-10 spread is within 20% of layer 1's."""
    from .experiments import run_experiment

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
    from .experiments import run_experiment
    from .inits import INIT_SCHEMES

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
    from .experiments import run_experiment

    stats = run_experiment(activation="linear", std=0.05, depth=30, backward=False).stats()
    truth = next(s["layer"] for s in stats if s["std"] < 1e-3)
    return feedback(
        answer,
        isinstance(answer, int) and abs(answer - truth) <= 1,
        f"layer {truth}: each layer multiplies the spread by sqrt(100) * 0.05 = 0.5, "
        "and 0.5^10 is about 1e-3.",
        "each layer multiplies the spread by sqrt(n) * std; how many halvings reach 1e-3?",
    )


# -- 05: He/Kaiming initialisation for ReLU ----------------------------------------------


def check_relu_second_moment_ratio(answer: object) -> Verdict:
    """E[h_1^2] / Var(z_1) for layer 1 of the blog's network with ReLU under He."""
    from .experiments import run_experiment

    trace = run_experiment(activation="relu", scheme="he_normal", backward=False)
    truth = (trace.activations[0].pow(2).mean() / trace.pre_activations[0].var()).item()
    return feedback(
        answer,
        close(answer, truth, abs_tol=0.02),
        f"the measured ratio is {truth:.3f}: ReLU keeps z^2 on the positive half and zeroes "
        "the other, so E[relu(z)^2] = Var(z) / 2.",
        "divide trace.activations[0].pow(2).mean() by trace.pre_activations[0].var(); "
        "think about which half of a symmetric z survives ReLU.",
    )


def check_he_over_xavier_depth30(answer: object) -> Verdict:
    """rms of layer 30's ReLU activations under He divided by that under Xavier, same seed."""
    from .experiments import run_experiment

    rms = [
        run_experiment(activation="relu", scheme=s, depth=30, backward=False)
        .activations[-1]
        .pow(2)
        .mean()
        .sqrt()
        .item()
        for s in ("he_normal", "xavier_normal")
    ]
    truth = rms[0] / rms[1]
    if close(answer, truth**2, rel=0.02):
        hint = "that is the ratio of second moments, E[h^2]; the rms is its square root."
    elif close(answer, truth / math.sqrt(2), rel=0.02):
        hint = "count the layers again: layer 1's weights are scaled by 1/sqrt(2) too."
    else:
        hint = "each layer's weights differ by a factor sqrt(2), and relu(c z) = c relu(z)."
    return feedback(
        answer,
        close(answer, truth, rel=0.02),
        f"the measured ratio is {truth:.0f} = sqrt(2)^30 = 2^15: one factor sqrt(2) per layer.",
        hint,
    )


def check_leaky_relu_gain(answer: object) -> Verdict:
    """He's gain for a leaky ReLU with negative slope 0.2."""
    from torch.nn.init import calculate_gain

    truth = calculate_gain("leaky_relu", 0.2)
    return feedback(
        answer,
        close(answer, truth, rel=0.005),
        f"sqrt(2 / (1 + 0.2^2)) = {truth:.4f}, as calculate_gain('leaky_relu', 0.2) returns.",
        "E[phi(z)^2] = (1 + a^2) / 2 * Var(z) for slope a; the gain is 1 / sqrt of that factor.",
    )


# -- 01: zero and constant init, the symmetry problem ---------------------------------

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


def check_adam_keeps_symmetry(answer: object) -> Verdict:
    """Does Adam break the symmetry of a constant start? 'yes' or 'no', measured."""
    if answer is None:
        return feedback(answer, False, "", "")
    from .analysis import row_spread
    from .models import hidden_linears
    from .training import train_mlp

    run = {**SYMMETRY_RUN, "optimizer": "adam", "lr": None}
    result = train_mlp(scheme="constant", std=0.3, **run)
    spread = row_spread(hidden_linears(result.model)[0].weight)
    truth = "yes" if spread > 1e-6 else "no"
    return feedback(
        answer,
        str(answer).strip().lower() == truth,
        f"{truth}: after training with Adam the row spread of hidden layer 1 is {spread:.1e}. "
        "Adam rescales each weight's step by that weight's own gradient history, but equal "
        "gradients have equal histories, so the steps stay equal.",
        "train with optimizer='adam' and measure row_spread(hidden_linears(result.model)[0]"
        ".weight): 0 means the units are still copies.",
    )


def check_what_moves_zeros_tanh(answer: object) -> Verdict:
    """Which parameters are no longer all zero after training tanh from all-zero weights?"""
    if answer is None:
        return feedback(answer, False, "", "")
    from .training import train_mlp

    run = {**SYMMETRY_RUN, "activation": "tanh"}
    model = train_mlp(scheme="zeros", **run).model
    truth = {n for n, p in model.named_parameters() if bool((p != 0).any())}
    shown = ", ".join(sorted(truth)) or "none"
    return feedback(
        answer,
        _names(answer) == truth,
        f"only {shown}. tanh(0) = 0, so every hidden output is 0: the read-out's weights get "
        "the gradient (p - y) * h = 0, the error sent back through them is 0, and only the "
        "read-out's bias learns: the network can learn the class frequencies, nothing more.",
        "give a list of names, e.g. ['4.bias']; train with train_mlp(activation='tanh', "
        "scheme='zeros', depth=2, width=32, lr=0.5) and list the parameters p of "
        "result.model.named_parameters() with (p != 0).any().",
    )


def check_zeros_wake_up_step(answer: object) -> Verdict:
    """Sigmoid, all-zero weights, 4 hidden layers: the step at which layer 1 first moves."""
    if answer is None:
        return feedback(answer, False, "", "")
    from .models import hidden_linears
    from .training import Trainer

    trainer = Trainer(scheme="zeros", **{**SYMMETRY_RUN, "depth": 4, "steps": 20})
    truth = None
    for step in range(1, trainer.steps + 1):
        trainer.step(1)
        if bool((hidden_linears(trainer.model)[0].weight.grad != 0).any()):
            truth = step
            break
    return feedback(
        answer,
        truth is not None and close(answer, truth, rel=0.0, abs_tol=0.0),
        f"step {truth}: at step 1 only the read-out learns; each step wakes one more layer, "
        "from the top down (hidden 4 at step 2, hidden 3 at step 3, ...).",
        "count: at step 1 the read-out is 0, so no hidden layer gets a gradient; at step 2 "
        "the read-out is not 0 any more. Which layer can move at step 2, which at step 3?",
    )


# -- 08: theory you can touch: predicted vs measured, the edge of chaos, orthogonal init --


def check_sigmoid_backward_sigma_w2(answer: object) -> Verdict:
    """The sigma_w2 at which a sigmoid layer keeps the gradient's spread, at q = 1."""
    from .theory import backward_gain, forward_gain

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
    from .theory import chi1, critical_sigma_w2

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


# -- 07: training consequences -----------------------------------------------------------


def _final_losses(activation: str, depth: int, schemes: dict[str, dict]) -> dict[str, float]:
    from .experiments import torch_threads
    from .training import train_mlp

    with torch_threads(1):
        return {
            name: train_mlp(activation=activation, depth=depth, **kw).final_loss()
            for name, kw in schemes.items()
        }


def check_deep_relu_winner(answer: object) -> Verdict:
    """Which of xavier_normal and he_normal trains a 30-layer ReLU network with plain SGD?"""
    if answer is None:
        return feedback(answer, False, "", "")
    losses = _final_losses(
        "relu",
        30,
        {"xavier_normal": {"scheme": "xavier_normal"}, "he_normal": {"scheme": "he_normal"}},
    )
    truth = min(losses, key=losses.get)
    return feedback(
        answer,
        answer == truth,
        f"{truth}: final loss {losses[truth]:.2f} against "
        + ", ".join(f"{k} {v:.2f}" for k, v in losses.items() if k != truth)
        + ". Xavier halves the signal's second moment at every ReLU layer.",
        "answer 'xavier_normal' or 'he_normal'; think of what ReLU does to half the units.",
    )


def check_sigmoid_sgd_best(answer: object) -> Verdict:
    """Among zeros, N(0, 1), N(0, 0.01^2) and Xavier, which trains the blog's sigmoid net best?"""
    if answer is None:
        return feedback(answer, False, "", "")
    options = {
        "zeros": {"scheme": "zeros"},
        "normal_1": {"scheme": "normal", "std": 1.0},
        "normal_0.01": {"scheme": "normal", "std": 0.01},
        "xavier_normal": {"scheme": "xavier_normal"},
    }
    if answer not in options:
        return feedback(answer, False, "", f"choose one of: {', '.join(options)}.")
    losses = _final_losses("sigmoid", 5, options)
    truth = min(losses, key=losses.get)
    return feedback(
        answer,
        answer == truth,
        f"{truth} (final loss {losses[truth]:.2f}): its backward gain per layer is near 1, "
        "the others' far below.",
        f"the lowest final loss was {truth}'s ({losses[truth]:.2f}); compare the backward "
        "gains of notebooks 02 to 04.",
    )
