"""Small datasets built in code: a 3x3 grid of villages in three kecamatan, and a Dataset on it."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Polygon, box

from geo.analysis.dataset import Dataset


def grid(n: int = 3, size: float = 0.01, x0: float = 122.6, y0: float = -5.6, crs="EPSG:4326") -> gpd.GeoDataFrame:
    rows = []
    for i in range(n):
        for j in range(n):
            kec = f"99.01.{i + 1:02d}"
            rows.append(
                {
                    "kode_desa": f"{kec}.{2001 + j}",
                    "nama_desa": f"Desa {i}-{j}",
                    "kode_kec": kec,
                    "nama_kec": f"Kec {i}",
                    "geometry": box(x0 + j * size, y0 + i * size, x0 + (j + 1) * size, y0 + (i + 1) * size),
                }
            )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)


def bowtie() -> Polygon:
    return Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])


def prevalensi_for(gdf: gpd.GeoDataFrame, years=(2020, 2021)) -> pd.DataFrame:
    rows = []
    for y in years:
        for k, code in enumerate(gdf["kode_desa"]):
            rows.append(
                {"kode_desa": code, "tahun": y, "balita_diukur": 100, "balita_stunting": 10 + k + (y - 2020) * 3}
            )
    return pd.DataFrame(rows)


def small_dataset(demo=frozenset({"prevalensi"})) -> Dataset:
    b = grid()
    b["jenis"] = "Desa"
    b["kode_kab"] = "99.01"
    b["nama_kab"] = "Kabupaten Uji"
    prev = prevalensi_for(b)
    codes = list(b["kode_desa"])
    cak = pd.DataFrame(
        [
            {"kode_desa": c, "tahun": 2021, "indikator": "air_minum", "pembilang": 40 + 5 * i, "penyebut": 100}
            for i, c in enumerate(codes)
        ]
    )
    lokus = pd.DataFrame(
        [{"kode_desa": c, "nama_desa": "x", "tahun": 2022, "nomor_sk": "SK 1/2022", "sumber": "SK"} for c in codes[:3]]
    )
    sarana = pd.DataFrame(
        [
            {
                "nama_sarana": "Sumur 1",
                "jenis": "sumur bor",
                "kode_desa": codes[0],
                "nama_desa": "x",
                "lintang": -5.595,
                "bujur": 122.605,
                "tahun": 2021,
                "status": "selesai",
                "sumber_dana": "DD",
                "kk_terlayani": 10,
                "opd": "PUPR",
                "sumber": "uji",
            }
        ]
    )
    pub = pd.DataFrame(
        [
            {
                "kode_kab": "99.01",
                "tahun": 2020,
                "periode": "tahunan",
                "nilai_persen": 27.0,
                "jenis_sumber": "registri_opd",
                "sumber": "OPD",
                "catatan": "",
                "rujukan": "",
            },
            {
                "kode_kab": "99.01",
                "tahun": 2021,
                "periode": "tahunan",
                "nilai_persen": 25.5,
                "jenis_sumber": "registri_opd",
                "sumber": "OPD",
                "catatan": "",
                "rujukan": "",
            },
            {
                "kode_kab": "99.01",
                "tahun": 2022,
                "periode": "tahunan",
                "nilai_persen": 24.0,
                "jenis_sumber": "target",
                "sumber": "Renstra",
                "catatan": "",
                "rujukan": "",
            },
        ]
    )
    return Dataset(
        boundaries=b,
        prevalensi=prev,
        cakupan=cak,
        lokus=lokus,
        sarana=sarana,
        published=pub,
        version="v1",
        demo=demo,
        versions={"prevalensi": "p1"},
        sources={"batas": "grid (uji)"},
    )


# A catalogue row (data/indikator.csv columns) of an indicator the bundled catalogue lacks.
NEW_INDICATOR = {
    "kode": "posyandu_aktif",
    "jenis": "coverage",
    "kelompok": "sensitif",
    "label_id": "Posyandu aktif",
    "label_en": "Active posyandu",
    "pendek_id": "Posyandu aktif",
    "pendek_en": "Active posyandu",
    "pembilang_id": "Posyandu buka 12 bulan",
    "pembilang_en": "Posyandu open 12 months",
    "penyebut_id": "Seluruh posyandu",
    "penyebut_en": "All posyandu",
    "opd": "Dinas PMD",
    "arah": "naik",
    "target_persen": "70",
    "sumber_target": "Dokumen contoh",
    "kode_kepmendagri": "",
}
