"""Sign-in: credentials from configuration, hashed password, signed HttpOnly cookie."""
from __future__ import annotations

import os
import stat

import pytest
from werkzeug.security import generate_password_hash

from callbacks import auth
from geo import config


@pytest.fixture
def admin(monkeypatch, tmp_path):
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KONVERGENSI_ADMIN_USER", "admin")
    monkeypatch.setenv("KONVERGENSI_ADMIN_PASSWORD_HASH", generate_password_hash("benar"))
    monkeypatch.delenv("KONVERGENSI_SECRET_KEY", raising=False)
    return tmp_path


def test_verify(admin, monkeypatch):
    assert auth.verify("admin", "benar")
    assert not auth.verify("admin", "salah") and not auth.verify("tamu", "benar") and not auth.verify("", "")
    monkeypatch.delenv("KONVERGENSI_ADMIN_PASSWORD_HASH")
    assert not auth.enabled() and not auth.verify("admin", "benar")


def test_secret_key_is_made_once_and_private(admin):
    k1 = config.secret_key()
    assert len(k1) >= 32 and config.secret_key() == k1
    mode = stat.S_IMODE(os.stat(admin / "secret_key").st_mode)
    assert mode == 0o600


def test_login_sets_a_session_only_with_the_right_password(admin):
    from flask import Flask

    server = Flask("t")
    auth.configure(server)
    server.add_url_rule("/whoami", "whoami", lambda: auth.current_user() or "-")
    c = server.test_client()
    r = c.post("/masuk", data={"user": "admin", "password": "salah"})
    assert r.status_code == 303 and "gagal" in r.headers["Location"]
    assert c.get("/whoami").text == "-"
    r = c.post("/masuk", data={"user": "admin", "password": "benar"})
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert c.get("/whoami").text == "admin"
    c.post("/keluar")
    assert c.get("/whoami").text == "-"


def _server():
    from flask import Flask

    server = Flask("t")
    auth.configure(server)
    server.add_url_rule("/whoami", "whoami", lambda: auth.current_user() or "-")
    return server


def _login(c, user, password, addr):
    c.post("/masuk", data={"user": user, "password": password}, environ_base={"REMOTE_ADDR": addr})
    return c.get("/whoami").text == "admin"


def test_wrong_passwords_are_slowed_down(admin):
    import time

    c = _server().test_client()
    t0 = time.perf_counter()
    assert not _login(c, "admin", "salah", "10.0.0.1")
    assert time.perf_counter() - t0 >= auth.FAIL_DELAY


def test_lockout_per_address(admin, monkeypatch):
    monkeypatch.setattr(auth, "FAIL_DELAY", 0)
    c = _server().test_client()
    for i in range(auth.MAX_FAILURES):  # a different user name every time: the address is counted
        assert not _login(c, f"tamu{i}", "salah", "10.0.0.2")
    assert not _login(c, "admin", "benar", "10.0.0.2")  # locked, even with the right password
    assert _login(_server().test_client(), "admin", "benar", "10.0.0.3")  # another address is not


def test_lockout_per_user_in_any_case_from_any_address(admin, monkeypatch):
    monkeypatch.setattr(auth, "FAIL_DELAY", 0)
    c = _server().test_client()
    variants = ["admin", "ADMIN", "Admin ", " aDmin", "admin\t"]
    for i in range(auth.MAX_FAILURES):  # spread over addresses and spellings of the name
        assert not _login(c, variants[i % len(variants)], "salah", f"10.1.0.{i}")
    assert not _login(_server().test_client(), "admin", "benar", "10.9.9.9")


def test_lockout_is_shared_by_every_worker_process(admin, monkeypatch):
    """The failures live in the data folder, not in one process's memory."""
    monkeypatch.setattr(auth, "FAIL_DELAY", 0)
    for i in range(auth.MAX_FAILURES):
        assert not _login(_server().test_client(), "admin", "salah", "10.2.0.1")  # a "worker" per attempt
    assert auth._locked(auth.failure_keys("10.2.0.9", "Admin"))
    assert (admin / auth.FAILURES_FILE).exists()


def test_lockout_expires(admin, monkeypatch):
    import time

    monkeypatch.setattr(auth, "FAIL_DELAY", 0)
    c = _server().test_client()
    for _ in range(auth.MAX_FAILURES):
        _login(c, "admin", "salah", "10.3.0.1")
    assert not _login(c, "admin", "benar", "10.3.0.2")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + auth.LOCK_SECONDS + 1)
    assert _login(c, "admin", "benar", "10.3.0.2")


def test_session_cookie_flags(admin):
    c = _server().test_client()
    r = c.post("/masuk", data={"user": "admin", "password": "benar"})
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and cookie.startswith("konvergensi_sesi=")


def test_client_address_behind_a_trusted_proxy(admin, monkeypatch):
    monkeypatch.setattr(auth, "FAIL_DELAY", 0)
    monkeypatch.setenv("KONVERGENSI_TRUSTED_PROXIES", "1")
    c = _server().test_client()
    for _ in range(auth.MAX_FAILURES):
        c.post("/masuk", data={"user": "tamu", "password": "x"}, headers={"X-Forwarded-For": "192.168.1.7"},
               environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert auth._locked(auth.failure_keys("192.168.1.7", "lain"))
    assert not auth._locked(auth.failure_keys("127.0.0.1", "lain"))  # the proxy itself is not locked out


def test_failures_are_still_counted_when_the_data_folder_cannot_be_written(admin, monkeypatch):
    import sqlite3

    def broken():
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(auth, "_failures_db", broken)
    monkeypatch.setattr(auth, "_memory", {})
    monkeypatch.setattr(auth, "FAIL_DELAY", 0)
    assert _login(_server().test_client(), "admin", "benar", "10.4.0.1")  # the admin can still sign in
    c = _server().test_client()
    for _ in range(auth.MAX_FAILURES):
        assert not _login(c, "admin", "salah", "10.4.0.2")
    assert not _login(c, "admin", "benar", "10.4.0.3")  # and guessing is still limited
