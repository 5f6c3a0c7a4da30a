"""Texts of the plans and realisations (Aksi 2): import kinds, row problems, the /rencana page."""
MESSAGES = {
    "kind.rencana": ("Rencana kegiatan per OPD dan desa (Aksi 2)", "Activity plans per office and village (Aksi 2)"),
    "kind.realisasi": ("Realisasi kegiatan (volume & anggaran)", "Activity realisation (volume & budget)"),
    "rencana.unknown_office": ("OPD \u201c{value}\u201d tidak dikenal di kabupaten ini; yang dikenal: {known}",
                               "office \u201c{value}\u201d is not known in this regency; known offices: {known}"),
    "rencana.volume_no_unit": ("volume {value} tanpa satuan: isi kolom satuan (mis. kelas, paket, unit)",
                               "volume {value} without a unit: fill in the unit column (e.g. class, package, unit)"),
    "rencana.unknown_funding": ("sumber dana \u201c{value}\u201d tidak dikenal; pilih salah satu: {known}",
                                "funding source \u201c{value}\u201d is not known; choose one of: {known}"),
    "rencana.outside_kab": ("desa {code} berada di luar kabupaten ini (kode kabupaten yang dipakai: {kab})",
                            "village {code} is outside this regency (regency code in use: {kab})"),
    "rencana.duplicate": ("baris ganda: {desa} tahun {tahun} dengan OPD, kegiatan dan indikator yang sama sudah ada "
                          "di baris {first}",
                          "duplicate row: {desa} year {tahun} with the same office, activity and indicator is already "
                          "in row {first}"),
    "realisasi.duplicate": ("baris ganda: {desa} tahun {tahun} dengan OPD, kegiatan dan indikator yang sama sudah "
                            "ada di baris {first}",
                            "duplicate row: {desa} year {tahun} with the same office, activity and indicator is "
                            "already in row {first}"),
    "rembuk.q.rencana": ("Rencana kegiatan", "Activity plans"),
    "rembuk.q.realisasi": ("Realisasi kegiatan", "Activity realisation"),
}
