"""The ``konvergensi`` command (also ``python app.py ...``): serve the dashboard, and the data commands.

    konvergensi run [--host H] [--port P]     # the dashboard on http://127.0.0.1:8050 (HOST/PORT too)
    konvergensi import KIND FILE [--dry-run] [--lang en] [--by NAME]
    konvergensi versions [KIND] [--lang en]
    konvergensi restore VERSION_ID [--by NAME] [--lang en]
    konvergensi withdraw VERSION_ID [--by NAME] [--lang en]
    konvergensi backup FILE [--lang en]           # a consistent copy of the store, also while serving
    konvergensi restore-backup FILE [--lang en]   # put such a copy in place (server stopped)
    konvergensi hash-password
    konvergensi create-user NAME --role admin|opd [--office NAME] [--kinds K,K] [--indicators I,I]

Exit codes: 0 done (or valid with --dry-run), 2 rejected / bad input.
Messages are in Bahasa Indonesia unless ``--lang en``. The data commands never build the web app.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from geo.core.errors import DataError, Problem
from geo.core.i18n import norm_lang, t
from geo.io.validate import KINDS

DATA_COMMANDS = (
    "import",
    "versions",
    "restore",
    "withdraw",
    "backup",
    "restore-backup",
    "hash-password",
    "create-user",
)
COMMANDS = ("run",) + DATA_COMMANDS
EXIT_REJECTED = 2


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "cli"


def problem_line(p: Problem, lang: str) -> str:
    level = t(f"level.{p.level}", lang).upper()
    return f"{level}: {p.message(lang)}"


def cmd_import(args, out) -> int:
    from geo.io import importers

    lang = args.lang
    path = Path(args.file)
    if args.kind not in KINDS:
        print(
            problem_line(Problem("file.unknown_kind", {"kind": args.kind, "kinds": ", ".join(KINDS)}), lang), file=out
        )
        return EXIT_REJECTED
    if not path.is_file():
        print(problem_line(Problem("file.not_found", {"file": str(path)}), lang), file=out)
        return EXIT_REJECTED
    from geo.io import readers

    if path.stat().st_size > readers.max_bytes():  # refuse before reading it into memory
        try:
            readers.check_size(path.stat().st_size, path.name)
        except DataError as exc:
            for p in exc.problems:
                print(problem_line(p, lang), file=out)
            return EXIT_REJECTED
    data = path.read_bytes()
    try:
        outcome = importers.run(
            args.kind, data, path.name, by=args.by or _default_user(), dry_run=args.dry_run, by_month=args.per_month
        )
        del data  # an e-PPGBM report's bytes are dropped as soon as they are aggregated
    except DataError as exc:  # the store could not be written (read-only folder, disk full)
        for p in exc.problems:
            print(problem_line(p, lang), file=out)
        print(t("cli.rejected", lang, file=path.name, errors=len(exc.problems)), file=out)
        return EXIT_REJECTED
    checked = outcome.checked
    for p in checked.problems:
        print(problem_line(p, lang), file=out)
    if not checked.ok:
        print(t("cli.rejected", lang, file=path.name, errors=len(checked.errors)), file=out)
        return EXIT_REJECTED
    rows = len(checked.rows)
    if args.dry_run:
        print(t("cli.valid", lang, file=path.name, rows=rows, warnings=len(checked.warnings)), file=out)
    else:
        _publish_view(out)
        print(
            t(
                "cli.imported",
                lang,
                file=path.name,
                version=outcome.version_id,
                kind=args.kind,
                rows=rows,
                warnings=len(checked.warnings),
            ),
            file=out,
        )
    return 0


def cmd_versions(args, out) -> int:
    from geo.io import store
    from geo.io.importers import stored_kind

    vs = store.list_versions(stored_kind(args.kind) if args.kind else None)
    if not vs:
        print(t("cli.no_versions", args.lang), file=out)
        return 0
    print(t("cli.versions_header", args.lang), file=out)
    from geo.io import coverage

    for v in vs:
        note = t("cli.restored_note", args.lang, old=v["dipulihkan_dari"]) if v["dipulihkan_dari"] else ""
        if v["ditarik"]:
            note = t("cli.withdrawn_note", args.lang, old=v["ditarik"])
        covers = coverage.summary_text(v["jenis"], v["cakupan"])
        print(
            f"{v['id']:<6} {v['jenis']:<11} {v['waktu']:<21} {v['jumlah_baris']:>6}  {v['oleh'][:10]:<10}  "
            f"{v['nama_berkas']} [{covers}] {note}".rstrip(),
            file=out,
        )
    return 0


def cmd_withdraw(args, out) -> int:
    from geo.io import catalogue

    try:
        new = catalogue.withdraw(args.version_id, by=args.by or _default_user())
    except DataError as exc:
        for p in exc.problems:
            print(problem_line(p, args.lang), file=out)
        return EXIT_REJECTED
    _publish_view(out)
    print(t("cli.withdrawn", args.lang, old=args.version_id, version=new), file=out)
    return 0


def _publish_view(out) -> None:
    """With PostgreSQL: the GIS view (konvergensi.desa_terkini) shows the data as they are now."""
    from geo.io import db

    if not db.is_postgres():
        return
    from geo.analysis import dataset, gisview

    try:
        ds = dataset.current()  # (which starts the publication in the background)
        gisview.wait()
        gisview.publish(ds)  # nothing to do unless the background one failed
    except Exception as exc:  # noqa: BLE001 - the data are stored; the view catches up on the next server request
        print(f"(view konvergensi.desa_terkini not updated now: {type(exc).__name__})", file=sys.stderr)


def cmd_migrate_store(args, out) -> int:
    from geo.core import config
    from geo.io import migrate_store, pg

    url = args.to.strip()
    if not url.startswith(("postgresql://", "postgres://")):
        print(problem_line(Problem("cli.need_postgres_url", {"url": url.split("@")[-1]}), args.lang), file=out)
        return EXIT_REJECTED
    folder = Path(args.source).expanduser().resolve() if args.source else config.data_dir()
    try:
        counts = migrate_store.copy(folder, url)
    except DataError as exc:
        for p in exc.problems:
            print(problem_line(p, args.lang), file=out)
        return EXIT_REJECTED
    except (pg.Error, OSError) as exc:
        detail = getattr(exc, "sqlstate", None) or type(exc).__name__
        print(problem_line(Problem("migrate.unreachable", {"detail": detail}), args.lang), file=out)
        return EXIT_REJECTED
    for table, a, b in counts:
        print(t("cli.migrate_row", args.lang, table=table, source=a, target=b, ok="✓" if a == b else "✗"), file=out)
    versions = next((b for tb, _, b in counts if tb == "versi"), 0)
    print(t("cli.migrated", args.lang, folder=str(folder), url=pg.safe_url(url), versions=versions), file=out)
    from geo.core.config import Settings, use

    use(Settings.from_env(database_url=url))
    _publish_view(out)
    return 0


def cmd_backup(args, out) -> int:
    import sqlite3

    from geo.io import store

    try:
        target = store.backup(Path(args.file))
    except DataError as exc:  # PostgreSQL: pg_dump
        for p in exc.problems:
            print(problem_line(p, args.lang), file=out)
        return EXIT_REJECTED
    except (sqlite3.Error, OSError) as exc:
        print(problem_line(store.write_problem(exc), args.lang), file=out)
        return EXIT_REJECTED
    with sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True) as con:
        n = con.execute("SELECT count(*) FROM versi").fetchone()[0]
    print(t("cli.backup_done", args.lang, file=target.name, versions=n), file=out)
    return 0


def cmd_restore_backup(args, out) -> int:
    from geo.io import store

    path = Path(args.file)
    if not path.is_file():
        print(problem_line(Problem("file.not_found", {"file": str(path)}), args.lang), file=out)
        return EXIT_REJECTED
    try:
        store.restore_backup(path)
    except DataError as exc:
        for p in exc.problems:
            print(problem_line(p, args.lang), file=out)
        return EXIT_REJECTED
    print(t("cli.backup_restored", args.lang, file=path.name), file=out)
    return 0


def cmd_restore(args, out) -> int:
    from geo.io import store

    try:
        new = store.restore(args.version_id, by=args.by or _default_user())
    except DataError as exc:
        for p in exc.problems:
            print(problem_line(p, args.lang), file=out)
        return EXIT_REJECTED
    _publish_view(out)
    print(t("cli.restored", args.lang, old=args.version_id, version=new), file=out)
    return 0


def cmd_hash_password(args, out) -> int:
    from werkzeug.security import generate_password_hash

    password = os.environ.get("KONVERGENSI_PASSWORD_INPUT") or getpass.getpass("Password: ")
    print(generate_password_hash(password), file=out)
    return 0


def cmd_create_user(args, out) -> int:
    """A new account; the password is asked twice (or read from KONVERGENSI_PASSWORD_INPUT)."""
    from geo.io import accounts
    from geo.io.catalogue import current_catalogue

    given = os.environ.get("KONVERGENSI_PASSWORD_INPUT")
    password = given or getpass.getpass(t("account.password", args.lang) + ": ")
    if not given and password != getpass.getpass(t("account.password_again", args.lang) + ": "):
        print(t("account.pw_differ", args.lang), file=out)
        return EXIT_REJECTED
    split = lambda v: [x.strip() for x in (v or "").split(",") if x.strip()]  # noqa: E731
    try:
        acc = accounts.create(
            args.name,
            password,
            args.role,
            args.office or "",
            split(args.kinds),
            split(args.indicators),
            must_change=False,
            allowed_kinds=KINDS,
            allowed_indicators=[i.code for i in current_catalogue().coverage],
        )
    except accounts.AccountError as e:
        print(t(e.key, args.lang, **({"min": accounts.MIN_PASSWORD, "max": accounts.MAX_NAME} | e.params)), file=out)
        return EXIT_REJECTED
    except DataError as exc:
        for p in exc.problems:
            print(problem_line(p, args.lang), file=out)
        return EXIT_REJECTED
    accounts.log(
        _default_user(), "cli", "akun_dibuat", f"{acc.name} · {acc.role}" + (f" · {acc.office}" if acc.office else "")
    )
    print(t("cli.user_created", args.lang, name=acc.name, role=t(f"role.{acc.role}", args.lang)), file=out)
    return 0


def cmd_run(args, out) -> int:
    """Serve the dashboard (Werkzeug's threaded server; `gunicorn app:server` in production).
    The app is built (``import app``) only here: the data commands never need it."""
    import app as web

    web.routes.warm()  # load and prepare the data before the first visitor comes
    web.app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="konvergensi", description="Konvergensi: dashboard and data commands")
    sub = ap.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", default="id", choices=("id", "en"))
    p = sub.add_parser("run", help="serve the dashboard")
    p.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8050")))
    p.add_argument("--debug", action="store_true", help="Dash debug mode (developers only)")
    p = sub.add_parser("import", parents=[common], help="validate and import a file as a new version")
    p.add_argument("kind", help="|".join(KINDS))
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="only check, store nothing")
    p.add_argument("--by", help="who imports (default: the login name)")
    p.add_argument(
        "--per-month",
        action="store_true",
        help="pengukuran: one period per month (the latest month of a year is shown)",
    )
    p = sub.add_parser("versions", parents=[common], help="list stored versions")
    p.add_argument("kind", nargs="?", choices=KINDS)
    p = sub.add_parser("restore", parents=[common], help="make an old version current again (as a new version)")
    p.add_argument("version_id", type=int)
    p.add_argument("--by")
    p = sub.add_parser(
        "withdraw",
        parents=[common],
        help="take an import back out (as a new version): earlier data for what it covered shows again",
    )
    p.add_argument("version_id", type=int)
    p.add_argument("--by")
    p = sub.add_parser("backup", parents=[common], help="write a consistent copy of the store (SQLite online backup)")
    p.add_argument("file")
    p = sub.add_parser("restore-backup", parents=[common], help="replace the store by a backup copy (server stopped)")
    p.add_argument("file")
    p = sub.add_parser(
        "migrate-store",
        parents=[common],
        help="copy the SQLite store (every version, accounts, scenarios) into an empty PostgreSQL database",
    )
    p.add_argument("--to", required=True, help="postgresql://user:password@host:5432/dbname")
    p.add_argument("--from", dest="source", help="the data folder to copy (default: KONVERGENSI_DATA_DIR)")
    sub.add_parser("hash-password", parents=[common], help="print a password hash for KONVERGENSI_ADMIN_PASSWORD_HASH")
    p = sub.add_parser("create-user", parents=[common], help="create an account (admin, or an office)")
    p.add_argument("name")
    p.add_argument("--role", choices=("admin", "opd"), required=True)
    p.add_argument("--office", help="the office's name, for --role opd (e.g. 'Dinas PUPR')")
    p.add_argument("--kinds", help="kinds the office may import, comma-separated (" + ",".join(KINDS) + ")")
    p.add_argument("--indicators", help="coverage indicators the office may import, comma-separated (default: all)")
    return ap


def main(argv: list[str] | None = None, out=None) -> int:
    from geo.core import config

    os.environ.setdefault("DASH_DISABLE_VERSION_CHECK", "true")
    out = out or sys.stdout
    config.setup_logging()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["run", *argv]  # `konvergensi`, `python app.py --port 8080`: serve
    args = parser().parse_args(argv)
    if args.command == "run":
        return cmd_run(args, out)
    args.lang = norm_lang(args.lang)
    return {
        "import": cmd_import,
        "versions": cmd_versions,
        "restore": cmd_restore,
        "withdraw": cmd_withdraw,
        "backup": cmd_backup,
        "restore-backup": cmd_restore_backup,
        "migrate-store": cmd_migrate_store,
        "hash-password": cmd_hash_password,
        "create-user": cmd_create_user,
    }[args.command](args, out)
