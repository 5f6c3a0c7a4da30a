"""Layer: io
Plans per office and village (``rencana``, Aksi 2) and their realisation (``realisasi``): the
columns offices fill in, and the row rules applied by :func:`geo.io.validate.validate_table`.

A plan row: year, office, activity, the catalogue indicator it serves, village, planned volume
and unit, budget (Rp) and funding source. A realisation row has the same key (year, office,
activity, indicator, village) with the delivered volume and the budget spent.

Row problems (row and column named, Indonesian first, English second in the catalogue):
an office the kabupaten does not know, a negative budget or volume, a volume without its unit,
a village outside the kabupaten, an unknown indicator or funding source, duplicate keys.
Nothing here imports geo.io.validate at module level (geo.io.validate imports this module).
"""

from __future__ import annotations

from geo.core.schema import TABLE_COLUMNS

KINDS = ("rencana", "realisasi")
FUNDING = ("APBD", "DAK", "Dana Desa", "APBN", "Lainnya")
# The kabupaten's offices that plan convergence activities. Office accounts' own offices
# (geo.io.accounts) are known too.
OFFICES = (
    "Bappeda",
    "Dinas Kesehatan",
    "Dinas PUPR",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pendidikan",
    "Dinas Sosial",
    "Dinas Pengendalian Penduduk dan KB",
    "Dinas Ketahanan Pangan",
    "Dinas Perikanan",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Kementerian Agama",
    "Pemerintah Desa",
)
OFFICE_ALIASES = {
    "dpmd": "Dinas Pemberdayaan Masyarakat dan Desa",
    "dinkes": "Dinas Kesehatan",
    "pupr": "Dinas PUPR",
    "dppkb": "Dinas Pengendalian Penduduk dan KB",
    "dp2kb": "Dinas Pengendalian Penduduk dan KB",
    "disdukcapil": "Dinas Kependudukan dan Pencatatan Sipil",
    "kemenag": "Kementerian Agama",
    "pemdes": "Pemerintah Desa",
    "pemerintahdesadpmd": "Pemerintah Desa",
}

_COMMON = (
    "kode_desa",
    "nama_desa",
    "tahun",
    "opd",
    "kegiatan",
    "indikator",
    "volume",
    "satuan",
    "anggaran",
    "sumber_dana",
)
TEMPLATE_COLUMNS = {"rencana": _COMMON, "realisasi": _COMMON}
OPTIONAL_COLUMNS = {"rencana": ("sumber", "nama_kec"), "realisasi": ("sumber", "nama_kec")}
REQUIRED = {
    "rencana": ("tahun", "opd", "kegiatan", "indikator", "anggaran"),
    "realisasi": ("tahun", "opd", "kegiatan", "indikator"),
}
OUTPUT_COLUMNS = {k: tuple(TABLE_COLUMNS[k]) for k in KINDS}  # the stored columns: the one schema
KEY = ("tahun", "opd", "kegiatan", "indikator", "kode_desa")
DUPLICATE_KEYS = {k: KEY for k in KINDS}
ALIASES = {
    "kegiatan": ("kegiatan", "activity", "nama_kegiatan", "program"),
    "volume": ("volume", "vol", "target_volume", "volume_realisasi", "delivered", "jumlah"),
    "satuan": ("satuan", "unit", "sat"),
    "anggaran": ("anggaran", "budget", "pagu", "anggaran_rp", "nilai_rp", "realisasi_anggaran", "spent"),
}
EXAMPLES = {
    "rencana": [
        "74.15.01.1002",
        "Busoa",
        2024,
        "Dinas Kesehatan",
        "Kelas ibu hamil",
        "anc4",
        12,
        "kelas",
        15000000,
        "APBD",
    ],
    "realisasi": [
        "74.15.01.1002",
        "Busoa",
        2024,
        "Dinas Kesehatan",
        "Kelas ibu hamil",
        "anc4",
        10,
        "kelas",
        12500000,
        "APBD",
    ],
}


def _key(text) -> str:
    import re

    return re.sub(r"[^a-z0-9]", "", str(text or "").casefold())


def known_offices() -> list[str]:
    """The offices a plan may name: :data:`OFFICES`, the coverage indicators' offices and the
    offices of office accounts."""
    from geo.core.schema import catalogue

    out = list(OFFICES) + [i.opd for i in catalogue().coverage]
    try:
        from geo.io import accounts

        out += [a.office for a in accounts.list_accounts() if a.office]
    except Exception:  # noqa: BLE001 - no account store yet: the fixed list
        pass
    return list(dict.fromkeys(out))


def canonical_office(value, offices=None) -> str | None:
    """The office's canonical name (case, spaces, abbreviations ignored), else None."""
    k = _key(value)
    if not k:
        return None
    if k in OFFICE_ALIASES:
        return OFFICE_ALIASES[k]
    for o in offices if offices is not None else known_offices():
        if _key(o) == k:
            return o
    return None


def canonical_funding(value) -> str | None:
    k = _key(value)
    for f in FUNDING:
        if _key(f) == k:
            return f
    return {
        "other": "Lainnya",
        "lain": "Lainnya",
        "lainlain": "Lainnya",
        "dd": "Dana Desa",
        "danadesadd": "Dana Desa",
    }.get(k)


def kab_prefix(code) -> str:
    """``74.15`` of ``74.15.01.1002`` (the kabupaten part of a village code)."""
    parts = str(code or "").strip().split(".")
    return ".".join(parts[:2]) if len(parts) >= 3 else ""


def _check(kind: str):
    def check(r, villages, code):
        from geo.io import validate

        year = r.year()
        raw_office = r.text("opd")
        office = canonical_office(raw_office)
        if raw_office is None:
            r.problem("value.missing", "opd")
        elif office is None:
            r.problem("rencana.unknown_office", "opd", value=raw_office, known=", ".join(known_offices()[:8]) + ", …")
        activity = r.text("kegiatan")
        if activity is None:
            r.problem("value.missing", "kegiatan")
        raw_ind = r.text("indikator")
        ind = validate._indicator(raw_ind)
        if raw_ind is None:
            r.problem("value.missing", "indikator")
        elif ind is None:
            r.problem(
                "cakupan.unknown_indicator", "indikator", value=raw_ind, known=", ".join(validate.indicator_codes())
            )
        volume = r.number("volume", integer=False, required=False)
        unit = r.text("satuan")
        if volume is not None and unit is None:
            r.problem("rencana.volume_no_unit", "satuan", value=int(volume) if float(volume).is_integer() else volume)
        budget = r.number("anggaran", integer=True, required=kind == "rencana")  # whole Rupiah
        raw_fund = r.text("sumber_dana")
        fund = canonical_funding(raw_fund)
        if raw_fund is not None and fund is None:
            r.problem("rencana.unknown_funding", "sumber_dana", value=raw_fund, known=", ".join(FUNDING))
        if code is None:
            raw_code = r.raw("kode_desa")
            prefix = kab_prefix(raw_code)
            own = getattr(villages, "_kabs", None)
            if own is None:
                own = villages._kabs = {kab_prefix(c) for c in villages.codes} - {""}
            if prefix and prefix not in own:
                r.problem("rencana.outside_kab", "kode_desa", code=str(raw_code).strip(), kab=", ".join(sorted(own)))
        if None in (year, office, activity, ind) or (volume is not None and unit is None):
            return None
        if kind == "rencana" and budget is None:
            return None
        return {
            "tahun": year,
            "opd": office,
            "kegiatan": activity,
            "indikator": ind,
            "volume": volume,
            "satuan": unit,
            "anggaran": budget,
            "sumber_dana": fund or ("Lainnya" if raw_fund else None),
            "sumber": r.text("sumber"),
        }

    return check


CHECKS = {k: _check(k) for k in KINDS}
FLOAT_COLUMNS = ("volume", "anggaran")
