"""Village boundaries: read any OGR source, normalise, validate, repair, simplify.

The result of :func:`read_boundaries` always has the columns ``kode_desa``,
``nama_desa``, ``kode_kec``, ``nama_kec`` (plus ``jenis``, ``kode_kab``, ``nama_kab``
when the source has them) in EPSG:4326 with valid (Multi)Polygon geometry.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.core.errors import DataError, Problem, without_paths

WGS84 = "EPSG:4326"

# Column names as the official publishers write them, mapped to ours. Matching is
# case-insensitive. BIG (Badan Informasi Geospasial) village layer: KDEPUM/WADMKD/
# KDCPUM/WADMKC/KDPKAB/WADMKK; BPS: IDDESA/NMDESA/IDKEC/NMKEC/IDKAB/NMKAB; cahyadsn/
# wilayah_boundaries and our own files: kode_desa/nama_desa/...
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "kode_desa": (
        "kode_desa",
        "kdepum",
        "kode_kel",
        "kd_desa",
        "kddesa",
        "iddesa",
        "idkel",
        "kode_desa_kel",
        "kode",
        "kode_wilayah",
        "kdebps",
        "village_code",
    ),
    "nama_desa": (
        "nama_desa",
        "wadmkd",
        "namobj",
        "nama_kel",
        "nmdesa",
        "nm_desa",
        "desa",
        "kelurahan",
        "desa_kel",
        "nama",
        "village",
        "village_name",
    ),
    "kode_kec": ("kode_kec", "kdcpum", "kd_kec", "kdkec", "idkec", "kdcbps", "district_code"),
    "nama_kec": ("nama_kec", "wadmkc", "nmkec", "nm_kec", "kecamatan", "district"),
    "kode_kab": ("kode_kab", "kdpkab", "kd_kab", "kdkab", "idkab", "kdbbps", "regency_code"),
    "nama_kab": ("nama_kab", "wadmkk", "nmkab", "nm_kab", "kabupaten", "regency"),
    "jenis": ("jenis", "tipe", "type_desa"),
}

OUR_COLUMNS = ("kode_desa", "nama_desa", "jenis", "kode_kec", "nama_kec", "kode_kab", "nama_kab")


def normalise_code(value) -> str | None:
    """Village codes as Kemendagri writes them: ``74.15.01.2001``.

    Accepts the dotted form, plain 10 digits (``7415012001``) and stray spaces.
    Returns ``None`` for empty values.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip()
    if not text or text.lower() in {"nan", "none", "null"}:
        return None
    if re.fullmatch(r"\d+\.0", text):  # a code that went through a float column
        text = text[:-2]
    digits = re.sub(r"\D", "", text)
    if len(digits) == 10 and re.fullmatch(r"[\d.\s]+", text):
        return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:10]}"
    return re.sub(r"\s+", "", text)


def kec_code_of(kode_desa: str) -> str:
    """The kecamatan code is the first three parts of a village code."""
    return ".".join(str(kode_desa).split(".")[:3])


def find_columns(columns) -> dict[str, str]:
    """Map our column names to the source's (first alias found, case-insensitive)."""
    lower = {str(c).lower().strip(): c for c in columns}
    found = {}
    for ours, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in lower:
                found[ours] = lower[alias]
                break
    return found


def _source_path(source: str | os.PathLike) -> str:
    path = str(source)
    if path.lower().endswith(".zip") and not path.startswith(("zip://", "/vsizip/")):
        return "/vsizip/" + os.path.abspath(path)
    return path


def read_raw(source: str | os.PathLike, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read any OGR source (GeoPackage, GeoJSON, shapefile, zipped shapefile)."""
    name = Path(str(source)).name
    try:
        return gpd.read_file(_source_path(source), layer=layer, engine="pyogrio")
    except Exception as exc:  # pyogrio raises several error types for unreadable files
        detail = without_paths(
            (str(exc).splitlines() or [""])[0], name, known=(source, Path(str(source)).parent, _source_path(source))
        )[:200]
        raise DataError([Problem("boundary.unreadable", {"detail": detail}, file=name)]) from exc


def normalise(raw: gpd.GeoDataFrame, file: str | None = None) -> gpd.GeoDataFrame:
    """Rename publisher columns to ours, check codes, reproject, repair geometry.

    Raises :class:`DataError` listing every problem (missing code column, missing or
    duplicate codes with their rows, no CRS, no polygons).
    """
    problems: list[Problem] = []
    cols = find_columns(raw.columns)
    if "kode_desa" not in cols:
        problems.append(
            Problem(
                "boundary.no_code_column",
                {"columns": ", ".join(map(str, raw.columns.drop("geometry", errors="ignore")))},
                file=file,
            )
        )
    if raw.crs is None:
        problems.append(Problem("boundary.no_crs", file=file))
    if len(raw) == 0:
        problems.append(Problem("boundary.empty", file=file))
    if problems:
        raise DataError(problems)

    gdf = gpd.GeoDataFrame({ours: raw[src] for ours, src in cols.items()}, geometry=raw.geometry.values, crs=raw.crs)
    gdf["kode_desa"] = [normalise_code(v) for v in gdf["kode_desa"]]
    code_col = cols["kode_desa"]
    for i, code in enumerate(gdf["kode_desa"]):
        if code is None or pd.isna(code):
            problems.append(Problem("boundary.missing_code", file=file, row=i + 2, column=str(code_col)))
    dup = gdf["kode_desa"].duplicated(keep=False) & gdf["kode_desa"].notna()
    if problems:  # codes missing: the later steps need every code
        raise DataError(problems)
    for i in np.flatnonzero(dup.to_numpy()):
        problems.append(
            Problem(
                "boundary.duplicate_code",
                {"code": gdf["kode_desa"].iloc[i]},
                file=file,
                row=int(i) + 2,
                column=str(code_col),
            )
        )
    geom_types = set(gdf.geometry.geom_type.dropna())
    if not geom_types or not geom_types <= {"Polygon", "MultiPolygon"}:
        problems.append(Problem("boundary.not_polygons", {"types": ", ".join(sorted(map(str, geom_types)))}, file=file))
    empty = gdf.geometry.isna() | gdf.geometry.is_empty
    for i in np.flatnonzero(empty.to_numpy()):
        problems.append(
            Problem("boundary.empty_geometry", {"code": gdf["kode_desa"].iloc[i]}, file=file, row=int(i) + 2)
        )
    if problems:
        raise DataError(problems)

    if "nama_desa" not in gdf:
        gdf["nama_desa"] = gdf["kode_desa"]
    gdf["nama_desa"] = gdf["nama_desa"].astype(str).str.strip()
    if "kode_kec" not in gdf:
        gdf["kode_kec"] = [kec_code_of(c) for c in gdf["kode_desa"]]
    gdf["kode_kec"] = [normalise_code(v) or kec_code_of(c) for v, c in zip(gdf["kode_kec"], gdf["kode_desa"])]
    if "nama_kec" not in gdf:
        gdf["nama_kec"] = gdf["kode_kec"]
    gdf["nama_kec"] = gdf["nama_kec"].astype(str).str.strip()
    if "jenis" not in gdf:
        # Kemendagri: the 10th character of the code is 1 for kelurahan, 2 for desa.
        gdf["jenis"] = ["Kelurahan" if len(c) >= 10 and c[9] == "1" else "Desa" for c in gdf["kode_desa"]]
    for col in ("kode_kab", "nama_kab"):
        if col not in gdf:
            gdf[col] = [".".join(c.split(".")[:2]) for c in gdf["kode_desa"]] if col == "kode_kab" else ""
    gdf = gdf.to_crs(WGS84) if gdf.crs.to_epsg() != 4326 else gdf
    gdf = repair(gdf)
    return gdf[list(OUR_COLUMNS) + ["geometry"]].reset_index(drop=True)


def read_boundaries(source: str | os.PathLike, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read and normalise a village boundary file (see :func:`normalise`)."""
    return normalise(read_raw(source, layer), file=Path(str(source)).name)


def _polygonal(geom):
    """Keep only the polygonal parts of a geometry (make_valid may add lines/points)."""
    if geom is None or geom.is_empty:
        return geom
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def repair(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Make every geometry valid and a MultiPolygon."""
    geoms = gdf.geometry.values
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        fixed = shapely.make_valid(geoms[invalid])
        geoms = geoms.copy()
        geoms[invalid] = [_polygonal(g) for g in fixed]
    multi = [shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g for g in geoms]
    out = gdf.copy()
    out.geometry = gpd.GeoSeries(multi, crs=gdf.crs, index=gdf.index)
    return out


def web_simplification(gdf: gpd.GeoDataFrame) -> tuple[float, float]:
    """Simplification tolerance and coordinate grid (both in degrees) for the map at this scale.

    A kabupaten (up to a few hundred villages) keeps more detail: 0.0005 degrees (about
    55 m). A province (thousands of villages, seen whole at zoom 7-8 where a pixel is
    0.5-1 km) is simplified at 0.001 degrees (about 110 m). Coordinates are quantised to
    a 0.0001 degree grid (about 11 m), well under the tolerance, so they are written with
    4 decimals instead of 15.
    """
    tolerance = 0.0005 if len(gdf) <= 500 else 0.001
    return tolerance, 1e-4


def quantise_coverage(geoms, grid: float, max_rounds: int = 4):
    """Snap every coordinate of a coverage to a ``grid`` without breaking it.

    Rounding each coordinate keeps shared edges shared (both neighbours hold the same
    vertices, which round the same way) but can fold a thin sliver or spike onto
    itself. Those few places are re-noded with :func:`shapely.coverage_clean`
    (snapping to the grid) and rounded again, until every polygon is valid, the
    result is a valid coverage and no polygon vanished. Returns ``None`` when that
    does not happen within ``max_rounds``; the caller keeps the unquantised coverage.
    """
    geoms = np.asarray(geoms, dtype=object)
    was_empty = shapely.is_empty(geoms)
    out = shapely.set_precision(geoms, grid, mode="pointwise")
    for _ in range(max_rounds):
        if _coverage_ok(out, was_empty):
            return out
        out = shapely.coverage_clean(out, gap_width=0.0, snapping_distance=grid)
        out = shapely.set_precision(out, grid, mode="pointwise")
    return out if _coverage_ok(out, was_empty) else None


def _coverage_ok(geoms, was_empty) -> bool:
    return bool(
        shapely.is_valid(geoms).all()
        and not (shapely.is_empty(geoms) & ~was_empty).any()
        and shapely.coverage_is_valid(geoms)
    )


def simplify_coverage(
    gdf: gpd.GeoDataFrame, tolerance: float, gap_width: float | None = None, precision: float | None = 1e-5
) -> gpd.GeoDataFrame:
    """Topology-preserving simplification for the web.

    The polygons are first cleaned into a proper coverage (overlaps between neighbours
    resolved, slivers narrower than ``gap_width`` closed, shared edges made identical),
    then simplified as a coverage, so shared borders stay shared and no new gaps or
    overlaps appear. ``precision`` quantises coordinates to a grid (see
    :func:`quantise_coverage`); the result is kept only if still a valid coverage.
    """
    geoms = gdf.geometry.values
    gap = tolerance if gap_width is None else gap_width
    cleaned = shapely.coverage_clean(geoms, gap_width=gap)
    simple = shapely.coverage_simplify(cleaned, tolerance)
    if precision:
        snapped = quantise_coverage(simple, precision)
        if snapped is not None:
            simple = snapped
    out = gdf.copy()
    out.geometry = gpd.GeoSeries(simple, crs=gdf.crs, index=gdf.index)
    return repair(out)


def simplify_wkb(wkbs: list[bytes], crs: str | None, tolerance: float, precision: float | None) -> list[bytes]:
    """:func:`simplify_coverage` on WKB in, WKB out (to run in another process)."""
    gdf = gpd.GeoDataFrame({"i": range(len(wkbs))}, geometry=shapely.from_wkb(wkbs), crs=crs)
    return list(shapely.to_wkb(simplify_coverage(gdf, tolerance, precision=precision).geometry.values))


def grid_digits(grid: float) -> int:
    """Decimals needed to write coordinates quantised to ``grid`` (1e-4 -> 4)."""
    return max(0, int(round(-np.log10(grid))))


def kecamatan_outlines(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One (multi)polygon per kecamatan, dissolved from its villages."""
    rows = []
    for (kode, nama), part in gdf.groupby(["kode_kec", "nama_kec"], sort=True):
        rows.append({"kode_kec": kode, "nama_kec": nama, "geometry": shapely.coverage_union_all(part.geometry.values)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=gdf.crs)


def outline_lines(polygons) -> shapely.Geometry:
    """The borders of a polygon coverage as lines, each shared border once (a border
    between two kecamatan is drawn once instead of twice: about a third fewer bytes)."""
    return shapely.line_merge(shapely.union_all(shapely.boundary(np.asarray(polygons, dtype=object))))


def _round_coords(obj, digits: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), digits) for v in obj]
        return [_round_coords(o, digits) for o in obj]
    return obj


def feature_collection(
    gdf: gpd.GeoDataFrame,
    properties: list[str] | None = None,
    extra: dict[str, dict] | None = None,
    digits: int = 5,
    id_column: str | None = "kode_desa",
) -> dict:
    """A compact GeoJSON FeatureCollection with coordinates rounded to ``digits``.

    ``extra`` maps an id (``id_column`` value) to more properties for that feature.
    """
    props = properties or []
    features = []
    for row in gdf.itertuples(index=False):
        geom = row.geometry
        mapping = shapely.geometry.mapping(geom)
        p = {c: _jsonable(getattr(row, c)) for c in props}
        if extra and id_column:
            p.update(extra.get(getattr(row, id_column), {}))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": mapping["type"], "coordinates": _round_coords(mapping["coordinates"], digits)},
                "properties": p,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _jsonable(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return None if np.isnan(v) else float(v)
    if v is pd.NA:
        return None
    return v


def to_json_bytes(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def bounds_latlng(gdf: gpd.GeoDataFrame) -> list[list[float]]:
    """Leaflet bounds [[south, west], [north, east]] of all villages."""
    minx, miny, maxx, maxy = gdf.total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def focus_groups(gdf: gpd.GeoDataFrame, gap_share: float = 0.2, max_villages: int = 600):
    """Split villages into the main group and far-off outliers (e.g. islands 60 km away).

    Villages are linked when their representative points are closer than ``gap_share`` of
    the diagonal of all villages' extent (single linkage); the largest group is the main
    one. Returns ``(main_positions, [outlier_positions, ...])`` as lists of row positions,
    or ``None`` when there is nothing to split (one group, too many villages to bother, or
    outliers that would hold most of the villages).
    """
    n = len(gdf)
    if n < 3 or n > max_villages:
        return None
    pts = shapely.get_coordinates(gdf.geometry.representative_point().values)
    minx, miny, maxx, maxy = gdf.total_bounds
    limit = gap_share * float(np.hypot(maxx - minx, maxy - miny))
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    d = np.hypot(pts[:, None, 0] - pts[None, :, 0], pts[:, None, 1] - pts[None, :, 1])
    for i, j in zip(*np.nonzero(np.triu(d < limit, 1))):
        a, b = find(int(i)), find(int(j))
        if a != b:
            parent[b] = a
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    ordered = sorted(groups.values(), key=len, reverse=True)
    if len(ordered) == 1 or len(ordered[0]) < 0.6 * n:
        return None
    return ordered[0], ordered[1:]
