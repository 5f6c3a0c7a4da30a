"""Spatial clusters of smoothed prevalence: global Moran's I and Local Moran's I (LISA).

Uses PySAL (``libpysal`` for the weights, ``esda`` for the statistics), the field's standard
library (Anselin 1995), imported only when a statistic is computed.

* **Weights**: k nearest neighbours (``libpysal.weights.KNN``) between the villages'
  representative points in a metric projection (UTM of the area), row-standardised. Island
  villages have no contiguous neighbour, so contiguity weights would leave them out.
* **Variable**: the empirical Bayes smoothed prevalence (geo.analysis.uncertainty), so villages with
  few children measured do not make clusters out of noise.
* **Global Moran's I** with a permutation p-value (``PERMUTATIONS`` random permutations).
* **LISA**: ``esda.Moran_Local`` with the same permutations and a fixed seed; a village is in
  a cluster when its pseudo p-value is below ``ALPHA``: high-high (a high village among high
  neighbours), low-low, low-high, high-low; otherwise *not significant*. No correction for
  multiple testing (as is usual for LISA maps): with many villages some "clusters" are
  expected by chance alone, which the caveats say.

**Where it runs.** PySAL brings scipy and scikit-learn with it: about 130 MB more resident
memory and over a second of imports (issue 14's bench: the province server went from 253 to
325 MB peak). The web server therefore never imports them: :func:`cluster_tables`, which
``geo.analysis.dataset.Dataset.clusters`` calls, runs the statistics for every k the map offers in one
short-lived Python process (``python -m geo.analysis.spatial``, numbers in and out as JSON) and keeps
the small result per data version, year and k in the data folder's ``cache`` directory, so a
restart or another worker reads it instead of recomputing. If no process can be started, the
statistics run in the calling process (same numbers, only the memory is not spared).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from geo.core.schema import CLUSTER_K

K_CHOICES = CLUSTER_K  # one list of k for the map's choice and the statistics
PERMUTATIONS = 999
SEED = 12345
ALPHA = 0.05
K_DEFAULT = 6
MIN_VILLAGES = 10  # fewer villages than this: no cluster statistics
# Bump when the statistics change, so cluster tables cached on disk are not reused.
ALGORITHM_VERSION = "1"
ISOLATED_TIMEOUT_S = 600

log = logging.getLogger("konvergensi.spatial")

# Class codes (the map's value, in this order): 0 not significant, then esda's quadrants.
NS, HH, LL, LH, HL = "ns", "HH", "LL", "LH", "HL"
LABELS = (NS, HH, LL, LH, HL)
_QUADRANT = {1: HH, 2: LH, 3: LL, 4: HL}  # esda Moran_Local.q


def _quiet():
    ctx = warnings.catch_warnings()
    ctx.__enter__()
    warnings.simplefilter("ignore")
    return ctx


def points(gdf) -> np.ndarray:
    """(x, y) in metres of each village's representative point (UTM of the area)."""
    try:
        crs = gdf.estimate_utm_crs()
    except Exception:  # noqa: BLE001  (no CRS or outside UTM: use the coordinates as they are)
        crs = None
    g = gdf.to_crs(crs) if crs is not None and gdf.crs is not None else gdf
    pts = g.geometry.representative_point()
    return np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()])


def point_table(boundaries) -> pd.DataFrame:
    """:func:`points` of every village as a frame (x, y) indexed by kode_desa."""
    xy = points(boundaries)
    return pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1]}, index=boundaries["kode_desa"].to_numpy())


def knn_weights(xy: np.ndarray, k: int = K_DEFAULT):
    """Row-standardised k-nearest-neighbour weights (libpysal)."""
    from libpysal.weights import KNN

    ctx = _quiet()
    try:
        w = KNN.from_array(np.asarray(xy, dtype=float), k=int(k))
        w.transform = "r"
    finally:
        ctx.__exit__(None, None, None)
    return w


def lisa_labels(lisa, alpha: float = ALPHA) -> list[str]:
    """HH / LL / LH / HL where the pseudo p-value is below ``alpha``, else "ns"."""
    return [_QUADRANT[int(q)] if p < alpha else NS for q, p in zip(lisa.q, lisa.p_sim)]


def clusters(y, xy, k: int = K_DEFAULT, permutations: int = PERMUTATIONS, seed: int = SEED) -> dict:
    """Moran's I and LISA of ``y`` (one value per point ``xy``).

    Returns ``{"I", "p", "k", "n", "labels": [..], "p_local": array, "Is": array}``; None when
    there are fewer than MIN_VILLAGES values or no variation.
    """
    import esda

    y = np.asarray(y, dtype=float)
    if len(y) < MIN_VILLAGES or np.nanstd(y) == 0 or np.isnan(y).any():
        return None
    k = int(min(max(1, k), len(y) - 1))
    w = knn_weights(xy, k)
    ctx = _quiet()
    state = np.random.get_state()
    try:
        np.random.seed(seed)  # esda.Moran permutes with numpy's global generator: seed it, then restore it
        mi = esda.Moran(y, w, permutations=permutations)
        lisa = esda.Moran_Local(y, w, permutations=permutations, seed=seed, n_jobs=1)
    finally:
        np.random.set_state(state)
        ctx.__exit__(None, None, None)
    return {
        "I": float(mi.I),
        "p": float(mi.p_sim),
        "EI": float(mi.EI),
        "k": k,
        "n": len(y),
        "labels": lisa_labels(lisa),
        "p_local": np.asarray(lisa.p_sim),
        "Is": np.asarray(lisa.Is),
    }


def cluster_code(ind: str) -> int | None:
    """k of a map view code ``klaster_k<k>``, else None."""
    if ind.startswith("klaster_k") and ind[len("klaster_k") :].isdigit():
        return int(ind[len("klaster_k") :])
    return None


def cluster_table(ds, year, k: int = K_DEFAULT, xy: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict | None]:
    """Per village with a smoothed prevalence in ``year``: kode_desa, persen_halus, klaster, p.

    And the global summary ``{"I", "p", "k", "n"}`` (None when too few villages). ``xy``: the
    villages' points (x, y columns indexed by kode_desa), when already computed. Computed in
    this process; :func:`cluster_tables` is the web server's way (another process, cached)."""
    p = _values(ds, year)
    if xy is None:
        xy = point_table(ds.boundaries)
    res = clusters(p["persen_halus"].to_numpy(), xy.loc[p["kode_desa"]].to_numpy(), k) if len(p) else None
    return _table(p, res)


def _values(ds, year) -> pd.DataFrame:
    """kode_desa, persen_halus of ``year``, for villages with a value and a boundary."""
    p = ds.prevalence[ds.prevalence["tahun"] == year][["kode_desa", "persen_halus"]].dropna()
    # figures for codes without a boundary cannot be placed
    return p[p["kode_desa"].isin(ds.boundaries["kode_desa"])].reset_index(drop=True)


def _table(p: pd.DataFrame, res: dict | None) -> tuple[pd.DataFrame, dict | None]:
    out = p.reset_index(drop=True).copy()
    if res is None:
        out["klaster"] = NS
        out["p"] = np.nan
        return out, None
    out["klaster"] = list(res["labels"])
    out["p"] = np.asarray(res["p_local"], dtype=float)
    return out, {k_: res[k_] for k_ in ("I", "p", "EI", "k", "n")}


# ----- the web server's way: another process, a cache on disk -------------------------------
def cluster_tables(ds, year, ks, xy=None) -> dict[int, tuple[pd.DataFrame, dict | None]]:
    """:func:`cluster_table` of ``year`` for every k in ``ks``, without loading PySAL here.

    Each (data version, year, k) is read from the cache on disk when there; the missing ones
    are computed together in one short-lived process (:func:`isolated_clusters`) and stored.
    ``xy``: a function giving :func:`point_table` of the boundaries (only called when
    something has to be computed)."""
    ks = sorted({int(k) for k in ks})
    p = _values(ds, year)
    y = p["persen_halus"].to_numpy(dtype=float)
    codes = [str(c) for c in p["kode_desa"]]
    out, missing = {}, []
    for k in ks:
        res = _read_cached(_cache_path(ds, year, k, codes, y), codes)
        if res is False:
            missing.append(k)
        else:
            out[k] = _table(p, res)
    if missing:
        pts = (xy() if callable(xy) else xy) if xy is not None else point_table(ds.boundaries)
        pts = pts.loc[p["kode_desa"]].to_numpy(dtype=float) if len(p) else np.empty((0, 2))
        results = isolated_clusters(y, pts, missing)
        if results is None:  # no process could run: here, with the same numbers
            log.warning("spatial clusters computed in the server process (no separate process could run)")
            results = cluster_results(y, pts, missing)
        for k in missing:
            _write_cached(_cache_path(ds, year, k, codes, y), codes, results[k])
            out[k] = _table(p, results[k])
    return out


def cluster_results(y, xy, ks, permutations: int = PERMUTATIONS, seed: int = SEED) -> dict[int, dict | None]:
    """:func:`clusters` for every k in ``ks`` (in this process)."""
    return {int(k): clusters(y, xy, k, permutations, seed) for k in ks}


def isolated_clusters(y, xy, ks, timeout: float = ISOLATED_TIMEOUT_S) -> dict[int, dict | None] | None:
    """:func:`cluster_results` in a fresh Python (``python -m geo.analysis.spatial``), so scipy,
    libpysal, esda and scikit-learn never load into the calling process. The numbers go in and
    out as JSON (exact for floats), so the results equal those computed here. None when that
    process cannot run or fails."""
    y = np.asarray(y, dtype=float)
    if len(y) < MIN_VILLAGES or np.nanstd(y) == 0 or np.isnan(y).any():
        return {int(k): None for k in ks}  # nothing to compute: no process needed
    spec = json.dumps({"y": y.tolist(), "xy": np.asarray(xy, dtype=float).tolist(), "ks": [int(k) for k in ks]})
    from geo.core import config

    try:
        done = subprocess.run(
            [sys.executable, "-m", "geo.analysis.spatial"],
            input=spec,
            capture_output=True,
            text=True,
            check=True,
            timeout=timeout,
            cwd=str(config.PROJECT_DIR),
        )
        return _decode(json.loads(done.stdout.strip().splitlines()[-1]))
    except (OSError, subprocess.SubprocessError, ValueError, IndexError, KeyError, TypeError) as e:
        log.warning("spatial clusters: separate process failed (%s)", e)
        return None


def _encode(results: dict[int, dict | None]) -> dict:
    return {
        str(k): None
        if r is None
        else {
            **{k_: r[k_] for k_ in ("I", "p", "EI", "k", "n")},
            "labels": list(r["labels"]),
            "p_local": np.asarray(r["p_local"], dtype=float).tolist(),
            "Is": np.asarray(r["Is"], dtype=float).tolist(),
        }
        for k, r in results.items()
    }


def _decode(data: dict) -> dict[int, dict | None]:
    out = {}
    for k, r in data.items():
        if r is not None:
            if not set(r["labels"]) <= set(LABELS) or len(r["labels"]) != len(r["p_local"]):
                raise ValueError("malformed cluster result")
            r = dict(r, p_local=np.asarray(r["p_local"], dtype=float), Is=np.asarray(r["Is"], dtype=float))
        out[int(k)] = r
    return out


def _cache_path(ds, year, k: int, codes: list[str], y: np.ndarray) -> Path:
    from geo.io import cache as geocache

    h = hashlib.sha256()
    h.update(
        repr(
            (
                ALGORITHM_VERSION,
                PERMUTATIONS,
                SEED,
                ALPHA,
                MIN_VILLAGES,
                getattr(ds, "version", ""),
                None if year is None else int(year),
                int(k),
            )
        ).encode()
    )
    h.update("\x1f".join(codes).encode())
    h.update(np.ascontiguousarray(y, dtype="<f8").tobytes())
    return geocache.cache_dir() / f"klaster-k{int(k)}-{h.hexdigest()[:24]}.json"


def _read_cached(path: Path, codes: list[str]):
    """The cached result (a dict, or None for "too few villages"), or False when there is none."""
    try:
        data = json.loads(path.read_text())
        if data["codes"] != codes:
            return False
        res = _decode({"0": data["result"]})[0]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return res


def _write_cached(path: Path, codes: list[str], res: dict | None) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w") as f:
                json.dump({"codes": codes, "result": _encode({0: res})["0"]}, f)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only data directory only costs the recomputation next time


def _worker() -> int:
    """``python -m geo.analysis.spatial``: a JSON ``{"y", "xy", "ks"}`` on stdin, the results on stdout."""
    spec = json.loads(sys.stdin.read())
    results = cluster_results(np.asarray(spec["y"], dtype=float), np.asarray(spec["xy"], dtype=float), spec["ks"])
    sys.stdout.write(json.dumps(_encode(results)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(_worker())
