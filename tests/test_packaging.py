"""The package as users install it: a wheel built from the sdist, holding every module,
importable from a folder outside the checkout; and the compatibility environments that
test the declared version ranges (scripts/compat_test.sh runs them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.repo  # checks files of the checkout

ROOT = Path(__file__).resolve().parent.parent
SOURCE = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "initlab_utils").rglob("*.py")
    if "__pycache__" not in p.parts
)


def build(hook: str, source: Path, out: Path) -> Path:
    """Run a PEP 517 hook of the project's backend in `source`, as pip and build do."""
    code = f"from setuptools import build_meta as b; print(b.{hook}({str(out)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=source, capture_output=True, text=True, check=True
    )
    return out / done.stdout.strip().splitlines()[-1]


def clean_copy(dest: Path) -> Path:
    """The files a fresh clone would have (tracked, or new and not ignored): a build in
    the checkout itself can pick up a stale *.egg-info of an editable install, whose
    file list hides a package the configuration leaves out."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")  # fmt: skip
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def dists(tmp_path_factory):
    """An sdist of a clean copy of the checkout, and a wheel built from that sdist (what
    pip does with a source archive), so a file the sdist forgets is missing from the
    wheel too."""
    out = tmp_path_factory.mktemp("dist")
    sdist = build("build_sdist", clean_copy(tmp_path_factory.mktemp("clone")), out)
    with tarfile.open(sdist) as tar:
        tar.extractall(out / "src", filter="data")
    (unpacked,) = (out / "src").iterdir()
    wheel = build("build_wheel", unpacked, out)
    return sdist, wheel


def test_source_tree_has_subpackages():
    # What the check below must catch: a package inside the package.
    assert "initlab_utils/exercises/__init__.py" in SOURCE


def test_sdist_holds_every_module(dists):
    sdist, _ = dists
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    missing = [p for p in SOURCE if p not in names]
    assert not missing, f"the sdist lacks {missing}"
    assert "pyproject.toml" in names and "README.md" in names


def test_wheel_holds_every_module_and_nothing_else(dists):
    _, wheel = dists
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    missing = [p for p in SOURCE if p not in names]
    assert not missing, f"the wheel lacks {missing} (see [tool.setuptools] in pyproject.toml)"
    stray = [n for n in names if not n.startswith(("initlab_utils/", "initlab_utils-"))]
    assert not stray, f"the wheel carries files outside the package: {stray}"


def test_wheel_imports_every_module_outside_the_checkout(dists, tmp_path):
    _, wheel = dists
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True,
    )  # fmt: skip
    code = (
        "import importlib, pkgutil, initlab_utils as il\n"
        "mods = [m.name for m in pkgutil.walk_packages(il.__path__, 'initlab_utils.')]\n"
        "[importlib.import_module(m) for m in mods]\n"
        "print(il.__file__, len(mods))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    where, count = done.stdout.split()
    assert Path(where).is_relative_to(target)
    assert int(count) == len(SOURCE) - 1  # every module but the top __init__


def pins(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            out[canonicalize_name(name)] = version
    return out


def declared() -> dict[str, Requirement]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    reqs = map(Requirement, meta["project"]["dependencies"])
    return {canonicalize_name(r.name): r for r in reqs}


def test_floor_environment_tests_exactly_the_declared_floors():
    floor = pins(ROOT / "tests/compat/floor.txt")
    for name, req in declared().items():
        lows = [s.version for s in req.specifier if s.operator == ">="]
        assert lows, f"{name} declares no floor"
        if name == "torch":  # only the CPU build of the pins is at hand: see floor.txt
            continue
        assert floor[name].startswith(lows[0]) and req.specifier.contains(floor[name]), (
            f"pyproject declares {req}; tests/compat/floor.txt tests {name}=={floor[name]}"
        )


def test_colab_environment_is_older_and_admitted():
    colab, pinned = pins(ROOT / "tests/compat/colab.txt"), pins(ROOT / "requirements.txt")
    assert colab["ipywidgets"].startswith("7.7"), "Colab carries ipywidgets 7.7.1"
    assert colab["matplotlib"].startswith("3.10"), "a matplotlib behind the pinned one"
    for name, req in declared().items():
        assert req.specifier.contains(colab[name]), f"pyproject's {req} excludes {colab[name]}"
        assert name == "torch" or colab[name] != pinned[name], f"{name}: same as the pins"
