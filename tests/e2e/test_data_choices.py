"""Rows that give only a village name matching several villages are shown for confirmation on
/data: the admin chooses the village per row, the file is checked again with the choices, and
the import stores exactly what was shown. Runs against its own app whose boundaries (imported
from the command line) name two villages 'Busoa'."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from layouts import ids
from tests.helpers.ambiguous import twin_boundaries
from tests.helpers.app import ROOT
from tests.helpers.browser import submit_sign_in, upload

TIMEOUT = 20_000

AMBIG = (
    "nama_desa,tahun,balita_diukur,balita_stunting,sumber\n"
    "Busoa,2024,100,20,Dinkes\nLaompo,2024,100,10,Dinkes\nBusoa,2023,90,9,Dinkes\n"
)


@pytest.fixture(scope="module")
def twins(admin_app, tmp_path_factory):
    path, codes = twin_boundaries(tmp_path_factory.mktemp("kembar"))
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(admin_app["data_dir"]))
    p = subprocess.run(
        [sys.executable, "app.py", "import", "batas", str(path), "--by", "uji"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    return codes


def summary(page) -> str:
    return page.locator(f"#{ids.DATA_CHECK} .notice").inner_text()


def choose(page, row_index: int, kec: str):
    page.locator(".choice-row").nth(row_index).locator("button.choice-dropdown").click()
    page.locator("[role=option].dash-dropdown-option", has_text=kec).click()


def test_choose_the_village_for_ambiguous_names_then_import(admin_page, twins, tmp_path):
    page = admin_page
    submit_sign_in(page)
    page.wait_for_selector(f"#{ids.DATA_UPLOAD}")
    upload(page, tmp_path, "kembar.csv", AMBIG)
    assert "2 baris hanya memberi nama desa" in summary(page)
    rows = page.locator(".choice-row")
    assert rows.count() == 2 and rows.all_inner_texts()[0].split("\t")[:2] == ["2", "Busoa"]
    assert page.locator(f"#{ids.DATA_CONFIRM}").is_disabled()
    rows.nth(0).locator("button.choice-dropdown").click()
    options = page.locator("[role=option].dash-dropdown-option").all_inner_texts()
    assert [o.strip() for o in options] == [f"Busoa (Batauga, {twins[0]})", f"Busoa (Sampolawa, {twins[1]})"]
    page.keyboard.press("Escape")

    # row 2 is the Busoa in Sampolawa: one row is still open, nothing can be imported yet
    choose(page, 0, "Sampolawa")
    expect(page.locator(f"#{ids.DATA_CHECK}")).to_contain_text("1 baris hanya", use_inner_text=True, timeout=TIMEOUT)
    assert page.locator(f"#{ids.DATA_CONFIRM}").is_disabled()
    # row 4 is the Busoa in Batauga: the file is valid, each choice is a warning to accept
    choose(page, 1, "Batauga")
    expect(page.locator(f"#{ids.DATA_CHECK}")).to_contain_text("2 peringatan", use_inner_text=True, timeout=TIMEOUT)
    problems = page.locator(".problems-table").inner_text()
    assert f"Busoa ({twins[1]}) – Sampolawa" in problems and f"Busoa ({twins[0]}) – Batauga" in problems
    assert page.locator(".problem-error").count() == 0
    page.locator(f"#{ids.DATA_ACCEPT} input").check()
    expect(page.locator(f"#{ids.DATA_CONFIRM}")).to_be_enabled(timeout=TIMEOUT)
    page.click(f"#{ids.DATA_CONFIRM}")
    expect(page.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text("versi 2", use_inner_text=True, timeout=TIMEOUT)
    current = page.locator(f"#{ids.DATA_VERSIONS} .version-row.current", has_text="prevalensi").inner_text()
    assert (
        "kembar.csv" in current and current.split("\t")[7] == "2"
    )  # the two choices, accepted as warnings (after the coverage column)

    # the map shows the values where they were chosen: 20 of 100 in Busoa (Sampolawa) in 2024
    page.goto(page.base + "/?lang=id")
    expect(page.locator("path.desa").first).to_be_attached(timeout=TIMEOUT)
    expect(page.locator(f"#{ids.LEGEND}")).to_contain_text("2024", use_inner_text=True, timeout=TIMEOUT)
    assert "30 dari 200" in page.locator(f"#{ids.LEGEND}").inner_text()
    url = next(u for u in page.rec.requests if u.endswith("/desa.geojson"))
    fc = page.request.get(url).json()
    feats = {f["properties"]["kode"]: f["properties"] for f in fc["features"]}

    def stunting(code):
        values = dict(zip(fc["value_keys"], feats[code]["v"]))
        return {k: v for k, v in values.items() if k.startswith("stunting|") and v is not None}

    assert stunting(twins[1]) == {"stunting|2024": [20, 100]} and feats[twins[1]]["kec"] == "Sampolawa"
    # the other twin's only figure is of 2023: not in the first layer (each indicator's latest year),
    # but in 2023's values, which the browser asks for when that year is picked
    assert stunting(twins[0]) == {} and feats[twins[0]]["kec"] == "Batauga"
    keys = page.evaluate(f"() => document.getElementById('{ids.MAP}')._kDesa.context.hideout.keys")
    older = page.request.get(url.rsplit("/", 1)[0] + "/nilai-2023.json").json()
    got = dict(zip((keys[i] for i in older["idx"]), older["v"][twins[0]]))
    assert (
        got["stunting|2023"] == [9, 90]
        and older["v"][twins[1]][older["idx"].index(keys.index("stunting|2023"))] is None
    )
    assert page.rec.errors == [] and page.rec.external == []
