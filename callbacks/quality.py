"""Quality page (/kualitas): readable by everyone, computed from the dataset in use."""
from __future__ import annotations

from geo import dataset, quality
from geo.i18n import fmt_int, fmt_num, fmt_pct, norm_lang, t
from geo.indicators import INDICATORS
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
        period = "–" if r["first_year"] is None else (
            str(r["first_year"]) if r["first_year"] == r["last_year"] else f"{r['first_year']}–{r['last_year']}")
        out.append({"dataset": t(f"kind.{r['dataset']}", lang), "demo": r["demo"],
                    "source": t("common.demo_tag", lang) if r["demo"] else (", ".join(r["offices"]) or
                                                                            t("flag.unknown_office", lang)),
                    "period": period, "import": imp,
                    "complete": t("quality.complete", lang, n=fmt_int(r["villages"], lang),
                                  total=fmt_int(r["total"], lang), pct=fmt_pct(r["complete_pct"], lang, 0)),
                    "complete_pct": r["complete_pct"]})
    return out


def flag_rows(ds, lang: str) -> list[dict]:
    names = ds.desa_index["nama_desa"]
    rows = []
    for f in quality.flags(ds):
        kind = f["flag"]
        desa = str(names.get(f.get("kode_desa"), f.get("kode_desa", ""))) if "kode_desa" in f else ""
        if kind == "coverage_over_100":
            detail = t("flag.coverage_over_100.detail", lang, indicator=t(INDICATORS[f["indicator"]].short_key, lang),
                       year=f["year"], num=fmt_int(f["num"], lang), den=fmt_int(f["den"], lang),
                       pct=fmt_pct(f["pct"], lang, 1))
            title = t("flag.coverage_over_100", lang)
        elif kind == "prevalence_jump":
            title = t("flag.prevalence_jump", lang, limit=fmt_num(quality.JUMP_POINTS, lang, 0))
            detail = t("flag.prevalence_jump.detail", lang, ya=f["ya"], yb=f["yb"], a=fmt_pct(f["a"], lang, 1),
                       b=fmt_pct(f["b"], lang, 1))
        elif kind == "disagree":
            title = t("flag.disagree", lang)
            detail = t("flag.disagree.detail", lang, quantity=t(f["quantity"], lang), year=f["year"],
                       office_a=f["office_a"], office_b=f["office_b"], a=fmt_int(f["a"], lang),
                       b=fmt_int(f["b"], lang), diff=fmt_int(f["diff"], lang))
        else:
            title = t("flag.missing", lang) + f" ({fmt_int(len(f['codes']), lang)})"
            desa = _names(ds, f["codes"])
            detail = t("flag.missing.detail", lang, dataset=t(INDICATORS[f["indicator"]].short_key, lang),
                       year=f["year"])
        rows.append({"flag": kind, "title": title, "desa": desa, "detail": detail,
                     "demo": f.get("dataset") in ds.demo})
    return rows


def page_context(ds, lang: str) -> dict:
    return {"region": ds.region_name, "demo": bool(ds.demo), "summary": summary_rows(ds, lang),
            "flags": flag_rows(ds, lang)}


def layout(lang: str = "id", **_query):
    lang = norm_lang(lang)
    return quality_page.build(page_context(dataset.current(), lang), lang)
