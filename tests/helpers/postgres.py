"""A throwaway PostgreSQL cluster with PostGIS, and the ``backend`` fixture that runs a test
against both stores (SQLite in the data folder, and PostgreSQL).

The cluster (tests/helpers/pgcluster.py, shared with the benchmarks) is a session fixture:
``initdb`` into a temporary folder, ``pg_ctl start`` on a free loopback port (its socket in
that folder too), a template database with PostGIS and citext, and for every test a database
of its own copied from it; all removed at the end. Debian's ``postgresql`` and ``postgis``
packages provide the server (``make test`` installs them as root); without them the
PostgreSQL tests are skipped, saying what to install.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from tests.helpers.pgcluster import MISSING, SECRET_ENV, Cluster, bindir, missing

__all__ = ["MISSING", "SECRET_ENV", "Cluster", "pg_cluster", "pg_url", "backend"]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The session's throwaway PostgreSQL cluster (skipped, saying what to install, without it)."""
    why = missing()
    if why:
        pytest.skip(why)
    cluster = Cluster(bindir())
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
