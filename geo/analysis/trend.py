"""Trend figures: the regency's published series and change between two years."""

from __future__ import annotations

import pandas as pd

from geo.analysis.indicators import change_table

SOURCE_KIND_CITED = "registri_opd"  # what the regency's planners cite
# Source types as compared: a target is compared only with the type it was set against
# (``jenis_acuan``); the two registries (offices', e-PPGBM) are both registries.
SOURCE_GROUP = {
    "survei": "survei",
    "registri_opd": "registri",
    "registri_eppgbm": "registri",
    "registri": "registri",
    "target": "target",
}
GROUP_ORDER = ("registri", "survei")


def published_table(pub: pd.DataFrame) -> pd.DataFrame:
    """Published figures with ``sebagian_tahun`` (bool; from ``periode`` when the column is missing),
    ``jenis_acuan`` and ``kelompok`` (the source type as compared) always present."""
    pub = pub.copy()
    if "periode" not in pub:
        pub["periode"] = "tahunan"
    pub["periode"] = pub["periode"].fillna("tahunan").astype(str)
    if "sebagian_tahun" not in pub:
        pub["sebagian_tahun"] = ~pub["periode"].str.casefold().isin(["tahunan", "annual"])
    pub["sebagian_tahun"] = [str(v).casefold() in ("true", "1", "ya", "yes") for v in pub["sebagian_tahun"]]
    if "jenis_acuan" not in pub:
        pub["jenis_acuan"] = None
    pub["jenis_acuan"] = [v if isinstance(v, str) and v else None for v in pub["jenis_acuan"]]
    pub["kelompok"] = [SOURCE_GROUP.get(k, k) for k in pub["jenis_sumber"]]
    return pub


def latest_figures(published: pd.DataFrame, kode_kab: str | None) -> list[dict]:
    """Per source type present (registry, survey): the latest annual figure, the latest
    partial-year figure when it is newer (never joined to annual ones), the previous annual figure
    of the same series, and the target set against this source type for that year (else the next
    later one). Targets without a source type they were set against are compared with nothing."""
    if kode_kab is None or not len(published):
        return []
    own = published_table(published[published["kode_kab"] == kode_kab])
    targets = own[own["kelompok"] == "target"]
    out = []
    for group in GROUP_ORDER + tuple(sorted(set(own["kelompok"]) - set(GROUP_ORDER) - {"target"})):
        rows = own[own["kelompok"] == group]
        if not len(rows):
            continue
        annual = rows[~rows["sebagian_tahun"]].sort_values("tahun")
        partial = rows[rows["sebagian_tahun"]].sort_values("tahun")
        item = {"group": group, "annual": None, "previous": None, "partial": None, "target": None}
        if len(annual):
            last = annual.iloc[-1]
            item["annual"] = _fig(last)
            same = annual[(annual["jenis_sumber"] == last["jenis_sumber"]) & (annual["tahun"] < last["tahun"])]
            if len(same):
                item["previous"] = _fig(same.iloc[-1])
            mine = targets[[a in (group, last["jenis_sumber"]) for a in targets["jenis_acuan"]]]
            later = mine[mine["tahun"] >= last["tahun"]].sort_values("tahun")
            if len(later):
                item["target"] = _fig(later.iloc[0])
        if len(partial) and (item["annual"] is None or partial.iloc[-1]["tahun"] > item["annual"]["year"]):
            item["partial"] = _fig(partial.iloc[-1])
        out.append(item)
    # the newest first: the meeting opens on the latest period
    return sorted(out, key=lambda i: -max([f["year"] for f in (i["annual"], i["partial"]) if f] or [0]))


def _fig(r) -> dict:
    return {
        "year": int(r["tahun"]),
        "value": float(r["nilai_persen"]),
        "source": str(r["sumber"]),
        "kind": str(r["jenis_sumber"]),
        "period": str(r["periode"]),
        "partial": bool(r["sebagian_tahun"]),
    }


def regency_code(boundaries) -> str | None:
    codes = sorted(set(boundaries["kode_kab"].dropna()))
    return codes[0] if len(codes) == 1 else None


def cited_series(published: pd.DataFrame, kode_kab: str | None) -> pd.DataFrame:
    if kode_kab is None:
        return published.iloc[0:0]
    d = published[(published["kode_kab"] == kode_kab) & (published["jenis_sumber"] == SOURCE_KIND_CITED)]
    return d.sort_values("tahun")


def headline_numbers(published: pd.DataFrame, kode_kab: str | None):
    """(first year, value, last year, value) of the series the regency cites, or None."""
    d = cited_series(published, kode_kab)
    if len(d) < 2:
        return None
    first, last = d.iloc[0], d.iloc[-1]
    return int(first["tahun"]), float(first["nilai_persen"]), int(last["tahun"]), float(last["nilai_persen"])


def change_years(prevalence: pd.DataFrame):
    years = sorted({int(y) for y in prevalence["tahun"]})
    return (years[-2], years[-1]) if len(years) >= 2 else None


def _tested(prev: pd.DataFrame, key: str, year_from: int, year_to: int) -> pd.DataFrame:
    """geo.analysis.indicators.change_table (worst first) with the clear-change test's z and kelas."""
    from geo.analysis.uncertainty import change_test_table

    out = change_table(prev, key, year_from, year_to)
    test = change_test_table(prev, year_from, year_to, key).set_index(key)
    out["z"] = out[key].map(test["z"])
    out["kelas"] = out[key].map(test["kelas"])
    return out


def change_by_kec(ds, year_from: int, year_to: int) -> pd.DataFrame:
    return _tested(ds.prevalence_by_kec, "nama_kec", year_from, year_to)


def change_by_desa(ds, year_from: int, year_to: int) -> pd.DataFrame:
    # keyed by code: in a province two villages can share both their name and their kecamatan's name
    out = _tested(ds.prevalence, "kode_desa", year_from, year_to)
    names = ds.desa_index
    out.insert(0, "label", out["kode_desa"].map(names["nama_desa"] + " (" + names["nama_kec"] + ")"))
    return out


def published_sources(published: pd.DataFrame, kode_kab: str | None) -> list[dict]:
    rows = published if kode_kab is None else published[published["kode_kab"].isin([kode_kab, kode_kab.split(".")[0]])]
    out = []
    for r in rows.itertuples():
        url = r.rujukan if isinstance(r.rujukan, str) and r.rujukan.startswith("https://") else ""
        note = r.catatan if isinstance(r.catatan, str) else ""
        out.append({"name": f"{r.sumber} — {r.tahun}", "kind": r.jenis_sumber, "url": url, "note": note})
    return out
