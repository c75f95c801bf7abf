"""The placements list: student, school, schooljaar, startdatum, einddatum,
werkplekbegeleider, schoolopleider, instituutsopleider, schooldagen.

A row is about the student's placement at that school in that school year (a student is
named by e-mail address or student number; mentors by e-mail address). The placement and its
triangle are written by services.save_stage, as the placement form does. An empty optional
cell leaves what the portal has; for a new placement it means what the form means: the
school year's first or last day, nobody, Monday to Friday."""

from __future__ import annotations

import datetime

from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..models import (
    ALL_SCHOOL_DAYS,
    Begeleider,
    Functie,
    Medewerker,
    Schooljaar,
    Stage,
)
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
    rows_text,
    split_list,
)

MENTORS = {
    "werkplekbegeleider": Functie.WERKPLEKBEGELEIDER,
    "schoolopleider": Functie.SCHOOLOPLEIDER,
    "instituutsopleider": Functie.INSTITUUTSOPLEIDER,
}
DAY_CELLS = {"1": "ma", "2": "di", "3": "wo", "4": "do", "5": "vr"}
DAY_NAMES = {
    **{short: day for day, short in DAY_CELLS.items()},
    **{day: day for day in DAY_CELLS},
    "maandag": "1", "dinsdag": "2", "woensdag": "3", "donderdag": "4", "vrijdag": "5",
    "mon": "1", "tue": "2", "wed": "3", "thu": "4", "fri": "5",
    "monday": "1", "tuesday": "2", "wednesday": "3", "thursday": "4", "friday": "5",
}
WEEKEND = {"za", "zo", "zaterdag", "zondag", "sat", "sun", "saturday", "sunday", "6", "7"}
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")


def date_cell(date: datetime.date) -> str:
    """Day-month-year as Dutch people write it: 1-9-2026."""
    return f"{date.day}-{date.month}-{date.year}"


def days_cell(schooldagen: str) -> str:
    return ", ".join(DAY_CELLS[day] for day in schooldagen)


def parse_date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


class PlacementImporter(Importer):
    kind = "stages"
    columns = (
        Column("student", "student",
               aliases=("student e-mail", "e-mail student", "studentnummer", "student number",
                        "e-mail", "email"),
               example="jan.jansen@student.example.org",
               help=gettext_lazy("the student's e-mail address or student number")),
        Column("school", "school", example="Het Testlyceum",
               help=gettext_lazy("the school's name as on the schools page")),
        Column("schooljaar", "schooljaar", aliases=("school year",), example="2026-2027",
               help=gettext_lazy("as on the school years page, e.g. 2026-2027; the student, "
                                 "school and school year together are the key")),
        Column("start_date", "startdatum", aliases=("start date", "begindatum"),
               required=False, example="1-9-2026",
               help=gettext_lazy("day-month-year, e.g. 1-9-2026; empty: unchanged, or the "
                                 "first day of the school year for a new placement")),
        Column("end_date", "einddatum", aliases=("end date",), required=False,
               example="30-6-2027",
               help=gettext_lazy("empty: unchanged, or the last day of the school year for a "
                                 "new placement")),
        Column("werkplekbegeleider", "werkplekbegeleider", aliases=("wpb", "workplace mentor"),
               required=False, example="wim.de.vries@school.example.org",
               help=gettext_lazy("e-mail address of a workplace mentor of the school; empty: "
                                 "unchanged")),
        Column("schoolopleider", "schoolopleider", required=False, example="",
               help=gettext_lazy("e-mail address of a school-based teacher educator of the "
                                 "school; empty: unchanged")),
        Column("instituutsopleider", "instituutsopleider", required=False,
               example="ivo@instituut.example.org",
               help=gettext_lazy("e-mail address of an institute-based teacher educator of "
                                 "the student's institute; empty: unchanged")),
        Column("schooldagen", "schooldagen", aliases=("school days", "dagen"), required=False,
               example="ma, di, do",
               help=gettext_lazy("e.g. ma, di, do; empty: unchanged, or Monday to Friday for "
                                 "a new placement")),
    )

    def template_rows(self) -> list[list[str]]:
        """The example row in this school year (an example in a past year would not import)."""
        today = timezone.localdate()
        name, start, end = Schooljaar.bounds_for(today.year if today.month >= 8 else today.year - 1)
        examples = {"schooljaar": name, "start_date": date_cell(start.replace(month=9)),
                    "end_date": date_cell(end.replace(month=6, day=30))}
        return [[examples.get(column.field, column.example) for column in self.columns]]

    # --- Reading the portal, a fixed number of queries -------------------------------------

    def check(self, rows: list[dict], *, partnerschap) -> list[RowPreview]:
        """Students, schools and mentors are looked up among the partnership's only: a name
        or address of another partnership is unknown here."""
        previews = [RowPreview(number=row["row"], cells=dict(row["cells"])) for row in rows]
        keys = {p.cells["student"].lower() for p in previews if p.cells["student"]}
        by_email, by_number = {}, {}
        studenten = selectors.studenten_of(partnerschap)
        for student in studenten.annotate(email_lower=Lower("user__email")).filter(
            email_lower__in=keys
        ).select_related("user", "opleiding__instituut"):
            by_email[student.user.email.lower()] = student
        for student in studenten.filter(student_number__in=[
            p.cells["student"] for p in previews if "@" not in p.cells["student"]
        ]).select_related("user", "opleiding__instituut"):
            by_number.setdefault(student.student_number, []).append(student)
        schools = {name_key(s.name): s for s in selectors.schools_of(partnerschap).annotate(
            key=Lower("name")).filter(
            key__in={name_key(p.cells["school"]) for p in previews if p.cells["school"]})}
        schooljaren = {s.name: s for s in Schooljaar.objects.all()}
        emails = {p.cells[name].lower() for p in previews for name in MENTORS if p.cells[name]}
        staff = {m.user.email.lower(): m for m in selectors.medewerkers_of(partnerschap).annotate(
            email_lower=Lower("user__email")).filter(email_lower__in=emails)
            .select_related("user", "school", "instituut")}

        for preview in previews:
            self._check_cells(preview, by_email, by_number, schools, schooljaren, staff)

        values = [p.values for p in previews]
        stages = {
            (stage.student_id, stage.school_id, stage.schooljaar_id): stage
            for stage in Stage.objects.filter(
                student_id__in={v["student"].pk for v in values if v.get("student")},
                schooljaar_id__in={v["schooljaar"].pk for v in values if v.get("schooljaar")},
            ).select_related("school", "schooljaar")
        }
        formal: dict[int, dict[str, Medewerker]] = {stage.pk: {} for stage in stages.values()}
        for begeleider in Begeleider.objects.active().formal().filter(
            stage_id__in=formal
        ).select_related("medewerker__user"):
            formal[begeleider.stage_id][begeleider.functie] = begeleider.medewerker

        same_key = duplicates(previews, _key)
        for preview in previews:
            if preview.number in same_key:
                preview.error("student", _(
                    "Row %(rows)s is about the same placement (the same student, school and "
                    "school year).") % {"rows": rows_text(same_key[preview.number])})
            stage = stages.get(_key(preview)) if _key(preview) else None
            preview.target = stage
            current = preview.values["current"] = formal[stage.pk] if stage else {}
            changed = None
            if stage is not None and preview.status != ERROR:
                self._check_period(preview, stage)
                if preview.status != ERROR:
                    changed = self._changes(stage, preview, current)
            self._check_mentors(preview, stage, current, changed)
            if preview.status == ERROR:
                continue
            if stage is None:
                preview.status = NEW
            else:
                preview.changed = changed
                preview.status = CHANGED if changed else UNCHANGED
        return previews

    def _check_cells(self, preview, by_email, by_number, schools, schooljaren, staff) -> None:
        cells, values = preview.cells, preview.values
        check_lengths(preview, self.columns, {})
        values["student"] = values["school"] = values["schooljaar"] = None

        student_key = cells["student"]
        if student_key and "student" not in preview.errors:
            found = by_email.get(student_key.lower())
            numbered = by_number.get(student_key, []) if found is None else []
            if found is None and len(numbered) == 1:
                found = numbered[0]
            if len(numbered) > 1:
                preview.error("student", _(
                    "Several students have the student number ‘%(value)s’. Write the "
                    "student's e-mail address.") % {"value": student_key})
            elif found is None:
                preview.error("student", _(
                    "No student has the e-mail address or student number ‘%(value)s’. Add "
                    "the student first (import the students list).") % {"value": student_key})
            values["student"] = found

        if cells["school"] and "school" not in preview.errors:
            values["school"] = schools.get(name_key(cells["school"]))
            if values["school"] is None:
                preview.error("school", _(
                    "Unknown school ‘%(value)s’. Use the name as on the schools page.") % {
                        "value": cells["school"]})

        if cells["schooljaar"] and "schooljaar" not in preview.errors:
            name = cells["schooljaar"].replace("/", "-").replace(" ", "")
            values["schooljaar"] = schooljaren.get(name)
            if values["schooljaar"] is None:
                preview.error("schooljaar", _(
                    "Unknown school year ‘%(value)s’. Write it as on the school years page, "
                    "e.g. %(example)s.") % {"value": cells["schooljaar"],
                                            "example": next(iter(schooljaren), "2026-2027")})

        self._check_dates(preview)
        for name in MENTORS:
            self._find_mentor(preview, name, staff)
        self._check_days(preview)

    def _check_dates(self, preview: RowPreview) -> None:
        cells, values, schooljaar = preview.cells, preview.values, preview.values["schooljaar"]
        for name in ("start_date", "end_date"):
            values[name] = None
            if cells[name] and name not in preview.errors:
                values[name] = parse_date(cells[name])
                if values[name] is None:
                    preview.error(name, _(
                        "‘%(value)s’ is not a date. Write day-month-year, e.g. 1-9-2026.") % {
                            "value": cells[name]})
                elif schooljaar is not None and not (
                    schooljaar.start_date <= values[name] <= schooljaar.end_date
                ):
                    preview.error(name, (
                        _("The start date lies outside school year %(year)s.")
                        if name == "start_date"
                        else _("The end date lies outside school year %(year)s.")
                    ) % {"year": schooljaar})
        if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
            preview.error("end_date", _("The end date lies before the start date."))

    def _check_period(self, preview: RowPreview, stage: Stage) -> None:
        """One date in the file and the other kept from the portal still make a period."""
        start = preview.values["start_date"] or stage.start_date
        end = preview.values["end_date"] or stage.end_date
        if end < start:
            preview.error("end_date" if preview.values["end_date"] else "start_date", _(
                "The end date lies before the start date."))

    def _find_mentor(self, preview: RowPreview, name: str, staff) -> None:
        email = preview.cells[name]
        medewerker = staff.get(email.lower()) if email and name not in preview.errors else None
        if email and medewerker is None and name not in preview.errors:
            preview.error(name, _("No staff member has the e-mail address ‘%(value)s’.") % {
                "value": email})
        preview.values[name] = medewerker

    def _check_mentors(self, preview: RowPreview, stage, current, changed) -> None:
        """The mentors the placement will have fit its school and the student's institute (as
        services.validate_stage checks). A placement the row leaves as it is keeps its
        mentors unchecked, so that an old placement whose mentor moved on still imports."""
        values = preview.values
        if stage is None or changed is None:  # new, or in error: the mentors the file names
            mentors = {name: values[name] for name in MENTORS}
        elif changed:  # saved again: every mentor it will have
            mentors = {name: values[name] or current.get(functie)
                       for name, functie in MENTORS.items()}
        else:
            mentors = {}
        for name, medewerker in mentors.items():
            if medewerker is not None and name not in preview.errors:
                problem = self._mentor_problem(name, medewerker, values)
                if problem:
                    preview.error(name, problem)

    def _mentor_problem(self, name: str, medewerker: Medewerker, values) -> str | None:
        school, student = values["school"], values["student"]
        if name == "werkplekbegeleider" and school is not None and (
            medewerker.school_id != school.pk or not medewerker.is_werkplekbegeleider
        ):
            return _(
                "%(name)s is not a workplace mentor (werkplekbegeleider) at %(school)s.") % {
                    "name": medewerker, "school": school}
        if name == "schoolopleider" and school is not None and (
            medewerker.school_id != school.pk or not medewerker.is_schoolopleider
        ):
            return _(
                "%(name)s is not a school-based teacher educator (schoolopleider) at "
                "%(school)s.") % {"name": medewerker, "school": school}
        if name == "instituutsopleider" and not medewerker.is_instituutsopleider:
            return _(
                "%(name)s is not an institute-based teacher educator (instituutsopleider) at "
                "an institute.") % {"name": medewerker}
        if name == "instituutsopleider" and student is not None and (
            medewerker.instituut_id != student.opleiding.instituut_id
        ):
            return _(
                "%(name)s is not an institute-based teacher educator of %(instituut)s, the "
                "institute of %(student)s.") % {"name": medewerker, "student": student,
                                                 "instituut": student.opleiding.instituut}
        return None

    def _check_days(self, preview: RowPreview) -> None:
        cells, values = preview.cells, preview.values
        values["schooldagen"] = None
        if not cells["schooldagen"] or "schooldagen" in preview.errors:
            return
        days, unknown, weekend = set(), [], []
        for item in split_list(cells["schooldagen"].replace(" ", ",")):
            word = item.casefold().rstrip(".")
            if word in DAY_NAMES:
                days.add(DAY_NAMES[word])
            elif word in WEEKEND:
                weekend.append(item)
            else:
                unknown.append(item)
        if weekend:
            preview.error("schooldagen", _(
                "School days are Monday to Friday, not %(days)s.") % {
                    "days": ", ".join(f"‘{day}’" for day in weekend)})
        elif unknown:
            preview.error("schooldagen", _(
                "Unknown day %(days)s. Write the days as ma, di, wo, do, vr.") % {
                    "days": ", ".join(f"‘{day}’" for day in unknown)})
        else:
            values["schooldagen"] = "".join(sorted(days))

    def _changes(self, stage: Stage, preview: RowPreview, current) -> list[str]:
        values = preview.values
        portal = {
            "start_date": date_cell(stage.start_date), "end_date": date_cell(stage.end_date),
            **{name: current[functie].user.email if functie in current else ""
               for name, functie in MENTORS.items()},
            "schooldagen": days_cell(stage.schooldagen),
        }
        differs = {
            "start_date": values["start_date"] is not None
            and values["start_date"] != stage.start_date,
            "end_date": values["end_date"] is not None and values["end_date"] != stage.end_date,
            **{name: values[name] is not None
               and getattr(current.get(functie), "pk", None) != values[name].pk
               for name, functie in MENTORS.items()},
            "schooldagen": values["schooldagen"] is not None
            and values["schooldagen"] != stage.schooldagen,
        }
        changed = [name for name, different in differs.items() if different]
        preview.old = {name: portal[name] for name in changed}
        return changed

    # --- Writing ---------------------------------------------------------------------------

    def apply(self, previews: list[RowPreview], *, partnerschap) -> dict:
        """Create and change placements through services.save_stage, so that their triangle
        (the formal Begeleider rows) changes as on the placement form: a replaced mentor's
        row ends, the new one starts. The caller holds the transaction."""
        counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0}
        for preview in previews:
            values, stage = preview.values, preview.target
            schooljaar = values["schooljaar"]
            if preview.status == NEW:
                services.save_stage(
                    student=values["student"], school=values["school"], schooljaar=schooljaar,
                    start_date=values["start_date"] or schooljaar.start_date,
                    end_date=values["end_date"] or schooljaar.end_date,
                    werkplekbegeleider=values["werkplekbegeleider"],
                    schoolopleider=values["schoolopleider"],
                    instituutsopleider=values["instituutsopleider"],
                    schooldagen=values["schooldagen"] or ALL_SCHOOL_DAYS,
                )
            elif preview.status == CHANGED:
                current = values["current"]
                services.save_stage(
                    stage=stage, student=values["student"], school=values["school"],
                    schooljaar=schooljaar,
                    start_date=values["start_date"] or stage.start_date,
                    end_date=values["end_date"] or stage.end_date,
                    **{name: values[name] or current.get(functie)
                       for name, functie in MENTORS.items()},
                    schooldagen=values["schooldagen"],
                )
            counts[preview.status] += 1
        return {**counts, "new_user_ids": []}

    # --- Export ----------------------------------------------------------------------------

    def export_rows(self, *, partnerschap) -> list[list[str]]:
        stages = list(selectors.stages_of(partnerschap)
                      .select_related("student__user", "school", "schooljaar")
                      .order_by("-schooljaar__start_date", "student__user__last_name",
                                "student__user__first_name", "school__name", "pk"))
        formal: dict[int, dict[str, str]] = {stage.pk: {} for stage in stages}
        for stage_id, functie, email in Begeleider.objects.active().formal().filter(
            stage__school__partnerschap=partnerschap
        ).values_list(
            "stage_id", "functie", "medewerker__user__email"
        ):
            formal.setdefault(stage_id, {})[functie] = email
        return [
            [stage.student.user.email, stage.school.name, stage.schooljaar.name,
             date_cell(stage.start_date), date_cell(stage.end_date),
             *(formal[stage.pk].get(functie, "") for functie in MENTORS.values()),
             days_cell(stage.schooldagen)]
            for stage in stages
        ]


def _key(preview: RowPreview):
    """The placement a row is about: (student, school, school year), once all three are known."""
    values = preview.values
    if values.get("student") and values.get("school") and values.get("schooljaar"):
        return (values["student"].pk, values["school"].pk, values["schooljaar"].pk)
    return None
