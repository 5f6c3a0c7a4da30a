"""The trend page."""

from playwright.sync_api import expect

from layouts import ids


def test_trend_page_shows_its_charts(page):
    page.goto(page.base + "/tren")
    expect(page.locator(".js-plotly-plot .main-svg").nth(2)).to_be_attached(timeout=20_000)  # three or more
    for graph_id in (ids.TREND_PUBLISHED, ids.TREND_KEC, ids.TREND_DESA):
        assert page.locator(f"#{graph_id} .js-plotly-plot").count() == 1
    headline = page.locator(".headline").inner_text()
    # issue 11: a meeting opens on the latest period of each source type (demo data through 2024)
    assert "2024: 22,80%" in headline and "37,10%" in headline and "70 dari 70 desa punya data" in headline
    assert "Dari data desa 2024" in headline
    legend = page.locator(f"#{ids.TREND_PUBLISHED} .legend").text_content()
    for series in ("Data OPD kabupaten", "Survei SSGI/SKI", "Penimbangan e-PPGBM", "Target daerah"):
        assert series in legend
    assert "DATA CONTOH" in page.locator(f"#{ids.TREND_DESA}").text_content()
    assert page.rec.errors == []
    assert page.rec.external == []


def test_navigation_between_pages(page):
    page.goto(page.base + "/")
    page.locator(".nav-link", has_text="Tren").click()
    page.wait_for_url("**/tren")
    page.locator(".headline").wait_for(timeout=20_000)
    page.locator(".nav-link", has_text="Peta").click()
    expect(page.locator("path.desa")).to_have_count(70, timeout=20_000)
    assert page.rec.errors == []
