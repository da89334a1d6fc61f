"""The Korean edition in a real browser: notebooks/ko/06_playground.ipynb run in JupyterLab,
and the Korean classroom app (`make app LANG=ko`) in Voilà.

Each shows the explorer with its control labels and its message line in Korean (the texts
of initlab_utils/messages/ko.py), renders Hangul with a real font (not boxes), redraws when
the std slider moves, and shows no error. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from browser_helpers import (
    FIGURES_READY_JS,
    OUTPUT_PROBLEMS_JS,
    REDRAW_TIMEOUT_MS,
    ROOT,
    ExplorerDriver,
    assert_outputs_clean,
    kernel_status,
    open_notebook,
    run_all_cells,
    tall_window,
)
from test_browser_voila import voila_app  # noqa: F401 -- the fixture, parametrised below

from initlab_utils.messages import ko

NOTEBOOK = "notebooks/ko/06_playground.ipynb"
HANGUL = re.compile("[\uac00-\ud7a3]")
LABELED = ("std", "depth", "width", "activation", "scheme", "seed")  # the explorer's controls

# A missing glyph is drawn as the same empty box whatever the character: if two different
# syllables give the same pixels, no font on this machine has Hangul.
HANGUL_FONT_JS = """() => {
  const pixels = (s) => {
    const c = document.createElement('canvas');
    c.width = 64; c.height = 32;
    const g = c.getContext('2d');
    g.font = '24px sans-serif';
    g.fillText(s, 4, 26);
    return Array.from(g.getImageData(0, 0, 64, 32).data).join(',');
  };
  return pixels('가') !== pixels('늙');
}"""


def assert_korean_explorer(ex: ExplorerDriver) -> None:
    """Every control's description is its Korean label, and Hangul renders as letters."""
    shown = {
        name: ex.root.locator(f".initlab-{name} .widget-label").first.inner_text().strip()
        for name in LABELED
    }
    wanted = {name: ko.MESSAGES[f"widgets.label.{name}"] for name in LABELED}
    assert shown == wanted, f"the explorer's labels are not the Korean ones: {shown}"
    assert ex.page.evaluate(HANGUL_FONT_JS), (
        "Hangul is drawn as boxes: install a font with Hangul (e.g. the Debian package "
        "fonts-nanum or fonts-noto-cjk)"
    )


def move_std(ex: ExplorerDriver, what: str) -> None:
    """The std slider by keyboard (switching to init 'normal' first if needed) redraws the
    figure and moves the box; afterwards the message line shows no error."""
    ex.settle(quiet_s=1.0)
    ex.ensure_std_enabled()
    std0, src0 = ex.entry("std").input_value(), ex.src()
    ex.press_std("ArrowLeft", 2)
    ex.wait_new_figure(src0, f"pressing ArrowLeft twice on the std slider in {what}")
    ex.settle(quiet_s=1.0)
    assert ex.entry("std").input_value() != std0, "the std box did not follow the slider"
    assert not ex.text(), f"a message after a slider move in {what}: {ex.text()!r}"


def test_korean_notebook_runs_in_jupyterlab(lab, lab_page, screenshots):
    page = lab_page
    nb = nbformat.read(ROOT / NOTEBOOK, as_version=4)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
    open_notebook(page, lab, NOTEBOOK, kernel)
    run_all_cells(page, nb)
    assert_outputs_clean(page)
    page.wait_for_function(FIGURES_READY_JS, arg=".jp-NotebookPanel", timeout=REDRAW_TIMEOUT_MS)
    ex = ExplorerDriver(
        page,
        page.locator(".jp-NotebookPanel .initlab-explorer").first,
        idle=lambda: kernel_status(page) == "Idle",
    )
    ex.root.scroll_into_view_if_needed()
    ex.settle(quiet_s=1.0)
    assert_korean_explorer(ex)
    # The notebook starts it under xavier_normal, which sets its own scale: a note says so.
    note = ex.text()
    assert HANGUL.search(note) and "xavier_normal" in note, f"the note is not Korean: {note!r}"

    move_std(ex, "JupyterLab")
    with tall_window(page):
        page.screenshot(path=str(screenshots / "ko-06_playground.png"))

    # A message made after the move is Korean too: a typed value outside the slider's range.
    ex.type_into("std", "50")
    message = ex.wait_message(ko.MESSAGES["widgets.where.slider"], "typing 50 into the std box")
    assert message.startswith("오류: ") and "50" in message, message
    ex.root.screenshot(path=str(screenshots / "ko-06_playground-explorer.png"))
    before = ex.src()
    ex.press_std("ArrowRight", 1)
    ex.wait_new_figure(before, "moving the std slider after the error")
    assert_outputs_clean(page)
    assert not page.js_errors, f"errors in the page: {page.js_errors}"


@pytest.mark.parametrize("voila_app", [(NOTEBOOK, "LANG=ko")], indirect=True, ids=["ko"])
def test_korean_app_in_voila(voila_app, page, screenshots):  # noqa: F811 -- the fixture
    url, path = voila_app
    assert path == ROOT / NOTEBOOK
    page.goto(url, wait_until="domcontentloaded", timeout=240_000)  # Voilà runs it all first
    page.wait_for_function(FIGURES_READY_JS, arg="body", timeout=REDRAW_TIMEOUT_MS)
    problems = page.evaluate(OUTPUT_PROBLEMS_JS, "body")
    assert not problems, "\n\n".join(problems)
    text = page.locator("body").inner_text()
    # No exercise a student could not answer here; the rest of the lesson is there.
    headings = page.locator("h1, h2").all_inner_texts()
    assert not [h for h in headings if "연습 문제" in h], f"the app shows the exercises: {headings}"
    assert ko.MESSAGES["verdict.no_answer"] not in text, "the app shows an exercise's verdict"
    assert "요약" in text, "the app lacks the summary"

    ex = ExplorerDriver(page, page.locator(".initlab-explorer").first)
    ex.root.scroll_into_view_if_needed()
    ex.settle(quiet_s=1.0)
    assert_korean_explorer(ex)
    assert HANGUL.search(ex.text()), f"the app's note is not Korean: {ex.text()!r}"
    move_std(ex, "Voilà")
    assert not page.js_errors, f"errors in the page: {page.js_errors}"

    scroller = page.locator("#rendered_cells")
    height = scroller.evaluate("el => el.scrollHeight") if scroller.count() else 1000
    page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 30_000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(screenshots / "voila-ko-06_playground.png"))
