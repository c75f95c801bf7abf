"""Assignments of a task to students, their submissions with versions and files, and feedback."""

import os
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import Student
from opleidingsschool.urlmemo import reverse

from .curriculum import Leeruitkomst, Leerwerktaak


class Toewijzing(models.Model):
    """A learning-work task given to one student or to a group (also across schools), with a
    due date; a group shares one submission."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    leerwerktaak = models.ForeignKey(
        Leerwerktaak, on_delete=models.PROTECT, related_name="toewijzingen",
        verbose_name=_("learning-work task"),
    )
    students = models.ManyToManyField(
        Student, related_name="toewijzingen", verbose_name=_("students")
    )
    due_date = models.DateField(_("due date"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return f"{self.leerwerktaak} ({self.due_date:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("leerwerktaken:toewijzing_detail", kwargs={"uuid": self.uuid})


class InleveringStatus(models.TextChoices):
    CONCEPT = "concept", _("draft")
    HANDED_IN = "handed_in", _("handed in")
    FEEDBACK_GIVEN = "feedback_given", _("feedback given")
    COMPLETED = "completed", _("completed")


class Inlevering(models.Model):
    """What a student (or a group) hands in for an assignment: the working text, its files
    and the versions handed in."""

    toewijzing = models.OneToOneField(
        Toewijzing, on_delete=models.CASCADE, related_name="inlevering",
        verbose_name=_("assignment"),
    )
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InleveringStatus.choices,
        default=InleveringStatus.CONCEPT,
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    handed_in_at = models.DateTimeField(_("handed in at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("completed by"),
    )
    evidence_leeruitkomsten = models.ManyToManyField(
        Leeruitkomst, blank=True, related_name="evidence_inleveringen",
        verbose_name=_("evidence for learning outcomes"),
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["toewijzing__due_date"]

    def __str__(self):
        return str(self.toewijzing)

    @property
    def is_completed(self) -> bool:
        return self.status == InleveringStatus.COMPLETED


class InleveringVersie(models.Model):
    """One handed-in version of a submission; earlier versions are kept."""

    inlevering = models.ForeignKey(
        Inlevering, on_delete=models.CASCADE, related_name="versies",
        verbose_name=_("submission"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    handed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("handed in by"),
    )
    created_at = models.DateTimeField(_("handed in at"), default=timezone.now)

    class Meta:
        verbose_name = _("submission version")
        verbose_name_plural = _("submission versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["inlevering", "number"], name="unique_versie_number")
        ]

    def __str__(self):
        return f"{self.inlevering} v{self.number}"


def bestand_upload_to(instance, filename: str) -> str:
    """Private storage: never under a public URL; the name on disk is not guessable."""
    extension = os.path.splitext(filename)[1].lower()
    return f"private/inleveringen/{instance.inlevering.toewijzing.uuid}/{uuid.uuid4().hex}{extension}"


class Bestand(models.Model):
    """A file of a submission. Served only by a view that checks access."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inlevering = models.ForeignKey(
        Inlevering, on_delete=models.CASCADE, related_name="bestanden",
        verbose_name=_("submission"),
    )
    versie = models.ForeignKey(
        InleveringVersie, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="bestanden", verbose_name=_("version"),
        help_text=_("Empty while the file belongs to the draft."),
    )
    file = models.FileField(_("file"), upload_to=bestand_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("leerwerktaken:bestand_download", kwargs={"uuid": self.uuid})


class Beoordeling(models.TextChoices):
    NOT_YET = "not_yet", _("not yet shown")
    DEVELOPING = "developing", _("developing")
    AT_LEVEL = "at_level", _("at the expected level")
    BEYOND = "beyond", _("beyond the expected level")


class Feedback(models.Model):
    """Feedback on a submission by a member of a student's triangle."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inlevering = models.ForeignKey(
        Inlevering, on_delete=models.CASCADE, related_name="feedback",
        verbose_name=_("submission"),
    )
    versie = models.ForeignKey(
        InleveringVersie, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="feedback", verbose_name=_("version"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
        related_name="+", verbose_name=_("author"),
    )
    text = models.TextField(_("overall feedback"), blank=True)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.inlevering} – {self.author}"


class FeedbackRegel(models.Model):
    """Feedback on one assessment criterion."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="regels", verbose_name=_("feedback")
    )
    criterion = models.CharField(_("criterion"), max_length=300)
    rating = models.CharField(_("rating"), max_length=20, choices=Beoordeling.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("feedback per criterion")
        verbose_name_plural = _("feedback per criterion")
        ordering = ["position"]

    def __str__(self):
        return self.criterion
