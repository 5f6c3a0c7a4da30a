"""Sign-in, sign-out and other security texts."""
MESSAGES = {
    "auth.logout_refused": (
        "Permintaan keluar ditolak: kirim dari tombol Keluar di halaman Data.",
        "Sign-out refused: use the Sign out button on the Data page."),
}
