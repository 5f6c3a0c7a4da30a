"""Small datasets built in code: a 3x3 grid of villages in three kecamatan."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Polygon, box


def grid(n: int = 3, size: float = 0.01, x0: float = 122.6, y0: float = -5.6, crs="EPSG:4326") -> gpd.GeoDataFrame:
    rows = []
    for i in range(n):
        for j in range(n):
            kec = f"99.01.{i + 1:02d}"
            rows.append({"kode_desa": f"{kec}.{2001 + j}", "nama_desa": f"Desa {i}-{j}", "kode_kec": kec,
                         "nama_kec": f"Kec {i}",
                         "geometry": box(x0 + j * size, y0 + i * size, x0 + (j + 1) * size, y0 + (i + 1) * size)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)


def bowtie() -> Polygon:
    return Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])


def prevalensi_for(gdf: gpd.GeoDataFrame, years=(2020, 2021)) -> pd.DataFrame:
    rows = []
    for y in years:
        for k, code in enumerate(gdf["kode_desa"]):
            rows.append({"kode_desa": code, "tahun": y, "balita_diukur": 100, "balita_stunting": 10 + k + (y - 2020) * 3})
    return pd.DataFrame(rows)
