"""Headlines of the rembuk slides and the export builders."""

from __future__ import annotations

import io

import geopandas as gpd
import pandas as pd
from pypdf import PdfReader

from geo.analysis import classify, dataset
from geo.output import exports, pdf
from geo.views import charts, methods
from geo.views import rembuk as grembuk
from tests.helpers.builders import small_dataset


def test_trend_headline_direction_and_target_in_both_locales():
    """Issue 11: the latest period of each source type; a target without the source type it was set
    against is compared with nothing; with it, only with that type."""
    ds = small_dataset()
    assert grembuk.trend_slide(ds, "id")["headline"] == (
        "Stunting Kabupaten Uji menurut registri (OPD) 2021: 25,50%, dari 27,00% pada 2020 (−1,50 poin)."
    )
    assert "from 27.00% in 2020 (−1.50 pts)" in grembuk.trend_slide(ds, "en")["headline"]
    ds.published["jenis_acuan"] = [None, None, "registri"]
    assert grembuk.trend_slide(ds, "id")["headline"].endswith(
        "; target 2022 (ditetapkan terhadap registri): 24,00%, selisih +1,50 poin."
    )
    ds.published["jenis_acuan"] = [None, None, "survei"]
    assert "target" not in grembuk.trend_slide(ds, "id")["headline"]


def test_prevalence_headline_counts_classes():
    ds = small_dataset()
    info = grembuk.prevalence_slide(ds, "id")
    # 2021 values: 13..21% -> 9 villages, 20% and 21% are "high" (half-open), none very high.
    assert info["year"] == 2021 and info["counts"][3] == 2 and info["counts"][4] == 0
    assert info["headline"].startswith("2021: 0 dari 9 desa sangat tinggi (≥ 30%) dan 2 desa tinggi")


def test_change_worst_first():
    ds = small_dataset()
    info = grembuk.change_slide(ds, "en")
    assert list(info["table"]["perubahan"].round(6)) == [3.0] * 9
    # every village rose by 3 points, from a few dozen children each: none of it is a clear change
    assert info["headline"] == (
        "2020 → 2021: 0 of 9 villages rose clearly, 0 fell clearly; 9 changed within the uncertainty."
    )
    assert (info["table"]["kelas"] == "tidak_jelas").all() and not len(info["worst"])


def test_lokus_slide_takes_a_hook_list_by_code_or_name(data_dir):
    ds = small_dataset()
    codes = list(ds.boundaries["kode_desa"])
    info = grembuk.lokus_slide(
        ds,
        "id",
        proposals=[
            {"desa": codes[0], "reason": "prevalensi tertinggi"},
            {"desa": "Desa 2-2", "reason": "jauh dari puskesmas"},
            {"desa": "tidak ada", "reason": "x"},
        ],
    )
    rows = info["rows"].set_index("kode_desa")
    assert list(rows.index) == [codes[0], codes[8]]
    assert rows.loc[codes[0], "alasan"] == "prevalensi tertinggi" and rows.loc[codes[0], "sarana_selesai"] == 1
    assert rows.loc[codes[0], "lokus_lalu"] and not rows.loc[codes[8], "lokus_lalu"]
    assert info["headline"] == "Usulan: 2 desa diusulkan; 1 di antaranya sudah punya sarana air/sanitasi selesai."
    assert info["sk"] == "SK 1/2022" and info["has_reasons"]


def test_gaps_use_the_coverage_scale_line():
    ds = small_dataset()
    assert grembuk.gap_threshold() == classify.COVERAGE.breaks[2]
    info = grembuk.gaps_slide(ds, "en")
    row = info["table"].iloc[0]
    assert row["indikator"] == "air_minum" and row["desa"] == 3 and row["di_bawah"] == 3
    assert "Safe water, 45.0% (2021); 3 of 3 villages below 80%" in info["headline"]


def test_quality_headline_names_demo_tables():
    assert "DATA CONTOH" in grembuk.quality_slide(small_dataset(), "id")["headline"]
    real = grembuk.quality_slide(small_dataset(demo=frozenset()), "en")["headline"]
    assert real.startswith("9 of 9 villages have prevalence data")


def test_village_table_and_files_open_in_pandas_and_geopandas(tmp_path):
    ds = small_dataset()
    csv = pd.read_csv(io.BytesIO(exports.csv_bytes(ds, "en")), dtype={"kode_desa": str})
    assert len(csv) == 9 and set(csv["kode_desa"]) == set(ds.boundaries["kode_desa"])
    assert {"stunting_2021_persen", "air_minum_2021_persen", "lokus_2022", "sumber_data", "versi_data"} <= set(
        csv.columns
    )
    assert csv["sumber_data"].iloc[0].startswith("batas: grid (uji)")
    assert "prevalensi p1" in csv["versi_data"].iloc[0]
    path = tmp_path / "d.gpkg"
    path.write_bytes(exports.gpkg_bytes(ds))
    gdf = gpd.read_file(path, layer="desa")
    assert len(gdf) == 9 and gdf.crs.to_epsg() == 4326
    meta = gpd.read_file(path, layer="sumber")
    assert list(meta["tabel"]) == list(exports.TABLE_ORDER)
    kamus = pd.read_csv(io.BytesIO(exports.dictionary_csv_bytes(ds, "en")))
    assert list(kamus.columns) == ["column", "meaning", "unit", "source"]
    assert set(kamus["column"]) == set(csv.columns)


def test_pdf_pack_pages_and_locale_numbers():
    ds = dataset.current()
    for lang, fig in (("id", "22,80%"), ("en", "22.80%")):  # the latest registry figure (issue 11)
        reader = PdfReader(
            io.BytesIO(
                pdf.build_pack(ds, lang, proposals=[{"desa": sorted(ds.lokus_codes(2022))[0], "reason": "ALASAN-UJI"}])
            )
        )
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert len(reader.pages) >= 7
        assert fig in text and "ALASAN-UJI" in text
        assert ("desa punya data" if lang == "id" else "villages have data") in text
        for kind in grembuk.SLIDES:
            assert grembuk.slide_data_one(ds, kind, lang)["title"] in text


def test_slide_png_is_a_full_hd_image():
    from PIL import Image

    img = Image.open(io.BytesIO(charts.slide_png(small_dataset(), 3, "en")))
    assert img.size == (1920, 1080)


def test_methods_lokus_hook_defaults_to_the_general_text():
    m = methods.lokus_method("en")
    assert m["text"] and isinstance(m["params"], list)
    assert "7 of 25 children = 28.0%, interval 14.3% – 47.6%" in methods.ci_text("en")
