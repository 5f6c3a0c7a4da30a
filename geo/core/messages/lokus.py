"""Texts of the desa lokus workbench (/lokus), its exports, print view and saved scenarios."""

MESSAGES = {
    "nav.lokus": ("Pilih lokus", "Choose lokus"),
    "lokus.title": ("Pemilihan desa lokus", "Choosing the lokus villages"),
    "lokus.lead": (
        "Peringkat desa menurut kriteria Aksi 1 (prevalensi {year}, jumlah balita stunting {year}, kesenjangan "
        "cakupan {cov_year}). {n} desa teratas diusulkan; ubah bobot, ambang dan pilihan, lalu simpan atau unduh.",
        "Villages ranked by the Aksi 1 criteria (prevalence {year}, stunted children {year}, coverage gaps "
        "{cov_year}). The top {n} are proposed; change weights, thresholds and the choice, then save or download.",
    ),
    "lokus.no_data": (
        "Belum ada data prevalensi per desa: peringkat tidak dapat dihitung.",
        "No village prevalence data yet: no ranking can be computed.",
    ),
    # criteria
    "lokus.crit.prevalensi": ("Prevalensi stunting (%)", "Stunting prevalence (%)"),
    "lokus.crit.jumlah_stunting": ("Jumlah balita stunting", "Number of stunted children"),
    "lokus.crit.gap": ("Kesenjangan {indicator}", "Gap: {indicator}"),
    "lokus.crit.unit.prevalence": ("%", "%"),
    "lokus.crit.unit.count": ("anak", "children"),
    "lokus.crit.unit.gap": ("poin", "pts"),
    "lokus.light.merah": ("Merah", "Red"),
    "lokus.light.kuning": ("Kuning", "Yellow"),
    "lokus.light.hijau": ("Hijau", "Green"),
    # controls
    "lokus.n": ("Jumlah desa lokus yang dicari (N)", "Number of lokus villages to choose (N)"),
    "lokus.n_hint": ("Bawaan: {n} = jumlah desa lokus {year}.", "Default: {n} = number of lokus villages in {year}."),
    "lokus.n_hint_none": (
        "Bawaan: {n} (belum ada daftar lokus; seperlima jumlah desa).",
        "Default: {n} (no lokus list yet; a fifth of the villages).",
    ),
    "lokus.weights": ("Bobot kriteria", "Criteria weights"),
    "lokus.weights_hint": (
        "Bawaan: prevalensi 3, jumlah balita stunting 3, tiap kesenjangan cakupan 1. Bobot 0 = kriteria tidak dipakai. "
        "Pedoman Aksi 1 tidak menetapkan bobot: bobot ini usulan dan boleh diubah.",
        "Default: prevalence 3, stunted children 3, each coverage gap 1. Weight 0 = criterion not used. "
        "The Aksi 1 guidance sets no weights: these are a proposal and may be changed.",
    ),
    "lokus.thresholds": ("Ambang warna (merah ≥, kuning ≥)", "Colour thresholds (red ≥, yellow ≥)"),
    "lokus.thresholds_hint": (
        "Bawaan: prevalensi merah ≥ 30%, kuning ≥ 20%; kesenjangan cakupan menurut target nasional indikator "
        "(merah di bawah target − 20 poin, kuning di bawah target) atau, tanpa target, merah > 40 poin (cakupan "
        "< 60%), kuning > 20 poin (cakupan < 80%); jumlah balita stunting merah ≥ {red} anak (sepertiga desa "
        "teratas), kuning ≥ {yellow} anak (sepertiga tengah). Aturan setiap indikator ada di halaman Metode.",
        "Default: prevalence red ≥ 30%, yellow ≥ 20%; coverage gaps from the indicator's national target "
        "(red below target − 20 pts, yellow below target) or, without a target, red > 40 pts (coverage < 60%), "
        "yellow > 20 pts (coverage < 80%); stunted children red ≥ {red} (top third of villages), "
        "yellow ≥ {yellow} (middle third). The Methods page lists the rule of every indicator.",
    ),
    "lokus.th_red": ("merah ≥", "red ≥"),
    "lokus.th_yellow": ("kuning ≥", "yellow ≥"),
    "lokus.th_red_gap": ("merah >", "red >"),  # coverage gaps: above the threshold, not on it
    "lokus.th_yellow_gap": ("kuning >", "yellow >"),
    "lokus.reset": ("Kembalikan ke bawaan", "Back to defaults"),
    # errors
    "lokus.err.weight_invalid": (
        "Bobot '{criterion}' harus berupa angka.",
        "The weight of '{criterion}' must be a number.",
    ),
    "lokus.err.weight_negative": (
        "Bobot '{criterion}' tidak boleh negatif.",
        "The weight of '{criterion}' cannot be negative.",
    ),
    "lokus.err.params_invalid": (
        "Pilihan bobot dan ambang tidak lengkap; muat ulang halaman.",
        "The choice of weights and thresholds is incomplete; reload the page.",
    ),
    "lokus.err.weight_high": (
        "Bobot '{criterion}' paling besar {max}.",
        "The weight of '{criterion}' can be at most {max}.",
    ),
    "lokus.err.threshold_range": (
        "Ambang '{criterion}' harus antara {lo} dan {hi}.",
        "The thresholds of '{criterion}' must be between {lo} and {hi}.",
    ),
    "lokus.err.reason_long": (
        "Alasan paling panjang {max} karakter.",
        "A reason can be at most {max} characters long.",
    ),
    "lokus.err.weights_zero": (
        "Semua bobot bernilai 0: beri bobot lebih dari 0 pada sekurang-kurangnya satu kriteria. Peringkat tidak diubah.",
        "All weights are 0: give at least one criterion a weight above 0. The ranking was not changed.",
    ),
    "lokus.err.threshold_invalid": (
        "Ambang '{criterion}' harus berupa angka.",
        "The thresholds of '{criterion}' must be numbers.",
    ),
    "lokus.err.threshold_order": (
        "Ambang merah '{criterion}' harus sama atau lebih tinggi dari ambang kuning.",
        "The red threshold of '{criterion}' must be at least the yellow one.",
    ),
    "lokus.err.n_invalid": ("N harus bilangan bulat antara 0 dan {max}.", "N must be a whole number from 0 to {max}."),
    "lokus.err.unchanged": (
        "Peringkat di bawah masih memakai pilihan terakhir yang sah.",
        "The ranking below still uses the last valid choice.",
    ),
    # table
    "lokus.col.pilih": ("Pilih", "Choose"),
    "lokus.col.peringkat": ("Peringkat", "Rank"),
    "lokus.col.desa": ("Desa", "Village"),
    "lokus.col.kec": ("Kecamatan", "Kecamatan"),
    "lokus.col.skor": ("Skor prioritas", "Priority score"),
    "lokus.col.status": ("Status", "Status"),
    "lokus.col.alasan": ("Alasan perubahan", "Reason for the change"),
    "lokus.col.lokus_lalu": ("Lokus {year}", "Lokus {year}"),
    "lokus.col.stabil": ("Ketahanan", "Stability"),
    "lokus.col.kurang": ("Data kurang", "Missing data"),
    "lokus.status.usulan": ("✔ Diusulkan", "✔ Proposed"),
    "lokus.status.tambah": ("✚ Ditambahkan", "✚ Added"),
    "lokus.status.keluar": ("✖ Dikeluarkan", "✖ Removed"),
    "lokus.status.tidak": ("—", "—"),
    "lokus.pick.usulan": ("☑", "☑"),
    "lokus.pick.tambah": ("☑ ✚", "☑ ✚"),
    "lokus.pick.keluar": ("☐ ✖", "☐ ✖"),
    "lokus.pick.tidak": ("☐", "☐"),
    "lokus.yes": ("ya", "yes"),
    "lokus.no_score": ("tanpa skor: tidak ada data {missing}", "no score: no data for {missing}"),
    "lokus.search": ("Cari desa atau kecamatan…", "Search village or kecamatan…"),
    "lokus.table_hint": (
        "Klik kotak ☐/☑ atau desa di peta untuk menambah/mengeluarkan desa; setiap perubahan dari usulan perlu "
        "alasan satu baris. Warna sel selalu disertai kata (Merah/Kuning/Hijau); geser tabel ke kanan untuk semua kriteria.",
        "Click the ☐/☑ box or a village on the map to add or remove it; every change from the proposal needs a "
        "one-line reason. Cell colours always come with a word (Red/Yellow/Green); scroll the table right for all criteria.",
    ),
    "lokus.summary": (
        "{selected} desa dipilih: {proposed} usulan peringkat, {added} ditambahkan, {removed} dikeluarkan.",
        "{selected} villages chosen: {proposed} proposed by rank, {added} added, {removed} removed.",
    ),
    "lokus.missing_reasons": (
        "Belum ada alasan untuk: {names}. Simpan dan unduh menunggu alasan ini.",
        "No reason yet for: {names}. Saving and downloading wait for these reasons.",
    ),
    "lokus.reasons_ok": ("Semua perubahan sudah beralasan.", "Every change has a reason."),
    "lokus.reasons_title": (
        "Perubahan dari usulan peringkat — tulis alasan satu baris, lalu tekan Enter",
        "Changes from the proposal — write a one-line reason, then press Enter",
    ),
    "lokus.reason_placeholder": ("Alasan (wajib)", "Reason (required)"),
    "lokus.no_overrides": ("Pilihan sama dengan usulan peringkat.", "The choice equals the proposal by rank."),
    # map
    "lokus.map_title": ("Peta pilihan", "Map of the choice"),
    "lokus.map.selected": ("Dipilih untuk lokus berikutnya", "Chosen for the next lokus"),
    "lokus.map.removed": ("Diusulkan peringkat tetapi dikeluarkan", "Proposed by rank but removed"),
    "lokus.map.other": ("Tidak dipilih", "Not chosen"),
    "lokus.map.last": ("Garis tebal hitam = desa lokus {year}", "Heavy black outline = lokus village {year}"),
    "lokus.map.works": (
        "Simbol = sarana air bersih/sanitasi selesai atau sedang dibangun ({n})",
        "Symbols = water/sanitation works completed or under construction ({n})",
    ),
    "lokus.map.hint": ("Klik desa untuk memilih atau mengeluarkannya.", "Click a village to choose or remove it."),
    "lokus.tip.rank": ("Peringkat {rank} · skor {score}", "Rank {rank} · score {score}"),
    "lokus.tip.norank": ("Tanpa skor (data kurang)", "No score (missing data)"),
    # gap view
    "lokus.gap_title": ("Kesenjangan: kebutuhan tinggi tanpa sarana", "Gaps: high need without works"),
    "lokus.gap_need": (
        "Desa dengan prevalensi merah atau termasuk {n} teratas yang belum punya sarana air bersih atau sanitasi "
        "(selesai/sedang dibangun): {count} desa.",
        "Villages with red prevalence or in the top {n} that have no water or sanitation works yet "
        "(completed/under construction): {count} villages.",
    ),
    "lokus.gap_col.air": ("Sarana air", "Water works"),
    "lokus.gap_col.sanitasi": ("Sarana sanitasi", "Sanitation works"),
    "lokus.gap_col.alasan": ("Mengapa", "Why"),
    "lokus.gap_why.red": ("prevalensi merah", "red prevalence"),
    "lokus.gap_why.top": ("{n} teratas", "top {n}"),
    "lokus.gap_none": ("belum ada", "none yet"),
    "lokus.lacking_title": (
        "Desa lokus {year} dengan cakupan merah per intervensi",
        "Lokus villages {year} with red coverage, by intervention",
    ),
    "lokus.lacking_item": ("{indicator}: {count} desa", "{indicator}: {count} villages"),
    "lokus.lacking_none": ("tidak ada", "none"),
    "lokus.no_lokus": ("Belum ada daftar desa lokus.", "No lokus list yet."),
    # robustness
    "lokus.stab_title": ("Ketahanan peringkat (bobot ±{pct})", "Rank stability (weights ±{pct})"),
    "lokus.stab_lead": (
        "Setiap bobot dinaikkan dan diturunkan {pct}, satu per satu ({runs} perhitungan). Paling sedikit {min} dari "
        "{n} desa usulan tetap di {n} teratas. {solid} desa selalu bertahan, {marginal} desa kadang keluar "
        "(marginal). Kokoh atau tidaknya desa ditentukan oleh peluangnya (di atas), bukan oleh uji ini.",
        "Each weight is raised and lowered by {pct}, one at a time ({runs} runs). At least {min} of the {n} proposed "
        "villages stay in the top {n}. {solid} villages always stay, {marginal} sometimes drop out (marginal). "
        "Whether a village is solid is decided by its chance (above), not by this check.",
    ),
    "lokus.stab_col.change": ("Perubahan bobot", "Weight change"),
    "lokus.stab_col.kept": ("Tetap di {n} teratas", "Still in top {n}"),
    "lokus.stab_col.in": ("Masuk", "Enter"),
    "lokus.stab_col.out": ("Keluar", "Leave"),
    "lokus.stab.up": ("{criterion} +{pct}", "{criterion} +{pct}"),
    "lokus.stab.down": ("{criterion} −{pct}", "{criterion} −{pct}"),
    "lokus.stab.solid": ("tetap di semua uji", "kept in every run"),
    "lokus.stab.marginal": ("marginal {k}/{runs}", "marginal {k}/{runs}"),
    "lokus.stab.marginal_list": ("Desa marginal: {names}", "Marginal villages: {names}"),
    "lokus.stab.none": ("Tidak ada bobot di atas 0.", "No weight above 0."),
    # scenarios
    "lokus.sc_title": ("Skenario", "Scenarios"),
    "lokus.sc_name": ("Nama skenario", "Scenario name"),
    "lokus.sc_save": ("Simpan skenario", "Save scenario"),
    "lokus.sc_saved": ("Tersimpan: {name} versi {version}.", "Saved: {name} version {version}."),
    "lokus.sc_pick": ("Pilih skenario tersimpan", "Choose a saved scenario"),
    "lokus.sc_open": ("Buka", "Open"),
    "lokus.sc_opened": ("Dibuka: {name} versi {version} ({created}).", "Opened: {name} version {version} ({created})."),
    "lokus.sc_opened_differs": (
        "Perhatian: dengan data sekarang pilihan ini berbeda dari yang disimpan ({count} desa).",
        "Note: with the current data this choice differs from the saved one ({count} villages).",
    ),
    "lokus.sc_compare": ("Bandingkan dua skenario", "Compare two scenarios"),
    "lokus.sc_a": ("Skenario A", "Scenario A"),
    "lokus.sc_b": ("Skenario B", "Scenario B"),
    "lokus.sc_only_a": ("Hanya di A ({n})", "Only in A ({n})"),
    "lokus.sc_only_b": ("Hanya di B ({n})", "Only in B ({n})"),
    "lokus.sc_both": ("Di keduanya: {n} desa", "In both: {n} villages"),
    "lokus.sc_same": ("Kedua skenario memilih desa yang sama.", "Both scenarios choose the same villages."),
    "lokus.sc_option": (
        "{name} · v{version} · {n} desa · {created} · {by}",
        "{name} · v{version} · {n} villages · {created} · {by}",
    ),
    "lokus.sc_need_login": (
        "Hanya akun yang masuk yang dapat menyimpan skenario: masuk di halaman Data. Menjelajah, "
        "membandingkan dan mengunduh tetap terbuka untuk semua.",
        "Only a signed-in account can save scenarios: sign in on the Data page. Exploring, "
        "comparing and downloading stay open to everyone.",
    ),
    "lokus.sc_none": ("Belum ada skenario tersimpan.", "No saved scenario yet."),
    "lokus.sc_blocked": ("Belum dapat disimpan: {reason}", "Cannot be saved yet: {reason}"),
    "scenario.err.name_empty": ("Beri nama skenario.", "Give the scenario a name."),
    "scenario.err.name_long": (
        "Nama skenario paling panjang {max} karakter.",
        "A scenario name has at most {max} characters.",
    ),
    "scenario.err.bad_version": (
        "Versi skenario '{value}' tidak sah: tulis angka bulat, misalnya 2.",
        "Scenario version '{value}' is not valid: write a whole number, e.g. 2.",
    ),
    "scenario.err.not_found": ("Skenario '{name}' tidak ditemukan.", "Scenario '{name}' not found."),
    # export
    "lokus.dl_title": ("Unduh dan cetak", "Download and print"),
    "lokus.dl_xlsx": ("Unduh Excel (.xlsx)", "Download Excel (.xlsx)"),
    "lokus.dl_csv": ("Unduh CSV", "Download CSV"),
    "lokus.dl_print": ("Versi cetak", "Printable view"),
    "lokus.dl_blocked": (
        "Unduhan menunggu alasan untuk setiap perubahan dari usulan.",
        "Downloads wait for a reason for every change from the proposal.",
    ),
    "lokus.dl_note": (
        "Berisi peringkat, skor, nilai dan warna setiap kriteria, alasan perubahan, serta bobot dan ambang "
        "yang dipakai.",
        "Contains rank, score, each criterion's value and colour, the reasons for changes, and the weights "
        "and thresholds used.",
    ),
    "lokus.x.sheet": ("Usulan", "Proposal"),
    "lokus.x.sheet_method": ("Metode", "Method"),
    "lokus.x.dipilih": ("Dipilih", "Chosen"),
    "lokus.x.nilai": ("{criterion}", "{criterion}"),
    "lokus.x.warna": ("Warna: {criterion}", "Colour: {criterion}"),
    "lokus.x.data": ("Data", "Data"),
    "lokus.x.param": ("Parameter", "Parameter"),
    "lokus.x.value": ("Nilai", "Value"),
    "lokus.x.weight": ("Bobot: {criterion}", "Weight: {criterion}"),
    "lokus.x.th_red": ("Ambang merah: {criterion}", "Red threshold: {criterion}"),
    "lokus.x.th_yellow": ("Ambang kuning: {criterion}", "Yellow threshold: {criterion}"),
    "lokus.x.region": ("Wilayah", "Region"),
    "lokus.x.base_year": ("Tahun data prevalensi", "Prevalence data year"),
    "lokus.x.cov_year": ("Tahun data cakupan", "Coverage data year"),
    "lokus.x.n": ("Jumlah desa lokus yang dicari (N)", "Number of lokus villages to choose (N)"),
    "lokus.x.data_version": ("Versi data", "Data version"),
    "lokus.x.made": ("Dibuat", "Made"),
    "lokus.x.scenario": ("Skenario", "Scenario"),
    "lokus.x.default": ("peringkat bawaan (tanpa perubahan)", "default ranking (no changes)"),
    "lokus.x.demo_note": (
        "DATA CONTOH: angka per desa sintetis, bukan data resmi.",
        "DEMO DATA: synthetic village figures, not official data.",
    ),
    "lokus.x.method": ("Metode", "Method"),
    # print view
    "lokus.print_title": ("Usulan desa lokus — {region}", "Proposed lokus villages — {region}"),
    "lokus.print_button": ("Cetak", "Print"),
    "lokus.print_selected": ("Desa yang dipilih ({n})", "Chosen villages ({n})"),
    "lokus.print_all": ("Peringkat seluruh desa", "Ranking of all villages"),
    "lokus.print_params": ("Bobot dan ambang yang dipakai", "Weights and thresholds used"),
    # method
    "lokus.method_title": ("Metode", "Method"),
    "lokus.method": (
        "1) Kriteria per desa: prevalensi stunting dan jumlah balita stunting tahun data terakhir, serta kesenjangan "
        "cakupan (100 − cakupan %) setiap intervensi kunci yang ada datanya. "
        "2) Lampu lalu lintas per kriteria menurut ambang di kiri; nilai tepat pada ambang masuk kelas yang lebih buruk. "
        "3) Skor prioritas 0–100 = rata-rata berbobot kriteria setelah normalisasi min–maks (desa terendah 0, tertinggi "
        "1; kolom yang semua nilainya sama bernilai 0). "
        "4) Desa tanpa data untuk kriteria berbobot tidak diberi skor dan ditaruh di akhir, dengan keterangan data yang "
        "kurang; desa ini tetap dapat ditambahkan dengan alasan. "
        "5) Skor sama diurutkan menurut prevalensi lebih tinggi, lalu jumlah balita stunting lebih banyak, lalu kode desa. "
        "6) Ketahanan: setiap bobot di atas 0 dinaikkan dan diturunkan 20%, satu per satu; dihitung berapa desa usulan "
        "tetap di N teratas. "
        "7) Sarana dihitung bila statusnya selesai atau sedang dibangun.",
        "1) Criteria per village: stunting prevalence and number of stunted children in the latest data year, and the "
        "coverage gap (100 − coverage %) of each key intervention with data. "
        "2) Traffic lights per criterion by the thresholds on the left; a value on a threshold takes the worse class. "
        "3) Priority score 0–100 = weighted mean of the criteria after min–max normalisation (lowest village 0, highest "
        "1; a column where all values are equal counts 0). "
        "4) Villages without data for a weighted criterion get no score and are listed last, with the missing data "
        "named; they can still be added with a reason. "
        "5) Equal scores are ordered by higher prevalence, then more stunted children, then village code. "
        "6) Stability: each weight above 0 is raised and lowered by 20%, one at a time; we count how many proposed "
        "villages stay in the top N. "
        "7) Works count when completed or under construction.",
    ),
}
