"""Layer: views
The annual review (Aksi 8, page /kinerja) as plain data: per indicator and year the target
against what was achieved; per office planned against delivered volume and budget; the lokus
villages against the others over the years, with 95% intervals and a plain caveat (a comparison,
not proof of effect). The same frames feed the page, its XLSX download and the PDF pack.
"""

from __future__ import annotations

import math

import pandas as pd

from geo.analysis import convergence
from geo.analysis.indicators import wilson_interval
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, fmt_pp, indicator_text, t


def lokus_for_review(ds) -> tuple[int | None, set]:
    """The lokus villages compared: the latest lokus list."""
    year = ds.lokus_years[-1] if ds.lokus_years else None
    return year, ds.lokus_codes(year)


def targets_table(ds) -> pd.DataFrame:
    """Per coverage indicator and year: pooled coverage over all villages (k/n, Wilson 95%),
    the target, whether the regency meets it, and villages meeting it of villages with data."""
    rows = []
    for code in convergence.key_interventions(ds.catalogue):
        tg = convergence.indicator_target(code, ds.catalogue)
        d = ds.coverage[ds.coverage["indikator"] == code]
        for year, g in d.groupby("tahun"):
            k, n = float(g["pembilang"].sum()), float(g["penyebut"].sum())
            lo, hi = wilson_interval(k, n)
            pct = 100 * k / n if n else math.nan
            rows.append(
                {
                    "indikator": code,
                    "tahun": int(year),
                    "target": tg.target,
                    "capaian": pct,
                    "ci_bawah": lo,
                    "ci_atas": hi,
                    "n": n,
                    "tercapai": bool(pct >= tg.target),
                    "desa_capai": int((g["persen"] >= tg.target).sum()),
                    "desa": int(g["kode_desa"].nunique()),
                    "opd": tg.opd,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "indikator",
            "tahun",
            "target",
            "capaian",
            "ci_bawah",
            "ci_atas",
            "n",
            "tercapai",
            "desa_capai",
            "desa",
            "opd",
        ],
    )


def office_table(ds) -> pd.DataFrame:
    """Per year and office: planned activities, planned and spent budget, rates (geo.analysis.convergence)."""
    return convergence.realisation_rates(ds.rencana, ds.realisasi, ["tahun", "opd"])


def comparison(ds) -> tuple[pd.DataFrame, int | None]:
    year, codes = lokus_for_review(ds)
    return convergence.group_comparison(ds.prevalence, ds.coverage, codes), year


def page_data(ds, lang: str) -> dict:
    tg = targets_table(ds)
    off = office_table(ds)
    comp, lokus_year = comparison(ds)
    t_rows = [
        {
            "ind": indicator_text(r.indikator, lang),
            "year": r.tahun,
            "target": fmt_pct(r.target, lang, 0),
            "achieved": t(
                "kinerja.ci_cell",
                lang,
                pct=fmt_pct(r.capaian, lang, 1),
                n=fmt_int(r.n, lang),
                lo=fmt_num(r.ci_bawah, lang, 1),
                hi=fmt_pct(r.ci_atas, lang, 1),
            ),
            "met": t("kinerja.met" if r.tercapai else "kinerja.not_met", lang),
            "villages": t("kinerja.villages_met", lang, k=fmt_int(r.desa_capai, lang), n=fmt_int(r.desa, lang)),
            "ok": bool(r.tercapai),
        }
        for r in tg.itertuples()
    ]
    o_rows = [
        {
            "year": int(r.tahun),
            "opd": r.opd,
            "n": fmt_int(r.kegiatan, lang),
            "planned": _money(r.ang_rencana, lang),
            "spent": _money(r.ang_realisasi, lang),
            "rate_budget": fmt_pct(r.rate_anggaran, lang, 0),
            "rate_volume": fmt_pct(r.rate_volume, lang, 0),
        }
        for r in off.sort_values(["tahun", "opd"]).itertuples()
    ]
    c_rows = []
    for r in comp.sort_values(["indikator", "tahun", "kelompok"], ascending=[True, True, False]).itertuples():
        c_rows.append(
            {
                "ind": indicator_text(r.indikator, lang),
                "code": r.indikator,
                "year": r.tahun,
                "group": t(f"kinerja.group.{r.kelompok}", lang),
                "villages": fmt_int(r.desa, lang),
                "value": t(
                    "kinerja.ci_cell",
                    lang,
                    pct=fmt_pct(r.persen, lang, 1),
                    n=fmt_int(r.n, lang),
                    lo=fmt_num(r.ci_bawah, lang, 1),
                    hi=fmt_pct(r.ci_atas, lang, 1),
                ),
            }
        )
    years = sorted({int(y) for y in comp["tahun"]}) if len(comp) else []
    diffs = []
    if len(years) >= 2:
        ya, yb = years[0], years[-1]
        for code in ["stunting"] + convergence.key_interventions(ds.catalogue):
            d = convergence.change_difference(comp, code, ya, yb)
            if d is None:
                continue
            clear = d["lo"] > 0 or d["hi"] < 0
            diffs.append(
                {
                    "ind": indicator_text(code, lang),
                    "code": code,
                    "ya": ya,
                    "yb": yb,
                    "lokus": fmt_pp(d["lokus"], lang, 1),
                    "other": fmt_pp(d["lainnya"], lang, 1),
                    "diff": t(
                        "kinerja.diff_cell",
                        lang,
                        d=fmt_pp(d["beda"], lang, 1),
                        lo=fmt_num(d["lo"], lang, 1),
                        hi=fmt_num(d["hi"], lang, 1),
                    ),
                    "clear": t("kinerja.clear" if clear else "kinerja.unclear", lang),
                }
            )
    met = sum(1 for r in tg.itertuples() if r.tahun == tg["tahun"].max() and r.tercapai) if len(tg) else 0
    latest = int(tg["tahun"].max()) if len(tg) else None
    n_latest = int((tg["tahun"] == latest).sum()) if latest is not None else 0
    plan_years = sorted({int(y) for y in off["tahun"]}) if len(off) else []
    tot = off.groupby("tahun")[["ang_rencana", "ang_realisasi"]].sum() if len(off) else None
    headline = (
        t("kinerja.headline", lang, year=latest, met=fmt_int(met, lang), n=fmt_int(n_latest, lang))
        if latest is not None
        else t("kinerja.no_coverage", lang)
    )
    if tot is not None and len(tot):
        py = plan_years[-1]
        headline += " " + t(
            "kinerja.headline_budget",
            lang,
            year=py,
            rate=fmt_pct(convergence.rate(tot.loc[py, "ang_realisasi"], tot.loc[py, "ang_rencana"]), lang, 0),
            spent=_money(tot.loc[py, "ang_realisasi"], lang),
            planned=_money(tot.loc[py, "ang_rencana"], lang),
        )
    return {
        "targets": t_rows,
        "offices": o_rows,
        "comparison": c_rows,
        "diffs": diffs,
        "headline": headline,
        "lokus_year": lokus_year,
        "years": years,
        "comp_frame": comp,
        "targets_frame": tg,
        "target_rule": t(
            "kinerja.target_rule",
            lang,
            target=fmt_pct(
                convergence.indicator_target(convergence.key_interventions(ds.catalogue)[0], ds.catalogue).target,
                lang,
                0,
            ),
        ),
        "caveat": t("kinerja.caveat", lang, year=lokus_year if lokus_year is not None else "–"),
        "demo": bool({"cakupan", "rencana", "realisasi", "prevalensi"} & set(ds.demo)),
    }


def _money(v, lang):
    from geo.views.rencanaview import money

    return money(v, lang)
