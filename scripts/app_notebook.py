"""Write the classroom-app version of a notebook: everything but what needs code typed.

Usage: python scripts/app_notebook.py notebooks/NN_x.ipynb OUT_DIR

The app (Voilà) shows sliders and figures, no code, so a student cannot answer an exercise
there. This drops the `## Exercises` section (from its heading up to `## Summary`; in the
Korean edition `## 연습 문제` up to `## 요약`), the
Colab/Binder badge line, and the setup cell's install lines, and writes OUT_DIR/NN_x.ipynb.
The notebook itself stays the one source: `make app` regenerates the copy on every start.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

EXERCISES = ("## exercises", "## 연습 문제")  # English, Korean edition


def heading(cell) -> str:
    first = cell.source.lstrip().splitlines()[:1] if cell.cell_type == "markdown" else []
    return first[0].strip().lower() if first else ""


def app_version(nb):
    """A copy of `nb` without its exercises and badge line."""
    cells, skipping = [], False
    for cell in nb.cells:
        h = heading(cell)
        if h.startswith(EXERCISES):
            skipping = True
        elif h.startswith("## ") and skipping:
            skipping = False  # the next section (Summary) ends the exercises
        if not skipping:
            cells.append(cell)
    out = nbformat.from_dict(nb)
    out.cells = [nbformat.from_dict(c) for c in cells]
    first = out.cells[0]
    if first.cell_type == "markdown" and first.source.startswith("[![Open In Colab]"):
        first.source = first.source.split("\n", 1)[1].lstrip("\n")
    return out


def main(args: list[str]) -> int:
    if len(args) != 2:
        sys.exit(__doc__)
    src, out_dir = Path(args[0]), Path(args[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / src.name
    nbformat.write(app_version(nbformat.read(src, as_version=4)), target)
    print(f"app notebook: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
