"""The performance benchmark: how fast moving a control becomes a new picture.

Prints tables of medians. Each figure comes with a ratio against baselines measured in the
same run, because machines are shared and noisy: compare ratios, not runs. The baselines
are the naive redraw of the same settings (the usual `interact` approach: a new figure
and plt.hist per layer on every move) and the compute floor (building the network and
its forward and backward pass alone). Why the grid is built the way it is: bench/NOTES.md.

    python bench/run.py            # everything; the tables go to bench/results/latest.md
    python bench/run.py --quick    # in-kernel parts only (no browser, no notebooks)
    python bench/run.py --readme   # and write them into README.md's Speed section
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402

import initlab_utils as il  # noqa: E402
from initlab_utils.threads import torch_threads  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from other_explorers import measure_other  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# The seed's set-up, as explore() starts: sigmoid, N(0, 1), 5 layers of 100 units, 1000
# samples, gradients drawn.
BLOG = dict(activation="sigmoid", scheme="normal", std=1.0, depth=5, width=100, seed=0)
# (set-up name, explore() keyword arguments, moves). A move (control, a, b) starts an
# explorer at a, times the first switch to b (the first visit of b's layout), then the
# moves back and forth (repeat visits); b None: a new seed on every move.
SUITES = [
    (
        "seed's set-up, gradients",
        dict(BLOG),
        [
            ("std", 1.0, 10**0.05),  # one step of the slider
            ("depth", 5, 6),
            ("width", 100, 110),
            ("activation", "sigmoid", "tanh"),
            ("activation", "relu", "tanh"),
            ("scheme", "normal", "xavier_normal"),
            ("seed", 0, None),
        ],
    ),
    (
        "seed's set-up, activations only",
        dict(BLOG, gradients=False),
        [("std", 1.0, 10**0.05), ("depth", 5, 6), ("activation", "sigmoid", "tanh")],
    ),
    (
        "deeper, gradients",
        dict(BLOG),
        [("depth", 10, 11), ("depth", 20, 21), ("depth", 29, 30), ("depth", 5, 30)],
    ),
    (
        "playground default (table)",
        dict(activation="tanh", scheme="xavier_normal", depth=10, table=True),
        [("seed", 0, None)],
    ),
    (
        "largest slider setting",
        dict(activation="tanh", scheme="normal", std=0.1, depth=50, width=200, table=True),
        [("seed", 0, None)],
    ),
]


def value(a, b, i: int):
    """The control's value on move i (0: the first visit of b)."""
    if b is None:
        return a + 1 + i
    return b if i % 2 == 0 else a


def naive_redraw(settings: dict) -> None:
    """The usual `interact` approach: a new figure, plt.hist per layer, PNG, every move."""
    trace = il.run_experiment(**settings)
    layers = il.histograms.shown_layers(trace.depth, 10)
    rows = 2 if settings["backward"] else 1
    fig, axes = plt.subplots(
        rows, len(layers), figsize=(1.6 * len(layers), 2 * rows), squeeze=False
    )
    for j, layer in enumerate(layers):
        axes[0][j].hist(trace.activations[layer - 1].flatten().numpy(), 40)
        if settings["backward"]:
            axes[1][j].hist(trace.gradients[layer - 1].abs().log10().flatten().numpy(), 40)
        axes[0][j].set_title(f"layer {layer}")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)


def measure_move(kwargs: dict, name: str, a, b, repeat: int) -> dict:
    """Times from setting the control to the new PNG being in the Image widget: the first
    visit of b, then the median of the moves back and forth. Each move's compute floor and
    (every third move) naive redraw are timed right after it, with the same settings, so
    that all three see the same load on a shared machine."""
    w = il.explore(**{**kwargs, name: a})
    ours, naive, floor = [], [], []

    def timed(fn, *args, **kwargs) -> float:
        start = time.perf_counter()
        fn(*args, **kwargs)
        return 1000 * (time.perf_counter() - start)

    for i in range(repeat + 1):
        ours.append(timed(setattr, w.controls[name], "value", value(a, b, i)))
        if "Error" in w.message.value:
            raise RuntimeError(f"{name} {a} -> {b}: {w.message.value}")
        s = w.settings()
        with torch_threads(1):  # as the explorer computes
            floor.append(timed(il.run_experiment, **s))
            if i % 3 == 0:
                naive.append(timed(naive_redraw, s))
    med = statistics.median
    return dict(first=ours[0], ours=med(ours[1:]), naive=med(naive), floor=med(floor))


def measure(repeat: int) -> list[dict]:
    rows = []
    for setup, kwargs, moves in SUITES:
        n = max(6, repeat // 3) if setup.startswith(("deeper", "largest")) else repeat
        for name, a, b in moves:
            row = dict(setup=setup, name=name, **measure_move(kwargs, name, a, b, n))
            to = "new seed" if b is None else f"{b:.3g}" if isinstance(b, float) else b
            row["move"] = f"{name} {a} -> {to}" if b is None else f"{name} {a} <-> {to}"
            rows.append(row)
            print(table_row(row), flush=True)
    return rows


HEADER = [
    "| set-up | move | initlab (repeat visit) | first visit | naive | naive / initlab "
    "| naive / first visit | compute floor | initlab / floor |",
    "|---|---|---|---|---|---|---|---|---|",
]


def table_row(r: dict) -> str:
    floor = "-" if r["floor"] is None else f"{r['floor']:.1f}"
    over = "-" if r["floor"] is None else f"{r['ours'] / r['floor']:.1f}x"
    return (
        f"| {r['setup']} | {r['move']} | {r['ours']:.1f} | {r['first']:.1f} | {r['naive']:.1f} "
        f"| {r['naive'] / r['ours']:.1f}x | {r['naive'] / r['first']:.1f}x | {floor} | {over} |"
    )


def import_times() -> tuple[float, float]:
    def seconds(code):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    return seconds("import initlab_utils"), seconds("import torch")


def browser_end_to_end() -> dict | str:
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
        return f"Browser end to end: not measured (Chromium missing or failed):\n{tail}"
    if proc.returncode != 0:
        print("\n".join(proc.stdout.splitlines()[-30:]), file=sys.stderr)
    return json.loads(out.read_text())


def browser_table(results: dict) -> list[str]:
    """One row per control: JupyterLab (initlab, naive, ratio) and the Voila app."""
    lab, naive, voila = (results.get(k, {}) for k in ("JupyterLab", "JupyterLab naive", "Voila"))
    fmt = lambda d, k: f"{d[k]:.0f}" if k in d else "-"  # noqa: E731
    rows = [
        "| in the browser, median ms (20 key presses; 10 dropdown changes; one 2 s drag) "
        "| JupyterLab, seed's set-up | naive in JupyterLab | naive / initlab "
        "| Voila app, playground |",
        "|---|---|---|---|---|",
    ]
    for what in dict.fromkeys([*lab, *voila]):
        ratio = f"{naive[what] / lab[what]:.1f}x" if what in naive and what in lab else "-"
        rows.append(
            f"| {what} | {fmt(lab, what)} | {fmt(naive, what)} | {ratio} | {fmt(voila, what)} |"
        )
    return rows


def notebook_suite() -> list[tuple[str, float]]:
    import nbformat
    from nbclient import NotebookClient

    out = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        try:
            NotebookClient(
                nb,
                timeout=600,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
            ).execute()
        except Exception as err:  # noqa: BLE001 -- reported in the table, not fatal
            print(f"{path.name} failed: {type(err).__name__}", file=sys.stderr)
            out.append((path.name, float("nan")))
            continue
        out.append((path.name, time.perf_counter() - start))
    return out


def targets(rows: list[dict], browser: dict | str, suite_s: float | None = None) -> list[str]:
    """The targets of README's Speed section, each checked against this run."""
    blog = [r for r in rows if r["setup"] == "seed's set-up, gradients"]
    deep = [
        r
        for r in rows
        if r["setup"].startswith(("seed's set-up", "deeper")) and r["name"] == "depth"
    ]
    deep = [r for r in deep if r["setup"] != "seed's set-up, activations only"]
    std = [r for r in rows if r["setup"].startswith("seed's set-up") and r["name"] == "std"]
    ours = [r for r in rows if r["setup"].startswith(("seed's", "deeper"))]
    checks = [
        (
            "every control on the seed's set-up at most 25 ms and at least 5x faster than naive",
            all(r["ours"] <= 25 and r["naive"] / r["ours"] >= 5 for r in blog),
            ", ".join(
                f"{r['move']} {r['ours']:.0f} ms ({r['naive'] / r['ours']:.0f}x)" for r in blog
            ),
        ),
        (
            "depth changes up to 30 layers with gradients at most 80 ms",
            all(r["ours"] <= 80 for r in deep),
            f"slowest {max(r['ours'] for r in deep):.0f} ms",
        ),
        (
            "the std slider at most 10 ms",
            all(r["ours"] <= 10 for r in std),
            ", ".join(
                f"{r['setup'].split(', ')[1]} {r['ours']:.1f} ms (floor {r['floor']:.1f})"
                for r in std
            ),
        ),
        (
            "the first visit of a layout under 150 ms and no move slower than the naive redraw",
            all(r["first"] < 150 and r["first"] < r["naive"] for r in ours),
            f"slowest first visit {max(r['first'] for r in ours):.0f} ms",
        ),
    ]
    if isinstance(browser, dict):
        presses = {
            f"{where} {what}": v
            for where in ("JupyterLab", "Voila")
            for what, v in browser.get(where, {}).items()
            if "drag" not in what
        }
        drags = {
            f"{where} {what}": v
            for where in ("JupyterLab", "Voila")
            for what, v in browser.get(where, {}).items()
            if "drag" in what
        }
        if presses:
            slow = max(presses, key=presses.get)
            checks.append(
                (
                    "in the browser, a key press or a dropdown choice to the new figure "
                    "at most 100 ms",
                    all(v <= 100 for v in presses.values()),
                    f"slowest: {slow}, {presses[slow]:.0f} ms",
                )
            )
        if drags:
            slow = max(drags, key=drags.get)
            checks.append(
                (
                    "after a 2 s drag, the final figure within 300 ms of release",
                    all(v <= 300 for v in drags.values()),
                    f"slowest: {slow}, {drags[slow]:.0f} ms",
                )
            )
    for setup, limit in (("playground default (table)", 60), ("largest slider setting", 500)):
        ms = [r["ours"] for r in rows if r["setup"] == setup]
        if ms:
            checks.append(
                (f"{setup}: a move at most {limit} ms", max(ms) <= limit, f"{max(ms):.0f} ms")
            )
    other = [r for r in rows if r["setup"].startswith("notebook")]
    if other:
        light = [r for r in other if r["move"] != "depth 29 <-> 30"]
        checks.append(
            (
                "every control of notebooks 10 and 11's explorers at most 25 ms on their "
                "defaults (depth 30: 80 ms) and at least 5x faster than naive",
                all(r["ours"] <= 25 for r in light)
                and all(r["ours"] <= 80 for r in other)
                and all(r["naive"] / r["ours"] >= 5 for r in other),
                ", ".join(
                    f"{r['move']} {r['ours']:.0f} ms ({r['naive'] / r['ours']:.0f}x)" for r in other
                ),
            )
        )
    if suite_s is not None:
        checks.append(("the notebook suite under 3 minutes", suite_s < 180, f"{suite_s:.0f} s"))
    return [f"- {'met' if ok else '**missed**'}: {what} ({detail})." for what, ok, detail in checks]


def wrapped(lines: list[str], width: int = 92) -> list[str]:
    """Prose lines filled to `width` (bullets indented under their text); tables as they are."""
    out = []
    for line in lines:
        if line.startswith("|") or len(line) <= width:
            out.append(line)
        else:
            indent = "  " if line.startswith("- ") else ""
            out += textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False)
    return out


def write_readme(lines: list[str]) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in text or end not in text:
        raise SystemExit(f"README.md has no {start} ... {end} section to write into")
    body = "\n".join([start, *lines, end])
    readme.write_text(
        re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: body, text, flags=re.S)
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="in-kernel parts only")
    parser.add_argument("--readme", action="store_true", help="write the tables into README.md")
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    machine = (
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {torch.get_num_threads()} torch "
        f"threads available, Python {platform.python_version()}, torch {torch.__version__}, "
        f"matplotlib {matplotlib.__version__}"
    )
    print(machine, *HEADER, sep="\n", flush=True)
    rows = measure(args.repeat)
    for row in measure_other(args.repeat):
        print(table_row(row), flush=True)
        rows.append(row)
    lines = [
        f"Measured on {datetime.date.today()} with `make bench`. Times are medians in ms; the "
        "ratios compare with baselines measured in the same run, which is what to trust on a "
        "shared machine. *naive*: the usual `interact` approach, a new figure and `plt.hist` "
        "per layer on every move, for the same settings. *compute floor*: building the network "
        "and its forward and backward pass alone. *first visit*: the first move to a layout "
        "(number of panels, activation, limits) the grid has not drawn yet.",
        "",
        machine,
        "",
        *HEADER,
        *map(table_row, rows),
    ]
    browser: dict | str = "not measured (--quick)"
    total = None
    if not args.quick:
        browser = browser_end_to_end()
        lines += ["", *(browser_table(browser) if isinstance(browser, dict) else [browser])]
        suite = notebook_suite()
        total = sum(s for _, s in suite if s == s)
        lines += [
            "",
            f"Notebook suite: {total:.0f} s in all ("
            + ", ".join(f"{n[:2]}: {s:.0f} s" if s == s else f"{n[:2]}: failed" for n, s in suite)
            + ").",
        ]
        ours_import, torch_import = import_times()
        lines.append(
            f"`import initlab_utils`: {ours_import:.2f} s, of which `import torch` "
            f"alone takes {torch_import:.2f} s ({ours_import / torch_import:.2f}x)."
        )
    lines += ["", "Targets, checked in this run:", "", *targets(rows, browser, total)]
    lines = wrapped(lines)
    print("\n".join(lines))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text("\n".join(lines) + "\n")
    if args.readme:
        write_readme(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
