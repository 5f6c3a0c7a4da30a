"""Sign-in, sign-out and other security texts."""

MESSAGES = {
    "auth.logout_refused": (
        "Permintaan keluar ditolak: kirim dari tombol Keluar di halaman Data.",
        "Sign-out refused: use the Sign out button on the Data page.",
    ),
    "auth.form_expired": (
        "Formulir masuk kedaluwarsa atau bukan dari halaman ini: muat ulang dan coba lagi.",
        "The sign-in form expired or did not come from this page: reload and try again.",
    ),
    "auth.form_refused": (
        "Permintaan ditolak: muat ulang halaman Data dan coba lagi.",
        "Request refused: reload the Data page and try again.",
    ),
    # accounts (issue 15)
    "account.err.password_short": ("Kata sandi minimal {min} karakter.", "A password needs at least {min} characters."),
    "account.err.password_common": (
        "Kata sandi ini terlalu umum atau mudah ditebak; pilih yang lain.",
        "This password is too common or easy to guess; choose another.",
    ),
    "account.err.name": (
        "Nama pengguna 2–{max} karakter: huruf, angka, titik, garis bawah, @ atau tanda hubung.",
        "A user name has 2–{max} characters: letters, digits, dot, underscore, @ or hyphen.",
    ),
    "account.err.office": (
        "Tulis nama OPD (paling panjang 80 karakter), misalnya Dinas PUPR.",
        "Write the office's name (at most 80 characters), e.g. Dinas PUPR.",
    ),
    "account.err.role": ("Peran harus admin atau OPD.", "The role must be admin or office."),
    "account.err.exists": ("Akun '{name}' sudah ada.", "The account '{name}' already exists."),
    "account.err.unknown": ("Akun '{name}' tidak ditemukan.", "No account named '{name}'."),
    "account.err.not_first": ("Sudah ada akun: masuk dengan akun itu.", "An account exists already: sign in with it."),
    "account.err.last_admin": (
        "Admin terakhir yang aktif tidak dapat dinonaktifkan atau diturunkan.",
        "The last active admin cannot be disabled or demoted.",
    ),
    "account.err.self": ("Anda tidak dapat menonaktifkan akun Anda sendiri.", "You cannot disable your own account."),
    "account.err.env": (
        "Admin dari variabel lingkungan dikelola di konfigurasi server, bukan di sini.",
        "The admin from the environment variables is managed in the server's configuration, not here.",
    ),
    "account.first_title": ("Buat akun admin pertama", "Create the first admin account"),
    "account.first_note": (
        "Belum ada akun. Akun admin pertama mengelola akun OPD, impor dan pemulihan. Kata sandi "
        "minimal {min} karakter.",
        "No account exists yet. The first admin manages office accounts, imports and restores. "
        "Passwords need at least {min} characters.",
    ),
    "account.first_elsewhere": (
        "Belum ada akun. Akun admin pertama dibuat dari komputer server itu sendiri "
        "(buka halaman ini di sana), atau dengan token penyiapan yang dicetak server di "
        "lognya saat mulai (/data?token=…), atau dengan perintah "
        "python app.py create-user NAMA --role admin.",
        "No account exists yet. The first admin is created from the server machine itself "
        "(open this page there), or with the set-up token the server prints in its log at "
        "start (/data?token=…), or with the command python app.py create-user NAME --role admin.",
    ),
    "account.first_create": ("Buat akun admin", "Create the admin account"),
    "account.first_refused": (
        "Hanya dari komputer server atau dengan token penyiapan.",
        "Only from the server machine or with the set-up token.",
    ),
    "account.password": ("Kata sandi", "Password"),
    "account.password_again": ("Ulangi kata sandi", "Repeat the password"),
    "account.pw_current": ("Kata sandi sekarang", "Current password"),
    "account.pw_new": ("Kata sandi baru", "New password"),
    "account.pw_change": ("Ganti kata sandi", "Change password"),
    "account.pw_rule": (
        "Minimal {min} karakter, bukan kata sandi umum.",
        "At least {min} characters, not a common password.",
    ),
    "account.pw_forced": (
        "Kata sandi Anda dibuat atau diatur ulang oleh admin: pilih kata sandi baru (minimal {min} "
        "karakter) sebelum mengimpor.",
        "Your password was set or reset by an admin: choose a new one (at least {min} characters) before importing.",
    ),
    "account.pw_changed": (
        "Kata sandi diganti. Sesi lain akun ini telah diakhiri.",
        "Password changed. The account's other sessions have been ended.",
    ),
    "account.pw_wrong": ("Kata sandi sekarang salah.", "The current password is wrong."),
    "account.pw_differ": ("Kedua kata sandi baru tidak sama.", "The two new passwords differ."),
    "account.pw_env": (
        "Kata sandi admin dari variabel lingkungan diganti di konfigurasi server (python app.py hash-password).",
        "The environment admin's password is changed in the server's configuration (python app.py hash-password).",
    ),
    "account.signed_in_office": ("Anda masuk sebagai {user} ({office})", "You are signed in as {user} ({office})"),
    "account.manage": ("Kelola akun", "Manage accounts"),
    "account.audit": ("Jejak audit", "Audit trail"),
    "account.admin_only": ("Hanya admin yang dapat melakukan ini.", "Only an admin can do this."),
    "account.kind_not_allowed": (
        "Akun {office} tidak ditugasi mengimpor {kind}. Yang boleh: {allowed}.",
        "The account {office} is not assigned to import {kind}. Assigned: {allowed}.",
    ),
    "office.claims_other": (
        "baris ini menyebut OPD '{claimed}', bukan {office}: akun OPD hanya mengimpor data kantornya sendiri",
        "this row names the office '{claimed}', not {office}: an office account imports only its own office's data",
    ),
    "office.indicator_not_assigned": (
        "indikator {indicator} tidak ditugasi kepada {office}",
        "the indicator {indicator} is not assigned to {office}",
    ),
    "role.admin": ("Admin", "Admin"),
    "role.opd": ("OPD", "Office"),
    # account and audit pages
    "acc.title": ("Akun", "Accounts"),
    "acc.lead": (
        "Setiap OPD masuk dengan akunnya sendiri dan hanya mengimpor jenis data dan indikator yang "
        "ditugaskan kepadanya. Pengunjung tanpa akun tetap dapat membuka semua halaman.",
        "Each office signs in with its own account and imports only the kinds of data and indicators "
        "assigned to it. Visitors without an account can still open every page.",
    ),
    "acc.list": ("Daftar akun", "Accounts"),
    "acc.none": (
        "Belum ada akun di basis data (admin dari variabel lingkungan tidak tercantum).",
        "No account in the store yet (the environment's admin is not listed).",
    ),
    "acc.col_name": ("Nama pengguna", "User name"),
    "acc.col_role": ("Peran", "Role"),
    "acc.col_office": ("OPD", "Office"),
    "acc.col_kinds": ("Jenis data", "Kinds of data"),
    "acc.col_indicators": ("Indikator cakupan", "Coverage indicators"),
    "acc.col_state": ("Status", "State"),
    "acc.active": ("aktif", "active"),
    "acc.inactive": ("nonaktif", "disabled"),
    "acc.must_change": ("wajib ganti sandi", "must change password"),
    "acc.all": ("semua", "all"),
    "acc.form_title": ("Buat atau ubah akun", "Create or change an account"),
    "acc.form_hint": (
        "Akun baru dan sandi yang diatur ulang wajib diganti pemiliknya saat masuk. Sandi minimal "
        "{min} karakter. Tanpa indikator dipilih, OPD boleh mengimpor semua indikator cakupan.",
        "New accounts and reset passwords must be changed by their owner at sign-in. Passwords need "
        "at least {min} characters. With no indicator ticked, an office may import every coverage "
        "indicator.",
    ),
    "acc.pick": ("Pilih akun yang ada", "Pick an existing account"),
    "acc.pick_hint": ("Akun…", "Account…"),
    "acc.temp_password": ("Sandi sementara", "Temporary password"),
    "acc.create": ("Buat akun", "Create account"),
    "acc.save_role": ("Simpan peran & tugas", "Save role & assignments"),
    "acc.reset": ("Atur ulang sandi", "Reset password"),
    "acc.disable": ("Nonaktifkan", "Disable"),
    "acc.enable": ("Aktifkan", "Enable"),
    "acc.created": (
        "Akun {name} dibuat; pemiliknya mengganti sandi saat pertama masuk.",
        "Account {name} created; its owner changes the password at the first sign-in.",
    ),
    "acc.disabled": (
        "Akun {name} dinonaktifkan; sesinya telah diakhiri.",
        "Account {name} disabled; its sessions have been ended.",
    ),
    "acc.enabled": ("Akun {name} diaktifkan.", "Account {name} enabled."),
    "acc.reset_done": (
        "Sandi {name} diatur ulang; wajib diganti saat masuk. Sesinya telah diakhiri.",
        "{name}'s password reset; it must be changed at sign-in. Its sessions have been ended.",
    ),
    "acc.role_saved": ("Peran dan tugas {name} disimpan.", "{name}'s role and assignments saved."),
    "audit.title": ("Jejak audit", "Audit trail"),
    "audit.lead": (
        "Siapa masuk atau gagal masuk, mengimpor, memulihkan, menyimpan skenario, dan mengelola akun: "
        "waktu (UTC), akun, alamat. Jejak ini hanya ditambah, tidak dapat diubah dari aplikasi.",
        "Who signed in or failed to, imported, restored, saved scenarios and managed accounts: time "
        "(UTC), account, address. The trail is only appended to and cannot be edited from the app.",
    ),
    "audit.none": ("Tidak ada catatan untuk saringan ini.", "No entries for this filter."),
    "audit.col_time": ("Waktu (UTC)", "Time (UTC)"),
    "audit.col_account": ("Akun", "Account"),
    "audit.col_address": ("Alamat", "Address"),
    "audit.col_action": ("Tindakan", "Action"),
    "audit.col_detail": ("Rincian", "Detail"),
    "audit.col_version": ("Versi", "Version"),
    "audit.since": ("Dari tanggal", "From date"),
    "audit.until": ("Sampai tanggal", "Until date"),
    "audit.csv": ("Unduh CSV", "Download CSV"),
    "audit.action.masuk": ("masuk", "signed in"),
    "audit.action.masuk_gagal": ("gagal masuk", "sign-in failed"),
    "audit.action.keluar": ("keluar", "signed out"),
    "audit.action.impor": ("impor", "import"),
    "audit.action.pulihkan": ("pulihkan versi", "restore version"),
    "audit.action.tarik": ("tarik versi", "withdraw version"),
    "audit.action.simpan_skenario": ("simpan skenario", "save scenario"),
    "audit.action.akun_dibuat": ("akun dibuat", "account created"),
    "audit.action.akun_nonaktif": ("akun dinonaktifkan", "account disabled"),
    "audit.action.akun_aktif": ("akun diaktifkan", "account enabled"),
    "audit.action.peran_diubah": ("peran diubah", "role changed"),
    "audit.action.sandi_direset": ("sandi diatur ulang", "password reset"),
    "audit.action.sandi_diganti": ("sandi diganti", "password changed"),
    "audit.action.akun_pertama": ("admin pertama dibuat", "first admin created"),
    "cli.user_created": ("Akun {name} ({role}) dibuat.", "Account {name} ({role}) created."),
}
