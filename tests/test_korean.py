"""The Korean edition (notebooks/ko/) cannot drift from the English one, nor from its term base.

Every English markdown cell has a Korean entry in translations/ko/ whose stored hash is
that of the current English text; the generated notebooks mirror the English code cell by
cell, were executed, and show no error and no figure text their font cannot draw.

Every Korean text a student reads (the entries, README.ko.md, the glossary, the Korean
index's words, messages/ko.py) uses the term base of docs/glossary.ko.md, has no Hangul in
italics, no bold that CommonMark leaves open, no English in formulas, and names controls
by the label the Korean widget shows (see the second half of this file).
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import sys
from dataclasses import dataclass
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


# ---- The term base and the house rules of the Korean text ------------------------------
#
# docs/glossary.ko.md ends with the term base (below TERM_BASE): the words the edition
# uses and the variants it rejects, and the labels the Korean widgets show. Every text a
# Korean student reads is checked against it, and against four rules of form: no Hangul in
# italics, bold that CommonMark closes, no English words in formulas, controls named by
# their Korean label. Each rule reports every offence at once, as "file:line (cell): ...".
# The markdown is parsed as JupyterLab renders it: maths first replaced by @@n@@ (what
# JupyterLab's renderer does before its CommonMark parser runs), then mistune, a CommonMark
# parser (installed with nbconvert); without it, a rule of thumb stands in for the parser.

try:
    import mistune

    PARSE = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough"])
except ImportError:  # pragma: no cover - nbconvert brings mistune wherever the tests run
    PARSE = None

GLOSSARY_KO = ROOT / "docs" / "glossary.ko.md"
TERM_BASE = "<!-- term-base -->"  # docs/glossary.ko.md: the glossary above, the term base below
HANGUL_CHAR = re.compile(r"[\uac00-\ud7a3]")
# A variant may stand only where it is quoted as the blog post's own word: (file, exact text).
ALLOWED = {
    ("translations/ko/02_normal_std1.md", '"기울기 손실"'),  # the bridge to 기울기 소실
    ("docs/glossary.ko.md", '"기울기 손실"'),  # the glossary's row for 기울기 소실
}
# Words a formula of a Korean cell may hold: the fan-in/fan-out subscripts and names.
ALLOWED_IN_FORMULAS = {"in", "out", "Xavier", "He", "LeCun", "Glorot", "Kaiming", "et", "al"}


def table_after(text: str, heading: str) -> list[list[str]]:
    """The body rows (lists of cells) of the first markdown table after `heading`."""
    lines = text.split(heading, 1)[1].splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("|"))
    block = list(itertools.takewhile(lambda ln: ln.startswith("|"), lines[start:]))
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in block]
    width = len(rows[0])
    bad = [ln for ln, r in zip(block, rows) if len(r) != width]
    assert not bad, f"{GLOSSARY_KO.name}: a row with a stray '|' under {heading!r}: {bad}"
    return rows[2:]


def codes(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


@dataclass(frozen=True)
class Variant:
    preferred: str
    shown: str  # as the term base writes it
    pattern: re.Pattern


def variants(text: str | None = None) -> list[Variant]:
    """The rejected variants of the term base (docs/glossary.ko.md)."""
    text = text if text is not None else GLOSSARY_KO.read_text()
    out = []
    for preferred, rejected, *_ in table_after(text, "### 쓰는 말과 쓰지 않는 말"):
        for item in filter(None, (s.strip() for s in rejected.split(", "))):
            if item.startswith("`/") and item.endswith("/`"):
                out.append(Variant(preferred, item[1:-1], re.compile(item[2:-2])))
            else:
                out.append(Variant(preferred, item, re.compile(re.escape(item))))
    return out


@dataclass(frozen=True)
class Label:
    label: str  # what the Korean widget shows
    code_names: tuple[str, ...]
    english: str  # what the English widget shows
    key: str  # the message key that holds the label


def labels(text: str | None = None) -> list[Label]:
    """The control, column and button labels of the term base."""
    text = text if text is not None else GLOSSARY_KO.read_text()
    return [
        Label(label, tuple(codes(names)), english, codes(key)[0])
        for label, names, english, key in table_after(text, "### 위젯에 보이는 이름")
    ]


@dataclass(frozen=True)
class Text:
    """A text a Korean student reads: where it is, the line its body starts on, the body."""

    path: str
    line: int
    body: str
    where: str = ""  # a cell id or a message key
    markdown: bool = True

    def at(self, offset: int) -> str:
        line = self.line + self.body.count("\n", 0, max(offset, 0))
        return f"{self.path}:{line}" + (f" ({self.where})" if self.where else "")


def blank(text: str, start: str, end: str) -> str:
    """`text` with the part between two markers emptied, its lines kept (for line numbers)."""
    if start not in text:
        return text
    head, rest = text.split(start, 1)
    middle, tail = rest.split(end, 1)
    return head + start + "\n" * middle.count("\n") + end + tail


def korean_texts() -> list[Text]:
    """Every Korean text a student reads, as written by hand: the catalogues' entries,
    README.ko.md (its notebook table is the entries' first cells again), the glossary
    (above the term base), the Korean index's words, and the values of messages/ko.py."""
    out = []
    for path in sorted(KO.CATALOGUES.glob("[0-9][0-9]_*.md")):
        text, rel = path.read_text(), str(path.relative_to(ROOT))
        marks = list(KO.MARKER.finditer(text))
        for m, nxt in zip(marks, [*marks[1:], None]):
            body = text[m.end() + 1 : nxt.start() if nxt else len(text)]
            out.append(Text(rel, text.count("\n", 0, m.end()) + 2, body, f"cell {m.group(1)}"))
    readme = (ROOT / "README.ko.md").read_text()
    out.append(
        Text("README.ko.md", 1, blank(readme, "<!-- notebooks:start -->", "<!-- notebooks:end -->"))
    )
    out.append(Text("docs/glossary.ko.md", 1, GLOSSARY_KO.read_text().split(TERM_BASE)[0]))
    stamp_path = ROOT / "scripts" / "stamp_notebooks.py"
    source = stamp_path.read_text()
    for name, words in STAMP.INDEX_TEXT["ko/"].items():
        if name != "glossary":
            first = words.split(" ", 1)[0]
            line = source[: source.find(first)].count("\n") + 1
            out.append(Text("scripts/stamp_notebooks.py", line, words, f"index {name}"))
    messages = (ROOT / "initlab_utils" / "messages" / "ko.py").read_text()
    from initlab_utils.messages import ko

    for key, value in ko.MESSAGES.items():
        line = messages[: messages.find(f'"{key}"')].count("\n") + 1
        out.append(Text("initlab_utils/messages/ko.py", line, value, key, markdown=False))
    return out


STAMP_SPEC = importlib.util.spec_from_file_location(
    "stamp_notebooks", ROOT / "scripts/stamp_notebooks.py"
)
STAMP = importlib.util.module_from_spec(STAMP_SPEC)
STAMP_SPEC.loader.exec_module(STAMP)

# Code blocks, code spans and maths, left to right: what the markdown rules look at or skip.
SEGMENTS = re.compile(
    r"(?P<fence>^(?P<f>```|~~~).*?^(?P=f))|(?P<code>`[^`\n]+`)|(?P<math>\$\$.+?\$\$|\$[^$]+?\$)",
    re.M | re.S,
)


def masked(body: str) -> tuple[str, list[str]]:
    """`body` with each formula replaced by @@n@@, as JupyterLab does before parsing."""
    maths = []

    def hide(m):
        if not m.group("math"):
            return m.group(0)
        maths.append(m.group(0))
        return f"@@{len(maths) - 1}@@"

    return SEGMENTS.sub(hide, body), maths


def nodes(tree, skip=()):
    """Every node of a mistune tree, depth first, with the types of its ancestors."""
    stack = [(n, ()) for n in reversed(tree)]
    while stack:
        node, above = stack.pop()
        yield node, above
        if node["type"] not in skip:
            stack += [(c, (*above, node["type"])) for c in reversed(node.get("children", []))]


def plain(node) -> str:
    return node.get("raw", "") + "".join(plain(c) for c in node.get("children", []))


def locate(text: Text, snippet: str, maths: list[str]) -> str:
    """Where `snippet` (parsed text, maths hidden) is in the body."""
    shown = re.sub(r"@@(\d+)@@", lambda m: maths[int(m.group(1))], snippet)
    return text.at(text.body.find(shown.strip()[:40]))


def rejected_variants(text: Text, terms: list[Variant]) -> list[str]:
    """(a) Every variant the term base rejects, unless quoted where ALLOWED says."""
    out, offset = [], 0
    for line in text.body.split("\n"):
        kept = line
        for path, quote in ALLOWED:
            if path == text.path:
                kept = kept.replace(quote, " " * len(quote))
        hits = sorted(
            (m.start(), m.group(0), v.preferred) for v in terms for m in v.pattern.finditer(kept)
        )
        out += [f"{text.at(offset)}: {word!r} (term base: {good})" for _, word, good in hits]
        offset += len(line) + 1
    return out


# The rule of thumb without a parser: *...* (also inside a word) or _..._ (not inside one)
# around Hangul, not part of ** (bold).
ITALIC_HANGUL = re.compile(
    r"(?<!\*)\*(?![\s*])[^*\n]*?[가-힣][^*\n]*?(?<![\s*])\*(?!\*)"
    r"|(?<![A-Za-z0-9_])_(?!\s)[^_\n]*?[가-힣][^_\n]*?(?<!\s)_(?![A-Za-z0-9_])"
)


def hangul_in_italics(text: Text) -> list[str]:
    """(b) Italics (*...* or _..._) with Hangul inside: Hangul has no italic, only a slant."""
    body, maths = masked(text.body)
    if PARSE is None:
        hits = ITALIC_HANGUL.finditer(SEGMENTS.sub(lambda m: " " * len(m.group(0)), body))
        return [f"{text.at(text.body.find(m.group(0)))}: {m.group(0)}" for m in hits]
    out = []
    for node, _ in nodes(PARSE(body)):
        if node["type"] == "emphasis" and HANGUL_CHAR.search(plain(node)):
            out.append(f"{locate(text, plain(node), maths)}: *{plain(node)}*")
    return out


# The rule of thumb without a parser: a closing ** right after punctuation and right
# before a letter does not close (CommonMark's right-flanking rule).
UNCLOSED_BOLD = re.compile(r"\*\*(?=\S)[^*\n]*?[^\w\s*]\*\*(?=\w)")


def unclosed_bold(text: Text) -> list[str]:
    """(c) Bold that CommonMark does not close: literal ** left in the rendered text."""
    body, maths = masked(text.body)
    if PARSE is None:
        return [
            f"{text.at(text.body.find(m.group(0)))}: {m.group(0)}"
            for m in UNCLOSED_BOLD.finditer(body)
        ]
    out = []
    for node, _ in nodes(PARSE(body)):
        raw = node.get("raw", "") if node["type"] == "text" else ""
        for i in (m.start() for m in re.finditer(r"\*\*", raw)):
            context = raw[max(i - 30, 0) : i + 30]
            out.append(f"{locate(text, context, maths)}: {context.strip()}")
    return out


FORMULA_TEXT = re.compile(r"\\(?:text[a-z]*|mbox)\s*\{([^{}]*)\}")


def english_in_formulas(text: Text) -> list[str]:
    """(d) English words inside \\text{...} of a formula."""
    out = []
    for m in SEGMENTS.finditer(text.body):
        if m.group("math"):
            for t in FORMULA_TEXT.finditer(m.group(0)):
                words = set(re.findall(r"[A-Za-z]{2,}", t.group(1))) - ALLOWED_IN_FORMULAS
                if words:
                    out.append(f"{text.at(m.start() + t.start())}: {t.group(0)}")
    return out


def controls_without_labels(text: Text, names: list[Label]) -> list[str]:
    """(e) A control's code name in backticks stands right after its Korean label, as in
    가중치 표준편차(`std`); the English widget's names of controls, columns and buttons
    (std, saturated, unit std, Train, ...) are not Korean prose, except as an English gloss
    in parentheses after the Korean, like 포화된(saturated)."""
    out = []
    by_code = {code: n.label for n in names for code in n.code_names}
    english_only = {n.english for n in names} - set(by_code)
    for m in SEGMENTS.finditer(text.body):
        inner = (m.group("code") or "")[1:-1]
        if inner in by_code:
            before, after = text.body[: m.start()], text.body[m.end() : m.end() + 1]
            if not (before.endswith(by_code[inner] + "(") and after == ")"):
                want = f"{by_code[inner]}(`{inner}`)"
                out.append(f"{text.at(m.start())}: `{inner}` without its label: {want}")
        elif inner in english_only:
            label = next(n.label for n in names if n.english == inner)
            out.append(f"{text.at(m.start())}: `{inner}` is the English widget's name: {label}")
    english = sorted({n.english for n in names}, key=len, reverse=True)
    # ASCII bounds: Hangul is a word character, and "std를" is the English word std.
    word = re.compile(
        r"(?<![A-Za-z0-9_`])(" + "|".join(map(re.escape, english)) + r")(?![A-Za-z0-9_`])"
    )
    gloss = re.compile(r"\([^()\uac00-\ud7a3]*\)")  # (saturated), (He et al. 2015)
    body, maths = masked(text.body)
    if PARSE is None:
        prose = [SEGMENTS.sub(" ", body)]
    else:
        skip = ("emphasis", "link", "codespan", "block_code")  # titles, link texts, code
        prose = [n["raw"] for n, above in nodes(PARSE(body), skip) if n["type"] == "text"
                 and not set(above) & set(skip)]  # fmt: skip
    for chunk in prose:
        for m in word.finditer(gloss.sub(lambda g: " " * len(g.group(0)), chunk)):
            context = chunk[max(m.start() - 20, 0) : m.end() + 20]
            out.append(f"{locate(text, context, maths)}: English {m.group(0)!r} in {context!r}")
    return out


def report(rule, texts, *args) -> list[str]:
    return [offence for t in texts for offence in rule(t, *args)]


@pytest.fixture(scope="module")
def texts():
    return korean_texts()


def test_the_term_base_parses_and_its_labels_are_the_widgets():
    terms, names = variants(), labels()
    assert len(terms) >= 12 and len(names) >= 14
    from initlab_utils.messages import ko

    wrong = [f"{n.key}: glossary {n.label!r}, messages/ko.py {ko.MESSAGES.get(n.key)!r}"
             for n in names if ko.MESSAGES.get(n.key) != n.label]  # fmt: skip
    assert not wrong, "docs/glossary.ko.md's labels differ from the widgets':\n" + "\n".join(wrong)
    assert "<!-- term-base -->" not in STAMP.INDEX_TEXT["ko/"]["glossary"], (
        "the index shows the term base"
    )


def test_each_allowed_quote_is_there_once():
    counts = {(p, q): (ROOT / p).read_text().split(TERM_BASE)[0].count(q) for p, q in ALLOWED}
    assert all(n == 1 for n in counts.values()), counts


def test_korean_texts_use_the_term_base(texts):
    offences = report(rejected_variants, texts, variants())
    assert not offences, "variants the term base rejects:\n" + "\n".join(offences)


def test_no_hangul_in_italics(texts):
    offences = report(hangul_in_italics, [t for t in texts if t.markdown])
    assert not offences, "Hangul in italics (use bold):\n" + "\n".join(offences)


def test_every_bold_closes(texts):
    offences = report(unclosed_bold, [t for t in texts if t.markdown])
    assert not offences, "bold CommonMark does not close (shows **):\n" + "\n".join(offences)


def test_no_english_words_in_formulas(texts):
    offences = report(english_in_formulas, [t for t in texts if t.markdown])
    assert not offences, "English in a formula of a Korean cell:\n" + "\n".join(offences)


def test_controls_are_named_as_the_korean_widgets_show_them(texts):
    offences = report(controls_without_labels, [t for t in texts if t.markdown], labels())
    assert not offences, "controls not named by their Korean label:\n" + "\n".join(offences)


# Each rule can fail: a bad sample is caught, a good one is not.
SAMPLE = Text("sample.md", 1, "")


def sample(body: str, **kw) -> Text:
    return Text("sample.md", 10, body, "cell x", **kw)


def test_the_variant_rule_catches_a_variant_and_allows_only_the_listed_quote(monkeypatch):
    terms = variants()
    bad = sample("첫 줄\n이 코스의 네트워크는 30층이고 {depth}층, $L$층까지 적어도 4분의 1로 넘침")
    found = rejected_variants(bad, terms)
    assert [f.split(": ", 1)[1].split(" ")[0] for f in found] == [
        "'코스'", "'네트워크'", "'30층'", "'}층'", "'$층'", "'적어도", "'넘침'"
    ]  # fmt: skip
    assert all(f.startswith("sample.md:11 (cell x)") for f in found)
    good = sample("층 30, 30개 층, 은닉층 2개, 100 x 100 층, ReLU층")
    assert rejected_variants(good, terms) == []
    quote = sample('원글은 "기울기 손실"이라고 부르고, 기울기 손실은')
    assert len(rejected_variants(quote, terms)) == 2  # a quote, elsewhere, is not allowed
    monkeypatch.setattr(sys.modules[__name__], "ALLOWED", {("sample.md", '"기울기 손실"')})
    assert len(rejected_variants(quote, terms)) == 1


def test_the_italics_rule_catches_hangul_not_maths_or_english_titles():
    found = hangul_in_italics(sample("줄\n소실되지 *않습니다*, _더_ 작습니다"))
    assert [f.split(": ", 1)[0] for f in found] == ["sample.md:11 (cell x)"] * 2
    assert hangul_in_italics(sample("$a*b*c$ 그리고 *Deep Learning* (2016), **굵게**")) == []


def test_the_bold_rule_catches_what_commonmark_leaves_open():
    assert unclosed_bold(sample("**용어(term)**입니다")) != []
    assert unclosed_bold(sample('**"기울기"**는')) != []
    assert unclosed_bold(sample("**$x$**는")) != []  # $x$ becomes @@0@@: punctuation
    assert unclosed_bold(sample("**용어**(term)입니다, **1.** 문제, **용어(term)** 입니다")) == []
    assert UNCLOSED_BOLD.search("**용어(term)**입니다") and not UNCLOSED_BOLD.search(
        "**용어**(term)"
    )


def test_the_formula_rule_catches_english_in_text():
    found = english_in_formulas(
        sample(r"식 $\underbrace{x}_{\text{fixed, per unit}}$, $\sum_{\text{samples}}$")
    )
    assert len(found) == 2
    assert (
        english_in_formulas(
            sample(r"$n_\text{in}$, $\text{Xavier: } 2^{-l}$, $\text{게인}$, `\text{x}`")
        )
        == []
    )


def test_the_control_rule_catches_bare_code_names_and_english_names():
    names = labels()
    bad = sample(
        "`std`를 올리고 `init`을 바꾸고 **Train**을 누르고 표의 `saturated`와 unit std, std를"
    )
    found = controls_without_labels(bad, names)
    assert len(found) == 6, found
    good = sample(
        "가중치 표준편차(`std`)를 올리고 초기화 방식(`init`)을 `normal`로, **학습**을 누르세요. "
        "포화된(saturated), 유닛별 표준편차(unit std), *All you need is a good init*, "
        "`il.run_experiment(std=2.0)`, `Trainer`"
    )
    assert controls_without_labels(good, names) == []


def test_the_rules_of_thumb_without_a_parser_also_fail(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "PARSE", None)
    assert len(hangul_in_italics(sample("소실되지 *않습니다*, 신경망*입니다*, _더_ 작게"))) == 3
    assert hangul_in_italics(sample("**굵게**, $a*b*c$, *Deep Learning*, unit_std_x")) == []
    assert unclosed_bold(sample("**용어(term)**입니다")) != []
    assert unclosed_bold(sample("**용어**(term)입니다")) == []
    assert controls_without_labels(sample("std 1, `std`"), labels()) != []
