"""What the lokus workbench shows and exports, as plain data (no Dash).

:func:`compute` runs the method of :mod:`geo.analysis.lokus` for one set of choices; the other
functions turn its result into grid rows, the map's hideout, the gap and stability
panels, and the export files (xlsx, csv) in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from geo.analysis import lokus
from geo.analysis.uncertainty import DRAWS, SEED, SOLID_P
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, t
from geo.core.version import code_version

UNSURE = (0.2, 0.8)  # "between 20% and 80% chance": villages whose place in the top N is a toss-up


@dataclass
class Result:
    crit: lokus.Criteria
    weights: dict
    thresholds: dict
    n: int
    ranked: pd.DataFrame
    lights: pd.DataFrame  # aligned with ranked
    selection: lokus.Selection
    stability: dict
    lokus_year: int | None
    last_lokus: set
    reasons: dict
    demo: bool
    region: str
    data_version: str
    smoothed: bool = True  # the prevalence criterion is the empirical Bayes smoothed percent
    p_top: pd.Series | None = None  # P(in the top N) per kode_desa (geo.analysis.uncertainty)


def defaults(ds) -> dict:
    """The default choices for a dataset: weights, thresholds, N."""
    crit = lokus.criteria_of(ds)
    ly = ds.lokus_years[-1] if ds.lokus_years else None
    return {
        "weights": lokus.default_weights(crit),
        "thresholds": {k: list(v) for k, v in lokus.default_thresholds(crit).items()},
        "n": lokus.default_n(ds.lokus_codes(ly), len(crit.table)),
        "lokus_year": ly,
    }


def compute(
    ds, weights=None, thresholds=None, n=None, add=(), remove=(), reasons=None, smoothed: bool = True
) -> Result:
    """Everything the page needs for one set of choices. Raises lokus.LokusError on refused input.

    ``smoothed``: score the empirical Bayes smoothed prevalence (default) or the measured one;
    the probability of being in the top N is drawn from the matching posterior."""
    smoothed = smoothed is not False
    crit = lokus.criteria_of(ds, smoothed=smoothed)
    d = defaults(ds)
    w = lokus.check_weights(crit, weights if weights is not None else d["weights"])
    th = lokus.check_thresholds(crit, thresholds if thresholds is not None else d["thresholds"])
    n = lokus.check_n(d["n"] if n is None else n, len(crit.table))
    if n > len(crit.table):
        raise lokus.LokusError("lokus.err.n_invalid", max=len(crit.table))
    ranked = lokus.rank(crit, w)
    lights = lokus.lights(lokus.Criteria(ranked, crit.criteria, crit.base_year, crit.coverage_year), th)
    reasons = lokus.check_reasons(reasons, crit.table["kode_desa"])
    sel = lokus.select(ranked, n, add, remove, reasons)
    stab = lokus.stability(crit, w, n)
    p_top = (
        lokus.top_probability(crit, w, n, ds.prevalence_draws(crit.base_year, smoothed))
        if crit.base_year is not None
        else None
    )
    ly = d["lokus_year"]
    return Result(
        crit=crit,
        weights=w,
        thresholds=th,
        n=n,
        ranked=ranked,
        lights=lights,
        selection=sel,
        stability=stab,
        lokus_year=ly,
        last_lokus=ds.lokus_codes(ly),
        reasons=reasons,
        demo=bool({"prevalensi", "cakupan"} & set(ds.demo)),
        region=ds.region_name,
        data_version=ds.version,
        smoothed=smoothed,
        p_top=p_top,
    )


# ----- formatting ----------------------------------------------------------------------


def fmt_value(kind: str, value, lang: str) -> str:
    if kind == "prevalence":
        return fmt_pct(value, lang, 1)
    if kind == "count":
        return fmt_int(value, lang)
    return fmt_num(value, lang, 1)


def light_word(light, lang: str) -> str:
    return t(f"lokus.light.{light}", lang) if light in lokus.LIGHTS else t("common.nodata_short", lang)


def status_of(res: Result, kode: str) -> str:
    s = res.selection
    if kode in s.added:
        return "tambah"
    if kode in s.removed:
        return "keluar"
    if kode in s.proposed:
        return "usulan"
    return "tidak"


def stability_text(res: Result, kode: str, lang: str) -> str:
    """The ±20% weight check of a proposed village (a separate line from the probability)."""
    runs = res.stability["n_runs"]
    if kode not in res.selection.proposed or not runs:
        return ""
    k = res.stability["per_village"].get(kode, 0)
    return t("lokus.stab.solid", lang) if k == runs else t("lokus.stab.marginal", lang, k=k, runs=runs)


def p_top_of(res: Result, kode: str) -> float | None:
    if res.p_top is None or kode not in res.p_top.index:
        return None
    return float(res.p_top[kode])


def p_top_text(res: Result, kode: str, lang: str) -> str:
    p = p_top_of(res, kode)
    return fmt_num(p, lang, 2) if p is not None else t("common.nodata_short", lang)


def solid_text(res: Result, kode: str, lang: str) -> str:
    """'kokoh' only when P(top N) >= 0.9; otherwise 'belum pasti' for a proposed village."""
    p = p_top_of(res, kode)
    if p is None or kode not in res.selection.proposed:
        return ""
    return t("lokus.p.solid", lang) if p >= SOLID_P else t("lokus.p.unsure", lang)


def interval_text(row, lang: str) -> str:
    lo, hi = getattr(row, "ik_bawah", float("nan")), getattr(row, "ik_atas", float("nan"))
    if pd.isna(lo) or pd.isna(hi):
        return t("common.nodata_short", lang)
    return f"{fmt_num(lo, lang, 1)}–{fmt_pct(hi, lang, 1)}"


def measured_text(row, lang: str) -> str:
    """'31,2% (n 64; IK 95% 20,7–44,1%)': what the score's prevalence rests on."""
    if pd.isna(getattr(row, "persen_ukur", float("nan"))):
        return t("common.nodata_short", lang)
    return t(
        "lokus.measured",
        lang,
        pct=fmt_pct(row.persen_ukur, lang, 1),
        n=fmt_int(row.n_ukur, lang),
        ci=interval_text(row, lang),
    )


def missing_text(res: Result, row, lang: str) -> str:
    if row.berskor:
        return ""
    names = ", ".join(lokus.criterion_label(c, lang) for c in row.kurang)
    return t("lokus.no_score", lang, missing=names)


def grid_rows(res: Result, lang: str) -> list[dict]:
    selected = set(res.selection.selected)
    rows = []
    for i, r in enumerate(res.ranked.itertuples(index=False)):
        status = status_of(res, r.kode_desa)
        row = {
            "kode": r.kode_desa,
            "desa": str(r.nama_desa),
            "kec": str(r.nama_kec),
            "peringkat": None if pd.isna(r.peringkat) else int(r.peringkat),
            "skor": None if pd.isna(r.skor) else round(float(r.skor), 2),
            "skor_t": fmt_num(r.skor, lang, 1) if not pd.isna(r.skor) else t("common.nodata_short", lang),
            "pilih": t(f"lokus.pick.{status}", lang),
            "dipilih": r.kode_desa in selected,
            "status": t(f"lokus.status.{status}", lang),
            "status_c": status,
            "alasan": res.reasons.get(r.kode_desa, ""),
            "perlu_alasan": r.kode_desa in res.selection.added or r.kode_desa in res.selection.removed,
            "lokus_lalu": t("lokus.yes", lang) if r.kode_desa in res.last_lokus else "",
            "stabil": stability_text(res, r.kode_desa, lang),
            "kurang": missing_text(res, r, lang),
            "n_ukur": None if pd.isna(r.n_ukur) else int(r.n_ukur),
            "n_t": fmt_int(r.n_ukur, lang),
            "ukur_t": fmt_pct(r.persen_ukur, lang, 1),
            "ik_t": interval_text(r, lang),
            "p_top": p_top_of(res, r.kode_desa),
            "p_top_t": p_top_text(res, r.kode_desa, lang),
            "kokoh": solid_text(res, r.kode_desa, lang),
        }
        for c in res.crit.criteria:
            v = getattr(r, c.code)
            light = res.lights.iloc[i][c.code]
            row[c.code] = None if pd.isna(v) else round(float(v), 2)
            row[c.code + "_c"] = light
            row[c.code + "_t"] = (
                (fmt_value(c.kind, v, lang) + " · " + light_word(light, lang))
                if light
                else t("common.nodata_short", lang)
            )
        rows.append(row)
    return rows


def override_rows(res: Result, lang: str) -> list[dict]:
    """The planner's changes (added, then removed), each with its reason, for the reasons panel."""
    names = res.ranked.set_index("kode_desa")
    rows = []
    for kind, codes in (("tambah", res.selection.added), ("keluar", res.selection.removed)):
        for c in codes:
            r = names.loc[c]
            rank = (
                t("lokus.tip.rank", lang, rank=int(r["peringkat"]), score=fmt_num(r["skor"], lang, 1))
                if r["berskor"]
                else t("lokus.tip.norank", lang)
            )
            rows.append(
                {
                    "kode": c,
                    "desa": str(r["nama_desa"]),
                    "status": t(f"lokus.status.{kind}", lang),
                    "kind": kind,
                    "rank": rank,
                    "reason": res.reasons.get(c, ""),
                }
            )
    return rows


def summary(res: Result, lang: str) -> dict:
    s = res.selection
    names = res.ranked.set_index("kode_desa")["nama_desa"]
    kept = len(set(s.proposed) - set(s.removed))
    return {
        "text": t(
            "lokus.summary",
            lang,
            selected=fmt_int(len(s.selected), lang),
            proposed=fmt_int(kept, lang),
            added=fmt_int(len(s.added), lang),
            removed=fmt_int(len(s.removed), lang),
        ),
        "missing": t("lokus.missing_reasons", lang, names=", ".join(str(names[c]) for c in s.missing_reasons))
        if s.missing_reasons
        else "",
        "ok": t("lokus.reasons_ok", lang)
        if (s.added or s.removed) and not s.missing_reasons
        else (t("lokus.no_overrides", lang) if not (s.added or s.removed) else ""),
        "complete": s.complete,
    }


def map_hideout(res: Result, lang: str) -> dict:
    s = res.selection
    state = {c: "s" for c in s.selected}
    state.update({c: "a" for c in s.added})
    state.update({c: "r" for c in s.removed})
    tips = {}
    for r in res.ranked.itertuples(index=False):
        tips[r.kode_desa] = (
            t("lokus.tip.rank", lang, rank=int(r.peringkat), score=fmt_num(r.skor, lang, 1))
            + " · "
            + t("lokus.tip.p", lang, n=res.n, p=p_top_text(res, r.kode_desa, lang))
            if r.berskor
            else t("lokus.tip.norank", lang)
        )
    return {
        "state": state,
        "tips": tips,
        "lokusYear": res.lokus_year,
        "labels": {
            "s": t("lokus.map.selected", lang),
            "a": t("lokus.status.tambah", lang),
            "r": t("lokus.map.removed", lang),
            "o": t("lokus.map.other", lang),
            "lokus": t("common.lokus", lang),
            "kec": t("common.kec_short", lang),
            "demo": t("common.demo", lang) if res.demo else "",
        },
    }


def need_rows(res: Result, sarana: pd.DataFrame, lang: str) -> list[dict]:
    need = lokus.need_without_works(res.ranked, res.lights, sarana, res.selection.proposed)
    out = []
    for r in need.itertuples(index=False):
        why = []
        if r.merah:
            why.append(t("lokus.gap_why.red", lang))
        if r.usulan:
            why.append(t("lokus.gap_why.top", lang, n=res.n))
        out.append(
            {
                "kode": r.kode_desa,
                "desa": str(r.nama_desa),
                "kec": str(r.nama_kec),
                "peringkat": "" if pd.isna(r.peringkat) else str(int(r.peringkat)),
                "why": ", ".join(why),
                "air": fmt_int(r.air, lang) if r.air else t("lokus.gap_none", lang),
                "sanitasi": fmt_int(r.sanitasi, lang) if r.sanitasi else t("lokus.gap_none", lang),
            }
        )
    return out


def lacking_rows(res: Result, lang: str) -> list[dict]:
    names = res.ranked.set_index("kode_desa")["nama_desa"]
    lacking = lokus.lokus_lacking(res.crit, res.thresholds, res.last_lokus)
    return [
        {
            "label": lokus.criterion_label(code, lang),
            "count": len(codes),
            "text": t(
                "lokus.lacking_item", lang, indicator=lokus.criterion_label(code, lang), count=fmt_int(len(codes), lang)
            ),
            "names": ", ".join(str(names[c]) for c in codes) or t("lokus.lacking_none", lang),
        }
        for code, codes in lacking.items()
    ]


def stability_view(res: Result, lang: str) -> dict:
    st = res.stability
    names = res.ranked.set_index("kode_desa")["nama_desa"]
    pct = fmt_pct(lokus.STABILITY_DELTA * 100, lang, 0)
    runs = []
    for r in st["runs"]:
        key = "lokus.stab.up" if r["factor"] > 1 else "lokus.stab.down"
        runs.append(
            {
                "change": t(key, lang, criterion=lokus.criterion_label(r["criterion"], lang), pct=pct),
                "kept": f"{fmt_int(r['kept'], lang)} / {fmt_int(len(st['base']), lang)}",
                "entered": ", ".join(str(names[c]) for c in r["entered"]),
                "left": ", ".join(str(names[c]) for c in r["left"]),
            }
        )
    marginal = [c for c in st["base"] if st["per_village"].get(c, 0) < st["n_runs"]]
    p_lead = ""
    if res.p_top is not None and len(st["base"]):
        p = res.p_top
        kept = float(p.reindex(st["base"]).sum())
        solid = int((p.reindex(res.selection.proposed) >= SOLID_P).sum())
        unsure = int(((p > UNSURE[0]) & (p < UNSURE[1])).sum())
        p_lead = (
            t(
                "lokus.p.lead",
                lang,
                kept=fmt_num(kept, lang, 1),
                n=fmt_int(len(st["base"]), lang),
                solid=fmt_int(solid, lang),
                p=fmt_num(SOLID_P, lang, 1),
                unsure=fmt_int(unsure, lang),
                lo=fmt_pct(UNSURE[0] * 100, lang, 0),
                hi=fmt_pct(UNSURE[1] * 100, lang, 0),
            )
            + " "
            + t("lokus.p.method", lang, draws=fmt_int(DRAWS, lang), seed=SEED, solid=fmt_num(SOLID_P, lang, 1))
        )
    return {
        "p_title": t("lokus.p.title", lang) if p_lead else "",
        "p_lead": p_lead,
        "title": t("lokus.stab_title", lang, pct=pct),
        "lead": t(
            "lokus.stab_lead",
            lang,
            pct=pct,
            runs=fmt_int(st["n_runs"], lang),
            min=fmt_int(st["min_kept"], lang),
            n=fmt_int(len(st["base"]), lang),
            solid=fmt_int(len(st["base"]) - len(marginal), lang),
            marginal=fmt_int(len(marginal), lang),
        )
        if st["n_runs"]
        else t("lokus.stab.none", lang),
        "runs": runs,
        "marginal": t("lokus.stab.marginal_list", lang, names=", ".join(str(names[c]) for c in marginal))
        if marginal
        else "",
    }


# ----- export --------------------------------------------------------------------------


def export_table(res: Result, lang: str) -> pd.DataFrame:
    """One row per village in rank order, with each criterion's value and colour word."""
    selected = set(res.selection.selected)
    rows = []
    for i, r in enumerate(res.ranked.itertuples(index=False)):
        row = {
            t("lokus.col.peringkat", lang): None if pd.isna(r.peringkat) else int(r.peringkat),
            "kode_desa": r.kode_desa,
            t("lokus.col.desa", lang): str(r.nama_desa),
            t("lokus.col.kec", lang): str(r.nama_kec),
            t("lokus.col.skor", lang): None if pd.isna(r.skor) else round(float(r.skor), 2),
            t("lokus.x.dipilih", lang): t("lokus.yes", lang) if r.kode_desa in selected else "",
            t("lokus.col.status", lang): t(f"lokus.status.{status_of(res, r.kode_desa)}", lang),
            t("lokus.col.alasan", lang): res.reasons.get(r.kode_desa, "")
            if r.kode_desa in res.selection.added or r.kode_desa in res.selection.removed
            else "",
        }
        for c in res.crit.criteria:
            label = lokus.criterion_label(c.code, lang)
            v = getattr(r, c.code)
            row[label] = None if pd.isna(v) else (int(round(float(v))) if c.kind == "count" else round(float(v), 2))
            light = res.lights.iloc[i][c.code]
            row[t("lokus.x.warna", lang, criterion=label)] = light_word(light, lang) if light else ""
        row[t("lokus.col.lokus_lalu", lang, year=res.lokus_year or "")] = (
            t("lokus.yes", lang) if r.kode_desa in res.last_lokus else ""
        )
        row[t("lokus.col.ukur", lang)] = None if pd.isna(r.persen_ukur) else round(float(r.persen_ukur), 2)
        row[t("lokus.col.n", lang)] = None if pd.isna(r.n_ukur) else int(r.n_ukur)
        row[t("lokus.col.ik_bawah", lang)] = None if pd.isna(r.ik_bawah) else round(float(r.ik_bawah), 2)
        row[t("lokus.col.ik_atas", lang)] = None if pd.isna(r.ik_atas) else round(float(r.ik_atas), 2)
        p = p_top_of(res, r.kode_desa)
        row[t("lokus.col.p_top", lang, n=res.n)] = None if p is None else round(p, 3)
        row[t("lokus.col.kokoh", lang, p=fmt_num(SOLID_P, lang, 1))] = solid_text(res, r.kode_desa, lang)
        row[t("lokus.col.stabil", lang)] = stability_text(res, r.kode_desa, lang)
        row[t("lokus.col.kurang", lang)] = missing_text(res, r, lang)
        row[t("lokus.x.data", lang)] = t("common.demo", lang) if res.demo else ""
        rows.append(row)
    return pd.DataFrame(rows)


def export_params(res: Result, lang: str, scenario: str | None = None) -> list[tuple[str, str]]:
    out = []
    if res.demo:
        out.append((t("common.demo", lang), t("lokus.x.demo_note", lang)))
    out += [
        (t("lokus.x.region", lang), res.region),
        (t("lokus.x.scenario", lang), scenario or t("lokus.x.default", lang)),
        (t("lokus.x.base_year", lang), str(res.crit.base_year or "")),
        (t("lokus.x.cov_year", lang), str(res.crit.coverage_year or "")),
        (t("lokus.x.n", lang), str(res.n)),
        (t("lokus.x.data_version", lang), res.data_version),
        (t("lokus.x.code_version", lang), code_version()),
        (t("lokus.x.prev_source", lang), t("lokus.prev.smoothed" if res.smoothed else "lokus.prev.raw", lang)),
        (
            t("lokus.x.p_top", lang),
            t("lokus.p.method", lang, draws=fmt_int(DRAWS, lang), seed=SEED, solid=fmt_num(SOLID_P, lang, 1)),
        ),
        (t("lokus.x.made", lang), datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]
    for code in res.crit.codes:
        label = lokus.criterion_label(code, lang)
        out.append((t("lokus.x.weight", lang, criterion=label), fmt_num(res.weights[code], lang, 2)))
    for code in res.crit.codes:
        label = lokus.criterion_label(code, lang)
        red, yellow = res.thresholds[code]
        out.append((t("lokus.x.th_red", lang, criterion=label), fmt_num(red, lang, 1)))
        out.append((t("lokus.x.th_yellow", lang, criterion=label), fmt_num(yellow, lang, 1)))
    out.append((t("lokus.x.method", lang), t("lokus.method", lang)))
    return out
