"""explore_phase(): a marker on tanh's phase diagram and a deep network at that point."""

import io

import numpy as np
import pytest
from PIL import Image

import initlab_utils as il
from initlab_utils import (
    PhaseExplorer,
    explore_phase,
)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


# -- explore_phase -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def phase():
    return explore_phase(sigma_w2=1.5, sigma_b2=0.05, n_samples=200)


def test_phase_explorer_has_its_controls_and_classes(phase):
    assert set(phase.controls) == {"sigma_w2", "sigma_b2", "seed"}
    assert "initlab-sigma_w2" in phase.controls["sigma_w2"]._dom_classes
    assert "initlab-sigma_b2" in phase.controls["sigma_b2"]._dom_classes
    assert "initlab-figure" in phase.image._dom_classes
    assert "initlab-message" in phase.message._dom_classes
    assert phase.redraws == 1 and phase.trace.depth == 30
    assert list(phase.marker.get_xdata()) == [1.5] and list(phase.marker.get_ydata()) == [0.05]


def test_moving_a_slider_moves_the_marker_and_redraws(phase):
    before, count = phase.image.value, phase.redraws
    histograms = phase.histograms.value
    phase.controls["sigma_w2"].value = 3.0
    assert list(phase.marker.get_xdata()) == [3.0]
    assert phase.redraws == count + 1
    assert phase.image.value != before and phase.histograms.value != histograms
    assert "chaotic" in phase.readout.value and phase.entries["sigma_w2"].value == "3"
    xi_c = il.correlation_depth_scale("tanh", 3.0, 0.05)
    assert (
        f"ξ_c = {xi_c:.3g}" in phase.readout.value
        and f"{6 * xi_c:.0f} layers" in phase.readout.value
    )
    phase.controls["sigma_b2"].value = 0.2
    assert list(phase.marker.get_ydata()) == [0.2]
    measured = phase.dots.get_ydata()
    assert measured[0] == pytest.approx(phase.trace.stats()[0]["grad_std"])


def test_blitted_picture_equals_a_fresh_one(phase):
    phase.controls["sigma_w2"].value = 2.0
    phase.controls["sigma_b2"].value = 0.1
    fresh = PhaseExplorer(sigma_w2=2.0, sigma_b2=0.1, n_samples=200)
    assert np.array_equal(pixels(phase.image.value), pixels(fresh.image.value))


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("sigma_w2", "abc", "σ_w² (sigma_w2) must be a number, got &#x27;abc&#x27;"),
        ("sigma_w2", "-1", "σ_w² (sigma_w2) must be a finite number &gt; 0"),
        ("sigma_w2", "10", "σ_w² (sigma_w2) must be between 0.5 and 4 here"),
        ("sigma_b2", "-0.1", "σ_b² (sigma_b2) must be a finite number &gt;= 0"),
        ("sigma_b2", "nan", "σ_b² (sigma_b2) must be a finite number"),
        ("sigma_b2", "1", "σ_b² (sigma_b2) must be between 0 and 0.5 here"),
    ],
)
def test_bad_values_show_a_message_and_the_sliders_keep_working(phase, name, text, message):
    phase.entries[name].value = text
    assert message in phase.message.value
    before = phase.image.value
    phase.controls["sigma_w2"].value = 1.0 if phase.controls["sigma_w2"].value != 1.0 else 1.2
    assert phase.image.value != before and "Error" not in phase.message.value


def test_typed_good_value_moves_the_slider(phase):
    phase.entries["sigma_b2"].value = "0.3"
    assert phase.controls["sigma_b2"].value == pytest.approx(0.3)
    assert list(phase.marker.get_ydata()) == [pytest.approx(0.3)]


def test_errors_in_the_callback_reach_the_page(phase):
    phase.controls["seed"].value = -3
    assert "seed must be &gt;= 0" in phase.message.value
    phase.controls["seed"].value = 1
    assert "Error" not in phase.message.value


def test_bad_starting_values_raise():
    with pytest.raises(ValueError, match="sigma_w2 must be between"):
        explore_phase(sigma_w2=9.0)
    with pytest.raises(ValueError, match="depth must be between"):
        explore_phase(depth=500)
