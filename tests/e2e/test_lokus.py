"""The lokus workbench as a planner uses it: weights, map clicks, reasons, export."""

from __future__ import annotations

import pandas as pd
from playwright.sync_api import expect

from geo.analysis import dataset, lokus
from layouts import ids
from tests.helpers.browser import sign_in, wait_settled

TIMEOUT = 20_000


def open_lokus(page):
    page.goto(page.base + "/lokus")
    expect(page.locator("path.desa").first).to_be_attached(timeout=TIMEOUT)
    page.wait_for_selector(".ag-pinned-left-cols-container .ag-row[row-index='0'] [col-id='desa']", timeout=TIMEOUT)
    wait_settled(page)


def first_names(page, k=5) -> list[str]:
    return [
        page.locator(f".ag-pinned-left-cols-container .ag-row[row-index='{i}'] [col-id='desa']").inner_text()
        for i in range(k)
    ]


def test_page_shows_ranking_map_and_defaults(page):
    open_lokus(page)
    ds = dataset.current()
    n = len(ds.lokus_codes(ds.lokus_years[-1]))
    assert page.locator("path.desa").count() == len(ds.boundaries)
    assert page.locator("path.desa.terpilih").count() == n
    assert page.locator("path.desa.lokus").count() == n  # last year's list, outlined
    assert page.locator(f"#{ids.LOKUS_N}").input_value() == str(n)
    assert f"{n} desa dipilih" in page.locator(f"#{ids.LOKUS_SUMMARY}").inner_text()
    assert (
        page.locator(".ag-cell.tl-merah").count() > 0
        and "Merah" in page.locator(".ag-cell.tl-merah").first.inner_text()
    )
    assert "DATA CONTOH" in page.locator(".demo-banner").inner_text()
    assert page.rec.errors == [] and page.rec.external == []


def test_changing_a_weight_changes_the_order(page):
    open_lokus(page)
    before = first_names(page)
    box = page.locator(f"input[id*='\"c\":\"{lokus.PREV}\"'][id*='{ids.LOKUS_WEIGHT}']")
    box.fill("0")
    box.press("Enter")
    page.wait_for_function(
        "prev => { const now = [0,1,2,3,4].map(i => { const el = document.querySelector("
        "`.ag-pinned-left-cols-container .ag-row[row-index='${i}'] [col-id='desa']`); return el && el.innerText; });"
        " return now.some((x, i) => x !== prev[i]); }",
        arg=before,
        timeout=TIMEOUT,
    )
    assert first_names(page) != before
    # All weights 0: refused with a message, the table stays.
    after = first_names(page)
    for inp in page.locator(f"input[id*='{ids.LOKUS_WEIGHT}']").all():
        inp.fill("0")
        inp.press("Enter")
    expect(page.locator(f"#{ids.LOKUS_ERROR}")).to_contain_text("Semua bobot", use_inner_text=True, timeout=TIMEOUT)
    assert first_names(page) == after
    assert page.rec.errors == []


def test_clicking_a_village_on_the_map_adds_it_and_export_needs_its_reason(page):
    open_lokus(page)
    n = page.locator("path.desa.terpilih").count()
    # The largest village not chosen: click its centre.
    target = max(
        page.locator("path.desa.lokus-o").all(), key=lambda p: (lambda b: b["width"] * b["height"])(p.bounding_box())
    )
    box = target.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("path.desa.terpilih")).to_have_count(n + 1, timeout=TIMEOUT)
    assert page.locator("path.desa.lokus-a").count() == 1
    summary = page.locator(f"#{ids.LOKUS_SUMMARY}")
    assert "1 ditambahkan" in summary.inner_text() and "Belum ada alasan" in summary.inner_text()
    added = page.locator(".reason-row .reason-desa").inner_text()
    # The table shows it as added.
    page.locator(f"#{ids.LOKUS_SEARCH}").fill(added)
    page.wait_for_function(
        "name => { const el = document.querySelector(\".ag-pinned-left-cols-container .ag-row[row-index] [col-id='pilih']\");"
        " return el && el.innerText.includes('✚'); }",
        arg=added,
        timeout=TIMEOUT,
    )
    # Export is refused until the reason is given.
    page.locator(f"#{ids.LOKUS_DL_XLSX}").click()
    expect(page.locator(f"#{ids.LOKUS_DL_MSG}")).to_contain_text(
        "menunggu alasan", use_inner_text=True, timeout=TIMEOUT
    )
    reason = page.locator(".reason-input input")
    reason.fill("Desa pulau, akses air bersih sulit")
    reason.press("Enter")
    expect(page.locator(f"#{ids.LOKUS_SUMMARY}")).to_contain_text(
        "sudah beralasan", use_inner_text=True, timeout=TIMEOUT
    )
    with page.expect_download(timeout=TIMEOUT) as dl:
        page.locator(f"#{ids.LOKUS_DL_XLSX}").click()
    path = dl.value.path()
    assert dl.value.suggested_filename == "usulan-desa-lokus.xlsx"
    df = pd.read_excel(path, sheet_name=0)
    row = df[df["Desa"] == added]
    assert row["Alasan perubahan"].item() == "Desa pulau, akses air bersih sulit"
    assert row["Dipilih"].item() == "ya" and (df["Dipilih"] == "ya").sum() == n + 1
    params = pd.read_excel(path, sheet_name=1)
    assert "Bobot: Prevalensi stunting (%)" in set(params.iloc[:, 0])
    assert (df["Data"] == "DATA CONTOH").all()
    assert page.rec.errors == []


def test_table_click_removes_and_scenarios_save_and_compare(admin_page):
    page = admin_page
    sign_in(page)  # saving a scenario needs a signed-in account (issue 17)
    open_lokus(page)
    n = page.locator("path.desa.terpilih").count()
    page.locator(".ag-pinned-left-cols-container .ag-row[row-index='0'] [col-id='pilih']").click()
    expect(page.locator("path.desa.terpilih")).to_have_count(n - 1, timeout=TIMEOUT)
    page.locator(".reason-input input").fill("Sudah menerima program tahun lalu")
    page.locator(".reason-input input").press("Enter")
    expect(page.locator(f"#{ids.LOKUS_SUMMARY}")).to_contain_text(
        "sudah beralasan", use_inner_text=True, timeout=TIMEOUT
    )
    page.locator(f"#{ids.LOKUS_SC_NAME}").fill("Tanpa desa pertama")
    page.locator(f"#{ids.LOKUS_SC_SAVE}").click()
    expect(page.locator(f"#{ids.LOKUS_SC_MSG}")).to_contain_text("versi 1", use_inner_text=True, timeout=TIMEOUT)
    page.locator(f"#{ids.LOKUS_RESET}").click()
    expect(page.locator("path.desa.terpilih")).to_have_count(n, timeout=TIMEOUT)
    page.locator(f"#{ids.LOKUS_SC_NAME}").fill("Bawaan")
    page.locator(f"#{ids.LOKUS_SC_SAVE}").click()
    expect(page.locator(f"#{ids.LOKUS_SC_MSG}")).to_contain_text("Bawaan versi 1", use_inner_text=True, timeout=TIMEOUT)
    for dd, name in ((ids.LOKUS_SC_A, "Tanpa desa pertama"), (ids.LOKUS_SC_B, "Bawaan")):
        page.locator(f"#{dd}").click()
        page.locator(f"#{dd} .Select-menu-outer, #{dd} [role='option'], .dash-dropdown-option").filter(
            has_text=name
        ).first.click()
    expect(page.locator(f"#{ids.LOKUS_SC_DIFF}")).to_contain_text(
        "Hanya di B (1)", use_inner_text=True, timeout=TIMEOUT
    )
    assert page.rec.errors == []


def test_table_shows_n_interval_and_chance_of_top_n_at_1024(page):
    import re

    from geo.analysis.uncertainty import SOLID_P
    from geo.views import lokusview as lv

    page.set_viewport_size({"width": 1024, "height": 768})
    open_lokus(page)
    res = lv.compute(dataset.current())
    row0 = page.locator(".ag-center-cols-container .ag-row[row-index='0']")
    p_cell, n_cell = row0.locator("[col-id='p_top']"), row0.locator("[col-id='n_ukur']")
    # visible without scrolling at 1024 px, beside the score
    for cell in (p_cell, n_cell):
        box = cell.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1024
    top = res.ranked.iloc[0]
    assert re.fullmatch(r"\d,\d\d( · (kokoh|belum pasti))?", p_cell.inner_text())
    assert p_cell.inner_text().startswith(lv.p_top_text(res, top.kode_desa, "id"))
    assert f"n {int(top.n_ukur)}" in n_cell.inner_text()
    assert re.search(r"\d+,\d–\d+,\d%", n_cell.inner_text())
    # 'kokoh' only where P >= 0.9: every proposed row with P below it says 'belum pasti' (all rows, from the grid)
    unsure = [c for c in res.selection.proposed if res.p_top[c] < SOLID_P]
    rows = page.evaluate(
        f"() => {{ const out = []; dash_ag_grid.getApi('{ids.LOKUS_GRID}').forEachNode("
        "n => out.push([n.data.kokoh, n.data.p_top])); return out; }"
    )
    assert len(rows) == len(res.ranked)
    assert sum(k == "kokoh" for k, _ in rows) == len(res.selection.proposed) - len(unsure)
    assert sum(k == "belum pasti" for k, _ in rows) == len(unsure)
    # the probabilities of all villages add up to N
    assert abs(sum(p for _, p in rows if p is not None) - res.n) < 1e-6
    # choosing the measured prevalence recomputes the chances (from the Jeffreys posterior)
    raw = lv.compute(dataset.current(), smoothed=False)
    kode = next(c for c in raw.ranked["kode_desa"] if lv.p_top_text(raw, c, "id") != lv.p_top_text(res, c, "id"))
    want = lv.p_top_text(raw, kode, "id")
    page.locator(f"#{ids.LOKUS_PREV} input[value='ukur']").check()
    # the grid draws only the rows in view: bring that village's row into view (it may be far down)
    page.wait_for_function(
        "([k, w, g]) => { const api = dash_ag_grid.getApi(g); const n = api.getRowNode(k); "
        "if (n) api.ensureNodeVisible(n); "
        "const el = document.querySelector(`.ag-center-cols-container .ag-row[row-id='${k}'] "
        "[col-id='p_top']`); return el && el.innerText.startsWith(w); }",
        arg=[kode, want, ids.LOKUS_GRID],
        timeout=TIMEOUT,
    )
    assert page.rec.errors == []
