"""Map page: context for the layout and the callbacks that restyle it."""

from __future__ import annotations

import dash
import dash_leaflet as dl
from dash import ClientsideFunction, Input, Output, State, ctx, no_update

from callbacks.lang import page_title
from geo.analysis import dataset, spatial
from geo.core.i18n import fmt_int, norm_lang, t
from geo.core.memo import VersionedCache
from geo.core.schema import SARANA_STATUS, SARANA_TYPES
from geo.io.boundaries import to_json_bytes
from geo.views import mapview
from layouts import components, figures, ids, map_page

INSET_WIDTH_PX = 230  # .desa-inset in assets/style.css
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"


def api_url(ds, name: str) -> str:
    return f"/api/{ds.version}/{name}.geojson"


_context_cache = VersionedCache()  # (data version, lang) -> the map page's first view
_sarana_cache = VersionedCache()  # (data version, lang) -> every work as GeoJSON bytes, and its count text


def initial_sarana(ds, lang: str) -> tuple[bytes, str]:
    """All works as GeoJSON bytes (served at /api/<version>/sarana-<lang>.geojson, gzipped
    once) and the 'n of N shown' text: computed once per data version and language."""

    def build():
        opts = mapview.sarana_options(ds)
        data, count = sarana_update(["on"], opts["types"], opts["status"], opts["years"], lang, ds)
        return to_json_bytes(data), count

    return _sarana_cache.get(ds.version, lang, build)


def page_context(ds, lang: str) -> dict:
    """What the map page shows first; computed once per data version and language (a
    province has thousands of villages and works: not rebuilt at every visit)."""
    return _context_cache.get(ds.version, lang, lambda: _page_context(ds, lang))


def _page_context(ds, lang: str) -> dict:
    indicator = "stunting" if "stunting" in ds.map_indicator_codes else (ds.map_indicator_codes or ["stunting"])[0]
    year = mapview.default_year(ds, indicator)
    lokus_year = ds.lokus_years[-1] if ds.lokus_years else None
    opts = mapview.sarana_options(ds)
    _, count = initial_sarana(ds, lang)
    hideout = mapview.desa_hideout(ds, indicator, year, lokus_year, True, lang)
    if ds.focus["insets"]:
        hideout["fitPad"] = [INSET_WIDTH_PX + 12, 0]  # keep the main villages clear of the insets
    return {
        "region": ds.region_name,
        "demo": bool(ds.demo),
        "bounds": ds.bounds,
        "center": [(ds.bounds[0][0] + ds.bounds[1][0]) / 2, (ds.bounds[0][1] + ds.bounds[1][1]) / 2],
        "desa_url": api_url(ds, "desa"),
        "kec_url": api_url(ds, "kecamatan"),
        "label_url": api_url(ds, "label"),
        "indicators": shown_indicators(ds),
        "indicator": indicator,
        "cluster_ks": list(spatial.K_CHOICES) if any(c.startswith("klaster_k") for c in ds.map_indicator_codes) else [],
        "cluster_k": spatial.K_DEFAULT,
        "years": ds.years(indicator),
        "year": year,
        "lokus_years": ds.lokus_years,
        "lokus_year": lokus_year,
        "hideout": hideout,
        "insets": [
            {
                "title": t("map.inset", lang, kec=inset["kec"], n=fmt_int(inset["n"], lang)),
                "hideout": h,
                "url": api_url(ds, f"inset-{i}"),
                "center": [
                    (inset["bounds"][0][0] + inset["bounds"][1][0]) / 2,
                    (inset["bounds"][0][1] + inset["bounds"][1][1]) / 2,
                ],
            }
            for i, (inset, h) in enumerate(zip(ds.focus["insets"], mapview.inset_hideouts(ds, hideout)))
        ],
        "legend": mapview.legend(ds, indicator, year, lang),
        "offices": mapview.office_options(ds, indicator, year),
        "legend_static": mapview.legend_static(lang),
        "sarana_options": opts,
        "sarana_known_types": SARANA_TYPES,
        "sarana_known_status": SARANA_STATUS,
        "sarana_url": api_url(ds, f"sarana-{lang}"),
        "sarana_count": count,
        "label_min_zoom": mapview.LABEL_MIN_ZOOM,
    }


CLUSTER = "klaster"  # the map page's one choice for the spatial clusters; with k it names klaster_k<k>


def shown_indicators(ds) -> list[str]:
    """The map page's indicator choices: the map views, the cluster views (one per k) as one choice."""
    out = [c for c in ds.map_indicator_codes if not c.startswith("klaster_k")]
    return out + ([CLUSTER] if len(out) < len(ds.map_indicator_codes) else [])


def view_code(indicator, k) -> str:
    """The map view for a page choice: 'klaster' with k -> 'klaster_k<k>' (k not offered -> the default)."""
    if indicator == CLUSTER:
        k = k if k in spatial.K_CHOICES else spatial.K_DEFAULT
        return f"klaster_k{k}"
    return indicator


def layout(lang: str = "id", **_query):
    lang = norm_lang(lang)
    return map_page.build(page_context(dataset.current(), lang), lang)


def restyle(indicator, year, show_lokus, lokus_year, lang, ds=None, indicator_changed=True, k=None, office=None):
    """The new choice for an indicator/year/lokus change: ``(style, year_options, year)``.

    ``style`` is ``{"h": choice, "legend": legend update}`` (geo.views.mapview.desa_choice and
    legend_update): the browser restyles the drawn villages in place and rebuilds the
    legend from it (assets/map.js ``applyDesaStyle``). Year options and value are
    ``no_update`` when they stay the same, so a year change sends only the style.
    """
    ds = ds or dataset.current()
    lang = norm_lang(lang)
    indicator = view_code(indicator, k)
    if indicator not in ds.map_indicator_codes:
        indicator = ds.map_indicator_codes[0]
        indicator_changed = True
    years = ds.years(indicator)
    new_year = year if year in years else (years[-1] if years else None)
    style = {
        "h": mapview.desa_choice(ds, indicator, new_year, lokus_year, bool(show_lokus), lang, office),
        "legend": mapview.legend_update(ds, indicator, new_year, lang, office),
    }
    options = [{"label": str(y), "value": y} for y in years] if indicator_changed else no_update
    return style, options, (new_year if new_year != year else no_update)


def restyle_page(
    indicator,
    year,
    show_lokus,
    lokus_year,
    lang,
    page_url,
    shown=None,
    ds=None,
    indicator_changed=True,
    k=None,
    office=None,
):
    """The restyle callback: :func:`restyle` plus the stale-data notice.

    -> (style, year options, year, indicator, notice). ``page_url`` is the village layer's
    URL, which names the data version the page drew. When an import made another version
    current meanwhile, the new values would land on the old geometry and legend: keep the
    map as it is, put the choice back to what the map shows (``shown``: the choice it
    shows, or its initial hideout) and ask for a reload instead. The browser may already
    have recoloured the map from its own data when the control changed: ``style`` then
    carries only that shown choice (no legend), which puts the colours back.
    """
    ds = ds or dataset.current()
    lang = norm_lang(lang)
    if mapview.is_stale(page_url, ds):
        shown = shown or {}
        back_ind = shown.get("ind", no_update)
        back_ind = CLUSTER if str(back_ind).startswith("klaster_k") else back_ind
        back_year = shown.get("year", no_update) if "year" in shown else no_update
        style = {"h": mapview.choice_part(shown)} if shown else no_update
        return style, no_update, back_year, back_ind, components.stale_notice("/", lang)
    return (*restyle(indicator, year, show_lokus, lokus_year, lang, ds, indicator_changed, k, office), no_update, None)


def office_update(indicator, year, office, current_options, ds=None):
    """The office choice's (class, options, value) for the restyle callback, or no_update for each
    when they stay as they are (one office: hidden, nothing to send)."""
    box, options, value = office_control(indicator, year, office, ds)
    if options == (current_options or []) and value == office:
        return no_update, no_update, no_update
    return box, options, value


def office_control(indicator, year, office, ds=None):
    """-> (box class, options, value) of the map's office choice: shown only when several offices
    report the indicator for the year; the default office first and chosen unless another is."""
    ds = ds or dataset.current()
    offices = mapview.office_options(ds, view_code(indicator, None), year)
    if not offices:
        return "panel-section map-office hidden", [], None
    value = office if office in offices else offices[0]
    return "panel-section map-office", [{"label": o, "value": o} for o in offices], value


def sarana_update(show, types, status, years, lang, ds=None):
    """Filtered works GeoJSON and the 'n of N shown' text."""
    ds = ds or dataset.current()
    lang = norm_lang(lang)
    total = len(ds.sarana)
    if not show:
        data = {"type": "FeatureCollection", "features": []}
    else:
        data = mapview.sarana_geojson(ds, types or [], status or [], years or [], lang)
    count = t("map.sarana_count", lang, shown=fmt_int(len(data["features"]), lang), total=fmt_int(total, lang))
    return data, count


def show_profile(click_data, lang, ds=None):
    """(hidden, children) of the profile panel for a clicked village feature."""
    ds = ds or dataset.current()
    lang = norm_lang(lang)
    if not click_data:
        return True, []
    kode = (click_data.get("properties") or {}).get("kode")
    data = mapview.profile(ds, kode, lang)
    fig = figures.village_trend(data["trend"], lang, data["demo"]) if data and data["trend"] else None
    return False, components.profile(data, lang, fig)


def tiles(show):
    if show:
        return [dl.TileLayer(url=OSM_URL, attribution=OSM_ATTRIBUTION, maxZoom=19, id="osm-tiles")]
    return []


def register(app) -> None:
    # This page: its address, its place in the navigation (layouts/shell.py reads the registry)
    dash.register_page(
        __name__, path="/", name="Peta", order=0, nav="nav.map", title=page_title("nav.map"), layout=layout
    )

    @app.callback(
        Output(ids.DESA_STYLE, "data"),
        Output(ids.YEAR, "options"),
        Output(ids.YEAR, "value"),
        Output(ids.INDICATOR, "value"),
        Output(ids.MAP_STALE, "children"),
        Output(ids.MAP_OFFICE_BOX, "className"),
        Output(ids.MAP_OFFICE, "options"),
        Output(ids.MAP_OFFICE, "value"),
        Input(ids.INDICATOR, "value"),
        Input(ids.YEAR, "value"),
        Input(ids.LOKUS_SHOW, "value"),
        Input(ids.LOKUS_YEAR, "value"),
        Input(ids.CLUSTER_K, "value"),
        Input(ids.MAP_OFFICE, "value"),
        State(ids.LANG, "data"),
        State(ids.DESA_LAYER, "url"),
        State(ids.DESA_LAYER, "hideout"),
        State(ids.DESA_STYLE, "data"),
        State(ids.MAP_OFFICE, "options"),
        prevent_initial_call=True,
    )
    def _restyle(ind, year, show, ly, k, office, lang, url, initial, style, office_opts):
        out = restyle_page(
            ind,
            year,
            show,
            ly,
            lang,
            url,
            (style or {}).get("h") or initial,
            indicator_changed=ctx.triggered_id == ids.INDICATOR,
            k=k,
            office=office,
        )
        if out[4] is not None:  # stale page: nothing else changes
            return (*out, no_update, no_update, no_update)
        new_year = year if out[2] is no_update else out[2]
        return (*out, *office_update(ind, new_year, office, office_opts))

    app.clientside_callback(
        ClientsideFunction(namespace="konvergensi", function_name="labelsForZoom"),
        Output(ids.LABEL_LAYER, "hideout"),
        Input(ids.MAP, "zoom"),
        State(ids.LABEL_LAYER, "hideout"),
        prevent_initial_call=True,
    )

    # In the browser, when the server answers: the same style (authoritative) and the legend.
    app.clientside_callback(
        ClientsideFunction(namespace="konvergensi", function_name="applyDesaStyle"),
        Output(ids.DESA_STYLE_APPLIED, "data"),
        Output(ids.LEGEND, "children"),
        Input(ids.DESA_STYLE, "data"),
        State(ids.MAP, "id"),
        State(ids.LEGEND_STATIC, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.SARANA_LAYER, "data"),
        Output(ids.SARANA_COUNT, "children"),
        Output(ids.MAP_STALE, "children", allow_duplicate=True),
        Input(ids.SARANA_SHOW, "value"),
        Input(ids.SARANA_TYPE, "value"),
        Input(ids.SARANA_STATUS, "value"),
        Input(ids.SARANA_YEAR, "value"),
        State(ids.LANG, "data"),
        State(ids.DESA_LAYER, "url"),
        prevent_initial_call=True,
    )
    def _sarana(show, types, status, years, lang, url):
        ds = dataset.current()
        if mapview.is_stale(url, ds):
            return no_update, no_update, components.stale_notice("/", norm_lang(lang))
        return (*sarana_update(show, types, status, years, lang, ds), no_update)

    @app.callback(
        Output(ids.PROFILE, "hidden"),
        Output(ids.PROFILE_BODY, "children"),
        Output(ids.MAP_STALE, "children", allow_duplicate=True),
        Input(ids.DESA_LAYER, "clickData"),
        Input(ids.PROFILE_CLOSE, "n_clicks"),
        State(ids.LANG, "data"),
        State(ids.DESA_LAYER, "url"),
        prevent_initial_call=True,
    )
    def _profile(click_data, _n, lang, url):
        if ctx.triggered_id == ids.PROFILE_CLOSE:
            return True, no_update, no_update
        ds = dataset.current()
        if mapview.is_stale(url, ds):
            return no_update, no_update, components.stale_notice("/", norm_lang(lang))
        return (*show_profile(click_data, lang, ds), no_update)

    app.callback(Output(ids.TILE_GROUP, "children"), Input(ids.TILES_SHOW, "value"), prevent_initial_call=True)(tiles)
