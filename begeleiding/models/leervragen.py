"""Learning questions and the comments on them."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerktaken.models import Leeruitkomst
from opleidingsschool.models import (
    Expertise,
    Student,
    User,
)
from opleidingsschool.urlmemo import reverse


class LeervraagStatus(models.TextChoices):
    OPEN = "open", _("open")
    WORKING = "working", _("working on it")
    ANSWERED = "answered", _("answered")


class Visibility(models.TextChoices):
    """Who may read a learning question or a day-log reflection besides the student."""

    MENTORS = "mentors", _("my mentors")
    PRIVATE = "private", _("only me")


class LeervraagQuerySet(models.QuerySet):
    def current(self):
        """Not archived and not yet answered: what the student is working on."""
        return self.filter(archived_at__isnull=True).exclude(status=LeervraagStatus.ANSWERED)

    def shared(self):
        """The questions the student shares with their mentors (not marked "only me")."""
        return self.filter(visibility=Visibility.MENTORS)


class Leervraag(models.Model):
    """A learning question (leervraag): something the student wants to learn, from practice."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="leervragen", verbose_name=_("student")
    )
    title = models.CharField(_("title"), max_length=200)
    situation = models.TextField(_("the situation"))
    goal = models.TextField(_("what I want to learn"))
    status = models.CharField(
        _("status"), max_length=10, choices=LeervraagStatus.choices, default=LeervraagStatus.OPEN
    )
    closing_reflection = models.TextField(_("closing reflection"), blank=True)
    leeruitkomsten = models.ManyToManyField(
        Leeruitkomst, blank=True, related_name="leervragen", verbose_name=_("learning outcomes")
    )
    expertises = models.ManyToManyField(
        Expertise, blank=True, related_name="leervragen", verbose_name=_("expertise")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    visibility = models.CharField(
        _("who may see this"), max_length=10, choices=Visibility.choices,
        default=Visibility.MENTORS,
    )

    objects = LeervraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning question")
        verbose_name_plural = _("learning questions")
        ordering = ["-last_activity_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("begeleiding:leervraag_detail", kwargs={"uuid": self.uuid})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_answered(self) -> bool:
        return self.status == LeervraagStatus.ANSWERED

    @property
    def is_private(self) -> bool:
        return self.visibility == Visibility.PRIVATE


class Reactie(models.Model):
    """A comment on a learning question, by the student or one of their mentors."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    leervraag = models.ForeignKey(
        Leervraag, on_delete=models.CASCADE, related_name="reacties",
        verbose_name=_("learning question"),
    )
    author = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"
