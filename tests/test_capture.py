"""capture(), Trace and run_experiment(): the seed's two experiments, measured."""

import math

import pytest
import torch

import initlab_utils as il
from initlab_utils.capture import READOUT_SEED, STAT_ORDER
from initlab_utils.experiments import MEMORY_BUDGET_BYTES, estimate_bytes


def test_experiment_2_collapses_onto_one_half():
    """Blog, experiment 2: with N(0, 0.01^2) weights activations gather at 0.5."""
    trace = il.run_experiment(std=0.01)
    for s in trace.stats():
        assert s["frac_saturated"] == 0
        assert abs(s["mean"] - 0.5) < 0.01 and s["std"] < 0.03
    # Beyond layer 1 a unit gives (almost) the same value for every sample.
    assert all(s["unit_std"] < 1e-3 for s in trace.stats()[1:])


def test_gains_predict_the_measured_gradient_ratio():
    for std, gain in [(1.0, 1.0), (0.01, 0.025)]:
        for g in il.run_experiment(std=std).gains():
            assert g["measured"] == pytest.approx(g["predicted"], rel=0.1)
            assert g["measured"] == pytest.approx(gain, rel=0.15)


def test_he_keeps_relu_spread_and_xavier_lets_it_shrink():
    def ratio(scheme, seed):
        s = il.run_experiment(activation="relu", scheme=scheme, depth=30, seed=seed).stats()
        return s[-1]["std"] / s[0]["std"]

    # He holds the spread in expectation; at width 100 each network drifts a little
    # (a random walk in log scale), so look at several seeds.
    he = [ratio("he_normal", seed) for seed in range(5)]
    assert all(0.1 < r < 10 for r in he)
    assert 0.5 < math.prod(he) ** (1 / len(he)) < 2
    # Xavier halves the second moment at every layer: 2^-15 in std after 30 layers.
    assert all(ratio("xavier_normal", seed) < 1e-3 for seed in range(2))


def test_gradient_is_of_the_documented_loss():
    model = il.build_mlp(3, 20, "tanh")
    il.init_weights(model, "xavier_normal", seed=1)
    x = torch.randn(50, 20, generator=torch.Generator().manual_seed(0))
    trace = il.capture(model, x)
    r = torch.randn(50, 20, generator=torch.Generator().manual_seed(READOUT_SEED))
    torch.testing.assert_close(trace.gradients[-1], r)
    # One step back by hand: dL/dh_2 = (tanh'(z_3) * dL/dh_3) W_3
    w3 = model[4].weight
    by_hand = ((1 - torch.tanh(trace.pre_activations[2]) ** 2) * r) @ w3
    torch.testing.assert_close(trace.gradients[1], by_hand.detach())


@pytest.mark.parametrize(
    "settings",
    [dict(), dict(activation="tanh", std=0.5, bias=True), dict(activation="relu", std=0.25)],
)
def test_weight_gradient_is_what_autograd_gives_sgd(settings):
    """Trace.weight_gradient(i) = h_(l-1)^T (phi'(z_l) * dL/dh_l): the .grad of layer l's
    weights (transposed) for the documented loss L = sum(r * h_L)."""
    settings = dict(activation="sigmoid", std=1.0) | settings
    model = il.build_mlp(4, 30, settings["activation"], bias=settings.get("bias", False))
    il.init_weights(model, "normal", std=settings["std"], seed=2)
    x = torch.randn(200, 30, generator=torch.Generator().manual_seed(1))
    trace = il.capture(model, x)
    r = torch.randn(200, 30, generator=torch.Generator().manual_seed(READOUT_SEED))
    (model(x) * r).sum().backward()
    for i, layer in enumerate(il.hidden_linears(model)):
        torch.testing.assert_close(trace.weight_gradient(i), layer.weight.grad.T)


def test_weight_gradient_needs_gradients():
    trace = il.run_experiment(backward=False, depth=2, width=10, n_samples=20)
    with pytest.raises(ValueError, match="needs gradients"):
        trace.weight_gradient(1)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_saturated_per_unit_averages_to_frac_saturated(activation):
    trace = il.run_experiment(activation=activation, std=1.0, width=50, n_samples=300)
    for i, s in enumerate(trace.stats()):
        per_unit = trace.saturated_per_unit(i)
        assert per_unit.shape == (50,)
        assert per_unit.mean().item() == pytest.approx(s["frac_saturated"], abs=1e-6)
    if activation == "relu":  # unbounded: never saturated
        assert all(bool((trace.saturated_per_unit(i) == 0).all()) for i in range(trace.depth))


def test_capture_leaves_the_model_unchanged():
    model = il.build_mlp(4, 30, "relu", bias=True)
    il.init_weights(model, "he_normal")
    before = {k: v.clone() for k, v in model.state_dict().items()}
    model.train()
    il.capture(model, torch.randn(10, 30))
    assert all(len(m._forward_hooks) == 0 for m in model.modules())
    assert all(p.grad is None for p in model.parameters())
    assert model.training
    for k, v in model.state_dict().items():
        assert torch.equal(v, before[k])


def test_hooks_removed_even_on_error():
    model = il.init_weights(il.build_mlp(2, 10, "relu"), "he_normal")
    with pytest.raises(RuntimeError):
        il.capture(model, torch.randn(5, 7))  # wrong input width
    assert all(len(m._forward_hooks) == 0 for m in model.modules())


def test_linear_activation_keeps_layers_apart():
    trace = il.run_experiment(activation="linear", scheme="lecun_normal", depth=3)
    assert trace.gradients[0] is not trace.gradients[1]
    assert not torch.equal(trace.activations[0], trace.activations[1])


def test_determinism_and_the_global_rng():
    state = torch.get_rng_state()
    a = il.run_experiment(activation="tanh", scheme="xavier_uniform", seed=5)
    b = il.run_experiment(activation="tanh", scheme="xavier_uniform", seed=5)
    c = il.run_experiment(activation="tanh", scheme="xavier_uniform", seed=6)
    assert torch.equal(torch.get_rng_state(), state)
    for x, y in zip(a.activations + a.gradients, b.activations + b.gradients):
        assert torch.equal(x, y)
    assert not torch.equal(a.activations[0], c.activations[0])


def test_overflow_is_reported_not_raised():
    trace = il.run_experiment(activation="linear", std=10.0, depth=50)
    stats = trace.stats()
    assert stats[0]["finite"] and not stats[-1]["finite"]
    assert math.isnan(stats[-1]["std"])
    assert set(stats[-1]) >= {"mean", "std", "frac_saturated", "frac_dead", "finite"}


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"std": -1.0}, "std must be a finite number > 0, got -1.0"),
        ({"std": 0}, "std must be a finite number > 0"),
        ({"std": float("nan")}, "std must be a finite number > 0, got nan"),
        ({"std": float("inf")}, "std must be a finite number > 0, got inf"),
        ({"depth": 0}, "depth must be >= 1, got 0"),
        ({"width": 0}, "width must be >= 1, got 0"),
        ({"n_samples": 0}, "n_samples must be >= 1, got 0"),
        ({"depth": 2.5}, "depth must be a whole number"),
        ({"seed": -1}, "seed must be >= 0"),
        ({"activation": "sigmod"}, "unknown activation 'sigmod'; choose one of: sigmoid, tanh"),
        ({"scheme": "xavir"}, "unknown scheme 'xavir'; choose one of: zeros, constant"),
        ({"scheme": "he_normal", "std": 0.1}, "scheme 'he_normal' sets its own scale"),
        ({"scheme": "normal", "gain": 2.0}, "scheme 'normal' takes no gain"),
        ({"bias": True, "bias_std": -1.0}, "bias_std must be a finite number >= 0"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, match):
    with pytest.raises(ValueError, match=match.replace("(", r"\(")):
        il.run_experiment(**kwargs)


def test_memory_budget_is_checked_before_allocating():
    assert estimate_bytes(5, 100, 1000) < MEMORY_BUDGET_BYTES
    with pytest.raises(ValueError, match=r"over the 512 MiB budget; lower depth, width"):
        il.run_experiment(depth=1000, width=5000, n_samples=100000)


def test_per_unit_statistics_wait_until_asked(monkeypatch):
    """A slider move draws the panels' labels only: no pass down every column for
    unit_std (the stats table asks for it, and then gets every key in the usual order)."""
    asked = []
    unit_std = il.Trace._unit_std
    monkeypatch.setattr(il.Trace, "_unit_std", lambda t, i: asked.append(i) or unit_std(t, i))
    trace = il.run_experiment(depth=12)
    il.HistogramGrid("sigmoid", gradients=True).update(trace)
    assert asked == [] and all("unit_std" not in s for s in trace._stats.values())
    full = trace.layer_stats(3)
    assert asked == [3]
    assert list(full) == [k for k in STAT_ORDER if k in full]
    assert list(trace.stats()[0]) == list(il.run_experiment(depth=12).stats()[0])


def test_what_a_trace_holds_is_its_own():
    """The input and read-out are kept between runs: changing a trace must not change
    the next run."""
    first = il.run_experiment(depth=3)
    kept = [first.inputs.clone(), first.gradients[-1].clone()]
    first.inputs.zero_()
    first.gradients[-1].zero_()
    again = il.run_experiment(depth=3)
    assert torch.equal(again.inputs, kept[0]) and torch.equal(again.gradients[-1], kept[1])
