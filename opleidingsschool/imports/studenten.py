"""The students list: e-mail, voornaam, achternaam, opleiding, studiejaar, studentnummer.

A row is about an existing student when its e-mail address is theirs, else when its student
number is theirs at the same institute (so a corrected e-mail address is a change, not a new
student). An empty student number leaves the one in the portal as it is."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..models import Opleiding, Student, User
from ..partnerschap import selectors
from .base import (
    CHANGED,
    ERROR,
    NEW,
    UNCHANGED,
    Column,
    Importer,
    RowPreview,
    check_lengths,
    name_key,
    person_columns,
    rows_text,
)

MAX_LENGTHS = {"email": 254, "first_name": 150, "last_name": 150, "student_number": 30}


class StudentImporter(Importer):
    kind = "studenten"
    creates_people = True
    columns = (
        *person_columns(
            email="jan.jansen@student.example.org", first_name="Jan", last_name="Jansen",
            key_help=gettext_lazy(
                "the key: a student with this address is updated, otherwise added"),
        ),
        Column("opleiding", "opleiding", aliases=("programme", "program"),
               example="Leraar Geschiedenis",
               help=gettext_lazy("the programme's name as on the programmes page")),
        Column("study_year", "studiejaar", aliases=("study year", "jaar"), example="2",
               help=gettext_lazy("1, 2, 3 or 4")),
        Column("student_number", "studentnummer", aliases=("student number", "studentnr"),
               required=False, example="500123456", help=gettext_lazy(
                   "may be empty; an empty cell leaves the number in the portal as it is")),
    )

    # --- Reading the portal, a fixed number of queries -------------------------------------

    def _opleidingen(self, partnerschap):
        """The programmes of the institutes the partnership works with."""
        by_name, by_label = defaultdict(list), {}
        for opleiding in selectors.opleidingen_of(partnerschap).select_related("instituut"):
            by_name[name_key(opleiding.name)].append(opleiding)
            by_label[name_key(str(opleiding))] = opleiding
        return by_name, by_label

    def opleiding_cell(self, opleiding: Opleiding, by_name) -> str:
        """The name as on the programmes page; with level and institute when another
        institute has a programme of the same name."""
        return opleiding.name if len(by_name[name_key(opleiding.name)]) == 1 else str(opleiding)

    def check(self, rows: list[dict], *, partnerschap) -> list[RowPreview]:
        """Programmes and student numbers are looked up in the partnership; an address of
        another partnership's student is an error in its cell, never an update of them."""
        previews = [RowPreview(number=row["row"], cells=dict(row["cells"])) for row in rows]
        by_name, by_label = self._opleidingen(partnerschap)
        emails = {p.cells["email"].lower() for p in previews if p.cells["email"]}
        users = {
            user.email.lower(): user
            for user in User.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=emails).select_related("student__opleiding", "starter")
        }
        numbers = {p.cells["student_number"] for p in previews if p.cells["student_number"]}
        by_number = {
            (student.opleiding.instituut_id, student.student_number): student
            for student in selectors.studenten_of(partnerschap).filter(
                student_number__in=numbers)
            .select_related("user", "opleiding")
        }
        email_rows, number_rows = defaultdict(list), defaultdict(list)
        for preview in previews:
            self._check_cells(preview, by_name, by_label)
            if preview.cells["email"]:
                email_rows[preview.cells["email"].lower()].append(preview.number)
            if preview.cells["student_number"] and preview.values["opleiding"] is not None:
                key = (preview.values["opleiding"].instituut_id, preview.cells["student_number"])
                number_rows[key].append(preview.number)
        claimed: dict[int, int] = {}  # student pk -> row number
        for preview in previews:
            self._match(preview, users, by_number, email_rows, number_rows, claimed,
                        partnerschap)
        return previews

    def _check_cells(self, preview: RowPreview, by_name, by_label) -> None:
        cells = preview.cells
        check_lengths(preview, self.columns, MAX_LENGTHS)
        if cells["email"] and "email" not in preview.errors:
            try:
                validate_email(cells["email"])
            except ValidationError:
                preview.error("email", _("‘%(value)s’ is not a valid e-mail address.") % {
                    "value": cells["email"]})
        preview.values["opleiding"] = None
        if cells["opleiding"] and "opleiding" not in preview.errors:
            key = name_key(cells["opleiding"])
            found = by_label.get(key) or by_name.get(key)
            if not found:
                example = next(iter(by_label.values()), None)
                preview.error("opleiding", _(
                    "Unknown programme ‘%(value)s’. Use the name as on the programmes page"
                    "%(example)s."
                ) % {"value": cells["opleiding"], "example": _(", e.g. ‘%(name)s’") % {
                    "name": example.name} if example else ""})
            elif isinstance(found, list) and len(found) > 1:
                preview.error("opleiding", _(
                    "Several institutes have a programme called ‘%(value)s’. Write one of: "
                    "%(options)s."
                ) % {"value": cells["opleiding"],
                     "options": ", ".join(f"‘{o}’" for o in found)})
            else:
                preview.values["opleiding"] = found[0] if isinstance(found, list) else found
        preview.values["study_year"] = None
        if cells["study_year"] and "study_year" not in preview.errors:
            year = cells["study_year"]
            if year.isdigit() and 1 <= int(year) <= 4:
                preview.values["study_year"] = int(year)
            else:
                preview.error("study_year", _(
                    "The study year is 1, 2, 3 or 4, not ‘%(value)s’.") % {"value": year})

    def _match(self, preview, users, by_number, email_rows, number_rows, claimed,
               partnerschap) -> None:
        cells = preview.cells
        email = cells["email"].lower()
        if len(email_rows.get(email, [])) > 1:
            others = [n for n in email_rows[email] if n != preview.number]
            preview.error("email", _("The same e-mail address is also in row %(rows)s.") % {
                "rows": rows_text(others)})
        student = None
        user = users.get(email) if email and "email" not in preview.errors else None
        if user is not None:
            # A starter's learning record (issue 15) is not a student's to change here.
            student = None if hasattr(user, "starter") else getattr(user, "student", None)
            if student is None:
                preview.error("email", _(
                    "This e-mail address belongs to someone in the portal who is not a "
                    "student (a staff member or a starting teacher)."))
            elif student.partnerschap_id != partnerschap.pk:
                preview.error("email", _(
                    "This e-mail address belongs to a student of another partnership. Their "
                    "record cannot be changed from here."))
                student = None
        number = cells["student_number"]
        if number and "student_number" not in preview.errors and preview.values["opleiding"] is not None:
            instituut_id = preview.values["opleiding"].instituut_id
            others = [n for n in number_rows[(instituut_id, number)] if n != preview.number]
            if others:
                preview.error("student_number", _(
                    "The same student number is also in row %(rows)s.") % {
                        "rows": rows_text(others)})
            owner = by_number.get((instituut_id, number))
            if owner is not None and user is None and "email" not in preview.errors:
                student = owner  # a new e-mail address for a student the portal knows
            elif owner is not None and student is not None and owner.pk != student.pk:
                preview.error("student_number", _(
                    "This student number belongs to %(name)s (%(email)s), another student "
                    "of %(instituut)s.") % {"name": owner, "email": owner.user.email,
                                             "instituut": preview.values["opleiding"].instituut})
        if student is not None:
            if student.pk in claimed:
                preview.error("email", _(
                    "Row %(row)s is about the same student (%(name)s).") % {
                        "row": claimed[student.pk], "name": student})
            claimed.setdefault(student.pk, preview.number)
        preview.target = student
        if preview.status == ERROR:
            return
        if student is None:
            preview.status = NEW
            return
        preview.changed = self._changes(student, preview)
        preview.status = CHANGED if preview.changed else UNCHANGED

    def _changes(self, student: Student, preview: RowPreview) -> list[str]:
        cells, user = preview.cells, student.user
        portal = {
            "email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "opleiding": str(student.opleiding), "study_year": str(student.study_year),
            "student_number": student.student_number,
        }
        differs = {
            "email": cells["email"].lower() != user.email.lower(),
            "first_name": cells["first_name"] != user.first_name,
            "last_name": cells["last_name"] != user.last_name,
            "opleiding": preview.values["opleiding"].pk != student.opleiding_id,
            "study_year": preview.values["study_year"] != student.study_year,
            "student_number": bool(cells["student_number"])
            and cells["student_number"] != student.student_number,
        }
        changed = [name for name, different in differs.items() if different]
        preview.old = {name: portal[name] for name in changed}
        return changed

    # --- Writing ---------------------------------------------------------------------------

    def apply(self, previews: list[RowPreview], *, partnerschap) -> dict:
        """Create the new students (without mail: inviting is the next step) and change the
        changed ones, through the same services as the one-by-one pages. The caller holds
        the transaction."""
        new_user_ids = []
        counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0}
        for preview in previews:
            cells = preview.cells
            data = {
                "email": cells["email"], "first_name": cells["first_name"],
                "last_name": cells["last_name"], "opleiding": preview.values["opleiding"],
                "study_year": preview.values["study_year"],
            }
            if preview.status == NEW:
                student = services.invite_student(
                    **data, student_number=cells["student_number"], send_mail=False,
                    partnerschap=partnerschap)
                new_user_ids.append(student.user_id)
            elif preview.status == CHANGED:
                services.update_student(
                    student=preview.target, **data,
                    student_number=cells["student_number"] or preview.target.student_number,
                )
            counts[preview.status] += 1
        return {**counts, "new_user_ids": new_user_ids}

    # --- Export ----------------------------------------------------------------------------

    def export_rows(self, *, partnerschap) -> list[list[str]]:
        by_name, _by_label = self._opleidingen(partnerschap)
        opleidingen = {o.pk: o for found in by_name.values() for o in found}
        return [
            [student.user.email, student.user.first_name, student.user.last_name,
             # A programme of an institute the partnership no longer works with: in full.
             self.opleiding_cell(opleidingen[student.opleiding_id], by_name)
             if student.opleiding_id in opleidingen else str(student.opleiding),
             str(student.study_year), student.student_number]
            for student in selectors.studenten_of(partnerschap)
            .select_related("user", "opleiding__instituut")
            .order_by("user__last_name", "user__first_name", "pk")
        ]
