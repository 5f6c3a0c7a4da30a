"""Issue 11, the admin's year-by-year history in Chromium: six imports, withdrawals and restores
on /data, and after each step what a viewer sees: the years on the map, the trend page's
figures, the versions table and the quality flags. Its own app with an empty store."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from geo.analysis import dataset
from layouts import ids
from tests.helpers.browser import sign_in

TIMEOUT = 30_000


def prev_csv(years, stunted, office=None) -> str:
    b = dataset.bundled().boundaries
    head = "kode_desa,nama_desa,tahun,balita_diukur,balita_stunting,sumber" + (",opd" if office else "")
    lines = [head]
    for y in years:
        for code, name in zip(b["kode_desa"], b["nama_desa"]):
            lines.append(f"{code},{name},{y},100,{stunted},e-PPGBM" + (f",{office}" if office else ""))
    return "\n".join(lines) + "\n"


def import_file(page, tmp_path, name, text, version):
    page.goto(page.base + "/data")
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(f))
    expect(page.locator(f"#{ids.DATA_CHECK}")).to_contain_text(name, timeout=TIMEOUT)
    expect(page.locator(f"#{ids.DATA_CONFIRM}")).to_be_enabled(timeout=TIMEOUT)
    page.click(f"#{ids.DATA_CONFIRM}")
    expect(page.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text(f"versi {version}", timeout=TIMEOUT)


def version_row(page, vid):
    return page.locator(f"#{ids.DATA_VERSIONS} tbody tr").filter(
        has=page.locator("td:first-child", has_text=re.compile(rf"^v{vid}(\s|$)"))
    )


def act_on_version(page, vid, button, message):
    page.goto(page.base + "/data")
    version_row(page, vid).locator("button", has_text=button).click()
    expect(page.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text(message, timeout=TIMEOUT)


def check_versions(page, expected: dict):
    """{version: (coverage text, in use)} as the /data versions table shows them."""
    page.goto(page.base + "/data")
    for vid, (covers, in_use) in expected.items():
        row = version_row(page, vid)
        expect(row).to_contain_text(covers, timeout=TIMEOUT)
        if in_use:
            expect(row).to_contain_text("dipakai")
        else:
            expect(row).not_to_contain_text("dipakai")


def check_map(page, years, latest_pct):
    page.goto(page.base + "/")
    year_labels = page.locator(f"#{ids.YEAR} label")
    expect(year_labels).to_have_count(len(years), timeout=TIMEOUT)
    expect(year_labels).to_have_text([str(y) for y in years])
    legend = page.locator(f"#{ids.LEGEND}")
    expect(legend).to_contain_text(f"{years[-1]}", timeout=TIMEOUT)
    expect(legend).to_contain_text(latest_pct)
    expect(legend).to_contain_text("70 dari 70 desa punya data")


def check_trend(page, ya, yb, pct):
    page.goto(page.base + "/tren")
    expect(page.locator(".headline")).to_contain_text(
        f"Dari data desa {yb}: {pct} (70 dari 70 desa punya data)", timeout=TIMEOUT
    )
    expect(page.locator(".page-trend")).to_contain_text(f"Perubahan per desa {ya} → {yb}")


def check_quality(page, flagged: bool):
    page.goto(page.base + "/kualitas")
    expect(page.locator(f"#{ids.QUALITY_TABLE}")).to_be_visible(timeout=TIMEOUT)
    if flagged:
        flags = page.locator(f"#{ids.QUALITY_FLAGS}")
        expect(flags).to_contain_text("OPD melaporkan angka berbeda")
        expect(flags).to_contain_text(re.compile(r"Dinas Kesehatan 2\d,0% .*Puskesmas Batauga 40,0%"))
    else:
        expect(page.locator("body")).not_to_contain_text("OPD melaporkan angka berbeda")


def test_six_steps_of_a_regency_history(admin_page, tmp_path):
    page = admin_page
    sign_in(page)
    cover = "Stunting × {} · {}"

    # 1. 2020-2021 prevalence
    import_file(page, tmp_path, "prev_2020_2021.csv", prev_csv([2020, 2021], 10), 1)
    check_versions(page, {1: (cover.format("2020, 2021", "Dinas Kesehatan"), True)})
    check_map(page, [2020, 2021], "10,00%")
    check_trend(page, 2020, 2021, "10,0%")
    check_quality(page, flagged=False)

    # 2. 2022 is added: 2020 and 2021 stay
    import_file(page, tmp_path, "prev_2022.csv", prev_csv([2022], 20), 2)
    check_versions(
        page,
        {1: (cover.format("2020, 2021", "Dinas Kesehatan"), True), 2: (cover.format("2022", "Dinas Kesehatan"), True)},
    )
    check_map(page, [2020, 2021, 2022], "20,00%")
    check_trend(page, 2021, 2022, "20,0%")

    # 3. a corrected 2022 from the same office replaces version 2 only
    import_file(page, tmp_path, "prev_2022_koreksi.csv", prev_csv([2022], 25), 3)
    check_versions(
        page,
        {
            1: (cover.format("2020, 2021", "Dinas Kesehatan"), True),
            2: (cover.format("2022", "Dinas Kesehatan"), False),
            3: (cover.format("2022", "Dinas Kesehatan"), True),
        },
    )
    check_map(page, [2020, 2021, 2022], "25,00%")
    check_trend(page, 2021, 2022, "25,0%")
    check_quality(page, flagged=False)

    # 4. the same 2022 from a second office: beside it, the map keeps the default office, /kualitas compares
    import_file(page, tmp_path, "prev_2022_puskesmas.csv", prev_csv([2022], 40, office="Puskesmas Batauga"), 4)
    check_versions(
        page, {3: (cover.format("2022", "Dinas Kesehatan"), True), 4: (cover.format("2022", "Puskesmas Batauga"), True)}
    )
    check_map(page, [2020, 2021, 2022], "25,00%")
    offices = page.locator(f"#{ids.MAP_OFFICE} label")
    expect(offices).to_have_text(["Dinas Kesehatan", "Puskesmas Batauga"])
    offices.nth(1).click()
    expect(page.locator(f"#{ids.LEGEND}")).to_contain_text("40,00%", timeout=TIMEOUT)
    check_trend(page, 2021, 2022, "25,0%")
    check_quality(page, flagged=True)

    # 5. withdraw the correction (step 3): version 2's 2022 shows again
    act_on_version(page, 3, "Tarik", "ditarik")
    check_versions(
        page,
        {
            2: (cover.format("2022", "Dinas Kesehatan"), True),
            3: (cover.format("2022", "Dinas Kesehatan"), False),
            5: ("penarikan v3", False),
        },
    )
    expect(version_row(page, 3)).to_contain_text("ditarik")
    check_map(page, [2020, 2021, 2022], "20,00%")
    check_trend(page, 2021, 2022, "20,0%")
    check_quality(page, flagged=True)

    # 6. restore step 2: its coverage current again as version 6 (the same figures)
    act_on_version(page, 2, "Pulihkan", "dipulihkan")
    check_versions(
        page,
        {
            6: (cover.format("2022", "Dinas Kesehatan"), True),
            2: (cover.format("2022", "Dinas Kesehatan"), False),
            1: (cover.format("2020, 2021", "Dinas Kesehatan"), True),
        },
    )
    expect(version_row(page, 6)).to_contain_text("pemulihan v2")
    check_map(page, [2020, 2021, 2022], "20,00%")
    check_trend(page, 2021, 2022, "20,0%")
    check_quality(page, flagged=True)
    assert page.rec.errors == [] and page.rec.external == []
