"""Texts added while integrating issues 3-5: lokus scenario versions on /data, ambiguous village names."""

MESSAGES = {
    "desa.ambiguous_chosen": (
        "nama '{name}' dikonfirmasi sebagai {known} – {kec}",
        "name '{name}' confirmed as {known} – {kec}",
    ),
    "data.sc_title": ("Skenario lokus tersimpan", "Saved lokus scenarios"),
    "data.sc_hint": (
        "Skenario disimpan di halaman Pilih lokus, dalam basis data yang sama dengan versi data; menyimpan nama yang "
        "sama lagi menambah versi baru. Rembuk dan paket PDF menampilkan skenario terbaru.",
        "Scenarios are saved on the Choose lokus page, in the same database as the data versions; saving a name again "
        "adds a new version. The rembuk deck and the PDF pack show the latest scenario.",
    ),
    "data.sc_none": (
        "Belum ada skenario tersimpan: rembuk menampilkan usulan bawaan.",
        "No saved scenario yet: the rembuk deck shows the default proposal.",
    ),
    "data.sc_col_name": ("Nama", "Name"),
    "data.sc_col_data": ("Versi data", "Data version"),
    "data.sc_col_villages": ("Desa dipilih", "Villages chosen"),
    "data.sc_print": ("Versi cetak", "Printable view"),
    "data.sc_pdf": ("Paket rembuk (PDF)", "Meeting pack (PDF)"),
}
