"""One loaded dataset: boundaries plus tidy tables, with a version id and cached derivatives.

The web app, the exports and the command line all read data through :func:`current`,
which returns the same :class:`Dataset` object until the data changes, so joins,
simplified geometry and GeoJSON are computed once per data version, not per request.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.analysis.indicators import aggregate_prevalence, coverage_table, prevalence_table
from geo.core import config, schema
from geo.core.memo import VersionedCache
from geo.core.schema import TABLES
from geo.io import boundaries as bnd
from geo.io import cache as geocache
from geo.io import db, loading
from geo.io.loading import (
    BUNDLED_BOUNDARIES,
    BUNDLED_DEMO,
    BUNDLED_PUBLISHED,
    current_table,
    default_office_rows,
    demo_fits,
    empty_table,
    file_hash,
    prepare_table,
    read_table,
    source_text,
)

# Simplification tolerance in degrees (about 55 m at the equator): invisible at
# kabupaten scale, keeps the initial GeoJSON small.
WEB_TOLERANCE = 0.0005
# Above this many villages, the first simplification runs in a separate process so its
# memory peak (over 100 MB for a province) does not stay in the server's resident size.
ISOLATE_ABOVE = 500
# One spatial-cluster computation at a time in this process (Dataset.clusters).
_CLUSTER_LOCK = threading.Lock()


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
    meta: dict = field(default_factory=dict)  # table name -> stored version record (imported tables)
    rencana: pd.DataFrame = field(default_factory=lambda: empty_table("rencana"))  # plans (Aksi 2)
    realisasi: pd.DataFrame = field(default_factory=lambda: empty_table("realisasi"))  # their realisation
    # prevalensi/cakupan with every office's rows; the fields above hold the default office's
    # (geo.io.loading.default_office_rows), which maps and pages show
    all_offices: dict = field(default_factory=dict)
    # the indicator catalogue of this data version (geo.io.catalogue: bundled + imported ``indikator``);
    # every list of indicators (pages, lokus matrix, exports, data dictionary) comes from here
    catalogue: schema.Catalogue = field(default_factory=lambda: schema.BUNDLED)

    # ----- derived, cached per dataset -------------------------------------------------
    @cached_property
    def web_simplification(self) -> tuple[float, float]:
        """(tolerance, grid) in degrees for this map's scale (see geo.io.boundaries.web_simplification)."""
        return bnd.web_simplification(self.boundaries)

    @cached_property
    def web_boundaries(self) -> gpd.GeoDataFrame:
        """Simplified, quantised coverage; cached on disk by input geometry (a province
        takes seconds to clean, so it is not redone at every start)."""
        tolerance, grid = self.web_simplification
        big = len(self.boundaries) > ISOLATE_ABOVE
        return geocache.cached_geometry(
            self.boundaries,
            f"web-{tolerance:g}-{grid:g}",
            lambda: bnd.simplify_coverage(self.boundaries, tolerance, precision=grid),
            isolate=("geo.io.boundaries:simplify_wkb", {"tolerance": tolerance, "precision": grid}) if big else None,
        )

    @cached_property
    def kecamatan(self) -> gpd.GeoDataFrame:
        return bnd.kecamatan_outlines(self.web_boundaries)

    @cached_property
    def desa_index(self) -> pd.DataFrame:
        return self.boundaries[["kode_desa", "nama_desa", "jenis", "kode_kec", "nama_kec"]].set_index("kode_desa")

    @cached_property
    def prevalence(self) -> pd.DataFrame:
        """Per village and year: counts, percent, Wilson 95% interval, and the empirical Bayes
        smoothed percent with its Beta posterior (``persen_halus``, ``a_post``, ``b_post``;
        geo.analysis.uncertainty), computed once per data version."""
        from geo.analysis.uncertainty import smooth_table

        return smooth_table(prevalence_table(self.prevalensi)) if len(self.prevalensi) else _empty_prev()

    @cached_property
    def coverage(self) -> pd.DataFrame:
        if not len(self.cakupan):
            return pd.DataFrame(columns=["kode_desa", "tahun", "indikator", "pembilang", "penyebut", "persen"])
        return coverage_table(self.cakupan)

    @cached_property
    def _draw_cache(self) -> dict:
        return {}

    def prevalence_draws(self, year, smoothed: bool = True):
        """(draws × villages) prevalence draws from each village's posterior for ``year``
        (geo.analysis.uncertainty; villages in ``desa_index`` order, NaN without data). Seeded, so the
        same data always gives the same draws; computed once per data version and choice."""
        import numpy as np

        from geo.analysis import uncertainty

        key = (None if year is None else int(year), bool(smoothed))
        hit = self._draw_cache.get(key)
        if hit is None:
            codes = self.desa_index.index
            p = self.prevalence[self.prevalence["tahun"] == key[0]].set_index("kode_desa")
            if smoothed:
                a = codes.map(p["a_post"]).to_numpy(dtype=float)
                b = codes.map(p["b_post"]).to_numpy(dtype=float)
            else:
                a, b = uncertainty.posterior_params(
                    codes.map(p["balita_stunting"]).to_numpy(dtype=float),
                    codes.map(p["balita_diukur"]).to_numpy(dtype=float),
                    False,
                )
            hit = uncertainty.draw_prevalence(np.nan_to_num(a, nan=np.nan), b)
            self._draw_cache[key] = hit
        return hit

    @cached_property
    def prevalence_by_kec(self) -> pd.DataFrame:
        p = self.prevalensi.merge(self.desa_index[["kode_kec", "nama_kec"]], left_on="kode_desa", right_index=True)
        return aggregate_prevalence(p, ["kode_kec", "nama_kec", "tahun"]) if len(p) else _empty_prev()

    @cached_property
    def prevalence_total(self) -> pd.DataFrame:
        return aggregate_prevalence(self.prevalensi, ["tahun"]) if len(self.prevalensi) else _empty_prev()

    def source_of(self, table: str, indicator: str | None = None) -> str:
        """Who reported a figure: the offices of the rows behind it and the import version."""
        meta = self.meta.get(table)
        if meta is None:
            return self.sources.get(table, "")
        df = getattr(self, table)
        if table == "cakupan" and not indicator:  # the coverage files' own sources, not severe stunting's
            df = loading.without_derived(df)
        if indicator and "indikator" in df:
            df = df[df["indikator"] == indicator]
            meta = meta.get("per_indicator", {}).get(indicator, meta)
        return source_text(table, df, meta)

    @cached_property
    def observations(self) -> pd.DataFrame:
        """Every office's figures as observations: ``kode_desa``, ``indikator``, ``tahun``,
        ``bulan``, ``sebagian_tahun``, ``pembilang``, ``penyebut``, ``opd``, ``versi`` (import
        version; None for bundled data). Prevalence is indicator ``stunting`` (stunted / measured)."""
        cols = ["kode_desa", "indikator", "tahun", "bulan", "sebagian_tahun", "pembilang", "penyebut", "opd", "versi"]
        parts = []
        p = self.all_offices.get("prevalensi", self.prevalensi)
        if len(p):
            parts.append(
                pd.DataFrame(
                    {
                        "kode_desa": p["kode_desa"].values,
                        "indikator": "stunting",
                        "tahun": p["tahun"].values,
                        "pembilang": p["balita_stunting"].values,
                        "penyebut": p["balita_diukur"].values,
                    }
                ).assign(**{c: (p[c].values if c in p else None) for c in ("bulan", "sebagian_tahun", "opd", "versi")})
            )
        c = self.all_offices.get("cakupan", self.cakupan)
        if len(c):
            parts.append(c.reindex(columns=cols).reset_index(drop=True))
        if not parts:
            return pd.DataFrame(columns=cols)
        out = pd.concat(parts, ignore_index=True)[cols]
        out["opd"] = out["opd"].fillna("").astype(str)
        return out

    def offices(self, indicator: str, year=None) -> list[str]:
        """The offices with figures for ``indicator`` (and ``year``): the one the map shows by
        default first, then the others by name."""
        from geo.io.loading import office_key

        o = self.observations
        o = o[o["indikator"] == indicator]
        if year is not None:
            o = o[o["tahun"] == int(year)]
        names = {}
        for v in o["opd"]:
            names.setdefault(office_key(v), v)
        shown = self.prevalensi if indicator == "stunting" else self.cakupan[self.cakupan["indikator"] == indicator]
        if year is not None:
            shown = shown[shown["tahun"] == int(year)]
        first = (
            office_key(shown["opd"].iloc[0])
            if len(shown) and "opd" in shown
            else office_key(self.default_office(indicator))
        )
        return sorted(names.values(), key=lambda n: (office_key(n) != first, n))

    def office_values(self, indicator: str, year: int, office: str) -> dict[str, tuple[float, float]]:
        """{kode_desa: (numerator, denominator)} of one office (latest month of the year)."""
        from geo.io.loading import office_key

        o = self.observations
        o = o[(o["indikator"] == indicator) & (o["tahun"] == int(year))]
        o = o[[office_key(v) == office_key(office) for v in o["opd"]]]
        if "bulan" in o and o["bulan"].notna().any():
            o = o.assign(_b=pd.to_numeric(o["bulan"], errors="coerce").fillna(0)).sort_values("_b")
        o = o.drop_duplicates("kode_desa", keep="last")
        return {k: (a, b) for k, a, b in zip(o["kode_desa"], o["pembilang"], o["penyebut"])}

    def years(self, indicator: str) -> list[int]:
        if indicator.startswith("klaster_k"):  # spatial clusters: of the latest year only (geo.analysis.spatial)
            ys = self.prevalence["tahun"].max() if len(self.prevalence) else None
            return [] if ys is None or ys != ys else [int(ys)]
        if indicator in ("stunting", "stunting_halus"):
            ys = self.prevalence["tahun"]
        elif indicator == "konvergensi":  # convergence score (geo.analysis.convergence): of the coverage years
            ys = self.coverage["tahun"]
        else:
            ys = self.coverage.loc[self.coverage["indikator"] == indicator, "tahun"]
        return sorted({int(y) for y in ys})

    @cached_property
    def indicator_codes(self) -> list[str]:
        present = set(self.coverage["indikator"])
        codes = ["stunting"] if len(self.prevalence) else []
        # the catalogue's other indicators with data, in its order (severe stunting after stunting)
        return codes + [code for code in self.catalogue if code != "stunting" and code in present]

    def default_office(self, code: str) -> str:
        """The catalogue's default office of an indicator (the figure maps show)."""
        return _office_of(self.catalogue)(code)

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
        if indicator.startswith("klaster_k"):  # (class code, 100): "percent" = class code (geo.analysis.spatial.LABELS)
            from geo.analysis import spatial

            tab, _ = self.clusters(year, spatial.cluster_code(indicator))
            return {k: (spatial.LABELS.index(c), 100) for k, c in zip(tab["kode_desa"], tab["klaster"])}
        if indicator == "stunting_halus":  # (smoothed share × measured, measured): percent = smoothed percent
            d = self.prevalence[self.prevalence["tahun"] == year]
            # two decimals of a child: the percent is exact to well under 0.05 points, and the
            # GeoJSON a province downloads stays small
            return {
                k: (round(p / 100 * b, 2), b)
                for k, p, b in zip(d["kode_desa"], d["persen_halus"], d["balita_diukur"])
                if p == p
            }
        if indicator == "konvergensi":  # (interventions meeting their target, interventions with data)
            from geo.analysis.convergence import convergence_score

            d = convergence_score(self.coverage, year, self.catalogue)
            return {k: (a, b) for k, a, b in zip(d["kode_desa"], d["k"], d["n"])}
        d = self.coverage[(self.coverage["indikator"] == indicator) & (self.coverage["tahun"] == year)]
        return {k: (a, b) for k, a, b in zip(d["kode_desa"], d["pembilang"], d["penyebut"])}

    @cached_property
    def map_indicator_codes(self) -> list[str]:
        """What the map can show: the indicators, with the smoothed prevalence after the raw one."""
        out = []
        for code in self.indicator_codes:
            out.append(code)
            if code == "stunting":
                out.append("stunting_halus")
        if len(self.coverage):
            out.append("konvergensi")
        if "stunting" in self.indicator_codes:
            from geo.core.schema import CLUSTERS

            out += [c.code for c in CLUSTERS]
        return out

    @cached_property
    def _cluster_cache(self) -> dict:
        return {}

    def clusters(self, year, k: int):
        """(table, global summary) of geo.analysis.spatial.cluster_table, once per data version, year and k.

        Computed by geo.analysis.spatial.cluster_tables: in a separate, short-lived process (PySAL and
        scipy never load into the server) and cached on disk, every k the map offers at once
        (the village layer carries them all). One computation at a time per dataset: requests
        arriving meanwhile wait for it instead of starting their own."""
        from geo.analysis import spatial

        key = (int(year), int(k))
        hit = self._cluster_cache.get(key)
        if hit is None:
            with _CLUSTER_LOCK:
                hit = self._cluster_cache.get(key)
                if hit is None:
                    tables = spatial.cluster_tables(self, key[0], {key[1], *spatial.K_CHOICES}, self._points)
                    for k_, t in tables.items():
                        self._cluster_cache[(key[0], k_)] = t
                    hit = self._cluster_cache[key]
        return hit

    def _points(self) -> pd.DataFrame:
        """The villages' points for the cluster weights (geo.analysis.spatial.point_table), once per data version."""
        if "xy" not in self._cluster_cache:
            from geo.analysis import spatial

            self._cluster_cache["xy"] = spatial.point_table(self.boundaries)
        return self._cluster_cache["xy"]

    @cached_property
    def value_keys(self) -> list[str]:
        """``indicator|year`` (``indicator|year|office`` for another office) for every indicator and
        year with values, in a fixed order: first the keys of each indicator's latest year (what the
        first map needs, sent in :attr:`desa_geojson`: position ``i`` of a village's ``v`` array is
        ``value_keys[i]``), then the older years' (sent on demand: :meth:`year_values`)."""
        keys = [f"{ind}|{year}" for ind in self.map_indicator_codes for year in self.years(ind)]
        keys += [f"{ind}|{year}|{office}" for ind, year, office in self.other_office_keys]
        first = [k for k in keys if self._latest_key(k)]
        return first + [k for k in keys if not self._latest_key(k)]

    def _latest_key(self, key: str) -> bool:
        ind, year = key.split("|")[:2]
        if ind not in self._latest_year:  # each indicator's years looked up once, not once per key
            years = self.years(ind)
            self._latest_year[ind] = years[-1] if years else None
        return int(year) == self._latest_year[ind]

    @cached_property
    def _latest_year(self) -> dict[str, int | None]:
        """Each indicator's latest year (what the first layer carries), filled by :meth:`_latest_key`."""
        return {}

    @cached_property
    def first_value_count(self) -> int:
        """How many of :attr:`value_keys` the first map's layer carries (each indicator's latest year)."""
        return sum(1 for k in self.value_keys if self._latest_key(k))

    @cached_property
    def lazy_years(self) -> list[int]:
        """The years whose values the browser asks for when the user picks one (:meth:`year_values`)."""
        return sorted({int(k.split("|")[1]) for k in self.value_keys[self.first_value_count :]})

    def _value_pairs(self, key: str) -> dict:
        ind, year, *office = key.split("|", 2)
        if office:
            return self.office_values(ind, int(year), office[0])
        return self.values(ind, int(year))

    def year_values(self, year: int) -> bytes:
        """The values of ``year``'s keys the first layer leaves out, as JSON bytes:
        ``{"version", "year", "idx": [positions in value_keys], "v": {kode: [[num, den] | null, ...]}}``
        (aligned with ``idx``). The browser merges them into each village's ``v`` array
        (assets/map.js ``loadValues``); served gzip-compressed from a versioned address, built once
        per data version and year (callbacks/routes.py)."""
        year = int(year)
        keys = [(i, k) for i, k in enumerate(self.value_keys) if i >= self.first_value_count]
        keys = [(i, k) for i, k in keys if int(k.split("|")[1]) == year]
        codes = list(self.boundaries["kode_desa"])
        rows = {c: [None] * len(keys) for c in codes}
        for j, (_, key) in enumerate(keys):
            for code, (num, den) in self._value_pairs(key).items():
                if code in rows:
                    rows[code][j] = [_num(num), _num(den)]
        body = {"version": self.version, "year": year, "idx": [i for i, _ in keys], "v": rows}
        # not kept: the server keeps the gzip-compressed bytes (callbacks/routes.values_gzipped),
        # a fifth of the size; a province's uncompressed years pushed its peak memory over 300 MB
        return json.dumps(body, separators=(",", ":"), allow_nan=False).encode()

    @cached_property
    def other_office_keys(self) -> list[tuple[str, int, str]]:
        """(indicator, year, office) of every office besides the one a map shows by default: the
        map's office choice (only offered for an indicator with more than one office)."""
        from geo.io.loading import office_key

        several: dict[tuple, set] = {}  # from the few distinct (indicator, year, office), not every row
        p = self.all_offices.get("prevalensi", self.prevalensi)
        if len(p) and "opd" in p:
            for year, office in p[["tahun", "opd"]].drop_duplicates().itertuples(index=False):
                several.setdefault(("stunting", int(year)), set()).add(office_key(office))
        c = self.all_offices.get("cakupan", self.cakupan)
        if len(c) and "opd" in c:
            for ind, year, office in c[["indikator", "tahun", "opd"]].drop_duplicates().itertuples(index=False):
                several.setdefault((ind, int(year)), set()).add(office_key(office))
        out = []
        for (ind, year), offices in sorted(several.items()):
            if len(offices) > 1 and ind in self.indicator_codes:
                out += [(ind, year, o) for o in self.offices(ind, year)[1:]]
        return out

    def map_values(self, indicator: str, year, office: str | None = None) -> dict[str, tuple[float, float]]:
        """:meth:`values`, or one office's figures when ``office`` is another than the default."""
        if office and (indicator, year, office) in set(self.other_office_keys):
            return self.office_values(indicator, year, office)
        return self.values(indicator, year)

    @cached_property
    def desa_geojson(self) -> bytes:
        """Village geometry plus everything a restyle needs, sent once per data version.

        Properties: ``kode``, ``nama``, ``kec``, ``lokus`` (years) and ``v``, an array
        aligned with the first :attr:`first_value_count` of :attr:`value_keys` (each indicator's
        latest year) holding ``[numerator, denominator]`` or ``null`` (an array, not an object
        keyed by ``indicator|year``: a quarter less to send for a province). Older years come
        when the user picks one (:meth:`year_values`): a province's five demo years of every
        indicator sent up front made the first layer 750 kB. The browser classifies and colours
        from these, so a restyle only sends the choice (a few hundred bytes).
        """
        from geo.analysis import spatial

        index = {k: i for i, k in enumerate(self.value_keys)}
        # The cluster classes (last in value_keys) may need a separate process the first time
        # (geo.analysis.spatial): start it now, so it runs while the other values are gathered here.
        view = f"klaster_k{spatial.K_DEFAULT}"
        early = [
            threading.Thread(target=self.clusters, args=(year, spatial.K_DEFAULT), daemon=True)
            for year in (self.years(view) if view in self.map_indicator_codes else [])
        ]
        for th in early:
            th.start()
        extra: dict[str, dict] = {}
        first = self.first_value_count
        for code in self.boundaries["kode_desa"]:
            extra[code] = {"lokus": [], "v": [None] * first}
        for row in self.lokus.itertuples():
            if row.kode_desa in extra:
                extra[row.kode_desa]["lokus"].append(int(row.tahun))
        for key in self.value_keys[:first]:
            i = index[key]
            for code, (num, den) in self._value_pairs(key).items():
                if code in extra:
                    extra[code]["v"][i] = [_num(num), _num(den)]
        for th in early:
            th.join()
        gdf = self.web_boundaries.rename(columns={"kode_desa": "kode", "nama_desa": "nama", "nama_kec": "kec"})
        fc = bnd.feature_collection(
            gdf,
            ["kode", "nama", "kec"],
            extra=extra,
            id_column="kode",
            digits=bnd.grid_digits(self.web_simplification[1]),
        )
        fc["value_keys"] = list(self.value_keys[:first])  # a foreign member: the file explains its own arrays
        return bnd.to_json_bytes(fc)

    @cached_property
    def inset_geojsons(self) -> list[bytes]:
        """:attr:`desa_geojson` cut to each inset's villages (:attr:`focus`), so an inset map
        loads a few kilobytes instead of every village again."""
        if not self.focus["insets"]:
            return []
        fc = json.loads(self.desa_geojson)
        out = []
        for inset in self.focus["insets"]:
            codes = set(inset["codes"])
            out.append(
                bnd.to_json_bytes(dict(fc, features=[f for f in fc["features"] if f["properties"]["kode"] in codes]))
            )
        return out

    @cached_property
    def kecamatan_geojson(self) -> bytes:
        """Kecamatan borders for the map: one feature of lines, each shared border once."""
        lines = gpd.GeoDataFrame(
            {"layer": ["kecamatan"]},
            geometry=[bnd.outline_lines(self.kecamatan.geometry.values)],
            crs=self.kecamatan.crs,
        )
        return bnd.to_json_bytes(
            bnd.feature_collection(lines, [], id_column=None, digits=bnd.grid_digits(self.web_simplification[1]))
        )

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
    def focus(self) -> dict:
        """Where the map looks first: the main group of villages, with far-off groups (islands
        tens of kilometres away) shown in small inset maps instead of shrinking everything.
        ``{"bounds": main bounds, "insets": [{"bounds", "codes", "kec", "n"}, ...]}`` (at most 2)."""
        groups = bnd.focus_groups(self.boundaries)
        if groups is None:
            return {"bounds": self.bounds, "insets": []}
        main, others = groups
        insets = []
        for pos in others[:2]:
            part = self.boundaries.iloc[pos]
            insets.append(
                {
                    "bounds": bnd.bounds_latlng(part),
                    "codes": sorted(part["kode_desa"]),
                    "kec": ", ".join(sorted(set(part["nama_kec"]))),
                    "n": len(part),
                }
            )
        shown = self.boundaries.iloc[main + [i for pos in others[2:] for i in pos]]
        return {"bounds": bnd.bounds_latlng(shown), "insets": insets}

    @cached_property
    def region_name(self) -> str:
        names = [n for n in self.boundaries.get("nama_kab", pd.Series(dtype=str)).dropna().unique() if n]
        return names[0] if len(names) == 1 else ", ".join(sorted(names)[:3])


def _num(v):
    f = float(v)
    return int(f) if f.is_integer() else round(f, 4)


def _empty_prev() -> pd.DataFrame:
    return pd.DataFrame(
        columns=[
            "kode_desa",
            "tahun",
            "balita_diukur",
            "balita_stunting",
            "persen",
            "ci_bawah",
            "ci_atas",
            "persen_halus",
            "a_post",
            "b_post",
        ]
    )


def load_bundled(
    boundaries_path: Path | None = None, demo_dir: Path | None = None, published_path: Path = BUNDLED_PUBLISHED
) -> Dataset:
    """The data that ships with the project: real boundaries, demo tables, published figures.

    Another bundle (e.g. the province: ``data/sultra_desa.gpkg`` with ``data/demo_sultra``)
    is chosen with ``KONVERGENSI_BOUNDARIES`` and ``KONVERGENSI_DEMO_DIR``.
    """
    boundaries_path = Path(boundaries_path) if boundaries_path else config.bundled_boundaries(BUNDLED_BOUNDARIES)
    demo_dir = Path(demo_dir) if demo_dir else config.bundled_demo_dir(BUNDLED_DEMO)
    explicit = boundaries_path != config.bundled_boundaries(BUNDLED_BOUNDARIES)
    boundaries = bnd.read_boundaries(boundaries_path) if explicit else loading.bundled_boundaries()
    present = [n for n in TABLES if (demo_dir / f"{n}.csv").exists()]  # a bundle may lack plans
    tables = {name: read_table(demo_dir / f"{name}.csv") if name in present else empty_table(name) for name in TABLES}
    for name in ("rencana", "realisasi"):
        tables[name] = prepare_table(name, tables[name])
    published = pd.read_csv(published_path, dtype={"kode_kab": str})
    paths = [boundaries_path, published_path] + [demo_dir / f"{n}.csv" for n in present]
    version = file_hash(*paths)
    tables["sarana"]["lokasi_perkiraan"] = False
    everyone = {}
    for name in ("prevalensi", "cakupan"):
        everyone[name] = prepare_table(name, tables[name])
    everyone["cakupan"] = loading.with_severe(everyone["cakupan"], everyone["prevalensi"])  # stunting_berat
    for name in ("prevalensi", "cakupan"):
        tables[name] = default_office_rows(everyone[name], _default_office)
    return Dataset(
        boundaries=boundaries,
        published=published,
        version=version,
        all_offices=everyone,
        demo=frozenset(present),
        versions={n: "contoh" if n in present else "kosong" for n in TABLES} | {"batas": "bawaan"},
        sources={"batas": "cahyadsn/wilayah_boundaries (MIT)"},
        **tables,
    )


_bundled = VersionedCache(size=1, one_build=True)  # the bundled data, once per process
_current = VersionedCache(size=1, one_build=True)  # the dataset of the store's newest state


def bundled() -> Dataset:
    """The bundled data, read once per process."""
    return _bundled.get("bundled", "dataset", load_bundled)


def build(key: tuple) -> Dataset:
    """The dataset for store state ``key``: the latest version of each kind, bundled
    boundaries and demo tables where nothing was imported (demo only where it fits)."""
    from geo.io import store

    base = bundled()
    boundaries, versions, sources = base.boundaries, {"batas": "bawaan"}, {"batas": base.sources.get("batas", "")}
    meta: dict[str, dict] = {}
    bvid = loading.current_boundary_version(store) if key[1] else None
    if bvid is not None:
        b = store.get_version(bvid)
        boundaries = loading.current_boundaries()
        versions["batas"] = f"v{bvid}"
        sources["batas"] = f"{b['nama_berkas']} (v{bvid}, {b['waktu'][:10]})"
        meta["batas"] = b
    from geo.io import catalogue as catalogues

    cat = catalogues.current_catalogue(key, install=False)
    if key[1]:
        _, record = current_table(store, catalogues.KIND)
        versions[catalogues.KIND] = "+".join(f"v{v}" for v in record["contributing"]) if record else "bawaan"
        if record:
            meta[catalogues.KIND] = record
    tables, demo, everyone = {}, set(), {}
    for name in TABLES:
        rows, record = current_table(store, name) if key[1] else (None, None)
        if rows is not None:
            tables[name], meta[name] = rows, record
            versions[name] = "+".join(f"v{v}" for v in record["contributing"])
            sources[name] = source_text(name, rows, record)
        elif demo_fits(getattr(base, name), boundaries):
            tables[name] = getattr(base, name)
            versions[name] = "contoh"
            demo.add(name)
        else:
            tables[name] = empty_table(name)
            versions[name] = "kosong"
    published = base.published
    rows, record = current_table(store, "terbit") if key[1] else (None, None)
    if rows is not None:  # imported published figures replace the bundled ones they cover (geo.io.coverage)
        from geo.io import coverage

        have = {coverage.match(coverage.row_key("terbit", r)) for r in rows.to_dict("records")}
        keep = [coverage.match(coverage.row_key("terbit", r)) not in have for r in published.to_dict("records")]
        published = pd.concat([published[keep], rows.drop(columns=["versi"], errors="ignore")], ignore_index=True)
        versions["terbit"] = "+".join(f"v{v}" for v in record["contributing"])
        meta["terbit"] = record
    else:
        versions["terbit"] = "bawaan"
    for name in ("prevalensi", "cakupan"):
        everyone[name] = base.all_offices.get(name, tables[name]) if name in demo else tables[name]
    # severe stunting comes with the prevalence in use (the demo's or an import's): geo.io.loading.with_severe
    everyone["cakupan"] = loading.with_severe(everyone["cakupan"], everyone["prevalensi"])
    for name in ("prevalensi", "cakupan"):
        tables[name] = default_office_rows(everyone[name], _office_of(cat))
    # The version names the data in URLs the browser caches forever: it must differ for
    # different data, also across data folders and a store made afresh.
    version = base.version if not key[1] else hashlib.sha256(repr((base.version, key)).encode()).hexdigest()[:12]
    ds = Dataset(
        boundaries=boundaries,
        published=published,
        version=version,
        demo=frozenset(demo),
        versions=versions,
        sources=sources,
        meta=meta,
        all_offices=everyone,
        catalogue=cat,
        **tables,
    )
    return ds


def current() -> Dataset:
    """The dataset the app shows now.

    Cached per store state (:func:`geo.io.store.version_key`, one cheap query), so every
    server process sees a new import on its next request, without a restart.
    """
    from geo.io import store

    key = store.version_key()
    ds = _current.get(key, "dataset", lambda: build(key))
    schema.use(ds.catalogue)  # labels (geo.core.i18n) follow the catalogue of the data shown
    if db.is_postgres():  # the GIS view follows (geo.analysis.gisview), once per version
        from geo.analysis import gisview

        gisview.publish_soon(ds)
    return ds


def indicator(code: str):
    return current().catalogue[code]


def _office_of(cat):
    """``code -> the default office`` of catalogue ``cat`` (the figure maps show)."""

    def office(code: str) -> str:
        ind = cat.get(code)
        return ind.opd if ind is not None else ""

    return office


_default_office = _office_of(schema.BUNDLED)
