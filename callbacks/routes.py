"""Plain HTTP routes: versioned GeoJSON (sent once, cached by the browser) and health.

The GeoJSON is compressed once per data version and layer (a province's villages take
tens of milliseconds to gzip; that work is not repeated per request). Every response
carries a ``Server-Timing: app;dur=<ms>`` header with the time the server spent on it,
which the benchmark (bench/) and the browser's developer tools read.
"""
from __future__ import annotations

import gzip
import threading
import time

from flask import Response, g, jsonify, request

from geo import dataset

GEOJSON_LAYERS = {"desa": "desa_geojson", "kecamatan": "kecamatan_geojson", "label": "label_geojson"}


def geojson_response(version: str, layer: str) -> Response:
    ds = dataset.current()
    attr = GEOJSON_LAYERS.get(layer)
    if attr is None:
        return Response("not found", status=404, mimetype="text/plain")
    body = getattr(ds, attr)
    if "gzip" in request.headers.get("Accept-Encoding", "").lower():
        resp = Response(gzipped(ds, attr), mimetype="application/json")
        resp.headers["Content-Encoding"] = "gzip"  # flask-compress leaves it alone
    else:
        resp = Response(body, mimetype="application/json")
    resp.headers["Vary"] = "Accept-Encoding"
    # The URL carries the data version: when it matches, the content never changes.
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable" if version == ds.version else "no-cache"
    return resp


_gz_lock = threading.Lock()
_gz_cache: dict[tuple[str, str], bytes] = {}


def gzipped(ds, attr: str) -> bytes:
    """``getattr(ds, attr)`` gzip-compressed, computed once per data version."""
    key = (ds.version, attr)
    with _gz_lock:
        data = _gz_cache.get(key)
        if data is None:
            data = gzip.compress(getattr(ds, attr), compresslevel=9, mtime=0)
            for old in [k for k in _gz_cache if k[0] != ds.version]:
                del _gz_cache[old]
            _gz_cache[key] = data
        return data


def warm() -> None:
    """Build what the first visitor would otherwise wait for: the dataset, the simplified
    geometry and the compressed GeoJSON layers."""
    ds = dataset.current()
    for attr in GEOJSON_LAYERS.values():
        gzipped(ds, attr)


def _start_timer() -> None:
    g.konvergensi_t0 = time.perf_counter()


def _server_timing(resp: Response) -> Response:
    t0 = g.get("konvergensi_t0")
    if t0 is not None:
        resp.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - t0) * 1000:.2f}"
    return resp


def health() -> Response:
    ds = dataset.current()
    return jsonify({"status": "ok", "version": ds.version, "versions": ds.versions,
                    "villages": int(len(ds.boundaries))})


def register(server) -> None:
    server.add_url_rule("/api/<version>/<layer>.geojson", "geojson", geojson_response)
    server.add_url_rule("/healthz", "healthz", health)
    server.before_request(_start_timer)
    server.after_request(_server_timing)
