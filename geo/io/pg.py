"""PostgreSQL (with PostGIS) behind the same connection interface as SQLite.

``KONVERGENSI_DATABASE_URL=postgresql://user:password@host:5432/dbname`` puts everything
stored into one PostgreSQL database, schema ``konvergensi``, so any number of app servers
share it. The modules that own tables keep writing one SQL text for both databases
(``?`` placeholders, ``INSERT OR IGNORE``, ``COLLATE NOCASE``); :func:`translate` turns it
into PostgreSQL's (``%s`` placeholders, ``ON CONFLICT DO NOTHING``, ``citext`` columns).
Parameters are always bound by psycopg, never formatted into the SQL.

* connections come from a psycopg-pool pool per process (made after a fork), in autocommit
  mode with ``search_path=konvergensi,public``;
* the schema is made and upgraded by numbered migrations (:data:`MIGRATIONS`), each once,
  when a process first connects, under an advisory lock so servers starting together wait
  for each other;
* a write transaction takes one advisory lock, so writers follow each other as with SQLite's
  ``BEGIN IMMEDIATE``: version ids are committed in their order, and the newest id is a
  sound cache key for every server (one query per request, :func:`geo.io.store.version_key`).
"""

from __future__ import annotations

import logging
import os
import re
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

import psycopg
import psycopg_pool

log = logging.getLogger("konvergensi.pg")

SCHEMA_NAME = "konvergensi"
WRITE_LOCK = 0x4B6F6E76  # pg_advisory_xact_lock key of every write transaction ("Konv")
MIGRATION_LOCK = 0x4B6F6E6D  # ... of the migrations ("Konm")
POOL_TIMEOUT = 30  # seconds a request waits for a connection (then: "the database cannot be reached")
POOL_MAX = int(os.environ.get("KONVERGENSI_DB_POOL_MAX", "8") or 8)
# Tables whose INSERT gives the new row's id (cursor.lastrowid, as SQLite does).
ID_TABLES = ("versi", "audit", "skenario", "berita_acara")

Error = psycopg.Error
IntegrityError = psycopg.IntegrityError

_pools: dict[tuple[str, int], psycopg_pool.ConnectionPool] = {}
_pools_lock = threading.Lock()
_migrated: set[tuple[str, int]] = set()
queries = 0  # statements sent by this process (bench and tests count the ones per request)


def safe_url(url: str) -> str:
    """The URL without its password, for logs, cache keys and messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, "", ""))


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """One SQL text for both databases: SQLite's dialect as the modules write it, in
    PostgreSQL's. (The SQL texts hold no ``?`` inside string literals.)"""
    s = sql.replace("%", "%%")
    s = re.sub(r"\s+COLLATE\s+NOCASE", "", s, flags=re.I)  # the columns are citext
    ignore = re.match(r"\s*INSERT\s+OR\s+IGNORE\s+", s, flags=re.I)
    if ignore:
        s = "INSERT " + s[ignore.end() :] + " ON CONFLICT DO NOTHING"
    s = s.replace("?", "%s")
    m = re.match(r"\s*INSERT\s+INTO\s+(\w+)", s, flags=re.I)
    if m and m.group(1).lower() in ID_TABLES and "RETURNING" not in s.upper():
        s += " RETURNING id"
    return s


class Cursor:
    """A psycopg cursor as SQLite's: fetchone/fetchall/iteration, rowcount, lastrowid."""

    def __init__(self, cur: psycopg.Cursor, returning: bool):
        self._cur = cur
        self.rowcount = cur.rowcount
        self.lastrowid = None
        if returning:
            row = cur.fetchone()
            self.lastrowid = row[0] if row else None

    def fetchone(self):
        return self._cur.fetchone() if self._cur.description else None

    def fetchall(self):
        return self._cur.fetchall() if self._cur.description else []

    def __iter__(self):
        return iter(self.fetchall())


class Connection:
    """A pooled PostgreSQL connection with SQLite's connection methods; ``close`` gives it back."""

    dialect = "postgresql"

    def __init__(self, pool: psycopg_pool.ConnectionPool, raw: psycopg.Connection):
        self._pool, self.raw = pool, raw

    def execute(self, sql: str, params=()) -> Cursor:
        global queries
        q = translate(sql)
        queries += 1
        cur = self.raw.execute(q, tuple(params) if params is not None else None)
        return Cursor(cur, q.endswith(" RETURNING id"))

    def executemany(self, sql: str, seq) -> None:
        global queries
        queries += 1
        with self.raw.cursor() as cur:
            cur.executemany(translate(sql), list(seq))

    def executescript(self, script: str) -> None:
        global queries
        queries += 1
        self.raw.execute(script)

    def close(self) -> None:
        if self.raw is None:
            return
        raw, self.raw = self.raw, None
        try:
            if raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                raw.rollback()
        except psycopg.Error:
            pass
        self._pool.putconn(raw)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _configure(raw: psycopg.Connection) -> None:
    raw.execute(f"SET search_path TO {SCHEMA_NAME}, public")


def pool(url: str) -> psycopg_pool.ConnectionPool:
    """This process's pool for ``url`` (a new one after a fork), the schema migrated."""
    key = (url, os.getpid())
    p = _pools.get(key)
    if p is None:
        with _pools_lock:
            p = _pools.get(key)
            if p is None:
                p = psycopg_pool.ConnectionPool(
                    url,
                    min_size=1,
                    max_size=max(POOL_MAX, 2),
                    kwargs={"autocommit": True},
                    configure=_configure,
                    name="konvergensi",
                    timeout=POOL_TIMEOUT,
                    open=True,
                )
                _pools[key] = p
    if key not in _migrated:
        with _pools_lock:
            if key not in _migrated:
                with p.connection() as raw:
                    migrate(raw)
                _migrated.add(key)
    return p


def connect(url: str) -> Connection:
    p = pool(url)
    return Connection(p, p.getconn())


def close_pools() -> None:
    """Close this process's pools (tests, and a CLI command that is done)."""
    with _pools_lock:
        for key in [k for k in _pools if k[1] == os.getpid()]:
            _pools.pop(key).close()
            _migrated.discard(key)


@contextmanager
def transaction(con: Connection, immediate: bool = True, lock: str = "store") -> Iterator[Connection]:
    """One transaction; a writer (``immediate``) first waits for its tables' write lock: the
    store's versions follow each other (their ids commit in order), and so do the saves of a
    scenario or a berita acara, without waiting for an import."""
    global queries
    with con.raw.transaction():
        if immediate:
            queries += 1
            key = WRITE_LOCK if lock == "store" else WRITE_LOCK + 1 + zlib.crc32(lock.encode()) % 1000
            con.raw.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
        yield con


def has_table(con: Connection, name: str) -> bool:
    row = con.raw.execute("SELECT to_regclass(%s)", (f"{SCHEMA_NAME}.{name}",)).fetchone()
    return row is not None and row[0] is not None


def columns(con: Connection, table: str) -> list[str]:
    rows = con.raw.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema=%s AND table_name=%s "
        "ORDER BY ordinal_position",
        (SCHEMA_NAME, table),
    ).fetchall()
    return [r[0] for r in rows]


# --- migrations ---------------------------------------------------------------------------
# Numbered steps, each run once per database in its own transaction, recorded in
# konvergensi.skema_migrasi. Never edit a step that has shipped: add the next one.

_APPEND_ONLY = """
CREATE OR REPLACE FUNCTION konvergensi.audit_tetap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
CREATE TRIGGER audit_tidak_diubah BEFORE UPDATE OR DELETE ON konvergensi.audit
    FOR EACH ROW EXECUTE FUNCTION konvergensi.audit_tetap();
"""

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "tables of the store, scenarios, sign-in, accounts and minutes",
        """
CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;
CREATE EXTENSION IF NOT EXISTS citext SCHEMA public;
CREATE TABLE versi (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    jenis TEXT NOT NULL,
    nama_berkas TEXT NOT NULL,
    hash_berkas TEXT NOT NULL,
    waktu TEXT NOT NULL,
    oleh TEXT NOT NULL,
    jumlah_baris INTEGER NOT NULL,
    jumlah_desa INTEGER NOT NULL,
    peringatan TEXT NOT NULL,
    dipulihkan_dari BIGINT REFERENCES versi(id),
    kolom TEXT NOT NULL,
    cakupan TEXT NOT NULL DEFAULT '[]',
    ditarik BIGINT REFERENCES versi(id)
);
CREATE INDEX versi_jenis ON versi(jenis, id);
CREATE TABLE baris (
    versi_id BIGINT NOT NULL REFERENCES versi(id),
    urut INTEGER NOT NULL,
    data TEXT NOT NULL,
    geom geometry(MultiPolygon, 4326),
    PRIMARY KEY (versi_id, urut)
);
CREATE INDEX baris_geom ON baris USING GIST (geom);
CREATE TABLE skenario (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    nama TEXT NOT NULL,
    versi INTEGER NOT NULL,
    dibuat TEXT NOT NULL,
    versi_data TEXT NOT NULL,
    isi TEXT NOT NULL,
    UNIQUE (nama, versi)
);
CREATE TABLE gagal (kunci TEXT NOT NULL, waktu DOUBLE PRECISION NOT NULL);
CREATE INDEX gagal_kunci ON gagal(kunci, waktu);
CREATE TABLE sesi (
    id_hash TEXT PRIMARY KEY,
    pengguna TEXT NOT NULL,
    sidik_sandi TEXT NOT NULL,
    dibuat DOUBLE PRECISION NOT NULL,
    terakhir DOUBLE PRECISION NOT NULL,
    dicabut INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE akun (
    nama CITEXT PRIMARY KEY,
    peran TEXT NOT NULL,
    opd TEXT NOT NULL DEFAULT '',
    hash TEXT NOT NULL,
    aktif INTEGER NOT NULL DEFAULT 1,
    wajib_ganti INTEGER NOT NULL DEFAULT 0,
    jenis TEXT NOT NULL DEFAULT '[]',
    indikator TEXT NOT NULL DEFAULT '[]',
    dibuat TEXT NOT NULL,
    diubah TEXT NOT NULL
);
CREATE TABLE audit (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    waktu TEXT NOT NULL,
    akun CITEXT NOT NULL,
    alamat TEXT NOT NULL,
    aksi TEXT NOT NULL,
    rincian TEXT NOT NULL,
    versi BIGINT
);
CREATE INDEX audit_waktu ON audit(waktu);
"""
        + _APPEND_ONLY
        + """
CREATE TABLE berita_acara (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    tanggal TEXT NOT NULL,
    versi INTEGER NOT NULL,
    dibuat TEXT NOT NULL,
    oleh TEXT NOT NULL,
    isi TEXT NOT NULL,
    UNIQUE (tanggal, versi)
);
""",
    ),
    (
        2,
        "what GIS software reads: current boundaries and the latest value of every indicator",
        """
CREATE TABLE batas_terkini (
    kode_desa TEXT PRIMARY KEY,
    nama_desa TEXT NOT NULL,
    kecamatan TEXT NOT NULL,
    versi BIGINT,
    geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX batas_terkini_geom ON batas_terkini USING GIST (geom);
CREATE TABLE nilai_terkini (
    kode_desa TEXT NOT NULL,
    indikator TEXT NOT NULL,
    tahun INTEGER NOT NULL,
    nilai DOUBLE PRECISION,
    pembilang DOUBLE PRECISION,
    penyebut DOUBLE PRECISION,
    opd TEXT NOT NULL,
    versi BIGINT,
    PRIMARY KEY (kode_desa, indikator)
);
CREATE TABLE terkini_status (
    satu BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (satu),
    versi_data TEXT NOT NULL,
    waktu TEXT NOT NULL,
    data_contoh BOOLEAN NOT NULL
);
CREATE VIEW desa_terkini AS
    SELECT b.kode_desa, b.nama_desa, b.kecamatan, b.geom FROM batas_terkini b;
""",
    ),
    (
        3,
        "uploads waiting for their confirmation, shared by every app server",
        """
CREATE TABLE unggahan (token TEXT PRIMARY KEY, dibuat DOUBLE PRECISION NOT NULL, isi BYTEA NOT NULL);
""",
    ),
)


def migrate(raw: psycopg.Connection) -> list[int]:
    """Apply the migrations this database lacks, in order; return their numbers."""
    done: list[int] = []
    every = {n for n, _, _ in MIGRATIONS}
    with raw.transaction():  # up to date: only read (a read-only database, or a reader's role, is fine)
        exists = raw.execute("SELECT to_regclass(%s)", (f"{SCHEMA_NAME}.skema_migrasi",)).fetchone()[0]
        if exists and every <= {r[0] for r in raw.execute(f"SELECT nomor FROM {SCHEMA_NAME}.skema_migrasi")}:
            return done
    with raw.transaction():
        raw.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        raw.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA_NAME}")
        raw.execute(f"SET LOCAL search_path TO {SCHEMA_NAME}, public")
        raw.execute(
            f"CREATE TABLE IF NOT EXISTS {SCHEMA_NAME}.skema_migrasi "
            "(nomor INTEGER PRIMARY KEY, nama TEXT NOT NULL, waktu TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        have = {r[0] for r in raw.execute(f"SELECT nomor FROM {SCHEMA_NAME}.skema_migrasi").fetchall()}
        for number, name, sql in MIGRATIONS:
            if number in have:
                continue
            raw.execute(sql)
            raw.execute(
                f"INSERT INTO {SCHEMA_NAME}.skema_migrasi (nomor, nama) VALUES (%s, %s)",
                (number, name),
            )
            done.append(number)
    if done:
        log.info("database %s on %s:%s migrated: steps %s", raw.info.dbname, raw.info.host, raw.info.port, done)
    return done


def schema_version(url: str) -> int:
    with connect(url) as con:
        row = con.raw.execute(f"SELECT max(nomor) FROM {SCHEMA_NAME}.skema_migrasi").fetchone()
    return int(row[0] or 0)


# --- what GIS software reads ----------------------------------------------------------------
PUBLISH_LOCK = 0x4B6F6E67  # pg_try_advisory_xact_lock key of publishing the view ("Kong")
VIEW = "desa_terkini"


def published_version(url: str) -> str:
    """The data version the view ``konvergensi.desa_terkini`` shows ("" before the first)."""
    with connect(url) as con:
        row = con.raw.execute("SELECT versi_data FROM terkini_status").fetchone()
    return row[0] if row else ""


def publish_current(
    url: str, version: str, boundaries: list[tuple], values: list[tuple], demo: bool, now: str
) -> bool | None:
    """Replace what ``konvergensi.desa_terkini`` shows, in one transaction: ``boundaries``
    (kode_desa, nama_desa, kecamatan, versi, WKB) and ``values`` (kode_desa, indikator, tahun,
    nilai, pembilang, penyebut, opd, versi). The view is made again with one column per
    indicator (its latest value in percent) and one with the year of that value; privileges
    granted on the old view are granted again. False when ``version`` is already shown, None
    when another process is publishing now."""
    from psycopg import sql

    global queries
    codes = sorted({v[1] for v in values})
    with connect(url) as con, con.raw.transaction():
        raw = con.raw
        queries += 1
        if not raw.execute("SELECT pg_try_advisory_xact_lock(%s)", (PUBLISH_LOCK,)).fetchone()[0]:
            return None  # another process is publishing: not known yet whether it will succeed
        row = raw.execute("SELECT versi_data FROM terkini_status").fetchone()
        if row and row[0] == version:
            return False
        grants = raw.execute(
            "SELECT grantee, privilege_type FROM information_schema.role_table_grants "
            "WHERE table_schema=%s AND table_name=%s AND grantee <> current_user",
            (SCHEMA_NAME, VIEW),
        ).fetchall()
        raw.execute("DELETE FROM batas_terkini")
        raw.execute("DELETE FROM nilai_terkini")
        with raw.cursor() as cur:
            cur.executemany(
                "INSERT INTO batas_terkini (kode_desa, nama_desa, kecamatan, versi, geom) "
                "VALUES (%s, %s, %s, %s, ST_Multi(ST_GeomFromWKB(%s, 4326)))",
                boundaries,
            )
            cur.executemany(
                "INSERT INTO nilai_terkini (kode_desa, indikator, tahun, nilai, pembilang, penyebut, opd, versi) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                values,
            )
        raw.execute(
            "INSERT INTO terkini_status (satu, versi_data, waktu, data_contoh) VALUES (TRUE, %s, %s, %s) "
            "ON CONFLICT (satu) DO UPDATE SET versi_data = EXCLUDED.versi_data, waktu = EXCLUDED.waktu, "
            "data_contoh = EXCLUDED.data_contoh",
            (version, now, bool(demo)),
        )
        pivot = [
            sql.SQL(
                "max(n.nilai) FILTER (WHERE n.indikator = {c}) AS {v}, max(n.tahun) FILTER (WHERE n.indikator = {c}) AS {y}"
            ).format(c=sql.Literal(code), v=sql.Identifier(code), y=sql.Identifier(f"{code}_tahun"))
            for code in codes
        ]
        nilai = sql.SQL("SELECT n.kode_desa{sep}{cols} FROM nilai_terkini n GROUP BY n.kode_desa").format(
            sep=sql.SQL(", " if pivot else ""), cols=sql.SQL(", ").join(pivot)
        )
        picked = [sql.SQL("v.{}").format(sql.Identifier(x)) for code in codes for x in (code, f"{code}_tahun")]
        raw.execute(sql.SQL("DROP VIEW IF EXISTS {}").format(sql.Identifier(VIEW)))
        raw.execute(
            sql.SQL(
                "CREATE VIEW {view} AS SELECT b.kode_desa, b.nama_desa, b.kecamatan{sep}{picked}, "
                "s.versi_data, s.data_contoh, "
                "CASE WHEN s.data_contoh THEN 'DATA CONTOH: angka sintetis, bukan data desa yang sebenarnya' "
                "ELSE '' END AS keterangan, b.geom "
                "FROM batas_terkini b CROSS JOIN terkini_status s LEFT JOIN ({nilai}) v ON v.kode_desa = b.kode_desa"
            ).format(
                view=sql.Identifier(VIEW),
                sep=sql.SQL(", " if picked else ""),
                picked=sql.SQL(", ").join(picked),
                nilai=nilai,
            )
        )
        raw.execute(
            sql.SQL("COMMENT ON VIEW {} IS {}").format(
                sql.Identifier(VIEW),
                sql.Literal(
                    "Konvergensi: current village boundaries (geom, EPSG:4326) with the latest value (percent) "
                    "and its year of every indicator, the default office's figures; data version "
                    f"{version}{' (DATA CONTOH: synthetic demo numbers)' if demo else ''}"
                ),
            )
        )
        for grantee, privilege in grants:
            raw.execute(
                sql.SQL("GRANT {} ON {} TO {}").format(
                    sql.SQL(privilege), sql.Identifier(VIEW), sql.Identifier(grantee)
                )
            )
    log.info("view %s.%s shows data version %s (%d villages)", SCHEMA_NAME, VIEW, version, len(boundaries))
    return True
