"""explore_residual(): the residual stream's std per block, live, against theory."""

import numpy as np
import pytest
import torch

import initlab_utils as il
from initlab_utils import ResidualExplorer, explore_residual, i18n


@pytest.fixture
def w():
    return explore_residual(depth=8, width=40, n_samples=64)


def pictures(w) -> tuple[bytes, bytes]:
    return w.image.value, w.histograms.value


def test_controls_and_classes():
    w = explore_residual(n_samples=64)
    assert list(w.controls) == ["alpha", "inv_sqrt", "depth", "width", "norm", "zero_init", "seed"]
    for name, control in w.controls.items():
        assert f"initlab-{name}" in control._dom_classes
    assert set(w.entries) == {"alpha", "depth", "width"}
    assert "initlab-residual" in w._dom_classes and "initlab-explorer" not in w._dom_classes
    assert "initlab-figure" in w.image._dom_classes
    assert "initlab-histograms" in w.histograms._dom_classes
    assert "initlab-readout" in w.readout._dom_classes
    assert (w.controls["depth"].min, w.controls["depth"].max) == (1, 100)
    assert [v for _, v in w.controls["norm"].options] == ["none", "layer", "batch"]
    assert w.redraws == 1 and w.trace.depth == 20 and isinstance(w, il.ResidualExplorer)
    assert ResidualExplorer is il.ResidualExplorer


@pytest.mark.parametrize(
    "name, value",
    [
        ("alpha", 0.3),
        ("inv_sqrt", True),
        ("depth", 12),
        ("width", 60),
        ("norm", "layer"),
        ("norm", "batch"),
        ("zero_init", True),
        ("seed", 3),
    ],
)
def test_each_control_changes_what_is_drawn(w, name, value):
    before, count = pictures(w), w.redraws
    w.controls[name].value = value
    assert w.redraws == count + 1  # one move, one redraw (alpha following depth included)
    after = pictures(w)
    assert after[0] != before[0] and after[1] != before[1]
    assert "Error" not in w.message.value


def test_the_lines_are_the_measured_and_predicted_stds(w):
    stream = [a.std(correction=0).item() for a in w.trace.activations]
    grads = [g.std(correction=0).item() for g in w.trace.gradients]
    assert w.stream_line.get_ydata() == pytest.approx(stream, rel=1e-5)
    assert w.grad_line.get_ydata() == pytest.approx(grads, rel=1e-5)
    theory = il.predicted_stream_std("relu", 2.0, 8, alpha=1.0)
    assert w.theory_line.get_ydata() == pytest.approx(theory)
    assert list(w.stream_line.get_xdata()) == list(range(1, 9))
    assert all(ax.get_yscale() == "log" for ax in w.axes)
    assert f"Block 8: the stream&#x27;s std is {il.tables.fmt(stream[-1])} measured" in (
        w.readout.value
    )


def test_the_network_is_what_build_resnet_and_init_weights_make(w):
    w.controls["depth"].value = 12  # deeper: built
    w.controls["seed"].value = 2
    w.controls["depth"].value = 5  # shallower: the first blocks of the deeper one
    fresh = il.init_weights(il.build_resnet(5, 40, "relu"), "he_normal", seed=2)
    for a, b in zip(il.hidden_linears(w.model), il.hidden_linears(fresh), strict=True):
        assert torch.equal(a.weight, b.weight)
    x = il.make_input(64, 40, 2)
    assert torch.equal(w.trace.activations[-1], fresh(x))


def test_the_inverse_sqrt_box_sets_alpha_and_follows_depth(w):
    w.controls["inv_sqrt"].value = True
    assert w.controls["alpha"].value == pytest.approx(8**-0.5)
    assert w.controls["alpha"].disabled and w.entries["alpha"].disabled
    assert all(b.alpha == pytest.approx(8**-0.5) for b in il.blocks(w.model))
    count = w.redraws
    w.controls["depth"].value = 25
    assert w.redraws == count + 1
    assert w.controls["alpha"].value == pytest.approx(0.2)
    assert w.theory_line.get_ydata() == pytest.approx(
        il.predicted_stream_std("relu", 2.0, 25, alpha=0.2)
    )
    assert "α = 1/√25 = 0.2" in w.readout.value
    w.controls["inv_sqrt"].value = False
    assert not w.controls["alpha"].disabled and w.controls["alpha"].value == pytest.approx(0.2)


def test_norm_and_zero_init_reach_the_model(w):
    w.controls["norm"].value = "layer"
    assert all(isinstance(b.norm, torch.nn.LayerNorm) for b in il.blocks(w.model))
    w.controls["norm"].value = "batch"
    assert all(isinstance(b.norm, torch.nn.BatchNorm1d) for b in il.blocks(w.model))
    w.controls["norm"].value = "none"
    assert all(b.norm is None for b in il.blocks(w.model))
    w.controls["zero_init"].value = True
    assert all(b.gate.item() == 0 for b in il.blocks(w.model))
    # every block starts as the identity: the stream is its input, as theory says
    assert torch.equal(w.trace.activations[-1], w.trace.inputs)
    assert list(w.theory_line.get_ydata()) == [1.0] * 8
    assert "identity" in w.readout.value
    w.controls["zero_init"].value = False
    assert all(b.gate.item() == 1 for b in il.blocks(w.model))


def test_a_norm_keeps_the_stream_near_theory(w):
    w.controls["depth"].value = 30
    w.controls["norm"].value = "layer"
    measured, predicted = w.stream_line.get_ydata(), w.theory_line.get_ydata()
    assert np.allclose(measured, predicted, rtol=0.3)
    assert predicted[-1] == pytest.approx(np.sqrt(1 + 30 * (1 - 1 / np.pi)), rel=0.02)


@pytest.mark.parametrize(
    "name, typed, message",
    [
        ("alpha", "abc", "α (alpha) must be a number, got &#x27;abc&#x27;"),
        ("alpha", "-1", "α (alpha) must be a finite number &gt; 0"),
        ("alpha", "20", "α (alpha) must be between 0.01 and 10 here"),
        ("depth", "500", "depth must be"),
        ("width", "2.5", "width must be"),
    ],
)
def test_a_bad_typed_value_shows_in_the_message_line(w, name, typed, message):
    before = pictures(w)
    w.entries[name].value = typed
    assert message in w.message.value and "Error" in w.message.value
    assert pictures(w) == before
    w.controls["seed"].value = 5  # the controls keep working
    assert "Error" not in w.message.value and pictures(w) != before


def test_a_typed_good_value_moves_the_slider(w):
    w.entries["alpha"].value = "0.25"
    assert w.controls["alpha"].value == pytest.approx(0.25)
    assert all(b.alpha == pytest.approx(0.25) for b in il.blocks(w.model))


def test_an_overflowing_stream_warns_and_recovers():
    w = explore_residual(alpha=3.0, depth=100, width=40, n_samples=32)
    assert "Warning" in w.message.value and "overflowed" in w.message.value
    assert "overflowed" in w.readout.value
    assert np.isnan(w.stream_line.get_ydata()[-1])
    w.controls["norm"].value = "layer"
    assert w.message.value.count("Warning") == 0 and "Error" not in w.message.value


def test_a_move_draws_no_full_figure(w):
    w.controls["seed"].value = 1
    w.controls["seed"].value = 0  # both settings' backgrounds made
    lines, grid = w.full_draws, w.grid.full_draws
    for seed in (1, 0, 1, 0):
        w.controls["seed"].value = seed
    w.controls["alpha"].value = 0.99
    assert (w.full_draws, w.grid.full_draws) == (lines, grid)
    # a depth seen before is a cached background too
    w.controls["depth"].value = 9
    lines = w.full_draws
    w.controls["depth"].value = 8
    w.controls["depth"].value = 9
    assert w.full_draws == lines


def test_the_same_settings_draw_the_same_pixels(w):
    w.controls["seed"].value = 4
    w.controls["seed"].value = 0
    fresh = explore_residual(depth=8, width=40, n_samples=64)
    assert pictures(w) == pictures(fresh)


def test_bad_starting_values_raise():
    with pytest.raises(ValueError, match="depth must be"):
        explore_residual(depth=0)
    with pytest.raises(ValueError, match="norm"):
        explore_residual(norm="group")
    with pytest.raises(ValueError, match="zero_init must be True or False"):
        explore_residual(zero_init="yes")
    with pytest.raises(ValueError, match="alpha must be between"):
        explore_residual(alpha=20.0)


def test_korean_labels_and_readout():
    i18n.set_language("ko")
    try:
        w = explore_residual(depth=4, width=20, n_samples=16, zero_init=True)
    finally:
        i18n.set_language("en")
    assert w.controls["depth"].description == "깊이" and w.controls["seed"].description == "시드"
    labels = [label for label, _ in w.controls["norm"].options]
    assert labels == ["없음", "층 정규화", "배치 정규화"]
    assert "잔차 스트림" in w.readout.value and "블록 4" in w.readout.value
