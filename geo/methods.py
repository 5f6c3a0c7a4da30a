"""What the methods page (/metode) says, computed from the catalogues (never typed twice).

Hook for the lokus workbench: if ``geo.lokus`` defines ``method_description(lang) -> dict``
with ``{"text": str, "params": [(label, value_text), ...]}``, the methods page shows it;
otherwise it shows the general description below.
"""
from __future__ import annotations

import importlib

from geo import classify
from geo import rembuk as grembuk
from geo.i18n import fmt_int, fmt_num, fmt_pct, t
from geo.indicators import INDICATORS, Z95, wilson_interval
from geo.mapview import class_label


def indicator_rows(lang: str) -> list[dict]:
    return [{"code": i.code, "name": t(i.label_key, lang), "num": t(i.num_key, lang), "den": t(i.den_key, lang),
             "group": t(f"group.{i.group}", lang), "opd": i.opd} for i in INDICATORS.values()]


def scale_rows(scale: classify.Scale, lang: str) -> list[dict]:
    label = grembuk.change_class_label if scale is classify.CHANGE else (lambda i, lg: class_label(scale, i, lg))
    return [{"color": c, "label": label(i, lang)} for i, c in enumerate(scale.colors)]


def ci_text(lang: str, k: int = 7, n: int = 25) -> str:
    lo, hi = wilson_interval(k, n)
    return t("methods.ci_text", lang, z=fmt_num(Z95, lang, 2), k=fmt_int(k, lang), n=fmt_int(n, lang),
             p=fmt_pct(100 * k / n, lang, 1), lo=fmt_pct(lo, lang, 1), hi=fmt_pct(hi, lang, 1))


def lokus_method(lang: str) -> dict:
    """The lokus score description: from geo.lokus when it provides one, else the general text."""
    try:
        mod = importlib.import_module("geo.lokus")
        fn = getattr(mod, "method_description", None)
        if callable(fn):
            out = fn(lang)
            return {"text": str(out.get("text", "")), "params": list(out.get("params", []))}
    except ImportError:
        pass
    return {"text": t("methods.lokus_default", lang), "params": []}


def sources(ds, lang: str) -> list[dict]:
    out = [{"name": t("rembuk.q.batas", lang), "text": t("methods.licence_batas", lang, src=ds.sources.get("batas", ""))}]
    for name in ("prevalensi", "cakupan", "lokus", "sarana"):
        text = t("common.demo_tag", lang) if name in ds.demo else str(ds.sources.get(name, ""))
        out.append({"name": t(f"rembuk.q.{name}", lang), "text": text})
    return out


def published_rows(ds, lang: str) -> list[dict]:
    rows = []
    for r in ds.published.sort_values(["kode_kab", "jenis_sumber", "tahun"]).itertuples():
        kind = t(f"trend.src.{r.jenis_sumber}", lang) if f"trend.src.{r.jenis_sumber}" in _keys() else r.jenis_sumber
        url = r.rujukan if isinstance(r.rujukan, str) and r.rujukan.startswith("https://") else ""
        rows.append({"source": f"{r.sumber} ({r.kode_kab}, {r.tahun})", "kind": kind,
                     "value": fmt_pct(r.nilai_persen, lang), "url": url})
    return rows


def _keys():
    from geo.messages import MESSAGES
    return MESSAGES


def measurement_method(lang: str) -> dict:
    """/metode: how e-PPGBM by-name reports become village figures (package, checks, rules, privacy)."""
    from geo import measurements, zscore

    return {"intro": t("mm.intro", lang), "zscore": t("mm.zscore", lang),
            "package": t("mm.package", lang, version=zscore.package_version(), n=fmt_int(112, lang)),
            "rules": [t(k, lang) for k in ("mm.rule_age", "mm.rule_latest", "mm.rule_flag", "mm.rule_counts")],
            "quality": t("mm.quality", lang, flag=fmt_num(measurements.IMPLAUSIBLE_SHARE_FLAG, lang, 0),
                         lo=fmt_num(measurements.SD_RANGE[0], lang, 2), hi=fmt_num(measurements.SD_RANGE[1], lang, 2)),
            "privacy": t("mm.privacy", lang)}


def uncertainty_sections(ds, lang: str) -> list[dict]:
    """The methods behind the uncertainty shown everywhere: ``[{"title", "paras": [..], "cite"}]``,
    every number from the modules' constants or the current data."""
    from geo import lokus, spatial, uncertainty
    from geo.version import code_version

    fits = []
    prev = ds.prevalence
    for year in sorted({int(y) for y in prev["tahun"]}):
        g = prev[prev["tahun"] == year]
        a, b = uncertainty.beta_prior(g["balita_stunting"], g["balita_diukur"])
        if a == a:
            fits.append(t("mu.eb.fit", lang, year=year, a=fmt_num(a, lang, 2), b=fmt_num(b, lang, 2),
                          m=fmt_pct(100 * a / (a + b), lang, 1), s=fmt_num(a + b, lang, 1)))
    return [
        {"title": t("mu.def.title", lang), "paras": [t("mu.def.text", lang, sd=fmt_num(-2, lang, 0))],
         "cite": t("mu.def.cite", lang)},
        {"title": t("methods.ci", lang), "paras": [], "cite": t("mu.wilson.cite", lang)},
        {"title": t("mu.eb.title", lang), "paras": [t("mu.eb.text", lang)] + fits, "cite": t("mu.eb.cite", lang)},
        {"title": t("mu.top.title", lang),
         "paras": [t("mu.top.text", lang, draws=fmt_int(uncertainty.DRAWS, lang), seed=uncertainty.SEED,
                     solid=fmt_num(uncertainty.SOLID_P, lang, 1), pct=fmt_pct(lokus.STABILITY_DELTA * 100, lang, 0))],
         "cite": ""},
        {"title": t("mu.change.title", lang),
         "paras": [t("mu.change.text", lang, level=fmt_pct(grembuk.CONFIDENCE * 100, lang, 0), z=fmt_num(Z95, lang, 2))],
         "cite": t("mu.change.cite", lang)},
        {"title": t("mu.lisa.title", lang),
         "paras": [t("mu.lisa.text", lang, perm=fmt_int(spatial.PERMUTATIONS, lang), k=fmt_int(spatial.K_DEFAULT, lang),
                     ks=", ".join(fmt_int(k, lang) for k in spatial.K_CHOICES), alpha=fmt_num(spatial.ALPHA, lang, 2))],
         "cite": t("mu.lisa.cite", lang)},
        {"title": t("mu.registry.title", lang), "paras": [t("mu.registry.text", lang)], "cite": ""},
        {"title": t("methods.demo", lang), "paras": [t("mu.demo_corr", lang)], "cite": ""},
        {"title": t("export.downloads", lang), "paras": [t("mu.version", lang, version=code_version())], "cite": ""},
    ]
