"""Layer: analysis
The convergence loop as plain computations: indicator targets, gaps without a plan, realisation
rates, the status of commitments made at the rembuk, the village convergence score, and the
lokus-versus-other comparison over the years. Pure pandas, no Dash, unit-tested.

Targets: every indicator's target is read through :func:`indicator_target`, from the indicator
catalogue (data/indikator.csv): red below the national target minus 20 points, meeting it from the
target. Where the catalogue has no target, the uniform rule of the lokus traffic lights applies
(geo.analysis.lokus.DEFAULT_GAP_THRESHOLDS): coverage is *red* below 60% and meets its target from 80%.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.analysis.indicators import wilson_interval
from geo.core import schema
from geo.core.schema import Z95

SCORE_CODE = "konvergensi"  # the map indicator of the convergence score

DONE, PARTLY, NOT_DONE = "selesai", "sebagian", "belum"
STATUSES = (DONE, PARTLY, NOT_DONE)


@dataclass(frozen=True)
class Target:
    code: str
    target: float  # coverage (%) that meets the target
    red_below: float  # coverage (%) below which the village is red
    opd: str  # the office responsible
    source: str  # "aturan" (the uniform rule) or the catalogue's source


def indicator_target(code: str, catalogue: schema.Catalogue | None = None) -> Target:
    """Definition and target of a coverage indicator: the catalogue's national target (data/indikator.csv)
    with red below it minus 20 points, else the uniform 60/80 rule of the lokus traffic lights
    (geo.analysis.lokus.gap_thresholds: the same rule as the workbench)."""
    from geo.analysis.lokus import gap_thresholds

    catalogue = catalogue if catalogue is not None else schema.catalogue()
    red_gap, yellow_gap = gap_thresholds(code, catalogue)
    ind = catalogue[code]
    return Target(
        code=code,
        target=100.0 - yellow_gap,
        red_below=100.0 - red_gap,
        opd=ind.opd,
        source=ind.target_source if ind.target is not None else "aturan",
    )


def key_interventions(catalogue: schema.Catalogue | None = None) -> list[str]:
    """The key interventions the convergence score counts (the catalogue's coverage indicators;
    ``catalogue``: a Dataset's, default the one in effect)."""
    return [i.code for i in (catalogue if catalogue is not None else schema.catalogue()).coverage]


def norm_text(value) -> str:
    """Activity and office names compared without case, spaces or punctuation."""
    return re.sub(r"[^a-z0-9]", "", str(value or "").casefold())


# ----- gaps without a plan -------------------------------------------------------------
def red_coverage(coverage: pd.DataFrame, codes, year) -> pd.DataFrame:
    """Rows of ``coverage`` (kode_desa, tahun, indikator, persen) for villages in ``codes`` in
    ``year`` whose coverage is red (below the indicator's ``red_below``)."""
    if year is None or not len(coverage):
        return coverage.iloc[0:0]
    c = coverage[
        (coverage["tahun"] == int(year))
        & coverage["kode_desa"].isin(set(codes))
        & coverage["indikator"].isin(key_interventions())  # not an outcome such as severe stunting
    ]
    red = [p < indicator_target(i).red_below if p == p else False for i, p in zip(c["indikator"], c["persen"])]
    return c[np.array(red, dtype=bool)] if len(c) else c


def plan_gaps(coverage: pd.DataFrame, lokus_codes, plans: pd.DataFrame, cov_year, plan_year) -> pd.DataFrame:
    """Gaps without a plan: lokus villages whose coverage of an indicator is red in ``cov_year``
    and with no planned activity for that indicator in ``plan_year``. Columns kode_desa,
    indikator, persen, pembilang, penyebut; worst (lowest coverage) first."""
    cols = ["kode_desa", "indikator", "persen", "pembilang", "penyebut"]
    red = red_coverage(coverage, lokus_codes, cov_year)
    if not len(red):
        return pd.DataFrame(columns=cols)
    p = plans[plans["tahun"] == int(plan_year)] if plan_year is not None and len(plans) else plans.iloc[0:0]
    planned = set(zip(p["kode_desa"], p["indikator"]))
    keep = [(k, i) not in planned for k, i in zip(red["kode_desa"], red["indikator"])]
    out = red[np.array(keep, dtype=bool)][[c for c in cols if c in red.columns]]
    return out.sort_values(["persen", "kode_desa", "indikator"]).reset_index(drop=True)


# ----- realisation ---------------------------------------------------------------------
PLAN_KEY = ["tahun", "opd", "kegiatan", "indikator", "kode_desa"]


def plan_vs_real(plans: pd.DataFrame, real: pd.DataFrame) -> pd.DataFrame:
    """One row per plan key (and per realisation without a plan): planned volume and budget,
    delivered volume and spent budget (0 when nothing was reported)."""
    p = (
        plans[PLAN_KEY + ["volume", "satuan", "anggaran", "sumber_dana"]].copy()
        if len(plans)
        else pd.DataFrame(columns=PLAN_KEY + ["volume", "satuan", "anggaran", "sumber_dana"])
    )
    r = (
        real[PLAN_KEY + ["volume", "anggaran"]].copy()
        if len(real)
        else pd.DataFrame(columns=PLAN_KEY + ["volume", "anggaran"])
    )
    for df in (p, r):
        df["_k"] = [norm_text(a) for a in df["kegiatan"]]
        df["_o"] = [norm_text(a) for a in df["opd"]]
    on = ["tahun", "_o", "_k", "indikator", "kode_desa"]
    r = r.groupby(on, as_index=False)[["volume", "anggaran"]].sum(min_count=1)
    m = p.merge(r, on=on, how="outer", suffixes=("_rencana", "_realisasi"))
    m = m.rename(
        columns={
            "volume_rencana": "vol_rencana",
            "volume_realisasi": "vol_realisasi",
            "anggaran_rencana": "ang_rencana",
            "anggaran_realisasi": "ang_realisasi",
        }
    )
    for c in ("vol_rencana", "vol_realisasi", "ang_rencana", "ang_realisasi"):
        m[c] = pd.to_numeric(m[c], errors="coerce").astype(float)
    m["ada_rencana"] = m["ang_rencana"].notna() | m["vol_rencana"].notna()
    return m.drop(columns=["_k", "_o"]).reset_index(drop=True)


def rate(done, planned) -> float:
    """Realisation rate in percent: delivered / planned (NaN when nothing was planned)."""
    try:
        done, planned = float(done), float(planned)
    except (TypeError, ValueError):
        return math.nan
    if planned != planned or planned <= 0:
        return math.nan
    return 100.0 * (0.0 if done != done else done) / planned


def realisation_rates(plans: pd.DataFrame, real: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per ``by`` (e.g. ["opd"], ["tahun", "opd"]): planned and delivered volume and budget of
    the *planned* activities, with rates in percent. Volumes are summed per unit only when one
    unit is used; the volume rate is the mean of the activities' own rates (capped at 100%)."""
    m = plan_vs_real(plans, real)
    m = m[m["ada_rencana"]]
    cols = by + ["kegiatan", "ang_rencana", "ang_realisasi", "rate_anggaran", "rate_volume"]
    if not len(m):
        return pd.DataFrame(columns=cols)
    m = m.assign(
        _vr=[
            min(rate(d, p), 100.0) if rate(d, p) == rate(d, p) else math.nan
            for d, p in zip(m["vol_realisasi"], m["vol_rencana"])
        ]
    )
    g = m.groupby(by, as_index=False).agg(
        kegiatan=("kegiatan", "size"),
        ang_rencana=("ang_rencana", "sum"),
        ang_realisasi=("ang_realisasi", "sum"),
        rate_volume=("_vr", "mean"),
    )
    g["rate_anggaran"] = [rate(d, p) for d, p in zip(g["ang_realisasi"], g["ang_rencana"])]
    return g[cols]


# ----- commitments ---------------------------------------------------------------------
def commitment_status(commitment: dict, real: pd.DataFrame, since=None) -> dict:
    """Status of one commitment (opd, kegiatan, kode_desa, volume, tenggat "YYYY-MM-DD") from the
    realisation rows of the same office, activity and village in the deadline's year (from the year
    of ``since``, the meeting's date, when given):
    done (delivered >= committed volume; any delivery when no volume was given), partly done
    (something, less than committed) or not done. Returns {"status", "delivered", "volume"}."""
    try:
        year = int(str(commitment.get("tenggat") or "")[:4])
    except ValueError:
        year = None
    vol = commitment.get("volume")
    vol = float(vol) if vol not in (None, "") and float(vol) == float(vol) else None
    delivered = 0.0
    if len(real):
        same = (
            (real["kode_desa"] == commitment.get("kode_desa")).to_numpy()
            & np.array([norm_text(o) == norm_text(commitment.get("opd")) for o in real["opd"]], dtype=bool)
            & np.array([norm_text(k) == norm_text(commitment.get("kegiatan")) for k in real["kegiatan"]], dtype=bool)
        )
        r = real[same]
        if year is not None:
            try:
                first = min(int(str(since)[:4]), year) if since else year
            except ValueError:
                first = year
            r = r[(r["tahun"] >= first) & (r["tahun"] <= year)]
        delivered = float(pd.to_numeric(r["volume"], errors="coerce").fillna(0).sum())
        if not delivered and len(r) and vol is None:
            delivered = float(len(r))  # a reported activity without a volume
    if delivered <= 0:
        status = NOT_DONE
    elif vol is None or delivered >= vol:
        status = DONE
    else:
        status = PARTLY
    return {"status": status, "delivered": delivered, "volume": vol}


# ----- convergence score ---------------------------------------------------------------
def convergence_score(coverage: pd.DataFrame, year, catalogue: schema.Catalogue | None = None) -> pd.DataFrame:
    """Per village in ``year``: of the key interventions with coverage data (``n``), how many meet
    their target (``k``), and the score 100·k/n (0–100). Villages without data are absent."""
    cols = ["kode_desa", "k", "n", "skor"]
    if year is None or not len(coverage):
        return pd.DataFrame(columns=cols)
    catalogue = catalogue if catalogue is not None else schema.catalogue()
    c = coverage[(coverage["tahun"] == int(year)) & coverage["indikator"].isin(key_interventions(catalogue))]
    c = c[c["persen"].notna()]
    if not len(c):
        return pd.DataFrame(columns=cols)
    met = np.array([p >= indicator_target(i, catalogue).target for i, p in zip(c["indikator"], c["persen"])], dtype=int)
    g = c.assign(_m=met).groupby("kode_desa", as_index=False).agg(k=("_m", "sum"), n=("_m", "size"))
    g["skor"] = 100.0 * g["k"] / g["n"]
    return g[cols]


# ----- lokus versus other villages over the years ---------------------------------------
def group_comparison(prevalence: pd.DataFrame, coverage: pd.DataFrame, lokus_codes) -> pd.DataFrame:
    """Per year and group (lokus / lainnya): pooled stunting prevalence and pooled coverage of each
    key intervention, with the number of villages, the children or households counted (n) and a
    Wilson 95% interval on the pooled counts (which ignores differences between villages, so it
    is rather too narrow than too wide)."""
    lokus = set(lokus_codes)
    rows = []
    series = [("stunting", prevalence, "balita_stunting", "balita_diukur")]
    series += [(i, coverage[coverage["indikator"] == i], "pembilang", "penyebut") for i in key_interventions()]
    for code, df, num, den in series:
        if not len(df):
            continue
        df = df.assign(kelompok=np.where(df["kode_desa"].isin(lokus), "lokus", "lainnya"))
        g = df.groupby(["tahun", "kelompok"], as_index=False).agg(
            k=(num, "sum"), n=(den, "sum"), desa=("kode_desa", "nunique")
        )
        for r in g.itertuples():
            lo, hi = wilson_interval(r.k, r.n)
            rows.append(
                {
                    "indikator": code,
                    "tahun": int(r.tahun),
                    "kelompok": r.kelompok,
                    "desa": int(r.desa),
                    "k": float(r.k),
                    "n": float(r.n),
                    "persen": 100.0 * r.k / r.n if r.n else math.nan,
                    "ci_bawah": lo,
                    "ci_atas": hi,
                }
            )
    return pd.DataFrame(
        rows, columns=["indikator", "tahun", "kelompok", "desa", "k", "n", "persen", "ci_bawah", "ci_atas"]
    )


def change_difference(comp: pd.DataFrame, indicator: str, ya, yb) -> dict | None:
    """Change from ``ya`` to ``yb`` in lokus and other villages, and the difference of the changes
    with a normal-approximation 95% interval: {"lokus", "lainnya", "beda", "lo", "hi"} in points."""
    d = comp[comp["indikator"] == indicator].set_index(["kelompok", "tahun"])
    out, var = {}, 0.0
    for g in ("lokus", "lainnya"):
        if (g, ya) not in d.index or (g, yb) not in d.index:
            return None
        a, b = d.loc[(g, ya)], d.loc[(g, yb)]
        out[g] = float(b["persen"] - a["persen"])
        for r in (a, b):
            p = r["k"] / r["n"] if r["n"] else 0.0
            var += p * (1 - p) / r["n"] * 1e4 if r["n"] else 0.0
    out["beda"] = out["lokus"] - out["lainnya"]
    half = Z95 * math.sqrt(var)
    out["lo"], out["hi"] = out["beda"] - half, out["beda"] + half
    return out


def score_text(ds, kode: str, year, lang: str) -> str:
    """The village profile's line: 'Skor konvergensi 2021: 50 (3 dari 6 intervensi kunci memenuhi target)'."""
    from geo.core.i18n import fmt_int, fmt_num, t

    if year is None:
        return ""
    s = convergence_score(ds.coverage, year, getattr(ds, "catalogue", None))
    s = s[s["kode_desa"] == kode]
    if not len(s):
        return ""
    r = s.iloc[0]
    return t(
        "conv.profile",
        lang,
        year=year,
        score=fmt_num(r["skor"], lang, 0),
        k=fmt_int(r["k"], lang),
        n=fmt_int(r["n"], lang),
    )


def method_section(lang: str) -> dict:
    """The /metode section on the convergence loop and the score (numbers from the rules above)."""
    from geo.core.i18n import fmt_pct, indicator_text, t

    tg = indicator_target(key_interventions()[0])
    inds = ", ".join(indicator_text(c, lang) for c in key_interventions())
    return {
        "title": t("conv.m.title", lang),
        "paras": [
            t("conv.m.score", lang, inds=inds, target=fmt_pct(tg.target, lang, 0), red=fmt_pct(tg.red_below, lang, 0)),
            t("conv.m.proxy", lang),
            t("conv.m.household", lang),
            t("conv.m.gaps", lang, red=fmt_pct(tg.red_below, lang, 0)),
            t("conv.m.rates", lang),
            t("conv.m.status", lang),
            t("conv.m.compare", lang),
        ],
    }
