"""Data quality: per dataset its source, period, last import and completeness, and the
flags a planning meeting should discuss. Pure functions over a Dataset."""

from __future__ import annotations

import pandas as pd

from geo.analysis.indicators import percent
from geo.core.schema import INDICATORS

JUMP_POINTS = 15.0  # prevalence change between periods worth a question
DISAGREE_SHARE = (
    0.10  # two offices' figures for the same indicator, village and period differ by more than this (relative)
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
        rows.append(
            {
                "dataset": name,
                "demo": name in ds.demo,
                "offices": offices(df)[:4],
                "first_year": years[0] if years else None,
                "last_year": latest,
                "version": meta["id"] if meta else None,
                "time": meta["waktu"] if meta else None,
                "by": meta["oleh"] if meta else None,
                "villages": len(with_data),
                "total": len(all_codes),
                "complete_pct": 100.0 * len(with_data) / len(all_codes) if all_codes else 0.0,
                "missing": sorted(all_codes - with_data),
                "rows": len(df),
            }
        )
    return rows


def coverage_over_100(ds) -> list[dict]:
    c = ds.cakupan
    over = c[c["pembilang"] > c["penyebut"]]
    return [
        {
            "flag": "coverage_over_100",
            "kode_desa": r.kode_desa,
            "indicator": r.indikator,
            "year": int(r.tahun),
            "num": int(r.pembilang),
            "den": int(r.penyebut),
            "pct": percent(r.pembilang, r.penyebut),
            "dataset": "cakupan",
        }
        for r in over.itertuples()
    ]


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
                out.append(
                    {
                        "flag": "prevalence_jump",
                        "kode_desa": code,
                        "ya": int(ya),
                        "yb": int(yb),
                        "a": float(a),
                        "b": float(b),
                        "dataset": "prevalensi",
                    }
                )
    return out


def disagreements(ds, share: float = DISAGREE_SHARE) -> list[dict]:
    """Every indicator, village and year that several offices reported with figures differing by
    more than ``share`` relative to the larger one (e.g. 50% and 56%: 6/56 = 10.7%), with both
    figures. Offices compared pairwise, the map's (default) office first."""
    from geo.analysis.indicators import percent as pct
    from geo.io.loading import office_key

    o = ds.observations
    if not len(o):
        return []
    o = o[o["penyebut"] > 0].assign(_o=[office_key(v) for v in o.loc[o["penyebut"] > 0, "opd"]])
    if "bulan" in o and o["bulan"].notna().any():  # the latest month of each office's year
        o = o.assign(_b=pd.to_numeric(o["bulan"], errors="coerce").fillna(0)).sort_values("_b")
    o = o.drop_duplicates(["indikator", "kode_desa", "tahun", "_o"], keep="last")
    several = o.groupby(["indikator", "kode_desa", "tahun"])["_o"].transform("nunique") > 1
    out = []
    for (ind, code, year), g in o[several].groupby(["indikator", "kode_desa", "tahun"], sort=True):
        order = ds.offices(ind, year)
        rank = {office_key(n): i for i, n in enumerate(order)}
        g = g.assign(_r=[rank.get(k, len(rank)) for k in g["_o"]]).sort_values("_r")
        rows = list(g.itertuples())
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                va, vb = pct(a.pembilang, a.penyebut), pct(b.pembilang, b.penyebut)
                top = max(abs(va), abs(vb))
                if top and abs(va - vb) / top > share:
                    out.append(
                        {
                            "flag": "disagree",
                            "kode_desa": code,
                            "year": int(year),
                            "indicator": ind,
                            "office_a": a.opd,
                            "office_b": b.opd,
                            "a": float(va),
                            "b": float(vb),
                            "num_a": float(a.pembilang),
                            "den_a": float(a.penyebut),
                            "num_b": float(b.pembilang),
                            "den_b": float(b.penyebut),
                            "rel": abs(va - vb) / top,
                            "dataset": "prevalensi" if INDICATORS[ind].kind == "prevalence" else "cakupan",
                        }
                    )
    return out


def unmatched_codes(ds) -> list[dict]:
    """Village codes in the tables that the boundaries in use do not have (e.g. after a boundary
    import renamed or split villages): the rows stay attached to their codes, listed here."""
    known = set(ds.boundaries["kode_desa"])
    out = []
    for name in ("prevalensi", "cakupan", "lokus", "sarana"):
        df = ds.all_offices.get(name, getattr(ds, name)) if hasattr(ds, "all_offices") else getattr(ds, name)
        if not len(df) or "kode_desa" not in df:
            continue
        gone = sorted({c for c in df["kode_desa"] if c and c not in known})
        if gone:
            out.append({"flag": "unmatched", "dataset": name, "codes": gone})
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
            out.append(
                {
                    "flag": "missing",
                    "indicator": ind,
                    "year": years[-1],
                    "codes": gone,
                    "dataset": "prevalensi" if ind == "stunting" else "cakupan",
                }
            )
    return out


def flags(ds) -> list[dict]:
    return coverage_over_100(ds) + prevalence_jumps(ds) + disagreements(ds) + unmatched_codes(ds) + missing(ds)
