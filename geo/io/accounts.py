"""Accounts of the people who bring data, and the audit trail of what they did.

Both live in the store database (``geo.io.store``: ``konvergensi.sqlite``), so a backup of the
store keeps them. Roles:

* ``admin``: manages accounts, imports anything, restores versions, saves lokus scenarios,
  reads the audit trail;
* ``opd`` (an office, e.g. "Dinas PUPR"): imports only the kinds (and, for coverage, the
  indicators) the admin assigned to it; its rows carry its own office as their source;
* viewers need no account: every public page stays public.

Passwords are hashed with scrypt (werkzeug), at least :data:`MIN_PASSWORD` characters and
not on a short list of common passwords. An admin's reset makes the user choose a new
password at the next sign-in.

The audit trail (table ``audit``) is append-only: this module only inserts, and SQLite
triggers refuse any UPDATE or DELETE, so it cannot be edited from the app.
"""

from __future__ import annotations

import json
import re
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime

from werkzeug.security import check_password_hash, generate_password_hash

from geo.io import db, store

ROLES = ("admin", "opd")
MIN_PASSWORD = 10
MAX_NAME = 60
NAME_RE = re.compile(r"^[A-Za-z0-9._@-]{2,60}$")
# A short list of passwords people choose first (English and Indonesian); longer than
# MIN_PASSWORD or not, none of them is accepted, nor any of them with digits appended.
COMMON = {
    "password",
    "password1",
    "password123",
    "passw0rd",
    "qwerty",
    "qwertyuiop",
    "123456",
    "1234567890",
    "12345678910",
    "0123456789",
    "abcdefghij",
    "iloveyou",
    "admin",
    "admin123",
    "administrator",
    "welcome",
    "letmein",
    "sunshine",
    "football",
    "monkey",
    "dragon",
    "master",
    "superman",
    "princess",
    "indonesia",
    "bismillah",
    "rahasia",
    "katasandi",
    "sandi",
    "merdeka",
    "jakarta",
    "bappeda",
    "dinkes",
    "dinaskesehatan",
    "pupr",
    "dpmd",
    "butonselatan",
    "buton",
    "konvergensi",
    "stunting",
    "sayangku",
    "cintaku",
    "kucing",
    "anjing",
    "semangat",
    "alhamdulillah",
    "assalamualaikum",
}
SCHEMA = """
CREATE TABLE IF NOT EXISTS akun (
    nama TEXT PRIMARY KEY COLLATE NOCASE,
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
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    waktu TEXT NOT NULL,
    akun TEXT NOT NULL,
    alamat TEXT NOT NULL,
    aksi TEXT NOT NULL,
    rincian TEXT NOT NULL,
    versi INTEGER
);
CREATE INDEX IF NOT EXISTS audit_waktu ON audit(waktu);
CREATE TRIGGER IF NOT EXISTS audit_tidak_diubah BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_tidak_dihapus BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""
ACTIONS = (
    "masuk",
    "masuk_gagal",
    "keluar",
    "impor",
    "pulihkan",
    "tarik",
    "simpan_skenario",
    "akun_dibuat",
    "akun_nonaktif",
    "akun_aktif",
    "peran_diubah",
    "sandi_direset",
    "sandi_diganti",
    "akun_pertama",
)


class AccountError(ValueError):
    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(f"{key} {params}")


@dataclass
class Account:
    name: str
    role: str
    office: str = ""
    active: bool = True
    must_change: bool = False
    kinds: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    password_hash: str = field(default="", repr=False)
    created: str = ""
    changed: str = ""
    from_environment: bool = False  # the admin of KONVERGENSI_ADMIN_USER / _PASSWORD_HASH

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_import(self, kind: str) -> bool:
        return self.active and (self.is_admin or (kind in self.kinds and kind not in ADMIN_ONLY_KINDS))

    def may_import_indicator(self, indicator: str) -> bool:
        return self.is_admin or not self.indicators or indicator in self.indicators


# The indicator catalogue sets the targets every office is measured against: only a data admin
# changes it, never an office account (even one an admin tried to give it to).
ADMIN_ONLY_KINDS = ("indikator",)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _connect(create: bool = True):
    """The store database with the account tables (None for a reader when there are none)."""
    return db.connect(store.path(), store.SCHEMA + SCHEMA, create=create, table="akun")


def _account(row) -> Account:
    return Account(
        name=row[0],
        role=row[1],
        office=row[2],
        password_hash=row[3],
        active=bool(row[4]),
        must_change=bool(row[5]),
        kinds=json.loads(row[6]),
        indicators=json.loads(row[7]),
        created=row[8],
        changed=row[9],
    )


COLUMNS = "nama, peran, opd, hash, aktif, wajib_ganti, jenis, indikator, dibuat, diubah"


def list_accounts() -> list[Account]:
    con = _connect(create=False)
    if con is None:
        return []
    with closing(con):
        return [_account(r) for r in con.execute(f"SELECT {COLUMNS} FROM akun ORDER BY peran, nama COLLATE NOCASE")]


def _read(query: str, args=(), default=None):
    """The first row of a read-only query, or ``default`` when there is no store or no such row."""
    try:
        con = _connect(create=False)
    except db.Error:
        return default
    if con is None:
        return default
    with closing(con):
        row = con.execute(query, args).fetchone()
    return default if row is None else row


def get(name: str) -> Account | None:
    if not name:
        return None
    row = _read(f"SELECT {COLUMNS} FROM akun WHERE nama = ?", (str(name).strip(),))
    return _account(row) if row else None


def any_account() -> bool:
    return _read("SELECT 1 FROM akun LIMIT 1") is not None


def check_password(password: str, name: str = "") -> None:
    """Refuses passwords shorter than :data:`MIN_PASSWORD`, common ones (also with digits or
    punctuation appended), and the user's own name."""
    p = str(password or "")
    if len(p) < MIN_PASSWORD:
        raise AccountError("account.err.password_short", min=MIN_PASSWORD)
    folded = p.casefold()
    stem = re.sub(r"[\d\W_]+$", "", folded)
    if folded in COMMON or stem in COMMON or (name and name.casefold() in folded) or len(set(p)) < 4:
        raise AccountError("account.err.password_common")


def clean_name(name) -> str:
    text = str(name or "").strip()
    if not NAME_RE.match(text):
        raise AccountError("account.err.name", max=MAX_NAME)
    return text


def clean_office(office) -> str:
    text = " ".join(str(office or "").split())
    if not text or len(text) > 80:
        raise AccountError("account.err.office")
    return text


def office_kinds(kinds) -> list[str]:
    """The kinds an office account may be given: all but the regency-wide ones (:data:`ADMIN_ONLY_KINDS`)."""
    return [k for k in kinds if k not in ADMIN_ONLY_KINDS]


def _known_kinds(kinds, allowed) -> list[str]:
    out = [k for k in (kinds or []) if k in allowed and k not in ADMIN_ONLY_KINDS]
    return sorted(set(out), key=list(allowed).index)


def create(
    name,
    password,
    role: str,
    office: str = "",
    kinds=(),
    indicators=(),
    must_change: bool = False,
    allowed_kinds=(),
    allowed_indicators=(),
) -> Account:
    """A new account. ``allowed_*``: the kinds and indicators that exist (for an office)."""
    name = clean_name(name)
    if role not in ROLES:
        raise AccountError("account.err.role")
    office = clean_office(office) if role == "opd" else ""
    check_password(password, name)
    kinds = _known_kinds(kinds, allowed_kinds) if role == "opd" else []
    indicators = _known_kinds(indicators, allowed_indicators) if role == "opd" else []
    now = _now()
    with closing(_connect()) as con:
        try:
            con.execute(
                f"INSERT INTO akun ({COLUMNS}) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
                (
                    name,
                    role,
                    office,
                    generate_password_hash(password),
                    int(must_change),
                    json.dumps(kinds),
                    json.dumps(indicators),
                    now,
                    now,
                ),
            )
        except db.IntegrityError as exc:
            raise AccountError("account.err.exists", name=name) from exc
    return get(name)


def create_first_admin(name, password) -> Account:
    """The first admin, only while no account exists (one transaction: two at once make one)."""
    name = clean_name(name)
    check_password(password, name)
    now = _now()
    with closing(_connect()) as con, db.transaction(con, lock="akun"):
        if con.execute("SELECT 1 FROM akun LIMIT 1").fetchone():
            raise AccountError("account.err.not_first")
        con.execute(
            f"INSERT INTO akun ({COLUMNS}) VALUES (?, 'admin', '', ?, 1, 0, '[]', '[]', ?, ?)",
            (name, generate_password_hash(password), now, now),
        )
    return get(name)


def verify(name: str, password: str) -> Account | None:
    acc = get(name)
    if acc is None or not acc.active:
        return None
    return acc if check_password_hash(acc.password_hash, password or "") else None


def _update(name: str, **values) -> Account:
    cols = ", ".join(f"{k} = ?" for k in values)
    with closing(_connect()) as con:
        n = con.execute(f"UPDATE akun SET {cols}, diubah = ? WHERE nama = ?", (*values.values(), _now(), name)).rowcount
    if not n:
        raise AccountError("account.err.unknown", name=name)
    return get(name)


def set_active(name: str, active: bool) -> Account:
    return _update(name, aktif=int(bool(active)))


def set_password(name: str, password: str, must_change: bool = False) -> Account:
    check_password(password, name)
    return _update(name, hash=generate_password_hash(password), wajib_ganti=int(must_change))


def set_role(
    name: str, role: str, office: str = "", kinds=(), indicators=(), allowed_kinds=(), allowed_indicators=()
) -> Account:
    if role not in ROLES:
        raise AccountError("account.err.role")
    office = clean_office(office) if role == "opd" else ""
    kinds = _known_kinds(kinds, allowed_kinds) if role == "opd" else []
    indicators = _known_kinds(indicators, allowed_indicators) if role == "opd" else []
    return _update(name, peran=role, opd=office, jenis=json.dumps(kinds), indikator=json.dumps(indicators))


def count_admins() -> int:
    return sum(1 for a in list_accounts() if a.is_admin and a.active)


# ----- audit trail -------------------------------------------------------------------------


def log(account: str, address: str, action: str, detail: str = "", version: int | None = None) -> None:
    """Append one line to the audit trail. Never raises: an unwritable store must not turn a
    refused sign-in into an error page (the server log still has the line)."""
    try:
        with closing(_connect()) as con:
            db.retry_locked(
                lambda: con.execute(
                    "INSERT INTO audit (waktu, akun, alamat, aksi, rincian, versi) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        _now(),
                        str(account or "")[:MAX_NAME],
                        str(address or "")[:64],
                        action,
                        str(detail or "")[:300],
                        version,
                    ),
                )
            )
    except (*db.Error, OSError):
        pass


def audit_rows(
    account: str | None = None,
    action: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 1000,
) -> list[dict]:
    """Audit lines, newest first, filtered by account, action and UTC date (YYYY-MM-DD, inclusive)."""
    con = _connect(create=False)
    if con is None:
        return []
    where, args = [], []
    if account:
        where.append("akun = ? COLLATE NOCASE")
        args.append(account)
    if action:
        where.append("aksi = ?")
        args.append(action)
    if since:
        where.append("waktu >= ?")
        args.append(since)
    if until:
        where.append("waktu < ?")
        args.append(until + "T99")
    sql = "SELECT id, waktu, akun, alamat, aksi, rincian, versi FROM audit"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    with closing(con):
        return [
            dict(zip(("id", "time", "account", "address", "action", "detail", "version"), r))
            for r in con.execute(sql, args)
        ]
