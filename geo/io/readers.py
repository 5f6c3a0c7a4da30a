"""Read files as offices produce them, safely.

CSV with ``,`` ``;`` or tab separators, UTF-8 with or without BOM or Windows-1252,
XLSX (first sheet), blank rows and stray spaces; boundary files as GeoPackage,
GeoJSON or zipped shapefile. Every reader keeps the spreadsheet row number of each
record (header = row 1) in the column ``_row`` so problems can name it.

Hostile input is refused before it is parsed: files over the size limit, zip archives
whose entries escape the folder, and zip bombs (too large once unpacked, or packed
far more tightly than real data).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path, PurePosixPath

import pandas as pd

from geo.core.errors import DataError, Problem

DEFAULT_MAX_MB = 20.0
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # everything inside one archive, unpacked
MAX_RATIO = 100  # unpacked / packed size of one entry (text compresses ~5-20x)
TABLE_EXTS = (".csv", ".txt", ".xlsx")
BOUNDARY_EXTS = (".gpkg", ".geojson", ".json", ".zip", ".shp")


def base_name(name) -> str:
    """The file's own name, without any folder (``/`` or Windows ``\\``): messages and the
    store never show where a file came from on someone's computer or the server."""
    return re.split(r"[\\/]", str(name or ""))[-1].strip() or "?"


def max_bytes() -> int:
    """The upload/import size limit: ``KONVERGENSI_MAX_UPLOAD_MB`` (default 20 MB)."""
    from geo.core import config

    mb = config.max_upload_mb()
    return int((mb if mb > 0 else DEFAULT_MAX_MB) * 1024 * 1024)


def check_size(size: int, file: str) -> None:
    limit = max_bytes()
    if size > limit:
        raise DataError(
            [
                Problem(
                    "file.too_large", {"size": round(size / 1048576, 1), "limit": round(limit / 1048576, 1)}, file=file
                )
            ]
        )
    if size == 0:
        raise DataError([Problem("file.empty", file=file)])


def check_zip(zf: zipfile.ZipFile, file: str) -> list[zipfile.ZipInfo]:
    """Refuse archives with unsafe paths or bomb-like sizes; return the entries."""
    problems = []
    total = 0
    infos = zf.infolist()
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            problems.append(Problem("zip.unsafe_path", {"name": info.filename[:120]}, file=file))
            continue
        total += info.file_size
        if (
            info.compress_size
            and info.file_size / max(info.compress_size, 1) > MAX_RATIO
            and info.file_size > 1_000_000
        ):
            problems.append(Problem("zip.bomb", {"name": info.filename[:120]}, file=file))
    if total > MAX_UNPACKED_BYTES:
        problems.append(
            Problem(
                "zip.too_large", {"size": round(total / 1048576), "limit": MAX_UNPACKED_BYTES // 1048576}, file=file
            )
        )
    if problems:
        raise DataError(problems)
    return infos


# ----- tables ---------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (what Excel writes on Windows)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip().strip(",;\t")), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _frame(records: list[tuple[int, list]], file: str) -> pd.DataFrame:
    """Header = first non-blank record; keep each data record's spreadsheet row number."""

    def blank(values):
        return all(v is None or str(v).strip() == "" for v in values)

    records = [(n, vals) for n, vals in records if not blank(vals)]
    if not records:
        raise DataError([Problem("file.no_rows", file=file)])
    header_row, header = records[0]
    names = [("" if h is None else str(h)).strip() for h in header]
    width = len(names)
    while width and not names[width - 1]:
        width -= 1
    names = names[:width]
    rows, numbers = [], []
    for n, vals in records[1:]:
        vals = list(vals[:width]) + [None] * (width - len(vals))
        rows.append([v.strip() if isinstance(v, str) else v for v in vals])
        numbers.append(n)
    df = pd.DataFrame(rows, columns=[c if c else f"_kolom_{i + 1}" for i, c in enumerate(names)], dtype=object)
    df = df.replace({"": None})
    df["_row"] = numbers
    return df


class _Keep:
    """Keeps only the columns a reader needs (``keep(header name) -> bool``), decided on the
    header record, so a wide file never sits in memory whole. ``keep=None`` keeps everything."""

    def __init__(self, keep):
        self.keep, self.idx = keep, None

    def __call__(self, vals):
        if self.keep is None:
            return vals
        if self.idx is None:
            if all(v is None or str(v).strip() == "" for v in vals):
                return vals  # blank rows before the header
            self.idx = [i for i, v in enumerate(vals) if v is not None and self.keep(str(v).strip())]
            if not self.idx:  # nothing wanted: keep the file as it is, so the message can list its columns
                self.keep = None
                return vals
        return [vals[i] if i < len(vals) else None for i in self.idx]


def read_csv_bytes(data: bytes, file: str, keep=None) -> pd.DataFrame:
    text = decode(data)
    delim = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    del text
    records = []
    pick = _Keep(keep)
    same: dict[str, str] = {}  # one object per distinct cell text: a province file repeats its codes,
    seen = same.setdefault  # years, indicators and offices tens of thousands of times
    for i, vals in enumerate(reader):
        records.append((reader.line_num if reader.line_num else i + 1, [seen(v, v) for v in pick(vals)]))
    del same
    # line_num counts physical lines up to the end of the record; for single-line records
    # (all files we see) that is the spreadsheet row.
    return _frame(records, file)


def read_xlsx_bytes(data: bytes, file: str) -> pd.DataFrame:
    """The first sheet's rows. Any failure while opening *or* reading the rows (a truncated sheet,
    a DTD or external entity, which defusedxml refuses) is a problem for the user, never an error."""
    import openpyxl
    from defusedxml import DefusedXmlException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(zf, file)
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            records = [(i, list(vals)) for i, vals in enumerate(ws.iter_rows(values_only=True), start=1)]
        finally:
            wb.close()
    except DataError:
        raise
    except Exception as exc:  # corrupt or truncated workbook: openpyxl and zipfile raise many types
        cause, unsafe = exc, False
        while cause is not None and not unsafe:  # openpyxl wraps defusedxml's refusal in a ValueError
            unsafe = isinstance(cause, DefusedXmlException)
            cause = cause.__cause__ or cause.__context__
        raise DataError([Problem("file.xlsx_unsafe" if unsafe else "file.xlsx_broken", file=file)]) from exc
    return _frame(records, file)


def read_xlsx_columns(data: bytes, file: str, keep) -> pd.DataFrame:
    """The first sheet's wanted columns, read with calamine (Rust): large by-name reports (100,000
    rows x 30 columns) in seconds where openpyxl takes about a minute. The same zip checks first;
    any failure to parse is a plain 'cannot be read'. Dates come as dates, numbers as floats."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(zf, file)
        from python_calamine import CalamineWorkbook

        ws = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        pick = _Keep(keep)
        # iter_rows starts at the sheet's first row (blank rows included): i = spreadsheet row
        records = [(i, pick(list(vals))) for i, vals in enumerate(ws.iter_rows(), start=1)]
    except (DataError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # corrupt workbook: calamine raises several types, a Rust panic included
        raise DataError([Problem("file.unreadable", {"detail": type(exc).__name__}, file=file)]) from exc
    return _frame(records, file)


def read_table(data: bytes, file: str, keep=None) -> pd.DataFrame:
    """A table file's records as text/objects, with ``_row`` = spreadsheet row. ``keep``:
    optional ``header name -> bool``; other columns are dropped while reading."""
    check_size(len(data), file)
    ext = Path(file).suffix.lower()
    if ext == ".xlsx" or data[:4] == b"PK\x03\x04":
        if ext not in (".xlsx", ""):
            raise DataError(
                [Problem("file.bad_type", {"ext": ext or "?", "allowed": ", ".join(TABLE_EXTS)}, file=file)]
            )
        if keep is not None:
            return read_xlsx_columns(data, file, keep)
        return read_xlsx_bytes(data, file)
    if ext == ".xls":
        raise DataError([Problem("file.xls_old", file=file)])
    if ext not in (".csv", ".txt", ""):
        raise DataError([Problem("file.bad_type", {"ext": ext, "allowed": ", ".join(TABLE_EXTS)}, file=file)])
    if b"\x00" in data[:4096]:
        raise DataError([Problem("file.unreadable", {"detail": "binary"}, file=file)])
    return read_csv_bytes(data, file, keep)


# ----- boundary files -------------------------------------------------------------------


def unpack_boundary(data: bytes, file: str, workdir: Path) -> Path:
    """Write a boundary upload into ``workdir`` (unzipping safely); return the path to read."""
    check_size(len(data), file)
    ext = Path(file).suffix.lower()
    if ext not in BOUNDARY_EXTS:
        raise DataError([Problem("file.bad_type", {"ext": ext or "?", "allowed": ", ".join(BOUNDARY_EXTS)}, file=file)])
    workdir.mkdir(parents=True, exist_ok=True)
    if ext != ".zip":
        target = workdir / ("upload" + ext)
        target.write_bytes(data)
        return target
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DataError([Problem("file.unreadable", {"detail": "zip"}, file=file)]) from exc
    with zf:
        infos = check_zip(zf, file)
        root = workdir.resolve()
        for info in infos:
            if info.is_dir():
                continue
            dest = (root / info.filename.replace("\\", "/")).resolve()
            if root not in dest.parents:
                raise DataError([Problem("zip.unsafe_path", {"name": info.filename[:120]}, file=file)])
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(dest, "wb") as out:
                remaining = info.file_size + 1
                while chunk := src.read(1 << 20):
                    remaining -= len(chunk)
                    if remaining < 0:  # the header lied about the size
                        raise DataError([Problem("zip.bomb", {"name": info.filename[:120]}, file=file)])
                    out.write(chunk)
    found = sorted(
        p
        for p in root.rglob("*")
        if p.suffix.lower() in (".shp", ".gpkg", ".geojson", ".json") and "__MACOSX" not in p.parts
    )
    if not found:
        raise DataError([Problem("zip.no_layer", file=file)])
    shp = [p for p in found if p.suffix.lower() == ".shp"]
    return (shp or found)[0]
