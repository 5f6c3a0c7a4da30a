"""Sign-in for the data admin: one user from configuration, password stored hashed.

A plain HTML form posts to ``/masuk``; the signed Flask session cookie (HttpOnly,
SameSite=Lax) then marks the browser as admin. Only importing and restoring need it:
every page stays readable without signing in.
"""
from __future__ import annotations

import hmac
import threading
import time

from flask import redirect, request, session
from werkzeug.security import check_password_hash

from geo import config, readers

SESSION_KEY = "admin"
MAX_FAILURES = 10  # per client address, then a pause
LOCK_SECONDS = 300
_failures: dict[str, list[float]] = {}
_flock = threading.Lock()


def enabled() -> bool:
    return bool(config.admin_user() and config.admin_password_hash())


def current_user() -> str | None:
    """The signed-in admin's name, or None (also outside a request)."""
    try:
        user = session.get(SESSION_KEY)
    except RuntimeError:
        return None
    return user if user and enabled() and user == config.admin_user() else None


def verify(user: str, password: str) -> bool:
    if not enabled():
        return False
    same_user = hmac.compare_digest((user or "").strip().encode(), config.admin_user().encode())
    good_password = check_password_hash(config.admin_password_hash(), password or "")
    return same_user and good_password


def _locked(addr: str) -> bool:
    now = time.time()
    with _flock:
        recent = [t for t in _failures.get(addr, []) if now - t < LOCK_SECONDS]
        _failures[addr] = recent
        return len(recent) >= MAX_FAILURES


def _fail(addr: str) -> None:
    with _flock:
        _failures.setdefault(addr, []).append(time.time())


def _back(lang: str, **params) -> str:
    q = [f"lang={lang}"] if lang == "en" else []
    q += [f"{k}={v}" for k, v in params.items()]
    return "/data" + ("?" + "&".join(q) if q else "")


def login():
    lang = "en" if request.form.get("lang") == "en" else "id"
    addr = request.remote_addr or "?"
    if _locked(addr) or not verify(request.form.get("user", ""), request.form.get("password", "")):
        _fail(addr)
        time.sleep(0.3)
        return redirect(_back(lang, masuk="gagal"), code=303)
    session.clear()
    session[SESSION_KEY] = config.admin_user()
    return redirect(_back(lang), code=303)


def logout():
    lang = "en" if request.form.get("lang") == "en" else "id"
    session.clear()
    return redirect(_back(lang), code=303)


def configure(server) -> None:
    server.config.update(
        SECRET_KEY=config.secret_key(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies(),
        SESSION_COOKIE_NAME="konvergensi_sesi",
        # an upload arrives base64-encoded inside a JSON callback (4/3 larger)
        MAX_CONTENT_LENGTH=int(readers.max_bytes() * 1.4) + 65536,
    )
    server.add_url_rule("/masuk", "login", login, methods=["POST"])
    server.add_url_rule("/keluar", "logout", logout, methods=["POST"])
