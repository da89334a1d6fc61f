"""The Korean edition (notebooks/ko/) cannot drift from the English one.

Every English markdown cell has a Korean entry in translations/ko/ whose stored hash is
that of the current English text; the generated notebooks mirror the English code cell by
cell, were executed, and show no error and no figure text their font cannot draw.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.repo  # checks files of the checkout

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("korean_edition", ROOT / "scripts/korean_edition.py")
KO = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(KO)
ENGLISH = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb") if p.stem != "00_index")
IDS = [p.stem for p in ENGLISH]
HEADINGS = ["**학습 목표.**", "## 연습 문제", "## 요약", "## 참고 문헌"]


def korean(path: Path):
    return nbformat.read(ROOT / "notebooks" / "ko" / path.name, as_version=4)


@pytest.mark.parametrize("path", ENGLISH, ids=IDS)
def test_every_english_cell_has_a_current_translation(path):
    problems = KO.problems(path)
    assert not problems, "\n".join(problems) + "\n(see translations/ko/README.md)"


@pytest.mark.parametrize("path", ENGLISH, ids=IDS)
def test_the_catalogue_holds_no_entry_for_a_cell_that_is_gone(path):
    cells = {cid for cid, _ in KO.markdown_cells(nbformat.read(path, as_version=4))}
    orphans = set(KO.read_catalogue(KO.catalogue_path(path))) - cells
    assert not orphans, f"{KO.catalogue_path(path).name}: entries for no cell: {sorted(orphans)}"


def test_a_changed_english_cell_is_named(tmp_path, monkeypatch):
    path = ENGLISH[0]
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells[1:] if c.cell_type == "markdown")
    cell.source += "\nOne more sentence."
    changed = tmp_path / path.name
    nbformat.write(nb, changed)
    monkeypatch.setattr(KO, "catalogue_path", lambda p: KO.CATALOGUES / (p.stem + ".md"))
    assert KO.problems(changed) == [
        f"{path.name}, cell {cell.id}: the English changed since it was translated (update it)"
    ]


@pytest.mark.parametrize("path", ENGLISH, ids=IDS)
def test_the_korean_notebook_mirrors_the_english_code(path):
    en, ko = nbformat.read(path, as_version=4), korean(path)
    assert [(c.id, c.cell_type) for c in ko.cells] == [(c.id, c.cell_type) for c in en.cells]
    for e, k in zip(en.cells, ko.cells):
        if e.cell_type != "code":
            continue
        if "setup" in e.metadata.get("tags", []):
            assert k.source == KO.korean_setup(e.source)
        else:
            assert k.source == e.source, f"cell {e.id} differs: run `make stamp`"


@pytest.mark.parametrize("path", ENGLISH, ids=IDS)
def test_the_korean_notebook_reads_as_the_skeleton_asks(path):
    text = "\n".join(c.source for c in korean(path).cells if c.cell_type == "markdown")
    missing = [h for h in HEADINGS if h not in text]
    assert not missing, f"{path.name}: the Korean edition lacks {missing}"
    assert "notebooks/ko/" + path.name in korean(path).cells[0].source, "badges point elsewhere"


@pytest.mark.parametrize("path", ENGLISH, ids=IDS)
def test_the_korean_notebook_was_executed_without_errors_or_missing_glyphs(path):
    def images(nb):
        return sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))

    ko = korean(path)
    outputs = [o for c in ko.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: {errors[0].ename}: {errors[0].evalue}"
    text = "".join(o.get("text", "") for o in outputs)
    assert not re.search(r"Glyph \d+ .* missing from", text), "a figure draws text as boxes"
    assert images(ko) == images(nbformat.read(path, as_version=4)), "run `make notebooks`"


def test_the_korean_index_and_readme_list_every_notebook():
    index = nbformat.read(ROOT / "notebooks/ko/00_index.ipynb", as_version=4).cells[0].source
    readme = (ROOT / "README.ko.md").read_text()
    names = [p.name for p in ENGLISH]
    assert re.findall(r"\]\((\d\d_[^)\s]+\.ipynb)\)", index) == names
    assert re.findall(r"\]\(notebooks/ko/(\d\d_[^)\s]+\.ipynb)\)", readme) == names
    assert "## 용어집" in index
