"""Debian's headless Chromium driven by Playwright: one browser per test session, a fresh
context per test, and the steps many browser tests share (sign in, upload, open the map).

Every request to a host other than this machine is recorded and answered locally (map tiles
get a blank PNG), so the tests never reach the network and can assert that the app asked for
nothing outside.
"""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

from layouts import ids
from tests.helpers.app import ADMIN_PASSWORD, ADMIN_USER

BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII="
)
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TIMEOUT = 20_000
MAP_TIMEOUT = 40_000


def chromium_path() -> str:
    for candidate in (
        os.environ.get("CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.exit("No Chromium found: run `make test` (it installs Debian's chromium) or set CHROMIUM=/path", 2)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


class Recorder:
    def __init__(self):
        self.errors: list[str] = []
        self.external: list[str] = []
        self.requests: list[str] = []


def new_page(browser, base: str):
    """A fresh browser context on ``base`` that records errors and outside requests.

    The pages run under the app's own Content-Security-Policy, as in production: a script
    the policy refuses shows up in ``page.rec.errors``. So tests wait with ``expect``, or
    with ``wait_for_function`` given a function (``"() => ..."``): given a bare expression,
    Playwright compiles a string in the page while it polls, which the policy forbids.
    """
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID", accept_downloads=True)
    rec = Recorder()

    def route(r):
        host = urlparse(r.request.url).hostname
        if host in LOCAL_HOSTS or r.request.url.startswith("data:"):
            r.continue_()
            return
        rec.external.append(r.request.url)
        if r.request.resource_type == "image":
            r.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        else:
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("console", lambda m: rec.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: rec.errors.append(f"pageerror: {e}"))
    pg.on("request", lambda r: rec.requests.append(r.url))
    pg.rec = rec
    pg.base = base
    return context, pg


@pytest.fixture
def page(browser, app_url):
    context, pg = new_page(browser, app_url)
    yield pg
    context.close()


@pytest.fixture
def admin_page(browser, admin_app):
    context, pg = new_page(browser, admin_app["url"])
    pg.data_dir = admin_app["data_dir"]
    yield pg
    context.close()


def sign_in(page, user: str = ADMIN_USER, password: str = ADMIN_PASSWORD, lang: str = "id"):
    """Sign in on /data as a user does (the form), and wait until the page says so."""
    page.goto(page.base + "/data" + ("?lang=en" if lang == "en" else ""))
    page.wait_for_selector("#data-login")
    page.fill("#data-login-user", user)
    page.fill("#data-login-password", password)
    page.click("#data-login-submit")
    page.wait_for_selector("#data-logout", timeout=20_000)


def submit_sign_in(page, password: str = ADMIN_PASSWORD):
    """Fill the sign-in form on /data as the data admin and submit it; waits for nothing after."""
    page.goto(page.base + "/data")
    page.wait_for_selector("#data-login")
    page.fill(f"#{ids.DATA_LOGIN_USER}", ADMIN_USER)
    page.fill(f"#{ids.DATA_LOGIN_PASSWORD}", password)
    page.click("#data-login-submit")


def upload(page, tmp_path, name, text):
    """Write ``text`` to ``tmp_path/name``, upload it on /data and wait for its check; -> the check."""
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(f))
    expect(page.locator(f"#{ids.DATA_CHECK}")).to_contain_text(name, use_inner_text=True, timeout=TIMEOUT)
    return page.locator(f"#{ids.DATA_CHECK}")


def import_through_data_page(page, tmp_path, kind: str, name: str, text: str, timeout: float = 30_000):
    """As an admin on /data: pick ``kind``, upload ``name`` (``text``), see it checked without
    problems, confirm, and see the new version announced."""
    page.goto(page.base + "/data")
    page.locator(f"#{ids.DATA_KIND} input[value={kind}]").check()
    expect(upload(page, tmp_path, name, text)).to_contain_text("tanpa masalah", timeout=timeout)
    expect(page.locator(f"#{ids.DATA_CONFIRM}")).to_be_enabled(timeout=timeout)
    page.click(f"#{ids.DATA_CONFIRM}")
    expect(page.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text("versi", timeout=timeout)


def wait_settled(page, timeout: float = MAP_TIMEOUT):
    """Wait until the page has finished loading what its callbacks ask for: no request for
    half a second (Playwright's network idle), no component that Dash marks as loading, and
    every graph drawn."""
    page.wait_for_load_state("networkidle", timeout=timeout)
    expect(page.locator("[data-dash-is-loading='true']")).to_have_count(0, timeout=timeout)
    expect(page.locator(".dash-graph:not(:has(.main-svg))")).to_have_count(0, timeout=timeout)


def open_map(page, path="/"):
    """Open a page with the village map; wait until its villages are drawn and its callbacks
    have answered."""
    page.goto(page.base + path)
    expect(page.locator("path.desa").first).to_be_attached(timeout=MAP_TIMEOUT)
    wait_settled(page)


# The Leaflet map behind a container (assets/map.js keeps it on the container it draws in).
_ZOOM = (
    "id => { const m = document.getElementById(id)._kDesa.context.map;"
    " return m._animatingZoom ? null : {zoom: m.getZoom()}; }"
)
_ZOOMED = (
    "([id, before, step]) => { const m = document.getElementById(id)._kDesa.context.map;"
    " return !m._animatingZoom && m.getZoom() === before + step; }"
)


def zoom(page, direction: str, times: int = 1, map_id: str = ids.MAP):
    """Click Leaflet's zoom-in or zoom-out button ``times`` times, each time waiting until
    the map has reached the next zoom level (Leaflet ignores a click while it animates)."""
    step = {"in": 1, "out": -1}[direction]
    for _ in range(times):
        before = page.wait_for_function(_ZOOM, arg=map_id, timeout=MAP_TIMEOUT).json_value()["zoom"]
        page.locator(f".leaflet-control-zoom-{direction}").click()
        page.wait_for_function(_ZOOMED, arg=[map_id, before, step], timeout=MAP_TIMEOUT)


def fills(page) -> list[str]:
    """The fill colour of every village on the map, in drawing order."""
    return page.eval_on_selector_all("path.desa", "els => els.map(e => e.getAttribute('fill'))")
