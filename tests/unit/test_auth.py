"""Sign-in: credentials from configuration, hashed password, signed HttpOnly cookie carrying a
revocable session (issue 17: sign-out ends it, limits cannot lock the admin out, no blocking)."""

from __future__ import annotations

import os
import stat
import time

import pytest
from werkzeug.security import generate_password_hash

from callbacks import auth
from geo.core import config
from geo.io import signin


@pytest.fixture
def admin(monkeypatch, data_dir):
    monkeypatch.setenv("KONVERGENSI_ADMIN_USER", "admin")
    monkeypatch.setenv("KONVERGENSI_ADMIN_PASSWORD_HASH", generate_password_hash("benar"))
    monkeypatch.delenv("KONVERGENSI_SECRET_KEY", raising=False)
    monkeypatch.setattr(signin, "_memory_failures", {})
    return data_dir


@pytest.fixture
def no_delay(monkeypatch):
    monkeypatch.setattr(auth, "FAIL_DELAY", 0)


def _server():
    from flask import Flask

    from callbacks import web

    server = Flask("t")
    auth.configure(server)
    server.register_blueprint(web.bp)
    server.add_url_rule("/whoami", "whoami", lambda: auth.current_user() or "-")
    server.add_url_rule("/token", "token", lambda: auth.csrf_token() or "-")
    return server


def _form(c, **data):
    """A post of the sign-in form as the page sends it: with the anonymous token (cookie + field)."""
    c.set_cookie("_csrf_token", "formtoken")
    return data | {"csrf": "formtoken"}


def _login(c, user, password, addr="127.0.0.1"):
    c.post("/masuk", data=_form(c, user=user, password=password), environ_base={"REMOTE_ADDR": addr})
    return c.get("/whoami").text == "admin"


def _logout(c):
    return c.post("/keluar", data={"csrf": c.get("/token").text})


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


def test_login_sets_a_session_only_with_the_right_password(admin, no_delay):
    c = _server().test_client()
    r = c.post("/masuk", data=_form(c, user="admin", password="salah"))
    assert r.status_code == 303 and "gagal" in r.headers["Location"]
    assert c.get("/whoami").text == "-"
    r = c.post("/masuk", data=_form(c, user="admin", password="benar"))
    cookie = next(h for h in r.headers.getlist("Set-Cookie") if h.startswith("konvergensi_sesi="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert c.get("/whoami").text == "admin"
    assert _logout(c).status_code == 303
    assert c.get("/whoami").text == "-"


def test_a_cookie_kept_from_before_sign_out_no_longer_works(admin):
    c = _server().test_client()
    assert _login(c, "admin", "benar")
    saved = c.get_cookie("konvergensi_sesi").value
    assert _logout(c).status_code == 303
    replay = _server().test_client()
    replay.set_cookie("konvergensi_sesi", saved)
    assert replay.get("/whoami").text == "-"


def test_sign_out_needs_the_session_token(admin):
    c = _server().test_client()
    assert _login(c, "admin", "benar")
    for data in ({}, {"csrf": "falsch"}, {"csrf": ""}):
        r = c.post("/keluar", data=data)
        assert r.status_code == 400 and c.get("/whoami").text == "admin"
    assert c.get("/keluar").status_code == 405  # never by a link or an image
    assert _logout(c).status_code == 303 and c.get("/whoami").text == "-"


def test_a_password_change_ends_every_session(admin, monkeypatch):
    c = _server().test_client()
    assert _login(c, "admin", "benar")
    monkeypatch.setenv("KONVERGENSI_ADMIN_PASSWORD_HASH", generate_password_hash("baru-sekali"))
    assert c.get("/whoami").text == "-"


def test_disabling_the_account_ends_its_sessions(admin, monkeypatch):
    c = _server().test_client()
    assert _login(c, "admin", "benar")
    assert signin.revoke_user("admin") == 1
    assert c.get("/whoami").text == "-"
    c2 = _server().test_client()
    assert _login(c2, "admin", "benar")
    monkeypatch.delenv("KONVERGENSI_ADMIN_USER")
    assert c2.get("/whoami").text == "-"


def test_idle_sessions_end_after_eight_hours(admin, monkeypatch):
    c = _server().test_client()
    assert _login(c, "admin", "benar")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 3 * 3600)
    assert c.get("/whoami").text == "admin"  # used: the idle clock starts again
    monkeypatch.setattr(time, "time", lambda: now + 3 * 3600 + signin.IDLE_SECONDS - 60)
    assert c.get("/whoami").text == "admin"
    monkeypatch.setattr(time, "time", lambda: now + 3 * 3600 + 2 * signin.IDLE_SECONDS + 60)
    assert c.get("/whoami").text == "-"


def test_a_forged_cookie_signs_nobody_in(admin):
    c = _server().test_client()
    c.set_cookie("konvergensi_sesi", "eyJzaWQiOiJ4In0.ZZZZZZ.palsu")
    assert c.get("/whoami").text == "-"


def test_wrong_passwords_never_hold_the_worker(admin, monkeypatch):
    """No sleep: an address must wait FAIL_DELAY after its failure, and an attempt that comes sooner
    is refused at once (without being counted)."""

    def no_sleep(_s):
        raise AssertionError("sign-in must not sleep")

    monkeypatch.setattr(time, "sleep", no_sleep)
    c = _server().test_client()
    assert not _login(c, "admin", "salah", "10.0.0.1")
    assert not _login(c, "admin", "benar", "10.0.0.1")  # too soon after a failure
    assert signin.failure_counts(auth.failure_keys("10.0.0.1", "admin"), auth.LOCK_SECONDS) == [1, 1]
    assert _login(c, "admin", "benar", "10.0.0.2")  # another address is not slowed down


def test_every_reply_costs_one_password_hash(admin, monkeypatch, no_delay):
    """Right, wrong, unknown user, locked: the same work, so the reply time tells nothing."""
    calls = []
    real = auth.check_password_hash
    monkeypatch.setattr(auth, "check_password_hash", lambda h, p: calls.append(1) or real(h, p))
    c = _server().test_client()
    for _ in range(auth.MAX_ADDR_FAILURES):
        _login(c, "admin", "salah", "10.5.0.1")
    calls.clear()
    _login(c, "admin", "benar", "10.5.0.1")  # locked
    _login(c, "tamu", "x", "10.5.0.2")  # unknown user
    _login(c, "admin", "salah", "10.5.0.3")  # wrong password
    _login(c, "admin", "benar", "10.5.0.4")  # right
    assert calls == [1, 1, 1, 1]


def test_one_address_cannot_lock_the_admin_out(admin, no_delay):
    c = _server().test_client()
    for _ in range(3 * auth.MAX_USER_FAILURES):
        assert not _login(c, "admin", "salah", "203.0.113.9")
    assert not _login(c, "admin", "benar", "203.0.113.9")  # that address is locked
    assert _login(_server().test_client(), "admin", "benar", "10.0.0.3")  # the admin elsewhere is not


def test_lockout_per_address(admin, no_delay):
    c = _server().test_client()
    for i in range(auth.MAX_ADDR_FAILURES):  # a different user name every time: the address is counted
        assert not _login(c, f"tamu{i}", "salah", "10.0.0.2")
    assert not _login(c, "admin", "benar", "10.0.0.2")  # locked, even with the right password
    assert _login(_server().test_client(), "admin", "benar", "10.0.0.3")


def test_lockout_per_user_in_any_case_from_many_addresses(admin, no_delay):
    c = _server().test_client()
    variants = ["admin", "ADMIN", "Admin ", " aDmin", "admin\t"]
    for i in range(auth.MAX_USER_FAILURES):  # spread over addresses and spellings of the name
        assert not _login(c, variants[i % len(variants)], "salah", f"10.1.0.{i}")
    assert not _login(_server().test_client(), "admin", "benar", "10.9.9.9")


def test_attempts_while_locked_do_not_extend_the_lock(admin, monkeypatch, no_delay):
    c = _server().test_client()
    for _ in range(auth.MAX_ADDR_FAILURES):
        _login(c, "admin", "salah", "10.6.0.1")
    now = time.time()
    for step in range(1, 10):  # knocking every half minute while locked
        monkeypatch.setattr(time, "time", lambda s=step: now + 30 * s)
        assert not _login(c, "admin", "salah", "10.6.0.1")
    assert (
        signin.failure_counts(auth.failure_keys("10.6.0.1", "admin"), auth.LOCK_SECONDS, now + 290)[0]
        == auth.MAX_ADDR_FAILURES
    )
    monkeypatch.setattr(time, "time", lambda: now + auth.LOCK_SECONDS + 1)
    assert _login(c, "admin", "benar", "10.6.0.1")  # the lock ran out on time


def test_lockout_is_shared_by_every_worker_process(admin, no_delay):
    """The failures live in the data folder, not in one process's memory."""
    for i in range(auth.MAX_USER_FAILURES):
        assert not _login(_server().test_client(), "admin", "salah", f"10.2.0.{i}")  # a "worker" per attempt
    assert auth._locked(auth.failure_keys("10.2.0.99", "Admin"))
    assert (admin / auth.FAILURES_FILE).exists()


def test_lockout_expires(admin, monkeypatch, no_delay):
    c = _server().test_client()
    for _ in range(auth.MAX_ADDR_FAILURES):
        _login(c, "admin", "salah", "10.3.0.1")
    assert not _login(c, "admin", "benar", "10.3.0.1")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + auth.LOCK_SECONDS + 1)
    assert _login(c, "admin", "benar", "10.3.0.1")


def test_client_address_behind_a_trusted_proxy(admin, monkeypatch, no_delay):
    monkeypatch.setenv("KONVERGENSI_TRUSTED_PROXIES", "1")
    c = _server().test_client()
    for _ in range(auth.MAX_ADDR_FAILURES):
        c.post(
            "/masuk",
            data=_form(c, user="tamu", password="x"),
            headers={"X-Forwarded-For": "192.168.1.7"},
            environ_base={"REMOTE_ADDR": "127.0.0.1"},
        )
    assert auth._locked(auth.failure_keys("192.168.1.7", "lain"))
    assert not auth._locked(auth.failure_keys("127.0.0.1", "lain"))  # the proxy itself is not locked out


def test_sign_in_works_when_the_data_folder_cannot_be_written(admin, monkeypatch, no_delay):
    import sqlite3

    def broken():
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(signin, "_db", broken)
    c = _server().test_client()
    assert _login(c, "admin", "benar", "10.4.0.1")  # the admin can still sign in (session in memory)
    assert _logout(c).status_code == 303 and c.get("/whoami").text == "-"
    c = _server().test_client()
    for _ in range(auth.MAX_ADDR_FAILURES):
        assert not _login(c, "admin", "salah", "10.4.0.2")
    assert not _login(c, "admin", "benar", "10.4.0.2")  # and guessing is still limited


def test_sign_in_needs_the_forms_token(admin, no_delay):
    """A cross-site page cannot post the sign-in form: it can neither read nor set the token cookie."""
    c = _server().test_client()
    for data in ({"user": "admin", "password": "benar"}, {"user": "admin", "password": "benar", "csrf": "x"}):
        r = c.post("/masuk", data=data)
        assert r.status_code == 303 and "masuk=token" in r.headers["Location"]
        assert c.get("/whoami").text == "-"
    assert signin.failure_counts(auth.failure_keys("127.0.0.1", "admin"), auth.LOCK_SECONDS) == [0, 0]
    assert _login(c, "admin", "benar")
