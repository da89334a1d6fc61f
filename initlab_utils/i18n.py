"""The language of what a student reads at run time: set_language("ko"), then text(key).

Widget labels and messages, warnings, exercise verdicts and table headers are looked up
here by key, in English (the default) or Korean; the tables are messages/en.py and
messages/ko.py, with the same keys and the same {placeholders} (tests/test_i18n.py).
The classroom app picks its language from the INITLAB_LANG environment variable.
"""

from __future__ import annotations

import os
import warnings

from .messages import en, ko

TABLES = {"en": en.MESSAGES, "ko": ko.MESSAGES}
ENV = "INITLAB_LANG"


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
    """Show run-time texts in `language` ("en" or "ko") from now on."""
    global _language
    if language not in TABLES:
        raise ValueError(f"language must be one of: {', '.join(TABLES)}; got {language!r}")
    _language = language


def language() -> str:
    """The language run-time texts are shown in now."""
    return _language


def text(key: str, **values: object) -> str:
    """The message `key` in the current language, its {placeholders} filled from `values`."""
    return TABLES[_language][key].format(**values)
