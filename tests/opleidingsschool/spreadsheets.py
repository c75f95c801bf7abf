"""Files and previews for the import tests of the students, staff and placements lists."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile


def csv_bytes(header, rows, *, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(header, rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, url: str, content: bytes, name="lijst.csv"):
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def preview_of(client, url: str, content: bytes, name="lijst.csv"):
    """Upload the file and open its preview (which must answer 200)."""
    response = upload(client, url, content, name)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page


def statuses(page) -> dict[int, str]:
    return {row.number: row.status for row in page.context["preview"].rows}


def errors(page) -> dict[int, dict[str, str]]:
    return {row.number: row.errors for row in page.context["preview"].rows if row.errors}
