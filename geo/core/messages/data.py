"""Importing data: file and row problems, the command line, the data and quality pages."""

MESSAGES = {
    # ----- kinds ---------------------------------------------------------------------------
    "kind.prevalensi": (
        "Prevalensi stunting (balita diukur & stunting)",
        "Stunting prevalence (children measured & stunted)",
    ),
    "kind.cakupan": ("Cakupan intervensi (pembilang & penyebut)", "Intervention coverage (numerator & denominator)"),
    "kind.sarana": ("Sarana air bersih & sanitasi", "Water & sanitation works"),
    "kind.lokus": ("Desa lokus (SK)", "Lokus villages (decree)"),
    "kind.batas": ("Batas desa (peta wilayah)", "Village boundaries (map)"),
    "kind.terbit": (
        "Angka terbit kabupaten/provinsi (survei, registri, target)",
        "Published regency/province figures (survey, registry, target)",
    ),
    "terbit.bad_code": (
        'kode wilayah "{value}" bukan kode provinsi (74) atau kabupaten (74.15)',
        'region code "{value}" is not a province (74) or regency (74.15) code',
    ),
    "terbit.bad_type": (
        'jenis sumber "{value}" tidak dikenal; pilih salah satu: {known}',
        'unknown source type "{value}"; use one of: {known}',
    ),
    "terbit.duplicate": (
        "baris ganda: wilayah, tahun, periode dan sumber yang sama sudah ada di baris {first}",
        "duplicate row: the same region, year, period and source is already in row {first}",
    ),
    "kind.indikator": (
        "Katalog indikator (kode, label, kelompok, target nasional)",
        "Indicator catalogue (code, labels, group, national target)",
    ),
    "indikator.bad_code": (
        'kode indikator "{value}" tidak sah: huruf kecil, angka dan garis bawah, diawali huruf, 2–40 karakter',
        'indicator code "{value}" is not valid: lower-case letters, digits and underscores, starting with a letter, 2–40 characters',
    ),
    "indikator.reserved_code": (
        'kode "{value}" dipakai peta untuk tampilan turunan; pilih kode lain',
        'code "{value}" is used by the map for a derived view; choose another code',
    ),
    "indikator.duplicate": (
        'kode "{value}" ganda: sudah ada di baris {first}',
        'duplicate code "{value}": already in row {first}',
    ),
    "indikator.bad_value": (
        'nilai "{value}" tidak dikenal; pilih salah satu: {known}',
        'unknown value "{value}"; use one of: {known}',
    ),
    "indikator.kind_fixed": (
        'jenis indikator "{code}" tetap {old} (sudah ada di katalog dan bisa punya data), bukan {value}',
        'the kind of indicator "{code}" stays {old} (it is in the catalogue and may have data), not {value}',
    ),
    "indikator.one_language": (
        "teks kosong: isi dalam bahasa Indonesia dan Inggris, atau kosongkan keduanya",
        "text is empty: fill it in both Indonesian and English, or leave both empty",
    ),
    "indikator.target_no_source": (
        "target tanpa sumber: sebutkan dokumen yang menetapkan target (mis. Lampiran Perpres 72/2021)",
        "target without a source: name the document that sets it (e.g. the Perpres 72/2021 annex)",
    ),
    "indikator.withdraw_has_data": (
        "versi {version} tidak dapat ditarik: indikator {codes} hanya ada di katalog lewat versi ini dan punya data",
        "version {version} cannot be withdrawn: indicators {codes} are in the catalogue only through it and have data",
    ),
    "level.error": ("Galat", "Error"),
    "level.warning": ("Peringatan", "Warning"),
    # ----- files ---------------------------------------------------------------------------
    "file.too_large": (
        "berkas terlalu besar ({size} MB; batas {limit} MB)",
        "file too large ({size} MB; limit {limit} MB)",
    ),
    "file.xlsx_broken": (
        "berkas XLSX rusak atau terpotong; buka di Excel dan simpan ulang sebagai .xlsx",
        "the XLSX file is damaged or truncated; open it in Excel and save it again as .xlsx",
    ),
    "file.xlsx_unsafe": (
        "berkas XLSX berisi DTD atau entitas XML, yang ditolak demi keamanan; simpan ulang dari Excel",
        "the XLSX file contains an XML DTD or entity, refused for safety; save it again from Excel",
    ),
    "problems.more": (
        "{count} baris lain punya masalah yang sama seperti baris {row} (tidak ditampilkan satu per satu)",
        "{count} more rows have the same problem as row {row} (not listed one by one)",
    ),
    "file.empty": ("berkas kosong", "the file is empty"),
    "file.no_rows": (
        "berkas tidak berisi baris data di bawah judul kolom",
        "the file has no data rows below the header",
    ),
    "file.unreadable": ("berkas tidak dapat dibaca ({detail})", "the file cannot be read ({detail})"),
    "file.bad_type": (
        "jenis berkas {ext} tidak didukung; gunakan {allowed}",
        "file type {ext} is not supported; use {allowed}",
    ),
    "file.xls_old": (
        "format .xls lama tidak didukung; simpan sebagai .xlsx atau .csv",
        "the old .xls format is not supported; save as .xlsx or .csv",
    ),
    "file.unknown_kind": (
        "jenis data '{kind}' tidak dikenal; pilih salah satu: {kinds}",
        "unknown kind of data '{kind}'; choose one of: {kinds}",
    ),
    "file.not_found": ("berkas {file} tidak ditemukan", "file {file} not found"),
    "zip.unsafe_path": (
        "arsip zip berisi jalur berbahaya '{name}' (keluar dari folder); berkas ditolak",
        "the zip archive contains an unsafe path '{name}' (escapes the folder); file rejected",
    ),
    "zip.bomb": (
        "isi arsip '{name}' tidak wajar (terlalu termampatkan); berkas ditolak",
        "archive entry '{name}' is suspicious (compressed far too tightly); file rejected",
    ),
    "zip.too_large": (
        "isi arsip terlalu besar setelah dibuka ({size} MB; batas {limit} MB)",
        "the archive is too large once unpacked ({size} MB; limit {limit} MB)",
    ),
    "zip.no_layer": (
        "arsip zip tidak berisi .shp, .gpkg atau .geojson",
        "the zip archive contains no .shp, .gpkg or .geojson",
    ),
    "table.missing_columns": (
        "kolom wajib untuk {kind} tidak ada: {missing}. Kolom di berkas: {found}. Unduh templat untuk contoh.",
        "required columns for {kind} are missing: {missing}. Columns in the file: {found}. Download the template for an example.",
    ),
    # ----- villages ------------------------------------------------------------------------
    "desa.unknown_code": (
        "kode desa {code} tidak dikenal; mungkin maksudnya: {suggest}",
        "unknown village code {code}; did you mean: {suggest}",
    ),
    "desa.name_close": (
        "nama '{name}' sedikit berbeda dari nama desa kode {code} ('{known}'); periksa",
        "name '{name}' differs slightly from the name of village {code} ('{known}'); please check",
    ),
    "desa.code_name_mismatch": (
        "kode {code} adalah desa '{known}', tetapi nama tertulis '{name}' (nama itu cocok dengan: {other})",
        "code {code} is village '{known}', but the name given is '{name}' (that name matches: {other})",
    ),
    "desa.ambiguous": (
        "nama '{name}' cocok dengan beberapa desa: {candidates}; isi kode_desa atau kolom kecamatan "
        "(nama_kec), atau pilih desanya di halaman Data",
        "name '{name}' matches several villages: {candidates}; fill in kode_desa or the kecamatan "
        "column (nama_kec), or choose the village on the Data page",
    ),
    "desa.fuzzy_match": (
        "nama '{name}' tidak persis sama; dicocokkan ke {known} — periksa sebelum menyetujui",
        "name '{name}' is not an exact match; matched to {known} — check before accepting",
    ),
    "desa.unknown_name": (
        "nama desa '{name}' tidak dikenal; mungkin maksudnya: {suggest}",
        "unknown village name '{name}'; did you mean: {suggest}",
    ),
    "desa.missing": ("kode_desa dan nama_desa kosong", "both kode_desa and nama_desa are empty"),
    # ----- values --------------------------------------------------------------------------
    "value.not_number": ("'{value}' bukan angka", "'{value}' is not a number"),
    "value.not_whole": ("harus bilangan bulat", "must be a whole number"),
    "value.missing": ("nilai kosong", "value is empty"),
    "value.negative": ("nilai negatif ({value}) tidak boleh", "negative value ({value}) is not allowed"),
    "value.year_range": (
        "tahun {value} di luar rentang wajar {lo}–{hi}",
        "year {value} is outside the sensible range {lo}–{hi}",
    ),
    "value.month_range": ("bulan {value} harus 1–12", "month {value} must be 1–12"),
    "value.pct_range": ("persentase {value} harus antara 0 dan 100", "percentage {value} must be between 0 and 100"),
    "prevalensi.over": (
        "balita stunting ({num}) lebih banyak dari balita diukur ({den})",
        "children stunted ({num}) exceed children measured ({den})",
    ),
    "prevalensi.severe_over": (
        "balita sangat pendek ({num}) lebih banyak dari balita stunting ({den})",
        "children severely stunted ({num}) exceed children stunted ({den})",
    ),
    "prevalensi.none_measured": ("tidak ada balita diukur (0)", "no children measured (0)"),
    "prevalensi.duplicate": (
        "baris ganda: {desa} tahun {tahun} sudah ada di baris {first}",
        "duplicate row: {desa} year {tahun} already in row {first}",
    ),
    "cakupan.unknown_indicator": (
        "indikator '{value}' tidak dikenal; gunakan: {known}",
        "unknown indicator '{value}'; use: {known}",
    ),
    "cakupan.zero_denominator": (
        "penyebut 0: cakupan tidak dapat dihitung",
        "denominator is 0: coverage cannot be computed",
    ),
    "cakupan.over": (
        "pembilang ({num}) lebih besar dari penyebut ({den}): cakupan di atas 100%",
        "numerator ({num}) exceeds denominator ({den}): coverage over 100%",
    ),
    "cakupan.duplicate": (
        "baris ganda: {desa} tahun {tahun} indikator yang sama sudah ada di baris {first}",
        "duplicate row: {desa} year {tahun}, same indicator already in row {first}",
    ),
    "sarana.half_coordinates": (
        "isi lintang dan bujur keduanya, atau kosongkan keduanya",
        "fill in both latitude and longitude, or leave both empty",
    ),
    "sarana.bad_coordinates": (
        "koordinat tidak mungkin (lintang {lat}, bujur {lon})",
        "impossible coordinates (latitude {lat}, longitude {lon})",
    ),
    "sarana.swapped": (
        "lintang dan bujur tertukar (lintang {lat}, bujur {lon})",
        "latitude and longitude are swapped (latitude {lat}, longitude {lon})",
    ),
    "sarana.outside_region": (
        "titik (lintang {lat}, bujur {lon}) berada di luar wilayah kabupaten",
        "point (latitude {lat}, longitude {lon}) lies outside the kabupaten",
    ),
    "sarana.outside_village": (
        "titik berada di luar desa {village} (jatuh di {other})",
        "point lies outside village {village} (falls in {other})",
    ),
    "sarana.approximate": (
        "tanpa koordinat: ditempatkan di titik tengah desa {village} (lokasi perkiraan)",
        "no coordinates: placed at the centre of village {village} (approximate location)",
    ),
    "sarana.duplicate": ("baris ganda: sama dengan baris {first}", "duplicate row: same as row {first}"),
    "lokus.no_sk": ("nomor SK kosong", "decree number (nomor_sk) is empty"),
    "lokus.duplicate": (
        "baris ganda: {desa} tahun {tahun} sudah ada di baris {first}",
        "duplicate row: {desa} year {tahun} already in row {first}",
    ),
    "batas.invalid_geometry": (
        "geometri tidak valid ({reason}); diperbaiki otomatis",
        "invalid geometry ({reason}); repaired automatically",
    ),
    "batas.bad_extent": (
        "koordinat di luar bumi setelah diproyeksikan; periksa CRS berkas",
        "coordinates fall off the globe after reprojection; check the file's CRS",
    ),
    "batas.overlap": (
        "desa {a} dan {b} tumpang tindih ({share}% dari yang lebih kecil)",
        "villages {a} and {b} overlap ({share}% of the smaller one)",
    ),
    # ----- store / command line --------------------------------------------------------------
    "store.unknown_version": ("versi {version} tidak ada", "version {version} does not exist"),
    "store.restore_withdrawal": (
        "versi {version} adalah penarikan versi {old}, bukan impor: pulihkan versi {old}",
        "version {version} withdraws version {old} and is not an import: restore version {old}",
    ),
    "store.withdraw_withdrawal": (
        "versi {version} adalah penarikan versi {old}: untuk menampilkannya lagi, pulihkan versi {old}",
        "version {version} withdraws version {old}: to show it again, restore version {old}",
    ),
    "store.already_withdrawn": ("versi {version} sudah ditarik", "version {version} has already been withdrawn"),
    "store.bad_backup": (
        "{file} bukan salinan penyimpanan yang utuh (pemeriksaan integritas gagal)",
        "{file} is not a sound copy of the store (integrity check failed)",
    ),
    "value.yes_no": ('isi "ya" atau "tidak", bukan "{value}"', 'fill in "ya" (yes) or "tidak" (no), not "{value}"'),
    "cli.withdrawn": (
        "versi {old} ditarik sebagai versi baru {version}; data sebelumnya untuk cakupan yang sama tampil lagi.",
        "version {old} withdrawn as new version {version}; earlier data for the same coverage shows again.",
    ),
    "cli.withdrawn_note": ("(penarikan versi {old})", "(withdraws version {old})"),
    "cli.backup_done": (
        "salinan penyimpanan ditulis: {file} ({versions} versi).",
        "copy of the store written: {file} ({versions} versions).",
    ),
    "cli.migrate_row": ("{table}: {source} baris → {target} baris {ok}", "{table}: {source} rows → {target} rows {ok}"),
    "cli.migrated": (
        "penyimpanan {folder} disalin ke {url}: {versions} versi, jumlah baris setiap tabel sama. "
        "Jalankan server dengan KONVERGENSI_DATABASE_URL untuk memakainya.",
        "store {folder} copied to {url}: {versions} versions, every table's row count equal. "
        "Run the servers with KONVERGENSI_DATABASE_URL to use it.",
    ),
    "cli.need_postgres_url": (
        "--to harus alamat PostgreSQL (postgresql://pengguna:sandi@host:5432/basisdata), bukan {url}",
        "--to must be a PostgreSQL address (postgresql://user:password@host:5432/dbname), not {url}",
    ),
    "migrate.no_store": (
        "tidak ada penyimpanan SQLite di {folder} (KONVERGENSI_DATA_DIR): tidak ada yang disalin",
        "there is no SQLite store in {folder} (KONVERGENSI_DATA_DIR): nothing was copied",
    ),
    "migrate.target_not_empty": (
        "basis data tujuan sudah berisi data (tabel {tables}): tidak ada yang disalin; pakai basis data kosong",
        "the target database already holds data (tables {tables}): nothing was copied; use an empty database",
    ),
    "migrate.count_differs": (
        "tabel {table}: {source} baris di SQLite tetapi {target} di PostgreSQL; tidak ada yang disalin",
        "table {table}: {source} rows in SQLite but {target} in PostgreSQL; nothing was copied",
    ),
    "migrate.unreachable": (
        "basis data tujuan tidak dapat dihubungi atau ditulis ({detail}); tidak ada yang disalin",
        "the target database cannot be reached or written ({detail}); nothing was copied",
    ),
    "cli.backup_restored": (
        "penyimpanan dipulihkan dari {file}; yang lama disimpan di sampingnya.",
        "store restored from {file}; the previous one is kept beside it.",
    ),
    "cli.valid": (
        "{file}: valid, {rows} baris ({warnings} peringatan). Tidak disimpan (--dry-run).",
        "{file}: valid, {rows} rows ({warnings} warnings). Not stored (--dry-run).",
    ),
    "cli.imported": (
        "{file}: diimpor sebagai versi {version} ({kind}, {rows} baris, {warnings} peringatan diterima).",
        "{file}: imported as version {version} ({kind}, {rows} rows, {warnings} warnings accepted).",
    ),
    "cli.rejected": (
        "{file}: DITOLAK, {errors} galat. Tidak ada yang berubah.",
        "{file}: REJECTED, {errors} errors. Nothing was changed.",
    ),
    "cli.restored": (
        "versi {old} dipulihkan sebagai versi baru {version}.",
        "version {old} restored as new version {version}.",
    ),
    "cli.no_versions": ("belum ada versi tersimpan.", "no versions stored yet."),
    "cli.versions_header": (
        "versi  jenis       waktu (UTC)           baris  oleh        berkas  [cakupan]",
        "version kind       time (UTC)            rows   by          file  [coverage]",
    ),
    "cli.restored_note": ("(pemulihan versi {old})", "(restore of version {old})"),
    # ----- data page ---------------------------------------------------------------------
    "nav.data": ("Data", "Data"),
    "nav.quality": ("Kualitas data", "Data quality"),
    "data.title": ("Data: impor dan versi", "Data: import and versions"),
    "data.intro": (
        "Setiap OPD mengunggah berkasnya di sini. Berkas diperiksa baris demi baris; masalah ditampilkan "
        "sebelum apa pun disimpan. Setiap impor menjadi versi baru; versi lama tidak pernah ditimpa.",
        "Each office uploads its file here. Files are checked row by row; problems are shown before "
        "anything is stored. Each import becomes a new version; older versions are never overwritten.",
    ),
    "data.templates": ("Templat (isi kolom persis seperti ini)", "Templates (fill in exactly these columns)"),
    "data.login_title": ("Masuk sebagai admin data", "Sign in as data admin"),
    "data.login_note": (
        "Hanya admin data yang dapat mengimpor dan memulihkan. Halaman lain terbuka tanpa masuk.",
        "Only a data admin can import and restore. Every other page is open without signing in.",
    ),
    "data.user": ("Nama pengguna", "Username"),
    "data.password": ("Kata sandi", "Password"),
    "data.login": ("Masuk", "Sign in"),
    "data.logout": ("Keluar", "Sign out"),
    "data.login_failed": (
        "Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan: tunggu beberapa menit.",
        "Wrong username or password, or too many attempts: wait a few minutes.",
    ),
    "data.signed_in": ("Anda masuk sebagai admin data: {user}", "You are signed in as data admin: {user}"),
    "data.step_kind": ("1. Jenis data", "1. Kind of data"),
    "data.step_file": (
        "2. Unggah berkas (CSV, XLSX; batas: GPKG, GeoJSON, SHP dalam ZIP)",
        "2. Upload the file (CSV, XLSX; boundaries: GPKG, GeoJSON, zipped SHP)",
    ),
    "data.drop": ("Seret berkas ke sini atau klik untuk memilih", "Drag a file here or click to choose"),
    "data.step_check": ("3. Hasil pemeriksaan", "3. Check results"),
    "data.no_file": ("Belum ada berkas diunggah.", "No file uploaded yet."),
    "data.check_ok": (
        "{file}: {rows} baris siap diimpor, tanpa masalah.",
        "{file}: {rows} rows ready to import, no problems.",
    ),
    "data.check_warn": (
        "{file}: {rows} baris siap diimpor; {warnings} peringatan perlu Anda periksa dan setujui.",
        "{file}: {rows} rows ready to import; warnings to check and accept: {warnings}.",
    ),
    "data.check_err": (
        "{file}: DITOLAK — {errors} galat harus diperbaiki di berkas lalu unggah ulang. Tidak ada yang disimpan.",
        "{file}: REJECTED — errors to fix in the file: {errors}. Fix them and upload again; nothing was stored.",
    ),
    "data.col_level": ("Jenis", "Type"),
    "data.col_row": ("Baris", "Row"),
    "data.col_column": ("Kolom", "Column"),
    "data.col_message": ("Masalah", "Problem"),
    "data.more_problems": ("… dan {n} masalah lain", "… and {n} more problems"),
    "data.accept_warnings": (
        "Saya sudah memeriksa peringatan di atas dan menyetujuinya",
        "I have checked the warnings above and accept them",
    ),
    "data.confirm": ("Impor sebagai versi baru", "Import as a new version"),
    "data.imported": (
        "Tersimpan sebagai versi {version}. Peta dan grafik kini memakai data ini.",
        "Stored as version {version}. The map and charts now use this data.",
    ),
    "data.not_allowed": ("Masuk sebagai admin data terlebih dahulu.", "Sign in as data admin first."),
    "data.expired": ("Unggahan kedaluwarsa; unggah ulang berkasnya.", "The upload expired; upload the file again."),
    "data.versions": ("Versi tersimpan", "Stored versions"),
    "data.no_versions": (
        "Belum ada impor: peta memakai data bawaan.",
        "Nothing imported yet: the map uses the bundled data.",
    ),
    "data.col_version": ("Versi", "Version"),
    "data.col_kind": ("Jenis", "Kind"),
    "data.col_time": ("Waktu (UTC)", "Time (UTC)"),
    "data.col_file": ("Berkas", "File"),
    "data.col_rows": ("Baris", "Rows"),
    "data.col_by": ("Oleh", "By"),
    "data.col_warnings": ("Peringatan diterima", "Warnings accepted"),
    "data.col_action": ("Tindakan", "Action"),
    "data.col_covers": ("Cakupan (indikator × periode · OPD)", "Covers (indicators × periods · office)"),
    "data.withdraw": ("Tarik", "Withdraw"),
    "data.withdrawn_from": ("penarikan v{old}", "withdraws v{old}"),
    "data.withdrawn_badge": ("ditarik", "withdrawn"),
    "data.withdrawn": (
        "Versi {old} ditarik sebagai versi {version}; data sebelumnya untuk cakupan yang sama tampil lagi.",
        "Version {old} withdrawn as version {version}; earlier data for the same coverage shows again.",
    ),
    "data.in_use": ("dipakai", "in use"),
    "data.restore": ("Pulihkan", "Restore"),
    "data.restored_from": ("pemulihan v{old}", "restore of v{old}"),
    "data.restored": (
        "Versi {old} dipulihkan sebagai versi {version}.",
        "Version {old} restored as version {version}.",
    ),
    "sarana.f.lokasi": ("Lokasi", "Location"),
    "map.no_data": (
        "Belum ada data prevalensi atau cakupan untuk desa-desa ini. Admin data dapat mengimpornya di halaman",
        "No prevalence or coverage data for these villages yet. The data admin can import it on the page",
    ),
    # ----- quality page ----------------------------------------------------------------------
    "quality.title": ("Kualitas data", "Data quality"),
    "quality.intro": (
        "Untuk setiap data: sumber, periode, impor terakhir, kelengkapan, dan tanda yang perlu dibahas.",
        "For each dataset: source, period, last import, completeness, and flags to discuss.",
    ),
    "quality.col_dataset": ("Jenis data", "Dataset"),
    "quality.col_source": ("Sumber (OPD)", "Source (office)"),
    "quality.col_period": ("Periode", "Period"),
    "quality.col_import": ("Impor terakhir", "Last import"),
    "quality.col_complete": ("Kelengkapan", "Completeness"),
    "quality.complete": ("{n} dari {total} desa ({pct})", "{n} of {total} villages ({pct})"),
    "quality.bundled": ("bawaan (belum diimpor)", "bundled (not imported)"),
    "quality.version": ("v{version}, {time}, oleh {by}", "v{version}, {time}, by {by}"),
    "quality.flags": ("Tanda", "Flags"),
    "quality.no_flags": ("Tidak ada tanda.", "No flags."),
    "quality.flag_count": ("{n} tanda", "{n} flags"),
    "quality.col_flag": ("Tanda", "Flag"),
    "quality.col_desa": ("Desa", "Village"),
    "quality.col_detail": ("Rincian", "Detail"),
    "flag.coverage_over_100": ("Cakupan di atas 100%", "Coverage over 100%"),
    "flag.coverage_over_100.detail": (
        "{indicator} {year}: {num} / {den} = {pct} (diterima dengan peringatan)",
        "{indicator} {year}: {num} / {den} = {pct} (accepted with a warning)",
    ),
    "flag.prevalence_jump": (
        "Prevalensi melonjak > {limit} poin (perubahan jelas, uji dua proporsi)",
        "Prevalence jump > {limit} points (a clear change, two-proportion test)",
    ),
    "flag.prevalence_jump.detail": ("{ya}: {a} → {yb}: {b}", "{ya}: {a} → {yb}: {b}"),
    "flag.disagree": (
        "OPD melaporkan angka berbeda (> 10% relatif)",
        "Offices report different figures (> 10% relative)",
    ),
    "flag.disagree.detail": (
        "{indicator} {year}: {office_a} {a} ({num_a}/{den_a}), {office_b} {b} ({num_b}/{den_b}); selisih {rel} relatif",
        "{indicator} {year}: {office_a} {a} ({num_a}/{den_a}), {office_b} {b} ({num_b}/{den_b}); "
        "{rel} apart (relative)",
    ),
    "flag.unmatched": ("Kode desa tidak ada di batas yang dipakai", "Village codes not in the boundaries in use"),
    "flag.unmatched.detail": (
        "baris {dataset} dengan kode ini tetap tersimpan, tetapi tidak tampil di peta",
        "{dataset} rows with these codes are kept but not shown on the map",
    ),
    "flag.missing": ("Desa tanpa data", "Villages without data"),
    "flag.missing.detail": ("{dataset} {year}: tidak ada data", "{dataset} {year}: no data"),
    "flag.unknown_office": ("OPD tidak tercatat", "office not recorded"),
    "quantity.balita": ("Jumlah balita", "Number of toddlers"),
    "quantity.kk": ("Jumlah KK", "Number of households"),
    "quantity.remaja_putri": ("Jumlah remaja putri", "Number of adolescent girls"),
    "quantity.generic": ("Sasaran {indicator}", "Target population {indicator}"),
    "source.footnote": ("Sumber: {source}. Periode: {period}.", "Source: {source}. Period: {period}."),
    "source.imported": ("{offices} (impor v{version}, {date})", "{offices} (import v{version}, {date})"),
}
