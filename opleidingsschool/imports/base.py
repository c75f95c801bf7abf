"""What every list's importer shares: its columns, matching the file's header to them, and
the preview of one row. One importer per list (students, staff, placements) implements
`check` (a preview of every row, a fixed number of queries), `apply` (write
the rows, inside the caller's transaction) and `export_rows`, each for one partnership: it
looks up and writes that partnership's schools, institutes, students and staff only."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .tables import TableError

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
STATUS_LABELS = {
    NEW: gettext_lazy("new"),
    CHANGED: gettext_lazy("changed"),
    UNCHANGED: gettext_lazy("unchanged"),
    ERROR: gettext_lazy("error"),
}


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # as in the template and the export (Dutch, whatever the UI language)
    required: bool = True  # the cell may not be empty (every column must be in the file)
    aliases: tuple[str, ...] = ()
    example: str = ""
    help: str = ""  # what the cell holds, on the upload page (lazily translated)


def person_columns(*, email: str, first_name: str, last_name: str, key_help) -> tuple:
    """The e-mail address (the key), first and last name that every list of people starts
    with; `key_help` says what the key does for this list."""
    return (
        Column("email", "e-mail", aliases=("email", "e-mailadres", "emailadres", "e-mail address"),
               example=email, help=key_help),
        Column("first_name", "voornaam", aliases=("first name",), example=first_name),
        Column("last_name", "achternaam", aliases=("last name", "tussenvoegsel en achternaam"),
               example=last_name),
    )


def header_key(text: str) -> str:
    """`E-mailadres`, `e mail` and `EMAIL` are one column: lower case, letters only."""
    return re.sub(r"[^a-z0-9]", "", text.strip().lower())


@dataclass
class RowPreview:
    number: int  # the row in the spreadsheet
    cells: dict[str, str]
    status: str = NEW
    errors: dict[str, str] = field(default_factory=dict)  # field -> message
    changed: list[str] = field(default_factory=list)  # fields that differ from the portal
    old: dict[str, str] = field(default_factory=dict)  # the portal's value of a changed field
    target: object = None  # the existing record the row is about
    values: dict = field(default_factory=dict)  # the cells parsed (a programme, a number)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)
        self.status = ERROR

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


class Importer(ABC):
    kind = ""
    columns: tuple[Column, ...] = ()
    creates_people = False  # the result page offers to invite the people it created

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def match_headers(self, headers: list[str]) -> tuple[dict[int, str], list[str]]:
        """Which column of the file is which field, and the file's columns the list does not
        have (named in the preview and not imported). Missing or repeated columns make the
        whole file unreadable (TableError naming them)."""
        known = {}
        for column in self.columns:
            for name in (column.header, column.field, *column.aliases):
                known[header_key(name)] = column
        positions: dict[int, str] = {}
        seen: dict[str, str] = {}
        ignored: list[str] = []
        for index, header in enumerate(headers):
            column = known.get(header_key(header))
            if column is None:
                if header.strip():
                    ignored.append(header.strip())
                continue
            if column.field in seen:
                raise TableError(_(
                    "The column ‘%(column)s’ appears twice (as ‘%(first)s’ and ‘%(second)s’). "
                    "Keep one of them."
                ) % {"column": column.header, "first": seen[column.field], "second": header})
            seen[column.field] = header
            positions[index] = column.field
        missing = [column.header for column in self.columns if column.field not in seen]
        if missing:
            raise TableError(ngettext(
                "The column %(columns)s is missing. The first row must name the columns: "
                "%(all)s.",
                "The columns %(columns)s are missing. The first row must name the columns: "
                "%(all)s.",
                len(missing),
            ) % {"columns": ", ".join(f"‘{name}’" for name in missing),
                 "all": ", ".join(self.headers)})
        return positions, ignored

    def cells_of(self, positions: dict[int, str], cells: list[str]) -> dict[str, str]:
        row = {column.field: "" for column in self.columns}
        for index, name in positions.items():
            if index < len(cells):
                row[name] = cells[index].strip()
        return row

    # Each list's importer implements these; one that misses any cannot be built. ----------

    @abstractmethod
    def check(self, rows: list[dict], *, partnerschap) -> list[RowPreview]:
        """A preview per row: new, changed, unchanged or error (with a message per cell)."""

    @abstractmethod
    def apply(self, previews: list[RowPreview], *, partnerschap) -> dict:
        """Write the previewed rows into the partnership (called inside one transaction)."""

    @abstractmethod
    def export_rows(self, *, partnerschap) -> list[list[str]]:
        """The partnership's list as rows in the columns of the import (the round trip)."""

    def template_rows(self) -> list[list[str]]:
        return [[column.example for column in self.columns]]


def rows_text(numbers: list[int]) -> str:
    return ", ".join(str(number) for number in numbers)


def name_key(text: str) -> str:
    """Names compare without case and with runs of spaces as one."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def split_list(text: str) -> list[str]:
    """A comma-separated cell (`a, b,,c`) as its non-empty items; `;` separates too."""
    return [item.strip() for item in re.split(r"[,;]", text) if item.strip()]


def check_lengths(preview: RowPreview, columns, max_lengths: dict[str, int]) -> None:
    """Every required cell filled, no cell longer than its field allows."""
    for column in columns:
        value = preview.cells[column.field]
        limit = max_lengths.get(column.field, 200)
        if column.required and not value:
            preview.error(column.field, _("Required: this cell is empty."))
        elif len(value) > limit:
            preview.error(column.field, _("At most %(count)s characters.") % {"count": limit})


def duplicates(previews: list[RowPreview], key) -> dict[int, list[int]]:
    """Row number -> the other rows with the same key (rows whose key is None are left out)."""
    rows: dict = {}
    for preview in previews:
        value = key(preview)
        if value is not None:
            rows.setdefault(value, []).append(preview.number)
    return {
        number: [other for other in numbers if other != number]
        for numbers in rows.values() if len(numbers) > 1 for number in numbers
    }
