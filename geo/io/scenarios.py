"""Saved lokus scenarios, versioned in the project's store (``geo.io.store``: ``konvergensi.sqlite``).

Table ``skenario`` of the store database: one row per saved version. Saving a name again adds
a new version (one transaction, ``BEGIN IMMEDIATE``, so two saves at the same moment get two
different version numbers); nothing is ever overwritten or deleted. A scenario keeps what is
needed to reproduce and to explain a selection: base year, N, weights, thresholds, the
planner's additions and removals with their reasons, the resulting selected villages, and the
data version it was computed on. Scenario saves do not change the data version
(``geo.io.store.version_key`` reads only the data versions).

Scenarios saved before this moved into the store (``skenario.sqlite`` in the data folder)
are copied in once, on first use, and the old file is renamed ``skenario.sqlite.dipindah``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from geo.core import config
from geo.io import db, store

LEGACY_FILENAME = "skenario.sqlite"
MAX_NAME = 80

SCHEMA = """
CREATE TABLE IF NOT EXISTS skenario (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    nama TEXT NOT NULL,
    versi INTEGER NOT NULL,
    dibuat TEXT NOT NULL,
    versi_data TEXT NOT NULL,
    isi TEXT NOT NULL,
    UNIQUE (nama, versi)
);
"""


class ScenarioError(ValueError):
    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(f"{key} {params}")

    @property
    def status(self) -> int:
        """The HTTP status of a request that asked for it: 404 for a scenario that does not exist,
        400 for a request that names none properly."""
        return 404 if self.key == "scenario.err.not_found" else 400


@dataclass
class Scenario:
    name: str
    version: int
    created: str  # ISO 8601, UTC
    data_version: str
    base_year: int | None
    n: int
    weights: dict
    thresholds: dict  # criterion -> [red, yellow]
    add: list = field(default_factory=list)
    remove: list = field(default_factory=list)
    reasons: dict = field(default_factory=dict)
    selected: list = field(default_factory=list)
    by: str = ""  # the account that saved it ("" = saved before saving needed an account)
    smoothed: bool = True  # scored with smoothed prevalence (False: as measured)

    def content(self) -> dict:
        return {
            "base_year": self.base_year,
            "n": self.n,
            "weights": self.weights,
            "thresholds": {k: list(v) for k, v in self.thresholds.items()},
            "add": list(self.add),
            "remove": list(self.remove),
            "reasons": dict(self.reasons),
            "selected": list(self.selected),
        }


def db_path() -> Path:
    """The store database (scenarios live in its ``skenario`` table)."""
    return store.path()


def connect(path: Path | None = None):
    """A connection to the store database (or ``path``) with the ``skenario`` table, in
    autocommit mode (transactions are explicit)."""
    default = path is None
    con = db.connect(Path(path) if path else db_path(), SCHEMA)
    if default and not db.is_postgres(con):
        _migrate_legacy(con, config.data_dir() / LEGACY_FILENAME)
    return con


def _migrate_legacy(con: sqlite3.Connection, legacy: Path) -> None:
    """Copy the scenarios of the former ``skenario.sqlite`` into the store, once (idempotent)."""
    if not legacy.exists():
        return
    with closing(sqlite3.connect(legacy, timeout=db.BUSY_TIMEOUT_MS / 1000)) as old:
        try:
            rows = old.execute("SELECT nama, versi, dibuat, versi_data, isi FROM skenario ORDER BY id").fetchall()
        except sqlite3.DatabaseError:
            return
    with db.transaction(con, lock="skenario"):
        con.executemany(
            "INSERT OR IGNORE INTO skenario (nama, versi, dibuat, versi_data, isi) VALUES (?, ?, ?, ?, ?)", rows
        )
    try:
        legacy.rename(legacy.with_name(LEGACY_FILENAME + ".dipindah"))
    except OSError:
        pass  # another process moved it first


def _exists(path: Path | None) -> bool:
    """Whether there can be any scenario (reading never creates the store)."""
    if path:
        return Path(path).exists()
    if db.is_postgres():
        return True
    return db_path().exists() or (config.data_dir() / LEGACY_FILENAME).exists()


def clean_name(name) -> str:
    text = " ".join(str(name or "").split())
    if not text:
        raise ScenarioError("scenario.err.name_empty")
    if len(text) > MAX_NAME:
        raise ScenarioError("scenario.err.name_long", max=MAX_NAME)
    return text


def save(name, data_version: str, content: dict, path: Path | None = None, by: str = "") -> Scenario:
    """Store a new version of the scenario ``name`` (version 1 when the name is new), saved by
    the account ``by`` (kept with the content as ``oleh``)."""
    name = clean_name(name)
    content = dict(content) | ({"oleh": by} if by else {})
    created = datetime.now(UTC).replace(microsecond=0).isoformat()
    # BEGIN IMMEDIATE takes the write lock: the version number cannot be taken twice
    with closing(connect(path)) as con, db.transaction(con, lock="skenario"):
        row = con.execute("SELECT COALESCE(MAX(versi), 0) FROM skenario WHERE nama = ?", (name,)).fetchone()
        version = int(row[0]) + 1
        con.execute(
            "INSERT INTO skenario (nama, versi, dibuat, versi_data, isi) VALUES (?, ?, ?, ?, ?)",
            (name, version, created, data_version, json.dumps(content, ensure_ascii=False, sort_keys=True)),
        )
    return _scenario(name, version, created, data_version, content)


def _scenario(name, version, created, data_version, content: dict) -> Scenario:
    return Scenario(
        name=name,
        version=int(version),
        created=created,
        data_version=data_version,
        base_year=content.get("base_year"),
        n=int(content.get("n", 0)),
        weights=content.get("weights", {}),
        thresholds={k: tuple(v) for k, v in content.get("thresholds", {}).items()},
        add=content.get("add", []),
        remove=content.get("remove", []),
        reasons=content.get("reasons", {}),
        selected=content.get("selected", []),
        by=str(content.get("oleh") or ""),
        smoothed=content.get("smoothed", True) is not False,
    )


def list_all(path: Path | None = None) -> list[dict]:
    """Every saved version, newest first: name, version, created, data_version, size (villages),
    and the account that saved it (``by``, "" for scenarios saved without one)."""
    if not _exists(path):
        return []
    with closing(connect(path)) as con:
        rows = con.execute(
            "SELECT nama, versi, dibuat, versi_data, isi FROM skenario ORDER BY dibuat DESC, id DESC"
        ).fetchall()
    out = []
    for n, v, c, d, i in rows:
        content = json.loads(i)
        out.append(
            {
                "name": n,
                "version": int(v),
                "created": c,
                "data_version": d,
                "selected": len(content.get("selected", [])),
                "by": str(content.get("oleh") or ""),
            }
        )
    return out


def open_(name, version: int | None = None, path: Path | None = None) -> Scenario:
    """The latest version of ``name``, or the given version."""
    name = clean_name(name)
    if not _exists(path):
        raise ScenarioError("scenario.err.not_found", name=name)
    with closing(connect(path)) as con:
        if version is None:
            row = con.execute(
                "SELECT nama, versi, dibuat, versi_data, isi FROM skenario WHERE nama = ? ORDER BY versi DESC LIMIT 1",
                (name,),
            ).fetchone()
        else:
            row = con.execute(
                "SELECT nama, versi, dibuat, versi_data, isi FROM skenario WHERE nama = ? AND versi = ?",
                (name, int(version)),
            ).fetchone()
    if row is None:
        raise ScenarioError("scenario.err.not_found", name=name if version is None else f"{name} v{version}")
    return _scenario(row[0], row[1], row[2], row[3], json.loads(row[4]))


def compare(a: Scenario, b: Scenario) -> dict:
    """Which villages differ between two scenarios (order of each scenario's own list kept)."""
    sa, sb = set(a.selected), set(b.selected)
    return {
        "only_a": [c for c in a.selected if c not in sb],
        "only_b": [c for c in b.selected if c not in sa],
        "both": [c for c in a.selected if c in sb],
        "weights_changed": sorted(k for k in set(a.weights) | set(b.weights) if a.weights.get(k) != b.weights.get(k)),
        "n": (a.n, b.n),
    }


_VERSION = re.compile(r"[0-9]{1,9}")


def parse_version(value) -> int | None:
    """A version number from a URL (``?versi=``): None when not given; ScenarioError when given
    but not a plain ASCII whole number of at most 9 digits (``²`` or a 20-digit number is refused)."""
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    if not _VERSION.fullmatch(text):
        raise ScenarioError("scenario.err.bad_version", value=text[:20])
    return int(text)


def key(name: str, version: int) -> str:
    """The value used in drop-downs: ``version|name`` (names may contain any character)."""
    return f"{int(version)}|{name}"


def parse_key(value: str) -> tuple[str, int]:
    version, _, name = str(value).partition("|")
    return name, int(version)
