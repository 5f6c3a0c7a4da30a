"""Issue 16: plans and realisations (row rules), gaps without a plan, realisation rates, commitment
status, the convergence score, and the berita acara store."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.analysis import convergence
from geo.analysis.convergence import DONE, NOT_DONE, PARTLY
from geo.io import beritaacara, importers
from geo.io import boundaries as bnd
from tests.helpers.builders import grid

HEAD = "kode_desa,nama_desa,tahun,opd,kegiatan,indikator,volume,satuan,anggaran,sumber_dana\n"


@pytest.fixture(scope="module")
def villages():
    return bnd.normalise(grid(), file="t.gpkg")


def check(kind, text, villages):
    return importers.check(kind, text.encode("utf-8"), "t.csv", villages)


def where(c, level="error"):
    return [(p.key, p.row, p.column) for p in c.problems if p.level == level]


def test_good_plan_and_realisation(villages):
    code = villages["kode_desa"].iloc[0]
    for kind in ("rencana", "realisasi"):
        c = check(kind, HEAD + f'{code},,2024,dinkes,Kelas ibu hamil,anc4,"12",kelas,"15.000.000",apbd\n', villages)
        assert c.ok, c.problems
        r = c.rows.iloc[0]
        assert r["opd"] == "Dinas Kesehatan" and r["sumber_dana"] == "APBD" and r["anggaran"] == 15_000_000


def test_bad_rows_are_named_by_row_and_column(villages):
    code = villages["kode_desa"].iloc[0]
    text = (
        HEAD
        + "\n".join(
            [
                f"{code},,2024,Dinas Rahasia,Kelas,anc4,1,kelas,100,APBD",  # row 2: unknown office
                f"{code},,2024,Dinas PUPR,Sumur bor,air_minum,1,unit,-5,APBD",  # row 3: negative budget
                f"{code},,2024,Dinas PUPR,Sumur bor 2,air_minum,2,,500,DAK",  # row 4: volume without unit
                "74.71.01.1001,,2024,Dinas PUPR,Sumur bor 3,air_minum,2,unit,5,DAK",  # row 5: other kabupaten
                f"{code},,2024,Dinas PUPR,Sumur bor 4,gizi_buruk,2,unit,5,Hibah",  # row 6: indicator, funding
            ]
        )
        + "\n"
    )
    c = check("rencana", text, villages)
    errs = where(c)
    assert ("rencana.unknown_office", 2, "opd") in errs
    assert ("value.negative", 3, "anggaran") in errs
    assert ("rencana.volume_no_unit", 4, "satuan") in errs
    assert ("rencana.outside_kab", 5, "kode_desa") in errs
    assert ("cakupan.unknown_indicator", 6, "indikator") in errs and (
        "rencana.unknown_funding",
        6,
        "sumber_dana",
    ) in errs
    assert not c.ok and len(c.rows) == 0
    for p in c.errors:  # a message in both languages, never a key
        assert p.message("id") != p.message("en") and p.key not in p.message("id")
    assert "Dinas Rahasia" in next(p for p in c.errors if p.key == "rencana.unknown_office").message("id")


def test_rejected_plan_changes_nothing(villages, data_dir):
    from geo.io import store

    out = importers.run(
        "rencana",
        (HEAD + "x,,2024,Dinas PUPR,Sumur,air_minum,1,unit,-1,DAK\n").encode(),
        "t.csv",
        by="t",
        boundaries=villages,
    )
    assert out.version_id is None and not out.checked.ok
    assert store.list_versions() == []


def test_duplicate_plan_rows(villages):
    code = villages["kode_desa"].iloc[0]
    row = f"{code},,2024,Dinas PUPR,Sumur bor,air_minum,1,unit,5,DAK\n"
    c = check("rencana", HEAD + row + row, villages)
    assert ("rencana.duplicate", 3, "kode_desa") in where(c)


def cov(rows):
    return pd.DataFrame(rows, columns=["kode_desa", "tahun", "indikator", "persen"])


def plans(rows):
    return pd.DataFrame(
        rows,
        columns=["kode_desa", "tahun", "opd", "kegiatan", "indikator", "volume", "satuan", "anggaran", "sumber_dana"],
    )


def test_indicator_target_uses_the_lokus_rule():
    t = convergence.indicator_target("anc4")
    assert (t.red_below, t.target) == (60.0, 80.0) and t.opd == "Dinas Kesehatan"


def test_indicator_target_comes_from_the_catalogue():
    t = convergence.indicator_target("jamban_sehat")  # data/indikator.csv: 90% (RPJMN 2020-2024)
    assert (t.red_below, t.target) == (70.0, 90.0) and "RPJMN" in t.source
    t = convergence.indicator_target("ttd_remaja")  # 58%, annex of Perpres 72/2021
    assert (t.red_below, t.target) == (38.0, 58.0) and "Perpres 72/2021" in t.source


def test_gaps_without_a_plan():
    c = cov(
        [
            ("A", 2021, "anc4", 40.0),
            ("A", 2021, "air_minum", 59.9),
            ("A", 2021, "timbang_baduta", 60.0),
            ("B", 2021, "anc4", 10.0),
            ("C", 2021, "anc4", 5.0),
            ("A", 2020, "ttd_remaja", 1.0),
        ]
    )
    p = plans(
        [
            ("A", 2024, "Dinas Kesehatan", "Kelas", "anc4", 1, "kelas", 10, "APBD"),
            ("B", 2023, "Dinas Kesehatan", "Kelas", "anc4", 1, "kelas", 10, "APBD"),
        ]
    )
    g = convergence.plan_gaps(c, {"A", "B"}, p, 2021, 2024)
    # A: anc4 planned; air_minum red without a plan (target 100%: red below 80%); timbang_baduta (no
    # target: the uniform rule) 60.0 is not red (the line belongs to yellow);
    # B: planned only in another year; C is not lokus; 2020 is another coverage year
    assert list(zip(g["kode_desa"], g["indikator"])) == [("B", "anc4"), ("A", "air_minum")]
    assert convergence.plan_gaps(c, set(), p, 2021, 2024).empty


def test_realisation_rates():
    p = plans(
        [
            ("A", 2024, "Dinas PUPR", "Sumur bor", "air_minum", 4, "unit", 100, "DAK"),
            ("B", 2024, "Dinas PUPR", "Sumur bor", "air_minum", 2, "unit", 100, "DAK"),
            ("A", 2024, "Dinas Kesehatan", "Kelas", "anc4", 10, "kelas", 50, "APBD"),
        ]
    )
    r = plans(
        [
            ("A", 2024, "dinas pupr", "Sumur  Bor", "air_minum", 2, "unit", 60, "DAK"),  # same key, other spelling
            ("B", 2024, "Dinas PUPR", "Sumur bor", "air_minum", 3, "unit", 100, "DAK"),  # over-delivered
            ("C", 2024, "Dinas PUPR", "Sumur bor", "air_minum", 1, "unit", 40, "DAK"),
        ]
    )  # no plan: not counted
    rates = convergence.realisation_rates(p, r, ["opd"]).set_index("opd")
    pupr = rates.loc["Dinas PUPR"]
    assert pupr["ang_rencana"] == 200 and pupr["ang_realisasi"] == 160 and pupr["rate_anggaran"] == 80
    assert pupr["rate_volume"] == pytest.approx((50 + 100) / 2)  # each activity capped at 100%
    kes = rates.loc["Dinas Kesehatan"]
    assert kes["rate_anggaran"] == 0 and kes["rate_volume"] == 0
    assert math.isnan(convergence.rate(5, 0)) and convergence.rate(float("nan"), 10) == 0


def test_commitment_status():
    real = plans(
        [
            ("A", 2024, "Dinas PUPR", "Sumur bor", "air_minum", 3, "unit", 1, "DAK"),
            ("A", 2023, "Dinas PUPR", "Sumur bor", "air_minum", 9, "unit", 1, "DAK"),
            ("B", 2024, "Dinas PUPR", "Sumur bor", "air_minum", 1, "unit", 1, "DAK"),
            ("C", 2024, "Dinas Kesehatan", "Kelas", "anc4", None, None, 1, "APBD"),
        ]
    )

    def status(**c):
        return convergence.commitment_status(
            {"opd": "Dinas PUPR", "kegiatan": "Sumur bor", "tenggat": "2024-12-31"} | c, real
        )["status"]

    assert status(kode_desa="A", volume=3) == DONE
    assert status(kode_desa="A", volume=5) == PARTLY  # 2023's delivery is another year
    assert status(kode_desa="B", volume=2) == PARTLY
    assert status(kode_desa="B", volume=2, kegiatan="Jamban") == NOT_DONE
    assert status(kode_desa="D", volume=1) == NOT_DONE
    assert status(kode_desa="C", volume=None, opd="Dinas Kesehatan", kegiatan="kelas") == DONE
    assert convergence.commitment_status({"kode_desa": "A"}, real.iloc[0:0])["status"] == NOT_DONE


def test_convergence_score():
    c = cov(
        [
            ("A", 2021, "anc4", 80.0),
            ("A", 2021, "air_minum", 79.9),
            ("B", 2021, "anc4", 90.0),
            ("A", 2020, "anc4", 10.0),
        ]
    )
    s = convergence.convergence_score(c, 2021).set_index("kode_desa")
    assert s.loc["A", "skor"] == 50 and s.loc["A", "n"] == 2 and s.loc["B", "skor"] == 100
    assert convergence.convergence_score(c, 2019).empty


def test_group_comparison_has_intervals():
    prev = pd.DataFrame(
        {
            "kode_desa": ["A", "B", "A", "B"],
            "tahun": [2020, 2020, 2021, 2021],
            "balita_diukur": [100, 100, 100, 100],
            "balita_stunting": [30, 20, 20, 20],
        }
    )
    c = pd.DataFrame(columns=["kode_desa", "tahun", "indikator", "pembilang", "penyebut"])
    comp = convergence.group_comparison(prev, c, {"A"})
    row = comp[(comp["kelompok"] == "lokus") & (comp["tahun"] == 2020)].iloc[0]
    assert row["persen"] == 30 and row["ci_bawah"] < 30 < row["ci_atas"] and row["n"] == 100
    d = convergence.change_difference(comp, "stunting", 2020, 2021)
    assert d["lokus"] == -10 and d["lainnya"] == 0 and d["lo"] < -10 < d["hi"]


def test_minutes_checked_and_versioned(data_dir):
    names = {"A": "Desa A"}
    form = {
        "tanggal": "2025-08-01",
        "peserta": [{"nama": "Ibu Kepala", "opd": "Bappeda"}, {"nama": "", "opd": ""}],
        "komitmen": [
            {
                "opd": "pupr",
                "kegiatan": "Sumur bor",
                "kode_desa": "A",
                "volume": "2",
                "satuan": "unit",
                "tenggat": "2026-06-30",
            }
        ],
    }
    m = beritaacara.clean(form, names)
    assert m["komitmen"][0]["opd"] == "Dinas PUPR" and m["komitmen"][0]["volume"] == 2 and len(m["peserta"]) == 1
    for bad, key in (
        (dict(form, tanggal="kemarin"), "ba.err.date"),
        (dict(form, peserta=[{"nama": "X", "opd": "Dinas Rahasia"}]), "ba.err.office"),
        (dict(form, komitmen=[dict(form["komitmen"][0], kode_desa="Z")]), "ba.err.village"),
        (dict(form, komitmen=[dict(form["komitmen"][0], volume="-1")]), "ba.err.volume"),
        (dict(form, komitmen=[dict(form["komitmen"][0], satuan="")]), "ba.err.unit"),
        (dict(form, komitmen=[dict(form["komitmen"][0], tenggat="2020-01-01")]), "ba.err.deadline_past"),
        (dict(form, komitmen=[]), "ba.err.no_commitment"),
    ):
        with pytest.raises(beritaacara.MinutesError) as e:
            beritaacara.clean(bad, names)
        assert e.value.key == key
    a = beritaacara.save(m, "admin", {"rencana": "v1"}, "Usulan bawaan")
    b = beritaacara.save(m, "admin", {"rencana": "v2"}, "Usulan bawaan")
    assert (a["versi"], b["versi"]) == (1, 2)
    assert beritaacara.latest()["versi"] == 2 and beritaacara.latest(before="2025-08-01")["contoh"]
    assert beritaacara.get("2025-08-01", 1)["versi_data"] == {"rencana": "v1"}


def test_minutes_callback_needs_an_account_and_never_raises(data_dir):
    from callbacks import beritaacara as ba_cb
    from geo.analysis import dataset

    ds = dataset.bundled()
    code = ds.boundaries["kode_desa"].iloc[0]
    form = {
        "tanggal": "2030-01-02",
        "peserta": [{"nama": "Sekretaris Bappeda", "opd": "Bappeda"}],
        "komitmen": [
            {
                "opd": "Dinas PUPR",
                "kegiatan": "Sumur",
                "kode_desa": code,
                "volume": 1,
                "satuan": "unit",
                "tenggat": "2030-12-31",
            }
        ],
    }
    msg, _ = ba_cb.save_minutes(form, "id", None, ds=ds)
    assert "masuk" in msg and beritaacara.list_all() == []
    for bad in (
        {"tanggal": ["x"], "peserta": "x", "komitmen": None},
        {"peserta": [{"nama": {"a": 1}, "opd": 5}]},
        dict(form, komitmen=[dict(form["komitmen"][0], volume="1e999")]),
    ):
        msg, links = ba_cb.save_minutes(bad, "en", "admin", ds=ds)
        assert isinstance(msg, str) and msg and not msg.startswith("ba.")
    assert beritaacara.list_all() == []
    msg, links = ba_cb.save_minutes(form, "en", "admin", ds=ds)
    assert "version 1" in msg and beritaacara.list_all()[0]["oleh"] == "admin"


def test_plans_are_versioned_and_restorable(villages, data_dir):
    from geo.io import store

    code = villages["kode_desa"].iloc[0]
    first = importers.run(
        "rencana",
        (HEAD + f"{code},,2024,Dinas PUPR,Sumur bor,air_minum,1,unit,5,DAK\n").encode(),
        "a.csv",
        by="admin",
        boundaries=villages,
    )
    second = importers.run(
        "rencana",
        (HEAD + f"{code},,2025,Dinas PUPR,Sumur bor,air_minum,3,unit,9,DAK\n").encode(),
        "b.csv",
        by="admin",
        boundaries=villages,
    )
    assert (first.version_id, second.version_id) == (1, 2)
    assert int(store.load("rencana")["tahun"].iloc[0]) == 2025
    again = store.restore(first.version_id, by="admin")
    rows = store.load("rencana")
    assert again == 3 and int(rows["tahun"].iloc[0]) == 2024 and rows["opd"].iloc[0] == "Dinas PUPR"
    assert store.get_version(again)["dipulihkan_dari"] == 1
