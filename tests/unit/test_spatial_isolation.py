"""The web server never loads PySAL (issue 14's bench: scipy, libpysal, esda and scikit-learn
cost the province server about 90-130 MB and its first map more than a second).

The cluster classes still reach the village layer: they are computed in a separate process
(geo.analysis.spatial.cluster_tables) and cached on disk, with the same numbers as in this process.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from geo.analysis import spatial

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("esda", "libpysal", "scipy", "sklearn")

# A fresh Python builds what the map page's first load serves, at regency scale (bundled data),
# then reports which heavy libraries it imported and what the cluster views carry.
CHILD = """
import json, sys
import app  # noqa: F401  (the whole web app, as gunicorn imports it)
from callbacks import map as map_cb
from geo.analysis import dataset
at_import = [m for m in {heavy!r} if m in sys.modules]
ds = dataset.current()
map_cb.layout("id")
fc = json.loads(ds.desa_geojson)
ds.inset_geojsons, ds.kecamatan_geojson, ds.label_geojson
keys = fc["value_keys"]
klaster = {{k: sum(1 for f in fc["features"] if f["properties"]["v"][i] is not None)
           for i, k in enumerate(keys) if k.startswith("klaster_k")}}
print(json.dumps({{"at_import": at_import, "at_first_map": [m for m in {heavy!r} if m in sys.modules],
                  "klaster": klaster, "villages": len(fc["features"])}}))
"""


def _first_map(data_dir: Path) -> dict:
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir))
    for name in ("KONVERGENSI_BOUNDARIES", "KONVERGENSI_DEMO_DIR"):
        env.pop(name, None)
    p = subprocess.run(
        [sys.executable, "-c", CHILD.format(heavy=HEAVY)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr[-3000:]
    return json.loads(p.stdout.strip().splitlines()[-1])


def test_first_map_at_regency_scale_does_not_import_pysal_or_scipy(tmp_path):
    for run in ("empty cache", "cached"):
        out = _first_map(tmp_path)
        assert out["at_import"] == [], run
        assert out["at_first_map"] == [], run
        # every cluster view (each k the map offers) is in the village layer, for the villages with data
        assert sorted(k.split("|")[0] for k in out["klaster"]) == sorted(f"klaster_k{k}" for k in spatial.K_CHOICES)
        assert all(n == out["villages"] for n in out["klaster"].values()), out
    assert len(list((tmp_path / "cache").glob("klaster-k*.json"))) == len(spatial.K_CHOICES)


def _data(n=40, seed=5):
    rng = np.random.default_rng(seed)
    xy = rng.random((n, 2)) * 10_000
    return xy, 20 + 10 * (xy[:, 1] > 5_000) + rng.normal(0, 4, n)


def test_separate_process_gives_the_same_numbers_as_this_one():
    pytest.importorskip("esda")
    xy, y = _data()
    here = spatial.cluster_results(y, xy, [3, 6])
    there = spatial.isolated_clusters(y, xy, [3, 6])
    assert there is not None
    for k in (3, 6):
        assert there[k]["labels"] == here[k]["labels"]
        assert np.array_equal(there[k]["p_local"], here[k]["p_local"])
        assert np.array_equal(there[k]["Is"], here[k]["Is"])
        assert {f: there[k][f] for f in ("I", "p", "EI", "k", "n")} == {
            f: here[k][f] for f in ("I", "p", "EI", "k", "n")
        }


def test_too_few_villages_need_no_process(monkeypatch):
    def no_process(*a, **kw):
        raise AssertionError("no process should start")

    monkeypatch.setattr(subprocess, "run", no_process)
    xy, y = _data(n=spatial.MIN_VILLAGES - 1)
    assert spatial.isolated_clusters(y, xy, [4, 6]) == {4: None, 6: None}


def test_when_no_process_can_run_the_clusters_are_computed_here(tmp_path, monkeypatch):
    pytest.importorskip("esda")
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import box

    from geo.core import config

    monkeypatch.setattr(config, "data_dir", lambda: tmp_path)

    def fail(*a, **kw):
        raise OSError("no process")

    monkeypatch.setattr(subprocess, "run", fail)
    n = 16
    b = gpd.GeoDataFrame(
        {"kode_desa": [f"{i:02d}" for i in range(n)]},
        geometry=[box(i % 4 * 0.01, i // 4 * 0.01, i % 4 * 0.01 + 0.01, i // 4 * 0.01 + 0.01) for i in range(n)],
        crs="EPSG:4326",
    )
    prev = pd.DataFrame(
        {
            "kode_desa": list(b["kode_desa"]),
            "tahun": 2021,
            "persen_halus": [10.0 + (i % 4 > 1) * 20 + i * 0.1 for i in range(n)],
        }
    )
    from types import SimpleNamespace

    ds = SimpleNamespace(prevalence=prev, boundaries=b, version="t1")
    got = spatial.cluster_tables(ds, 2021, [3])
    tab, g = spatial.cluster_table(ds, 2021, 3)
    assert got[3][0].equals(tab) and got[3][1] == g
    # stored: read back without computing (the in-process way is now unavailable too)
    monkeypatch.setattr(spatial, "cluster_results", fail)
    again = spatial.cluster_tables(ds, 2021, [3])
    assert again[3][0].equals(tab) and again[3][1] == g
