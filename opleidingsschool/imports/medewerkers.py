"""The staff list: e-mail, voornaam, achternaam, school, instituut, functies, expertise.

A row is about the staff member whose e-mail address it holds. A staff member works at a
school or at an institute (a coordinator may work at neither); `functies` and `expertise`
are comma-separated lists, and an empty cell means none."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..models import Begeleider, Expertise, Functie, Medewerker, User
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
    duplicates,
    name_key,
    person_columns,
    rows_text,
    split_list,
)

MAX_LENGTHS = {"email": 254, "first_name": 150, "last_name": 150, "expertise": 1000}

# The functions as written in the file, in this order, and the Medewerker flag of each.
FUNCTIES = {
    "werkplekbegeleider": "is_werkplekbegeleider",
    "schoolopleider": "is_schoolopleider",
    "instituutsopleider": "is_instituutsopleider",
    "coordinator": "is_coordinator",
}
FUNCTIE_ALIASES = {"wpb": "werkplekbegeleider", "coördinator": "coordinator",
                   "projectleider": "coordinator"}


def functies_cell(medewerker: Medewerker) -> str:
    return ", ".join(name for name, flag in FUNCTIES.items() if getattr(medewerker, flag))


def expertise_cell(expertises) -> str:
    return ", ".join(sorted((e.name for e in expertises), key=name_key))


class StaffImporter(Importer):
    kind = "medewerkers"
    creates_people = True
    columns = (
        *person_columns(
            email="wim.de.vries@school.example.org", first_name="Wim", last_name="de Vries",
            key_help=gettext_lazy(
                "the key: a staff member with this address is updated, otherwise added"),
        ),
        Column("school", "school", required=False, example="Het Testlyceum",
               help=gettext_lazy("the school's name; empty for staff of an institute")),
        Column("instituut", "instituut", aliases=("institute", "lerarenopleiding"),
               required=False, example="",
               help=gettext_lazy("the institute's name; empty for staff of a school")),
        Column("functies", "functies", aliases=("functie", "functions", "function"),
               required=False, example="werkplekbegeleider, schoolopleider",
               help=gettext_lazy(
                   "comma-separated: werkplekbegeleider, schoolopleider, instituutsopleider, "
                   "coordinator; empty for a colleague without these functions")),
        Column("expertise", "expertise", aliases=("expertises",), required=False,
               example="differentiëren, klassenmanagement",
               help=gettext_lazy("comma-separated names as on the expertise page; may be empty")),
    )

    # --- Reading the portal, a fixed number of queries -------------------------------------

    def check(self, rows: list[dict], *, partnerschap) -> list[RowPreview]:
        """Schools and institutes are the partnership's; an address of a staff member who
        is not the partnership's is an error in its cell, never an update of them."""
        previews = [RowPreview(number=row["row"], cells=dict(row["cells"])) for row in rows]

        def names(column):
            return {name_key(p.cells[column]) for p in previews if p.cells[column]}

        # Schools can be a thousand: only those the file names. Institutes and expertise
        # tags are a short list each: all of them, one query whatever the file holds.
        schools = {name_key(s.name): s for s in selectors.schools_of(partnerschap).annotate(
            key=Lower("name")).filter(key__in=names("school"))}
        instituten = {name_key(i.name): i for i in selectors.instituten_of(partnerschap)}
        expertises = {name_key(e.name): e for e in Expertise.objects.all()}
        emails = {p.cells["email"].lower() for p in previews if p.cells["email"]}
        users = {
            user.email.lower(): user
            for user in User.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=emails)
            .select_related("student", "starter", "medewerker__school", "medewerker__instituut")
        }
        staff = [user.medewerker for user in users.values() if _profile(user, "medewerker")]
        current_expertises: dict[int, list[Expertise]] = {m.pk: [] for m in staff}
        for link in Medewerker.expertises.through.objects.filter(
            medewerker_id__in=current_expertises
        ).select_related("expertise"):
            current_expertises[link.medewerker_id].append(link.expertise)
        running: dict[int, list[Begeleider]] = {m.pk: [] for m in staff}
        for begeleider in (
            Begeleider.objects.active().formal()
            .filter(medewerker_id__in=running, stage__end_date__gte=timezone.localdate())
            .select_related("stage__school", "stage__student__user",
                            "stage__student__opleiding")
        ):
            running[begeleider.medewerker_id].append(begeleider)

        same_email = duplicates(previews, lambda p: p.cells["email"].lower() or None)
        for preview in previews:
            self._check_cells(preview, schools, instituten, expertises)
            if preview.number in same_email:
                preview.error("email", _("The same e-mail address is also in row %(rows)s.") % {
                    "rows": rows_text(same_email[preview.number])})
            self._match(preview, users, current_expertises, running,
                        partnerschap, {i.pk for i in instituten.values()})
        return previews

    def _check_cells(self, preview: RowPreview, schools, instituten, expertises) -> None:
        cells, values = preview.cells, preview.values
        check_lengths(preview, self.columns, MAX_LENGTHS)
        if cells["email"] and "email" not in preview.errors:
            try:
                validate_email(cells["email"])
            except ValidationError:
                preview.error("email", _("‘%(value)s’ is not a valid e-mail address.") % {
                    "value": cells["email"]})
        values["school"] = values["instituut"] = None
        if cells["school"] and "school" not in preview.errors:
            values["school"] = schools.get(name_key(cells["school"]))
            if values["school"] is None:
                preview.error("school", _(
                    "Unknown school ‘%(value)s’. Use the name as on the schools page.") % {
                        "value": cells["school"]})
        if cells["instituut"] and "instituut" not in preview.errors:
            values["instituut"] = instituten.get(name_key(cells["instituut"]))
            if values["instituut"] is None:
                preview.error("instituut", _(
                    "Unknown institute ‘%(value)s’. Use the name as on the institutes page.") % {
                        "value": cells["instituut"]})

        flags = dict.fromkeys(FUNCTIES.values(), False)
        unknown = []
        for item in split_list(cells["functies"]):
            name = item.casefold()
            name = FUNCTIE_ALIASES.get(name, name)
            if name in FUNCTIES:
                flags[FUNCTIES[name]] = True
            else:
                unknown.append(item)
        if unknown and "functies" not in preview.errors:
            preview.error("functies", _(
                "Unknown function %(names)s. Write one or more of: %(all)s.") % {
                    "names": ", ".join(f"‘{name}’" for name in unknown),
                    "all": ", ".join(FUNCTIES)})
        values["flags"] = flags

        found, unknown = [], []
        for item in split_list(cells["expertise"]):
            expertise = expertises.get(name_key(item))
            if expertise is None:
                unknown.append(item)
            elif expertise not in found:
                found.append(expertise)
        if unknown and "expertise" not in preview.errors:
            preview.error("expertise", _(
                "Unknown expertise %(names)s. Use the names as on the expertise page, or add "
                "them there first.") % {"names": ", ".join(f"‘{name}’" for name in unknown)})
        values["expertises"] = found

        self._check_workplace(preview)

    def _check_workplace(self, preview: RowPreview) -> None:
        """Where the person works fits their functions (as services.validate_medewerker)."""
        cells, flags = preview.cells, preview.values["flags"]
        if not cells["school"] and not cells["instituut"] and not flags["is_coordinator"]:
            preview.error("school", _(
                "Fill in the school or the institute where this person works."))
        if not cells["school"] and (flags["is_werkplekbegeleider"] or flags["is_schoolopleider"]):
            preview.error("school", _(
                "A workplace mentor or school-based teacher educator works at a school: "
                "fill in the school."))
        if not cells["instituut"] and flags["is_instituutsopleider"]:
            preview.error("instituut", _(
                "An institute-based teacher educator works at an institute: fill in the "
                "institute."))

    def _match(self, preview: RowPreview, users, current_expertises, running,
               partnerschap, instituut_ids) -> None:
        user = users.get(preview.cells["email"].lower()) if "email" not in preview.errors else None
        medewerker = _profile(user, "medewerker") if user is not None else None
        if medewerker is not None and not _works_in(medewerker, partnerschap, instituut_ids):
            preview.error("email", _(
                "This e-mail address belongs to a staff member of another partnership. Their "
                "record cannot be changed from here."))
            preview.target = None
            return
        if user is not None and medewerker is None:
            # A starter has a learning record too (issue 15): they are a starter here.
            if _profile(user, "student") is not None and _profile(user, "starter") is None:
                preview.error("email", _("This e-mail address belongs to a student."))
            else:
                preview.error("email", _(
                    "This e-mail address belongs to someone in the portal who is not a staff "
                    "member (a starting teacher, say)."))
        preview.target = medewerker
        self._check_both(preview, medewerker)
        if medewerker is not None:
            self._check_running(preview, medewerker, running[medewerker.pk])
        if preview.status == ERROR:
            return
        if medewerker is None:
            preview.status = NEW
            return
        preview.changed = self._changes(medewerker, preview, current_expertises[medewerker.pk])
        preview.status = CHANGED if preview.changed else UNCHANGED

    def _check_both(self, preview: RowPreview, medewerker: Medewerker | None) -> None:
        """One workplace: a school or an institute. Someone the portal already has at both
        (the staff form allows it) keeps them, so that the export imports again."""
        school, instituut = preview.values["school"], preview.values["instituut"]
        if not (preview.cells["school"] and preview.cells["instituut"]):
            return
        kept = medewerker is not None and (
            getattr(school, "pk", None), getattr(instituut, "pk", None)
        ) == (medewerker.school_id, medewerker.instituut_id)
        if not kept:
            preview.error("instituut", _(
                "Fill in the school or the institute, not both: a staff member works at one "
                "of them."))

    def _check_running(self, preview: RowPreview, medewerker, begeleiders) -> None:
        """A mentor in a running placement stays at its school or institute."""
        school, instituut = preview.values["school"], preview.values["instituut"]
        for begeleider in begeleiders:
            stage = begeleider.stage
            if begeleider.functie in (Functie.WERKPLEKBEGELEIDER, Functie.SCHOOLOPLEIDER) and (
                "school" not in preview.errors
                and (school is None or school.pk != stage.school_id)
            ):
                preview.error("school", _(
                    "This person mentors %(student)s at %(school)s in a running placement. "
                    "Change that placement first."
                ) % {"student": stage.student, "school": stage.school})
            if begeleider.functie == Functie.INSTITUUTSOPLEIDER and (
                "instituut" not in preview.errors
                and (instituut is None or instituut.pk != stage.student.opleiding.instituut_id)
            ):
                preview.error("instituut", _(
                    "This person is the institute-based teacher educator of %(student)s in a "
                    "running placement. Change that placement first."
                ) % {"student": stage.student})

    def _changes(self, medewerker: Medewerker, preview: RowPreview, expertises) -> list[str]:
        cells, values, user = preview.cells, preview.values, medewerker.user
        portal = {
            "email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "school": medewerker.school.name if medewerker.school else "",
            "instituut": medewerker.instituut.name if medewerker.instituut else "",
            "functies": functies_cell(medewerker), "expertise": expertise_cell(expertises),
        }
        differs = {
            "email": cells["email"].lower() != user.email.lower(),
            "first_name": cells["first_name"] != user.first_name,
            "last_name": cells["last_name"] != user.last_name,
            "school": getattr(values["school"], "pk", None) != medewerker.school_id,
            "instituut": getattr(values["instituut"], "pk", None) != medewerker.instituut_id,
            "functies": any(getattr(medewerker, flag) != on
                            for flag, on in values["flags"].items()),
            "expertise": {e.pk for e in values["expertises"]} != {e.pk for e in expertises},
        }
        changed = [name for name, different in differs.items() if different]
        preview.old = {name: portal[name] for name in changed}
        return changed

    # --- Writing ---------------------------------------------------------------------------

    def apply(self, previews: list[RowPreview], *, partnerschap) -> dict:
        """Create the new staff members (without mail: inviting is the next step) and change
        the changed ones, through the services of the staff pages. Their subject and "visitors
        welcome" are not in the list and stay as they are. The caller holds the transaction."""
        new_user_ids = []
        counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0}
        for preview in previews:
            cells, values = preview.cells, preview.values
            data = {
                "email": cells["email"], "first_name": cells["first_name"],
                "last_name": cells["last_name"], "school": values["school"],
                "instituut": values["instituut"], "expertises": values["expertises"],
                **values["flags"],
            }
            if preview.status == NEW:
                medewerker = services.invite_medewerker(
                    **data, send_mail=False, partnerschap=partnerschap)
                new_user_ids.append(medewerker.user_id)
            elif preview.status == CHANGED:
                target = preview.target
                services.update_medewerker(
                    medewerker=target, subject=target.subject,
                    visitors_welcome=target.visitors_welcome, partnerschap=partnerschap, **data)
            counts[preview.status] += 1
        return {**counts, "new_user_ids": new_user_ids}

    # --- Export ----------------------------------------------------------------------------

    def export_rows(self, *, partnerschap) -> list[list[str]]:
        return [
            [medewerker.user.email, medewerker.user.first_name, medewerker.user.last_name,
             medewerker.school.name if medewerker.school else "",
             medewerker.instituut.name if medewerker.instituut else "",
             functies_cell(medewerker), expertise_cell(medewerker.expertises.all())]
            for medewerker in selectors.medewerkers_of(partnerschap)
            .select_related("user", "school", "instituut")
            .prefetch_related("expertises").order_by("user__last_name", "user__first_name", "pk")
        ]


def _works_in(medewerker: Medewerker, partnerschap, instituut_ids: set[int]) -> bool:
    """At one of the partnership's schools or institutes, or its coordinator (as
    selectors.medewerkers_of, from what the check loaded: no query)."""
    return (
        (medewerker.school is not None and medewerker.school.partnerschap_id == partnerschap.pk)
        or medewerker.instituut_id in instituut_ids
        or (medewerker.is_coordinator and medewerker.partnerschap_id == partnerschap.pk)
    )


def _profile(user: User, name: str):
    """The user's one-to-one profile of that name, or None (select_related fetched it)."""
    return getattr(user, name, None)
