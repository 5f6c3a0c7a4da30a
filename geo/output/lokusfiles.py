"""The lokus workbench's table as files: CSV (with a parameter block) and XLSX (colour cells
filled, parameters and method on a second sheet)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from geo.analysis import lokus
from geo.core.cells import safe_frame, safe_row
from geo.core.i18n import t
from geo.views.lokusview import Result, export_params, export_table, light_word

LIGHT_FILL = {lokus.RED: "D55E00", lokus.YELLOW: "F0E442", lokus.GREEN: "009E73"}  # Okabe-Ito
LIGHT_FONT = {lokus.RED: "FFFFFF", lokus.YELLOW: "1A1A1A", lokus.GREEN: "FFFFFF"}


def to_csv(res: Result, lang: str, scenario: str | None = None) -> bytes:
    """UTF-8 (with BOM, for Excel) CSV: a parameter block, an empty line, then the table."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([t("lokus.x.param", lang), t("lokus.x.value", lang)])
    for k, v in export_params(res, lang, scenario):
        w.writerow(safe_row([k, v]))
    w.writerow([])
    safe_frame(export_table(res, lang)).to_csv(buf, index=False, lineterminator="\n")
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(res: Result, lang: str, scenario: str | None = None) -> bytes:
    """Sheet 1: the table, colour cells filled (with the colour word in the next column);
    sheet 2: parameters (weights, thresholds, years, data version, DATA CONTOH note) and method."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    table = safe_frame(export_table(res, lang))  # names, reasons: never a formula in the sheet
    wb = Workbook()
    ws = wb.active
    ws.title = t("lokus.x.sheet", lang)[:31]
    ws.append(list(table.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.itertuples(index=False):
        ws.append([None if (isinstance(v, float) and pd.isna(v)) else v for v in row])
    words = {light_word(x, lang): x for x in lokus.LIGHTS}
    for j, col in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = 14 if j > 4 else 22
        if col.startswith(t("lokus.x.warna", lang, criterion="")):
            for i in range(2, len(table) + 2):
                c = ws.cell(row=i, column=j)
                light = words.get(c.value)
                if light:
                    c.fill = PatternFill("solid", fgColor=LIGHT_FILL[light])
                    c.font = Font(color=LIGHT_FONT[light], bold=True)
    ws.freeze_panes = "C2"
    ps = wb.create_sheet(t("lokus.x.sheet_method", lang)[:31])
    ps.append([t("lokus.x.param", lang), t("lokus.x.value", lang)])
    for cell in ps[1]:
        cell.font = Font(bold=True)
    for k, v in export_params(res, lang, scenario):
        ps.append(safe_row([k, v]))
    ps.column_dimensions["A"].width = 48
    ps.column_dimensions["B"].width = 100
    for row in ps.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
