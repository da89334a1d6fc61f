"""End-to-end timings in the real browser, for bench/run.py (not part of `make test`:
its name does not start with test_, so pytest collects it only when named).

Key press on the std slider -> new figure displayed, in JupyterLab and in the Voila app;
and a 2 s drag, then the time from release until the figure stops changing (backlog).
Writes a JSON file to $INITLAB_BENCH_OUT.
"""

from __future__ import annotations

import json
import os
import statistics
import time

import nbformat
from browser_helpers import (
    FIGURES_READY_JS,
    NEW_FIGURE_JS,
    ExplorerDriver,
    open_notebook,
    run_all_cells,
)
from test_browser_voila import voila_app  # noqa: F401 -- the fixture

MOVES = 20
RESULTS: dict[str, float] = {}


def record(name: str, value: float) -> None:
    RESULTS[name] = value
    out = os.environ.get("INITLAB_BENCH_OUT")
    if out:
        with open(out, "w") as f:
            json.dump(RESULTS, f, indent=1)


def key_press_ms(page, ex: ExplorerDriver) -> list[float]:
    """Median over MOVES presses, alternating direction, of press -> new image shown."""
    times = []
    for i in range(MOVES):
        before = ex.src()
        ex.handle.focus()
        start = time.perf_counter()
        ex.handle.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        page.wait_for_function(
            NEW_FIGURE_JS, arg=[ex.figure.element_handle(), before], polling="raf", timeout=60_000
        )
        times.append(1000 * (time.perf_counter() - start))
        page.wait_for_timeout(150)
    return times


def drag_backlog_ms(page, ex: ExplorerDriver) -> float:
    """Drag the std handle for 2 s, release; ms from release until the figure is final."""
    box = ex.handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    steps, start = 60, time.perf_counter()
    for i in range(steps):
        dx = 60 * (1 if (i // 15) % 2 == 0 else -1)  # back and forth
        page.mouse.move(x + dx * ((i % 15) / 15), y)
        while time.perf_counter() < start + 2.0 * (i + 1) / steps:
            page.wait_for_timeout(5)
    page.mouse.up()
    released = time.perf_counter()
    last_change, src = released, ex.src()
    while time.perf_counter() - last_change < 1.5:  # quiet for 1.5 s: no more backlog
        page.wait_for_timeout(10)
        now = ex.src()
        if now != src:
            src, last_change = now, time.perf_counter()
    return 1000 * (last_change - released)


def measure(page, prefix: str) -> None:
    ex = ExplorerDriver(page, page.locator(".initlab-explorer").first)
    ex.root.scroll_into_view_if_needed()
    ex.settle()
    ex.ensure_std_enabled()  # the playground starts on Xavier, which has no std
    times = key_press_ms(page, ex)
    record(f"{prefix} key press median ms", statistics.median(times))
    ex.settle()
    record(f"{prefix} drag release to final ms", drag_backlog_ms(page, ex))


def test_jupyterlab(lab, lab_page):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import initlab_utils as il\nil.explore()")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    (lab.root / "scratch").mkdir(exist_ok=True)
    nbformat.write(nb, lab.root / "scratch" / "bench.ipynb")
    open_notebook(lab_page, lab, "scratch/bench.ipynb")
    run_all_cells(lab_page, nb)
    lab_page.wait_for_function(FIGURES_READY_JS, arg=".jp-NotebookPanel", timeout=60_000)
    measure(lab_page, "JupyterLab, blog set-up")


def test_voila(voila_app, page):  # noqa: F811 -- the imported fixture
    url, _ = voila_app
    page.goto(url, wait_until="domcontentloaded", timeout=240_000)
    page.wait_for_function(FIGURES_READY_JS, arg="body", timeout=180_000)
    measure(page, "Voila app, playground")
