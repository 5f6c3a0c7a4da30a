"""The one way to the database: connections, waiting while it is locked, and reading a
store in a folder that can no longer be written.

Every table's SQL stays in the module that owns the table (geo.io.store: ``versi`` and
``baris``; geo.io.scenarios: ``skenario``; geo.io.accounts: ``akun`` and ``jejak``;
geo.io.signin: ``gagal`` and ``sesi``); this module only opens connections for them:

* autocommit mode (transactions are explicit: :func:`transaction`), a busy timeout, WAL
  journal (readers never wait for a writer), ``synchronous=FULL``, foreign keys on;
* a table's ``CREATE TABLE IF NOT EXISTS`` script runs once per process and file, and again
  while another process creating the same file holds it locked (:func:`retry_locked`);
* a reader of a store in a read-only or full folder gets a read-only connection to the file
  as it is (WAL needs to write its ``-shm`` file beside it and cannot), so the dashboard
  keeps showing the last stored versions.

With ``KONVERGENSI_DATABASE_URL`` set, :func:`connect` gives a pooled PostgreSQL connection
with the same methods instead (geo.io.pg: the SQL translated, the schema made by numbered
migrations, writers serialised as here); the ``path`` and ``schema`` arguments then do not
matter: every table lives in the one database. :data:`Error` and :data:`IntegrityError`
catch the errors of both.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from geo.core import config

# What ``except db.Error`` catches: SQLite's errors, and psycopg's once PostgreSQL is in use
# (geo.io.pg is imported only then: psycopg costs a process 25 MB and 0.1 s to load).
Error: tuple = (sqlite3.Error,)
IntegrityError: tuple = (sqlite3.IntegrityError,)


def pg():
    """geo.io.pg, imported the first time PostgreSQL is used (and ``Error`` widened to its errors)."""
    global Error, IntegrityError
    from geo.io import pg as module

    if len(Error) == 1:
        Error = (sqlite3.Error, module.Error)
        IntegrityError = (sqlite3.IntegrityError, module.IntegrityError)
    return module


def is_database_error(exc: BaseException) -> bool:
    """A PostgreSQL (psycopg) error."""
    return type(exc).__module__.split(".")[0] in ("psycopg", "psycopg_pool")


BUSY_TIMEOUT_MS = 30_000
LOW_SPACE_BYTES = 1 << 20  # a failed write with less free space than this: the disk is full

_made: set[tuple[str, int]] = set()  # (file, script) whose tables this process has made
_made_lock = threading.Lock()


def url() -> str:
    """The PostgreSQL database in use (``KONVERGENSI_DATABASE_URL``), or "" for SQLite."""
    return config.database_url()


def is_postgres(con=None) -> bool:
    """PostgreSQL in use (or: ``con`` is a PostgreSQL connection)."""
    if con is not None:
        return getattr(con, "dialect", "") == "postgresql"
    return bool(url())


def location() -> str:
    """Where the data is, for cache keys and logs: the database URL without its password,
    else the SQLite store's folder."""
    return pg().safe_url(url()) if url() else str(config.data_dir())


def connect(path: Path, schema: str = "", create: bool = True, table: str | None = None):
    """A connection to ``path`` (SQLite), or to the PostgreSQL database when one is set.

    ``create``: make the file and ``schema``'s tables when missing. Otherwise (a reader) None
    when there is no file, or when ``table`` does not exist in it: a reader never writes.
    """
    if url():
        return pg().connect(url())
    path = Path(path)
    if not create and not path.exists():
        return None
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            forget_tables(path)  # a new file (also one removed since): its tables are made again
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if create and con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        # persistent: set once by the first writer. Switching needs the database alone, and
        # SQLite answers "locked" at once (no busy wait) while another process creates it too.
        retry_locked(lambda: con.execute("PRAGMA journal_mode=WAL"))
    try:
        con.execute("PRAGMA synchronous=FULL")
    except sqlite3.OperationalError:
        con.close()
        if create or not cannot_write(path.parent):
            raise
        # No -shm file could be made, so no other connection is open: read the file as it is.
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    if create and schema:
        make_tables(con, path, schema)
    elif table and not has_table(con, table):
        con.close()
        return None
    return con


def make_tables(con: sqlite3.Connection, path: Path, schema: str) -> None:
    """Run ``schema`` (``CREATE ... IF NOT EXISTS``) once per process and file."""
    key = (str(Path(path).resolve()), hash(schema))
    with _made_lock:
        if key in _made:
            return
    retry_locked(lambda: con.executescript(schema))
    with _made_lock:
        _made.add(key)


def forget_tables(path: Path) -> None:
    """The file was removed or replaced: make its tables again on the next connection."""
    name = str(Path(path).resolve())
    with _made_lock:
        for key in [k for k in _made if k[0] == name]:
            _made.discard(key)


def has_table(con, name: str) -> bool:
    if is_postgres(con):
        return pg().has_table(con, name)
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def retry_locked(action, seconds: float = BUSY_TIMEOUT_MS / 1000):
    """Run ``action`` again while SQLite says the database is locked (first-time set-up by
    several processes at once, which SQLite answers without waiting), for up to ``seconds``."""
    deadline = time.monotonic() + seconds
    pause = 0.02
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def columns(con, table: str) -> list[str]:
    """The column names of ``table``."""
    if is_postgres(con):
        return pg().columns(con, table)
    return [r[1] for r in con.execute(f"PRAGMA table_info({table})").fetchall()]


def geom_in(con) -> str:
    """The SQL of a bound WKB geometry parameter: a blob in SQLite, PostGIS's
    ``geometry(MultiPolygon, 4326)`` in PostgreSQL."""
    return "ST_Multi(ST_GeomFromWKB(?, 4326))" if is_postgres(con) else "?"


def geom_out(con, column: str = "geom") -> str:
    """The SQL reading a geometry column as WKB."""
    return f"ST_AsBinary({column})" if is_postgres(con) else column


@contextmanager
def transaction(con, immediate: bool = True, lock: str = "store") -> Iterator:
    """``BEGIN IMMEDIATE`` (the write lock at once, waiting while another writer has it) ...
    ``COMMIT``; ``ROLLBACK`` on any error, which is raised again. PostgreSQL: the same with
    one advisory lock per ``lock`` (a group of tables), taken by every writer of them."""
    if is_postgres(con):
        with pg().transaction(con, immediate=immediate, lock=lock):
            yield con
        return
    retry_locked(lambda: con.execute("BEGIN IMMEDIATE" if immediate else "BEGIN"))
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        raise


def cannot_write(folder: Path) -> bool:
    try:
        return not os.access(folder, os.W_OK) or shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


# --- one version check per request --------------------------------------------------------
_request: ContextVar[dict | None] = ContextVar("konvergensi_request", default=None)


def begin_request() -> None:
    """A web request starts: what :func:`per_request` remembers lives until it ends."""
    _request.set({})


def end_request() -> None:
    _request.set(None)


def per_request(key: str, compute):
    """``compute()`` once per web request (outside a request: every time). The store's version
    check is one query per request however many parts of the page ask for it."""
    memo = _request.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def stored() -> None:
    """This request has just stored something: what it remembered of the store is stale."""
    memo = _request.get()
    if memo is not None:
        memo.clear()
