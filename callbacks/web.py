"""Every plain HTTP route of the app (not Dash's): one Flask Blueprint, registered once by
``app.create_app``. The views live beside the page or feature they serve; this table is the one
place that says which address calls which view.
"""

from __future__ import annotations

from flask import Blueprint

from callbacks import audit, auth, beritaacara, data, exports, kinerja, lokus_routes, routes

bp = Blueprint("konvergensi", __name__, template_folder="templates")

ROUTES = [
    # (rule, endpoint, view, methods)
    ("/healthz", "healthz", routes.health, None),
    ("/api/<version>/<layer>.geojson", "geojson", routes.geojson_response, None),
    ("/api/<version>/nilai-<int:year>.json", "values", routes.values_response, None),
    ("/unduh/paket-rembuk.pdf", "unduh_pdf", lambda: exports.respond("pdf"), None),
    ("/unduh/data.csv", "unduh_csv", lambda: exports.respond("csv"), None),
    ("/unduh/data.gpkg", "unduh_gpkg", lambda: exports.respond("gpkg"), None),
    ("/unduh/kamus-data.csv", "unduh_kamus", lambda: exports.respond("kamus"), None),
    ("/unduh/slide-<int:n>.png", "unduh_slide", exports.slide, None),
    ("/unduh/usulan-lokus.xlsx", "lokus_xlsx", lokus_routes.download_xlsx, None),
    ("/unduh/usulan-lokus.csv", "lokus_csv", lokus_routes.download_csv, None),
    ("/unduh/template/<name>", "template", data.template_file, None),
    ("/unduh/audit.csv", "audit_csv", audit.audit_csv, None),
    ("/unduh/kinerja.xlsx", "kinerja_xlsx", kinerja.download_xlsx, None),
    ("/unduh/berita-acara.pdf", "berita_acara_pdf", beritaacara.download_pdf, None),
    ("/lokus/cetak", "lokus_print", lokus_routes.print_view, None),
    ("/masuk", "login", auth.login, ["POST"]),
    ("/keluar", "logout", auth.logout, ["POST"]),
    ("/akun/sandi", "change_password", auth.change_password, ["POST"]),
    ("/akun/pertama", "first_admin", auth.first_admin, ["POST"]),
]

for rule, endpoint, view, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
