"""Every notebook, opened and run in a real JupyterLab in a real browser, as a student would.

For each notebooks/NN_*.ipynb (found at collection time, so new notebooks are covered
without editing this file): open it, Run > Run All Cells, wait for the kernel to finish,
and check that no cell shows an error and that every widget rendered. Where the notebook
has an explorer (`il.explore(...)`), drive it with the keyboard and the mouse: the std
slider, the activation dropdown, wrong input typed into the std box, and a setting that
overflows; the figure must redraw and the message explain. Where it has the phase-diagram
explorer (`explore_phase()`), move its sigma_w2 slider: the figure, the box and the
readout follow, and no error shows. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import pytest
from browser_helpers import (
    FIGURES_READY_JS,
    NEW_FIGURE_JS,
    REDRAW_TIMEOUT_MS,
    Clock,
    ExplorerDriver,
    assert_outputs_clean,
    kernel_status,
    open_notebook,
    run_all_cells,
    tall_window,
    unexecuted_cells,
)

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def exercise_controls(ex: ExplorerDriver) -> None:
    """The std slider by keyboard (both ways) and the activation dropdown each redraw."""
    ex.settle()
    ex.ensure_std_enabled()

    std0, src0 = ex.entry("std").input_value(), ex.src()
    up = math.log10(float(std0)) < 0.5  # room to move right, else move left first
    first, back = ("ArrowRight", "ArrowLeft") if up else ("ArrowLeft", "ArrowRight")
    ex.press_std(first, 3)
    ex.wait_new_figure(src0, f"pressing {first} 3 times on the std slider")
    ex.settle()
    std1 = ex.entry("std").input_value()
    assert std1 != std0, f"the std box still says {std0!r} after the slider moved"
    assert (float(std1) > float(std0)) == up, f"std went {std0} -> {std1} on {first}"
    src1 = ex.src()

    ex.press_std(back, 1)
    ex.wait_new_figure(src1, f"pressing {back} on the std slider")
    ex.settle()
    std2 = ex.entry("std").input_value()
    assert std2 != std1, f"the std box still says {std1!r} after {back}"

    select = ex.select("activation")
    current = select.input_value()
    options = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    other = next(o for o in ("tanh", "relu", "sigmoid") if o in options and o != current)
    before = ex.src()
    select.select_option(other)
    ex.wait_new_figure(before, f"switching activation {current!r} -> {other!r}")
    ex.settle()


def exercise_bad_input(ex: ExplorerDriver) -> None:
    """Wrong input is explained; an overflowing setting warns; the sliders keep working."""
    ex.type_into("std", "abc")
    msg = ex.wait_message("std must be", "typing 'abc' into the std box")
    assert "abc" in msg, f"the error does not quote the input: {msg!r}"

    ex.type_into("std", "-1")
    msg = ex.wait_message("-1", "typing '-1' into the std box")
    assert "std must be" in msg, f"typing -1 gave {msg!r}"

    options = ex.select("activation").locator("option").evaluate_all("os => os.map(o => o.value)")
    assert "linear" in options, f"no 'linear' activation to choose from: {options}"
    # One change at a time, each waited for, as a student would (quick successive changes
    # are test_explorer_keeps_up_with_quick_input's business).
    before = ex.src()
    ex.select("activation").select_option("linear")
    ex.wait_new_figure(before, "switching activation to 'linear'")
    ex.settle()
    ex.type_into("std", "10")
    ex.settle()
    ex.type_into("depth", "50")
    ex.wait_message("overflowed", "activation linear, std 10, depth 50")
    ex.settle()

    before = ex.src()
    ex.press_std("ArrowLeft", 1)
    ex.wait_new_figure(before, "moving the std slider after the overflow")
    ex.settle()


def exercise_phase(page, root) -> None:
    """The phase explorer's sigma_w2 slider by keyboard: the marker's figure redraws, the
    box and the readout follow the new point, and no error shows."""
    figure = root.locator("img.initlab-figure")
    ready = "img => !!img.src && img.complete && img.naturalWidth > 0"
    page.wait_for_function(ready, arg=figure.element_handle(), timeout=REDRAW_TIMEOUT_MS)
    entry = root.locator(".initlab-sigma_w2-entry input")
    readout = root.locator(".initlab-readout")
    before, value, text = figure.get_attribute("src"), entry.input_value(), readout.inner_text()
    handle = root.locator(".initlab-sigma_w2 .noUi-handle")
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
    try:
        page.wait_for_function(
            NEW_FIGURE_JS, arg=[figure.element_handle(), before], timeout=REDRAW_TIMEOUT_MS
        )
        page.wait_for_function(
            "([el, old]) => el.value !== old",
            arg=[entry.element_handle(), value],
            timeout=REDRAW_TIMEOUT_MS,
        )
    except Exception as err:
        raise AssertionError(
            f"the phase explorer did not redraw after 3 ArrowRight presses: box "
            f"{entry.input_value()!r}, message {root.locator('.initlab-message').inner_text()!r}"
        ) from err
    page.wait_for_function(
        "([el, old]) => el.innerText !== old",
        arg=[readout.element_handle(), text],
        timeout=REDRAW_TIMEOUT_MS,
    )
    assert float(entry.input_value()) > float(value), (
        f"sigma_w2 went {value} -> {entry.input_value()}"
    )
    message = root.locator(".initlab-message").inner_text().strip()
    assert not message, f"the phase explorer shows a message after a slider move: {message!r}"
    assert "χ₁ =" in readout.inner_text() and "ξ_c" in readout.inner_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(path, lab, lab_page, screenshots):
    page = lab_page
    nb = nbformat.read(path, as_version=4)
    clock = Clock()
    kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
    open_notebook(page, lab, f"notebooks/{path.name}", kernel)
    clock.lap("open")
    run_all_cells(page, nb)
    clock.lap("run all")
    assert_outputs_clean(page)
    missing = unexecuted_cells(page, nb)
    assert not missing, f"code cells {missing} did not run"

    explorers = page.locator(".jp-NotebookPanel .initlab-explorer")
    if any("explore(" in c.source for c in nb.cells if c.cell_type == "code"):
        assert explorers.count() > 0, "the notebook calls explore() but no explorer appeared"
    ex = None
    if explorers.count():
        page.wait_for_function(FIGURES_READY_JS, arg=".jp-NotebookPanel", timeout=REDRAW_TIMEOUT_MS)
        ex = ExplorerDriver(page, explorers.first, idle=lambda: kernel_status(page) == "Idle")
        ex.root.scroll_into_view_if_needed()
        exercise_controls(ex)
        clock.lap("slider and dropdown")
    phases = page.locator(".jp-NotebookPanel .initlab-phase")
    if any("explore_phase(" in c.source for c in nb.cells if c.cell_type == "code"):
        assert phases.count() > 0, "the notebook calls explore_phase() but no explorer appeared"
    if phases.count():
        phases.first.scroll_into_view_if_needed()
        exercise_phase(page, phases.first)
        clock.lap("phase slider")
    with tall_window(page):
        page.screenshot(path=str(screenshots / f"{path.stem}.png"))
    clock.lap("screenshot")
    if ex is not None:
        exercise_bad_input(ex)
        clock.lap("bad input")
        with tall_window(page):
            ex.root.scroll_into_view_if_needed()
            ex.root.screenshot(path=str(screenshots / f"{path.stem}-explorer.png"))
    assert_outputs_clean(page)
    assert not page.js_errors, f"errors in the page: {page.js_errors}"
    print(f"{path.stem}: {clock}")


# The checks above must be able to fail: a notebook that raises is reported, not waited on.
def test_a_failing_cell_is_reported(lab, lab_page):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell("print('fine')"),
        nbformat.v4.new_code_cell("1 / 0"),
        nbformat.v4.new_code_cell("print('never run')"),
    ]
    (lab.root / "scratch").mkdir(exist_ok=True)
    nbformat.write(nb, lab.root / "scratch" / "fails.ipynb")
    open_notebook(lab_page, lab, "scratch/fails.ipynb")
    run_all_cells(lab_page, nb)
    with pytest.raises(AssertionError, match=r"cell 2 shows an error:(.|\n)*ZeroDivisionError"):
        assert_outputs_clean(lab_page)
    assert unexecuted_cells(lab_page, nb) == [3]


def test_explorer_keeps_up_with_quick_input(lab, lab_page):
    """Quick successive input ends on a figure and message for the final settings."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell("import initlab_utils as il\n\nil.explore(std=1.0)")]
    (lab.root / "scratch").mkdir(exist_ok=True)
    nbformat.write(nb, lab.root / "scratch" / "quick.ipynb")
    open_notebook(lab_page, lab, "scratch/quick.ipynb")
    run_all_cells(lab_page, nb)
    lab_page.wait_for_function(FIGURES_READY_JS, arg=".jp-NotebookPanel", timeout=REDRAW_TIMEOUT_MS)
    ex = ExplorerDriver(
        lab_page,
        lab_page.locator(".initlab-explorer").first,
        idle=lambda: kernel_status(lab_page) == "Idle",
    )
    problems = []
    # (1) Three quick presses of the right arrow move std by three steps of 0.05 decades.
    for _ in range(2):
        ex.settle()
        before, src = float(ex.entry("std").input_value()), ex.src()
        ex.press_std("ArrowRight", 3)
        ex.wait_new_figure(src, "pressing ArrowRight 3 times")
        ex.settle(quiet_s=1.0)
        steps = math.log10(float(ex.entry("std").input_value()) / before) / 0.05
        if abs(steps - 3) > 0.3:
            problems.append(f"3 key presses moved std by {steps:.1f} steps")
    # (2) Changes typed in quick succession: the message must match the final settings.
    for depth, overflow in (("50", True), ("5", False)):
        ex.select("activation").select_option("linear")
        ex.type_into("std", "10")
        ex.type_into("depth", depth)
        ex.settle(quiet_s=1.5)
        shown = "overflowed" in ex.text()
        if shown != overflow:
            problems.append(f"linear, std 10, depth {depth}: message {ex.text()!r}")
        ex.select("activation").select_option("tanh")
        ex.type_into("std", "0.5")
        ex.settle(quiet_s=1.0)
    assert not problems, "; ".join(problems)
