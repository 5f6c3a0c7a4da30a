"""Plain HTTP routes: versioned GeoJSON (sent once, cached by the browser) and health.

The GeoJSON is compressed once per data version and layer (a province's villages take
tens of milliseconds to gzip; that work is not repeated per request). Every response
carries a ``Server-Timing: app;dur=<ms>`` header with the time the server spent on it,
which the benchmark (bench/) and the browser's developer tools read.
"""

from __future__ import annotations

import gzip
import os
import secrets
import threading
import time

from flask import Response, g, jsonify, request

from callbacks import map as map_cb
from geo.analysis import dataset
from geo.core.memo import VersionedCache
from geo.io import db

GEOJSON_LAYERS = {"desa": "desa_geojson", "kecamatan": "kecamatan_geojson", "label": "label_geojson"}


SARANA_LANGS = {"sarana-id": "id", "sarana-en": "en"}  # all works, texts in that language


def _inset_index(ds, layer: str) -> int | None:
    """``inset-<i>``: the villages of inset map i (Dataset.focus), or None."""
    i = layer[6:]
    if layer.startswith("inset-") and i.isascii() and i.isdigit() and len(i) < 4 and int(i) < len(ds.inset_geojsons):
        return int(i)
    return None


def _layer_bytes(ds, layer: str) -> bytes:
    if layer in SARANA_LANGS:
        return map_cb.initial_sarana(ds, SARANA_LANGS[layer])[0]
    i = _inset_index(ds, layer)
    if i is not None:
        return ds.inset_geojsons[i]
    return getattr(ds, GEOJSON_LAYERS[layer])


def geojson_response(version: str, layer: str) -> Response:
    ds = dataset.current()
    if layer not in GEOJSON_LAYERS and layer not in SARANA_LANGS and _inset_index(ds, layer) is None:
        return Response("not found", status=404, mimetype="text/plain")
    body = _layer_bytes(ds, layer)
    if layer == "desa":
        prepare_years(ds)  # what a pick of an older year will ask for next
    if "gzip" in request.headers.get("Accept-Encoding", "").lower():
        resp = Response(gzipped(ds, layer), mimetype="application/json")
        resp.headers["Content-Encoding"] = "gzip"  # flask-compress leaves it alone
    else:
        resp = Response(body, mimetype="application/json")
    resp.headers["Vary"] = "Accept-Encoding"
    # The URL carries the data version: when it matches, the content never changes.
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable" if version == ds.version else "no-cache"
    return resp


def values_response(version: str, year: int) -> Response:
    """One older year's map values (Dataset.year_values), asked for by the browser when the user
    picks that year: the first village layer carries only each indicator's latest year. Built and
    compressed once per data version and year, and cached by the browser like the layers."""
    ds = dataset.current()
    if version != ds.version or year not in ds.lazy_years:  # another version's: its page must reload
        return Response("not found", status=404, mimetype="text/plain")
    if "gzip" in request.headers.get("Accept-Encoding", "").lower():
        resp = Response(values_gzipped(ds, year), mimetype="application/json")
        resp.headers["Content-Encoding"] = "gzip"  # flask-compress leaves it alone
    else:
        resp = Response(ds.year_values(year), mimetype="application/json")
    resp.headers["Vary"] = "Accept-Encoding"
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return resp


_gz_cache = VersionedCache()  # (data version, layer) -> gzip-compressed GeoJSON
_years_started = VersionedCache()  # (data version, "years") -> True once prepare_years has started


def values_gzipped(ds, year: int) -> bytes:
    """One older year's values (Dataset.year_values) gzip-compressed, once per data version."""
    year = int(year)
    return _gz_cache.get(
        ds.version, f"nilai-{year}", lambda: gzip.compress(ds.year_values(year), compresslevel=9, mtime=0)
    )


def prepare_years(ds, delay: float = 1.0) -> None:
    """Build the older years' values in a background thread, once per data version, after
    ``delay`` seconds (the first map's own requests go first): a user picking an older year then
    waits for the transfer only (a province year takes ~0.25 s to build)."""

    def run():
        time.sleep(delay)
        for year in ds.lazy_years:
            values_gzipped(ds, year)

    def start():
        threading.Thread(target=run, daemon=True, name="konvergensi-years").start()
        return True

    _years_started.get(ds.version, "years", start)


def gzipped(ds, layer: str) -> bytes:
    """The layer's GeoJSON gzip-compressed, computed once per data version."""
    return _gz_cache.get(ds.version, layer, lambda: gzip.compress(_layer_bytes(ds, layer), compresslevel=9, mtime=0))


def warm() -> None:
    """Build what the first visitor would otherwise wait for: the dataset, the simplified
    geometry and the compressed GeoJSON layers."""
    ds = dataset.current()
    for layer in [*GEOJSON_LAYERS, *SARANA_LANGS]:
        gzipped(ds, layer)
    for lang in set(SARANA_LANGS.values()):
        map_cb.page_context(ds, lang)
    prepare_years(ds, delay=0.0)


def _start_timer() -> None:
    g.konvergensi_t0 = time.perf_counter()
    db.begin_request()  # the store's version check: one query per request at most


def _end_request(exc=None) -> None:
    db.end_request()


def _server_timing(resp: Response) -> Response:
    t0 = g.get("konvergensi_t0")
    if t0 is not None:
        resp.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - t0) * 1000:.2f}"
    return resp


_worker_ids: dict[int, str] = {}


def worker_id() -> str:
    """Tells the server's processes apart (monitoring, the load test) without showing a process
    id: a random name made once per process (also after a fork)."""
    return _worker_ids.setdefault(os.getpid(), "w" + secrets.token_hex(4))  # never only digits, like a pid


def health() -> Response:
    ds = dataset.current()
    return jsonify(
        {
            "status": "ok",
            "version": ds.version,
            "versions": ds.versions,
            "villages": int(len(ds.boundaries)),
            "worker": worker_id(),
        }
    )


def register(server) -> None:
    server.before_request(_start_timer)
    server.after_request(_server_timing)
    server.teardown_request(_end_request)
