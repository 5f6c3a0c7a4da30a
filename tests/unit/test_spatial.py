"""Spatial clusters (geo.analysis.spatial) against PySAL's own esda for the same weights and seed."""

import numpy as np
import pytest

from geo.analysis import spatial

esda = pytest.importorskip("esda")


def _data(n=60, seed=3):
    rng = np.random.default_rng(seed)
    xy = rng.random((n, 2)) * 10_000
    y = 20 + 10 * (xy[:, 0] > 5_000) + rng.normal(0, 4, n)  # a high east, a low west
    return xy, y


def test_lisa_labels_equal_esdas_for_the_same_weights_and_seed():
    xy, y = _data()
    res = spatial.clusters(y, xy, k=5)
    w = spatial.knn_weights(xy, 5)
    lisa = esda.Moran_Local(y, w, permutations=spatial.PERMUTATIONS, seed=spatial.SEED, n_jobs=1)
    quad = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
    expected = [quad[int(q)] if p < spatial.ALPHA else "ns" for q, p in zip(lisa.q, lisa.p_sim)]
    assert res["labels"] == expected
    assert np.allclose(res["p_local"], lisa.p_sim)
    # a built-in east/west split: clusters of both kinds, positive global autocorrelation, clear p
    assert {"HH", "LL"} <= set(res["labels"])
    assert res["I"] > 0.3 and res["p"] < 0.01
    mi = esda.Moran(y, w, permutations=0)
    assert res["I"] == pytest.approx(mi.I)


def test_same_seed_same_clusters_and_global_state_untouched():
    xy, y = _data()
    np.random.seed(7)
    before = np.random.random()
    np.random.seed(7)
    a = spatial.clusters(y, xy, k=5)
    assert np.random.random() == before  # the global generator was restored
    b = spatial.clusters(y, xy, k=5)
    assert a["labels"] == b["labels"] and a["p"] == b["p"]


def test_too_few_villages_give_no_clusters():
    xy, y = _data(n=spatial.MIN_VILLAGES - 1)
    assert spatial.clusters(y, xy) is None


def test_cluster_table_skips_codes_without_a_boundary():
    from types import SimpleNamespace

    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import box

    n = 16
    b = gpd.GeoDataFrame(
        {"kode_desa": [f"{i:02d}" for i in range(n)]},
        geometry=[box(i % 4 * 0.01, i // 4 * 0.01, i % 4 * 0.01 + 0.01, i // 4 * 0.01 + 0.01) for i in range(n)],
        crs="EPSG:4326",
    )
    prev = pd.DataFrame(
        {
            "kode_desa": list(b["kode_desa"]) + ["99"],
            "tahun": 2021,
            "persen_halus": [10.0 + (i % 4 > 1) * 20 + i * 0.1 for i in range(n)] + [50.0],
        }
    )
    tab, g = spatial.cluster_table(SimpleNamespace(prevalence=prev, boundaries=b), 2021, k=3)
    assert list(tab["kode_desa"]) == list(b["kode_desa"]) and g["n"] == n and g["I"] > 0
