"""Text from imported files that carries HTML or script renders as plain text everywhere (issue 6).

Boundary, coverage, works and lokus files whose village, office and works names contain
``<img src=x onerror=alert(1)>`` and ``<script>alert(1)</script>`` are imported into the
admin app's store; the map tooltip, the works popup, the quality page, the lokus table
and the data page's problem table must show the literal text, create no element from
it, and no dialog may ever open.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest
from playwright.sync_api import expect

from layouts import ids
from tests.helpers.app import ROOT
from tests.helpers.browser import submit_sign_in, upload, wait_settled
from tests.helpers.hostile_text import IMG, OFFICE, SCRIPT, write_files

TIMEOUT = 20_000
INJECTED = (
    'document.querySelectorAll(\'img[src="x"], img[src="y"]\').length + '
    "[...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(')).length + "
    "document.querySelectorAll('b').length"
)


@pytest.fixture(scope="module")
def hostile_app(admin_app, tmp_path_factory):
    files = write_files(tmp_path_factory.mktemp("hostile-files"))
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(admin_app["data_dir"]))
    for kind in ("batas", "prevalensi", "cakupan", "lokus", "sarana"):
        r = subprocess.run(
            [sys.executable, "app.py", "import", kind, str(files[kind]), "--by", "uji"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert r.returncode == 0, r.stdout + r.stderr
    return admin_app


@pytest.fixture
def hpage(hostile_app, admin_page):
    admin_page.dialogs = []
    admin_page.on("dialog", lambda d: (admin_page.dialogs.append(d.message), d.dismiss()))
    yield admin_page
    assert admin_page.dialogs == [], "a dialog fired: script from data ran"


def injected(page) -> int:
    return page.evaluate(INJECTED)


def test_map_tooltip_and_works_popup(hpage):
    page = hpage
    page.goto(page.base + "/")
    page.wait_for_selector("path.desa", timeout=TIMEOUT)
    page.locator(f"#{ids.SARANA_SHOW} input").uncheck()
    expect(page.locator(".sarana-marker, .sarana-cluster")).to_have_count(0, timeout=TIMEOUT)
    wait_settled(page)  # the map has its data and styles before hovering
    seen = set()
    paths = page.locator("path.desa")
    for _ in range(2):  # a second pass if a hover landed while the map still moved
        for i in range(paths.count()):
            # A hover event on the path itself (the centre of a concave village may lie
            # in its neighbour), as the browser sends it when the pointer enters the village.
            paths.nth(i).dispatch_event("mouseover")
            tip = page.locator(".desa-tooltip .tip-name")
            if tip.count():
                seen.add(tip.first.inner_text())
            paths.nth(i).dispatch_event("mouseout")
            if {IMG, SCRIPT} <= seen:
                break
        if {IMG, SCRIPT} <= seen:
            break
    assert {IMG, SCRIPT} <= seen, (len(seen), paths.count(), sorted(seen))
    assert injected(page) == 0
    page.locator(f"#{ids.SARANA_SHOW} input").check()
    marker = page.locator(".sarana-marker").first
    marker.wait_for(timeout=TIMEOUT)
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=TIMEOUT)
    text = popup.inner_text()
    assert f"{IMG} {SCRIPT}" in text and SCRIPT in text and OFFICE in text
    assert injected(page) == 0
    assert page.rec.errors == []


def test_quality_page_and_lokus_table(hpage):
    page = hpage
    page.goto(page.base + "/kualitas")
    page.wait_for_selector(f"#{ids.QUALITY_TABLE}", timeout=TIMEOUT)
    expect(page.locator("body")).to_contain_text("Dinas <b>PUPR</b>", use_inner_text=True, timeout=TIMEOUT)
    assert OFFICE in page.inner_text("body")
    assert injected(page) == 0
    page.goto(page.base + "/lokus")
    page.wait_for_selector(".ag-cell", timeout=TIMEOUT)
    page.fill(f"#{ids.LOKUS_SEARCH}", "alert")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ag-cell')].filter(c => c.innerText.includes('alert(1)')).length >= 2",
        timeout=TIMEOUT,
    )
    cells = page.locator(".ag-cell").all_inner_texts()
    assert IMG in cells and SCRIPT in cells
    assert injected(page) == 0


def test_data_page_problem_table(hpage, tmp_path):
    page = hpage
    submit_sign_in(page)
    page.wait_for_selector(f"#{ids.DATA_UPLOAD}", timeout=TIMEOUT)
    page.locator(f"#{ids.DATA_KIND} input[value=sarana]").check()
    bad = "<img src=y onerror=alert(2)>"
    text = (
        "nama_sarana,jenis,kode_desa,nama_desa,lintang,bujur,tahun,status,sumber_dana,kk_terlayani,opd\n"
        f'"{SCRIPT}",sumur bor,,"{bad}",,,2023,selesai,APBD,3,"{OFFICE}"\n'
    )
    check = upload(page, tmp_path, "sarana_<b>x.csv", text)
    shown = check.inner_text()
    assert bad in shown and "sarana_<b>x.csv" in shown  # quoted literally in the problem table
    assert injected(page) == 0


def test_an_import_while_the_map_is_open_asks_for_a_reload(hpage, tmp_path):
    """(Last in this module: it changes the store.) The open page keeps its map and says why."""
    page = hpage
    page.goto(page.base + "/")
    page.wait_for_selector("path.desa", timeout=TIMEOUT)
    url_before = page.evaluate(
        "[...performance.getEntriesByType('resource')].map(e => e.name).find(n => n.includes('/desa.geojson'))"
    )
    prev = tmp_path / "p.csv"
    df = pd.read_csv(ROOT / "data" / "demo" / "prevalensi.csv", dtype=str)
    df["nama_desa"] = ""  # by code only: the village names in this store are the hostile ones
    df["balita_stunting"] = (df["balita_stunting"].astype(int) // 2).astype(str)
    df["balita_stunting_berat"] = (df["balita_stunting_berat"].astype(int) // 2).astype(str)  # still ≤ stunted
    df.to_csv(prev, index=False)
    r = subprocess.run(
        [sys.executable, "app.py", "import", "prevalensi", str(prev), "--by", "uji"],
        cwd=ROOT,
        env=dict(os.environ, KONVERGENSI_DATA_DIR=str(page.data_dir)),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    page.locator(f"#{ids.INDICATOR} label").nth(1).click()  # a restyle on the old page
    notice = page.locator(f"#{ids.MAP_STALE} .stale-notice")
    notice.wait_for(timeout=TIMEOUT)
    assert "Data telah diperbarui — muat ulang halaman" in notice.inner_text()
    expect(page.locator(f"#{ids.INDICATOR} input").first).to_be_checked(timeout=TIMEOUT)
    assert not page.locator(f"#{ids.INDICATOR} input").nth(1).is_checked()  # the choice matches the map again
    page.locator(f"#{ids.MAP_STALE} a.stale-reload").click()
    page.wait_for_selector("path.desa", timeout=TIMEOUT)
    url_after = page.evaluate(
        "[...performance.getEntriesByType('resource')].map(e => e.name).find(n => n.includes('/desa.geojson'))"
    )
    assert url_after != url_before and page.locator(f"#{ids.MAP_STALE} .stale-notice").count() == 0
