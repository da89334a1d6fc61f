"""Everything a Korean student reads at run time is Korean: after il.set_language("ko"),
every verdict and hint of every exercise check, every error a widget's entry box can give,
every text of the message tables a student is shown, and every word of the package's
figures, which are drawn with the package's Hangul font (no missing glyph, no English).

How the answers are found: every check listed in an exercises module's __all__ gets None,
an unreadable string and a wrong type, so a new check is covered as soon as it exists; on
top, the answers tests/test_exercises_NN.py gives it (the right ones and the typical wrong
ones), by running those tests with their `assert_check` asking the check in Korean.
"""

from __future__ import annotations

import importlib
import io
import re
import tomllib
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import initlab_utils as il
from initlab_utils import i18n
from initlab_utils._fast import glyphs
from initlab_utils.exercises import NOTEBOOKS
from initlab_utils.exercises.core import as_number
from initlab_utils.histograms import HistogramGrid
from initlab_utils.messages import en, ko
from initlab_utils.widgets.base import COLORS

HANGUL = re.compile("[\uac00-\ud7a3]")
# Words no Korean sentence needs: one of them outside quotes and code is English left over.
ENGLISH = {
    "the", "and", "of", "is", "are", "must", "got", "with", "not", "for", "from", "this",
    "that", "has", "have", "be", "by", "at", "than", "or", "an", "it", "its", "your", "was",
    "were", "which", "only", "every", "what", "how", "each", "give", "answer", "choose",
    "unknown", "between", "number", "whole", "finite", "error", "warning", "correct",
    "quite", "yet", "should", "would",
}  # fmt: skip
# A word not in code or quotes (ASCII classes: a Korean particle may follow it, "sigmoid에서").
WORD = re.compile(r"(?<![A-Za-z0-9_.'\"`])[A-Za-z]+(?![A-Za-z0-9_(.'\"`])")
# Three words or more in a row, as in a sentence (a list of code names has commas).
RUN = re.compile(r"(?<![A-Za-z0-9_.])[A-Za-z]{2,}(?: +[A-Za-z]{2,}){2,}(?![A-Za-z0-9_(])")
CITATIONS = re.compile(r"\b[A-Z][a-z]+ et al\b")  # "Klambauer et al. 2017" stays as cited
# Texts of the tables with no word at all, only symbols and placeholders.
SYMBOLS_ONLY = {
    "seeds.spread",
    "checks.named",
    "widgets.residual.alpha",
    "widgets.residual.inv_sqrt",
}
UNREADABLE = "abc"
TESTS = Path(__file__).resolve().parent


def english_in(said: str) -> list[str]:
    """What in `said` reads as English: words no Korean sentence needs, runs of 3+ words."""
    said = CITATIONS.sub(" ", said)
    found = [w for w in WORD.findall(said) if w.lower() in ENGLISH]
    return found + RUN.findall(said)


def assert_korean(said: str, where: str) -> None:
    assert HANGUL.search(said), f"{where}: no Hangul in {said!r}"
    assert not english_in(said), f"{where}: English {english_in(said)} in {said!r}"


# -- the message tables -------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(ko.MESSAGES))
def test_every_text_of_the_korean_table_is_korean(key):
    said = ko.MESSAGES[key]
    if key in SYMBOLS_ONLY:
        assert not re.search("[A-Za-z]{2,}|[\uac00-\ud7a3]", re.sub(r"\{[^{}]*\}", "", said))
        return
    assert_korean(re.sub(r"\{[^{}]*\}", " ", said), key)  # what the placeholders hold: below


# -- every check of every notebook ----------------------------------------------------------
def distinct(answers: list) -> list:
    """One answer per value: 0.25, np.float32(0.25) and torch.tensor(0.25) take the same
    path through a check, so one of them says what all of them get."""
    seen, out = set(), []
    for a in answers:
        x = as_number(a)
        key = ("number", x) if x is not None else (type(a).__name__, repr(a))
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def verdicts_in_korean(check, answers: list) -> list[str]:
    """`check`'s verdict on each answer, in Korean: those that are not Korean."""
    failures = []
    before = i18n.language()
    i18n.set_language("ko")
    try:
        for answer in distinct(answers):
            said = repr(check(answer))
            if not HANGUL.search(said) or english_in(said):
                failures.append(f"{check.__name__}({answer!r}): {said}")
    finally:
        i18n.set_language(before)
    return failures


def with_the_answers_of_its_tests(nn: str) -> list[str]:
    """Run tests/test_exercises_NN.py (in English, as written) with its `assert_check`
    asking each check, in Korean, about the right and the typical wrong answers it lists:
    the verdicts that are not Korean. Whether they are right is that file's job, so a test
    there that fails does so there; here it ends its own answers early."""
    path = TESTS / f"test_exercises_{nn}.py"
    if not path.exists():
        return []
    module = importlib.import_module(path.stem)
    failures: list[str] = []

    def in_korean(check, right, wrong):
        failures.extend(verdicts_in_korean(check, [*right, *(a for a, _ in wrong)]))

    original, module.assert_check = module.assert_check, in_korean
    try:
        for name in dir(module):
            if name.startswith("test_") and callable(getattr(module, name)):
                try:
                    getattr(module, name)()
                except Exception:  # noqa: BLE001 -- see the docstring
                    pass
    finally:
        module.assert_check = original
    return failures


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_verdict_and_hint_of_every_check_is_korean(notebook):
    """None, an unreadable string and a wrong type for every check in __all__ (a new check
    is covered as it is listed), then every answer its exercise tests give it."""
    checks = [getattr(notebook, n) for n in notebook.__all__ if n.startswith("check_")]
    assert checks, f"{notebook.__name__} lists no check"
    failures = []
    for check in checks:
        failures += verdicts_in_korean(check, [None, UNREADABLE, [UNREADABLE]])
    failures += with_the_answers_of_its_tests(notebook.__name__[-2:])
    assert not failures, "\n".join(failures)


# -- the widgets' typed entries and starting values ------------------------------------------
SMALL = dict(depth=3, width=20, n_samples=50)
WIDGETS = {
    "explore": lambda: il.explore(**SMALL),
    "explore_theory": lambda: il.explore_theory(**SMALL),
    "explore_phase": lambda: il.explore_phase(depth=5, width=20, n_samples=50),
    "explore_residual": lambda: il.explore_residual(depth=3, width=20, n_samples=50),
    "train_explorer": lambda: il.train_explorer(depth=2, steps=50),
    "scrub_training": lambda: il.scrub_training(depth=2, steps=20),
}
BAD_ENTRIES = [UNREADABLE, "", "-1", "0", "2.5", "1e9", "nan", "inf"]


@pytest.mark.parametrize("make", WIDGETS.values(), ids=WIDGETS.keys())
def test_every_bad_entry_of_every_widget_is_explained_in_korean(make, korean):
    w = make()
    failures = []
    for name, box in w.entries.items():
        label = w.controls[name].description
        for typed in BAD_ENTRIES:
            w.message.value = ""
            box.value = typed
            shown = w.message.value
            box.value = w.specs[name].format(w.controls[name].value)  # back to the slider
            if COLORS["error"] not in shown:
                continue  # a value the control can take ("0" for sigma_b2, say)
            said = re.sub(r"<[^>]*>", "", shown)
            if label not in said or not HANGUL.search(said) or english_in(said):
                failures.append(f"{name} <- {typed!r}: {said}")
    if "seed" in w.controls:  # a box of its own (IntText): a negative seed fails the redraw
        w.controls["seed"].value = -1
        said = re.sub(r"<[^>]*>", "", w.message.value)
        if COLORS["error"] in w.message.value and (
            w.controls["seed"].description not in said or english_in(said)
        ):
            failures.append(f"seed <- -1: {said}")
    assert not failures, "\n".join(failures)


def test_a_widget_names_the_control_by_its_label_and_code_name(korean):
    w = il.explore(**SMALL)
    w.entries["std"].value = UNREADABLE
    assert "오류: 가중치 표준편차(std) 값은 수여야 합니다" in w.message.value
    w.entries["depth"].value = "0"
    assert "깊이(depth) 값은 1에서 50 사이여야 합니다" in w.message.value


def test_an_error_from_code_is_in_korean_and_names_the_keyword(korean):
    with pytest.raises(ValueError) as err:
        il.run_experiment(std=-1)
    assert_korean(str(err.value), "run_experiment(std=-1)")
    assert "std" in str(err.value)


def test_a_code_caller_still_gets_a_value_error_in_english_by_default():
    with pytest.raises(ValueError, match="std must be a finite number > 0, got -1.0"):
        il.run_experiment(std=-1)


@pytest.mark.parametrize("make", WIDGETS.values(), ids=WIDGETS.keys())
def test_every_widget_reads_in_korean(make, korean):
    """The controls' labels, the message line and the readouts are Korean or symbols."""
    w = make()
    for name, control in w.controls.items():
        label = control.description  # Korean, or symbols (α, σ_w²)
        assert HANGUL.search(label) or not re.search("[A-Za-z]{2,}", label), f"{name}: {label!r}"
        assert not english_in(label), f"{name}: {label!r}"
    for part in ("message", "readout"):
        said = re.sub(r"<[^>]*>", " ", getattr(w, part).value) if hasattr(w, part) else ""
        if re.search("[A-Za-z]{2,}", said):
            assert_korean(said, part)


@pytest.mark.parametrize("scheme", il.INIT_SCHEMES)
def test_the_theory_readout_is_korean_under_every_scheme(scheme, korean):
    w = il.explore_theory(scheme=scheme, **SMALL)
    assert_korean(re.sub(r"<[^>]*>", " ", w.readout.value), scheme)
    said = re.sub(r"<[^>]*>", " ", w.message.value)
    if said.strip():
        assert_korean(said, scheme)


# -- figures ---------------------------------------------------------------------------------
def figure_words() -> set[str]:
    """Every English word of the figures' texts that the Korean texts do not keep too."""

    def words(table):
        said = [re.sub(r"\{[^{}]*\}", " ", v) for k, v in table.items() if k.startswith("figure.")]
        return {w for v in said for w in WORD.findall(v)}

    return words(en.MESSAGES) - words(ko.MESSAGES) - {"std"}  # std: the keyword, as typed


def all_texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def drawn(fig: Figure) -> list[str]:
    """Draw `fig` (a missing glyph is an error here) and return its texts."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph")
        warnings.filterwarnings("error", message="findfont")
        fig.savefig(io.BytesIO(), format="png", dpi=40)
    return all_texts(fig)


def package_figures() -> dict[str, Figure]:
    """One of each static figure of the package, drawn in the current language."""
    t = il.run_experiment(**SMALL)
    relu = il.run_experiment(activation="relu", scheme="he_normal", **SMALL)
    rec = il.record_training(activation="relu", scheme="he_normal", depth=3, steps=4)
    figs = {}

    def axes(name):
        fig = Figure(figsize=(4, 3))
        FigureCanvasAgg(fig)
        figs[name] = fig
        return fig.add_subplot()

    il.plot_layer_stat({"a": t, "b": [t, t]}, "frac_saturated", ax=axes("plot_layer_stat"))
    il.plot_layer_stat({"a": t}, "unit_std", ax=axes("plot_layer_stat unit_std"))
    il.plot_losses({"a": [[2.3, 2.0, 1.5], [2.2, 1.9, 1.4]]}, ax=axes("plot_losses"))
    il.plot_gains("tanh", ax=axes("plot_gains")).legend()
    il.plot_phase_diagram(ax=axes("plot_phase_diagram"), points={"A": (1.0, 0.3)})
    phase = il.phase_trace(1.5, 0.05, depth=5, width=20, n_samples=50)
    il.plot_gradient_norms(phase, 1.5, 0.05, ax=axes("plot_gradient_norms"))
    ramp = np.linspace(1, 0.5, 5)
    il.plot_correlations(ramp, ramp, ax=axes("plot_correlations"))
    il.plot_depth_scales(0.05, n=6, ax=axes("plot_depth_scales")).legend()
    spectra = {"x": np.linspace(0.1, 2, 20)}
    il.plot_singular_values(spectra, ax=axes("plot_singular_values")).legend()
    il.plot_update_ratios(rec, ax=axes("plot_update_ratios"))
    il.plot_diagnostic(rec, "std", ax=axes("plot_diagnostic"))
    il.plot_ratio_profile({"a": rec}, first=1, last=3, ax=axes("plot_ratio_profile"))
    il.plot_stream_std({"a": np.ones((2, 5))}, {"a": np.ones(5)}, ax=axes("plot_stream_std"))
    effects = {"a": {10.0: il.rescaling_effect(10.0, norm="layer")}}
    il.plot_rescaling(effects, ax=axes("plot_rescaling"))
    figs["plot_trace"] = il.plot_trace(t).figure
    figs["plot_trace relu"] = il.plot_trace(relu).figure
    q = il.predicted_q("normal", "sigmoid", 3, std=1.0, width=20)
    figs["HistogramGrid predicted"] = HistogramGrid("sigmoid").update(t, predicted_q=q).figure
    return figs


def widget_figures() -> dict[str, Figure]:
    figs = {}
    for name, make in WIDGETS.items():
        w = make()
        for attr, value in vars(w).items():
            if isinstance(value, HistogramGrid):
                value = value.figure
            if isinstance(value, Figure):
                figs[f"{name}.{attr}"] = value
    return figs


def test_every_word_of_every_figure_is_korean(korean):
    english = figure_words()
    assert {"layer", "block", "fraction", "saturated", "training"} <= english  # it can fail
    failures = []
    for name, fig in {**package_figures(), **widget_figures()}.items():
        for said in drawn(fig):
            left = [w for w in WORD.findall(said) if w in english] + english_in(said)
            if left:
                failures.append(f"{name}: {said!r} ({left})")
    assert not failures, "\n".join(failures)


def test_english_figures_are_left_in_english():
    figs = package_figures()
    said = " ".join(s for fig in figs.values() for s in drawn(fig))
    assert "layer" in said and "training step" in said and not HANGUL.search(said)


def test_the_korean_figure_texts_are_in_the_fonts():
    """Mathtext has no Hangul, and every character is in matplotlib's font or ours."""
    covered = set(TTFont(font_manager.findfont("DejaVu Sans")).getBestCmap())
    covered |= set(TTFont(i18n.HANGUL_FONT).getBestCmap())
    for key, said in ko.MESSAGES.items():
        if key.startswith("figure."):
            assert "$" not in said, f"{key}: mathtext cannot draw Hangul: {said!r}"
            missing = {c for c in said if ord(c) not in covered and c != "\n"}
            assert not missing, f"{key}: no font has {sorted(missing)}"


def test_korean_puts_the_hangul_font_last_and_english_takes_it_off():
    before = list(matplotlib.rcParams["font.family"])
    i18n.set_language("ko")
    try:
        families = list(matplotlib.rcParams["font.family"])
        assert families == [*before, i18n.HANGUL_FAMILY]
        found = font_manager.findfont(
            font_manager.FontProperties(family=i18n.HANGUL_FAMILY), fallback_to_default=False
        )
        assert Path(found).resolve() == i18n.HANGUL_FONT  # the package's, not the machine's
    finally:
        i18n.set_language("en")
    assert list(matplotlib.rcParams["font.family"]) == before


@pytest.mark.repo
def test_the_hangul_font_ships_with_the_package():
    """The wheel (Colab installs one) carries fonts/ only if pyproject.toml says so: setuptools
    packs modules, not data files, unless they are listed."""
    assert i18n.HANGUL_FONT.is_file() and (i18n.HANGUL_FONT.parent / "OFL.txt").is_file()
    config = tomllib.loads((TESTS.parent / "pyproject.toml").read_text())
    data = config["tool"]["setuptools"].get("package-data", {}).get("initlab_utils", [])
    assert {"fonts/*.ttf", "fonts/*.txt"} <= set(data), (
        '[tool.setuptools.package-data] initlab_utils = ["fonts/*.ttf", "fonts/*.txt"]'
    )


def test_a_grid_made_in_english_relabels_itself_in_korean():
    t = il.run_experiment(**SMALL)
    grid = il.plot_trace(t)
    assert grid.rows[0]["axes"][0].get_title() == "layer 1"
    i18n.set_language("ko")
    try:
        grid.update(t)
        assert grid.rows[0]["axes"][0].get_title() == "층 1"
        assert "포화" in grid.rows[0]["text"][0].get_text()
        drawn(grid.figure)
    finally:
        i18n.set_language("en")


def test_korean_panel_labels_take_the_fast_glyph_path_and_look_as_text_draw_draws_them(korean):
    if not glyphs.enabled():
        pytest.skip("the fast text path is off on this matplotlib")
    fig = Figure(figsize=(3, 2), dpi=80)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    labels = ["층 3", "μ 0.5  σ 0.21\n포화 64%", "μ 0  σ 1\n0인 값 50% (그리지 않음)"]
    for label in labels:
        t = ax.text(0.5, 0.97, label, transform=ax.transAxes, ha="center", va="top",
                    fontsize=7, linespacing=1.1)  # fmt: skip
        i18n.localize(t)
        assert glyphs.can_draw(t)
        pictures = []
        for draw in (None, fig.draw_artist, lambda t: glyphs.draw_text(canvas.get_renderer(), t)):
            canvas.restore_region(background)
            if draw:
                draw(t)
            pictures.append(np.asarray(canvas.buffer_rgba()).astype(int))
        blank, reference, fast = pictures
        inked = (reference != blank).any(-1).sum()
        assert inked > 20
        assert np.abs(reference - fast).max() <= 2
        assert (reference != fast).any(-1).sum() <= 0.02 * inked
        t.remove()
