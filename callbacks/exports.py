"""Download routes (/unduh/...): meeting pack PDF, slide PNGs, village data (csv, gpkg) and its dictionary.

Language: ``?lang=en`` or the remembered cookie (callbacks/lang.request_lang), Indonesian by default.
Files are built from the current dataset and kept in memory per (data version, file kind, language,
and for the PDF and slides the lokus proposal shown: geo.views.proposal.key_of). The PDF shows the
latest saved lokus scenario, else the default ranking; ``?skenario=NAME&versi=V`` picks a scenario.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from pathlib import Path

from flask import Response, request

from callbacks.lang import request_lang
from geo.analysis import dataset, lokus
from geo.core import config
from geo.core.i18n import t
from geo.core.memo import VersionedCache
from geo.io import scenarios
from geo.views import proposal
from geo.views import rembuk as grembuk

log = logging.getLogger(__name__)

KINDS = {
    "pdf": ("application/pdf", "paket-rembuk-{v}-{lang}.pdf"),
    "csv": ("text/csv; charset=utf-8", "konvergensi-data-{v}-{lang}.csv"),
    "gpkg": ("application/geopackage+sqlite3", "konvergensi-data-{v}-{lang}.gpkg"),
    "kamus": ("text/csv; charset=utf-8", "kamus-data-{v}-{lang}.csv"),
    "slide": ("image/png", "slide-{n}-{v}-{lang}.png"),
}
CACHE_SIZE = 24
_cache = VersionedCache(size=CACHE_SIZE)  # key (data version, kind, lang, ...) -> bytes or BuildFailed


def build(kind: str, lang: str, n: int = 0, ds=None, proposals=None) -> bytes:
    """The bytes of one download (plain function: tests call it directly). ``proposals``: the lokus
    proposal of the PDF (a geo.views.proposal.Meeting or a hook list); None = latest scenario or default."""
    ds = ds or dataset.current()
    if kind == "pdf":
        from geo.output import pdf

        return pdf.build_pack(ds, lang, proposals)
    if kind == "slide":
        from geo.views import charts

        return charts.slide_png(ds, n, lang)
    from geo.output import exports

    return {"csv": exports.csv_bytes, "gpkg": exports.gpkg_bytes, "kamus": exports.dictionary_csv_bytes}[kind](ds, lang)


def _scenario_args() -> tuple[str | None, int | None]:
    name = (request.args.get("skenario") or "").strip() or None
    return name, scenarios.parse_version(request.args.get("versi"))


class BuildFailed(Exception):
    """A build that failed before: remembered per data version and proposal, not tried again."""


class Busy(Exception):
    """Another expensive build holds the server's build slot for longer than :data:`BUSY_WAIT`."""


EXPENSIVE = ("pdf", "slide")
BUSY_WAIT = 0.5  # seconds a request waits for the build slot before "try again in a few seconds"
DISK_KEEP = 200  # built files kept in the data folder's cache (the oldest go first)


class BuildSlot:
    """At most one expensive build (PDF pack, slide PNG, lokus XLSX) at a time on this server, across
    every worker process and thread: an exclusive lock on ``cache/unduhan.lock`` in the data folder
    (a per-process lock where that cannot be opened, or without ``fcntl``). A request that cannot
    get it within :data:`BUSY_WAIT` is answered "busy" at once, so a burst of downloads never holds
    every sync worker and the other pages stay quick."""

    def __init__(self):
        self._thread = threading.Lock()
        self._file = None

    def acquire(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if not self._thread.acquire(timeout=max(0.0, timeout)):
            return False
        try:
            import fcntl

            path = config.data_dir() / "cache" / "unduhan.lock"
            path.parent.mkdir(parents=True, exist_ok=True)
            f = open(path, "a")
        except (ImportError, OSError):
            self._file = None
            return True
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._file = f
                return True
            except OSError:
                if time.monotonic() >= deadline:
                    f.close()
                    self._thread.release()
                    return False
                time.sleep(0.05)

    def release(self) -> None:
        f, self._file = self._file, None
        if f is not None:
            f.close()  # closing the file releases its lock
        self._thread.release()


build_slot = BuildSlot()


def _remember(key, value) -> None:
    _cache.put(key[0], key, value)  # key[0]: the data version


def _lookup(key):
    return _cache.lookup(key[0], key)


def _disk_path(key) -> Path:
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:40]
    return config.data_dir() / "cache" / "unduhan" / digest


def _disk_get(key) -> bytes | None:
    """A file another worker already built (the same data version, kind, language, proposal)."""
    try:
        return _disk_path(key).read_bytes()
    except OSError:
        return None


def _disk_put(key, data: bytes) -> None:
    path = _disk_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # atomic: a reader sees the whole file or none
        kept = sorted(path.parent.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[DISK_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full folder: every worker builds its own copy


def cached_build(key: tuple, make, expensive: bool = True) -> bytes:
    """``make()`` once per ``key`` on this server: kept in memory, and for expensive files also in the
    data folder for the other workers. A failure is remembered too (BuildFailed afterwards); an
    expensive build needs the server's build slot (Busy when it stays taken)."""
    hit = _lookup(key)
    if hit is None and expensive:
        hit = _disk_get(key)
        if hit is None:
            if not build_slot.acquire(timeout=BUSY_WAIT):
                raise Busy()
            try:
                hit = _lookup(key) or _disk_get(key)  # built meanwhile by another thread or worker
                if hit is None:
                    hit = _make(key, make)
                    if isinstance(hit, bytes):
                        _disk_put(key, hit)
            finally:
                build_slot.release()
        _remember(key, hit)
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


def reset_disk_cache() -> None:
    """Files built by an earlier run of the code may differ from what this one builds: start afresh."""
    import shutil

    shutil.rmtree(config.data_dir() / "cache" / "unduhan", ignore_errors=True)
