"""The production command: gunicorn with several workers serves the app and its health."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.helpers.app import ROOT, free_port


def test_gunicorn_serves_pages_and_health(tmp_path):
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(tmp_path))
    proc = subprocess.Popen(
        [str(gunicorn), "app:server", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, health = time.time() + 60, None
        while time.time() < deadline and health is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    health = json.load(r)
            except OSError:
                time.sleep(0.3)
        assert health and health["status"] == "ok" and health["version"]
        req = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.status == 200
            assert r.headers["Content-Security-Policy"]
        # Every worker answers with the same data version.
        versions = set()
        for _ in range(8):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                versions.add(json.load(r)["version"])
        assert versions == {health["version"]}
    finally:
        proc.terminate()
        proc.wait(20)
