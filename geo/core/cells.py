"""Spreadsheet-safe text cells for every CSV and XLSX the app writes.

A spreadsheet program reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return) as a formula. Village names, office names, sources and
reasons come from imported files and typed input, so a name like ``=HYPERLINK("http://x","klik")``
would become a live link or worse when a planner opens the export. Such text cells get a leading
single quote, the usual "this is text" marker (OWASP, "CSV injection"). Only text is changed:
numbers, including negative ones, stay numbers.
"""

from __future__ import annotations

import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` unchanged unless it is text a spreadsheet would read as a formula; then prefixed with '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell made safe; numeric and boolean columns untouched."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if is_numeric_dtype(s) or is_bool_dtype(s):
            continue
        out[col] = s.map(safe_cell)
    return out


def safe_row(values) -> list:
    """A list of cells (a CSV or sheet row) with every text cell made safe."""
    return [safe_cell(v) for v in values]
