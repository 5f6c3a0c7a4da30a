"""One validation core per kind of table, used by the command line and the data page.

:func:`validate_table` takes the raw records of a file (text as written, plus ``_row``,
the spreadsheet row with header = row 1) and the village boundaries in use, and
returns the normalised rows plus every :class:`~geo.core.errors.Problem` found. Problems
of level ``error`` reject the file; ``warning`` needs an explicit confirmation.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.core import schema
from geo.core.errors import Problem
from geo.io import boundaries as bnd
from geo.io import rencana as _plans

TABLE_KINDS = ("prevalensi", "cakupan", "sarana", "lokus") + _plans.KINDS  # plans, realisations: geo.io.rencana
# ``pengukuran``: an e-PPGBM by-name report, checked by geo.io.measurements and stored as the
# village aggregates of a ``prevalensi`` version (nothing personal reaches the store).
MEASUREMENT_KIND = "pengukuran"
# ``terbit``: published regency and province figures (surveys, registries, targets), not per village.
PUBLISHED_KIND = "terbit"
# ``indikator``: entries of the indicator catalogue (the columns of data/indikator.csv).
CATALOGUE_KIND = "indikator"
KINDS = TABLE_KINDS + (MEASUREMENT_KIND, PUBLISHED_KIND, CATALOGUE_KIND, "batas")

# The template columns (the contract users fill in), then optional ones we understand.
TEMPLATE_COLUMNS = {
    "prevalensi": ("kode_desa", "nama_desa", "tahun", "balita_diukur", "balita_stunting", "sumber"),
    "cakupan": ("kode_desa", "nama_desa", "tahun", "indikator", "pembilang", "penyebut", "opd"),
    "sarana": (
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
    ),
    "lokus": ("kode_desa", "nama_desa", "tahun", "nomor_sk"),
    **_plans.TEMPLATE_COLUMNS,
}
OPTIONAL_COLUMNS = {
    "prevalensi": ("bulan", "persen", "nama_kec", "opd", "sebagian_tahun", "balita_stunting_berat"),
    "cakupan": ("sumber", "persen", "nama_kec", "bulan", "sebagian_tahun"),
    "sarana": ("sumber", "nama_kec"),
    "lokus": ("sumber", "nama_kec"),
    **_plans.OPTIONAL_COLUMNS,
}
REQUIRED = {
    "prevalensi": ("tahun", "balita_diukur", "balita_stunting"),
    "cakupan": ("tahun", "indikator", "pembilang", "penyebut"),
    "sarana": ("nama_sarana", "jenis", "tahun"),
    "lokus": ("tahun",),
    **_plans.REQUIRED,
}
# Normalised rows as stored, per kind.
OUTPUT_COLUMNS = {
    "prevalensi": (
        "kode_desa",
        "nama_desa",
        "tahun",
        "bulan",
        "balita_diukur",
        "balita_stunting",
        "sumber",
        "opd",
        "sebagian_tahun",
        "balita_stunting_berat",  # severe stunting (HAZ < −3), optional: geo.io.loading.severe_rows
    ),
    "cakupan": (
        "kode_desa",
        "nama_desa",
        "tahun",
        "bulan",
        "indikator",
        "pembilang",
        "penyebut",
        "opd",
        "sumber",
        "sebagian_tahun",
    ),
    "sarana": (
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
    ),
    "lokus": ("kode_desa", "nama_desa", "tahun", "nomor_sk", "sumber"),
    **_plans.OUTPUT_COLUMNS,
}
ALIASES = {
    "kode_desa": bnd.COLUMN_ALIASES["kode_desa"],
    "nama_desa": tuple(a for a in bnd.COLUMN_ALIASES["nama_desa"] if a != "nama"),
    "nama_kec": bnd.COLUMN_ALIASES["nama_kec"],
    "tahun": ("tahun", "year", "thn", "tahun_data"),
    "bulan": ("bulan", "month", "bln"),
    "balita_diukur": ("balita_diukur", "jumlah_balita_diukur", "jml_balita_diukur", "diukur", "sasaran_diukur"),
    "balita_stunting": (
        "balita_stunting",
        "jumlah_balita_stunting",
        "jml_balita_stunting",
        "stunting",
        "jumlah_stunting",
    ),
    "balita_stunting_berat": (
        "balita_stunting_berat",
        "jumlah_balita_stunting_berat",
        "balita_sangat_pendek",
        "jumlah_balita_sangat_pendek",
        "sangat_pendek",
        "stunting_berat",
    ),
    "persen": ("persen", "persentase", "prevalensi", "cakupan_persen", "percent"),
    "pembilang": ("pembilang", "numerator", "capaian"),
    "penyebut": ("penyebut", "denominator", "sasaran"),
    "indikator": ("indikator", "indicator"),
    "lintang": ("lintang", "latitude", "lat"),
    "bujur": ("bujur", "longitude", "lon", "lng", "long"),
    "kk_terlayani": ("kk_terlayani", "jumlah_kk", "kk"),
    "nomor_sk": ("nomor_sk", "no_sk", "sk", "nomor_sk_bupati"),
    "nama_sarana": ("nama_sarana", "sarana", "nama_kegiatan"),
    "sumber_dana": ("sumber_dana", "dana", "anggaran"),
    "opd": ("opd", "dinas", "instansi", "perangkat_daerah"),
    **_plans.ALIASES,
    "sebagian_tahun": ("sebagian_tahun", "sebagian", "partial_year", "partial"),
}
YES = {"ya", "y", "1", "true", "benar", "yes", "sebagian", "partial"}
NO = {"", "tidak", "t", "0", "false", "salah", "no", "n", "tahunan", "annual"}
SARANA_TYPES = ("sumur bor", "penampungan air hujan", "perpipaan", "MCK komunal", "jamban keluarga")
SARANA_STATUS = ("rencana", "dibangun", "selesai")
FIRST_YEAR = 2000
VILLAGE_TOLERANCE_M = 150  # a work this far outside its named village is flagged
REGION_TOLERANCE_DEG = 0.02  # ~2 km: works on the shore or a jetty are still "in" the kabupaten
OVERLAP_SHARE = 0.2  # two villages sharing more than this of the smaller one's area
MAX_LISTED = 100  # problems listed per kind of problem; the rest are counted in one line
SUGGEST_LIMIT = 2 * MAX_LISTED  # rows given "did you mean" suggestions (only listed rows show them)
OVERLAP_CHUNK = 20_000  # candidate pairs whose overlap is computed at once


def last_year() -> int:
    return _dt.date.today().year + 1


@dataclass
class Checked:
    """Result of validating one file."""

    kind: str
    rows: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


# ----- column names ---------------------------------------------------------------------


def header_key(name) -> str:
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower().strip()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def map_columns(columns, wanted) -> dict[str, str]:
    """Our column name -> the file's, exact names first, then known aliases."""
    keys = {}
    for c in columns:
        if c == "_row":
            continue
        keys.setdefault(header_key(c), c)
    found: dict[str, str] = {}
    used: set[str] = set()
    for ours in wanted:
        if ours in keys:
            found[ours] = keys[ours]
            used.add(ours)
    for ours in wanted:
        if ours in found:
            continue
        for alias in ALIASES.get(ours, ()):
            if alias in keys and alias not in used:
                found[ours] = keys[alias]
                used.add(alias)
                break
    return found


# ----- villages -------------------------------------------------------------------------

_PREFIX = re.compile(r"^(desa|kelurahan|kel|ds|dsn)\b\.?\s*")


def name_key(name) -> str:
    """Village names compared without case, accents, spaces, hyphens or a Desa/Kel. prefix."""
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower().strip()
    s = _PREFIX.sub("", s)
    return re.sub(r"[^a-z0-9]", "", s)


def close_matches(
    word: str, possibilities: list[str], n: int, cutoff: float, prefilter: int | None = None
) -> list[str]:
    """Exactly ``difflib.get_close_matches``, fast on thousands of villages: rapidfuzz's ratio
    (2·LCS / total length) is never below difflib's, so it first keeps only the possibilities
    that can reach ``cutoff``, in C, and difflib then scores those few. ``prefilter``: keep only
    that many best by rapidfuzz (for village codes, which all look alike: a suggestion, not a match)."""
    from rapidfuzz import fuzz, process

    few = [
        m[0]
        for m in process.extract(
            word, possibilities, scorer=fuzz.ratio, score_cutoff=100 * cutoff - 0.01, limit=prefilter
        )
    ]
    return difflib.get_close_matches(word, few, n=n, cutoff=cutoff) if few else []


class Villages:
    """Look villages up by code or normalised name."""

    def __init__(self, boundaries: gpd.GeoDataFrame):
        b = boundaries
        self.codes = list(b["kode_desa"])
        self.name = dict(zip(b["kode_desa"], b["nama_desa"].astype(str)))
        self.kec = dict(zip(b["kode_desa"], b["nama_kec"].astype(str)))
        self.by_key: dict[str, list[str]] = {}
        for code, name in self.name.items():
            self.by_key.setdefault(name_key(name), []).append(code)
        self.geom = dict(zip(b["kode_desa"], b.geometry))
        self._region = None
        self._keys = list(self.by_key)
        self._close: dict[str, list[str]] = {}
        self._suggested = 0

    def label(self, code: str) -> str:
        return f"{self.name[code]} ({code})"

    def close_names(self, key: str) -> list[str]:
        """Known name keys close to ``key`` (difflib, cutoff 0.8), computed once per key."""
        if key not in self._close:
            self._close[key] = close_matches(key, self._keys, n=2, cutoff=0.8)
        return self._close[key]

    def suggest(self, code: str | None = None, name: str | None = None, n: int = 3) -> str:
        """'Did you mean' villages for an unknown code or name. Only the first rows' problems are
        listed (:data:`MAX_LISTED` per kind), so only the first :data:`SUGGEST_LIMIT` get suggestions:
        a file of 20,000 unknown codes is checked in seconds, not minutes."""
        self._suggested += 1
        if self._suggested > SUGGEST_LIMIT:
            return "–"
        out: list[str] = []
        if name:
            for k in close_matches(name_key(name), self._keys, n=n, cutoff=0.6):
                out += self.by_key[k]
        if code:
            out += close_matches(code, self.codes, n=n, cutoff=0.6, prefilter=30)
        seen = list(dict.fromkeys(out))[:n]
        return ", ".join(self.label(c) for c in seen) if seen else "–"

    @property
    def region(self):
        if self._region is None:
            self._region = shapely.union_all(list(self.geom.values())).buffer(REGION_TOLERANCE_DEG)
        return self._region

    def resolve(
        self, code_raw, name_raw, kec_raw, where: dict, choice: str | None = None
    ) -> tuple[str | None, list[Problem]]:
        """The village code of a row, or None with the problems explaining why.

        ``choice``: the code a user confirmed for this row when its name alone is ambiguous
        (shown for confirmation on the data page, never guessed); it must be one of the
        candidates, and the import records it as an accepted warning."""
        code = bnd.normalise_code(code_raw) if code_raw is not None else None
        name = str(name_raw).strip() if name_raw is not None else None
        if code:
            if code not in self.name:
                return None, [
                    Problem(
                        "desa.unknown_code",
                        {"code": code, "suggest": self.suggest(code, name)},
                        column=where.get("kode_desa"),
                        **_w(where),
                    )
                ]
            if name and name_key(name) != name_key(self.name[code]):
                other = self.by_key.get(name_key(name), [])
                ratio = difflib.SequenceMatcher(None, name_key(name), name_key(self.name[code])).ratio()
                if not other and ratio >= 0.8:
                    return code, [
                        Problem(
                            "desa.name_close",
                            {"code": code, "name": name, "known": self.name[code]},
                            column=where.get("nama_desa"),
                            level="warning",
                            **_w(where),
                        )
                    ]
                return None, [
                    Problem(
                        "desa.code_name_mismatch",
                        {
                            "code": code,
                            "known": self.name[code],
                            "name": name,
                            "other": ", ".join(self.label(c) for c in other) or "–",
                        },
                        column=where.get("nama_desa"),
                        **_w(where),
                    )
                ]
            return code, []
        if name:
            cands = self.by_key.get(name_key(name), [])
            if len(cands) > 1 and kec_raw:
                cands = [c for c in cands if name_key(self.kec[c]) == name_key(kec_raw)] or cands
            if len(cands) == 1:
                return cands[0], []
            if len(cands) > 1 and choice in cands:
                return choice, [
                    Problem(
                        "desa.ambiguous_chosen",
                        {"name": name, "known": self.label(choice), "kec": self.kec[choice]},
                        column=where.get("nama_desa"),
                        level="warning",
                        **_w(where),
                    )
                ]
            if len(cands) > 1:
                return None, [
                    Problem(
                        "desa.ambiguous",
                        {
                            "name": name,
                            "candidates": ", ".join(f"{self.label(c)} – {self.kec[c]}" for c in cands),
                            "codes": list(cands),
                        },
                        column=where.get("nama_desa"),
                        **_w(where),
                    )
                ]
            close = self.close_names(name_key(name))
            if (
                close
                and len(self.by_key[close[0]]) == 1
                and (
                    len(close) == 1
                    or difflib.SequenceMatcher(None, name_key(name), close[0]).ratio()
                    > difflib.SequenceMatcher(None, name_key(name), close[1]).ratio()
                )
            ):
                code = self.by_key[close[0]][0]
                return code, [
                    Problem(
                        "desa.fuzzy_match",
                        {"name": name, "known": self.label(code)},
                        column=where.get("nama_desa"),
                        level="warning",
                        **_w(where),
                    )
                ]
            return None, [
                Problem(
                    "desa.unknown_name",
                    {"name": name, "suggest": self.suggest(None, name)},
                    column=where.get("nama_desa"),
                    **_w(where),
                )
            ]
        return None, [Problem("desa.missing", column=where.get("kode_desa") or where.get("nama_desa"), **_w(where))]


def _w(where: dict) -> dict:
    return {"file": where.get("_file"), "row": where.get("_row")}


# ----- values ---------------------------------------------------------------------------


def parse_number(value, integer: bool = False):
    """(number, problem key or None). Accepts decimal comma, thousands dots, a % sign."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, None
    if isinstance(value, bool):
        return None, "value.not_number"
    if isinstance(value, (int, float, np.integer, np.floating)):
        num = float(value)
    else:
        s = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
        if s == "" or s in {"-", "–"}:
            return None, None
        if integer and re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", s):
            s = re.sub(r"[.,]", "", s)
        elif "," in s and "." in s:
            s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
        elif "," in s:
            s = s.replace(",", ".")
        try:
            num = float(s)
        except ValueError:
            return None, "value.not_number"
    if math.isnan(num) or math.isinf(num):
        return None, "value.not_number"
    if integer:
        if not float(num).is_integer():
            return None, "value.not_whole"
        return int(num), None
    return num, None


def text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    s = re.sub(r"\s+", " ", str(value)).strip()
    return s or None


# ----- the core -------------------------------------------------------------------------


class _Row:
    """Helpers bound to one record: read a column, report a problem where it is."""

    def __init__(self, rec: dict, cols: dict, file: str, problems: list):
        self.rec, self.cols, self.file, self.problems = rec, cols, file, problems
        self.row = int(rec["_row"])

    def raw(self, ours):
        src = self.cols.get(ours)
        return None if src is None else self.rec.get(src)

    def problem(self, key, column=None, level="error", **params):
        self.problems.append(
            Problem(key, params, file=self.file, row=self.row, column=self.cols.get(column, column), level=level)
        )

    def number(self, ours, integer=True, required=True, minimum=0):
        value, err = parse_number(self.raw(ours), integer)
        if err:
            self.problem(err, ours, value=text(self.raw(ours)) or "")
            return None
        if value is None:
            if required:
                self.problem("value.missing", ours)
            return None
        if minimum is not None and value < minimum:
            self.problem("value.negative", ours, value=value)
            return None
        return value

    def year(self, ours="tahun"):
        y = self.number(ours, integer=True)
        if y is not None and not FIRST_YEAR <= y <= last_year():
            self.problem("value.year_range", ours, value=y, lo=FIRST_YEAR, hi=last_year())
            return None
        return y

    def text(self, ours):
        return text(self.raw(ours))


def records(raw: pd.DataFrame):
    """The rows of ``raw`` as dicts, one at a time (``to_dict("records")`` would hold them all)."""
    columns = list(raw.columns)
    for values in raw.itertuples(index=False, name=None):
        yield dict(zip(columns, values))


def validate_table(
    kind: str, raw: pd.DataFrame, boundaries: gpd.GeoDataFrame, file: str = "", choices: dict | None = None
) -> Checked:
    """Check every record of a ``kind`` file against the boundaries in use. ``choices``:
    {spreadsheet row: kode_desa} confirmed by the user for rows whose village name is ambiguous."""
    choices = {int(k): str(v) for k, v in (choices or {}).items() if v}
    wanted = TEMPLATE_COLUMNS[kind] + OPTIONAL_COLUMNS[kind]
    cols = map_columns([c for c in raw.columns], wanted)
    problems: list[Problem] = []
    missing = [c for c in REQUIRED[kind] if c not in cols]
    if "kode_desa" not in cols and "nama_desa" not in cols:
        missing.insert(0, "kode_desa / nama_desa")
    if missing:
        found = ", ".join(str(c) for c in raw.columns if c != "_row")
        problems.append(
            Problem("table.missing_columns", {"missing": ", ".join(missing), "found": found, "kind": kind}, file=file)
        )
        return Checked(kind, pd.DataFrame(columns=OUTPUT_COLUMNS[kind]), problems)
    if not len(raw):
        return Checked(kind, pd.DataFrame(columns=OUTPUT_COLUMNS[kind]), [Problem("file.no_rows", file=file)])
    villages = Villages(boundaries)
    names = list(OUTPUT_COLUMNS[kind]) + ["_row"]
    out: dict[str, list] = {c: [] for c in names}  # by column: a province file is not 70,000 dicts
    check = _CHECKS[kind]
    for rec in records(raw):
        r = _Row(rec, cols, file, problems)
        where = {"_file": file, "_row": r.row, "kode_desa": cols.get("kode_desa"), "nama_desa": cols.get("nama_desa")}
        code, probs = villages.resolve(
            r.raw("kode_desa"), r.raw("nama_desa"), r.raw("nama_kec"), where, choices.get(r.row)
        )
        problems.extend(probs)
        values = check(r, villages, code)
        if values is None or code is None:
            continue
        values.update({"kode_desa": code, "nama_desa": villages.name[code], "_row": r.row})
        for c in names:
            out[c].append(values.get(c))
    rows = pd.DataFrame(out, columns=names)
    problems.extend(_duplicates(kind, rows, cols, file))
    rows = rows.drop(columns="_row").reset_index(drop=True)
    problems.sort(key=lambda p: (p.row or 0, p.level != "error"))
    return Checked(kind, _typed(kind, rows), bounded(problems, file))


def bounded(problems: list[Problem], file: str = "", limit: int = MAX_LISTED) -> list[Problem]:
    """The first ``limit`` problems of each kind (message key), then one line per kind saying how
    many more rows have it; the order of the rest is kept. Errors stay errors and warnings
    warnings, so the file is refused or accepted exactly as with the full list."""
    seen: dict[tuple[str, str], int] = {}
    last_row: dict[tuple[str, str], int | None] = {}
    out: list[Problem] = []
    for p in problems:
        k = (p.key, p.level)
        seen[k] = seen.get(k, 0) + 1
        if seen[k] <= limit:
            out.append(p)
            last_row[k] = p.row
    for (key, level), count in seen.items():
        if count > limit:
            out.append(
                Problem(
                    "problems.more",
                    {"count": count - limit, "row": last_row[(key, level)] or "–"},
                    file=file or None,
                    level=level,
                )
            )
    return out


def _check_prevalensi(r: _Row, villages: Villages, code):
    year = r.year()
    month = r.number("bulan", required=False)
    if month is not None and not 1 <= month <= 12:
        r.problem("value.month_range", "bulan", value=month)
        month = None
    measured = r.number("balita_diukur")
    stunted = r.number("balita_stunting")
    pct, err = parse_number(r.raw("persen"))
    if err:
        r.problem(err, "persen", value=text(r.raw("persen")) or "")
    elif pct is not None and not 0 <= pct <= 100:
        r.problem("value.pct_range", "persen", value=pct)
    if measured is not None and stunted is not None and stunted > measured:
        r.problem("prevalensi.over", "balita_stunting", num=stunted, den=measured)
        return None
    severe = r.number("balita_stunting_berat", required=False)  # severely stunted are stunted too
    if severe is not None and stunted is not None and severe > stunted:
        r.problem("prevalensi.severe_over", "balita_stunting_berat", num=severe, den=stunted)
        return None
    if None in (year, measured, stunted):
        return None
    if measured == 0:
        r.problem("prevalensi.none_measured", "balita_diukur", level="warning")
    partial = _partial(r)
    return {
        "tahun": year,
        "bulan": month,
        "balita_diukur": measured,
        "balita_stunting": stunted,
        "sumber": r.text("sumber"),
        "opd": r.text("opd") or schema.catalogue().prevalence.opd,
        "sebagian_tahun": partial,
        "balita_stunting_berat": severe,
    }


def _partial(r) -> bool:
    """The optional partial-year flag (``sebagian_tahun``: ya/tidak)."""
    value = (r.text("sebagian_tahun") or "").casefold()
    if value in YES:
        return True
    if value not in NO:
        r.problem("value.yes_no", "sebagian_tahun", value=r.text("sebagian_tahun"))
    return False


def indicator_codes() -> tuple[str, ...]:
    """The coverage codes a file may name: those of the catalogue in effect (geo.core.schema.catalogue;
    geo.io.importers.check installs the store's current one before it validates)."""
    return tuple(i.code for i in schema.catalogue().coverage)


def default_office(code: str) -> str:
    ind = schema.catalogue().get(code)
    return ind.opd if ind is not None else ""


def _indicator(value) -> str | None:
    if value is None:
        return None
    key = header_key(value)
    codes = indicator_codes()
    if key in codes:
        return key
    from geo.core.i18n import t  # labels in both languages are accepted too

    for code in codes:
        for lang in ("id", "en"):
            if name_key(value) in (name_key(t(f"ind.{code}", lang)), name_key(t(f"ind.{code}.short", lang))):
                return code
    return None


def _check_cakupan(r: _Row, villages: Villages, code):
    year = r.year()
    raw_ind = r.text("indikator")
    ind = _indicator(raw_ind)
    if raw_ind is None:
        r.problem("value.missing", "indikator")
    elif ind is None:
        r.problem("cakupan.unknown_indicator", "indikator", value=raw_ind, known=", ".join(indicator_codes()))
    num = r.number("pembilang")
    den = r.number("penyebut")
    pct, err = parse_number(r.raw("persen"))
    if err:
        r.problem(err, "persen", value=text(r.raw("persen")) or "")
    elif pct is not None and not 0 <= pct <= 100:
        r.problem("value.pct_range", "persen", value=pct)
    if den == 0:
        r.problem("cakupan.zero_denominator", "penyebut")
        return None
    if num is not None and den is not None and num > den:
        r.problem("cakupan.over", "pembilang", level="warning", num=num, den=den)
    month = r.number("bulan", required=False)
    if month is not None and not 1 <= month <= 12:
        r.problem("value.month_range", "bulan", value=month)
        month = None
    partial = _partial(r)
    if None in (year, ind, num, den):
        return None
    return {
        "tahun": year,
        "bulan": month,
        "indikator": ind,
        "pembilang": num,
        "penyebut": den,
        "opd": r.text("opd") or default_office(ind),
        "sumber": r.text("sumber"),
        "sebagian_tahun": partial,
    }


def _canonical(value, known) -> str | None:
    if value is None:
        return None
    for k in known:
        if name_key(k) == name_key(value):
            return k
    return value


def _check_sarana(r: _Row, villages: Villages, code):
    name = r.text("nama_sarana")
    if name is None:
        r.problem("value.missing", "nama_sarana")
    jenis = _canonical(r.text("jenis"), SARANA_TYPES)
    if jenis is None:
        r.problem("value.missing", "jenis")
    year = r.year()
    status = _canonical(r.text("status"), SARANA_STATUS) or "selesai"
    kk = r.number("kk_terlayani", required=False)
    lat, e1 = parse_number(r.raw("lintang"))
    lon, e2 = parse_number(r.raw("bujur"))
    for err, col in ((e1, "lintang"), (e2, "bujur")):
        if err:
            r.problem(err, col, value=text(r.raw(col)) or "")
    if e1 or e2:
        return None
    approx = False
    if (lat is None) != (lon is None):
        r.problem("sarana.half_coordinates", "lintang" if lat is None else "bujur")
        return None
    if lat is not None:
        pt = shapely.Point(lon, lat)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not villages.region.contains(pt):
            if -90 <= lon <= 90 and -180 <= lat <= 180 and villages.region.contains(shapely.Point(lat, lon)):
                key = "sarana.swapped"
            else:
                key = "sarana.outside_region" if -90 <= lat <= 90 and -180 <= lon <= 180 else "sarana.bad_coordinates"
            r.problem(key, "lintang", lat=lat, lon=lon)
            return None
        if code is not None:
            geom = villages.geom[code]
            dist_m = geom.distance(pt) * 111_000
            if dist_m > VILLAGE_TOLERANCE_M:
                inside = [c for c, g in villages.geom.items() if g.contains(pt)]
                r.problem(
                    "sarana.outside_village",
                    "lintang",
                    level="warning",
                    village=villages.label(code),
                    other=villages.label(inside[0]) if inside else "–",
                )
    elif code is not None:
        p = villages.geom[code].representative_point()
        lat, lon, approx = p.y, p.x, True
        r.problem("sarana.approximate", "lintang", level="warning", village=villages.label(code))
    if None in (name, jenis, year):
        return None
    return {
        "nama_sarana": name,
        "jenis": jenis,
        "lintang": lat,
        "bujur": lon,
        "tahun": year,
        "status": status,
        "sumber_dana": r.text("sumber_dana"),
        "kk_terlayani": kk,
        "opd": r.text("opd"),
        "sumber": r.text("sumber"),
        "lokasi_perkiraan": approx,
    }


def _check_lokus(r: _Row, villages: Villages, code):
    year = r.year()
    sk = r.text("nomor_sk")
    if sk is None:
        r.problem("lokus.no_sk", "nomor_sk", level="warning")
    if year is None:
        return None
    return {"tahun": year, "nomor_sk": sk, "sumber": r.text("sumber")}


_CHECKS = {
    "prevalensi": _check_prevalensi,
    "cakupan": _check_cakupan,
    "sarana": _check_sarana,
    "lokus": _check_lokus,
    **_plans.CHECKS,
}
# Within one file a row may not repeat the same observation; the same village, indicator and
# period from two offices are two observations (several offices report one quantity).
DUPLICATE_KEYS = {
    "prevalensi": ("kode_desa", "tahun", "bulan", "opd"),
    "cakupan": ("kode_desa", "tahun", "bulan", "indikator", "opd"),
    "lokus": ("kode_desa", "tahun"),
    "sarana": ("nama_sarana", "jenis", "kode_desa", "tahun", "lintang", "bujur"),
    **_plans.DUPLICATE_KEYS,
}


def _duplicates(kind: str, rows: pd.DataFrame, cols: dict, file: str) -> list[Problem]:
    keys = list(DUPLICATE_KEYS[kind])
    if not len(rows):
        return []
    key_frame = rows[keys].astype(str)
    dup = key_frame.duplicated(keep="first")
    first_row = {}
    out = []
    for i, (k, is_dup) in enumerate(zip(map(tuple, key_frame.to_numpy()), dup)):
        if not is_dup:
            first_row[k] = int(rows["_row"].iloc[i])
            continue
        out.append(
            Problem(
                f"{kind}.duplicate" if kind != "sarana" else "sarana.duplicate",
                {"first": first_row[k], "desa": rows["nama_desa"].iloc[i], "tahun": rows["tahun"].iloc[i]},
                file=file,
                row=int(rows["_row"].iloc[i]),
                column=cols.get("kode_desa") or cols.get("nama_desa"),
            )
        )
    return out


def _typed(kind: str, rows: pd.DataFrame) -> pd.DataFrame:
    ints = {"tahun", "bulan", "balita_diukur", "balita_stunting", "pembilang", "penyebut", "kk_terlayani"}
    ints.add("balita_stunting_berat")  # optional in prevalensi (severe stunting)
    for c in rows.columns:
        if c in ints:
            rows[c] = pd.array(rows[c], dtype="Int64")
        elif c in ("lintang", "bujur") + _plans.FLOAT_COLUMNS:
            rows[c] = rows[c].astype(float)
        elif c in ("lokasi_perkiraan", "sebagian_tahun"):
            rows[c] = rows[c].astype(bool)
        else:
            rows[c] = rows[c].astype(object)
    return rows


# ----- published figures (terbit) ------------------------------------------------------------

PUBLISHED_COLUMNS = (
    "kode_kab",
    "tahun",
    "periode",
    "sebagian_tahun",
    "nilai_persen",
    "jenis_sumber",
    "sumber",
    "jenis_acuan",
    "rujukan",
    "catatan",
)
PUBLISHED_REQUIRED = ("kode_kab", "tahun", "nilai_persen", "jenis_sumber", "sumber")
# Source types: a survey, a registry (the regency offices' or e-PPGBM's), or a target; a target
# names in ``jenis_acuan`` the source type it was set against (it is compared with that type only).
SOURCE_TYPES = ("survei", "registri_opd", "registri_eppgbm", "registri", "target")
PUBLISHED_ALIASES = {
    "kode_kab": ("kode_kab", "kode_wilayah", "kode"),
    "nilai_persen": ("nilai_persen", "nilai", "persen", "prevalensi"),
    "jenis_sumber": ("jenis_sumber", "jenis", "source_type"),
    "jenis_acuan": ("jenis_acuan", "acuan"),
    "periode": ("periode", "period"),
    "rujukan": ("rujukan", "url", "reference"),
    "catatan": ("catatan", "note", "keterangan"),
    "sumber": ("sumber", "source"),
}


def validate_published(raw: pd.DataFrame, file: str = "") -> Checked:
    """Check a file of published figures (one row per region, period and source)."""
    kind = PUBLISHED_KIND
    found = {header_key(c): c for c in raw.columns if c != "_row"}
    cols = {}
    for ours in PUBLISHED_COLUMNS:
        for alias in (ours, *PUBLISHED_ALIASES.get(ours, ()), *ALIASES.get(ours, ())):
            if alias in found and found[alias] not in cols.values():
                cols[ours] = found[alias]
                break
    missing = [c for c in PUBLISHED_REQUIRED if c not in cols]
    if missing:
        return Checked(
            kind,
            pd.DataFrame(columns=PUBLISHED_COLUMNS),
            [
                Problem(
                    "table.missing_columns",
                    {
                        "missing": ", ".join(missing),
                        "kind": kind,
                        "found": ", ".join(str(c) for c in raw.columns if c != "_row"),
                    },
                    file=file,
                )
            ],
        )
    if not len(raw):
        return Checked(kind, pd.DataFrame(columns=PUBLISHED_COLUMNS), [Problem("file.no_rows", file=file)])
    problems: list[Problem] = []
    out = []
    for rec in records(raw):
        r = _Row(rec, cols, file, problems)
        code = r.text("kode_kab")
        if code is None:
            r.problem("value.missing", "kode_kab")
        elif not re.fullmatch(r"\d{2}(\.\d{2})?", code):
            r.problem("terbit.bad_code", "kode_kab", value=code)
            code = None
        year = r.year()
        value, err = parse_number(r.raw("nilai_persen"))
        if err:
            r.problem(err, "nilai_persen", value=text(r.raw("nilai_persen")) or "")
        elif value is None:
            r.problem("value.missing", "nilai_persen")
        elif not 0 <= value <= 100:
            r.problem("value.pct_range", "nilai_persen", value=value)
            value = None
        stype = (r.text("jenis_sumber") or "").casefold().replace(" ", "_")
        if not stype:
            r.problem("value.missing", "jenis_sumber")
        elif stype not in SOURCE_TYPES:
            r.problem("terbit.bad_type", "jenis_sumber", value=r.text("jenis_sumber"), known=", ".join(SOURCE_TYPES))
            stype = ""
        ref = (r.text("jenis_acuan") or "").casefold().replace(" ", "_")
        if ref and (ref not in SOURCE_TYPES or ref == "target"):
            r.problem(
                "terbit.bad_type",
                "jenis_acuan",
                value=r.text("jenis_acuan"),
                known=", ".join(t for t in SOURCE_TYPES if t != "target"),
            )
            ref = ""
        source = r.text("sumber")
        if source is None:
            r.problem("value.missing", "sumber")
        period = r.text("periode") or "tahunan"
        partial = _partial(r) if "sebagian_tahun" in cols else period.casefold() not in ("tahunan", "annual")
        if None in (code, year, value, source) or not stype:
            continue
        out.append(
            {
                "kode_kab": code,
                "tahun": year,
                "periode": period,
                "sebagian_tahun": partial,
                "nilai_persen": value,
                "jenis_sumber": stype,
                "sumber": source,
                "jenis_acuan": ref or None,
                "rujukan": r.text("rujukan"),
                "catatan": r.text("catatan"),
                "_row": r.row,
            }
        )
    rows = pd.DataFrame(out, columns=list(PUBLISHED_COLUMNS) + ["_row"])
    if len(rows):
        key = rows[["kode_kab", "tahun", "periode", "jenis_sumber", "sumber"]].astype(str)
        first: dict[tuple, int] = {}
        for k, row in zip(map(tuple, key.to_numpy()), rows["_row"]):
            if k in first:
                problems.append(
                    Problem("terbit.duplicate", {"first": first[k]}, file=file, row=int(row), column=cols.get("sumber"))
                )
            else:
                first[k] = int(row)
    rows = rows.drop(columns="_row").reset_index(drop=True)
    rows["tahun"] = pd.array(rows["tahun"], dtype="Int64")
    problems.sort(key=lambda p: (p.row or 0, p.level != "error"))
    return Checked(kind, rows, bounded(problems, file))


# ----- the indicator catalogue ---------------------------------------------------------

CATALOGUE_COLUMNS = schema.CATALOGUE_COLUMNS
CATALOGUE_REQUIRED = ("kode", "jenis", "kelompok", "label_id", "label_en", "opd", "arah")
# Accepted spellings -> the catalogue's own value (data/indikator.csv).
CATALOGUE_VALUES = {
    "jenis": {"prevalence": "prevalence", "prevalensi": "prevalence", "coverage": "coverage", "cakupan": "coverage"},
    "kelompok": {
        "outcome": "outcome",
        "luaran": "outcome",
        "spesifik": "spesifik",
        "specific": "spesifik",
        "sensitif": "sensitif",
        "sensitive": "sensitif",
    },
    "arah": {"naik": "naik", "higher": "naik", "up": "naik", "turun": "turun", "lower": "turun", "down": "turun"},
}
CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]{1,39}")
# Codes of the map's derived views (geo.core.schema): never an indicator of their own.
RESERVED_CODES = (schema.SMOOTHED.code, schema.SCORE.code, *(c.code for c in schema.CLUSTERS))


def validate_catalogue(raw: pd.DataFrame, file: str = "", base: schema.Catalogue | None = None) -> Checked:
    """Check a file of indicator catalogue rows (the columns of data/indikator.csv) against the
    catalogue in effect (``base``): every problem with its row and column, in both languages.
    A code already in the catalogue keeps its kind (prevalence or coverage): a code with data
    stays valid; its texts, group, office, polarity and target may change."""
    kind = CATALOGUE_KIND
    base = base if base is not None else schema.catalogue()
    cols = map_columns([c for c in raw.columns], CATALOGUE_COLUMNS)
    missing = [c for c in CATALOGUE_REQUIRED if c not in cols]
    if missing:
        found = ", ".join(str(c) for c in raw.columns if c != "_row")
        problem = Problem(
            "table.missing_columns", {"missing": ", ".join(missing), "found": found, "kind": kind}, file=file
        )
        return Checked(kind, pd.DataFrame(columns=CATALOGUE_COLUMNS), [problem])
    if not len(raw):
        return Checked(kind, pd.DataFrame(columns=CATALOGUE_COLUMNS), [Problem("file.no_rows", file=file)])
    problems: list[Problem] = []
    out = []
    first: dict[str, int] = {}
    for rec in records(raw):
        r = _Row(rec, cols, file, problems)
        bad = False
        code = r.text("kode")
        if code is None:
            r.problem("value.missing", "kode")
            bad = True
        elif not CODE_PATTERN.fullmatch(code):
            r.problem("indikator.bad_code", "kode", value=code)
            bad = True
        elif code in RESERVED_CODES:
            r.problem("indikator.reserved_code", "kode", value=code)
            bad = True
        elif code in first:
            r.problem("indikator.duplicate", "kode", value=code, first=first[code])
            bad = True
        else:
            first[code] = r.row
        values = {}
        for col, known in CATALOGUE_VALUES.items():
            given = r.text(col)
            value = known.get((given or "").casefold())
            if given is None:
                r.problem("value.missing", col)
                bad = True
            elif value is None:
                r.problem("indikator.bad_value", col, value=given, known=", ".join(dict.fromkeys(known.values())))
                bad = True
            values[col] = value
        if code in base and values["jenis"] and values["jenis"] != base[code].kind:
            r.problem("indikator.kind_fixed", "jenis", code=code, old=base[code].kind, value=values["jenis"])
            bad = True
        texts = {c: r.text(c) for c in CATALOGUE_COLUMNS if c.endswith(("_id", "_en"))}
        for c in ("label_id", "label_en", "opd"):
            if (r.text(c) if c == "opd" else texts[c]) is None:
                r.problem("value.missing", c)
                bad = True
        for stem in ("pendek", "pembilang", "penyebut"):  # a text in one language needs the other too
            one, two = texts[f"{stem}_id"], texts[f"{stem}_en"]
            if (one is None) != (two is None):
                r.problem("indikator.one_language", f"{stem}_id" if one is None else f"{stem}_en")
                bad = True
        target, err = parse_number(r.raw("target_persen"))
        if err:
            r.problem(err, "target_persen", value=text(r.raw("target_persen")) or "")
            bad = True
        elif target is not None and not 0 <= target <= 100:
            r.problem("value.pct_range", "target_persen", value=target)
            bad = True
        if target is not None and r.text("sumber_target") is None:
            r.problem("indikator.target_no_source", "sumber_target")
            bad = True
        if bad:
            continue
        out.append(
            {
                "kode": code,
                "jenis": values["jenis"],
                "kelompok": values["kelompok"],
                **{c: texts[c] or "" for c in texts},
                "pendek_id": texts["pendek_id"] or texts["label_id"],
                "pendek_en": texts["pendek_en"] or texts["label_en"],
                "opd": r.text("opd"),
                "arah": values["arah"],
                "target_persen": None if target is None else float(target),
                "sumber_target": r.text("sumber_target") or "",
                "kode_kepmendagri": r.text("kode_kepmendagri") or "",
            }
        )
    rows = pd.DataFrame(out, columns=list(CATALOGUE_COLUMNS))
    problems.sort(key=lambda p: (p.row or 0, p.level != "error"))
    return Checked(kind, rows, bounded(problems, file))


# ----- boundary files -------------------------------------------------------------------


def validate_boundaries(raw: gpd.GeoDataFrame, file: str = "") -> Checked:
    """Normalise a boundary layer (codes, names, CRS, repair) and check it.

    Invalid geometry is repaired and reported as a warning; missing or duplicate codes,
    no CRS and heavy overlaps between villages are errors.
    """
    from geo.core.errors import DataError

    problems: list[Problem] = []
    if raw.crs is not None and len(raw):
        invalid = ~shapely.is_valid(raw.geometry.values) & ~shapely.is_missing(raw.geometry.values)
        for i in np.flatnonzero(invalid):
            problems.append(
                Problem(
                    "batas.invalid_geometry",
                    {"reason": shapely.is_valid_reason(raw.geometry.values[i])[:80]},
                    file=file,
                    row=int(i) + 2,
                    level="warning",
                )
            )
    try:
        gdf = bnd.normalise(raw, file=file)
    except DataError as exc:
        return Checked("batas", gpd.GeoDataFrame(), exc.problems + problems)
    minx, miny, maxx, maxy = gdf.total_bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        problems.append(Problem("batas.bad_extent", file=file))
    problems.extend(overlaps(gdf, file))
    return Checked("batas", gdf, problems)


def overlaps(gdf: gpd.GeoDataFrame, file: str = "", share: float = OVERLAP_SHARE) -> list[Problem]:
    """Pairs of villages whose overlap is more than ``share`` of the smaller one.

    Candidate pairs come from one spatial-index query over the whole array; their
    intersections are computed array-wise in chunks, and the first :data:`MAX_LISTED` pairs
    are listed (the rest counted)."""
    geoms = gdf.geometry.values
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    area = shapely.area(geoms)
    hits_l, hits_r, shares = [], [], []
    for start in range(0, len(left), OVERLAP_CHUNK):
        i, j = left[start : start + OVERLAP_CHUNK], right[start : start + OVERLAP_CHUNK]
        smaller = np.minimum(area[i], area[j])
        inter = shapely.area(shapely.intersection(geoms[i], geoms[j]))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(smaller > 0, inter / np.where(smaller > 0, smaller, 1), 0.0)
        hit = ratio > share
        hits_l.append(i[hit])
        hits_r.append(j[hit])
        shares.append(ratio[hit])
    if not hits_l:
        return []
    li, ri, sh = np.concatenate(hits_l), np.concatenate(hits_r), np.concatenate(shares)
    order = np.lexsort((li, ri))  # by the later village's row, as before
    names, codes = gdf["nama_desa"].to_numpy(), gdf["kode_desa"].to_numpy()
    out = [
        Problem(
            "batas.overlap",
            {"a": f"{names[i]} ({codes[i]})", "b": f"{names[j]} ({codes[j]})", "share": round(100 * float(r))},
            file=file,
            row=int(j) + 2,
        )
        for i, j, r in zip(li[order][: MAX_LISTED + 1], ri[order][: MAX_LISTED + 1], sh[order][: MAX_LISTED + 1])
    ]
    if len(order) > MAX_LISTED:
        out = out[:MAX_LISTED] + [
            Problem(
                "problems.more", {"count": len(order) - MAX_LISTED, "row": out[MAX_LISTED - 1].row}, file=file or None
            )
        ]
    return out
