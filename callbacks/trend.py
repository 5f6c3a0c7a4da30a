"""Trend page context (figures are built once per request from the cached dataset)."""

from __future__ import annotations

import dash

from callbacks.lang import page_title
from geo.analysis import dataset
from geo.analysis import trend as gtrend
from geo.analysis.uncertainty import change_counts, change_test_table
from geo.core.i18n import fmt_pct, norm_lang, t
from geo.core.messages import MESSAGES
from geo.views.rembuk import CONFIDENCE, clear_change_headline, trend_lines
from layouts import figures, trend_page


def headline(ds, lang: str) -> str:
    """The latest period of each source type, a target only against its own type, and the
    regency figure from village data with how many villages have it (geo.views.rembuk.trend_lines)."""
    return " ".join(trend_lines(ds, lang)[0])


def page_context(ds, lang: str) -> dict:
    kode_kab = gtrend.regency_code(ds.boundaries)
    years = gtrend.change_years(ds.prevalence)
    demo = "prevalensi" in ds.demo
    out = {
        "region": ds.region_name,
        "demo": bool(ds.demo),
        "headline": headline(ds, lang),
        "published_figure": figures.published_trend(ds.published, kode_kab or "", lang),
        "sources": [
            dict(s, kind_label=t(f"trend.src.{s['kind']}", lang) if f"trend.src.{s['kind']}" in MESSAGES else s["kind"])
            for s in gtrend.published_sources(ds.published, kode_kab)
        ],
        "kec_figure": None,
        "desa_figure": None,
        "year_from": None,
        "year_to": None,
        "desa_note": "",
        "source_note": "",
    }
    if years:
        ya, yb = years
        kec = gtrend.change_by_kec(ds, ya, yb)
        desa = gtrend.change_by_desa(ds, ya, yb)
        out.update(
            {
                "year_from": ya,
                "year_to": yb,
                "kec_figure": figures.dumbbell(kec, "nama_kec", ya, yb, lang, demo, row_height=40),
                "desa_figure": figures.dumbbell(desa, "label", ya, yb, lang, demo),
                "source_note": t(
                    "source.footnote",
                    lang,
                    source=t("common.demo_tag", lang) if demo else ds.source_of("prevalensi"),
                    period=f"{ya}–{yb}",
                ),
                "desa_note": clear_change_headline(change_counts(change_test_table(ds.prevalence, ya, yb)), lang)
                + " "
                + t("change.clear_note", lang, level=fmt_pct(CONFIDENCE * 100, lang, 0)),
            }
        )
    return out


def layout(lang: str = "id", **_query):
    lang = norm_lang(lang)
    return trend_page.build(page_context(dataset.current(), lang), lang)


def register(app) -> None:
    # This page: its address, its place in the navigation (layouts/shell.py reads the registry)
    dash.register_page(
        __name__, path="/tren", name="Tren", order=1, nav="nav.trend", title=page_title("nav.trend"), layout=layout
    )
