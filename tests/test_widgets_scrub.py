"""The scrubbing widget: a recorded run, then a step slider that shows each kept snapshot
as it was recorded (nothing re-run, the grid not redrawn in full), errors on the page."""

import asyncio

import ipywidgets as widgets
import pytest

import initlab_utils as il
from initlab_utils import i18n, snapshots
from initlab_utils.widgets import scrub
from initlab_utils.widgets.scrub import CHUNK, ScrubExplorer

PNG = b"\x89PNG"


def small(**kw):
    return il.scrub_training(**{"depth": 3, "steps": 30, **kw})


@pytest.fixture(scope="module")
def trained():
    w = small()
    w.train()
    return w


def test_controls_and_classes():
    w = small()
    assert isinstance(w, ScrubExplorer) and il.ScrubExplorer is ScrubExplorer
    assert set(w.controls) == {"activation", "scheme", "depth", "optimizer", "seed", "step"}
    for name, control in w.controls.items():
        assert f"initlab-{name}" in control._dom_classes, name
    assert isinstance(w.controls["step"], widgets.SelectionSlider)
    assert "initlab-step" in w.controls["step"]._dom_classes
    for button, css in [(w.train_button, "initlab-train"), (w.stop_button, "initlab-stop")]:
        assert css in button._dom_classes
    assert "initlab-scrub-explorer" in w._dom_classes
    assert w.settings() == dict(
        activation="relu",
        scheme="xavier_normal",
        depth=3,
        optimizer="sgd",
        seed=0,
        steps=30,
        lr=None,
    )
    # before a run: the network's step 0, and the slider has that step alone
    assert w.controls["step"].options == (0,)
    assert w.hist_image.value[:4] == PNG and w.lines_image.value[:4] == PNG
    assert "Press Train" in w.message.value


def test_a_run_offers_every_kept_step(trained):
    w = trained
    assert w.controls["step"].options == (0, 10, 30) and w.controls["step"].value == 30
    assert w.recorder.step_count == 30 and w.progress.value == 30
    assert "Done: kept at steps 0, 10, 30" in w.message.value
    assert not w.train_button.disabled and w.stop_button.disabled


def test_scrubbing_shows_the_recorded_trace_without_recomputing(trained, monkeypatch):
    w = trained

    def forbidden(*args, **kwargs):
        raise AssertionError("a slider move ran the network")

    for owner, name in [
        (snapshots, "loss_trace"),
        (snapshots.Recorder, "step"),
        (snapshots.Recorder, "__init__"),
        (snapshots.Trainer, "step"),
        (scrub, "Recorder"),
        (scrub, "Trainer"),
    ]:
        monkeypatch.setattr(owner, name, forbidden)
    shown = []
    update = w.grid.update
    monkeypatch.setattr(w.grid, "update", lambda trace: shown.append(trace) or update(trace))
    images = set()
    for step in (0, 10, 30, 10):
        w.controls["step"].value = step
        assert shown[-1] is w.recorder.snapshots[step]  # the stored object itself
        images.add((w.hist_image.value, w.lines_image.value))
    assert len(shown) == 4 and len(images) == 3
    assert "Error" not in w.message.value


def test_a_scrub_does_not_redraw_the_grid_or_the_curves_in_full(trained, monkeypatch):
    w = trained
    slider = w.controls["step"]
    for step in slider.options:  # each step's limits drawn once (cached from then on)
        slider.value = step
    draws = []
    monkeypatch.setattr(w.lines.canvas, "draw", lambda: draws.append("curves"))
    full = w.grid.full_draws
    for step in (0, 30, 10, 0, 30):
        slider.value = step
    assert w.grid.full_draws == full and draws == []


def test_bad_input_shows_in_the_message_line():
    w = small()
    w.controls["seed"].value = -1
    assert "seed must be &gt;= 0" in w.message.value
    assert w.train() is None
    assert "seed must be &gt;= 0" in w.message.value and not w.train_button.disabled
    w.controls["seed"].value = 2  # the controls keep working
    assert "Press Train" in w.message.value


def test_a_diverging_run_is_a_warning_and_keeps_its_steps():
    w = small(activation="linear", scheme="normal", lr=50.0)
    w.train()
    assert "diverged" in w.message.value and not w.train_button.disabled
    assert 0 in w.controls["step"].options


def test_in_a_running_loop_training_yields_and_stop_works():
    async def scenario():
        w = small(steps=200)
        task = w.train()
        assert task is not None  # handed to the event loop, not run inline
        await asyncio.sleep(0)
        w.stop()
        await task
        return w

    w = asyncio.run(scenario())
    assert CHUNK <= w.recorder.step_count < 200 and "Stopped at step" in w.message.value
    assert w.controls["step"].options == tuple(sorted(w.recorder.snapshots))
    assert not w.train_button.disabled and w.stop_button.disabled


def test_the_texts_follow_the_language():
    i18n.set_language("ko")
    try:
        w = small()
    finally:
        i18n.set_language("en")
    assert w.train_button.description == "학습" and w.stop_button.description == "정지"
    assert w.controls["step"].description == "스텝" and "스텝 0" in w.message.value
