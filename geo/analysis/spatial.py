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
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from geo.core.schema import CLUSTER_K

K_CHOICES = CLUSTER_K  # one list of k for the map's choice and the statistics
PERMUTATIONS = 999
SEED = 12345
ALPHA = 0.05
K_DEFAULT = 6
MIN_VILLAGES = 10  # fewer villages than this: no cluster statistics

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
    return {"I": float(mi.I), "p": float(mi.p_sim), "EI": float(mi.EI), "k": k, "n": len(y),
            "labels": lisa_labels(lisa), "p_local": np.asarray(lisa.p_sim), "Is": np.asarray(lisa.Is)}


def cluster_code(ind: str) -> int | None:
    """k of a map view code ``klaster_k<k>``, else None."""
    if ind.startswith("klaster_k") and ind[len("klaster_k"):].isdigit():
        return int(ind[len("klaster_k"):])
    return None


def cluster_table(ds, year, k: int = K_DEFAULT, xy: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict | None]:
    """Per village with a smoothed prevalence in ``year``: kode_desa, persen_halus, klaster, p.

    And the global summary ``{"I", "p", "k", "n"}`` (None when too few villages). ``xy``: the
    villages' points (x, y columns indexed by kode_desa), when already computed."""
    p = ds.prevalence[ds.prevalence["tahun"] == year][["kode_desa", "persen_halus"]].dropna()
    if xy is None:
        xy = point_table(ds.boundaries)
    p = p[p["kode_desa"].isin(xy.index)]  # figures for codes without a boundary cannot be placed
    res = clusters(p["persen_halus"].to_numpy(), xy.loc[p["kode_desa"]].to_numpy(), k) if len(p) else None
    out = p.reset_index(drop=True).copy()
    if res is None:
        out["klaster"] = NS
        out["p"] = np.nan
        return out, None
    out["klaster"] = res["labels"]
    out["p"] = res["p_local"]
    return out, {k_: res[k_] for k_ in ("I", "p", "EI", "k", "n")}
