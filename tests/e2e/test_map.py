"""The map page as a planner uses it."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

from playwright.sync_api import expect

from geo.analysis import dataset
from geo.views import mapview
from layouts import ids
from tests.helpers.browser import LOCAL_HOSTS, fills, open_map, zoom

TIMEOUT = 40_000


def test_all_villages_drawn_with_legend_counts(page):
    open_map(page)
    ds = dataset.current()
    assert page.locator("path.desa").count() == len(ds.boundaries) == 70
    assert page.locator("path.desa.lokus").count() == len(ds.lokus_codes(ds.lokus_years[-1]))
    legend = mapview.legend(ds, "stunting", 2024, "id")  # the latest demo year (issue 11)
    painted = Counter(fills(page))
    for item in legend["items"]:
        assert painted.get(item["color"], 0) == item["count"], item["label"]
    assert "22,80%" in page.locator(f"#{ids.LEGEND}").inner_text()
    assert "DATA CONTOH" in page.locator(".demo-banner").inner_text()
    assert page.rec.errors == []
    assert page.rec.external == []


def test_changing_the_indicator_restyles_without_resending_geometry(page):
    open_map(page)
    before = fills(page)
    loaded = [u for u in page.rec.requests if u.endswith("/desa.geojson")]  # the map and its inset
    page.locator(f"#{ids.INDICATOR} label", has_text="Keluarga dengan akses air minum layak").click()
    page.wait_for_function(
        "prev => { const now = Array.from(document.querySelectorAll('path.desa')).map(e => e.getAttribute('fill'));"
        " return now.length === prev.length && now.some((f, i) => f !== prev[i]); }",
        arg=before,
        timeout=TIMEOUT,
    )
    after = set(fills(page))
    coverage_palette = {"#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d", "#c4c4c4"}
    assert after <= coverage_palette
    assert page.locator("path.desa").count() == 70
    expect(page.locator("#legend")).to_contain_text("air minum layak", use_inner_text=True, timeout=TIMEOUT)
    geo_requests = [u for u in page.rec.requests if u.endswith("/desa.geojson")]
    assert len(loaded) == 1  # the inset loads only its own villages (inset-<i>.geojson)
    assert geo_requests == loaded  # nothing fetched again by the restyle
    # Year change too.
    page.locator(f"#{ids.YEAR} label", has_text="2020").click()
    expect(page.locator("#legend")).to_contain_text("2020", use_inner_text=True, timeout=TIMEOUT)
    assert page.rec.errors == []


def test_hover_and_click_open_the_village_profile(page):
    open_map(page)
    page.locator(f"#{ids.SARANA_SHOW} input").uncheck()  # nothing on top of the villages
    expect(page.locator(".sarana-marker, .sarana-cluster")).to_have_count(0, timeout=TIMEOUT)
    target = page.locator("path.desa").nth(10)
    box = target.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    tip = page.locator(".desa-tooltip .tip-name")
    tip.wait_for(timeout=TIMEOUT)
    name = tip.inner_text()
    text = page.locator(".desa-tooltip").inner_text()
    # one decimal; measured %, n, 95% Wilson interval and the smoothed % (geo.analysis.uncertainty)
    assert re.search(r"\d+,\d%", text) and not re.search(r"\d+,\d{2}%", text)
    assert "Balita stunting" in text and "n diukur" in text
    assert re.search(r"IK 95% \d+,\d–\d+,\d%", text)
    assert re.search(r"Dihaluskan \(Bayes empiris\): \d+,\d%", text)
    page.mouse.click(x, y)
    profile = page.locator(f"#{ids.PROFILE} .profile-name")
    profile.wait_for(timeout=TIMEOUT)
    assert profile.inner_text() == name
    assert "Prevalensi stunting per tahun" in page.locator(f"#{ids.PROFILE}").inner_text()
    page.locator(f"#{ids.PROFILE_CLOSE}").click()
    expect(page.locator(f"#{ids.PROFILE}")).to_have_js_property("hidden", True, timeout=TIMEOUT)


def test_works_layer_toggles_and_filters(page):
    open_map(page)
    markers = page.locator(".sarana-marker, .sarana-cluster")
    expect(page.locator(".sarana-marker, .sarana-cluster").first).to_be_attached(timeout=TIMEOUT)
    count_text = page.locator(f"#{ids.SARANA_COUNT}")
    total = len(dataset.current().sarana)
    assert count_text.inner_text() == f"{total} dari {total} sarana ditampilkan"
    page.locator(f"#{ids.SARANA_SHOW} input").uncheck()
    expect(page.locator(".sarana-marker, .sarana-cluster")).to_have_count(0, timeout=TIMEOUT)
    assert markers.count() == 0
    page.locator(f"#{ids.SARANA_SHOW} input").check()
    expect(page.locator(".sarana-marker, .sarana-cluster").first).to_be_attached(timeout=TIMEOUT)
    page.locator(f"#{ids.SARANA_TYPE} label", has_text="Sumur bor").click()  # filter one type out
    n_bor = int((dataset.current().sarana.jenis == "sumur bor").sum())
    expect(page.locator(f"#{ids.SARANA_COUNT}")).to_have_text(
        re.compile(f"^{total - n_bor} "), use_inner_text=True, timeout=TIMEOUT
    )
    assert page.rec.errors == []


def test_lokus_outline_toggles(page):
    open_map(page)
    assert page.locator("path.desa.lokus").count() > 0
    page.locator(f"#{ids.LOKUS_SHOW} input").uncheck()
    expect(page.locator("path.desa.lokus")).to_have_count(0, timeout=TIMEOUT)
    ds = dataset.current()
    page.locator(f"#{ids.LOKUS_SHOW} input").check()
    page.locator(f"#{ids.LOKUS_YEAR} label", has_text=str(ds.lokus_years[0])).click()
    n = len(ds.lokus_codes(ds.lokus_years[0]))
    expect(page.locator("path.desa.lokus")).to_have_count(n, timeout=TIMEOUT)


def test_village_names_appear_when_zoomed_in(page):
    open_map(page)
    container = page.locator(f"#{ids.MAP}")
    assert "labels-on" not in (container.get_attribute("class") or "")
    zoom(page, "in", 4)
    expect(container).to_have_class(re.compile(r"(^|\s)labels-on(\s|$)"), timeout=TIMEOUT)
    assert page.locator(".desa-label span").first.is_visible() or page.locator(".desa-label span:visible").count() > 0


def test_basemap_tiles_are_off_by_default_and_toggle(page):
    open_map(page)
    assert page.locator("img.leaflet-tile").count() == 0
    assert page.rec.external == []
    # a tile's response comes from the route that records outside requests (a blank PNG)
    outside = lambda r: r.url.startswith("http") and urlparse(r.url).hostname not in LOCAL_HOSTS  # noqa: E731
    with page.expect_response(outside, timeout=TIMEOUT):
        page.locator(f"#{ids.TILES_SHOW} input").check()
    expect(page.locator("img.leaflet-tile").first).to_be_attached(timeout=TIMEOUT)
    assert page.rec.external and all("tile.openstreetmap.org" in u for u in page.rec.external)
    page.locator(f"#{ids.TILES_SHOW} input").uncheck()
    expect(page.locator("img.leaflet-tile")).to_have_count(0, timeout=TIMEOUT)
    assert [e for e in page.rec.errors if "tile" not in e.lower()] == []


def test_far_islands_have_an_inset_that_restyles_with_the_map(page):
    open_map(page)
    ds = dataset.current()
    inset = ds.focus["insets"][0]
    expect(page.locator("path.desa-inset")).to_have_count(inset["n"], timeout=TIMEOUT)
    assert inset["kec"] in page.locator(".desa-inset .inset-title").inner_text()
    before = page.eval_on_selector_all("path.desa-inset", "els => els.map(e => e.getAttribute('fill'))")
    page.locator(f"#{ids.INDICATOR} label", has_text="Imunisasi dasar lengkap").click()
    page.wait_for_function(
        "prev => { const now = Array.from(document.querySelectorAll('path.desa-inset')).map(e => e.getAttribute('fill'));"
        " return now.some((f, i) => f !== prev[i]); }",
        arg=before,
        timeout=TIMEOUT,
    )
    after = set(page.eval_on_selector_all("path.desa-inset", "els => els.map(e => e.getAttribute('fill'))"))
    assert after <= {"#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d", "#c4c4c4"}
    assert page.locator("path.desa").count() == 70  # the inset's paths are not counted twice
    assert page.rec.errors == []


def test_smoothed_and_cluster_views_draw_with_their_legends(page):
    page.set_viewport_size({"width": 1024, "height": 768})
    open_map(page)
    page.locator(f"#{ids.INDICATOR} input[value='stunting_halus']").check()
    expect(page.locator(".legend-title")).to_contain_text("Prevalensi stunting (dihaluskan)")
    page.locator(f"#{ids.INDICATOR} input[value='klaster']").check()
    legend = page.locator(f"#{ids.LEGEND}")
    expect(legend.locator(".legend-title")).to_contain_text("Klaster spasial (LISA, k = 6)")
    expect(legend).to_contain_text("Tinggi–tinggi")
    expect(legend).to_contain_text("I Moran global")
    expect(legend).to_contain_text("kesalahan ekologis")
    # every village is drawn in a cluster class (or not significant), none left without data
    expect(page.locator("path.desa.cls-0").first).to_be_attached(timeout=TIMEOUT)
    assert page.locator("path.desa.nodata").count() == 0
    # k can be changed: the title names the new k
    page.locator(f"#{ids.CLUSTER_K} input[value='4']").check()
    expect(legend.locator(".legend-title")).to_contain_text("k = 4")
    assert page.rec.errors == []
