"""What GIS software reads from a PostgreSQL store: the view ``konvergensi.desa_terkini``.

One row per village of the boundaries in use, with the latest year's value (percent) of every
indicator the dashboard shows, from the office the maps use by default, and the year of that
value. It follows the data: a server that builds the dataset of a new data version publishes it
(geo.io.pg.publish_current, once, whichever server is first), and the command line does after an
import. With SQLite there is no view: QGIS reads the GeoPackage download instead.
"""

from __future__ import annotations

import logging
import threading

import shapely

from geo.io import db, pg, store

log = logging.getLogger("konvergensi.gisview")

_done: set[tuple[str, str]] = set()  # (database, data version) published
_lock = threading.Lock()
_threads: list[threading.Thread] = []
_running: set[tuple[str, str]] = set()  # publications under way in this process


def latest_values(ds) -> list[tuple]:
    """(kode_desa, indikator, tahun, nilai (percent), pembilang, penyebut, opd, versi) of every
    indicator's latest year in ``ds``, as the plain Python values psycopg binds (None for none)."""
    rows = []
    for code in ds.indicator_codes:
        years = ds.years(code)
        if not years:
            continue
        year = years[-1]
        table = ds.prevalensi if code == "stunting" else ds.cakupan[ds.cakupan["indikator"] == code]
        table = table[table["tahun"] == year]
        office = str(table["opd"].iloc[0]) if len(table) and "opd" in table else ""
        version = table["versi"].iloc[0] if len(table) and "versi" in table else None
        for kode, (num, den) in ds.values(code, year).items():
            ok = den == den and den and num == num
            rows.append(
                (
                    str(kode),
                    code,
                    int(year),
                    round(100.0 * float(num) / float(den), 2) if ok else None,
                    float(num) if num == num else None,
                    float(den) if den == den else None,
                    office,
                    int(version) if version is not None and version == version else None,  # NaN: bundled
                )
            )
    return rows


def publish(ds, url: str | None = None) -> bool:
    """Make the view show ``ds`` (PostgreSQL only; False when there is nothing to do)."""
    url = url or db.url()
    if not url or (url, ds.version) in _done:
        return False
    b = ds.boundaries
    version = ds.meta.get("batas", {}).get("id") if isinstance(ds.meta.get("batas"), dict) else None
    boundaries = [
        (str(k), str(n), str(kec), version, w)
        for k, n, kec, w in zip(b["kode_desa"], b["nama_desa"], b["nama_kec"], shapely.to_wkb(b.geometry.values))
    ]
    done = pg.publish_current(url, ds.version, boundaries, latest_values(ds), bool(ds.demo), store.now_utc())
    if done is not None:  # None: another process is publishing; if it fails, the next request here tries
        with _lock:
            _done.add((url, ds.version))
    return bool(done)


def publish_soon(ds) -> None:
    """:func:`publish` in the background (a request never waits for it); errors are logged."""
    url = db.url()  # now: the thread may outlive this request's settings
    key = (url, ds.version)
    with _lock:
        if not url or key in _done or key in _running:
            return
        _running.add(key)

    def run():
        try:
            publish(ds, url)  # another process publishing: not marked done, a later request here looks again
        except Exception as exc:  # noqa: BLE001 - the view is a copy for GIS software; the dashboard goes on
            log.error("view %s not updated: %s", pg.VIEW, exc)
        finally:
            with _lock:
                _running.discard(key)

    th = threading.Thread(target=run, name="konvergensi-gisview", daemon=True)
    with _lock:
        _threads.append(th)
    th.start()


def wait(timeout: float = 60.0) -> None:
    """Wait for the publications under way in this process (tests; a command about to exit)."""
    with _lock:
        pending, _threads[:] = list(_threads), []
    for th in pending:
        th.join(timeout)
