"""The trend page (/tren): published series by source type, change by kecamatan and by village."""

from __future__ import annotations

from dash import dcc, html

from geo.core.i18n import t
from layouts import ids
from layouts.shell import demo_tag, page

GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}


def build(ctx: dict, lang: str) -> html.Div:
    """``ctx``: region, demo, headline, figures (published, kec, desa), sources, years, note."""
    sources = html.Ul(
        [
            html.Li(
                [
                    f"{s['name']} ({s['kind_label']}): ",
                    html.A(s["url"], href=s["url"], rel="noopener noreferrer", target="_blank")
                    if s["url"]
                    else html.Span(s["note"], lang="id"),
                ]
            )
            for s in ctx["sources"]
        ],
        className="source-list",
    )
    change_cards = []
    if ctx["kec_figure"] is not None:
        change_cards = [
            html.Section(
                className="card",
                children=[
                    html.H2(
                        [
                            t("trend.kec_title", lang, ya=ctx["year_from"], yb=ctx["year_to"]),
                            " ",
                            demo_tag(lang) if ctx["demo"] else None,
                        ]
                    ),
                    dcc.Graph(id=ids.TREND_KEC, figure=ctx["kec_figure"], config=GRAPH_CONFIG),
                    html.P(ctx.get("source_note", ""), className="source-note"),
                ],
            ),
            html.Section(
                className="card",
                children=[
                    html.H2(
                        [
                            t("trend.desa_title", lang, ya=ctx["year_from"], yb=ctx["year_to"]),
                            " ",
                            demo_tag(lang) if ctx["demo"] else None,
                        ]
                    ),
                    html.P(ctx["desa_note"], className="lead"),
                    html.Div(
                        dcc.Graph(id=ids.TREND_DESA, figure=ctx["desa_figure"], config=GRAPH_CONFIG),
                        className="scroll-box",
                    ),
                    html.P(ctx.get("source_note", ""), className="source-note"),
                ],
            ),
        ]
    else:
        change_cards = [html.P(t("trend.no_change_data", lang))]
    body = html.Div(
        className="trend-layout",
        children=[
            html.H1(t("trend.title", lang)),
            html.P(ctx["headline"], className="headline") if ctx["headline"] else None,
            html.Section(
                className="card",
                children=[
                    html.H2(t("trend.published", lang)),
                    html.P(t("trend.published_note", lang), className="note"),
                    dcc.Graph(id=ids.TREND_PUBLISHED, figure=ctx["published_figure"], config=GRAPH_CONFIG),
                    html.H3(t("trend.sources", lang)),
                    sources,
                ],
            ),
            html.Div(change_cards, className="change-grid"),
        ],
    )
    return page("/tren", lang, ctx["region"], ctx["demo"], body, extra_class="page-trend")
