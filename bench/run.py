"""The performance benchmark: how fast a slider move becomes a new picture.

Prints one table of medians; each figure is also given as a ratio against a baseline
measured in the same run (machines are shared and noisy: compare ratios, not runs).

    python bench/run.py            # everything
    python bench/run.py --quick    # in-kernel parts only (no browser, no notebooks)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402

import initlab_utils as il  # noqa: E402
from initlab_utils.experiments import torch_threads  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# name: (explore() keyword arguments, whether gradients are drawn)
SETTINGS = {
    "blog set-up, activations only": dict(gradients=False),
    "playground default, with gradients": dict(
        activation="tanh", scheme="xavier_normal", depth=10, table=True
    ),
    "largest slider setting": dict(
        activation="tanh", scheme="normal", std=0.1, depth=50, width=200, table=True
    ),
}
# Each timed move sets the seed control: every scheme redraws on it, at the same cost as
# a std or depth move that keeps the figure's layout.


def median_ms(fn, repeat: int) -> float:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def explorer_update(kwargs: dict, repeat: int) -> float:
    """Median time from setting a control to the new PNG being in the Image widget."""
    w = il.explore(**kwargs)
    return median_ms(lambda i: setattr(w.controls["seed"], "value", i + 1), repeat)


def naive_update(kwargs: dict, repeat: int) -> float:
    """The usual `interact` approach: a new figure, plt.hist per layer, PNG, every move."""
    gradients = kwargs.get("gradients", True)
    run = {k: v for k, v in kwargs.items() if k not in ("gradients", "table")}

    def once(i):
        trace = il.run_experiment(seed=i + 1, backward=gradients, **run)
        layers = il.plotting.shown_layers(trace.depth, 10)
        rows = 2 if gradients else 1
        fig, axes = plt.subplots(
            rows, len(layers), figsize=(1.6 * len(layers), 2 * rows), squeeze=False
        )
        for j, layer in enumerate(layers):
            axes[0][j].hist(trace.activations[layer - 1].flatten().numpy(), 40)
            if gradients:
                axes[1][j].hist(trace.gradients[layer - 1].abs().log10().flatten().numpy(), 40)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=80)
        plt.close(fig)

    return median_ms(once, repeat)


def compute_floor(kwargs: dict, repeat: int) -> float:
    """The forward (and backward) pass alone: the physical floor of an update."""
    gradients = kwargs.get("gradients", True)
    run = {k: v for k, v in kwargs.items() if k not in ("gradients", "table")}
    return median_ms(lambda i: il.run_experiment(seed=i + 1, backward=gradients, **run), repeat)


def import_times() -> tuple[float, float]:
    def seconds(code):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    return seconds("import initlab_utils"), seconds("import torch")


def browser_end_to_end() -> list[str]:
    """Key press to new figure, and drag release to final figure, in real Chromium."""
    out = ROOT / "bench" / "results" / "browser.json"
    out.parent.mkdir(exist_ok=True)
    out.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        str(ROOT / "tests/browser/bench_e2e.py"),
        "-q",
        "-o",
        "addopts=",
        "-p",
        "no:cacheprovider",
    ]
    proc = subprocess.run(
        cmd, env={**os.environ, "INITLAB_BENCH_OUT": str(out)}, capture_output=True, text=True
    )
    if not out.exists():
        tail = "\n".join(proc.stdout.splitlines()[-5:])
        return [f"Browser end to end: not measured (Chromium missing or failed):\n{tail}"]
    rows = ["| in the browser (median over 20 key presses; one 2 s drag) | ms |", "|---|---|"]
    rows += [f"| {name} | {value:.0f} |" for name, value in json.loads(out.read_text()).items()]
    return rows


def notebook_suite() -> list[tuple[str, float]]:
    import nbformat
    from nbclient import NotebookClient

    out = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        out.append((path.name, time.perf_counter() - start))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="in-kernel parts only")
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    lines = [
        f"Machine: {platform.machine()}, {torch.get_num_threads()} torch threads available, "
        f"Python {platform.python_version()}, torch {torch.__version__}, "
        f"matplotlib {matplotlib.__version__}",
        "",
        "| in-kernel update (median ms) | initlab | naive | naive / initlab | compute floor "
        "| initlab / floor |",
        "|---|---|---|---|---|---|",
    ]
    for name, kwargs in SETTINGS.items():
        repeat = args.repeat if "largest" not in name else max(5, args.repeat // 4)
        ours = explorer_update(kwargs, repeat)
        with torch_threads(1):
            naive = naive_update(kwargs, repeat)
        floor = compute_floor(kwargs, repeat)
        lines.append(
            f"| {name} | {ours:.1f} | {naive:.1f} | {naive / ours:.1f}x | {floor:.1f} "
            f"| {ours / floor:.1f}x |"
        )
        print(lines[-1], flush=True)
    if not args.quick:
        lines += ["", *browser_end_to_end()]
        suite = notebook_suite()
        total = sum(s for _, s in suite)
        lines += [
            "",
            f"Notebook suite: {total:.0f} s in all ("
            + ", ".join(f"{n[:2]}: {s:.0f} s" for n, s in suite)
            + ").",
        ]
        ours_import, torch_import = import_times()
        lines.append(
            f"`import initlab_utils`: {ours_import:.2f} s, of which `import torch` "
            f"alone takes {torch_import:.2f} s ({ours_import / torch_import:.2f}x)."
        )
    print("\n".join(lines))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
