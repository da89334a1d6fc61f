"""Run every notebook top to bottom on a fresh kernel and store its outputs in place.

Usage: python scripts/execute_notebooks.py [notebooks/NN_name.ipynb ...]
Without arguments: every notebook of both editions (notebooks/ and notebooks/ko/).
Outputs are deterministic: every random draw in the course is seeded.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def execute(path: Path) -> float | None:
    nb = nbformat.read(path, as_version=4)
    if not any(c.cell_type == "code" for c in nb.cells):
        return None  # nothing to run (the generated index): leave it as stamped
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(paths: list[str]) -> int:
    english = (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")
    every = [*english, *(ROOT / "notebooks/ko").glob("[0-9][0-9]_*.ipynb")]
    targets = [Path(p).resolve() for p in paths] or sorted(every)
    for path in targets:
        seconds = execute(path)
        size = path.stat().st_size / 1024
        ran = "no code" if seconds is None else f"{seconds:.1f} s"
        print(f"{path.relative_to(ROOT / 'notebooks')}: {ran}, {size:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
