"""The rembuk deck, the language switch on every page, and the downloads, end to end."""

from __future__ import annotations

import io
import re
import urllib.request

import geopandas as gpd
import pandas as pd
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from geo.analysis import classify, dataset
from geo.core.messages import MESSAGES
from geo.views import rembuk as grembuk
from layouts import ids
from tests.helpers.browser import wait_settled

TIMEOUT = 20_000
SIZES = ((1024, 768), (1366, 768), (1920, 1080))
PAGES = ("/", "/tren", "/lokus", "/rembuk", "/metode", "/kualitas", "/data", "/rencana", "/kinerja")


def open_deck(page, lang="id", first=True):
    """The deck on its first slide of the agenda (slide-1; issue 16's deck opens on last meeting's
    commitments, ``first=False`` stays there)."""
    page.goto(f"{page.base}/rembuk?lang={lang}")
    page.wait_for_selector("#slide-1 .main-svg", state="attached", timeout=TIMEOUT)
    page.wait_for_function("document.querySelectorAll('#slide-2 path.desa').length === 70", timeout=TIMEOUT)
    if first and page.locator("#slide-komitmen").count():
        page.keyboard.press("ArrowRight")
        page.wait_for_function("document.getElementById('slide-1').classList.contains('active')", timeout=TIMEOUT)


FIT_JS = """i => { const s = document.getElementById('slide-' + i); const r = s.getBoundingClientRect();
  const out = Array.from(s.querySelectorAll('*')).filter(e => !e.closest('.leaflet-container') && !e.closest('.js-plotly-plot'))
    .filter(e => { const q = e.getBoundingClientRect(); return q.width > 0 && q.height > 0 && (q.bottom > r.bottom + 1 || q.right > r.right + 1); })
    .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40));
  return {page: document.scrollingElement.scrollHeight, inner: innerHeight, visible: getComputedStyle(s).visibility,
          overflow: out, fitsY: r.bottom <= innerHeight, fitsX: r.right <= innerWidth,
          headline: parseFloat(getComputedStyle(s.querySelector('.slide-headline')).fontSize)}; }"""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_deck_steps_with_the_keyboard_and_every_slide_fits(page, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_deck(page, first=False)
    order = page.eval_on_selector_all(".slide", "els => els.map(e => e.id)")
    # issue 16: last meeting's commitments (the demo meeting) open the deck, the plans follow the six
    assert order == ["slide-komitmen"] + [f"slide-{i}" for i in range(1, 8)]
    n = len(order)
    for i, sid in enumerate(order, 1):
        if i > 1:
            page.keyboard.press("ArrowRight" if i % 2 else "PageDown")
        page.wait_for_function(f"document.getElementById('{sid}').classList.contains('active')", timeout=TIMEOUT)
        assert page.locator(f"#{ids.REMBUK_COUNTER}").inner_text() == f"{i} / {n}"
        info = page.evaluate(FIT_JS, sid.removeprefix("slide-"))
        assert info["visible"] == "visible"
        assert info["page"] <= info["inner"], f"page scrolls on slide {sid}"
        assert info["fitsY"] and info["fitsX"] and info["overflow"] == [], (sid, info["overflow"])
        assert info["headline"] >= 28
        page.screenshot(path=f"/tmp/rembuk-{size[0]}x{size[1]}-{i}.png")
        png = page.locator(f"#{ids.REMBUK_PNG}")
        if sid in ("slide-komitmen", "slide-7"):  # no PNG of their own
            assert png.is_hidden()
        else:
            assert png.get_attribute("href") == f"/unduh/{sid}.png?lang=id"
    page.keyboard.press("ArrowRight")  # past the end: stays on the last slide
    assert page.locator(f"#{ids.REMBUK_COUNTER}").inner_text() == f"{n} / {n}"
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    assert page.locator(f"#{ids.REMBUK_COUNTER}").inner_text() == f"{n - 2} / {n}"
    assert page.locator(".slide.active").get_attribute("id") == "slide-5"
    assert page.rec.errors == [] and page.rec.external == []


def test_deck_slides_show_the_data(page):
    page.set_viewport_size({"width": 1024, "height": 768})  # a meeting room projector
    open_deck(page)
    ds = dataset.current()
    assert "2024: 22,80%" in page.locator("#slide-1 .slide-headline").inner_text()  # issue 11: the latest period
    assert "desa punya data" in page.locator("#slide-1").inner_text()
    # Slide 2 paints every village in the WHO class colours the legend counts.
    fills = page.eval_on_selector_all("#slide-2 path.desa", "els => els.map(e => e.getAttribute('fill'))")
    assert len(fills) == len(ds.boundaries)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#slide-3 path.desa")).to_have_count(70, timeout=TIMEOUT)
    chg = page.eval_on_selector_all("#slide-3 path.desa", "els => els.map(e => e.getAttribute('fill'))")
    # Slide 3: only clear changes (two-proportion test) are red or blue; the rest has its own colour,
    # and the headline counts exactly the villages painted as clear rises and falls.
    clear = grembuk.clear_values(ds)
    assert set(chg) <= set(classify.CLEAR_CHANGE.colors) | {classify.CLEAR_CHANGE.nodata_color}
    rose = sum(1 for v in clear.values() if v > 0)
    fell = sum(1 for v in clear.values() if v < 0)
    assert chg.count(classify.CLEAR_CHANGE.colors[2]) == rose and chg.count(classify.CLEAR_CHANGE.colors[0]) == fell
    assert rose + fell < len(clear)  # most changes are within the uncertainty on the bundled data
    headline = page.locator("#slide-3 .slide-headline").text_content()
    assert (
        f"{rose} dari {len(clear)} desa naik secara jelas, {fell} turun secara jelas; "
        f"{len(clear) - rose - fell} berubah dalam batas ketidakpastian" in headline
    )
    assert "memburuk" not in headline
    # Slide 4 outlines the proposed villages (latest saved scenario, else the default top N).
    proposed = int(page.locator("#slide-4").get_attribute("data-proposed"))
    assert proposed > 0 and page.locator("#slide-4 path.desa.lokus").count() == proposed
    assert f"{proposed} desa" in page.locator("#slide-4 .slide-headline").text_content()
    assert "DATA CONTOH" in page.locator("#slide-5").text_content()


def test_f_toggles_full_screen_and_escape_leaves(page):
    open_deck(page)
    page.keyboard.press("f")
    page.wait_for_function(
        "() => document.fullscreenElement !== null || "
        "document.getElementById('rembuk-deck').classList.contains('pseudo-fullscreen')",
        timeout=TIMEOUT,
    )
    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => document.fullscreenElement === null && "
        "!document.getElementById('rembuk-deck').classList.contains('pseudo-fullscreen')",
        timeout=TIMEOUT,
    )


# ----- languages ----------------------------------------------------------------------------
ID_MARKERS = {
    "dan",
    "yang",
    "dari",
    "untuk",
    "dengan",
    "tidak",
    "belum",
    "sudah",
    "menurut",
    "tahun",
    "sumber",
    "peta",
    "naik",
    "turun",
    "cakupan",
    "unduh",
    "perubahan",
    "kualitas",
    "berikutnya",
    "sebelumnya",
    "desa",
    "metode",
    "kesenjangan",
    "ditampilkan",
    "angka",
}
EN_MARKERS = {
    "the",
    "and",
    "of",
    "village",
    "villages",
    "source",
    "sources",
    "year",
    "with",
    "from",
    "map",
    "trend",
    "download",
    "change",
    "coverage",
    "next",
    "previous",
    "methods",
    "works",
    "by",
}

TEXTS_JS = """lang => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); const out = [];
  while (w.nextNode()) { const n = w.currentNode; const p = n.parentElement;
    if (!p || p.closest('script,style,noscript,code')) continue;
    const own = p.closest('[lang]'); if (own && own.getAttribute('lang') !== lang) continue;  // quoted source text
    const s = n.textContent.trim(); if (s) out.push(s); } return out; }"""


def data_strings() -> list[str]:
    """Text that comes from the data (names, offices, sources), not from the catalogue."""
    ds = dataset.current()
    vals = set(ds.boundaries["nama_desa"]) | set(ds.boundaries["nama_kec"]) | {ds.region_name}
    vals |= set(ds.published["sumber"].astype(str)) | set(ds.sources.values())
    vals |= {"Dinas Kesehatan", "Dinas PUPR", "Pemerintah Desa (DPMD)", "Renstra", "SSGI/SKI", "e-PPGBM", "Kabupaten"}
    # plans, realisations and the minutes (issue 16): offices' own names, their activities and units
    from geo.io import beritaacara, rencana

    vals |= set(rencana.known_offices())
    for df in (ds.rencana, ds.realisasi):
        vals |= set(df["kegiatan"]) | set(df["satuan"]) | set(df["opd"])
    minutes = beritaacara.latest() or {}
    vals |= {str(a.get("nama", "")) for a in minutes.get("peserta", [])} | {
        str(c.get(k, "")) for c in minutes.get("komitmen", []) for k in ("kegiatan", "satuan")
    }
    return sorted((v for v in vals if v), key=len, reverse=True)


def foreign_words(texts: list[str], markers: set[str]) -> list[str]:
    data = data_strings()
    found = []
    for s in texts:
        s = re.sub(r"https?://\S+", " ", s)  # addresses of sources are not prose
        for d in data:
            s = s.replace(d, " ")
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", s)}
        if words & markers:
            found.append(f"{s!r}: {sorted(words & markers)}")
    return found


def catalogue_leaks(texts: list[str], lang: str) -> list[str]:
    """Text nodes equal to a catalogue text of the other language that differs from this language's text."""
    other = "id" if lang == "en" else "en"
    own = {m[lang] for m in MESSAGES.values()}  # e.g. "Kecamatan", a domain word in both languages
    foreign = {m[other] for m in MESSAGES.values() if m[other] != m[lang] and "{" not in m[other]} - own
    return [s for s in texts if s in foreign]


def page_texts(page, path: str, lang: str) -> list[str]:
    page.goto(f"{page.base}{path}?lang={lang}")
    page.wait_for_selector(".app-header", timeout=TIMEOUT)
    wait_settled(page)
    return page.evaluate(TEXTS_JS, lang)


@pytest.mark.parametrize("path", PAGES)
def test_no_indonesian_left_on_english_pages_and_no_english_on_indonesian(page, path):
    en = page_texts(page, path, "en")
    assert foreign_words(en, ID_MARKERS) == []
    assert catalogue_leaks(en, "en") == []
    idn = page_texts(page, path, "id")
    assert foreign_words(idn, EN_MARKERS) == []
    assert catalogue_leaks(idn, "id") == []
    assert page.locator("#lang-switch").is_visible()
    assert catalogue_leaks([page.title().split(" — ")[-1]], "id") == []  # the tab's title too
    page.goto(f"{page.base}{path}?lang=en")
    page.wait_for_selector(".app-header", timeout=TIMEOUT)
    expect(page).to_have_title(re.compile(" — "), timeout=TIMEOUT)
    assert catalogue_leaks([page.title().split(" — ")[-1]], "en") == []
    assert page.rec.errors == []


def test_language_choice_is_remembered(page):
    page.goto(page.base + "/tren")
    page.locator(".headline").wait_for(timeout=TIMEOUT)
    page.locator("#lang-switch").click()
    page.wait_for_url("**/tren?lang=en")
    page.locator(".headline", has_text="Stunting in").wait_for(timeout=TIMEOUT)
    page.goto(page.base + "/metode")  # no ?lang=: the cookie brings English back
    page.locator("h1", has_text="Methods, definitions and sources").wait_for(timeout=TIMEOUT)
    assert page.url.endswith("/metode?lang=en")
    page.locator("#lang-switch").click()
    page.locator("h1", has_text="Metode, definisi dan sumber").wait_for(timeout=TIMEOUT)
    page.goto(page.base + "/")
    assert page.url.rstrip("/") == page.base.rstrip("/")
    page.locator(".nav-link", has_text="Metode").wait_for(timeout=TIMEOUT)


# ----- downloads ----------------------------------------------------------------------------
def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=120) as r:
        return r.read(), r.headers.get("Content-Type", "")


def test_downloads_open_in_pandas_geopandas_and_pypdf(app_url, tmp_path):
    ds = dataset.current()
    n = len(ds.boundaries)
    body, ctype = fetch(app_url + "/unduh/data.csv")
    assert ctype.startswith("text/csv")
    csv = pd.read_csv(io.BytesIO(body), dtype={"kode_desa": str})
    assert len(csv) == n and csv["kode_desa"].is_unique
    assert csv["sumber_data"].str.contains("cahyadsn/wilayah_boundaries").all()
    assert csv["versi_data"].str.contains(ds.version).all()
    assert abs(csv["stunting_2021_pembilang"].sum() / csv["stunting_2021_penyebut"].sum() * 100 - 28.32) < 0.005
    body, _ = fetch(app_url + "/unduh/data.gpkg")
    path = tmp_path / "data.gpkg"
    path.write_bytes(body)
    gdf = gpd.read_file(path, layer="desa")
    assert len(gdf) == n and gdf.geometry.notna().all()
    assert set(gpd.read_file(path, layer="sumber")["tabel"]) >= {"batas", "prevalensi", "terbit"}
    kamus = pd.read_csv(io.BytesIO(fetch(app_url + "/unduh/kamus-data.csv?lang=en")[0]))
    assert set(kamus["column"]) == set(csv.columns)
    for lang, figure, word in (
        ("id", "22,80%", "Prevalensi stunting per desa"),
        ("en", "22.80%", "Stunting prevalence by village"),
    ):
        body, ctype = fetch(f"{app_url}/unduh/paket-rembuk.pdf?lang={lang}")
        assert ctype == "application/pdf"
        reader = PdfReader(io.BytesIO(body))
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert len(reader.pages) >= 7
        assert figure in text and "27" in text and word in text and ds.version in text
    body, ctype = fetch(app_url + "/unduh/slide-2.png?lang=en")
    assert ctype == "image/png" and body[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(urllib.error.HTTPError):
        fetch(app_url + "/unduh/slide-9.png")


def test_slide_maps_show_far_islands_in_an_inset(page):
    open_deck(page)
    inset = dataset.current().focus["insets"][0]
    for slide in (2, 3, 4):
        expect(page.locator(f"#slide-{slide} path.desa-inset")).to_have_count(inset["n"], timeout=TIMEOUT)
        assert inset["kec"] in page.locator(f"#slide-{slide} .slide-inset .inset-title").text_content()
    assert page.locator("#slide-2 path.desa").count() == 70
    assert page.rec.errors == []
