"""Sessions the coordinators plan, who comes, who is invited, and the calendar feed.

Times are stored in UTC and shown and scheduled in Europe/Amsterdam.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from opleidingsschool.urlmemo import reverse

from .core import (
    Expertise,
    Instituut,
    Medewerker,
    Niveau,
    Partnerschap,
    School,
    default_partnerschap,
)


class Soort(models.TextChoices):
    LEERCAFE = "leercafe", _("learning café")
    THEMABIJEENKOMST = "themabijeenkomst", _("theme session")
    ONTWIKKELBIJEENKOMST = "ontwikkelbijeenkomst", _("development session")
    INTERVISIE = "intervisie", _("peer consultation")
    SYMPOSIUM = "symposium", _("symposium")
    BEGELEIDERSBIJEENKOMST = "begeleidersbijeenkomst", _("mentor meeting")


class BijeenkomstStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("session status", "planned")
    CANCELLED = "cancelled", pgettext_lazy("session status", "cancelled")


class Reeks(models.Model):
    """A series of sessions created in one go, e.g. the leercafé every first Thursday."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnerschap = models.ForeignKey(
        Partnerschap, on_delete=models.PROTECT, default=default_partnerschap,
        related_name="reeksen", verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=200)
    soort = models.CharField(_("type"), max_length=30, choices=Soort.choices)
    description = models.CharField(_("rule"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class BijeenkomstQuerySet(models.QuerySet):
    def planned(self):
        return self.filter(status=BijeenkomstStatus.PLANNED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Bijeenkomst(models.Model):
    """A planned gathering (session): most run on Thursday afternoon."""

    # The person's own registration status where a selector asked for it
    # (selectors.with_my_status); None elsewhere, so that the session's status badge reads
    # an attribute instead of failing a lookup per row (issue 10: a failed template lookup
    # lists the object's attributes, 12 microseconds).
    my_status = None

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnerschap = models.ForeignKey(
        Partnerschap, on_delete=models.PROTECT, default=default_partnerschap,
        related_name="bijeenkomsten", verbose_name=_("partnership"),
    )
    soort = models.CharField(_("type"), max_length=30, choices=Soort.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("programme"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Empty means no limit. When full, new registrations join the waiting list."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BijeenkomstStatus.choices,
        default=BijeenkomstStatus.PLANNED,
    )
    reeks = models.ForeignKey(
        Reeks,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bijeenkomsten",
        verbose_name=_("series"),
    )
    instituut = models.ForeignKey(
        Instituut,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bijeenkomsten",
        verbose_name=_("organising institute"),
    )
    # The audience. An empty study-year string, level or school list means "all".
    for_students = models.BooleanField(_("students"), default=True)
    study_years = models.CharField(
        _("study years"),
        max_length=4,
        blank=True,
        help_text=_("The study years it is open to, e.g. 34; empty means all years."),
    )
    niveau = models.CharField(
        _("level"),
        max_length=3,
        choices=Niveau.choices,
        blank=True,
        help_text=_("Empty means hbo and wo."),
    )
    for_starters = models.BooleanField(_("starting teachers"), default=False)
    for_mentors = models.BooleanField(_("workplace mentors"), default=False)
    for_opleiders = models.BooleanField(_("teacher educators"), default=False)
    for_colleagues = models.BooleanField(_("all colleagues"), default=False)
    schools = models.ManyToManyField(
        School,
        blank=True,
        related_name="bijeenkomsten",
        verbose_name=_("schools"),
        help_text=_("Empty means every school of the partnership."),
    )
    experience_hours = models.DecimalField(
        _("experience hours"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
        help_text=_("Hours a student who attended may count as experience hours; 0 means none."),
    )
    # Raised on every change of time or place: calendars (SEQUENCE) and change notices use it.
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = BijeenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("meeting", "session")
        verbose_name_plural = pgettext_lazy("meeting", "sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="bijeenkomst_ends_after_start",
            )
        ]
        indexes = [
            # A partnership's agenda and session lists walk its own sessions in time order.
            models.Index(fields=["partnerschap", "starts_at"], name="bijeenkomst_partner_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bijeenkomsten:detail", kwargs={"uuid": self.uuid})

    @property
    def is_cancelled(self) -> bool:
        return self.status == BijeenkomstStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class AanmeldingStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("unregistered")


class Aanmelding(models.Model):
    """Someone registered for a session; holds their place on the waiting list and attendance."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.CASCADE,
        related_name="aanmeldingen",
        verbose_name=pgettext_lazy("meeting", "session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="aanmeldingen",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AanmeldingStatus.choices,
        default=AanmeldingStatus.REGISTERED,
    )
    # The waiting list moves up in the order people joined it.
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bijeenkomst", "user"], name="one_aanmelding_per_person")
        ]
        # A session's registrations by status: the planning's and a session page's counts
        # read only this index (issue 10: a partnership-wide session with thousands of
        # registrations took 1.5 ms a count from the table's rows).
        indexes = [models.Index(fields=["bijeenkomst", "status"], name="aanmelding_session_status")]

    def __str__(self):
        return f"{self.user} – {self.bijeenkomst}"


class UitnodigingStatus(models.TextChoices):
    PENDING = "pending", _("not answered yet")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class Uitnodiging(models.Model):
    """An expert colleague invited to a session, with their answer."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
        verbose_name=pgettext_lazy("meeting", "session"),
    )
    medewerker = models.ForeignKey(
        Medewerker,
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
        verbose_name=_("staff member"),
    )
    expertise = models.ForeignKey(
        Expertise,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("expertise"),
    )
    status = models.CharField(
        _("answer"),
        max_length=10,
        choices=UitnodigingStatus.choices,
        default=UitnodigingStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "medewerker"], name="one_uitnodiging_per_medewerker"
            )
        ]

    def __str__(self):
        return f"{self.medewerker} – {self.bijeenkomst}"



def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class KalenderFeed(models.Model):
    """The secret address of a person's calendar feed; a new token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kalenderfeed",
        verbose_name=_("person"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("bijeenkomsten:feed", kwargs={"token": self.token})
