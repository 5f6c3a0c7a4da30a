"""The desa lokus workbench (/lokus): criteria controls, ranked table, map, gaps, stability, scenarios."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_leaflet as dl
from dash import dcc, html

from geo.analysis.lokus import MAX_REASON
from geo.core.i18n import t
from geo.io.scenarios import MAX_NAME
from layouts import components, ids
from layouts.map_page import js
from layouts.shell import demo_tag, page

LIGHT_CLASSES = ("merah", "kuning", "hijau")


def _card(title, *children, class_name: str = "", id=None) -> html.Section:
    kw = {"id": id} if id else {}
    return html.Section([html.H2(title), *children], className=f"card {class_name}".strip(), **kw)


def number_input(id_, value, step=0.5, min_=0, max_=None, label=None) -> dcc.Input:
    kw = {k: v for k, v in (("min", min_), ("max", max_)) if v is not None}
    return dcc.Input(id=id_, type="number", value=value, step=step, debounce=True, className="num-input", **kw)


def controls(ctx: dict, lang: str) -> html.Div:
    crit = ctx["criteria"]  # [{code, label, unit}]
    weight_rows = [
        html.Label(
            className="ctl-row",
            children=[
                html.Span(c["label"], className="ctl-label"),
                number_input({"type": ids.LOKUS_WEIGHT, "c": c["code"]}, ctx["weights"][c["code"]], label=c["label"]),
            ],
        )
        for c in crit
    ]
    th_rows = [
        html.Div(
            className="th-row",
            children=[
                html.Div(f"{c['label']} ({c['unit']})", className="ctl-label"),
                html.Div(
                    className="th-inputs",
                    children=[
                        html.Label(
                            [
                                html.Span(
                                    t("lokus.th_red_gap" if c.get("kind") == "gap" else "lokus.th_red", lang),
                                    className="th-tag th-merah",
                                ),
                                number_input(
                                    {"type": ids.LOKUS_TH_RED, "c": c["code"]},
                                    ctx["thresholds"][c["code"]][0],
                                    step=1,
                                    min_=None,
                                ),
                            ]
                        ),
                        html.Label(
                            [
                                html.Span(
                                    t("lokus.th_yellow_gap" if c.get("kind") == "gap" else "lokus.th_yellow", lang),
                                    className="th-tag th-kuning",
                                ),
                                number_input(
                                    {"type": ids.LOKUS_TH_YELLOW, "c": c["code"]},
                                    ctx["thresholds"][c["code"]][1],
                                    step=1,
                                    min_=None,
                                ),
                            ]
                        ),
                    ],
                ),
            ],
        )
        for c in crit
    ]
    return html.Div(
        className="lokus-controls",
        children=[
            html.Div(
                className="ctl-block",
                children=[
                    html.Label(t("lokus.n", lang), htmlFor=ids.LOKUS_N, className="ctl-title"),
                    dcc.Input(
                        id=ids.LOKUS_N,
                        type="number",
                        value=ctx["n"],
                        min=0,
                        max=ctx["villages"],
                        step=1,
                        debounce=True,
                        className="num-input n-input",
                    ),
                    html.Div(ctx["n_hint"], className="hint"),
                ],
            ),
            html.Div(
                className="ctl-block",
                children=[
                    html.Div(t("lokus.prev.choice", lang), className="ctl-title"),
                    dcc.RadioItems(
                        id=ids.LOKUS_PREV,
                        value="halus" if ctx["params"].get("smoothed", True) else "ukur",
                        className="radio-list",
                        options=[
                            {"label": t("lokus.prev.smoothed", lang), "value": "halus"},
                            {"label": t("lokus.prev.raw", lang), "value": "ukur"},
                        ],
                    ),
                ],
            ),
            html.Div(id=ids.LOKUS_ERROR, className="lokus-error", role="alert", **{"aria-live": "assertive"}),
            html.Details(
                open=True,
                className="ctl-block",
                children=[
                    html.Summary(t("lokus.weights", lang), className="ctl-title"),
                    *weight_rows,
                    html.Div(t("lokus.weights_hint", lang), className="hint"),
                ],
            ),
            html.Details(
                open=False,
                className="ctl-block",
                children=[
                    html.Summary(t("lokus.thresholds", lang), className="ctl-title"),
                    *th_rows,
                    html.Div(ctx["thresholds_hint"], className="hint"),
                ],
            ),
            html.Button(t("lokus.reset", lang), id=ids.LOKUS_RESET, n_clicks=0, className="btn btn-secondary"),
        ],
    )


def column_defs(ctx: dict, lang: str) -> list[dict]:
    cols = [
        {
            "field": "pilih",
            "headerName": t("lokus.col.pilih", lang),
            "pinned": "left",
            "width": 70,
            "sortable": False,
            "filter": False,
            "cellClass": "pick-cell",
            "cellClassRules": {"is-picked": "params.data.dipilih"},
        },
        {
            "field": "peringkat",
            "headerName": t("lokus.col.peringkat", lang),
            "pinned": "left",
            "width": 116,
            "filter": False,
            "sort": "asc",
            "cellClass": "num",
        },
        {"field": "desa", "headerName": t("lokus.col.desa", lang), "pinned": "left", "width": 150, "filter": False},
        {
            "field": "skor",
            "headerName": t("lokus.col.skor", lang),
            "width": 92,
            "filter": "agNumberColumnFilter",
            "valueFormatter": {"function": "params.data.skor_t"},
            "cellClass": "num",
        },
        # P(top N) with 'kokoh' (>= 0.9) in one cell; measured %, n and 95% interval in the next.
        {
            "field": "p_top",
            "headerName": t("lokus.col.p_top_short", lang),
            "width": 118,
            "headerTooltip": t("lokus.col.p_top", lang, n=ctx["n"])
            + " · "
            + t("lokus.col.kokoh", lang, p=ctx["solid_p_t"]),
            "filter": "agNumberColumnFilter",
            "cellClass": "num p-top",
            "valueFormatter": {
                "function": "params.data.p_top_t + (params.data.kokoh ? ' · ' + params.data.kokoh : '')"
            },
            "cellClassRules": {"p-solid": "params.value >= " + repr(ctx["solid_p"])},
        },
        {
            "field": "n_ukur",
            "headerName": t("lokus.col.n_ik", lang),
            "width": 196,
            "filter": "agNumberColumnFilter",
            "headerTooltip": t("lokus.col.n_ik", lang),
            "valueFormatter": {"function": "params.data.ukur_t + ' · n ' + params.data.n_t + ' · ' + params.data.ik_t"},
            "cellClass": "num n-ci",
        },
    ]
    for c in ctx["criteria"]:
        cols.append(
            {
                "field": c["code"],
                "headerName": c["label"],
                "width": 134,
                "filter": "agNumberColumnFilter",
                "valueFormatter": {"function": f"params.data['{c['code']}_t']"},
                "headerTooltip": c["label"],
                "cellClassRules": {f"tl-{x}": f"params.data['{c['code']}_c'] === '{x}'" for x in LIGHT_CLASSES},
            }
        )
    cols += [
        {
            "field": "status",
            "headerName": t("lokus.col.status", lang),
            "width": 140,
            "cellClassRules": {f"st-{s}": f"params.data.status_c === '{s}'" for s in ("usulan", "tambah", "keluar")},
        },
        {
            "field": "alasan",
            "headerName": t("lokus.col.alasan", lang),
            "width": 220,
            "cellClassRules": {"needs-reason": "params.data.perlu_alasan && !(params.value && params.value.trim())"},
        },
        {"field": "kec", "headerName": t("lokus.col.kec", lang), "width": 130},
        {
            "field": "lokus_lalu",
            "headerName": t("lokus.col.lokus_lalu", lang, year=ctx["lokus_year"] or ""),
            "width": 100,
        },
        {"field": "stabil", "headerName": t("lokus.col.stabil_bobot", lang, pct=ctx["stab_pct"]), "width": 130},
        {"field": "kurang", "headerName": t("lokus.col.kurang", lang), "width": 260},
    ]
    return cols


def grid(ctx: dict, lang: str) -> dag.AgGrid:
    return dag.AgGrid(
        id=ids.LOKUS_GRID,
        rowData=ctx["rows"],
        columnDefs=column_defs(ctx, lang),
        getRowId="params.data.kode",
        defaultColDef={
            "sortable": True,
            "filter": True,
            "resizable": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions={
            "animateRows": False,
            "suppressColumnVirtualisation": True,
            "localeText": components.grid_locale(lang),
            "tooltipShowDelay": 300,
            "rowHeight": 34,
            "theme": {
                "function": "themeQuartz.withParams({fontSize: 14, headerFontSize: 13, "
                "spacing: 5, fontFamily: 'inherit'})"
            },
        },
        className="lokus-grid",
        style={"height": "100%", "width": "100%"},
    )


INSET_H_PX = 120  # .lokus-inset height in assets/style.css


def lokus_insets(ctx: dict) -> list:
    """Far-off villages (e.g. the Batu Atas islands) in small insets, as on the map page, so the
    main map shows the rest large. Their hideout follows the main layer's (callbacks/lokus.py)."""
    return [
        components.inset_box(
            "lokus-inset",
            8 + i * 128,
            inset["title"],
            f"{ids.LOKUS_MAP}-inset-{i}",
            inset["center"],
            dl.GeoJSON(
                id={"type": ids.LOKUS_INSET_LAYER, "i": i},
                url=inset["url"],
                hideout=dict(
                    ctx["hideout"],
                    cls="desa-inset",
                    fit={"bounds": inset["bounds"], "options": {"padding": [4, 4], "animate": False}},
                ),
                style=js("styleLokus"),
                onEachFeature=js("onEachLokusInset"),
            ),
        )
        for i, inset in enumerate(ctx.get("insets", []))
    ]


def lokus_map(ctx: dict, lang: str) -> dl.Map:
    insets = ctx.get("insets", [])
    bounds = ctx.get("focus_bounds", ctx["bounds"]) if insets else ctx["bounds"]
    # the insets sit along the bottom of a tall, narrow frame: keep that strip free of the main villages
    pad = {"paddingTopLeft": [8, 8], "paddingBottomRight": [8, 8 + (INSET_H_PX + 8 if insets else 0)]}
    return dl.Map(
        id=ids.LOKUS_MAP,
        center=ctx["center"],
        zoom=9,
        viewport={"bounds": bounds, "options": {**pad, "animate": False}},
        maxZoom=16,
        minZoom=7,
        zoomSnap=0.25,
        className="leaflet-map",
        style={"height": "100%", "width": "100%"},
        children=[
            dl.GeoJSON(
                id=ids.LOKUS_DESA_LAYER,
                url=ctx["desa_url"],
                # fitted once its villages are drawn (assets/map.js fitToHideout): the container has
                # its final size then, so the main villages fill it
                hideout=dict(ctx["hideout"], fit={"bounds": bounds, "options": {**pad, "animate": False}}),
                style=js("styleLokus"),
                onEachFeature=js("onEachLokus"),
            ),
            dl.GeoJSON(id=ids.LOKUS_KEC_LAYER, url=ctx["kec_url"], style=js("styleKecamatan")),
            dl.GeoJSON(id=ids.LOKUS_SARANA_LAYER, data=ctx["sarana_data"], pointToLayer=js("workDot")),
            dl.ScaleControl(position="bottomleft", imperial=False),
        ],
    )


def map_legend(ctx: dict, lang: str) -> html.Ul:
    items = [
        ("sw-sel", t("lokus.map.selected", lang)),
        ("sw-add", t("lokus.status.tambah", lang)),
        ("sw-rem", t("lokus.map.removed", lang)),
        ("sw-other", t("lokus.map.other", lang)),
    ]
    rows = [html.Li([html.Span(className=f"swatch {cls}"), txt]) for cls, txt in items]
    if ctx["lokus_year"]:
        rows.append(html.Li([html.Span(className="swatch sw-last"), t("lokus.map.last", lang, year=ctx["lokus_year"])]))
    rows.append(html.Li([html.Span(className="work-dot"), t("lokus.map.works", lang, n=ctx["works_count"])]))
    return html.Ul(rows, className="lokus-legend")


def gap_panel(need: list[dict], lacking: list[dict], ctx: dict, lang: str) -> list:
    head = html.Tr(
        [
            html.Th(t("lokus.col.peringkat", lang)),
            html.Th(t("lokus.col.desa", lang)),
            html.Th(t("lokus.col.kec", lang)),
            html.Th(t("lokus.gap_col.alasan", lang)),
            html.Th(t("lokus.gap_col.air", lang)),
            html.Th(t("lokus.gap_col.sanitasi", lang)),
        ]
    )
    body = [
        html.Tr(
            [
                html.Td(r["peringkat"], className="num"),
                html.Td(r["desa"]),
                html.Td(r["kec"]),
                html.Td(r["why"]),
                html.Td(r["air"], className="gap-none" if r["air"] == t("lokus.gap_none", lang) else "num"),
                html.Td(r["sanitasi"], className="gap-none" if r["sanitasi"] == t("lokus.gap_none", lang) else "num"),
            ]
        )
        for r in need
    ]
    parts = [
        html.P(t("lokus.gap_need", lang, n=ctx["n"], count=len(need))),
        html.Div(
            html.Table([html.Thead(head), html.Tbody(body)], className="data-table"), className="scroll-box short"
        ),
    ]
    parts.append(html.H3(t("lokus.lacking_title", lang, year=ctx["lokus_year"] or "")))
    if ctx["lokus_year"]:
        parts.append(
            html.Ul(
                [html.Li([html.Strong(r["text"]), ": " + r["names"] if r["count"] else ""]) for r in lacking],
                className="lacking-list",
            )
        )
    else:
        parts.append(html.P(t("lokus.no_lokus", lang)))
    return parts


def stability_panel(view: dict, lang: str) -> list:
    rows = [
        html.Tr([html.Td(r["change"]), html.Td(r["kept"], className="num"), html.Td(r["entered"]), html.Td(r["left"])])
        for r in view["runs"]
    ]
    n = view.get("n", "")
    return [
        html.H2(view["p_title"]) if view.get("p_title") else None,
        html.P(view["p_lead"], className="lead p-lead") if view.get("p_lead") else None,
        html.H2(view["title"]),
        html.P(view["lead"], className="lead"),
        html.P(view["marginal"], className="marginal") if view["marginal"] else None,
        html.Div(
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(t("lokus.stab_col.change", lang)),
                                html.Th(t("lokus.stab_col.kept", lang, n=n)),
                                html.Th(t("lokus.stab_col.in", lang)),
                                html.Th(t("lokus.stab_col.out", lang)),
                            ]
                        )
                    ),
                    html.Tbody(rows),
                ],
                className="data-table",
            ),
            className="scroll-box short",
        ),
    ]


def scenario_card(ctx: dict, lang: str) -> html.Section:
    return _card(
        t("lokus.sc_title", lang),
        html.Div(
            className="inline-row",
            children=[
                dcc.Input(
                    id=ids.LOKUS_SC_NAME,
                    type="text",
                    maxLength=MAX_NAME,
                    placeholder=t("lokus.sc_name", lang),
                    className="text-input",
                    disabled=not ctx.get("user"),
                ),
                html.Button(
                    t("lokus.sc_save", lang),
                    id=ids.LOKUS_SC_SAVE,
                    n_clicks=0,
                    className="btn",
                    disabled=not ctx.get("user"),
                ),
            ],
        ),
        None
        if ctx.get("user")
        else html.P(t("lokus.sc_need_login", lang), className="note", id=ids.LOKUS_SC_LOGIN_NOTE),
        html.Div(
            className="inline-row",
            children=[
                dcc.Dropdown(
                    id=ids.LOKUS_SC_PICK,
                    options=ctx["scenario_options"],
                    placeholder=t("lokus.sc_pick", lang),
                    className="sc-dropdown",
                    clearable=True,
                ),
                html.Button(t("lokus.sc_open", lang), id=ids.LOKUS_SC_OPEN, n_clicks=0, className="btn btn-secondary"),
            ],
        ),
        html.Div(id=ids.LOKUS_SC_MSG, className="sc-msg", role="status"),
        html.H3(t("lokus.sc_compare", lang)),
        html.Div(
            className="inline-row",
            children=[
                dcc.Dropdown(
                    id=ids.LOKUS_SC_A,
                    options=ctx["scenario_options"],
                    placeholder=t("lokus.sc_a", lang),
                    className="sc-dropdown",
                ),
                dcc.Dropdown(
                    id=ids.LOKUS_SC_B,
                    options=ctx["scenario_options"],
                    placeholder=t("lokus.sc_b", lang),
                    className="sc-dropdown",
                ),
            ],
        ),
        html.Div(id=ids.LOKUS_SC_DIFF, className="sc-diff"),
        class_name="sc-card",
    )


def download_card(ctx: dict, lang: str) -> html.Section:
    return _card(
        t("lokus.dl_title", lang),
        html.P(t("lokus.dl_note", lang), className="note"),
        html.Div(
            className="inline-row",
            children=[
                html.Button(t("lokus.dl_xlsx", lang), id=ids.LOKUS_DL_XLSX, n_clicks=0, className="btn"),
                html.Button(t("lokus.dl_csv", lang), id=ids.LOKUS_DL_CSV, n_clicks=0, className="btn"),
                html.A(
                    t("lokus.dl_print", lang),
                    id=ids.LOKUS_PRINT,
                    href=ctx["print_url"],
                    target="_blank",
                    className="btn btn-secondary",
                ),
            ],
        ),
        html.Div(id=ids.LOKUS_DL_MSG, className="lokus-error", role="alert"),
        dcc.Download(id=ids.LOKUS_DOWNLOAD),
    )


def build(ctx: dict, lang: str) -> html.Div:
    if not ctx.get("ok"):
        body = html.Div(
            className="lokus-layout", children=[html.H1(t("lokus.title", lang)), html.P(t("lokus.no_data", lang))]
        )
        return page("/lokus", lang, ctx["region"], ctx["demo"], body, extra_class="page-lokus")
    body = html.Div(
        className="lokus-layout",
        children=[
            dcc.Store(id=ids.LOKUS_PARAMS, data=ctx["params"]),
            dcc.Store(id=ids.LOKUS_OVERRIDES, data={"add": [], "remove": [], "reasons": {}}),
            dcc.Store(id=ids.LOKUS_SC_CURRENT, data=None),
            html.Div(
                className="lokus-head",
                children=[
                    html.H1([t("lokus.title", lang), " ", demo_tag(lang) if ctx["demo"] else None]),
                    html.P(ctx["lead"], className="lead"),
                ],
            ),
            html.Div(
                className="workbench",
                children=[
                    controls(ctx, lang),
                    html.Div(
                        className="table-area",
                        children=[
                            html.Div(
                                className="table-tools",
                                children=[
                                    dcc.Input(
                                        id=ids.LOKUS_SEARCH,
                                        type="search",
                                        placeholder=t("lokus.search", lang),
                                        className="text-input search-input",
                                        debounce=False,
                                    ),
                                    html.Div(
                                        id=ids.LOKUS_SUMMARY,
                                        className="lokus-summary",
                                        role="status",
                                        children=summary_children(ctx["summary"]),
                                    ),
                                ],
                            ),
                            html.Div(t("lokus.table_hint", lang), className="hint table-hint"),
                            html.Div(
                                id=ids.LOKUS_REASONS,
                                className="reasons-panel",
                                children=reasons_panel(ctx["overrides"], lang),
                            ),
                            html.Div(grid(ctx, lang), className="grid-box"),
                        ],
                    ),
                    html.Div(
                        className="map-box",
                        children=[
                            html.Div(
                                className="map-frame",
                                role="region",
                                **{"aria-label": t("lokus.map_title", lang)},
                                children=[lokus_map(ctx, lang), *lokus_insets(ctx)],
                            ),
                            html.Div(t("lokus.map.hint", lang), className="hint"),
                            map_legend(ctx, lang),
                        ],
                    ),
                ],
            ),
            html.Div(
                className="lokus-panels",
                children=[
                    _card(
                        t("lokus.gap_title", lang),
                        html.Div(id=ids.LOKUS_GAP, children=ctx["gap_children"]),
                        class_name="gap-card",
                    ),
                    html.Section(
                        id=ids.LOKUS_STABILITY, className="card stab-card", children=ctx["stability_children"]
                    ),
                    scenario_card(ctx, lang),
                    download_card(ctx, lang),
                    _card(
                        t("lokus.method_title", lang),
                        html.P(t("lokus.method", lang), className="method"),
                        class_name="method-card",
                    ),
                ],
            ),
        ],
    )
    return page("/lokus", lang, ctx["region"], ctx["demo"], body, extra_class="page-lokus")


def summary_children(s: dict) -> list:
    return [
        html.Span(s["text"], className="sum-main"),
        html.Span(s["missing"], className="sum-missing") if s["missing"] else html.Span(s["ok"], className="sum-ok"),
    ]


def compare_panel(diff: dict, names: dict, label_a: str, label_b: str, lang: str) -> list:
    """Two scenarios side by side: the villages only in A, only in B, and how many both share."""
    if not diff["only_a"] and not diff["only_b"]:
        return [html.P(t("lokus.sc_same", lang)), html.P(t("lokus.sc_both", lang, n=len(diff["both"])))]

    def col(title, codes, cls):
        return html.Div(
            className=f"diff-col {cls}",
            children=[html.H4(title), html.Ul([html.Li(names.get(c, c)) for c in codes]) if codes else html.P("—")],
        )

    return [
        html.Div(
            className="diff-grid",
            children=[
                col(f"{label_a}: " + t("lokus.sc_only_a", lang, n=len(diff["only_a"])), diff["only_a"], "diff-a"),
                col(f"{label_b}: " + t("lokus.sc_only_b", lang, n=len(diff["only_b"])), diff["only_b"], "diff-b"),
            ],
        ),
        html.P(t("lokus.sc_both", lang, n=len(diff["both"]))),
    ]


def reasons_panel(rows: list[dict], lang: str) -> list:
    """One line per change from the proposal, with an input for its reason (saved on Enter or leaving the box)."""
    if not rows:
        return []
    return [
        html.Div(t("lokus.reasons_title", lang), className="reasons-title"),
        html.Ul(
            className="reasons-list",
            children=[
                html.Li(
                    className=f"reason-row reason-{r['kind']}",
                    children=[
                        html.Span(r["status"], className="reason-status"),
                        html.Strong(r["desa"], className="reason-desa"),
                        html.Span(r["rank"], className="reason-rank"),
                        dcc.Input(
                            id={"type": ids.LOKUS_REASON, "kode": r["kode"]},
                            type="text",
                            value=r["reason"],
                            maxLength=MAX_REASON,
                            debounce=True,
                            placeholder=t("lokus.reason_placeholder", lang),
                            className="text-input reason-input" + ("" if r["reason"] else " needs-reason"),
                        ),
                    ],
                )
                for r in rows
            ],
        ),
    ]
