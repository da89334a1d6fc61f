"""End-to-end timings in the real browser, for bench/run.py (not part of `make test`:
its name does not start with test_, so pytest collects it only when named).

For each control of the explorer (the std, depth and width sliders, the activation
dropdown): a key press (or a choice in the dropdown) -> the new figure displayed, in
JupyterLab and in the Voila app; and a 2 s drag of the std and depth sliders, then the
time from release until the figure stops changing (the backlog). In JupyterLab the same
key presses on a naive `interactive` widget (a new figure and plt.hist per layer), in the
same page and run, give the baseline. Writes a JSON file to $INITLAB_BENCH_OUT.
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

MOVES = 20  # key presses per slider
CHOICES = 10  # dropdown changes
RESULTS: dict[str, dict[str, float]] = {}

# The naive baseline, as bench/run.py's naive_redraw, behind ipywidgets.interactive.
NAIVE = """\
import ipywidgets as widgets
import matplotlib.pyplot as plt
from initlab_utils.histograms import shown_layers


def naive(std=1.0, depth=5, width=100, activation="sigmoid"):
    trace = il.run_experiment(activation=activation, std=std, depth=depth, width=width)
    layers = shown_layers(depth, 10)
    fig, axes = plt.subplots(2, len(layers), figsize=(1.6 * len(layers), 4), squeeze=False)
    for j, layer in enumerate(layers):
        axes[0][j].hist(trace.activations[layer - 1].flatten().numpy(), 40)
        axes[1][j].hist(trace.gradients[layer - 1].abs().log10().flatten().numpy(), 40)
        axes[0][j].set_title(f"layer {layer}")
    plt.show()


controls = dict(
    std=widgets.FloatLogSlider(value=1.0, base=10, min=-3, max=1, step=0.05),
    depth=widgets.IntSlider(value=5, min=1, max=50),
    width=widgets.IntSlider(value=100, min=10, max=200, step=10),
    activation=widgets.Dropdown(options=list(il.ACTIVATIONS), value="sigmoid"),
)
for name, control in controls.items():
    control.add_class(f"naive-{name}")
box = widgets.interactive(naive, **controls)
box.add_class("naive-explorer")
box
"""

# The naive figure is a new <img> in the output area on every redraw.
NAIVE_NEW_FIGURE_JS = """([root, old]) => {
  const img = root.querySelector('.jp-OutputArea-output img');
  return !!img && img.src !== old && img.complete && img.naturalWidth > 0;
}"""
NAIVE_SRC_JS = """(root) => {
  const img = root.querySelector('.jp-OutputArea-output img');
  return img ? img.src : '';
}"""


def record(where: str, what: str, value: float) -> None:
    RESULTS.setdefault(where, {})[what] = value
    out = os.environ.get("INITLAB_BENCH_OUT")
    if out:
        with open(out, "w") as f:
            json.dump(RESULTS, f, indent=1)


class Target:
    """A row of controls and its figure: the explorer, or the naive widget."""

    def __init__(self, page, root, prefix: str, naive: bool = False):
        self.page, self.root, self.prefix, self.naive = page, root, prefix, naive
        self.figure = root.locator("img.initlab-figure")

    def src(self) -> str:
        if self.naive:
            return self.root.evaluate(NAIVE_SRC_JS)
        return self.figure.get_attribute("src") or ""

    def wait_new(self, before: str) -> None:
        if self.naive:
            js, element = NAIVE_NEW_FIGURE_JS, self.root.element_handle()
        else:
            js, element = NEW_FIGURE_JS, self.figure.element_handle()
        self.page.wait_for_function(js, arg=[element, before], polling="raf", timeout=60_000)

    def handle(self, name: str):
        return self.root.locator(f".{self.prefix}-{name} .noUi-handle")

    def select(self, name: str):
        return self.root.locator(f".{self.prefix}-{name} select")

    def key_presses_ms(self, name: str, moves: int = MOVES) -> float:
        """Median over key presses, alternating direction, of press -> new image shown."""
        times = []
        for i in range(moves):
            before = self.src()
            self.handle(name).focus()
            start = time.perf_counter()
            self.handle(name).press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            self.wait_new(before)
            times.append(1000 * (time.perf_counter() - start))
            self.page.wait_for_timeout(150)
        return statistics.median(times)

    def choices_ms(self, name: str, options: tuple[str, str], moves: int = CHOICES) -> float:
        """Median over choices in a dropdown, alternating, of choice -> new image shown."""
        times = []
        for i in range(moves):
            before = self.src()
            start = time.perf_counter()
            self.select(name).select_option(options[i % 2])
            self.wait_new(before)
            times.append(1000 * (time.perf_counter() - start))
            self.page.wait_for_timeout(150)
        return statistics.median(times)

    def drag_backlog_ms(self, name: str) -> float:
        """Drag a slider's handle for 2 s, release; ms until the figure is final."""
        box = self.handle(name).bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page = self.page
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
        last_change, src = released, self.src()
        while time.perf_counter() - last_change < 1.5:  # quiet for 1.5 s: no more backlog
            page.wait_for_timeout(10)
            now = self.src()
            if now != src:
                src, last_change = now, time.perf_counter()
        return 1000 * (last_change - released)


def measure(page, where: str) -> None:
    ex = ExplorerDriver(page, page.locator(".initlab-explorer").first)
    ex.root.scroll_into_view_if_needed()
    ex.settle()
    ex.ensure_std_enabled()  # the playground starts on Xavier, which has no std
    t = Target(page, ex.root, "initlab")
    for name in ("std", "depth", "width"):
        record(where, f"{name} slider, key press", t.key_presses_ms(name))
        ex.settle()
    current = ex.select("activation").input_value()
    other = "tanh" if current != "tanh" else "sigmoid"
    record(where, "activation dropdown, choice", t.choices_ms("activation", (other, current)))
    ex.settle()
    for name in ("std", "depth"):
        record(where, f"{name} slider, 2 s drag: release to final figure", t.drag_backlog_ms(name))
        ex.settle()
        # The figure shown is the final value's: the kernel echoes it into the box.
        shown = ex.entry(name).input_value()
        assert shown, f"no {name} shown after the drag; {ex.state()}"


def measure_naive(page) -> None:
    root = page.locator(".naive-explorer").first
    root.scroll_into_view_if_needed()
    t = Target(page, root, "naive", naive=True)
    page.wait_for_function(
        "(root) => !!root.querySelector('.jp-OutputArea-output img')",
        arg=root.element_handle(),
        timeout=60_000,
    )
    for name in ("std", "depth", "width"):
        record("JupyterLab naive", f"{name} slider, key press", t.key_presses_ms(name, 8))
    record(
        "JupyterLab naive",
        "activation dropdown, choice",
        t.choices_ms("activation", ("tanh", "sigmoid"), 6),
    )


def test_jupyterlab(lab, lab_page):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import initlab_utils as il\nil.explore()"),
        nbformat.v4.new_code_cell(NAIVE),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    (lab.root / "scratch").mkdir(exist_ok=True)
    nbformat.write(nb, lab.root / "scratch" / "bench.ipynb")
    open_notebook(lab_page, lab, "scratch/bench.ipynb")
    run_all_cells(lab_page, nb)
    lab_page.wait_for_function(FIGURES_READY_JS, arg=".jp-NotebookPanel", timeout=60_000)
    measure(lab_page, "JupyterLab")
    measure_naive(lab_page)


def test_voila(voila_app, page):  # noqa: F811 -- the imported fixture
    url, _ = voila_app
    page.goto(url, wait_until="domcontentloaded", timeout=240_000)
    page.wait_for_function(FIGURES_READY_JS, arg="body", timeout=180_000)
    measure(page, "Voila")
