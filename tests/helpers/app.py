"""The real app in a subprocess with its own data folder, and the fixtures that start it.

One app (empty store) per test session; one app with a data admin configured per module
that asks for it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_USER = "admin-data"
ADMIN_PASSWORD = "uji-coba-rahasia"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("app did not become healthy in time")


@contextlib.contextmanager
def running_app(data_dir: Path, log_path: Path, **extra_env):
    """The real app in a subprocess with its own data folder; yields its URL."""
    port = free_port()
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir), DASH_DISABLE_VERSION_CHECK="true", **extra_env)
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if proc.returncode not in (0, -15, None):
            print(log_path.read_text()[-3000:])


def start_gunicorn(data_dir: Path, log_path: Path, workers: int = 1, **extra_env) -> tuple[subprocess.Popen, str]:
    """``gunicorn app:server`` as `make serve` runs it, on a free loopback port, with its own data
    folder; does not wait (:func:`wait_healthy`). -> (process, URL)."""
    port = free_port()
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir), DASH_DISABLE_VERSION_CHECK="true", **extra_env)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(gunicorn), "app:server", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--timeout", "120"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return proc, f"http://127.0.0.1:{port}"


def stop(proc: subprocess.Popen, log_path: Path | None = None) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
    if log_path is not None and proc.returncode not in (0, -15):
        print(log_path.read_text()[-3000:])


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("data"), tmp_path_factory.mktemp("log") / "app.log") as url:
        yield url


@pytest.fixture(scope="module")
def admin_app(tmp_path_factory):
    """A separate app (own empty store) with a data admin configured, for tests that import."""
    from werkzeug.security import generate_password_hash

    data_dir = tmp_path_factory.mktemp("admin-data")
    with running_app(
        data_dir,
        tmp_path_factory.mktemp("log") / "admin.log",
        KONVERGENSI_ADMIN_USER=ADMIN_USER,
        KONVERGENSI_ADMIN_PASSWORD_HASH=generate_password_hash(ADMIN_PASSWORD),
    ) as url:
        yield {"url": url, "data_dir": data_dir}
