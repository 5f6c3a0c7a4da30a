"""The rembuk deck (/rembuk): six full-screen slides stepped through with the keyboard (assets/rembuk.js)."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_leaflet as dl
import plotly.graph_objects as go
from dash import dcc, html

from geo.core.i18n import t
from layouts import components, ids, rembuk_loop
from layouts.map_page import js
from layouts.shell import demo_tag, page

GRAPH_CONFIG = {"displayModeBar": False, "responsive": True, "staticPlot": False}


INSET_H_PX = 175  # .slide-inset height in assets/rembuk.css


def _with_fit(layer, fit: dict):
    """The village layer fits its map once drawn (assets/map.js fitToHideout): fitting at
    mount time can see the slide before its final size."""
    if (
        isinstance(layer, dl.GeoJSON)
        and getattr(layer, "url", None)
        and isinstance(getattr(layer, "hideout", None), dict)
    ):
        layer.hideout = dict(layer.hideout, fit=fit)
        layer.onEachFeature = js("fitToHideout")
    return layer


def _map(map_id: str, ctx: dict, layers: list, inset_layer: tuple | None = None) -> list:
    """A slide's map fitted to the main villages, plus small insets of far-off ones (as on the
    map page). ``inset_layer``: (hideout, style function name) of the village layer to repeat."""
    insets = ctx.get("insets", []) if inset_layer else []
    # The insets sit along the bottom: keep that strip free of the main villages.
    fit = {
        "bounds": ctx["focus_bounds"] if insets else ctx["bounds"],
        "options": {
            "paddingTopLeft": [12, 12],
            "paddingBottomRight": [12, 12 + (INSET_H_PX + 8 if insets else 0)],
            "animate": False,
        },
    }
    out = [
        dl.Map(
            id=map_id,
            center=ctx["center"],
            zoom=9,
            className="leaflet-map slide-map",
            viewport=fit,
            zoomSnap=0.25,
            keyboard=False,
            scrollWheelZoom=False,
            style={"height": "100%", "width": "100%"},
            children=[
                *[_with_fit(layer, fit) for layer in layers],
                dl.GeoJSON(url=ctx["kec_url"], style=js("styleKecamatan")),
                dl.ScaleControl(position="bottomleft", imperial=False),
            ],
        )
    ]
    for i, inset in enumerate(insets):
        hideout, style = inset_layer
        out.append(
            components.inset_box(
                "slide-inset",
                30 + i * 190,
                inset["title"],
                f"{map_id}-inset-{i}",
                inset["center"],
                dl.GeoJSON(
                    url=inset["url"],
                    style=js(style),
                    onEachFeature=js("fitToHideout"),
                    hideout=dict(
                        hideout,
                        cls="desa-inset",
                        fit={"bounds": inset["bounds"], "options": {"padding": [6, 6], "animate": False}},
                    ),
                ),
                map_class="leaflet-map slide-map",
            )
        )
    return out


def _slide(i, s: dict, body, lang: str, active: bool, png: int | None = None) -> html.Section:
    return html.Section(
        className="slide" + (" active" if active else ""),
        id=f"slide-{i}",
        **{"data-kind": s["kind"], "aria-hidden": "false" if active else "true"},
        **({"data-png": str(png)} if png else {}),
        **({"data-proposed": str(len(s["codes"]))} if "codes" in s else {}),
        children=[
            html.Div(
                className="slide-head",
                children=[
                    html.H2(s["title"], className="slide-title"),
                    demo_tag(lang) if s.get("demo") else None,
                ],
            ),
            html.P(s["headline"], className="slide-headline"),
            html.Div(body, className=f"slide-body slide-body-{s['kind']}"),
        ],
    )


def trend_body(ctx, s, lang):
    graph = dcc.Graph(
        id=ids.REMBUK_TREND,
        figure=ctx["trend_figure"],
        config=GRAPH_CONFIG,
        className="slide-graph",
        style={"height": "100%", "width": "100%"},
        responsive=True,
    )
    if not s.get("lines"):
        return graph
    # the figures' sentences beside the chart, not above it: at 1024x768 the chart keeps the slide's height
    graph.style = {"flex": "1 1 auto", "minWidth": "0", "height": "100%"}
    # beside the sentences the chart is narrow: its legend in small type above the plot, off the lines
    fig = go.Figure(ctx["trend_figure"])
    fig.update_layout(
        legend={"orientation": "h", "yref": "container", "y": 1.0, "yanchor": "top", "x": 0, "font": {"size": 15}},
        margin={"t": 130},
    )
    graph.figure = fig
    return html.Div(
        [html.Ul([html.Li(x) for x in s["lines"]], className="slide-lines slide-lines-side"), graph],
        className="slide-trend",
        style={"display": "flex", "flexDirection": "row", "gap": "1.5vw", "height": "100%"},
    )


def prevalence_body(ctx, s, lang):
    return [
        html.Div(
            _map(
                ids.REMBUK_MAP_PREV,
                ctx,
                [dl.GeoJSON(url=ctx["desa_url"], hideout=ctx["prev_hideout"], style=js("styleDesa"))],
                (ctx["prev_hideout"], "styleDesa"),
            ),
            className="slide-map-box",
        ),
        html.Div(components.legend(ctx["prev_legend"], lang), className="slide-legend"),
    ]


def change_body(ctx, s, lang):
    worst = html.Ol(
        [
            html.Li([html.Span(r["name"], className="worst-name"), " ", html.Span(r["pp"], className="worst-pp")])
            for r in ctx["worst"]
        ],
        className="worst-list",
    )
    return [
        html.Div(
            _map(
                ids.REMBUK_MAP_CHANGE,
                ctx,
                [dl.GeoJSON(url=ctx["desa_url"], hideout=ctx["change_hideout"], style=js("styleChange"))],
                (ctx["change_hideout"], "styleChange"),
            ),
            className="slide-map-box",
        ),
        html.Div(
            [
                components.legend(ctx["change_legend"], lang),
                html.H3(t("rembuk.change.worst", lang), className="slide-sub"),
                worst,
            ],
            className="slide-legend",
        ),
    ]


def lokus_body(ctx, s, lang):
    side_ctx = ctx["lokus_side"]
    side = [html.Div(t("rembuk.lokus.map_note", lang), className="slide-note")]
    if side_ctx["changes"]:
        side += [
            html.H3(t("rembuk.lokus.changes", lang), className="slide-sub"),
            html.Ul(
                [
                    html.Li(
                        [html.Strong(f"{c['sign']} {c['name']}: "), html.Span(c["reason"], lang="")],
                        title=f"{c['rank']}: {c['reason']}",
                    )
                    for c in side_ctx["changes"]
                ]
                + ([html.Li(side_ctx["changes_more"])] if side_ctx["changes_more"] else []),
                className="slide-changes",
            ),
        ]
    if side_ctx.get("n_p_unsure"):
        side += [
            html.H3(side_ctx["p_unsure_title"], className="slide-sub"),
            html.P(side_ctx["p_unsure"], className="slide-names p-unsure"),
        ]
    if side_ctx["n_no_works"]:
        side += [
            html.H3(side_ctx["no_works_title"], className="slide-sub"),
            html.P(side_ctx["no_works"], className="slide-names"),
        ]
    return [
        html.Div(
            _map(
                ids.REMBUK_MAP_LOKUS,
                ctx,
                [
                    dl.GeoJSON(url=ctx["desa_url"], hideout=ctx["lokus_hideout"], style=js("styleDeckLokus")),
                    dl.GeoJSON(id=ids.REMBUK_SARANA, data=ctx["sarana_data"], pointToLayer=js("saranaToLayer")),
                ],
                (ctx["lokus_hideout"], "styleDeckLokus"),
            ),
            className="slide-map-box",
        ),
        html.Div(side, className="slide-legend"),
    ]


def gaps_body(ctx, s, lang):
    rows = [
        html.Tr(
            [
                html.Td(r["label"]),
                html.Td(
                    html.Div(
                        className="bar",
                        children=[
                            html.Span(
                                className="bar-fill",
                                style={"width": f"{min(r['pct'], 100):.1f}%", "backgroundColor": r["color"]},
                            ),
                            html.Span(className="bar-line", style={"left": f"{ctx['gap_line']:.1f}%"}),
                        ],
                    )
                ),
                html.Td(r["pct_text"], className="num"),
                html.Td(r["below_text"], className="num"),
            ]
        )
        for r in ctx["gaps"]
    ]
    table = html.Table(
        className="slide-table gaps-table",
        children=[
            html.Thead(
                html.Tr(
                    [
                        html.Th(t("rembuk.gaps.col_ind", lang)),
                        html.Th(""),
                        html.Th(t("rembuk.gaps.col_pct", lang) + f" {ctx['gaps_year'] or ''}", className="num"),
                        html.Th(t("rembuk.gaps.col_below", lang, line=ctx["gap_line_text"]), className="num"),
                    ]
                )
            ),
            html.Tbody(rows),
        ],
    )
    return [table, html.P(ctx["gaps_more"], className="slide-note")] if ctx.get("gaps_more") else table


def quality_body(ctx, s, lang):
    head, body = ctx["quality"]
    return html.Table(
        className="slide-table quality-table",
        children=[
            html.Thead(html.Tr([html.Th(h) for h in head])),
            html.Tbody(
                [
                    html.Tr(
                        [html.Td(c, className="src" if j == len(r) - 1 else None) for j, c in enumerate(r)],
                        className="is-demo" if ctx["quality_demo"][i] else None,
                    )
                    for i, r in enumerate(body)
                ]
            ),
        ],
    )


BODIES = {
    "trend": trend_body,
    "prevalence": prevalence_body,
    "change": change_body,
    "lokus": lokus_body,
    "gaps": gaps_body,
    "quality": quality_body,
}


def build(ctx: dict, lang: str) -> html.Div:
    slides = ctx["slides"]
    n = len(slides)
    # issue 16 (layouts/rembuk_loop.py): last meeting's commitments open the deck, the plans in the
    # proposed lokus villages are the seventh slide; the six slides keep their ids and PNG numbers
    opening, closing = ctx.get("opening"), ctx.get("closing")
    sections = [
        _slide(i, s, BODIES[s["kind"]](ctx, s, lang), lang, i == 1 and not opening, png=i)
        for i, s in enumerate(slides, 1)
    ]
    if closing:
        sections.append(_slide(len(slides) + 1, closing, rembuk_loop.plans_body(ctx, closing, lang), lang, False))
    if opening:
        sections.insert(0, _slide("komitmen", opening, rembuk_loop.commitments_body(ctx, opening, lang), lang, True))
    n = len(sections)
    bar = html.Div(
        className="deck-bar",
        children=[
            html.Button(
                "←",
                id=ids.REMBUK_PREV,
                className="deck-btn",
                title=t("rembuk.prev", lang),
                **{"aria-label": t("rembuk.prev", lang), "data-deck": "prev"},
            ),
            html.Span(
                t("rembuk.counter", lang, i=1, n=n),
                id=ids.REMBUK_COUNTER,
                className="deck-counter",
                **{"aria-live": "polite"},
            ),
            html.Button(
                "→",
                id=ids.REMBUK_NEXT,
                className="deck-btn",
                title=t("rembuk.next", lang),
                **{"aria-label": t("rembuk.next", lang), "data-deck": "next"},
            ),
            html.Button(
                t("rembuk.fullscreen", lang),
                id=ids.REMBUK_FULLSCREEN,
                className="deck-btn deck-fs",
                **{"data-deck": "fullscreen"},
            ),
            html.Span(t("rembuk.keys", lang), className="deck-keys"),
            html.A(
                t("rembuk.png", lang),
                id=ids.REMBUK_PNG,
                href=f"/unduh/slide-1.png?lang={lang}",
                className="deck-link",
                target="_blank",
                hidden=bool(ctx.get("opening")),
                **{"data-href": f"/unduh/slide-{{i}}.png?lang={lang}"},
            ),
            html.A(
                t("rembuk.pdf", lang),
                id=ids.REMBUK_PDF,
                className="deck-link",
                target="_blank",
                href="/unduh/paket-rembuk.pdf?" + urlencode({"lang": lang} | ctx.get("pdf_query", {})),
            ),
            html.Button(t("ba.open", lang), id="ba-open", className="deck-btn deck-ba", **{"data-deck": "minutes"})
            if ctx.get("form")
            else None,
        ],
    )
    deck = html.Div(
        id=ids.REMBUK_DECK,
        className="deck",
        tabIndex="0",
        role="region",
        **{
            "aria-label": t("rembuk.aria", lang),
            "data-n": str(n),
            "data-current": "1",
            "aria-roledescription": "carousel",
        },
        children=[html.Div(sections, className="slides"), bar],
    )
    if ctx.get("form"):
        deck = html.Div([deck, rembuk_loop.minutes_form(ctx, lang)], className="deck-wrap")
    return page("/rembuk", lang, ctx["region"], ctx["demo"], deck, extra_class="page-rembuk")
