"""Names carrying HTML or script come out literally in the PDF and in every export (issue 6).

reportlab's Paragraph reads its text as markup: unescaped, ``<b>`` would turn bold and
``<img src=x>`` would be looked up as an image (or fail the whole PDF).
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from geo.analysis import dataset
from geo.io import importers
from geo.output import exports, lokusfiles, pdf
from geo.views import lokusview as lv
from tests.helpers.data import data_dir_env
from tests.helpers.hostile_text import IMG, OFFICE, SCRIPT, write_files


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    files = write_files(tmp_path_factory.mktemp("hostile-files"))
    with data_dir_env(tmp_path_factory.mktemp("hostile-data")):
        for kind in ("batas", "prevalensi", "cakupan", "lokus", "sarana"):
            out = importers.run(kind, files[kind].read_bytes(), files[kind].name, by="uji")
            assert out.version_id, [p.message("en") for p in out.checked.errors]
        yield dataset.current()


def test_names_are_stored_as_written(ds):
    assert {IMG, SCRIPT} <= set(ds.boundaries["nama_desa"])
    assert OFFICE in set(ds.cakupan["opd"]) and ds.sarana["nama_sarana"].iloc[0] == f"{IMG} {SCRIPT}"


def test_pdf_shows_the_names_literally(ds):
    kode = ds.boundaries.loc[ds.boundaries["nama_desa"] == SCRIPT, "kode_desa"].iloc[0]
    blob = pdf.build_pack(ds, "id", proposals=[{"desa": kode, "reason": f"alasan {IMG} <b>tebal</b>"}])
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(blob)).pages)
    flat = " ".join(text.split())
    assert SCRIPT in flat and "<b>tebal</b>" in flat and IMG in flat


def test_village_csv_export_keeps_the_text(ds):
    csv = pd.read_csv(io.BytesIO(exports.csv_bytes(ds, "id")), dtype=str)
    assert {IMG, SCRIPT} <= set(csv.stack())


def test_lokus_exports_keep_the_text(ds):
    base = lv.compute(ds)
    kode = next(
        k
        for k, name in zip(ds.boundaries["kode_desa"], ds.boundaries["nama_desa"])
        if name in (IMG, SCRIPT) and k not in base.selection.selected
    )
    res = lv.compute(ds, add=[kode], reasons={kode: f"karena {SCRIPT}"})
    csv = lokusfiles.to_csv(res, "id").decode("utf-8-sig")
    assert IMG in csv and SCRIPT in csv and f"karena {SCRIPT}" in csv
    wb = openpyxl.load_workbook(io.BytesIO(lokusfiles.to_xlsx(res, "id")))
    cells = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert IMG in cells and SCRIPT in cells and f"karena {SCRIPT}" in cells
