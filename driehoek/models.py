"""The triangle's work on a placement: meetings with their notes and sign-off, learning goals,
action items, needs ("do we have something for this?") and interim evaluations.

The triangle itself is not stored here: it is the placement's active formal Begeleider rows
(werkplekbegeleider, schoolopleider, instituutsopleider) plus the student.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from begeleiding.models import Leervraag
from leerwerktaken.models import Curriculumbouwsteen, Invulling, Leeruitkomst
from opleidingsschool.models import Stage

USER = settings.AUTH_USER_MODEL


class GesprekStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "planned")
    HELD = "held", pgettext_lazy("meeting status", "held")
    AGREED = "agreed", pgettext_lazy("meeting status", "agreed")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "cancelled")


class Driehoeksgesprek(models.Model):
    """A triangle meeting (driehoeksgesprek): date, place, participants and the notes.

    The notes are a draft for the supervisors until `shared_at`; once every participant gave
    their Akkoord the record is locked (`locked_at`) and later changes are addenda.
    `notes_version` is the optimistic lock: a save names the version it started from.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="driehoeksgesprekken",
        verbose_name=_("placement"),
    )
    title = models.CharField(_("subject"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    deelnemers = models.ManyToManyField(
        USER, related_name="driehoeksgesprekken", verbose_name=_("participants")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GesprekStatus.choices, default=GesprekStatus.PLANNED
    )
    # Raised on every change of time or place, for the calendar invitation (SEQUENCE).
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    notes_progress = models.TextField(_("progress"), blank=True)
    notes_questions = models.TextField(_("the student's questions"), blank=True)
    notes_agreements = models.TextField(_("agreements"), blank=True)
    notes_version = models.PositiveIntegerField(_("version of the notes"), default=0)
    notes_updated_at = models.DateTimeField(_("notes updated at"), null=True, blank=True)
    notes_updated_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("notes updated by"),
    )
    shared_at = models.DateTimeField(_("shared with the student at"), null=True, blank=True)
    shared_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("shared by"),
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("planned by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("triangle meeting")
        verbose_name_plural = _("triangle meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["stage", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="driehoeksgesprek_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.stage.student})"

    def get_absolute_url(self):
        return reverse("driehoek:gesprek_detail", kwargs={"uuid": self.uuid})

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == GesprekStatus.CANCELLED

    @property
    def has_notes(self) -> bool:
        return bool(self.notes_progress or self.notes_questions or self.notes_agreements)


class Akkoord(models.Model):
    """One participant's agreement with the shared notes of a meeting."""

    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.CASCADE, related_name="akkoorden",
        verbose_name=_("triangle meeting"),
    )
    user = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("participant")
    )
    notes_version = models.PositiveIntegerField(_("version of the notes"))
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["given_at"]
        constraints = [
            models.UniqueConstraint(fields=["gesprek", "user"], name="one_akkoord_per_person")
        ]

    def __str__(self):
        return f"{self.user} – {self.gesprek}"


class Addendum(models.Model):
    """A later change to a locked meeting record: added below it, never rewriting it."""

    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.CASCADE, related_name="addenda",
        verbose_name=_("triangle meeting"),
    )
    author = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("addendum"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.gesprek}: {self.text[:40]}"


class WijzigingSoort(models.TextChoices):
    PLANNED = "planned", _("planned the meeting")
    CHANGED = "changed", _("changed the date or place")
    CANCELLED = "cancelled", _("cancelled the meeting")
    NOTES = "notes", _("changed the notes")
    SHARED = "shared", _("shared the notes with the student")
    AGREED = "agreed", _("gave agreement")
    LOCKED = "locked", _("record locked: everyone agreed")
    ADDENDUM = "addendum", _("added an addendum")
    GOAL = "goal", _("changed a learning goal")
    ACTION = "action", _("changed an action item")
    NEED = "need", _("changed a need")
    EVALUATION = "evaluation", _("changed an interim evaluation")
    GOAL_ADDED = "goal_added", _("added a learning goal")
    ACTION_ADDED = "action_added", _("added an action item")
    NEED_ADDED = "need_added", _("added a need")
    EVALUATION_ADDED = "evaluation_added", _("added an interim evaluation")


class Wijziging(models.Model):
    """One line of the history: who changed what, when."""

    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="driehoek_wijzigingen",
        verbose_name=_("placement"),
    )
    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.CASCADE, null=True, blank=True,
        related_name="wijzigingen", verbose_name=_("triangle meeting"),
    )
    user = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    soort = models.CharField(_("what"), max_length=20, choices=WijzigingSoort.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("history")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user}: {self.get_soort_display()}"


class LeerdoelStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("goal status", "working on it")
    ACHIEVED = "achieved", pgettext_lazy("goal status", "achieved")
    DROPPED = "dropped", pgettext_lazy("goal status", "dropped")


class Leerdoel(models.Model):
    """A learning goal (leerdoel) for a study year, agreed in a triangle meeting."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="leerdoelen", verbose_name=_("placement")
    )
    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="leerdoelen", verbose_name=_("agreed in"),
    )
    study_year = models.PositiveSmallIntegerField(
        _("study year"), choices=[(year, str(year)) for year in range(1, 5)]
    )
    title = models.CharField(pgettext_lazy("goal", "goal"), max_length=200)
    description = models.TextField(_("how we will see it"), blank=True)
    leeruitkomsten = models.ManyToManyField(
        Leeruitkomst, related_name="leerdoelen", verbose_name=_("learning outcomes")
    )
    invullingen = models.ManyToManyField(
        Invulling, blank=True, related_name="leerdoelen",
        verbose_name=_("school-specific interpretations"),
    )
    leervragen = models.ManyToManyField(
        Leervraag, blank=True, related_name="leerdoelen", verbose_name=_("learning questions")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LeerdoelStatus.choices, default=LeerdoelStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("learning goal")
        verbose_name_plural = _("learning goals")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("driehoek:leerdoel_edit", kwargs={"uuid": self.uuid})


class Actiepunt(models.Model):
    """An action item (actiepunt): an agreement with an owner and a due date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="actiepunten", verbose_name=_("placement")
    )
    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="actiepunten", verbose_name=_("agreed in"),
    )
    description = models.CharField(pgettext_lazy("action item", "what"), max_length=300)
    owner = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="driehoek_actiepunten",
        verbose_name=_("who"),
    )
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("done by"),
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["done_at", "due_date"])]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("driehoek:actiepunt_edit", kwargs={"uuid": self.uuid})

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_date < timezone.localdate()


class BehoefteStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("need status", "to be decided")
    LINKED = "linked", pgettext_lazy("need status", "we have something")
    TO_DEVELOP = "to_develop", pgettext_lazy("need status", "to be developed")


class Behoefte(models.Model):
    """A need that came up in the triangle: "do we have something for this, or must we make
    it?" Linked to a curriculum building block, or marked to be developed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="behoeften", verbose_name=_("placement")
    )
    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="behoeften", verbose_name=_("raised in"),
    )
    description = models.CharField(_("what is needed"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=BehoefteStatus.choices, default=BehoefteStatus.OPEN
    )
    bouwsteen = models.ForeignKey(
        Curriculumbouwsteen, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="behoeften", verbose_name=_("curriculum building block"),
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="linked") & models.Q(bouwsteen__isnull=False))
                | (~models.Q(status="linked") & models.Q(bouwsteen__isnull=True)),
                name="behoefte_linked_has_bouwsteen",
            ),
        ]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("driehoek:behoefte_edit", kwargs={"uuid": self.uuid})


class Ontwikkelniveau(models.IntegerChoices):
    NOT_VISIBLE = 1, _("not yet visible")
    DEVELOPING = 2, _("developing")
    START_LEVEL = 3, _("at start level")


class Tussenevaluatie(models.Model):
    """An interim evaluation (tussenevaluatie): the triangle rates the student on each
    learning outcome. A draft for the supervisors until shared with the student."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="tussenevaluaties",
        verbose_name=_("placement"),
    )
    date = models.DateField(_("date"))
    summary = models.TextField(_("overall picture"), blank=True)
    shared_at = models.DateTimeField(_("shared with the student at"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("interim evaluation")
        verbose_name_plural = _("interim evaluations")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.stage.student} {self.date:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("driehoek:tussenevaluatie_detail", kwargs={"uuid": self.uuid})

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None


class Oordeel(models.Model):
    """The rating of one learning outcome in one interim evaluation, with evidence."""

    tussenevaluatie = models.ForeignKey(
        Tussenevaluatie, on_delete=models.CASCADE, related_name="oordelen",
        verbose_name=_("interim evaluation"),
    )
    leeruitkomst = models.ForeignKey(
        Leeruitkomst, on_delete=models.PROTECT, related_name="driehoek_oordelen",
        verbose_name=_("learning outcome"),
    )
    niveau = models.PositiveSmallIntegerField(_("level"), choices=Ontwikkelniveau.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    narrative = models.TextField(_("in short"), blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["leeruitkomst__position", "leeruitkomst__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["tussenevaluatie", "leeruitkomst"], name="one_oordeel_per_leeruitkomst"
            ),
            models.CheckConstraint(
                condition=models.Q(niveau__gte=1) & models.Q(niveau__lte=3),
                name="oordeel_niveau_1_to_3",
            ),
        ]

    def __str__(self):
        return f"{self.leeruitkomst.code}: {self.get_niveau_display()}"
