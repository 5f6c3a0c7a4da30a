"""A file cache for expensive geometry work (e.g. cleaning and simplifying a province).

Entries live under ``geo.core.config.data_dir() / "cache"`` and are keyed by a hash of the
input geometry and codes plus a label naming the work and its parameters, so a change
to the boundaries (or to the parameters) gives a new key: a stale entry is never read.
A missing, unreadable or mismatching entry is simply recomputed. Writes are atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.core import config

# Bump when the geometry algorithms change, so old entries are not reused.
ALGORITHM_VERSION = "2"
MAGIC = b"KVGC1\n"


def cache_dir() -> Path:
    return config.data_dir() / "cache"


def geometry_key(gdf: gpd.GeoDataFrame, label: str, id_column: str = "kode_desa") -> str:
    h = hashlib.sha256()
    h.update(f"{ALGORITHM_VERSION}|{label}|".encode())
    h.update("\x1f".join(map(str, gdf[id_column])).encode())
    for wkb in shapely.to_wkb(gdf.geometry.values):
        h.update(wkb)
    return h.hexdigest()[:24]


def _write(path: Path, ids: list[str], geoms) -> None:
    wkbs = shapely.to_wkb(np.asarray(geoms, dtype=object))
    header = json.dumps({"ids": ids, "sizes": [len(w) for w in wkbs]}).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + len(header).to_bytes(8, "little") + header)
            for w in wkbs:
                f.write(w)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path, ids: list[str]):
    data = path.read_bytes()
    if not data.startswith(MAGIC):
        return None
    pos = len(MAGIC)
    n = int.from_bytes(data[pos : pos + 8], "little")
    header = json.loads(data[pos + 8 : pos + 8 + n])
    if header["ids"] != ids:
        return None
    pos += 8 + n
    wkbs = []
    for size in header["sizes"]:
        wkbs.append(data[pos : pos + size])
        pos += size
    if pos != len(data):
        return None
    return shapely.from_wkb(wkbs)


def cached_geometry(
    gdf: gpd.GeoDataFrame,
    label: str,
    compute: Callable[[], gpd.GeoDataFrame],
    id_column: str = "kode_desa",
    isolate: tuple[str, dict] | None = None,
) -> gpd.GeoDataFrame:
    """``compute()`` (a GeoDataFrame with the rows of ``gdf``, new geometry), from the cache
    file when one exists for exactly this input and label.

    ``isolate``: ``("module:function", kwargs)``, a function ``f(wkbs, crs, **kwargs) -> list
    of WKB`` run in a separate Python process instead of ``compute`` (its memory peak, over
    100 MB for a province's cleaning, then never counts against the server process). Falls
    back to ``compute`` if that process cannot run.
    """
    ids = [str(v) for v in gdf[id_column]]
    path = cache_dir() / f"{label}-{geometry_key(gdf, label, id_column)}.wkb"
    if path.exists():
        try:
            geoms = _read(path, ids)
        except (OSError, ValueError, KeyError, shapely.errors.GEOSException):
            geoms = None
        if geoms is not None:
            out = gdf.copy()
            out.geometry = gpd.GeoSeries(geoms, crs=gdf.crs, index=gdf.index)
            return out
    out = None
    if isolate is not None:
        out = _run_isolated(isolate, gdf)
    if out is None:
        out = compute()
    try:
        _write(path, [str(v) for v in out[id_column]], out.geometry.values)
    except OSError:
        pass  # a read-only data directory only costs the recomputation next time
    return out


def _run_isolated(isolate: tuple[str, dict], gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame | None:
    """Run ``module:function(wkbs, crs, **kwargs)`` in a fresh Python (``python -m geo.io.cache``)."""
    import subprocess
    import sys

    func, kwargs = isolate
    ids = [str(i) for i in range(len(gdf))]
    with tempfile.TemporaryDirectory(prefix="konvergensi-") as tmp:
        src, dst = Path(tmp) / "in.wkb", Path(tmp) / "out.wkb"
        _write(src, ids, gdf.geometry.values)
        spec = json.dumps({"func": func, "kwargs": kwargs, "crs": gdf.crs.to_wkt() if gdf.crs else None})
        try:
            subprocess.run(
                [sys.executable, "-m", "geo.io.cache", spec, str(src), str(dst)],
                check=True,
                cwd=str(config.PROJECT_DIR),
                capture_output=True,
                timeout=600,
            )
            geoms = _read(dst, ids)
        except (OSError, subprocess.SubprocessError, ValueError):
            return None  # no process could run: the caller computes here
    if geoms is None:
        return None
    out = gdf.copy()
    out.geometry = gpd.GeoSeries(geoms, crs=gdf.crs, index=gdf.index)
    return out


def _worker(argv: list[str]) -> int:
    import importlib

    spec, src, dst = json.loads(argv[0]), Path(argv[1]), Path(argv[2])
    n = int.from_bytes(src.read_bytes()[len(MAGIC) : len(MAGIC) + 8], "little")
    ids = json.loads(src.read_bytes()[len(MAGIC) + 8 : len(MAGIC) + 8 + n])["ids"]
    geoms = _read(src, ids)
    module, name = spec["func"].split(":")
    result = getattr(importlib.import_module(module), name)(list(shapely.to_wkb(geoms)), spec["crs"], **spec["kwargs"])
    _write(dst, ids, shapely.from_wkb(result))
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(_worker(sys.argv[1:]))
