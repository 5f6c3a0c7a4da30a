"""The one schema: the tables' columns and types, the indicators, the works' types,
statuses and symbols. Every other module (and the map's JavaScript, through the layers'
``hideout``) takes these from here."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

Z95 = 1.959963984540054  # the normal quantile of a two-sided 95% interval


# ----- indicators ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    code: str
    kind: str  # "prevalence", "coverage" (or, for map-only views, "cluster")
    group: str  # "outcome", "spesifik" or "sensitif"
    opd: str  # the office whose figure the maps use by default
    higher_is_better: bool
    target: float | None = None  # national target in percent (None: no cited target)
    target_source: str = ""  # where the target is set (the Perpres 72/2021 annex, ...)
    kepmendagri: str = ""  # the Kepmendagri 050-5889 code, where one is known
    texts: tuple = ()  # ((key suffix, Indonesian, English), ...): label, short, num, den

    @property
    def label_key(self) -> str:
        return f"ind.{self.code}"

    @property
    def short_key(self) -> str:
        return f"ind.{self.code}.short"

    @property
    def num_key(self) -> str:
        return f"ind.{self.code}.num"

    @property
    def den_key(self) -> str:
        return f"ind.{self.code}.den"


# The indicator catalogue is data: data/indikator.csv (one row per indicator, both languages,
# the default office, polarity and the national target with its source). Every page, the lokus
# matrix, the exports and the data dictionary follow it; nothing lists indicators in code.
CATALOGUE_FILE = Path(__file__).resolve().parents[2] / "data" / "indikator.csv"
CATALOGUE_COLUMNS = (
    "kode",
    "jenis",
    "kelompok",
    "label_id",
    "label_en",
    "pendek_id",
    "pendek_en",
    "pembilang_id",
    "pembilang_en",
    "penyebut_id",
    "penyebut_en",
    "opd",
    "arah",
    "target_persen",
    "sumber_target",
    "kode_kepmendagri",
)


def indicator_of(row: dict) -> Indicator:
    """One catalogue row (the columns of :data:`CATALOGUE_COLUMNS`) as an :class:`Indicator`."""
    target = str(row.get("target_persen") or "").strip().replace(",", ".")
    return Indicator(
        code=row["kode"].strip(),
        kind=row["jenis"].strip(),
        group=row["kelompok"].strip(),
        opd=row["opd"].strip(),
        higher_is_better=row["arah"].strip() == "naik",
        target=float(target) if target else None,
        target_source=str(row.get("sumber_target") or "").strip(),
        kepmendagri=str(row.get("kode_kepmendagri") or "").strip(),
        texts=(
            ("", row["label_id"], row["label_en"]),
            (".short", row["pendek_id"], row["pendek_en"]),
            (".num", row["pembilang_id"], row["pembilang_en"]),
            (".den", row["penyebut_id"], row["penyebut_en"]),
        ),
    )


def read_catalogue(path: Path = CATALOGUE_FILE) -> dict[str, Indicator]:
    with open(path, encoding="utf-8", newline="") as f:
        return {ind.code: ind for ind in map(indicator_of, csv.DictReader(f))}


class Catalogue(dict):
    """The indicator catalogue: {code: Indicator} in the catalogue's order, with the views the
    pages use. The bundled file (:data:`BUNDLED`) overlaid by the store's current ``indikator``
    rows (:meth:`overlay`) is the catalogue in effect; a Dataset carries the one it was built with."""

    @property
    def prevalence(self) -> Indicator:
        """The outcome every page starts from (the prevalensi table)."""
        return self["stunting"]

    @cached_property
    def coverage(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.values() if i.kind == "coverage")

    @cached_property
    def map_indicators(self) -> dict[str, Indicator]:
        """The indicators plus the map-only views (smoothed prevalence, clusters, score)."""
        return {**self, SMOOTHED.code: SMOOTHED, **{c.code: c for c in CLUSTERS}, SCORE.code: SCORE}

    @cached_property
    def messages(self) -> dict[str, dict[str, str]]:
        """{``ind.<code>[.short|.num|.den]``: {"id": text, "en": text}}: the labels in both languages."""
        return {
            ind.label_key + suffix: {"id": text_id, "en": text_en}
            for ind in self.values()
            for suffix, text_id, text_en in ind.texts
        }

    def overlay(self, rows) -> Catalogue:
        """This catalogue with ``rows`` (catalogue rows: dicts with :data:`CATALOGUE_COLUMNS`) put
        on top: a row of a known code replaces that indicator in place, a new code is appended."""
        out = Catalogue(self)
        for row in rows:
            ind = indicator_of({k: ("" if v is None else str(v)) for k, v in row.items()})
            out[ind.code] = ind
        return out


BUNDLED: Catalogue = Catalogue(read_catalogue())
# The codes of the first release (geo/indicators.py): never removed, never of another kind.
ORIGINAL_CODES = ("stunting", "ttd_remaja", "anc4", "timbang_baduta", "imunisasi_dasar", "air_minum", "jamban_sehat")
_in_effect: list[Catalogue] = [BUNDLED]


def catalogue() -> Catalogue:
    """The catalogue in effect in this process: the one of the newest Dataset built or looked up
    (geo.analysis.dataset.current installs it for every request, geo.io.loading.current_catalogue
    for imports), else the bundled one."""
    return _in_effect[0]


def use(cat: Catalogue | None) -> Catalogue:
    """Install ``cat`` as the catalogue in effect (None: the bundled one); returns it."""
    _in_effect[0] = cat if cat is not None else BUNDLED
    return _in_effect[0]


class _InEffect(Mapping):
    """A read-only view of the catalogue in effect (``INDICATORS``), for code that only needs an
    indicator's texts or target by code. Lists of indicators come from ``Dataset.catalogue``."""

    def __init__(self, pick=lambda cat: cat):
        self._pick = pick

    def __getitem__(self, code):
        return self._pick(catalogue())[code]

    def __iter__(self):
        return iter(self._pick(catalogue()))

    def __len__(self):
        return len(self._pick(catalogue()))


INDICATORS: Mapping[str, Indicator] = _InEffect()

# Map-only views derived from the prevalence (not data of their own: never imported or exported
# as an indicator): the empirical Bayes smoothed prevalence (geo.analysis.uncertainty).
SMOOTHED = Indicator("stunting_halus", "prevalence", "outcome", "Dinas Kesehatan", False)
# ... and the spatial clusters (LISA) of the smoothed prevalence, one view per k of the k-nearest-
# neighbour weights (the map page shows one "Klaster spasial" choice and a k choice).
CLUSTER_K = (4, 6, 8)
CLUSTERS = tuple(Indicator(f"klaster_k{k}", "cluster", "outcome", "Dinas Kesehatan", False) for k in CLUSTER_K)
# ... and the convergence score (geo.analysis.convergence): share of key interventions meeting their target.
SCORE = Indicator("konvergensi", "coverage", "outcome", "Bappeda", True)
MAP_INDICATORS: Mapping[str, Indicator] = _InEffect(lambda cat: cat.map_indicators)


# ----- tables ----------------------------------------------------------------------------------

TABLES = ("prevalensi", "cakupan", "lokus", "sarana", "rencana", "realisasi")  # plans: geo.io.rencana
STR_COLS = {"kode_desa": str, "nama_desa": str, "kode_kab": str, "nomor_sk": str, "opd": str, "sumber": str}
TABLE_COLUMNS = {
    "prevalensi": ["kode_desa", "nama_desa", "tahun", "balita_diukur", "balita_stunting", "sumber"],
    "cakupan": ["kode_desa", "nama_desa", "tahun", "indikator", "pembilang", "penyebut", "opd", "sumber"],
    "lokus": ["kode_desa", "nama_desa", "tahun", "nomor_sk", "sumber"],
    "sarana": [
        "nama_sarana",
        "jenis",
        "kode_desa",
        "nama_desa",
        "lintang",
        "bujur",
        "tahun",
        "status",
        "sumber_dana",
        "kk_terlayani",
        "opd",
        "sumber",
        "lokasi_perkiraan",
    ],
    "rencana": [
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
        "sumber",
    ],
    "realisasi": [
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
        "sumber",
    ],
}
INT_COLUMNS = ("tahun", "balita_diukur", "balita_stunting", "pembilang", "penyebut")
TEXT_COLUMNS = (
    "kode_desa",
    "nama_desa",
    "indikator",
    "nomor_sk",
    "opd",
    "sumber",
    "nama_sarana",
    "jenis",
    "status",
    "sumber_dana",
    "kegiatan",
    "satuan",
)
FLOAT_COLUMNS = ("lintang", "bujur", "kk_terlayani", "volume", "anggaran")


# ----- works (sarana) -------------------------------------------------------------------------

SARANA_TYPES = ("sumur bor", "penampungan air hujan", "perpipaan", "MCK komunal", "jamban keluarga")
SARANA_STATUS = ("rencana", "dibangun", "selesai")
# Shape and colour per works type, in SARANA_TYPES order; the last one for any other type.
# Okabe-Ito colours, and a shape each, so a type is told apart without colour too.
SARANA_SYMBOLS = (
    ("circle", "#0072B2"),
    ("triangle", "#56B4E9"),
    ("square", "#009E73"),
    ("diamond", "#E69F00"),
    ("pentagon", "#CC79A7"),
    ("circle", "#555555"),
)


def sarana_symbol(index: int) -> tuple[str, str]:
    return SARANA_SYMBOLS[min(index, len(SARANA_SYMBOLS) - 1)]


def _maybe_t(key: str, fallback, lang: str) -> str:
    from geo.core.i18n import t  # here: the messages read this schema when they load

    try:
        return t(key, lang)
    except KeyError:
        return str(fallback)


def sarana_label(kind: str, value: str, lang: str) -> str:
    return _maybe_t(f"sarana.{kind}.{value}", value, lang)
