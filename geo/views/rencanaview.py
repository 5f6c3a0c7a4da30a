"""Layer: views
What the /rencana page shows, as plain data: per village which offices plan what for which
indicator, the planned budget per village for the map, the gaps without a plan (lokus villages
whose coverage of an indicator is red with no planned activity for it), and the budget per office
and funding source in lokus versus other villages. Every number formatted here, from the data.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from geo.analysis import convergence
from geo.analysis.indicators import wilson_interval
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, indicator_text, t

BUDGET_COLORS = ("#ffffcc", "#c2e699", "#78c679", "#31a354", "#006837")
NO_PLAN_COLOR = "#e3e3e3"
MILLION = 1_000_000


def money(value, lang: str) -> str:
    """Rupiah in millions, one decimal: 'Rp 15,0 juta' / 'IDR 15.0 million'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return t("money.million", lang, value=fmt_num(float(value) / MILLION, lang, 1))


def funding_label(value, lang: str) -> str:
    key = f"fund.{convergence.norm_text(value)}"
    text = t(key, lang)
    return str(value) if text == key else text


def plan_years(ds) -> list[int]:
    return sorted({int(y) for y in ds.rencana["tahun"]}) if len(ds.rencana) else []


def pick_year(years: list[int], wanted) -> int | None:
    try:
        w = int(str(wanted))
    except (TypeError, ValueError):
        w = None
    return w if w in years else (years[-1] if years else None)


def lokus_context(ds) -> tuple[int | None, set]:
    year = ds.lokus_years[-1] if ds.lokus_years else None
    return year, ds.lokus_codes(year)


def coverage_year(ds) -> int | None:
    years = sorted({int(y) for y in ds.coverage["tahun"]}) if len(ds.coverage) else []
    return years[-1] if years else None


def budget_breaks(values) -> list[float]:
    """Class breaks of the planned budget per village: quintiles of the villages with a plan."""
    v = np.array([x for x in values if x and x > 0], dtype=float)
    if not len(v):
        return []
    qs = sorted(set(float(round(q, -5)) for q in np.quantile(v, [0.2, 0.4, 0.6, 0.8])))
    return [q for q in qs if q > 0]


def coverage_cell(row, lang: str) -> str:
    """'42,0% (n 120; IK 95% 33,6–50,9%)' for a coverage row with numerator and denominator."""
    lo, hi = wilson_interval(row.get("pembilang"), row.get("penyebut"))
    return t(
        "rencana.cov_cell",
        lang,
        pct=fmt_pct(row["persen"], lang, 1),
        n=fmt_int(row.get("penyebut"), lang),
        lo=fmt_num(lo, lang, 1),
        hi=fmt_pct(hi, lang, 1),
    )


def page_data(ds, lang: str, year=None) -> dict:
    years = plan_years(ds)
    year = pick_year(years, year)
    lokus_year, lokus = lokus_context(ds)
    cov_year = coverage_year(ds)
    names = ds.desa_index["nama_desa"]
    kec = ds.desa_index["nama_kec"]
    p = ds.rencana[ds.rencana["tahun"] == year] if year is not None else ds.rencana.iloc[0:0]
    p = p.assign(lokus=p["kode_desa"].isin(lokus))
    rows = []
    for r in p.sort_values(["lokus", "nama_desa", "opd", "kegiatan"], ascending=[False, True, True, True]).itertuples():
        rows.append(
            {
                "desa": str(names.get(r.kode_desa, r.nama_desa)),
                "kec": str(kec.get(r.kode_desa, "")),
                "lokus": t("rencana.yes", lang) if r.lokus else "–",
                "opd": r.opd,
                "kegiatan": r.kegiatan,
                "indikator": indicator_text(r.indikator, lang),
                "volume": f"{fmt_num(r.volume, lang, 0)} {r.satuan}" if r.volume == r.volume else "–",
                "anggaran": money(r.anggaran, lang),
                "dana": funding_label(r.sumber_dana, lang),
            }
        )
    per_village = p.groupby("kode_desa")["anggaran"].sum() if len(p) else pd.Series(dtype=float)
    breaks = budget_breaks(per_village.values)
    tips = {}
    for code in ds.boundaries["kode_desa"]:
        b = per_village.get(code)
        n_act = int((p["kode_desa"] == code).sum()) if len(p) else 0
        tips[code] = f"{names.get(code, code)}: " + (
            t("rencana.tip", lang, budget=money(b, lang), n=fmt_int(n_act, lang))
            if b is not None and n_act
            else t("rencana.tip_none", lang)
        )
    legend = []
    edges = [0.0] + breaks
    for i, lo in enumerate(edges):
        hi = edges[i + 1] if i + 1 < len(edges) else None
        if hi is None:
            label = t("rencana.leg_ge", lang, lo=money(lo, lang))
        elif i == 0:
            label = t("rencana.leg_lt", lang, hi=money(hi, lang))
        else:
            label = t("rencana.leg_range", lang, lo=money(lo, lang), hi=money(hi, lang))
        legend.append({"color": BUDGET_COLORS[min(i, len(BUDGET_COLORS) - 1)], "label": label})
    legend.append({"color": NO_PLAN_COLOR, "label": t("rencana.leg_none", lang)})
    gaps = convergence.plan_gaps(ds.coverage, lokus, ds.rencana, cov_year, year)
    gap_rows = [
        {
            "desa": str(names.get(g["kode_desa"], g["kode_desa"])),
            "kec": str(kec.get(g["kode_desa"], "")),
            "indikator": indicator_text(g["indikator"], lang),
            "opd": convergence.indicator_target(g["indikator"]).opd,
            "cakupan": coverage_cell(g, lang),
        }
        for _, g in gaps.iterrows()
    ]
    by_office = office_funding(p, lang)
    total = float(p["anggaran"].sum()) if len(p) else 0.0
    to_lokus = float(p.loc[p["lokus"], "anggaran"].sum()) if len(p) else 0.0
    if year is None:
        headline = t("rencana.none", lang)
    else:
        headline = t(
            "rencana.headline",
            lang,
            year=year,
            n=fmt_int(len(p), lang),
            offices=fmt_int(p["opd"].nunique(), lang),
            villages=fmt_int(p["kode_desa"].nunique(), lang),
            total=fmt_int(len(ds.boundaries), lang),
            budget=money(total, lang),
            share=fmt_pct(100 * to_lokus / total if total else math.nan, lang, 0),
            lokus=fmt_int(len(lokus), lang),
            lokus_year=lokus_year if lokus_year is not None else "–",
        )
    gap_headline = (
        t("rencana.gaps_none", lang, cov_year=cov_year or "–")
        if not gap_rows
        else t(
            "rencana.gaps_headline",
            lang,
            n=fmt_int(len(gap_rows), lang),
            villages=fmt_int(gaps["kode_desa"].nunique(), lang),
            lokus=fmt_int(len(lokus), lang),
            cov_year=cov_year,
            line=fmt_pct(convergence.indicator_target(gaps["indikator"].iloc[0]).red_below, lang, 0),
            year=year,
        )
    )
    return {
        "years": years,
        "year": year,
        "rows": rows,
        "headline": headline,
        "gap_headline": gap_headline,
        "gaps": gap_rows,
        "office": by_office,
        "legend": legend,
        "hideout": {
            "values": {k: float(v) for k, v in per_village.items()},
            "breaks": breaks,
            "colors": list(BUDGET_COLORS),
            "nodata": NO_PLAN_COLOR,
            "tips": tips,
            "lokus": sorted(lokus),
        },
        "demo": bool({"rencana", "cakupan"} & set(ds.demo)),
        "lokus_year": lokus_year,
        "cov_year": cov_year,
    }


def office_funding(p: pd.DataFrame, lang: str) -> list[dict]:
    """Planned budget per office and funding source, in lokus and other villages."""
    if not len(p):
        return []
    g = (
        p.assign(grp=np.where(p["lokus"], "lokus", "lain"))
        .groupby(["opd", "sumber_dana", "grp"])["anggaran"]
        .sum()
        .unstack(fill_value=0.0)
    )
    for c in ("lokus", "lain"):
        if c not in g:
            g[c] = 0.0
    out = []
    for (office, fund), r in g.sort_index().iterrows():
        tot = r["lokus"] + r["lain"]
        out.append(
            {
                "opd": office,
                "dana": funding_label(fund, lang),
                "lokus": money(r["lokus"], lang),
                "lain": money(r["lain"], lang),
                "share": fmt_pct(100 * r["lokus"] / tot if tot else math.nan, lang, 0),
            }
        )
    return out
