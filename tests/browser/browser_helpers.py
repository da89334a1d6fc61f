"""What the browser tests share: servers in process groups, and driving JupyterLab,
Voilà and the explorer widget through the page (CSS classes, keyboard, mouse)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Only this machine exists for the page: the notebooks' badge images (and anything
    # else remote) fail at once instead of waiting on a network the tests must not use.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1400, "height": 1000}

# JupyterLab user settings for the test server: no news or update checks (no network),
# no autosave (belt and braces: the notebooks are copies anyway).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


HOW_TO_ENABLE = (
    "enable them with `sudo apt-get install chromium` (Debian/Ubuntu; the tests use "
    f"{CHROMIUM}, never a browser downloaded by Playwright); INITLAB_REQUIRE_BROWSER=1 "
    "makes a missing browser a failure, as in CI"
)


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-test.txt)"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM}"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(base: Path) -> dict[str, str]:
    """Environment for a Jupyter process whose config, data and state live under `base`."""
    env = dict(os.environ)
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTER_DATA_DIR", "data"),
        ("IPYTHONDIR", "ipython"),
    ]:
        (base / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(base / sub)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    return env


class Server:
    """A server process in its own process group, always stopped with everything it started.

    Kernels run in sessions of their own, so after the group is gone any process whose
    command line names `marker` (a temporary directory only this server uses) is ended too.
    """

    def __init__(self, name: str, cmd: list[str], *, cwd: Path, env: dict, log: Path, marker: str):
        self.name, self.cmd, self.cwd, self.env, self.log = name, cmd, cwd, env, log
        self.marker = marker
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                self.cmd,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def wait_until(self, probe, *, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with code {self.proc.returncode} before {what}:\n"
                    f"{self.log_tail()}"
                )
            try:
                if probe():
                    return
            except OSError as err:
                last = err
            time.sleep(0.2)
        raise RuntimeError(
            f"{self.name}: no {what} after {timeout:.0f} s ({last}):\n{self.log_tail()}"
        )

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # a graceful stop ends its kernels
                self.proc.wait(timeout=20)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._end_strays()

    def _end_strays(self) -> None:
        proc = Path("/proc")
        if not proc.is_dir():
            return
        for entry in proc.iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                cmdline = (
                    (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                )
            except OSError:
                continue
            if self.marker in cmdline:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(int(entry.name), signal.SIGKILL)


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    server: Server

    def api(self, method: str, path: str, body: dict | None = None) -> object:
        headers = {"Authorization": f"token {self.token}"}
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers=headers)
        with urllib.request.urlopen(req, timeout=30) as resp:
            reply = resp.read()
        return json.loads(reply) if reply else None

    def start_kernel(self, rel: str, kernel: str) -> None:
        """Start the notebook's kernel now: it boots while the page loads, which joins it."""
        self.api(
            "POST",
            "/api/sessions",
            {"path": rel, "name": Path(rel).name, "type": "notebook", "kernel": {"name": kernel}},
        )

    def shutdown_kernels(self, *, wait: bool = True) -> None:
        """End every kernel running now (so one notebook's never slows the next one down);
        with wait=False in the background, while the next test starts."""
        doomed = [f"/api/sessions/{s['id']}" for s in self.api("GET", "/api/sessions")]
        doomed += [f"/api/kernels/{k['id']}" for k in self.api("GET", "/api/kernels")]

        def end() -> None:
            for path in doomed:
                with contextlib.suppress(OSError):  # a session's kernel goes with it: 404
                    self.api("DELETE", path)

        if wait:
            end()
        else:
            threading.Thread(target=end, daemon=True).start()


# How long a notebook may take to run all its cells in the browser (the course's own rule
# is "well under 30 s" on a fresh kernel; CI has 2 cores shared with the browser).
RUN_ALL_TIMEOUT_MS = 240_000
REDRAW_TIMEOUT_MS = 60_000

# JavaScript run in the page ------------------------------------------------------------
KERNEL_STATUS_JS = """() => {
  for (const el of document.querySelectorAll('.jp-StatusBar-TextItem')) {
    const m = /\\|\\s*(\\w+)\\s*$/.exec(el.textContent.trim());
    if (m) return m[1];
  }
  return '';
}"""

# Done = kernel idle, no cell waiting or running, and every non-empty code cell numbered,
# or a cell failed (Run All stops there and the rest keep `[ ]`).
RUN_DONE_JS = (
    "(wanted) => {\n  const status = ("
    + KERNEL_STATUS_JS
    + ")();\n"
    + """  if (status !== 'Idle') return false;
  const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')];
  const prompts = cells.map(c => (c.querySelector('.jp-InputPrompt') || {}).textContent || '');
  if (prompts.some(p => p.includes('*'))) return false;
  const failed = [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')]
    .some(o => /Traceback \\(most recent call last\\)/.test(o.textContent));
  const done = wanted.every((w, i) => !w || /\\[\\d+\\]/.test(prompts[i] || ''));
  return done || failed;
}"""
)

# Every output that shows an error, or a widget that did not render, with its cell number.
OUTPUT_PROBLEMS_JS = """(scope) => {
  const found = [];
  const root = document.querySelector(scope) || document;
  root.querySelectorAll('.jp-Cell').forEach((cell, i) => {
    const where = `notebook cell ${i + 1}`;
    cell.querySelectorAll('.jp-OutputArea-output').forEach(out => {
      const text = (out.innerText || out.textContent || '').trim();
      const mime = out.getAttribute('data-mime-type') || '';
      const error = /Traceback \\(most recent call last\\)/.test(text)
        || (mime.endsWith('stderr') && /^\\s*(\\w+\\.)*\\w*(Error|Exception)\\b/m.test(text));
      if (error) found.push(`${where} shows an error:\\n${text.slice(0, 2000)}`);
      if (/Error displaying widget/.test(text))
        found.push(`${where}: a widget failed to render: ${text.slice(0, 300)}`);
      else if (/Loading widget/.test(text))
        found.push(`${where}: a widget never rendered (still "${text.slice(0, 80)}")`);
    });
    cell.querySelectorAll('img.widget-image').forEach(img => {
      if (img.complete && img.naturalWidth === 0)
        found.push(`${where}: an Image widget shows a broken image (no or bad value)`);
    });
  });
  return found;
}"""

FIGURES_READY_JS = """(scope) => {
  const imgs = [...document.querySelectorAll(scope + ' .initlab-explorer img.initlab-figure')];
  return imgs.length > 0 && imgs.every(i => i.src && i.complete && i.naturalWidth > 0);
}"""

NEW_FIGURE_JS = (
    """([img, old]) => !!img.src && img.src !== old && img.complete && img.naturalWidth > 0"""
)


# Driving JupyterLab ---------------------------------------------------------------------
def kernel_status(page) -> str:
    return page.evaluate(KERNEL_STATUS_JS)


def open_notebook(page, lab, rel: str, kernel: str | None = "python3") -> None:
    """Open `rel` (relative to the server's root) in a fresh workspace; wait for the kernel."""
    if kernel:
        lab.start_kernel(rel, kernel)
    workspace = re.sub(r"\W+", "-", Path(rel).stem)
    page.goto(
        f"{lab.url}/lab/workspaces/{workspace}/tree/{rel}?token={lab.token}&reset",
        wait_until="domcontentloaded",
    )
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=90_000)
    page.wait_for_function(f"() => ({KERNEL_STATUS_JS})() === 'Idle'", timeout=90_000)


def run_all_cells(page, nb) -> float:
    """Run > Run All Cells from the menu bar, as a student would; wait until it is done."""
    wanted = [bool(c.source.strip()) for c in nb.cells if c.cell_type == "code"]
    try:  # JupyterLab attaches cells out of view lazily; the checks below read them all
        page.wait_for_function(
            "(n) => document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell').length === n",
            arg=len(wanted),
            timeout=30_000,
        )
    except Exception as err:
        in_page = page.locator(".jp-NotebookPanel .jp-CodeCell").count()
        raise AssertionError(
            f"JupyterLab shows {in_page} code cells, the file has {len(wanted)}"
        ) from err
    start = time.monotonic()
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    try:
        page.wait_for_function(RUN_DONE_JS, arg=wanted, timeout=RUN_ALL_TIMEOUT_MS, polling=250)
    except Exception as err:
        prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt").all_text_contents()
        raise AssertionError(
            f"Run All did not finish in {RUN_ALL_TIMEOUT_MS / 1000:.0f} s: kernel "
            f"{kernel_status(page)!r}, prompts {prompts}"
        ) from err
    return time.monotonic() - start


def assert_outputs_clean(page, scope: str = ".jp-NotebookPanel") -> None:
    """No error output anywhere, and every widget rendered (waits for late widgets)."""
    try:
        page.wait_for_function(
            "(scope) => ![...document.querySelectorAll(scope + ' .jp-OutputArea-output')]"
            ".some(o => /Loading widget/.test(o.textContent))",
            arg=scope,
            timeout=30_000,
        )
    except Exception:
        pass  # reported below with the cell it is in
    problems = page.evaluate(OUTPUT_PROBLEMS_JS, scope)
    assert not problems, "\n\n".join(problems)


def unexecuted_cells(page, nb) -> list[int]:
    wanted = [bool(c.source.strip()) for c in nb.cells if c.cell_type == "code"]
    prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt").all_text_contents()
    return [
        i + 1 for i, (w, p) in enumerate(zip(wanted, prompts)) if w and not re.search(r"\[\d+\]", p)
    ]


NOTEBOOK_BOTTOM_JS = """el => {
  const cells = el.querySelectorAll('.jp-Cell');
  const last = cells.length ? cells[cells.length - 1] : el;
  const top = el.getBoundingClientRect().top;
  return Math.ceil(last.getBoundingClientRect().bottom - top + el.scrollTop);
}"""


@contextlib.contextmanager
def tall_window(page):
    """Grow the window to the whole notebook's height, so one screenshot shows all of it."""
    scroller = page.locator(".jp-NotebookPanel .jp-WindowedPanel-outer").first
    size = dict(page.viewport_size)
    try:
        height = size["height"]
        for _ in range(4):  # outputs laid out only once visible can grow the notebook
            extra = (
                scroller.evaluate(NOTEBOOK_BOTTOM_JS)
                + 40
                - scroller.evaluate("el => el.clientHeight")
            )
            if extra <= 0 or height >= 30_000:
                break
            height = min(height + extra, 30_000)
            page.set_viewport_size({"width": size["width"], "height": height})
            page.wait_for_timeout(400)  # let JupyterLab lay the taller panel out
        scroller.evaluate("el => el.scrollTo(0, 0)")
        yield
    finally:
        page.set_viewport_size(size)
        page.wait_for_timeout(200)


class ExplorerDriver:
    """One `il.explore()` widget on the page, used through its CSS classes."""

    def __init__(self, page, root, *, idle=None):
        self.page, self.root = page, root
        self.figure = root.locator("img.initlab-figure")
        self.message = root.locator(".initlab-message")
        self.handle = root.locator(".initlab-std .noUi-handle")
        self.idle = idle  # () -> bool: is the kernel idle? (None: no way to tell)

    def src(self) -> str:
        return self.figure.get_attribute("src") or ""

    def entry(self, name: str):
        return self.root.locator(f".initlab-{name}-entry input")

    def select(self, name: str):
        return self.root.locator(f".initlab-{name} select")

    def text(self) -> str:
        return self.message.inner_text().strip()

    def state(self) -> str:
        return (
            f"std box {self.entry('std').input_value()!r}, depth box "
            f"{self.entry('depth').input_value()!r}, activation "
            f"{self.select('activation').input_value()!r}, init "
            f"{self.select('scheme').input_value()!r}, "
            f"message {self.text()!r}"
        )

    def wait_new_figure(self, old: str, what: str) -> str:
        try:
            self.page.wait_for_function(
                NEW_FIGURE_JS, arg=[self.figure.element_handle(), old], timeout=REDRAW_TIMEOUT_MS
            )
        except Exception as err:
            raise AssertionError(f"the figure did not redraw after {what}; {self.state()}") from err
        return self.src()

    def wait_message(self, needle: str, what: str) -> str:
        try:
            self.page.wait_for_function(
                "([el, s]) => el.textContent.includes(s)",
                arg=[self.message.element_handle(), needle],
                timeout=REDRAW_TIMEOUT_MS,
            )
        except Exception as err:
            raise AssertionError(
                f"after {what} the message never said {needle!r}; {self.state()}"
            ) from err
        return self.text()

    def settle(self, quiet_s: float = 0.6, timeout_s: float = 60) -> None:
        """Wait until the kernel is idle and the figure has stopped changing."""
        deadline = time.monotonic() + timeout_s
        last, since = None, time.monotonic()
        while time.monotonic() < deadline:
            now = (self.src(), self.entry("std").input_value(), self.text())
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet_s and (self.idle is None or self.idle()):
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"the explorer never settled; {self.state()}")

    def type_into(self, name: str, text: str) -> None:
        box = self.entry(name)
        box.fill(text)
        box.press("Enter")

    def std_enabled(self) -> bool:
        return self.root.locator(".initlab-std .noUi-target[disabled]").count() == 0

    def ensure_std_enabled(self) -> None:
        """A scheme that sets its own scale disables std: switch to init 'normal' then."""
        if self.std_enabled():
            return
        before = self.src()
        self.select("scheme").select_option("normal")
        self.wait_new_figure(before, "choosing init 'normal'")
        self.settle()
        assert self.std_enabled(), (
            f"the std slider stays disabled with init 'normal'; {self.state()}"
        )

    def press_std(self, key: str, times: int) -> None:
        self.handle.focus()
        for _ in range(times):
            self.handle.press(key)


class Clock:
    def __init__(self):
        self.t, self.laps = time.monotonic(), []

    def lap(self, what: str) -> None:
        now = time.monotonic()
        self.laps.append(f"{what} {now - self.t:.1f} s")
        self.t = now

    def __str__(self) -> str:
        return ", ".join(self.laps)
