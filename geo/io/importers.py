"""Import a file: read it safely, validate it, store it as a new version.

The command line and the data page both go through :func:`check` and :func:`commit`,
so they apply the same checks and a rejected file changes nothing.
"""

from __future__ import annotations

import gc
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from geo.core.errors import DataError, Problem
from geo.io import readers, store, validate
from geo.io.validate import KINDS, Checked


@dataclass
class Outcome:
    checked: Checked
    file_name: str
    file_hash: str
    version_id: int | None = None


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current_boundaries():
    from geo.io import loading

    return loading.current_boundaries()


OFFICE_COLUMN = {"cakupan": "opd", "sarana": "opd", "prevalensi": "sumber", "rencana": "opd", "realisasi": "opd"}


def _office_key(text) -> str:
    return " ".join(str(text or "").split()).casefold()


def office_rules(kind: str, raw, checked: Checked, office: str, indicators=(), file: str = "") -> Checked:
    """An office account's file: its rows carry the office as their source, a row that names
    another office is an error (row, column), and coverage rows of indicators not assigned to the
    office are errors too. Returns the checked file with those problems added."""
    problems = list(checked.problems)
    col_ours = OFFICE_COLUMN.get(kind)
    cols = validate.map_columns(list(raw.columns), [c for c in (col_ours, "indikator") if c])
    mine = _office_key(office)
    for rec in validate.records(raw):
        row = rec.get("_row")
        if col_ours in cols:
            claimed = validate.text(rec.get(cols[col_ours]))
            if claimed and mine not in _office_key(claimed):
                problems.append(
                    Problem(
                        "office.claims_other",
                        {"claimed": claimed, "office": office},
                        file=file or None,
                        row=row,
                        column=cols[col_ours],
                    )
                )
        if kind == "cakupan" and indicators and "indikator" in cols:
            ind = validate._indicator(validate.text(rec.get(cols["indikator"])))
            if ind is not None and ind not in indicators:
                problems.append(
                    Problem(
                        "office.indicator_not_assigned",
                        {"indicator": ind, "office": office},
                        file=file or None,
                        row=row,
                        column=cols["indikator"],
                    )
                )
    rows = checked.rows
    if rows is not None and len(rows) and col_ours in rows.columns:
        rows = rows.copy()
        if kind == "prevalensi":
            rows[col_ours] = [v if v and mine in _office_key(v) else office for v in rows[col_ours]]
            rows["opd"] = office  # the observation's office (geo.io.coverage): the account's own
        else:
            rows[col_ours] = office
    problems.sort(key=lambda p: (p.key == "problems.more", p.row or 0, p.level != "error"))
    return Checked(checked.kind, rows, validate.bounded(problems, file))


def check(
    kind: str,
    data: bytes,
    file_name: str,
    boundaries=None,
    choices: dict | None = None,
    by_month: bool = False,
    office: str | None = None,
    indicators=(),
) -> Checked:
    """Validate a file's bytes as ``kind``; never raises for bad input, never stores. ``choices``:
    {row: kode_desa} the user confirmed for rows with an ambiguous village name. ``by_month``
    (``pengukuran`` only): one period per month instead of per year. ``office``: the office
    account importing it (its rules: :func:`office_rules`; ``indicators`` it may report)."""
    file_name = readers.base_name(file_name)
    if kind not in KINDS:
        return Checked(kind, None, [Problem("file.unknown_kind", {"kind": kind, "kinds": ", ".join(KINDS)})])
    try:
        if kind == "batas":
            from geo.io import boundaries as bnd

            with tempfile.TemporaryDirectory(prefix="konvergensi-") as tmp:
                src = readers.unpack_boundary(data, file_name, Path(tmp))
                raw = bnd.read_raw(src)
                raw_name = file_name
                return validate.validate_boundaries(raw, raw_name)
        if kind == validate.MEASUREMENT_KIND:
            from geo.core import config
            from geo.io import measurements

            # only the columns the rules use are read: parents' names, addresses etc. never load
            raw = readers.read_table(data, file_name, keep=measurements.wanted_column)
            b = boundaries if boundaries is not None else current_boundaries()
            checked = measurements.check(raw, b, file_name, salt=config.nik_salt(), by_month=by_month)
            del raw  # the by-name records go no further than this function
            if office and checked.rows is not None and "sumber" in getattr(checked.rows, "columns", ()):
                checked.rows["sumber"] = office  # an office's measurements carry its own name
            return checked
        raw = readers.read_table(data, file_name)
        if kind == validate.PUBLISHED_KIND:
            return validate.validate_published(raw, file_name)
        from geo.io import catalogue

        # the store's catalogue, installed: a coverage file may name an indicator imported before
        cat = catalogue.current_catalogue()
        if kind == validate.CATALOGUE_KIND:
            return validate.validate_catalogue(raw, file_name, cat)
        checked = validate.validate_table(
            kind, raw, boundaries if boundaries is not None else current_boundaries(), file_name, choices
        )
        return office_rules(kind, raw, checked, office, indicators, file_name) if office else checked
    except DataError as exc:
        return Checked(kind, None, exc.problems)


def stored_kind(kind: str) -> str:
    """The dataset a kind lands in: an e-PPGBM report becomes a ``prevalensi`` version."""
    return "prevalensi" if kind == validate.MEASUREMENT_KIND else kind


def commit(kind: str, checked: Checked, file_name: str, data: bytes | None, by: str, digest: str | None = None) -> int:
    """Store a checked file (no errors) as a new version with its accepted warnings.
    ``digest``: the file's SHA-256 when the bytes themselves are no longer kept (pengukuran)."""
    if not checked.ok:
        raise DataError(checked.errors)
    try:
        return store.import_table(
            stored_kind(kind),
            checked.rows,
            {
                "file_name": readers.base_name(file_name),
                "file_hash": digest or file_hash(data or b""),
                "imported_by": by,
                "warnings": checked.warnings,
            },
        )
    finally:
        gc.collect()  # a province file's frames go now, before the server rebuilds its dataset


def ambiguous_rows(checked: Checked) -> dict[int, list[str]]:
    """{row: candidate codes} of the rows whose only error is an ambiguous village name."""
    errors = checked.errors
    rows = {p.row: list(p.params.get("codes", [])) for p in errors if p.key == "desa.ambiguous" and p.row}
    other = {p.row for p in errors if p.key != "desa.ambiguous"}
    return {r: c for r, c in rows.items() if r not in other and c}


def ambiguous_choices(checked: Checked, boundaries=None) -> list[dict]:
    """The rows to show for confirmation, in row order: {"row", "name", "options": [{"value": code,
    "label": "Nama desa (Kecamatan, kode)"}]} for each row whose only error is an ambiguous village name."""
    rows = ambiguous_rows(checked)
    if not rows:
        return []
    b = boundaries if boundaries is not None else current_boundaries()
    name = dict(zip(b["kode_desa"], b["nama_desa"].astype(str)))
    kec = dict(zip(b["kode_desa"], b["nama_kec"].astype(str)))
    typed = {p.row: str(p.params.get("name", "")) for p in checked.errors if p.key == "desa.ambiguous"}
    return [
        {
            "row": r,
            "name": typed.get(r, ""),
            "options": [{"value": c, "label": f"{name.get(c, c)} ({kec.get(c, '–')}, {c})"} for c in codes],
        }
        for r, codes in sorted(rows.items())
    ]


def run(
    kind: str,
    data: bytes,
    file_name: str,
    by: str,
    dry_run: bool = False,
    boundaries=None,
    choices: dict | None = None,
    by_month: bool = False,
) -> Outcome:
    checked = check(kind, data, file_name, boundaries, choices, by_month)
    out = Outcome(checked, readers.base_name(file_name), file_hash(data))
    if checked.ok and not dry_run:
        out.version_id = commit(kind, checked, file_name, data, by)
    return out
