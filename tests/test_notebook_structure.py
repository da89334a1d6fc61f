"""The course's shape: the index and the README list exactly the notebooks that exist, in
order, and every notebook follows the skeleton in CONTRIBUTING.md."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.repo  # checks files of the checkout

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "notebooks" / "00_index.ipynb"
COURSE = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb") if p != INDEX)
NAMES = [p.name for p in COURSE]
START, END = "<!-- notebooks:start -->", "<!-- notebooks:end -->"


def test_there_are_notebooks():
    assert COURSE, "no notebooks/NN_*.ipynb found"
    bad = [n for n in NAMES if not re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", n)]
    assert not bad, f"notebook names must be NN_lowercase_slug.ipynb: {bad}"
    numbers = [n[:2] for n in NAMES]
    assert len(set(numbers)) == len(numbers), f"two notebooks share a number: {numbers}"


def test_index_notebook_lists_every_notebook_in_order():
    nb = nbformat.read(INDEX, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    listed = re.findall(r"\]\((\d\d_[^)\s]+\.ipynb)\)", text)
    assert listed == NAMES, f"00_index.ipynb lists {listed}; notebooks/ has {NAMES} (make stamp)"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert not code, "the index is generated markdown only"


def test_readme_table_lists_every_notebook_in_order():
    readme = (ROOT / "README.md").read_text()
    assert readme.count(START) == 1 and readme.count(END) == 1, f"README needs {START} ... {END}"
    table = readme.split(START, 1)[1].split(END, 1)[0]
    listed = re.findall(r"\]\(notebooks/(\d\d_[^)\s]+\.ipynb)\)", table)
    assert listed == NAMES, f"README's table lists {listed}; notebooks/ has {NAMES} (make stamp)"


def markdown_lines(nb) -> list[str]:
    return [
        ln.rstrip() for c in nb.cells if c.cell_type == "markdown" for ln in c.source.splitlines()
    ]


@pytest.mark.parametrize("path", COURSE, ids=[p.stem for p in COURSE])
def test_notebook_follows_the_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    number = path.name[:2]

    # 1. First cell: badges, "# NN. Title", a summary, Learning objectives (3-5), the time.
    first = nb.cells[0]
    assert first.cell_type == "markdown", "the first cell must be markdown (title and objectives)"
    lines = first.source.splitlines()
    assert any(ln.startswith(f"# {number}. ") for ln in lines), f'no "# {number}. Title" heading'
    objectives = [i for i, ln in enumerate(lines) if "Learning objectives" in ln]
    assert objectives, "no **Learning objectives** in the first cell"
    bullets = 0
    for ln in lines[objectives[0] + 1 :]:
        if re.match(r"\s*[-*] ", ln):
            bullets += 1
        elif ln.strip() and bullets:
            break
    assert 3 <= bullets <= 5, f"Learning objectives should have 3-5 bullets, has {bullets}"
    assert re.search(r"\bTime\b", first.source), "the first cell should say how long it takes"

    # 2. One code cell tagged setup, the first code cell.
    code = [c for c in nb.cells if c.cell_type == "code"]
    setup = [c for c in nb.cells if "setup" in c.metadata.get("tags", [])]
    assert len(setup) == 1, f"needs exactly one cell tagged 'setup', found {len(setup)}"
    assert code and code[0] is setup[0], "the setup cell must be the first code cell"

    # 4-5. Exercises (answer = None, then a check), Summary, References, in that order.
    md = markdown_lines(nb)
    for heading in ("## Exercises", "## Summary", "## References"):
        assert md.count(heading) == 1, f"needs exactly one '{heading}' heading"
    order = [md.index(h) for h in ("## Exercises", "## Summary", "## References")]
    assert order == sorted(order), "sections must come as Exercises, Summary, References"
    ex_cell = next(i for i, c in enumerate(nb.cells) if "## Exercises" in c.source.splitlines())
    exercises = [c for c in nb.cells[ex_cell:] if c.cell_type == "code"]
    assert any(
        "answer = None" in c.source and re.search(r"\bcheck_\w+\(answer", c.source)
        for c in exercises
    ), "## Exercises needs `answer = None` cells with a check_...(answer)"
    refs = md[md.index("## References") + 1 :]
    assert any(re.match(r"\s*[-*] .*\b(19|20)\d\d\b", ln) for ln in refs), (
        "## References should list works with their year"
    )
