"""Lokus workbench: page context and the callbacks (plain functions first, then register)."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, Patch, State, ctx, dcc, no_update

from callbacks import auth, exports
from callbacks.lang import page_title
from callbacks.map import api_url
from geo.analysis import dataset, lokus
from geo.analysis.uncertainty import SOLID_P
from geo.core.i18n import fmt_int, fmt_num, fmt_pct, norm_lang, t
from geo.io import scenarios
from geo.output import lokusfiles
from geo.views import lokusview as lv
from geo.views import mapview
from layouts import components, ids, lokus_page

EMPTY_OVERRIDES = {"add": [], "remove": [], "reasons": {}}


def built_works_geojson(ds, lang: str) -> dict:
    opts = mapview.sarana_options(ds)
    status = [s for s in opts["status"] if s in lokus.BUILT_STATUS]
    return mapview.sarana_geojson(ds, opts["types"], status, opts["years"], lang)


def criteria_info(res: lv.Result, lang: str) -> list[dict]:
    return [
        {
            "code": c.code,
            "label": lokus.criterion_label(c.code, lang),
            "unit": t(f"lokus.crit.unit.{c.kind}", lang),
            "kind": c.kind,
        }
        for c in res.crit.criteria
    ]


def scenario_options(lang: str) -> list[dict]:
    return [
        {
            "label": t(
                "lokus.sc_option",
                lang,
                name=s["name"],
                version=s["version"],
                n=fmt_int(s["selected"], lang),
                created=s["created"][:16].replace("T", " "),
                by=s["by"] or t("proposal.no_account", lang),
            ),
            "value": scenarios.key(s["name"], s["version"]),
        }
        for s in scenarios.list_all()
    ]


def panels(res: lv.Result, ds, lang: str) -> tuple[list, list]:
    ctx_ = {"n": res.n, "lokus_year": res.lokus_year}
    gap = lokus_page.gap_panel(lv.need_rows(res, ds.sarana, lang), lv.lacking_rows(res, lang), ctx_, lang)
    view = lv.stability_view(res, lang)
    view["n"] = fmt_int(res.n, lang)
    return gap, lokus_page.stability_panel(view, lang)


def page_context(ds, lang: str, user: str | None = None) -> dict:
    out = {"region": ds.region_name, "demo": bool(ds.demo), "user": user}
    crit = lokus.criteria_of(ds)
    if crit.base_year is None or not crit.table[lokus.PREV].notna().any():
        return out | {"ok": False}
    res = lv.compute(ds)
    d = lv.defaults(ds)
    th = res.thresholds
    works = built_works_geojson(ds, lang)
    gap, stab = panels(res, ds, lang)
    n_hint = (
        t("lokus.n_hint", lang, n=d["n"], year=d["lokus_year"])
        if d["lokus_year"]
        else t("lokus.n_hint_none", lang, n=d["n"])
    )
    return out | {
        "ok": True,
        "criteria": criteria_info(res, lang),
        "weights": res.weights,
        "thresholds": {k: list(v) for k, v in th.items()},
        "n": res.n,
        "villages": len(res.ranked),
        "n_hint": n_hint,
        "thresholds_hint": t(
            "lokus.thresholds_hint",
            lang,
            red=fmt_int(th[lokus.COUNT][0], lang),
            yellow=fmt_int(th[lokus.COUNT][1], lang),
        ),
        "lead": t("lokus.lead", lang, year=res.crit.base_year, cov_year=res.crit.coverage_year or "–", n=res.n),
        "params": params_of(res),
        "rows": lv.grid_rows(res, lang),
        "solid_p": SOLID_P,
        "solid_p_t": fmt_num(SOLID_P, lang, 1),
        "stab_pct": fmt_pct(lokus.STABILITY_DELTA * 100, lang, 0),
        "summary": lv.summary(res, lang),
        "overrides": [],
        "lokus_year": res.lokus_year,
        "bounds": ds.bounds,
        "focus_bounds": ds.focus["bounds"],
        "insets": [
            {
                "title": t("map.inset", lang, kec=inset["kec"], n=fmt_int(inset["n"], lang)),
                "bounds": inset["bounds"],
                "url": api_url(ds, f"inset-{i}"),
                "center": [
                    (inset["bounds"][0][0] + inset["bounds"][1][0]) / 2,
                    (inset["bounds"][0][1] + inset["bounds"][1][1]) / 2,
                ],
            }
            for i, inset in enumerate(ds.focus["insets"])
        ],
        "center": [(ds.bounds[0][0] + ds.bounds[1][0]) / 2, (ds.bounds[0][1] + ds.bounds[1][1]) / 2],
        "desa_url": api_url(ds, "desa"),
        "kec_url": api_url(ds, "kecamatan"),
        "hideout": lv.map_hideout(res, lang),
        "sarana_data": works,
        "works_count": fmt_int(len(works["features"]), lang),
        "gap_children": gap,
        "stability_children": stab,
        "scenario_options": scenario_options(lang),
        "print_url": print_url(None, lang),
    }


def layout(lang: str = "id", **_query):
    lang = norm_lang(lang)
    acc = auth.signed_in_account()
    return lokus_page.build(
        page_context(dataset.current(), lang, acc.name if acc and not acc.must_change else None), lang
    )


def params_of(res: lv.Result) -> dict:
    return {
        "weights": res.weights,
        "thresholds": {k: list(v) for k, v in res.thresholds.items()},
        "n": res.n,
        "smoothed": res.smoothed,
    }


def _codes(value) -> list[str]:
    return [c for c in value if isinstance(c, str)] if isinstance(value, list) else []


def compute_from(params: dict, overrides: dict | None, ds=None) -> lv.Result:
    """The workbench's result for choices sent by the browser (any shape: a request may be forged;
    what is not as the page sends it is refused with lokus.LokusError)."""
    ds = ds or dataset.current()
    if (
        not isinstance(params, dict)
        or not isinstance(params.get("weights"), dict)
        or not isinstance(params.get("thresholds"), dict)
    ):
        raise lokus.LokusError("lokus.err.params_invalid")
    o = overrides if isinstance(overrides, dict) else EMPTY_OVERRIDES
    reasons = o.get("reasons") if isinstance(o.get("reasons"), dict) else {}
    return lv.compute(
        ds,
        params["weights"],
        params["thresholds"],
        params.get("n"),
        _codes(o.get("add")),
        _codes(o.get("remove")),
        reasons,
        smoothed=params.get("smoothed", True) is not False,
    )


# ----- callbacks as plain functions -----------------------------------------------------


def update(
    n,
    weight_values,
    weight_ids,
    red_values,
    red_ids,
    yellow_values,
    yellow_ids,
    overrides,
    lang,
    ds=None,
    page_url=None,
    prev_choice="halus",
):
    """Recompute the workbench. Returns (rowData, hideout, summary, gap, stability, params, reasons panel, error).

    Refused input (weights summing to zero, red below yellow, bad N) leaves everything as it
    was (no_update) and shows the reason. So does a page drawn from an older data version
    (``page_url``, the village layer's versioned URL): it is asked to reload instead of
    mixing new figures into the old map and table.
    """
    ds = ds or dataset.current()
    lang = norm_lang(lang)
    if mapview.is_stale(page_url, ds):
        return (no_update,) * 7 + (components.stale_notice("/lokus", lang),)
    weights = {i["c"]: v for i, v in zip(weight_ids, weight_values)}
    thresholds = {i["c"]: [r, y] for i, r, y in zip(red_ids, red_values, yellow_values)}
    params = {"weights": weights, "thresholds": thresholds, "n": n, "smoothed": prev_choice != "ukur"}
    try:
        res = compute_from(params, overrides, ds)
    except lokus.LokusError as e:
        error = [e.message(lang), " ", t("lokus.err.unchanged", lang)]
        return (no_update,) * 7 + (error,)
    gap, stab = panels(res, ds, lang)
    return (
        lv.grid_rows(res, lang),
        lv.map_hideout(res, lang),
        lokus_page.summary_children(lv.summary(res, lang)),
        gap,
        stab,
        params_of(res),
        lokus_page.reasons_panel(lv.override_rows(res, lang), lang),
        "",
    )


def set_reasons(values, reason_ids, overrides):
    """Reasons typed in the changes panel into the overrides store (no_update when nothing changed,
    so re-drawing the panel does not loop)."""
    o = {
        "add": list((overrides or {}).get("add", [])),
        "remove": list((overrides or {}).get("remove", [])),
        "reasons": dict((overrides or {}).get("reasons", {})),
    }
    for i, v in zip(reason_ids or [], values or []):
        text = " ".join(str(v or "").split())
        if text:
            o["reasons"][i["kode"]] = text
        else:
            o["reasons"].pop(i["kode"], None)
    if o["reasons"] == dict((overrides or {}).get("reasons", {})):
        return no_update
    return o


def change_overrides(trigger, cell_clicked, map_click, params, overrides, ds=None):
    """New overrides after a click on the ☐/☑ cell or a click on the map."""
    ds = ds or dataset.current()
    o = {
        "add": list((overrides or {}).get("add", [])),
        "remove": list((overrides or {}).get("remove", [])),
        "reasons": dict((overrides or {}).get("reasons", {})),
    }
    kode = None
    if trigger == ids.LOKUS_GRID + ".cellClicked":
        if not cell_clicked or cell_clicked.get("colId") != "pilih":
            return no_update
        kode = cell_clicked.get("rowId")
    elif trigger == ids.LOKUS_DESA_LAYER:
        kode = ((map_click or {}).get("properties") or {}).get("kode")
    if not kode:
        return no_update
    ranked = lokus.rank(lokus.criteria_of(ds, smoothed=params.get("smoothed", True)), params["weights"])
    o["add"], o["remove"] = lokus.toggle(ranked, params["n"], o["add"], o["remove"], kode)
    return o


def blocked_reason(res: lv.Result, lang: str) -> str:
    if res.selection.complete:
        return ""
    names = res.ranked.set_index("kode_desa")["nama_desa"]
    return t("lokus.missing_reasons", lang, names=", ".join(str(names[c]) for c in res.selection.missing_reasons))


def scenario_label(current) -> str | None:
    if not current:
        return None
    name, version = scenarios.parse_key(current)
    return f"{name} v{version}"


def print_url(current, lang) -> str:
    """The printable view: of the scenario saved or opened last, else of the default ranking."""
    from urllib.parse import urlencode

    q = {"lang": "en"} if norm_lang(lang) == "en" else {}
    if current:
        name, version = scenarios.parse_key(current)
        q |= {"skenario": name, "versi": version}
    return "/lokus/cetak" + ("?" + urlencode(q) if q else "")


def download(kind: str, params, overrides, current, lang, ds=None):
    """(dcc.Download data or no_update, message)."""
    ds = ds or dataset.current()
    scenario_name = scenario_label(current)
    lang = norm_lang(lang)
    try:
        res = compute_from(params, overrides, ds)
    except lokus.LokusError as e:
        return no_update, e.message(lang)
    if not res.selection.complete:
        return no_update, t("lokus.dl_blocked", lang) + " " + blocked_reason(res, lang)
    if kind == "xlsx":
        if not exports.build_slot.acquire(timeout=exports.BUSY_WAIT):
            return no_update, t("export.busy", lang)
        try:
            body = lokusfiles.to_xlsx(res, lang, scenario_name)
        finally:
            exports.build_slot.release()
        return dcc.send_bytes(body, "usulan-desa-lokus.xlsx"), ""
    return dcc.send_bytes(lokusfiles.to_csv(res, lang, scenario_name), "usulan-desa-lokus.csv"), ""


def save_scenario(name, params, overrides, lang, ds=None, user: str | None = None):
    """(message, options, current name). Only a signed-in account (``user``) can save: the
    latest saved scenario is what the rembuk meeting is shown."""
    lang = norm_lang(lang)
    if not user:
        return t("lokus.sc_need_login", lang), no_update, no_update
    ds = ds or dataset.current()
    try:
        scenarios.clean_name(name)
    except scenarios.ScenarioError as e:
        return t(e.key, lang, **e.params), no_update, no_update
    try:
        res = compute_from(params, overrides, ds)
    except lokus.LokusError as e:
        return e.message(lang), no_update, no_update
    if not res.selection.complete:
        return t("lokus.sc_blocked", lang, reason=blocked_reason(res, lang)), no_update, no_update
    content = params_of(res) | {
        "base_year": res.crit.base_year,
        "add": res.selection.added,
        "remove": res.selection.removed,
        "selected": res.selection.selected,
        "reasons": {c: res.reasons[c] for c in res.selection.added + res.selection.removed},
    }
    try:
        sc = scenarios.save(name, ds.version, content, by=user)
    except scenarios.ScenarioError as e:
        return t(e.key, lang, **e.params), no_update, no_update
    return (
        t("lokus.sc_saved", lang, name=sc.name, version=sc.version),
        scenario_options(lang),
        scenarios.key(sc.name, sc.version),
    )


def open_scenario(value, lang, ds=None):
    """Inputs to restore: (n, weights list, reds, yellows, overrides, message, current) for a saved scenario."""
    ds = ds or dataset.current()
    lang = norm_lang(lang)
    if not value:
        return None
    name, version = scenarios.parse_key(value)
    try:
        sc = scenarios.open_(name, version)
    except scenarios.ScenarioError as e:
        return {"message": t(e.key, lang, **e.params)}
    overrides = {"add": sc.add, "remove": sc.remove, "reasons": sc.reasons}
    msg = t("lokus.sc_opened", lang, name=sc.name, version=sc.version, created=sc.created[:16].replace("T", " "))
    try:
        res = compute_from(
            {"weights": sc.weights, "thresholds": sc.thresholds, "n": sc.n, "smoothed": sc.smoothed}, overrides, ds
        )
        differ = set(res.selection.selected) ^ set(sc.selected)
        if differ:
            msg += " " + t("lokus.sc_opened_differs", lang, count=fmt_int(len(differ), lang))
    except lokus.LokusError as e:
        msg += " " + e.message(lang)
    return {
        "n": sc.n,
        "weights": sc.weights,
        "thresholds": sc.thresholds,
        "overrides": overrides,
        "message": msg,
        "current": scenarios.key(sc.name, sc.version),
    }


def set_inputs(trigger, pick, weight_ids, lang, ds=None):
    """Reset to defaults or open a scenario: new values for N, weights, thresholds, overrides."""
    ds = ds or dataset.current()
    codes = [i["c"] for i in weight_ids]
    if trigger == ids.LOKUS_SC_OPEN:
        data = open_scenario(pick, lang, ds)
        if data is None:
            return (no_update,) * 5 + (no_update, no_update)
        if "weights" not in data:
            return (no_update,) * 5 + (data["message"], no_update)
        w, th = data["weights"], data["thresholds"]
        d = lv.defaults(ds)["thresholds"]
        return (
            data["n"],
            [w.get(c, 0) for c in codes],
            [list(th.get(c, d[c]))[0] for c in codes],
            [list(th.get(c, d[c]))[1] for c in codes],
            data["overrides"],
            data["message"],
            data["current"],
        )
    d = lv.defaults(ds)
    return (
        d["n"],
        [d["weights"].get(c, 0) for c in codes],
        [d["thresholds"][c][0] for c in codes],
        [d["thresholds"][c][1] for c in codes],
        EMPTY_OVERRIDES,
        "",
        None,
    )


def compare(a, b, lang, ds=None):
    ds = ds or dataset.current()
    lang = norm_lang(lang)
    if not a or not b:
        return []
    try:
        sa = scenarios.open_(*scenarios.parse_key(a))
        sb = scenarios.open_(*scenarios.parse_key(b))
    except scenarios.ScenarioError as e:
        return [t(e.key, lang, **e.params)]
    d = scenarios.compare(sa, sb)
    names = ds.desa_index["nama_desa"]
    return lokus_page.compare_panel(
        d,
        {c: str(names.get(c, c)) for c in d["only_a"] + d["only_b"]},
        f"{sa.name} v{sa.version}",
        f"{sb.name} v{sb.version}",
        lang,
    )


def inset_hideouts(main, current):
    """Each inset's hideout: the main layer's (selection, tips) with the inset's own class and fit."""
    if not main:
        return [no_update] * len(current or [])
    return [dict(main, cls="desa-inset", fit=(h or {}).get("fit")) for h in (current or [])]


def quick_filter(text):
    p = Patch()
    p["quickFilterText"] = text or ""
    return p


def register(app) -> None:
    # This page: its address, its place in the navigation (layouts/shell.py reads the registry)
    dash.register_page(
        __name__, path="/lokus", name="Lokus", order=2, nav="nav.lokus", title=page_title("nav.lokus"), layout=layout
    )

    weight = {"type": ids.LOKUS_WEIGHT, "c": ALL}
    red = {"type": ids.LOKUS_TH_RED, "c": ALL}
    yellow = {"type": ids.LOKUS_TH_YELLOW, "c": ALL}

    @app.callback(
        Output(ids.LOKUS_GRID, "rowData"),
        Output(ids.LOKUS_DESA_LAYER, "hideout"),
        Output(ids.LOKUS_SUMMARY, "children"),
        Output(ids.LOKUS_GAP, "children"),
        Output(ids.LOKUS_STABILITY, "children"),
        Output(ids.LOKUS_PARAMS, "data"),
        Output(ids.LOKUS_REASONS, "children"),
        Output(ids.LOKUS_ERROR, "children"),
        Input(ids.LOKUS_N, "value"),
        Input(weight, "value"),
        Input(red, "value"),
        Input(yellow, "value"),
        Input(ids.LOKUS_OVERRIDES, "data"),
        Input(ids.LOKUS_PREV, "value"),
        State(weight, "id"),
        State(red, "id"),
        State(yellow, "id"),
        State(ids.LANG, "data"),
        State(ids.LOKUS_DESA_LAYER, "url"),
        prevent_initial_call=True,
    )
    def _update(n, wv, rv, yv, overrides, prev, wi, ri, yi, lang, url):
        return update(n, wv, wi, rv, ri, yv, yi, overrides, lang, page_url=url, prev_choice=prev)

    # "Reset" also puts the score back on the smoothed prevalence (the default).
    app.callback(Output(ids.LOKUS_PREV, "value"), Input(ids.LOKUS_RESET, "n_clicks"), prevent_initial_call=True)(
        lambda _n: "halus"
    )

    # The insets of far-off villages show the same selection as the main map.
    app.callback(
        Output({"type": ids.LOKUS_INSET_LAYER, "i": ALL}, "hideout"),
        Input(ids.LOKUS_DESA_LAYER, "hideout"),
        State({"type": ids.LOKUS_INSET_LAYER, "i": ALL}, "hideout"),
        prevent_initial_call=True,
    )(inset_hideouts)

    @app.callback(
        Output(ids.LOKUS_OVERRIDES, "data"),
        Input(ids.LOKUS_GRID, "cellClicked"),
        Input(ids.LOKUS_DESA_LAYER, "clickData"),
        State(ids.LOKUS_PARAMS, "data"),
        State(ids.LOKUS_OVERRIDES, "data"),
        prevent_initial_call=True,
    )
    def _overrides(cell, click, params, overrides):
        trig = ctx.triggered[0]["prop_id"] if ctx.triggered else ""
        trigger = ids.LOKUS_DESA_LAYER if trig.startswith(ids.LOKUS_DESA_LAYER + ".") else trig
        return change_overrides(trigger, cell, click, params, overrides)

    reason = {"type": ids.LOKUS_REASON, "kode": ALL}
    app.callback(
        Output(ids.LOKUS_OVERRIDES, "data", allow_duplicate=True),
        Input(reason, "value"),
        State(reason, "id"),
        State(ids.LOKUS_OVERRIDES, "data"),
        prevent_initial_call=True,
    )(set_reasons)

    @app.callback(
        Output(ids.LOKUS_N, "value"),
        Output(weight, "value"),
        Output(red, "value"),
        Output(yellow, "value"),
        Output(ids.LOKUS_OVERRIDES, "data", allow_duplicate=True),
        Output(ids.LOKUS_SC_MSG, "children"),
        Output(ids.LOKUS_SC_CURRENT, "data"),
        Input(ids.LOKUS_RESET, "n_clicks"),
        Input(ids.LOKUS_SC_OPEN, "n_clicks"),
        State(ids.LOKUS_SC_PICK, "value"),
        State(weight, "id"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )
    def _set_inputs(_r, _o, pick, wi, lang):
        return set_inputs(ctx.triggered_id, pick, wi, lang)

    @app.callback(
        Output(ids.LOKUS_SC_MSG, "children", allow_duplicate=True),
        Output(ids.LOKUS_SC_PICK, "options"),
        Output(ids.LOKUS_SC_A, "options"),
        Output(ids.LOKUS_SC_B, "options"),
        Output(ids.LOKUS_SC_CURRENT, "data", allow_duplicate=True),
        Input(ids.LOKUS_SC_SAVE, "n_clicks"),
        State(ids.LOKUS_SC_NAME, "value"),
        State(ids.LOKUS_PARAMS, "data"),
        State(ids.LOKUS_OVERRIDES, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )
    def _save(_n, name, params, overrides, lang):
        msg, options, current = save_scenario(name, params, overrides, lang, user=auth.current_user())
        if options is not no_update:
            auth.audit("simpan_skenario", str(name)[:80])
        return msg, options, options, options, current

    app.callback(
        Output(ids.LOKUS_SC_DIFF, "children"),
        Input(ids.LOKUS_SC_A, "value"),
        Input(ids.LOKUS_SC_B, "value"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda a, b, lang: compare(a, b, lang))

    @app.callback(
        Output(ids.LOKUS_DOWNLOAD, "data"),
        Output(ids.LOKUS_DL_MSG, "children"),
        Input(ids.LOKUS_DL_XLSX, "n_clicks"),
        Input(ids.LOKUS_DL_CSV, "n_clicks"),
        State(ids.LOKUS_PARAMS, "data"),
        State(ids.LOKUS_OVERRIDES, "data"),
        State(ids.LOKUS_SC_CURRENT, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )
    def _download(_x, _c, params, overrides, current, lang):
        return download("xlsx" if ctx.triggered_id == ids.LOKUS_DL_XLSX else "csv", params, overrides, current, lang)

    app.callback(
        Output(ids.LOKUS_PRINT, "href"),
        Input(ids.LOKUS_SC_CURRENT, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(print_url)

    app.callback(
        Output(ids.LOKUS_GRID, "dashGridOptions"), Input(ids.LOKUS_SEARCH, "value"), prevent_initial_call=True
    )(quick_filter)
