"""Texts of the methods page (/metode) on definitions, uncertainty and spatial statistics."""

MESSAGES = {
    "mu.title": ("Definisi, ketidakpastian dan statistik", "Definitions, uncertainty and statistics"),
    "mu.cite": ("Rujukan", "Reference"),
    # stunting definition
    "mu.def.title": ("Definisi stunting", "Definition of stunting"),
    "mu.def.text": (
        "Balita stunting: panjang/tinggi badan menurut umur (z-skor TB/U, HAZ) kurang dari {sd} simpangan baku dari "
        "median Standar Pertumbuhan Anak WHO 2006, sesuai Permenkes 2/2020 tentang Standar Antropometri Anak. "
        "Ambang kelas prevalensi WHO-UNICEF 2018 ada di atas.",
        "Stunted child: length/height-for-age z-score (HAZ) below {sd} standard deviations of the median of the WHO "
        "2006 Child Growth Standards, as in Permenkes 2/2020 on child anthropometry standards. The WHO-UNICEF 2018 "
        "prevalence classes are above.",
    ),
    "mu.def.cite": (
        "WHO Multicentre Growth Reference Study Group (2006). WHO Child Growth Standards. Geneva: WHO. · de Onis M, "
        "Borghi E, Arimond M, et al. (2019). Prevalence thresholds for wasting, overweight and stunting in children "
        "under 5 years. Public Health Nutrition 22(1):175–179.",
        "WHO Multicentre Growth Reference Study Group (2006). WHO Child Growth Standards. Geneva: WHO. · de Onis M, "
        "Borghi E, Arimond M, et al. (2019). Prevalence thresholds for wasting, overweight and stunting in children "
        "under 5 years. Public Health Nutrition 22(1):175–179.",
    ),
    "mu.wilson.cite": (
        "Wilson EB (1927). Probable inference, the law of succession, and statistical inference. Journal of the "
        "American Statistical Association 22(158):209–212.",
        "Wilson EB (1927). Probable inference, the law of succession, and statistical inference. Journal of the "
        "American Statistical Association 22(158):209–212.",
    ),
    # empirical Bayes
    "mu.eb.title": ("Prevalensi dihaluskan (Bayes empiris)", "Smoothed prevalence (empirical Bayes)"),
    "mu.eb.text": (
        "Angka desa berasal dari beberapa puluh anak saja, sehingga desa kecil mudah tampak sangat tinggi atau sangat "
        "rendah karena kebetulan. Model beta-binomial: prevalensi sebenarnya tiap desa berasal dari sebaran Beta(α, β) "
        "bersama desa-desa kabupaten pada tahun yang sama. α dan β ditaksir dengan metode momen (penaksir global "
        "Marshall 1991 dalam bentuk beta-binomial): rata-rata gabungan m = Σk/Σn, ragam tertimbang s² = Σn(p − m)²/Σn, "
        "ragam antar-desa τ² = s² − m(1 − m)/n̄, lalu α + β = m(1 − m)/τ² − 1. Bila τ² ≤ 0, semua desa ditarik ke m. "
        "Angka dihaluskan = (k + α)/(n + α + β): rata-rata tertimbang angka desa dan angka kabupaten; desa dengan "
        "sedikit anak ditarik lebih jauh. Angka terukur selalu tetap ditampilkan di sampingnya.",
        "A village figure rests on a few dozen children, so a small village easily looks very high or very low by "
        "chance. Beta-binomial model: each village's true prevalence comes from a Beta(α, β) distribution shared by "
        "the kabupaten's villages in the same year. α and β are fitted by the method of moments (Marshall's 1991 "
        "global estimator in its beta-binomial form): pooled mean m = Σk/Σn, weighted variance s² = Σn(p − m)²/Σn, "
        "between-village variance τ² = s² − m(1 − m)/n̄, then α + β = m(1 − m)/τ² − 1. When τ² ≤ 0, every village "
        "is pulled to m. Smoothed rate = (k + α)/(n + α + β): a weighted mean of the village's rate and the "
        "kabupaten's; villages with few children move further. The measured rate is always shown beside it.",
    ),
    "mu.eb.fit": (
        "Tahun {year}: α = {a}, β = {b} (rata-rata prior {m}, setara {s} anak).",
        "Year {year}: α = {a}, β = {b} (prior mean {m}, worth {s} children).",
    ),
    "mu.eb.cite": (
        "Clayton D, Kaldor J (1987). Empirical Bayes estimates of age-standardized relative risks for use in disease "
        "mapping. Biometrics 43(3):671–681. · Marshall RJ (1991). Mapping disease and mortality rates using empirical "
        "Bayes estimators. Applied Statistics 40(2):283–294.",
        "Clayton D, Kaldor J (1987). Empirical Bayes estimates of age-standardized relative risks for use in disease "
        "mapping. Biometrics 43(3):671–681. · Marshall RJ (1991). Mapping disease and mortality rates using empirical "
        "Bayes estimators. Applied Statistics 40(2):283–294.",
    ),
    # top N
    "mu.top.title": ("Peluang masuk N teratas", "Chance of being in the top N"),
    "mu.top.text": (
        "Prevalensi tiap desa ditarik {draws} kali (benih tetap {seed}) dari sebaran posteriornya: Beta(α + k, β + n − k) "
        "untuk angka dihaluskan, Beta(k + ½, n − k + ½) (Jeffreys) untuk angka terukur. Setiap tarikan dinilai ulang "
        "dengan bobot yang sedang dipakai (kriteria lain tetap seperti data); peluang = bagian tarikan di mana desa "
        "masuk N teratas. Jumlah peluang semua desa = N. Desa usulan disebut kokoh hanya bila peluangnya ≥ {solid}. "
        "Uji bobot ±{pct} tetap ditampilkan terpisah. Bawaan skor memakai prevalensi dihaluskan: tanpa itu, desa kecil "
        "yang kebetulan tinggi akan menggeser desa besar yang angkanya lebih pasti.",
        "Every village's prevalence is drawn {draws} times (fixed seed {seed}) from its posterior: Beta(α + k, "
        "β + n − k) for the smoothed rate, Beta(k + ½, n − k + ½) (Jeffreys) for the measured one. Each draw is "
        "re-scored with the weights in use (the other criteria as in the data); chance = share of draws in which the "
        "village is in the top N. The chances of all villages add up to N. A proposed village is called solid only "
        "when its chance is ≥ {solid}. The ±{pct} weight check is still shown separately. The score uses smoothed "
        "prevalence by default: without it, a small village that is high by chance would push out a large village "
        "whose figure is more certain.",
    ),
    # change
    "mu.change.title": ("Perubahan yang jelas", "Change that is clear"),
    "mu.change.text": (
        "Perubahan prevalensi desa antara dua tahun disebut jelas (naik atau turun) bila uji z dua proporsi dengan "
        "galat baku gabungan menolak 'tidak berubah' pada tingkat {level}: z = (p₂ − p₁)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)), "
        "p̂ = (k₁ + k₂)/(n₁ + n₂), jelas bila |z| ≥ {z}. Sisanya 'tidak ada perubahan jelas'. Ini berlaku untuk peta "
        "perubahan, slide 3, halaman Tren, paket PDF dan tanda lonjakan di halaman Kualitas data.",
        "A village's change in prevalence between two years is called clear (rose or fell) when the two-proportion "
        "z test with pooled standard error rejects 'no change' at the {level} level: z = (p₂ − p₁)/√(p̂(1 − p̂)(1/n₁ "
        "+ 1/n₂)), p̂ = (k₁ + k₂)/(n₁ + n₂), clear when |z| ≥ {z}. The rest is 'no clear change'. This holds for the "
        "change map, slide 3, the Trend page, the PDF pack and the jump flag on the Data quality page.",
    ),
    "mu.change.cite": (
        "Agresti A (2013). Categorical Data Analysis, 3rd ed. Wiley (uji dua proporsi).",
        "Agresti A (2013). Categorical Data Analysis, 3rd ed. Wiley (two-proportion test).",
    ),
    # spatial
    "mu.lisa.title": ("Moran's I dan LISA (klaster spasial)", "Moran's I and LISA (spatial clusters)"),
    "mu.lisa.text": (
        "Pada prevalensi dihaluskan tahun terakhir: I Moran global dengan nilai p permutasi ({perm} permutasi) dan I "
        "Moran lokal (LISA) dari PySAL (libpysal, esda). Pembobot: {k} tetangga terdekat (dapat diubah di peta: {ks}), "
        "karena desa pulau tidak punya tetangga yang bersinggungan. Desa masuk klaster bila p lokal < {alpha}: "
        "tinggi–tinggi, rendah–rendah, rendah–tinggi, tinggi–rendah; lainnya tidak signifikan. Keterbatasan: desanya "
        "sedikit; banyak uji sekaligus tanpa koreksi, jadi sebagian klaster muncul karena kebetulan; klaster desa bukan "
        "klaster anak (kesalahan ekologis).",
        "On the latest year's smoothed prevalence: global Moran's I with a permutation p-value ({perm} permutations) "
        "and local Moran's I (LISA) from PySAL (libpysal, esda). Weights: {k} nearest neighbours (changeable on the "
        "map: {ks}), because island villages have no contiguous neighbours. A village is in a cluster when its local "
        "p < {alpha}: high–high, low–low, low–high, high–low; otherwise not significant. Limits: few villages; many "
        "tests at once without correction, so some clusters appear by chance; a cluster of villages is not a cluster "
        "of children (ecological fallacy).",
    ),
    "mu.lisa.cite": (
        "Anselin L (1995). Local indicators of spatial association — LISA. Geographical Analysis 27(2):93–115.",
        "Anselin L (1995). Local indicators of spatial association — LISA. Geographical Analysis 27(2):93–115.",
    ),
    # registry limits
    "mu.registry.title": ("Batas data registri", "Limits of registry data"),
    "mu.registry.text": (
        "Angka desa berasal dari penimbangan rutin (registri e-PPGBM), bukan survei dengan sampel acak. Siapa yang "
        "ditimbang bergantung pada siapa yang datang ke posyandu: bila anak yang datang berbeda dari yang tidak "
        "datang, prevalensi desa bisa bias, dan perubahan antar tahun bisa mencerminkan perubahan cakupan "
        "penimbangan. Interval dan uji di halaman ini hanya menangkap ketidakpastian karena jumlah anak, bukan bias "
        "seleksi ini.",
        "Village figures come from routine weighing (the e-PPGBM registry), not from a survey with a random sample. "
        "Who is weighed depends on who comes to the posyandu: when children who come differ from those who do not, "
        "the village prevalence can be biased, and a change between years can reflect a change in who was weighed. "
        "The intervals and tests on this page capture only the uncertainty from the number of children, not this "
        "selection bias.",
    ),
    # demo
    "mu.demo_corr": (
        "Data contoh dibuat dengan hubungan bawaan antara cakupan intervensi dan stunting (desa dengan cakupan lebih "
        "rendah diberi prevalensi lebih tinggi), dan dengan pola kecamatan seperti dalam laporan publik (Batauga "
        "terendah; Lapandewa dan Batu Atas tinggi). Korelasi apa pun yang terlihat pada data contoh adalah buatan, "
        "bukan temuan.",
        "The demo data are generated with a built-in relation between intervention coverage and stunting (villages "
        "with lower coverage get higher prevalence), and with the kecamatan pattern of public reports (Batauga "
        "lowest; Lapandewa and Batu Atas high). Any correlation seen in the demo data is built in, not a finding.",
    ),
    "mu.version": (
        "Versi kode: {version}. Setiap unduhan menyebut versi kode dan versi data.",
        "Code version: {version}. Every download names the code version and the data versions.",
    ),
}
