"""Sign-in for the data admin: one user from configuration, password stored hashed.

A plain HTML form posts to ``/masuk``; the signed Flask session cookie (HttpOnly,
SameSite=Lax) then carries a random session id that the server checks on every request
(``geo.signin``): signing out, a password change and disabling the account end it, and it
ends by itself after 8 hours unused. Only importing, restoring and saving lokus scenarios
need it: every page stays readable without signing in.

Guessing is limited without holding a worker: a failure is counted against the client
address (:data:`MAX_ADDR_FAILURES`) and the folded user name (:data:`MAX_USER_FAILURES`, more
than one address may use), an address must wait :data:`FAIL_DELAY` after its failure before
its next attempt is even checked, attempts refused while locked are not counted, and every
reply (right, wrong, locked or too soon) costs the same one password-hash computation.
"""
from __future__ import annotations

import hmac
import logging
import secrets
import time

from flask import Response, g, redirect, request, session
from werkzeug.security import check_password_hash

from geo import config, readers, signin
from geo.i18n import norm_lang, t

log = logging.getLogger("konvergensi.auth")

SESSION_ID = "sid"
STATELESS = "ro"  # [password fingerprint, sign-in time]: a session the data folder could not record
CSRF_KEY = "csrf"
MAX_ADDR_FAILURES = 5  # per client address: one address can never lock the account out
MAX_USER_FAILURES = 10  # per user name (any case), from any number of addresses
LOCK_SECONDS = 300
FAIL_DELAY = 0.5  # after a failure, the same address waits this long before its next attempt is checked
FAILURES_FILE = signin.FILE_NAME
# A hash of a random password: a wrong user name costs the same hash computation as a right one.
_DUMMY_HASH = "scrypt:32768:8:1$" + "x" * 16 + "$" + "0" * 128


def enabled() -> bool:
    return bool(config.admin_user() and config.admin_password_hash())


def _fingerprint() -> str:
    return signin.password_fingerprint(config.admin_password_hash())


def current_user() -> str | None:
    """The signed-in admin's name, or None (also outside a request). Checked against the
    session store on every request (once per request)."""
    try:
        if "konvergensi_user" in g:
            return g.konvergensi_user
        sid = session.get(SESSION_ID)
    except RuntimeError:
        return None
    user = None
    if sid and enabled() and signin.valid(sid, config.admin_user(), _fingerprint()):
        user = config.admin_user()
    elif not sid and enabled() and _stateless_valid(session.get(STATELESS)):
        user = config.admin_user()
    g.konvergensi_user = user
    return user


def _stateless_valid(value) -> bool:
    """A session kept in the signed cookie alone (signed in while the data folder could not be
    written): valid for the same password and up to 8 hours after sign-in."""
    try:
        fp, started = value
        return fp == _fingerprint() and 0 <= time.time() - float(started) < signin.IDLE_SECONDS
    except (TypeError, ValueError):
        return False


def csrf_token() -> str:
    """The signed-in session's token for forms that change state (sign-out)."""
    try:
        return session.get(CSRF_KEY, "") if current_user() else ""
    except RuntimeError:
        return ""


def verify(user: str, password: str) -> bool:
    """Right user and password. Always computes one password hash, whatever the user name."""
    configured = config.admin_password_hash() if enabled() else ""
    same_user = enabled() and hmac.compare_digest((user or "").strip().encode(), config.admin_user().encode())
    good_password = check_password_hash(configured or _DUMMY_HASH, password or "")
    return bool(same_user and good_password and configured)


def failure_keys(addr: str, user: str) -> list[str]:
    """What failures are counted against: the client address and the user name, folded
    (case, spaces), so "Admin " and "admin" share one count."""
    return [f"ip:{addr}", "user:" + " ".join((user or "").split()).casefold()[:200]]


def _locked(keys: list[str]) -> bool:
    counts = signin.failure_counts(keys, LOCK_SECONDS)
    return counts[0] >= MAX_ADDR_FAILURES or counts[1] >= MAX_USER_FAILURES


def _too_soon(addr_key: str) -> bool:
    last = signin.last_failure(addr_key)
    return last is not None and time.time() - last < FAIL_DELAY


def _back(lang: str, **params) -> str:
    q = [f"lang={lang}"] if lang == "en" else []
    q += [f"{k}={v}" for k, v in params.items()]
    return "/data" + ("?" + "&".join(q) if q else "")


def login():
    lang = "en" if request.form.get("lang") == "en" else "id"
    addr = request.remote_addr or "?"
    user = request.form.get("user", "")
    keys = failure_keys(addr, user)
    refused = _locked(keys) or _too_soon(keys[0])
    right = verify(user, request.form.get("password", ""))  # computed in every case: same time
    if refused or not right:
        if not refused:  # attempts while locked or too soon are not counted: they never extend a lock
            signin.add_failure(keys, LOCK_SECONDS)
        log.warning("sign-in refused for user=%r from %s%s", user[:60], addr, " (locked)" if refused else "")
        return redirect(_back(lang, masuk="gagal"), code=303)
    log.info("sign-in user=%r from %s", config.admin_user(), addr)
    session.clear()
    sid = signin.create(config.admin_user(), _fingerprint())
    if sid:
        session[SESSION_ID] = sid
    else:  # a read-only or full data folder: the signed cookie alone (cannot be revoked, ends in 8 hours)
        session[STATELESS] = [_fingerprint(), time.time()]
    session[CSRF_KEY] = secrets.token_urlsafe(24)
    return redirect(_back(lang), code=303)


def logout():
    """Sign out: only a POST carrying the session's token (a cross-site page cannot sign anyone out)."""
    lang = norm_lang(request.form.get("lang"))
    expected = session.get(CSRF_KEY, "")
    given = request.form.get(CSRF_KEY, "")
    if not expected or not hmac.compare_digest(str(given).encode(), str(expected).encode()):
        return Response(t("auth.logout_refused", lang), status=400, mimetype="text/plain; charset=utf-8")
    sid = session.get(SESSION_ID)
    if sid:
        signin.revoke(sid)
    log.info("sign-out from %s", request.remote_addr or "?")
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
