"""Faults, as repeatable tests (issue 6): a worker killed in the middle of a web import, a
CLI import killed half-way, a read-only data folder and a full disk.

Every test is bounded in time and only talks to 127.0.0.1. The read-only folder is a real
read-only bind mount in a private mount namespace (``unshare -m``): the tests run as root,
which ignores file permissions, so ``chmod`` would prove nothing. The full disk is a real
tiny tmpfs for the command line and a fault injected into the write for the web page.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from tests.helpers.app import ADMIN_PASSWORD, ADMIN_USER, ROOT, free_port
from tests.helpers.dashclient import DashClient, text_in

PREV = ROOT / "data" / "demo" / "prevalensi.csv"
PY = sys.executable

# A gunicorn config used only by these tests: in each worker, an import pauses half-way
# through writing its rows while the file ``pause-once`` exists (and removes it), and
# says so in ``paused``, so the test can kill that worker mid-transaction.
HOOK = textwrap.dedent("""
    import os, time
    from pathlib import Path

    def post_fork(server, worker):
        from geo.io import store
        flag, done = Path({flag!r}), Path({done!r})
        original = store._insert_rows

        def paused(con, vid, records, geoms):
            if flag.exists():
                flag.unlink()
                original(con, vid, records[: len(records) // 2], geoms[: len(geoms) // 2])
                done.write_text(str(os.getpid()))
                time.sleep(120)
            original(con, vid, records, geoms)

        store._insert_rows = paused
""")


def start_gunicorn(data_dir: Path, log: Path, workers: int = 2, extra: list | None = None, prefix: list | None = None):
    port = free_port()
    env = dict(
        os.environ,
        KONVERGENSI_DATA_DIR=str(data_dir),
        DASH_DISABLE_VERSION_CHECK="true",
        KONVERGENSI_ADMIN_USER=ADMIN_USER,
        KONVERGENSI_ADMIN_PASSWORD_HASH=generate_password_hash(ADMIN_PASSWORD),
        KONVERGENSI_SECRET_KEY="uji-kunci-rahasia",
    )
    cmd = (
        (prefix or [])
        + [
            str(Path(PY).with_name("gunicorn")),
            "app:server",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--error-logfile",
            "-",
        ]
        + (extra or [])
    )
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    client = DashClient(f"http://127.0.0.1:{port}")
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if client.get("/healthz", timeout=2)[0] == 200:
                return proc, client
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    stop(proc)
    raise RuntimeError("gunicorn did not start:\n" + log.read_text()[-3000:])


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def health(client) -> dict:
    return json.loads(client.get("/healthz")[2])


def cli(data_dir: Path, *args, prefix=None, timeout=120):
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir))
    return subprocess.run(
        (prefix or []) + [PY, "app.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def versions(data_dir: Path) -> list[tuple]:
    """(id, kind, rows stored) of every version, read straight from the SQLite file."""
    import sqlite3

    con = sqlite3.connect(data_dir / "konvergensi.sqlite")
    try:
        return con.execute(
            "SELECT v.id, v.jenis, v.jumlah_baris, (SELECT count(*) FROM baris b WHERE b.versi_id=v.id)"
            " FROM versi v ORDER BY v.id"
        ).fetchall()
    finally:
        con.close()


def integrity(data_dir: Path) -> str:
    import sqlite3

    con = sqlite3.connect(data_dir / "konvergensi.sqlite")
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def test_worker_killed_in_the_middle_of_a_web_import(tmp_path):
    data = tmp_path / "data"
    assert cli(data, "import", "prevalensi", str(PREV), "--by", "ana").returncode == 0
    before = versions(data)
    flag, done = tmp_path / "pause-once", tmp_path / "paused"
    conf = tmp_path / "hook.py"
    conf.write_text(HOOK.format(flag=str(flag), done=str(done)))
    proc, client = start_gunicorn(data, tmp_path / "gunicorn.log", extra=["-c", str(conf)])
    try:
        v_old = health(client)["version"]
        assert client.login(ADMIN_USER, ADMIN_PASSWORD)[0] == 303
        new = PREV.read_text().replace(",27,", ",29,")  # one figure differs: a new dataset
        st, check = client.call(
            "data-upload.contents",
            ["data:text/csv;base64," + __import__("base64").b64encode(new.encode()).decode(), "prevalensi"],
            ["prevalensi_baru.csv", "id"],
        )
        pending = check["response"]["data-pending"]["data"]
        assert pending, text_in(check)
        flag.write_text("1")
        import threading

        answer = {}
        th = threading.Thread(
            target=lambda: answer.update(
                r=_safe(lambda: client.call("data-confirm.n_clicks", [1, None], [pending, [], "id"], timeout=60))
            )
        )
        th.start()
        deadline = time.time() + 60
        while not done.exists() and time.time() < deadline:
            time.sleep(0.1)
        assert done.exists(), "the import never reached the middle of its write"
        os.kill(int(done.read_text()), signal.SIGKILL)  # the worker dies mid-transaction
        th.join(60)
        assert answer["r"][0] != 200  # that request is lost, nothing claims success
        # the store is consistent and the previous version is still served, by every worker
        assert versions(data) == before and integrity(data) == "ok"
        for _ in range(6):
            assert health(client)["version"] == v_old
        # the same import, repeated (the upload is still pending), now completes
        st, conf2 = client.call("data-confirm.n_clicks", [1, None], [pending, [], "id"])
        assert st == 200 and "versi" in text_in(conf2), conf2
        after = versions(data)
        assert len(after) == len(before) + 1 and after[-1][2] == after[-1][3] == before[-1][2]
        deadline = time.time() + 20
        while health(client)["version"] == v_old and time.time() < deadline:
            time.sleep(0.2)
        assert {health(client)["version"] for _ in range(6)} == {health(client)["version"]} != {v_old}
    finally:
        stop(proc)
    log = (tmp_path / "gunicorn.log").read_text()
    assert "import stored kind=prevalensi file='prevalensi_baru.csv'" in log and f"by='{ADMIN_USER}'" in log


def _safe(fn):
    try:
        return fn()
    except OSError as exc:  # the connection dies with the worker
        return (None, str(exc))


def test_cli_import_killed_half_way_then_repeated(tmp_path):
    data = tmp_path / "data"
    assert cli(data, "import", "prevalensi", str(PREV), "--by", "ana").returncode == 0
    before = versions(data)
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        import cli
        from geo.io import store
        original = store._insert_rows
        def paused(con, vid, records, geoms):
            original(con, vid, records[: len(records) // 2], geoms[: len(geoms) // 2])
            print("half", flush=True)
            time.sleep(120)
        store._insert_rows = paused
        sys.exit(cli.main(["import", "cakupan", {str(ROOT / "data" / "demo" / "cakupan.csv")!r}, "--by", "budi"]))
    """)
    proc = subprocess.Popen(
        [PY, "-c", script],
        cwd=ROOT,
        env=dict(os.environ, KONVERGENSI_DATA_DIR=str(data)),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "half"
    finally:
        proc.kill()
        proc.wait(10)
    assert versions(data) == before and integrity(data) == "ok"
    r = cli(data, "import", "cakupan", str(ROOT / "data" / "demo" / "cakupan.csv"), "--by", "budi")
    assert r.returncode == 0, r.stdout + r.stderr
    after = versions(data)
    assert len(after) == len(before) + 1 and after[-1][1] == "cakupan" and after[-1][2] == after[-1][3] > 0


def _unshare_ok() -> bool:
    try:
        return subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


needs_mounts = pytest.mark.skipif(not _unshare_ok(), reason="needs `unshare -m` (a private mount namespace)")


def read_only(path: Path) -> list:
    """A command prefix running it with ``path`` mounted read-only (nobody can write there)."""
    return [
        "unshare",
        "-m",
        "sh",
        "-c",
        f'mount --bind "{path}" "{path}" && mount -o remount,bind,ro "{path}" "{path}" && exec "$@"',
        "ro",
    ]


@needs_mounts
def test_read_only_data_folder(tmp_path):
    data = tmp_path / "data"
    assert cli(data, "import", "prevalensi", str(PREV), "--by", "ana").returncode == 0
    before = versions(data)
    # command line: a clear message in the user's language, exit 2, nothing written
    r = cli(data, "import", "cakupan", str(ROOT / "data" / "demo" / "cakupan.csv"), prefix=read_only(data))
    assert r.returncode == 2
    assert "folder data hanya-baca" in r.stdout and "tidak ada yang berubah" in r.stdout, r.stdout
    assert str(data) not in r.stdout and "Traceback" not in r.stdout + r.stderr
    r = cli(
        data, "import", "cakupan", str(ROOT / "data" / "demo" / "cakupan.csv"), "--lang", "en", prefix=read_only(data)
    )
    assert r.returncode == 2 and "the data folder is read-only" in r.stdout
    # the web app on a read-only folder: pages and health work, the data page says why it cannot import
    proc, client = start_gunicorn(data, tmp_path / "gunicorn.log", prefix=read_only(data))
    try:
        h = health(client)
        assert h["versions"]["prevalensi"] == f"v{before[-1][0]}"
        assert client.get("/")[0] == 200 and client.get(f"/api/{h['version']}/desa.geojson")[0] == 200
        assert client.login(ADMIN_USER, ADMIN_PASSWORD)[0] == 303
        check, _, _ = _check_only(client, (ROOT / "data" / "demo" / "cakupan.csv").read_bytes(), "cakupan.csv")
        assert "folder data hanya-baca" in text_in(check)
    finally:
        stop(proc)
    assert versions(data) == before and integrity(data) == "ok"


def _check_only(client, data: bytes, name: str, kind: str = "cakupan"):
    import base64

    st, check = client.call(
        "data-upload.contents", ["data:text/csv;base64," + base64.b64encode(data).decode(), kind], [name, "id"]
    )
    assert st == 200, check
    return check, st, check["response"]["data-pending"]["data"]


@needs_mounts
def test_disk_full_on_the_command_line(tmp_path):
    """A real full disk: the data folder on a tmpfs with almost no room left."""
    seed = tmp_path / "seed"
    assert cli(seed, "import", "prevalensi", str(PREV), "--by", "ana").returncode == 0
    before = versions(seed)
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    script = (
        f'mount -t tmpfs -o size=1m tmpfs "{mnt}" && cp -a "{seed}/." "{mnt}/" && '
        f'(dd if=/dev/zero of="{mnt}/isi" bs=4k 2>/dev/null; true) && '
        f'KONVERGENSI_DATA_DIR="{mnt}" "{PY}" app.py import cakupan "{ROOT}/data/demo/cakupan.csv"; '
        f'echo "exit=$?"; KONVERGENSI_DATA_DIR="{mnt}" "{PY}" app.py versions; '
        f'rm -f "{mnt}/isi"; cp -a "{mnt}/konvergensi.sqlite" "{tmp_path}/after.sqlite"'
    )
    r = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    out = r.stdout
    assert "exit=2" in out, out + r.stderr
    assert "disk server penuh" in out and "tidak ada yang berubah" in out, out
    assert "Traceback" not in out + r.stderr
    # viewing (listing versions) still works on the full disk, and nothing was half-written
    assert "prevalensi.csv" in out and "cakupan.csv" not in out.split("exit=2")[1]
    after_dir = tmp_path / "after"
    after_dir.mkdir()
    shutil.move(tmp_path / "after.sqlite", after_dir / "konvergensi.sqlite")
    assert versions(after_dir) == before and integrity(after_dir) == "ok"
