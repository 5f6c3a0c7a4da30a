"""Write the import templates (CSV and XLSX, header + one example row) to data/templates/.

    python data/make_templates.py

The column names are the contract offices fill in (see README); the example row uses a
real Buton Selatan village so the template validates as it is.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from geo.io.measurements import TEMPLATE as MEASUREMENT_TEMPLATE  # noqa: E402
from geo.io.rencana import EXAMPLES as PLAN_EXAMPLES  # noqa: E402
from geo.io.validate import CATALOGUE_COLUMNS, PUBLISHED_COLUMNS, TEMPLATE_COLUMNS  # noqa: E402

EXAMPLES = {
    "prevalensi": ["74.15.01.1002", "Busoa", 2024, 134, 27, "Puskesmas Batauga (e-PPGBM)"],
    "cakupan": ["74.15.01.1002", "Busoa", 2024, "jamban_sehat", 212, 380, "Dinas PUPR"],
    "sarana": [
        "Sumur bor Busoa 01",
        "sumur bor",
        "74.15.01.1002",
        "Busoa",
        -5.5528,
        122.6487,
        2024,
        "selesai",
        "APBD",
        40,
        "Dinas PUPR",
    ],
    "lokus": ["74.15.01.1002", "Busoa", 2024, "SK Bupati No. 100/2024"],
    **PLAN_EXAMPLES,
}
OUT = HERE / "templates"


def write(out: Path = OUT) -> list[Path]:
    import openpyxl

    out.mkdir(parents=True, exist_ok=True)
    written = []
    # pengukuran: the e-PPGBM report's own headers, one obviously fake child
    kinds = dict(
        TEMPLATE_COLUMNS,
        pengukuran=tuple(MEASUREMENT_TEMPLATE),
        terbit=PUBLISHED_COLUMNS,
        indikator=CATALOGUE_COLUMNS,
    )
    examples = dict(
        EXAMPLES,
        pengukuran=list(MEASUREMENT_TEMPLATE.values()),
        terbit=[
            "74.15",
            2024,
            "tahunan",
            "tidak",
            22.8,
            "registri_eppgbm",
            "e-PPGBM 2024",
            "",
            "https://spionnews.id/2025/05/15/dinas-kesehatan-serius-menangani-stunting-di-buton-selatan",
            "",
        ],
        # a new indicator (no target: a target needs the document that sets it)
        indikator=[
            "posyandu_aktif",
            "coverage",
            "sensitif",
            "Posyandu aktif (buka setiap bulan)",
            "Active posyandu (open every month)",
            "Posyandu aktif",
            "Active posyandu",
            "Posyandu yang buka 12 bulan",
            "Posyandu open 12 months",
            "Seluruh posyandu",
            "All posyandu",
            "Dinas PMD",
            "naik",
            "",
            "",
            "",
        ],
    )
    for kind, cols in kinds.items():
        example = examples[kind]
        assert len(example) == len(cols), kind
        p = out / f"{kind}.csv"
        with open(p, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            w.writerow(example)
        written.append(p)
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = kind
        ws.append(list(cols))
        ws.append(example)
        for i, c in enumerate(cols, start=1):
            ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(12, len(c) + 4)
        p = out / f"{kind}.xlsx"
        wb.save(p)
        written.append(p)
    return written


if __name__ == "__main__":
    for p in write():
        print(p)
