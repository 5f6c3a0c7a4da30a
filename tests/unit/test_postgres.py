"""What only PostgreSQL has (issue 12): migrations, refused writes, one version query per
request, the PostGIS view for QGIS, and moving a SQLite installation over.

The store, import, version and CLI tests run on both backends through the ``backend``
fixture (tests/unit/test_store.py, test_observations.py, test_cli.py, test_scenarios.py,
test_accounts.py); these need PostgreSQL itself.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import psycopg
import pytest
import shapely

import cli
from geo.analysis import dataset, gisview
from geo.core.errors import DataError
from geo.io import db, importers, loading, pg, scenarios, store
from tests.helpers.postgres import SECRET_ENV

ROOT = Path(__file__).resolve().parents[2]
PREV = (loading.BUNDLED_DEMO / "prevalensi.csv").read_bytes()
CAKUPAN = (loading.BUNDLED_DEMO / "cakupan.csv").read_bytes()


@pytest.fixture
def on_pg(data_dir, pg_url, monkeypatch):
    """This test's store is a fresh PostgreSQL database."""
    monkeypatch.setenv("KONVERGENSI_DATABASE_URL", pg_url)
    for k, v in SECRET_ENV.items():
        monkeypatch.setenv(k, v)
    return pg_url


def counts(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as con:
        return tuple(con.execute(f"SELECT count(*) FROM konvergensi.{t}").fetchone()[0] for t in ("versi", "baris"))


def small_prev(stunted: int, year: int = 2023) -> pd.DataFrame:
    b = dataset.bundled().boundaries
    return pd.DataFrame(
        {
            "kode_desa": b["kode_desa"][:3],
            "nama_desa": b["nama_desa"][:3],
            "tahun": year,
            "bulan": None,
            "balita_diukur": 100,
            "balita_stunting": stunted,
            "sumber": "Dinkes",
        }
    )


def test_migrations_are_numbered_run_once_and_safe_when_servers_start_together(on_pg):
    assert pg.schema_version(on_pg) == max(n for n, _, _ in pg.MIGRATIONS)
    with psycopg.connect(on_pg, autocommit=True) as raw:
        assert pg.migrate(raw) == []  # nothing left to do
        raw.execute("DELETE FROM konvergensi.skema_migrasi WHERE nomor = 2")
        raw.execute("DROP VIEW konvergensi.desa_terkini")
        raw.execute("DROP TABLE konvergensi.batas_terkini, konvergensi.nilai_terkini, konvergensi.terkini_status")
    results, errors = [], []

    def start():
        try:
            with psycopg.connect(on_pg, autocommit=True) as raw:
                results.append(pg.migrate(raw))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors and sorted(results) == [[], [], [], [2]]  # step 2 again, exactly once
    with psycopg.connect(on_pg) as raw:
        kinds = dict(
            raw.execute(
                "SELECT f_table_name, type FROM geometry_columns WHERE f_table_schema = 'konvergensi' "
                "AND f_geometry_column = 'geom' AND srid = 4326"
            ).fetchall()
        )
        indexes = {r[0] for r in raw.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = 'konvergensi'")}
    assert kinds["baris"] == "MULTIPOLYGON" and kinds["batas_terkini"] == "MULTIPOLYGON"
    assert any("USING gist (geom)" in i and "baris" in i for i in indexes)


def test_parameters_are_bound_never_formatted(on_pg):
    nasty = "x'); DROP TABLE konvergensi.versi; --"
    vid = store.import_table("prevalensi", small_prev(10), {"file_name": nasty, "imported_by": "ana % ? %s"})
    v = store.get_version(vid)
    assert v["nama_berkas"] == nasty and v["oleh"] == "ana % ? %s"
    assert counts(on_pg)[0] == 1


def test_boundaries_are_postgis_multipolygons_and_come_back_equal(on_pg):
    b = dataset.bundled().boundaries
    vid = store.import_table("batas", b, {"file_name": "batas.gpkg", "imported_by": "ana"})
    back = store.load(version_id=vid)
    assert len(back) == len(b) and back.crs.to_epsg() == 4326
    assert set(back.geom_type) == {"MultiPolygon"}
    assert shapely.area(back.geometry.values).sum() == pytest.approx(shapely.area(b.geometry.values).sum(), rel=1e-12)
    with psycopg.connect(on_pg) as raw:
        srid, valid = raw.execute(
            "SELECT min(ST_SRID(geom)), bool_and(ST_IsValid(geom)) FROM konvergensi.baris WHERE versi_id = %s",
            (vid,),
        ).fetchone()
    assert srid == 4326 and valid


@pytest.mark.parametrize("how", ["read_only_transaction", "full_tablespace"])
def test_a_database_that_refuses_writes_gives_the_plain_message_and_changes_nothing(on_pg, how):
    importers.run("prevalensi", PREV, "prevalensi.csv", by="ana")
    before, version = counts(on_pg), dataset.current().version
    name = on_pg.rsplit("/", 1)[1]
    with psycopg.connect(on_pg, autocommit=True) as raw:
        if how == "read_only_transaction":
            raw.execute(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
        else:  # a full tablespace, simulated by a statement that fails as PostgreSQL does then
            raw.execute(
                "CREATE FUNCTION konvergensi.penuh() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$"
            )
            for table in ("versi", "baris"):
                raw.execute(
                    f"CREATE TRIGGER penuh BEFORE INSERT ON konvergensi.{table} "
                    "FOR EACH ROW EXECUTE FUNCTION konvergensi.penuh()"
                )
    pg.close_pools()  # new connections: the database's new default applies
    path = Path(os.environ["KONVERGENSI_DATA_DIR"]) / "cakupan.csv"
    path.write_bytes(CAKUPAN)
    out = io.StringIO()
    assert cli.main(["import", "cakupan", str(path)], out=out) == cli.EXIT_REJECTED
    text = out.getvalue()
    expected = "basis data hanya menerima baca" if how == "read_only_transaction" else "ruang basis data penuh"
    assert expected in text and "tidak ada yang berubah" in text.lower()
    assert "Traceback" not in text and "postgresql://" not in text and "53100" not in text
    with pytest.raises(DataError) as exc:
        store.withdraw(1, by="ana")
    assert exc.value.problems[0].key in ("store.db_read_only", "store.db_full")
    assert counts(on_pg) == before  # no version row, no half of the rows
    assert dataset.current().version == version  # viewing goes on with the same data


def test_an_unreachable_database_is_a_plain_message(data_dir, monkeypatch):
    with __import__("socket").socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here
    monkeypatch.setenv("KONVERGENSI_DATABASE_URL", f"postgresql://nobody@127.0.0.1:{port}/none?connect_timeout=2")
    monkeypatch.setattr(pg, "POOL_TIMEOUT", 2)
    exc = None
    try:
        store.import_table("prevalensi", small_prev(10), {"file_name": "a.csv", "imported_by": "ana"})
    except DataError as e:
        exc = e
    finally:
        pg.close_pools()
    assert exc is not None and exc.problems[0].key == "store.db_unreachable"
    assert "tidak dapat dihubungi" in exc.problems[0].text("id")


def test_a_request_that_changes_nothing_costs_one_version_query(on_pg):
    import app
    from geo.core.config import Settings

    importers.run("prevalensi", PREV, "prevalensi.csv", by="ana")
    server = app.create_app(Settings.from_env()).server
    client = server.test_client()
    ds = dataset.current()
    gisview.wait()  # (a new version's view is published once, by whichever server is first)
    for url in ("/healthz", f"/api/{ds.version}/desa.geojson", "/"):
        assert client.get(url).status_code == 200  # warm: the dataset and layers are built
    for url in ("/healthz", f"/api/{ds.version}/desa.geojson", "/", "/tren"):
        before = pg.queries
        assert client.get(url).status_code == 200
        assert pg.queries - before <= 1, url
    # A new import is seen on the next request, by the same one query.
    importers.run("cakupan", CAKUPAN, "cakupan.csv", by="ana")
    assert client.get("/healthz").get_json()["version"] != ds.version


def test_the_view_shows_current_boundaries_with_the_latest_value_of_every_indicator(on_pg):
    importers.run("prevalensi", PREV, "prevalensi.csv", by="ana")
    ds = dataset.current()
    with psycopg.connect(on_pg, autocommit=True) as raw:
        raw.execute("CREATE ROLE qgis_baca LOGIN")
        raw.execute("GRANT USAGE ON SCHEMA konvergensi TO qgis_baca")
        raw.execute("GRANT SELECT ON ALL TABLES IN SCHEMA konvergensi TO qgis_baca")
    try:
        gisview.wait()  # building the dataset started its publication in the background
        assert gisview.publish(ds) is False  # once per version
        assert pg.published_version(on_pg) == ds.version
        year = ds.years("stunting")[-1]
        want = {k: 100 * a / b for k, (a, b) in ds.values("stunting", year).items()}
        # QGIS reads the view as the read-only role, through a normal PostGIS connection.
        reader = on_pg.replace(f"//{on_pg.split('//')[1].split('@')[0]}@", "//qgis_baca@")
        with psycopg.connect(reader) as raw:
            cols = [
                r[0]
                for r in raw.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema='konvergensi' "
                    "AND table_name='desa_terkini' ORDER BY ordinal_position"
                )
            ]
            rows = raw.execute(
                "SELECT kode_desa, stunting, stunting_tahun, keterangan, ST_GeometryType(geom), ST_SRID(geom) "
                "FROM konvergensi.desa_terkini"
            ).fetchall()
            kind = raw.execute(
                "SELECT type FROM geometry_columns WHERE f_table_schema='konvergensi' AND f_table_name='desa_terkini'"
            ).fetchone()
        assert len(rows) == len(ds.boundaries) and cols[-1] == "geom" and kind == ("MULTIPOLYGON",)
        assert {c for c in ds.indicator_codes} <= set(cols)
        got = {k: v for k, v, *_ in rows}
        assert all(got[k] == pytest.approx(v, abs=0.005) for k, v in want.items())
        assert {r[2] for r in rows if r[1] is not None} == {year}
        assert {r[4] for r in rows} == {"ST_MultiPolygon"} and {r[5] for r in rows} == {4326}
        assert all("DATA CONTOH" in r[3] for r in rows)  # the bundled coverage and boundaries are demo data
        # A new import: the view follows, and the reader keeps its right to read it.
        b = dataset.bundled().boundaries
        outcome = importers.run(
            "prevalensi",
            pd.DataFrame(
                {
                    "kode_desa": b["kode_desa"],
                    "nama_desa": b["nama_desa"],
                    "tahun": 2025,
                    "balita_diukur": 10,
                    "balita_stunting": 1,
                    "sumber": "Dinkes",
                }
            )
            .to_csv(index=False)
            .encode(),
            "p2025.csv",
            by="ana",
        )
        assert outcome.version_id == 2
        dataset.current()
        gisview.wait()
        with psycopg.connect(reader) as raw:
            years = raw.execute("SELECT DISTINCT stunting_tahun, stunting FROM konvergensi.desa_terkini").fetchall()
        assert years == [(2025, 10.0)]
    finally:
        with psycopg.connect(on_pg, autocommit=True) as raw:
            raw.execute("DROP OWNED BY qgis_baca")
            raw.execute("DROP ROLE qgis_baca")


def test_migrate_store_copies_every_version_and_checks_row_counts(data_dir, pg_url, tmp_path, monkeypatch):
    # An installation on SQLite: versions (one withdrawn), boundaries, a scenario, an account.
    monkeypatch.delenv("KONVERGENSI_DATABASE_URL", raising=False)
    importers.run("prevalensi", PREV, "prevalensi.csv", by="ana")
    importers.run("cakupan", CAKUPAN, "cakupan.csv", by="ana")
    store.import_table("batas", dataset.bundled().boundaries, {"file_name": "batas.gpkg", "imported_by": "ana"})
    store.withdraw(2, by="ana")
    scenarios.save("Usulan", "v", {"n": 1, "selected": ["a"]})
    from geo.io import accounts

    accounts.create(
        "budi", "Kata-sandi-yang-panjang-1", "opd", office="Dinas PUPR", kinds=["cakupan"], allowed_kinds=["cakupan"]
    )
    sqlite_versions = store.list_versions()
    sqlite_values = dataset.current().values("stunting", dataset.current().years("stunting")[-1])

    env = dict(os.environ, **SECRET_ENV)
    env.pop("KONVERGENSI_DATABASE_URL", None)

    def run(*args):
        p = subprocess.run(
            [sys.executable, "app.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        return p.returncode, p.stdout, p.stderr

    code, out, err = run("migrate-store", "--to", pg_url)
    assert code == 0, out
    assert "not updated" not in err, err
    lines = out.strip().splitlines()
    assert "versi: 4 baris → 4 baris ✓" in lines and "baris: " in out and "akun: 1 baris → 1 baris ✓" in lines
    assert "skenario: 1 baris → 1 baris ✓" in lines and "tidak" not in lines[-1]
    assert "postgresql://" in lines[-1] and "@" in lines[-1] and ":" not in lines[-1].split("//")[1].split("@")[0]
    # The same data, served from PostgreSQL.
    monkeypatch.setenv("KONVERGENSI_DATABASE_URL", pg_url)
    for k, v in SECRET_ENV.items():
        monkeypatch.setenv(k, v)
    assert store.list_versions() == sqlite_versions
    assert dataset.current().values("stunting", dataset.current().years("stunting")[-1]) == sqlite_values
    assert [s["name"] for s in scenarios.list_all()] == ["Usulan"] and accounts.get("BUDI").office == "Dinas PUPR"
    assert pg.published_version(pg_url) == dataset.current().version  # the view is there for QGIS at once
    # New ids continue after the copied ones; a second copy into the same database is refused.
    assert store.import_table("prevalensi", small_prev(5), {"file_name": "x.csv", "imported_by": "ana"}) == 5
    code, out, _ = run("migrate-store", "--to", pg_url)
    assert code == 2 and "sudah berisi data" in out and "tidak ada yang disalin" in out
    code, out, _ = run("migrate-store", "--to", "/tmp/not-a-database.sqlite", "--lang", "en")
    assert code == 2 and "must be a PostgreSQL address" in out
    assert json.dumps(store.get_version(1)["cakupan"])  # coverage came along


def test_backup_on_postgresql_points_to_pg_dump(on_pg, tmp_path):
    out = io.StringIO()
    assert cli.main(["backup", str(tmp_path / "copy.sqlite")], out=out) == cli.EXIT_REJECTED
    assert "pg_dump" in out.getvalue() and not (tmp_path / "copy.sqlite").exists()


def test_without_shared_secrets_a_server_on_postgresql_refuses_to_start(on_pg, monkeypatch):
    import app
    from geo.core.config import Settings

    monkeypatch.delenv("KONVERGENSI_NIK_SALT")
    with pytest.raises(SystemExit) as exc:
        app.create_app(Settings.from_env())
    assert "KONVERGENSI_NIK_SALT" in str(exc.value) and "KONVERGENSI_SECRET_KEY" not in str(exc.value)
    assert db.is_postgres()


def test_an_upload_checked_on_one_server_is_confirmed_on_another(on_pg, tmp_path, monkeypatch):
    import base64

    from callbacks import data as data_cb

    contents = "data:text/csv;base64," + base64.b64encode(CAKUPAN).decode()
    _, waiting, disabled, *_ = data_cb.check_upload(contents, "cakupan.csv", "cakupan", "id", user="ana")
    assert waiting and not disabled
    other = tmp_path / "host-b"
    other.mkdir()
    monkeypatch.setenv("KONVERGENSI_DATA_DIR", str(other))  # the confirmation reaches the second host
    msg, *_ = data_cb.confirm_import(waiting, [], "id", user="ana")
    assert msg == data_cb.t("data.imported", "id", version=1)
    assert not list(other.glob("unggahan/*"))  # nothing waited on either host's disk
    msg, *_ = data_cb.confirm_import(waiting, [], "id", user="ana")  # once only
    assert "kedaluwarsa" in msg and len(store.list_versions()) == 1
