"""A throwaway PostgreSQL cluster with PostGIS, without pytest: the test fixtures
(tests/helpers/postgres.py) and the benchmarks (bench/load.py, bench/postgres.py) both start
theirs with it.

``initdb`` into a temporary folder, ``pg_ctl start`` on a free loopback port (its socket in
that folder too), a template database with PostGIS and citext; :meth:`Cluster.new_database`
copies it into a database of its own. Debian's ``postgresql`` and ``postgis`` packages
provide the server; :func:`missing` says what to install when they are not there. As root,
the server runs as the ``postgres`` user (initdb refuses root).
"""

from __future__ import annotations

import contextlib
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

# Every app server on one database signs sessions and salts NIK hashes alike (app.py refuses
# to start with a database URL and without them).
SECRET_ENV = {"KONVERGENSI_SECRET_KEY": "test-secret-key-equal-on-every-host", "KONVERGENSI_NIK_SALT": "test-salt"}
MISSING = (
    "PostgreSQL tests skipped: the PostgreSQL server and PostGIS are not installed. "
    "Install them with: sudo apt-get install postgresql postgis (make test does, as root)"
)


def bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (Debian: /usr/lib/postgresql/<major>/bin)."""
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


def has_postgis(bindir: Path) -> bool:
    try:
        share = subprocess.run(
            [str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        version = bindir.parent.name
        share = f"/usr/share/postgresql/{version}"
    return bool(glob.glob(f"{share}/extension/postgis.control"))


def missing() -> str | None:
    """Why no throwaway cluster can start here (what to install), or None."""
    found = bindir()
    if found is None or not has_postgis(found):
        return MISSING
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return MISSING + " (no postgres user)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A running throwaway cluster: :meth:`new_database` gives a fresh database's URL."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="konvergensi-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            os.chmod(self.folder, 0o700)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self.as_user, *args], capture_output=True, text=True, check=check, cwd="/")

    def start(self, durable: bool = False) -> None:
        """``durable``: keep fsync on (a benchmark that compares with SQLite's
        ``synchronous=FULL``); the tests switch it off."""
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
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder}"
        if not durable:
            options += " -c fsync=off -c full_page_writes=off"
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


@contextlib.contextmanager
def throwaway(durable: bool = False) -> Iterator[Cluster]:
    """A started cluster, stopped and removed afterwards; RuntimeError saying what to install
    (or why it did not start) otherwise."""
    why = missing()
    if why:
        raise RuntimeError(why)
    cluster = Cluster(bindir())
    try:
        try:
            cluster.start(durable=durable)
        except subprocess.CalledProcessError as exc:
            raise RuntimeError(f"the throwaway PostgreSQL did not start: {exc.stderr or exc.stdout}") from exc
        yield cluster
    finally:
        cluster.stop()
