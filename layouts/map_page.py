"""The map page (/): village choropleth, lokus outlines, works overlay, profile panel."""

from __future__ import annotations

import json

import dash_leaflet as dl
from dash import dcc, html

from geo.core.i18n import t
from layouts import components, ids
from layouts.shell import page

JS = "konvergensi"  # namespace of the functions in assets/map.js
# The controls whose change restyles the villages at once in the browser (assets/map.js
# K.onControlChange), and the map they restyle.
DESA_CONTROLS = json.dumps(
    {
        "map": ids.MAP,
        "indicator": ids.INDICATOR,
        "year": ids.YEAR,
        "lokusShow": ids.LOKUS_SHOW,
        "lokusYear": ids.LOKUS_YEAR,
    }
)


def js(name: str) -> dict:
    return {"variable": f"{JS}.{name}"}


def _section(title: str, *children, class_name: str = "", section_id: str | None = None) -> html.Section:
    extra = {"id": section_id} if section_id else {}
    return html.Section(
        [html.H2(title, className="panel-title"), *children], className=f"panel-section {class_name}", **extra
    )


def controls(ctx: dict, lang: str) -> html.Div:
    so = ctx["sarana_options"]
    return html.Div(
        className="side-panel",
        children=[
            html.Div(id=ids.MAP_STALE, role="alert", **{"aria-live": "assertive"}),
            html.P(
                [
                    t("map.no_data", lang),
                    " ",
                    dcc.Link(t("nav.data", lang), href="/data" if lang == "id" else "/data?lang=en"),
                ],
                className="notice notice-warn",
                id="map-no-data",
            )
            if not ctx["indicators"]
            else None,
            _section(
                t("map.indicator", lang),
                dcc.RadioItems(
                    id=ids.INDICATOR,
                    value=ctx["indicator"],
                    className="radio-list",
                    options=[{"label": t(f"ind.{c}", lang), "value": c} for c in ctx["indicators"]],
                ),
            ),
            _section(
                t("map.year", lang),
                dcc.RadioItems(
                    id=ids.YEAR,
                    value=ctx["year"],
                    inline=True,
                    className="radio-inline",
                    options=[{"label": str(y), "value": y} for y in ctx["years"]],
                ),
            ),
            _section(
                t("map.office", lang),
                dcc.RadioItems(
                    id=ids.MAP_OFFICE,
                    value=(ctx.get("offices") or [None])[0],
                    className="radio-list",
                    options=[{"label": o, "value": o} for o in ctx.get("offices", [])],
                ),
                html.Div(t("map.office_hint", lang), className="hint"),
                class_name="map-office" if ctx.get("offices") else "map-office hidden",
                section_id=ids.MAP_OFFICE_BOX,
            ),
            _section(
                t("map.cluster_k", lang),
                dcc.RadioItems(
                    id=ids.CLUSTER_K,
                    value=ctx["cluster_k"],
                    inline=True,
                    className="radio-inline",
                    options=[{"label": str(k), "value": k} for k in ctx["cluster_ks"]],
                ),
                html.Div(t("map.cluster_k_hint", lang), className="hint"),
                class_name="cluster-k" if ctx.get("cluster_ks") else "cluster-k hidden",
            ),
            html.Div(
                components.legend(ctx["legend"], lang), id=ids.LEGEND, className="legend-box", **{"aria-live": "polite"}
            ),
            _section(
                t("common.lokus", lang),
                dcc.Checklist(
                    id=ids.LOKUS_SHOW,
                    value=["on"] if ctx["lokus_years"] else [],
                    className="check-list",
                    options=[{"label": t("map.lokus_toggle", lang), "value": "on", "disabled": not ctx["lokus_years"]}],
                ),
                html.Div(
                    [
                        html.Span(t("map.lokus_year", lang) + ":", className="inline-label"),
                        dcc.RadioItems(
                            id=ids.LOKUS_YEAR,
                            value=ctx["lokus_year"],
                            inline=True,
                            className="radio-inline",
                            options=[{"label": str(y), "value": y} for y in ctx["lokus_years"]],
                        ),
                    ],
                    className="inline-row",
                ),
                html.Div(t("legend.lokus", lang, year=""), className="hint lokus-hint"),
            ),
            _section(
                t("map.sarana_toggle", lang),
                dcc.Checklist(
                    id=ids.SARANA_SHOW,
                    value=["on"],
                    className="check-list",
                    options=[{"label": t("map.sarana_toggle", lang), "value": "on"}],
                ),
                html.Div(t("map.sarana_type", lang), className="sub-title"),
                dcc.Checklist(
                    id=ids.SARANA_TYPE,
                    value=so["types"],
                    className="check-list sarana-types",
                    options=[
                        {
                            "label": html.Span(
                                [
                                    components.sarana_symbol(i),
                                    t(f"sarana.jenis.{x}", lang) if x in ctx["sarana_known_types"] else x,
                                ]
                            ),
                            "value": x,
                        }
                        for i, x in enumerate(so["types"])
                    ],
                ),
                html.Div(t("map.sarana_status", lang), className="sub-title"),
                dcc.Checklist(
                    id=ids.SARANA_STATUS,
                    value=so["status"],
                    inline=True,
                    className="check-inline",
                    options=[
                        {"label": t(f"sarana.status.{x}", lang) if x in ctx["sarana_known_status"] else x, "value": x}
                        for x in so["status"]
                    ],
                ),
                html.Div(t("map.sarana_year", lang), className="sub-title"),
                dcc.Checklist(
                    id=ids.SARANA_YEAR,
                    value=so["years"],
                    inline=True,
                    className="check-inline",
                    options=[{"label": str(y), "value": y} for y in so["years"]],
                ),
                html.Div(ctx["sarana_count"], id=ids.SARANA_COUNT, className="hint", **{"aria-live": "polite"}),
                class_name="sarana-section",
            ),
            _section(
                t("map.layers", lang),
                html.Div(t("map.kec_outline", lang), className="hint kec-hint"),
                dcc.Checklist(
                    id=ids.TILES_SHOW,
                    value=[],
                    className="check-list",
                    options=[{"label": t("map.tiles_toggle", lang), "value": "on"}],
                ),
            ),
        ],
    )


def leaflet_map(ctx: dict, lang: str) -> dl.Map:
    return dl.Map(
        id=ids.MAP,
        center=ctx["center"],
        zoom=9,
        maxZoom=16,
        minZoom=7,
        zoomSnap=0.25,
        className="leaflet-map",
        style={"height": "100%", "width": "100%"},
        children=[
            dl.LayerGroup(id=ids.TILE_GROUP),
            # hideout stays constant: restyles go through ids.DESA_STYLE and are applied in place.
            dl.GeoJSON(
                id=ids.DESA_LAYER,
                url=ctx["desa_url"],
                hideout=ctx["hideout"],
                style=js("styleDesa"),
                onEachFeature=js("onEachDesa"),
            ),
            dl.GeoJSON(id=ids.KEC_LAYER, url=ctx["kec_url"], style=js("styleKecamatan")),
            # Village names: made only from minZoom on ("on" follows the map's zoom, callbacks/map.py),
            # so a province does not build 2,283 hidden markers before its first map.
            dl.GeoJSON(
                id=ids.LABEL_LAYER,
                url=ctx["label_url"],
                pointToLayer=js("labelToLayer"),
                filter=js("labelFilter"),
                hideout={"minZoom": ctx["label_min_zoom"], "on": False},
            ),
            dl.GeoJSON(
                id=ids.SARANA_LAYER,
                url=ctx["sarana_url"],
                cluster=True,
                zoomToBoundsOnClick=True,
                superClusterOptions={"radius": 70, "maxZoom": 13},
                pointToLayer=js("saranaToLayer"),
                clusterToLayer=js("clusterToLayer"),
            ),
            dl.ScaleControl(position="bottomleft", imperial=False),
        ],
    )


def inset_maps(ctx: dict) -> list:
    """Small maps of far-off villages (e.g. islands 60 km south), so the main map can show
    the rest large. They restyle with the main map (assets/map.js desaContainers)."""
    out = []
    for i, inset in enumerate(ctx.get("insets", [])):
        out.append(
            components.inset_box(
                "desa-inset",
                34 + i * 200,
                inset["title"],
                f"{ids.MAP}-inset-{i}",
                inset["center"],
                dl.GeoJSON(
                    url=inset["url"], hideout=inset["hideout"], style=js("styleDesa"), onEachFeature=js("onEachDesa")
                ),
            )
        )
    return out


def build(ctx: dict, lang: str) -> html.Div:
    body = html.Div(
        className="map-layout",
        children=[
            controls(ctx, lang),
            html.Div(
                className="map-area",
                role="region",
                **{"aria-label": t("map.aria", lang, region=ctx["region"]), "data-desa-controls": DESA_CONTROLS},
                children=[
                    leaflet_map(ctx, lang),
                    *inset_maps(ctx),
                    dcc.Store(id=ids.DESA_STYLE),
                    dcc.Store(id=ids.LEGEND_STATIC, data=ctx["legend_static"]),
                    dcc.Store(id=ids.DESA_STYLE_APPLIED),
                    html.Div(t("map.hint", lang), className="map-hint"),
                    html.Aside(
                        id=ids.PROFILE,
                        className="profile-panel",
                        hidden=True,
                        children=[
                            html.Button(
                                "×",
                                id=ids.PROFILE_CLOSE,
                                className="profile-close",
                                n_clicks=0,
                                title=t("common.close", lang),
                                **{"aria-label": t("common.close", lang)},
                            ),
                            html.Div(id=ids.PROFILE_BODY, className="profile-body"),
                        ],
                    ),
                ],
            ),
        ],
    )
    return page("/", lang, ctx["region"], ctx["demo"], body, extra_class="page-map")
