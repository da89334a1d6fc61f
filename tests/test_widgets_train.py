"""The live training widget: trains, reports, stops, and explains bad settings."""

import asyncio

from initlab_utils import train_explorer
from initlab_utils.widgets.train import CHUNK


def small(**kw):
    return train_explorer(**{"depth": 3, "steps": 50, **kw})


def test_train_runs_to_the_end_and_reports():
    w = small(activation="tanh", scheme="xavier_normal")
    before = w.loss_image.value
    w.train()
    assert w.progress.value == 50 and "Done" in w.message.value
    assert "test accuracy" in w.message.value
    assert w.loss_image.value != before and w.hist_image.value[:4] == b"\x89PNG"
    assert len(w.runs[w.label]) == 50
    assert not w.train_button.disabled and w.stop_button.disabled


def test_earlier_runs_stay_on_the_plot():
    w = small()
    w.train()
    w.controls["scheme"].value = "he_normal"
    w.train()
    assert len(w.runs) == 2
    w.clear()
    assert w.runs == {}


def test_bad_settings_are_explained():
    w = small()
    w.controls["seed"].value = -1
    assert w.train() is None
    assert "seed must be &gt;= 0" in w.message.value and not w.train_button.disabled


def test_divergence_is_a_warning_not_an_exception():
    w = small(activation="linear", scheme="normal", std=10.0, lr=1.0)
    w.train()
    assert "diverged" in w.message.value


def test_schemes_without_a_scale_disable_std():
    w = small(scheme="he_normal")
    assert w.controls["std"].disabled and w.settings()["std"] is None
    w.controls["scheme"].value = "normal"
    assert not w.controls["std"].disabled


def test_in_a_running_loop_training_yields_and_can_be_stopped():
    async def scenario():
        w = small(steps=200)
        task = w.train()
        assert task is not None  # handed to the event loop, not run inline
        await asyncio.sleep(0)
        w.stop()
        await task
        return w

    w = asyncio.run(scenario())
    assert CHUNK <= w.progress.value < 200 and "stopped early" in w.message.value


def test_step0_histograms_show_before_training_and_follow_the_controls():
    w = small()
    first = w.hist_image.value
    assert first[:4] == b"\x89PNG"
    w.controls["depth"].value = 6
    assert w.hist_image.value != first
    w.controls["seed"].value = -3
    assert "seed must be" in w.message.value
