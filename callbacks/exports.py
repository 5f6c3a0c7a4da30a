"""Download routes (/unduh/...): meeting pack PDF, slide PNGs, village data (csv, gpkg) and its dictionary.

Language: ``?lang=en`` or the remembered cookie (callbacks/lang.request_lang), Indonesian by default.
Files are built from the current dataset and kept in memory per (data version, file kind, language,
and for the PDF and slides the lokus proposal shown: geo.proposal.key_of). The PDF shows the
latest saved lokus scenario, else the default ranking; ``?skenario=NAME&versi=V`` picks a scenario.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from flask import Response, request

from callbacks.lang import request_lang
from geo import dataset, lokus, proposal, scenarios
from geo import rembuk as grembuk
from geo.i18n import t

log = logging.getLogger(__name__)

KINDS = {
    "pdf": ("application/pdf", "paket-rembuk-{v}-{lang}.pdf"),
    "csv": ("text/csv; charset=utf-8", "konvergensi-data-{v}-{lang}.csv"),
    "gpkg": ("application/geopackage+sqlite3", "konvergensi-data-{v}-{lang}.gpkg"),
    "kamus": ("text/csv; charset=utf-8", "kamus-data-{v}-{lang}.csv"),
    "slide": ("image/png", "slide-{n}-{v}-{lang}.png"),
}
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()
CACHE_SIZE = 24


def build(kind: str, lang: str, n: int = 0, ds=None, proposals=None) -> bytes:
    """The bytes of one download (plain function: tests call it directly). ``proposals``: the lokus
    proposal of the PDF (a geo.proposal.Meeting or a hook list); None = latest scenario or default."""
    ds = ds or dataset.current()
    if kind == "pdf":
        from geo import pdf
        return pdf.build_pack(ds, lang, proposals)
    if kind == "slide":
        from geo import charts
        return charts.slide_png(ds, n, lang)
    from geo import exports
    return {"csv": exports.csv_bytes, "gpkg": exports.gpkg_bytes, "kamus": exports.dictionary_csv_bytes}[kind](ds, lang)


def _scenario_args() -> tuple[str | None, int | None]:
    name = (request.args.get("skenario") or "").strip() or None
    version = request.args.get("versi") or ""
    return name, int(version) if version.isdigit() else None


def _cached(kind: str, lang: str, n: int = 0) -> bytes:
    ds = dataset.current()
    name, version = _scenario_args() if kind == "pdf" else (None, None)
    sc = proposal.resolve(name, version) if kind in ("pdf", "slide") else None
    key = (ds.version, kind, lang, n, proposal.key_of(sc) if kind in ("pdf", "slide") else ())
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    meeting = proposal.meeting_of(ds, sc, strict=bool(name)) if kind == "pdf" else None
    data = build(kind, lang, n, ds, meeting)
    with _lock:
        _cache[key] = data
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return data


def respond(kind: str, n: int = 0) -> Response:
    lang = request_lang()
    mimetype, pattern = KINDS[kind]
    try:
        body = _cached(kind, lang, n)
    except scenarios.ScenarioError as e:
        return Response(t(e.key, lang, **e.params), status=404, mimetype="text/plain; charset=utf-8")
    except lokus.LokusError as e:
        return Response(e.message(lang), status=400, mimetype="text/plain; charset=utf-8")
    except Exception as exc:  # the user gets a sentence in their language, the log gets the trace
        log.exception("export %s failed", kind)
        return Response(t("export.error", lang, detail=type(exc).__name__), status=500,
                        mimetype="text/plain; charset=utf-8")
    resp = Response(body, mimetype=mimetype)
    name = pattern.format(v=dataset.current().version, lang=lang, n=n)
    disposition = "inline" if kind in ("pdf", "slide") else "attachment"
    resp.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
    resp.headers["Cache-Control"] = "no-cache"
    return resp


def slide(n: int) -> Response:
    if not 1 <= n <= len(grembuk.SLIDES):
        return Response("not found", status=404, mimetype="text/plain")
    return respond("slide", n)


def register(server) -> None:
    server.add_url_rule("/unduh/paket-rembuk.pdf", "unduh_pdf", lambda: respond("pdf"))
    server.add_url_rule("/unduh/data.csv", "unduh_csv", lambda: respond("csv"))
    server.add_url_rule("/unduh/data.gpkg", "unduh_gpkg", lambda: respond("gpkg"))
    server.add_url_rule("/unduh/kamus-data.csv", "unduh_kamus", lambda: respond("kamus"))
    server.add_url_rule("/unduh/slide-<int:n>.png", "unduh_slide", slide)
