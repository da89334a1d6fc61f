"""The live Train widget of notebook 07 in a real JupyterLab: it trains in chunks that
reach the page while the run goes on, finishes with a report, and Stop ends a run early."""

from __future__ import annotations

import re

import nbformat
from browser_helpers import assert_outputs_clean, open_notebook, run_all_cells

SOURCE = """\
from initlab_utils import train_explorer
w = train_explorer(activation="relu", scheme="he_normal", depth={depth}, steps={steps})
w
"""


def widget_notebook(lab, name: str, depth: int, steps: int) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SOURCE.format(depth=depth, steps=steps))]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    (lab.root / "scratch").mkdir(exist_ok=True)
    nbformat.write(nb, lab.root / "scratch" / name)
    return nb


def test_train_button_trains_live_and_reports(lab, lab_page):
    page = lab_page
    nb = widget_notebook(lab, "train.ipynb", depth=3, steps=300)
    open_notebook(page, lab, "scratch/train.ipynb")
    run_all_cells(page, nb)
    assert_outputs_clean(page)
    loss = page.locator("img.initlab-loss")
    before = loss.get_attribute("src")
    page.locator(".initlab-train button, button.initlab-train").first.click()
    seen = set()
    for _ in range(600):  # the step counter must be seen between 0 and the end
        text = page.locator(".initlab-progress").inner_text()
        m = re.search(r"step (\d+)", text)
        if m:
            seen.add(int(m.group(1)))
        if "Done" in page.locator(".initlab-message").inner_text():
            break
        page.wait_for_timeout(50)
    message = page.locator(".initlab-message").inner_text()
    assert "Done" in message and "test accuracy" in message, message
    assert any(0 < s < 300 for s in seen), f"no intermediate step reached the page: {seen}"
    assert loss.get_attribute("src") != before
    assert page.locator("img.initlab-figure").get_attribute("src")
    assert not page.js_errors, page.js_errors


def test_stop_ends_a_run_early(lab, lab_page):
    page = lab_page
    nb = widget_notebook(lab, "stop.ipynb", depth=30, steps=1000)
    open_notebook(page, lab, "scratch/stop.ipynb")
    run_all_cells(page, nb)
    page.locator(".initlab-train button, button.initlab-train").first.click()
    page.wait_for_function(
        "() => /step [1-9]/.test(document.querySelector('.initlab-progress').innerText)",
        timeout=120_000,
    )
    page.locator(".initlab-stop button, button.initlab-stop").first.click()
    page.wait_for_function(
        "() => document.querySelector('.initlab-message').innerText.includes('stopped early')",
        timeout=120_000,
    )
    step = int(re.search(r"step (\d+)", page.locator(".initlab-progress").inner_text()).group(1))
    assert step < 1000
