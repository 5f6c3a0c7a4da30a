"""Quality page (/kualitas): readable by everyone, computed from the dataset in use."""

from __future__ import annotations

import dash

from callbacks.lang import page_title
from geo.analysis import dataset, quality
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, indicator_text, norm_lang, t
from layouts import quality_page

MAX_NAMES = 12


def _names(ds, codes) -> str:
    names = ds.desa_index["nama_desa"]
    shown = [str(names.get(c, c)) for c in codes[:MAX_NAMES]]
    more = len(codes) - len(shown)
    return ", ".join(shown) + (f" … (+{more})" if more > 0 else "")


def summary_rows(ds, lang: str) -> list[dict]:
    out = []
    for r in quality.summary(ds):
        if r["version"] is not None:
            imp = t("quality.version", lang, version=r["version"], time=r["time"].replace("T", " ")[:16], by=r["by"])
        else:
            imp = t("quality.bundled", lang)
        period = (
            "–"
            if r["first_year"] is None
            else (str(r["first_year"]) if r["first_year"] == r["last_year"] else f"{r['first_year']}–{r['last_year']}")
        )
        out.append(
            {
                "dataset": t(f"kind.{r['dataset']}", lang),
                "demo": r["demo"],
                "source": t("common.demo_tag", lang)
                if r["demo"]
                else (", ".join(r["offices"]) or t("flag.unknown_office", lang)),
                "period": period,
                "import": imp,
                "complete": t(
                    "quality.complete",
                    lang,
                    n=fmt_int(r["villages"], lang),
                    total=fmt_int(r["total"], lang),
                    pct=fmt_pct(r["complete_pct"], lang, 0),
                ),
                "complete_pct": r["complete_pct"],
            }
        )
    return out


def flag_rows(ds, lang: str) -> list[dict]:
    names = ds.desa_index["nama_desa"]
    rows = []
    for f in quality.flags(ds):
        kind = f["flag"]
        desa = str(names.get(f.get("kode_desa"), f.get("kode_desa", ""))) if "kode_desa" in f else ""
        if kind == "coverage_over_100":
            detail = t(
                "flag.coverage_over_100.detail",
                lang,
                indicator=indicator_text(f["indicator"], lang),
                year=f["year"],
                num=fmt_int(f["num"], lang),
                den=fmt_int(f["den"], lang),
                pct=fmt_pct(f["pct"], lang, 1),
            )
            title = t("flag.coverage_over_100", lang)
        elif kind == "prevalence_jump":
            title = t("flag.prevalence_jump", lang, limit=fmt_num(quality.JUMP_POINTS, lang, 0))
            detail = t(
                "flag.prevalence_jump.detail",
                lang,
                ya=f["ya"],
                yb=f["yb"],
                a=fmt_pct(f["a"], lang, 1),
                b=fmt_pct(f["b"], lang, 1),
            )
        elif kind == "disagree":
            title = t("flag.disagree", lang)
            detail = t(
                "flag.disagree.detail",
                lang,
                indicator=indicator_text(f["indicator"], lang),
                year=f["year"],
                office_a=f["office_a"],
                office_b=f["office_b"],
                a=fmt_pct(f["a"], lang, 1),
                b=fmt_pct(f["b"], lang, 1),
                num_a=fmt_int(f["num_a"], lang),
                den_a=fmt_int(f["den_a"], lang),
                num_b=fmt_int(f["num_b"], lang),
                den_b=fmt_int(f["den_b"], lang),
                rel=fmt_pct(100 * f["rel"], lang, 0),
            )
        elif kind == "unmatched":
            title = t("flag.unmatched", lang) + f" ({fmt_int(len(f['codes']), lang)})"
            desa = ", ".join(f["codes"][:30]) + (" …" if len(f["codes"]) > 30 else "")
            detail = t("flag.unmatched.detail", lang, dataset=f["dataset"])
        else:
            title = t("flag.missing", lang) + f" ({fmt_int(len(f['codes']), lang)})"
            desa = _names(ds, f["codes"])
            detail = t("flag.missing.detail", lang, dataset=indicator_text(f["indicator"], lang), year=f["year"])
        rows.append({"flag": kind, "title": title, "desa": desa, "detail": detail, "demo": f.get("dataset") in ds.demo})
    return rows


def _share(n, total, lang: str) -> str:
    if not total:
        return "–"
    return t("mq.of", lang, n=fmt_int(n, lang), total=fmt_int(total, lang)) + f" ({fmt_pct(100 * n / total, lang, 1)})"


def measurement_rows(ds, lang: str) -> dict | None:
    """/kualitas: the by-name measurements' quality per puskesmas and village (aggregates only)."""
    from geo.io import measurements

    names = dict(zip(ds.desa_index.index, ds.desa_index["nama_desa"].astype(str)))
    q = measurements.quality_tables(ds.prevalensi, names)
    if q is None:
        return None

    def fmt(r):
        judged = r["measured"] + r["implausible"]
        return {
            "name": str(r.get("name", "")),
            "puskesmas": str(r.get("puskesmas", "")),
            "rows": fmt_int(r["rows_placed"], lang),
            "measured": fmt_int(r["measured"], lang),
            "excluded": f"{fmt_int(r['out_of_age_placed'], lang)} / {fmt_int(r['impossible_placed'], lang)}",
            "implausible": _share(r["implausible"], judged, lang),
            "implausible_flag": bool(judged and 100 * r["implausible"] / judged > measurements.IMPLAUSIBLE_SHARE_FLAG),
            "sd": fmt_num(r["sd"], lang, 2),
            "sd_flag": r["sd_ok"] is False,
            "digits": "–" if r["digit_pct"] is None else fmt_pct(r["digit_pct"], lang, 1),
            "digits_flag": (r["digit_pct"] or 0) > measurements.DIGIT_FLAG,
            "status": _share(r["status_differ"], r["status_n"], lang),
        }

    return {
        "year": q["year"],
        "lo": fmt_num(measurements.SD_RANGE[0], lang, 2),
        "hi": fmt_num(measurements.SD_RANGE[1], lang, 2),
        "puskesmas": [fmt(r) for r in q["puskesmas"]] + [dict(fmt(q["total"]), name=t("mq.total", lang))],
        "villages": [fmt(r) for r in q["villages"]],
    }


def page_context(ds, lang: str) -> dict:
    return {
        "region": ds.region_name,
        "demo": bool(ds.demo),
        "summary": summary_rows(ds, lang),
        "flags": flag_rows(ds, lang),
        "measurements": measurement_rows(ds, lang),
    }


def layout(lang: str = "id", **_query):
    lang = norm_lang(lang)
    return quality_page.build(page_context(dataset.current(), lang), lang)


def register(app) -> None:
    # This page: its address, its place in the navigation (layouts/shell.py reads the registry)
    dash.register_page(
        __name__,
        path="/kualitas",
        name="Kualitas data",
        order=6,
        nav="nav.quality",
        title=page_title("nav.quality"),
        layout=layout,
    )
