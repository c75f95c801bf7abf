"""Reading and writing spreadsheets: CSV (as Excel writes it, Dutch Excel included) and .xlsx.

Reading gives the header and the rows as text, each with its row number in the spreadsheet
(the header is row 1), so a message can point at the cell the coordinator sees. Formulas are
read as the text of the formula and never evaluated; a value that an export escaped
(`'=...`) comes back as it was. Writing goes through tablib and escapes every cell that a
spreadsheet program would run as a formula (CSV injection).

CSV is read with the standard library's reader rather than tablib's loader: tablib drops
blank lines (which would shift every row number after them) and refuses rows of another
width; the reader underneath is the same.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Cells a spreadsheet program would treat as a formula (OWASP's list: tab and CR too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITERS = (";", ",", "\t")


class TableError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Table:
    headers: list[str]
    # (row number in the spreadsheet, cells as text); rows without any text are left out.
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_table(upload) -> Table:
    """Read an uploaded CSV or .xlsx file (a Django UploadedFile). Raise TableError when it
    is too large, of another kind, unreadable or has no header."""
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise TableError(_(
            "The file is %(size)s; at most %(limit)s can be imported. Split the list over "
            "several files, or remove columns and sheets that are not needed."
        ) % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)})
    data = upload.read(limit + 1)
    name = (upload.name or "").lower()
    if data[:4] == b"PK\x03\x04" or name.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif name.endswith((".xls", ".ods", ".numbers")) or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TableError(_(
            "This kind of file cannot be read. Save it in Excel as ‘Excel-werkmap (.xlsx)’ "
            "or as ‘CSV (gescheiden door lijstscheidingsteken)’ and upload that."
        ))
    else:
        table = _read_csv(data)
    if not any(table.headers):
        raise TableError(_("The file is empty: the first row must name the columns."))
    if len(table.rows) > settings.IMPORT_MAX_ROWS:
        raise TableError(_(
            "The file has %(count)s rows; at most %(limit)s can be imported at once."
        ) % {"count": len(table.rows), "limit": settings.IMPORT_MAX_ROWS})
    return table


def decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes) or else Windows-1252, Excel's ‘CSV’ on a
    Dutch Windows machine. Bytes that fit neither are refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise TableError(_(
        "The file cannot be read as text. Save it in Excel as ‘CSV UTF-8’ or as ‘Excel-werkmap "
        "(.xlsx)’ and upload that."
    ))


def sniff_delimiter(header_line: str) -> str:
    """Dutch Excel separates with `;`, English Excel with `,`: whichever the header has most."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text = decode(data)
    # The header is the first line with text (a file may start with blank lines).
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header_line))
    try:
        lines = list(reader)
    except csv.Error as error:
        raise TableError(_("The file is not a readable CSV file (%(error)s).") % {
            "error": error}) from error
    return _table(enumerate(lines, start=1))


def _read_xlsx(data: bytes) -> Table:
    # openpyxl only on demand: most uploads are CSV.
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell gives the formula's text, never a computed value.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        lines = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            lines.append((number, [_cell_text(value) for value in row]))
            if number > settings.IMPORT_MAX_ROWS + 1:
                break
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError) as error:
        raise TableError(_(
            "The file is not a readable Excel workbook (.xlsx). Open it in Excel and save it "
            "again as ‘Excel-werkmap (.xlsx)’."
        )) from error
    return _table(lines)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def unescape(text: str) -> str:
    """A cell that an export escaped (`'=...`) reads as what it was; other text as is."""
    text = text.strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def _table(lines) -> Table:
    table = Table(headers=[])
    for number, cells in lines:
        cells = [unescape(cell) for cell in cells]
        if not table.headers:
            if any(cells):
                table.headers = cells
            continue
        if any(cells):
            table.rows.append((number, cells))
    while table.headers and not table.headers[-1]:
        table.headers.pop()
    return table


# --- Writing -----------------------------------------------------------------------------------


def escape(value) -> str:
    """CSV injection: a cell that a spreadsheet would run as a formula gets a leading `'`,
    which spreadsheet programs show as text and `unescape` removes on import."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def dataset(headers: list[str], rows, title: str = "") -> tablib.Dataset:
    data = tablib.Dataset(headers=headers, title=title)
    for row in rows:
        data.append([escape(value) for value in row])
    return data


def as_csv(data: tablib.Dataset) -> bytes:
    """With `;` and a UTF-8 BOM, so that Dutch Excel opens it with the accents right."""
    return ("\ufeff" + data.export("csv", delimiter=";")).encode("utf-8")


def as_xlsx(data: tablib.Dataset) -> bytes:
    return data.export("xlsx")


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(data: tablib.Dataset, fmt: str) -> bytes:
    return as_csv(data) if fmt == "csv" else as_xlsx(data)
