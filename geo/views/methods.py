"""What the methods page (/metode) says, computed from the catalogues and the analysis'
constants (never typed twice)."""

from __future__ import annotations

from geo.analysis import classify, lokus
from geo.analysis.indicators import wilson_interval
from geo.analysis.uncertainty import DRAWS, SEED, SOLID_P
from geo.core import schema
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, t
from geo.core.schema import Z95, sarana_label
from geo.views import rembuk as grembuk
from geo.views.mapview import class_label


def indicator_rows(lang: str, catalogue: schema.Catalogue | None = None) -> list[dict]:
    """The catalogue (data/indikator.csv and the imported ``indikator`` rows: a Dataset's
    ``catalogue``) as the methods page shows it, with each indicator's national target and the
    traffic-light rule the lokus workbench applies to it."""
    catalogue = catalogue if catalogue is not None else schema.catalogue()
    return [
        {
            "code": i.code,
            "name": t(i.label_key, lang),
            "num": t(i.num_key, lang),
            "den": t(i.den_key, lang),
            "group": t(f"group.{i.group}", lang),
            "opd": i.opd,
            "target": fmt_pct(i.target, lang, 0) if i.target is not None else "–",
            "source": i.target_source or "–",
            "rule": light_rule(i, lang, catalogue),
        }
        for i in catalogue.values()
    ]


def light_rule(ind, lang: str, catalogue: schema.Catalogue | None = None) -> str:
    """Which traffic-light rule the lokus workbench applies to a coverage indicator."""
    if ind.kind != "coverage":
        return "–"
    red, yellow = lokus.gap_thresholds(ind.code, catalogue)
    key = "methods.rule_target" if ind.target is not None else "methods.rule_uniform"
    return t(key, lang, red=fmt_pct(100 - red, lang, 0), yellow=fmt_pct(100 - yellow, lang, 0))


def scale_rows(scale: classify.Scale, lang: str) -> list[dict]:
    label = grembuk.change_class_label if scale is classify.CHANGE else (lambda i, lg: class_label(scale, i, lg))
    return [{"color": c, "label": label(i, lang)} for i, c in enumerate(scale.colors)]


def ci_text(lang: str, k: int = 7, n: int = 25) -> str:
    lo, hi = wilson_interval(k, n)
    return t(
        "methods.ci_text",
        lang,
        z=fmt_num(Z95, lang, 2),
        k=fmt_int(k, lang),
        n=fmt_int(n, lang),
        p=fmt_pct(100 * k / n, lang, 1),
        lo=fmt_pct(lo, lang, 1),
        hi=fmt_pct(hi, lang, 1),
    )


def lokus_method(lang: str = "id") -> dict:
    """The lokus method: a short text and its defaults as (label, value) pairs, every number
    taken from geo.analysis.lokus's constants (nothing typed into the texts)."""

    def num(v) -> str:
        v = float(v)
        digits = next((d for d in (0, 1) if round(v, d) == round(v, 6)), 2)
        return fmt_num(v, lang, digits)

    p_red, p_yellow = lokus.DEFAULT_PREV_THRESHOLDS
    g_red, g_yellow = lokus.DEFAULT_GAP_THRESHOLDS
    q_red, q_yellow = lokus.COUNT_QUANTILES
    pct = fmt_pct(lokus.STABILITY_DELTA * 100, lang, 0)
    tie = {
        lokus.PREV: t("lokus.md.tie.prev", lang),
        lokus.COUNT: t("lokus.md.tie.count", lang),
        "kode_desa": t("lokus.md.tie.code", lang),
    }
    params = [
        (t("lokus.md.p.criteria", lang), t("lokus.md.v.criteria", lang)),
        (
            t("lokus.md.p.weights", lang),
            t(
                "lokus.md.v.weights",
                lang,
                prev=num(lokus.DEFAULT_WEIGHT["prevalence"]),
                count=num(lokus.DEFAULT_WEIGHT["count"]),
                gap=num(lokus.DEFAULT_WEIGHT["gap"]),
            ),
        ),
        (
            t("lokus.md.p.th_prev", lang),
            t("lokus.md.v.th_prev", lang, red=fmt_pct(p_red, lang, 0), yellow=fmt_pct(p_yellow, lang, 0)),
        ),
        (
            t("lokus.md.p.th_gap", lang),
            t(
                "lokus.md.v.th_gap",
                lang,
                red=num(g_red),
                yellow=num(g_yellow),
                cov_red=fmt_pct(100 - g_red, lang, 0),
                cov_yellow=fmt_pct(100 - g_yellow, lang, 0),
                margin=num(lokus.TARGET_RED_MARGIN),
            ),
        ),
        (
            t("lokus.md.p.th_count", lang),
            t("lokus.md.v.th_count", lang, red=fmt_pct(q_red * 100, lang, 0), yellow=fmt_pct(q_yellow * 100, lang, 0)),
        ),
        (t("lokus.md.p.boundary", lang), t("lokus.md.v.boundary", lang)),
        (t("lokus.md.p.norm", lang), t("lokus.md.v.norm", lang, max=num(lokus.SCORE_MAX))),
        (t("lokus.md.p.ties", lang), ", ".join(tie[c] for c in lokus.TIE_BREAK)),
        (t("lokus.md.p.missing", lang), t("lokus.md.v.missing", lang)),
        (t("lokus.md.p.n", lang), t("lokus.md.v.n", lang, share=fmt_pct(lokus.DEFAULT_N_SHARE * 100, lang, 0))),
        (
            t("lokus.md.p.stability", lang),
            t(
                "lokus.md.v.stability",
                lang,
                pct=pct,
                up=num(1 + lokus.STABILITY_DELTA),
                down=num(1 - lokus.STABILITY_DELTA),
            ),
        ),
        (t("lokus.md.p.works", lang), ", ".join(sarana_label("status", s, lang).lower() for s in lokus.BUILT_STATUS)),
        (
            t("lokus.p.title", lang),
            t("lokus.p.method", lang, draws=fmt_int(DRAWS, lang), seed=SEED, solid=num(SOLID_P)),
        ),
        (t("lokus.prev.choice", lang), t("lokus.prev.smoothed", lang)),
    ]
    return {
        "text": t("lokus.md.text", lang, max=num(lokus.SCORE_MAX), n_params=fmt_int(len(params), lang)),
        "params": params,
    }


def sources(ds, lang: str) -> list[dict]:
    out = [
        {"name": t("rembuk.q.batas", lang), "text": t("methods.licence_batas", lang, src=ds.sources.get("batas", ""))}
    ]
    for name in ("prevalensi", "cakupan", "lokus", "sarana"):
        text = t("common.demo_tag", lang) if name in ds.demo else str(ds.sources.get(name, ""))
        out.append({"name": t(f"rembuk.q.{name}", lang), "text": text})
    return out


def published_rows(ds, lang: str) -> list[dict]:
    rows = []
    for r in ds.published.sort_values(["kode_kab", "jenis_sumber", "tahun"]).itertuples():
        kind = t(f"trend.src.{r.jenis_sumber}", lang) if f"trend.src.{r.jenis_sumber}" in _keys() else r.jenis_sumber
        url = r.rujukan if isinstance(r.rujukan, str) and r.rujukan.startswith("https://") else ""
        rows.append(
            {
                "source": f"{r.sumber} ({r.kode_kab}, {r.tahun})",
                "kind": kind,
                "value": fmt_pct(r.nilai_persen, lang),
                "url": url,
            }
        )
    return rows


def _keys():
    from geo.core.messages import MESSAGES

    return MESSAGES


def measurement_method(lang: str) -> dict:
    """/metode: how e-PPGBM by-name reports become village figures (package, checks, rules, privacy)."""
    from geo.core import zscore
    from geo.io import measurements

    return {
        "intro": t("mm.intro", lang),
        "zscore": t("mm.zscore", lang),
        "package": t("mm.package", lang, version=zscore.package_version(), n=fmt_int(112, lang)),
        "rules": [t(k, lang) for k in ("mm.rule_age", "mm.rule_latest", "mm.rule_flag", "mm.rule_counts")],
        "quality": t(
            "mm.quality",
            lang,
            flag=fmt_num(measurements.IMPLAUSIBLE_SHARE_FLAG, lang, 0),
            lo=fmt_num(measurements.SD_RANGE[0], lang, 2),
            hi=fmt_num(measurements.SD_RANGE[1], lang, 2),
        ),
        "privacy": t("mm.privacy", lang),
    }


def uncertainty_sections(ds, lang: str) -> list[dict]:
    """The methods behind the uncertainty shown everywhere: ``[{"title", "paras": [..], "cite"}]``,
    every number from the modules' constants or the current data."""
    from geo.analysis import lokus, spatial, uncertainty
    from geo.core.version import code_version

    fits = []
    prev = ds.prevalence
    for year in sorted({int(y) for y in prev["tahun"]}):
        g = prev[prev["tahun"] == year]
        a, b = uncertainty.beta_prior(g["balita_stunting"], g["balita_diukur"])
        if a == a:
            fits.append(
                t(
                    "mu.eb.fit",
                    lang,
                    year=year,
                    a=fmt_num(a, lang, 2),
                    b=fmt_num(b, lang, 2),
                    m=fmt_pct(100 * a / (a + b), lang, 1),
                    s=fmt_num(a + b, lang, 1),
                )
            )
    return [
        {
            "title": t("mu.def.title", lang),
            "paras": [t("mu.def.text", lang, sd=fmt_num(-2, lang, 0))],
            "cite": t("mu.def.cite", lang),
        },
        {"title": t("methods.ci", lang), "paras": [], "cite": t("mu.wilson.cite", lang)},
        {"title": t("mu.eb.title", lang), "paras": [t("mu.eb.text", lang)] + fits, "cite": t("mu.eb.cite", lang)},
        {
            "title": t("mu.top.title", lang),
            "paras": [
                t(
                    "mu.top.text",
                    lang,
                    draws=fmt_int(uncertainty.DRAWS, lang),
                    seed=uncertainty.SEED,
                    solid=fmt_num(uncertainty.SOLID_P, lang, 1),
                    pct=fmt_pct(lokus.STABILITY_DELTA * 100, lang, 0),
                )
            ],
            "cite": "",
        },
        {
            "title": t("mu.change.title", lang),
            "paras": [
                t("mu.change.text", lang, level=fmt_pct(grembuk.CONFIDENCE * 100, lang, 0), z=fmt_num(Z95, lang, 2))
            ],
            "cite": t("mu.change.cite", lang),
        },
        {
            "title": t("mu.lisa.title", lang),
            "paras": [
                t(
                    "mu.lisa.text",
                    lang,
                    perm=fmt_int(spatial.PERMUTATIONS, lang),
                    k=fmt_int(spatial.K_DEFAULT, lang),
                    ks=", ".join(fmt_int(k, lang) for k in spatial.K_CHOICES),
                    alpha=fmt_num(spatial.ALPHA, lang, 2),
                )
            ],
            "cite": t("mu.lisa.cite", lang),
        },
        {"title": t("mu.registry.title", lang), "paras": [t("mu.registry.text", lang)], "cite": ""},
        {"title": t("methods.demo", lang), "paras": [t("mu.demo_corr", lang)], "cite": ""},
        {"title": t("export.downloads", lang), "paras": [t("mu.version", lang, version=code_version())], "cite": ""},
    ]
