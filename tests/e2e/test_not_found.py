"""An unknown address shows the app's own page, in the visitor's language, with the navigation
and a link home (issue 10) — not Dash's bare English "404 - Page not found"."""

from playwright.sync_api import expect

TIMEOUT = 20_000


def test_unknown_address_in_indonesian_then_english(page):
    page.goto(page.base + "/tidak-ada/sama-sekali")
    expect(page.locator("#not-found h1")).to_have_text("Halaman tidak ditemukan.", timeout=TIMEOUT)
    expect(page.locator(".app-header .nav")).to_contain_text("Peta")
    expect(page.locator("body")).not_to_contain_text("404 - Page not found")
    page.goto(page.base + "/tidak-ada?lang=en")
    expect(page.locator("#not-found h1")).to_have_text("Page not found.", timeout=TIMEOUT)
    expect(page.locator(".app-header .nav")).to_contain_text("Map")
    page.click("#not-found-home")
    expect(page.locator("path.desa").first).to_be_attached(timeout=TIMEOUT)
    assert page.url.rstrip("/").endswith("?lang=en") or page.url.endswith("/?lang=en")
    assert page.rec.errors == []
