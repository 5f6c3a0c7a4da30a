"""The store: every imported version of every dataset, in one SQLite file.

``<data_dir>/konvergensi.sqlite`` (Python's sqlite3, WAL journal, busy timeout).
Table ``versi`` records each import (kind, file name, file hash, UTC time, who,
row count, the warnings accepted, which version it restores or withdraws, and what it
covers: ``cakupan``, the keys of geo.io.coverage); table ``baris`` holds the normalised
rows of every version (one JSON object per row, plus WKB geometry for boundary versions).
Prevalence and coverage rows are observations (village, indicator, year, month, partial-year
flag, numerator, denominator, office; the version is their ``versi_id``). Nothing is ever
updated or deleted:

* an import is one transaction, so a process killed half-way leaves only the
  versions committed before it (SQLite's atomic commit);
* two imports at the same moment are serialised by SQLite's write lock and both end
  as complete versions;
* an import is current only for what it covers (geo.io.coverage): importing 2022 keeps 2020;
* restoring copies an old version's rows into a new version; withdrawing adds a version that
  takes an import's coverage back out, so what was current before it shows again.

A store written before coverage existed (no ``cakupan`` column) is migrated on first
connection (:func:`migrate`, after a backup copy beside it); :func:`backup` copies the store
with SQLite's online backup API. :func:`current_rows` gives what the dashboard shows; :func:`version_key` changes
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
    kolom TEXT NOT NULL,
    cakupan TEXT NOT NULL DEFAULT '[]',
    ditarik INTEGER REFERENCES versi(id)
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
VERSION_COLUMNS = (
    "id",
    "jenis",
    "nama_berkas",
    "hash_berkas",
    "waktu",
    "oleh",
    "jumlah_baris",
    "jumlah_desa",
    "peringatan",
    "dipulihkan_dari",
    "cakupan",
    "ditarik",
)
SCHEMA_VERSION = 2  # PRAGMA user_version: 0/1 = before coverage (issue 11), 2 = with ``cakupan``/``ditarik``


def path() -> Path:
    return config.data_dir() / FILE_NAME


def connect(create: bool = True) -> sqlite3.Connection | None:
    """A connection in autocommit mode (transactions are explicit); None if no store yet
    and ``create`` is false (geo.io.db: WAL, waiting while locked, read-only fallback).
    An older store is migrated first (:func:`migrate`). PostgreSQL: geo.io.pg's migrations."""
    con = db.connect(path(), SCHEMA, create=create, table="versi")
    if con is not None and not db.is_postgres(con) and not _is_current(con):
        if create:
            migrate(con)
        elif str(path().resolve()) not in _cannot_migrate:
            con.close()
            try:
                with closing(db.connect(path(), SCHEMA, create=True)) as w:
                    migrate(w)
            except (*db.Error, OSError) as exc:  # a read-only old store: shown as it was, tried once
                _cannot_migrate.add(str(path().resolve()))
                log.error("store migration impossible (read-only?): %s", exc)
            con = db.connect(path(), SCHEMA, create=False, table="versi")
    return con


_migrated: set[str] = set()
_cannot_migrate: set[str] = set()  # old stores this process could not migrate (read-only): not retried


def _columns(con, table: str) -> list[str]:
    return db.columns(con, table)


def _is_current(con) -> bool:
    name = str(path().resolve())
    if name in _migrated:
        return True
    if "cakupan" in _columns(con, "versi"):
        _migrated.add(name)
        return True
    return False


def migrate(con: sqlite3.Connection) -> bool:
    """Bring a store written before coverage (issue 11) up to date, keeping every version:
    a backup copy first (``konvergensi.sebelum-migrasi-<time>.sqlite`` beside it), then in one
    transaction the ``cakupan`` and ``ditarik`` columns, and each version's coverage computed
    from its own rows. Returns True when something was migrated."""
    from geo.io import coverage

    if "cakupan" in _columns(con, "versi"):
        _migrated.add(str(path().resolve()))
        return False
    stamp = now_utc().replace(":", "").replace("-", "")
    copy = path().with_name(f"konvergensi.sebelum-migrasi-{stamp}.sqlite")
    backup(copy, con=con)
    with db.transaction(con):
        if "cakupan" in _columns(con, "versi"):  # another process did it meanwhile
            return False
        con.execute("ALTER TABLE versi ADD COLUMN cakupan TEXT NOT NULL DEFAULT '[]'")
        con.execute("ALTER TABLE versi ADD COLUMN ditarik INTEGER REFERENCES versi(id)")
        for vid, kind, kolom in con.execute("SELECT id, jenis, kolom FROM versi ORDER BY id").fetchall():
            plain = [c for c in json.loads(kolom) if c != "geometry"]
            data = con.execute("SELECT data FROM baris WHERE versi_id=? ORDER BY urut", (vid,)).fetchall()
            df = pd.DataFrame([json.loads(d) for (d,) in data], columns=plain)
            con.execute(
                "UPDATE versi SET cakupan=? WHERE id=?",
                (json.dumps(coverage.keys_of(kind, _observations(kind, df)), ensure_ascii=False), vid),
            )
        con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    _migrated.add(str(path().resolve()))
    log.info("store migrated to schema %d (copy before: %s)", SCHEMA_VERSION, copy.name)
    return True


def backup(target, con: sqlite3.Connection | None = None) -> Path:
    """A consistent copy of the store at ``target`` with SQLite's online backup API: readers
    and a running import go on; the copy holds every version committed when it finished.
    Written to a temporary file first, then renamed, so ``target`` is never half a copy."""
    if db.is_postgres():
        raise DataError([Problem("store.backup_postgres")])
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    own = con is None
    src = db.connect(path(), SCHEMA, create=True) if own else con
    try:
        with closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)  # one step: one read snapshot, never restarted by a concurrent writer
            dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        if own:
            src.close()
    os.replace(tmp, target)
    return target


def restore_backup(source) -> None:
    """Put a copy made by :func:`backup` in place of the store (the server stopped): the
    current store is kept beside it as ``konvergensi.sebelum-pulih-<time>.sqlite``."""
    if db.is_postgres():
        raise DataError([Problem("store.backup_postgres")])
    source = Path(source)
    try:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as check:
            sound = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and db.has_table(check, "versi")
    except sqlite3.Error:
        sound = False
    if not sound:
        raise DataError([Problem("store.bad_backup", {"file": source.name})])
    here = path()
    if here.exists():
        backup(here.with_name(f"konvergensi.sebelum-pulih-{now_utc().replace(':', '').replace('-', '')}.sqlite"))
    for extra in (here.with_name(here.name + "-wal"), here.with_name(here.name + "-shm")):
        if extra.exists():
            extra.unlink()
    tmp = here.with_name(here.name + ".tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, here)
    db.forget_tables(here)
    _migrated.discard(str(here.resolve()))


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
    return {
        "key": p.key,
        "params": {k: _jsonable(v) for k, v in p.params.items()},
        "file": p.file,
        "row": p.row,
        "column": p.column,
        "level": p.level,
    }


def write_problem(exc: BaseException) -> Problem:
    """What to tell the user when the store cannot be written (no path, no stack trace)."""
    if db.is_database_error(exc):
        return _database_problem(exc)
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
    if (
        code in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in text
        or "read-only" in text
        or "unable to open" in text
        or getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY")
    ):
        return Problem("store.read_only")
    return Problem("store.write_failed", {"detail": type(exc).__name__})


def _database_problem(exc) -> Problem:
    """PostgreSQL refused the write: a read-only transaction or database (SQLSTATE 25006, or
    no right to write: 42501), a full disk or tablespace (53100), or the server unreachable."""
    state = getattr(exc, "sqlstate", None) or ""
    if state in ("25006", "42501"):
        return Problem("store.db_read_only")
    if state == "53100":
        return Problem("store.db_full")
    operational = any(c.__name__ == "OperationalError" for c in type(exc).__mro__)
    if state.startswith("08") or operational and not state:
        return Problem("store.db_unreachable")
    return Problem("store.write_failed", {"detail": state or type(exc).__name__})


def import_table(kind: str, df: pd.DataFrame, meta: dict) -> int:
    """Store ``df`` (normalised rows; a GeoDataFrame for ``batas``) as a new version of
    ``kind``; return its id. ``meta``: file_name, file_hash, imported_by, warnings
    (accepted problems), restored_from (optional).

    A store that cannot be written (read-only folder, disk full) raises :class:`DataError`
    with a plain message; the transaction is rolled back, so nothing is half-written.
    """
    try:
        vid = _import_table(kind, df, meta)
    except (*db.Error, OSError) as exc:
        log.error(
            "import FAILED kind=%s file=%r by=%r: %s",
            kind,
            str(meta.get("file_name", "")),
            str(meta.get("imported_by") or "?"),
            exc,
        )
        raise DataError([write_problem(exc)]) from None
    db.stored()
    log.info(
        "import stored kind=%s file=%r version=v%d rows=%d by=%r%s",
        kind,
        str(meta.get("file_name", "")),
        vid,
        len(df),
        str(meta.get("imported_by") or "?"),
        f" restored_from=v{meta['restored_from']}" if meta.get("restored_from") else "",
    )
    return vid


def _import_table(kind: str, df: pd.DataFrame, meta: dict) -> int:
    columns = [c for c in df.columns if c != "geometry"]
    is_geo = isinstance(df, gpd.GeoDataFrame)
    # each row straight to its JSON text: a province file never sits in memory as a list of dicts
    records = [
        json.dumps({c: _jsonable(v) for c, v in zip(columns, vals)}, ensure_ascii=False)
        for vals in df[columns].itertuples(index=False)
    ]
    geoms = [shapely.to_wkb(g) for g in df.geometry.values] if is_geo else [None] * len(df)
    n_desa = int(df["kode_desa"].nunique()) if "kode_desa" in df else 0
    warnings = json.dumps([_problem_dict(p) for p in meta.get("warnings", [])], ensure_ascii=False)
    from geo.io import coverage

    covers = json.dumps(coverage.keys_of(kind, _observations(kind, df)), ensure_ascii=False)
    with closing(connect()) as con, db.transaction(con):
        cur = con.execute(
            "INSERT INTO versi (jenis, nama_berkas, hash_berkas, waktu, oleh, jumlah_baris, jumlah_desa, "
            "peringatan, dipulihkan_dari, kolom, cakupan) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                kind,
                str(meta.get("file_name", "")),
                str(meta.get("file_hash", "")),
                now_utc(),
                str(meta.get("imported_by") or "?"),
                len(df),
                n_desa,
                warnings,
                meta.get("restored_from"),
                json.dumps(columns + (["geometry"] if is_geo else [])),
                covers,
            ),
        )
        vid = cur.lastrowid
        _insert_rows(con, vid, records, geoms)
    return int(vid)


def _insert_rows(con, vid, records, geoms) -> None:
    """``records``: each row's JSON text; ``geoms``: its WKB or None."""
    con.executemany(
        f"INSERT INTO baris (versi_id, urut, data, geom) VALUES (?,?,?,{db.geom_in(con)})",
        ((vid, i, r, g) for i, (r, g) in enumerate(zip(records, geoms))),
    )


def _observations(kind: str, df: pd.DataFrame) -> pd.DataFrame:
    """Prevalence rows as observations: indicator ``stunting``, the office (``opd``) filled
    with the catalogue's default office where the file names none. Other kinds as they are."""
    if kind != "prevalensi" or df is None:
        return df
    from geo.io import coverage

    df = df.copy()
    df["indikator"] = coverage.PREVALENCE_INDICATOR
    office = coverage.default_office(coverage.PREVALENCE_INDICATOR)
    if "opd" not in df:
        df["opd"] = office
    else:
        df["opd"] = [v if isinstance(v, str) and v.strip() else office for v in df["opd"]]
    return df


def _version_row(row) -> dict:
    d = dict(zip(VERSION_COLUMNS, row))
    d["peringatan"] = json.loads(d["peringatan"])
    if d["cakupan"] is None:  # a store not yet migrated that cannot be written (read-only folder)
        d["cakupan"] = _legacy_coverage(d["id"], d["jenis"])
    else:
        d["cakupan"] = json.loads(d["cakupan"] or "[]")
    return d


_legacy: dict[tuple, list] = {}


def _legacy_coverage(vid: int, kind: str) -> list:
    """What an old version covers, computed from its rows once per process (read-only old store)."""
    from geo.io import coverage

    key = (str(path()), vid)
    if key not in _legacy:
        _legacy[key] = coverage.keys_of(kind, _observations(kind, load(version_id=vid)))
    return _legacy[key]


def _select(con) -> str:
    """The version columns, with NULL for those an old (unmigrated, read-only) store lacks."""
    have = set(_columns(con, "versi"))
    return ", ".join(c if c in have else f"NULL AS {c}" for c in VERSION_COLUMNS)


def list_versions(kind: str | None = None) -> list[dict]:
    """Every version, newest first."""
    con = connect(create=False)
    if con is None:
        return []
    with closing(con):
        q = f"SELECT {_select(con)} FROM versi"
        rows = con.execute(
            q + (" WHERE jenis=? ORDER BY id DESC" if kind else " ORDER BY id DESC"), (kind,) if kind else ()
        ).fetchall()
    return [_version_row(r) for r in rows]


def get_version(version_id: int) -> dict | None:
    con = connect(create=False)
    if con is None:
        return None
    with closing(con):
        row = con.execute(f"SELECT {_select(con)} FROM versi WHERE id=?", (int(version_id),)).fetchone()
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
        rows = con.execute(
            f"SELECT {_select(con)} FROM versi WHERE id IN (SELECT max(id) FROM versi GROUP BY jenis)"
        ).fetchall()
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
        plain = [c for c in columns if c != "geometry"]
        values: dict[str, list] = {c: [] for c in plain}  # by column, one row at a time from the cursor
        wkb = []
        for d, g in con.execute(f"SELECT data, {db.geom_out(con)} FROM baris WHERE versi_id=? ORDER BY urut", (vid,)):
            r = json.loads(d)
            for c in plain:
                values[c].append(r.get(c))
            if g is not None:
                wkb.append(g)
    df = pd.DataFrame(values, columns=plain)
    if "geometry" in columns:
        geoms = shapely.from_wkb(wkb) if wkb else []
        return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")
    return df


def restore(version_id: int, by: str) -> int:
    """Make an old version's coverage current again, as a new version holding a copy of its
    rows (nothing overwritten; what it does not cover stays as it is)."""
    old = get_version(version_id)
    if old is None:
        raise DataError([Problem("store.unknown_version", {"version": version_id})])
    if old["ditarik"]:
        raise DataError([Problem("store.restore_withdrawal", {"version": version_id, "old": old["ditarik"]})])
    df = load(version_id=version_id)
    return import_table(
        old["jenis"],
        df,
        {
            "file_name": old["nama_berkas"],
            "file_hash": old["hash_berkas"],
            "imported_by": by,
            "warnings": old["peringatan"],
            "restored_from": int(version_id),
        },
    )


def version_key() -> tuple:
    """Changes whenever a version is stored (cheap: the newest version's id and time, and
    where the store is, so two data folders or databases never share a key). One query per
    web request at most (geo.io.db.per_request)."""
    return db.per_request("store.version_key", _version_key)


def _version_key() -> tuple:
    where = db.location() if db.is_postgres() else str(path())
    con = connect(create=False)
    if con is None:
        return (where, 0, "")
    with closing(con):
        try:
            row = con.execute("SELECT id, waktu FROM versi ORDER BY id DESC LIMIT 1").fetchone()
        except db.Error:
            row = None
    return (where, int(row[0]), row[1]) if row else (where, 0, "")


store_version_key = version_key


def withdraw(version_id: int, by: str) -> int:
    """Take an import back out, as a new version: for everything version ``version_id``
    covered, what was current before it shows again (nothing is erased; ``restore`` brings
    it back)."""
    old = get_version(version_id)
    if old is None:
        raise DataError([Problem("store.unknown_version", {"version": version_id})])
    if old["ditarik"]:
        raise DataError([Problem("store.withdraw_withdrawal", {"version": version_id, "old": old["ditarik"]})])
    if any(v["ditarik"] == int(version_id) for v in list_versions(old["jenis"])):
        raise DataError([Problem("store.already_withdrawn", {"version": version_id})])
    try:
        with closing(connect()) as con, db.transaction(con):
            cur = con.execute(
                "INSERT INTO versi (jenis, nama_berkas, hash_berkas, waktu, oleh, jumlah_baris, jumlah_desa, "
                "peringatan, dipulihkan_dari, kolom, cakupan, ditarik) VALUES (?,?,?,?,?,0,0,'[]',NULL,'[]',?,?)",
                (
                    old["jenis"],
                    old["nama_berkas"],
                    old["hash_berkas"],
                    now_utc(),
                    str(by or "?"),
                    json.dumps(old["cakupan"], ensure_ascii=False),
                    int(version_id),
                ),
            )
            vid = int(cur.lastrowid)
    except (*db.Error, OSError) as exc:
        log.error("withdraw FAILED version=v%s by=%r: %s", version_id, by, exc)
        raise DataError([write_problem(exc)]) from None
    db.stored()
    log.info("import withdrawn kind=%s version=v%d withdrawn=v%d by=%r", old["jenis"], vid, int(version_id), by)
    return vid


def current_versions(kind: str) -> tuple[dict, list[dict]]:
    """({matched key: version id} current for ``kind``, every version record of ``kind``)."""
    from geo.io import coverage

    versions = list_versions(kind)
    return coverage.resolve(versions), versions


def load_many(version_ids) -> dict[int, pd.DataFrame]:
    return {int(v): load(version_id=int(v)) for v in sorted(set(version_ids))}


def current_rows(kind: str) -> tuple[pd.DataFrame | None, list[dict]]:
    """What the dashboard shows for ``kind``: for each key (geo.io.coverage) the rows of the
    version current for it, with the version id in ``versi``; and the records of the versions
    that contribute, newest first. (None, []) when nothing of ``kind`` is current."""
    from geo.io import coverage

    winners, versions = current_versions(kind)
    if not winners:
        return None, []
    ids = sorted(set(winners.values()))
    parts = []
    for vid, df in load_many(ids).items():
        if df is None:
            continue
        obs = _observations(kind, df)
        cols = coverage.key_columns(kind)
        covered = next((v["cakupan"] for v in versions if v["id"] == vid), [])
        if cols and any(winners.get(coverage.match(k)) != vid for k in covered):  # else every row is current
            present = {c: obs[c].tolist() if c in obs else [None] * len(obs) for c in cols}
            keys = (
                [coverage.match(coverage.row_key(kind, dict(zip(cols, vals)))) for vals in zip(*present.values())]
                if len(obs)
                else []
            )
            keep = [winners.get(k) == vid for k in keys]
            obs = obs[keep] if len(obs) else obs
        if isinstance(obs, gpd.GeoDataFrame):
            return obs.assign(versi=vid), [v for v in versions if v["id"] == vid]
        parts.append(obs.assign(versi=vid))
    rows = pd.concat(parts, ignore_index=True) if parts else None
    return rows, [v for v in versions if v["id"] in set(ids)]
