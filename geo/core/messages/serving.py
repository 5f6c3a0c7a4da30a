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
}
