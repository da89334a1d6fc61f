"""The Korean edition (notebooks/ko/), generated from the English notebooks and a catalogue.

The English notebooks are the one source. Each has a translation catalogue,
translations/ko/NN_slug.md: one entry per markdown cell, headed by a marker with the
cell's id and the hash of the English text it translates,

    <!-- cell 3f2a9c01 en 1b2c3d4e5f60 -->
    (the Korean markdown of that cell)

The Korean notebook keeps the English one's code cells (the setup cell also calls
`il.set_language("ko")`), takes its markdown from the catalogue, and points its badges at
itself; its stored outputs are kept while a code cell is unchanged (`make notebooks`
re-executes). `make stamp` runs this; tests/test_korean.py fails, naming notebook and
cell, when an English cell changed after its translation (the hashes differ).

Usage:
    python scripts/korean_edition.py             write notebooks/ko/ (also run by make stamp)
    python scripts/korean_edition.py --skeleton notebooks/NN_x.ipynb
        add an entry for every untranslated or changed cell to its catalogue, with the
        English text to translate in place (the test fails until it is Korean)
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "translations" / "ko"
EDITION = ROOT / "notebooks" / "ko"
MARKER = re.compile(r"^<!-- cell (\S+) en ([0-9a-f]{12}) -->$", re.M)
BADGE = "[![Open In Colab]"
SET_LANGUAGE = 'il.set_language("ko")  # 위젯, 메시지, 채점 결과를 한국어로'
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def english_text(cell, first: bool) -> str:
    """What a translation translates: the cell's source, without the stamped badge line."""
    text = cell.source
    if first and text.startswith(BADGE):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text.strip("\n")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def markdown_cells(nb) -> list[tuple[str, str]]:
    """(cell id, English text) of every markdown cell, in order."""
    return [
        (c.id, english_text(c, i == 0)) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
    ]


def catalogue_path(notebook: Path) -> Path:
    return CATALOGUES / (notebook.stem + ".md")


def read_catalogue(path: Path) -> dict[str, tuple[str, str]]:
    """cell id -> (hash of the English it translates, Korean text)."""
    if not path.exists():
        return {}
    text = path.read_text()
    marks = list(MARKER.finditer(text))
    out = {}
    for m, nxt in zip(marks, [*marks[1:], None]):
        body = text[m.end() : nxt.start() if nxt else len(text)]
        out[m.group(1)] = (m.group(2), body.strip("\n"))
    return out


def problems(notebook: Path) -> list[str]:
    """Every markdown cell of `notebook` without an up-to-date Korean translation."""
    nb = nbformat.read(notebook, as_version=4)
    entries = read_catalogue(catalogue_path(notebook))
    out = []
    for cid, english in markdown_cells(nb):
        where = f"{notebook.name}, cell {cid}"
        if cid not in entries:
            out.append(f"{where}: no Korean entry in {catalogue_path(notebook).name}")
        elif entries[cid][0] != digest(english):
            out.append(f"{where}: the English changed since it was translated (update it)")
        elif english and not HANGUL.search(entries[cid][1]):
            out.append(f"{where}: the entry is not Korean yet")
    return out


def skeleton(notebook: Path) -> int:
    """Add an entry, English text in place, for each cell missing or changed."""
    nb = nbformat.read(notebook, as_version=4)
    path = catalogue_path(notebook)
    entries = read_catalogue(path)
    blocks, added = [], 0
    for cid, english in markdown_cells(nb):
        old = entries.get(cid)
        if old and old[0] == digest(english):
            body = old[1]
        else:
            body, added = (old[1] + "\n\n" if old else "") + english, added + 1
        blocks.append(f"<!-- cell {cid} en {digest(english)} -->\n{body}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(blocks))
    print(f"{path.relative_to(ROOT)}: {added} entries to translate")
    return 0


def korean_notebook(name: str, english: str, badges: str) -> str:
    """The Korean notebook's text, from the English notebook's text: its code, the
    catalogue's markdown, its own badges, and the outputs stored while code is unchanged."""
    nb = nbformat.reads(english, as_version=4)
    entries = read_catalogue(CATALOGUES / (Path(name).stem + ".md"))
    target = EDITION / name
    kept, state = {}, None
    if target.exists():
        old_nb = nbformat.read(target, as_version=4)
        kept, state = {c.id: c for c in old_nb.cells}, old_nb.metadata.get("widgets")
    # The stored widget state belongs to the stored outputs: the Korean run's, not the English.
    nb.metadata.pop("widgets", None)
    if state is not None:
        nb.metadata["widgets"] = state
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            english_md = english_text(cell, i == 0)
            text = entries.get(cell.id, ("", english_md))[1]  # the test reports what is missing
            cell.source = relink(text)
            if i == 0:
                cell.source = badges + "\n\n" + cell.source
        elif cell.cell_type == "code":
            if "setup" in cell.metadata.get("tags", []):
                cell.source = korean_setup(cell.source)
            old = kept.get(cell.id)
            if old is not None and old.source == cell.source:
                cell.outputs, cell.execution_count = old.outputs, old.execution_count
                cell.metadata = old.metadata
            else:
                cell.outputs, cell.execution_count = [], None
    return nbformat.writes(nb) + "\n"


def korean_setup(source: str) -> str:
    """The English setup cell, then the switch to Korean (after the imports' block)."""
    return source.rstrip("\n") + "\n\n" + SET_LANGUAGE


def relink(text: str) -> str:
    """Links that leave notebooks/ go one folder further up from notebooks/ko/."""
    return re.sub(r"\]\(\.\./", "](../../", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skeleton", type=Path, help="add entries to translate for this notebook")
    args = parser.parse_args()
    if args.skeleton:
        return skeleton(args.skeleton.resolve())
    sys.path.insert(0, str(ROOT / "scripts"))
    from stamp_notebooks import main as stamp

    return stamp([])


if __name__ == "__main__":
    sys.exit(main())
