"""Configuration: one frozen :class:`Settings` built from the environment.

The web app is built with its settings (``app.create_app(Settings.from_env())``) and pins
them for the process (:func:`use`). Without pinned settings (the command line, tests of
plain functions) every accessor reads the environment when asked, never at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    """Everything the app takes from its environment, read once."""

    data_dir: Path  # KONVERGENSI_DATA_DIR: imported data, the store, secrets
    boundaries: str = ""  # KONVERGENSI_BOUNDARIES: boundaries of the bundled data ("" = Buton Selatan)
    demo_dir: str = ""  # KONVERGENSI_DEMO_DIR: the bundled demo tables ("" = data/demo)
    admin_user: str = ""  # KONVERGENSI_ADMIN_USER (with ..._PASSWORD_HASH): an admin from the environment
    admin_password_hash: str = ""
    secret_key: str = ""  # KONVERGENSI_SECRET_KEY ("" = a random key kept in the data folder)
    secure_cookies: bool = False  # KONVERGENSI_SECURE_COOKIES=1 behind TLS
    trusted_proxies: int = 0  # KONVERGENSI_TRUSTED_PROXIES
    max_upload_mb: float = 20.0  # KONVERGENSI_MAX_UPLOAD_MB
    database_url: str = ""  # KONVERGENSI_DATABASE_URL: postgresql://... ("" = SQLite in data_dir)
    nik_salt: str = ""  # KONVERGENSI_NIK_SALT ("" = a random salt kept in the data folder)

    @classmethod
    def from_env(cls, environ=None, **changes) -> Settings:
        env = os.environ if environ is None else environ

        def text(name: str) -> str:
            return str(env.get(name, "") or "").strip()

        try:
            proxies = max(0, int(text("KONVERGENSI_TRUSTED_PROXIES") or 0))
        except ValueError:
            proxies = 0
        try:
            upload = float(text("KONVERGENSI_MAX_UPLOAD_MB") or 20.0)
        except ValueError:
            upload = 20.0
        data = text("KONVERGENSI_DATA_DIR")
        out = cls(
            data_dir=Path(data).expanduser().resolve() if data else _default_data_dir(),
            boundaries=text("KONVERGENSI_BOUNDARIES"),
            demo_dir=text("KONVERGENSI_DEMO_DIR"),
            admin_user=text("KONVERGENSI_ADMIN_USER"),
            admin_password_hash=text("KONVERGENSI_ADMIN_PASSWORD_HASH"),
            secret_key=text("KONVERGENSI_SECRET_KEY"),
            secure_cookies=text("KONVERGENSI_SECURE_COOKIES").lower() in ("1", "true", "yes"),
            trusted_proxies=proxies,
            max_upload_mb=upload,
            database_url=text("KONVERGENSI_DATABASE_URL"),
            nik_salt=text("KONVERGENSI_NIK_SALT"),
        )
        return replace(out, **changes) if changes else out


_pinned: Settings | None = None


def use(settings: Settings | None) -> None:
    """Pin ``settings`` for this process (the web app does, when it is built); None unpins."""
    global _pinned
    _pinned = settings


def settings() -> Settings:
    """The pinned settings, else the environment as it is now."""
    return _pinned if _pinned is not None else Settings.from_env()


def installed() -> bool:
    """Installed with pip (``pip install .``) rather than run from a clone of the project."""
    return not (PROJECT_DIR / "pyproject.toml").exists()


def user_data_dir() -> Path:
    """The per-user data folder of an installed copy: %LOCALAPPDATA%\\Konvergensi on Windows,
    else $XDG_DATA_HOME/konvergensi or ~/.local/share/konvergensi."""
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "Konvergensi"
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".local" / "share") / "konvergensi"


def data_dir() -> Path:
    """Where imported data and the store live: ``KONVERGENSI_DATA_DIR``, default ``var/data``
    inside the project (ignored by git), or the user's data folder for a pip-installed copy
    (never inside site-packages). Not created here."""
    return settings().data_dir


def _default_data_dir() -> Path:
    return user_data_dir() if installed() else PROJECT_DIR / "var" / "data"


def admin_user() -> str:
    """The data admin's user name (``KONVERGENSI_ADMIN_USER``); empty = app import disabled."""
    return settings().admin_user


def admin_password_hash() -> str:
    """A werkzeug password hash (``python app.py hash-password``): ``KONVERGENSI_ADMIN_PASSWORD_HASH``."""
    return settings().admin_password_hash


def secret_key() -> bytes:
    """Signs the session cookie: ``KONVERGENSI_SECRET_KEY``, else a random key made once
    and kept in the data folder (file mode 600) so every worker and restart shares it."""
    value = settings().secret_key
    if value:
        return value.encode()
    return _secret_file("secret_key")


def nik_salt() -> bytes:
    """The installation's secret salt for the one-way hash that tells children apart while an
    e-PPGBM file is read: ``KONVERGENSI_NIK_SALT``, else ``nik_salt`` beside ``secret_key`` in
    the data folder (mode 600). The hash itself is never stored."""
    value = settings().nik_salt
    if value:
        return value.encode()
    return _secret_file("nik_salt")


def database_url() -> str:
    """``KONVERGENSI_DATABASE_URL``: a PostgreSQL database for everything stored (several app
    servers share it); empty = the SQLite files in the data folder."""
    return settings().database_url


def shared_secrets_missing() -> list[str]:
    """With a shared database, every app server must sign cookies and salt hashes alike: the
    variables that must then come from the environment (equal on every host) but are unset."""
    if not database_url():
        return []
    s = settings()
    return [
        name
        for name, value in (("KONVERGENSI_SECRET_KEY", s.secret_key), ("KONVERGENSI_NIK_SALT", s.nik_salt))
        if not value
    ]


def _secret_file(name: str) -> bytes:
    """A random secret made once in the data folder (mode 600), shared by every worker."""
    import secrets

    path = data_dir() / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, secrets.token_hex(32).encode())
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic, and fails if another worker was first
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    return path.read_bytes().strip()


def secure_cookies() -> bool:
    """Send the session cookie only over HTTPS (``KONVERGENSI_SECURE_COOKIES=1`` behind TLS)."""
    return settings().secure_cookies


def trusted_proxies() -> int:
    """How many reverse proxies in front add ``X-Forwarded-For`` (``KONVERGENSI_TRUSTED_PROXIES``,
    default 0): with 1, the client address (sign-in limits, logs) is taken from the proxy's header."""
    return settings().trusted_proxies


def setup_logging() -> None:
    """Send the app's own log lines (``konvergensi.*``: every import, restore and failed
    write) to stderr, where gunicorn's error log and the terminal pick them up. Once per process."""
    import logging
    import sys

    log = logging.getLogger("konvergensi")
    if log.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def max_upload_mb() -> float:
    """The upload/import size limit in MB: ``KONVERGENSI_MAX_UPLOAD_MB`` (default 20)."""
    return settings().max_upload_mb


def _path_setting(value: str, default: Path) -> Path:
    if not value:
        return default
    path = Path(value).expanduser()
    if path.is_absolute() or path.exists():
        return path.resolve()
    return (PROJECT_DIR / path).resolve()


def bundled_boundaries(default: Path) -> Path:
    """Village boundaries of the bundled (fallback) data: ``KONVERGENSI_BOUNDARIES`` or ``default``.
    A relative path that does not exist from the working directory is taken from the
    project folder (``data/sultra_desa.gpkg``)."""
    return _path_setting(settings().boundaries, default)


def bundled_demo_dir(default: Path) -> Path:
    """Folder of the bundled demo tables: ``KONVERGENSI_DEMO_DIR`` or ``default``."""
    return _path_setting(settings().demo_dir, default)
