"""Small reusable pieces: legend, village profile, works symbols."""

from __future__ import annotations

import dash_leaflet as dl
from dash import dcc, html

from geo.core.i18n import t
from geo.core.schema import sarana_symbol as symbol_of
from layouts.shell import demo_tag

# Works symbols: one shape and one Okabe-Ito colour (colour-blind safe) per type, the
# same as assets/map.js draws on the map.


def legend(data: dict, lang: str) -> html.Div:
    rows = []
    for item in data["items"]:
        rows.append(
            html.Li(
                className="legend-row" + (" legend-nodata" if item.get("nodata") else ""),
                children=[
                    html.Span(className="swatch", style={"backgroundColor": item["color"]}),
                    html.Span(item["label"], className="legend-label"),
                    html.Span(item["count_text"], className="legend-count"),
                ],
            )
        )
    foot = (
        [html.Span(f"{t('common.source', lang)}: {data['source']}", className="legend-source")]
        if data["source"]
        else []
    )
    if data.get("boundaries"):
        foot.append(html.Span(data["boundaries"], className="legend-source"))
    if data["demo"]:
        foot.insert(0, demo_tag(lang))
    return html.Div(
        className="legend",
        children=[
            html.Div(data["title"], className="legend-title"),
            html.Div(data["scale"], className="legend-scale"),
            html.Ul(rows, className="legend-rows"),
            html.Div(data["summary"], className="legend-summary") if data["summary"] else None,
            html.Div(foot, className="legend-foot"),
        ],
    )


def stale_notice(path: str, lang: str) -> html.P:
    """The data changed since this page loaded: say so and offer a reload (a plain link,
    so the browser fetches the page, its layout and the new version's map again)."""
    href = path + ("?lang=en" if lang == "en" else "")
    return html.P(
        [t("stale.notice", lang), " ", html.A(t("stale.reload", lang), href=href, className="stale-reload")],
        className="notice notice-warn stale-notice",
    )


def sarana_symbol(index: int) -> html.Span:
    shape, colour = symbol_of(index)
    return html.Span(className=f"sym sym-{shape}", style={"--sym-color": colour})


def profile(data: dict | None, lang: str, trend_figure=None) -> list:
    """The contents of the village profile panel (``data`` from geo.views.mapview.profile)."""
    if data is None:
        return [html.P(t("profile.unknown", lang))]
    head = [
        html.H2(data["name"], className="profile-name"),
        html.Div(
            f"{data['jenis']} · {t('profile.kec', lang, kec=data['kec'])} · {data['kode']}", className="profile-meta"
        ),
        html.Div(data["lokus_text"], className="profile-lokus " + ("is-lokus" if data["lokus_years"] else "not-lokus")),
    ]
    if data["demo"]:
        head.append(demo_tag(lang))
    trend_rows = [
        html.Tr(
            [
                html.Td(str(r["year"])),
                html.Td(r["pct_text"], className="num"),
                html.Td(r["ci_text"]),
                html.Td(r["n_text"]),
                html.Td(r.get("smooth_text", ""), className="profile-smooth"),
            ]
        )
        for r in data["trend"]
    ]
    parts = head + [
        html.H3(t("profile.trend", lang)),
        dcc.Graph(figure=trend_figure, config={"displayModeBar": False, "responsive": True}, className="profile-graph")
        if trend_figure is not None and data["trend"]
        else None,
        html.Table(html.Tbody(trend_rows), className="profile-table")
        if trend_rows
        else html.P(t("common.nodata", lang)),
    ]
    for o in data.get("outcomes", []):  # severe stunting: every year with its interval, like the trend
        parts.append(html.H3(o["label"], className="profile-outcome"))
        parts.append(
            html.Table(
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Td(str(r["year"])),
                                html.Td(r["pct_text"], className="num"),
                                html.Td(r["ci_text"]),
                                html.Td(r["n_text"]),
                            ]
                        )
                        for r in o["rows"]
                    ]
                ),
                className="profile-table outcome-table",
                **{"data-indicator": o["code"]},
            )
        )
    if data["coverage"]:
        parts.append(html.H3(t("profile.coverage", lang, year=data["coverage_year"])))
        parts.append(
            html.Table(
                className="profile-table coverage-table",
                children=[
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(t("profile.col_indicator", lang)),
                                html.Th(t("profile.col_value", lang)),
                                html.Th(t("profile.col_numden", lang)),
                            ]
                        )
                    ),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(c["label"]),
                                    html.Td(
                                        html.Span(
                                            [
                                                html.Span(
                                                    className="swatch small", style={"backgroundColor": c["color"]}
                                                ),
                                                c["pct_text"],
                                            ]
                                        ),
                                        className="num",
                                    ),
                                    html.Td(c["numden"], className="num"),
                                ]
                            )
                            for c in data["coverage"]
                        ]
                    ),
                ],
            )
        )
    if data.get("score_text"):
        parts.append(html.P(data["score_text"], className="profile-score"))
    if data.get("offices"):
        parts.append(html.H3(t("profile.offices", lang)))
        parts.append(
            html.Table(
                className="profile-table office-table",
                children=[
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(t("profile.col_indicator", lang)),
                                html.Th(t("map.year", lang)),
                                html.Th(t("map.office", lang)),
                                html.Th(t("profile.col_value", lang)),
                                html.Th(t("profile.col_numden", lang)),
                            ]
                        )
                    ),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(r["indicator"]),
                                    html.Td(str(r["year"])),
                                    html.Td(r["office"]),
                                    html.Td(r["pct_text"], className="num"),
                                    html.Td(r["numden"], className="num"),
                                ]
                            )
                            for r in data["offices"]
                        ]
                    ),
                ],
            )
        )
    parts.append(html.H3(t("profile.works", lang, n=len(data["works"]))))
    if data["works"]:
        parts.append(
            html.Ul(
                [
                    html.Li(
                        f"{w['name']} — {w['jenis']}, {w['year']}, {w['status']}, {t('sarana.f.kk', lang)}: {w['kk']}"
                    )
                    for w in data["works"]
                ],
                className="profile-works",
            )
        )
    else:
        parts.append(html.P(t("profile.no_works", lang), className="muted"))
    return [p for p in parts if p is not None]


def grid_locale(lang: str) -> dict:
    """AG Grid's own texts (pagination, filter menus) in the user's language."""
    from geo.core.messages.grid import GRID_KEYS

    return {key: t(f"grid.{key}", lang) for key in GRID_KEYS}


def inset_box(box_class: str, bottom_px: int, title: str, map_id: str, center, layer, map_class: str = "leaflet-map"):
    """A small fixed (not draggable, not zoomable) map of far-off villages with its title,
    placed over a bigger map (the map page and the rembuk slides)."""
    return html.Div(
        className=box_class,
        style={"bottom": f"{bottom_px}px"},
        children=[
            html.Div(title, className="inset-title"),
            dl.Map(
                id=map_id,
                center=center,
                zoom=11,
                zoomControl=False,
                attributionControl=False,
                dragging=False,
                scrollWheelZoom=False,
                doubleClickZoom=False,
                boxZoom=False,
                keyboard=False,
                touchZoom=False,
                zoomSnap=0.25,
                className=map_class,
                style={"height": "100%", "width": "100%"},
                children=[layer],
            ),
        ],
    )
