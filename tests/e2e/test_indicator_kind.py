"""Issue 11 part 3 in Chromium: a data admin adds an indicator on /data with an ``indikator``
file, then an office's coverage of it; the map offers it (in both languages) and /metode lists
it with its traffic-light rule. Its own app with an empty store; Playwright's auto-waiting ``expect``."""

from __future__ import annotations

from playwright.sync_api import expect

from geo.analysis import dataset
from geo.core.schema import CATALOGUE_COLUMNS
from layouts import ids
from tests.helpers.browser import import_through_data_page as import_file
from tests.helpers.browser import open_map, sign_in
from tests.helpers.builders import NEW_INDICATOR

TIMEOUT = 30_000
NEW = NEW_INDICATOR | {
    "label_id": "Posyandu aktif setiap bulan",
    "label_en": "Posyandu active every month",
    "target_persen": "75",
}


def test_an_admin_adds_an_indicator_and_the_map_offers_it(admin_page, tmp_path):
    page = admin_page
    sign_in(page)
    catalogue = ",".join(CATALOGUE_COLUMNS) + "\n" + ",".join(NEW[c] for c in CATALOGUE_COLUMNS) + "\n"
    import_file(page, tmp_path, "indikator", "katalog_pmd.csv", catalogue)
    row = page.locator(f"#{ids.DATA_VERSIONS} tbody tr").first
    expect(row).to_contain_text("indikator", timeout=TIMEOUT)
    expect(row).to_contain_text("Posyandu aktif")  # what the version covers, by the new label

    b = dataset.bundled().boundaries
    lines = ["kode_desa,nama_desa,tahun,indikator,pembilang,penyebut,opd"]
    lines += [
        f"{c},{n},2024,posyandu_aktif,{3 + i % 2},4,Dinas PMD"
        for i, (c, n) in enumerate(zip(b["kode_desa"], b["nama_desa"]))
    ]
    import_file(page, tmp_path, "cakupan", "posyandu_2024.csv", "\n".join(lines) + "\n")

    open_map(page)
    choice = page.locator(f"#{ids.INDICATOR} label", has_text="Posyandu aktif setiap bulan")
    expect(choice).to_have_count(1, timeout=TIMEOUT)
    choice.click()
    expect(page.locator(f"#{ids.LEGEND}")).to_contain_text("Posyandu aktif setiap bulan", timeout=TIMEOUT)
    expect(page.locator(f"#{ids.LEGEND}")).to_contain_text("2024")

    open_map(page, "/?lang=en")
    expect(page.locator(f"#{ids.INDICATOR} label", has_text="Posyandu active every month")).to_have_count(
        1, timeout=TIMEOUT
    )

    page.goto(page.base + "/metode?lang=en")
    expect(page.locator("body")).to_contain_text("Posyandu active every month", timeout=TIMEOUT)
    expect(page.locator("body")).to_contain_text("Dokumen contoh")
    assert page.rec.errors == [] and page.rec.external == []
