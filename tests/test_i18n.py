"""The run-time texts in two languages (i18n.py, messages/en.py, messages/ko.py): both tables
hold the same keys with the same placeholders, every key the package looks up exists and
every key is looked up somewhere, and a verdict reads in Korean after il.set_language("ko").

How a key counts as used: the package's modules are parsed (not run) and a key is every
string literal passed as the first argument of i18n's `text` (under whatever name it was
imported) or as `key=` to the exercises' `answered`. A key whose name is built at run time
(say f"control.{name}.label") cannot be seen that way: list the fixed start of such names
in BUILT_AT_RUN_TIME, with the module that builds them, and every table key starting with
it counts as used.
"""

import ast
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from string import Formatter

import pytest

import initlab_utils as il
from initlab_utils import i18n
from initlab_utils.exercises import (
    check_leaky_relu_gain,
    check_saturation_width400,
    check_selu_scheme,
    check_tanh_edge_of_chaos,
)
from initlab_utils.exercises.core import NO_ANSWER, feedback
from initlab_utils.messages import en, ko

PACKAGE = Path(il.__file__).resolve().parent
TABLES = {"en": en.MESSAGES, "ko": ko.MESSAGES}
# {start of a key built at run time: the module that builds it}; see the docstring.
BUILT_AT_RUN_TIME: dict[str, str] = {}
HANGUL = re.compile("[\uac00-\ud7a3]")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e[-+]?\d+)?%?")


def placeholders(message: str) -> set[tuple[str, str, str | None]]:
    """The {field:spec!conversion} parts of a message: what .format() fills."""
    return {(f, spec, conv) for _, f, spec, conv in Formatter().parse(message) if f is not None}


def _text_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """The names a module calls i18n.text by, and the names it holds the i18n module by."""
    functions, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1] == "i18n":
            functions |= {a.asname or a.name for a in node.names if a.name == "text"}
        elif isinstance(node, ast.ImportFrom):  # from .. import i18n
            modules |= {a.asname or a.name for a in node.names if a.name == "i18n"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname for a in node.names if a.name.endswith(".i18n") and a.asname}
    return functions, modules


def used_keys() -> dict[str, str]:
    """Every key the package's modules look up by a literal: {key: the module it is in}."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions, modules = _text_names(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            called = (
                f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            )
            of_module = isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
            is_text = (isinstance(f, ast.Name) and called in functions) or (
                of_module and called == "text" and f.value.id in modules
            )
            keys = []
            if is_text and node.args:
                keys.append(node.args[0])
            if called == "answered":
                keys += [k.value for k in node.keywords if k.arg == "key"]
            for k in keys:
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    found[k.value] = str(path.relative_to(PACKAGE))
    return found


def test_the_tables_are_the_ones_i18n_reads():
    assert i18n.TABLES == TABLES and i18n.language() == "en"


def test_both_tables_have_the_same_keys():
    missing_ko, missing_en = (
        set(en.MESSAGES) - set(ko.MESSAGES),
        set(ko.MESSAGES) - set(en.MESSAGES),
    )
    assert not missing_ko, f"translate into messages/ko.py: {sorted(missing_ko)}"
    assert not missing_en, f"in messages/ko.py but not en.py: {sorted(missing_en)}"


@pytest.mark.parametrize("key", sorted(en.MESSAGES))
def test_both_languages_fill_the_same_placeholders(key):
    english, korean = placeholders(en.MESSAGES[key]), placeholders(ko.MESSAGES.get(key, ""))
    assert english == korean, (
        f"{key}: en has {sorted(english - korean)}, ko {sorted(korean - english)}"
    )


@pytest.mark.parametrize("key", sorted(en.MESSAGES))
def test_the_korean_text_keeps_every_number(key):
    """Maths, code and numbers stay as they are: the same digits in both languages."""

    def numbers(message):
        return Counter(NUMBER.findall(re.sub(r"\{[^{}]*\}", " ", message)))

    lost = numbers(en.MESSAGES[key]) - numbers(ko.MESSAGES.get(key, ""))
    assert not lost, f"{key}: messages/ko.py lacks {sorted(lost.elements())}"
    assert HANGUL.search(ko.MESSAGES[key]) or not HANGUL.search(en.MESSAGES[key])


def test_every_key_the_package_uses_is_in_the_tables():
    unknown = {k: where for k, where in used_keys().items() if k not in en.MESSAGES}
    assert not unknown, f"add to messages/en.py and ko.py: {unknown}"


def test_every_key_in_the_tables_is_used():
    used = set(used_keys())
    dead = {k for k in en.MESSAGES if k not in used and not k.startswith(tuple(BUILT_AT_RUN_TIME))}
    assert not dead, (
        f"no module looks these up (remove them, or see BUILT_AT_RUN_TIME): {sorted(dead)}"
    )


def test_the_tables_name_only_facade_names():
    said = "\n".join(m for table in TABLES.values() for m in table.values())
    named = set(re.findall(r"(?<![\w.])il\.([A-Za-z_][A-Za-z0-9_]*)", said))  # ASCII: 가 is \w
    assert named <= set(il.__all__), sorted(named - set(il.__all__))


def test_an_unknown_language_is_refused_naming_the_choices():
    with pytest.raises(ValueError, match=r"language must be one of: en, ko; got 'xx'"):
        il.set_language("xx")
    assert il.language() == "en"


def test_the_facade_offers_the_switch():
    assert il.set_language is i18n.set_language and il.language is i18n.language


def test_english_verdicts_are_the_english_texts():
    assert repr(feedback(None, False, "", "")) == NO_ANSWER
    assert repr(feedback(1, True, "yes.", "no.")) == "Correct: yes."
    assert repr(feedback(1, False, "yes.", "no.")) == "Not quite: no."


@pytest.mark.parametrize(
    "check, answer",
    [
        (check_leaky_relu_gain, 1.3868),  # right: the measured gain
        (check_leaky_relu_gain, 1.0),  # wrong: a hint
        (check_tanh_edge_of_chaos, 1.5),  # wrong: chi1 at the answer, then which way to go
        (check_saturation_width400, "0.5"),  # unreadable: the reader's hint (key=)
        (check_selu_scheme, "nope"),  # unreadable: the reader's hint (a callable)
        (check_leaky_relu_gain, None),
    ],
)
def test_a_verdict_in_korean_says_the_same_numbers(check, answer):
    english = repr(check(answer))
    i18n.set_language("ko")  # after the checks were imported and decorated
    try:
        korean = repr(check(answer))
    finally:
        i18n.set_language("en")
    assert HANGUL.search(korean) and not HANGUL.search(english), korean
    assert Counter(NUMBER.findall(korean)) >= Counter(NUMBER.findall(english)), (english, korean)
    assert repr(check(answer)) == english  # and English again


def test_korean_right_and_wrong_verdicts_open_differently(korean):
    right, wrong = repr(check_leaky_relu_gain(1.3868)), repr(check_leaky_relu_gain(1.0))
    assert right.startswith("정답입니다: ") and wrong.startswith("다시 생각해 보세요: ")
    assert "1.3868" in right
    assert repr(check_selu_scheme("nope")).endswith(", ".join(il.INIT_SCHEMES) + ".")


def test_initlab_lang_picks_korean_in_a_fresh_interpreter():
    code = (
        "import initlab_utils as il\n"
        "from initlab_utils.exercises.core import feedback\n"
        "print(il.language()); print(repr(feedback(None, False, '', '')))"
    )
    env = {**os.environ, i18n.ENV: "ko"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    language, verdict = done.stdout.splitlines()
    assert language == "ko" and verdict == ko.MESSAGES["verdict.no_answer"]
