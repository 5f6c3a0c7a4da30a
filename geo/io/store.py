"""The store: every imported version of every dataset, in one SQLite file.

``<data_dir>/konvergensi.sqlite`` (Python's sqlite3, WAL journal, busy timeout).
Table ``versi`` records each import (kind, file name, file hash, UTC time, who,
row count, the warnings accepted, which version it restores); table ``baris`` holds
the normalised rows of every version (one JSON object per row, plus WKB geometry
for boundary versions). Nothing is ever updated or deleted:

* an import is one transaction, so a process killed half-way leaves only the
  versions committed before it (SQLite's atomic commit);
* two imports at the same moment are serialised by SQLite's write lock and both end
  as complete versions;
* restoring copies an old version's rows into a new version.

The dashboard shows the latest version of each kind; :func:`version_key` changes
whenever anything is stored, so every server process sees a new import at once.
"""
from __future__ import annotations

import datetime as _dt
import errno
import json
import logging
import math
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.core import config
from geo.core.errors import DataError, Problem
from geo.io import db

log = logging.getLogger("konvergensi.store")

FILE_NAME = "konvergensi.sqlite"
BUSY_TIMEOUT_MS = db.BUSY_TIMEOUT_MS
LOW_SPACE_BYTES = db.LOW_SPACE_BYTES
SCHEMA = """
CREATE TABLE IF NOT EXISTS versi (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jenis TEXT NOT NULL,
    nama_berkas TEXT NOT NULL,
    hash_berkas TEXT NOT NULL,
    waktu TEXT NOT NULL,
    oleh TEXT NOT NULL,
    jumlah_baris INTEGER NOT NULL,
    jumlah_desa INTEGER NOT NULL,
    peringatan TEXT NOT NULL,
    dipulihkan_dari INTEGER REFERENCES versi(id),
    kolom TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS baris (
    versi_id INTEGER NOT NULL REFERENCES versi(id),
    urut INTEGER NOT NULL,
    data TEXT NOT NULL,
    geom BLOB,
    PRIMARY KEY (versi_id, urut)
);
CREATE INDEX IF NOT EXISTS versi_jenis ON versi(jenis, id);
"""
VERSION_COLUMNS = ("id", "jenis", "nama_berkas", "hash_berkas", "waktu", "oleh", "jumlah_baris", "jumlah_desa",
                   "peringatan", "dipulihkan_dari")


def path() -> Path:
    return config.data_dir() / FILE_NAME


def connect(create: bool = True) -> sqlite3.Connection | None:
    """A connection in autocommit mode (transactions are explicit); None if no store yet
    and ``create`` is false (geo.io.db: WAL, waiting while locked, read-only fallback)."""
    return db.connect(path(), SCHEMA, create=create, table="versi")


_retry_locked = db.retry_locked


def _jsonable(v):
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, np.bool_):
        return bool(v)
    return v


def now_utc() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _problem_dict(p) -> dict:
    if isinstance(p, dict):
        return p
    return {"key": p.key, "params": {k: _jsonable(v) for k, v in p.params.items()}, "file": p.file, "row": p.row,
            "column": p.column, "level": p.level}


def write_problem(exc: BaseException) -> Problem:
    """What to tell the user when the store cannot be written (no path, no stack trace)."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None) or getattr(exc, "sqlite_errorcode", None)
    folder = path().parent
    try:  # SQLite often only says "disk I/O error": look at the folder itself
        full = shutil.disk_usage(folder).free < LOW_SPACE_BYTES
        writable = os.access(folder, os.W_OK)  # False on a read-only mount, even for root
    except OSError:
        full, writable = False, True
    if not writable:
        return Problem("store.read_only")
    if full or code == errno.ENOSPC or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in text:
        return Problem("store.disk_full")
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text or "read-only" in text \
            or "unable to open" in text or getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
        return Problem("store.read_only")
    return Problem("store.write_failed", {"detail": type(exc).__name__})


def import_table(kind: str, df: pd.DataFrame, meta: dict) -> int:
    """Store ``df`` (normalised rows; a GeoDataFrame for ``batas``) as a new version of
    ``kind``; return its id. ``meta``: file_name, file_hash, imported_by, warnings
    (accepted problems), restored_from (optional).

    A store that cannot be written (read-only folder, disk full) raises :class:`DataError`
    with a plain message; the transaction is rolled back, so nothing is half-written.
    """
    try:
        vid = _import_table(kind, df, meta)
    except (sqlite3.Error, OSError) as exc:
        log.error("import FAILED kind=%s file=%r by=%r: %s", kind, str(meta.get("file_name", "")),
                  str(meta.get("imported_by") or "?"), exc)
        raise DataError([write_problem(exc)]) from None
    log.info("import stored kind=%s file=%r version=v%d rows=%d by=%r%s", kind, str(meta.get("file_name", "")),
             vid, len(df), str(meta.get("imported_by") or "?"),
             f" restored_from=v{meta['restored_from']}" if meta.get("restored_from") else "")
    return vid


def _import_table(kind: str, df: pd.DataFrame, meta: dict) -> int:
    columns = [c for c in df.columns if c != "geometry"]
    is_geo = isinstance(df, gpd.GeoDataFrame)
    records = [{c: _jsonable(v) for c, v in zip(columns, vals)} for vals in df[columns].itertuples(index=False)]
    geoms = [shapely.to_wkb(g) for g in df.geometry.values] if is_geo else [None] * len(df)
    n_desa = int(df["kode_desa"].nunique()) if "kode_desa" in df else 0
    warnings = json.dumps([_problem_dict(p) for p in meta.get("warnings", [])], ensure_ascii=False)
    with closing(connect()) as con, db.transaction(con):
        cur = con.execute(
            "INSERT INTO versi (jenis, nama_berkas, hash_berkas, waktu, oleh, jumlah_baris, jumlah_desa, "
            "peringatan, dipulihkan_dari, kolom) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (kind, str(meta.get("file_name", "")), str(meta.get("file_hash", "")), now_utc(),
             str(meta.get("imported_by") or "?"), len(df), n_desa, warnings, meta.get("restored_from"),
             json.dumps(columns + (["geometry"] if is_geo else []))))
        vid = cur.lastrowid
        _insert_rows(con, vid, records, geoms)
    return int(vid)


def _insert_rows(con, vid, records, geoms) -> None:
    con.executemany("INSERT INTO baris (versi_id, urut, data, geom) VALUES (?,?,?,?)",
                    ((vid, i, json.dumps(r, ensure_ascii=False), g) for i, (r, g) in enumerate(zip(records, geoms))))


def _version_row(row) -> dict:
    d = dict(zip(VERSION_COLUMNS, row))
    d["peringatan"] = json.loads(d["peringatan"])
    return d


def list_versions(kind: str | None = None) -> list[dict]:
    """Every version, newest first."""
    con = connect(create=False)
    if con is None:
        return []
    with closing(con):
        q = f"SELECT {', '.join(VERSION_COLUMNS)} FROM versi"
        rows = con.execute(q + (" WHERE jenis=? ORDER BY id DESC" if kind else " ORDER BY id DESC"),
                           (kind,) if kind else ()).fetchall()
    return [_version_row(r) for r in rows]


def get_version(version_id: int) -> dict | None:
    con = connect(create=False)
    if con is None:
        return None
    with closing(con):
        row = con.execute(f"SELECT {', '.join(VERSION_COLUMNS)} FROM versi WHERE id=?", (int(version_id),)).fetchone()
    return _version_row(row) if row else None


def latest(kind: str) -> dict | None:
    """The version of ``kind`` the dashboard shows (the newest), or None."""
    vs = list_versions(kind)
    return vs[0] if vs else None


def latest_all() -> dict[str, dict]:
    con = connect(create=False)
    if con is None:
        return {}
    with closing(con):
        rows = con.execute(f"SELECT {', '.join(VERSION_COLUMNS)} FROM versi WHERE id IN "
                           "(SELECT max(id) FROM versi GROUP BY jenis)").fetchall()
    return {r[1]: _version_row(r) for r in rows}


def load(kind: str | None = None, version_id: int | None = None) -> pd.DataFrame | None:
    """The rows of a version (the latest of ``kind`` by default); None if there is none."""
    con = connect(create=False)
    if con is None:
        return None
    with closing(con):
        if version_id is None:
            row = con.execute("SELECT id, kolom FROM versi WHERE jenis=? ORDER BY id DESC LIMIT 1", (kind,)).fetchone()
        else:
            row = con.execute("SELECT id, kolom FROM versi WHERE id=?", (int(version_id),)).fetchone()
        if row is None:
            return None
        vid, kolom = row
        columns = json.loads(kolom)
        data = con.execute("SELECT data, geom FROM baris WHERE versi_id=? ORDER BY urut", (vid,)).fetchall()
    records = [json.loads(d) for d, _ in data]
    plain = [c for c in columns if c != "geometry"]
    df = pd.DataFrame(records, columns=plain)
    if "geometry" in columns:
        geoms = shapely.from_wkb([g for _, g in data]) if data else []
        return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")
    return df


def restore(version_id: int, by: str) -> int:
    """Make an old version the current one again, as a new version (nothing overwritten)."""
    old = get_version(version_id)
    if old is None:
        raise DataError([Problem("store.unknown_version", {"version": version_id})])
    df = load(version_id=version_id)
    return import_table(old["jenis"], df, {"file_name": old["nama_berkas"], "file_hash": old["hash_berkas"],
                                           "imported_by": by, "warnings": old["peringatan"],
                                           "restored_from": int(version_id)})


def version_key() -> tuple:
    """Changes whenever a version is stored (cheap: the newest version's id and time, and
    the store's path, so two data folders never share a key)."""
    con = connect(create=False)
    if con is None:
        return (str(path()), 0, "")
    with closing(con):
        try:
            row = con.execute("SELECT id, waktu FROM versi ORDER BY id DESC LIMIT 1").fetchone()
        except sqlite3.OperationalError:
            row = None
    return (str(path()), int(row[0]), row[1]) if row else (str(path()), 0, "")


store_version_key = version_key
