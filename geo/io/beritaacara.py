"""Layer: io
The rembuk's *berita acara* (minutes): date, attendees (name, office), commitments (office,
activity, village, volume, deadline), the data versions and the lokus scenario shown. Versioned
in the store database (table ``berita_acara`` of ``konvergensi.sqlite``): saving the same meeting
(its date) again adds a version; nothing is overwritten or deleted. Saving does not change the
data version.

Attendees are officials in a meeting (name and office); nothing about children or families is
ever kept here. While nothing was saved, the bundled demo meeting (``data/demo/berita_acara.json``,
DATA CONTOH) is shown when its villages belong to the boundaries in use.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from contextlib import closing

from geo.io import db, store
from geo.io.loading import BUNDLED_DEMO

MAX_ROWS = 60  # attendees and commitments each
MAX_NAME = 80
MAX_ACTIVITY = 160
MAX_UNIT = 30
DEMO_FILE = BUNDLED_DEMO / "berita_acara.json"

SCHEMA = """
CREATE TABLE IF NOT EXISTS berita_acara (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tanggal TEXT NOT NULL,
    versi INTEGER NOT NULL,
    dibuat TEXT NOT NULL,
    oleh TEXT NOT NULL,
    isi TEXT NOT NULL,
    UNIQUE (tanggal, versi)
);
"""


class MinutesError(ValueError):
    """A form that cannot be saved: message key, parameters (the line of the form it is on)."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params
        super().__init__(f"{key} {params}")


def _connect(create: bool = True):
    """The store database with the ``berita_acara`` table (None for a reader when there is none)."""
    return db.connect(store.path(), store.SCHEMA + SCHEMA, create=create, table="berita_acara")


def _date(value, key: str, **where) -> str:
    try:
        return _dt.date.fromisoformat(str(value or "").strip()[:10]).isoformat()
    except ValueError:
        raise MinutesError(key, value=str(value or "")[:20], **where) from None


def _number(value, **where):
    if value in (None, ""):
        return None
    try:
        v = float(str(value).replace(",", "."))
    except ValueError:
        raise MinutesError("ba.err.volume", value=str(value)[:20], **where) from None
    if math.isnan(v) or math.isinf(v) or v < 0 or v > 1e9:
        raise MinutesError("ba.err.volume", value=str(value)[:20], **where)
    return int(v) if v.is_integer() else v


def _text(value, limit: int) -> str:
    return " ".join(str(value or "").split())[:limit]


def clean(form: dict, village_names: dict[str, str], offices=None) -> dict:
    """The berita acara to store, from the page's form: every field checked, a problem raised as
    :class:`MinutesError` naming the line. ``village_names``: {kode_desa: nama_desa} in use."""
    from geo.io.rencana import canonical_office

    date = _date(form.get("tanggal"), "ba.err.date")
    people, commitments = [], []
    rows_a = [
        a for a in (form.get("peserta") or []) if isinstance(a, dict) and any(str(v or "").strip() for v in a.values())
    ]
    rows_c = [
        c for c in (form.get("komitmen") or []) if isinstance(c, dict) and any(str(v or "").strip() for v in c.values())
    ]
    if len(rows_a) > MAX_ROWS or len(rows_c) > MAX_ROWS:
        raise MinutesError("ba.err.too_many", max=MAX_ROWS)
    for i, a in enumerate(rows_a, 1):
        name = _text(a.get("nama"), MAX_NAME)
        office = canonical_office(a.get("opd"), offices)
        if not name:
            raise MinutesError("ba.err.attendee_name", line=i)
        if office is None:
            raise MinutesError("ba.err.office", line=i, value=_text(a.get("opd"), MAX_NAME), what="peserta")
        people.append({"nama": name, "opd": office})
    if not people:
        raise MinutesError("ba.err.no_attendee")
    for i, c in enumerate(rows_c, 1):
        office = canonical_office(c.get("opd"), offices)
        if office is None:
            raise MinutesError("ba.err.office", line=i, value=_text(c.get("opd"), MAX_NAME), what="komitmen")
        activity = _text(c.get("kegiatan"), MAX_ACTIVITY)
        if not activity:
            raise MinutesError("ba.err.activity", line=i)
        code = str(c.get("kode_desa") or "").strip()
        if code not in village_names:
            raise MinutesError("ba.err.village", line=i, value=code[:20])
        volume = _number(c.get("volume"), line=i)
        unit = _text(c.get("satuan"), MAX_UNIT)
        if volume is not None and not unit:
            raise MinutesError("ba.err.unit", line=i)
        deadline = _date(c.get("tenggat"), "ba.err.deadline", line=i)
        if deadline < date:
            raise MinutesError("ba.err.deadline_past", line=i, value=deadline)
        commitments.append(
            {
                "opd": office,
                "kegiatan": activity,
                "kode_desa": code,
                "nama_desa": village_names[code],
                "volume": volume,
                "satuan": unit,
                "tenggat": deadline,
            }
        )
    if not commitments:
        raise MinutesError("ba.err.no_commitment")
    return {"tanggal": date, "peserta": people, "komitmen": commitments}


def save(minutes: dict, by: str, data_versions: dict, scenario: str) -> dict:
    """Store a checked berita acara as a new version of its meeting (its date); returns it with
    ``versi``, ``dibuat`` and ``oleh``."""
    content = dict(minutes, versi_data=dict(data_versions), skenario=str(scenario))
    created = store.now_utc()
    with closing(_connect()) as con, db.transaction(con, lock="berita_acara"):
        row = con.execute(
            "SELECT COALESCE(MAX(versi), 0) FROM berita_acara WHERE tanggal = ?", (minutes["tanggal"],)
        ).fetchone()
        version = int(row[0]) + 1
        con.execute(
            "INSERT INTO berita_acara (tanggal, versi, dibuat, oleh, isi) VALUES (?, ?, ?, ?, ?)",
            (minutes["tanggal"], version, created, str(by), json.dumps(content, ensure_ascii=False, sort_keys=True)),
        )
    return dict(content, versi=version, dibuat=created, oleh=str(by), contoh=False)


def _row(r) -> dict:
    return dict(json.loads(r[4]), tanggal=r[0], versi=int(r[1]), dibuat=r[2], oleh=r[3], contoh=False)


def list_all() -> list[dict]:
    """Every stored version, newest meeting first (then newest version)."""
    con = _connect(create=False)
    if con is None:  # no store, or no meeting saved yet
        return []
    with closing(con):
        rows = con.execute(
            "SELECT tanggal, versi, dibuat, oleh, isi FROM berita_acara ORDER BY tanggal DESC, versi DESC"
        ).fetchall()
    return [_row(r) for r in rows]


def get(date: str, version: int | None = None) -> dict | None:
    for m in list_all():
        if m["tanggal"] == date and (version is None or m["versi"] == int(version)):
            return m
    demo = demo_minutes()
    if demo and demo["tanggal"] == date and version in (None, demo["versi"]):
        return demo
    return None


def demo_minutes(known_codes=None) -> dict | None:
    """The bundled demo meeting (DATA CONTOH), when its villages are in ``known_codes``."""
    try:
        m = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if known_codes is not None and not {c["kode_desa"] for c in m.get("komitmen", [])} <= set(known_codes):
        return None
    return dict(m, contoh=True)


def latest(known_codes=None, before: str | None = None) -> dict | None:
    """The latest version of the most recent meeting (dated before ``before`` when given), else
    the demo meeting."""
    for m in list_all():
        if before is None or m["tanggal"] < before:
            return m
    demo = demo_minutes(known_codes)
    return demo if demo and (before is None or demo["tanggal"] < before) else None
