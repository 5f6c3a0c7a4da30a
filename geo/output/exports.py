"""Data downloads for reviewers: one row per village with every indicator, its sources and versions.

- :func:`village_table` boundaries joined with all indicators (wide: ``<indicator>_<year>_<part>``).
- :func:`metadata_table` one row per data table: version, source, demo flag.
- :func:`dictionary` the data dictionary (column, meaning, unit, source) in the chosen language.
- :func:`csv_bytes`, :func:`gpkg_bytes`, :func:`dictionary_csv_bytes` the files themselves.

The csv carries ``sumber_data`` and ``versi_data`` columns (same text on every row), so
``pandas.read_csv`` opens it with no options; the GeoPackage has a ``desa`` layer and a
non-spatial ``sumber`` layer.
"""

from __future__ import annotations

import io
import tempfile
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.analysis.indicators import wilson_interval
from geo.core.cells import safe_frame
from geo.core.i18n import t
from geo.core.version import code_version

BASE_COLS = ["kode_desa", "nama_desa", "jenis", "kode_kec", "nama_kec", "kode_kab", "nama_kab"]
TABLE_ORDER = ("batas", "prevalensi", "cakupan", "lokus", "sarana", "terbit")


def _source_of(ds, name: str, lang: str) -> str:
    if name in ds.demo:
        return t("common.demo_tag", lang)
    if name in ds.sources:
        return str(ds.sources[name])
    df = ds.published if name == "terbit" else getattr(ds, name, None)
    if df is not None and "sumber" in df:
        return "; ".join(sorted(set(df["sumber"].dropna().astype(str))))
    return ""


def metadata_table(ds, lang: str = "id") -> pd.DataFrame:
    rows = []
    for name in TABLE_ORDER:
        rows.append(
            {
                "tabel": name,
                "versi": str(ds.versions.get(name, ds.version)),
                "sumber": _source_of(ds, name, lang),
                "data_contoh": int(name in ds.demo),
                "versi_dataset": ds.version,
                "versi_kode": code_version(),
            }
        )
    return pd.DataFrame(rows)


def sources_text(ds, lang: str = "id") -> str:
    m = metadata_table(ds, lang)
    return " | ".join(f"{r.tabel}: {r.sumber}" for r in m.itertuples())


def versions_text(ds) -> str:
    m = metadata_table(ds)
    return f"dataset {ds.version}; " + "; ".join(f"{r.tabel} {r.versi}" for r in m.itertuples())


def _indicator_columns(ds) -> list[tuple[str, str, int, str]]:
    """(column, indicator, year, part) for every indicator, year and part, in a stable order."""
    out = []
    for code in ds.indicator_codes:
        parts = ("pembilang", "penyebut", "persen")
        if ds.catalogue[code].kind == "prevalence":  # stunting and severe stunting: the 95% interval too
            parts += ("ik_bawah", "ik_atas") + (("halus",) if code == "stunting" else ())
        for year in ds.years(code):
            out += [(f"{code}_{year}_{p}", code, year, p) for p in parts]
    return out


def village_table(ds, lang: str = "id") -> gpd.GeoDataFrame:
    """Every village (all boundaries, also those without data) with every indicator."""
    gdf = ds.boundaries[[c for c in BASE_COLS if c in ds.boundaries] + ["geometry"]].copy()
    gdf = gdf.set_index("kode_desa", drop=False)
    cols: dict[str, pd.Series] = {}
    prev = ds.prevalence.set_index(["kode_desa", "tahun"])
    cov = ds.coverage.set_index(["indikator", "kode_desa", "tahun"])
    for col, code, year, part in _indicator_columns(ds):
        if code == "stunting":
            src = {
                "pembilang": "balita_stunting",
                "penyebut": "balita_diukur",
                "persen": "persen",
                "ik_bawah": "ci_bawah",
                "ik_atas": "ci_atas",
                "halus": "persen_halus",
            }[part]
            d = prev.xs(year, level="tahun")[src]
        elif part in ("ik_bawah", "ik_atas"):  # severe stunting's Wilson 95% interval
            d = cov.xs((code, year), level=("indikator", "tahun"))
            ci = [wilson_interval(k, n) for k, n in zip(d["pembilang"], d["penyebut"])]
            d = pd.Series([c[0 if part == "ik_bawah" else 1] for c in ci], index=d.index)
        else:
            d = cov.xs((code, year), level=("indikator", "tahun"))[part]
        cols[col] = gdf.index.map(d).astype(float)
    for year in ds.lokus_years:
        codes = ds.lokus_codes(year)
        cols[f"lokus_{year}"] = pd.Series([int(c in codes) for c in gdf.index], index=gdf.index)
    done = ds.sarana[ds.sarana["status"] == "selesai"].groupby("kode_desa").size()
    cols["sarana_selesai"] = pd.Series([int(done.get(c, 0)) for c in gdf.index], index=gdf.index)
    extra = pd.DataFrame(cols, index=gdf.index)
    for c in extra.columns:
        if c.endswith(("_persen", "_ik_bawah", "_ik_atas", "_halus")):
            extra[c] = extra[c].round(4)
    out = pd.concat([gdf.drop(columns="geometry"), extra], axis=1).copy()  # one block: no fragmented frame
    out["sumber_data"] = sources_text(ds, lang)
    out["versi_data"] = versions_text(ds)
    out["versi_kode"] = code_version()
    out["geometry"] = gdf.geometry
    return gpd.GeoDataFrame(out.reset_index(drop=True), geometry="geometry", crs=ds.boundaries.crs)


def csv_bytes(ds, lang: str = "id") -> bytes:
    df = pd.DataFrame(village_table(ds, lang).drop(columns="geometry"))
    return safe_frame(df).to_csv(index=False).encode("utf-8")  # imported names never start a formula


def gpkg_bytes(ds, lang: str = "id") -> bytes:
    gdf = village_table(ds, lang)
    meta = metadata_table(ds, lang)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.gpkg"
        gdf.to_file(path, layer="desa", driver="GPKG")
        # A non-spatial table in the same GeoPackage: versions and sources of every table.
        with warnings.catch_warnings():  # a table without geometry has no CRS, as intended
            warnings.simplefilter("ignore", UserWarning)
            gpd.GeoDataFrame(meta, geometry=[None] * len(meta)).to_file(path, layer="sumber", driver="GPKG")
        return path.read_bytes()


def dictionary(ds, lang: str = "id") -> pd.DataFrame:
    """Column, meaning, unit and source of every column of the village table."""
    rows = []
    src_b = _source_of(ds, "batas", lang)
    for c in BASE_COLS:
        unit = "dict.unit.kode" if c.startswith("kode") else "dict.unit.teks"
        rows.append((c, t(f"dict.{c}", lang), t(unit, lang), src_b))
    for col, code, year, part in _indicator_columns(ds):
        ind = ds.catalogue[code]
        label = t(ind.label_key, lang)
        table = "prevalensi" if ind.kind == "prevalence" else "cakupan"
        if part == "pembilang":
            text, unit = t("dict.num", lang, label=label, num=t(ind.num_key, lang), year=year), "dict.unit.orang"
        elif part == "penyebut":
            text, unit = t("dict.den", lang, label=label, den=t(ind.den_key, lang), year=year), "dict.unit.orang"
        elif part == "persen":
            text, unit = t("dict.pct", lang, label=label, year=year), "dict.unit.persen"
        elif part == "halus":
            text, unit = t("dict.smooth", lang, label=label, year=year), "dict.unit.persen"
        elif part == "ik_bawah":
            text, unit = t("dict.lo", lang, label=label, year=year), "dict.unit.persen"
        else:
            text, unit = t("dict.hi", lang, label=label, year=year), "dict.unit.persen"
        rows.append((col, text, t(unit, lang), _source_of(ds, table, lang)))
    for year in ds.lokus_years:
        rows.append(
            (
                f"lokus_{year}",
                t("dict.lokus", lang, year=year),
                t("dict.unit.flag", lang),
                _source_of(ds, "lokus", lang),
            )
        )
    rows.append(("sarana_selesai", t("dict.sarana", lang), t("dict.unit.jumlah", lang), _source_of(ds, "sarana", lang)))
    rows.append(("sumber_data", t("dict.sumber_data", lang), t("dict.unit.teks", lang), ""))
    rows.append(("versi_data", t("dict.versi_data", lang), t("dict.unit.teks", lang), ""))
    rows.append(("versi_kode", t("dict.versi_kode", lang), t("dict.unit.teks", lang), code_version()))
    head = [t(f"dict.col.{k}", lang) for k in ("kolom", "arti", "satuan", "sumber")]
    return pd.DataFrame(rows, columns=head)


def dictionary_csv_bytes(ds, lang: str = "id") -> bytes:
    buf = io.StringIO()
    safe_frame(dictionary(ds, lang)).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")
