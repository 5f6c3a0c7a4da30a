"""Callback functions called directly, as Dash would call them."""

import json

import plotly.graph_objects as go
from dash import no_update

from callbacks import map as map_cb
from callbacks import routes
from callbacks import trend as trend_cb
from geo.analysis import dataset
from geo.views import mapview
from tests.helpers.callbacks import text_of


def test_restyle_changes_indicator_and_keeps_valid_year():
    style, options, year = map_cb.restyle("air_minum", 2021, ["on"], 2022, "id")
    h, leg = style["h"], style["legend"]
    assert h["ind"] == "air_minum" and h["year"] == 2021 and h["scale"] == "coverage"
    assert dataset.current().value_keys[h["vi"]] == "air_minum|2021"
    assert leg["title"] == "Keluarga dengan akses air minum layak 2021"
    assert [o["value"] for o in options] == [2020, 2021, 2022, 2023, 2024]
    assert year is no_update  # the year stays: nothing to send
    _, _, year = map_cb.restyle("stunting", 1999, [], None, "id")
    assert year == 2024


def test_year_change_sends_only_the_style_and_few_bytes():
    style, options, year = map_cb.restyle("stunting", 2020, ["on"], 2022, "id", indicator_changed=False)
    assert options is no_update and year is no_update
    assert style["h"]["year"] == 2020
    assert len(json.dumps(style, ensure_ascii=False).encode()) < 800


def test_restyle_legend_matches_the_server_rendered_legend():
    """The browser rebuilds the legend from legend_static + legend_update (assets/map.js
    K.legendTree); together they carry exactly the texts of components.legend."""
    ds = dataset.current()
    for ind, year in (("stunting", 2020), ("jamban_sehat", 2021)):
        style, *_ = map_cb.restyle(ind, year, ["on"], 2022, "id")
        up, st = style["legend"], mapview.legend_static("id")
        full = mapview.legend(ds, ind, year, "id")
        sc = st["scales"][up["scale"]]
        assert [(i["color"], i["label"]) for i in sc["items"]] == [(i["color"], i["label"]) for i in full["items"]]
        assert up["counts"] == [i["count_text"] for i in full["items"]]
        assert up["title"] == full["title"] and up["summary"] == full["summary"]


def test_restyle_lokus_toggle():
    on, *_ = map_cb.restyle("stunting", 2021, ["on"], 2021, "id")
    off, *_ = map_cb.restyle("stunting", 2021, [], 2021, "id")
    assert on["h"]["showLokus"] is True and on["h"]["lokusYear"] == 2021
    assert off["h"]["showLokus"] is False


def test_sarana_update_filters_and_counts():
    ds = dataset.current()
    data, count = map_cb.sarana_update(
        ["on"], ["sumur bor"], ["rencana", "dibangun", "selesai"], sorted(ds.sarana.tahun.unique().tolist()), "id"
    )
    n = (ds.sarana.jenis == "sumur bor").sum()
    assert len(data["features"]) == n
    assert count == f"{n} dari {len(ds.sarana)} sarana ditampilkan"
    hidden, count = map_cb.sarana_update([], ["sumur bor"], ["selesai"], [2020], "id")
    assert hidden["features"] == [] and count.startswith("0 dari")


def test_profile_callback_shows_the_village():
    hidden, children = map_cb.show_profile({"properties": {"kode": "74.15.01.1002"}}, "id")
    assert hidden is False
    text = text_of(children)
    assert "Busoa" in text and "Batauga" in text and "DATA CONTOH" in text
    assert map_cb.show_profile(None, "id")[0] is True


def test_tiles_toggle():
    assert map_cb.tiles([]) == []
    assert map_cb.tiles(["on"])[0].url.startswith("https://")


def test_trend_context_headline_is_computed():
    """Issue 11: the page opens on the latest period of each source type, compares a target only with
    the source type it was set against, and says how many villages the village-data figure stands for."""
    ctx = trend_cb.page_context(dataset.current(), "id")
    assert ctx["headline"].startswith("Stunting Kabupaten Buton Selatan menurut registri (e-PPGBM 2024) 2024: 22,80%.")
    assert "target 2023 (ditetapkan terhadap survei): 26,00%" in ctx["headline"]
    assert "sebagian tahun, tidak dibandingkan" in ctx["headline"] and "desa punya data" in ctx["headline"]
    en = trend_cb.page_context(dataset.current(), "en")["headline"]
    assert "by registry (e-PPGBM 2024) 2024: 22.80%" in en and "villages have data" in en


def test_published_series_are_never_merged():
    fig: go.Figure = trend_cb.page_context(dataset.current(), "id")["published_figure"]
    ds = dataset.current()
    own = ds.published[ds.published.kode_kab == "74.15"]
    names = [tr.name for tr in fig.data]
    # One trace per source type of the regency, one for its part-year points, plus the province comparison.
    assert len(names) == own.jenis_sumber.nunique() + 1 + 1
    assert "Penimbangan e-PPGBM (registri) (sebagian tahun)" in names
    survey = next(tr for tr in fig.data if tr.name == "Survei SSGI/SKI")
    assert list(survey.y) == [45.2, 32.6, 37.1]
    opd = next(tr for tr in fig.data if tr.name.startswith("Data OPD"))
    assert list(opd.x) == [2020, 2021] and list(opd.y) == [27.0, 28.32]


def test_desa_change_chart_worst_first():
    ctx = trend_cb.page_context(dataset.current(), "id")
    fig = ctx["desa_figure"]
    last = fig.data[-1]  # second-year markers; plotly draws the first row at the bottom
    changes = [
        float(t.replace("poin", "").replace("+", "").replace("−", "-").replace(",", ".").replace("±", ""))
        for t in last.text
    ]
    assert changes[-1] == max(changes) and changes[0] == min(changes)
    assert "DATA CONTOH" in json.dumps(fig.to_plotly_json()["layout"]["annotations"])


def test_geojson_route_and_health(web_server):
    server = web_server  # an app of this test's own, for its data folder
    ds = dataset.current()
    client = server.test_client()
    r = client.get(f"/api/{ds.version}/desa.geojson", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert "immutable" in r.headers["Cache-Control"]
    assert r.headers.get("Content-Encoding") == "gzip"
    assert client.get("/api/old/desa.geojson").headers["Cache-Control"] == "no-cache"
    assert client.get(f"/api/{ds.version}/nothing.geojson").status_code == 404
    h = client.get("/healthz").get_json()
    assert h["status"] == "ok" and h["version"] == ds.version and h["villages"] == 70
    assert routes.GEOJSON_LAYERS["desa"] == "desa_geojson"


def test_security_headers_and_request_limit(web_server):
    server = web_server  # an app of this test's own, for its data folder
    r = server.test_client().get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'sha256-" in csp and "''" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert server.config["MAX_CONTENT_LENGTH"] >= 10 * 1024 * 1024
    big = server.test_client().post(
        "/_dash-update-component",
        data=b"x" * (server.config["MAX_CONTENT_LENGTH"] + 1),
        content_type="application/json",
    )
    assert big.status_code == 413


def test_inset_geojson_holds_only_the_far_off_villages(web_server):
    import json as _json

    server = web_server  # an app of this test's own, for its data folder
    ds = dataset.current()
    r = server.test_client().get(f"/api/{ds.version}/inset-0.geojson")
    assert r.status_code == 200
    codes = sorted(f["properties"]["kode"] for f in _json.loads(r.data)["features"])
    assert codes == ds.focus["insets"][0]["codes"]
    assert _json.loads(r.data)["value_keys"] == ds.value_keys[: ds.first_value_count]  # the latest years
    assert server.test_client().get(f"/api/{ds.version}/inset-9.geojson").status_code == 404


def test_older_years_are_served_on_demand_per_data_version(web_server):
    import gzip as _gzip
    import json as _json

    client = web_server.test_client()
    ds = dataset.current()
    assert ds.lazy_years == [2020, 2021, 2022, 2023]
    r = client.get(f"/api/{ds.version}/nilai-2021.json", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["Content-Encoding"] == "gzip"
    assert "immutable" in r.headers["Cache-Control"]
    body = _json.loads(_gzip.decompress(r.data))
    assert body == _json.loads(ds.year_values(2021)) and body["version"] == ds.version
    assert all(ds.value_keys[i].split("|")[1] == "2021" for i in body["idx"])
    assert set(body["v"]) == set(ds.boundaries["kode_desa"])
    plain = client.get(f"/api/{ds.version}/nilai-2021.json")
    assert "Content-Encoding" not in plain.headers and _json.loads(plain.data) == body
    assert client.get(f"/api/{ds.version}/nilai-2024.json").status_code == 404  # in the first layer already
    assert client.get(f"/api/{ds.version}/nilai-1999.json").status_code == 404
    assert client.get("/api/0000000000aa/nilai-2021.json").status_code == 404  # another data version: reload
    h = mapview.desa_hideout(ds, "stunting", 2024, None, False, "id")
    assert h["lazy"] == {"url": f"/api/{ds.version}/nilai-{{year}}.json", "years": [2020, 2021, 2022, 2023]}
