"""Texts of the lokus method on the methods page (/metode): numbers come from geo.analysis.lokus constants."""

MESSAGES = {
    "lokus.md.text": (
        "Desa lokus dipilih dengan matriks lampu lalu lintas dan skor prioritas 0–{max} di halaman Pilih lokus. "
        "Semua bobot, ambang dan N tampil di sana dan dapat diubah; nilai bawaannya tercantum di bawah. Pedoman Aksi 1 "
        "tidak menetapkan bobot: bobot bawaan adalah usulan.",
        "Lokus villages are chosen with a traffic-light matrix and a priority score from 0 to {max} on the Choose lokus "
        "page. Every weight, threshold and N is shown there and can be changed; the defaults are listed below. The "
        "Aksi 1 guidance sets no weights: the default weights are a proposal.",
    ),
    "lokus.md.p.criteria": ("Kriteria", "Criteria"),
    "lokus.md.v.criteria": (
        "prevalensi stunting dan jumlah balita stunting pada tahun data prevalensi terakhir; kesenjangan cakupan "
        "(100 − cakupan %) setiap intervensi kunci yang ada datanya, dari tahun yang sama atau tahun terakhir sebelumnya",
        "stunting prevalence and number of stunted children in the latest prevalence year; the coverage gap "
        "(100 − coverage %) of each key intervention with data, from the same year or the latest one before it",
    ),
    "lokus.md.p.weights": ("Bobot bawaan", "Default weights"),
    "lokus.md.v.weights": (
        "prevalensi {prev}, jumlah balita stunting {count}, setiap kesenjangan cakupan {gap}",
        "prevalence {prev}, number of stunted children {count}, each coverage gap {gap}",
    ),
    "lokus.md.p.th_prev": ("Ambang prevalensi", "Prevalence thresholds"),
    "lokus.md.v.th_prev": (
        "merah ≥ {red}, kuning ≥ {yellow}, hijau di bawahnya",
        "red ≥ {red}, yellow ≥ {yellow}, green below",
    ),
    "lokus.md.p.th_gap": ("Ambang kesenjangan cakupan", "Coverage gap thresholds"),
    "lokus.md.v.th_gap": (
        "dengan target nasional: merah di bawah target − {margin} poin, kuning di bawah target; "
        "tanpa target: merah > {red} poin (cakupan < {cov_red}), kuning > {yellow} poin "
        "(cakupan < {cov_yellow}); lihat tabel aturan per indikator",
        "with a national target: red below target − {margin} pts, yellow below target; without "
        "one: red > {red} pts (coverage < {cov_red}), yellow > {yellow} pts (coverage < {cov_yellow}); "
        "see the rule table per indicator",
    ),
    "lokus.md.p.th_count": ("Ambang jumlah balita stunting", "Thresholds for the number of stunted children"),
    "lokus.md.v.th_count": (
        "merah = pada atau di atas kuantil {red} jumlah per desa, kuning = pada atau di atas kuantil {yellow} "
        "(dibulatkan ke atas ke anak utuh)",
        "red = at or above the {red} quantile of the village counts, yellow = at or above the {yellow} quantile "
        "(rounded up to whole children)",
    ),
    "lokus.md.p.boundary": ("Nilai tepat pada ambang", "A value on a threshold"),
    "lokus.md.v.boundary": (
        "masuk kelas yang lebih buruk (kelas setengah terbuka seperti WHO-UNICEF 2018)",
        "takes the worse class (half-open classes as in WHO-UNICEF 2018)",
    ),
    "lokus.md.p.norm": ("Normalisasi dan skor", "Normalisation and score"),
    "lokus.md.v.norm": (
        "min–maks per kriteria atas desa yang berskor (terendah 0, tertinggi 1; kolom yang semua nilainya sama bernilai "
        "0); skor = {max} × rata-rata berbobot",
        "min–max per criterion over the scored villages (lowest 0, highest 1; a column where all values are equal "
        "counts 0); score = {max} × weighted mean",
    ),
    "lokus.md.p.ties": ("Skor sama diurutkan menurut", "Equal scores are ordered by"),
    "lokus.md.tie.prev": ("prevalensi lebih tinggi", "higher prevalence"),
    "lokus.md.tie.count": ("jumlah balita stunting lebih banyak", "more stunted children"),
    "lokus.md.tie.code": ("kode desa (naik)", "village code (ascending)"),
    "lokus.md.p.missing": ("Data kurang", "Missing data"),
    "lokus.md.v.missing": (
        "desa tanpa data untuk kriteria berbobot di atas 0 tidak diberi skor, ditaruh di akhir dengan nama data yang "
        "kurang, dan tetap dapat ditambahkan dengan alasan",
        "a village without data for a criterion weighted above 0 gets no score, is listed last with the missing data "
        "named, and can still be added with a reason",
    ),
    "lokus.md.p.n": ("N bawaan", "Default N"),
    "lokus.md.v.n": (
        "jumlah desa pada daftar lokus terakhir; tanpa daftar, {share} jumlah desa (paling sedikit 1)",
        "the number of villages on the latest lokus list; without one, {share} of the villages (at least 1)",
    ),
    "lokus.md.p.stability": ("Ketahanan peringkat", "Rank stability"),
    "lokus.md.v.stability": (
        "setiap bobot di atas 0 dinaikkan dan diturunkan {pct} (× {up} dan × {down}), satu per satu; desa yang selalu "
        "tetap di N teratas ditandai 'tetap di semua uji', yang kadang keluar marginal (kokoh hanya bila peluang masuk "
        "N teratas cukup tinggi, lihat di bawah)",
        "each weight above 0 is raised and lowered by {pct} (× {up} and × {down}), one at a time; a village that always "
        "stays in the top N is marked 'kept in every run', one that sometimes drops out marginal (solid only when its "
        "chance of being in the top N is high enough, see below)",
    ),
    "lokus.md.p.works": ("Sarana dihitung bila statusnya", "Works count when their status is"),
}
