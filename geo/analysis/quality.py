"""Data quality: per dataset its source, period, last import and completeness, and the
flags a planning meeting should discuss. Pure functions over a Dataset."""
from __future__ import annotations

import pandas as pd

from geo.analysis.indicators import percent

JUMP_POINTS = 15.0  # prevalence change between periods worth a question
DISAGREE_SHARE = 0.10  # two offices' counts of the same thing differ by more than this...
DISAGREE_MIN = 5  # ...and by at least this many
# Quantities reported more than once: (quantity key, [(table, indicator or None, column)])
SAME_QUANTITY = (
    ("quantity.kk", (("cakupan", "air_minum", "penyebut"), ("cakupan", "jamban_sehat", "penyebut"))),
)
DATASETS = ("prevalensi", "cakupan", "lokus", "sarana")


def offices(df: pd.DataFrame) -> list[str]:
    out = []
    for col in ("opd", "sumber"):
        if col in df:
            out += [str(v) for v in df[col] if v is not None and str(v).strip() and str(v) != "nan"]
    return list(dict.fromkeys(out))


def summary(ds) -> list[dict]:
    """One row per dataset: offices, first/last year, import record, villages with data."""
    all_codes = set(ds.boundaries["kode_desa"])
    rows = []
    for name in DATASETS:
        df = getattr(ds, name)
        years = sorted({int(y) for y in df["tahun"].dropna()}) if len(df) else []
        latest = years[-1] if years else None
        in_latest = df[df["tahun"] == latest] if latest is not None else df.iloc[0:0]
        with_data = set(in_latest["kode_desa"]) & all_codes
        meta = ds.meta.get(name) if hasattr(ds, "meta") else None
        rows.append({"dataset": name, "demo": name in ds.demo, "offices": offices(df)[:4],
                     "first_year": years[0] if years else None, "last_year": latest,
                     "version": meta["id"] if meta else None, "time": meta["waktu"] if meta else None,
                     "by": meta["oleh"] if meta else None, "villages": len(with_data), "total": len(all_codes),
                     "complete_pct": 100.0 * len(with_data) / len(all_codes) if all_codes else 0.0,
                     "missing": sorted(all_codes - with_data), "rows": len(df)})
    return rows


def coverage_over_100(ds) -> list[dict]:
    c = ds.cakupan
    over = c[c["pembilang"] > c["penyebut"]]
    return [{"flag": "coverage_over_100", "kode_desa": r.kode_desa, "indicator": r.indikator, "year": int(r.tahun),
             "num": int(r.pembilang), "den": int(r.penyebut), "pct": percent(r.pembilang, r.penyebut),
             "dataset": "cakupan"} for r in over.itertuples()]


def prevalence_jumps(ds, limit: float = JUMP_POINTS) -> list[dict]:
    """Jumps of more than ``limit`` points between consecutive periods that are also clear
    (two-proportion z test at 95%, geo.analysis.uncertainty): a big jump from a handful of children is noise."""
    from geo.analysis.uncertainty import NO_CLEAR, change_class, two_proportion_z
    p = ds.prevalence.sort_values(["kode_desa", "tahun"])
    out = []
    for code, g in p.groupby("kode_desa"):
        g = g.dropna(subset=["persen"])
        rows = list(zip(g["tahun"], g["persen"], g["balita_stunting"], g["balita_diukur"]))
        for (ya, a, ka, na), (yb, b, kb, nb) in zip(rows, rows[1:]):
            clear = change_class([float(two_proportion_z(ka, na, kb, nb))])[0] != NO_CLEAR
            if abs(b - a) > limit and clear:
                out.append({"flag": "prevalence_jump", "kode_desa": code, "ya": int(ya), "yb": int(yb), "a": float(a),
                            "b": float(b), "dataset": "prevalensi"})
    return out


def disagreements(ds, share: float = DISAGREE_SHARE, minimum: int = DISAGREE_MIN) -> list[dict]:
    out = []
    for quantity, ((ta, ia, ca), (tb, ib, cb)) in SAME_QUANTITY:
        a, b = getattr(ds, ta), getattr(ds, tb)
        a = a[a["indikator"] == ia] if ia else a
        b = b[b["indikator"] == ib] if ib else b
        m = a.merge(b, on=["kode_desa", "tahun"], suffixes=("_a", "_b"))
        for r in m.itertuples():
            va, vb = float(getattr(r, f"{ca}_a")), float(getattr(r, f"{cb}_b"))
            diff = abs(va - vb)
            if diff >= minimum and diff > share * max(va, vb):
                out.append({"flag": "disagree", "kode_desa": r.kode_desa, "year": int(r.tahun), "quantity": quantity,
                            "office_a": f"{getattr(r, 'opd_a', '')} ({ia})", "office_b": f"{getattr(r, 'opd_b', '')} ({ib})",
                            "a": va, "b": vb, "diff": diff, "dataset": ta})
    return out


def missing(ds) -> list[dict]:
    """Villages without data in the latest year of prevalence and of each coverage indicator."""
    codes = list(ds.boundaries["kode_desa"])
    out = []
    for ind in ds.indicator_codes:
        years = ds.years(ind)
        if not years:
            continue
        have = set(ds.values(ind, years[-1]))
        gone = [c for c in codes if c not in have]
        if gone:
            out.append({"flag": "missing", "indicator": ind, "year": years[-1], "codes": gone,
                        "dataset": "prevalensi" if ind == "stunting" else "cakupan"})
    return out


def flags(ds) -> list[dict]:
    return coverage_over_100(ds) + prevalence_jumps(ds) + disagreements(ds) + missing(ds)
