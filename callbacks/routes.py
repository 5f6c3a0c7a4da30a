"""Plain HTTP routes: versioned GeoJSON (sent once, cached by the browser) and health."""
from __future__ import annotations

import os

from flask import Response, jsonify

from geo import dataset

GEOJSON_LAYERS = {"desa": "desa_geojson", "kecamatan": "kecamatan_geojson", "label": "label_geojson"}


def geojson_response(version: str, layer: str) -> Response:
    ds = dataset.current()
    attr = GEOJSON_LAYERS.get(layer)
    if attr is None:
        return Response("not found", status=404, mimetype="text/plain")
    resp = Response(getattr(ds, attr), mimetype="application/json")
    # The URL carries the data version: when it matches, the content never changes.
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable" if version == ds.version else "no-cache"
    return resp


def health() -> Response:
    ds = dataset.current()
    return jsonify({"status": "ok", "version": ds.version, "versions": ds.versions,
                    "villages": int(len(ds.boundaries)), "worker": os.getpid()})


def register(server) -> None:
    server.add_url_rule("/api/<version>/<layer>.geojson", "geojson", geojson_response)
    server.add_url_rule("/healthz", "healthz", health)
