"""Trend figures: the regency's published series and change between two years."""
from __future__ import annotations

import pandas as pd

from geo.analysis.indicators import change_table

SOURCE_KIND_CITED = "registri_opd"  # what the regency's planners cite


def regency_code(boundaries) -> str | None:
    codes = sorted(set(boundaries["kode_kab"].dropna()))
    return codes[0] if len(codes) == 1 else None


def cited_series(published: pd.DataFrame, kode_kab: str | None) -> pd.DataFrame:
    if kode_kab is None:
        return published.iloc[0:0]
    d = published[(published["kode_kab"] == kode_kab) & (published["jenis_sumber"] == SOURCE_KIND_CITED)]
    return d.sort_values("tahun")


def headline_numbers(published: pd.DataFrame, kode_kab: str | None):
    """(first year, value, last year, value) of the series the regency cites, or None."""
    d = cited_series(published, kode_kab)
    if len(d) < 2:
        return None
    first, last = d.iloc[0], d.iloc[-1]
    return int(first["tahun"]), float(first["nilai_persen"]), int(last["tahun"]), float(last["nilai_persen"])


def change_years(prevalence: pd.DataFrame):
    years = sorted({int(y) for y in prevalence["tahun"]})
    return (years[-2], years[-1]) if len(years) >= 2 else None


def _tested(prev: pd.DataFrame, key: str, year_from: int, year_to: int) -> pd.DataFrame:
    """geo.analysis.indicators.change_table (worst first) with the clear-change test's z and kelas."""
    from geo.analysis.uncertainty import change_test_table
    out = change_table(prev, key, year_from, year_to)
    test = change_test_table(prev, year_from, year_to, key).set_index(key)
    out["z"] = out[key].map(test["z"])
    out["kelas"] = out[key].map(test["kelas"])
    return out


def change_by_kec(ds, year_from: int, year_to: int) -> pd.DataFrame:
    return _tested(ds.prevalence_by_kec, "nama_kec", year_from, year_to)


def change_by_desa(ds, year_from: int, year_to: int) -> pd.DataFrame:
    # keyed by code: in a province two villages can share both their name and their kecamatan's name
    out = _tested(ds.prevalence, "kode_desa", year_from, year_to)
    names = ds.desa_index
    out.insert(0, "label", out["kode_desa"].map(names["nama_desa"] + " (" + names["nama_kec"] + ")"))
    return out


def published_sources(published: pd.DataFrame, kode_kab: str | None) -> list[dict]:
    rows = published if kode_kab is None else published[published["kode_kab"].isin([kode_kab, kode_kab.split(".")[0]])]
    out = []
    for r in rows.itertuples():
        url = r.rujukan if isinstance(r.rujukan, str) and r.rujukan.startswith("https://") else ""
        note = r.catatan if isinstance(r.catatan, str) else ""
        out.append({"name": f"{r.sumber} — {r.tahun}", "kind": r.jenis_sumber, "url": url, "note": note})
    return out
