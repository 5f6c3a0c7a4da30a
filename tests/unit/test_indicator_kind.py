"""The ``indikator`` import kind (issue 11, part 3): the catalogue is data, validated, versioned,
restorable and withdrawable like every other kind, and every page follows the catalogue of the
data version it shows."""

from __future__ import annotations

import csv
import io

import pytest

from geo.core import schema
from geo.core.errors import DataError
from geo.core.i18n import t
from tests.helpers.builders import NEW_INDICATOR

COLUMNS = list(schema.CATALOGUE_COLUMNS)
NEW = NEW_INDICATOR
COVERAGE = "kode_desa,nama_desa,tahun,indikator,pembilang,penyebut,opd\n{rows}"
VILLAGES = ("74.15.01.1002", "74.15.01.1003", "74.15.01.1004")


def bundled_row(code: str, **changes) -> dict:
    """The bundled catalogue's row of ``code`` (as in data/indikator.csv), with ``changes``."""
    with open(schema.CATALOGUE_FILE, encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["kode"] == code)
    return row | {k: str(v) for k, v in changes.items()}


def catalogue_csv(*rows: dict) -> bytes:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in COLUMNS})
    return out.getvalue().encode()


def run_import(kind: str, data: bytes, name: str = "f.csv") -> int:
    from geo.io import importers

    out = importers.run(kind, data, name, by="admin")
    assert out.version_id is not None, [p.text("en") for p in out.checked.problems]
    return out.version_id


def check(data: bytes, name: str = "katalog.csv"):
    from geo.io import importers

    return importers.check("indikator", data, name)


def coverage_rows(code: str, pcts=(30, 50, 90), year: int = 2024) -> bytes:
    rows = "".join(f"{v},,{year},{code},{p},100,Dinas PMD\n" for v, p in zip(VILLAGES, pcts))
    return COVERAGE.format(rows=rows).encode()


# ----- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, column, key",
    [
        ({"kelompok": "lainnya"}, "kelompok", "indikator.bad_value"),
        ({"jenis": "rasio"}, "jenis", "indikator.bad_value"),
        ({"arah": "samping"}, "arah", "indikator.bad_value"),
        ({"target_persen": "120"}, "target_persen", "value.pct_range"),
        ({"target_persen": "-5"}, "target_persen", "value.pct_range"),
        ({"target_persen": "tinggi"}, "target_persen", "value.not_number"),
        ({"label_id": ""}, "label_id", "value.missing"),
        ({"label_en": ""}, "label_en", "value.missing"),
        ({"pembilang_en": ""}, "pembilang_en", "indikator.one_language"),
        ({"kode": "Posyandu Aktif"}, "kode", "indikator.bad_code"),
        ({"kode": "1posyandu"}, "kode", "indikator.bad_code"),
        ({"kode": "konvergensi"}, "kode", "indikator.reserved_code"),
        ({"sumber_target": ""}, "sumber_target", "indikator.target_no_source"),
        ({"opd": ""}, "opd", "value.missing"),
    ],
)
def test_each_bad_value_names_file_row_and_column_in_both_languages(data_dir, changes, column, key):
    checked = check(catalogue_csv(bundled_row("anc4"), NEW | changes))
    assert not checked.ok
    errors = [p for p in checked.errors if p.key == key]
    assert errors, [p.text("en") for p in checked.problems]
    p = errors[0]
    assert (p.file, p.row, p.column) == ("katalog.csv", 3, column)
    assert p.text("id") != p.text("en") and "{" not in p.text("id") + p.text("en")
    assert all(q.row == 3 for q in checked.errors)  # the good row 2 has nothing


def test_duplicate_codes_name_the_first_row(data_dir):
    checked = check(catalogue_csv(NEW, bundled_row("anc4"), NEW | {"label_en": "Again"}))
    [p] = checked.errors
    assert (p.key, p.row, p.column, p.params["first"]) == ("indikator.duplicate", 4, "kode", 2)
    assert "row 2" in p.text("en") and "baris 2" in p.text("id")


def test_missing_columns_are_named(data_dir):
    data = b"kode,jenis,label_id\nx_y,coverage,X\n"
    [p] = check(data).errors
    assert p.key == "table.missing_columns" and "label_en" in p.params["missing"] and "arah" in p.params["missing"]


@pytest.mark.parametrize("code", schema.ORIGINAL_CODES)
def test_an_original_code_keeps_its_kind_but_its_texts_and_target_may_change(data_dir, code):
    ind = schema.BUNDLED[code]
    other = "coverage" if ind.kind == "prevalence" else "prevalence"
    [p] = check(catalogue_csv(bundled_row(code, jenis=other))).errors
    assert (p.key, p.row, p.column) == ("indikator.kind_fixed", 2, "jenis")
    checked = check(catalogue_csv(bundled_row(code, label_en="Renamed", target_persen=50, sumber_target="X")))
    assert checked.ok, [p.text("en") for p in checked.problems]


def test_spellings_are_normalised_and_short_labels_default_to_the_label(data_dir):
    row = NEW | {"jenis": "Cakupan", "kelompok": "sensitive", "arah": "higher", "pendek_id": "", "pendek_en": ""}
    checked = check(catalogue_csv(row | {"target_persen": "70,5"}))
    assert checked.ok, [p.text("en") for p in checked.problems]
    r = checked.rows.iloc[0]
    assert (r["jenis"], r["kelompok"], r["arah"], r["target_persen"]) == ("coverage", "sensitif", "naik", 70.5)
    assert (r["pendek_id"], r["pendek_en"]) == ("Posyandu aktif", "Active posyandu")


def test_the_template_validates_as_it_is(data_dir):
    from geo.io import loading

    for ext in ("csv", "xlsx"):
        path = loading.BUNDLED_DIR / "templates" / f"indikator.{ext}"
        checked = check(path.read_bytes(), path.name)
        assert checked.ok and len(checked.rows) == 1, [p.text("en") for p in checked.problems]


# ----- the catalogue follows the data version --------------------------------------------


def test_a_new_indicator_with_coverage_reaches_dataset_matrix_exports_and_methods(data_dir):
    from geo.analysis import dataset, lokus
    from geo.io import importers
    from geo.output import exports
    from geo.views import methods

    refused = importers.check("cakupan", coverage_rows("posyandu_aktif"), "pmd.csv")
    assert [p.key for p in refused.errors] == ["cakupan.unknown_indicator"] * 3
    run_import("indikator", catalogue_csv(NEW))
    run_import("cakupan", coverage_rows("posyandu_aktif"), "pmd.csv")
    ds = dataset.current()
    assert ds.catalogue["posyandu_aktif"].target == 70
    assert "posyandu_aktif" in ds.indicator_codes and ds.years("posyandu_aktif") == [2024]
    assert "posyandu_aktif|2024" in ds.value_keys
    assert (
        t("ind.posyandu_aktif", "en") == "Active posyandu" and t("ind.posyandu_aktif.short", "id") == "Posyandu aktif"
    )
    crit = lokus.criteria_of(ds)
    assert "gap_posyandu_aktif" in crit.codes
    assert lokus.default_thresholds(crit)["gap_posyandu_aktif"] == (50.0, 30.0)  # target 70: red < 50%, yellow < 70%
    assert lokus.criterion_label("gap_posyandu_aktif", "en").endswith("Active posyandu")
    table = exports.village_table(ds)
    assert "posyandu_aktif_2024_persen" in table.columns
    assert table.set_index("kode_desa").loc["74.15.01.1002", "posyandu_aktif_2024_persen"] == pytest.approx(30)
    dictionary = exports.dictionary(ds, "en").set_index(exports.dictionary(ds, "en").columns[0])
    assert "Active posyandu" in " ".join(map(str, dictionary.loc["posyandu_aktif_2024_pembilang"]))
    rows = {r["code"]: r for r in methods.indicator_rows("en", ds.catalogue)}
    assert rows["posyandu_aktif"]["name"] == "Active posyandu" and "70" in rows["posyandu_aktif"]["rule"]


def test_a_changed_target_changes_the_lokus_traffic_lights(data_dir):
    from geo.analysis import dataset, lokus

    ds = dataset.current()
    crit = lokus.criteria_of(ds)
    assert "gap_air_minum" in crit.codes  # the bundled demo coverage
    assert lokus.default_thresholds(crit)["gap_air_minum"] == (20.0, 0.0)  # bundled target 100%
    run_import("indikator", catalogue_csv(bundled_row("air_minum", target_persen=60)))
    ds = dataset.current()
    crit = lokus.criteria_of(ds)
    assert lokus.default_thresholds(crit)["gap_air_minum"] == (60.0, 40.0)  # red < 40%, yellow < 60%
    lights = lokus.lights(crit, {})
    gap = crit.table["gap_air_minum"]
    assert all(lk == lokus.GREEN for lk, g in zip(lights["gap_air_minum"], gap) if g == g and g <= 40)


def test_withdraw_brings_the_previous_definition_back_and_restore_again(data_dir):
    from geo.analysis import dataset
    from geo.io import catalogue, store

    v1 = run_import(
        "indikator", catalogue_csv(bundled_row("anc4", label_en="ANC four", target_persen=80, sumber_target="Contoh"))
    )
    v2 = run_import("indikator", catalogue_csv(bundled_row("anc4", label_en="ANC 4 again"), NEW))
    assert dataset.current().catalogue["anc4"].texts[0][2] == "ANC 4 again"
    assert t("ind.anc4", "en") == "ANC 4 again"
    catalogue.withdraw(v2, "admin")  # nothing reports posyandu_aktif: it may go
    ds = dataset.current()
    assert ds.catalogue["anc4"].texts[0][2] == "ANC four" and ds.catalogue["anc4"].target == 80
    assert "posyandu_aktif" not in ds.catalogue and t("ind.anc4", "en") == "ANC four"
    catalogue.withdraw(v1, "admin")
    assert dataset.current().catalogue["anc4"] == schema.BUNDLED["anc4"]  # the bundled definition
    assert t("ind.anc4", "en") == schema.BUNDLED["anc4"].texts[0][2]
    store.restore(v2, "admin")
    assert dataset.current().catalogue["anc4"].texts[0][2] == "ANC 4 again"


def test_one_file_changing_one_indicator_replaces_that_indicator_only(data_dir):
    from geo.analysis import dataset

    run_import("indikator", catalogue_csv(bundled_row("anc4", label_en="A"), NEW))
    run_import("indikator", catalogue_csv(bundled_row("anc4", label_en="B")))
    cat = dataset.current().catalogue
    assert cat["anc4"].texts[0][2] == "B" and cat["posyandu_aktif"].texts[0][2] == "Active posyandu"
    assert list(cat)[: len(schema.BUNDLED)] == list(schema.BUNDLED)  # the bundled order, the new code after


def test_an_import_adding_a_code_with_data_cannot_be_withdrawn(data_dir):
    from geo.analysis import dataset
    from geo.io import catalogue

    v = run_import("indikator", catalogue_csv(NEW))
    run_import("cakupan", coverage_rows("posyandu_aktif"), "pmd.csv")
    with pytest.raises(DataError) as exc:
        catalogue.withdraw(v, "admin")
    [p] = exc.value.problems
    assert p.key == "indikator.withdraw_has_data" and "posyandu_aktif" in p.text("en")
    assert "posyandu_aktif" in dataset.current().indicator_codes


def test_the_dataset_carries_the_catalogue_of_its_version(data_dir):
    from geo.analysis import dataset

    before = dataset.current()
    run_import("indikator", catalogue_csv(NEW))
    after = dataset.current()
    assert after.version != before.version
    assert "posyandu_aktif" in after.catalogue and "posyandu_aktif" not in before.catalogue
    assert after.versions["indikator"] == "v1" and before.versions.get("indikator") in (None, "bawaan")
    assert dataset.current() is after  # cached per data version: nothing rebuilt per request


def test_the_data_page_offers_the_kind_and_its_template(data_dir):
    from callbacks import data as cdata

    assert "indikator" in cdata.TEMPLATE_KINDS
    ctx = cdata.page_context("en", None) if hasattr(cdata, "page_context") else None
    if ctx is not None:
        assert "indikator" in [k for k, _ in ctx["kinds"]]


def test_another_process_importing_is_seen_on_the_next_request_and_the_cli_refuses_with_exit_2(data_dir, tmp_path):
    """Several gunicorn workers: each reads the catalogue from the store, per data version. Here the
    command line (another process) imports while this process already holds a dataset."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from geo.analysis import dataset

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir))

    def cli(*args):
        p = subprocess.run(
            [sys.executable, "app.py", *args], cwd=root, env=env, capture_output=True, text=True, timeout=120
        )
        return p.returncode, p.stdout + p.stderr

    assert "posyandu_aktif" not in dataset.current().catalogue
    bad = tmp_path / "bad.csv"
    bad.write_bytes(catalogue_csv(NEW | {"arah": "samping"}))
    code, out = cli("import", "indikator", str(bad), "--lang", "en")
    assert code == 2 and "row 2, column 'arah'" in out and "samping" in out, out
    good = tmp_path / "katalog.csv"
    good.write_bytes(catalogue_csv(NEW))
    assert cli("import", "indikator", str(good))[0] == 0
    cov = tmp_path / "pmd.csv"
    cov.write_bytes(coverage_rows("posyandu_aktif"))
    assert cli("import", "cakupan", str(cov))[0] == 0
    ds = dataset.current()
    assert "posyandu_aktif" in ds.catalogue and "posyandu_aktif" in ds.indicator_codes
    assert t("ind.posyandu_aktif", "en") == "Active posyandu"
    code, out = cli("withdraw", "1", "--lang", "en")
    assert code == 2 and "cannot be withdrawn" in out, out
    code, out = cli("versions")
    assert code == 0 and "indikator" in out and "posyandu_aktif" in out
