"""No cell of a CSV or XLSX export lets imported text start a spreadsheet formula."""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from geo.analysis import dataset
from geo.core.cells import safe_cell, safe_frame, safe_row
from geo.io import importers, loading
from geo.output import exports, lokusfiles
from geo.views import lokusview as lv
from tests.helpers.data import data_dir_env

LINK = '=HYPERLINK("http://x","klik")'
SUM = "@SUM(A1)"
CALC = "-2+3"
PLUS = "+62 811 000"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("text", [LINK, SUM, CALC, PLUS, "\t=1+1", "\r=1+1", "-", "=", "@"])
def test_text_that_a_spreadsheet_would_read_as_formula_gets_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Busoa", "Desa =1", "'=1", "", " =1", "–2", -2, -2.5, 0, None, 3.0])
def test_other_values_are_unchanged(value):
    assert safe_cell(value) is value or safe_cell(value) == value


def test_frame_quotes_text_columns_only_and_negative_numbers_stay_numbers():
    df = pd.DataFrame(
        {
            "nama": [LINK, "Busoa", CALC, None],
            "lintang": [-5.55, -5.6, 1.0, float("nan")],
            "n": [-2, 3, 4, 5],
            "campur": [-1, "-1", None, SUM],
        }
    )
    out = safe_frame(df)
    assert out["nama"].tolist()[:3] == ["'" + LINK, "Busoa", "'" + CALC] and pd.isna(out["nama"].iloc[3])
    assert out["lintang"].dtype == float and out["lintang"].iloc[0] == -5.55
    assert out["n"].tolist() == [-2, 3, 4, 5] and out["n"].dtype == df["n"].dtype
    assert out["campur"].tolist()[:2] == [-1, "'-1"] and out["campur"].iloc[3] == "'" + SUM
    assert df["nama"].iloc[0] == LINK  # the input is not changed
    assert safe_row(["a", -3, "=1"]) == ["a", -3, "'=1"]
    # a CSV written from it reads back a real negative number as a number
    back = pd.read_csv(io.StringIO(out.to_csv(index=False)))
    assert back["lintang"].iloc[0] == -5.55 and back["n"].iloc[0] == -2


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    """Boundaries whose names are formulas, prevalence whose source is one, imported into a fresh store."""
    data = tmp_path_factory.mktemp("formula-data")
    folder = tmp_path_factory.mktemp("formula-files")
    b = gpd.read_file(loading.BUNDLED_BOUNDARIES)
    b.loc[0, "nama_desa"], b.loc[1, "nama_desa"], b.loc[2, "nama_desa"] = LINK, SUM, CALC
    b.loc[3, "nama_kec"] = PLUS
    b.to_file(folder / "batas.gpkg", driver="GPKG")
    prev = pd.read_csv(loading.BUNDLED_DEMO / "prevalensi.csv", dtype=str).drop(columns=["nama_desa"])
    prev["sumber"] = "=1+1"
    prev.to_csv(folder / "prevalensi.csv", index=False)
    with data_dir_env(data):
        for kind, name in (("batas", "batas.gpkg"), ("prevalensi", "prevalensi.csv")):
            out = importers.run(kind, (folder / name).read_bytes(), name, by="uji")
            assert out.version_id, [p.text("en") for p in out.checked.errors]
        yield dataset.current()


def _no_formula(cells):
    bad = [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_START)]
    assert not bad, bad


def _csv_cells(blob: bytes) -> list[str]:
    return [c for row in csv.reader(io.StringIO(blob.decode("utf-8-sig"))) for c in row]


def _numeric(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def test_village_csv_and_dictionary_quote_formula_names(ds):
    cells = _csv_cells(exports.csv_bytes(ds, "id"))
    assert {"'" + LINK, "'" + SUM, "'" + CALC, "'" + PLUS} <= set(cells)
    assert any("=1+1" in c for c in cells)  # the source is there, inside the sources text
    _no_formula([c for c in cells if not _numeric(c)])
    _no_formula(_csv_cells(exports.dictionary_csv_bytes(ds, "en")))


def test_lokus_csv_and_xlsx_quote_formula_names_and_reasons(ds):
    base = lv.compute(ds)
    kode = next(k for k in ds.boundaries["kode_desa"][:3] if k not in base.selection.selected)
    res = lv.compute(ds, add=[kode], reasons={kode: "-karena rawan"})
    cells = _csv_cells(lokusfiles.to_csv(res, "id", scenario="=Usulan"))
    assert {"'" + LINK, "'" + SUM, "'" + CALC, "'-karena rawan", "'=Usulan"} <= set(cells)
    _no_formula([c for c in cells if not _numeric(c)])
    wb = openpyxl.load_workbook(io.BytesIO(lokusfiles.to_xlsx(res, "id", scenario="=Usulan")))
    values = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in values if c.data_type == "f"]  # no formula cell at all
    texts = {c.value for c in values if isinstance(c.value, str)}
    assert {"'" + LINK, "'" + SUM, "'" + CALC, "'-karena rawan", "'=Usulan"} <= texts
    _no_formula(texts)
    assert any(isinstance(c.value, (int, float)) for c in values)  # numbers stay numbers
