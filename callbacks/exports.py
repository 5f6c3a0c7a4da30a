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
    return name, scenarios.parse_version(request.args.get("versi"))


class BuildFailed(Exception):
    """A build that failed before: remembered per data version and proposal, not tried again."""


class Busy(Exception):
    """Another expensive build holds this worker's slot for longer than :data:`BUSY_WAIT`."""


EXPENSIVE = ("pdf", "slide")
BUSY_WAIT = 30.0  # seconds a request waits for the worker's build slot before "try again"
# One expensive build (PDF pack, slide PNG, lokus XLSX) at a time per worker process, so that
# threads of a worker never build several at once and the other requests stay quick.
build_slot = threading.BoundedSemaphore(1)


def _remember(key, value) -> None:
    with _lock:
        _cache[key] = value
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def _lookup(key):
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    return None


def cached_build(key: tuple, make, expensive: bool = True) -> bytes:
    """``make()`` once per ``key``; a failure is remembered too (BuildFailed afterwards), and an
    expensive build waits for this worker's build slot (Busy when it stays taken)."""
    hit = _lookup(key)
    if hit is None and expensive:
        if not build_slot.acquire(timeout=BUSY_WAIT):
            raise Busy()
        try:
            hit = _lookup(key)  # built by another thread while this one waited
            if hit is None:
                hit = _make(key, make)
        finally:
            build_slot.release()
    elif hit is None:
        hit = _make(key, make)
    if isinstance(hit, BuildFailed):
        raise hit
    return hit


def _make(key, make):
    try:
        data = make()
    except (scenarios.ScenarioError, lokus.LokusError):
        raise
    except Exception:
        log.exception("download %s failed; not tried again for this data version", key[:3])
        data = BuildFailed()
    _remember(key, data)
    return data


def _cached(kind: str, lang: str, n: int = 0) -> tuple[str, bytes]:
    """(data version, bytes): the name and the contents of a download from one data version."""
    ds = dataset.current()
    name, version = _scenario_args() if kind == "pdf" else (None, None)
    sc = proposal.resolve(name, version) if kind in ("pdf", "slide") else None
    key = (ds.version, kind, lang, n, proposal.key_of(sc) if kind in ("pdf", "slide") else ())

    def make() -> bytes:
        meeting = proposal.meeting_of(ds, sc, strict=bool(name)) if kind == "pdf" else None
        return build(kind, lang, n, ds, meeting)

    return ds.version, cached_build(key, make, expensive=kind in EXPENSIVE)


def plain(text: str, status: int, **headers) -> Response:
    resp = Response(text, status=status, mimetype="text/plain; charset=utf-8")
    resp.headers.update(headers)
    return resp


def respond(kind: str, n: int = 0) -> Response:
    lang = request_lang()
    mimetype, pattern = KINDS[kind]
    try:
        version, body = _cached(kind, lang, n)
    except scenarios.ScenarioError as e:
        return plain(t(e.key, lang, **e.params), e.status)
    except lokus.LokusError as e:
        return plain(e.message(lang), 400)
    except Busy:
        return plain(t("export.busy", lang), 503, **{"Retry-After": "10"})
    except BuildFailed:
        return plain(t("export.error", lang), 500)
    except Exception:  # the user gets a sentence in their language, the log gets the trace
        log.exception("export %s failed", kind)
        return plain(t("export.error", lang), 500)
    resp = Response(body, mimetype=mimetype)
    name = pattern.format(v=version, lang=lang, n=n)
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
