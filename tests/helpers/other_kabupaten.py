"""Another kabupaten's boundary file made from the province layer that ships in data/:
other villages, another CRS (UTM 51S), BIG's column names, zipped shapefile."""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parents[2]
KODE_KAB = "74.07"  # Kabupaten Wakatobi
BIG_COLUMNS = {
    "kode_desa": "KDEPUM",
    "nama_desa": "WADMKD",
    "kode_kec": "KDCPUM",
    "nama_kec": "WADMKC",
    "kode_kab": "KDPKAB",
    "nama_kab": "WADMKK",
}


def villages() -> gpd.GeoDataFrame:
    g = gpd.read_file(ROOT / "data" / "sultra_desa.gpkg")
    return g[g["kode_kab"] == KODE_KAB].reset_index(drop=True)


def zipped_shapefile(folder: Path) -> Path:
    g = villages()[list(BIG_COLUMNS) + ["geometry"]].rename(columns=BIG_COLUMNS).to_crs("EPSG:32751")
    shp = folder / "shp"
    shp.mkdir(parents=True, exist_ok=True)
    g.to_file(shp / "ADMINISTRASIDESA_AR_25K.shp", engine="pyogrio")
    out = folder / "batas_wakatobi.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in shp.iterdir():
            zf.write(f, f"Wakatobi/{f.name}")
    return out
