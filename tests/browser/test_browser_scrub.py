"""Notebook 10's scrubbing widget in a real JupyterLab: Run All, press Train, wait for the
recorded run, then move the step slider by keyboard; the histograms and the curves change
with each step and no error shows. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import re

import nbformat
from browser_helpers import (
    NEW_FIGURE_JS,
    REDRAW_TIMEOUT_MS,
    ROOT,
    assert_outputs_clean,
    open_notebook,
    run_all_cells,
)

NOTEBOOK = "notebooks/10_training_statistics.ipynb"
READY_JS = "img => !!img.src && img.complete && img.naturalWidth > 0"
# What an image shows, not its address (a blob: URL is new on every update).
DIGEST_JS = """async img => {
  const bytes = await (await fetch(img.src)).arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}"""


def test_train_then_scrub_the_recorded_steps(lab, lab_page, screenshots):
    page = lab_page
    nb = nbformat.read(ROOT / NOTEBOOK, as_version=4)
    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page, nb)
    assert_outputs_clean(page)
    root = page.locator(".initlab-scrub-explorer").first
    root.scroll_into_view_if_needed()
    figure, lines = root.locator("img.initlab-figure"), root.locator("img.initlab-lines")
    message = root.locator(".initlab-message")
    for img in (figure, lines):  # step 0 of the network, before any training
        page.wait_for_function(READY_JS, arg=img.element_handle(), timeout=REDRAW_TIMEOUT_MS)
    step0 = figure.get_attribute("src")

    root.locator(".initlab-train button, button.initlab-train").first.click()
    page.wait_for_function(
        "el => /Done|Error|diverged/.test(el.innerText)",
        arg=message.element_handle(),
        timeout=240_000,
    )
    assert "Done" in message.inner_text(), message.inner_text()
    readout = root.locator(".initlab-step .widget-readout")
    assert readout.inner_text().strip() == "300"
    assert figure.get_attribute("src") != step0  # the run's last snapshot is on show
    root.screenshot(path=str(screenshots / "scrub-trained.png"))

    handle = root.locator(".initlab-step .noUi-handle")
    handle.focus()
    seen = {"300": figure.evaluate(DIGEST_JS)}
    for expected in ("100", "30", "10", "0"):
        before, curves = figure.get_attribute("src"), lines.get_attribute("src")
        handle.press("ArrowLeft")
        page.wait_for_function(
            NEW_FIGURE_JS, arg=[figure.element_handle(), before], timeout=REDRAW_TIMEOUT_MS
        )
        page.wait_for_function(  # the marker moved on the curves too
            NEW_FIGURE_JS, arg=[lines.element_handle(), curves], timeout=REDRAW_TIMEOUT_MS
        )
        assert readout.inner_text().strip() == expected
        seen[expected] = figure.evaluate(DIGEST_JS)
        if expected == "30":
            root.screenshot(path=str(screenshots / "scrub-step30.png"))
    assert len(set(seen.values())) == 5, "two recorded steps showed the same picture"
    assert not re.search(r"Error|Warning", message.inner_text()), message.inner_text()
    assert not page.js_errors, page.js_errors
