"""Another kabupaten's boundaries (zipped shapefile, UTM 51S, BIG column names) imported
from the command line drive the whole app: map, trend, quality and data pages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.helpers.app import ROOT, running_app
from tests.helpers.browser import new_page, wait_settled
from tests.helpers.other_kabupaten import villages, zipped_shapefile

TIMEOUT = 30_000


@pytest.fixture(scope="module")
def wakatobi_app(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("wakatobi-data")
    zipped = zipped_shapefile(tmp_path_factory.mktemp("wakatobi-file"))
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir))
    p = subprocess.run(
        [sys.executable, "app.py", "import", "batas", str(zipped), "--by", "uji"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    with running_app(data_dir, tmp_path_factory.mktemp("log") / "wakatobi.log") as url:
        yield url


def test_other_kabupaten_drives_the_whole_app(browser, wakatobi_app):
    expected = villages()
    context, page = new_page(browser, wakatobi_app)
    try:
        page.goto(page.base + "/")
        expect(page.locator("path.desa").first).to_be_attached(timeout=TIMEOUT)
        wait_settled(page)
        assert page.locator("path.desa").count() == len(expected) == 100
        assert "Wakatobi" in page.locator(".brand-sub").inner_text()
        # Buton Selatan's demo tables do not belong to these villages: none is shown
        assert page.locator(".demo-banner").count() == 0
        assert page.locator("#map-no-data").count() == 1
        for path in ("/tren", "/kualitas", "/data"):
            page.goto(page.base + path)
            page.wait_for_selector(".page-body h1", timeout=TIMEOUT)
            assert "Wakatobi" in page.locator(".brand-sub").inner_text()
        page.goto(page.base + "/kualitas")
        page.wait_for_selector("#quality-table")
        assert "0 dari 100 desa" in page.locator("#quality-table").inner_text()
        assert page.rec.errors == [] and page.rec.external == []
    finally:
        context.close()
