"""Texts of the lokus proposal shown in the rembuk meeting (deck slide 4 and the PDF pack)."""

MESSAGES = {
    # where the list comes from
    "proposal.default_short": ("Usulan bawaan", "Default proposal"),
    "proposal.scenario_short": (
        "Skenario \u201c{name}\u201d v{version} oleh {by}",
        "Scenario \u201c{name}\u201d v{version} by {by}",
    ),
    "proposal.no_account": ("(tanpa akun)", "(no account)"),
    "proposal.given_short": ("Usulan", "Proposal"),
    "proposal.default_long": (
        "Usulan bawaan: {n} desa teratas menurut skor prioritas dengan bobot dan ambang bawaan, tanpa perubahan "
        "perencana. Belum ada skenario yang disimpan oleh akun yang masuk di halaman Pilih lokus.",
        "Default proposal: the top {n} villages by priority score with the default weights and thresholds, without "
        "planner changes. No scenario has been saved by a signed-in account on the Choose lokus page yet.",
    ),
    "proposal.fallback": (
        "Skenario terakhir tidak dapat dihitung dengan data sekarang, jadi usulan bawaan yang ditampilkan.",
        "The latest scenario cannot be computed with the current data, so the default proposal is shown.",
    ),
    "proposal.scenario_long": (
        "Skenario \u201c{name}\u201d versi {version} (disimpan oleh {by}, {created} UTC), N = {n}, dihitung dengan data "
        "sekarang.",
        "Scenario \u201c{name}\u201d version {version} (saved by {by}, {created} UTC), N = {n}, computed with the current "
        "data.",
    ),
    "proposal.given_long": ("Daftar usulan yang diberikan.", "The proposal list given."),
    "proposal.data_changed": (
        "Data berubah sejak disimpan (versi {saved} \u2192 {now}): {count} desa berbeda dari pilihan tersimpan.",
        "The data changed since it was saved (version {saved} \u2192 {now}): {count} villages differ from the saved "
        "choice.",
    ),
    "proposal.data_changed_same": (
        "Data berubah sejak disimpan (versi {saved} \u2192 {now}); pilihan desa tetap sama.",
        "The data changed since it was saved (version {saved} \u2192 {now}); the chosen villages are the same.",
    ),
    "proposal.weights": ("Bobot: {weights}. N = {n}.", "Weights: {weights}. N = {n}."),
    # reasons
    "proposal.rank": ("Peringkat {rank} dari {of}, skor {score}", "Rank {rank} of {of}, score {score}"),
    "proposal.red": ("merah: {criteria}", "red: {criteria}"),
    "proposal.red_gaps": ("cakupan merah: {criteria}", "red coverage: {criteria}"),
    "proposal.crit.prevalence": ("prevalensi", "prevalence"),
    "proposal.crit.count": ("jumlah balita stunting", "number of stunted children"),
    "proposal.no_red": ("tidak ada kriteria merah", "no red criterion"),
    "proposal.planner_tambah": ("Ditambahkan perencana: {reason} ({rank})", "Added by the planner: {reason} ({rank})"),
    "proposal.planner_keluar": (
        "Dikeluarkan perencana: {reason} ({rank})",
        "Removed by the planner: {reason} ({rank})",
    ),
    # slide 4 and the PDF
    "rembuk.lokus.headline": (
        "{source}: {n} desa diusulkan; {k} di antaranya sudah punya sarana air/sanitasi selesai.",
        "{source}: {n} villages proposed; {k} of them already have completed water/sanitation works.",
    ),
    "rembuk.lokus.headline_changes": (
        "{source}: {n} desa ({added} ditambah, {removed} dikeluarkan perencana); {k} sudah punya sarana selesai.",
        "{source}: {n} villages ({added} added, {removed} removed by the planner); {k} have completed works.",
    ),
    "rembuk.lokus.none": (
        "{source}: belum ada desa yang dapat diusulkan (data prevalensi per desa belum ada).",
        "{source}: no village can be proposed yet (no village prevalence data).",
    ),
    "rembuk.lokus.overlap": (
        "{k} dari {n} desa usulan juga desa lokus {year}.",
        "{k} of the {n} proposed villages were also lokus villages in {year}.",
    ),
    "rembuk.lokus.sk": ("Lokus {year} ditetapkan dengan: {sk}", "Lokus {year} designated by: {sk}"),
    "rembuk.lokus.no_works": ("Tanpa sarana selesai: {n} desa", "Without completed works: {n} villages"),
    "rembuk.lokus.more": ("+ {n} lagi (lihat PDF)", "+ {n} more (see the PDF)"),
    "rembuk.lokus.changes": ("Perubahan perencana", "Planner changes"),
    "rembuk.lokus.map_note": (
        "Jingga bergaris tebal = desa usulan; simbol = sarana selesai.",
        "Orange, heavy outline = proposed village; symbols = completed works.",
    ),
    "rembuk.lokus.legend": ("Desa usulan", "Proposed village"),
    "export.lokus_col_no": ("No.", "No."),
    "export.lokus_col_desa": ("Desa", "Village"),
    "export.lokus_col_kec": ("Kecamatan", "Kecamatan"),
    "export.lokus_col_last": ("Lokus {year}", "Lokus {year}"),
    "export.lokus_col_works": ("Sarana selesai", "Completed works"),
    "export.lokus_col_reason": ("Alasan", "Reason"),
    "export.lokus_removed": (
        "Dikeluarkan dari {n} teratas oleh perencana ({k})",
        "Taken out of the top {n} by the planner ({k})",
    ),
    "export.lokus_proposal": ("Usulan desa lokus (bagian {n}): {source}", "Lokus proposal (section {n}): {source}"),
    "export.lokus_source": ("Sumber daftar", "Source of the list"),
    "export.yes": ("ya", "yes"),
    "export.no": ("\u2014", "\u2014"),
}
