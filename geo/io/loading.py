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
    """A stored version's rows in the shape the Dataset expects."""
    df = df.copy()
    if name == "prevalensi" and "bulan" in df and df["bulan"].notna().any():
        # Several weighings in one year (e.g. February and August): show the latest month,
        # never a sum that would count the same children twice.
        df["_b"] = pd.to_numeric(df["bulan"], errors="coerce").fillna(0)
        last = df.groupby(["kode_desa", "tahun"])["_b"].transform("max")
        df = df[df["_b"] == last].drop(columns="_b")
    for c in TABLE_COLUMNS[name]:
        if c not in df:
            df[c] = None
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


def merged_cakupan(store) -> tuple[pd.DataFrame, dict]:
    """Coverage comes from several offices in separate files: each indicator is taken
    from the newest version that contains it, so Dinas PUPR's water file does not hide
    Dinas Kesehatan's ANC figures. Returns the rows and the version record of the
    newest version plus ``per_indicator`` (indicator -> version record)."""
    parts, per_indicator = [], {}
    versions = store.list_versions("cakupan")
    for v in versions:
        df = store.load(version_id=v["id"])
        fresh = df[~df["indikator"].isin(list(per_indicator))]
        for ind in sorted(set(fresh["indikator"])):
            per_indicator[ind] = v
        if len(fresh):
            parts.append(fresh)
    rows = prepare_table("cakupan", pd.concat(parts, ignore_index=True) if parts else pd.DataFrame())
    return rows, dict(versions[0], per_indicator=per_indicator)



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
    latest = store.latest_all() if state[1] else {}
    if "batas" not in latest:
        return bundled_boundaries()
    v = latest["batas"]
    return _imported_boundaries.get((state[0], v["id"], v["waktu"]), "batas", lambda: store.load(version_id=v["id"]))
