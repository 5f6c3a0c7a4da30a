"""The indicator catalogue in effect: the bundled data/indikator.csv overlaid by the store's
current ``indikator`` rows (one entry per code, geo.io.coverage), once per store state.

Every process reads it from the store (several gunicorn workers each see a new import on their
next request): geo.analysis.dataset.build puts it in the Dataset of that data version, and
:func:`current_catalogue` installs it (geo.core.schema.use) for the code that validates an import.
"""

from __future__ import annotations

from geo.core import schema
from geo.core.errors import DataError, Problem
from geo.core.memo import VersionedCache

KIND = "indikator"

_catalogues = VersionedCache(size=1, one_build=True)  # store state -> the catalogue in effect


def catalogue_of_store(store) -> schema.Catalogue:
    """The bundled catalogue with the store's current ``indikator`` rows on top."""
    rows, _ = store.current_rows(KIND)
    if rows is None or not len(rows):
        return schema.BUNDLED
    return schema.BUNDLED.overlay(rows.drop(columns="versi", errors="ignore").to_dict("records"))


def current_catalogue(state: tuple | None = None, install: bool = True) -> schema.Catalogue:
    """The catalogue of store state ``state`` (default: the store's newest,
    geo.io.store.version_key), cached per state; installed as the catalogue in effect unless
    ``install`` is False."""
    from geo.io import store

    state = store.version_key() if state is None else state
    cat = schema.BUNDLED if not state[1] else _catalogues.get(state, KIND, lambda: catalogue_of_store(store))
    return schema.use(cat) if install else cat


def withdraw_problems(version_id: int) -> list[Problem]:
    """Why withdrawing ``version_id`` must be refused: an ``indikator`` import whose withdrawal
    would take out of the catalogue a code that has coverage data (a code with data stays valid).
    The bundled codes never leave the catalogue: withdrawing brings their bundled definition back."""
    from geo.io import coverage, store

    old = store.get_version(int(version_id))
    if old is None or old["jenis"] != KIND or old["ditarik"]:
        return []
    versions = store.list_versions(KIND)
    before = coverage.resolve(versions)
    after = coverage.resolve(
        versions + [{"id": 1 + max(v["id"] for v in versions), "cakupan": [], "ditarik": old["id"]}]
    )
    gone = {k[0] for k in before if k not in after and k[0] not in schema.BUNDLED}
    if not gone:
        return []
    rows, _ = store.current_rows("cakupan")
    used = sorted(gone & {str(v).casefold() for v in (rows["indikator"] if rows is not None else [])})
    if not used:
        return []
    return [Problem("indikator.withdraw_has_data", {"version": int(version_id), "codes": ", ".join(used)})]


def withdraw(version_id: int, by: str) -> int:
    """geo.io.store.withdraw, refused (DataError) when :func:`withdraw_problems` finds a reason."""
    from geo.io import store

    problems = withdraw_problems(version_id)
    if problems:
        raise DataError(problems)
    return store.withdraw(version_id, by)
