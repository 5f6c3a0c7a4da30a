"""What the rembuk stunting deck (and its exports) say, as plain data computed from a dataset.

Each ``*_slide`` function takes a :class:`geo.analysis.dataset.Dataset` and a language and returns a
dict with a one-sentence ``headline`` (computed, never typed) plus the numbers the slide,
its PNG and the PDF pack draw. No Dash, no matplotlib here.

Lokus: :func:`lokus_slide` shows the proposal of geo.views.proposal (the latest saved scenario, else
the default ranking's top N), each village with its reason; ``proposals`` may instead be a
geo.views.proposal.Meeting (a chosen scenario) or a list of ``{"desa": kode_desa or nama_desa,
"reason": text}``.
"""

from __future__ import annotations

import math

import pandas as pd

from geo.analysis import classify
from geo.analysis import trend as gtrend
from geo.analysis.indicators import percent
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, fmt_pp, indicator_text, t

SLIDES = ("trend", "prevalence", "change", "lokus", "gaps", "quality")

# A lokus village "lacks" an intervention when its coverage is below the lower bound of the
# "good" class of the coverage scale (geo.analysis.classify.COVERAGE), not a number typed here.
GAP_CLASS = 3
GAP_ROWS = 8  # coverage rows on slide 5, the lowest first (the PDF lists them all)


def gap_threshold() -> float:
    return classify.COVERAGE.breaks[GAP_CLASS - 1]


def _demo_note(ds, *tables: str) -> bool:
    return any(tb in ds.demo for tb in tables)


# ----- 1. regency trend against local targets ---------------------------------------------
def trend_lines(ds, lang: str) -> tuple[list[str], list[dict], dict | None]:
    """(sentences, latest figures per source type, village figure) for /tren, slide 1 and the PDF:
    the latest period of each source type present, newest first; a target only with the source
    type it was set against; a partial-year figure said apart, never as a change from an annual one;
    the regency figure computed from village data with how many villages have data."""
    kode_kab = gtrend.regency_code(ds.boundaries)
    items = gtrend.latest_figures(ds.published, kode_kab)
    lines = []
    for it in items:
        group = t(f"trend.group.{it['group']}", lang) if it["group"] in gtrend.GROUP_ORDER else it["group"]
        a = it["annual"]
        if a is not None:
            text = t(
                "trend.latest.annual",
                lang,
                region=ds.region_name,
                group=group,
                source=a["source"],
                year=a["year"],
                value=fmt_pct(a["value"], lang),
            )
            if it["previous"]:
                p = it["previous"]
                text += t(
                    "trend.latest.previous",
                    lang,
                    value=fmt_pct(p["value"], lang),
                    year=p["year"],
                    change=fmt_pp(a["value"] - p["value"], lang, 2),
                )
            if it["target"]:
                tg = it["target"]
                text += t(
                    "trend.latest.target",
                    lang,
                    year=tg["year"],
                    group=group,
                    value=fmt_pct(tg["value"], lang),
                    gap=fmt_pp(a["value"] - tg["value"], lang, 2),
                )
            lines.append(text + ".")
            if it["partial"]:
                p = it["partial"]
                lines.append(
                    t(
                        "trend.latest.partial",
                        lang,
                        group=group,
                        value=fmt_pct(p["value"], lang),
                        source=p["source"],
                        period=p["period"],
                        year=p["year"],
                    )
                )
        elif it["partial"]:
            p = it["partial"]
            lines.append(
                t(
                    "trend.latest.only_partial",
                    lang,
                    region=ds.region_name,
                    group=group,
                    source=p["source"],
                    value=fmt_pct(p["value"], lang),
                    period=p["period"],
                    year=p["year"],
                )
            )
    village = None
    tot = ds.prevalence_total
    if len(tot):
        last = tot.sort_values("tahun").iloc[-1]
        year = int(last["tahun"])
        n = len(set(ds.prevalence.loc[ds.prevalence["tahun"] == year, "kode_desa"]) & set(ds.boundaries["kode_desa"]))
        village = {"year": year, "value": float(last["persen"]), "n": n, "total": len(ds.boundaries)}
        lines.append(
            t(
                "trend.village",
                lang,
                year=year,
                value=fmt_pct(village["value"], lang, 1),
                n=fmt_int(n, lang),
                total=fmt_int(village["total"], lang),
            )
            + (" " + t("common.demo_tag", lang) if "prevalensi" in ds.demo else "")
        )
    return lines, items, village


def trend_slide(ds, lang: str) -> dict:
    kode_kab = gtrend.regency_code(ds.boundaries)
    pub = ds.published
    own = pub[pub["kode_kab"] == kode_kab] if kode_kab else pub.iloc[0:0]
    kinds = sorted(set(own["jenis_sumber"]))
    lines, items, village = trend_lines(ds, lang)
    headline = lines[0] if items else t("rembuk.trend.none", lang, region=ds.region_name)
    return {
        "headline": headline,
        "lines": lines[1:] if items else lines,
        "kode_kab": kode_kab or "",
        "kinds": kinds,
        "latest": items,
        "village": village,
        "sources": gtrend.published_sources(pub, kode_kab),
    }


# ----- 2. prevalence by village -----------------------------------------------------------
def latest_year(ds, indicator: str = "stunting"):
    years = ds.years(indicator)
    return years[-1] if years else None


def prevalence_slide(ds, lang: str) -> dict:
    year = latest_year(ds)
    scale = classify.WHO_PREVALENCE
    n_total = len(ds.boundaries)
    if year is None:
        return {
            "headline": t("rembuk.prev.none", lang),
            "year": None,
            "counts": [0] * len(scale.colors),
            "nodata": n_total,
            "total": None,
        }
    prev = ds.prevalence[ds.prevalence["tahun"] == year].set_index("kode_desa")["persen"]
    values = [prev.get(c, math.nan) for c in ds.boundaries["kode_desa"]]
    counts, nodata = classify.legend_counts(values, scale)
    tot = ds.prevalence_total[ds.prevalence_total["tahun"] == year]
    total = float(tot["persen"].iloc[0]) if len(tot) else math.nan
    from geo.views.mapview import class_label

    headline = t(
        "rembuk.prev.headline",
        lang,
        year=year,
        n4=fmt_int(counts[4], lang),
        n3=fmt_int(counts[3], lang),
        n=fmt_int(n_total, lang),
        c4=class_label(scale, 4, lang).lower(),
        c3=class_label(scale, 3, lang).lower(),
        region=ds.region_name,
        value=fmt_pct(total, lang),
    )
    headline += " " + t(
        "common.villages_with_data", lang, n=fmt_int(n_total - nodata, lang), total=fmt_int(n_total, lang)
    )
    return {
        "headline": headline,
        "year": year,
        "counts": counts,
        "nodata": nodata,
        "total": total,
        "values": dict(zip(ds.boundaries["kode_desa"], values)),
        "demo": _demo_note(ds, "prevalensi"),
    }


# ----- 3. change between the two latest years ---------------------------------------------
def change_table(ds):
    """(year_from, year_to, frame with kode_desa, nama_desa, nama_kec, awal, akhir, perubahan), worst first."""
    years = gtrend.change_years(ds.prevalence)
    if not years:
        return (
            None,
            None,
            pd.DataFrame(columns=["kode_desa", "nama_desa", "nama_kec", "awal", "akhir", "perubahan", "z", "kelas"]),
        )
    ya, yb = years
    from geo.analysis.uncertainty import ROSE, change_test_table

    ch = change_test_table(ds.prevalence, ya, yb)
    # worst first: clear rises on top (largest first), then the rest by change
    ch["_clear_rise"] = ch["kelas"] == ROSE
    ch = ch.sort_values(["_clear_rise", "perubahan", "akhir"], ascending=[False, False, False], kind="mergesort")
    ch = ch.merge(ds.desa_index[["nama_desa", "nama_kec"]], left_on="kode_desa", right_index=True, how="left")
    return (
        ya,
        yb,
        ch[["kode_desa", "nama_desa", "nama_kec", "awal", "akhir", "perubahan", "z", "kelas"]].reset_index(drop=True),
    )


def change_slide(ds, lang: str, top: int = 8) -> dict:
    ya, yb, ch = change_table(ds)
    if ya is None:
        return {"headline": t("rembuk.change.none", lang), "year_from": None, "year_to": None, "table": ch, "worst": ch}
    from geo.analysis.uncertainty import FELL, ROSE, change_counts

    counts = change_counts(ch)
    worse, better = counts[ROSE], counts[FELL]
    headline = clear_change_headline(counts, lang, ya, yb)
    rises = ch[ch["kelas"] == ROSE]
    return {
        "headline": headline,
        "year_from": ya,
        "year_to": yb,
        "table": ch,
        "worst": rises.head(top),
        "worse": worse,
        "better": better,
        "counts": counts,
        "demo": _demo_note(ds, "prevalensi"),
    }


def clear_change_headline(counts: dict, lang: str, ya=None, yb=None) -> str:
    """'2 of 70 villages rose clearly, 1 fell clearly; 67 changed within the uncertainty.'"""
    from geo.analysis.uncertainty import FELL, NO_CLEAR, ROSE

    text = t(
        "change.clear_headline",
        lang,
        rose=fmt_int(counts[ROSE], lang),
        fell=fmt_int(counts[FELL], lang),
        within=fmt_int(counts[NO_CLEAR], lang),
        n=fmt_int(counts["total"], lang),
    )
    return f"{ya} → {yb}: {text}" if ya is not None else text


def change_class_label(i: int, lang: str) -> str:
    lo, hi = classify.class_bounds(classify.CHANGE)[i]
    if lo is None:
        rng = "< " + fmt_pp(hi, lang, 0)
    elif hi is None:
        rng = "≥ " + fmt_pp(lo, lang, 0)
    else:
        rng = f"{fmt_pp(lo, lang, 0)} – < {fmt_pp(hi, lang, 0)}"
    return f"{t(classify.CHANGE.class_keys[i], lang)} ({rng})"


CONFIDENCE = 0.95  # of the clear-change test (geo.analysis.uncertainty, z = 1.96)


def clear_values(ds) -> dict:
    """{kode_desa: -1 fell clearly, 0 no clear change, +1 rose clearly} for the change map."""
    _, _, ch = change_table(ds)
    return {k: classify.CLEAR_VALUE[c] for k, c in zip(ch["kode_desa"], ch["kelas"])}


def change_legend(ds, lang: str) -> dict:
    """Legend of the change map, in the same shape as geo.views.mapview.legend (highest class on top):
    rose clearly, no clear change, fell clearly (geo.analysis.uncertainty), no data."""
    ya, yb, ch = change_table(ds)
    values = clear_values(ds)
    scale = classify.CLEAR_CHANGE
    counts, nodata = classify.legend_counts([values.get(k, math.nan) for k in ds.boundaries["kode_desa"]], scale)
    items = [
        {
            "color": scale.colors[i],
            "label": t(scale.class_keys[i], lang),
            "count": counts[i],
            "count_text": t("legend.count", lang, n=fmt_int(counts[i], lang)),
        }
        for i in range(len(scale.colors))
    ]
    items.reverse()
    items.append(
        {
            "color": scale.nodata_color,
            "label": t("common.nodata", lang),
            "count": nodata,
            "count_text": t("legend.count", lang, n=fmt_int(nodata, lang)),
            "nodata": True,
        }
    )
    return {
        "title": f"{t('rembuk.title.change', lang)} {ya} → {yb}" if ya else t("rembuk.title.change", lang),
        "scale": t("legend.scale.clear_change", lang, level=fmt_pct(CONFIDENCE * 100, lang, 0)),
        "items": items,
        "summary": "",
        "demo": "prevalensi" in ds.demo,
        "source": t("common.demo_tag", lang) if "prevalensi" in ds.demo else ds.sources.get("prevalensi", ""),
    }


# ----- 4. the proposed lokus villages, with reasons and the works already built ------------
def _as_info(ds, proposals, lang: str) -> dict:
    """The proposal as plain data (geo.views.proposal.info): computed (latest scenario or default) when
    ``proposals`` is None, taken from a geo.views.proposal.Meeting, or from a hook list of
    ``{"desa": kode or nama, "reason": text}``."""
    from geo.views import proposal

    if proposals is None:
        return proposal.info(proposal.meeting(ds), lang)
    if isinstance(proposals, proposal.Meeting):
        return proposal.info(proposals, lang)
    by_name = {str(n): k for k, n in ds.desa_index["nama_desa"].items()}
    items = []
    for p in proposals:
        raw = str(p.get("desa") or "")
        kode = raw if raw in ds.desa_index.index else by_name.get(raw)
        if kode is None:
            continue
        items.append(
            {
                "desa": kode,
                "reason": str(p.get("reason") or ""),
                "status": p.get("status", "usulan"),
                "rank": p.get("rank"),
                "score": p.get("score"),
            }
        )
    return {
        "kind": "given",
        "key": ("given",),
        "short": t("proposal.given_short", lang),
        "source": t("proposal.given_long", lang),
        "weights": "",
        "items": items,
        "removed": [],
        "added": 0,
        "n_removed": 0,
        "n": len(items),
        "demo": bool({"prevalensi", "cakupan"} & set(ds.demo)),
    }


LOKUS_COLUMNS = [
    "kode_desa",
    "nama_desa",
    "nama_kec",
    "status",
    "peringkat",
    "skor",
    "p_top",
    "lokus_lalu",
    "nomor_sk",
    "sarana_selesai",
    "jenis_sarana",
    "alasan",
]


def lokus_rows(ds, items: list[dict], last_year, lang: str = "id") -> pd.DataFrame:
    """One row per proposed village (in the order given): name, kecamatan, rank, score, whether it was
    lokus in ``last_year`` (with the decree), completed works, reason."""
    from geo.core.schema import sarana_label

    done = ds.sarana[ds.sarana["status"] == "selesai"]
    by_desa = done.groupby("kode_desa")
    last = (
        ds.lokus[ds.lokus["tahun"] == int(last_year)].drop_duplicates("kode_desa").set_index("kode_desa")
        if last_year is not None and len(ds.lokus)
        else None
    )
    rows = []
    for p in items:
        kode = p["desa"]
        works = by_desa.get_group(kode) if kode in by_desa.groups else done.iloc[0:0]
        kinds = ", ".join(sorted({sarana_label("jenis", j, lang) for j in works["jenis"]}))
        was = last is not None and kode in last.index
        sk = last.loc[kode, "nomor_sk"] if was else ""
        rows.append(
            {
                "kode_desa": kode,
                "nama_desa": str(ds.desa_index["nama_desa"].get(kode, kode)),
                "nama_kec": str(ds.desa_index["nama_kec"].get(kode, "")),
                "status": p.get("status", "usulan"),
                "peringkat": p.get("rank"),
                "skor": p.get("score"),
                "p_top": p.get("p_top"),
                "lokus_lalu": bool(was),
                "nomor_sk": sk if isinstance(sk, str) else "",
                "sarana_selesai": int(len(works)),
                "jenis_sarana": kinds,
                "alasan": p.get("reason", ""),
            }
        )
    return pd.DataFrame(rows, columns=LOKUS_COLUMNS)


def lokus_slide(ds, lang: str, proposals=None) -> dict:
    """Slide 4: the proposed lokus villages (geo.views.proposal: latest scenario, else the default
    ranking), each with its reason and the completed works already in it."""
    prop = _as_info(ds, proposals, lang)
    last_year = ds.lokus_years[-1] if ds.lokus_years else None
    rows = lokus_rows(ds, prop["items"], last_year, lang)
    removed = lokus_rows(ds, prop["removed"], last_year, lang)
    base = {
        "year": last_year,
        "rows": rows,
        "removed": removed,
        "proposal": prop,
        "codes": list(rows["kode_desa"]),
        "demo": bool(prop["demo"]) or _demo_note(ds, "lokus", "sarana"),
    }
    if not len(rows):
        return base | {
            "headline": t("rembuk.lokus.none", lang, source=prop["short"]),
            "with_works": 0,
            "works": 0,
            "sk": "",
            "overlap": 0,
            "has_reasons": False,
        }
    with_works = int((rows["sarana_selesai"] > 0).sum())
    params = {"source": prop["short"], "n": fmt_int(len(rows), lang), "k": fmt_int(with_works, lang)}
    if prop["added"] or prop["n_removed"]:
        headline = t(
            "rembuk.lokus.headline_changes",
            lang,
            added=fmt_int(prop["added"], lang),
            removed=fmt_int(prop["n_removed"], lang),
            **params,
        )
    else:
        headline = t("rembuk.lokus.headline", lang, **params)
    sks = sorted({s for s in rows["nomor_sk"] if s})
    overlap = int(rows["lokus_lalu"].sum())
    p = pd.to_numeric(rows["p_top"], errors="coerce")
    if p.notna().any():
        from geo.analysis.uncertainty import SOLID_P

        unsure = rows[p < SOLID_P]
        headline += " " + t(
            "rembuk.lokus.p_solid",
            lang,
            solid=fmt_int(int((p >= SOLID_P).sum()), lang),
            n=fmt_int(len(rows), lang),
            p=fmt_num(SOLID_P, lang, 1),
        )
        base["p_unsure"] = [
            {"name": str(r.nama_desa), "p": fmt_num(r.p_top, lang, 2)} for r in unsure.sort_values("p_top").itertuples()
        ]
    return base | {
        "headline": headline,
        "with_works": with_works,
        "works": int(rows["sarana_selesai"].sum()),
        "sk": ", ".join(sks),
        "overlap": overlap,
        "overlap_text": t(
            "rembuk.lokus.overlap", lang, k=fmt_int(overlap, lang), n=fmt_int(len(rows), lang), year=last_year
        )
        if last_year is not None
        else "",
        "has_reasons": bool((rows["alasan"] != "").any()),
    }


# ----- 5. coverage gaps in the lokus villages ----------------------------------------------
def gaps_table(ds, lokus_year, cov_year) -> pd.DataFrame:
    """Per coverage indicator, over the lokus villages: pooled coverage and villages below the gap line.

    Sorted worst first (lowest pooled coverage on top)."""
    cols = ["indikator", "opd", "persen", "di_bawah", "desa", "pembilang", "penyebut"]
    codes = ds.lokus_codes(lokus_year)
    if not codes or cov_year is None:
        return pd.DataFrame(columns=cols)
    cov = ds.coverage[(ds.coverage["tahun"] == cov_year) & ds.coverage["kode_desa"].isin(codes)]
    line = gap_threshold()
    rows = []
    for ind in ds.catalogue.coverage:
        d = cov[cov["indikator"] == ind.code]
        if not len(d):
            continue
        rows.append(
            {
                "indikator": ind.code,
                "opd": ind.opd,
                "persen": percent(d["pembilang"].sum(), d["penyebut"].sum()),
                "di_bawah": int((d["persen"] < line).sum()),
                "desa": int(d["kode_desa"].nunique()),
                "pembilang": int(d["pembilang"].sum()),
                "penyebut": int(d["penyebut"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=cols).sort_values("persen").reset_index(drop=True)


def gaps_slide(ds, lang: str) -> dict:
    lokus_year = ds.lokus_years[-1] if ds.lokus_years else None
    cov_years = sorted({int(y) for y in ds.coverage["tahun"]})
    cov_year = max([y for y in cov_years if lokus_year is None or y <= lokus_year] or cov_years or [None])
    table = gaps_table(ds, lokus_year, cov_year)
    if not len(table):
        return {
            "headline": t("rembuk.gaps.none", lang),
            "lokus_year": lokus_year,
            "year": cov_year,
            "table": table,
            "line": gap_threshold(),
        }
    w = table.iloc[0]
    headline = t(
        "rembuk.gaps.headline",
        lang,
        year=lokus_year,
        cy=cov_year,
        indicator=indicator_text(w["indikator"], lang),
        value=fmt_pct(w["persen"], lang, 1),
        k=fmt_int(w["di_bawah"], lang),
        n=fmt_int(w["desa"], lang),
        line=fmt_pct(gap_threshold(), lang, 0),
    )
    return {
        "headline": headline,
        "lokus_year": lokus_year,
        "year": cov_year,
        "table": table,
        "line": gap_threshold(),
        "demo": _demo_note(ds, "cakupan"),
    }


# ----- 6. data quality and sources ---------------------------------------------------------
def quality_rows(ds, lang: str) -> list[dict]:
    """One row per table: rows, villages covered of all, years, version, source, demo flag."""
    n = len(ds.boundaries)
    known = set(ds.boundaries["kode_desa"])
    out = [
        {
            "table": "batas",
            "label": t("rembuk.q.batas", lang),
            "rows": n,
            "desa": n,
            "years": "",
            "unmatched": 0,
            "version": str(ds.versions.get("batas", ds.version)),
            "source": ds.sources.get("batas", ""),
            "demo": False,
        }
    ]
    for name in ("prevalensi", "cakupan", "lokus", "sarana"):
        df = getattr(ds, name)
        codes = set(df["kode_desa"].dropna()) if "kode_desa" in df else set()
        years = sorted({int(y) for y in df["tahun"].dropna()}) if "tahun" in df else []
        src = ds.sources.get(name) or (", ".join(sorted(set(df["sumber"].dropna())))[:160] if "sumber" in df else "")
        out.append(
            {
                "table": name,
                "label": t(f"rembuk.q.{name}", lang),
                "rows": int(len(df)),
                "desa": len(codes & known),
                "years": _years_text(years),
                "unmatched": len(codes - known),
                "version": str(ds.versions.get(name, ds.version)),
                "source": t("common.demo_tag", lang) if name in ds.demo else src,
                "demo": name in ds.demo,
            }
        )
    pub = ds.published
    out.append(
        {
            "table": "terbit",
            "label": t("rembuk.q.terbit", lang),
            "rows": int(len(pub)),
            "desa": 0,
            "years": _years_text(sorted({int(y) for y in pub["tahun"]})),
            "unmatched": 0,
            "version": str(ds.versions.get("terbit", ds.version)),
            "source": ", ".join(sorted(set(pub["sumber"].astype(str))))[:200],
            "demo": False,
        }
    )
    return out


def _years_text(years: list[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def quality_slide(ds, lang: str) -> dict:
    rows = quality_rows(ds, lang)
    n = len(ds.boundaries)
    prev = next(r for r in rows if r["table"] == "prevalensi")
    demo = sorted(ds.demo)
    kinds = sorted(set(ds.published["jenis_sumber"]))
    if demo:
        headline = t(
            "rembuk.quality.demo",
            lang,
            tables=", ".join(t(f"rembuk.q.{x}", lang) for x in demo),
            k=fmt_int(len(ds.published), lang),
            kinds=fmt_int(len(kinds), lang),
        )
    else:
        headline = t(
            "rembuk.quality.real",
            lang,
            have=fmt_int(prev["desa"], lang),
            n=fmt_int(n, lang),
            k=fmt_int(len(ds.published), lang),
            kinds=fmt_int(len(kinds), lang),
        )
    return {"headline": headline, "rows": rows, "version": ds.version, "demo": bool(demo)}


def slide_data_one(ds, kind: str, lang: str, proposals=None) -> dict:
    """One slide's data with ``kind``, ``title`` and ``headline``."""
    builders = {
        "trend": trend_slide,
        "prevalence": prevalence_slide,
        "change": change_slide,
        "lokus": lambda d, lg: lokus_slide(d, lg, proposals),
        "gaps": gaps_slide,
        "quality": quality_slide,
    }
    s = builders[kind](ds, lang)
    s["kind"] = kind
    s["title"] = t(f"rembuk.title.{kind}", lang)
    return s


def slide_data(ds, lang: str, proposals=None) -> list[dict]:
    """All six slides in order."""
    return [slide_data_one(ds, kind, lang, proposals) for kind in SLIDES]
