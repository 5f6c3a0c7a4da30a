"""Rembuk deck, exports, methods page and the shell's new texts."""

MESSAGES = {
    # ----- shell --------------------------------------------------------------------------
    "nav.rembuk": ("Rembuk", "Rembuk"),
    "nav.methods": ("Metode", "Methods"),
    "nav.aria": ("Navigasi", "Navigation"),
    "lang.aria": ("Ganti bahasa", "Change language"),
    # ----- deck ---------------------------------------------------------------------------
    "rembuk.page_title": ("Rembuk stunting", "Rembuk stunting (deliberation meeting)"),
    "rembuk.keys": (
        "→ / PageDown: berikutnya · ← / PageUp: sebelumnya · F: layar penuh · Esc: keluar",
        "→ / PageDown: next · ← / PageUp: previous · F: full screen · Esc: leave",
    ),
    "rembuk.counter": ("{i} / {n}", "{i} / {n}"),
    "rembuk.prev": ("Sebelumnya", "Previous"),
    "rembuk.next": ("Berikutnya", "Next"),
    "rembuk.fullscreen": ("Layar penuh", "Full screen"),
    "rembuk.png": ("Unduh PNG", "Download PNG"),
    "rembuk.pdf": ("Paket rembuk (PDF)", "Meeting pack (PDF)"),
    "rembuk.aria": ("Slide rembuk stunting", "Rembuk stunting slides"),
    "rembuk.title.trend": ("Tren kabupaten dan target daerah", "Regency trend and local targets"),
    "rembuk.title.prevalence": ("Prevalensi stunting per desa", "Stunting prevalence by village"),
    "rembuk.title.change": ("Perubahan per desa", "Change by village"),
    "rembuk.title.lokus": (
        "Usulan desa lokus dan sarana yang sudah dibangun",
        "Proposed lokus villages and the works already built",
    ),
    "rembuk.title.gaps": ("Kesenjangan cakupan di desa lokus", "Coverage gaps in the lokus villages"),
    "rembuk.title.quality": ("Kualitas dan sumber data", "Data quality and sources"),
    # headlines
    "rembuk.trend.up": (
        "Menurut data OPD, stunting {region} naik dari {a} ({ya}) ke {b} ({yb}), {change}.",
        "By the offices' data, stunting in {region} rose from {a} ({ya}) to {b} ({yb}), {change}.",
    ),
    "rembuk.trend.down": (
        "Menurut data OPD, stunting {region} turun dari {a} ({ya}) ke {b} ({yb}), {change}.",
        "By the offices' data, stunting in {region} fell from {a} ({ya}) to {b} ({yb}), {change}.",
    ),
    "rembuk.trend.flat": (
        "Menurut data OPD, stunting {region} tetap {b} ({ya}–{yb}).",
        "By the offices' data, stunting in {region} stayed at {b} ({ya}–{yb}).",
    ),
    "rembuk.trend.target": ("Target daerah {year}: {value}.", "Local target for {year}: {value}."),
    "trend.group.registri": ("registri", "registry"),
    "trend.group.survei": ("survei", "survey"),
    "trend.latest.annual": (
        "Stunting {region} menurut {group} ({source}) {year}: {value}",
        "Stunting in {region} by {group} ({source}) {year}: {value}",
    ),
    "trend.latest.previous": (", dari {value} pada {year} ({change})", ", from {value} in {year} ({change})"),
    "trend.latest.target": (
        "; target {year} (ditetapkan terhadap {group}): {value}, selisih {gap}",
        "; target for {year} (set against the {group}): {value}, {gap} apart",
    ),
    "trend.latest.partial": (
        "Terbaru {group}: {value} ({source}, {period} {year}, sebagian tahun, tidak dibandingkan "
        "dengan angka tahunan).",
        "Latest {group} figure: {value} ({source}, {period} {year}, part of a year, not compared with annual figures).",
    ),
    "trend.latest.only_partial": (
        "Stunting {region} menurut {group} ({source}): {value} ({period} {year}, sebagian tahun).",
        "Stunting in {region} by {group} ({source}): {value} ({period} {year}, part of a year).",
    ),
    "trend.village": (
        "Dari data desa {year}: {value} ({n} dari {total} desa punya data).",
        "From village data {year}: {value} ({n} of {total} villages have data).",
    ),
    "trend.partial_suffix": ("sebagian tahun", "part of a year"),
    "rembuk.trend.none": (
        "Belum ada angka kabupaten yang dipublikasikan untuk {region}.",
        "No published regency figures for {region} yet.",
    ),
    "rembuk.prev.headline": (
        "{year}: {n4} dari {n} desa {c4} dan {n3} desa {c3}; {region} {value}.",
        "{year}: {n4} of {n} villages {c4} and {n3} {c3}; {region} {value}.",
    ),
    "rembuk.prev.none": ("Belum ada data prevalensi per desa.", "No village prevalence data yet."),
    "rembuk.change.headline": (
        "{ya} → {yb}: {worse} dari {n} desa memburuk, {better} membaik; kenaikan terbesar di {name} ({pp}).",
        "{ya} → {yb}: {worse} of {n} villages got worse, {better} improved; largest rise in {name} ({pp}).",
    ),
    "rembuk.change.none": ("Belum ada data dua tahun untuk dibandingkan.", "No two years of data to compare yet."),
    "rembuk.change.worst": ("Naik secara jelas", "Rose clearly"),
    "rembuk.gaps.headline": (
        "Kesenjangan terbesar di desa lokus {year}: {indicator}, {value} ({cy}); {k} dari {n} desa di bawah {line}.",
        "Largest gap in the {year} lokus villages: {indicator}, {value} ({cy}); {k} of {n} villages below {line}.",
    ),
    "rembuk.gaps.none": ("Belum ada data cakupan untuk desa lokus.", "No coverage data for the lokus villages yet."),
    "rembuk.gaps.col_ind": ("Intervensi", "Intervention"),
    "rembuk.gaps.more": (
        "… dan {n} intervensi lain dengan cakupan lebih tinggi (semua ada di paket PDF).",
        "… and {n} more interventions with higher coverage (all of them in the PDF pack).",
    ),
    "rembuk.gaps.col_opd": ("OPD", "Office"),
    "rembuk.gaps.col_pct": ("Cakupan", "Coverage"),
    "rembuk.gaps.col_below": ("Desa < {line}", "Villages < {line}"),
    "rembuk.quality.demo": (
        "Angka per desa ({tables}) adalah DATA CONTOH sintetis; angka kabupaten dari {k} publikasi, {kinds} jenis sumber.",
        "Village figures ({tables}) are synthetic DEMO DATA; regency figures from {k} publications, {kinds} source types.",
    ),
    "rembuk.quality.real": (
        "{have} dari {n} desa punya data prevalensi; angka kabupaten dari {k} publikasi, {kinds} jenis sumber.",
        "{have} of {n} villages have prevalence data; regency figures from {k} publications, {kinds} source types.",
    ),
    "rembuk.q.batas": ("Batas desa", "Village boundaries"),
    "rembuk.q.prevalensi": ("Prevalensi", "Prevalence"),
    "rembuk.q.cakupan": ("Cakupan", "Coverage"),
    "rembuk.q.lokus": ("Lokus", "Lokus"),
    "rembuk.q.sarana": ("Sarana", "Works"),
    "rembuk.q.terbit": ("Angka terbit", "Published figures"),
    "rembuk.q.col_table": ("Data", "Data"),
    "rembuk.q.col_rows": ("Baris", "Rows"),
    "rembuk.q.col_desa": ("Desa", "Villages"),
    "rembuk.q.col_years": ("Tahun", "Years"),
    "rembuk.q.col_version": ("Versi", "Version"),
    "rembuk.q.col_source": ("Sumber", "Source"),
    "rembuk.q.unmatched": ("{n} kode tidak cocok", "{n} codes unmatched"),
    "rembuk.version": ("Versi data {version}", "Data version {version}"),
    "rembuk.works_done": ("Sarana air/sanitasi selesai", "Completed water/sanitation works"),
    "rembuk.map.no_tiles": ("Tanpa peta dasar", "No basemap"),
    # ----- exports ------------------------------------------------------------------------
    "export.pack_title": ("Paket rembuk stunting", "Rembuk stunting meeting pack"),
    "export.generated": ("Dibuat {date}", "Generated {date}"),
    "export.versions": ("Versi data", "Data versions"),
    "export.contents": ("Isi", "Contents"),
    "export.page": ("Halaman {n}", "Page {n}"),
    "export.north": ("U", "N"),
    "export.scale_km": ("{n} km", "{n} km"),
    "export.map_sources": (
        "Sumber: batas desa {batas}; angka: {data}.",
        "Sources: village boundaries {batas}; figures: {data}.",
    ),
    "export.downloads": ("Unduhan", "Downloads"),
    "export.csv": ("Data per desa (CSV)", "Village data (CSV)"),
    "export.gpkg": ("Data per desa dengan batas (GeoPackage)", "Village data with boundaries (GeoPackage)"),
    "export.dictionary": ("Kamus data (CSV)", "Data dictionary (CSV)"),
    "export.pdf": ("Paket rembuk (PDF)", "Meeting pack (PDF)"),
    "export.error": (
        "Unduhan gagal dibuat. Coba lagi setelah data diperbarui, atau hubungi admin data.",
        "The download could not be made. Try again after the data is updated, or contact the data admin.",
    ),
    "export.busy": (
        "Server sedang membuat unduhan lain. Coba lagi dalam beberapa detik.",
        "The server is making another download. Try again in a few seconds.",
    ),
    # data dictionary
    "dict.col.kolom": ("kolom", "column"),
    "dict.col.arti": ("arti", "meaning"),
    "dict.col.satuan": ("satuan", "unit"),
    "dict.col.sumber": ("sumber", "source"),
    "dict.kode_desa": ("Kode desa Kemendagri", "Kemendagri village code"),
    "dict.nama_desa": ("Nama desa/kelurahan", "Village name"),
    "dict.jenis": ("Desa atau kelurahan", "Desa (village) or kelurahan (urban ward)"),
    "dict.kode_kec": ("Kode kecamatan", "Kecamatan code"),
    "dict.nama_kec": ("Nama kecamatan", "Kecamatan name"),
    "dict.kode_kab": ("Kode kabupaten", "Regency code"),
    "dict.nama_kab": ("Nama kabupaten", "Regency name"),
    "dict.num": ("{label}: pembilang ({num}), tahun {year}", "{label}: numerator ({num}), year {year}"),
    "dict.den": ("{label}: penyebut ({den}), tahun {year}", "{label}: denominator ({den}), year {year}"),
    "dict.pct": ("{label}, tahun {year}", "{label}, year {year}"),
    "dict.lo": (
        "{label}, tahun {year}: batas bawah interval 95% (Wilson)",
        "{label}, year {year}: lower 95% bound (Wilson)",
    ),
    "dict.hi": (
        "{label}, tahun {year}: batas atas interval 95% (Wilson)",
        "{label}, year {year}: upper 95% bound (Wilson)",
    ),
    "dict.lokus": ("Desa lokus tahun {year} (1 = ya, 0 = tidak)", "Lokus village in {year} (1 = yes, 0 = no)"),
    "dict.sarana": ("Jumlah sarana air/sanitasi selesai", "Number of completed water/sanitation works"),
    "dict.sumber_data": ("Sumber setiap tabel data", "Source of each data table"),
    "dict.versi_data": ("Versi setiap tabel data", "Version of each data table"),
    "dict.unit.persen": ("persen", "percent"),
    "dict.unit.orang": ("orang/KK", "persons/households"),
    "dict.unit.kode": ("kode", "code"),
    "dict.unit.teks": ("teks", "text"),
    "dict.unit.flag": ("0/1", "0/1"),
    "dict.unit.jumlah": ("jumlah", "count"),
    # ----- methods page -------------------------------------------------------------------
    "methods.title": ("Metode, definisi dan sumber", "Methods, definitions and sources"),
    "methods.intro": (
        "Halaman ini menjelaskan cara setiap angka di dasbor dihitung, supaya dapat diperiksa ulang.",
        "This page explains how every figure in the dashboard is computed, so that it can be checked.",
    ),
    "methods.indicators": ("Definisi indikator", "Indicator definitions"),
    "methods.col_code": ("Kode", "Code"),
    "methods.col_name": ("Indikator", "Indicator"),
    "methods.col_num": ("Pembilang", "Numerator"),
    "methods.col_den": ("Penyebut", "Denominator"),
    "methods.col_group": ("Kelompok", "Group"),
    "methods.col_value": ("Nilai", "Value"),
    "methods.col_opd": ("OPD penanggung jawab", "Responsible office"),
    "methods.col_target": ("Target nasional dan sumbernya", "National target and its source"),
    "methods.col_rule": ("Warna di matriks lokus", "Colours in the lokus matrix"),
    "methods.rule_target": (
        "dari target: merah di bawah {red}, kuning di bawah {yellow}",
        "from the target: red below {red}, yellow below {yellow}",
    ),
    "methods.rule_uniform": (
        "tanpa target: aturan seragam, merah di bawah {red}, kuning di bawah {yellow}",
        "no target: the uniform rule, red below {red}, yellow below {yellow}",
    ),
    "methods.thresholds": ("Ambang prevalensi WHO-UNICEF 2018", "WHO-UNICEF 2018 prevalence thresholds"),
    "methods.thresholds_note": (
        "Interval setengah terbuka: nilai tepat di batas masuk kelas yang lebih tinggi.",
        "Half-open intervals: a value on a boundary belongs to the higher class.",
    ),
    "methods.coverage_scale": ("Skala cakupan", "Coverage scale"),
    "methods.change_scale": ("Skala perubahan (poin persentase)", "Change scale (percentage points)"),
    "methods.ci": ("Interval kepercayaan 95%", "95% confidence intervals"),
    "methods.ci_text": (
        "Prevalensi = balita stunting / balita diukur × 100. Interval 95% dihitung dengan metode skor Wilson "
        "(z = {z}): pusat (p + z²/2n) / (1 + z²/n), setengah lebar z·√(p(1−p)/n + z²/4n²) / (1 + z²/n). "
        "Metode ini tetap wajar untuk desa dengan sedikit balita atau prevalensi mendekati 0% atau 100%. "
        "Contoh: {k} dari {n} balita = {p}, interval {lo} – {hi}.",
        "Prevalence = children stunted / children measured × 100. The 95% interval uses the Wilson score method "
        "(z = {z}): centre (p + z²/2n) / (1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²) / (1 + z²/n). "
        "It stays sensible for villages with few children or prevalence near 0% or 100%. "
        "Example: {k} of {n} children = {p}, interval {lo} – {hi}.",
    ),
    "methods.lokus": ("Skor pemilihan desa lokus", "Lokus selection score"),
    "methods.lokus_default": (
        "Pedoman Aksi 1 memilih desa lokus dengan matriks lampu lalu lintas atas prevalensi, jumlah balita stunting "
        "dan kesenjangan cakupan intervensi, tanpa bobot angka. Skor gabungan di dasbor adalah jumlah berbobot dari "
        "nilai yang dinormalkan (prevalensi, jumlah balita stunting, kesenjangan cakupan); bobotnya selalu terlihat "
        "dan dapat diubah di halaman lokus.",
        "The Aksi 1 guidance picks lokus villages with a traffic-light matrix over prevalence, number of stunted "
        "children and intervention coverage gaps, with no numeric weights. The dashboard's composite score is a "
        "weighted sum of normalised values (prevalence, stunted children, coverage gap); its weights are always "
        "visible and adjustable on the lokus page.",
    ),
    "methods.gap_line": (
        "Di slide rembuk, desa lokus dihitung \u201ckurang\u201d pada suatu intervensi bila cakupannya di bawah {line}.",
        "On the rembuk slides a lokus village \u201clacks\u201d an intervention when its coverage is below {line}.",
    ),
    "methods.sources": ("Sumber data dan lisensi", "Data sources and licences"),
    "methods.demo": ("Apa yang merupakan data contoh", "What is demo data"),
    "methods.demo_text": (
        "Angka per desa (prevalensi, cakupan, lokus, sarana) yang dibawa aplikasi adalah data sintetis yang "
        "dibuat dengan benih tetap dan dikalibrasi ke angka kabupaten yang dipublikasikan. Data ini diberi label "
        "DATA CONTOH di mana pun tampil dan diganti begitu data resmi diimpor.",
        "The village figures that ship with the app (prevalence, coverage, lokus, works) are synthetic, made with a "
        "fixed seed and calibrated to the published regency figures. They are labelled DEMO DATA wherever they "
        "appear and are replaced as soon as official data is imported.",
    ),
    "methods.demo_now": ("Data contoh saat ini: {tables}.", "Demo data now: {tables}."),
    "methods.demo_none": ("Saat ini tidak ada data contoh.", "No demo data is in use now."),
    "methods.survey_registry": (
        "Angka survei (SSGI/SKI) dan angka registri (e-PPGBM, data OPD) tidak pernah digabung menjadi satu seri.",
        "Survey figures (SSGI/SKI) and registry figures (e-PPGBM, offices' data) are never merged into one series.",
    ),
    "methods.src_kind": ("Jenis sumber", "Source type"),
    "methods.licence_batas": (
        "Batas desa: {src}; kode dan nama menurut Kepmendagri.",
        "Village boundaries: {src}; codes and names per the Home Affairs decree.",
    ),
    "methods.licence_code": ("Kode aplikasi: lisensi MIT.", "Application code: MIT licence."),
    "group.target": ("Target", "Target"),
    # change classes (geo.analysis.classify.CHANGE)
    "cls.chg.0": ("Turun banyak", "Fell a lot"),
    "cls.chg.1": ("Turun", "Fell"),
    "cls.chg.2": ("Hampir tetap", "About the same"),
    "cls.chg.3": ("Naik", "Rose"),
    "cls.chg.4": ("Naik banyak", "Rose a lot"),
    "legend.scale.change": ("Perubahan (poin persentase)", "Change (percentage points)"),
}
