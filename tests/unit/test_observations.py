"""Issue 11: every import adds or replaces only what it covers (indicator × period × office);
withdraw and restore are new versions; several offices for one quantity; the CLI sequence."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import cli
from geo.analysis import dataset
from geo.io import coverage, store

# Every test here runs against both stores: SQLite (the default) and PostgreSQL.
pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(tmp_path))
    return tmp_path


def villages(n=3):
    b = dataset.bundled().boundaries
    return list(b["kode_desa"][:n]), list(b["nama_desa"][:n])


def prev_csv(path, years, stunted=10, office=None, n=3):
    codes, names = villages(n)
    rows = []
    for y in years:
        for c, nm in zip(codes, names):
            r = {
                "kode_desa": c,
                "nama_desa": nm,
                "tahun": y,
                "balita_diukur": 100,
                "balita_stunting": stunted,
                "sumber": "e-PPGBM",
            }
            if office:
                r["opd"] = office
            rows.append(r)
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def cak_csv(path, year, indicator, num, office, n=3):
    codes, names = villages(n)
    pd.DataFrame(
        [
            {
                "kode_desa": c,
                "nama_desa": nm,
                "tahun": year,
                "indikator": indicator,
                "pembilang": num,
                "penyebut": 100,
                "opd": office,
            }
            for c, nm in zip(codes, names)
        ]
    ).to_csv(path, index=False)
    return path


def run(*argv):
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


def stunted(ds, year, office=None):
    vals = ds.office_values("stunting", year, office) if office else ds.values("stunting", year)
    return sorted({int(a) for a, _ in vals.values()})


# ----- the rule, unit by unit ---------------------------------------------------------------------


def test_resolve_adds_replaces_withdraws_and_restores():
    v = lambda i, keys, ditarik=None: {"id": i, "cakupan": keys, "ditarik": ditarik}  # noqa: E731
    a, b = ["stunting", 2020, None, "Dinkes"], ["stunting", 2022, None, "Dinkes"]
    c = ["stunting", 2022, None, "Kader"]
    vs = [v(1, [a]), v(2, [b])]
    assert set(coverage.resolve(vs).values()) == {1, 2}  # 2022 added, 2020 kept
    vs.append(v(3, [b]))  # corrected 2022 from the same office
    assert coverage.resolve(vs)[coverage.match(b)] == 3 and coverage.resolve(vs)[coverage.match(a)] == 1
    vs.append(v(4, [c]))  # another office: beside it, replaces nothing
    r = coverage.resolve(vs)
    assert r[coverage.match(b)] == 3 and r[coverage.match(c)] == 4
    vs.append(v(5, [b], ditarik=3))  # withdraw the correction: version 2 shows again
    assert coverage.resolve(vs)[coverage.match(b)] == 2
    vs.append(v(6, [b]))  # restore 2 (a copy): current again, and withdrawing 6 would show 2
    assert coverage.resolve(vs)[coverage.match(b)] == 6
    vs.append(v(7, [b], ditarik=6))
    assert coverage.resolve(vs)[coverage.match(b)] == 2
    vs.append(v(8, [b], ditarik=2))  # nothing left for 2022 Dinkes
    assert coverage.match(b) not in coverage.resolve(vs)


def test_office_names_match_ignoring_case_and_spacing():
    assert coverage.match(
        coverage.row_key("cakupan", {"indikator": "air_minum", "tahun": 2022.0, "opd": " dinas  PUPR"})
    ) == coverage.match(("air_minum", 2022, None, "Dinas PUPR"))


def test_prevalence_without_office_is_the_default_office():
    key = coverage.row_key("prevalensi", {"tahun": 2021, "bulan": None})
    assert key == ("stunting", 2021, None, "Dinas Kesehatan")


def test_other_kinds_keys():
    assert coverage.keys_of("lokus", pd.DataFrame({"tahun": [2021, 2021, 2022]})) == [[2021], [2022]]
    assert coverage.keys_of("batas", pd.DataFrame({"x": [1]})) == [[]]


# ----- through the store and the dataset ----------------------------------------------------------


def test_import_2022_keeps_2020_2021_and_a_second_office_sits_beside(data_dir, tmp_path):
    assert run("import", "prevalensi", str(prev_csv(tmp_path / "p2021.csv", [2020, 2021], 10)))[0] == 0
    assert run("import", "prevalensi", str(prev_csv(tmp_path / "p2022.csv", [2022], 20)))[0] == 0
    ds = dataset.current()
    assert ds.years("stunting") == [2020, 2021, 2022]
    assert stunted(ds, 2020) == [10] and stunted(ds, 2022) == [20]
    assert run("import", "prevalensi", str(prev_csv(tmp_path / "p2022b.csv", [2022], 25)))[0] == 0
    ds = dataset.current()
    assert ds.years("stunting") == [2020, 2021, 2022] and stunted(ds, 2022) == [25]
    assert run("import", "prevalensi", str(prev_csv(tmp_path / "kader.csv", [2022], 40, office="Kader Desa")))[0] == 0
    ds = dataset.current()
    assert stunted(ds, 2022) == [25], "the map keeps the default office"
    assert ds.offices("stunting", 2022) == ["Dinas Kesehatan", "Kader Desa"]
    assert stunted(ds, 2022, "Kader Desa") == [40]


def test_cli_sequence_with_exit_codes(data_dir, tmp_path):
    f1 = prev_csv(tmp_path / "prev_2020_2021.csv", [2020, 2021], 10)
    f2 = prev_csv(tmp_path / "prev_2022.csv", [2022], 20)
    f3 = prev_csv(tmp_path / "prev_2022_koreksi.csv", [2022], 25)
    f4 = prev_csv(tmp_path / "prev_2022_kader.csv", [2022], 40, office="Kader Desa")
    assert run("import", "prevalensi", str(f1))[0] == 0  # v1
    assert run("import", "prevalensi", str(f2))[0] == 0  # v2
    assert run("import", "prevalensi", str(f3))[0] == 0  # v3
    assert run("import", "prevalensi", str(f4))[0] == 0  # v4
    code, text = run("versions")
    assert code == 0
    lines = text.splitlines()
    assert "prev_2020_2021.csv [stunting × 2020, 2021 · Dinas Kesehatan]" in text
    assert "prev_2022_kader.csv [stunting × 2022 · Kader Desa]" in text and len(lines) == 5
    code, text = run("withdraw", "3")  # step 5
    assert code == 0 and "3" in text and "5" in text
    ds = dataset.current()
    assert stunted(ds, 2022) == [20] and ds.years("stunting") == [2020, 2021, 2022]
    assert stunted(ds, 2022, "Kader Desa") == [40]
    assert run("withdraw", "3")[0] == 2, "withdrawn once only"
    assert run("withdraw", "5")[0] == 2, "a withdrawal is not an import"
    assert run("withdraw", "99")[0] == 2
    code, text = run("restore", "2")  # step 6: version 2's coverage current again, as v6
    assert code == 0
    ds = dataset.current()
    assert stunted(ds, 2022) == [20] and stunted(ds, 2020) == [10]
    code, text = run("versions", "--lang", "en")
    assert "(withdraws version 3)" in text and "(restore of version 2)" in text
    assert run("restore", "5")[0] == 2


def test_bad_input_names_file_row_column_in_indonesian_first_and_changes_nothing(data_dir, tmp_path):
    f = prev_csv(tmp_path / "salah.csv", [2022], 20)
    df = pd.read_csv(f)
    df["sebagian_tahun"] = ["ya", "mungkin", "tidak"]
    df.to_csv(f, index=False)
    code, text = run("import", "prevalensi", str(f))
    assert code == 2 and "salah.csv" in text and "baris 3" in text and "sebagian_tahun" in text
    assert "mungkin" in text and store.list_versions() == []
    code, text = run("import", "prevalensi", str(f), "--lang", "en")
    assert code == 2 and "row 3" in text


def test_map_office_choice_profile_and_quality_flag(data_dir, tmp_path):
    from callbacks import map as map_cb
    from geo.analysis import quality
    from geo.views import mapview

    run("import", "cakupan", str(cak_csv(tmp_path / "pupr.csv", 2022, "air_minum", 50, "Dinas PUPR")))
    ds = dataset.current()
    assert map_cb.office_control("air_minum", 2022, None, ds)[0].endswith("hidden"), "one office: no control"
    run("import", "cakupan", str(cak_csv(tmp_path / "kader.csv", 2022, "air_minum", 70, "Kader Desa")))
    ds = dataset.current()
    box, options, value = map_cb.office_control("air_minum", 2022, None, ds)
    assert not box.endswith("hidden") and [o["value"] for o in options] == ["Dinas PUPR", "Kader Desa"]
    assert value == "Dinas PUPR", "the catalogue's default office is what the map shows"
    assert "air_minum|2022|Kader Desa" in ds.value_keys
    h = mapview.desa_choice(ds, "air_minum", 2022, None, False, "id", "Kader Desa")
    assert ds.value_keys[h["vi"]] == "air_minum|2022|Kader Desa" and h["office"] == "Kader Desa"
    assert ds.value_keys[mapview.desa_choice(ds, "air_minum", 2022, None, False, "id")["vi"]] == "air_minum|2022"
    leg = mapview.legend(ds, "air_minum", 2022, "id", "Kader Desa")
    assert "70" in leg["summary"] and "3 dari" in leg["summary"]
    code = villages(1)[0][0]
    rows = mapview.profile(ds, code, "id")["offices"]
    assert [(r["office"], r["pct_text"]) for r in rows] == [("Dinas PUPR", "50,0%"), ("Kader Desa", "70,0%")]
    flags = quality.disagreements(ds)
    assert len(flags) == 3 and {(f["office_a"], f["a"], f["office_b"], f["b"]) for f in flags} == {
        ("Dinas PUPR", 50.0, "Kader Desa", 70.0)
    }


# ----- published figures (terbit) -------------------------------------------------------------------


def test_bundled_published_file_is_a_valid_terbit_import(data_dir):
    from geo.io import loading

    code, text = run("import", "terbit", str(loading.BUNDLED_PUBLISHED), "--dry-run")
    assert code == 0, text


def test_terbit_import_adds_a_figure_and_the_headline_opens_on_the_latest_period(data_dir, tmp_path):
    from geo.views import rembuk

    f = tmp_path / "terbit_2025.csv"
    pd.DataFrame(
        [
            {
                "kode_kab": "74.15",
                "tahun": 2025,
                "periode": "tahunan",
                "sebagian_tahun": "tidak",
                "nilai_persen": "21,5",
                "jenis_sumber": "registri_eppgbm",
                "sumber": "e-PPGBM 2025",
                "rujukan": "",
            },
            {
                "kode_kab": "74.15",
                "tahun": 2025,
                "periode": "tahunan",
                "nilai_persen": 20,
                "jenis_sumber": "target",
                "sumber": "Renstra 2025",
                "jenis_acuan": "registri",
            },
        ]
    ).to_csv(f, index=False)
    assert run("import", "terbit", str(f))[0] == 0
    ds = dataset.current()
    assert len(ds.published) == 15, "the bundled figures stay, the new ones are added"
    s = rembuk.trend_slide(ds, "id")
    assert "2025: 21,50%" in s["headline"] and "target 2025 (ditetapkan terhadap registri): 20,00%" in s["headline"]
    survey = [x for x in s["lines"] if "survei (SKI 2023)" in x][0]
    assert "registri" not in survey, "a survey figure is never compared with a registry target"
    assert any("punya data" in x for x in s["lines"])


def test_partial_year_point_is_not_joined_to_annual_points():
    from layouts import figures

    ds = dataset.load_bundled()
    fig = figures.published_trend(ds.published, "74.15", "id")
    eppgbm = [tr for tr in fig.data if "e-PPGBM" in (tr.name or "")]
    joined = [tr for tr in eppgbm if "lines" in tr.mode]
    alone = [tr for tr in eppgbm if "lines" not in tr.mode]
    assert [list(tr.x) for tr in joined] == [[2024]] and [list(tr.x) for tr in alone] == [[2025]]


def test_terbit_bad_rows_name_row_and_column(data_dir, tmp_path):
    f = tmp_path / "terbit_salah.csv"
    pd.DataFrame(
        [{"kode_kab": "74.15", "tahun": 2025, "nilai_persen": 120, "jenis_sumber": "rumor", "sumber": "x"}]
    ).to_csv(f, index=False)
    code, text = run("import", "terbit", str(f))
    assert code == 2 and "baris 2" in text and "nilai_persen" in text and "jenis_sumber" in text
    assert store.list_versions() == []


def test_lokus_by_year_and_works_by_identity(data_dir, tmp_path):
    codes, names = villages(3)
    lok = tmp_path / "lokus.csv"
    pd.DataFrame({"kode_desa": codes[:2], "nama_desa": names[:2], "tahun": 2021, "nomor_sk": "SK 1"}).to_csv(
        lok, index=False
    )
    assert run("import", "lokus", str(lok))[0] == 0
    pd.DataFrame({"kode_desa": codes[1:], "nama_desa": names[1:], "tahun": 2022, "nomor_sk": "SK 2"}).to_csv(
        lok, index=False
    )
    assert run("import", "lokus", str(lok))[0] == 0
    ds = dataset.current()
    assert ds.lokus_years == [2021, 2022] and ds.lokus_codes(2021) == set(codes[:2])
    pd.DataFrame({"kode_desa": codes[:1], "nama_desa": names[:1], "tahun": 2022, "nomor_sk": "SK 2b"}).to_csv(
        lok, index=False
    )
    assert run("import", "lokus", str(lok))[0] == 0  # a new 2022 list replaces 2022 only
    ds = dataset.current()
    assert ds.lokus_codes(2022) == set(codes[:1]) and ds.lokus_codes(2021) == set(codes[:2])

    def works(rows):
        f = tmp_path / "sarana.csv"
        pd.DataFrame(
            [
                {
                    "nama_sarana": n,
                    "jenis": "sumur bor",
                    "kode_desa": codes[0],
                    "nama_desa": names[0],
                    "lintang": None,
                    "bujur": None,
                    "tahun": 2023,
                    "status": st,
                    "sumber_dana": "APBD",
                    "kk_terlayani": 10,
                    "opd": "Dinas PUPR",
                }
                for n, st in rows
            ]
        ).to_csv(f, index=False)
        return str(f)

    assert run("import", "sarana", works([("Sumur A", "dibangun"), ("Sumur B", "rencana")]))[0] == 0
    assert run("import", "sarana", works([("Sumur B", "selesai"), ("Sumur C", "rencana")]))[0] == 0
    s = dataset.current().sarana.set_index("nama_sarana")["status"].to_dict()
    assert s == {"Sumur A": "dibangun", "Sumur B": "selesai", "Sumur C": "rencana"}
