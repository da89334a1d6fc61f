"""One JupyterLab server and one headless Chromium for the whole browser-test session.

The server runs on 127.0.0.1 with a random port and token, on a *copy* of notebooks/ in a
temporary root, with its own config, runtime, settings and workspace directories: the
tests never write into the repository's notebooks nor into the user's Jupyter set-up.
Without Chromium (or Playwright) the tests skip and say how to enable them, unless
INITLAB_REQUIRE_BROWSER=1 (CI), which turns that into a failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import sys
from pathlib import Path

import pytest
from browser_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOW_TO_ENABLE,
    LAB_SETTINGS,
    ROOT,
    SCREENSHOTS,
    VIEWPORT,
    Lab,
    Server,
    browser_problem,
    free_port,
    isolated_env,
)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (sync API), shared by all tests."""
    problem = browser_problem()
    if problem:
        if os.environ.get("INITLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{problem}, and INITLAB_REQUIRE_BROWSER=1 requires the browser tests")
        pytest.skip(f"browser tests skipped: {problem}; {HOW_TO_ENABLE}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def lab(browser, tmp_path_factory):
    """JupyterLab on 127.0.0.1 (random port and token) serving a copy of notebooks/."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    shutil.copytree(
        ROOT / "notebooks",
        root / "notebooks",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
    )
    settings = base / "settings"
    for plugin, values in LAB_SETTINGS.items():
        target = settings / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    env = isolated_env(base)
    token = secrets.token_hex(24)
    for _attempt in range(3):  # a port picked free can be taken before the server binds it
        port = free_port()
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.allow_root=True",
            "--ServerApp.terminals_enabled=False",
            "--ServerApp.log_level=WARN",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={base / 'workspaces'}",
            "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        server = Server(
            "JupyterLab",
            cmd,
            cwd=root,
            env=env,
            log=base / "jupyterlab.log",
            marker=f"{base}{os.sep}",
        )
        lab = Lab(f"http://127.0.0.1:{port}", token, root, server)
        server.start()
        try:
            server.wait_until(
                lambda lab=lab: lab.api("GET", "/api/status") is not None,
                timeout=90,
                what="an answer on /api/status",
            )
            break
        except RuntimeError:
            server.stop()
            if "already in use" not in server.log_tail().lower():
                raise
    else:
        raise RuntimeError(f"JupyterLab found no free port:\n{server.log_tail()}")
    try:
        yield lab
    finally:
        server.stop()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """test-artifacts/screenshots/ (gitignored): each test overwrites its own pictures."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def new_page(browser, request, screenshots):
    """A fresh browser context and page; on failure, a screenshot of where it stopped."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.js_errors = errors
    try:
        yield page
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            with contextlib.suppress(Exception):
                page.screenshot(path=str(screenshots / f"FAILED-{name}.png"))
        context.close()


@pytest.fixture
def lab_page(browser, lab, request, screenshots):
    """A page for one JupyterLab test; the kernels it started are shut down afterwards."""
    yield from new_page(browser, request, screenshots)
    with contextlib.suppress(Exception):
        lab.shutdown_kernels(wait=False)


@pytest.fixture
def page(browser, request, screenshots):
    yield from new_page(browser, request, screenshots)
