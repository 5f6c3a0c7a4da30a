"""Issue 15 end to end: the first admin made in the browser from an empty data folder, an office
account, its forced password change and import, the audit trail showing both; roles and CSRF
enforced on direct calls of the callbacks and routes."""

from __future__ import annotations

import base64
import json

import pytest
from playwright.sync_api import expect

from geo.analysis import dataset
from layouts import ids
from tests.helpers.app import running_app
from tests.helpers.browser import new_page
from tests.helpers.dashclient import DashClient, check_and_confirm, text_in

ADMIN, ADMIN_PW = "ana.bappeda", "kopi-tubruk-pagi-7"
OFFICE, OFFICE_TEMP, OFFICE_PW = "pupr", "sementara-dinas-1", "air-bersih-untuk-desa-9"
TIMEOUT = 20_000


@pytest.fixture(scope="module")
def fresh_app(tmp_path_factory):
    """The app on an empty data folder with no admin in the environment: the first run."""
    data_dir = tmp_path_factory.mktemp("first-run")
    with running_app(data_dir, tmp_path_factory.mktemp("log") / "first.log") as url:
        yield {"url": url, "data_dir": data_dir}


def cakupan_csv(indicator: str = "air_minum", opd: str = "") -> str:
    b = dataset.bundled().boundaries
    lines = ["kode_desa,nama_desa,tahun,indikator,pembilang,penyebut,opd"]
    lines += [f"{c},{n},2024,{indicator},55,100,{opd}" for c, n in zip(b["kode_desa"], b["nama_desa"])]
    return "\n".join(lines) + "\n"


def sign_in(page, user, password):
    page.goto(page.base + "/data?lang=en")
    page.fill(f"#{ids.DATA_LOGIN_USER}", user)
    page.fill(f"#{ids.DATA_LOGIN_PASSWORD}", password)
    page.click("#data-login-submit")
    expect(page.locator("#data-logout")).to_be_visible(timeout=TIMEOUT)


def sign_out(page):
    page.click("#data-logout")
    expect(page.locator("#data-login")).to_be_visible(timeout=TIMEOUT)


def test_first_run_office_account_import_and_audit_in_the_browser(browser, fresh_app, tmp_path):
    context, page = new_page(browser, fresh_app["url"])
    # 1. the first admin, from this machine, without any environment variable
    page.goto(page.base + "/data?lang=en")
    expect(page.locator(f"#{ids.DATA_FIRST_RUN}")).to_contain_text("Create the first admin account", timeout=TIMEOUT)
    page.fill(f"#{ids.DATA_FIRST_USER}", ADMIN)
    page.fill(f"#{ids.DATA_FIRST_PASSWORD}", ADMIN_PW)
    page.fill(f"#{ids.DATA_FIRST_AGAIN}", ADMIN_PW)
    page.click(f"#{ids.DATA_FIRST_SUBMIT}")
    expect(page.locator(".signed-in-name")).to_contain_text(ADMIN, timeout=TIMEOUT)
    # 2. an office account for Dinas PUPR: coverage, safe water only
    page.click(f"#{ids.DATA_ACCOUNTS_LINK}")
    expect(page.locator("h1")).to_contain_text("Accounts", timeout=TIMEOUT)
    page.fill(f"#{ids.ACC_NAME}", OFFICE)
    page.fill(f"#{ids.ACC_OFFICE}", "Dinas PUPR")
    page.locator(f"#{ids.ACC_KINDS} label").filter(has_text="coverage").click()
    page.locator(f"#{ids.ACC_INDICATORS} label").filter(has_text="water").first.click()
    page.fill(f"#{ids.ACC_PASSWORD}", OFFICE_TEMP)
    page.click(f"#{ids.ACC_CREATE}")
    expect(page.locator(f"#{ids.ACC_MSG}")).to_contain_text(f"Account {OFFICE} created", timeout=TIMEOUT)
    expect(page.locator(f"#{ids.ACC_TABLE}")).to_contain_text("Dinas PUPR")
    page.goto(page.base + "/data?lang=en")
    sign_out(page)
    # 3. the office signs in, must change its password, then imports its own file
    sign_in(page, OFFICE, OFFICE_TEMP)
    expect(page.locator(".password-form")).to_be_visible()
    expect(page.locator(f"#{ids.DATA_UPLOAD}")).to_have_count(0)  # nothing to import before the change
    page.fill(f"#{ids.DATA_PW_CURRENT}", OFFICE_TEMP)
    page.fill(f"#{ids.DATA_PW_NEW}", OFFICE_PW)
    page.fill(f"#{ids.DATA_PW_AGAIN}", OFFICE_PW)
    page.click(f"#{ids.DATA_PW_SUBMIT}")
    expect(page.locator(f"#{ids.DATA_NOTICE}")).to_contain_text("Password changed", timeout=TIMEOUT)
    expect(page.locator(f"#{ids.DATA_KIND}")).to_contain_text("coverage")
    expect(page.locator(f"#{ids.DATA_KIND}")).not_to_contain_text("Stunting prevalence")
    f = tmp_path / "pupr_air.csv"
    f.write_text(cakupan_csv(), encoding="utf-8")
    page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(f))
    expect(page.locator(f"#{ids.DATA_CHECK}")).to_contain_text("pupr_air.csv", timeout=TIMEOUT)
    page.click(f"#{ids.DATA_CONFIRM}")
    expect(page.locator(f"#{ids.DATA_MESSAGE}")).to_contain_text("Stored as version 1", timeout=TIMEOUT)
    sign_out(page)
    # 4. the admin reads the audit trail: the account created and the office's import
    sign_in(page, ADMIN, ADMIN_PW)
    page.click(f"#{ids.DATA_AUDIT_LINK}")
    table = page.locator(f"#{ids.AUDIT_TABLE}")
    expect(table).to_contain_text("account created", timeout=TIMEOUT)
    expect(table).to_contain_text("import")
    expect(table.locator("tr", has_text="import").first).to_contain_text(OFFICE)
    page.fill(f"#{ids.AUDIT_ACCOUNT}", OFFICE)
    page.locator(f"#{ids.AUDIT_ACCOUNT}").press("Enter")
    expect(table).not_to_contain_text("account created", timeout=TIMEOUT)
    with page.expect_download() as dl:
        page.click(f"#{ids.AUDIT_CSV}")
    text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert "impor" in text and OFFICE in text
    assert page.rec.errors == []
    context.close()


def _client(url, user=None, password=None) -> DashClient:
    c = DashClient(url)
    if user:
        assert c.login(user, password)[0] == 303
    return c


def test_roles_and_csrf_on_direct_calls(fresh_app):
    url = fresh_app["url"]
    versions = lambda: json.loads(_client(url).get("/healthz")[2])["versions"]  # noqa: E731
    office = _client(url, OFFICE, OFFICE_PW)
    before = versions()
    # an office importing a kind that is not its own: refused, nothing stored
    st, check = office.call(
        "data-upload.contents",
        ["data:text/csv;base64," + base64.b64encode(b"kode_desa,tahun\n").decode(), "prevalensi"],
        ["p.csv", "en"],
    )
    assert st == 200 and "not assigned to import" in text_in(check)
    # and a file of its kind that claims another office: refused with row and column
    check, st2, conf = check_and_confirm(office, "cakupan", cakupan_csv(opd="Dinas Kesehatan").encode(), "x.csv", "en")
    assert "names the office 'Dinas Kesehatan'" in text_in(check) and "not allowed" not in text_in(conf)
    assert versions() == before
    # a viewer (no account) calling an admin callback: refused, no account made
    anon = _client(url)
    st, answer = anon.call(
        "acc-create.n_clicks", [1, None, None, None, None], ["intruder", "admin", "", [], [], "intruder-pass-99", "en"]
    )
    assert st == 200 and "Only an admin" in text_in(answer)
    # CSRF: the admin's session without its token, or with another session's token, acts as nobody
    admin = _client(url, ADMIN, ADMIN_PW)
    other = _client(url, ADMIN, ADMIN_PW)
    args = ([1, None, None, None, None], ["mata", "opd", "Inspektorat", [], [], "inspektorat-99-x", "en"])
    admin.send_csrf = False
    st, answer = admin.call("acc-create.n_clicks", *args)
    assert "Only an admin" in text_in(answer)
    admin.send_csrf = True
    mine = admin.cookie("_csrf_token")
    for c in admin.cookies:
        if c.name == "_csrf_token":
            c.value = other.cookie("_csrf_token")
    st, answer = admin.call("acc-create.n_clicks", *args)
    assert "Only an admin" in text_in(answer)
    for c in admin.cookies:
        if c.name == "_csrf_token":
            c.value = mine
    st, answer = admin.call("acc-create.n_clicks", *args)
    assert "Account mata created" in text_in(answer), answer


def test_a_disabled_accounts_old_cookie_is_refused(fresh_app):
    url = fresh_app["url"]
    office = _client(url, OFFICE, OFFICE_PW)
    admin = _client(url, ADMIN, ADMIN_PW)
    st, answer = admin.call(
        "acc-create.n_clicks",
        [0, 0, 0, 1, 0],
        [OFFICE, None, None, None, None, None, "en"],
        changed="acc-disable.n_clicks",
    )
    assert "disabled" in text_in(answer), answer
    st, check = office.call(
        "data-upload.contents",
        ["data:text/csv;base64," + base64.b64encode(cakupan_csv().encode()).decode(), "cakupan"],
        ["x.csv", "en"],
    )
    assert "Sign in as data admin first" in text_in(check)
    st, _, body = office.get("/data?lang=en")
    assert st == 200
    assert admin.get("/unduh/audit.csv")[0] == 200 and office.get("/unduh/audit.csv")[0] == 403
