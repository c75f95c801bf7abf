"""A small, believable demo partnership for `manage.py seed_demo`; every name is fictional.

`seed_demo()` is idempotent: people are found by e-mail address, organisations by name and
placements by (student, school, school year), so a second run changes nothing but the
password hashes. No invitation mail is sent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from . import registries
from .demo_data import (
    COORD,
    EXPERTISES,
    FULL_YEAR,
    INSTITUTEN,
    IO,
    LOGINS,
    MEDEWERKERS,
    OPLEIDINGEN,
    PASSWORD,
    ROLES,
    SCHOOL_REGIONS,
    SCHOOLS,
    SECOND_HALF,
    SO,
    STARTERS,
    STUDENTS,
    WPB,
    _email_of,
    demo_email,
)
from .models import (
    Begeleider,
    BegeleiderStatus,
    Expertise,
    Functie,
    Instituut,
    Medewerker,
    Opleiding,
    School,
    Schooljaar,
    Stage,
    StageKind,
    Starter,
    Student,
    User,
    VrijeDag,
)
from .services import ensure_schooljaar, make_starter, open_learning_record, save_stage


@dataclass
class DemoSummary:
    schooljaar: Schooljaar
    previous_schooljaar: Schooljaar
    counts: dict[str, int]
    students_per_year: dict[int, int]
    logins: list[tuple[str, str]]


class _Seeder:
    def __init__(self, today: datetime.date):
        self.today = today
        start_year = today.year if today.month >= 8 else today.year - 1
        self.schooljaar = ensure_schooljaar(start_year=start_year)
        self.previous = ensure_schooljaar(start_year=start_year - 1)
        # One hash for everyone: hashing ~50 times would make the command slow.
        self.password = make_password(PASSWORD)
        self.schools: dict[str, School] = {}
        self.instituten: dict[str, Instituut] = {}
        self.opleidingen: dict[str, Opleiding] = {}
        self.expertises: dict[str, Expertise] = {}
        self.medewerkers: dict[str, Medewerker] = {}

    def user(self, email: str | None, first: str, last: str) -> User:
        user, _created = User.objects.update_or_create(
            email=email or demo_email(first, last),
            defaults={"first_name": first, "last_name": last, "password": self.password,
                      "is_active": True},
        )
        return user

    def organisations(self) -> None:
        for key, (name, city) in SCHOOLS.items():
            self.schools[key], _ = School.objects.update_or_create(
                name=name, defaults={"city": city, "regio": SCHOOL_REGIONS[key]}
            )
        # One study day of the Lindecollege, a Wednesday two weeks or so ahead.
        study_day = self.today + datetime.timedelta(days=14 + (3 - self.today.isoweekday()) % 7)
        VrijeDag.objects.update_or_create(
            school=self.schools["linde"], reason="Studiedag", defaults={"date": study_day}
        )
        for key, (name, city) in INSTITUTEN.items():
            self.instituten[key], _ = Instituut.objects.update_or_create(
                name=name, defaults={"city": city}
            )
            self.instituten[key].partnerschappen.add(self.schools["linde"].partnerschap)
        for key, (instituut, name, niveau, vak, target) in OPLEIDINGEN.items():
            self.opleidingen[key], _ = Opleiding.objects.update_or_create(
                instituut=self.instituten[instituut], name=name,
                defaults={"niveau": niveau, "vak": vak, "target_hours": target},
            )
        for name in EXPERTISES:
            self.expertises[name], _ = Expertise.objects.get_or_create(
                name__iexact=name, defaults={"name": name}
            )

    def staff(self) -> None:
        for email, first, last, school, instituut, subject, functies, tags, welcome in MEDEWERKERS:
            user = self.user(email, first, last)
            medewerker, _ = Medewerker.objects.update_or_create(
                user=user,
                defaults={
                    "school": self.schools.get(school), "instituut": self.instituten.get(instituut),
                    "subject": subject, "is_werkplekbegeleider": WPB in functies,
                    "is_schoolopleider": SO in functies, "is_instituutsopleider": IO in functies,
                    "is_coordinator": COORD in functies, "visitors_welcome": welcome,
                },
            )
            medewerker.expertises.set([self.expertises[tag] for tag in tags])
            self.medewerkers[user.email] = medewerker

    def schoolopleider_of(self, school: School) -> Medewerker:
        return next(
            m for m in self.medewerkers.values() if m.is_schoolopleider and m.school_id == school.pk
        )

    def students(self) -> None:
        sy = self.schooljaar.start_date.year
        periods = {
            FULL_YEAR: (datetime.date(sy, 9, 1), datetime.date(sy + 1, 6, 30)),
            SECOND_HALF: (datetime.date(sy + 1, 2, 1), datetime.date(sy + 1, 6, 30)),
        }
        for index, demo in enumerate(STUDENTS, start=1):
            user = self.user(demo.email, demo.first, demo.last)
            opleiding = self.opleidingen[demo.opleiding]
            student, _ = Student.objects.update_or_create(
                user=user,
                defaults={
                    "opleiding": opleiding, "study_year": demo.study_year,
                    "student_number": f"{opleiding.instituut.name[:1]}{sy - demo.study_year + 1}"
                                      f"{index:03d}",
                },
            )
            school = self.schools[demo.school]
            start, end = periods[demo.period]
            stage = self.add_stage(
                student, school, self.schooljaar, start, end,
                werkplekbegeleider=self.medewerkers[_email_of(demo.wpb)],
                schoolopleider=self.schoolopleider_of(school) if demo.schoolopleider else None,
                instituutsopleider=(
                    self.medewerkers[_email_of(demo.instituutsopleider)]
                    if demo.instituutsopleider else None
                ),
                kind=StageKind.LIO if demo.lio else StageKind.STAGE,
            )
            for name, roles in demo.extras:
                self.extra_mentor(stage, self.medewerkers[_email_of(name)], roles)
            if demo.previous:
                self.add_previous_stage(student, *demo.previous)

    def add_stage(self, student, school, schooljaar, start, end, **triangle) -> Stage:
        existing = Stage.objects.placements().filter(
            student=student, school=school, schooljaar=schooljaar).first()
        return save_stage(
            student=student, school=school, schooljaar=schooljaar, start_date=start,
            end_date=end, stage=existing, **triangle,
        )

    def extra_mentor(self, stage: Stage, medewerker: Medewerker, roles: frozenset[str]) -> None:
        flags = {f"is_{role}": role in roles for role in ROLES}
        begeleider = Begeleider.objects.filter(
            stage=stage, medewerker=medewerker, functie=Functie.EXTRA,
            status__in=[BegeleiderStatus.PROPOSED, BegeleiderStatus.ACTIVE],
        ).first()
        if begeleider is None:
            Begeleider.objects.create(
                stage=stage, medewerker=medewerker, functie=Functie.EXTRA,
                status=BegeleiderStatus.ACTIVE, **flags,
            )
        else:
            for field, value in flags.items():
                setattr(begeleider, field, value)
            begeleider.status = BegeleiderStatus.ACTIVE
            begeleider.save()

    def add_previous_stage(self, student: Student, school_key: str, wpb: str, io: str | None):
        """Last year's placement; its triangle has ended, so it gives no mentor access now."""
        school = self.schools[school_key]
        sy = self.previous.start_date.year
        start, end = datetime.date(sy, 9, 1), datetime.date(sy + 1, 6, 30)
        # The stage only: a triangle made by save_stage would be active, and ending it on
        # every run would pile up ended rows.
        stage = self.add_stage(student, school, self.previous, start, end)
        at = timezone.get_current_timezone()
        created = datetime.datetime.combine(start, datetime.time(9), tzinfo=at)
        ended = datetime.datetime.combine(end, datetime.time(17), tzinfo=at)
        formal = [(Functie.WERKPLEKBEGELEIDER, wpb), (Functie.SCHOOLOPLEIDER, None)]
        if io:
            formal.append((Functie.INSTITUUTSOPLEIDER, io))
        for functie, name in formal:
            medewerker = (
                self.medewerkers[_email_of(name)] if name else self.schoolopleider_of(school)
            )
            Begeleider.objects.get_or_create(
                stage=stage, medewerker=medewerker, functie=functie,
                status=BegeleiderStatus.ENDED,
                defaults={
                    "created_at": created, "ended_at": ended,
                    "is_gastheer": functie == Functie.WERKPLEKBEGELEIDER,
                    "is_leermeester": functie == Functie.WERKPLEKBEGELEIDER,
                },
            )

    def starters(self) -> None:
        for demo in STARTERS:
            year = self.schooljaar if demo.started_this_year else self.previous
            user = self.user(demo.email, demo.first, demo.last)
            school = self.schools[demo.school]
            started_on = year.start_date + datetime.timedelta(days=17)
            if Starter.objects.filter(user=user).exists():
                continue  # a second run leaves the starters as they are
            if demo.studied is None:
                starter = Starter.objects.create(
                    user=user, school=school, subject=demo.subject, started_on=started_on)
                open_learning_record(starter=starter, today=self.today)
                continue
            # Last year a fourth-year student here; this year a starter in the same account.
            opleiding, school_key, wpb, io = demo.studied
            student, _ = Student.objects.update_or_create(
                user=user, defaults={"opleiding": self.opleidingen[opleiding], "study_year": 4})
            self.add_previous_stage(student, school_key, wpb, io)
            make_starter(
                student=student, school=school, started_on=started_on, subject=demo.subject,
                coach=self.medewerkers[_email_of(demo.coach)] if demo.coach else None,
                today=self.today,
            )


@transaction.atomic
def seed_demo(*, today: datetime.date | None = None) -> DemoSummary:
    """Create or refresh the demo partnership; running it again leaves the same rows."""
    seeder = _Seeder(today or timezone.localdate())
    seeder.organisations()
    seeder.staff()
    seeder.students()
    seeder.starters()
    # The other apps add their part of the demo (learning questions, meetings, tasks...).
    for contribute in registries.demo_seeders:
        contribute(today=seeder.today)
    _seed_data_export()
    _seed_import_batch()
    medewerkers = Medewerker.objects.filter(user__email__in=seeder.medewerkers)
    extra = Begeleider.objects.active().filter(functie=Functie.EXTRA, medewerker__in=medewerkers)
    counts = {
        "schools": School.objects.filter(name__in=[n for n, _ in SCHOOLS.values()]).count(),
        "institutes": Instituut.objects.filter(name__in=[n for n, _ in INSTITUTEN.values()]).count(),
        "programmes": Opleiding.objects.filter(instituut__in=seeder.instituten.values()).count(),
        "expertise tags": len(seeder.expertises),
        "staff members": medewerkers.count(),
        "werkplekbegeleiders": medewerkers.filter(is_werkplekbegeleider=True).count(),
        "schoolopleiders": medewerkers.filter(is_schoolopleider=True).count(),
        "instituutsopleiders": medewerkers.filter(is_instituutsopleider=True).count(),
        "extra mentors": extra.values("medewerker").distinct().count(),
        "coordinators": medewerkers.filter(is_coordinator=True).count(),
        "students": len(STUDENTS),
        "placements": Stage.objects.filter(student__user__email__in=[
            demo.email or demo_email(demo.first, demo.last) for demo in STUDENTS
        ]).count(),
        "starters": len(STARTERS),
    }
    per_year: dict[int, int] = {}
    for demo in STUDENTS:
        per_year[demo.study_year] = per_year.get(demo.study_year, 0) + 1
    return DemoSummary(
        schooljaar=seeder.schooljaar, previous_schooljaar=seeder.previous, counts=counts,
        students_per_year=dict(sorted(per_year.items())), logins=LOGINS,
    )


def _seed_data_export() -> None:
    """The student once downloaded their data: a ready export (built, not mailed)."""
    from .models import DataExport
    from .privacy.services import build_export

    user = User.objects.filter(email="student@example.org").first()
    if user is None or DataExport.objects.filter(user=user).exists():
        return
    build_export(data_export=DataExport.objects.create(user=user), mail=False)


def _seed_import_batch() -> None:
    """The coordinator uploaded a list of students and has not confirmed it yet: one new
    student, one change and two rows with an error to correct (issue 11)."""
    from .models import ImportBatch, ImportKind

    user = User.objects.filter(email="coordinator@example.org").first()
    if user is None:
        return
    row = {"email": "", "first_name": "", "last_name": "", "opleiding": "",
           "study_year": "", "student_number": ""}
    rows = [
        {**row, "email": "student@example.org", "first_name": "Fleur", "last_name": "Vermeulen",
         "opleiding": "Leraar Geschiedenis (tweedegraads)", "study_year": "4"},
        {**row, "email": "noor.bakker@example.org", "first_name": "Noor", "last_name": "Bakker",
         "opleiding": "Leraar Wiskunde (tweedegraads)", "study_year": "1",
         "student_number": "500800"},
        {**row, "email": "sem.dekker@example", "first_name": "Sem", "last_name": "Dekker",
         "opleiding": "Leraar Wiskunde (tweedegraads)", "study_year": "1"},
        {**row, "email": "lotte.smit@example.org", "first_name": "Lotte", "last_name": "Smit",
         "opleiding": "Leraar Scheikunde", "study_year": "5"},
    ]
    ImportBatch.objects.update_or_create(
        created_by=user, kind=ImportKind.STUDENTEN, filename="studenten-september.csv",
        defaults={
            "rows": [{"row": number, "cells": cells} for number, cells in enumerate(rows, 2)],
            "ignored_columns": ["telefoon"], "created_at": timezone.now(),
            "applied_at": None, "result": {},
        },
    )
