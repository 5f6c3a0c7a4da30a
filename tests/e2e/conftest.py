"""End-to-end fixtures: the real app in a subprocess, driven by Debian's headless Chromium.

One app server and one browser per test session; a fresh browser context per test.
Every request to a host other than this machine is recorded and answered locally
(map tiles get a blank PNG), so the tests never reach the network and can assert
that the app asked for nothing outside.
"""
from __future__ import annotations

import base64
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.exit("No Chromium found: run `make test` (it installs Debian's chromium) or set CHROMIUM=/path", 2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("app did not become healthy in time")


ADMIN_USER = "admin-data"
ADMIN_PASSWORD = "uji-coba-rahasia"


@contextlib.contextmanager
def running_app(data_dir: Path, log_path: Path, **extra_env):
    """The real app in a subprocess with its own data folder; yields its URL."""
    port = free_port()
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir), DASH_DISABLE_VERSION_CHECK="true", **extra_env)
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if proc.returncode not in (0, -15, None):
            print(log_path.read_text()[-3000:])


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("data"), tmp_path_factory.mktemp("log") / "app.log") as url:
        yield url


@pytest.fixture(scope="module")
def admin_app(tmp_path_factory):
    """A separate app (own empty store) with a data admin configured, for tests that import."""
    from werkzeug.security import generate_password_hash

    data_dir = tmp_path_factory.mktemp("admin-data")
    with running_app(data_dir, tmp_path_factory.mktemp("log") / "admin.log",
                     KONVERGENSI_ADMIN_USER=ADMIN_USER,
                     KONVERGENSI_ADMIN_PASSWORD_HASH=generate_password_hash(ADMIN_PASSWORD)) as url:
        yield {"url": url, "data_dir": data_dir}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                    "--disable-background-networking", "--disable-component-update",
                                    "--no-first-run", "--disable-sync"])
        yield b
        b.close()


class Recorder:
    def __init__(self):
        self.errors: list[str] = []
        self.external: list[str] = []
        self.requests: list[str] = []


def new_page(browser, base: str):
    """A fresh browser context on ``base`` that records errors and outside requests.

    Playwright's wait_for_function evaluates strings, which the app's CSP forbids: the
    context bypasses CSP; test_security.py checks the pages under the real policy.
    """
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID", accept_downloads=True,
                                  bypass_csp=True)
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
