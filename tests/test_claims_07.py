"""Notebook 07's claims about training, measured with the same calls it makes."""

import pytest

from initlab_utils.exercises import check_deep_relu_winner, check_sigmoid_sgd_best
from initlab_utils.training import CHANCE_LOSS, train_mlp

SIGMOID = {
    "zeros": dict(scheme="zeros"),
    "normal_1": dict(scheme="normal", std=1.0),
    "normal_0.01": dict(scheme="normal", std=0.01),
    "xavier_normal": dict(scheme="xavier_normal"),
}


def final(activation, depth, optimizer="sgd", **kw):
    r = train_mlp(activation=activation, depth=depth, optimizer=optimizer, **kw)
    return r.final_loss(), r


@pytest.fixture(scope="module")
def sigmoid_sgd():
    return {k: final("sigmoid", 5, **kw)[0] for k, kw in SIGMOID.items()}


def test_sigmoid_sgd_saturating_normal_beats_xavier(sigmoid_sgd):
    for stalled in ("zeros", "normal_0.01", "xavier_normal"):
        assert abs(sigmoid_sgd[stalled] - CHANCE_LOSS) < 0.02
    assert sigmoid_sgd["normal_1"] < CHANCE_LOSS - 0.4


def test_sigmoid_weight_gradients_follow_the_backward_gain():
    xavier = final("sigmoid", 5, **SIGMOID["xavier_normal"])[1].first_step_grad_norms
    tiny = final("sigmoid", 5, **SIGMOID["normal_0.01"])[1].first_step_grad_norms
    big = final("sigmoid", 5, **SIGMOID["normal_1"])[1].first_step_grad_norms
    assert 0.25**4 / 4 < xavier[0] / xavier[-1] < 0.25**4 * 4 * 2
    assert tiny[0] / tiny[-1] < 1e-5
    assert big[0] / big[-1] > 0.05


def test_adam_lets_xavier_leave_chance_but_not_zeros(sigmoid_sgd):
    adam = {k: final("sigmoid", 5, "adam", **kw)[0] for k, kw in SIGMOID.items()}
    assert adam["xavier_normal"] < CHANCE_LOSS - 0.5
    assert abs(adam["zeros"] - CHANCE_LOSS) < 0.05
    assert min(adam, key=adam.get) == "normal_1" == min(sigmoid_sgd, key=sigmoid_sgd.get)


def test_tanh_xavier_is_clearly_best():
    losses = {
        "xavier": final("tanh", 5, scheme="xavier_normal")[0],
        "normal_1": final("tanh", 5, scheme="normal", std=1.0)[0],
        "normal_0.01": final("tanh", 5, scheme="normal", std=0.01)[0],
    }
    assert losses["xavier"] < 0.5 * min(losses["normal_1"], losses["normal_0.01"])
    assert losses["xavier"] < 0.5


def test_relu_shallow_both_learn_deep_only_he():
    assert final("relu", 5, scheme="xavier_normal")[0] < 1.0
    assert final("relu", 5, scheme="he_normal")[0] < 1.0
    assert abs(final("relu", 5, scheme="normal", std=0.01)[0] - CHANCE_LOSS) < 0.02
    xavier_loss, xavier = final("relu", 30, scheme="xavier_normal")
    he_loss, he = final("relu", 30, scheme="he_normal")
    assert abs(xavier_loss - CHANCE_LOSS) < 0.02 and he_loss < CHANCE_LOSS - 1.0
    # Every one of Xavier's weight gradients is far smaller than He's.
    assert max(xavier.first_step_grad_norms) < 1e-2 * min(he.first_step_grad_norms)


def test_checks_follow_the_measurements():
    assert check_deep_relu_winner("he_normal") and not check_deep_relu_winner("xavier_normal")
    assert check_sigmoid_sgd_best("normal_1") and not check_sigmoid_sgd_best("xavier_normal")
    assert "choose one of" in repr(check_sigmoid_sgd_best("xavier"))
    assert "No answer yet" in repr(check_deep_relu_winner(None))
