"""Problems found in user data, reported with where they are and in the user's language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from geo.core.i18n import t

LOCALISED_NUMBERS = ("ukur.", "value.pct_range")  # problems whose numbers are formatted per language


TWO_DECIMALS = {"z", "their_z", "sd", "mean", "lo", "hi"}  # z-scores and SDs always read 0,00


def _localised(v, lang, two: bool = False):
    from geo.core.i18n import fmt_int, fmt_num

    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return v
    if two:
        return fmt_num(v, lang, 2)
    if isinstance(v, int) or float(v).is_integer():
        return fmt_int(v, lang)
    return fmt_num(v, lang, 2 if abs(v * 10 - round(v * 10)) > 1e-9 else 1)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in an input file.

    ``row`` is the row number as the user sees it in a spreadsheet (header = row 1),
    ``column`` the column name as written in the file.
    """

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    file: str | None = None
    row: int | None = None
    column: str | None = None
    level: str = "error"  # "error" rejects the file, "warning" needs a confirmation

    def where(self, lang: str = "id") -> str:
        parts = []
        if self.file:
            parts.append(t("where.file", lang, file=self.file))
        if self.row is not None:
            parts.append(t("where.row", lang, row=self.row))
        if self.column:
            parts.append(t("where.column", lang, column=self.column))
        return ", ".join(parts)

    def text(self, lang: str = "id") -> str:
        params = self.params
        if self.key.startswith(LOCALISED_NUMBERS):  # counts and decimals in the reader's format
            params = {k: _localised(v, lang, k in TWO_DECIMALS) for k, v in params.items()}
        return t(self.key, lang, **params)

    def message(self, lang: str = "id") -> str:
        where = self.where(lang)
        return f"{where}: {self.text(lang)}" if where else self.text(lang)


class DataError(Exception):
    """Raised when input data is rejected; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(p.message("en") for p in self.problems))

    def messages(self, lang: str = "id") -> list[str]:
        return [p.message(lang) for p in self.problems]


_PATH = re.compile(r"""(?<![\w.])(?:/vsi\w+/)?(?:[A-Za-z]:)?(?:[\\/]+[^\s'"\\/:]+)+[\\/]?""")


def without_paths(text: str, file: str | None = None, known=()) -> str:
    """A library's error text fit for a user: every file-system path in it (the ``known`` ones
    first, as they may hold spaces) becomes the file's own name (or …), so no server folder
    is ever shown."""
    text = str(text)
    for p in sorted((str(k) for k in known if k), key=len, reverse=True):
        text = text.replace(p, file or "…")
    return _PATH.sub(file or "…", text)
