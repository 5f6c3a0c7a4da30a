"""Reading the bundled data and the stored versions into tidy tables (no analysis: the
:class:`geo.analysis.dataset.Dataset` is assembled from these)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from geo.core import config
from geo.core.memo import VersionedCache
from geo.core.schema import FLOAT_COLUMNS, INT_COLUMNS, STR_COLS, TABLE_COLUMNS, TEXT_COLUMNS
from geo.io import boundaries as bnd

PROJECT_DIR = Path(__file__).resolve().parents[2]
BUNDLED_DIR = PROJECT_DIR / "data"
BUNDLED_BOUNDARIES = BUNDLED_DIR / "buton_selatan_desa.gpkg"
BUNDLED_DEMO = BUNDLED_DIR / "demo"
BUNDLED_PUBLISHED = BUNDLED_DIR / "prevalensi_terbit_buton_selatan.csv"


# A bundled demo table is shown only for boundaries it was made for: at least this share
# of its village codes must exist in the boundaries in use (another kabupaten: none).
DEMO_MATCH_SHARE = 0.9


def read_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={k: v for k, v in STR_COLS.items()}, keep_default_na=True)


def file_hash(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()[:12]


def prepare_table(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Stored rows in the shape the Dataset expects (every office's rows kept: see
    :func:`default_office_rows` for the one figure a map shows)."""
    df = df.copy()
    if name in ("prevalensi", "cakupan") and "bulan" in df and df["bulan"].notna().any():
        # Several weighings in one year (e.g. February and August): show the latest month,
        # never a sum that would count the same children twice.
        df["_b"] = pd.to_numeric(df["bulan"], errors="coerce").fillna(0)
        group = [c for c in ("kode_desa", "tahun", "indikator", "opd") if c in df]
        group = [c for c in group if c not in ("opd",) or df[c].notna().all()]
        last = df.groupby(group, dropna=False)["_b"].transform("max")
        df = df[df["_b"] == last].drop(columns="_b")
    for c in TABLE_COLUMNS[name]:
        if c not in df:
            df[c] = None
    if name == "prevalensi":
        from geo.io.coverage import PREVALENCE_INDICATOR, default_office

        office = default_office(PREVALENCE_INDICATOR)
        df["opd"] = [v if isinstance(v, str) and v.strip() else office for v in df["opd"]] if "opd" in df else office
    for c in INT_COLUMNS:
        if c in df:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("int64")
    for c in FLOAT_COLUMNS:
        if c in df:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    for c in TEXT_COLUMNS:
        if c in df:
            df[c] = [("" if v is None or (isinstance(v, float) and v != v) else str(v)) for v in df[c]]
    if "lokasi_perkiraan" in df:
        df["lokasi_perkiraan"] = df["lokasi_perkiraan"].fillna(False).astype(bool)
    return df.reset_index(drop=True)


# Severe stunting (HAZ < −3): the by-name import (geo.io.measurements) counts it per village and
# period beside the stunting figure, as the prevalensi rows' ``balita_stunting_berat``. Those rows
# are the indicator ``stunting_berat`` of the catalogue: severely stunted / measured, with the
# period, office and import version of the stunting figure they come with (:func:`severe_rows`).
SEVERE_INDICATOR = "stunting_berat"
SEVERE_COLUMN = "balita_stunting_berat"
_DERIVED = "_dari_prevalensi"  # marks observations made from prevalensi rows (replaced on each build)


def severe_rows(prevalensi: pd.DataFrame) -> pd.DataFrame:
    """The ``stunting_berat`` observations of prevalensi rows that carry a severe count, shaped
    like coverage rows (``indikator``, ``pembilang`` = severely stunted, ``penyebut`` = measured,
    same year, month, partial-year flag, office, source and version); rows without one (older
    aggregated imports) give none."""
    cols = ["kode_desa", "nama_desa", "tahun", "bulan", "sebagian_tahun", "opd", "sumber", "versi"]
    if prevalensi is None or not len(prevalensi) or SEVERE_COLUMN not in prevalensi:
        return pd.DataFrame(columns=["indikator", "pembilang", "penyebut", *cols])
    n = pd.to_numeric(prevalensi[SEVERE_COLUMN], errors="coerce")
    p = prevalensi[n.notna().to_numpy()]
    out = pd.DataFrame({c: p[c].to_numpy() for c in cols if c in p})
    out["indikator"] = SEVERE_INDICATOR
    out["pembilang"] = n[n.notna()].astype("int64").to_numpy()
    out["penyebut"] = pd.to_numeric(p["balita_diukur"], errors="coerce").astype("int64").to_numpy()
    return out


def without_derived(cakupan: pd.DataFrame) -> pd.DataFrame:
    """``cakupan`` without the observations :func:`with_severe` made from prevalensi rows (the
    coverage table's own sources and offices)."""
    if _DERIVED not in cakupan:
        return cakupan
    return cakupan[~cakupan[_DERIVED].fillna(False).astype(bool).to_numpy()].drop(columns=_DERIVED)


def with_severe(cakupan: pd.DataFrame, prevalensi: pd.DataFrame) -> pd.DataFrame:
    """``cakupan`` (every office's rows) with the ``stunting_berat`` observations of ``prevalensi``
    (:func:`severe_rows`) in place of any made from an earlier table. Where the coverage rows
    already hold ``stunting_berat`` for the same year and office, those are kept instead."""
    cakupan = without_derived(cakupan)
    sev = severe_rows(prevalensi)
    if not len(sev):
        return cakupan.reset_index(drop=True)
    if len(cakupan) and "indikator" in cakupan:
        own = cakupan[cakupan["indikator"] == SEVERE_INDICATOR]
        have = {(int(y), office_key(o)) for y, o in zip(own["tahun"], own.get("opd", [""] * len(own)))}
        if have:
            keep = [(int(y), office_key(o)) not in have for y, o in zip(sev["tahun"], sev["opd"])]
            sev = sev[keep]
    sev = sev.assign(**{_DERIVED: True})
    out = (
        pd.concat([cakupan, sev], ignore_index=True)
        if len(cakupan)
        else sev.reindex(columns=list(dict.fromkeys([*cakupan.columns, *sev.columns])))
    )
    for c in ("tahun", "pembilang", "penyebut"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("int64")
    for c in ("opd", "sumber", "nama_desa"):
        if c in out:
            out[c] = ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in out[c]]
    return out.reset_index(drop=True)


def office_key(text) -> str:
    return " ".join(str(text or "").split()).casefold()


def chosen_offices(df: pd.DataFrame, default_of) -> dict[tuple, str]:
    """{(indicator, year): office key} whose figures a map shows: the catalogue's default office
    (``default_of(indicator)``) where it reported, else the office with the most villages (then
    the newest import). One office per indicator and year: never a mix of offices on one map."""
    if not len(df):
        return {}
    d = df.assign(
        _o=[office_key(v) for v in df["opd"]],
        _i=df["indikator"] if "indikator" in df else "stunting",
        _v=df["versi"] if "versi" in df else 0,
    )
    out = {}
    for (ind, year), g in d.groupby(["_i", "tahun"]):
        present = set(g["_o"])
        want = office_key(default_of(ind))
        if want in present:
            out[(ind, int(year))] = want
            continue
        n = g.groupby("_o").agg(n=("kode_desa", "nunique"), v=("_v", "max")).sort_values(["n", "v"], ascending=False)
        out[(ind, int(year))] = n.index[0]
    return out


def default_office_rows(df: pd.DataFrame, default_of) -> pd.DataFrame:
    """The rows of the office :func:`chosen_offices` picks for each indicator and year."""
    if not len(df) or "opd" not in df:
        return df
    chosen = chosen_offices(df, default_of)
    inds = df["indikator"] if "indikator" in df else pd.Series("stunting", index=df.index)
    keep = [chosen.get((i, int(y))) == office_key(o) for i, y, o in zip(inds, df["tahun"], df["opd"])]
    return df[keep].reset_index(drop=True)


def empty_table(name: str) -> pd.DataFrame:
    return prepare_table(name, pd.DataFrame(columns=TABLE_COLUMNS[name]))


def demo_fits(table: pd.DataFrame, boundaries) -> bool:
    codes = set(table["kode_desa"])
    if not codes:
        return False
    return len(codes & set(boundaries["kode_desa"])) / len(codes) >= DEMO_MATCH_SHARE


def source_text(name: str, df: pd.DataFrame, meta: dict) -> str:
    """Who published a stored version, and which import it is."""
    offices = []
    for col in ("opd", "sumber"):
        if col in df:
            offices += [v for v in df[col] if v]
    offices = list(dict.fromkeys(offices))[:3]
    who = ", ".join(offices) if offices else meta.get("nama_berkas", "")
    return f"{who} (v{meta['id']}, {meta['waktu'][:10]})"


def current_table(store, name: str) -> tuple[pd.DataFrame | None, dict | None]:
    """The store's current rows of ``name`` (geo.io.coverage: each key from the version current
    for it), prepared, with the record of the newest contributing version plus ``per_indicator``
    (indicator -> the newest version behind it) and ``contributing`` (every version behind it)."""
    rows, used = store.current_rows(name)
    if rows is None or not len(rows):
        return None, None
    rows = prepare_table(name, rows) if name in TABLE_COLUMNS else rows.reset_index(drop=True)
    by_id = {v["id"]: v for v in used}
    per_indicator = {}
    if "indikator" in rows:
        for ind, vid in rows.groupby("indikator")["versi"].max().items():
            per_indicator[ind] = by_id.get(int(vid), used[0])
    return rows, dict(used[0], per_indicator=per_indicator, contributing=sorted(by_id))


_bundled_boundaries = VersionedCache(size=1, one_build=True)  # path -> the bundled boundaries
_imported_boundaries = VersionedCache(size=1, one_build=True)  # store state -> the imported ones


def bundled_boundaries():
    """The bundled (or ``KONVERGENSI_BOUNDARIES``) village boundaries, read once per process."""
    path = config.bundled_boundaries(BUNDLED_BOUNDARIES)
    return _bundled_boundaries.get(str(path), "batas", lambda: bnd.read_boundaries(path))


def current_boundaries():
    """The boundaries in use now: the latest imported ``batas`` version, else the bundled ones."""
    from geo.io import store

    state = store.version_key()  # (store path, newest id, its time): another data folder never matches
    if not state[1]:
        return bundled_boundaries()
    vid = current_boundary_version(store)
    if vid is None:
        return bundled_boundaries()
    return _imported_boundaries.get((state[0], vid), "batas", lambda: store.load(version_id=vid))


def current_boundary_version(store) -> int | None:
    """The ``batas`` version in use (the newest import not withdrawn), or None."""
    winners, _ = store.current_versions("batas")
    return next(iter(winners.values()), None)
