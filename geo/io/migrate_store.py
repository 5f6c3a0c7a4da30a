"""Moving an installation from its SQLite files to PostgreSQL (``python app.py migrate-store
--to postgresql://...``).

Every table is copied as it is, with its ids, in one PostgreSQL transaction: the store
(``versi`` and ``baris``, every version, village polygons as PostGIS geometry), scenarios,
accounts and their audit trail, berita acara, and the sign-in database (``gagal``, ``sesi``).
The identity sequences continue after the copied ids. Then the row count of each table is
compared; a target database that already holds data is refused, so nothing is ever mixed.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from geo.core.errors import DataError, Problem
from geo.io import pg, signin, store

# (SQLite file name, table, columns) in the order foreign keys need
TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (store.FILE_NAME, "versi", ("id", *store.VERSION_COLUMNS[1:10], "kolom", "cakupan", "ditarik")),
    (store.FILE_NAME, "baris", ("versi_id", "urut", "data", "geom")),
    (store.FILE_NAME, "skenario", ("id", "nama", "versi", "dibuat", "versi_data", "isi")),
    (
        store.FILE_NAME,
        "akun",
        ("nama", "peran", "opd", "hash", "aktif", "wajib_ganti", "jenis", "indikator", "dibuat", "diubah"),
    ),
    (store.FILE_NAME, "audit", ("id", "waktu", "akun", "alamat", "aksi", "rincian", "versi")),
    (store.FILE_NAME, "berita_acara", ("id", "tanggal", "versi", "dibuat", "oleh", "isi")),
    (signin.FILE_NAME, "gagal", ("kunci", "waktu")),
    (signin.FILE_NAME, "sesi", ("id_hash", "pengguna", "sidik_sandi", "dibuat", "terakhir", "dicabut")),
)
IDENTITY = ("versi", "skenario", "audit", "berita_acara")
BATCH = 2000


def _source(folder: Path, name: str) -> sqlite3.Connection | None:
    path = folder / name
    if not path.exists():
        return None
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    if name == store.FILE_NAME and "cakupan" not in [r[1] for r in con.execute("PRAGMA table_info(versi)")]:
        con.close()  # an older store: migrated in place first (a copy of it is kept beside it)
        with closing(sqlite3.connect(path, isolation_level=None)) as w:
            store.migrate(w)
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return con


def _has(con: sqlite3.Connection, table: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone() is not None


def copy(folder: Path, url: str) -> list[tuple[str, int, int]]:
    """Copy the SQLite store in ``folder`` into the database at ``url``; return (table,
    rows in SQLite, rows in PostgreSQL) per table. Raises :class:`DataError` when the target
    already holds data or the counts differ (then nothing is committed)."""
    folder = Path(folder)
    sources = {name: _source(folder, name) for name in {t[0] for t in TABLES}}
    if sources.get(store.FILE_NAME) is None:
        raise DataError([Problem("migrate.no_store", {"folder": str(folder)})])
    counts: list[tuple[str, int, int]] = []
    try:
        with pg.connect(url) as con, pg.transaction(con):  # the store's write lock: no import meanwhile
            raw = con.raw
            taken = [t for _, t, _ in TABLES if raw.execute(f"SELECT EXISTS (SELECT 1 FROM {t})").fetchone()[0]]
            if taken:
                raise DataError([Problem("migrate.target_not_empty", {"tables": ", ".join(taken)})])
            for name, table, cols in TABLES:
                src = sources.get(name)
                n_src = 0
                if src is not None and _has(src, table):
                    have = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
                    picked = [c for c in cols if c in have]
                    values = ", ".join("ST_Multi(ST_GeomFromWKB(%s, 4326))" if c == "geom" else "%s" for c in picked)
                    insert = f"INSERT INTO {table} ({', '.join(picked)}) VALUES ({values})"
                    cur = src.execute(f"SELECT {', '.join(picked)} FROM {table}")
                    with raw.cursor() as out:
                        while batch := cur.fetchmany(BATCH):
                            out.executemany(insert, batch)
                            n_src += len(batch)
                n_dst = raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                counts.append((table, n_src, int(n_dst)))
            for table in IDENTITY:
                raw.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
                )
            wrong = [c for c in counts if c[1] != c[2]]
            if wrong:
                raise DataError(
                    [Problem("migrate.count_differs", {"table": t, "source": a, "target": b}) for t, a, b in wrong]
                )
    finally:
        for src in sources.values():
            if src is not None:
                src.close()
    return counts
