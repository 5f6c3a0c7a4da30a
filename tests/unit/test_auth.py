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
