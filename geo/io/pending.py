"""Uploads checked but not yet confirmed: kept between the check and the admin's confirmation.

With SQLite, a file per upload in ``<data_dir>/unggahan`` (as before). With PostgreSQL, a row
in table ``unggahan``: the check may reach one app server and the confirmation another. For an
e-PPGBM by-name file only the village aggregates wait here, never the file. A check not
confirmed within :data:`MAX_AGE_S` is abandoned and removed by the next check.
"""

from __future__ import annotations

import re
import time
from contextlib import closing
from pathlib import Path

from geo.core import config
from geo.io import db

MAX_AGE_S = 3600  # a check not confirmed within an hour is abandoned
TOKEN = re.compile(r"^[0-9a-f]{32}$")


def folder() -> Path:
    return config.data_dir() / "unggahan"


def _ok(token) -> bool:
    return isinstance(token, str) and bool(TOKEN.match(token))


def put(token: str, data: bytes) -> None:
    """Keep ``data`` under ``token``; raises OSError or a database error when it cannot."""
    if db.is_postgres():
        with closing(db.connect(Path())) as con:
            con.execute("INSERT INTO unggahan (token, dibuat, isi) VALUES (?, ?, ?)", (token, time.time(), data))
        return
    folder().mkdir(parents=True, exist_ok=True)
    try:
        (folder() / token).write_bytes(data)
    except OSError:
        drop(token)
        raise


def get(token) -> bytes | None:
    """What was kept under ``token``, or None (unknown, abandoned, or unreadable)."""
    if not _ok(token):
        return None
    if db.is_postgres():
        try:
            with closing(db.connect(Path())) as con:
                row = con.execute(
                    "SELECT isi FROM unggahan WHERE token = ? AND dibuat >= ?", (token, time.time() - MAX_AGE_S)
                ).fetchone()
        except db.Error:
            return None
        return bytes(row[0]) if row else None
    try:
        return (folder() / token).read_bytes()
    except OSError:
        return None


def drop(token) -> None:
    if not _ok(token):
        return
    try:
        if db.is_postgres():
            with closing(db.connect(Path())) as con:
                con.execute("DELETE FROM unggahan WHERE token = ?", (token,))
        else:
            (folder() / token).unlink(missing_ok=True)
    except (*db.Error, OSError):
        pass


def sweep(max_age: float = MAX_AGE_S) -> None:
    """Remove what waited longer than ``max_age`` seconds."""
    limit = time.time() - max_age
    if db.is_postgres():
        try:
            with closing(db.connect(Path())) as con:
                con.execute("DELETE FROM unggahan WHERE dibuat < ?", (limit,))
        except db.Error:
            pass
        return
    try:
        entries = list(folder().iterdir())
    except OSError:
        return
    for p in entries:
        try:
            if _ok(p.name) and p.stat().st_mtime < limit:
                p.unlink(missing_ok=True)
        except OSError:
            pass
