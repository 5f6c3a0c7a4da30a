import gzip
import json

import pytest

from geo.analysis import dataset
from geo.views import mapview


@pytest.fixture(scope="module")
def ds():
    return dataset.current()


def test_initial_geojson_is_small_and_carries_the_values(ds):
    raw = ds.desa_geojson
    assert len(raw) < 150_000
    fc = json.loads(raw)
    assert len(fc["features"]) == 70
    props = fc["features"][0]["properties"]
    assert {"kode", "nama", "kec", "lokus", "v"} <= set(props)
    assert "stunting|2021" in ds.value_keys and "jamban_sehat|2020" in ds.value_keys
    # the first layer carries each indicator's latest year only, as the first positions of value_keys
    first = ds.first_value_count
    assert len(props["v"]) == first == len(fc["value_keys"]) and fc["value_keys"] == ds.value_keys[:first]
    assert {k.split("|")[1] for k in fc["value_keys"]} == {"2024"} and "stunting|2024" in fc["value_keys"]
    assert ds.lazy_years == [2020, 2021, 2022, 2023]
    at = ds.value_keys.index("stunting|2021")
    assert at >= first and mapview.desa_hideout(ds, "stunting", 2021, 2022, True, "id")["vi"] == at
    # 2021 comes on demand: its positions in value_keys and every village's values
    older = json.loads(ds.year_values(2021))
    assert older["year"] == 2021 and older["version"] == ds.version and at in older["idx"]
    assert {ds.value_keys[i].split("|")[1] for i in older["idx"]} == {"2021"}
    assert len(older["v"]) == 70
    j = older["idx"].index(at)
    total = [0, 0]
    for f in fc["features"]:
        k, n = older["v"][f["properties"]["kode"]][j]
        total[0] += k
        total[1] += n
    assert 100 * total[0] / total[1] == pytest.approx(28.32)
    at24 = ds.value_keys.index("stunting|2024")
    got = sum(f["properties"]["v"][at24][0] for f in fc["features"])
    assert 100 * got / sum(f["properties"]["v"][at24][1] for f in fc["features"]) == pytest.approx(22.8)
    print("desa.geojson", len(raw), "bytes,", len(gzip.compress(raw)), "gzip")


def test_dataset_is_cached(ds):
    assert dataset.current() is ds
    assert ds.desa_geojson is ds.desa_geojson


def test_hideout_is_small_and_has_no_village_values(ds):
    h = mapview.desa_hideout(ds, "stunting", 2021, 2022, True, "id")
    # Sent once with the page (constant afterwards); a restyle sends only the choice.
    # sent once with the page; it lists each map indicator's years (16 catalogue indicators with demo
    # data over five years): a few hundred bytes each, never a value per village
    assert len(json.dumps(h)) < 600 * len(ds.map_indicator_codes)
    assert len(json.dumps(mapview.desa_choice(ds, "stunting", 2021, 2022, True, "id"))) < 500
    assert not any(code in json.dumps(h) for code in ds.boundaries["kode_desa"])
    assert h["breaks"] == [2.5, 10.0, 20.0, 30.0]
    assert h["labels"]["demo"] == "DATA CONTOH"


def test_legend_counts_all_villages(ds):
    leg = mapview.legend(ds, "stunting", 2021, "id")
    assert sum(i["count"] for i in leg["items"]) == 70
    assert leg["summary"].startswith("Kabupaten Buton Selatan: 28,32%")
    assert leg["demo"] is True


def test_profile_of_a_village(ds):
    p = mapview.profile(ds, "74.15.01.1002", "id")
    assert p["name"] == "Busoa" and p["kec"] == "Batauga"
    assert [r["year"] for r in p["trend"]] == [2020, 2021, 2022, 2023, 2024]
    for r in p["trend"]:
        assert r["lo"] <= r["pct"] <= r["hi"]
    # every catalogue coverage indicator with data; severe stunting (an outcome) with its years apart
    assert len(p["coverage"]) == len(set(ds.cakupan["indikator"]) - {"stunting_berat"})
    assert [o["code"] for o in p["outcomes"]] == ["stunting_berat"] and len(p["outcomes"][0]["rows"]) == 5
    assert mapview.profile(ds, "00.00.00.0000", "id") is None


def test_sarana_filters(ds):
    opts = mapview.sarana_options(ds)
    all_fc = mapview.sarana_geojson(ds, opts["types"], opts["status"], opts["years"])
    assert len(all_fc["features"]) == len(ds.sarana)
    only = mapview.sarana_geojson(ds, ["sumur bor"], opts["status"], opts["years"])
    assert 0 < len(only["features"]) < len(ds.sarana)
    assert all(f["properties"]["jenis"] == "sumur bor" for f in only["features"])
    none = mapview.sarana_geojson(ds, [], opts["status"], opts["years"])
    assert none["features"] == []
