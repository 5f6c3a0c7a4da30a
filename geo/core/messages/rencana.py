"""Texts of the plans and realisations (Aksi 2): import kinds, row problems, the /rencana page."""

MESSAGES = {
    "kind.rencana": ("Rencana kegiatan per OPD dan desa (Aksi 2)", "Activity plans per office and village (Aksi 2)"),
    "kind.realisasi": ("Realisasi kegiatan (volume & anggaran)", "Activity realisation (volume & budget)"),
    "rencana.unknown_office": (
        "OPD \u201c{value}\u201d tidak dikenal di kabupaten ini; yang dikenal: {known}",
        "office \u201c{value}\u201d is not known in this regency; known offices: {known}",
    ),
    "rencana.volume_no_unit": (
        "volume {value} tanpa satuan: isi kolom satuan (mis. kelas, paket, unit)",
        "volume {value} without a unit: fill in the unit column (e.g. class, package, unit)",
    ),
    "rencana.unknown_funding": (
        "sumber dana \u201c{value}\u201d tidak dikenal; pilih salah satu: {known}",
        "funding source \u201c{value}\u201d is not known; choose one of: {known}",
    ),
    "rencana.outside_kab": (
        "desa {code} berada di luar kabupaten ini (kode kabupaten yang dipakai: {kab})",
        "village {code} is outside this regency (regency code in use: {kab})",
    ),
    "rencana.duplicate": (
        "baris ganda: {desa} tahun {tahun} dengan OPD, kegiatan dan indikator yang sama sudah ada di baris {first}",
        "duplicate row: {desa} year {tahun} with the same office, activity and indicator is already in row {first}",
    ),
    "realisasi.duplicate": (
        "baris ganda: {desa} tahun {tahun} dengan OPD, kegiatan dan indikator yang sama sudah ada di baris {first}",
        "duplicate row: {desa} year {tahun} with the same office, activity and indicator is already in row {first}",
    ),
    "rembuk.q.rencana": ("Rencana kegiatan", "Activity plans"),
    "rembuk.q.realisasi": ("Realisasi kegiatan", "Activity realisation"),
    # the /rencana page
    "nav.rencana": ("Rencana", "Plans"),
    "rencana.title": ("Rencana kegiatan konvergensi (Aksi 2)", "Convergence activity plans (Action 2)"),
    "rencana.intro": (
        "Siapa merencanakan apa, di desa mana, untuk indikator apa: dari data rencana kegiatan yang "
        "diimpor tiap OPD. Desa lokus diberi garis tebal di peta.",
        "Who plans what, in which village, for which indicator: from the activity plans each office "
        "imports. Lokus villages have a thick outline on the map.",
    ),
    "rencana.year": ("Tahun rencana", "Plan year"),
    "rencana.yes": ("Ya", "Yes"),
    "rencana.none": (
        "Belum ada rencana kegiatan. Impor berkas jenis “Rencana kegiatan” di halaman Data.",
        "No activity plans yet. Import a file of the kind “Activity plans” on the Data page.",
    ),
    "rencana.headline": (
        "Tahun {year}: {n} kegiatan direncanakan oleh {offices} OPD di {villages} dari {total} desa, "
        "total {budget}; {share} anggaran untuk {lokus} desa lokus {lokus_year}.",
        "{year}: {n} activities planned by {offices} offices in {villages} of {total} villages, "
        "{budget} in all; {share} of the budget goes to the {lokus} lokus villages of {lokus_year}.",
    ),
    "rencana.map_title": ("Anggaran rencana per desa {year}", "Planned budget per village {year}"),
    "rencana.map_lokus": ("Garis hitam tebal: desa lokus.", "Thick black outline: lokus village."),
    "rencana.leg_range": ("{lo} – < {hi}", "{lo} – < {hi}"),
    "rencana.leg_ge": ("≥ {lo}", "≥ {lo}"),
    "rencana.leg_lt": ("< {hi}", "< {hi}"),
    "rencana.leg_none": ("Tidak ada rencana", "No plan"),
    "rencana.tip": ("{budget}, {n} kegiatan", "{budget}, {n} activities"),
    "rencana.tip_none": ("tidak ada rencana", "no plan"),
    "rencana.gaps_title": ("Celah tanpa rencana", "Gaps without a plan"),
    "rencana.gaps_headline": (
        "{n} celah di {villages} dari {lokus} desa lokus: cakupan {cov_year} di bawah {line} "
        "(merah) dan tidak ada kegiatan untuk indikator itu dalam rencana {year}.",
        "{n} gaps in {villages} of {lokus} lokus villages: coverage in {cov_year} below {line} "
        "(red) and no activity for that indicator in the {year} plans.",
    ),
    "rencana.gaps_none": (
        "Tidak ada celah: setiap cakupan merah ({cov_year}) di desa lokus punya kegiatan dalam rencana.",
        "No gaps: every red coverage ({cov_year}) in a lokus village has a planned activity.",
    ),
    "rencana.cov_cell": ("{pct} (n {n}; IK 95% {lo}–{hi})", "{pct} (n {n}; 95% CI {lo}–{hi})"),
    "rencana.office_title": (
        "Anggaran per OPD dan sumber dana {year}: desa lokus dan desa lain",
        "Budget per office and funding source {year}: lokus and other villages",
    ),
    "rencana.plans_title": ("Rencana per desa {year}", "Plans per village {year}"),
    "rencana.col_desa": ("Desa", "Village"),
    "rencana.col_kec": ("Kecamatan", "District"),
    "rencana.col_is_lokus": ("Lokus", "Lokus"),
    "rencana.col_opd": ("OPD", "Office"),
    "rencana.col_act": ("Kegiatan", "Activity"),
    "rencana.col_ind": ("Indikator", "Indicator"),
    "rencana.col_vol": ("Volume", "Volume"),
    "rencana.col_budget": ("Anggaran", "Budget"),
    "rencana.col_fund": ("Sumber dana", "Funding source"),
    "rencana.col_cov": ("Cakupan (n, IK 95%)", "Coverage (n, 95% CI)"),
    "rencana.col_resp": ("OPD penanggung jawab", "Responsible office"),
    "rencana.col_lokus": ("Desa lokus", "Lokus villages"),
    "rencana.col_other": ("Desa lain", "Other villages"),
    "rencana.col_share": ("Bagian lokus", "Lokus share"),
    "money.million": ("Rp {value} juta", "IDR {value} million"),
    "fund.apbd": ("APBD", "Regency budget (APBD)"),
    "fund.dak": ("DAK", "Special allocation fund (DAK)"),
    "fund.danadesa": ("Dana Desa", "Village fund"),
    "fund.apbn": ("APBN", "National budget (APBN)"),
    "fund.lainnya": ("Lainnya", "Other"),
}
