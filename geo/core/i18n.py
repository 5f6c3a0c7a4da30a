"""One translation function and locale-aware number formatting.

Every piece of text a user reads goes through :func:`t`; every number shown goes
through :func:`fmt_pct`, :func:`fmt_int` or :func:`fmt_num` (Babel), so that the
Indonesian UI reads ``28,32%`` and ``2.283`` and the English one ``28.32%`` and ``2,283``.
"""

from __future__ import annotations

import math
from typing import Any

from babel.numbers import format_decimal, format_scientific

from geo.core.messages import MESSAGES
from geo.core.schema import catalogue

DEFAULT_LANG = "id"
LANGS = ("id", "en")
LOCALES = {"id": "id_ID", "en": "en_US"}


def norm_lang(lang: str | None) -> str:
    """Return a supported language code, falling back to Indonesian."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = DEFAULT_LANG, **params: Any) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``.

    Unknown keys raise ``KeyError`` so that a missing text is caught by the tests
    instead of silently showing a key to a user.
    """
    entry = _catalogue_text(key) if key.startswith("ind.") else None
    if entry is None:
        entry = MESSAGES[key]
    lang = norm_lang(lang)
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**params) if params else text


def _catalogue_text(key: str) -> dict | None:
    """An indicator's label (``ind.<code>``, ``.short``, ``.num``, ``.den``) from the catalogue in
    effect (geo.core.schema.catalogue: an imported indicator has no message of its own)."""
    return catalogue().messages.get(key)


def indicator_text(code: str, lang: str | None = DEFAULT_LANG, part: str = "short") -> str:
    """An indicator's label (``part``: "label", "short", "num" or "den") in ``lang``; the code
    itself for a code the catalogue in effect does not have (e.g. a withdrawn indicator)."""
    key = f"ind.{code}" + ("" if part == "label" else f".{part}")
    entry = _catalogue_text(key) or MESSAGES.get(key)
    if entry is None:
        return str(code)
    return entry.get(norm_lang(lang)) or entry[DEFAULT_LANG]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def fmt_num(value: Any, lang: str | None = DEFAULT_LANG, digits: int = 1) -> str:
    """A decimal number with ``digits`` decimals in the locale's format."""
    if _missing(value):
        return t("common.nodata_short", lang)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    v = float(value)
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if abs(v) >= 1e15:  # beyond what a count or a percentage can be: never fail on it
        return format_scientific(v, format="0.##E0", locale=LOCALES[norm_lang(lang)])
    return format_decimal(v, format=pattern, locale=LOCALES[norm_lang(lang)])


def fmt_int(value: Any, lang: str | None = DEFAULT_LANG) -> str:
    """A whole number with the locale's thousands separator (2.283 / 2,283)."""
    if _missing(value):
        return t("common.nodata_short", lang)
    v = float(value)
    if math.isinf(v) or abs(v) >= 1e15:
        return fmt_num(v, lang, 0)
    return format_decimal(int(round(v)), format="#,##0", locale=LOCALES[norm_lang(lang)])


def fmt_pct(value: Any, lang: str | None = DEFAULT_LANG, digits: int = 2) -> str:
    """A percentage given in percent units (28.32 -> ``28,32%`` in Indonesian)."""
    if _missing(value):
        return t("common.nodata_short", lang)
    return fmt_num(value, lang, digits) + "%"


def fmt_pp(value: Any, lang: str | None = DEFAULT_LANG, digits: int = 1) -> str:
    """A signed change in percentage points (+1,3 poin)."""
    if _missing(value):
        return t("common.nodata_short", lang)
    sign = "+" if float(value) > 0 else ("−" if float(value) < 0 else "±")
    return sign + fmt_num(abs(float(value)), lang, digits) + " " + t("common.pp", lang)
