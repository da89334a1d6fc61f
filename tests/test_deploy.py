"""Where the course runs: Binder, Colab, the badges and `make app` agree with the repository.

One source of truth for the address: [project.urls] Repository in pyproject.toml, stamped
into badges and setup cells by scripts/stamp_notebooks.py. Exact pins: requirements.txt,
mirrored (with PyTorch's CPU wheel) in binder/requirements.txt. Loose ranges:
pyproject.toml, which must admit Colab's own ipywidgets 7.7 and the pins.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

pytestmark = pytest.mark.repo  # checks files of the checkout

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
COURSE = [p for p in NOTEBOOKS if p.name != "00_index.ipynb"]
BINDER = ROOT / "binder"
PYTORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# Colab ships its own; the setup cell must never reinstall them.
COLAB_OWN = {"torch", "torchvision", "torchaudio", "matplotlib", "ipywidgets", "numpy", "scipy"}
COLAB_IPYWIDGETS = ["7.7.0", "7.7.1"]


def load_stamp():
    spec = importlib.util.spec_from_file_location(
        "stamp_notebooks", ROOT / "scripts/stamp_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STAMP = load_stamp()


def pins(path: Path) -> dict[str, Version]:
    """name -> pinned version of a requirements file (options and comments skipped)."""
    found = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", (
            f"{path.name}: not an exact pin: {raw}"
        )
        found[canonicalize_name(req.name)] = Version(specs[0].version)
    return found


def options(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text().splitlines() if ln.strip().startswith("-")]


# Binder ---------------------------------------------------------------------------------
def test_binder_pins_match_requirements():
    local, binder = pins(ROOT / "requirements.txt"), pins(BINDER / "requirements.txt")
    assert sorted(binder) == sorted(local), "binder/requirements.txt pins other packages"
    for name, version in local.items():
        assert binder[name].public == version.public, (
            f"{name}: binder pins {binder[name]}, requirements.txt {version}"
        )
        if name != "torch":
            assert binder[name].local is None, f"{name}: no local build tag expected on Binder"
    assert binder["torch"].local == "cpu", "Binder must install torch's CPU build (+cpu)"
    assert any(PYTORCH_CPU_INDEX in opt for opt in options(BINDER / "requirements.txt")), (
        f"binder/requirements.txt needs --extra-index-url {PYTORCH_CPU_INDEX}"
    )


def test_binder_python_admits_every_pin():
    """runtime.txt's Python satisfies Requires-Python of each pinned release installed here."""
    runtime = (BINDER / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert m, f"binder/runtime.txt should read python-X.Y, not {runtime!r}"
    python = Version(m.group(1))
    checked = 0
    for name, version in pins(BINDER / "requirements.txt").items():
        try:
            meta = importlib.metadata.metadata(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        if Version(meta["Version"]).public != version.public or not meta.get("Requires-Python"):
            continue
        checked += 1
        assert SpecifierSet(meta["Requires-Python"]).contains(python), (
            f"{name}=={version} requires Python {meta['Requires-Python']}; Binder has {python}"
        )
    assert checked, "no pinned package is installed here to read its Requires-Python from"


def test_postbuild_is_an_executable_strict_script():
    post = BINDER / "postBuild"
    text = post.read_text()
    assert text.startswith("#!/bin/bash"), "postBuild needs a #!/bin/bash line"
    assert os.stat(post).st_mode & 0o111, "binder/postBuild is not executable (chmod +x)"
    assert re.search(r"^\s*set\s+-\w*e", text, re.M), (
        "postBuild must stop at the first error (set -e)"
    )
    assert re.search(r"pip install --no-deps -e \.", text), (
        "postBuild must install the package itself"
    )
    if shutil.which("git"):
        staged = subprocess.run(
            ["git", "ls-files", "-s", "binder/postBuild"], cwd=ROOT, capture_output=True, text=True
        ).stdout.split()
        if staged:  # once committed, git must record the executable bit too
            assert staged[0] == "100755", (
                "git has binder/postBuild without its executable bit: "
                "git update-index --chmod=+x binder/postBuild"
            )


# Badges and links -----------------------------------------------------------------------
def link_sources() -> list[tuple[str, str]]:
    """(where, text) for both READMEs and every notebook's cells, in both editions."""
    out = [(name, (ROOT / name).read_text()) for name in ("README.md", "README.ko.md")]
    for path in [*NOTEBOOKS, *sorted((ROOT / "notebooks" / "ko").glob("*.ipynb"))]:
        nb = nbformat.read(path, as_version=4)
        out += [(f"notebooks/{path.name}", cell.source) for cell in nb.cells]
    return out


def repo_path(url: str) -> tuple[str, str, str | None] | None:
    """(owner/name, branch, path in the repository or None) for a Colab, Binder, nbviewer
    or GitHub link to this kind of repository; None for any other URL."""
    parts = urlsplit(url)
    host, segs = parts.netloc, [unquote(s) for s in parts.path.split("/") if s]
    if host == "colab.research.google.com" and segs[:1] == ["github"]:
        _, owner, name, blob, branch, *rest = segs
        assert blob == "blob", url
        return f"{owner}/{name}", branch, "/".join(rest)
    if host in ("nbviewer.org", "nbviewer.jupyter.org") and segs[:1] == ["github"]:
        _, owner, name, blob, branch, *rest = segs
        return f"{owner}/{name}", branch, "/".join(rest)
    if host == "github.com" and len(segs) >= 4 and segs[2] in ("blob", "tree"):
        owner, name, _, branch, *rest = segs
        return f"{owner}/{name}", branch, "/".join(rest) or None
    if host == "mybinder.org" and segs[:2] == ["v2", "gh"]:
        _, _, owner, name, branch, *_ = segs
        query = parse_qs(parts.query)
        target = (query.get("urlpath") or query.get("labpath") or [None])[0]
        if target is None:
            return f"{owner}/{name}", branch, None
        target = re.sub(r"^/?(lab/tree|tree|notebooks|voila/render|doc/tree)/", "", target)
        return f"{owner}/{name}", branch, target.split("?")[0]
    return None


def test_every_colab_and_binder_link_points_into_this_repository():
    _, slug = STAMP.repository()
    urls = re.compile(r"https?://[^\s)\]\"'<>]+")
    seen = {"colab": 0, "binder": 0}
    problems = []
    for where, text in link_sources():
        for url in urls.findall(text):
            target = repo_path(url)
            if target is None:
                continue
            seen["colab"] += "colab.research" in url
            seen["binder"] += "mybinder.org" in url
            owner_name, branch, path = target
            if owner_name != slug:
                problems.append(f"{where}: {url} is for {owner_name}, pyproject says {slug}")
            if branch != STAMP.BRANCH:
                problems.append(f"{where}: {url} names branch {branch}, not {STAMP.BRANCH}")
            if path and path.startswith("build/app/"):
                # The app's notebooks are written by binder/postBuild from notebooks/.
                if not (ROOT / "notebooks" / path.removeprefix("build/app/")).exists():
                    problems.append(f"{where}: {url} points to an app with no notebook")
                if "scripts/app_notebook.py" not in (BINDER / "postBuild").read_text():
                    problems.append(f"{where}: {url} needs postBuild to write {path}")
            elif path and not (ROOT / path).exists():
                problems.append(f"{where}: {url} points to {path}, which is not in the repository")
    assert not problems, "\n".join(problems)
    assert seen["colab"] and seen["binder"], f"no Colab or Binder link found at all: {seen}"


def test_stamped_files_are_up_to_date():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/stamp_notebooks.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"run `make stamp`:\n{done.stdout}{done.stderr}"


# Colab ----------------------------------------------------------------------------------
def pip_targets(line: str) -> tuple[list[str], list[str]]:
    """(package names, options) a `%pip install ...` / `!pip install ...` line names."""
    args = shlex.split(line.split("install", 1)[1])
    names, flags = [], [a for a in args if a.startswith("-")]
    for arg in args:
        if not arg.startswith("-"):
            names.append(canonicalize_name(Requirement(arg).name))
    return names, flags


@pytest.mark.parametrize("path", COURSE, ids=[p.stem for p in COURSE])
def test_setup_cell_installs_only_on_colab_and_keeps_colabs_packages(path):
    nb = nbformat.read(path, as_version=4)
    setup = [c for c in nb.cells if "setup" in c.metadata.get("tags", [])]
    assert len(setup) == 1, f"needs exactly one cell tagged 'setup', found {len(setup)}"
    cell = setup[0]
    assert cell.cell_type == "code", "the setup cell must be a code cell"
    installs_elsewhere = [
        i
        for i, c in enumerate(nb.cells)
        if c is not cell and c.cell_type == "code" and re.search(r"pip\s+install", c.source)
    ]
    assert not installs_elsewhere, f"cells {installs_elsewhere} install packages outside setup"

    lines = cell.source.splitlines()
    guard = [i for i, ln in enumerate(lines) if ln.strip() == 'if "google.colab" in sys.modules:']
    assert len(guard) == 1, 'the setup cell needs one `if "google.colab" in sys.modules:`'
    assert any(ln.strip() == "import sys" for ln in lines[: guard[0]]), (
        "import sys before the guard"
    )
    block_end = next(
        (
            i
            for i in range(guard[0] + 1, len(lines))
            if lines[i].strip() and not lines[i][:1].isspace()
        ),
        len(lines),
    )
    pips = [i for i, ln in enumerate(lines) if re.search(r"pip\s+install", ln)]
    assert pips, "the setup cell installs nothing on Colab"
    for i in pips:
        assert guard[0] < i < block_end, (
            f"line {i + 1} installs outside the Colab guard: {lines[i]}"
        )
        names, flags = pip_targets(lines[i])
        clash = sorted(set(names) & COLAB_OWN)
        assert not clash, f"the Colab install names {clash}: Colab's own would be replaced"
        forced = {"--force-reinstall", "--ignore-installed", "-I", "--upgrade-strategy=eager"}
        assert not forced & set(flags), f"the Colab install forces reinstalls: {lines[i]}"


def test_pyproject_ranges_admit_colab_and_the_pins():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    deps = {canonicalize_name(r.name): r for r in map(Requirement, meta["project"]["dependencies"])}
    local, binder = pins(ROOT / "requirements.txt"), pins(BINDER / "requirements.txt")
    for version in COLAB_IPYWIDGETS:
        assert deps["ipywidgets"].specifier.contains(version), (
            f"pyproject's ipywidgets{deps['ipywidgets'].specifier} excludes Colab's {version}"
        )
    for name, req in deps.items():
        assert name in local, f"{name} is a dependency but requirements.txt does not pin it"
        for where, pinned in (("requirements.txt", local), ("binder/requirements.txt", binder)):
            assert req.specifier.contains(pinned[name], prereleases=True), (
                f"pyproject's {req} excludes {where}'s {name}=={pinned[name]}"
            )


# make app -------------------------------------------------------------------------------
def make_dry_run(*args: str) -> str:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "-C", str(ROOT), *args],
        env={**os.environ, "LANG": "C.UTF-8"},  # a Korean locale would pick the Korean app
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def app_lines(out: str) -> tuple[list[str], list[str]]:
    """The two commands of `make app`: the app-notebook writer and voila."""
    lines = [shlex.split(ln) for ln in out.splitlines()]
    voila = [a for a in lines if any(re.search(r"(^|/)voila$", t) for t in a)]
    write = [a for a in lines if "scripts/app_notebook.py" in a]
    assert len(voila) == 1 and len(write) == 1, f"`make app` should write and serve once:\n{out}"
    return write[0], voila[0]


def test_make_app_serves_the_playground_without_exercises_on_this_machine_only():
    write, voila = app_lines(make_dry_run("app"))
    source, out_dir = write[-2], write[-1]
    assert (ROOT / source).exists(), f"`make app` serves a missing notebook: {write}"
    assert f"{out_dir}/{Path(source).name}" in voila, (write, voila)
    assert "--Voila.ip=127.0.0.1" in voila, f"`make app` must listen on 127.0.0.1 only: {voila}"


def test_make_app_serves_any_notebook():
    write, voila = app_lines(make_dry_run("app", "NOTEBOOK=notebooks/05_he.ipynb", "PORT=8999"))
    assert "notebooks/05_he.ipynb" in write and "--port=8999" in voila, (write, voila)


def test_make_app_in_korean_serves_the_korean_playground_in_korean():
    write, voila = app_lines(make_dry_run("app", "LANG=ko"))
    assert "notebooks/ko/06_playground.ipynb" in write and "INITLAB_LANG=ko" in voila
    write, voila = app_lines(make_dry_run("app", "LANG=C.UTF-8"))
    assert "notebooks/06_playground.ipynb" in write and "INITLAB_LANG=en" in voila


def test_app_notebook_drops_the_exercises_and_keeps_the_rest():
    app = importlib.util.spec_from_file_location("app_notebook", ROOT / "scripts/app_notebook.py")
    module = importlib.util.module_from_spec(app)
    app.loader.exec_module(module)
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        if not any(c.source.startswith("## Exercises") for c in nb.cells):
            continue  # the index
        out = module.app_version(nb)
        text = "\n".join(c.source for c in out.cells)
        assert "## Exercises" not in text and "(answer)" not in text, path.name
        assert "Open In Colab" not in out.cells[0].source
        assert "## Summary" in text and any(c.cell_type == "code" for c in out.cells)
        kept = [c.source for c in nb.cells if "## Exercises" not in c.source]
        assert len(out.cells) < len(nb.cells) and out.cells[-1].source in kept
