import zipfile

import pytest
import shapely

from geo.analysis.dataset import WEB_TOLERANCE
from geo.core.errors import DataError
from geo.io import boundaries as bnd
from geo.io.loading import BUNDLED_BOUNDARIES
from tests.helpers.builders import bowtie, grid


def problems(exc_info, lang="id"):
    return exc_info.value.messages(lang)


def test_reads_the_bundled_villages():
    gdf = bnd.read_boundaries(BUNDLED_BOUNDARIES)
    assert len(gdf) == 70
    assert gdf.crs.to_epsg() == 4326
    assert set(bnd.OUR_COLUMNS) <= set(gdf.columns)
    assert gdf["kode_desa"].is_unique
    assert shapely.is_valid(gdf.geometry.values).all()
    assert gdf["nama_kec"].nunique() == 7


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "shp", "zip"])
def test_reads_every_ogr_format(tmp_path, fmt):
    g = grid()
    if fmt == "zip":
        shp_dir = tmp_path / "shp"
        shp_dir.mkdir()
        g.to_file(shp_dir / "desa.shp")
        path = tmp_path / "desa.zip"
        with zipfile.ZipFile(path, "w") as z:
            for f in shp_dir.iterdir():
                z.write(f, f.name)
    else:
        path = tmp_path / f"desa.{fmt}"
        g.to_file(path, driver={"gpkg": "GPKG", "geojson": "GeoJSON", "shp": "ESRI Shapefile"}[fmt])
    out = bnd.read_boundaries(path)
    assert sorted(out["kode_desa"]) == sorted(g["kode_desa"])
    assert out.crs.to_epsg() == 4326


def test_reprojects_to_wgs84(tmp_path):
    g = grid().to_crs("EPSG:32751")  # UTM 51S
    path = tmp_path / "utm.gpkg"
    g.to_file(path)
    out = bnd.read_boundaries(path)
    assert out.crs.to_epsg() == 4326
    assert out.total_bounds == pytest.approx(grid().total_bounds, abs=1e-6)


def test_publisher_column_names_are_recognised(tmp_path):
    g = grid().rename(
        columns={"kode_desa": "KDEPUM", "nama_desa": "WADMKD", "kode_kec": "KDCPUM", "nama_kec": "WADMKC"}
    )
    path = tmp_path / "big.geojson"
    g.to_file(path, driver="GeoJSON")
    out = bnd.read_boundaries(path)
    assert out["nama_desa"].iloc[0] == "Desa 0-0"
    assert out["nama_kec"].iloc[0] == "Kec 0"


def test_invalid_geometry_is_repaired():
    g = grid()
    g.loc[0, "geometry"] = bowtie()
    out = bnd.normalise(g)
    assert shapely.is_valid(out.geometry.values).all()
    assert out.geometry.iloc[0].area == pytest.approx(0.5)


def test_duplicate_codes_are_rejected_with_rows():
    g = grid()
    g.loc[4, "kode_desa"] = g.loc[1, "kode_desa"]
    with pytest.raises(DataError) as exc:
        bnd.normalise(g, file="desa.gpkg")
    msgs = problems(exc)
    assert len(msgs) == 2
    assert "baris 3" in msgs[0] and "baris 6" in msgs[1]
    assert "desa.gpkg" in msgs[0] and "muncul lebih dari sekali" in msgs[0]


def test_missing_codes_are_rejected():
    g = grid()
    g.loc[2, "kode_desa"] = None
    with pytest.raises(DataError) as exc:
        bnd.normalise(g, file="x.gpkg")
    assert problems(exc) == ["berkas x.gpkg, baris 4, kolom 'kode_desa': kode desa kosong"]
    assert problems(exc, "en") == ["file x.gpkg, row 4, column 'kode_desa': village code is empty"]


def test_no_code_column_and_no_crs():
    g = grid().drop(columns=["kode_desa"]).set_crs(None, allow_override=True)
    with pytest.raises(DataError) as exc:
        bnd.normalise(g)
    keys = [p.key for p in exc.value.problems]
    assert keys == ["boundary.no_code_column", "boundary.no_crs"]


def test_unreadable_file(tmp_path):
    path = tmp_path / "broken.gpkg"
    path.write_bytes(b"not a geopackage")
    with pytest.raises(DataError) as exc:
        bnd.read_boundaries(path)
    assert exc.value.problems[0].key == "boundary.unreadable"


@pytest.mark.parametrize(
    "raw, code",
    [
        ("74.15.01.2001", "74.15.01.2001"),
        (" 7415012001 ", "74.15.01.2001"),
        (7415012001.0, "74.15.01.2001"),
        ("", None),
        (None, None),
        ("nan", None),
    ],
)
def test_normalise_code(raw, code):
    assert bnd.normalise_code(raw) == code


def _shared_length(a, b):
    return a.boundary.intersection(b.boundary).length


def test_simplification_keeps_valid_polygons_and_shared_borders():
    raw = bnd.read_boundaries(BUNDLED_BOUNDARIES)
    simple = bnd.simplify_coverage(raw, WEB_TOLERANCE)
    geoms = simple.geometry.values
    assert len(simple) == 70
    assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()
    # A proper coverage: no overlaps, shared edges identical.
    assert shapely.coverage_is_valid(geoms)
    assert shapely.get_num_coordinates(geoms).sum() < shapely.get_num_coordinates(raw.geometry.values).sum()
    # Neighbours still share a border (length > 0), and nothing overlaps.
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left, right) if i < j]
    shared = [_shared_length(geoms[i], geoms[j]) for i, j in pairs]
    assert sum(s > 0 for s in shared) >= 100
    overlap = sum(geoms[i].intersection(geoms[j]).area for i, j in pairs)
    assert overlap == pytest.approx(0, abs=1e-12)
    # Area changes only a little.
    assert simple.geometry.area.sum() == pytest.approx(raw.geometry.area.sum(), rel=0.02)


def test_simplification_closes_no_gap_between_grid_neighbours():
    g = grid()
    simple = bnd.simplify_coverage(g, 0.001)
    assert shapely.union_all(simple.geometry.values).area == pytest.approx(shapely.union_all(g.geometry.values).area)


def test_feature_collection_rounds_coordinates():
    fc = bnd.feature_collection(grid(), ["kode_desa"], digits=3)
    ring = fc["features"][0]["geometry"]["coordinates"][0]
    assert all(len(str(x).split(".")[-1]) <= 3 for pt in ring for x in pt)
    assert fc["features"][0]["properties"] == {"kode_desa": "99.01.01.2001"}


def test_focus_groups_puts_far_islands_in_an_inset():
    from geo.analysis import dataset

    ds = dataset.current()
    focus = ds.focus
    assert len(focus["insets"]) == 1
    inset = focus["insets"][0]
    batu_atas = ds.boundaries[ds.boundaries["nama_kec"] == "Batu Atas"]
    assert inset["kec"] == "Batu Atas" and inset["codes"] == sorted(batu_atas["kode_desa"])
    # The main map's bounds leave the islands out and are much smaller than the whole.
    (s, w), (n, e) = focus["bounds"]
    assert s > batu_atas.total_bounds[3]
    (s_all, _), (n_all, _) = ds.bounds
    assert (n - s) < 0.5 * (n_all - s_all)


def test_focus_groups_keeps_a_compact_kabupaten_whole():
    assert bnd.focus_groups(grid()) is None
    assert bnd.focus_groups(grid(n=2)) is None
