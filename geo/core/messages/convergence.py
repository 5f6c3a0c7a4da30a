"""Texts of the convergence score, the berita acara and the annual review (/kinerja)."""

MESSAGES = {
    "nav.kinerja": ("Kinerja", "Review"),
    "ind.konvergensi": (
        "Skor konvergensi desa (intervensi kunci memenuhi target)",
        "Village convergence score (key interventions meeting their target)",
    ),
    "ind.konvergensi.short": ("Skor konvergensi", "Convergence score"),
    "ind.konvergensi.num": ("intervensi memenuhi target", "interventions meeting their target"),
    "ind.konvergensi.den": ("intervensi dengan data", "interventions with data"),
    "conv.profile": (
        "Skor konvergensi {year}: {score} dari 100 ({k} dari {n} intervensi kunci memenuhi target)",
        "Convergence score {year}: {score} of 100 ({k} of {n} key interventions meet their target)",
    ),
    # the annual review (/kinerja, Aksi 8)
    "kinerja.title": ("Kinerja tahunan konvergensi (Aksi 8)", "Annual convergence review (Action 8)"),
    "kinerja.intro": (
        "Target dan capaian per indikator, rencana dan realisasi per OPD, serta desa lokus dibanding "
        "desa lain dari tahun ke tahun.",
        "Target and achievement per indicator, plans and delivery per office, and the lokus villages "
        "compared with the others over the years.",
    ),
    "kinerja.headline": (
        "{year}: {met} dari {n} intervensi kunci mencapai target di tingkat kabupaten.",
        "{year}: {met} of {n} key interventions meet their target across the regency.",
    ),
    "kinerja.headline_budget": (
        "Realisasi anggaran {year}: {rate} ({spent} dari {planned}).",
        "Budget delivered in {year}: {rate} ({spent} of {planned}).",
    ),
    "kinerja.no_coverage": ("Belum ada data cakupan.", "No coverage data yet."),
    "kinerja.targets_title": (
        "Target dan capaian per indikator dan tahun",
        "Target and achievement per indicator and year",
    ),
    "kinerja.offices_title": ("Rencana dan realisasi per OPD", "Planned and delivered per office"),
    "kinerja.compare_title": (
        "Desa lokus {year} dibanding desa lain, per tahun",
        "Lokus villages of {year} compared with the other villages, per year",
    ),
    "kinerja.diffs_title": ("Perubahan: desa lokus dibanding desa lain", "Change: lokus villages against the others"),
    "kinerja.chart_title": (
        "Prevalensi stunting: desa lokus dan desa lain (IK 95%)",
        "Stunting prevalence: lokus and other villages (95% CI)",
    ),
    "kinerja.chart_y": ("Prevalensi (%)", "Prevalence (%)"),
    "kinerja.chart_x": ("Tahun", "Year"),
    "kinerja.caveat": (
        "Catatan: ini perbandingan, bukan bukti dampak. Desa lokus {year} dipilih karena angkanya buruk, "
        "jadi perubahannya bisa berbeda karena regresi ke rata-rata, perubahan cara ukur, atau hal lain "
        "di luar kegiatan konvergensi.",
        "Note: this is a comparison, not proof of effect. The lokus villages of {year} were chosen "
        "because their figures were bad, so their change can differ through regression to the mean, "
        "changes in measurement, or other things besides the convergence activities.",
    ),
    "kinerja.ci_note": (
        "IK 95% = interval kepercayaan Wilson 95% dari jumlah gabungan; perbedaan antar desa "
        "tidak dihitung, jadi interval ini cenderung terlalu sempit. n = balita diukur atau sasaran.",
        "95% CI = Wilson 95% interval of the pooled counts; differences between villages are not "
        "counted, so the interval tends to be too narrow. n = children measured or target population.",
    ),
    "kinerja.target_rule": (
        "Target cakupan: {target} untuk setiap intervensi kunci (aturan seragam lampu lalu lintas "
        "lokus), sampai katalog indikator memberi target sendiri.",
        "Coverage target: {target} for every key intervention (the uniform rule of the lokus "
        "traffic lights), until the indicator catalogue gives its own targets.",
    ),
    "kinerja.ci_cell": ("{pct} (n {n}; IK 95% {lo}\u2013{hi})", "{pct} (n {n}; 95% CI {lo}\u2013{hi})"),
    "kinerja.diff_cell": ("{d} (IK 95% {lo} sampai {hi})", "{d} (95% CI {lo} to {hi})"),
    "kinerja.met": ("Tercapai", "Met"),
    "kinerja.not_met": ("Belum tercapai", "Not met"),
    "kinerja.villages_met": ("{k} dari {n} desa", "{k} of {n} villages"),
    "kinerja.clear": ("Berbeda jelas", "Clearly different"),
    "kinerja.unclear": ("Dalam ketidakpastian", "Within the uncertainty"),
    "kinerja.group.lokus": ("Desa lokus", "Lokus villages"),
    "kinerja.group.lainnya": ("Desa lain", "Other villages"),
    "kinerja.col_ind": ("Indikator", "Indicator"),
    "kinerja.col_year": ("Tahun", "Year"),
    "kinerja.col_target": ("Target", "Target"),
    "kinerja.col_achieved": ("Capaian kabupaten (n, IK 95%)", "Regency achievement (n, 95% CI)"),
    "kinerja.col_met": ("Status", "Status"),
    "kinerja.col_villages_met": ("Desa mencapai target", "Villages meeting the target"),
    "kinerja.col_n_act": ("Kegiatan", "Activities"),
    "kinerja.col_planned": ("Anggaran rencana", "Planned budget"),
    "kinerja.col_spent": ("Anggaran realisasi", "Budget spent"),
    "kinerja.col_rate_budget": ("Realisasi anggaran", "Budget delivered"),
    "kinerja.col_rate_volume": ("Realisasi volume (rata-rata kegiatan)", "Volume delivered (mean of activities)"),
    "kinerja.col_group": ("Kelompok", "Group"),
    "kinerja.col_n_villages": ("Desa", "Villages"),
    "kinerja.col_value": ("Nilai (n, IK 95%)", "Value (n, 95% CI)"),
    "kinerja.col_change_lokus": ("Perubahan desa lokus", "Change in lokus villages"),
    "kinerja.col_change_other": ("Perubahan desa lain", "Change in other villages"),
    "kinerja.col_diff": ("Selisih perubahan (IK 95%)", "Difference of the changes (95% CI)"),
    "kinerja.col_clear": ("Kesimpulan", "Reading"),
    "kinerja.col_note": ("Catatan", "Notes"),
    "kinerja.sheet.targets": ("Target dan capaian", "Targets"),
    "kinerja.sheet.offices": ("Per OPD", "Per office"),
    "kinerja.sheet.comparison": ("Lokus vs lain", "Lokus vs other"),
    "kinerja.sheet.diffs": ("Perubahan", "Change"),
    "kinerja.sheet.notes": ("Catatan", "Notes"),
    "kinerja.xlsx": ("Unduh XLSX", "Download XLSX"),
    "kinerja.pdf": ("Paket rembuk (PDF, termasuk kinerja)", "Meeting pack (PDF, with the review)"),
    # the rembuk deck: last meeting's commitments (opening slide) and the plans slide
    "rembuk.title.commitments": ("Komitmen rembuk lalu", "Last meeting's commitments"),
    "rembuk.title.plans": (
        "Rencana kegiatan di desa lokus usulan",
        "Planned activities in the proposed lokus villages",
    ),
    "loop.commit.headline": (
        "Rembuk {date}: {n} komitmen \u2014 {done} selesai, {partly} sebagian, {not_done} belum "
        "(menurut data realisasi {version}).",
        "Meeting of {date}: {n} commitments \u2014 {done} done, {partly} partly done, {not_done} "
        "not done (from the realisation data {version}).",
    ),
    "loop.v.contoh": ("DATA CONTOH", "DEMO DATA"),
    "loop.v.kosong": ("tidak ada", "none"),
    "loop.v.bawaan": ("bawaan", "bundled"),
    "loop.status.selesai": ("Selesai", "Done"),
    "loop.status.sebagian": ("Sebagian", "Partly done"),
    "loop.status.belum": ("Belum", "Not done"),
    "loop.col.opd": ("OPD", "Office"),
    "loop.col.activity": ("Desa dan kegiatan", "Village and activity"),
    "loop.col.act": ("Kegiatan", "Activity"),
    "loop.col.progress": ("Terealisasi / janji", "Delivered / committed"),
    "loop.progress": ("{done} / {target} {unit}", "{done} / {target} {unit}"),
    "loop.col.village": ("Desa", "Village"),
    "loop.col.target": ("Janji", "Committed"),
    "loop.col.done": ("Terealisasi", "Delivered"),
    "loop.col.deadline": ("Tenggat", "Deadline"),
    "loop.col.status": ("Status", "Status"),
    "loop.col.n": ("Kegiatan", "Activities"),
    "loop.col.villages": ("Desa lokus dijangkau", "Lokus villages reached"),
    "loop.col.budget": ("Anggaran", "Budget"),
    "loop.col.inds": ("Indikator", "Indicators"),
    "loop.more": ("\u2026 dan {n} lagi (lihat berita acara PDF)", "\u2026 and {n} more (see the minutes PDF)"),
    "loop.plans.none": (
        "Belum ada rencana kegiatan untuk desa lokus usulan.",
        "No activities planned yet in the proposed lokus villages.",
    ),
    "loop.plans.headline": (
        "Rencana {year}: {k} dari {n} desa lokus usulan punya kegiatan, dari {offices} OPD, total {budget}.",
        "Plans {year}: {k} of {n} proposed lokus villages have an activity, from {offices} offices, {budget} in all.",
    ),
    "loop.plans.villages": ("{k} dari {n}", "{k} of {n}"),
    "loop.plans.without": (
        "{n} desa lokus usulan tanpa rencana: {names}",
        "{n} proposed lokus villages without a plan: {names}",
    ),
    # the berita acara (minutes) form and PDF
    "ba.open": ("Berita acara", "Minutes"),
    "ba.close": ("Tutup (Esc)", "Close (Esc)"),
    "ba.title": ("Berita acara rembuk stunting", "Minutes of the stunting meeting"),
    "ba.intro": (
        "Catat peserta (nama, OPD) dan komitmen (OPD, kegiatan, desa, volume, tenggat). Baris kosong "
        "diabaikan. Tab pindah ke kolom berikut; di daftar pilihan tekan Enter, ketik beberapa huruf, lalu Enter.",
        "Record the attendees (name, office) and the commitments (office, activity, village, volume, "
        "deadline). Empty rows are ignored. Tab moves to the next field; on a list press Enter, type a few "
        "letters, then Enter.",
    ),
    "ba.need_login": (
        "Hanya akun yang sudah masuk (halaman Data) yang dapat menyimpan berita acara.",
        "Only a signed-in account (Data page) can save the minutes.",
    ),
    "ba.date": ("Tanggal rembuk", "Date of the meeting"),
    "ba.attendees": ("Peserta", "Attendees"),
    "ba.commitments": ("Komitmen", "Commitments"),
    "ba.att_name": ("Nama peserta {i}", "Attendee {i}: name"),
    "ba.att_office": ("OPD", "Office"),
    "ba.com_office": ("Komitmen {i}: OPD", "Commitment {i}: office"),
    "ba.com_activity": ("Kegiatan", "Activity"),
    "ba.com_village": ("Desa", "Village"),
    "ba.com_volume": ("Volume", "Volume"),
    "ba.com_unit": ("Satuan", "Unit"),
    "ba.com_deadline": ("Tenggat", "Deadline"),
    "ba.dd.search": ("Cari", "Search"),
    "ba.dd.clear_search": ("Hapus pencarian", "Clear the search"),
    "ba.dd.clear_selection": ("Hapus pilihan", "Clear the choice"),
    "ba.dd.no_options_found": ("Tidak ditemukan", "Nothing found"),
    "ba.pick_office": ("Pilih OPD", "Choose an office"),
    "ba.pick_village": ("Pilih desa", "Choose a village"),
    "ba.scenario": ("Daftar lokus yang ditampilkan: {scenario}", "Lokus list shown: {scenario}"),
    "ba.save": ("Simpan berita acara", "Save the minutes"),
    "ba.saved": (
        "Berita acara {date} versi {version} disimpan ({n} komitmen).",
        "Minutes of {date} saved as version {version} ({n} commitments).",
    ),
    "ba.pdf": ("Unduh berita acara {date} v{version} (PDF)", "Download the minutes of {date} v{version} (PDF)"),
    "ba.pdf_last": ("Berita acara terakhir ({date}, PDF)", "Latest minutes ({date}, PDF)"),
    "ba.pdf_title": ("Berita acara rembuk stunting", "Minutes of the stunting meeting"),
    "ba.pdf_meeting": ("Rembuk stunting tanggal {date}", "Stunting meeting of {date}"),
    "ba.pdf_saved": (
        "Versi {version}, disimpan oleh {by} ({time} UTC)",
        "Version {version}, saved by {by} ({time} UTC)",
    ),
    "ba.col_name": ("Nama", "Name"),
    "ba.bad_request": (
        "Alamat tidak valid: tanggal harus TTTT-BB-HH dan versi angka bulat.",
        "Invalid address: the date must be YYYY-MM-DD and the version a whole number.",
    ),
    "ba.not_found": ("Berita acara itu tidak ada.", "There are no such minutes."),
    "ba.what.peserta": ("peserta", "attendee"),
    "ba.what.komitmen": ("komitmen", "commitment"),
    "ba.err.date": (
        "Tanggal rembuk \u201c{value}\u201d tidak valid (TTTT-BB-HH).",
        "The meeting date \u201c{value}\u201d is not valid (YYYY-MM-DD).",
    ),
    "ba.err.too_many": (
        "Paling banyak {max} baris peserta dan {max} baris komitmen.",
        "At most {max} attendee rows and {max} commitment rows.",
    ),
    "ba.err.attendee_name": ("Peserta {line}: nama kosong.", "Attendee {line}: the name is empty."),
    "ba.err.office": (
        "Baris {what} {line}: OPD \u201c{value}\u201d tidak dikenal.",
        "{what} row {line}: office \u201c{value}\u201d is not known.",
    ),
    "ba.err.no_attendee": ("Isi minimal satu peserta.", "Enter at least one attendee."),
    "ba.err.activity": ("Komitmen {line}: kegiatan kosong.", "Commitment {line}: the activity is empty."),
    "ba.err.village": (
        "Komitmen {line}: pilih desa dari daftar.",
        "Commitment {line}: choose a village from the list.",
    ),
    "ba.err.volume": (
        "Komitmen {line}: volume \u201c{value}\u201d harus angka 0 atau lebih.",
        "Commitment {line}: the volume \u201c{value}\u201d must be a number of 0 or more.",
    ),
    "ba.err.unit": ("Komitmen {line}: volume tanpa satuan.", "Commitment {line}: a volume without a unit."),
    "ba.err.deadline": (
        "Komitmen {line}: tenggat \u201c{value}\u201d tidak valid (TTTT-BB-HH).",
        "Commitment {line}: the deadline \u201c{value}\u201d is not valid (YYYY-MM-DD).",
    ),
    "ba.err.deadline_past": (
        "Komitmen {line}: tenggat {value} sebelum tanggal rembuk.",
        "Commitment {line}: the deadline {value} is before the meeting.",
    ),
    "ba.err.no_commitment": ("Isi minimal satu komitmen.", "Enter at least one commitment."),
    # /metode: the convergence loop and the score
    "conv.m.title": (
        "Siklus konvergensi dan skor konvergensi desa",
        "The convergence loop and the village convergence score",
    ),
    "conv.m.score": (
        "Skor konvergensi desa (0\u2013100) = 100 \u00d7 jumlah intervensi kunci yang cakupannya mencapai "
        "target \u00f7 jumlah intervensi kunci yang punya data di desa itu pada tahun yang sama. Intervensi "
        "kunci: {inds}. Target: {target} untuk setiap intervensi (aturan seragam lampu lalu lintas lokus; "
        "merah di bawah {red}), sampai katalog indikator memberi target sendiri. Peta dan profil desa "
        "menampilkan juga k dari n, supaya terlihat berapa intervensi yang dihitung.",
        "Village convergence score (0\u2013100) = 100 \u00d7 the number of key interventions whose coverage "
        "meets its target \u00f7 the number of key interventions with data in that village in the same "
        "year. Key interventions: {inds}. Target: {target} for every intervention (the uniform rule of the "
        "lokus traffic lights; red below {red}), until the indicator catalogue gives its own targets. The "
        "map and the village profile also show k of n, so it is clear how many interventions count.",
    ),
    "conv.m.proxy": (
        "Ini proksi tingkat desa, bukan ukuran konvergensi yang sebenarnya: setiap cakupan dihitung untuk "
        "kelompok sasaran yang berbeda (remaja putri, ibu hamil, baduta, rumah tangga), jadi skor 100 tidak "
        "berarti setiap keluarga sasaran menerima paket layanan lengkap.",
        "This is a village-level proxy, not the real measure of convergence: each coverage counts a "
        "different target group (adolescent girls, pregnant women, children under two, households), so a "
        "score of 100 does not mean that every target family receives the complete package.",
    ),
    "conv.m.household": (
        "Ukuran tingkat rumah tangga (bagian rumah tangga sasaran 1.000 HPK yang menerima paket "
        "lengkap) membutuhkan data per rumah tangga sasaran yang dikumpulkan kader (Kader Pembangunan "
        "Manusia: Scorecard Konvergensi Desa / e-HDW). Impor yang akan menyediakannya: jenis "
        "\u201cpemantauan rumah tangga sasaran\u201d (satu baris per rumah tangga sasaran, desa, tahun "
        "dan layanan yang diterima ya/tidak, tanpa nama atau NIK, dijumlahkan per desa seperti "
        "pengukuran e-PPGBM).",
        "The household-level measure (the share of 1,000-day target households receiving the complete "
        "package) needs data per target household collected by the cadres (Human Development Cadres: "
        "the Village Convergence Scorecard / e-HDW). The import that would provide it: a kind "
        "\u201ctarget household monitoring\u201d (one row per target household, village, year and the "
        "services received yes/no, without names or ID numbers, summed per village as the e-PPGBM "
        "measurements are).",
    ),
    "conv.m.gaps": (
        "Celah tanpa rencana (/rencana): desa lokus dengan cakupan suatu indikator di bawah {red} pada "
        "tahun cakupan terakhir, dan tidak ada baris rencana untuk indikator itu di desa itu pada tahun "
        "rencana yang dipilih.",
        "Gaps without a plan (/rencana): lokus villages whose coverage of an indicator is below {red} in "
        "the latest coverage year, with no plan row for that indicator in that village in the chosen plan "
        "year.",
    ),
    "conv.m.rates": (
        "Realisasi (/kinerja): anggaran terpakai \u00f7 anggaran rencana per OPD dan tahun; realisasi "
        "volume = rata-rata realisasi tiap kegiatan (volume terealisasi \u00f7 volume rencana, paling "
        "tinggi 100%). Baris realisasi dicocokkan dengan rencana menurut tahun, OPD, kegiatan, indikator "
        "dan desa (tanpa membedakan huruf besar dan spasi).",
        "Delivery (/kinerja): budget spent \u00f7 budget planned per office and year; volume delivered = "
        "the mean of each activity's delivery (delivered \u00f7 planned volume, at most 100%). Realisation "
        "rows match plans by year, office, activity, indicator and village (case and spaces ignored).",
    ),
    "conv.m.status": (
        "Status komitmen rembuk: jumlah volume realisasi OPD, kegiatan dan desa yang sama dari tahun "
        "rembuk sampai tahun tenggat; selesai bila mencapai volume janji, sebagian bila kurang, belum "
        "bila tidak ada.",
        "Status of a meeting's commitment: the delivered volume of the same office, activity and village "
        "from the meeting's year to the deadline's year; done when it reaches the committed volume, "
        "partly done when less, not done when nothing.",
    ),
    "conv.m.compare": (
        "Desa lokus dibanding desa lain (/kinerja): persentase gabungan per kelompok dan tahun dengan "
        "interval Wilson 95%, dan selisih perubahan dengan interval 95% pendekatan normal. Ini "
        "perbandingan, bukan bukti dampak: desa lokus dipilih karena angkanya buruk (regresi ke "
        "rata-rata), dan hal lain juga berubah.",
        "Lokus villages against the others (/kinerja): pooled percentages per group and year with Wilson "
        "95% intervals, and the difference of the changes with a normal-approximation 95% interval. This "
        "is a comparison, not proof of effect: lokus villages were chosen because their figures were bad "
        "(regression to the mean), and other things change too.",
    ),
}
