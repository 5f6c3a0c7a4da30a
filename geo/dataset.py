"""One loaded dataset: boundaries plus tidy tables, with a version id and cached derivatives.

The web app, the exports and the command line all read data through :func:`current`,
which returns the same :class:`Dataset` object until the data changes, so joins,
simplified geometry and GeoJSON are computed once per data version, not per request.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import boundaries as bnd
from geo import cache as geocache
from geo import config
from geo.indicators import COVERAGE_INDICATORS, INDICATORS, aggregate_prevalence, coverage_table, prevalence_table

PROJECT_DIR = Path(__file__).resolve().parent.parent
BUNDLED_DIR = PROJECT_DIR / "data"
BUNDLED_BOUNDARIES = BUNDLED_DIR / "buton_selatan_desa.gpkg"
BUNDLED_DEMO = BUNDLED_DIR / "demo"
BUNDLED_PUBLISHED = BUNDLED_DIR / "prevalensi_terbit_buton_selatan.csv"

TABLES = ("prevalensi", "cakupan", "lokus", "sarana")
STR_COLS = {"kode_desa": str, "nama_desa": str, "kode_kab": str, "nomor_sk": str, "opd": str, "sumber": str}

# Simplification tolerance in degrees (about 55 m at the equator): invisible at
# kabupaten scale, keeps the initial GeoJSON small.
WEB_TOLERANCE = 0.0005


@dataclass
class Dataset:
    """Boundaries, tables and where they came from."""

    boundaries: gpd.GeoDataFrame
    prevalensi: pd.DataFrame
    cakupan: pd.DataFrame
    lokus: pd.DataFrame
    sarana: pd.DataFrame
    published: pd.DataFrame
    version: str
    demo: frozenset = field(default_factory=frozenset)  # names of tables that are demo data
    versions: dict = field(default_factory=dict)  # table name -> version label
    sources: dict = field(default_factory=dict)  # table name -> source text

    # ----- derived, cached per dataset -------------------------------------------------
    @cached_property
    def web_simplification(self) -> tuple[float, float]:
        """(tolerance, grid) in degrees for this map's scale (see geo.boundaries.web_simplification)."""
        return bnd.web_simplification(self.boundaries)

    @cached_property
    def web_boundaries(self) -> gpd.GeoDataFrame:
        """Simplified, quantised coverage; cached on disk by input geometry (a province
        takes seconds to clean, so it is not redone at every start)."""
        tolerance, grid = self.web_simplification
        return geocache.cached_geometry(
            self.boundaries, f"web-{tolerance:g}-{grid:g}",
            lambda: bnd.simplify_coverage(self.boundaries, tolerance, precision=grid))

    @cached_property
    def kecamatan(self) -> gpd.GeoDataFrame:
        return bnd.kecamatan_outlines(self.web_boundaries)

    @cached_property
    def desa_index(self) -> pd.DataFrame:
        return self.boundaries[["kode_desa", "nama_desa", "jenis", "kode_kec", "nama_kec"]].set_index("kode_desa")

    @cached_property
    def prevalence(self) -> pd.DataFrame:
        return prevalence_table(self.prevalensi) if len(self.prevalensi) else _empty_prev()

    @cached_property
    def coverage(self) -> pd.DataFrame:
        if not len(self.cakupan):
            return pd.DataFrame(columns=["kode_desa", "tahun", "indikator", "pembilang", "penyebut", "persen"])
        return coverage_table(self.cakupan)

    @cached_property
    def prevalence_by_kec(self) -> pd.DataFrame:
        p = self.prevalensi.merge(self.desa_index[["kode_kec", "nama_kec"]], left_on="kode_desa", right_index=True)
        return aggregate_prevalence(p, ["kode_kec", "nama_kec", "tahun"]) if len(p) else _empty_prev()

    @cached_property
    def prevalence_total(self) -> pd.DataFrame:
        return aggregate_prevalence(self.prevalensi, ["tahun"]) if len(self.prevalensi) else _empty_prev()

    def years(self, indicator: str) -> list[int]:
        if indicator == "stunting":
            ys = self.prevalence["tahun"]
        else:
            ys = self.coverage.loc[self.coverage["indikator"] == indicator, "tahun"]
        return sorted({int(y) for y in ys})

    @cached_property
    def indicator_codes(self) -> list[str]:
        present = set(self.coverage["indikator"])
        codes = ["stunting"] if len(self.prevalence) else []
        return codes + [i.code for i in COVERAGE_INDICATORS if i.code in present]

    @cached_property
    def lokus_years(self) -> list[int]:
        return sorted({int(y) for y in self.lokus["tahun"]}) if len(self.lokus) else []

    def lokus_codes(self, year) -> set[str]:
        if year is None or not len(self.lokus):
            return set()
        return set(self.lokus.loc[self.lokus["tahun"] == int(year), "kode_desa"])

    def values(self, indicator: str, year: int) -> dict[str, tuple[float, float]]:
        """{kode_desa: (numerator, denominator)} for one indicator and year."""
        if indicator == "stunting":
            d = self.prevalence[self.prevalence["tahun"] == year]
            return {k: (a, b) for k, a, b in zip(d["kode_desa"], d["balita_stunting"], d["balita_diukur"])}
        d = self.coverage[(self.coverage["indikator"] == indicator) & (self.coverage["tahun"] == year)]
        return {k: (a, b) for k, a, b in zip(d["kode_desa"], d["pembilang"], d["penyebut"])}

    @cached_property
    def value_keys(self) -> list[str]:
        """``indicator|year`` for every indicator and year with values, in a fixed order:
        position ``i`` of a village's ``v`` array in :attr:`desa_geojson` is ``value_keys[i]``."""
        return [f"{ind}|{year}" for ind in self.indicator_codes for year in self.years(ind)]

    @cached_property
    def desa_geojson(self) -> bytes:
        """Village geometry plus everything a restyle needs, sent once per data version.

        Properties: ``kode``, ``nama``, ``kec``, ``lokus`` (years) and ``v``, an array
        aligned with :attr:`value_keys` holding ``[numerator, denominator]`` or ``null``
        (an array, not an object keyed by ``indicator|year``: a quarter less to send for
        a province). The browser classifies and colours from these, so a restyle only
        sends the choice (a few hundred bytes).
        """
        index = {k: i for i, k in enumerate(self.value_keys)}
        extra: dict[str, dict] = {}
        for code in self.boundaries["kode_desa"]:
            extra[code] = {"lokus": [], "v": [None] * len(index)}
        for row in self.lokus.itertuples():
            if row.kode_desa in extra:
                extra[row.kode_desa]["lokus"].append(int(row.tahun))
        for ind in self.indicator_codes:
            for year in self.years(ind):
                i = index[f"{ind}|{year}"]
                for code, (num, den) in self.values(ind, year).items():
                    if code in extra:
                        extra[code]["v"][i] = [_num(num), _num(den)]
        gdf = self.web_boundaries.rename(columns={"kode_desa": "kode", "nama_desa": "nama", "nama_kec": "kec"})
        fc = bnd.feature_collection(gdf, ["kode", "nama", "kec"], extra=extra, id_column="kode",
                                    digits=bnd.grid_digits(self.web_simplification[1]))
        return bnd.to_json_bytes(fc)

    @cached_property
    def kecamatan_geojson(self) -> bytes:
        """Kecamatan borders for the map: one feature of lines, each shared border once."""
        lines = gpd.GeoDataFrame({"layer": ["kecamatan"]}, geometry=[bnd.outline_lines(self.kecamatan.geometry.values)],
                                 crs=self.kecamatan.crs)
        return bnd.to_json_bytes(bnd.feature_collection(lines, [], id_column=None,
                                                        digits=bnd.grid_digits(self.web_simplification[1])))

    @cached_property
    def label_geojson(self) -> bytes:
        pts = self.web_boundaries.copy()
        pts.geometry = pts.geometry.representative_point()
        pts = pts.rename(columns={"nama_desa": "nama"})
        return bnd.to_json_bytes(bnd.feature_collection(pts, ["nama"], id_column=None))

    @cached_property
    def bounds(self) -> list[list[float]]:
        return bnd.bounds_latlng(self.boundaries)

    @cached_property
    def region_name(self) -> str:
        names = [n for n in self.boundaries.get("nama_kab", pd.Series(dtype=str)).dropna().unique() if n]
        return names[0] if len(names) == 1 else ", ".join(sorted(names)[:3])


def _num(v):
    f = float(v)
    return int(f) if f.is_integer() else round(f, 4)


def _empty_prev() -> pd.DataFrame:
    return pd.DataFrame(columns=["kode_desa", "tahun", "balita_diukur", "balita_stunting", "persen",
                                 "ci_bawah", "ci_atas"])


def read_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={k: v for k, v in STR_COLS.items()}, keep_default_na=True)


def file_hash(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()[:12]


def load_bundled(boundaries_path: Path | None = None, demo_dir: Path | None = None,
                 published_path: Path = BUNDLED_PUBLISHED) -> Dataset:
    """The data that ships with the project: real boundaries, demo tables, published figures.

    Another bundle (e.g. the province: ``data/sultra_desa.gpkg`` with ``data/demo_sultra``)
    is chosen with ``KONVERGENSI_BOUNDARIES`` and ``KONVERGENSI_DEMO_DIR``.
    """
    boundaries_path = Path(boundaries_path) if boundaries_path else config.bundled_boundaries(BUNDLED_BOUNDARIES)
    demo_dir = Path(demo_dir) if demo_dir else config.bundled_demo_dir(BUNDLED_DEMO)
    boundaries = bnd.read_boundaries(boundaries_path)
    tables = {name: read_table(demo_dir / f"{name}.csv") for name in TABLES}
    published = pd.read_csv(published_path, dtype={"kode_kab": str})
    paths = [boundaries_path, published_path] + [demo_dir / f"{n}.csv" for n in TABLES]
    version = file_hash(*paths)
    return Dataset(boundaries=boundaries, published=published, version=version,
                   demo=frozenset(TABLES), versions={n: "contoh" for n in TABLES} | {"batas": "bawaan"},
                   sources={"batas": "cahyadsn/wilayah_boundaries (MIT)"}, **tables)


_lock = threading.Lock()
_cache: dict[str, Dataset] = {}


def current() -> Dataset:
    """The dataset the app shows now (cached until the data changes)."""
    with _lock:
        ds = _cache.get("bundled")
        if ds is None:
            ds = load_bundled()
            _cache["bundled"] = ds
        return ds


def indicator(code: str):
    return INDICATORS[code]
