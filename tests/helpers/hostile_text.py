"""Files whose names carry HTML and script, for the plain-text tests (issue 6)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.io import loading

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
OFFICE = "Dinas <b>PUPR</b> <script>alert(1)</script>"


def write_files(folder: Path) -> dict[str, Path]:
    """Boundaries with two villages renamed, prevalence, coverage, works and lokus naming them."""
    folder.mkdir(parents=True, exist_ok=True)
    b = gpd.read_file(loading.BUNDLED_BOUNDARIES)
    # rename two villages whose box centre lies well inside them (a browser test hovers there)
    inside = [i for i, g in enumerate(b.geometry) if g.buffer(-0.002).contains(g.envelope.centroid)]
    b = pd.concat([b.iloc[inside[:2]], b.drop(index=b.index[inside[:2]])]).reset_index(drop=True)
    b.loc[0, "nama_desa"] = IMG
    b.loc[1, "nama_desa"] = SCRIPT
    out = {"batas": folder / "batas.geojson"}
    b.to_file(out["batas"], driver="GeoJSON")
    names = dict(zip(b["kode_desa"], b["nama_desa"]))
    demo = loading.BUNDLED_DEMO
    for kind in ("prevalensi", "cakupan", "lokus"):
        df = pd.read_csv(demo / f"{kind}.csv", dtype=str)
        df["nama_desa"] = df["kode_desa"].map(names)
        df = df.drop(columns=["sumber"], errors="ignore")
        if kind == "cakupan":
            df["opd"] = OFFICE
        if kind == "lokus":
            df.loc[df.index[0], "kode_desa"] = b.loc[0, "kode_desa"]
            df.loc[df.index[0], "nama_desa"] = IMG
            df = df.drop_duplicates(["kode_desa", "tahun"])
        out[kind] = folder / f"{kind}.csv"
        df.to_csv(out[kind], index=False)
    s = pd.DataFrame(
        [
            {
                "nama_sarana": f"{IMG} {SCRIPT}",
                "jenis": "sumur bor",
                "kode_desa": b.loc[0, "kode_desa"],
                "nama_desa": IMG,
                "lintang": "",
                "bujur": "",
                "tahun": 2023,
                "status": "selesai",
                "sumber_dana": SCRIPT,
                "kk_terlayani": 12,
                "opd": OFFICE,
            }
        ]
    )
    out["sarana"] = folder / "sarana.csv"
    s.to_csv(out["sarana"], index=False)
    return out
