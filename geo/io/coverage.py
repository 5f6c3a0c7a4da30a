"""What an import covers, and which stored version is current for each thing covered.

Every kind names the columns that identify *what* a row is about (its coverage key); the
values are the rest. An import covers the set of keys of its rows and, for those keys only,
becomes the current version: keys it does not cover keep the version they had.

* ``prevalensi`` and ``cakupan`` rows are observations: (indicator, year, month, office) is the
  key, so importing 2022 keeps 2020 and 2021, and one office's file never replaces another's;
* ``sarana``: each work by its own identity (name, village, year, office);
* ``lokus``: a list per year;
* ``terbit``: a published figure per (region, year, period, source type, source);
* ``rencana`` and ``realisasi``: an office's plans (or deliveries) of a year;
* ``indikator``: one catalogue entry per indicator code (a file changing one indicator replaces
  that indicator only; withdrawing it brings the previous definition back);
* ``batas`` and any kind not listed here: the whole dataset (one empty key).

Versions are replayed in order (:func:`resolve`): an import or a restore puts its keys on top,
a withdrawal takes its version off every key it covered, so what was current before it shows
again. Nothing is deleted. A kind added later (e.g. plans) only needs its key columns here.
"""

from __future__ import annotations

import math
from collections import defaultdict

from geo.core.schema import BUNDLED

PREVALENCE_INDICATOR = "stunting"
OBSERVATION_KINDS = ("prevalensi", "cakupan")
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "prevalensi": ("indikator", "tahun", "bulan", "opd"),
    "cakupan": ("indikator", "tahun", "bulan", "opd"),
    "sarana": ("nama_sarana", "kode_desa", "tahun", "opd"),
    "lokus": ("tahun",),
    "terbit": ("kode_kab", "tahun", "periode", "jenis_sumber", "sumber"),
    # plans and their realisation (Aksi 2): one office's file for a year replaces that office's year
    "rencana": ("tahun", "opd"),
    "realisasi": ("tahun", "opd"),
    # the indicator catalogue (geo.io.catalogue): one entry per code
    "indikator": ("kode",),
}


def key_columns(kind: str) -> tuple[str, ...]:
    return KEY_COLUMNS.get(kind, ())


def default_office(indicator: str) -> str:
    """The bundled catalogue's default office: part of the stored keys of rows without an office,
    so it must not change when an ``indikator`` import changes an indicator's office."""
    ind = BUNDLED.get(indicator)
    return ind.opd if ind is not None else ""


def norm(v):
    """A key part as stored (JSON): None for empty, int for whole numbers, trimmed text."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return int(v) if v.is_integer() else v
    if isinstance(v, int):
        return v
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if hasattr(v, "item"):  # numpy scalars
        return norm(v.item())
    s = " ".join(str(v).split())
    return s or None


def match(key) -> tuple:
    """A key as compared: text ignoring case and spacing ("Dinas PUPR" = "dinas  pupr")."""
    return tuple(p.casefold() if isinstance(p, str) else p for p in key)


def row_key(kind: str, row: dict) -> tuple:
    cols = key_columns(kind)
    out = []
    for c in cols:
        v = norm(row.get(c))
        if v is None and c == "indikator" and kind == "prevalensi":
            v = PREVALENCE_INDICATOR
        if v is None and c == "opd" and kind in OBSERVATION_KINDS:
            v = default_office(norm(row.get("indikator")) or PREVALENCE_INDICATOR)
        out.append(v)
    return tuple(out)


def keys_of(kind: str, df) -> list[list]:
    """The sorted distinct keys of a table's rows (what an import of it covers)."""
    cols = key_columns(kind)
    if not cols or df is None or not len(df):
        return [[]] if not cols else []
    present = [c for c in cols if c in df.columns]
    seen: dict[tuple, tuple] = {}
    for vals in df[present].drop_duplicates().itertuples(index=False):
        k = row_key(kind, dict(zip(present, vals)))
        seen.setdefault(match(k), k)
    return sorted((list(k) for k in seen.values()), key=lambda k: [("" if p is None else str(p)) for p in k])


def resolve(versions: list[dict]) -> dict[tuple, int]:
    """{matched key: current version id} of one kind, from its versions (any order).

    A version record needs ``id``, ``cakupan`` (its keys) and ``ditarik`` (the version it
    withdraws, else None)."""
    stacks: dict[tuple, list[int]] = defaultdict(list)
    keys_by_version: dict[int, list[tuple]] = {}
    for v in sorted(versions, key=lambda v: v["id"]):
        keys = [match(k) for k in (v.get("cakupan") or [])]
        if v.get("ditarik"):
            for k in keys_by_version.get(int(v["ditarik"]), keys):
                stack = stacks.get(k)
                if stack and int(v["ditarik"]) in stack:
                    stack.remove(int(v["ditarik"]))
            continue
        keys_by_version[int(v["id"])] = keys
        for k in keys:
            stacks[k].append(int(v["id"]))
    return {k: s[-1] for k, s in stacks.items() if s}


def summary(kind: str, keys: list[list]) -> dict:
    """What a version covers, for people: {"indicators", "periods", "offices", "count"}."""
    cols = key_columns(kind)
    out: dict[str, list] = {"indicators": [], "periods": [], "offices": [], "count": len(keys)}
    if not cols:
        return out
    for k in keys:
        d = dict(zip(cols, k))
        code = d.get("indikator") or d.get("kode")
        if code and code not in out["indicators"]:
            out["indicators"].append(code)
        if d.get("tahun") is not None:
            period = (
                str(d["tahun"])
                + (f"-{int(d['bulan']):02d}" if d.get("bulan") else "")
                + (f" {d['periode']}" if d.get("periode") and d["periode"] != "tahunan" else "")
            )
            if period not in out["periods"]:
                out["periods"].append(period)
        office = d.get("opd") or d.get("jenis_sumber")
        if office and office not in out["offices"]:
            out["offices"].append(office)
    out["periods"].sort()
    return out


def summary_text(kind: str, keys: list[list], label=lambda code: code) -> str:
    """One line: "stunting × 2020, 2021 · Dinas Kesehatan" (indicators × periods · offices)."""
    s = summary(kind, keys)
    if not key_columns(kind):
        return "*"
    parts = []
    if s["indicators"]:
        parts.append(", ".join(label(i) for i in s["indicators"]))
    if s["periods"]:
        parts.append(", ".join(s["periods"]))
    text = " × ".join(parts)
    if s["offices"]:
        text += " · " + ", ".join(s["offices"])
    if kind == "sarana":
        text = f"{s['count']} sarana · " + text
    return text
