"""Sign-in for the data admin: one user from configuration, password stored hashed.

A plain HTML form posts to ``/masuk``; the signed Flask session cookie (HttpOnly,
SameSite=Lax) then marks the browser as admin. Only importing and restoring need it:
every page stays readable without signing in.
"""
from __future__ import annotations

import hmac
import logging
import sqlite3
import threading
import time
from contextlib import closing

from flask import redirect, request, session
from werkzeug.security import check_password_hash

from geo import config, readers

log = logging.getLogger("konvergensi.auth")

SESSION_KEY = "admin"
MAX_FAILURES = 10  # per client address and per user name (any case), then a pause
LOCK_SECONDS = 300
FAIL_DELAY = 0.5  # every wrong password costs this long, so guessing is slow even before the lock
FAILURES_FILE = "masuk_gagal.sqlite"
_flock = threading.Lock()
_memory: dict[str, list[float]] = {}  # fallback when the data folder cannot be written


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


def failure_keys(addr: str, user: str) -> list[str]:
    """What failures are counted against: the client address and the user name, folded
    (case, spaces), so "Admin " and "admin" share one count."""
    return [f"ip:{addr}", "user:" + " ".join((user or "").split()).casefold()[:200]]


def _failures_db():
    """Failed sign-ins, shared by every worker process (a small SQLite file in the data folder)."""
    path = config.data_dir() / FAILURES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.execute("CREATE TABLE IF NOT EXISTS gagal (kunci TEXT NOT NULL, waktu REAL NOT NULL)")
    return con


def _locked(keys: list[str]) -> bool:
    now = time.time()
    try:
        with _flock, closing(_failures_db()) as con:
            con.execute("DELETE FROM gagal WHERE waktu < ?", (now - LOCK_SECONDS,))
            counts = [con.execute("SELECT count(*) FROM gagal WHERE kunci=? AND waktu >= ?",
                                  (k, now - LOCK_SECONDS)).fetchone()[0] for k in keys]
    except (sqlite3.Error, OSError):  # read-only or full data folder: count in this process
        with _flock:
            counts = [sum(1 for t in _memory.get(k, []) if now - t < LOCK_SECONDS) for k in keys]
    return any(c >= MAX_FAILURES for c in counts)


def _fail(keys: list[str]) -> None:
    now = time.time()
    try:
        with _flock, closing(_failures_db()) as con:
            con.executemany("INSERT INTO gagal (kunci, waktu) VALUES (?, ?)", [(k, now) for k in keys])
    except (sqlite3.Error, OSError):
        with _flock:
            for k in keys:
                _memory[k] = [t for t in _memory.get(k, []) if now - t < LOCK_SECONDS] + [now]


def _back(lang: str, **params) -> str:
    q = [f"lang={lang}"] if lang == "en" else []
    q += [f"{k}={v}" for k, v in params.items()]
    return "/data" + ("?" + "&".join(q) if q else "")


def login():
    lang = "en" if request.form.get("lang") == "en" else "id"
    addr = request.remote_addr or "?"
    user = request.form.get("user", "")
    keys = failure_keys(addr, user)
    if _locked(keys) or not verify(user, request.form.get("password", "")):
        _fail(keys)
        log.warning("sign-in refused for user=%r from %s", user[:60], addr)
        time.sleep(FAIL_DELAY)
        return redirect(_back(lang, masuk="gagal"), code=303)
    log.info("sign-in user=%r from %s", config.admin_user(), addr)
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
    n = config.trusted_proxies()
    if n:  # behind nginx: the client's address, not the proxy's, for sign-in limits and logs
        from werkzeug.middleware.proxy_fix import ProxyFix

        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=0)
    server.add_url_rule("/masuk", "login", login, methods=["POST"])
    server.add_url_rule("/keluar", "logout", logout, methods=["POST"])
