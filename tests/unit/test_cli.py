"""The command line, run as users run it: python app.py import/versions/restore."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = "kode_desa,nama_desa,tahun,balita_diukur,balita_stunting,sumber\n74.15.01.1002,Busoa,2023,100,20,Dinkes\n"
BAD = (
    "kode_desa;nama_desa;tahun;balita_diukur;balita_stunting;sumber\n"
    "74.15.01.1002;Busoa;2023;100;20;Dinkes\n74.15.01.9999;;2023;10;5;Dinkes\n;Busoa;2023;lima;5;Dinkes\n"
)


@pytest.fixture
def run(data_dir, backend):
    """``python app.py ...`` in a subprocess, on SQLite and on PostgreSQL (``backend``)."""
    env = dict(os.environ, KONVERGENSI_DATA_DIR=str(data_dir))

    def _run(*args):
        p = subprocess.run(
            [sys.executable, "app.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        return p.returncode, p.stderr + p.stdout  # stdout last: its last line is the verdict

    return _run


def test_rejected_file_exit_2_with_row_and_column_in_indonesian(run, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(BAD)
    code, out = run("import", "prevalensi", str(f))
    assert code == 2
    lines = out.strip().splitlines()
    assert any("baris 3" in ln and "kolom 'kode_desa'" in ln and "74.15.01.9999" in ln for ln in lines), out
    assert any("baris 4" in ln and "kolom 'balita_diukur'" in ln and "'lima' bukan angka" in ln for ln in lines), out
    assert "DITOLAK" in lines[-1] and "Traceback" not in out
    code, out = run("versions")
    assert code == 0 and "belum ada versi" in out


def test_english_messages(run, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(BAD)
    code, out = run("import", "prevalensi", str(f), "--lang", "en")
    assert code == 2 and "row 4, column 'balita_diukur': 'lima' is not a number" in out


def test_dry_run_then_import_versions_restore(run, tmp_path):
    f = tmp_path / "good.csv"
    f.write_text(GOOD)
    code, out = run("import", "prevalensi", str(f), "--dry-run")
    assert code == 0 and "valid" in out
    assert "belum ada versi" in run("versions")[1]
    code, out = run("import", "prevalensi", str(f), "--by", "ana")
    assert code == 0 and "versi 1" in out
    f.write_text(GOOD.replace(",20,", ",25,"))
    assert run("import", "prevalensi", str(f), "--by", "ana")[0] == 0
    code, out = run("versions", "prevalensi")
    assert code == 0 and out.count("good.csv") == 2 and "ana" in out
    code, out = run("restore", "1", "--by", "budi")
    assert code == 0 and "versi baru 3" in out
    code, out = run("versions")
    assert "pemulihan versi 1" in out
    assert run("restore", "42")[0] == 2


def test_missing_file_and_unknown_kind(run, tmp_path):
    code, out = run("import", "prevalensi", str(tmp_path / "nope.csv"))
    assert code == 2 and "tidak ditemukan" in out
    f = tmp_path / "good.csv"
    f.write_text(GOOD)
    code, out = run("import", "vaksin", str(f))
    assert code == 2 and "vaksin" in out


def test_hash_password(run):
    env_pw = {"KONVERGENSI_PASSWORD_INPUT": "rahasia"}
    p = subprocess.run(
        [sys.executable, "app.py", "hash-password"],
        cwd=ROOT,
        env=dict(os.environ, **env_pw),
        capture_output=True,
        text=True,
        timeout=60,
    )
    from werkzeug.security import check_password_hash

    assert p.returncode == 0 and check_password_hash(p.stdout.strip(), "rahasia")
