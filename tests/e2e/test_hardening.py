"""Admin actions refuse requests without a valid session; public answers reveal no paths (issue 6).

The Dash callbacks are called directly over HTTP (/_dash-update-component), as an
attacker would, not through the page's buttons.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.helpers.app import ADMIN_PASSWORD, ADMIN_USER, ROOT
from tests.helpers.dashclient import DashClient, text_in, upload_contents

PREV = ROOT / "data" / "demo" / "prevalensi.csv"
NOT_ALLOWED = "Masuk sebagai admin data terlebih dahulu."


def store_versions(data_dir) -> list:
    r = subprocess.run(
        [sys.executable, "app.py", "versions"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir)),
    )
    return r.stdout.splitlines()


def test_admin_callbacks_refuse_requests_without_a_session(admin_app):
    data_dir = admin_app["data_dir"]
    subprocess.run(
        [sys.executable, "app.py", "import", "prevalensi", str(PREV), "--by", "ana"],
        cwd=ROOT,
        env=dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir)),
        check=True,
        capture_output=True,
        timeout=120,
    )
    before = store_versions(data_dir)
    for cookie in (None, "konvergensi_sesi=eyJhZG1pbiI6ImFkbWluLWRhdGEifQ.ZZZZZZ.palsu"):
        c = DashClient(admin_app["url"])
        if cookie:
            c.opener.addheaders.append(("Cookie", cookie))
        st, check = c.call(
            "data-upload.contents", [upload_contents(PREV.read_bytes()), "prevalensi"], ["prevalensi.csv", "id"]
        )
        assert st == 200 and NOT_ALLOWED in text_in(check)
        assert check["response"]["data-pending"]["data"] is None
        forged = {"token": "0" * 32, "kind": "prevalensi", "file": "x.csv", "warnings": 0}
        st, conf = c.call("data-confirm.n_clicks", [1, []], [forged, ["ok"], "id"])
        assert st == 200 and NOT_ALLOWED in text_in(conf)
        restore = [{"id": {"type": "data-restore", "index": 1}, "property": "n_clicks", "value": 1}]
        st, res = c.call(
            "data-confirm.n_clicks",
            [None, restore],
            [None, [], "id"],
            changed='{"index":1,"type":"data-restore"}.n_clicks',
        )
        assert st == 200 and NOT_ALLOWED in text_in(res), res
    assert store_versions(data_dir) == before
    # the same restore with a signed-in admin works: the refusal above was about the session
    c = DashClient(admin_app["url"])
    assert c.login(ADMIN_USER, ADMIN_PASSWORD)[0] == 303
    st, res = c.call(
        "data-confirm.n_clicks",
        [None, [{"id": {"type": "data-restore", "index": 1}, "property": "n_clicks", "value": 1}]],
        [None, [], "id"],
        changed='{"index":1,"type":"data-restore"}.n_clicks',
    )
    assert st == 200 and "dipulihkan" in text_in(res)
    assert len(store_versions(data_dir)) == len(before) + 1


def test_public_answers_reveal_no_paths(admin_app):
    data_dir = str(admin_app["data_dir"])
    c = DashClient(admin_app["url"])
    secrets = (data_dir, str(ROOT), "Traceback", "konvergensi.sqlite", "/tmp/")
    st, _, body = c.get("/healthz")
    health = json.loads(body)
    assert st == 200 and set(health) == {"status", "version", "versions", "villages", "worker"}
    for path in ("/healthz", "/", "/data", "/kualitas", "/tidak-ada", "/api/x/tidak.geojson", "/unduh/template/x.csv"):
        st, _, body = c.get(path)
        text = body.decode("utf-8", "replace")
        assert not any(s in text for s in secrets), (path, [s for s in secrets if s in text])
    # a broken callback request: a plain error, no stack trace or path
    st, answer = c.call("data-upload.contents", ["data:;base64,@@@", "tidak-ada"], [None, None])
    assert not any(s in str(answer) for s in secrets)
    # a signed-in admin's validation messages name the file, never the folder it came from
    assert c.login(ADMIN_USER, ADMIN_PASSWORD)[0] == 303
    for name in ("C:\\Users\\ana\\Dokumen\\laporan.csv", "/root/rahasia/laporan.csv"):
        st, check = c.call(
            "data-upload.contents", [upload_contents(b"kode_desa,tahun\nXX,1\n"), "prevalensi"], [name, "id"]
        )
        text = text_in(check)
        assert "laporan.csv" in text and "rahasia" not in text and "Dokumen" not in text, text
