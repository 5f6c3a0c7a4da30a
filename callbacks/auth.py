"""Sign-in: accounts of the store (``geo.io.accounts``: admins and offices) and, for existing
installations, the one admin of ``KONVERGENSI_ADMIN_USER`` / ``KONVERGENSI_ADMIN_PASSWORD_HASH``.

A plain HTML form posts to ``/masuk``; the signed Flask session cookie (HttpOnly,
SameSite=Lax) then carries a random session id that the server checks on every request
(``geo.io.signin``): signing out, a password change and disabling the account end it, and it
ends by itself after 8 hours unused. Every page stays readable without signing in.

**CSRF.** At sign-in the session gets a random token. Forms that change state carry it as a
hidden field (``csrf``); Dash's renderer sends it with every callback as the ``X-CSRFToken``
header, read from the ``_csrf_token`` cookie (not HttpOnly, SameSite=Strict) that is set at
sign-in. A callback request of a signed-in browser without the session's token (or with another
session's) acts as nobody: every action that changes something is refused. SameSite=Lax stays
as a second layer.

**First run.** While no account exists (and no admin is configured in the environment),
``/data`` offers to create the first admin. Only a request from the server itself (loopback,
as seen by this process) or one carrying the one-time set-up token that the server prints in
its log at start may do it (``/akun/pertama``).

Guessing is limited without holding a worker: a failure is counted against the client
address (:data:`MAX_ADDR_FAILURES`) and the folded user name (:data:`MAX_USER_FAILURES`, more
than one address may use), an address must wait :data:`FAIL_DELAY` after its failure before
its next attempt is even checked, attempts refused while locked are not counted, and every
reply (right, wrong, locked or too soon) costs the same one password-hash computation.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import secrets
import time

from flask import Response, after_this_request, g, redirect, request, session
from werkzeug.security import check_password_hash

from geo.core import config
from geo.core.i18n import norm_lang, t
from geo.io import accounts, readers, signin

log = logging.getLogger("konvergensi.auth")

SESSION_ID = "sid"
STATELESS = "ro"  # [password fingerprint, sign-in time]: a session the data folder could not record
CSRF_KEY = "csrf"
CSRF_COOKIE = "_csrf_token"  # Dash's renderer sends this cookie's value as the X-CSRFToken header
CSRF_HEADER = "X-CSRFToken"
MAX_ADDR_FAILURES = 5  # per client address: one address can never lock the account out
MAX_USER_FAILURES = 10  # per user name (any case), from any number of addresses
LOCK_SECONDS = 300
FAIL_DELAY = 0.5  # after a failure, the same address waits this long before its next attempt is checked
FAILURES_FILE = signin.FILE_NAME
SETUP_TOKEN_FILE = "token_penyiapan"
# A hash of a random password: a wrong user name costs the same hash computation as a right one.
_DUMMY_HASH = "scrypt:32768:8:1$" + "x" * 16 + "$" + "0" * 128


# ----- who is signed in ------------------------------------------------------------------


def env_admin() -> accounts.Account | None:
    """The admin configured in the environment (existing installations), if any."""
    user, hashed = config.admin_user(), config.admin_password_hash()
    if not (user and hashed):
        return None
    return accounts.Account(name=user, role="admin", password_hash=hashed, from_environment=True)


def find_account(name: str) -> accounts.Account | None:
    env = env_admin()
    if env and name and hmac.compare_digest(name.strip().encode(), env.name.encode()):
        return env
    return accounts.get(name)


def enabled() -> bool:
    """Whether anyone can sign in (an account exists, or the environment names an admin)."""
    return env_admin() is not None or accounts.any_account()


def needs_first_admin() -> bool:
    return not enabled()


def _fingerprint(acc: accounts.Account) -> str:
    return signin.password_fingerprint(acc.password_hash)


def signed_in_account() -> accounts.Account | None:
    """The account of this browser's valid session (for what the page shows), or None."""
    try:
        if "konvergensi_account" in g:
            return g.konvergensi_account
        sid = session.get(SESSION_ID)
        name = session.get("user")
    except RuntimeError:
        return None
    acc = None
    if name:
        candidate = find_account(name)
        if (
            candidate
            and candidate.active
            and (
                signin.valid(sid, candidate.name, _fingerprint(candidate))
                if sid
                else _stateless_valid(session.get(STATELESS), candidate)
            )
        ):
            acc = candidate
    g.konvergensi_account = acc
    return acc


def _stateless_valid(value, acc: accounts.Account) -> bool:
    """A session kept in the signed cookie alone (signed in while the data folder could not be
    written): valid for the same password and up to 8 hours after sign-in."""
    try:
        fp, started = value
        return fp == _fingerprint(acc) and 0 <= time.time() - float(started) < signin.IDLE_SECONDS
    except (TypeError, ValueError):
        return False


def _tokens_match(given, expected) -> bool:
    """A token was expected and the one given is the same (compared in constant time)."""
    return bool(expected) and hmac.compare_digest(str(given or "").encode(), str(expected).encode())


def _csrf_ok() -> bool:
    """A Dash callback request carries the session's token (the renderer sends it as a header)."""
    return _tokens_match(request.headers.get(CSRF_HEADER), session.get(CSRF_KEY))


def current_account() -> accounts.Account | None:
    """The account that may *act* in this request: signed in, not waiting for a password change,
    and, for a Dash callback, carrying the session's CSRF token. None otherwise (also outside a request)."""
    acc = signed_in_account()
    if acc is None or acc.must_change:
        return None
    try:
        if request.path.endswith("/_dash-update-component") and not _csrf_ok():
            return None
    except RuntimeError:
        return None
    return acc


def current_user() -> str | None:
    """The name of :func:`current_account` (what imports and scenarios record as their author)."""
    acc = current_account()
    return acc.name if acc else None


def csrf_token() -> str:
    """The signed-in session's token for forms that change state."""
    try:
        return session.get(CSRF_KEY, "") if signed_in_account() else ""
    except RuntimeError:
        return ""


def client_address() -> str:
    try:
        return request.remote_addr or "?"
    except RuntimeError:
        return "cli"


def audit(action: str, detail: str = "", version: int | None = None, account: str | None = None) -> None:
    accounts.log(account if account is not None else (current_user() or ""), client_address(), action, detail, version)


# ----- sign-in limits --------------------------------------------------------------------


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


def verify(user: str, password: str) -> accounts.Account | None:
    """The active account with this name and password. Always computes one password hash,
    whatever the user name."""
    acc = find_account((user or "").strip())
    usable = acc is not None and acc.active
    good = check_password_hash(acc.password_hash if usable else _DUMMY_HASH, password or "")
    return acc if usable and good else None


def _back(lang: str, **params) -> str:
    q = [f"lang={lang}"] if lang == "en" else []
    q += [f"{k}={v}" for k, v in params.items()]
    return "/data" + ("?" + "&".join(q) if q else "")


def _start_session(acc: accounts.Account, resp):
    session.clear()
    sid = signin.create(acc.name, _fingerprint(acc))
    if sid:
        session[SESSION_ID] = sid
    else:  # a read-only or full data folder: the signed cookie alone (cannot be revoked, ends in 8 hours)
        session[STATELESS] = [_fingerprint(acc), time.time()]
    session["user"] = acc.name
    session[CSRF_KEY] = secrets.token_urlsafe(24)
    resp.set_cookie(
        CSRF_COOKIE, session[CSRF_KEY], httponly=False, samesite="Strict", path="/", secure=config.secure_cookies()
    )
    return resp


def form_token() -> str:
    """The token of the forms shown before anyone is signed in (sign-in, first admin): the
    ``_csrf_token`` cookie's value, set now when the browser has none. A cross-site page can
    neither read that cookie nor set it, so it cannot post these forms (double-submit)."""
    try:
        token = request.cookies.get(CSRF_COOKIE, "")
    except RuntimeError:
        return ""
    if not token or len(token) > 100:
        token = secrets.token_urlsafe(24)

        @after_this_request
        def _set(resp):
            resp.set_cookie(
                CSRF_COOKIE, token, httponly=False, samesite="Strict", path="/", secure=config.secure_cookies()
            )
            return resp

    return token


def _anonymous_form_ok() -> bool:
    """A form posted before sign-in repeats the ``_csrf_token`` cookie in its hidden field."""
    return _tokens_match(request.form.get(CSRF_KEY), request.cookies.get(CSRF_COOKIE))


def login():
    lang = "en" if request.form.get("lang") == "en" else "id"
    if not _anonymous_form_ok():  # not posted by this app's own sign-in form: nothing is checked or counted
        return redirect(_back(lang, masuk="token"), code=303)
    addr = client_address()
    user = request.form.get("user", "")
    keys = failure_keys(addr, user)
    refused = _locked(keys) or _too_soon(keys[0])
    acc = verify(user, request.form.get("password", ""))  # computed in every case: same time
    if refused or acc is None:
        if not refused:  # attempts while locked or too soon are not counted: they never extend a lock
            signin.add_failure(keys, LOCK_SECONDS)
        log.warning("sign-in refused for user=%r from %s%s", user[:60], addr, " (locked)" if refused else "")
        audit("masuk_gagal", "terkunci" if refused else "", account=" ".join(user.split())[:60])
        return redirect(_back(lang, masuk="gagal"), code=303)
    log.info("sign-in user=%r from %s", acc.name, addr)
    audit("masuk", acc.role + (f" · {acc.office}" if acc.office else ""), account=acc.name)
    return _start_session(acc, redirect(_back(lang), code=303))


def _form_token_ok() -> bool:
    """A form posted by a signed-in browser carries its session's token."""
    return _tokens_match(request.form.get(CSRF_KEY), session.get(CSRF_KEY))


def logout():
    """Sign out: only a POST carrying the session's token (a cross-site page cannot sign anyone out)."""
    lang = norm_lang(request.form.get("lang"))
    if not _form_token_ok():
        return Response(t("auth.logout_refused", lang), status=400, mimetype="text/plain; charset=utf-8")
    sid = session.get(SESSION_ID)
    acc = signed_in_account()
    if sid:
        signin.revoke(sid)
    log.info("sign-out from %s", client_address())
    if acc:
        audit("keluar", account=acc.name)
    session.clear()
    resp = redirect(_back(lang), code=303)
    resp.delete_cookie(CSRF_COOKIE, path="/")
    return resp


def change_password():
    """A signed-in user changes their own password (also the forced change after a reset):
    current password, new one twice, and the session's token. Every other session of the user
    ends; this browser gets a new session."""
    lang = norm_lang(request.form.get("lang"))
    acc = signed_in_account()
    if acc is None or not _form_token_ok():
        return Response(t("auth.form_refused", lang), status=400, mimetype="text/plain; charset=utf-8")
    if acc.from_environment:
        return redirect(_back(lang, sandi="env"), code=303)
    new, again = request.form.get("new", ""), request.form.get("again", "")
    if verify(acc.name, request.form.get("current", "")) is None:
        return redirect(_back(lang, sandi="salah"), code=303)
    if new != again:
        return redirect(_back(lang, sandi="beda"), code=303)
    try:
        acc = accounts.set_password(acc.name, new, must_change=False)
    except accounts.AccountError as e:
        return redirect(_back(lang, sandi=e.key.rsplit("_", 1)[-1]), code=303)
    signin.revoke_user(acc.name)
    audit("sandi_diganti", account=acc.name)
    return _start_session(acc, redirect(_back(lang, sandi="ok"), code=303))


# ----- first run ---------------------------------------------------------------------------


def _is_loopback(addr: str) -> bool:
    try:
        return ipaddress.ip_address(addr).is_loopback
    except ValueError:
        return False


def setup_token(create: bool = False) -> str:
    """The one-time set-up token (shared by every worker through the data folder)."""
    path = config.data_dir() / SETUP_TOKEN_FILE
    try:
        if path.exists():
            return path.read_text().strip()
        if not create:
            return ""
        path.parent.mkdir(parents=True, exist_ok=True)
        token = secrets.token_urlsafe(18)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(token)
        return token
    except FileExistsError:
        return path.read_text().strip()
    except OSError:
        return ""


def announce_setup() -> None:
    """At start, while nobody can sign in: print how to create the first admin."""
    if not needs_first_admin():
        return
    token = setup_token(create=True)
    if token:
        log.warning(
            "No account yet. Create the first admin on /data from this machine, or from another "
            "one with the set-up token: /data?token=%s (or: python app.py create-user NAME --role admin)",
            token,
        )


def from_this_machine() -> bool:
    """A request from the server itself: a loopback address, and not relayed by a proxy on this
    machine (a relayed request carries X-Forwarded-For; behind a proxy set
    KONVERGENSI_TRUSTED_PROXIES so the address seen here is the client's)."""
    try:
        relayed = "X-Forwarded-For" in request.headers and not config.trusted_proxies()
    except RuntimeError:
        return False
    return _is_loopback(client_address()) and not relayed


def setup_allowed(given_token: str = "") -> bool:
    if not needs_first_admin():
        return False
    if from_this_machine():
        return True
    token = setup_token()
    return bool(token and given_token) and hmac.compare_digest(given_token.encode(), token.encode())


def first_admin():
    lang = norm_lang(request.form.get("lang"))
    token = request.form.get("token", "")
    if not _anonymous_form_ok() or not setup_allowed(token):
        log.warning("first-admin set-up refused from %s", client_address())
        return Response(t("account.first_refused", lang), status=403, mimetype="text/plain; charset=utf-8")
    if request.form.get("password", "") != request.form.get("again", ""):
        return redirect(_back(lang, pertama="beda", **({"token": token} if token else {})), code=303)
    try:
        acc = accounts.create_first_admin(request.form.get("user", ""), request.form.get("password", ""))
    except accounts.AccountError as e:
        return redirect(_back(lang, pertama=e.key.rsplit(".", 1)[-1], **({"token": token} if token else {})), code=303)
    try:
        (config.data_dir() / SETUP_TOKEN_FILE).unlink(missing_ok=True)
    except OSError:
        pass
    log.info("first admin %r created from %s", acc.name, client_address())
    audit("akun_pertama", "admin", account=acc.name)
    return _start_session(acc, redirect(_back(lang), code=303))


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
