"""Methods page context (everything computed from geo catalogues and the current dataset)."""

from __future__ import annotations

import dash

from callbacks.lang import page_title
from geo.analysis import classify, convergence, dataset
from geo.core.i18n import fmt_pct, norm_lang, t
from geo.views import methods
from geo.views import rembuk as grembuk
from layouts import methods_page


def page_context(ds, lang: str) -> dict:
    demo = sorted(ds.demo)
    return {
        "region": ds.region_name,
        "demo": bool(ds.demo),
        "indicators": methods.indicator_rows(lang, ds.catalogue),
        "who": methods.scale_rows(classify.WHO_PREVALENCE, lang),
        "coverage": methods.scale_rows(classify.COVERAGE, lang),
        "change": methods.scale_rows(classify.CHANGE, lang),
        "ci": methods.ci_text(lang),
        "uncertainty": methods.uncertainty_sections(ds, lang),
        "lokus": methods.lokus_method(lang),
        "convergence": convergence.method_section(lang),  # issue 16
        "measurements": methods.measurement_method(lang),
        "gap_line": t("methods.gap_line", lang, line=fmt_pct(grembuk.gap_threshold(), lang, 0)),
        "sources": methods.sources(ds, lang),
        "published": methods.published_rows(ds, lang),
        "demo_now": t("methods.demo_now", lang, tables=", ".join(t(f"rembuk.q.{x}", lang) for x in demo))
        if demo
        else t("methods.demo_none", lang),
    }


def layout(lang: str = "id", **_query):
    lang = norm_lang(lang)
    return methods_page.build(page_context(dataset.current(), lang), lang)


def register(app) -> None:
    # This page: its address, its place in the navigation (layouts/shell.py reads the registry)
    dash.register_page(
        __name__,
        path="/metode",
        name="Metode",
        order=8,
        nav="nav.methods",
        title=page_title("nav.methods"),
        layout=layout,
    )
