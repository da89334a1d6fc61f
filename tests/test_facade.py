"""The facade: `import initlab_utils as il` gives every name a notebook uses, quickly and
without ipywidgets; notebooks use only `il.X` and their exercise checks."""

import re
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest

import initlab_utils as il

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ALLOWED_IMPORTS = re.compile(
    r"import initlab_utils as il|from initlab_utils\.exercises import [\w\s,()]+"
)


def test_importing_the_package_loads_no_widget_and_no_slow_dependency():
    code = (
        "import sys, initlab_utils\n"
        "print(sorted(m for m in ('ipywidgets', 'scipy.optimize', 'sklearn') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_all_lists_every_public_name_and_each_one_resolves():
    public = {
        n
        for n, v in vars(il).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType)
    }
    public -= {"importlib", "WIDGETS"}  # the facade's own machinery
    assert public <= set(il.__all__), f"not in __all__: {sorted(public - set(il.__all__))}"
    assert len(il.__all__) == len(set(il.__all__)), "a name is listed twice"
    for name in il.__all__:
        assert getattr(il, name) is not None, name
    assert set(il.WIDGETS) <= set(dir(il))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        il.nope  # noqa: B018


def _code(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_use_only_the_facade(path):
    code = _code(path)
    for line in code.splitlines():
        if "initlab_utils" in line and not line.lstrip().startswith(("%pip", "#")):
            statement = line.strip()
            if statement.startswith("from initlab_utils.exercises import ("):
                continue
            assert ALLOWED_IMPORTS.fullmatch(statement), f"imports deeper than il: {statement}"
    used = set(re.findall(r"(?<![\w.])il\.(\w+)", code))
    missing = used - set(il.__all__)
    assert not missing, f"{path.name} uses il.{', il.'.join(sorted(missing))}: not in il.__all__"


def test_exercise_feedback_names_only_facade_names():
    # The package as imported (installed, in the compatibility runs), not the checkout's.
    # A verdict's texts live in the message tables; the checks around them in exercises/.
    package = Path(il.__file__).parent
    files = [*(package / "exercises").glob("*.py"), *(package / "messages").glob("*.py")]
    text = "\n".join(p.read_text() for p in files)
    used = set(re.findall(r"(?<![\w.])il\.([A-Za-z_]\w*?)(?![A-Za-z0-9_])", text, re.A))
    assert used and used <= set(il.__all__), sorted(used - set(il.__all__))
