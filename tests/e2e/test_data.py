"""The data page as a data admin uses it: sign in, upload, see problems, fix, confirm,
and see the map change. Runs against its own app with an empty store."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from geo.analysis import dataset
from layouts import ids
from tests.helpers.browser import submit_sign_in, upload

TIMEOUT = 20_000


def good_csv(stunted: int) -> str:
    b = dataset.bundled().boundaries
    lines = ["kode_desa,nama_desa,tahun,balita_diukur,balita_stunting,sumber"]
    for code, name in zip(b["kode_desa"], b["nama_desa"]):
        lines.append(f"{code},{name},2024,100,{stunted},Dinas Kesehatan (e-PPGBM)")
    # one row by name only, slightly misspelt: a warning to accept, not a guess made silently
    code0, name0 = lines[1].split(",")[:2]
    lines[1] = lines[1].replace(f"{code0},{name0}", f",{name0}x")
    return "\n".join(lines) + "\n"


def test_import_is_for_signed_in_admins_only(admin_page):
    page = admin_page
    page.goto(page.base + "/data")
    page.wait_for_selector("#data-login")
    assert page.locator(f"#{ids.DATA_UPLOAD}").count() == 0
    submit_sign_in(page, password="salah")
    page.wait_for_selector(".login-form .notice-error")
    assert page.locator(f"#{ids.DATA_UPLOAD}").count() == 0
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert "konvergensi_sesi" not in cookies or not cookies["konvergensi_sesi"]["value"]


def test_upload_errors_then_fix_confirm_and_the_map_changes(admin_page, tmp_path):
    page = admin_page
    submit_sign_in(page)
    page.wait_for_selector(f"#{ids.DATA_UPLOAD}")
    cookie = {c["name"]: c for c in page.context.cookies()}["konvergensi_sesi"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    bad = (
        "kode_desa;nama_desa;tahun;balita_diukur;balita_stunting;sumber\n"
        "74.15.01.1002;Busoa;2024;100;20;Dinkes\n74.15.01.9999;;2024;10;5;Dinkes\n"
        ";<b>Busoa</b>;2024;lima;5;Dinkes\n74.15.01.1003;Laompo;1990;10;50;Dinkes\n"
    )
    check = upload(page, tmp_path, "salah.csv", bad)
    text = check.inner_text()
    assert "DITOLAK" in text
    rows = [r.split("\t") for r in page.locator(".problems-table tbody tr").all_inner_texts()]
    got = {(r[1], r[2]) for r in rows}
    assert {("3", "kode_desa"), ("4", "balita_diukur"), ("5", "tahun"), ("5", "balita_stunting")} <= got
    assert any("74.15.01.9999" in r[3] for r in rows)
    # a name with markup is shown as text, never rendered
    assert "<b>Busoa</b>" in text and page.locator(".problems-table b").count() == 0
    assert page.locator(f"#{ids.DATA_CONFIRM}").is_disabled()

    check = upload(page, tmp_path, "benar.csv", good_csv(stunted=25))
    assert "peringatan" in check.inner_text()
    assert "Busoax" in page.locator(".problems-table").inner_text()
    assert page.locator(f"#{ids.DATA_CONFIRM}").is_disabled()
    page.locator(f"#{ids.DATA_ACCEPT} input").check()
    expect(page.locator(f"#{ids.DATA_CONFIRM}")).to_be_enabled(timeout=TIMEOUT)
    page.click(f"#{ids.DATA_CONFIRM}")
    expect(page.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text("versi 1", use_inner_text=True, timeout=TIMEOUT)
    assert "v1" in page.locator(f"#{ids.DATA_VERSIONS}").inner_text()

    page.goto(page.base + "/?lang=id")
    expect(page.locator("path.desa").first).to_be_attached(timeout=TIMEOUT)
    legend = page.locator(f"#{ids.LEGEND}").inner_text()
    assert "2024" in legend and "25,00%" in legend and "1.750 dari 7.000" in legend
    assert "Dinas Kesehatan (e-PPGBM)" in legend  # the figure's source
    fills = page.eval_on_selector_all("path.desa", "els => new Set(els.map(e => e.getAttribute('fill'))).size")
    assert fills == 1  # every village 25%: one class
    assert page.rec.errors == [] and page.rec.external == []

    # the quality page shows the import, readable by everyone
    page.goto(page.base + "/kualitas")
    page.wait_for_selector(f"#{ids.QUALITY_TABLE}")
    q = page.locator(f"#{ids.QUALITY_TABLE}").inner_text()
    assert re.search(r"v1, \d{4}-\d\d-\d\d \d\d:\d\d, oleh admin-data", q)
    assert "70 dari 70 desa" in q


def test_restore_from_the_page(admin_page, tmp_path):
    page = admin_page
    submit_sign_in(page)
    page.wait_for_selector(f"#{ids.DATA_UPLOAD}")
    check = upload(page, tmp_path, "kedua.csv", good_csv(stunted=40).replace(",Busoax", ",Busoa"))
    assert "tanpa masalah" in check.inner_text()
    page.click(f"#{ids.DATA_CONFIRM}")
    expect(page.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text("versi", use_inner_text=True, timeout=TIMEOUT)
    page.locator(f"#{ids.DATA_VERSIONS} tbody tr", has_text="benar.csv").locator("button", has_text="Pulihkan").click()
    expect(page.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text("dipulihkan", use_inner_text=True, timeout=TIMEOUT)
    page.goto(page.base + "/")
    expect(page.locator("path.desa").first).to_be_attached(timeout=TIMEOUT)
    assert "25,00%" in page.locator(f"#{ids.LEGEND}").inner_text()


def test_template_download(admin_page):
    resp = admin_page.request.get(admin_page.base + "/unduh/template/sarana.csv")
    assert resp.ok and resp.text().splitlines()[0] == (
        "nama_sarana,jenis,kode_desa,nama_desa,lintang,bujur,tahun,status,sumber_dana,kk_terlayani,opd"
    )
    for bad in ("/unduh/template/app.py", "/unduh/template/lokus.exe", "/unduh/template/batas.csv"):
        assert admin_page.request.get(admin_page.base + bad).status == 404
    # an escaping path never reaches the file system (Flask does not route it to templates)
    assert "create_app" not in admin_page.request.get(admin_page.base + "/unduh/template/..%2Fapp.py").text()
    xlsx = admin_page.request.get(admin_page.base + "/unduh/template/lokus.xlsx")
    assert xlsx.ok and xlsx.body()[:2] == b"PK"
