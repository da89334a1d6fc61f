"""Every init scheme against its analytic variance and against torch.nn.init itself."""

import math

import pytest
import torch
from torch import nn

import initlab_utils as il
from initlab_utils import INIT_SCHEMES

N = 1000  # wide enough that a sample variance is within a few percent


def weight(scheme, activation="relu", n_in=N, n_out=N, **kw):
    model = il.build_mlp(1, n_out, activation, in_features=n_in)
    il.init_weights(model, scheme, **kw)
    return model[0].weight.detach()


# (scheme, activation, keyword arguments, analytic variance for a n_in x n_out layer)
ANALYTIC = [
    ("normal", "sigmoid", {}, lambda i, o: 1.0),
    ("normal", "sigmoid", {"std": 0.01}, lambda i, o: 1e-4),
    ("uniform", "tanh", {"std": 0.5}, lambda i, o: 0.25),
    ("xavier_normal", "tanh", {}, lambda i, o: 2 / (i + o)),
    ("xavier_uniform", "tanh", {}, lambda i, o: 2 / (i + o)),
    ("xavier_normal", "tanh", {"gain": "auto"}, lambda i, o: (5 / 3) ** 2 * 2 / (i + o)),
    ("he_normal", "relu", {}, lambda i, o: 2 / i),
    ("he_uniform", "relu", {}, lambda i, o: 2 / i),
    ("he_normal", "leaky_relu", {}, lambda i, o: 2 / (1 + 0.01**2) / i),
    ("lecun_normal", "selu", {}, lambda i, o: 1 / i),
    ("orthogonal", "linear", {}, lambda i, o: 1 / max(i, o)),  # orthonormal rows or columns
    ("pytorch_default", "relu", {}, lambda i, o: 1 / (3 * i)),
]


@pytest.mark.parametrize("scheme,activation,kw,var", ANALYTIC)
def test_variance_matches_the_formula(scheme, activation, kw, var):
    n_in, n_out = 800, 1200
    w = weight(scheme, activation, n_in=n_in, n_out=n_out, **kw)
    assert w.var().item() == pytest.approx(var(n_in, n_out), rel=0.03)
    assert abs(w.mean().item()) < 0.05 * math.sqrt(var(n_in, n_out))


TORCH_EQUIVALENT = {
    "normal": lambda w, g: nn.init.normal_(w, 0, 1, generator=g),
    "xavier_normal": lambda w, g: nn.init.xavier_normal_(w, generator=g),
    "xavier_uniform": lambda w, g: nn.init.xavier_uniform_(w, generator=g),
    "he_normal": lambda w, g: nn.init.kaiming_normal_(w, nonlinearity="relu", generator=g),
    "he_uniform": lambda w, g: nn.init.kaiming_uniform_(w, nonlinearity="relu", generator=g),
    "lecun_normal": lambda w, g: nn.init.kaiming_normal_(w, nonlinearity="linear", generator=g),
    "orthogonal": lambda w, g: nn.init.orthogonal_(w, generator=g),
}


@pytest.mark.parametrize("scheme", sorted(TORCH_EQUIVALENT))
def test_schemes_are_torch_nn_init(scheme):
    ours = weight(scheme, "relu", n_in=300, n_out=200, seed=7)
    ref = torch.empty(200, 300)
    TORCH_EQUIVALENT[scheme](ref, torch.Generator().manual_seed(7))
    torch.testing.assert_close(ours, ref)


def test_pytorch_default_is_what_nn_linear_does():
    model = il.build_mlp(1, 200, "relu", in_features=300, bias=True)
    il.init_weights(model, "pytorch_default", seed=3)
    state = torch.get_rng_state()
    torch.manual_seed(3)
    ref = nn.Linear(300, 200)
    torch.set_rng_state(state)
    bound = 1 / math.sqrt(300)
    for ours, theirs in [(model[0].weight, ref.weight), (model[0].bias, ref.bias)]:
        assert ours.abs().max() <= bound and theirs.abs().max() <= bound
        assert ours.var().item() == pytest.approx(theirs.var().item(), rel=0.15)


def test_he_default_gain_follows_the_activation():
    assert weight("he_normal", "relu").std().item() == pytest.approx(math.sqrt(2 / N), rel=0.02)
    leaky = nn.init.calculate_gain("leaky_relu", 0.01)
    assert weight("he_normal", "leaky_relu").std().item() == pytest.approx(
        leaky / math.sqrt(N), rel=0.02
    )


def test_zeros_and_constant():
    assert weight("zeros").abs().max().item() == 0
    assert torch.all(weight("constant", std=0.3) == 0.3)


def test_gelu_has_no_auto_gain():
    with pytest.raises(ValueError, match="no gain for activation 'gelu'"):
        weight("xavier_normal", "gelu", gain="auto")


def test_a_gain_is_read_off_the_model_only_when_needed():
    softplus = nn.Sequential(nn.Linear(20, 20), nn.Softplus())
    il.init_weights(softplus, "normal", std=0.1)  # no gain needed: any activation will do
    with pytest.raises(ValueError, match="not in the ACTIVATIONS registry"):
        il.init_weights(softplus, "he_normal")
    # A hand-built ReLU network gets He's ReLU gain, as build_mlp's does.
    hand = il.init_weights(nn.Sequential(nn.Linear(N, N), nn.ReLU()), "he_normal")
    assert hand[0].weight.std().item() == pytest.approx(math.sqrt(2 / N), rel=0.02)


def test_orthogonal_rows_are_orthonormal():
    w = weight("orthogonal", "linear", n_in=100, n_out=100)
    torch.testing.assert_close(w @ w.T, torch.eye(100), atol=1e-5, rtol=0)


def test_lsuv_gives_unit_variance_outputs():
    model = il.build_mlp(10, 100, "tanh")
    il.init_weights(model, "lsuv", seed=0)
    x = torch.randn(1000, 100, generator=torch.Generator().manual_seed(0))
    outs = []
    hooks = [
        m.register_forward_hook(lambda m, i, o: outs.append(o))
        for m in model
        if isinstance(m, nn.Linear)
    ]
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    for o in outs:
        assert abs(o.var().item() - 1) < 0.1


def test_biases_zero_unless_asked():
    model = il.build_mlp(2, 50, "tanh", bias=True)
    il.init_weights(model, "xavier_normal")
    assert all(m.bias.abs().max() == 0 for m in model if isinstance(m, nn.Linear))
    il.init_weights(model, "xavier_normal", bias_std=0.5)
    assert all(m.bias.std() > 0.3 for m in model if isinstance(m, nn.Linear))


def test_registry_lists_the_required_schemes():
    required = {
        "zeros",
        "constant",
        "normal",
        "uniform",
        "xavier_normal",
        "xavier_uniform",
        "he_normal",
        "he_uniform",
        "lecun_normal",
        "orthogonal",
        "pytorch_default",
    }
    assert required <= set(INIT_SCHEMES)
    assert {"sigmoid", "tanh", "relu", "leaky_relu", "gelu", "selu", "linear"} <= set(
        il.ACTIVATIONS
    )


# -- The registry's rows: one row holds all a scheme is ---------------------------------------


@pytest.mark.parametrize("name", sorted(INIT_SCHEMES))
def test_every_row_is_complete(name):
    s = INIT_SCHEMES[name]
    assert callable(s.fill) and s.description
    assert s.uses_std == (s.default_std is not None)
    if s.sigma_w2 is None:  # no theory: a reason, in words a student can read
        assert len(s.no_sigma_w2.split()) >= 5
        with pytest.raises(ValueError, match=f"{name!r} has no sigma_w2"):
            il.scheme_sigma_w2(name)
    else:
        assert not s.no_sigma_w2
        # sigma_w2 is what init_weights really draws: n Var(W) of a square layer.
        model = il.init_weights(il.build_mlp(1, N, "relu"), name, seed=0)
        measured = N * model[0].weight.var().item()
        assert il.scheme_sigma_w2(name, activation="relu", width=N) == pytest.approx(
            measured, rel=0.05
        )
    if s.uses_gain:  # its default gain is a number for every activation PyTorch has one for
        assert all(s.default_gain(a) > 0 for a in il.ACTIVATIONS)


def test_a_row_needs_its_theory_or_the_reason_it_has_none():
    fill = INIT_SCHEMES["normal"].fill
    with pytest.raises(ValueError, match="no_sigma_w2 saying why"):
        il.Scheme(fill, "no theory, no reason", sigma_w2=None)
    with pytest.raises(ValueError, match="no_sigma_w2 saying why"):
        il.Scheme(fill, "both", sigma_w2=lambda n, s, k: 1.0, no_sigma_w2="a reason")
