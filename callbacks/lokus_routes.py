"""Plain HTTP routes of the lokus workbench: downloads of the default ranking and a printable view.

    /unduh/usulan-lokus.xlsx   default weights, thresholds and N (no planner changes)
    /unduh/usulan-lokus.csv    the same as CSV
    /lokus/cetak               printable view; ?skenario=NAME&versi=V prints a saved scenario
"""
from __future__ import annotations

from flask import Response, request
from markupsafe import escape

from callbacks import exports
from geo import dataset, lokus, scenarios
from geo import lokusview as lv
from geo.i18n import fmt_int, fmt_num, norm_lang, t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    return norm_lang(request.args.get("lang"))


def download(ext: str) -> Response:
    lang = _lang()
    ds = dataset.current()

    def make() -> bytes:
        res = lv.compute(ds)
        return lv.to_xlsx(res, lang) if ext == "xlsx" else lv.to_csv(res, lang)

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
    res = lv.compute(ds, sc.weights, sc.thresholds, sc.n, sc.add, sc.remove, sc.reasons)
    return res, f"{sc.name} v{sc.version}"


def print_view() -> Response:
    """A self-contained printable page (escaped text only, local CSS; its one script is the Print
    button's, a file of this server, as the Content-Security-Policy requires)."""
    lang = _lang()
    ds = dataset.current()
    try:
        res, label = _result_for(ds, request.args.get("skenario"), request.args.get("versi"), lang)
    except scenarios.ScenarioError as e:
        return Response(str(escape(t(e.key, lang, **e.params))), status=e.status, mimetype="text/plain; charset=utf-8")
    except lokus.LokusError as e:
        return Response(str(escape(e.message(lang))), status=400, mimetype="text/plain; charset=utf-8")
    table = lv.export_table(res, lang)
    params = lv.export_params(res, lang, label)
    colour_cols = {c for c in table.columns if c.startswith(t("lokus.x.warna", lang, criterion=""))}
    words = {lv.light_word(x, lang): x for x in lokus.LIGHTS}

    def cell(col, v) -> str:
        if v is None or (isinstance(v, float) and v != v):
            return "<td></td>"
        if col in colour_cols and v in words:
            return f'<td class="tl tl-{words[v]}">{escape(v)}</td>'
        if isinstance(v, float):
            return f'<td class="num">{escape(fmt_num(v, lang, 1))}</td>'
        if isinstance(v, int):
            return f'<td class="num">{escape(fmt_int(v, lang))}</td>'
        return f"<td>{escape(v)}</td>"

    def table_html(df) -> str:
        head = "".join(f"<th>{escape(c)}</th>" for c in df.columns)
        body = "".join("<tr>" + "".join(cell(c, v) for c, v in zip(df.columns, row)) + "</tr>"
                       for row in df.itertuples(index=False))
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    chosen_col = t("lokus.x.dipilih", lang)
    chosen = table[table[chosen_col] != ""]
    demo = f'<p class="demo-tag">{escape(t("lokus.x.demo_note", lang))}</p>' if res.demo else ""
    param_rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in params)
    html = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(t("lokus.print_title", lang, region=res.region))}</title>
<link rel="stylesheet" href="/assets/style.css"><script src="/assets/print.js" defer></script></head>
<body class="print-view">
<button class="btn no-print" type="button" data-action="print">{escape(t("lokus.print_button", lang))}</button>
<h1>{escape(t("lokus.print_title", lang, region=res.region))}</h1>{demo}
<h2>{escape(t("lokus.print_selected", lang, n=fmt_int(len(chosen), lang)))}</h2>{table_html(chosen)}
<h2>{escape(t("lokus.print_params", lang))}</h2><table class="params">{param_rows}</table>
<h2>{escape(t("lokus.print_all", lang))}</h2>{table_html(table)}
</body></html>"""
    return Response(html, mimetype="text/html")


def register(server) -> None:
    server.add_url_rule("/unduh/usulan-lokus.xlsx", "lokus_xlsx", download_xlsx)
    server.add_url_rule("/unduh/usulan-lokus.csv", "lokus_csv", download_csv)
    server.add_url_rule("/lokus/cetak", "lokus_print", print_view)
