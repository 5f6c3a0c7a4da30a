"""Issue 15 without a browser: accounts, roles, password rules, first run, office imports, audit trail."""

from __future__ import annotations

import pytest
from dash import no_update

from callbacks import accounts as acc_cb
from callbacks import auth
from callbacks import data as data_cb
from geo.analysis import dataset
from geo.io import accounts, db, importers, signin, store
from geo.io.validate import KINDS

PASSWORD = "kopi-tubruk-pagi-7"

# Every test here runs against both stores: SQLite (the default) and PostgreSQL.
pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture(autouse=True)
def no_admin_in_the_environment(data_dir, monkeypatch):
    monkeypatch.delenv("KONVERGENSI_ADMIN_USER", raising=False)
    monkeypatch.delenv("KONVERGENSI_ADMIN_PASSWORD_HASH", raising=False)
    monkeypatch.setattr(auth, "FAIL_DELAY", 0)


@pytest.fixture
def server(web_server):
    server = web_server  # an app of this test's own, for its data folder

    return server


def posted(c, data: dict) -> dict:
    """A form as the page posts it: with the anonymous token, as cookie and field (double-submit)."""
    c.set_cookie("_csrf_token", "formtoken")
    return data | {"csrf": "formtoken"}


def admin() -> accounts.Account:
    return accounts.create("ana", PASSWORD, "admin")


def office(kinds=("cakupan",), indicators=("air_minum",)) -> accounts.Account:
    return accounts.create(
        "pupr",
        PASSWORD,
        "opd",
        "Dinas PUPR",
        list(kinds),
        list(indicators),
        allowed_kinds=("prevalensi", "cakupan", "sarana", "lokus", "batas"),
        allowed_indicators=("air_minum", "jamban_sehat", "anc4"),
    )


def cakupan_csv(rows) -> bytes:
    b = dataset.current().boundaries
    lines = ["kode_desa,nama_desa,tahun,indikator,pembilang,penyebut,opd"]
    for (code, name), (ind, opd) in zip(zip(b["kode_desa"], b["nama_desa"]), rows):
        lines.append(f"{code},{name},2024,{ind},40,80,{opd}")
    return ("\n".join(lines) + "\n").encode()


# ----- accounts and passwords --------------------------------------------------------------


@pytest.mark.parametrize(
    "password, key",
    [
        ("pendek", "account.err.password_short"),
        ("password123", "account.err.password_common"),
        ("Bismillah2024!", "account.err.password_common"),
        ("aaaaaaaaaaaa", "account.err.password_common"),
        ("ana-rahasia-sekali", "account.err.password_common"),
    ],
)
def test_weak_passwords_are_refused(password, key):
    with pytest.raises(accounts.AccountError) as e:
        accounts.create("ana", password, "admin")
    assert e.value.key == key
    assert accounts.list_accounts() == []


def test_accounts_are_created_once_and_verified_by_scrypt():
    a = admin()
    assert a.is_admin and a.password_hash.startswith("scrypt:") and PASSWORD not in repr(a)
    with pytest.raises(accounts.AccountError) as e:
        accounts.create("ANA", PASSWORD, "admin")
    assert e.value.key == "account.err.exists"
    assert accounts.verify("ana", PASSWORD) and not accounts.verify("ana", "salah-salah-salah")
    with pytest.raises(accounts.AccountError):
        accounts.create("bad name!", PASSWORD, "admin")


def test_the_first_admin_can_be_made_only_once():
    accounts.create_first_admin("ana", PASSWORD)
    with pytest.raises(accounts.AccountError) as e:
        accounts.create_first_admin("budi", PASSWORD)
    assert e.value.key == "account.err.not_first"


def test_the_audit_trail_cannot_be_edited():
    accounts.log("ana", "127.0.0.1", "masuk")
    con = store.connect()
    with pytest.raises(db.Error):
        con.execute("UPDATE audit SET akun = 'x'")
    with pytest.raises(db.Error):
        con.execute("DELETE FROM audit")
    con.close()
    assert [r["account"] for r in accounts.audit_rows()] == ["ana"]


def test_audit_rows_filter_by_account_action_and_date():
    accounts.log("ana", "a", "masuk")
    accounts.log("budi", "b", "impor", "cakupan · x.csv", 3)
    assert [r["account"] for r in accounts.audit_rows(account="BUDI")] == ["budi"]
    assert [r["action"] for r in accounts.audit_rows(action="masuk")] == ["masuk"]
    today = accounts._now()[:10]
    assert len(accounts.audit_rows(since=today, until=today)) == 2
    assert accounts.audit_rows(until="2000-01-01") == []


# ----- first run -----------------------------------------------------------------------------


def test_first_run_from_this_machine_or_with_the_token(server):
    c = server.test_client()
    form = {"user": "ana", "password": PASSWORD, "again": PASSWORD}
    form = posted(c, form)
    assert c.post("/akun/pertama", data=form, environ_base={"REMOTE_ADDR": "10.0.0.5"}).status_code == 403
    # relayed by a proxy on this machine that is not declared: not "from this machine"
    assert c.post("/akun/pertama", data=form, headers={"X-Forwarded-For": "10.0.0.5"}).status_code == 403
    assert accounts.list_accounts() == []
    token = auth.setup_token(create=True)
    r = c.post("/akun/pertama", data=form | {"token": token}, environ_base={"REMOTE_ADDR": "10.0.0.5"})
    assert r.status_code == 303 and accounts.get("ana").is_admin
    assert auth.setup_token() == ""  # used once
    other = server.test_client()
    again = other.post("/akun/pertama", data=posted(other, form | {"user": "budi"}))
    assert again.status_code == 403 and accounts.get("budi") is None
    assert [r["action"] for r in accounts.audit_rows()] == ["akun_pertama"]


def test_a_cross_site_page_cannot_create_the_first_admin(server):
    """From this machine but without the form's token (a page of another site posting to
    127.0.0.1): refused, no account made."""
    c = server.test_client()
    form = {"user": "mallory", "password": PASSWORD, "again": PASSWORD}
    assert c.post("/akun/pertama", data=form).status_code == 403
    assert c.post("/akun/pertama", data=form | {"csrf": "tebakan"}).status_code == 403
    assert accounts.list_accounts() == []


def test_the_environment_admin_keeps_working(data_dir, monkeypatch):
    from werkzeug.security import generate_password_hash

    import app
    from geo.core.config import Settings

    monkeypatch.setenv("KONVERGENSI_ADMIN_USER", "admin-env")
    monkeypatch.setenv("KONVERGENSI_ADMIN_PASSWORD_HASH", generate_password_hash(PASSWORD))
    server = app.create_app(Settings.from_env()).server  # settings are read when the app is built
    assert not auth.needs_first_admin()
    c = server.test_client()
    c.post("/masuk", data=posted(c, {"user": "admin-env", "password": PASSWORD}))
    with server.test_request_context(
        "/data", headers={"Cookie": c.get_cookie("konvergensi_sesi").key + "=" + c.get_cookie("konvergensi_sesi").value}
    ):
        acc = auth.signed_in_account()
        assert acc is not None and acc.is_admin and acc.from_environment


# ----- roles ---------------------------------------------------------------------------------


def test_an_office_imports_only_its_kinds(tmp_path):
    pupr = office()
    msg, *_ = data_cb.check_upload("data:text/csv;base64,eA==", "p.csv", "prevalensi", "en", pupr)
    assert "not assigned to import" in str(msg)
    pending = {"token": "0" * 32, "kind": "prevalensi", "file": "p.csv", "warnings": 0}
    msg, *_ = data_cb.confirm_import(pending, [], "en", pupr)
    assert "not assigned to import" in msg
    msg, table = data_cb.restore_version(1, "en", pupr)
    assert msg == "Only an admin can do this." and table is no_update


def test_only_an_admin_changes_the_indicator_catalogue():
    bappeda = accounts.create(
        "bappeda",
        "Kata-sandi-yang-panjang-1",
        "opd",
        office="Bappeda",
        kinds=["cakupan", "indikator"],
        allowed_kinds=KINDS,
    )
    assert bappeda.kinds == ["cakupan"] and not bappeda.may_import("indikator")
    forced = accounts.Account(name="x", role="opd", office="Bappeda", kinds=["indikator"])
    assert not forced.may_import("indikator")  # an account stored with it still may not
    msg, *_ = data_cb.check_upload("data:text/csv;base64,eA==", "k.csv", "indikator", "en", bappeda)
    assert "not assigned to import" in str(msg)
    assert "indikator" not in [k for k, _ in acc_cb.kinds("id")]


def test_an_office_file_cannot_claim_another_office_or_indicator():
    pupr = office()
    data = cakupan_csv(
        [("air_minum", "Dinas PUPR"), ("air_minum", "Dinas Kesehatan"), ("jamban_sehat", ""), ("air_minum", "")]
    )
    checked = importers.check("cakupan", data, "pupr.csv", **data_cb.office_of(pupr))
    errors = {(p.key, p.row, p.column) for p in checked.errors}
    assert ("office.claims_other", 3, "opd") in errors
    assert ("office.indicator_not_assigned", 4, "indikator") in errors
    ok = importers.check(
        "cakupan", cakupan_csv([("air_minum", ""), ("air_minum", "DINAS PUPR")]), "pupr.csv", **data_cb.office_of(pupr)
    )
    assert ok.ok and set(ok.rows["opd"]) == {"Dinas PUPR"}  # its rows carry its own office


def test_a_viewer_or_an_office_cannot_manage_accounts():
    a = admin()
    pupr = office()
    for who in (None, pupr):
        msg, table, options = acc_cb.manage("create", who, "mata", "admin", "", [], [], PASSWORD, "en")
        assert msg == "Only an admin can do this." and table is no_update
    assert accounts.get("mata") is None
    msg, *_ = acc_cb.manage("create", a, "dinkes", "opd", "Dinas Kesehatan", ["prevalensi"], [], PASSWORD, "en")
    assert msg.startswith("Account dinkes created") and accounts.get("dinkes").must_change
    assert [r["action"] for r in accounts.audit_rows()] == ["akun_dibuat"]


def test_disabling_an_account_ends_its_sessions(server):
    admin_acc = admin()
    office()
    c = server.test_client()
    c.post("/masuk", data=posted(c, {"user": "pupr", "password": PASSWORD}))
    sid_cookie = c.get_cookie("konvergensi_sesi").value
    msg, *_ = acc_cb.manage("disable", admin_acc, "pupr", None, None, None, None, None, "en")
    assert "disabled" in msg
    replay = server.test_client()
    replay.set_cookie("konvergensi_sesi", sid_cookie)
    with server.test_request_context("/data", headers={"Cookie": f"konvergensi_sesi={sid_cookie}"}):
        assert auth.signed_in_account() is None
    assert accounts.verify("pupr", PASSWORD) is None  # and it cannot sign in again


def test_the_last_admin_cannot_be_disabled_or_demoted_nor_oneself():
    a = admin()
    msg, *_ = acc_cb.manage("disable", a, "ana", None, None, None, None, None, "en")
    assert "cannot disable your own" in msg
    other = accounts.create("budi", PASSWORD, "admin")
    msg, *_ = acc_cb.manage("disable", other, "ana", None, None, None, None, None, "en")
    assert "disabled" in msg
    msg, *_ = acc_cb.manage("role", other, "budi", "opd", "Bappeda", [], [], None, "en")
    assert "last active admin" in msg


def test_a_reset_password_must_be_changed_before_acting(server):
    a = admin()
    office()
    acc_cb.manage("reset", a, "pupr", None, None, None, None, "sementara-123-x", "en")
    c = server.test_client()
    c.post("/masuk", data=posted(c, {"user": "pupr", "password": "sementara-123-x"}))
    cookie = f"konvergensi_sesi={c.get_cookie('konvergensi_sesi').value}"
    with server.test_request_context("/data", headers={"Cookie": cookie}):
        assert auth.signed_in_account().must_change and auth.current_account() is None
        token = auth.csrf_token()
    r = c.post(
        "/akun/sandi",
        data={"current": "sementara-123-x", "new": "baru-dan-panjang-9", "again": "baru-dan-panjang-9", "csrf": token},
    )
    assert r.status_code == 303 and "sandi=ok" in r.headers["Location"]
    assert not accounts.get("pupr").must_change and accounts.verify("pupr", "baru-dan-panjang-9")


def test_create_user_on_the_command_line(monkeypatch, capsys):
    import cli

    monkeypatch.setenv("KONVERGENSI_PASSWORD_INPUT", PASSWORD)
    assert cli.main(["create-user", "ana", "--role", "admin", "--lang", "en"]) == 0
    assert "Account ana (Admin) created." in capsys.readouterr().out
    assert (
        cli.main(
            [
                "create-user",
                "pupr",
                "--role",
                "opd",
                "--office",
                "Dinas PUPR",
                "--kinds",
                "cakupan,sarana",
                "--indicators",
                "air_minum",
            ]
        )
        == 0
    )
    assert accounts.get("pupr").kinds == ["cakupan", "sarana"]
    monkeypatch.setenv("KONVERGENSI_PASSWORD_INPUT", "pendek")
    assert cli.main(["create-user", "budi", "--role", "admin", "--lang", "en"]) == 2
    assert "at least 10 characters" in capsys.readouterr().out


def test_sign_in_and_failures_are_in_the_audit_trail(server):
    admin()
    c = server.test_client()
    c.post(
        "/masuk",
        data=posted(c, {"user": "ana", "password": "salah-sekali-123"}),
        environ_base={"REMOTE_ADDR": "10.9.0.1"},
    )
    c.post("/masuk", data=posted(c, {"user": "ana", "password": PASSWORD}), environ_base={"REMOTE_ADDR": "10.9.0.2"})
    rows = accounts.audit_rows()
    assert [(r["action"], r["address"]) for r in rows] == [("masuk", "10.9.0.2"), ("masuk_gagal", "10.9.0.1")]
    assert signin.failure_counts(auth.failure_keys("10.9.0.1", "ana"), auth.LOCK_SECONDS)[0] == 1
