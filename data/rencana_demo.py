"""Layer: io
Synthetic, clearly-labelled demo plans, realisations and one recorded rembuk meeting
(DATA CONTOH) for ``data/make_demo_data.py``. Seeded: the same inputs always give the same
files. Lokus villages get most plans; about a third of their red coverage cells get none, so
the *gaps without a plan* have something to show; deliveries range from nothing to all.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.demo_tables import DEMO_SOURCE

YEARS = (2022, 2023, 2024)
# indicator: (office, activity, unit, volume range, budget per unit in Rp, funding sources)
ACTIVITIES = {
    "ttd_remaja": (
        "Dinas Kesehatan",
        "Pemberian TTD remaja putri di sekolah",
        "sekolah",
        (1, 4),
        2_500_000,
        ("APBD", "DAK"),
    ),
    "anc4": ("Dinas Kesehatan", "Kelas ibu hamil", "kelas", (4, 12), 1_250_000, ("APBD", "DAK")),
    "timbang_baduta": (
        "Dinas Pemberdayaan Masyarakat dan Desa",
        "Revitalisasi posyandu",
        "posyandu",
        (1, 3),
        6_000_000,
        ("Dana Desa",),
    ),
    "imunisasi_dasar": ("Dinas Kesehatan", "Sweeping imunisasi dasar", "kegiatan", (2, 6), 900_000, ("APBD", "APBN")),
    "air_minum": ("Dinas PUPR", "Pembangunan sumur bor", "unit", (1, 3), 45_000_000, ("APBD", "DAK", "Dana Desa")),
    "jamban_sehat": ("Pemerintah Desa", "Bantuan jamban keluarga", "unit", (5, 25), 3_500_000, ("Dana Desa", "APBD")),
}
MEETING_DATE = "2023-08-15"


def generate(boundaries, cakupan: pd.DataFrame, lokus: pd.DataFrame, seed: int = 7416) -> dict:
    """{"rencana": frame, "realisasi": frame, "berita_acara": dict} for the demo."""
    from geo.analysis.convergence import indicator_target
    from geo.analysis.indicators import percent

    rng = np.random.default_rng(seed)
    b = boundaries.sort_values("kode_desa").reset_index(drop=True)
    names = dict(zip(b["kode_desa"], b["nama_desa"]))
    lokus_year = int(lokus["tahun"].max()) if len(lokus) else None
    lokus_codes = set(lokus.loc[lokus["tahun"] == lokus_year, "kode_desa"]) if lokus_year else set()
    cov_year = int(cakupan["tahun"].max())
    cov = cakupan[cakupan["tahun"] == cov_year]
    pct = {
        (k, i): percent(a, d)
        for k, i, a, d in zip(cov["kode_desa"], cov["indikator"], cov["pembilang"], cov["penyebut"])
    }
    plans, real = [], []
    for year in YEARS:
        for code in b["kode_desa"]:
            is_lokus = code in lokus_codes
            for ind, (office, activity, unit, (lo, hi), per_unit, funds) in ACTIVITIES.items():
                red = pct.get((code, ind), 100.0) < indicator_target(ind).red_below
                chance = (0.62 if red else 0.5) if is_lokus else (0.22 if red else 0.1)
                if rng.random() >= chance:
                    continue
                vol = int(rng.integers(lo, hi + 1))
                fund = str(rng.choice(list(funds)))
                budget = int(round(vol * per_unit * rng.uniform(0.85, 1.2), -5))
                plans.append(
                    {
                        "kode_desa": code,
                        "nama_desa": names[code],
                        "tahun": year,
                        "opd": office,
                        "kegiatan": activity,
                        "indikator": ind,
                        "volume": vol,
                        "satuan": unit,
                        "anggaran": budget,
                        "sumber_dana": fund,
                        "sumber": DEMO_SOURCE,
                    }
                )
                share = float(rng.choice([1.0, 1.0, 1.0, rng.uniform(0.3, 0.9), 0.0], p=[0.25, 0.2, 0.15, 0.25, 0.15]))
                if year == YEARS[-1] and rng.random() < 0.2:
                    share = 0.0  # the latest year: some not reported yet
                if share == 0.0:
                    continue
                done = int(round(vol * share)) or 1
                real.append(
                    {
                        "kode_desa": code,
                        "nama_desa": names[code],
                        "tahun": year,
                        "opd": office,
                        "kegiatan": activity,
                        "indikator": ind,
                        "volume": done,
                        "satuan": unit,
                        "anggaran": int(round(budget * min(1.0, share * rng.uniform(0.9, 1.05)), -5)),
                        "sumber_dana": fund,
                        "sumber": DEMO_SOURCE,
                    }
                )
    rencana, realisasi = pd.DataFrame(plans), pd.DataFrame(real)
    return {"rencana": rencana, "realisasi": realisasi, "berita_acara": meeting(rencana, realisasi, lokus_codes, rng)}


def meeting(rencana: pd.DataFrame, realisasi: pd.DataFrame, lokus_codes, rng) -> dict:
    """One recorded meeting: five offices present, four commitments for the next year's plans in
    lokus villages (one delivered in full, one in part, one not at all, one more)."""
    from geo.analysis.convergence import DONE, NOT_DONE, PARTLY, commitment_status

    year = int(MEETING_DATE[:4]) + 1
    p = rencana[(rencana["tahun"] == year) & rencana["kode_desa"].isin(lokus_codes)].reset_index(drop=True)
    chosen, want = [], [DONE, PARTLY, NOT_DONE, DONE]
    for status in want:
        for r in p.itertuples():
            c = {
                "opd": r.opd,
                "kegiatan": r.kegiatan,
                "kode_desa": r.kode_desa,
                "nama_desa": r.nama_desa,
                "volume": int(r.volume),
                "satuan": r.satuan,
                "tenggat": f"{year}-{'06-30' if len(chosen) % 2 else '12-31'}",
            }
            if (
                c not in chosen
                and commitment_status(c, realisasi)["status"] == status
                and all(x["kode_desa"] != c["kode_desa"] for x in chosen)
            ):
                chosen.append(c)
                break
    people = [
        {"nama": n, "opd": o}
        for n, o in (
            ("Contoh: Kepala Bappeda", "Bappeda"),
            ("Contoh: Kepala Dinas Kesehatan", "Dinas Kesehatan"),
            ("Contoh: Kabid Cipta Karya", "Dinas PUPR"),
            ("Contoh: Kabid Pemdes", "Dinas Pemberdayaan Masyarakat dan Desa"),
            ("Contoh: Kepala Desa", "Pemerintah Desa"),
        )
    ]
    return {
        "tanggal": MEETING_DATE,
        "versi": 1,
        "dibuat": f"{MEETING_DATE}T06:00:00Z",
        "oleh": "contoh",
        "peserta": people,
        "komitmen": chosen,
        "versi_data": {"rencana": "contoh", "realisasi": "contoh"},
        "skenario": "Usulan bawaan",
        "sumber": DEMO_SOURCE,
    }
