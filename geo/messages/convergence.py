"""Texts of the convergence score, the berita acara and the annual review (/kinerja)."""
MESSAGES = {
    "nav.kinerja": ("Kinerja", "Review"),
    "ind.konvergensi": ("Skor konvergensi desa (intervensi kunci memenuhi target)",
                        "Village convergence score (key interventions meeting their target)"),
    "ind.konvergensi.short": ("Skor konvergensi", "Convergence score"),
    "ind.konvergensi.num": ("intervensi memenuhi target", "interventions meeting their target"),
    "ind.konvergensi.den": ("intervensi dengan data", "interventions with data"),
    "conv.profile": ("Skor konvergensi {year}: {score} dari 100 ({k} dari {n} intervensi kunci memenuhi target)",
                     "Convergence score {year}: {score} of 100 ({k} of {n} key interventions meet their target)"),
}
