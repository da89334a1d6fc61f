"""The classroom app: `make app` serves a notebook with Voilà as a page without code.

The command comes from the Makefile itself (`make -n app NOTEBOOK=... PORT=...`), run with
the interpreter running the tests, on a copy of notebooks/ in a temporary directory,
on 127.0.0.1 and a random port. The page must show the explorer and no code, and the
std slider must redraw the figure.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from browser_helpers import (
    FIGURES_READY_JS,
    OUTPUT_PROBLEMS_JS,
    REDRAW_TIMEOUT_MS,
    ExplorerDriver,
    Server,
    free_port,
    isolated_env,
)

ROOT = Path(__file__).resolve().parents[2]
APP = "notebooks/06_playground.ipynb"
FALLBACK = "notebooks/02_normal_std1.ipynb"  # until the playground exists


def app_notebook() -> str:
    return APP if (ROOT / APP).exists() else FALLBACK


def make_app_commands(
    notebook: str, port: int, *extra: str
) -> tuple[list[str], list[str], dict[str, str]]:
    """The two commands `make app` runs (write the app notebook, serve it with voila) and
    the variables it sets for voila, from a dry run of the Makefile, each command run with
    the interpreter running the tests."""
    try:
        out = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "-n",
                "-C",
                str(ROOT),
                "app",
                f"NOTEBOOK={notebook}",
                f"PORT={port}",
                *extra,
            ],
            env={**os.environ, "LANG": "C.UTF-8"},
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as err:
        pytest.fail(f"`make -n app` failed: {err}")
    lines = [shlex.split(ln) for ln in out.splitlines()]
    voila = [a for a in lines if any(re.search(r"(^|/)voila$", t) for t in a)]
    write = [a for a in lines if "scripts/app_notebook.py" in a]
    assert len(voila) == 1 and len(write) == 1, f"`make -n app` printed:\n{out}"
    write, voila = write[0], voila[0]
    env = dict(t.split("=", 1) for t in voila if re.fullmatch(r"[A-Z_]+=\S*", t))
    voila = [t for t in voila if t.split("=", 1)[0] not in env]
    assert notebook in write, f"`make app NOTEBOOK={notebook}` does not serve it: {write}"
    assert "--Voila.ip=127.0.0.1" in voila, f"`make app` must listen on 127.0.0.1 only: {voila}"
    return [sys.executable, *write[1:]], [sys.executable, "-m", "voila", *voila[1:]], env


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def voila_app(browser, tmp_path, request):
    """`make app` on a copy of the notebooks; yields (url, notebook path); always stopped.

    Parametrised indirectly, `request.param` is (notebook, *more make arguments), e.g.
    ("notebooks/ko/06_playground.ipynb", "LANG=ko") for the Korean app."""
    notebook, *extra = getattr(request, "param", (app_notebook(),))
    root = tmp_path / "root"
    for folder in ("notebooks", "scripts"):
        shutil.copytree(
            ROOT / folder, root / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
    port = free_port()
    write, serve, app_env = make_app_commands(notebook, port, *extra)
    subprocess.run(write, cwd=root, check=True, capture_output=True, timeout=60)
    cmd = serve + [
        "--no-browser",
        f"--Voila.connection_dir_root={tmp_path}",
        "--show_tracebacks=True",
    ]
    server = Server(
        "Voila",
        cmd,
        cwd=root,
        env={**isolated_env(tmp_path), **app_env},
        log=tmp_path / "voila.log",
        marker=f"{tmp_path}{os.sep}",
    )
    server.start()
    try:
        # Probe the port only: a GET of the page would run the notebook in a kernel.
        server.wait_until(lambda: port_open(port), timeout=60, what="a listening port")
        yield f"http://127.0.0.1:{port}/", ROOT / notebook
    finally:
        server.stop()


def code_lines(nb) -> list[str]:
    """Distinctive lines of the notebook's code, to look for in the page."""
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    lines = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            line = line.strip()
            if len(line) >= 20 and not line.startswith("#") and line not in prose:
                lines.add(line)
    return sorted(lines)


def test_make_app_serves_widgets_without_code(voila_app, page, screenshots):
    url, path = voila_app
    nb = nbformat.read(path, as_version=4)
    page.goto(url, wait_until="domcontentloaded", timeout=240_000)  # Voilà runs it all first
    page.wait_for_function(FIGURES_READY_JS, arg="body", timeout=REDRAW_TIMEOUT_MS)

    problems = page.evaluate(OUTPUT_PROBLEMS_JS, "body")
    assert not problems, "\n\n".join(problems)
    shown = page.locator(
        ".jp-CodeCell .jp-InputArea, .jp-CodeCell .jp-InputPrompt, .cm-editor, .CodeMirror"
    ).count()
    assert shown == 0, f"Voilà shows {shown} code inputs"
    text = page.locator("body").inner_text()
    leaked = [ln for ln in code_lines(nb) if ln in text]
    assert not leaked, f"code is visible on the page: {leaked[:5]}"
    # No exercise a student could not answer here; the rest of the lesson is there.
    assert "Exercises" not in text and "replace None" not in text, "the app shows exercises"
    assert "Summary" in text

    ex = ExplorerDriver(page, page.locator(".initlab-explorer").first)
    ex.root.scroll_into_view_if_needed()
    ex.settle(quiet_s=1.0)
    ex.ensure_std_enabled()
    std0, src0 = ex.entry("std").input_value(), ex.src()
    ex.press_std("ArrowLeft", 2)
    ex.wait_new_figure(src0, "pressing ArrowLeft twice on the std slider in Voilà")
    ex.settle(quiet_s=1.0)
    assert ex.entry("std").input_value() != std0, "the std box did not follow the slider"
    assert not page.js_errors, f"errors in the page: {page.js_errors}"

    scroller = page.locator("#rendered_cells")
    height = scroller.evaluate("el => el.scrollHeight") if scroller.count() else 1000
    page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 30_000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(screenshots / f"voila-{path.stem}.png"))
