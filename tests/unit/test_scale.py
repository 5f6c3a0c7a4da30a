"""Province scale (issue 7): simplification that keeps topology, quantised coordinates,
the geometry cache, another bundle through the environment, work done once."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import shapely

from geo.analysis import dataset
from geo.core.schema import TABLES
from geo.io import boundaries as bnd
from geo.io import cache as geocache
from geo.io.loading import BUNDLED_DIR
from tests.helpers.builders import grid

PROVINCE = BUNDLED_DIR / "sultra_desa.gpkg"


@pytest.fixture(scope="module")
def province():
    return bnd.read_boundaries(PROVINCE)


@pytest.fixture(scope="module")
def province_web(province):
    tolerance, grid_size = bnd.web_simplification(province)
    return bnd.simplify_coverage(province, tolerance, precision=grid_size)


def test_scale_picks_coarser_tolerance_for_a_province(province):
    assert len(province) == 2283
    regency = bnd.read_boundaries(BUNDLED_DIR / "buton_selatan_desa.gpkg")
    assert bnd.web_simplification(regency) == (0.0005, 1e-4)
    assert bnd.web_simplification(province) == (0.001, 1e-4)
    assert bnd.grid_digits(1e-4) == 4 and bnd.grid_digits(1e-5) == 5


def test_province_simplified_polygons_stay_valid_and_neighbours_share_borders(province, province_web):
    raw, geoms = province.geometry.values, province_web.geometry.values
    assert len(geoms) == 2283 and list(province_web["kode_desa"]) == list(province["kode_desa"])
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert shapely.coverage_is_valid(geoms)  # no overlaps, shared edges identical
    assert shapely.get_num_coordinates(geoms).sum() < 0.5 * shapely.get_num_coordinates(raw).sum()
    # Villages that touched before still share a border of positive length.
    tree = shapely.STRtree(raw)
    left, right = tree.query(raw, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left, right) if i < j and raw[i].intersection(raw[j]).length > 0.005]
    assert len(pairs) > 3000
    lost = [(i, j) for i, j in pairs if geoms[i].boundary.intersection(geoms[j].boundary).length <= 0]
    assert lost == []
    assert shapely.area(geoms).sum() == pytest.approx(shapely.area(raw).sum(), rel=0.01)


def test_province_coordinates_are_on_the_grid(province_web):
    coords = shapely.get_coordinates(province_web.geometry.values)
    assert np.abs(coords * 1e4 - np.round(coords * 1e4)).max() < 1e-6


def test_plain_rounding_would_break_the_province_coverage(province):
    """Why quantise_coverage exists: rounding each coordinate alone folds slivers."""
    cleaned = shapely.coverage_clean(province.geometry.values, gap_width=0.001)
    simple = shapely.coverage_simplify(cleaned, 0.001)
    rounded = shapely.set_precision(simple, 1e-4, mode="pointwise")
    assert not (shapely.is_valid(rounded).all() and shapely.coverage_is_valid(rounded))
    fixed = bnd.quantise_coverage(simple, 1e-4)
    assert fixed is not None and shapely.is_valid(fixed).all() and shapely.coverage_is_valid(fixed)


def test_geojson_coordinates_have_four_decimals():
    ds = dataset.current()
    text = ds.desa_geojson.decode()
    fc = json.loads(text)
    ring = fc["features"][0]["geometry"]["coordinates"][0][0]
    assert all(len(repr(x).split(".")[-1]) <= 4 for pt in ring for x in pt)
    assert not re.search(r"\d\.\d{5,}", text[text.index("coordinates") : text.index("coordinates") + 5000])


def test_kecamatan_borders_are_drawn_once():
    ds = dataset.current()
    fc = json.loads(ds.kecamatan_geojson)
    assert len(fc["features"]) == 1
    lines = shapely.geometry.shape(fc["features"][0]["geometry"])
    polys = ds.kecamatan.geometry.values
    perimeters = shapely.length(polys).sum()
    outer = shapely.union_all(polys).boundary.length
    assert lines.length == pytest.approx((perimeters + outer) / 2, rel=0.01)
    for poly in polys:  # every kecamatan border is there
        assert poly.boundary.difference(lines.buffer(1e-6)).length < 1e-6


# ----- geometry cache ---------------------------------------------------------------------


def test_cache_computes_once_and_invalidates_when_geometry_changes(data_dir):
    g = grid()
    calls = []

    def simplify(gdf):
        def run():
            calls.append(1)
            return bnd.simplify_coverage(gdf, 0.001, precision=1e-4)

        return run

    first = geocache.cached_geometry(g, "web-test", simplify(g))
    again = geocache.cached_geometry(g, "web-test", simplify(g))
    assert len(calls) == 1
    assert list(again["kode_desa"]) == list(first["kode_desa"])
    assert all(a.equals_exact(b, 0) for a, b in zip(first.geometry, again.geometry))
    assert len(list((data_dir / "cache").glob("web-test-*.wkb"))) == 1
    # Another label (other parameters) or changed boundaries: a new entry, recomputed.
    geocache.cached_geometry(g, "web-other", simplify(g))
    moved = g.copy()
    moved.geometry = moved.geometry.translate(0.001, 0)
    out = geocache.cached_geometry(moved, "web-test", simplify(moved))
    assert len(calls) == 3
    assert out.total_bounds[0] == pytest.approx(g.total_bounds[0] + 0.001)
    # A damaged entry is recomputed, not read.
    for f in (data_dir / "cache").glob("web-test-*.wkb"):
        f.write_bytes(b"garbage")
    geocache.cached_geometry(g, "web-test", simplify(g))
    assert len(calls) == 4


def test_cache_entry_with_other_codes_is_not_used(data_dir):
    g = grid()
    path = data_dir / "cache" / f"x-{geocache.geometry_key(g, 'x')}.wkb"
    geocache._write(path, ["not", "these"], g.geometry.values[:2])
    calls = []
    geocache.cached_geometry(g, "x", lambda: calls.append(1) or g)
    assert calls == [1]


def test_dataset_uses_the_cache(data_dir, monkeypatch):
    ds = dataset.load_bundled()
    web = ds.web_boundaries
    assert len(list((data_dir / "cache").glob("web-0.0005-0.0001-*.wkb"))) == 1
    ds2 = dataset.load_bundled()
    monkeypatch.setattr(bnd, "simplify_coverage", lambda *a, **k: pytest.fail("recomputed"))
    assert all(a.equals_exact(b, 0) for a, b in zip(web.geometry, ds2.web_boundaries.geometry))


# ----- another bundle through the environment -------------------------------------------------


def test_environment_chooses_the_province_bundle(monkeypatch, tmp_path):
    monkeypatch.setenv("KONVERGENSI_BOUNDARIES", "data/sultra_desa.gpkg")  # relative to the project
    monkeypatch.setenv("KONVERGENSI_DEMO_DIR", str(BUNDLED_DIR / "demo_sultra"))
    monkeypatch.chdir(tmp_path)
    ds = dataset.load_bundled()
    assert len(ds.boundaries) == 2283
    assert set(ds.prevalensi["kode_desa"]) <= set(ds.boundaries["kode_desa"])
    assert ds.prevalensi["sumber"].str.startswith("DATA CONTOH").all()
    assert ds.demo == frozenset(TABLES)
    assert ds.version != dataset.load_bundled(BUNDLED_DIR / "buton_selatan_desa.gpkg", BUNDLED_DIR / "demo").version


def test_environment_unset_gives_the_regency(monkeypatch):
    monkeypatch.delenv("KONVERGENSI_BOUNDARIES", raising=False)
    monkeypatch.delenv("KONVERGENSI_DEMO_DIR", raising=False)
    assert len(dataset.load_bundled().boundaries) == 70


def test_province_demo_data_is_labelled_and_complete():
    import pandas as pd

    for name in TABLES:
        df = pd.read_csv(BUNDLED_DIR / "demo_sultra" / f"{name}.csv", dtype=str)
        assert len(df) and df["sumber"].str.startswith("DATA CONTOH").all(), name
    prev = pd.read_csv(BUNDLED_DIR / "demo_sultra" / "prevalensi.csv", dtype={"kode_desa": str})
    assert prev["kode_desa"].nunique() == 2283


# ----- work done once, not per request ------------------------------------------------------


def test_page_context_and_compressed_layers_are_built_once(web_server):
    import gzip

    server = web_server  # an app of this test's own, for its data folder
    from callbacks import map as map_cb
    from callbacks import routes

    ds = dataset.current()
    assert map_cb.page_context(ds, "id") is map_cb.page_context(ds, "id")
    assert map_cb.page_context(ds, "en") is not map_cb.page_context(ds, "id")
    assert routes.gzipped(ds, "desa") is routes.gzipped(ds, "desa")
    client = server.test_client()
    r = client.get(f"/api/{ds.version}/sarana-id.geojson", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["Content-Encoding"] == "gzip"
    works = json.loads(gzip.decompress(r.data))
    assert len(works["features"]) == ds.sarana[["lintang", "bujur"]].notna().all(axis=1).sum()
    assert map_cb.page_context(ds, "id")["sarana_url"] == f"/api/{ds.version}/sarana-id.geojson"
    plain = client.get(f"/api/{ds.version}/desa.geojson")
    assert "Content-Encoding" not in plain.headers and plain.data == ds.desa_geojson
    assert re.fullmatch(r"app;dur=\d+\.\d{2}", plain.headers["Server-Timing"])


def test_simplification_can_run_in_another_process(data_dir):
    """A province's first simplification runs in a separate process (its memory peak stays
    out of the server); same result as in-process, and in-process if that process fails."""
    g = grid()
    here = bnd.simplify_coverage(g, 0.001, precision=1e-4)
    calls = []
    out = geocache.cached_geometry(
        g,
        "iso",
        lambda: calls.append(1) or here,
        isolate=("geo.io.boundaries:simplify_wkb", {"tolerance": 0.001, "precision": 1e-4}),
    )
    assert calls == []
    assert all(a.equals_exact(b, 0) for a, b in zip(out.geometry, here.geometry))
    broken = geocache.cached_geometry(
        g, "iso-broken", lambda: calls.append(1) or here, isolate=("geo.io.boundaries:no_such_function", {})
    )
    assert calls == [1] and len(broken) == len(g)


def test_document_policies_only_on_documents(web_server):
    """A map interaction's JSON carries no Content-Security-Policy (only documents need
    it): the policy alone would double the bytes of every restyle."""
    server = web_server  # an app of this test's own, for its data folder

    ds = dataset.current()
    client = server.test_client()
    page = client.get("/")
    assert page.mimetype == "text/html" and "default-src 'self'" in page.headers["Content-Security-Policy"]
    for url in (f"/api/{ds.version}/desa.geojson", "/healthz", "/_dash-layout"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "Content-Security-Policy" not in r.headers, url
        assert r.headers["X-Content-Type-Options"] == "nosniff", url


def test_rembuk_change_map_can_find_its_values():
    """The deck's change map reads values by position (assets/rembuk.js passes keys)."""
    from callbacks import rembuk as rembuk_cb

    ds = dataset.current()
    h = rembuk_cb.page_context(ds, "id")["change_hideout"]
    assert h["keys"] == ds.value_keys
    assert f"{h['ind']}|{h['ya']}" in h["keys"] and f"{h['ind']}|{h['yb']}" in h["keys"]
