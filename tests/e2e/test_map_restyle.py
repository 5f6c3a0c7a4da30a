"""The map restyles the drawn villages in place (issue 7): same SVG paths, new colours,
classes, legend and tooltips that follow the current choice."""

from __future__ import annotations

import re
from collections import Counter

from playwright.sync_api import expect

from geo.analysis import dataset
from geo.views import mapview
from layouts import ids
from tests.helpers.browser import fills, open_map, zoom

TIMEOUT = 40_000

MARK_PATHS = "() => document.querySelectorAll('path.desa').forEach((e, i) => { e.__kMark = i + 1; })"
MARKED = "() => Array.from(document.querySelectorAll('path.desa')).filter(e => e.__kMark).length"


def wait_legend(page, text):
    expect(page.locator(f"#{ids.LEGEND}")).to_contain_text(text, use_inner_text=True, timeout=TIMEOUT)


def test_restyle_keeps_the_paths_and_paints_the_new_classes(page):
    ds = dataset.current()
    open_map(page)
    page.evaluate(MARK_PATHS)
    n_lokus = len(ds.lokus_codes(ds.lokus_years[-1]))
    page.locator(f"#{ids.INDICATOR} label", has_text="Keluarga dengan jamban sehat").click()
    leg = mapview.legend(ds, "jamban_sehat", 2024, "id")
    wait_legend(page, leg["title"])
    page.wait_for_function(
        "c => Array.from(document.querySelectorAll('path.desa')).every(e => c.includes(e.getAttribute('fill')))",
        arg=[i["color"] for i in leg["items"]],
        timeout=TIMEOUT,
    )
    # Not one path was rebuilt: every village path is the same DOM node as before.
    assert page.evaluate(MARKED) == len(ds.boundaries)
    assert page.locator("path.desa").count() == len(ds.boundaries)
    painted = Counter(fills(page))
    for item in leg["items"]:
        assert painted.get(item["color"], 0) == item["count"], item["label"]
    # Class names follow the colours; lokus outlines stay.
    nodata = next(i for i in leg["items"] if i.get("nodata"))
    assert page.locator("path.desa.nodata").count() == nodata["count"]
    assert page.locator("path.desa.lokus").count() == n_lokus
    legend_text = page.locator(f"#{ids.LEGEND}").inner_text()
    for item in leg["items"]:
        assert item["label"] in legend_text and item["count_text"] in legend_text
    assert "DATA CONTOH" in legend_text
    # Year change, then lokus year change: still the same paths.
    page.locator(f"#{ids.YEAR} label", has_text="2020").click()
    leg20 = mapview.legend(ds, "jamban_sehat", 2020, "id")
    wait_legend(page, leg20["title"])
    for item in leg20["items"]:  # as many villages in each colour as the legend counts
        expect(page.locator(f"path.desa[fill='{item['color']}']"), item["label"]).to_have_count(
            item["count"], timeout=TIMEOUT
        )
    first = ds.lokus_years[0]
    page.locator(f"#{ids.LOKUS_YEAR} label", has_text=str(first)).click()
    expect(page.locator("path.desa.lokus")).to_have_count(len(ds.lokus_codes(first)), timeout=TIMEOUT)
    assert page.evaluate(MARKED) == len(ds.boundaries)
    assert page.rec.errors == []


def test_legend_built_in_the_browser_matches_the_server_one(page):
    open_map(page)
    initial = page.locator(f"#{ids.LEGEND}").inner_text()
    initial_html = page.locator(f"#{ids.LEGEND} .legend").inner_html()
    page.locator(f"#{ids.INDICATOR} label", has_text="Keluarga dengan jamban sehat").click()
    wait_legend(page, "jamban sehat")
    # exact: "Prevalensi stunting (dihaluskan)" is a choice of its own
    page.locator(f"#{ids.INDICATOR} label", has_text=re.compile(r"^\s*Prevalensi stunting\s*$")).click()
    expect(page.locator(f"#{ids.LEGEND}")).to_have_text(initial, use_inner_text=True, timeout=TIMEOUT)
    assert page.locator(f"#{ids.LEGEND}").inner_text() == initial
    assert page.locator(f"#{ids.LEGEND} .legend").inner_html() == initial_html


def test_tooltip_reads_the_current_choice(page):
    ds = dataset.current()
    open_map(page)
    page.locator(f"#{ids.SARANA_SHOW} input").uncheck()
    expect(page.locator(".sarana-marker, .sarana-cluster")).to_have_count(0, timeout=TIMEOUT)
    page.locator(f"#{ids.INDICATOR} label", has_text="Keluarga dengan akses air minum layak").click()
    wait_legend(page, "air minum layak 2024")
    target = page.locator("path.desa").nth(10)
    box = target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = page.locator(".desa-tooltip")
    tip.wait_for(timeout=TIMEOUT)
    text = tip.inner_text()
    assert "Keluarga dengan akses air minum layak 2024" in text
    assert "KK akses air minum layak" in text
    assert "Balita stunting" not in text
    # The value shown is the village's own, formatted as the map's locale does (1 decimal).
    name = page.locator(".desa-tooltip .tip-name").inner_text()
    kode = ds.boundaries.loc[ds.boundaries["nama_desa"] == name, "kode_desa"].iloc[0]
    num, den = ds.values("air_minum", 2024)[kode]
    assert f"{100 * num / den:.1f}".replace(".", ",") + "%" in text


def test_browser_choice_equals_the_server_choice(page):
    """The immediate restyle (K.localChoice) computes exactly geo.views.mapview.desa_choice."""
    ds = dataset.current()
    open_map(page)
    base = mapview.desa_hideout(ds, "stunting", 2021, 2022, True, "id")
    cases = [
        (ind, year, show, ly)
        for ind in ds.indicator_codes
        for year in (2020, 2021, 1999)
        for show, ly in ((True, 2022), (False, 2021))
    ]
    got = page.evaluate(
        "([base, cases]) => cases.map(c => window.konvergensi.localChoice(base, c[0], c[1], c[2], c[3]))", [base, cases]
    )
    for (ind, year, show, ly), choice in zip(cases, got):
        assert choice == mapview.desa_choice(
            ds, ind, year if year in ds.years(ind) else ds.years(ind)[-1], ly, show, "id"
        ), (ind, year)


def test_map_restyles_before_the_server_answers(page):
    """Colours change from what the browser already has; the server's answer (legend) follows."""
    ds = dataset.current()
    open_map(page)
    held = []
    is_callback = lambda url: "/_dash-update-component" in url  # noqa: E731  (Dash adds a query)
    page.route(is_callback, lambda r: held.append(r))
    with page.expect_request(lambda r: is_callback(r.url), timeout=TIMEOUT):  # the restyle callback is sent
        page.locator(f"#{ids.INDICATOR} label", has_text="Keluarga dengan jamban sehat").click()
    leg = mapview.legend(ds, "jamban_sehat", 2024, "id")
    page.wait_for_function(
        "c => Array.from(document.querySelectorAll('path.desa')).every(e => c.includes(e.getAttribute('fill')))",
        arg=[i["color"] for i in leg["items"]],
        timeout=TIMEOUT,
    )
    painted = Counter(fills(page))
    for item in leg["items"]:
        assert painted.get(item["color"], 0) == item["count"], item["label"]
    assert held, "the restyle callback was not held"  # its route handler ran during the waits above
    assert leg["title"] not in page.locator(f"#{ids.LEGEND}").inner_text()  # the server has not answered yet
    for r in held:
        r.continue_()
    page.unroute(is_callback)
    wait_legend(page, leg["title"])
    assert Counter(fills(page)) == painted


def test_village_names_are_made_only_when_zoomed_in(page):
    n = len(dataset.current().boundaries)
    open_map(page)
    assert page.locator(".desa-label").count() == 0  # nothing built while names cannot show
    zoom(page, "in", 4)
    expect(page.locator(".desa-label")).to_have_count(n, timeout=TIMEOUT)
    zoom(page, "out", 4)
    expect(page.locator(".desa-label")).to_have_count(0, timeout=TIMEOUT)
    assert page.rec.errors == []


FILLS_BY_CODE = (
    "id => Object.fromEntries(document.getElementById(id)._kDesa.layers"
    ".filter(l => l._path).map(l => [l.feature.properties.kode, l._path.getAttribute('fill')]))"
)


def hover_tip(page, nth: int) -> str:
    target = page.locator("path.desa").nth(nth)
    page.mouse.move(0, 0)
    box = target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = page.locator(".desa-tooltip")
    tip.wait_for(timeout=TIMEOUT)
    return tip.inner_text()


def test_an_older_year_is_fetched_when_picked_and_colours_and_tooltips_follow(page):
    """The first layer carries each indicator's latest year only (the province's layer within
    600 kB); an older year's values come when it is picked, and the map then shows that year."""
    from geo.analysis import classify

    ds = dataset.current()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/nilai-" in r.url else None)
    open_map(page)
    page.locator(f"#{ids.SARANA_SHOW} input").uncheck()
    expect(page.locator(".sarana-marker, .sarana-cluster")).to_have_count(0, timeout=TIMEOUT)
    assert asked == []  # nothing older than the latest year with the first map
    text = hover_tip(page, 10)
    name = page.locator(".desa-tooltip .tip-name").inner_text()
    kode = ds.boundaries.loc[ds.boundaries["nama_desa"] == name, "kode_desa"].iloc[0]
    k24, n24 = ds.values("stunting", 2024)[kode]
    k20, n20 = ds.values("stunting", 2020)[kode]
    assert "Prevalensi stunting 2024" in text and f"{100 * k24 / n24:.1f}".replace(".", ",") + "%" in text

    with page.expect_response(lambda r: "/nilai-2020.json" in r.url, timeout=TIMEOUT) as got:
        page.locator(f"#{ids.YEAR} label", has_text="2020").click()
    assert got.value.ok
    wait_legend(page, mapview.legend(ds, "stunting", 2020, "id")["title"])
    want = {
        c: classify.colour_of(100 * k / n if n else float("nan"), classify.WHO_PREVALENCE)
        for c, (k, n) in ds.values("stunting", 2020).items()
    }
    page.wait_for_function(
        "([id, want]) => { const f = (" + FILLS_BY_CODE + ")(id);"
        " return Object.keys(want).every(k => f[k] === want[k]); }",
        arg=[ids.MAP, want],
        timeout=TIMEOUT,
    )
    text = hover_tip(page, 10)
    assert page.locator(".desa-tooltip .tip-name").inner_text() == name
    assert "Prevalensi stunting 2020" in text
    assert f"{100 * k20 / n20:.1f}".replace(".", ",") + "%" in text
    assert f"Balita stunting: {k20} / n diukur: {n20}" in text
    # another indicator in 2020: no second request, its 2020 colours at once
    n_asked = len(asked)
    page.locator(f"#{ids.INDICATOR} label", has_text="Keluarga dengan jamban sehat").click()
    wait_legend(page, mapview.legend(ds, "jamban_sehat", 2020, "id")["title"])
    want = {
        c: classify.colour_of(100 * k / n, classify.COVERAGE) for c, (k, n) in ds.values("jamban_sehat", 2020).items()
    }
    page.wait_for_function(
        "([id, want]) => { const f = (" + FILLS_BY_CODE + ")(id);"
        " return Object.keys(want).every(k => f[k] === want[k]); }",
        arg=[ids.MAP, want],
        timeout=TIMEOUT,
    )
    assert len(asked) == n_asked
    # a year about to be picked (pointer over its label) is asked for before the click
    with page.expect_request(lambda r: "/nilai-2021.json" in r.url, timeout=TIMEOUT):
        page.locator(f"#{ids.YEAR} label", has_text="2021").hover()
    assert mapview.legend(ds, "jamban_sehat", 2020, "id")["title"] in page.locator(f"#{ids.LEGEND}").inner_text()
    # severe stunting (a catalogue indicator from the prevalence data): its value with its 95% interval
    page.locator(f"#{ids.INDICATOR} label", has_text="Prevalensi stunting berat").click()
    wait_legend(page, "stunting berat")
    text = hover_tip(page, 10)
    k, n = ds.values("stunting_berat", 2020)[kode]
    assert "Prevalensi stunting berat (di bawah −3 SD) 2020" in text
    assert f"{100 * k / n:.1f}".replace(".", ",") + "%" in text and "IK 95%" in text
    assert page.rec.errors == []
