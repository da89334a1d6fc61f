"""Notebook 11's residual-stream explorer in a real JupyterLab: run the notebook, move
alpha by keyboard, switch the norm, tick alpha = 1/sqrt(L); the pictures follow, the
readout names the last block, and no error shows. Screenshots go to test-artifacts/."""

from __future__ import annotations

import nbformat
from browser_helpers import (
    KERNEL_STATUS_JS,
    NEW_FIGURE_JS,
    REDRAW_TIMEOUT_MS,
    ROOT,
    assert_outputs_clean,
    open_notebook,
    run_all_cells,
)

NOTEBOOK = "11_residual_normalisation.ipynb"
READY_JS = "img => !!img.src && img.complete && img.naturalWidth > 0"


class Residual:
    """The explorer on the page, through its CSS classes."""

    def __init__(self, page, root):
        self.page, self.root = page, root
        self.figure = root.locator("img.initlab-figure")
        self.histograms = root.locator("img.initlab-histograms")

    def srcs(self) -> tuple[str, str]:
        return self.figure.get_attribute("src"), self.histograms.get_attribute("src")

    def text(self, css: str) -> str:
        return self.root.locator(css).inner_text().strip()

    def entry(self, name: str) -> str:
        return self.root.locator(f".initlab-{name}-entry input").input_value()

    def wait_redrawn(self, old: tuple[str, str], what: str) -> None:
        """Both pictures replaced, then the kernel idle (the readout written)."""
        try:
            for img, src in zip((self.figure, self.histograms), old):
                self.page.wait_for_function(
                    NEW_FIGURE_JS, arg=[img.element_handle(), src], timeout=REDRAW_TIMEOUT_MS
                )
            self.page.wait_for_function(f"() => ({KERNEL_STATUS_JS})() === 'Idle'")
        except Exception as err:
            raise AssertionError(
                f"the residual explorer did not redraw after {what}: alpha box "
                f"{self.entry('alpha')!r}, message {self.text('.initlab-message')!r}"
            ) from err

    def assert_no_error(self, what: str) -> None:
        message = self.text(".initlab-message")
        assert "Error" not in message, f"after {what} the message says {message!r}"


def test_residual_explorer_in_notebook_11(lab, lab_page, screenshots):
    page = lab_page
    nb = nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4)
    open_notebook(page, lab, f"notebooks/{NOTEBOOK}")
    run_all_cells(page, nb)
    assert_outputs_clean(page)
    roots = page.locator(".jp-NotebookPanel .initlab-residual")
    assert roots.count() == 1, "notebook 11 shows no residual explorer"
    ex = Residual(page, roots.first)
    ex.root.scroll_into_view_if_needed()
    for img in (ex.figure, ex.histograms):
        page.wait_for_function(READY_JS, arg=img.element_handle(), timeout=REDRAW_TIMEOUT_MS)
    assert "Block 20:" in ex.text(".initlab-readout"), ex.text(".initlab-readout")

    # alpha by keyboard: three steps of 0.05 decades to the left
    before, alpha = ex.srcs(), ex.entry("alpha")
    handle = ex.root.locator(".initlab-alpha .noUi-handle")
    handle.focus()
    for _ in range(3):
        handle.press("ArrowLeft")
    ex.wait_redrawn(before, "3 ArrowLeft presses on alpha")
    page.wait_for_function(
        "([el, old]) => el.value !== old",
        arg=[ex.root.locator(".initlab-alpha-entry input").element_handle(), alpha],
        timeout=REDRAW_TIMEOUT_MS,
    )
    assert float(ex.entry("alpha")) < float(alpha), (alpha, ex.entry("alpha"))
    ex.assert_no_error("moving alpha")

    # the norm menu: layer norm
    before, readout = ex.srcs(), ex.text(".initlab-readout")
    ex.root.locator(".initlab-norm select").select_option(label="layer norm")
    ex.wait_redrawn(before, "choosing layer norm")
    page.wait_for_function(
        "([el, old]) => el.innerText.trim() !== old",
        arg=[ex.root.locator(".initlab-readout").element_handle(), readout],
        timeout=REDRAW_TIMEOUT_MS,
    )
    ex.assert_no_error("choosing layer norm")

    # alpha = 1/sqrt(L): the box sets alpha to 1/sqrt(20) and disables the slider
    before = ex.srcs()
    ex.root.locator(".initlab-inv_sqrt input[type=checkbox]").check()
    ex.wait_redrawn(before, "ticking alpha = 1/sqrt(L)")
    page.wait_for_function(
        "el => el.value === '0.224'",
        arg=ex.root.locator(".initlab-alpha-entry input").element_handle(),
        timeout=REDRAW_TIMEOUT_MS,
    )
    assert "1/√20" in ex.text(".initlab-readout"), ex.text(".initlab-readout")
    ex.assert_no_error("ticking alpha = 1/sqrt(L)")

    ex.root.scroll_into_view_if_needed()
    ex.root.screenshot(path=str(screenshots / "11_residual-explorer.png"))
    assert_outputs_clean(page)
    assert not page.js_errors, f"errors in the page: {page.js_errors}"
