"""Serving many viewers: notices when the data changed under an open page; store faults."""

MESSAGES = {
    "stale.notice": (
        "Data telah diperbarui — muat ulang halaman untuk melihat data terbaru.",
        "The data has been updated — reload the page to see the latest data.",
    ),
    "stale.reload": ("Muat ulang halaman", "Reload the page"),
    "store.read_only": (
        "data tidak dapat disimpan: folder data hanya-baca (hubungi pengelola server); tidak ada yang berubah",
        "the data cannot be saved: the data folder is read-only (contact the server "
        "administrator); nothing was changed",
    ),
    "store.disk_full": (
        "data tidak dapat disimpan: disk server penuh (hubungi pengelola server); tidak ada yang berubah",
        "the data cannot be saved: the server's disk is full (contact the server administrator); nothing was changed",
    ),
    "store.write_failed": (
        "data tidak dapat disimpan ({detail}); tidak ada yang berubah",
        "the data cannot be saved ({detail}); nothing was changed",
    ),
    "store.db_read_only": (
        "data tidak dapat disimpan: basis data hanya menerima baca (hubungi pengelola basis data); "
        "tidak ada yang berubah",
        "the data cannot be saved: the database accepts reads only (contact the database "
        "administrator); nothing was changed",
    ),
    "store.db_full": (
        "data tidak dapat disimpan: ruang basis data penuh (hubungi pengelola basis data); tidak ada yang berubah",
        "the data cannot be saved: the database's storage is full (contact the database "
        "administrator); nothing was changed",
    ),
    "store.db_unreachable": (
        "basis data tidak dapat dihubungi (hubungi pengelola server); tidak ada yang berubah",
        "the database cannot be reached (contact the server administrator); nothing was changed",
    ),
    "store.backup_postgres": (
        "data disimpan di PostgreSQL: cadangkan dengan pg_dump (lihat README, bagian Beyond one server)",
        "the data is stored in PostgreSQL: back it up with pg_dump (see the README, section Beyond one server)",
    ),
}
