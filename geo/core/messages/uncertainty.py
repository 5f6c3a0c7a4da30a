"""Texts of uncertainty: smoothed prevalence, top-N probability, clear change, spatial clusters."""

MESSAGES = {
    # smoothed prevalence (map option, tooltip, profile)
    "ind.stunting_halus": ("Prevalensi stunting (dihaluskan)", "Stunting prevalence (smoothed)"),
    "ind.stunting_halus.short": ("Stunting (dihaluskan)", "Stunting (smoothed)"),
    "ind.stunting_halus.num": ("Balita stunting (dihaluskan)", "Children stunted (smoothed)"),
    "ind.stunting_halus.den": ("Balita diukur", "Children measured"),
    "map.tip.raw": ("Terukur", "Measured"),
    "map.tip.smoothed": ("Dihaluskan (Bayes empiris)", "Smoothed (empirical Bayes)"),
    "map.tip.measured": ("n diukur", "n measured"),
    "map.tip.ci": ("IK 95%", "95% CI"),
    "profile.smoothed": ("dihaluskan {value}", "smoothed {value}"),
    # data export
    "dict.smooth": (
        "{label} {year}, dihaluskan (Bayes empiris beta-binomial, lihat halaman Metode)",
        "{label} {year}, smoothed (beta-binomial empirical Bayes, see the Methods page)",
    ),
    "dict.versi_kode": (
        "Versi kode Konvergensi yang membuat berkas ini",
        "Version of the Konvergensi code that made this file",
    ),
}
MESSAGES.update(
    {
        # lokus workbench
        "lokus.col.ukur": ("Prevalensi terukur (%)", "Measured prevalence (%)"),
        "lokus.col.n": ("n diukur", "n measured"),
        "lokus.col.ik": ("IK 95%", "95% CI"),
        "lokus.col.ik_bawah": ("IK 95% bawah (%)", "95% CI lower (%)"),
        "lokus.col.ik_atas": ("IK 95% atas (%)", "95% CI upper (%)"),
        "lokus.col.p_top": ("Peluang masuk {n} teratas", "Chance of being in the top {n}"),
        "lokus.col.p_top_short": ("P(N teratas)", "P(top N)"),
        "lokus.col.kokoh": ("Kokoh (peluang ≥ {p})", "Solid (chance ≥ {p})"),
        "lokus.col.stabil_bobot": ("Uji bobot ±{pct}", "Weights ±{pct} check"),
        "lokus.p.solid": ("kokoh", "solid"),
        "lokus.p.unsure": ("belum pasti", "uncertain"),
        "lokus.measured": ("{pct} (n {n}; IK 95% {ci})", "{pct} (n {n}; 95% CI {ci})"),
        "lokus.x.code_version": ("Versi kode", "Code version"),
        "lokus.x.prev_source": ("Prevalensi dalam skor", "Prevalence in the score"),
        "lokus.x.p_top": ("Peluang masuk N teratas", "Chance of being in the top N"),
        "lokus.prev.smoothed": ("dihaluskan (Bayes empiris beta-binomial)", "smoothed (beta-binomial empirical Bayes)"),
        "lokus.prev.raw": ("terukur (tanpa penghalusan)", "measured (not smoothed)"),
        "lokus.prev.choice": ("Prevalensi dalam skor", "Prevalence in the score"),
        "lokus.p.method": (
            "{draws} tarikan acak (benih {seed}) prevalensi tiap desa dari sebaran posteriornya, masing-masing dinilai "
            "ulang dengan bobot saat ini; peluang = bagian tarikan di mana desa masuk N teratas. Desa usulan disebut "
            "kokoh bila peluangnya ≥ {solid}.",
            "{draws} random draws (seed {seed}) of every village's prevalence from its posterior, each re-scored with "
            "the current weights; chance = share of draws in which the village is in the top N. A proposed village is "
            "called solid when its chance is ≥ {solid}.",
        ),
        "lokus.p.lead": (
            "Rata-rata {kept} dari {n} desa usulan tetap di {n} teratas bila prevalensi ditarik ulang dari "
            "ketidakpastiannya; {solid} kokoh (peluang ≥ {p}), {unsure} desa berpeluang antara {lo} dan {hi}.",
            "On average {kept} of the {n} proposed villages stay in the top {n} when prevalence is redrawn from its "
            "uncertainty; {solid} are solid (chance ≥ {p}), {unsure} villages have a chance between {lo} and {hi}.",
        ),
    }
)
MESSAGES.update(
    {
        "lokus.p.title": ("Peluang masuk N teratas", "Chance of being in the top N"),
    }
)
MESSAGES.update(
    {
        "rembuk.lokus.p_solid": (
            "{solid} dari {n} desa kokoh (peluang masuk N teratas ≥ {p}).",
            "{solid} of {n} villages are solid (chance of being in the top N ≥ {p}).",
        ),
        "rembuk.lokus.p_unsure": (
            "Belum pasti ({n} desa, peluang masuk N teratas)",
            "Uncertain ({n} villages, chance of being in the top N)",
        ),
        "rembuk.lokus.p_item": ("{name} {p}", "{name} {p}"),
    }
)
MESSAGES.update(
    {
        # clear change
        "cls.clear.0": ("Turun jelas", "Fell clearly"),
        "cls.clear.1": ("Tidak ada perubahan jelas", "No clear change"),
        "cls.clear.2": ("Naik jelas", "Rose clearly"),
        "legend.scale.clear_change": ("Uji dua proporsi, {level}", "Two-proportion test, {level}"),
        "change.clear_headline": (
            "{rose} dari {n} desa naik secara jelas, {fell} turun secara jelas; {within} berubah dalam batas "
            "ketidakpastian.",
            "{rose} of {n} villages rose clearly, {fell} fell clearly; {within} changed within the uncertainty.",
        ),
        "change.clear_note": (
            "Perubahan disebut jelas bila uji dua proporsi menolak 'tidak berubah' pada tingkat {level} (lihat halaman Metode); "
            "hanya perubahan jelas yang diberi warna merah atau biru.",
            "A change is called clear when the two-proportion test rejects 'no change' at the {level} level (see the "
            "Methods page); only clear changes are coloured red or blue.",
        ),
    }
)

from geo.core.schema import CLUSTER_K as _KS  # noqa: E402  (the k of each cluster view comes from the code)

MESSAGES.update(
    {
        "ind.klaster": ("Klaster spasial", "Spatial clusters"),
        "map.cluster_k": ("Klaster spasial: tetangga terdekat (k)", "Spatial clusters: nearest neighbours (k)"),
        "map.cluster_k_hint": (
            "Tiap desa dibandingkan dengan k desa terdekatnya (juga desa pulau). Tinggi–tinggi: desa tinggi di antara "
            "tetangga tinggi; rendah–tinggi: desa rendah di antara tetangga tinggi; dan seterusnya.",
            "Each village is compared with its k nearest villages (island villages too). High–high: a high village among "
            "high neighbours; low–high: a low village among high neighbours; and so on.",
        ),
        "cls.lisa.ns": ("Tidak signifikan", "Not significant"),
        "cls.lisa.HH": ("Tinggi–tinggi", "High–high"),
        "cls.lisa.LL": ("Rendah–rendah", "Low–low"),
        "cls.lisa.LH": ("Rendah–tinggi", "Low–high"),
        "cls.lisa.HL": ("Tinggi–rendah", "High–low"),
        "legend.scale.cluster": ("LISA, prevalensi dihaluskan", "LISA, smoothed prevalence"),
        "cluster.summary": (
            "I Moran global = {I} (p = {p}, {perm} permutasi; k = {k} tetangga, {n} desa). Klaster: p lokal < {alpha}.",
            "Global Moran's I = {I} (p = {p}, {perm} permutations; k = {k} neighbours, {n} villages). Clusters: local "
            "p < {alpha}.",
        ),
        "cluster.caveat": (
            "Hati-hati: desanya sedikit; banyak desa diuji sekaligus, jadi sebagian 'klaster' muncul karena kebetulan; "
            "klaster desa bukan klaster anak (kesalahan ekologis): tidak berarti setiap anak di sana berisiko sama.",
            "Careful: there are few villages; many villages are tested at once, so some 'clusters' appear by chance; a "
            "cluster of villages is not a cluster of children (ecological fallacy): it does not mean every child there "
            "has the same risk.",
        ),
        "cluster.too_few": (
            "Terlalu sedikit desa (kurang dari {n}) untuk klaster spasial.",
            "Too few villages (fewer than {n}) for spatial clusters.",
        ),
        "cluster.title": (
            "Klaster spasial prevalensi stunting (dihaluskan)",
            "Spatial clusters of stunting prevalence (smoothed)",
        ),
    }
)
for _k in _KS:
    MESSAGES[f"ind.klaster_k{_k}"] = (f"Klaster spasial (LISA, k = {_k})", f"Spatial clusters (LISA, k = {_k})")
    MESSAGES[f"ind.klaster_k{_k}.short"] = ("Klaster spasial", "Spatial clusters")
    MESSAGES[f"ind.klaster_k{_k}.num"] = ("Kelas klaster", "Cluster class")
    MESSAGES[f"ind.klaster_k{_k}.den"] = ("Desa", "Villages")
MESSAGES["rembuk.title.cluster"] = (
    "Klaster spasial prevalensi (dihaluskan)",
    "Spatial clusters of prevalence (smoothed)",
)
MESSAGES["lokus.col.n_ik"] = ("Terukur · n · IK 95%", "Measured · n · 95% CI")
MESSAGES["lokus.tip.p"] = ("peluang masuk {n} teratas {p}", "chance of top {n} {p}")
