"""explore_theory(): explore() with theory's histogram over every layer, and its readout."""

import io

import numpy as np
import pytest
from PIL import Image

from initlab_utils import (
    explore_theory,
)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


# -- explore_theory ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def theory_explorer():
    return explore_theory(depth=5)


def test_theory_explorer_draws_the_prediction(theory_explorer):
    ex = theory_explorer
    assert ex.redraws == 1 and ex.image.value[:4] == b"\x89PNG"
    assert "σ_w² = n·Var(W) = 1" in ex.readout.value
    pred = ex.grid.rows[0]["pred"][0].get_data().values
    assert pred.sum() == pytest.approx(1.0, abs=0.01)  # a histogram of the prediction
    assert "initlab-readout" in ex.readout._dom_classes


def test_theory_explorer_redraws_and_explains(theory_explorer):
    ex = theory_explorer
    before, count = ex.image.value, ex.redraws
    ex.controls["activation"].value = "sigmoid"
    assert ex.redraws == count + 1 and ex.image.value != before
    assert "one unit across the inputs" in ex.readout.value
    ex.controls["scheme"].value = "lsuv"
    assert "q_l = 1" in ex.readout.value
    ex.controls["scheme"].value = "constant"
    assert "No prediction" in ex.readout.value and ex._q is None
    ex.controls["scheme"].value = "normal"
    ex.entries["std"].value = "abc"
    assert "std must be a number" in ex.message.value
    ex.controls["std"].value = 0.1
    assert "Error" not in ex.message.value and "σ_w² = n·Var(W) = 1" in ex.readout.value
    ex.controls["seed"].value = -1
    assert "seed must be" in ex.message.value
    ex.controls["seed"].value = 0


def test_overflowing_layers_get_no_prediction_line_and_a_plain_readout():
    ex = explore_theory(activation="linear", scheme="normal", std=8.9, depth=50)
    assert "overflowed" in ex.readout.value and "nan" not in ex.readout.value
    row = ex.grid.rows[0]
    for bad, pred in zip(row["bad"], row["pred"]):
        if bad.get_text():  # an overflowed panel: nothing drawn for theory either
            assert not pred.get_visible() or not pred.get_data().values.any()
