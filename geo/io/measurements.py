"""e-PPGBM by-name measurements -> village figures, with nothing personal kept.

:func:`check` takes the raw records of an e-PPGBM individual report (one row per child per
measurement: NIK, name, sex, birth date, measurement date, weight, height, how the height
was taken, village, kecamatan, puskesmas, posyandu, e-PPGBM's own z-score and status),
computes length/height-for-age z-scores with :mod:`geo.core.zscore`, applies the rules below
and returns rows shaped exactly like an aggregated ``prevalensi`` import, one per village
and period, plus the data-quality figures of the measurements.

Rules (also on /metode):

* a row counts when both dates are readable, the birth is not after the measurement, neither
  date is in the future, the child is 0 to under 1,826 days old at the measurement, and sex
  and height are given; other rows are excluded and named by row in warnings;
* per child and period (year, or year and month), the child's latest counting measurement is
  the one used; the child is identified in memory only, by a keyed one-way hash (HMAC-SHA-256
  with the installation's secret salt) of the NIK, or of name + birth date when the NIK is
  missing; neither the hash nor any personal field leaves this module;
* |HAZ| > 6 is biologically implausible: excluded and counted;
* measured = children with a valid HAZ; stunted = HAZ < −2; severely stunted = HAZ < −3.

Only aggregates leave: counts per village and period, plus the quality counts per village
(rows, exclusions, sums for the mean and SD of HAZ, height decimals, agreement with the file's
own status). Messages name rows by their spreadsheet number and never show a personal value.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.core import zscore
from geo.core.errors import Problem
from geo.io.validate import Checked, Villages, header_key, name_key

KIND = "pengukuran"
MAX_AGE_DAYS = 1826  # under 60 months: 0 .. 1825 days
IMPLAUSIBLE = 6.0
STUNTED, SEVERE = -2.0, -3.0
# WHO/UNICEF 2019 recommendations cite the 5th-95th percentile of HAZ SDs in 51 DHS surveys
# (Mei & Grummer-Strawn 2007): SDs outside this range deserve a question.
SD_RANGE = (1.35, 1.95)
IMPLAUSIBLE_SHARE_FLAG = 1.0  # percent of flagged z-scores worth a question
DIGIT_EXPECTED = 20.0  # .0 and .5 are 2 of 10 possible decimals
DIGIT_FLAG = 30.0
ROWS_LISTED = 30  # row numbers named in one grouped message
DISAGREE_LISTED = 50  # disagreements listed one by one (all are counted)
SOURCE = "e-PPGBM (pengukuran)"

ALIASES = {
    "nik": ("nik", "nik_anak", "no_nik", "nik_balita"),
    "nama": ("nama", "nama_anak", "nama_balita"),
    "jk": ("jk", "jenis_kelamin", "l_p", "sex", "kelamin"),
    "tgl_lahir": ("tgl_lahir", "tanggal_lahir", "tgl_lhr", "tgllahir"),
    "tgl_ukur": (
        "tanggal_pengukuran",
        "tgl_pengukuran",
        "tgl_ukur",
        "tanggal_ukur",
        "tanggal_pengukuran_terakhir",
        "tgl_penimbangan",
        "tanggal_penimbangan",
    ),
    "berat": ("berat", "bb", "berat_badan", "bb_kg"),
    "tinggi": ("tinggi", "tb", "tinggi_badan", "tb_cm", "pb_tb", "panjang_tinggi"),
    "cara_ukur": ("cara_ukur", "cara_pengukuran", "posisi_ukur"),
    "desa": ("desa_kel", "desa_kelurahan", "desa", "kelurahan", "nama_desa", "kel_desa"),
    "kec": ("kec", "kecamatan", "nama_kec"),
    "puskesmas": ("pukesmas", "puskesmas", "nama_puskesmas"),
    "posyandu": ("posyandu", "nama_posyandu"),
    "zs_tbu": ("zs_tb_u", "zs_tbu", "z_tb_u", "zscore_tb_u", "z_score_tb_u", "zs_pb_tb_u"),
    "tbu": ("tb_u", "tbu", "status_tb_u", "pb_tb_u"),
}
REQUIRED = ("jk", "tgl_lahir", "tgl_ukur", "tinggi", "desa")
# The e-PPGBM report's headers as the template shows them, with one obviously fake child.
TEMPLATE = {
    "NIK": "9900000000000001",
    "Nama": "CONTOH ANAK",
    "JK": "L",
    "Tgl Lahir": "15/01/2023",
    "Tanggal Pengukuran": "20/02/2024",
    "Berat": "9,8",
    "Tinggi": "78,5",
    "Cara Ukur": "Terlentang",
    "Desa/Kel": "BUSOA",
    "Kec": "BATAUGA",
    "Pukesmas": "BATAUGA",
    "Posyandu": "MAWAR",
    "ZS TB/U": "-1,23",
    "TB/U": "Normal",
}
OUTPUT_COLUMNS = (
    "kode_desa",
    "nama_desa",
    "tahun",
    "bulan",
    "balita_diukur",
    "balita_stunting",
    "sumber",
    "balita_stunting_berat",
)
QUALITY_COLUMNS = (
    "puskesmas",
    "ukur_baris",
    "ukur_di_luar_umur",
    "ukur_tidak_mungkin",
    "ukur_tidak_wajar",
    "ukur_diganti",
    "ukur_haz_n",
    "ukur_haz_jumlah",
    "ukur_haz_kuadrat",
    "ukur_tinggi_n",
    "ukur_tinggi_0_5",
    "ukur_status_n",
    "ukur_status_beda",
)
# e-PPGBM's TB/U statuses -> class (0 severely stunted, 1 stunted, 2 normal, 3 tall)
STATUS_WORDS = {"sangatpendek": 0, "severelystunted": 0, "pendek": 1, "stunted": 1, "normal": 2, "tinggi": 3, "tall": 3}
STATUS_LABEL = {0: "Sangat Pendek", 1: "Pendek", 2: "Normal", 3: "Tinggi"}  # e-PPGBM's own words


@dataclass
class MeasurementCheck(Checked):
    """A checked e-PPGBM file: ``rows`` are the village aggregates (prevalensi-shaped plus
    ``balita_stunting_berat`` and the quality columns); ``quality`` the file's totals."""

    quality: dict = field(default_factory=dict)


_WANTED = {a for aliases in ALIASES.values() for a in aliases}


def wanted_column(name: str) -> bool:
    """True for a header the reader should keep (any alias of a column the rules use)."""
    return header_key(name) in _WANTED


def map_columns(columns) -> dict[str, str]:
    keys = {}
    for c in columns:
        if c != "_row":
            keys.setdefault(header_key(c), c)
    found, used = {}, set()
    for ours, aliases in ALIASES.items():
        for a in aliases:
            if a in keys and a not in used:
                found[ours] = keys[a]
                used.add(a)
                break
    return found


# ----- values, whole columns at once -----------------------------------------------------

_EPOCH = np.datetime64("1970-01-01", "D")
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")


def parse_dates(values) -> np.ndarray:
    """Days since 1970-01-01 (float, NaN when unreadable) of a column holding Excel dates
    (date cells or serial numbers), ``dd/mm/yyyy``, ``dd-mm-yyyy`` or ``yyyy-mm-dd`` text."""
    s = pd.Series(values, dtype=object)
    out = np.full(len(s), np.nan)
    if not len(s):
        return out
    kinds = s.map(type)
    is_dt = kinds.isin([_dt.datetime, pd.Timestamp]).to_numpy()
    if is_dt.any():
        out[is_dt] = pd.to_datetime(s[is_dt], errors="coerce").to_numpy("datetime64[D]").astype("int64")
    is_date = (kinds == _dt.date).to_numpy()
    if is_date.any():
        out[is_date] = np.array(s[is_date].tolist(), dtype="datetime64[D]").astype("int64")
    is_num = kinds.isin([int, float, np.int64, np.float64]).to_numpy()
    if is_num.any():
        serial = pd.to_numeric(s[is_num], errors="coerce").to_numpy(float)
        ok = np.isfinite(serial) & (serial >= 1) & (serial < 80000)
        days = np.full(len(serial), np.nan)
        days[ok] = np.floor(serial[ok]) + (_EXCEL_EPOCH - _EPOCH).astype(int)
        out[is_num] = days
    is_str = kinds.isin([str]).to_numpy()
    if is_str.any():
        txt = s[is_str].str.strip().str.split(r"[ T]", n=1, regex=True).str[0]
        dmy = txt.str.extract(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
        ymd = txt.str.extract(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$")
        year = dmy[2].fillna(ymd[0])
        month = dmy[1].fillna(ymd[1])
        day = dmy[0].fillna(ymd[2])
        parts = pd.DataFrame(
            {
                "year": pd.to_numeric(year, errors="coerce"),
                "month": pd.to_numeric(month, errors="coerce"),
                "day": pd.to_numeric(day, errors="coerce"),
            }
        )
        when = pd.to_datetime(parts, errors="coerce")
        days = when.to_numpy("datetime64[D]").astype("int64").astype(float, copy=True)
        days[when.isna().to_numpy()] = np.nan
        out[is_str] = days
    return out


def parse_decimal(values) -> np.ndarray:
    """Numbers written with a decimal comma or point (``87,5`` / ``87.5``); NaN otherwise."""
    s = pd.Series(values, dtype=object)
    txt = s.astype(str).str.strip().str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    has_comma = txt.str.contains(",", regex=False)
    has_dot = txt.str.contains(".", regex=False)
    both = has_comma & has_dot
    txt = txt.where(~both, txt.str.replace(".", "", regex=False))  # 1.234,5
    txt = txt.str.replace(",", ".", regex=False)
    out = pd.to_numeric(txt, errors="coerce").to_numpy(float, copy=True)
    out[s.isna().to_numpy()] = np.nan
    out[~np.isfinite(out)] = np.nan
    return out


def parse_sex(values) -> np.ndarray:
    k = pd.Series(values, dtype=object).map(lambda v: None if v is None else str(v).strip().lower()[:1])
    return k.map(
        {
            "l": zscore.BOY,
            "m": zscore.BOY,
            "1": zscore.BOY,
            "p": zscore.GIRL,
            "f": zscore.GIRL,
            "w": zscore.GIRL,
            "2": zscore.GIRL,
        }
    ).to_numpy(float)


def parse_position(values) -> np.ndarray:
    k = pd.Series(values, dtype=object).map(lambda v: "" if v is None else name_key(v))
    lying = k.str.contains("terlentang|telentang|berbaring|baring|lying|recumbent|^l$|panjang", regex=True)
    standing = k.str.contains("berdiri|standing|^h$|^b$|tinggi", regex=True)
    return np.where(lying, zscore.LYING, np.where(standing, zscore.STANDING, 0)).astype(float)


def parse_status(values) -> np.ndarray:
    k = pd.Series(values, dtype=object).map(lambda v: "" if v is None else name_key(v))
    return k.map(STATUS_WORDS).to_numpy(float)


def status_class(z: np.ndarray) -> np.ndarray:
    return np.select([z < SEVERE, z < STUNTED, z <= 3], [0, 1, 2], 3).astype(float)


# ----- identity ---------------------------------------------------------------------------


def child_ids(nik, names, birth_days, salt: bytes) -> np.ndarray:
    """One opaque id per row: HMAC-SHA-256(salt, NIK) when the NIK has 16 digits, else of
    normalised name + birth date; "" when neither is known. Kept in memory only."""
    nik_s = pd.Series(nik, dtype=object).map(lambda v: "" if v is None else re.sub(r"\D", "", str(v).split(".")[0]))
    name_s = pd.Series(names, dtype=object).map(lambda v: "" if v is None else name_key(v))
    keys = np.where(
        nik_s.str.len() == 16,
        "nik:" + nik_s,
        np.where(
            (name_s != "") & np.isfinite(birth_days),
            "nama:" + name_s + ":" + pd.Series(birth_days).fillna(0).astype("int64").astype(str),
            "",
        ),
    )
    return np.array([hmac.new(salt, k.encode(), hashlib.sha256).hexdigest() if k else "" for k in keys], dtype=object)


# ----- the check -------------------------------------------------------------------------


def _rows_text(rows) -> str:
    rows = [int(r) for r in rows]
    shown = ", ".join(str(r) for r in rows[:ROWS_LISTED])
    return shown + (f" (+{len(rows) - ROWS_LISTED})" if len(rows) > ROWS_LISTED else "")


def check(
    raw: pd.DataFrame,
    boundaries,
    file: str = "",
    salt: bytes = b"",
    today: _dt.date | None = None,
    by_month: bool = False,
) -> MeasurementCheck:
    """Check an e-PPGBM report and aggregate it to villages; never raises for bad input."""
    today = today or _dt.date.today()
    empty = pd.DataFrame(columns=list(OUTPUT_COLUMNS + QUALITY_COLUMNS))
    cols = map_columns(raw.columns)
    found = ", ".join(str(c) for c in raw.columns if c != "_row")
    missing = [c for c in REQUIRED if c not in cols]
    if "nik" not in cols and "nama" not in cols:
        missing.append("NIK / Nama")
    if missing:
        key = "ukur.not_report" if len(missing) >= len(REQUIRED) else "ukur.missing_columns"
        names = {
            "jk": "JK",
            "tgl_lahir": "Tgl Lahir",
            "tgl_ukur": "Tanggal Pengukuran",
            "tinggi": "Tinggi",
            "desa": "Desa/Kel",
        }
        return MeasurementCheck(
            KIND,
            empty,
            [Problem(key, {"missing": ", ".join(names.get(m, m) for m in missing), "found": found[:300]}, file=file)],
        )
    n = len(raw)
    if not n:
        return MeasurementCheck(KIND, empty, [Problem("file.no_rows", file=file)])
    problems: list[Problem] = []
    rownum = raw["_row"].to_numpy(int)

    def col(ours):
        return raw[cols[ours]].to_numpy(object) if ours in cols else np.full(n, None, dtype=object)

    birth = parse_dates(col("tgl_lahir"))
    meas = parse_dates(col("tgl_ukur"))
    if not np.isfinite(birth).any() or not np.isfinite(meas).any():
        which = cols["tgl_lahir"] if not np.isfinite(birth).any() else cols["tgl_ukur"]
        return MeasurementCheck(
            KIND, empty, [Problem("ukur.dates_unreadable", {"column": which}, file=file, column=which)]
        )
    sex = parse_sex(col("jk"))
    height = parse_decimal(col("tinggi"))
    position = parse_position(col("cara_ukur"))
    ids = child_ids(col("nik"), col("nama"), birth, salt)
    today_d = float((np.datetime64(today, "D") - _EPOCH).astype(int))
    age = meas - birth

    # exclusions, each row once, first reason wins
    reason = np.full(n, "", dtype=object)

    def exclude(mask, key):
        m = mask & (reason == "")
        reason[m] = key
        return m

    exclude(~np.isfinite(birth) | ~np.isfinite(meas), "ukur.date_missing")
    exclude((meas > today_d) | (birth > today_d), "ukur.date_future")
    exclude(age < 0, "ukur.born_after")
    out_of_age = exclude(age >= MAX_AGE_DAYS, "ukur.out_of_age")
    exclude(np.isnan(sex), "ukur.sex_missing")
    exclude(~(height > 0), "ukur.height_missing")
    exclude(ids == "", "ukur.no_identity")

    # villages: each distinct (name, kecamatan) resolved once
    villages = Villages(boundaries)
    desa_raw = pd.Series(col("desa"), dtype=object).map(lambda v: None if v is None else str(v).strip())
    kec_raw = pd.Series(col("kec"), dtype=object).map(lambda v: None if v is None else str(v).strip())
    pairs = pd.DataFrame({"d": desa_raw.fillna(""), "k": kec_raw.fillna("")})
    codes = np.full(n, None, dtype=object)
    for (d, k), idx in pairs.groupby(["d", "k"], sort=False).indices.items():
        where = {"_file": file, "_row": int(rownum[idx[0]]), "nama_desa": cols["desa"]}
        code, probs = villages.resolve(None, d or None, k or None, where)
        if code is not None:
            codes[idx] = code
            for p in probs:  # fuzzy match: one warning per spelling, naming its rows
                problems.append(
                    Problem(
                        p.key,
                        dict(p.params, rows=_rows_text(rownum[idx])),
                        file=file,
                        row=int(rownum[idx[0]]),
                        column=cols["desa"],
                        level="warning",
                    )
                )
            continue
        unmatched = idx[reason[idx] == ""]
        reason[unmatched] = "ukur.village_unknown"
        for p in probs:
            params = {k2: v for k2, v in p.params.items() if k2 != "codes"}
            problems.append(
                Problem(
                    "ukur.village_excluded",
                    {
                        "detail": p.text("id"),
                        "detail_en": p.text("en"),
                        "n": len(idx),
                        "rows": _rows_text(rownum[idx]),
                        **params,
                    },
                    file=file,
                    row=int(rownum[idx[0]]),
                    column=cols["desa"],
                    level="warning",
                )
            )

    usable = reason == ""
    for key in (
        "ukur.date_missing",
        "ukur.date_future",
        "ukur.born_after",
        "ukur.out_of_age",
        "ukur.sex_missing",
        "ukur.height_missing",
        "ukur.no_identity",
    ):
        m = reason == key
        if m.any():
            problems.append(
                Problem(
                    key,
                    {"n": int(m.sum()), "rows": _rows_text(rownum[m])},
                    file=file,
                    row=int(rownum[m][0]),
                    level="warning",
                )
            )
    if not usable.any():
        problems.append(Problem("ukur.no_usable", {"n": n}, file=file))
        return MeasurementCheck(KIND, empty, problems)

    z = np.full(n, np.nan)
    z[usable] = zscore.haz(sex[usable], age[usable], height[usable], position[usable])

    # agreement with the file's own status (every usable row with a plausible HAZ)
    file_status = parse_status(col("tbu")) if "tbu" in cols else np.full(n, np.nan)
    file_z = parse_decimal(col("zs_tbu")) if "zs_tbu" in cols else np.full(n, np.nan)
    file_class = np.where(np.isnan(file_status) & np.isfinite(file_z), status_class(file_z), file_status)
    plausible = usable & np.isfinite(z) & (np.abs(z) <= IMPLAUSIBLE)
    ours = np.where(plausible, status_class(np.nan_to_num(z)), np.nan)
    compared = plausible & np.isfinite(file_class)
    differ = compared & (ours != file_class)
    if differ.any():
        idx = np.flatnonzero(differ)
        problems.append(
            Problem(
                "ukur.status_differs",
                {"n": len(idx), "compared": int(compared.sum())},
                file=file,
                row=int(rownum[idx[0]]),
                level="warning",
            )
        )
        for i in idx[:DISAGREE_LISTED]:
            problems.append(
                Problem(
                    "ukur.status_row",
                    {
                        "z": round(float(z[i]), 2),
                        "ours": STATUS_LABEL[int(ours[i])],
                        "theirs": STATUS_LABEL[int(file_class[i])],
                        "their_z": "" if np.isnan(file_z[i]) else round(float(file_z[i]), 2),
                    },
                    file=file,
                    row=int(rownum[i]),
                    column=cols.get("tbu") or cols.get("zs_tbu"),
                    level="warning",
                )
            )

    # period and the latest measurement per child and period
    when = (_EPOCH + meas[usable].astype("int64")).astype("datetime64[D]")
    frame = pd.DataFrame(
        {
            "i": np.flatnonzero(usable),
            "id": ids[usable],
            "kode_desa": codes[usable],
            "tahun": when.astype("datetime64[Y]").astype(int) + 1970,
            "bulan": (when.astype("datetime64[M]").astype(int) % 12 + 1) if by_month else 0,
            "meas": meas[usable],
            "row": rownum[usable],
        }
    )
    frame = frame.sort_values(["id", "tahun", "bulan", "meas", "row"], kind="stable")
    latest = ~frame.duplicated(["id", "tahun", "bulan"], keep="last")
    chosen = frame[latest.to_numpy()]
    replaced = frame[~latest.to_numpy()]
    zi = z[chosen["i"].to_numpy()]
    implausible = ~np.isfinite(zi) | (np.abs(zi) > IMPLAUSIBLE)
    if implausible.any():
        rows_bad = chosen["row"].to_numpy()[implausible]
        problems.append(
            Problem(
                "ukur.implausible",
                {"n": int(implausible.sum()), "rows": _rows_text(np.sort(rows_bad))},
                file=file,
                row=int(rows_bad.min()),
                level="warning",
            )
        )
    counted = chosen.assign(z=zi, implausible=implausible)
    valid = ~implausible
    counted["diukur"] = valid.astype(int)
    counted["stunting"] = (valid & (zi < STUNTED)).astype(int)
    counted["berat"] = (valid & (zi < SEVERE)).astype(int)
    counted["haz"] = np.where(valid, zi, 0.0)
    counted["haz2"] = counted["haz"] ** 2
    keys = ["kode_desa", "tahun", "bulan"]
    agg = counted.groupby(keys).agg(
        balita_diukur=("diukur", "sum"),
        balita_stunting=("stunting", "sum"),
        balita_stunting_berat=("berat", "sum"),
        ukur_tidak_wajar=("implausible", "sum"),
        ukur_haz_n=("diukur", "sum"),
        ukur_haz_jumlah=("haz", "sum"),
        ukur_haz_kuadrat=("haz2", "sum"),
    )
    # per village and period: every row placed there (also the excluded ones with both known)
    placed = np.isfinite(meas) & (codes != None)  # noqa: E711 - element-wise
    mdays = np.where(np.isfinite(meas), meas, 0).astype("int64")
    pw = (_EPOCH + mdays).astype("datetime64[D]")
    per = pd.DataFrame(
        {
            "kode_desa": codes,
            "tahun": pw.astype("datetime64[Y]").astype(int) + 1970,
            "bulan": (pw.astype("datetime64[M]").astype(int) % 12 + 1) if by_month else 0,
            "baris": 1,
            "luar": (reason == "ukur.out_of_age").astype(int),
            "mustahil": (~usable & (reason != "ukur.out_of_age") & (reason != "ukur.village_unknown")).astype(int),
            "tinggi_n": (usable & (height > 0)).astype(int),
            "tinggi_0_5": (usable & (height > 0) & _half_or_whole(height)).astype(int),
            "status_n": compared.astype(int),
            "status_beda": differ.astype(int),
            "puskesmas": pd.Series(col("puskesmas"), dtype=object).map(
                lambda v: None if v is None else str(v).strip()[:80]
            ),
        }
    )[placed]
    rows_per = per.groupby(keys).agg(
        ukur_baris=("baris", "sum"),
        ukur_di_luar_umur=("luar", "sum"),
        ukur_tidak_mungkin=("mustahil", "sum"),
        ukur_tinggi_n=("tinggi_n", "sum"),
        ukur_tinggi_0_5=("tinggi_0_5", "sum"),
        ukur_status_n=("status_n", "sum"),
        ukur_status_beda=("status_beda", "sum"),
    )
    pk = per.dropna(subset=["puskesmas"]).groupby("kode_desa")["puskesmas"].agg(lambda s: s.value_counts().index[0])
    rep = (
        pd.DataFrame(
            {"kode_desa": replaced["kode_desa"], "tahun": replaced["tahun"], "bulan": replaced["bulan"], "n": 1}
        )
        .groupby(keys)["n"]
        .sum()
        .rename("ukur_diganti")
    )
    out = agg.join(rows_per, how="left").join(rep, how="left").reset_index()
    out["ukur_diganti"] = out["ukur_diganti"].fillna(0)
    out["nama_desa"] = out["kode_desa"].map(villages.name)
    out["puskesmas"] = out["kode_desa"].map(pk)
    out["sumber"] = SOURCE
    out["bulan"] = out["bulan"].where(out["bulan"] > 0, None) if by_month else None
    ints = (
        "tahun",
        "balita_diukur",
        "balita_stunting",
        "balita_stunting_berat",
        "ukur_baris",
        "ukur_di_luar_umur",
        "ukur_tidak_mungkin",
        "ukur_tidak_wajar",
        "ukur_diganti",
        "ukur_haz_n",
        "ukur_tinggi_n",
        "ukur_tinggi_0_5",
        "ukur_status_n",
        "ukur_status_beda",
    )
    for c in ints:
        out[c] = pd.array(pd.to_numeric(out[c]).fillna(0).astype("int64"), dtype="Int64")
    out["bulan"] = pd.array(pd.to_numeric(out["bulan"], errors="coerce"), dtype="Int64")
    for c in ("ukur_haz_jumlah", "ukur_haz_kuadrat"):
        out[c] = out[c].astype(float).round(6)
    out = (
        out[list(OUTPUT_COLUMNS + QUALITY_COLUMNS)].sort_values(["kode_desa", "tahun", "bulan"]).reset_index(drop=True)
    )

    quality = summary(out)
    quality.update(
        {
            "rows": n,
            "usable": int(usable.sum()),
            "excluded": int((~usable).sum()),
            "out_of_age": int(out_of_age.sum()),
            "replaced": len(replaced),
            "children": len(chosen),
        }
    )
    problems[:0] = quality_problems(quality, file)  # the file's figures first, then the rows
    if not int(out["balita_diukur"].sum()):
        problems.append(Problem("ukur.no_usable", {"n": n}, file=file))
    return MeasurementCheck(KIND, out, problems, quality)


def _half_or_whole(height: np.ndarray) -> np.ndarray:
    tenth = np.round(np.nan_to_num(height) * 10).astype("int64") % 10
    return (tenth == 0) | (tenth == 5)


def summary(rows: pd.DataFrame) -> dict:
    """Quality figures of a set of aggregate rows (a file, a puskesmas, a village)."""

    def s(c):
        return float(pd.to_numeric(rows[c], errors="coerce").fillna(0).sum()) if c in rows else 0.0

    n = s("ukur_haz_n")
    mean = s("ukur_haz_jumlah") / n if n else None
    sd = max(0.0, (s("ukur_haz_kuadrat") - n * mean * mean) / (n - 1)) ** 0.5 if n > 1 else None
    judged = n + s("ukur_tidak_wajar")
    return {
        "measured": int(n),
        "stunted": int(s("balita_stunting")),
        "severe": int(s("balita_stunting_berat")),
        "mean": mean,
        "sd": sd,
        "implausible": int(s("ukur_tidak_wajar")),
        "implausible_pct": 100 * s("ukur_tidak_wajar") / judged if judged else None,
        "digit_pct": 100 * s("ukur_tinggi_0_5") / s("ukur_tinggi_n") if s("ukur_tinggi_n") else None,
        "status_n": int(s("ukur_status_n")),
        "status_differ": int(s("ukur_status_beda")),
        "rows_placed": int(s("ukur_baris")),
        "out_of_age_placed": int(s("ukur_di_luar_umur")),
        "impossible_placed": int(s("ukur_tidak_mungkin")),
        "replaced_placed": int(s("ukur_diganti")),
        "sd_ok": None if sd is None else SD_RANGE[0] <= sd <= SD_RANGE[1],
    }


def quality_problems(q: dict, file: str) -> list[Problem]:
    """The file's quality figures, as lines of the check report (warnings to read and accept)."""
    out = [
        Problem(
            "ukur.summary",
            {
                "rows": q["rows"],
                "usable": q["usable"],
                "children": q["children"],
                "replaced": q["replaced"],
                "measured": q["measured"],
                "stunted": q["stunted"],
                "severe": q["severe"],
            },
            file=file,
            level="warning",
        )
    ]
    if q["sd"] is not None:
        out.append(
            Problem(
                "ukur.sd" if q["sd_ok"] else "ukur.sd_out",
                {"sd": round(q["sd"], 2), "mean": round(q["mean"], 2), "lo": SD_RANGE[0], "hi": SD_RANGE[1]},
                file=file,
                level="warning",
            )
        )
    if q["implausible_pct"] is not None:
        out.append(
            Problem(
                "ukur.implausible_share",
                {"pct": round(q["implausible_pct"], 1), "n": q["implausible"], "flag": IMPLAUSIBLE_SHARE_FLAG},
                file=file,
                level="warning",
            )
        )
    if q["digit_pct"] is not None:
        out.append(
            Problem(
                "ukur.digits", {"pct": round(q["digit_pct"], 1), "expected": DIGIT_EXPECTED}, file=file, level="warning"
            )
        )
    return out


# ----- the quality page ---------------------------------------------------------------------


def quality_tables(prevalensi: pd.DataFrame, names: dict | None = None) -> dict | None:
    """For /kualitas: the quality figures of the latest year that came from by-name measurements,
    per puskesmas and per village (aggregates only); None when no such import is in use."""
    if prevalensi is None or "ukur_haz_n" not in prevalensi or not len(prevalensi):
        return None
    p = prevalensi[pd.to_numeric(prevalensi["ukur_haz_n"], errors="coerce").notna()]
    if not len(p):
        return None
    year = int(pd.to_numeric(p["tahun"]).max())
    p = p[pd.to_numeric(p["tahun"]) == year].copy()
    p["puskesmas"] = p["puskesmas"].map(lambda v: v if isinstance(v, str) and v.strip() else "–")
    names = names or {}

    def rows(groups):
        out = []
        for key, g in groups:
            q = summary(g)
            q["name"] = names.get(key, key)
            q["key"] = key
            out.append(q)
        return out

    by_pkm = rows(p.groupby("puskesmas"))
    villages = rows(p.groupby("kode_desa"))
    pkm_of = dict(zip(p["kode_desa"], p["puskesmas"]))
    for v in villages:
        v["puskesmas"] = pkm_of.get(v["key"], "–")
    villages.sort(key=lambda v: (v["puskesmas"], str(v["name"])))
    return {"year": year, "total": summary(p), "puskesmas": by_pkm, "villages": villages}
