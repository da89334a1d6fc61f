"""The language of what a student reads at run time: set_language("ko"), then text(key).

Widget labels and messages, warnings, exercise verdicts and table headers are looked up
here by key, in English (the default) or Korean; the tables are messages/en.py and
messages/ko.py, with the same keys and the same {placeholders} (tests/test_i18n.py).
The classroom app picks its language from the INITLAB_LANG environment variable.

Figures say their words in the reader's language too (`localize`): Korean is drawn with a
Hangul font that ships with the package (fonts/, a subset of NanumGothic under the SIL
Open Font License), so a figure needs no font of the machine's, on Colab as anywhere.
Choosing Korean puts that font at the end of matplotlib's font list, as a fallback for the
characters the other fonts lack; nothing is changed on import.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from .messages import en, ko

TABLES = {"en": en.MESSAGES, "ko": ko.MESSAGES}
ENV = "INITLAB_LANG"
HANGUL_FONT = Path(__file__).resolve().parent / "fonts" / "InitlabHangul-Regular.ttf"
HANGUL_FAMILY = "initlab Hangul"  # the family name inside HANGUL_FONT


def _from_environment() -> str:
    wanted = os.environ.get(ENV, "en")
    if wanted not in TABLES:
        warnings.warn(
            f"{ENV} must be one of: {', '.join(TABLES)}; got {wanted!r}, so English is used",
            stacklevel=2,
        )
        return "en"
    return wanted


_language = _from_environment()


def set_language(language: str) -> None:
    """Show run-time texts in `language` ("en" or "ko") from now on. Korean also lets
    matplotlib draw Hangul, with the package's font as the last fallback (_hangul_fallback);
    English takes that fallback off again."""
    global _language
    if language not in TABLES:
        raise ValueError(f"language must be one of: {', '.join(TABLES)}; got {language!r}")
    _language = language
    _hangul_fallback(language == "ko")  # figures, the student's own too, can draw Hangul


def language() -> str:
    """The language run-time texts are shown in now."""
    return _language


def text(key: str, **values: object) -> str:
    """The message `key` in the current language, its {placeholders} filled from `values`."""
    return TABLES[_language][key].format(**values)


def _hangul_fallback(on: bool) -> None:
    """Put the package's Hangul font at the end of matplotlib's font list (rcParams
    "font.family"), or take it off. A font at the end is only a fallback: every character
    the fonts before it have is drawn as before, so no figure that drew changes; only
    Hangul, which they lack and would draw as boxes, is drawn. Done when Korean is chosen
    (set_language, or the first figure under INITLAB_LANG=ko), never on import."""
    import sys

    if not on and "matplotlib" not in sys.modules:
        return  # no figure yet, so nothing to take off
    import matplotlib
    from matplotlib import font_manager

    families = list(matplotlib.rcParams["font.family"])
    if on and HANGUL_FAMILY not in families:
        if not HANGUL_FONT.is_file():  # an install without the package's data files
            warnings.warn(f"{HANGUL_FONT} is missing: figures draw Hangul as boxes", stacklevel=3)
            return
        if not any(f.name == HANGUL_FAMILY for f in font_manager.fontManager.ttflist):
            font_manager.fontManager.addfont(str(HANGUL_FONT))
        matplotlib.rcParams["font.family"] = [*families, HANGUL_FAMILY]
    elif not on and HANGUL_FAMILY in families:
        matplotlib.rcParams["font.family"] = [f for f in families if f != HANGUL_FAMILY]


def font_family() -> list[str] | None:
    """The font families the package's figure texts use in the current language: None in
    English (matplotlib's own, as in a student's own figures); in Korean, matplotlib's
    families first (they draw Latin letters, digits and symbols, so numbers look the same
    in both editions), then the package's Hangul font (HANGUL_FONT) for what they lack."""
    if _language == "en":
        return None
    import matplotlib

    _hangul_fallback(True)
    return list(matplotlib.rcParams["font.family"])


def localize(artist):
    """Give every text of `artist` (an Axes, a Figure, a Text, a Legend) the current
    language's fonts (font_family), so the words from text() draw in any language; the
    artist is returned. Texts made after set_language("ko") have them already (the
    fallback is in rcParams); this covers those made before, and INITLAB_LANG=ko, where no
    set_language was called. In English it leaves `artist` as it is. Mathtext ($...$)
    keeps its own fonts, which have no Hangul: the Korean tables write symbols in Unicode."""
    families = font_family()
    if families is not None:
        from matplotlib.text import Text

        for t in [artist] if isinstance(artist, Text) else artist.findobj(Text):
            t.set_fontfamily(families)
    return artist
