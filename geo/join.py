"""Join a table to the village boundaries by ``kode_desa`` and report what did not match."""
from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd


@dataclass
class JoinResult:
    joined: gpd.GeoDataFrame  # every village, with the table's columns (NaN where no data)
    unmatched_rows: pd.DataFrame  # table rows whose code is not a village of the boundaries
    villages_without_data: pd.DataFrame  # villages with no row in the table (kode_desa, nama_desa)

    @property
    def complete(self) -> bool:
        return self.unmatched_rows.empty and self.villages_without_data.empty


def join_table(boundaries: gpd.GeoDataFrame, table: pd.DataFrame, key: str = "kode_desa") -> JoinResult:
    """Left join of ``table`` onto ``boundaries`` with unmatched rows reported on both sides.

    ``table`` may have several rows per village (e.g. one per year): the join then has
    one row per village and table row.
    """
    codes = set(boundaries[key])
    in_table = set(table[key])
    unmatched = table[~table[key].isin(codes)].copy()
    unmatched.insert(0, "baris", unmatched.index + 2)  # spreadsheet row (header = row 1)
    missing = boundaries.loc[~boundaries[key].isin(in_table), [key, "nama_desa"]].reset_index(drop=True)
    right = table[table[key].isin(codes)].drop(columns=[c for c in ("nama_desa",) if c in table and c in boundaries])
    joined = boundaries.merge(right, on=key, how="left")
    return JoinResult(joined=joined, unmatched_rows=unmatched.reset_index(drop=True), villages_without_data=missing)
