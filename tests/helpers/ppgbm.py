"""Generated e-PPGBM individual reports for tests and the benchmark (obviously fake people).

:func:`make_report` returns the report as e-PPGBM exports it (realistic headers, village names
in capitals, the file's own ``ZS TB/U`` and ``TB/U``) plus, per row, the truth the generator
used (kept apart from the file). Names look like ``BALITA UJI 000123`` and NIKs start with
``9900`` (no real NIK does), so a search for them in stored data can only find what the
import leaked.
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd

HEADERS = [
    "No",
    "NIK",
    "Nama",
    "JK",
    "Tgl Lahir",
    "BB Lahir",
    "TB Lahir",
    "Nama Ortu",
    "Prov",
    "Kab/Kota",
    "Kec",
    "Pukesmas",
    "Desa/Kel",
    "Posyandu",
    "RT",
    "RW",
    "Alamat",
    "Usia Saat Ukur",
    "Tanggal Pengukuran",
    "Berat",
    "Tinggi",
    "Cara Ukur",
    "LiLA",
    "BB/U",
    "ZS BB/U",
    "TB/U",
    "ZS TB/U",
    "BB/TB",
    "ZS BB/TB",
]
EPOCH = dt.date(1970, 1, 1)


def fake_nik(i: int) -> str:
    return f"9900{i:012d}"


def fake_name(i: int) -> str:
    return f"BALITA UJI {i:06d}"


def _lms():
    from geo.core import zscore

    return zscore.lms_table()


def make_report(
    boundaries,
    n_children: int = 1300,
    year: int = 2024,
    seed: int = 7,
    n_villages: int = 25,
    twice: int = 60,
    over_age: int = 40,
    implausible: int = 15,
    born_after: int = 5,
    disagree: int = 12,
    no_nik: int = 20,
) -> pd.DataFrame:
    """The report's rows (strings as e-PPGBM writes them, dates as ``datetime.date``) with
    hidden truth columns prefixed ``_`` (``_sex``, ``_birth``, ``_meas``, ``_height``, ``_lying``)."""
    rng = np.random.default_rng(seed)
    b = boundaries.sort_values("kode_desa").reset_index(drop=True)
    take = b.iloc[np.linspace(0, len(b) - 1, min(n_villages, len(b))).astype(int)]
    vi = rng.integers(0, len(take), n_children)
    sex = rng.integers(1, 3, n_children)
    meas = np.array([(dt.date(year, 1, 1) - EPOCH).days], dtype=np.int64) + rng.integers(0, 330, n_children)
    age = rng.integers(0, 1826, n_children)
    age[:over_age] = rng.integers(1826, 2100, over_age)  # the first children are over age
    birth = meas - age
    # a second, later measurement for some children in the same year
    rep = np.arange(over_age, over_age + twice)
    idx = np.concatenate([np.arange(n_children), rep])
    meas2 = meas.copy()
    meas_all = np.concatenate([meas, meas2[rep] + rng.integers(1, 30, twice)])
    child = idx
    age_all = meas_all - birth[child]
    sex_all = sex[child]
    z = rng.normal(-1.1, 1.25, len(idx))
    bad = rng.choice(np.arange(over_age + twice, n_children), implausible, replace=False)
    z[bad] = rng.choice([-7.5, 7.2], implausible)
    lms = _lms()
    a = np.clip(age_all, 0, 1826)
    m, s = lms[sex_all, a, 1], lms[sex_all, a, 2]
    lying = age_all < 731
    swap = rng.random(len(idx)) < 0.06
    lying = np.where(swap, ~lying, lying)
    true_h = m * (1 + s * z)
    # measured height: what the table expects, shifted by how it was taken
    h = true_h - np.where((age_all < 731) & ~lying, 0.7, 0) + np.where((age_all >= 731) & lying, 0.7, 0)
    h = np.round(h, 1)
    h = np.where(rng.random(len(idx)) < 0.15, np.round(h * 2) / 2, h)  # some heaping on .0 / .5
    # e-PPGBM's own z and status (mostly agree with the truth; some rows disagree)
    their_z = np.round(z, 2)
    flip = rng.choice(np.arange(len(idx)), disagree, replace=False)
    their_z[flip] = np.where(their_z[flip] < -2, 0.5, -2.6)
    status = np.select([their_z < -3, their_z < -2, their_z <= 3], ["Sangat Pendek", "Pendek", "Normal"], "Tinggi")
    births = birth[child].copy()
    ba = rng.choice(np.arange(over_age + twice, n_children), born_after, replace=False)
    births[ba] = meas_all[ba] + rng.integers(5, 60, born_after)
    v = take.iloc[vi[child]]
    n = len(idx)
    nik = np.array([fake_nik(c) for c in child], dtype=object)
    nik[np.isin(child, np.arange(n_children - no_nik, n_children))] = ""
    df = pd.DataFrame(
        {
            "No": np.arange(1, n + 1),
            "NIK": nik,
            "Nama": [fake_name(c) for c in child],
            "JK": np.where(sex_all == 1, "L", "P"),
            "Tgl Lahir": [EPOCH + dt.timedelta(days=int(d)) for d in births],
            "BB Lahir": "3,1",
            "TB Lahir": "49",
            "Nama Ortu": [f"IBU UJI {c:06d}" for c in child],
            "Prov": "SULAWESI TENGGARA",
            "Kab/Kota": "BUTON SELATAN",
            "Kec": v["nama_kec"].str.upper().to_numpy(),
            "Pukesmas": ("PKM " + v["nama_kec"].str.upper()).to_numpy(),
            "Desa/Kel": v["nama_desa"].str.upper().to_numpy(),
            "Posyandu": "MAWAR",
            "RT": "001",
            "RW": "002",
            "Alamat": [f"JL. FIKTIF NO {c}" for c in child],
            "Usia Saat Ukur": [f"{int(x) // 365} Tahun - {int(x) % 365 // 30} Bulan" for x in age_all],
            "Tanggal Pengukuran": [EPOCH + dt.timedelta(days=int(d)) for d in meas_all],
            "Berat": np.round(rng.normal(11, 2, n), 1),
            "Tinggi": h,
            "Cara Ukur": np.where(lying, "Terlentang", "Berdiri"),
            "LiLA": "",
            "BB/U": "Berat Badan Normal",
            "ZS BB/U": "-0,5",
            "TB/U": status,
            "ZS TB/U": their_z,
            "BB/TB": "Gizi Baik",
            "ZS BB/TB": "0,1",
            "_child": child,
            "_sex": sex_all,
            "_birth": births,
            "_meas": meas_all,
            "_height": h,
            "_lying": lying,
        }
    )
    return df.sample(frac=1, random_state=seed).reset_index(drop=True)


def visible(df: pd.DataFrame) -> pd.DataFrame:
    return df[[c for c in df.columns if not c.startswith("_")]]


def to_csv(df: pd.DataFrame, date_formats=("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")) -> bytes:
    """Semicolon CSV with decimal commas, the dates in a mix of formats (as offices send them)."""
    out = visible(df).copy()
    for col in ("Tgl Lahir", "Tanggal Pengukuran"):
        out[col] = [d.strftime(date_formats[i % len(date_formats)]) for i, d in enumerate(out[col])]
    for col in ("Berat", "Tinggi", "ZS TB/U"):
        out[col] = [str(x).replace(".", ",") for x in out[col]]
    return out.to_csv(sep=";", index=False).encode("utf-8")


def to_xlsx(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    visible(df).to_excel(buf, index=False)
    return buf.getvalue()
