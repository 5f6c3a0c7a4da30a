"""Issue 16 end to end in Chromium: import a plan and a realisation, record a meeting with two
commitments (keyboard only in the form), download its berita acara, open the next deck and see the
commitments' status, open /kinerja at 1024x768. Playwright's auto-waiting ``expect``, no sleeps."""

from __future__ import annotations

import datetime as _dt
import io

import openpyxl
from playwright.sync_api import expect
from pypdf import PdfReader

from geo.analysis import dataset
from layouts import ids
from tests.helpers.browser import import_through_data_page as import_file
from tests.helpers.browser import sign_in

TIMEOUT = 30_000
HEAD = "kode_desa,nama_desa,tahun,opd,kegiatan,indikator,volume,satuan,anggaran,sumber_dana\n"


def _id(kind: str, i: int) -> str:
    return f"""[id='{{"i":{i},"type":"{kind}"}}']"""


def pick(page, selector: str, text: str):
    """A dropdown by keyboard: focus, Enter opens it, type, Enter picks."""
    page.focus(selector)
    page.keyboard.press("Enter")
    expect(page.locator(".dash-dropdown-search")).to_be_focused()
    expect(page.locator(".dash-dropdown-search")).to_have_attribute("placeholder", "Cari")
    page.keyboard.type(text)
    expect(page.get_by_role("option").first).to_contain_text(text)
    page.keyboard.press("Enter")
    expect(page.locator(selector)).to_contain_text(text, timeout=TIMEOUT)


def test_plan_realisation_meeting_minutes_next_deck_and_review(admin_page, tmp_path):
    page = admin_page
    year = _dt.date.today().year
    b = dataset.bundled().boundaries.sort_values("kode_desa")
    (c1, n1), (c2, n2) = list(zip(b["kode_desa"], b["nama_desa"]))[:2]
    sign_in(page)
    # a bad row first: refused with its row and column, nothing stored
    page.goto(page.base + "/data")
    page.locator(f"#{ids.DATA_KIND} input[value=rencana]").check()
    bad = tmp_path / "rencana-salah.csv"
    bad.write_text(HEAD + f"{c1},{n1},{year},Dinas Rahasia,Sumur bor,air_minum,2,unit,-5,DAK\n", encoding="utf-8")
    page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(bad))
    problems = page.locator(".problems-table")
    expect(problems).to_contain_text("Dinas Rahasia", timeout=TIMEOUT)
    expect(problems).to_contain_text("anggaran")
    expect(page.locator(f"#{ids.DATA_CONFIRM}")).to_be_disabled()

    import_file(
        page,
        tmp_path,
        "rencana",
        "rencana.csv",
        HEAD
        + f"{c1},{n1},{year},Dinas PUPR,Sumur bor uji,air_minum,2,unit,90000000,DAK\n"
        + f"{c2},{n2},{year},Dinas Kesehatan,Kelas ibu hamil uji,anc4,4,kelas,6000000,APBD\n",
    )
    import_file(
        page,
        tmp_path,
        "realisasi",
        "realisasi.csv",
        HEAD
        + f"{c1},{n1},{year},Dinas PUPR,Sumur bor uji,air_minum,2,unit,85000000,DAK\n"
        + f"{c2},{n2},{year},Dinas Kesehatan,Kelas ibu hamil uji,anc4,1,kelas,1500000,APBD\n",
    )

    # the plan page shows the imported plan
    page.goto(page.base + "/rencana")
    expect(page.locator("#rencana-plans")).to_contain_text("Sumur bor uji", timeout=TIMEOUT)

    # the meeting: two attendees, two commitments, typed with the keyboard
    page.goto(page.base + "/rembuk")
    page.click("#ba-open")
    expect(page.locator("#ba-panel")).to_be_visible()
    expect(page.locator("#ba-date")).to_be_focused()
    page.fill(_id("ba-att-name", 0), "Kepala Bappeda")
    pick(page, _id("ba-att-opd", 0), "Bappeda")
    page.fill(_id("ba-att-name", 1), "Kabid Cipta Karya")
    pick(page, _id("ba-att-opd", 1), "Dinas PUPR")
    for i, (office, act, name, vol, unit) in enumerate(
        (("Dinas PUPR", "Sumur bor uji", n1, "2", "unit"), ("Dinas Kesehatan", "Kelas ibu hamil uji", n2, "4", "kelas"))
    ):
        pick(page, _id("ba-com-opd", i), office)
        page.fill(_id("ba-com-act", i), act)
        pick(page, _id("ba-com-desa", i), name)
        page.fill(_id("ba-com-vol", i), vol)
        page.fill(_id("ba-com-unit", i), unit)
        page.fill(_id("ba-com-due", i), f"{year}-12-31")
    page.click("#ba-save")
    expect(page.locator("#ba-message")).to_contain_text("disimpan", timeout=TIMEOUT)
    expect(page.locator("#ba-message")).to_contain_text("2 komitmen")

    # the berita acara PDF
    href = page.locator("#ba-pdf").get_attribute("href")
    resp = page.request.get(page.base + href)
    assert resp.status == 200 and resp.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(resp.body())).pages).split())
    for part in (
        "Berita acara",
        "Kepala Bappeda",
        "Kabid Cipta Karya",
        "Sumur bor uji",
        "Kelas ibu hamil uji",
        n1,
        n2,
        "Daftar lokus yang ditampilkan",
        "Rencana kegiatan: v1",
        "Realisasi kegiatan: v2",
    ):
        assert part in text, part

    # the next deck opens with those commitments and their status from the realisation
    page.goto(page.base + "/rembuk")
    first = page.locator("#slide-komitmen")
    expect(first).to_have_class("slide active", timeout=TIMEOUT)
    expect(page.locator(f"#{ids.REMBUK_COUNTER}")).to_have_text("1 / 8")
    expect(first.locator(".commit-row[data-status=selesai]")).to_contain_text("Sumur bor uji")
    expect(first.locator(".commit-row[data-status=sebagian]")).to_contain_text("Kelas ibu hamil uji")
    expect(first.locator(".slide-headline")).to_contain_text("2 komitmen — 1 selesai, 1 sebagian, 0 belum")
    expect(page.locator(f"#{ids.REMBUK_PNG}")).to_be_hidden()
    page.keyboard.press("End")
    expect(page.locator("#slide-7")).to_have_class("slide active")
    expect(page.locator("#slide-7 .slide-title")).to_have_text("Rencana kegiatan di desa lokus usulan")
    page.keyboard.press("PageUp")
    expect(page.locator(f"#{ids.REMBUK_PNG}")).to_have_attribute("href", "/unduh/slide-6.png?lang=id")

    # the annual review at 1024x768
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(page.base + "/kinerja")
    expect(page.locator("#kinerja-headline")).to_contain_text(f"Realisasi anggaran {year}: 90%", timeout=TIMEOUT)
    expect(page.locator("#kinerja-caveat")).to_contain_text("bukan bukti dampak")
    expect(page.locator("#kinerja-offices")).to_contain_text("Dinas PUPR")
    expect(page.locator("#kinerja-compare-graph .main-svg").first).to_be_visible(timeout=TIMEOUT)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    resp = page.request.get(page.base + page.locator("#kinerja-xlsx").get_attribute("href"))
    assert resp.status == 200
    wb = openpyxl.load_workbook(io.BytesIO(resp.body()))
    assert "Per OPD" in wb.sheetnames and any("Dinas PUPR" in str(c.value) for c in wb["Per OPD"]["B"])
    assert page.rec.errors == [] and page.rec.external == []
