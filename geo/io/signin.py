"""Sign-in bookkeeping shared by every worker process: failed attempts and revocable sessions.

Both live in one small SQLite file in the data folder (``masuk.sqlite``), apart from the
store, so that a long import (which holds the store's write lock) never delays a sign-in
or a page view. When the data folder cannot be written (read-only mount, full disk), failures
are counted in this process's memory (guessing is still limited), and :func:`create` says so:
the caller then keeps the session in the signed cookie alone (it cannot be revoked, since
nothing can be written; it still ends after :data:`IDLE_SECONDS`).

* **Failures** are counted per key (``ip:<address>`` and ``user:<folded name>``) over a
  sliding window. An attempt refused because a key is locked is not counted, so a lock is
  never extended by knocking on it.
* **Sessions**: the browser's signed cookie carries only a random session id; the file keeps
  a SHA-256 of it (a copy of the file gives no usable session), the user, a fingerprint of the
  password hash in force at sign-in, the sign-in time and the last time it was used. A session
  is valid while it is not revoked, its user and password fingerprint are still the configured
  ones, and it was used within :data:`IDLE_SECONDS`. Signing out revokes it.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from contextlib import closing
from dataclasses import dataclass

from geo.core import config
from geo.io import db

FILE_NAME = "masuk.sqlite"
IDLE_SECONDS = 8 * 3600
TOUCH_EVERY = 60  # seconds: how often the last use of a session is written
SCHEMA = """
CREATE TABLE IF NOT EXISTS gagal (kunci TEXT NOT NULL, waktu REAL NOT NULL);
CREATE INDEX IF NOT EXISTS gagal_kunci ON gagal(kunci, waktu);
CREATE TABLE IF NOT EXISTS sesi (
    id_hash TEXT PRIMARY KEY,
    pengguna TEXT NOT NULL,
    sidik_sandi TEXT NOT NULL,
    dibuat REAL NOT NULL,
    terakhir REAL NOT NULL,
    dicabut INTEGER NOT NULL DEFAULT 0
);
"""

_lock = threading.Lock()
_memory_failures: dict[str, list[float]] = {}


def _db():
    """The sign-in database (its own file: one write per sign-in never waits for an import)."""
    return db.connect(config.data_dir() / FILE_NAME, SCHEMA)


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def password_fingerprint(password_hash: str) -> str:
    """Changes whenever the password (hence its hash) changes; reveals nothing about it."""
    return hashlib.sha256(("konvergensi-sesi:" + (password_hash or "")).encode()).hexdigest()[:32]


# ----- failures --------------------------------------------------------------------------


def failure_counts(keys: list[str], window: float, now: float | None = None) -> list[int]:
    """Failures per key within the last ``window`` seconds."""
    now = time.time() if now is None else now
    try:
        with _lock, closing(_db()) as con:
            con.execute("DELETE FROM gagal WHERE waktu < ?", (now - window,))
            return [
                con.execute("SELECT count(*) FROM gagal WHERE kunci=? AND waktu >= ?", (k, now - window)).fetchone()[0]
                for k in keys
            ]
    except (*db.Error, OSError):
        with _lock:
            return [sum(1 for t in _memory_failures.get(k, []) if now - t < window) for k in keys]


def last_failure(key: str) -> float | None:
    """Time of the latest failure counted for ``key``."""
    try:
        with _lock, closing(_db()) as con:
            row = con.execute("SELECT max(waktu) FROM gagal WHERE kunci=?", (key,)).fetchone()
            return row[0]
    except (*db.Error, OSError):
        with _lock:
            times = _memory_failures.get(key, [])
            return max(times) if times else None


def add_failure(keys: list[str], window: float) -> None:
    now = time.time()
    try:
        with _lock, closing(_db()) as con:
            con.executemany("INSERT INTO gagal (kunci, waktu) VALUES (?, ?)", [(k, now) for k in keys])
    except (*db.Error, OSError):
        with _lock:
            for k in keys:
                _memory_failures[k] = [t for t in _memory_failures.get(k, []) if now - t < window] + [now]


# ----- sessions --------------------------------------------------------------------------


@dataclass
class Session:
    user: str
    fingerprint: str
    created: float
    last_seen: float
    revoked: bool


def create(user: str, fingerprint: str) -> str | None:
    """A new session for ``user``; returns its id (for the cookie only), or None when it cannot
    be written (read-only or full data folder)."""
    sid = secrets.token_urlsafe(32)
    now = time.time()
    try:
        with _lock, closing(_db()) as con:
            con.execute(
                "INSERT INTO sesi (id_hash, pengguna, sidik_sandi, dibuat, terakhir) VALUES (?, ?, ?, ?, ?)",
                (_hash(sid), user, fingerprint, now, now),
            )
    except (*db.Error, OSError):
        return None
    return sid


def get(sid: str) -> Session | None:
    if not sid or not isinstance(sid, str) or len(sid) > 200:
        return None
    try:
        with _lock, closing(_db()) as con:
            row = con.execute(
                "SELECT pengguna, sidik_sandi, dibuat, terakhir, dicabut FROM sesi WHERE id_hash=?", (_hash(sid),)
            ).fetchone()
    except (*db.Error, OSError):
        return None
    return Session(row[0], row[1], row[2], row[3], bool(row[4])) if row else None


def valid(sid: str, user: str, fingerprint: str, now: float | None = None) -> bool:
    """Whether the session ``sid`` still signs in ``user`` (and mark it as used)."""
    now = time.time() if now is None else now
    s = get(sid)
    if s is None or s.revoked or s.user != user or s.fingerprint != fingerprint:
        return False
    if now - s.last_seen > IDLE_SECONDS:
        revoke(sid)
        return False
    if now - s.last_seen > TOUCH_EVERY:
        _touch(sid, now)
    return True


def _touch(sid: str, now: float) -> None:
    h = _hash(sid)
    try:
        with _lock, closing(_db()) as con:
            con.execute("UPDATE sesi SET terakhir=? WHERE id_hash=?", (now, h))
    except (*db.Error, OSError):
        pass  # a read-only folder: the session simply expires on its sign-in time's clock


def revoke(sid: str) -> None:
    h = _hash(sid)
    try:
        with _lock, closing(_db()) as con:
            con.execute("UPDATE sesi SET dicabut=1 WHERE id_hash=?", (h,))
    except (*db.Error, OSError):
        pass


def revoke_user(user: str) -> int:
    """End every session of ``user`` (e.g. when the account is disabled); returns how many."""
    n = 0
    try:
        with _lock, closing(_db()) as con:
            n = con.execute("UPDATE sesi SET dicabut=1 WHERE pengguna=? AND dicabut=0", (user,)).rowcount
    except (*db.Error, OSError):
        pass
    return n
