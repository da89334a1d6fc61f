"""Every control of the explorers notebooks 10 and 11 add, timed as bench/run.py times
explore()'s: the first visit of a setting, the median of repeat visits, and a naive redraw
(a new figure per move) and the compute floor of the same setting, measured in the same run.
"""

from __future__ import annotations

import io
import statistics
import time

import matplotlib.pyplot as plt

import initlab_utils as il
from initlab_utils.threads import torch_threads

# (control, a, b): start at a, time the first move to b, then back and forth; b None: a
# new seed on every move. The residual explorer's defaults: 20 blocks of 100 units.
RESIDUAL_MOVES = [
    ("alpha", 1.0, 10**-0.3),
    ("inv_sqrt", False, True),
    ("depth", 20, 21),
    ("depth", 29, 30),
    ("width", 100, 110),
    ("norm", "none", "layer"),
    ("zero_init", False, True),
    ("seed", 0, None),
]
SCRUB_RUN = dict(activation="relu", scheme="xavier_normal", depth=30, steps=100)


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return 1000 * (time.perf_counter() - start)


def value(a, b, i: int):
    return a + 1 + i if b is None else (b if i % 2 == 0 else a)


def stream(s: dict, n_samples: int) -> il.Trace:
    """The residual explorer's computation alone: build, initialise, run forward and back."""
    model = il.init_weights(
        il.build_resnet(s["depth"], s["width"], "relu", alpha=s["alpha"], norm=s["norm"]),
        "he_normal",
        seed=s["seed"],
    )
    if s["zero_init"]:
        il.zero_init_residual(model)
    return il.capture_stream(model, il.make_input(n_samples, s["width"], s["seed"]))


def naive_figure(traces: list[il.Trace], panels: list[list]) -> None:
    """A new figure per move: line plots and plt.hist per panel, saved as PNG."""
    fig, axes = plt.subplots(2, max(2, len(panels)), figsize=(10, 5))
    for ax, t in zip(axes[0], traces):
        ax.semilogy([a.std().item() for a in t.activations])
    for ax, values in zip(axes[1], panels):
        ax.hist(values, 40)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)


def naive_residual(s: dict, n_samples: int) -> None:
    """The same setting the usual way: compute, then a new figure with plt.hist."""
    t = stream(s, n_samples)
    picked = t.activations[:: max(1, t.depth // 5)][:5]
    naive_figure([t, t], [p.flatten().numpy() for p in picked])


def residual_rows(repeat: int) -> list[dict]:
    rows = []
    for name, a, b in RESIDUAL_MOVES:
        w = il.explore_residual(**{name: a})
        ours, naive, floor = [], [], []
        for i in range(repeat + 1):
            ours.append(timed(setattr, w.controls[name], "value", value(a, b, i)))
            if "Error" in w.message.value:
                raise RuntimeError(f"{name} {a} -> {b}: {w.message.value}")
            s = w.settings()
            with torch_threads(1):
                floor.append(timed(stream, s, w.n_samples))
                if i % 3 == 0:
                    naive.append(timed(naive_residual, s, w.n_samples))
        to = "new seed" if b is None else f"{b:.3g}" if isinstance(b, float) else b
        rows.append(
            dict(
                setup="notebook 11: explore_residual()",
                name=name,
                move=f"{name} {a} -> {to}" if b is None else f"{name} {a} <-> {to}",
                first=ours[0],
                ours=statistics.median(ours[1:]),
                naive=statistics.median(naive),
                floor=statistics.median(floor),
            )
        )
    return rows


def scrub_rows(repeat: int) -> list[dict]:
    """The step slider of scrub_training() after a recorded run: a stored trace shown."""
    w = il.scrub_training(**SCRUB_RUN)
    w.train()  # no event loop here: the whole run at once
    steps = w.recorded_steps()
    a, b = steps[1], steps[2]
    ours, naive = [], []
    for i in range(repeat + 1):
        step = value(a, b, i)
        ours.append(timed(setattr, w.controls["step"], "value", step))
        if i % 3 == 0:
            trace = w.recorder.snapshots[step]
            layers = il.histograms.shown_layers(trace.depth, 5)
            panels = [trace.activations[k - 1].flatten().numpy() for k in layers]
            naive.append(timed(naive_figure, [trace, trace], panels))
    return [
        dict(
            setup="notebook 10: scrub_training(), after a run",
            name="step",
            move=f"step {a} <-> {b}",
            first=ours[0],
            ours=statistics.median(ours[1:]),
            naive=statistics.median(naive),
            floor=None,  # nothing is computed: the trace was recorded during the run
        )
    ]


def measure_other(repeat: int) -> list[dict]:
    return [*residual_rows(max(6, repeat // 2)), *scrub_rows(repeat)]
