"""The partnership's core: organisations, people, placements and who mentors whom."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from opleidingsschool.urlmemo import reverse

from .accounts import User


class Niveau(models.TextChoices):
    HBO = "hbo", "hbo"
    WO = "wo", "wo"


class Regio(models.TextChoices):
    """The holiday region of the national school holiday schedule."""

    NOORD = "noord", _("north")
    MIDDEN = "midden", _("middle")
    ZUID = "zuid", _("south")


def default_partnerschap():
    """The installation's first partnership, created when there is none yet: what a
    single-partnership installation (and a row made without one) belongs to. Pages of a
    coordinator always name their own partnership instead."""
    partnerschap = Partnerschap.objects.order_by("pk").first()
    if partnerschap is None:
        partnerschap = Partnerschap.objects.create(name=DEFAULT_PARTNERSCHAP_NAME)
    return partnerschap.pk


DEFAULT_PARTNERSCHAP_NAME = "Opleidingsschool"


class Partnerschap(models.Model):
    """A partnership (opleidingsschool): the schools and institutes that train student
    teachers together. It owns its schools, sessions, curriculum and coordinators; an
    institute can work with several partnerships. One installation serves many."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    instituten = models.ManyToManyField(
        "Instituut", blank=True, related_name="partnerschappen",
        verbose_name=_("institutes"),
        help_text=_("The teacher-education institutes this partnership works with."),
    )
    # The coordinator's overview: when a placement or a student is flagged.
    triangle_weeks = models.PositiveSmallIntegerField(
        _("weeks without a triangle meeting"), default=10,
        help_text=_("A placement is flagged when its last triangle meeting is longer ago."),
    )
    triangle_grace_weeks = models.PositiveSmallIntegerField(
        _("grace period at the start of a placement (weeks)"), default=4,
    )
    hours_behind_percent = models.PositiveSmallIntegerField(
        _("hours behind the expected pace (%)"), default=20,
        help_text=_("A student is flagged when their confirmed hours are this much below "
                    "the expected pace."),
    )
    unconfirmed_days = models.PositiveSmallIntegerField(
        _("days before unconfirmed hours are flagged"), default=14,
    )
    quiet_weeks = models.PositiveSmallIntegerField(
        _("weeks without activity on a learning question"), default=4,
    )
    low_rapport = models.PositiveSmallIntegerField(
        _("low rapport score (this or lower)"), default=2,
    )

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]

    def __str__(self):
        return self.name


class School(models.Model):
    """A secondary school (vo-school) in a partnership."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnerschap = models.ForeignKey(
        Partnerschap, on_delete=models.PROTECT, default=default_partnerschap,
        related_name="schools", verbose_name=_("partnership"),
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    regio = models.CharField(
        _("holiday region"), max_length=6, choices=Regio.choices, default=Regio.MIDDEN,
        help_text=_("The region of the national school holidays the school follows."),
    )
    link_verified_email = models.BooleanField(
        _("link a first log-in on a verified e-mail address"), default=False, db_default=False,
        help_text=_(
            "People of this school who log in through SURFconext, Entree or eduID for the "
            "first time are linked to their account when the provider confirms their e-mail "
            "address. Off: only through the invitation link."
        ),
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Instituut(models.Model):
    """A teacher-education institute (lerarenopleiding)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    link_verified_email = models.BooleanField(
        _("link a first log-in on a verified e-mail address"), default=False, db_default=False,
        help_text=_(
            "People of this institute who log in through SURFconext, Entree or eduID for the "
            "first time are linked to their account when the provider confirms their e-mail "
            "address. Off: only through the invitation link."
        ),
    )

    class Meta:
        verbose_name = _("institute")
        verbose_name_plural = _("institutes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Opleiding(models.Model):
    """A programme at an institute, with a level (hbo/wo) and a subject."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    instituut = models.ForeignKey(
        Instituut, on_delete=models.PROTECT, related_name="opleidingen",
        verbose_name=_("institute"),
    )
    name = models.CharField(_("name"), max_length=200)
    niveau = models.CharField(_("level"), max_length=3, choices=Niveau.choices)
    vak = models.CharField(_("subject"), max_length=100)
    target_hours = models.PositiveIntegerField(
        _("target of experience hours"), default=400,
        help_text=_("The experience hours a student logs over the programme."),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["instituut__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instituut", "name"], name="unique_opleiding_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_niveau_display()}, {self.instituut})"


class SchooljaarQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(start_date__lte=today, end_date__gte=today).first()


class Schooljaar(models.Model):
    """A school year, 1 August to 31 July."""

    name = models.CharField(_("name"), max_length=20, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    objects = SchooljaarQuerySet.as_manager()

    class Meta:
        verbose_name = _("school year")
        verbose_name_plural = _("school years")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="schooljaar_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def bounds_for(start_year: int) -> tuple[str, datetime.date, datetime.date]:
        """The name and dates of the school year that starts on 1 August of start_year."""
        return (
            f"{start_year}-{start_year + 1}",
            datetime.date(start_year, 8, 1),
            datetime.date(start_year + 1, 7, 31),
        )


class Expertise(models.Model):
    """Something a colleague is good at, such as differentiëren or klassenmanagement."""

    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="unique_expertise_name_ci")
        ]

    def __str__(self):
        return self.name


class Medewerker(models.Model):
    """A staff member at a school or an institute, with the functions they hold."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="medewerker", verbose_name=_("user")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="medewerkers",
        verbose_name=_("school"),
    )
    instituut = models.ForeignKey(
        Instituut, on_delete=models.PROTECT, null=True, blank=True, related_name="medewerkers",
        verbose_name=_("institute"),
    )
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    is_werkplekbegeleider = models.BooleanField(_("workplace mentor"), default=False)
    is_schoolopleider = models.BooleanField(_("school-based teacher educator"), default=False)
    is_instituutsopleider = models.BooleanField(
        _("institute-based teacher educator"), default=False
    )
    is_coordinator = models.BooleanField(_("coordinator"), default=False)
    # The partnership a coordinator manages (a coordinator manages exactly one).
    partnerschap = models.ForeignKey(
        Partnerschap, on_delete=models.PROTECT, null=True, blank=True,
        related_name="coordinators", verbose_name=_("partnership"),
    )
    # A guest expert from outside the partnership's schools and institutes (issue 12), invited
    # to a session by this partnership's coordinator: no school, institute or function; they
    # see the sessions they are invited to and answer the invitations, nothing else.
    gast_van = models.ForeignKey(
        Partnerschap, on_delete=models.PROTECT, null=True, blank=True,
        related_name="gastexperts", verbose_name=_("guest expert of"),
    )
    expertises = models.ManyToManyField(
        Expertise, blank=True, related_name="medewerkers", verbose_name=_("expertise")
    )
    visitors_welcome = models.BooleanField(
        _("visitors welcome"), default=False,
        help_text=_("Students may ask to watch a lesson."),
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(school__isnull=False) | models.Q(instituut__isnull=False)
                | models.Q(is_coordinator=True) | models.Q(gast_van__isnull=False),
                name="medewerker_works_somewhere",
            ),
            models.CheckConstraint(
                condition=models.Q(is_coordinator=False) | models.Q(partnerschap__isnull=False),
                name="coordinator_has_partnerschap",
            ),
        ]

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        # A coordinator made without a partnership (the admin, a single-partnership
        # installation) manages the installation's first one.
        if self.is_coordinator and self.partnerschap_id is None:
            self.partnerschap_id = default_partnerschap()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partnerschap:medewerker_detail", kwargs={"uuid": self.uuid})

    @property
    def organisation(self):
        return self.school or self.instituut

    @property
    def is_gast(self) -> bool:
        """A guest expert from outside the partnership (gast_van)."""
        return self.gast_van_id is not None


class StudentQuerySet(models.QuerySet):
    def studying(self):
        """Students, not the learning records of starting teachers (issue 15)."""
        return self.filter(user__starter__isnull=True)


class Student(models.Model):
    """A student teacher (leraar in opleiding) in a programme and a study year; and a
    person's learning record through the phases: a student who becomes a starter keeps this
    row (learning questions, visits, development plan, evidence), and a starter who was never
    a student here gets one (issue 15)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="student", verbose_name=_("user")
    )
    # The partnership that registered the student (by hand or by an import); their
    # placements are at its schools.
    partnerschap = models.ForeignKey(
        Partnerschap, on_delete=models.PROTECT, default=default_partnerschap,
        related_name="studenten", verbose_name=_("partnership"),
    )
    # A starter who trained elsewhere has a learning record here without a programme or a
    # study year; every student has both (the coordinator's forms and imports require them).
    opleiding = models.ForeignKey(
        Opleiding, on_delete=models.PROTECT, null=True, blank=True, related_name="studenten",
        verbose_name=_("programme"),
    )
    study_year = models.PositiveSmallIntegerField(
        _("study year"), choices=[(year, str(year)) for year in range(1, 5)], null=True,
        blank=True,
    )
    student_number = models.CharField(_("student number"), max_length=30, blank=True)

    objects = StudentQuerySet.as_manager()

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("student_detail", kwargs={"uuid": self.uuid})


class Starter(models.Model):
    """A newly qualified teacher who is still supported (induction). Their learning goes on
    in their `Student` record (the same user), on an induction placement (`Stage` of kind
    INDUCTIE) at `school` with an induction coach (`Begeleider` with function COACH)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="starter", verbose_name=_("user")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="starters", verbose_name=_("school")
    )
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)

    class Meta:
        verbose_name = _("starting teacher")
        verbose_name_plural = _("starting teachers")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return str(self.user)


ALL_SCHOOL_DAYS = "12345"
WEEKDAY_NAMES = {1: _("Monday"), 2: _("Tuesday"), 3: _("Wednesday"), 4: _("Thursday"),
                 5: _("Friday")}


def validate_schooldagen(value: str) -> None:
    if not value or any(day not in ALL_SCHOOL_DAYS for day in value) or len(set(value)) != len(value):
        raise ValidationError(_("Choose at least one school day, Monday to Friday."))


class StageKind(models.TextChoices):
    """What a placement is: an ordinary placement, an LIO placement (a final-year student
    who teaches their own classes) or a starter's induction (no hours target)."""

    STAGE = "stage", pgettext_lazy("kind of placement", "placement")
    LIO = "lio", _("LIO placement")
    INDUCTIE = "inductie", _("induction")


class StageQuerySet(models.QuerySet):
    def placements(self):
        """Student placements (ordinary and LIO): not a starter's induction. The triangle,
        the hours target, the school day and the signals are about these."""
        return self.exclude(kind=StageKind.INDUCTIE)

    def open(self):
        """Not closed: a placement whose student became a starter is the person's alone."""
        return self.filter(closed_at__isnull=True)


class Stage(models.Model):
    """A placement: a student at a school during a school year; or, of kind INDUCTIE, a
    starter's induction year at the school where they work."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="stages", verbose_name=_("student")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="stages", verbose_name=_("school")
    )
    schooljaar = models.ForeignKey(
        Schooljaar, on_delete=models.PROTECT, related_name="stages",
        verbose_name=_("school year"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    # The student's school days as ISO weekday digits, "135" for Monday, Wednesday and
    # Friday; a plain string so the embedded SQLite default stores it too.
    schooldagen = models.CharField(
        _("school days"), max_length=5, default=ALL_SCHOOL_DAYS,
        validators=[validate_schooldagen],
    )
    # db_default: rows written in bulk by SQL (seed_scale) are ordinary placements too.
    kind = models.CharField(
        _("kind of placement"), max_length=10, choices=StageKind.choices,
        default=StageKind.STAGE, db_default=StageKind.STAGE,
    )
    # Set when the student became a starter (services.inductie): the student phase is over
    # and this placement is the person's alone; no school sees it any more.
    closed_at = models.DateTimeField(_("student phase closed at"), null=True, blank=True)

    objects = StageQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-schooljaar__start_date", "student__user__last_name"]
        constraints = [
            # A starter's induction may share a school year and school with their last
            # placement as a student.
            models.UniqueConstraint(
                fields=["student", "school", "schooljaar", "kind"], name="unique_stage_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="stage_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.student} – {self.school} ({self.schooljaar})"

    def get_absolute_url(self):
        return reverse("partnerschap:stage_detail", kwargs={"uuid": self.uuid})

    @property
    def is_finished(self) -> bool:
        return self.end_date < timezone.localdate()

    @property
    def is_inductie(self) -> bool:
        return self.kind == StageKind.INDUCTIE

    @property
    def is_lio(self) -> bool:
        return self.kind == StageKind.LIO

    @property
    def school_days_label(self) -> str:
        """The school days in the interface language ("maandag, dinsdag, donderdag")."""
        return ", ".join(str(WEEKDAY_NAMES[int(day)]) for day in self.schooldagen)

    @property
    def weekdays(self) -> set[int]:
        """The ISO weekdays (1 = Monday) the student is at school."""
        return {int(day) for day in self.schooldagen}


class Functie(models.TextChoices):
    WERKPLEKBEGELEIDER = "wpb", _("workplace mentor")
    SCHOOLOPLEIDER = "schoolopleider", _("school-based teacher educator")
    INSTITUUTSOPLEIDER = "instituutsopleider", _("institute-based teacher educator")
    EXTRA = "extra", pgettext_lazy("mentor function", "extra mentor")
    # A starter's induction coach: a colleague at the starter's school (one per induction).
    COACH = "coach", _("induction coach")


# The formal functions make up the triangle of a placement.
FORMAL_FUNCTIES = (Functie.WERKPLEKBEGELEIDER, Functie.SCHOOLOPLEIDER, Functie.INSTITUUTSOPLEIDER)
FUNCTIE_ORDER = (Functie.COACH, *FORMAL_FUNCTIES, Functie.EXTRA)


class BegeleiderStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACTIVE = "active", _("active")
    DECLINED = "declined", _("declined")
    ENDED = "ended", _("ended")


class BegeleiderQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=BegeleiderStatus.ACTIVE)

    def formal(self):
        return self.filter(functie__in=FORMAL_FUNCTIES)

    def in_triangle_order(self):
        """The werkplekbegeleider first, then the opleiders, then extra mentors."""
        return self.order_by(triangle_position(), "medewerker__user__last_name")


def triangle_position(functie: str = "functie") -> models.Case:
    """A mentor row's place in the triangle's order (FUNCTIE_ORDER; other functies last), for
    ordering by the field `functie` (a mentor reached through a relation: its path).

    Each branch compares one F() by an Exact lookup: a `functie=value` keyword takes a branch
    through the whole filter machinery (path, joins, lookup) on every query compiled."""
    column = models.F(functie)
    return models.Case(
        *[models.When(Exact(column, value), then=models.Value(position))
          for position, value in enumerate(FUNCTIE_ORDER)],
        default=models.Value(len(FUNCTIE_ORDER)), output_field=models.IntegerField(),
    )


class Begeleider(models.Model):
    """One staff member mentoring one student in one placement, and the roles they fill."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="begeleiders", verbose_name=_("placement")
    )
    medewerker = models.ForeignKey(
        Medewerker, on_delete=models.PROTECT, related_name="begeleidingen",
        verbose_name=_("staff member"),
    )
    functie = models.CharField(_("function"), max_length=20, choices=Functie.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=BegeleiderStatus.choices,
        default=BegeleiderStatus.ACTIVE,
    )
    is_gastheer = models.BooleanField(_("host"), default=False)
    is_leermeester = models.BooleanField(_("master"), default=False)
    is_raadgever = models.BooleanField(_("advisor"), default=False)
    is_rolmodel = models.BooleanField(_("role model"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = BegeleiderQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["stage", "functie"]
        indexes = [
            # The access layer (whom a person mentors) and the triangle of a placement.
            models.Index(fields=["medewerker", "status"], name="begeleider_medewerker_idx"),
            models.Index(fields=["stage", "status", "functie"], name="begeleider_stage_idx"),
        ]
        constraints = [
            # One active person per formal function in a placement.
            models.UniqueConstraint(
                fields=["stage", "functie"],
                condition=models.Q(status="active") & ~models.Q(functie="extra"),
                name="one_active_formal_begeleider_per_functie",
            ),
            models.UniqueConstraint(
                fields=["stage", "medewerker", "functie"],
                condition=models.Q(status__in=["proposed", "active"]),
                name="one_open_begeleider_per_person_functie",
            ),
        ]

    def __str__(self):
        return f"{self.medewerker} ({self.get_functie_display()}) – {self.stage.student}"

    @property
    def is_formal(self) -> bool:
        return self.functie in FORMAL_FUNCTIES


