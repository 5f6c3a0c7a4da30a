"""Data page: choosing the village for rows whose name matches several villages."""

MESSAGES = {
    "data.check_choose": (
        "{file}: {n} baris hanya memberi nama desa yang cocok dengan beberapa desa. Pilih desanya "
        "di daftar di bawah; belum ada yang disimpan.",
        "{file}: rows whose village name matches several villages: {n}. Choose the village for "
        "each in the list below; nothing has been stored yet.",
    ),
    "data.check_err_choose": (
        "Baris dengan nama desa yang cocok dengan beberapa desa ({n}) tidak perlu diubah: "
        "setelah galat lain diperbaiki, desanya dipilih di halaman ini.",
        "Rows whose village name matches several villages ({n}) need no change: once the "
        "other errors are fixed, you choose their village on this page.",
    ),
    "data.choice_title": ("Pilih desa untuk nama yang tidak jelas", "Choose the village for unclear names"),
    "data.choice_hint": (
        "Nama di baris ini cocok dengan lebih dari satu desa, jadi tidak ditebak. Pilih desa yang "
        "dimaksud; setiap pilihan dicatat sebagai peringatan pada versi yang diimpor.",
        "The name in these rows matches more than one village, so it is not guessed. Choose the "
        "village meant; each choice is recorded as a warning on the imported version.",
    ),
    "data.choice_col_name": ("Nama di berkas", "Name in the file"),
    "data.choice_col_village": ("Desa yang dimaksud", "Village meant"),
    "data.choice_placeholder": ("Pilih desa…", "Choose the village…"),
}
