"""Every validation rule of the import, on small files built in the test."""

from __future__ import annotations

import io
import zipfile

import pytest
from shapely.geometry import box

from geo.io import boundaries as bnd
from geo.io import importers, readers
from tests.helpers.builders import grid

NAMES = [
    "Batuatas Barat",
    "Busoa",
    "Laompo",
    "Lawela",
    "Lawela Selatan",
    "Kampung Baru",
    "Kampung Baru",
    "Majapahit",
    "Bola",
]


@pytest.fixture(scope="module")
def villages():
    g = grid()
    g["nama_desa"] = NAMES
    return bnd.normalise(g, file="t.gpkg")


def check(kind, text, villages, name="t.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return importers.check(kind, data, name, villages)


def keys(checked, level=None):
    return [(p.key, p.row, p.column) for p in checked.problems if level is None or p.level == level]


HEAD = "kode_desa,nama_desa,tahun,balita_diukur,balita_stunting,sumber\n"


def test_good_file_with_code_and_name(villages):
    c = check("prevalensi", HEAD + "99.01.01.2002,Busoa,2021,100,20,Dinkes\n", villages)
    assert c.ok and not c.problems
    assert int(c.rows.iloc[0]["balita_stunting"]) == 20 and c.rows.iloc[0]["kode_desa"] == "99.01.01.2002"


def test_unknown_code_suggests_closest_villages(villages):
    c = check("prevalensi", HEAD + "99.01.01.2009,Busoa,2021,100,20,x\n", villages)
    (p,) = c.errors
    assert p.key == "desa.unknown_code" and p.row == 2 and p.column == "kode_desa"
    assert "Busoa (99.01.01.2002)" in p.params["suggest"]
    assert "baris 2" in p.message("id") and "row 2" in p.message("en")


def test_plain_ten_digit_code_is_accepted(villages):
    assert check("prevalensi", HEAD + "9901012002,,2021,100,20,x\n", villages).ok


@pytest.mark.parametrize(
    "name", ["busoa", "  BUSOA ", "Desa Busoa", "Kel. Busoa", "Bu-soa", "Batu Atas Barat", "batuatas-barat"]
)
def test_name_only_matches_normalised_name(villages, name):
    c = check("prevalensi", HEAD + f",{name},2021,100,20,x\n", villages)
    assert c.ok and not c.problems, c.problems
    assert c.rows.iloc[0]["kode_desa"] in ("99.01.01.2002", "99.01.01.2001")


def test_fuzzy_name_is_a_warning_to_confirm(villages):
    c = check("prevalensi", HEAD + ",Majapahitt,2021,100,20,x\n", villages)
    assert c.ok
    assert keys(c, "warning") == [("desa.fuzzy_match", 2, "nama_desa")]


def test_ambiguous_name_is_not_guessed(villages):
    c = check("prevalensi", HEAD + ",Kampung Baru,2021,100,20,x\n", villages)
    assert keys(c) == [("desa.ambiguous", 2, "nama_desa")]
    assert "99.01.02.2003" in c.errors[0].params["candidates"] and "99.01.03.2001" in c.errors[0].params["candidates"]


def test_ambiguous_name_resolved_by_kecamatan_column(villages):
    c = check(
        "prevalensi",
        "nama_desa,kecamatan,tahun,balita_diukur,balita_stunting\nKampung Baru,Kec 2,2021,10,1\n",
        villages,
    )
    assert c.ok and c.rows.iloc[0]["kode_desa"] == "99.01.03.2001"


def test_unknown_name_is_an_error(villages):
    assert keys(check("prevalensi", HEAD + ",Zanzibar,2021,100,20,x\n", villages)) == [
        ("desa.unknown_name", 2, "nama_desa")
    ]


def test_code_and_name_disagree(villages):
    c = check("prevalensi", HEAD + "99.01.01.2002,Laompo,2021,100,20,x\n", villages)
    assert keys(c) == [("desa.code_name_mismatch", 2, "nama_desa")]
    assert "Laompo (99.01.01.2003)" in c.errors[0].params["other"]


def test_neither_code_nor_name(villages):
    assert keys(check("prevalensi", HEAD + ",,2021,100,20,x\n", villages))[0][0] == "desa.missing"


def test_duplicate_rows(villages):
    c = check("prevalensi", HEAD + "99.01.01.2002,Busoa,2021,100,20,x\n,Busoa,2021,90,10,x\n", villages)
    assert keys(c) == [("prevalensi.duplicate", 3, "kode_desa")]
    assert c.errors[0].params["first"] == 2


def test_stunted_more_than_measured(villages):
    assert keys(check("prevalensi", HEAD + ",Busoa,2021,10,20,x\n", villages)) == [
        ("prevalensi.over", 2, "balita_stunting")
    ]


def test_negative_count(villages):
    assert keys(check("prevalensi", HEAD + ",Busoa,2021,-10,0,x\n", villages)) == [
        ("value.negative", 2, "balita_diukur")
    ]


def test_text_where_a_number_belongs(villages):
    c = check("prevalensi", HEAD + ",Busoa,2021,seratus,0,x\n", villages)
    assert keys(c) == [("value.not_number", 2, "balita_diukur")]
    assert "seratus" in c.errors[0].message("id")


def test_fraction_in_a_count(villages):
    assert keys(check("prevalensi", HEAD + ',Busoa,2021,"10,5",0,x\n', villages)) == [
        ("value.not_whole", 2, "balita_diukur")
    ]


def test_percentage_over_100(villages):
    text = "nama_desa,tahun,balita_diukur,balita_stunting,persen\nBusoa,2021,100,20,120\n"
    assert keys(check("prevalensi", text, villages)) == [("value.pct_range", 2, "persen")]


@pytest.mark.parametrize("year", ["1899", "2099", "21"])
def test_year_outside_sensible_range(villages, year):
    assert keys(check("prevalensi", HEAD + f",Busoa,{year},100,20,x\n", villages)) == [("value.year_range", 2, "tahun")]


def test_month_outside_range(villages):
    text = "nama_desa,tahun,bulan,balita_diukur,balita_stunting\nBusoa,2021,13,100,20\n"
    assert keys(check("prevalensi", text, villages)) == [("value.month_range", 2, "bulan")]


def test_missing_columns_named(villages):
    c = check("prevalensi", "kode_desa,tahun\n99.01.01.2002,2021\n", villages)
    (p,) = c.errors
    assert p.key == "table.missing_columns" and "balita_diukur" in p.params["missing"]


def test_semicolon_decimal_comma_bom_cp1252_blank_rows_and_spaces(villages):
    text = (
        "\ufeffkode_desa ; nama_desa;tahun;indikator;pembilang;penyebut;opd;persen\n\n"
        "99.01.01.2002 ;Busoa ;2021; anc4 ;1.234;2.000;Dinas Kesehatan;61,7\n;;;;;;;\n"
        " ;Laompo;2021;jamban_sehat;5;10;Dinas PUPR;50\n"
    )
    c = check("cakupan", text, villages)
    assert c.ok, c.problems
    assert list(c.rows["pembilang"]) == [1234, 5]
    assert c.rows["kode_desa"].tolist() == ["99.01.01.2002", "99.01.01.2003"]
    cp = (
        "nama_desa;tahun;balita_diukur;balita_stunting;sumber\nLaompo;2021;10;1;Puskesmas Sampolawa "
        "\u2013 caf\u00e9\n\nBusoa;2021;100;20;x\n"
    ).encode("cp1252")
    c2 = check("prevalensi", cp, villages)
    assert c2.ok and "café" in c2.rows.iloc[0]["sumber"]
    # The blank line is row 3 in a spreadsheet: the next record is row 4.
    bad = ("nama_desa;tahun;balita_diukur;balita_stunting\nLaompo;2021;10;1\n\nBusoa;2021;x;20\n").encode("cp1252")
    assert keys(check("prevalensi", bad, villages)) == [("value.not_number", 4, "balita_diukur")]


def test_xlsx_first_sheet(villages, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["kode_desa", "nama_desa", "tahun", "nomor_sk"])
    ws.append(["99.01.01.2002", "Busoa", 2022, "SK 170/2022"])
    ws.append([None, None, None, None])
    ws.append([None, "Laompo", 2022, None])
    wb.create_sheet("catatan").append(["ignored"])
    buf = io.BytesIO()
    wb.save(buf)
    c = check("lokus", buf.getvalue(), villages, "lokus.xlsx")
    assert c.ok and len(c.rows) == 2
    assert keys(c, "warning") == [("lokus.no_sk", 4, "nomor_sk")]


def test_cakupan_over_100_is_a_warning_and_zero_denominator_an_error(villages):
    head = "kode_desa,nama_desa,tahun,indikator,pembilang,penyebut,opd\n"
    c = check("cakupan", head + ",Busoa,2021,anc4,12,10,Dinkes\n,Laompo,2021,anc4,0,0,Dinkes\n", villages)
    assert keys(c) == [("cakupan.over", 2, "pembilang"), ("cakupan.zero_denominator", 3, "penyebut")]
    assert c.problems[0].level == "warning"


def test_cakupan_unknown_indicator_and_labels(villages):
    head = "nama_desa,tahun,indikator,pembilang,penyebut,opd\n"
    c = check("cakupan", head + "Busoa,2021,vitamin,1,2,x\nLaompo,2021,Jamban sehat,1,2,x\n", villages)
    assert keys(c) == [("cakupan.unknown_indicator", 2, "indikator")]


SARANA = "nama_sarana,jenis,kode_desa,nama_desa,lintang,bujur,tahun,status,sumber_dana,kk_terlayani,opd\n"


def test_sarana_coordinates(villages):
    # grid: x 122.60..122.63, y -5.60..-5.57; Busoa = 99.01.01.2002 is x 122.61..122.62, y -5.60..-5.59
    rows = (
        'Sumur A,sumur bor,,Busoa,"-5,595","122,615",2021,selesai,APBD,20,PUPR\n'
        "Sumur B,sumur bor,,Busoa,-5.595,122.625,2021,selesai,APBD,20,PUPR\n"
        "Sumur C,sumur bor,,Busoa,-1.0,110.0,2021,selesai,APBD,20,PUPR\n"
        "Sumur D,sumur bor,,Busoa,122.615,-5.595,2021,selesai,APBD,20,PUPR\n"
        "Sumur E,sumur bor,,Busoa,,,2021,selesai,APBD,20,PUPR\n"
        "Sumur F,sumur bor,,Busoa,-5.595,,2021,selesai,APBD,20,PUPR\n"
    )
    c = check("sarana", SARANA + rows, villages)
    got = keys(c)
    assert ("sarana.outside_village", 3, "lintang") in got
    assert ("sarana.outside_region", 4, "lintang") in got
    assert ("sarana.swapped", 5, "lintang") in got
    assert ("sarana.approximate", 6, "lintang") in got
    assert ("sarana.half_coordinates", 7, "bujur") in got
    # the approximate point sits inside its village and is flagged
    approx = c.rows[c.rows["nama_sarana"] == "Sumur E"].iloc[0]
    assert approx["lokasi_perkiraan"]
    geom = villages.set_index("kode_desa").geometry["99.01.01.2002"]
    import shapely

    assert geom.contains(shapely.Point(approx["bujur"], approx["lintang"]))
    assert c.rows[c.rows["nama_sarana"] == "Sumur A"].iloc[0]["lintang"] == pytest.approx(-5.595)


def test_sarana_duplicate(villages):
    row = "Sumur A,sumur bor,,Busoa,-5.595,122.615,2021,selesai,APBD,20,PUPR\n"
    assert keys(check("sarana", SARANA + row + row, villages)) == [("sarana.duplicate", 3, "kode_desa")]


def test_html_in_names_is_kept_as_plain_text(villages):
    row = "<script>alert(1)</script>,sumur bor,,Busoa,-5.595,122.615,2021,selesai,<b>APBD</b>,20,PUPR\n"
    c = check("sarana", SARANA + row, villages)
    assert c.ok and c.rows.iloc[0]["nama_sarana"] == "<script>alert(1)</script>"


def test_lokus_duplicate(villages):
    head = "kode_desa,nama_desa,tahun,nomor_sk\n"
    assert keys(check("lokus", head + ",Busoa,2022,SK1\n99.01.01.2002,,2022,SK1\n", villages)) == [
        ("lokus.duplicate", 3, "kode_desa")
    ]


# ----- hostile files -----------------------------------------------------------------------


def test_size_limit(villages, monkeypatch):
    monkeypatch.setenv("KONVERGENSI_MAX_UPLOAD_MB", "0.001")
    c = check("prevalensi", HEAD + ",Busoa,2021,100,20,x\n" * 100, villages)
    assert [p.key for p in c.errors] == ["file.too_large"]


def _zip(entries: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_with_escaping_path_is_rejected(villages, tmp_path):
    data = _zip({"../../evil.geojson": "{}", "ok.txt": "x"})
    c = importers.check("batas", data, "batas.zip")
    assert [p.key for p in c.errors] == ["zip.unsafe_path"]
    assert not (tmp_path / "evil.geojson").exists()


def test_zip_bomb_is_rejected_before_unpacking(villages):
    data = _zip({"desa.geojson": b"0" * 50_000_000})
    assert len(data) < 200_000
    c = importers.check("batas", data, "batas.zip")
    assert [p.key for p in c.errors] == ["zip.bomb"]


def test_xlsx_bomb_is_rejected(villages):
    data = _zip({"[Content_Types].xml": b" " * 30_000_000})
    c = importers.check("prevalensi", data, "p.xlsx", villages)
    assert [p.key for p in c.errors] == ["zip.bomb"]


def test_wrong_file_type(villages):
    assert [p.key for p in check("prevalensi", b"MZ\x00\x00binary", villages, "x.exe").errors] == ["file.bad_type"]
    assert [p.key for p in check("prevalensi", b"abc", villages, "x.xls").errors] == ["file.xls_old"]


# ----- boundary files ----------------------------------------------------------------------


def _gpkg(gdf, tmp_path, name="b.gpkg") -> bytes:
    p = tmp_path / name
    gdf.to_file(p, driver="GPKG" if name.endswith(".gpkg") else "GeoJSON")
    return p.read_bytes()


def test_boundary_with_big_columns_other_crs_is_normalised(tmp_path):
    g = (
        grid()
        .to_crs("EPSG:32751")
        .rename(columns={"kode_desa": "KDEPUM", "nama_desa": "WADMKD", "kode_kec": "KDCPUM", "nama_kec": "WADMKC"})
    )
    c = importers.check("batas", _gpkg(g, tmp_path), "big.gpkg")
    assert c.ok, c.problems
    assert c.rows.crs.to_epsg() == 4326 and len(c.rows) == 9
    assert c.rows.total_bounds[0] == pytest.approx(122.6, abs=1e-6)


def test_boundary_missing_and_duplicate_codes(tmp_path):
    g = grid()
    g.loc[1, "kode_desa"] = g.loc[0, "kode_desa"]
    c = importers.check("batas", _gpkg(g, tmp_path), "dup.gpkg")
    assert [(p.key, p.row) for p in c.errors] == [("boundary.duplicate_code", 2), ("boundary.duplicate_code", 3)]
    g = grid()
    g.loc[4, "kode_desa"] = None
    c = importers.check("batas", _gpkg(g, tmp_path, "m.gpkg"), "m.gpkg")
    assert [(p.key, p.row) for p in c.errors] == [("boundary.missing_code", 6)]


def test_boundary_without_crs(tmp_path):
    g = grid()
    # a shapefile without its .prj has no CRS
    shp_dir = tmp_path / "shp"
    shp_dir.mkdir()
    g.set_crs(None, allow_override=True).to_file(shp_dir / "desa.shp")
    (shp_dir / "desa.prj").unlink(missing_ok=True)
    data = _zip({f.name: f.read_bytes() for f in shp_dir.iterdir()})
    c = importers.check("batas", data, "desa.zip")
    assert [p.key for p in c.errors] == ["boundary.no_crs"]


def test_boundary_invalid_geometry_repaired_with_warning(tmp_path):
    from shapely.affinity import scale, translate

    from tests.helpers.builders import bowtie

    g = grid()
    g.loc[0, "geometry"] = translate(scale(bowtie(), 0.01, 0.01, origin=(0, 0)), 122.6, -5.6)
    c = importers.check("batas", _gpkg(g, tmp_path), "bow.gpkg")
    assert c.ok and [(p.key, p.row) for p in c.warnings] == [("batas.invalid_geometry", 2)]
    assert c.rows.geometry.is_valid.all()


def test_boundary_heavy_overlap(tmp_path):
    g = grid()
    g.loc[1, "geometry"] = box(122.6, -5.6, 122.612, -5.59)  # covers most of village 0
    c = importers.check("batas", _gpkg(g, tmp_path), "ov.gpkg")
    assert [p.key for p in c.errors] == ["batas.overlap"]
    assert "99.01.01.2001" in c.errors[0].params["a"]


def test_zipped_shapefile_in_a_folder(tmp_path):
    g = grid().rename(columns={"kode_desa": "IDDESA", "nama_desa": "NMDESA"})
    d = tmp_path / "z"
    d.mkdir()
    g.to_file(d / "desa.shp")
    data = _zip({f"batas/{f.name}": f.read_bytes() for f in d.iterdir()})
    c = importers.check("batas", data, "desa.zip")
    assert c.ok and sorted(c.rows["kode_desa"]) == sorted(grid()["kode_desa"])


def test_reader_keeps_spreadsheet_rows():
    df = readers.read_table(b"\n\na,b\n1,2\n\n3,4\n", "x.csv")
    assert df["_row"].tolist() == [4, 6]
    assert df["a"].tolist() == ["1", "3"]


def test_ambiguous_rows_are_offered_for_confirmation_and_import_with_the_chosen_code(villages):
    text = HEAD + ",Kampung Baru,2021,100,20,x\n,Busoa,2021,100,10,x\n,Kampung Baru,2020,90,9,x\n"
    c = check("prevalensi", text, villages)
    assert not c.ok and importers.ambiguous_rows(c) == {
        2: ["99.01.02.2003", "99.01.03.2001"],
        4: ["99.01.02.2003", "99.01.03.2001"],
    }
    assert "nama_kec" in c.errors[0].text("id") and "kode_desa" in c.errors[0].text("en")
    # One row confirmed: the other is still an error (nothing guessed).
    half = importers.check("prevalensi", text.encode(), "t.csv", villages, choices={2: "99.01.03.2001"})
    assert keys(half, "error") == [("desa.ambiguous", 4, "nama_desa")]
    # A code that is not a candidate for that row does not count as a confirmation.
    wrong = importers.check(
        "prevalensi", text.encode(), "t.csv", villages, choices={2: "99.01.01.2002", 4: "99.01.02.2003"}
    )
    assert keys(wrong, "error") == [("desa.ambiguous", 2, "nama_desa")]
    both = importers.check(
        "prevalensi", text.encode(), "t.csv", villages, choices={"2": "99.01.03.2001", "4": "99.01.02.2003"}
    )
    assert both.ok and list(both.rows["kode_desa"]) == ["99.01.03.2001", "99.01.01.2002", "99.01.02.2003"]
    assert keys(both, "warning") == [
        ("desa.ambiguous_chosen", 2, "nama_desa"),
        ("desa.ambiguous_chosen", 4, "nama_desa"),
    ]
    assert "Kampung Baru (99.01.03.2001) – Kec 2" in both.warnings[0].text("en")
