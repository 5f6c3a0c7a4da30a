"""An e-PPGBM by-name report through the data page: check report, accept, confirm, /kualitas.
Also writes the screenshots looked at during review (1366x768) under the test's tmp folder."""

from __future__ import annotations

from playwright.sync_api import expect

from geo.analysis import dataset
from layouts import ids
from tests.helpers import ppgbm
from tests.helpers.browser import submit_sign_in

TIMEOUT = 60_000


def test_by_name_report_checked_confirmed_and_quality_shown(admin_page, tmp_path):
    page = admin_page
    df = ppgbm.make_report(
        dataset.bundled().boundaries,
        n_children=400,
        n_villages=12,
        twice=15,
        over_age=8,
        implausible=4,
        born_after=2,
        disagree=4,
        no_nik=5,
    )
    f = tmp_path / "laporan_eppgbm.csv"
    f.write_bytes(ppgbm.to_csv(df))
    submit_sign_in(page)
    expect(page.locator(f"#{ids.DATA_UPLOAD}")).to_be_visible(timeout=TIMEOUT)
    page.check(f"#{ids.DATA_KIND} input[value=pengukuran]")
    page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(f))
    report = page.locator(f"#{ids.DATA_CHECK}")
    expect(report).to_contain_text("laporan_eppgbm.csv", timeout=TIMEOUT)
    expect(report).to_contain_text("ringkasan:")
    expect(report).to_contain_text("status berbeda")  # disagreements listed with both values
    expect(report).to_contain_text("60 bulan")  # over-age rows named
    page.screenshot(path=str(tmp_path / "data_check.png"), full_page=False)
    assert "BALITA UJI" not in report.inner_text() and "9900" not in report.inner_text()
    confirm = page.locator(f"#{ids.DATA_CONFIRM}")
    expect(confirm).to_be_disabled()
    page.locator(f"#{ids.DATA_ACCEPT} input").check()
    expect(confirm).to_be_enabled(timeout=TIMEOUT)
    confirm.click()
    expect(page.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text("versi 1", timeout=TIMEOUT)
    assert not any((page.data_dir / "unggahan").iterdir())
    page.goto(page.base + "/kualitas")
    section = page.locator("#kualitas-pengukuran")
    expect(section).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#kualitas-pengukuran-pkm")).to_contain_text("PKM")
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "kualitas.png"))
    page.goto(page.base + "/kualitas?lang=en")
    expect(page.locator("#kualitas-pengukuran")).to_contain_text("Quality of the measurements", timeout=TIMEOUT)
    # the data folder and the server's own log (the admin app's log file beside its data folder)
    logs = list(page.data_dir.parent.glob("log*/admin.log"))
    assert logs and any(b"import stored kind=prevalensi" in p.read_bytes() for p in logs)
    for path in [*page.data_dir.rglob("*"), *logs]:
        if path.is_file():
            data = path.read_bytes()
            assert b"BALITA UJI" not in data and b"IBU UJI" not in data and b"JL. FIKTIF" not in data, path
            assert not any(n.encode() in data for n in df["NIK"][df["NIK"] != ""][:200]), path
