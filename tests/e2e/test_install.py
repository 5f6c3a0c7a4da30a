"""`pip install .` gives a working `konvergensi` command (issue 10).

The wheel is built from the project, installed without its dependencies into a temporary folder
(they are the ones this test run already has), and served from another working directory: every
page, style sheet, template and bundled dataset must come from the installed copy, and its data
must go to the user's data folder, not into the installation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile

import pytest

from tests.helpers.app import ROOT, free_port


@pytest.mark.slow
def test_the_wheel_installs_and_serves(tmp_path):
    # built from a copy: setuptools writes build/ and *.egg-info beside the sources it builds
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "build", "*.egg-info", "__pycache__", ".pytest_cache", "results"
        ),
    )
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(src)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(wheels.glob("konvergensi-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "app.py",
        "cli.py",
        "assets/style.css",
        "assets/print.js",
        "data/buton_selatan_desa.gpkg",
        "data/demo/prevalensi.csv",
        "data/templates/cakupan.xlsx",
        "callbacks/templates/cetak.html",
        "geo/core/messages/core.py",
    ):
        assert needed in names, needed
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "konvergensi = cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    assert not any(n.startswith("tests/") for n in names)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    home = tmp_path / "home"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KONVERGENSI_")}
    env.update(PYTHONPATH=str(target), XDG_DATA_HOME=str(home), DASH_DISABLE_VERSION_CHECK="true")
    work = tmp_path / "elsewhere"
    work.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys, cli; sys.exit(cli.main())", "run", "--port", str(port)],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None and time.time() < deadline, "the installed app did not start"
                time.sleep(0.5)
        for path in ("/", "/assets/style.css", "/lokus/cetak", "/unduh/template/cakupan.csv", "/metode"):
            with urllib.request.urlopen(base + path, timeout=60) as r:
                assert r.status == 200, path
        assert (home / "konvergensi" / "secret_key").exists()  # the user's data folder
        assert not (target / "var").exists()  # nothing written into the installation
    finally:
        proc.terminate()
        proc.wait(20)
