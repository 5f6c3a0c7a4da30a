"""A boundary file in which one village name occurs twice (in two kecamatan), so that a row
giving only that name is ambiguous: Buton Selatan's own boundaries with one village renamed."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parents[2]
TWIN = "Busoa"  # 74.15.01.1002, Batauga; a village in another kecamatan gets the same name


def twin_boundaries(folder: Path) -> tuple[Path, list[str]]:
    """-> (GeoPackage path, the two codes named TWIN, in boundary order)."""
    g = gpd.read_file(ROOT / "data" / "buton_selatan_desa.gpkg")
    first = g.index[g["nama_desa"] == TWIN][0]
    other = g.index[g["nama_kec"] != g.loc[first, "nama_kec"]][0]
    g.loc[other, "nama_desa"] = TWIN
    out = Path(folder) / "batas_kembar.gpkg"
    g.to_file(out, driver="GPKG")
    return out, [g.loc[first, "kode_desa"], g.loc[other, "kode_desa"]]
