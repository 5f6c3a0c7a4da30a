"""A throwaway PostgreSQL cluster with PostGIS, and the ``backend`` fixture that runs a test
against both stores (SQLite in the data folder, and PostgreSQL).

The cluster is a session fixture: ``initdb`` into a temporary folder, ``pg_ctl start`` on a
free loopback port (its socket in that folder too), a template database with PostGIS and
citext, and for every test a database of its own copied from it; all removed at the end.
Debian's ``postgresql`` and ``postgis`` packages provide the server (``make test`` installs
them as root); without them the PostgreSQL tests are skipped, saying what to install.
As root, the server runs as the ``postgres`` user (initdb refuses root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SECRET_ENV = {"KONVERGENSI_SECRET_KEY": "test-secret-key-equal-on-every-host", "KONVERGENSI_NIK_SALT": "test-salt"}
MISSING = (
    "PostgreSQL tests skipped: the PostgreSQL server and PostGIS are not installed. "
    "Install them with: sudo apt-get install postgresql postgis (make test does, as root)"
)


def _bindir() -> Path | None:
    for pg_config in [shutil.which("pg_config"), *sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_config"))]:
        if not pg_config:
            continue
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            continue
        if (Path(out) / "initdb").exists() and (Path(out) / "pg_ctl").exists():
            return Path(out)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _has_postgis(bindir: Path) -> bool:
    try:
        share = subprocess.run(
            [str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        version = bindir.parent.name
        share = f"/usr/share/postgresql/{version}"
    return bool(glob.glob(f"{share}/extension/postgis.control"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A running throwaway cluster: :meth:`new_database` gives a fresh database's URL."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="konvergensi-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            os.chmod(self.folder, 0o700)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self.as_user, *args], capture_output=True, text=True, check=check, cwd="/")

    def start(self) -> None:
        self.run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "--auth=trust",
            "--username",
            self.user,
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c full_page_writes=off"
        self.run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "start",
        )
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as con:
            con.execute("CREATE DATABASE konvergensi_template")
        with psycopg.connect(self.url("konvergensi_template"), autocommit=True) as con:
            con.execute("CREATE EXTENSION postgis")
            con.execute("CREATE EXTENSION citext")

    def url(self, dbname: str, user: str | None = None, password: str | None = None) -> str:
        who = user or self.user
        if password:
            who += f":{password}"
        return f"postgresql://{who}@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url("postgres"), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name} TEMPLATE konvergensi_template")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        try:
            with psycopg.connect(self.url("postgres"), autocommit=True) as con:
                con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        except psycopg.Error:
            pass

    def stop(self) -> None:
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The session's throwaway PostgreSQL cluster (skipped, saying what to install, without it)."""
    bindir = _bindir()
    if bindir is None or not _has_postgis(bindir):
        pytest.skip(MISSING)
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip(MISSING + " (no postgres user)")
    cluster = Cluster(bindir)
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        cluster.stop()
        pytest.fail(f"the throwaway PostgreSQL did not start: {exc.stderr or exc.stdout}")
    yield cluster
    from geo.io import pg

    pg.close_pools()
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh database of this test's own in the throwaway cluster (dropped afterwards)."""
    url = pg_cluster.new_database()
    yield url
    from geo.analysis import gisview
    from geo.io import pg

    gisview.wait()  # the GIS view's publication, if building a dataset started one
    pg.close_pools()
    pg_cluster.drop_database(url)
    pg.close_pools()  # one a background thread (the GIS view) opened meanwhile


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test against both stores: ``sqlite`` (the default, files in the data folder)
    and ``postgresql`` (``KONVERGENSI_DATABASE_URL`` at a fresh database of its own)."""
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        monkeypatch.setenv("KONVERGENSI_DATABASE_URL", url)
        for name, value in SECRET_ENV.items():
            monkeypatch.setenv(name, value)
    else:
        monkeypatch.delenv("KONVERGENSI_DATABASE_URL", raising=False)
    yield request.param
