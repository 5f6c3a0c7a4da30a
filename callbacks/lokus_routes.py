"""Plain HTTP routes of the lokus workbench: downloads of the default ranking and a printable view.

/unduh/usulan-lokus.xlsx   default weights, thresholds and N (no planner changes)
/unduh/usulan-lokus.csv    the same as CSV
/lokus/cetak               printable view; ?skenario=NAME&versi=V prints a saved scenario
"""

from __future__ import annotations

from flask import Response, render_template, request
from markupsafe import escape

from callbacks import exports
from geo.analysis import dataset, lokus
from geo.core.i18n import fmt_int, fmt_num, norm_lang, t
from geo.io import scenarios
from geo.output import lokusfiles
from geo.views import lokusview as lv

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    return norm_lang(request.args.get("lang"))


def download(ext: str) -> Response:
    lang = _lang()
    ds = dataset.current()

    def make() -> bytes:
        res = lv.compute(ds)
        return lokusfiles.to_xlsx(res, lang) if ext == "xlsx" else lokusfiles.to_csv(res, lang)

    try:
        body = exports.cached_build((ds.version, "usulan-lokus", lang, ext), make, expensive=ext == "xlsx")
    except exports.Busy:
        return exports.plain(t("export.busy", lang), 503, **{"Retry-After": "10"})
    except (exports.BuildFailed, lokus.LokusError):
        return exports.plain(t("export.error", lang), 500)
    resp = Response(body, mimetype=XLSX if ext == "xlsx" else "text/csv; charset=utf-8")
    resp.headers["Content-Disposition"] = f'attachment; filename="usulan-desa-lokus.{ext}"'
    resp.headers["Cache-Control"] = "no-cache"
    return resp


def download_xlsx() -> Response:
    return download("xlsx")


def download_csv() -> Response:
    return download("csv")


def _result_for(ds, name: str | None, version: str | None, lang: str):
    if not name:
        return lv.compute(ds), None
    sc = scenarios.open_(name, scenarios.parse_version(version))
    res = lv.compute(ds, sc.weights, sc.thresholds, sc.n, sc.add, sc.remove, sc.reasons, smoothed=sc.smoothed)
    return res, f"{sc.name} v{sc.version}"


def print_view() -> Response:
    """A self-contained printable page from the Jinja template ``templates/cetak.html`` (every value
    escaped, local CSS; its one script is the Print button's file, as the Content-Security-Policy requires)."""
    lang = _lang()
    ds = dataset.current()
    try:
        res, label = _result_for(ds, request.args.get("skenario"), request.args.get("versi"), lang)
    except scenarios.ScenarioError as e:
        return Response(str(escape(t(e.key, lang, **e.params))), status=e.status, mimetype="text/plain; charset=utf-8")
    except lokus.LokusError as e:
        return Response(str(escape(e.message(lang))), status=400, mimetype="text/plain; charset=utf-8")
    table = lv.export_table(res, lang)
    colour_cols = {c for c in table.columns if c.startswith(t("lokus.x.warna", lang, criterion=""))}
    words = {lv.light_word(x, lang): x for x in lokus.LIGHTS}

    def cell(col, v) -> dict:
        if v is None or (isinstance(v, float) and v != v):
            return {"text": ""}
        if col in colour_cols and v in words:
            return {"text": v, "cls": f"tl tl-{words[v]}"}
        if isinstance(v, float):
            return {"text": fmt_num(v, lang, 1), "cls": "num"}
        if isinstance(v, int):
            return {"text": fmt_int(v, lang), "cls": "num"}
        return {"text": v}

    def rows_of(df) -> dict:
        return {
            "head": list(df.columns),
            "rows": [[cell(c, v) for c, v in zip(df.columns, row)] for row in df.itertuples(index=False)],
        }

    chosen = table[table[t("lokus.x.dipilih", lang)] != ""]
    html = render_template(
        "cetak.html",
        lang=lang,
        title=t("lokus.print_title", lang, region=res.region),
        print_button=t("lokus.print_button", lang),
        demo=t("lokus.x.demo_note", lang) if res.demo else "",
        selected_title=t("lokus.print_selected", lang, n=fmt_int(len(chosen), lang)),
        selected=rows_of(chosen),
        params_title=t("lokus.print_params", lang),
        params=lv.export_params(res, lang, label),
        all_title=t("lokus.print_all", lang),
        all=rows_of(table),
    )
    return Response(html, mimetype="text/html")
