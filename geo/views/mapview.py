"""What the map page shows, as plain data: styling parameters, legends, works, profiles.

These functions take a :class:`geo.analysis.dataset.Dataset` and the user's choices and return
dicts and lists that the layouts render and the callbacks send to the browser.
"""

from __future__ import annotations

import math

import pandas as pd

from geo.analysis import classify
from geo.analysis.indicators import percent, wilson_interval
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, t
from geo.core.schema import INDICATORS, MAP_INDICATORS, SARANA_STATUS, SARANA_TYPES, sarana_label, sarana_symbol

LABEL_MIN_ZOOM = 12


def scale_of(indicator: str) -> classify.Scale:
    return classify.scale_for(MAP_INDICATORS[indicator].kind, indicator)


def default_year(ds, indicator: str):
    years = ds.years(indicator)
    return years[-1] if years else None


SCALES = (classify.WHO_PREVALENCE, classify.OTHER_PREVALENCE, classify.COVERAGE, classify.CLUSTER)


def shown_office(ds, indicator: str, year, office) -> str | None:
    """``office`` when it is another office with figures for this indicator and year, else None
    (the default office, which the map shows without a choice)."""
    if not office or year is None or not hasattr(ds, "other_office_keys"):
        return None
    return office if (indicator, int(year), office) in set(ds.other_office_keys) else None


def office_options(ds, indicator: str, year) -> list[str]:
    """The offices to choose from on the map (empty: only one office, no control shown)."""
    if year is None or indicator not in getattr(ds, "indicator_codes", []) or not hasattr(ds, "offices"):
        return []
    offices = ds.offices(indicator, year)
    return offices if len(offices) > 1 else []


def desa_choice(ds, indicator: str, year, lokus_year, show_lokus: bool, lang: str, office: str | None = None) -> dict:
    """What changes when the user picks another indicator, year or lokus setting: the
    small dict a restyle sends (a few hundred bytes). The browser merges it over the
    constant part in :func:`desa_hideout` (assets/map.js ``K.merge``).

    Values are not in here: they travel once, inside the GeoJSON, as an array aligned
    with ``ds.value_keys``; ``vi`` is the position of ``indicator|year`` in it (-1: no
    values).
    """
    ind = MAP_INDICATORS[indicator]
    table = "prevalensi" if ind.kind == "prevalence" else "cakupan"
    office = shown_office(ds, indicator, year, office)
    key = f"{indicator}|{year}" + (f"|{office}" if office else "")
    src = _source_text(ds, table, lang, indicator)
    return {
        "version": ds.version,
        "ind": indicator,
        "year": None if year is None else int(year),
        "vi": ds.value_keys.index(key) if key in ds.value_keys else -1,
        "scale": scale_of(indicator).code,
        "lokusYear": None if lokus_year is None else int(lokus_year),
        "showLokus": bool(show_lokus),
        "labels": {
            "title": t(ind.label_key, lang),
            "num": t(ind.num_key, lang),
            "den": t(ind.den_key, lang),
            "demo": t("common.demo", lang) if table in ds.demo else "",
        },
        "src": (f"{office} · " + src) if office else src,
    } | ({"office": office} if office else {})


CHOICE_KEYS = ("version", "ind", "year", "vi", "scale", "lokusYear", "showLokus", "labels", "src", "office")


def choice_part(h: dict) -> dict:
    """The :func:`desa_choice` part of a hideout (or of a choice)."""
    out = {k: h[k] for k in CHOICE_KEYS if k in h}
    if "labels" in out:
        out["labels"] = {k: v for k, v in out["labels"].items() if k in ("title", "num", "den", "demo")}
    return out


def desa_hideout(ds, indicator: str, year, lokus_year, show_lokus: bool, lang: str) -> dict:
    """The dict the browser styles the village layer with (assets/map.js): the constant
    part (scales, language, fixed labels) plus the initial :func:`desa_choice`.

    ``breaks``, ``colors`` and ``nodata`` are those of the current scale; ``scales`` has
    them for every scale so a restyle only names one.
    """
    choice = desa_choice(ds, indicator, year, lokus_year, show_lokus, lang)
    scale = scale_of(indicator)
    return {
        **choice,
        "breaks": list(scale.breaks),
        "colors": list(scale.colors),
        "nodata": scale.nodata_color,
        "lang": lang,
        "bounds": ds.focus["bounds"],  # fit the map before drawing (assets/map.js onEachDesa)
        "scales": {
            sc.code: {"breaks": list(sc.breaks), "colors": list(sc.colors), "nodata": sc.nodata_color} for sc in SCALES
        },
        # Enough for the browser to restyle at once, before the server answers (assets/map.js
        # K.localChoice gives the same dict as desa_choice for any indicator and year).
        "keys": list(ds.value_keys),
        # older years' values, fetched when one is picked (Dataset.year_values, assets/map.js loadValues)
        "lazy": {"url": f"/api/{ds.version}/nilai-{{year}}.json", "years": list(ds.lazy_years)},
        "choices": {
            code: {
                k: v
                for k, v in desa_choice(ds, code, None, None, False, lang).items()
                if k in ("scale", "labels", "src")
            }
            | {"years": ds.years(code)}
            for code in ds.map_indicator_codes
            if not code.startswith("klaster_k")
        },  # clusters: server
        "labels": {
            **choice["labels"],
            "raw": t("map.tip.raw", lang),
            "smoothed": t("map.tip.smoothed", lang),
            "measured": t("map.tip.measured", lang),
            "ci": t("map.tip.ci", lang),
            "clusters": [t(k, lang) for k in classify.CLUSTER.class_keys],
            "kec": t("common.kec_short", lang),
            "lokus": t("common.lokus", lang),
            "nodata": t("common.nodata", lang),
            "source": t("common.source", lang),
        },
    }


def url_version(url) -> str | None:
    """The data version in a versioned layer URL (``/api/<version>/desa.geojson``), or None."""
    parts = str(url or "").split("?")[0].strip("/").split("/")
    return parts[1] if len(parts) == 3 and parts[0] == "api" and parts[1] else None


def is_stale(url, ds) -> bool:
    """True when a page drew its map from another data version than ``ds``: answering its
    callbacks with ``ds`` would mix new values into old geometry."""
    v = url_version(url)
    return v is not None and v != ds.version


def _source_text(ds, table: str, lang: str, indicator: str | None = None) -> str:
    if table in ds.demo:
        return t("common.demo_tag", lang)
    if hasattr(ds, "source_of"):
        return ds.source_of(table, None if indicator in ("stunting", "stunting_halus") else indicator)
    return ds.sources.get(table, "")


def class_label(scale: classify.Scale, i: int, lang: str) -> str:
    if scale.code == classify.CLUSTER.code:  # categories, not ranges
        return t(scale.class_keys[i], lang)
    lo, hi = classify.class_bounds(scale)[i]

    def digits(b):
        return 0 if float(b).is_integer() else 1

    if lo is None:
        rng = t("cls.range.lt", lang, hi=fmt_pct(hi, lang, digits(hi)))
    elif hi is None:
        rng = t("cls.range.ge", lang, lo=fmt_pct(lo, lang, digits(lo)))
    else:
        rng = t("cls.range.mid", lang, lo=fmt_num(lo, lang, digits(lo)), hi=fmt_pct(hi, lang, digits(hi)))
    if not scale.class_keys[i]:  # ranges only (classify.OTHER_PREVALENCE)
        return rng
    return f"{t(scale.class_keys[i], lang)} ({rng})"


def legend(ds, indicator: str, year, lang: str, office: str | None = None) -> dict:
    """Legend with counts per class and a no-data class, over all villages of the map
    (``office``: another office's figures than the default one)."""
    scale = scale_of(indicator)
    office = shown_office(ds, indicator, year, office)
    vals = (
        (ds.map_values(indicator, year, office) if office else ds.values(indicator, year)) if year is not None else {}
    )
    pcts = [percent(*vals[c]) if c in vals else math.nan for c in ds.boundaries["kode_desa"]]
    counts, nodata = classify.legend_counts(pcts, scale)
    ind = MAP_INDICATORS[indicator]
    if indicator == "stunting_halus" or ind.kind == "cluster":  # the summary: the measured regency figure
        vals = ds.values("stunting", year) if year is not None and not office else vals
    items = [
        {
            "color": scale.colors[i],
            "label": class_label(scale, i, lang),
            "count": counts[i],
            "count_text": count_text(counts[i], lang),
        }
        for i in range(len(scale.colors))
    ]
    items.reverse()  # highest class on top
    items.append(
        {
            "color": scale.nodata_color,
            "label": t("common.nodata", lang),
            "count": nodata,
            "count_text": count_text(nodata, lang),
            "nodata": True,
        }
    )
    total_num = sum(v[0] for v in vals.values())
    total_den = sum(v[1] for v in vals.values())
    table = "prevalensi" if ind.kind in ("prevalence", "cluster") else "cakupan"
    summary = (
        t(
            "map.summary",
            lang,
            region=ds.region_name,
            value=fmt_pct(percent(total_num, total_den), lang),
            num=fmt_int(total_num, lang),
            den=fmt_int(total_den, lang),
        )
        if vals
        else ""
    )
    if vals and ind.kind != "cluster":  # how much of the regency the figure stands for
        n_with = len(set(vals) & set(ds.boundaries["kode_desa"]))
        summary += " " + t(
            "common.villages_with_data", lang, n=fmt_int(n_with, lang), total=fmt_int(len(ds.boundaries), lang)
        )
    if ind.kind == "cluster":
        summary = cluster_summary(ds, indicator, year, lang)
    return {
        "title": t("map.legend_title", lang, indicator=t(ind.label_key, lang), year=year if year is not None else "")
        + (f" · {office}" if office else ""),
        "scale": t(f"legend.scale.{scale.code}", lang),
        "items": items,
        "summary": summary,
        "demo": table in ds.demo,
        "source": (f"{office} · " if office else "") + _source_text(ds, table, lang, indicator),
        "boundaries": t("legend.boundaries", lang, src=ds.sources.get("batas", "")) if ds.sources.get("batas") else "",
    }


def cluster_summary(ds, indicator: str, year, lang: str) -> str:
    """Global Moran's I with its permutation p-value, k, and the caveats in plain words."""
    from geo.analysis import spatial

    k = spatial.cluster_code(indicator)
    if year is None:
        return ""
    _, g = ds.clusters(year, k)
    if g is None:
        return t("cluster.too_few", lang, n=fmt_int(spatial.MIN_VILLAGES, lang))
    return (
        t(
            "cluster.summary",
            lang,
            I=fmt_num(g["I"], lang, 2),
            p=fmt_num(g["p"], lang, 3),
            perm=fmt_int(spatial.PERMUTATIONS, lang),
            k=fmt_int(g["k"], lang),
            n=fmt_int(g["n"], lang),
            alpha=fmt_num(spatial.ALPHA, lang, 2),
        )
        + " "
        + t("cluster.caveat", lang)
    )


def legend_static(lang: str) -> dict:
    """The parts of the legend that never change on a page (class names and colours per
    scale, fixed words), sent once; the browser builds the legend from these plus
    :func:`legend_update` exactly as layouts.components.legend does."""
    scales = {}
    for sc in SCALES:
        items = [{"color": sc.colors[i], "label": class_label(sc, i, lang)} for i in range(len(sc.colors))]
        items.reverse()
        items.append({"color": sc.nodata_color, "label": t("common.nodata", lang), "nodata": True})
        scales[sc.code] = {"name": t(f"legend.scale.{sc.code}", lang), "items": items}
    return {"scales": scales, "demo": t("common.demo", lang), "source": t("common.source", lang)}


def legend_update(ds, indicator: str, year, lang: str, office: str | None = None) -> dict:
    """What changes in the legend with the choice: title, counts (as displayed), summary."""
    full = legend(ds, indicator, year, lang, office)
    return {
        "title": full["title"],
        "scale": scale_of(indicator).code,
        "counts": [i["count_text"] for i in full["items"]],
        "summary": full["summary"],
        "source": full["source"],
        "demo": full["demo"],
        "boundaries": full["boundaries"],
    }


def count_text(n: int, lang: str) -> str:
    return t("legend.count.one" if n == 1 else "legend.count", lang, n=fmt_int(n, lang))


def sarana_options(ds) -> dict:
    s = ds.sarana
    types = [x for x in SARANA_TYPES if x in set(s["jenis"])] + sorted(set(s["jenis"]) - set(SARANA_TYPES))
    status = [x for x in SARANA_STATUS if x in set(s["status"])] + sorted(set(s["status"]) - set(SARANA_STATUS))
    years = sorted({int(y) for y in s["tahun"].dropna()})
    return {"types": types, "status": status, "years": years}


def filter_sarana(ds, types=None, status=None, years=None) -> pd.DataFrame:
    s = ds.sarana
    mask = pd.Series(True, index=s.index)
    if types is not None:
        mask &= s["jenis"].isin(types)
    if status is not None:
        mask &= s["status"].isin(status)
    if years is not None:
        mask &= s["tahun"].isin([int(y) for y in years])
    return s[mask]


def sarana_geojson(ds, types=None, status=None, years=None, lang: str = "id") -> dict:
    """The filtered works as GeoJSON points with display-ready (plain text) properties."""
    s = filter_sarana(ds, types, status, years)
    demo = "sarana" in ds.demo
    names = ds.desa_index["nama_desa"]
    features = []
    for r in s.itertuples(index=False):
        if pd.isna(r.lintang) or pd.isna(r.bujur):
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(float(r.bujur), 6), round(float(r.lintang), 6)]},
                "properties": {
                    "jenis": r.jenis,
                    # shape and colour from the one schema (geo.core.schema.SARANA_SYMBOLS)
                    "sym": list(
                        sarana_symbol(SARANA_TYPES.index(r.jenis) if r.jenis in SARANA_TYPES else len(SARANA_TYPES))
                    ),
                    "title": str(r.nama_sarana),
                    "rows": [
                        [t("sarana.f.jenis", lang), sarana_label("jenis", r.jenis, lang)],
                        [t("sarana.f.desa", lang), str(names.get(r.kode_desa, r.kode_desa))],
                        [t("sarana.f.tahun", lang), str(int(r.tahun)) if not pd.isna(r.tahun) else "–"],
                        [t("sarana.f.status", lang), sarana_label("status", r.status, lang)],
                        [t("sarana.f.dana", lang), str(r.sumber_dana)],
                        [t("sarana.f.kk", lang), fmt_int(r.kk_terlayani, lang)],
                        [t("sarana.f.opd", lang), str(r.opd)],
                    ]
                    + (
                        [[t("sarana.f.lokasi", lang), t("sarana.approx", lang)]]
                        if bool(getattr(r, "lokasi_perkiraan", False))
                        else []
                    ),
                    "demo": t("common.demo", lang) if demo else "",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def profile(ds, kode: str, lang: str) -> dict | None:
    """Everything the village profile panel shows, or None for an unknown code."""
    if kode not in ds.desa_index.index:
        return None
    info = ds.desa_index.loc[kode]
    prev = ds.prevalence[ds.prevalence["kode_desa"] == kode].sort_values("tahun")
    trend = [
        {
            "year": int(r.tahun),
            "pct": float(r.persen),
            "lo": float(r.ci_bawah),
            "hi": float(r.ci_atas),
            "n": int(r.balita_diukur),
            "k": int(r.balita_stunting),
            "pct_text": fmt_pct(r.persen, lang, 1),
            "smooth": float(r.persen_halus),
            "smooth_text": t("profile.smoothed", lang, value=fmt_pct(r.persen_halus, lang, 1)),
            "ci_text": t("profile.ci", lang, lo=fmt_pct(r.ci_bawah, lang, 1), hi=fmt_pct(r.ci_atas, lang, 1)),
            "n_text": t("profile.measured", lang, n=fmt_int(r.balita_diukur, lang)),
        }
        for r in prev.itertuples()
    ]
    everything = ds.coverage[ds.coverage["kode_desa"] == kode]
    outcomes = outcome_rows(everything, ds.indicator_codes, lang)
    cov = everything[[INDICATORS[c].kind == "coverage" for c in everything["indikator"]]]
    cov_year = int(cov["tahun"].max()) if len(cov) else None
    coverage = []
    if cov_year is not None:
        latest = cov[cov["tahun"] == cov_year].set_index("indikator")
        for code in ds.indicator_codes:
            if INDICATORS[code].kind != "coverage" or code not in latest.index:
                continue
            r = latest.loc[code]
            coverage.append(
                {
                    "code": code,
                    "label": t(INDICATORS[code].short_key, lang),
                    "pct": float(r["persen"]),
                    "pct_text": fmt_pct(r["persen"], lang, 1),
                    "color": classify.colour_of(r["persen"], classify.COVERAGE),
                    "numden": f"{fmt_int(r['pembilang'], lang)} / {fmt_int(r['penyebut'], lang)}",
                }
            )
    works = ds.sarana[ds.sarana["kode_desa"] == kode].sort_values(["tahun", "nama_sarana"])
    work_rows = [
        {
            "name": str(w.nama_sarana),
            "jenis": sarana_label("jenis", w.jenis, lang),
            "year": str(int(w.tahun)) if not pd.isna(w.tahun) else "–",
            "status": sarana_label("status", w.status, lang),
            "kk": fmt_int(w.kk_terlayani, lang),
        }
        for w in works.itertuples()
    ]
    lokus_years = sorted(int(y) for y in ds.lokus.loc[ds.lokus["kode_desa"] == kode, "tahun"])
    from geo.analysis.convergence import score_text

    return {
        "score_text": score_text(ds, kode, cov_year, lang),
        "offices": office_rows(ds, kode, lang),
        **{
            "kode": kode,
            "name": str(info["nama_desa"]),
            "jenis": str(info["jenis"]),
            "kec": str(info["nama_kec"]),
            "lokus_years": lokus_years,
            "lokus_text": t("profile.lokus_yes", lang, years=", ".join(map(str, lokus_years)))
            if lokus_years
            else t("profile.lokus_no", lang),
            "trend": trend,
            "outcomes": outcomes,
            "coverage": coverage,
            "coverage_year": cov_year,
            "works": work_rows,
            "demo": bool({"prevalensi", "cakupan", "sarana"} & set(ds.demo)),
        },
    }


def outcome_rows(cov: pd.DataFrame, codes, lang: str) -> list[dict]:
    """The village's other prevalences than stunting (severe stunting), every year with its 95%
    Wilson interval and n, as the stunting trend shows them: [{"code", "label", "rows"}]."""
    out = []
    for code in codes:
        if code == "stunting" or INDICATORS[code].kind != "prevalence":
            continue
        d = cov[cov["indikator"] == code].sort_values("tahun")
        rows = []
        for r in d.itertuples():
            lo, hi = wilson_interval(r.pembilang, r.penyebut)
            rows.append(
                {
                    "year": int(r.tahun),
                    "pct_text": fmt_pct(r.persen, lang, 1),
                    "ci_text": t("profile.ci", lang, lo=fmt_pct(lo, lang, 1), hi=fmt_pct(hi, lang, 1)),
                    "n_text": t("profile.measured", lang, n=fmt_int(r.penyebut, lang)),
                    "k": int(r.pembilang),
                    "n": int(r.penyebut),
                }
            )
        if rows:
            out.append({"code": code, "label": t(INDICATORS[code].label_key, lang), "rows": rows})
    return out


def office_rows(ds, kode: str, lang: str) -> list[dict]:
    """Every office's figure for this village, per indicator and year that more than one office
    reported (the default office first): the figures offices bring to the same meeting."""
    if not hasattr(ds, "observations"):
        return []
    from geo.io.loading import office_key

    o = ds.observations
    o = o[(o["kode_desa"] == kode) & (o["penyebut"] > 0)]
    if not len(o):
        return []
    o = o.assign(okey=[office_key(v) for v in o["opd"]])
    out = []
    for (ind, year), g in o.groupby(["indikator", "tahun"], sort=True):
        if g["okey"].nunique() < 2:
            continue
        rank = {office_key(n): i for i, n in enumerate(ds.offices(ind, year))}
        g = g.sort_values("bulan", na_position="first").drop_duplicates("okey", keep="last")
        for r in sorted(g.itertuples(), key=lambda r, rank=rank: rank.get(r.okey, 99)):
            out.append(
                {
                    "indicator": t(INDICATORS[ind].short_key, lang) if ind in INDICATORS else ind,
                    "year": int(year),
                    "office": r.opd,
                    "pct_text": fmt_pct(percent(r.pembilang, r.penyebut), lang, 1),
                    "numden": f"{fmt_int(r.pembilang, lang)} / {fmt_int(r.penyebut, lang)}",
                }
            )
    return out


def inset_hideouts(ds, hideout: dict) -> list[dict]:
    """One hideout per inset map (far-off villages, see Dataset.focus): the main map's
    hideout fitted to the inset (whose GeoJSON holds only its villages), with the path class
    ``desa-inset`` so the main map's ``desa`` paths stay the main map's."""
    return [dict(hideout, bounds=inset["bounds"], cls="desa-inset", fitPad=[0, 0]) for inset in ds.focus["insets"]]


__all__ = [
    "desa_choice",
    "inset_hideouts",
    "desa_hideout",
    "legend",
    "legend_static",
    "legend_update",
    "sarana_geojson",
    "sarana_options",
    "profile",
    "wilson_interval",
]
