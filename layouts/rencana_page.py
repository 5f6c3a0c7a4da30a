"""The plans page (/rencana, Aksi 2): the year's plans per village, office and indicator; a map of the
planned budget per village; gaps without a plan; budget per office and funding source (lokus vs other)."""

from __future__ import annotations

import dash_leaflet as dl
from dash import dcc, html

from geo.core.i18n import t
from layouts.map_page import js
from layouts.shell import demo_tag, href, page

PAGE_ID = "rencana-page"


def _table(table_id: str, heads: list[str], rows: list[list], class_name: str = "") -> html.Div:
    return html.Div(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(h) for h in heads])),
                html.Tbody([html.Tr([html.Td(c) for c in r]) for r in rows]),
            ],
            className=f"data-table big-table {class_name}".strip(),
            id=table_id,
        ),
        className="table-wrap",
    )


def year_links(ctx: dict, lang: str, path: str, link_id: str) -> html.Nav:
    links = []
    for y in ctx["years"]:
        url = href(path, lang) + ("&" if lang != "id" else "?") + f"tahun={y}"
        links.append(
            dcc.Link(
                str(y),
                href=url,
                className="year-link" + (" active" if y == ctx["year"] else ""),
                title=t("rencana.year", lang) + f" {y}",
            )
        )
    return html.Nav(
        [html.Span(t("rencana.year", lang) + ":", className="inline-label"), *links],
        className="year-links",
        id=link_id,
        **{"aria-label": t("rencana.year", lang)},
    )


def budget_map(ctx: dict, lang: str) -> html.Div:
    legend = html.Div(
        [
            html.Div(t("rencana.map_title", lang, year=ctx["year"] or "–"), className="legend-title"),
            *[
                html.Div(
                    [html.Span(className="swatch", style={"backgroundColor": i["color"]}), html.Span(i["label"])],
                    className="legend-row2",
                )
                for i in ctx["legend"]
            ],
            html.Div(t("rencana.map_lokus", lang), className="hint"),
        ],
        className="legend-box budget-legend",
    )
    return html.Div(
        className="budget-map-col",
        children=[
            html.Div(
                dl.Map(
                    id="rencana-map",
                    center=ctx["center"],
                    zoom=9,
                    className="leaflet-map budget-map",
                    viewport={"bounds": ctx["bounds"], "options": {"padding": [8, 8], "animate": False}},
                    scrollWheelZoom=False,
                    zoomSnap=0.25,
                    children=[
                        dl.GeoJSON(
                            url=ctx["desa_url"],
                            hideout=ctx["hideout"],
                            style=js("styleBudget"),
                            onEachFeature=js("tipBudget"),
                            id="rencana-desa",
                        ),
                        dl.ScaleControl(position="bottomleft", imperial=False),
                    ],
                ),
                className="budget-map-box",
            ),
            legend,
        ],
    )


def build(ctx: dict, lang: str) -> html.Div:
    body = html.Div(
        className="doc-page wide-page",
        id=PAGE_ID,
        children=[
            html.Div(
                [html.H1(t("rencana.title", lang)), demo_tag(lang) if ctx["demo"] else None], className="title-row"
            ),
            html.P(t("rencana.intro", lang), className="lead"),
            year_links(ctx, lang, "/rencana", "rencana-years"),
            html.P(ctx["headline"], className="headline", id="rencana-headline"),
            html.Div(
                className="budget-map-row",
                children=[
                    budget_map(ctx, lang),
                    html.Div(
                        [
                            html.H2(t("rencana.gaps_title", lang)),
                            html.P(ctx["gap_headline"], className="headline-sub", id="rencana-gaps-headline"),
                            _table(
                                "rencana-gaps",
                                [
                                    t(k, lang)
                                    for k in (
                                        "rencana.col_desa",
                                        "rencana.col_ind",
                                        "rencana.col_cov",
                                        "rencana.col_resp",
                                    )
                                ],
                                [
                                    [
                                        html.Span([html.Strong(g["desa"]), html.Br(), g["kec"]]),
                                        g["indikator"],
                                        g["cakupan"],
                                        g["opd"],
                                    ]
                                    for g in ctx["gaps"]
                                ],
                            ),
                        ],
                        className="gaps-col",
                    ),
                ],
            ),
            html.H2(t("rencana.office_title", lang, year=ctx["year"] or "–")),
            _table(
                "rencana-office",
                [
                    t(k, lang)
                    for k in (
                        "rencana.col_opd",
                        "rencana.col_fund",
                        "rencana.col_lokus",
                        "rencana.col_other",
                        "rencana.col_share",
                    )
                ],
                [[o["opd"], o["dana"], o["lokus"], o["lain"], o["share"]] for o in ctx["office"]],
                "num-cols",
            ),
            html.H2(t("rencana.plans_title", lang, year=ctx["year"] or "–")),
            _table(
                "rencana-plans",
                [
                    t(k, lang)
                    for k in (
                        "rencana.col_desa",
                        "rencana.col_kec",
                        "rencana.col_is_lokus",
                        "rencana.col_opd",
                        "rencana.col_act",
                        "rencana.col_ind",
                        "rencana.col_vol",
                        "rencana.col_budget",
                        "rencana.col_fund",
                    )
                ],
                [
                    [
                        r["desa"],
                        r["kec"],
                        r["lokus"],
                        r["opd"],
                        r["kegiatan"],
                        r["indikator"],
                        r["volume"],
                        r["anggaran"],
                        r["dana"],
                    ]
                    for r in ctx["rows"]
                ],
            ),
        ],
    )
    return page("/rencana", lang, ctx["region"], ctx["demo"], body, extra_class="page-rencana page-big")
