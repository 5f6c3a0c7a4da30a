"""A short run of bench/load.py: viewers under gunicorn while an admin imports (issue 6).

The full run (50 viewers, 60 s) is `make load-import`; this one is small enough for
`make test` (10 viewers, 10 s, two workers) and checks the same things: no failed
request, no viewer ever sees two data versions mixed, every worker serves the new
version without a restart, and the import is logged by name.
"""

import json

import pytest

from bench import load
from tests.helpers.app import ROOT


@pytest.mark.slow
def test_viewers_during_an_import_never_fail_nor_mix(tmp_path):
    out = tmp_path / "load.json"
    rc = load.main(
        [
            "--viewers",
            "10",
            "--duration",
            "10",
            "--workers",
            "2",
            "--data-dir",
            str(tmp_path / "data"),
            "--import-kind",
            "prevalensi",
            "--import-file",
            str(ROOT / "data" / "demo" / "prevalensi.csv"),
            "--out",
            str(out),
        ]
    )
    r = json.loads(out.read_text())
    assert rc == 0, r
    assert r["failed"] == 0 and r["version_mixes"] == 0
    # viewers kept restyling around the import (how many depends on the machine: bench/README.md)
    assert r["requests"]["restyle"] >= 10 and r["requests"]["open_page"] >= 10
    imp = r["import"]
    assert imp["exit"] == 0 and imp["version_after"] != imp["version_before"]
    assert imp["all_workers_on_new_version"] and len(imp["workers"]) == 2
    assert set(imp["workers"].values()) == {imp["version_after"]}
    assert imp["version_before"] in r["versions_seen"]
    # the log line names the import: kind, file, version, who
    assert any(
        "kind=prevalensi" in line
        and "file='prevalensi.csv'" in line
        and "version=v1" in line
        and "by='load-test'" in line
        for line in imp["log"]
    ), imp


def test_a_mix_is_detected():
    """The judge the load test relies on can fail."""
    page = "aaa"
    ok = {"response": {"desa-style": {"data": {"h": {"version": "aaa"}, "legend": {"counts": []}}}}}
    mixed = {"response": {"desa-style": {"data": {"h": {"version": "bbb"}, "legend": {"counts": []}}}}}
    reload_ = {"response": {"map-stale": {"children": {"props": {"children": ["Data telah diperbarui"]}}}}}
    assert load.judge_restyle(ok, page) == "ok"
    assert load.judge_restyle(mixed, page) == "mix"
    assert load.judge_restyle(reload_, page) == "reload"
    assert load.judge_restyle({"response": {}}, page) == "mix"
    # a stale page gets its own choice back (no legend) with the notice: a reload, not a mix
    back = {"response": {"desa-style": {"data": {"h": {"version": "aaa"}}}, **reload_["response"]}}
    assert load.judge_restyle(back, page) == "reload"


@pytest.mark.slow
def test_two_servers_on_one_postgresql_during_an_import(tmp_path, pg_cluster):
    """`bench/load.py --database-url`: viewers spread over two gunicorn instances sharing one
    PostgreSQL database; an import through the command line half-way is served by every
    worker of both, and no viewer sees versions mixed."""
    out = tmp_path / "load.json"
    url = pg_cluster.new_database()
    try:
        rc = load.main(
            [
                "--database-url",
                url,
                "--viewers",
                "6",
                "--duration",
                "10",
                "--workers",
                "1",
                "--data-dir",
                str(tmp_path / "data"),
                "--import-kind",
                "prevalensi",
                "--import-file",
                str(ROOT / "data" / "demo" / "prevalensi.csv"),
                "--out",
                str(out),
            ]
        )
    finally:
        pg_cluster.drop_database(url)
    r = json.loads(out.read_text())
    assert rc == 0, r
    assert r["servers"] == 2 and r["database"] == "postgresql"
    assert r["failed"] == 0 and r["version_mixes"] == 0 and r["requests"]["open_page"] >= 6
    imp = r["import"]
    assert imp["exit"] == 0 and imp["version_after"] != imp["version_before"]
    assert imp["all_workers_on_new_version"] and len(imp["workers"]) == 2
    assert set(imp["version_after_per_server"].values()) == {imp["version_after"]}
